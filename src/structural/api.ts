/**
 * What the user-facing methods of structural plasticity do (`proj.createSynapse`,
 * `dendrite.pruneSynapse`, `proj.startPruning`, …) and what the runtime does at a rule's period:
 * checks with messages naming the projection and the fix, then one {@link ConnectivityChange}
 * handed to the network (`rewire.ts` applies it).
 */
import { NetworkError } from '../errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import { durationSteps } from '../core/durations.js';
import { delayToSteps } from '../connectors/common.js';
import type { Projection } from '../core/Projection.js';
import type { ConnectivityChange, NewSynapse } from './change.js';
import type { RuleKind, StructuralRuleOptions } from './rules.js';
import type { StructuralOperations } from '../core/network-like.js';
import { StructuralState, structuralState, hasRunningRules } from './state.js';
import { creatingChange, pruningChange, type RuleStep } from './evaluate.js';

/** The structural state of `proj`, after checking that structural plasticity is allowed. */
export function structuralOf(proj: Projection, method: string): StructuralState {
  const where = `projection '${proj.name}'.${method}()`;
  if (!proj.network.structuralPlasticity) {
    throw new NetworkError(`${where}: structural plasticity is off in this network: create it with new Network({ structuralPlasticity: true }) or call setup({ structuralPlasticity: true }) before building the projections (as ANNarchy's structural_plasticity=True)`);
  }
  if (proj.constructor.name !== 'Projection') {
    throw new NetworkError(`${where}: structural plasticity applies to plain Projections, not to a ${proj.constructor.name}`);
  }
  proj.requireStored('its synapses', 'changed by structural plasticity');
  return structuralState(proj);
}

/** A rank as written in messages (`describeValue` spells the type out: `number 3`). */
const show = (x: unknown): string => (typeof x === 'number' ? String(x) : describeValue(x));

/** Position of the dendrite of `post`, or an error. */
function dendriteIndex(proj: Projection, post: number, where: string): number {
  const i = proj.requireConnected().postRanks.indexOf(post);
  if (i < 0) {
    throw new NetworkError(`${where}: post-synaptic neuron ${show(post)} has no dendrite in projection '${proj.name}' (its dendrites are those of the neurons connected at first, as ANNarchy's LIL): connect that neuron with at least one synapse`);
  }
  return i;
}

/** The delay in steps of a created synapse (`delay` in ms, or the projection's default). */
function createdDelay(proj: Projection, delayMs: number | undefined, where: string): number {
  const c = proj.requireConnected();
  const steps = delayMs === undefined ? (typeof c.delaySteps === 'number' ? Math.max(1, c.delaySteps) : 1) : delayToSteps(delayMs, proj.network.dt, where);
  if (typeof c.delaySteps === 'number' && steps !== Math.max(1, c.delaySteps)) {
    throw new NetworkError(`${where}: the projection has one delay for all synapses (${c.delaySteps * proj.network.dt} ms), a created synapse cannot have ${delayMs} ms: connect it with per-synapse delays (delays: a distribution or per-synapse values) to create synapses with other delays`);
  }
  return steps;
}

/** `proj.createSynapse(post, pre, w, delay)` and the dendrite's forms: one or several synapses onto `post`. */
export function createSynapses(proj: Projection, post: number, pres: readonly number[], weights: readonly number[], delaysMs: readonly (number | undefined)[], method: string): void {
  structuralOf(proj, method);
  const where = `projection '${proj.name}'.${method}()`;
  const i = dendriteIndex(proj, post, where);
  const c = proj.requireConnected();
  const existing = new Set(c.preRanks.subarray(c.rowPtr[i], c.rowPtr[i + 1]));
  const allowed = 'ranks' in proj.pre ? new Set(proj.pre.ranks) : undefined;
  const add: NewSynapse[] = [];
  pres.forEach((pre, n) => {
    if (!Number.isInteger(pre) || pre < 0 || pre >= proj.pre.population.size || (allowed && !allowed.has(pre))) {
      throw new NetworkError(`${where}: ${show(pre)} is not the rank of a pre-synaptic neuron of projection '${proj.name}' (${allowed ? `the ranks of its view ${proj.pre.name}` : `integers 0 … ${proj.pre.population.size - 1}`})`);
    }
    if (existing.has(pre)) throw new NetworkError(`${where}: the synapse ${pre} → ${post} exists already (prune it first, or set its attributes with proj.synapse(${pre}, ${post}))`);
    const w = weights[n];
    if (typeof w !== 'number' || !Number.isFinite(w)) throw new NetworkError(`${where}: the weight of the synapse ${pre} → ${post} must be a finite number, got ${describeValue(w)}`);
    existing.add(pre);
    add.push({ dendrite: i, pre, w, delaySteps: createdDelay(proj, delaysMs[n], where) });
  });
  proj.network.rewire(proj, { remove: new Set(), add });
}

