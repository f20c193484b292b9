/**
 * Name resolution shared by neuron and synapse analysis: which names are reserved, what a symbol
 * in an expression refers to, and whether a statement of a given locality may read it. Also
 * collects what the model uses (random draws, global operations, Constants, functions).
 */
import type { Expr, Owner, RandomDistName } from './ast.js';
import type { Attribute, FunctionDef, GlobalOpUse, Locality, RandomUse, SourceRef } from './description.js';
import { EquationError, NeurarchyError } from '../errors.js';
import { makeDistribution } from '../core/make-distribution.js';
import { BUILTINS } from './builtins.js';
import { KEYWORDS, escapeText, shownText } from './lexer.js';
import { DISTRIBUTIONS, GLOBAL_OPS } from './parser.js';

/** Names that cannot be attributes (ANNarchy's list, built-in functions and the language's own words). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  't', 'dt', 't_pre', 't_post', 't_last', 'last_spike', 'rk_post', 'rk_pre', 'i', 'j', 'active', 'refractory', 'size',
  'pi', 'sum', 'ite', 'pre', 'post', 'g_target',
  ...BUILTINS.keys(), ...GLOBAL_OPS, ...DISTRIBUTIONS.keys(), ...KEYWORDS,
]);

/** Everything the analysis of one model knows about names. */
export interface ModelScope {
  model: string;
  kind: 'neuron' | 'synapse';
  type: 'rate' | 'spike';
  attributes: Map<string, Attribute>;
  constants: ReadonlySet<string>;
  localFunctions: ReadonlyMap<string, FunctionDef>;
  globalFunctions: ReadonlyMap<string, FunctionDef>;
  /* What the model uses, filled while checking. */
  usedConstants: Set<string>;
  usedGlobalFunctions: Set<string>;
  randoms: RandomUse[];
  globalOps: GlobalOpUse[];
  /** Synapses: pre/post attributes and sums read. */
  preDependencies: Set<string>;
  postDependencies: Set<string>;
  preSums: Set<string>;
  postSums: Set<string>;
  /** Neurons: targets of `sum(x)` and whether `sum()` is used. */
  sumTargets: Set<string>;
  usesSumAll: boolean;
}

/** Creates an empty scope. */
export function newScope(model: string, kind: 'neuron' | 'synapse', type: 'rate' | 'spike', ctx: {
  constants: ReadonlySet<string>; globalFunctions: ReadonlyMap<string, FunctionDef>;
}): ModelScope {
  return {
    model, kind, type, attributes: new Map(), constants: ctx.constants, localFunctions: new Map(), globalFunctions: ctx.globalFunctions,
    usedConstants: new Set(), usedGlobalFunctions: new Set(), randoms: [], globalOps: [],
    preDependencies: new Set(), postDependencies: new Set(), preSums: new Set(), postSums: new Set(), sumTargets: new Set(), usesSumAll: false,
  };
}

/** Where an expression is used: the statement's locality and source, and what it may contain. */
export interface UseSite {
  locality: Locality;
  source: SourceRef;
  /** Random draws allowed (not in bounds, conditions of stop, parameter values…). */
  allowRandom?: boolean;
  /** Global operations allowed. */
  allowGlobalOps?: boolean;
}

/** An EquationError at `source` of `scope`'s model. */
export function errorAt(scope: { model: string }, source: SourceRef, message: string, symbol?: string): EquationError {
  return new EquationError(escapeText(message), {
    model: scope.model, field: source.block, line: source.line || undefined,
    symbol: symbol === undefined ? undefined : shownText(symbol), text: source.text ? shownText(source.text) : undefined,
  });
}

const LOCALITY_RANK: Record<Locality, number> = { global: 0, semiglobal: 1, local: 2 };

/** Whether a statement of locality `site` may read a value of locality `value`. */
function readable(site: Locality, value: Locality): boolean {
  return LOCALITY_RANK[value] <= LOCALITY_RANK[site];
}

function describe(l: Locality, kind: 'neuron' | 'synapse'): string {
  if (kind === 'neuron') return l === 'global' ? 'a population-wide (: population)' : 'a per-neuron';
  return l === 'global' ? 'a projection-wide (: projection)' : l === 'semiglobal' ? 'a per-post-neuron (: postsynaptic)' : 'a per-synapse';
}

/** The locality of a special name, undefined when `name` is not special for this model. */
function specialLocality(scope: ModelScope, name: string): Locality | undefined {
  switch (name) {
    case 't': case 'dt': case 'pi': return 'global';
    case 't_last': return scope.kind === 'neuron' && scope.type === 'spike' ? 'local' : undefined;
    case 't_pre': return scope.kind === 'synapse' ? 'local' : undefined;
    case 't_post': return scope.kind === 'synapse' ? 'semiglobal' : undefined;
    default: return undefined;
  }
}

