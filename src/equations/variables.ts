/**
 * The `equations` field, shared by neurons and synapses: each definition becomes a variable with
 * its flags (locality, type, init, bounds, method), and the definitions become update sections —
 * global first, then semiglobal (synapses), then local — in which consecutive ODEs form one block.
 */
import type { Expr } from './ast.js';
import type { Assignment, Attribute, Locality, MethodName, SourceRef, UpdateSection, UpdateStep } from './description.js';
import type { IdCounter } from './parser.js';
import { parseDefinition, splitDefinitions, type Definition } from './definitions.js';
import { checkAllowed } from './flags.js';
import { parseExpression } from './parser.js';
import { integrateBlock, solveForDerivative, type OdeEquation } from './methods.js';
import { declare, localityFlagError, localityOf, parseInit } from './parameters.js';
import { checkExpr, errorAt, type ModelScope } from './symbols.js';

/** One definition of the `equations` field, after analysis. */
export interface EquationItem {
  name: string;
  definition: Definition;
  locality: Locality;
  /** ODEs: the method, and the right-hand side of `dx/dt = f` (set by `resolveEquations`). */
  method?: MethodName;
  f?: Expr;
}

const EQUATION_FLAGS = new Set(['init', 'min', 'max', 'population', 'projection', 'postsynaptic', 'explicit', 'implicit', 'semiimplicit',
  'exponential', 'midpoint', 'rk4', 'runge-kutta4', 'exact', 'event-driven', 'unless_refractory', 'int', 'bool', 'float']);

/**
 * Declares one variable per definition of `field` (first pass: names, flags, localities); values,
 * bounds and initial values are checked later by `resolveEquations`, once every name is known.
 */
export function declareEquations(scope: ModelScope, field: string | readonly string[] | undefined, ids: IdCounter, defaultMethod: MethodName): EquationItem[] {
  const items: EquationItem[] = [];
  for (const line of splitDefinitions(field)) {
    const def = parseDefinition(line, 'equations', scope.model, ids);
    const { statement: st, flags, source } = def;
    checkAllowed(flags, EQUATION_FLAGS, 'in equations', { model: scope.model, field: 'equations', line: line.line }, line.text);
    if (st.kind === 'assign' && st.target.kind !== 'sym') {
      const t = st.target.kind === 'attr' ? `${st.target.owner}.${st.target.name}` : '?';
      throw errorAt(scope, source, `equations can only define the model's own variables (found '${t}'); write to pre/post attributes in pre_spike/post_spike`, t);
    }
    const name = st.kind === 'ode' ? st.variable : (st.target as { name: string }).name;
    const locality = localityOf(flags.locality, scope.kind);
    if (!locality) throw localityFlagError(scope, source, flags.locality!);
    let method: MethodName | undefined;
    if (st.kind === 'ode') {
      method = flags.method ?? defaultMethod;
      if (method === 'event-driven') {
        if (scope.kind === 'neuron') throw errorAt(scope, source, `'event-driven' is only for variables of spiking synapses`, 'event-driven');
        if (scope.type !== 'spike') throw errorAt(scope, source, `'event-driven' needs a spiking pre-synaptic population`, 'event-driven');
        if (locality !== 'local') throw errorAt(scope, source, `an event-driven variable must be per synapse (no ${flags.locality} flag)`, name);
      }
    }
    const attr: Attribute = {
      name, role: 'variable', locality, type: flags.type ?? 'float', init: { kind: 'number', value: 0 }, method, source,
    };
    declare(scope, attr);
    items.push({ name, definition: def, locality, method });
  }
  return items;
}

/** Sets `attr.init` from its `init=` text. */
export function resolveInit(scope: ModelScope, attr: Attribute, text: string | undefined): void {
  if (text === undefined) return;
  const { init } = parseInit(scope, text, attr.source);
  if (init.kind === 'ref') {
    if (init.name === attr.name) throw errorAt(scope, attr.source, `'${attr.name}' cannot be initialised from itself`, attr.name);
    if (!scope.attributes.has(init.name)) scope.usedConstants.add(init.name);
  }
  attr.init = attr.type === 'int' && init.kind === 'number' ? { kind: 'number', value: Math.trunc(init.value) } : init;
}

/** Parses and checks a `min=` / `max=` bound of a statement of `locality`. */
export function parseBound(scope: ModelScope, text: string | undefined, locality: Locality, source: SourceRef): Expr | undefined {
  if (text === undefined) return undefined;
  const e = parseExpression(text, { model: scope.model, field: source.block, line: source.line, text: source.text }, { allowIf: false });
  checkExpr(scope, e, { locality, source });
  return e;
}

/** Second pass: solves ODEs for their derivative, checks every expression, sets init and bounds. */
export function resolveEquations(scope: ModelScope, items: EquationItem[]): void {
  for (const item of items) {
    const { statement: st, flags, source } = item.definition;
    const attr = scope.attributes.get(item.name)!;
    const site = { locality: item.locality, source, allowRandom: true, allowGlobalOps: true };
    if (st.kind === 'ode') {
      item.f = solveForDerivative(st.lhs, st.rhs, st.variable, scope.model, source);
      checkExpr(scope, item.f, site);
    } else {
      checkExpr(scope, st.value, site);
    }
    resolveInit(scope, attr, flags.init);
    attr.min = parseBound(scope, flags.min, item.locality, source);
    attr.max = parseBound(scope, flags.max, item.locality, source);
  }
}

/** The update steps of one locality: consecutive ODEs form one block, an assignment closes it. */
function stepsOf(scope: ModelScope, items: readonly EquationItem[]): UpdateStep[] {
  const steps: UpdateStep[] = [];
  let block: OdeEquation[] = [];
  const flush = () => {
    if (block.length) steps.push(integrateBlock(block, scope.model));
    block = [];
  };
  for (const item of items) {
    const { statement: st, source } = item.definition;
    if (st.kind === 'ode') {
      block.push({ variable: item.name, f: item.f!, method: item.method!, source });
      continue;
    }
    flush();
    const a: Assignment = { kind: 'assign', owner: 'self', target: item.name, op: st.op, value: st.value, source };
    steps.push(a);
  }
  flush();
  return steps;
}

/**
 * Sections in evaluation order (every locality of the model kind is present, possibly with no
 * steps): neurons `global`, `local`; synapses `global`, `semiglobal`, `local`. Event-driven
 * variables are not in any section (they are integrated at events).
 */
export function buildSections(scope: ModelScope, items: readonly EquationItem[]): UpdateSection[] {
  const order: Locality[] = scope.kind === 'neuron' ? ['global', 'local'] : ['global', 'semiglobal', 'local'];
  return order.map((locality) => ({
    locality,
    steps: stepsOf(scope, items.filter((i) => i.locality === locality && i.method !== 'event-driven')),
  }));
}