/** `proj.pruneSynapse(post, pre)` and the dendrite's forms. */
export function pruneSynapses(proj: Projection, post: number, pres: readonly number[], method: string): void {
  structuralOf(proj, method);
  const where = `projection '${proj.name}'.${method}()`;
  const i = dendriteIndex(proj, post, where);
  const c = proj.requireConnected();
  const remove = new Set<number>();
  for (const pre of pres) {
    let k = c.rowPtr[i];
    while (k < c.rowPtr[i + 1] && c.preRanks[k] !== pre) k++;
    if (k === c.rowPtr[i + 1]) throw new NetworkError(`${where}: there is no synapse ${show(pre)} → ${post} to prune`);
    remove.add(k);
  }
  proj.network.rewire(proj, { remove, add: [] });
}

/** `startPruning()` / `startCreating()`: the rule runs from the current step, every `period`. */
export function startRule(proj: Projection, kind: RuleKind, options: StructuralRuleOptions, method: string): void {
  const where = `projection '${proj.name}'.${method}()`;
  checkOptions(options, ['period'], where);
  const state = structuralOf(proj, method);
  const rule = state.rule(kind, proj, method);
  // A created synapse's delay must fit the projection (uniform delays): refused now, not at the period.
  if (kind === 'creating') createdDelay(proj, rule.d, `${where}, the creating rule's d`);
  const period = options.period === undefined ? 1 : durationSteps(options.period, proj.network.dt, where, 'period', 1);
  state.running[kind] = { period, offset: proj.network.currentStep };
}

/** `stopPruning()` / `stopCreating()`. */
export function stopRule(proj: Projection, kind: RuleKind, method: string): void {
  const state = structuralOf(proj, method);
  state.rule(kind, proj, method);
  delete state.running[kind];
}

/** The first step ≥ `from` at whose end some projection's rule runs (Infinity: none). */
export function nextStructuralEvent(projections: readonly Projection[], from: number): number {
  let next = Infinity;
  for (const p of projections) if (hasRunningRules(p)) next = Math.min(next, structuralState(p).nextEvent(from));
  return next;
}

/** Runs the rules due at the end of `at.step`: creating, then pruning (ANNarchy's order), projection by projection. */
export function runStructuralRules(projections: readonly Projection[], at: RuleStep, rewire: (proj: Projection, change: ConnectivityChange) => void): void {
  for (const proj of projections) {
    if (!hasRunningRules(proj)) continue;
    const state = structuralState(proj);
    if (state.due('creating', at.step)) {
      const rule = state.rules.creating!;
      const where = `projection '${proj.name}', creating rule`;
      const change = creatingChange(proj, rule, at, createdDelay(proj, rule.d, where));
      if (change.add.length) rewire(proj, change);
    }
    if (state.due('pruning', at.step)) {
      const change = pruningChange(proj, state.rules.pruning!, at);
      if (change.remove.size) rewire(proj, change);
    }
  }
}

/**
 * What the projections and dendrites of `core/` call through their network (core does not import
 * this folder: the network that owns them hands these in).
 */
export const structuralOperations: StructuralOperations = {
  checkRules: (proj) => { if (proj.synapseType.spec.pruning !== undefined || proj.synapseType.spec.creating !== undefined) structuralState(proj); },
  createSynapses, pruneSynapses, startRule, stopRule,
};