/** Checks a call's arity and records global functions; returns the function's parameter count. */
function checkCall(scope: ModelScope, site: UseSite, e: Extract<Expr, { kind: 'call' }>): void {
  const local = scope.localFunctions.get(e.name);
  const global = local ? undefined : scope.globalFunctions.get(e.name);
  const builtin = local || global ? undefined : BUILTINS.get(e.name);
  const arity = local ? [local.params.length] : global ? [global.params.length] : builtin?.arity;
  if (!arity) throw errorAt(scope, site.source, `unknown function '${e.name}'`, e.name);
  if (!arity.includes(e.args.length)) {
    throw errorAt(scope, site.source, `${e.name}() takes ${arity.join(' or ')} argument(s), got ${e.args.length}`, e.name);
  }
  if (global) scope.usedGlobalFunctions.add(e.name);
}

/**
 * Checks that every name of `expr` resolves and may be read at `site`, and records random draws,
 * global operations, Constants, functions and pre/post dependencies.
 */
export function checkExpr(scope: ModelScope, expr: Expr, site: UseSite): void {
  const fail = (message: string, symbol: string): never => { throw errorAt(scope, site.source, message, symbol); };
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'num': case 'bool': return;
      case 'sym': {
        const a = scope.attributes.get(e.name);
        if (a) {
          if (!readable(site.locality, a.locality)) {
            fail(`${describe(site.locality, scope.kind)} equation cannot read ${describe(a.locality, scope.kind)} attribute '${e.name}'`, e.name);
          }
          return;
        }
        const special = specialLocality(scope, e.name);
        if (special) {
          if (!readable(site.locality, special)) fail(`'${e.name}' cannot be read in ${describe(site.locality, scope.kind)} equation`, e.name);
          if (e.name === 't_pre') scope.preDependencies.add('last_spike');
          if (e.name === 't_post') scope.postDependencies.add('last_spike');
          return;
        }
        if (scope.constants.has(e.name)) { scope.usedConstants.add(e.name); return; }
        if (e.name === 't_last' || e.name === 't_pre' || e.name === 't_post') {
          fail(`'${e.name}' is only defined in ${e.name === 't_last' ? 'spiking neurons' : 'synapses'}`, e.name);
        }
        if (e.name.includes('/')) fail(`a derivative can only appear on the left side of an ODE`, e.name);
        fail(`unknown symbol '${e.name}' (not a parameter, variable or Constant of this model)`, e.name);
        return;
      }
      case 'attr': {
        if (scope.kind !== 'synapse') fail(`'${e.owner}.${e.name}' is only meaningful in a synapse`, `${e.owner}.${e.name}`);
        const l: Locality = e.owner === 'pre' ? 'local' : 'semiglobal';
        if (!readable(site.locality, l)) {
          fail(`${describe(site.locality, scope.kind)} equation cannot read '${e.owner}.${e.name}'`, `${e.owner}.${e.name}`);
        }
        (e.owner === 'pre' ? scope.preDependencies : scope.postDependencies).add(e.name);
        return;
      }
      case 'sum': {
        const text = `${e.owner === 'self' ? '' : `${e.owner}.`}sum(${e.target ?? ''})`;
        if (scope.kind === 'neuron') {
          if (e.owner !== 'self') fail(`'${text}' is only meaningful in a synapse`, text);
          if (scope.type === 'spike') fail(`spiking neurons receive their inputs in conductances g_target, not in ${text}`, text);
          if (site.locality !== 'local') fail(`${describe(site.locality, scope.kind)} equation cannot read the per-neuron ${text}`, text);
          if (e.target === null) scope.usesSumAll = true; else scope.sumTargets.add(e.target);
          return;
        }
        if (e.owner === 'self') fail(`a synapse reads weighted sums through pre.sum(target) or post.sum(target)`, text);
        if (!readable(site.locality, e.owner === 'pre' ? 'local' : 'semiglobal')) fail(`${describe(site.locality, scope.kind)} equation cannot read ${text}`, text);
        if (e.target === null) return fail(`${text}: name the target (${e.owner}.sum(exc))`, text);
        (e.owner === 'pre' ? scope.preSums : scope.postSums).add(e.target);
        return;
      }
      case 'globalop': {
        const text = `${e.op}(${e.owner === 'self' ? '' : `${e.owner}.`}${e.variable})`;
        if (!site.allowGlobalOps) fail(`global operation ${text} is not allowed here`, text);
        if (scope.kind === 'neuron') {
          if (e.owner !== 'self') fail(`'${text}' is only meaningful in a synapse`, text);
          const a = scope.attributes.get(e.variable);
          if (!a) return fail(`${text}: unknown variable '${e.variable}'`, e.variable);
          if (a.locality !== 'local') fail(`${text}: the argument of a global operation must be a per-neuron variable`, e.variable);
        } else if (e.owner === 'self') {
          fail(`${text}: global operations in synapses apply to pre.x or post.x, not to synaptic variables`, text);
        }
        if (!scope.globalOps.some((g) => g.op === e.op && g.owner === e.owner && g.variable === e.variable)) {
          scope.globalOps.push({ op: e.op, owner: e.owner, variable: e.variable });
        }
        return;
      }
      case 'rand': {
        if (!site.allowRandom) fail(`random draw ${e.dist}(…) is not allowed here`, e.dist);
        for (const arg of e.args) checkRandomArgument(scope, site, e.dist, arg);
        checkLiteralDistribution(scope, site, e.dist, e.args);
        scope.randoms.push({ id: e.id, dist: e.dist, args: e.args, locality: site.locality });
        return;
      }
      case 'call':
        checkCall(scope, site, e);
        pending.push(...[...e.args].reverse());
        return;
      case 'unary': pending.push(e.arg); return;
      case 'binary': pending.push(e.right, e.left); return;
      case 'cond': pending.push(e.else, e.then, e.test); return;
    }
  };
  // An explicit stack rather than recursion: a flat sum of thousands of terms is that deep.
  const pending: Expr[] = [expr];
  while (pending.length > 0) visit(pending.pop()!);
}

