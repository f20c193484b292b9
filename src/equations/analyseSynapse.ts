/**
 * Analysis of a synapse: from `SynapseSpec` to the checked `SynapseDescription` for a given
 * pre-synaptic neuron type (dossier §1.3, §2.2, §2.6–2.8).
 */
import type { Expr } from './ast.js';
import type { Assignment, Attribute, EventDrivenVariable, InitValue, SourceRef, SynapseDescription } from './description.js';
import type { SynapseFields, SynapseSpec } from './spec.js';
import { toFields } from './fields.js';
import type { IdCounter } from './parser.js';
import { parseDefinition, splitDefinitions, type Definition } from './definitions.js';
import { checkAllowed } from './flags.js';
import { parseExpression } from './parser.js';
import { symbolsOf } from './algebra.js';
import { relaxation } from './methods.js';
import { exprToString } from './printer.js';
import { addParameters, declare, parseInit } from './parameters.js';
import { addLocalFunctions, checkUsedGlobalFunctions } from './functions.js';
import { buildSections, declareEquations, parseBound, resolveEquations, resolveInit, type EquationItem } from './variables.js';
import { checkExpr, errorAt, newScope, type ModelScope } from './symbols.js';
import { guardStack } from './limits.js';
import { EquationError } from '../errors.js';
import { dedupeRandoms, type AnalysisContext } from './analyseNeuron.js';

type EventBlock = 'pre_spike' | 'post_spike' | 'pre_axon_spike';

interface EventStatement {
  def: Definition;
  owner: 'self' | 'pre' | 'post';
  target: string;
  /** The statement declared its (implicit) variable: its `: init` gives the initial value. */
  declares?: boolean;
}

/** Parses an event field; undeclared targets become implicit per-synapse variables. */
function parseEventField(scope: ModelScope, field: string | string[] | undefined, block: EventBlock, ids: IdCounter): EventStatement[] {
  const allowed = new Set(['init', 'min', 'max', 'unless_refractory', ...(block === 'pre_spike' ? ['unless_post'] : [])]);
  return splitDefinitions(field).map((line) => {
    const def = parseDefinition(line, block, scope.model, ids);
    checkAllowed(def.flags, allowed, `in '${block}'`, { model: scope.model, field: block, line: line.line }, line.text);
    const st = def.statement;
    if (st.kind === 'ode') throw errorAt(scope, def.source, `'${block}' can only contain assignments, not ODEs`, `d${st.variable}/dt`);
    const name = st.target.kind === 'attr' ? `${st.target.owner}.${st.target.name}` : (st.target as { name: string }).name;
    if (def.flags.init !== undefined && (st.target.kind === 'attr' || name === 'g_target')) {
      const neuron = st.target.kind === 'attr' ? st.target.owner : 'post';
      throw errorAt(scope, def.source, `flag 'init' gives the initial value of a synaptic variable; '${name}' belongs to the ${neuron}-synaptic neuron (give its init in the neuron)`, 'init');
    }
    if (st.target.kind === 'attr') return { def, owner: st.target.owner, target: st.target.name };
    if (name === 'g_target') {
      if (block === 'post_spike') throw errorAt(scope, def.source, `g_target can only be written in pre_spike`, 'g_target');
      return { def, owner: 'post', target: 'g_target' };
    }
    // ANNarchy: a variable first written in an event statement is a synaptic variable, initialised by
    // that statement's `: init` (0 without one).
    if (!scope.attributes.has(name)) {
      declare(scope, {
        name, role: 'variable', locality: 'local', type: 'float', init: { kind: 'number', value: 0 }, implicit: true, source: def.source,
      });
      return { def, owner: 'self', target: name, declares: true };
    }
    return { def, owner: 'self', target: name };
  });
}

