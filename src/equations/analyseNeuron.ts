/**
 * Analysis of a neuron: from `NeuronSpec` (ANNarchy's fields, as written) to the checked
 * `NeuronDescription` (dossier §1.2, §2.2, §2.4, §2.5).
 */
import type { Expr } from './ast.js';
import type { Assignment, Attribute, FunctionDef, MethodName, NeuronDescription, SourceRef } from './description.js';
import type { NeuronFields, NeuronSpec } from './spec.js';
import { toFields } from './fields.js';
import type { IdCounter } from './parser.js';
import { parseDefinition, splitDefinitions, joinCondition } from './definitions.js';
import { checkAllowed } from './flags.js';
import { parseExpression } from './parser.js';
import { walk } from './algebra.js';
import { addParameters, declare } from './parameters.js';
import { addLocalFunctions, checkUsedGlobalFunctions } from './functions.js';
import { buildSections, declareEquations, parseBound, resolveEquations } from './variables.js';
import { checkExpr, errorAt, newScope, type ModelScope } from './symbols.js';
import { guardStack } from './limits.js';

/** What the analysis needs from the network: its name for the model, defaults, Constants, global functions. */
export interface AnalysisContext {
  /** The model's name, used in every error. */
  name: string;
  /** Method of ODEs without a method flag. */
  defaultMethod: MethodName;
  /** Names of the network's Constants. */
  constants: ReadonlySet<string>;
  /** Functions declared with `addFunction`. */
  globalFunctions: ReadonlyMap<string, FunctionDef>;
}

const STATEMENT_FLAGS = new Set(['min', 'max', 'unless_refractory']);

/** Statements of an event field (`reset`, `axon_reset`): assignments to the neuron's variables. */
function parseResetField(scope: ModelScope, field: string | string[] | undefined, block: SourceRef['block'], ids: IdCounter) {
  return splitDefinitions(field).map((line) => {
    const def = parseDefinition(line, block, scope.model, ids);
    checkAllowed(def.flags, STATEMENT_FLAGS, `in '${block}'`, { model: scope.model, field: block, line: line.line }, line.text);
    const st = def.statement;
    if (st.kind === 'ode') throw errorAt(scope, def.source, `'${block}' can only contain assignments, not ODEs`, `d${st.variable}/dt`);
    if (st.target.kind !== 'sym') throw errorAt(scope, def.source, `a neuron can only write its own variables`, `${(st.target as { owner: string }).owner}.`);
    return { def, target: st.target.name, op: st.op, value: st.value };
  });
}

/** Checks reset-like statements once every attribute is known, and turns them into Assignments. */
function resolveStatements(scope: ModelScope, statements: ReturnType<typeof parseResetField>): Assignment[] {
  return statements.map(({ def, target, op, value }) => {
    const a = scope.attributes.get(target);
    if (!a) throw errorAt(scope, def.source, `'${target}' is not a variable of this neuron`, target);
    if (a.role === 'parameter') throw errorAt(scope, def.source, `'${target}' is a parameter and cannot be assigned`, target);
    const site = { locality: 'local' as const, source: def.source, allowRandom: true, allowGlobalOps: true };
    checkExpr(scope, value, site);
    const assignment: Assignment = { kind: 'assign', owner: 'self', target, op, value, source: def.source };
    const min = parseBound(scope, def.flags.min, 'local', def.source);
    const max = parseBound(scope, def.flags.max, 'local', def.source);
    if (min) assignment.min = min;
    if (max) assignment.max = max;
    return assignment;
  });
}

/** Parses a condition field (`spike`, `axon_spike`). */
function parseCondition(scope: ModelScope, text: string, block: 'spike' | 'axon_spike', ids: IdCounter) {
  const line = joinCondition(text);
  if (!line) throw errorAt(scope, { block, line: 1, text }, `'${block}' is empty`);
  const source: SourceRef = { block, line: line.line, text: line.text };
  const condition = parseExpression(line.text, { model: scope.model, field: block, line: line.line }, { randomIds: ids });
  return { condition, source };
}

/** Names `g_X` read anywhere in `exprs` and not declared: the spiking neuron's implicit conductances. */
function implicitConductances(scope: ModelScope, exprs: Expr[]): string[] {
  const out: string[] = [];
  for (const e of exprs) {
    walk(e, (n) => {
      if (n.kind === 'sym' && /^g_\w+$/.test(n.name) && n.name !== 'g_target' && !scope.attributes.has(n.name) && !out.includes(n.name)) out.push(n.name);
    });
  }
  return out;
}

/** Analyses a neuron type. Throws an EquationError naming model, field, line and symbol on any mistake. */
export function analyseNeuron(spec: NeuronFields | NeuronSpec, ctx: AnalysisContext): NeuronDescription {
  return guardStack(ctx.name, () => analyseNeuronFields(toFields(spec, 'neuron', ctx.name), ctx));
}