/** Arguments of random draws: literal numbers, global parameters or Constants. */
function checkRandomArgument(scope: ModelScope, site: UseSite, dist: string, arg: Expr): void {
  const literal = arg.kind === 'num' || (arg.kind === 'unary' && (arg.op === '-' || arg.op === '+') && arg.arg.kind === 'num');
  if (literal) return;
  if (arg.kind === 'sym') {
    const a = scope.attributes.get(arg.name);
    if (a && a.role === 'parameter' && a.locality === 'global') return;
    if (!a && scope.constants.has(arg.name)) { scope.usedConstants.add(arg.name); return; }
    throw errorAt(scope, site.source, `the arguments of ${dist}() must be numbers or global parameters ('${arg.name}' is ${a ? `a ${a.locality} ${a.role}` : 'unknown'})`, arg.name);
  }
  throw errorAt(scope, site.source, `the arguments of ${dist}() must be numbers or global parameters, not expressions`, dist);
}

/**
 * Arguments that are all literal numbers are checked as they are for an `init=` value or a
 * `new Normal(…)` (`Normal(0, -1)`, `Uniform(1, 0)` refused), by building the distribution once.
 */
function checkLiteralDistribution(scope: ModelScope, site: UseSite, dist: RandomDistName, args: Expr[]): void {
  const values = args.map(literalValue);
  if (values.some((v) => v === undefined)) return;
  try {
    makeDistribution(dist, values as number[]);
  } catch (e) {
    if (!(e instanceof NeurarchyError)) throw e;
    throw errorAt(scope, site.source, `invalid random distribution: ${e.message}`, dist);
  }
}

/** The value of a literal number (`2`, `-1.5`), undefined for anything else. */
function literalValue(e: Expr): number | undefined {
  if (e.kind === 'num') return e.value;
  if (e.kind === 'unary' && e.arg.kind === 'num') return e.op === '-' ? -e.arg.value : e.op === '+' ? e.arg.value : undefined;
  return undefined;
}

/** Fails when `name` cannot be the name of an attribute. */
export function checkAttributeName(scope: ModelScope, name: string, source: SourceRef): void {
  if (RESERVED_NAMES.has(name)) throw errorAt(scope, source, `'${name}' is a reserved name and cannot be a parameter or variable`, name);
  if (scope.kind === 'synapse' && name === 'delay') {
    throw errorAt(scope, source, `'delay' is the projection's synaptic delay (proj.delay, the connectors' delays): choose another name`, name);
  }
  if (name.startsWith('_')) throw errorAt(scope, source, `names starting with '_' are reserved for neurarchy's temporaries`, name);
  if (scope.constants.has(name)) throw errorAt(scope, source, `'${name}' is already the name of a Constant`, name);
  if (scope.localFunctions.has(name) || scope.globalFunctions.has(name)) throw errorAt(scope, source, `'${name}' is already the name of a function`, name);
}

/** The attribute written by a statement of `owner`'s side, as written in messages. */
export function targetText(owner: Owner, target: string): string {
  return owner === 'self' ? target : target === 'g_target' ? 'g_target' : `${owner}.${target}`;
}