/** Checks event statements (all per synapse) and turns them into Assignments. */
function resolveEvents(scope: ModelScope, statements: EventStatement[]): Assignment[] {
  return statements.map(({ def, owner, target, declares }) => {
    const st = def.statement as Extract<Definition['statement'], { kind: 'assign' }>;
    if (owner === 'self') {
      const a = scope.attributes.get(target)!;
      if (declares) resolveInit(scope, a, def.flags.init);
      else if (def.flags.init !== undefined) checkSameInit(scope, a, def);
      // A weight written by events is plastic. Other parameters may be written too (ANNarchy
      // accepts `wc += xc` in pre_spike): the statement runs once per synapse that receives the
      // event, on the parameter's one value per synapse, per post-synaptic neuron or per projection.
      if (a.role === 'parameter' && target === 'w') a.role = 'variable';
    } else if (owner !== 'post' || target !== 'g_target') {
      (owner === 'pre' ? scope.preDependencies : scope.postDependencies).add(target);
    }
    checkExpr(scope, st.value, { locality: 'local', source: def.source, allowRandom: true, allowGlobalOps: true });
    const a: Assignment = { kind: 'assign', owner, target, op: st.op, value: st.value, source: def.source };
    if (def.flags.unlessPost) a.unlessPost = true;
    const min = parseBound(scope, def.flags.min, 'local', def.source);
    const max = parseBound(scope, def.flags.max, 'local', def.source);
    if (min) a.min = min;
    if (max) a.max = max;
    return a;
  });
}

/**
 * `: init` on an event statement of a variable declared elsewhere (ANNarchy ignores it there): accepted
 * when it repeats the declared initial value, refused when it differs rather than silently ignored.
 */
function checkSameInit(scope: ModelScope, a: Attribute, def: Definition): void {
  const { init } = parseInit(scope, def.flags.init!, def.source);
  const given: InitValue = a.type === 'int' && init.kind === 'number' ? { kind: 'number', value: Math.trunc(init.value) } : init;
  if (JSON.stringify(given) === JSON.stringify(a.init)) return;
  const where = a.source.block === 'implicit' ? 'implicitly' : `in '${a.source.block}'${a.source.line ? ` line ${a.source.line}` : ''}`;
  throw errorAt(scope, def.source, `flag 'init=${def.flags.init!.trim()}' differs from the initial value of '${a.name}', declared ${where} (${describeInit(a.init)}): give the initial value once, where '${a.name}' is declared`, 'init');
}

function describeInit(init: InitValue): string {
  if (init.kind === 'number') return `init = ${init.value}`;
  if (init.kind === 'ref') return `init = ${init.name}`;
  return `init = ${init.dist}(${init.args.join(', ')})`;
}

/** `: event-driven` variables: exact decay between events towards a steady state of parameters only. */
function eventDrivenVariables(scope: ModelScope, items: EquationItem[]): EventDrivenVariable[] {
  return items.filter((i) => i.method === 'event-driven').map((item) => {
    const source = item.definition.source;
    const r = relaxation(item.f!, item.name);
    if (r === null || r === 'constant') {
      throw errorAt(scope, source, `an event-driven variable needs a linear ODE dx/dt = (steady - x)/tau (found d${item.name}/dt = ${exprToString(item.f!)})`, item.name);
    }
    for (const e of [r.tau, r.steady]) {
      for (const name of symbolsOf(e)) {
        const a = scope.attributes.get(name);
        if ((a && a.role === 'variable') || name === 't' || name === 't_pre' || name === 't_post') {
          throw errorAt(scope, source, `the time constant and steady state of event-driven '${item.name}' must not depend on '${name}' (only on parameters)`, name);
        }
      }
    }
    return { name: item.name, tau: r.tau, steady: r.steady };
  });
}

/** Analyses a synapse type for a pre-synaptic population of type `preType`. */
export function analyseSynapse(spec: SynapseFields | SynapseSpec, preType: 'rate' | 'spike', ctx: AnalysisContext): SynapseDescription {
  return guardStack(ctx.name, () => analyseSynapseFields(toFields(spec, 'synapse', ctx.name), preType, ctx));
}