function analyseNeuronFields(spec: NeuronFields, ctx: AnalysisContext): NeuronDescription {
  const type = spec.spike !== undefined && spec.spike.trim() !== '' ? 'spike' : 'rate';
  const scope = newScope(ctx.name, 'neuron', type, ctx);
  const ids: IdCounter = { next: 0 };
  const functions = addLocalFunctions(scope, spec.functions);
  addParameters(scope, spec.parameters);
  const items = declareEquations(scope, spec.equations, ids, ctx.defaultMethod);

  const spike = type === 'spike' ? parseCondition(scope, spec.spike!, 'spike', ids) : undefined;
  const reset = parseResetField(scope, spec.reset, 'reset', ids);
  const axonSpike = spec.axonSpike !== undefined && spec.axonSpike.trim() !== '' ? parseCondition(scope, spec.axonSpike, 'axon_spike', ids) : undefined;
  const axonReset = parseResetField(scope, spec.axonReset, 'axon_reset', ids);
  if (type === 'rate') {
    const misplaced = spec.reset !== undefined && reset.length ? 'reset' : axonSpike ? 'axon_spike' : axonReset.length ? 'axon_reset' : spec.refractory !== undefined ? 'refractory' : undefined;
    if (misplaced) throw errorAt(scope, { block: misplaced as SourceRef['block'], line: 0, text: '' }, `'${misplaced}' needs a spiking neuron (give a 'spike' condition)`, misplaced);
  }

  const implicit = (name: string): Attribute => ({
    name, role: 'variable', locality: 'local', type: 'float', init: { kind: 'number', value: 0 }, implicit: true,
    source: { block: 'implicit', line: 0, text: `${name} = 0.0` },
  });
  let conductances: string[] = [];
  if (type === 'spike') {
    const r = scope.attributes.get('r');
    if (r) throw errorAt(scope, r.source, `spiking neurons must not define 'r' (neurarchy adds it: the mean firing rate)`, 'r');
    scope.attributes.set('r', implicit('r'));
    const exprs: Expr[] = [spike!.condition, ...(axonSpike ? [axonSpike.condition] : [])];
    for (const it of items) {
      const st = it.definition.statement;
      exprs.push(...(st.kind === 'ode' ? [st.lhs, st.rhs] : [st.value]));
    }
    // a conductance may also appear only as the target of a reset (g_adapt += 1)
    for (const s of [...reset, ...axonReset]) exprs.push({ kind: 'sym', name: s.target }, s.value);
    conductances = implicitConductances(scope, exprs);
    for (const g of conductances) declare(scope, implicit(g));
  } else if (!scope.attributes.has('r')) {
    throw errorAt(scope, { block: 'equations', line: 0, text: '' }, `rate-coded neurons must define the variable 'r'`, 'r');
  }

  resolveEquations(scope, items);
  const sections = buildSections(scope, items);
  const local = sections.find((s) => s.locality === 'local')!;
  for (const g of conductances) {
    local.steps.push({ kind: 'assign', owner: 'self', target: g, op: '=', value: { kind: 'num', value: 0, isInt: false }, source: scope.attributes.get(g)!.source });
  }

  const site = (source: SourceRef) => ({ locality: 'local' as const, source, allowRandom: true, allowGlobalOps: true });
  if (spike) checkExpr(scope, spike.condition, site(spike.source));
  if (axonSpike) checkExpr(scope, axonSpike.condition, site(axonSpike.source));
  const resetAssignments = resolveStatements(scope, reset);
  const axonResetAssignments = resolveStatements(scope, axonReset);
  checkUsedGlobalFunctions(scope);

  const attributes = [...scope.attributes.values()];
  const targets = type === 'spike'
    ? attributes.filter((a) => a.role === 'variable' && /^g_\w+$/.test(a.name)).map((a) => a.name.slice(2))
    : [...scope.sumTargets];
  const description: NeuronDescription = {
    kind: 'neuron', name: scope.model, type, attributes, sections,
    randoms: dedupeRandoms(scope), functions, globalOps: scope.globalOps,
    constants: [...scope.usedConstants], globalFunctions: [...scope.usedGlobalFunctions],
    targets, usesSumAll: scope.usesSumAll, reset: resetAssignments, axonReset: axonResetAssignments,
  };
  if (spike) description.spike = spike;
  if (axonSpike) description.axonSpike = axonSpike;
  const refractory = analyseRefractory(scope, spec.refractory);
  if (refractory) description.refractory = refractory;
  return description;
}

/** Random uses, one per id (a draw that a numerical method repeats is still one draw). */
export function dedupeRandoms(scope: ModelScope) {
  const seen = new Set<number>();
  return scope.randoms.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true))).sort((a, b) => a.id - b.id);
}

function analyseRefractory(scope: ModelScope, value: number | string | undefined): NeuronDescription['refractory'] {
  if (value === undefined) return undefined;
  const source: SourceRef = { block: 'refractory', line: 1, text: String(value) };
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw errorAt(scope, source, `the refractory period must be a non-negative number of ms`, String(value));
    return { kind: 'number', value };
  }
  const text = value.trim();
  if (text !== '' && Number.isFinite(Number(text))) return analyseRefractory(scope, Number(text));
  const a = scope.attributes.get(text);
  if (!a || a.implicit) {
    throw errorAt(scope, source, `refractory must be a duration in ms or the name of a parameter or variable of this neuron`, text);
  }
  return { kind: 'attribute', name: text };
}