function analyseSynapseFields(spec: SynapseFields, preType: 'rate' | 'spike', ctx: AnalysisContext): SynapseDescription {
  const scope = newScope(ctx.name, 'synapse', preType, ctx);
  const ids: IdCounter = { next: 0 };
  const hasEvents = [spec.preSpike, spec.postSpike, spec.preAxonSpike].some((f) => splitDefinitions(f).length > 0);
  if (preType === 'rate' && hasEvents) {
    const block = splitDefinitions(spec.preSpike).length ? 'pre_spike' : splitDefinitions(spec.postSpike).length ? 'post_spike' : 'pre_axon_spike';
    throw errorAt(scope, { block, line: 0, text: '' }, `'${block}' needs a spiking pre-synaptic population (this projection's is rate-coded)`, block);
  }
  if (splitDefinitions(spec.preAxonSpike).length && splitDefinitions(spec.postSpike).length) {
    throw errorAt(scope, { block: 'pre_axon_spike', line: 0, text: '' }, `pre_axon_spike cannot be used together with post_spike`, 'pre_axon_spike');
  }
  const operation = spec.operation ?? 'sum';
  if (!['sum', 'max', 'min', 'mean'].includes(operation) || (preType === 'spike' && operation !== 'sum')) {
    throw new EquationError(`operation '${operation}' is not allowed (${preType === 'spike' ? "spiking synapses only 'sum'" : "'sum', 'max', 'min' or 'mean'"})`,
      { model: scope.model, field: 'operation', symbol: String(operation) });
  }

  const functions = addLocalFunctions(scope, spec.functions);
  addParameters(scope, spec.parameters);
  const items = declareEquations(scope, spec.equations, ids, ctx.defaultMethod);
  if (!scope.attributes.has('w')) {
    scope.attributes.set('w', {
      name: 'w', role: 'parameter', locality: 'local', type: 'float', init: { kind: 'number', value: 0 }, implicit: true,
      source: { block: 'implicit', line: 0, text: 'w = 0.0' },
    });
  }
  const pre = parseEventField(scope, spec.preSpike, 'pre_spike', ids);
  const post = parseEventField(scope, spec.postSpike, 'post_spike', ids);
  const axon = parseEventField(scope, spec.preAxonSpike, 'pre_axon_spike', ids);

  let psp: Expr | undefined;
  const pspText = spec.psp?.trim();
  if (pspText || preType === 'rate') {
    const text = pspText || 'w * pre.r';
    const source: SourceRef = { block: 'psp', line: 1, text };
    psp = parseExpression(text, { model: scope.model, field: 'psp', line: 1 }, { randomIds: ids });
    checkExpr(scope, psp, { locality: 'local', source, allowRandom: true, allowGlobalOps: true });
  }

  resolveEquations(scope, items);
  const sections = buildSections(scope, items);
  const eventDriven = eventDrivenVariables(scope, items);
  const preAll = resolveEvents(scope, pre);
  const postSpike = resolveEvents(scope, post);
  const preAxonSpike = resolveEvents(scope, axon);
  checkUsedGlobalFunctions(scope);

  const transmission = preAll.filter((a) => a.owner === 'post' && a.target === 'g_target');
  const preSpike = preAll.filter((a) => !(a.owner === 'post' && a.target === 'g_target'));
  if (preType === 'spike' && transmission.length === 0 && psp === undefined) {
    transmission.push({
      kind: 'assign', owner: 'post', target: 'g_target', op: '+=', value: { kind: 'sym', name: 'w' },
      source: { block: 'implicit', line: 0, text: 'g_target += w' },
    });
  }
  const w = scope.attributes.get('w') as Attribute;
  return {
    kind: 'synapse', name: scope.model, type: preType, attributes: [...scope.attributes.values()], sections,
    randoms: dedupeRandoms(scope), functions, globalOps: scope.globalOps,
    constants: [...scope.usedConstants], globalFunctions: [...scope.usedGlobalFunctions],
    ...(psp ? { psp } : {}),
    operation, transmission, preSpike, postSpike, preAxonSpike, eventDriven,
    plastic: w.role === 'variable',
    preDependencies: [...scope.preDependencies], postDependencies: [...scope.postDependencies],
    preSums: [...scope.preSums], postSums: [...scope.postSums],
  };
}
