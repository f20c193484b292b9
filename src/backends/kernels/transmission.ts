/**
 * The transmission kernels of a projection written once: what is the same on every backend, spelled
 * against the `Dialect`; the loops that walk the connectivity (CSR rows, inverse indices, rings of
 * spikes in flight), their parallel partition and the memory layout stay with the backends.
 *
 * - **Weighted sums** (rate-coded `sum(target)`, and the continuous psp of a spiking projection,
 *   `ir/plan.ts` `continuous`): which arrays of the post-synaptic population receive the sum, the
 *   reduction of `operation` (sum, max, min, mean), how one synapse's psp enters it, and how the
 *   dendrite's result is added. A backend lays the parts out per dendrite: one loop (js, cpp, in
 *   dendrite order, so js ≡ cpp bit for bit), one invocation per dendrite or one workgroup with a
 *   tree reduction (webgpu).
 * - **Spike propagation**: which spikes a projection transmits in a step (this step's, or the
 *   pre-synaptic spike queue's slot `d` steps back for a uniform delay of `d` steps; a delay of one
 *   step is no delay), and what one synapse reached by a spike runs, in ANNarchy's order: the decay of
 *   its event-driven variables up to the event, `g_target += w` with the weight before this event's
 *   plasticity, then `pre_spike` (axonal spikes: the decay, then `pre_axon_spike`). Continuous
 *   transmission (above) runs after the spike events of the step. The walk from a spike to its
 *   synapses (inverse indices; cpp's inverse post-rank and weight copies), and the rings of spikes in
 *   flight of per-synapse delays, are each backend's layout.
 */
import type { ProjectionPlan } from '../../ir/plan.js';
import type { DenseRows } from '../../ir/dense-rows.js';
import { renderArith } from '../render.js';
import type { Dialect } from './dialect.js';
import type { Guard } from './statements.js';
import type { Owner } from '../../equations/ast.js';
import { eventDecay, eventStatements, type EventTarget } from './events.js';
import { slotBack } from './delays.js';

/** What a backend provides to a weighted sum of projection `proj` (dendrite `i`, synapse `k`, neurons `rk_pre`/`rk_post`). */
export interface SumTarget {
  readonly d: Dialect;
  /**
   * The psp of synapse `k`, rendered with the kernel's resolver (`pre.x` through the delay ring where
   * delayed); called only when there is a sum (resolvers declare what they read on first use).
   */
  psp(): string;
}

/** The parts of a weighted sum; the local `_s` holds the dendrite's reduction. */
export interface WeightedSumParts {
  /** The arrays of the post-synaptic population the sum goes into (their names in its state). */
  into: string[];
  /** How two partial reductions combine (layouts that reduce a dendrite in parts: a workgroup tree). */
  combine: 'add' | 'max' | 'min';
  /** Before a dendrite's synapses: `_s` declared, holding the reduction's start value. */
  init: string[];
  /** The reduction's start value (layouts that keep partial reductions in memory of their own). */
  start: string;
  /** For synapse `k` of the dendrite (after `rk_pre`): `_s` takes its psp. */
  take: string[];
  /**
   * For an `add` reduction only: synapse `k`'s psp added into the local `acc` (a partial sum of the
   * interleaved order, `synapse-loops.ts` `dendriteSumLoop`); `take` is `addInto('_s')`.
   */
  addInto?(acc: string): string[];
  /**
   * After the synapses: `value` (the dendrite's reduction: `_s`, or where a layout reduced partial
   * ones) added to element `rk_post` of every `into` array; `el(name, n)` is that element of array
   * `into[n]`, `count` the dendrite's number of synapses (an int value; `mean` divides by it).
   */
  deliver(el: (name: string, n: number) => string, count: string, value?: string): string[];
  /** The projection's dense rows (`ProjectionPlan.denseRows`): loops may take `rk_pre` from the position in the row. */
  denseRows?: DenseRows;
}

/** `lv += v` where the language has the compound form, `lv = (lv + v)` otherwise. */
function addTo(d: Dialect, lv: string, v: string): string {
  return d.addTo ? d.addTo(lv, v) : d.assign(lv, renderArith(d.expr, '+', lv, v));
}

/**
 * The parts of a reduction `op` (sum, mean, max, min) of the psp (`t.psp()`) into the arrays `into`;
 * the weighted sums below and the shared-weight windows (`shared.ts`) are such reductions.
 */
export function weightedSum(op: string, into: string[], t: SumTarget): WeightedSumParts {
  const { d } = t;
  const psp = t.psp();
  const combine: WeightedSumParts['combine'] = op === 'max' || op === 'min' ? op : 'add';
  const start = combine === 'max' ? -Infinity : combine === 'min' ? Infinity : 0;
  // max/min: the psp replaces `_s` only when it compares larger (smaller); a NaN psp is skipped.
  const addInto = (acc: string) => [addTo(d, acc, psp)];
  const take = combine === 'add'
    ? addInto('_s')
    : [d.declare('_p', psp), d.ifLine(d.cmp(combine === 'max' ? '>' : '<', '_p', '_s'), d.assign('_s', '_p'))];
  return {
    into,
    combine,
    init: [d.declare('_s', d.expr.number(start), { mutable: true })],
    start: d.expr.number(start),
    take,
    ...(combine === 'add' ? { addInto } : {}),
    deliver: (el, count, value = '_s') => {
      const v = op === 'mean' ? renderArith(d.expr, '/', value, d.toFloat(count)) : value;
      return into.map((name, n) => addTo(d, el(name, n), v));
    },
  };
}

/**
 * Rate-coded transmission: `operation` of the psp of every synapse of a dendrite, added to
 * `sum(target)` of its post-synaptic neuron, or to its conductance `g_target` when a rate-coded
 * projection reaches a spiking neuron that has no `sum(target)` (`ir/plan.ts` `rateInto`).
 */
export function rateSumParts(proj: ProjectionPlan, t: SumTarget): WeightedSumParts {
  return withDenseRows(proj, weightedSum(proj.description.operation, [`${proj.rateInto === 'conductance' ? 'g_' : '_sum_'}${proj.targets[0]}`], t));
}

/**
 * Continuous transmission of a spiking projection (`ir/plan.ts` `continuous`), after its spike
 * events: `Σ psp` of each dendrite added to every conductance `g_target` of the post-synaptic
 * neuron (always a sum: `operation` is a rate-coded notion). Undefined when there is none.
 */
export function continuousSumParts(proj: ProjectionPlan, t: SumTarget): WeightedSumParts | undefined {
  if (!proj.continuous || proj.conductances.length === 0) return undefined;
  return withDenseRows(proj, weightedSum('sum', proj.conductances.map((c) => `g_${c}`), t));
}

/** `parts` with the projection's dense rows, where it has them. */
function withDenseRows(proj: ProjectionPlan, parts: WeightedSumParts): WeightedSumParts {
  return proj.denseRows ? { ...parts, denseRows: proj.denseRows } : parts;
}

/** What a backend provides to the spike source of a projection (the spikes it transmits in a step). */
export interface SpikeSourceTarget {
  readonly d: Dialect;
  /** The statements that make this step's spikes of the pre-synaptic population the source. */
  now(): string[];
  /** The statements that make slot `slot` (an int local) of the pre-synaptic spike queue the source. */
  queued(slot: string): string[];
  /**
   * The uniform delay in steps (an int value), the spike queue's newest slot and its number of slots;
   * asked only for a uniform delay (backends that number arrays on first use number no other).
   */
  queue(): { delay: string; newest: string; slots: string };
}

/**
 * The statements choosing the spikes projection `proj` transmits in this step (per-synapse delays
 * excepted: each backend keeps its ring of spikes in flight). A uniform delay of one step reads this
 * step's spikes (they were emitted in the previous step's neuron update, as without delay).
 */
export function spikeSource(proj: ProjectionPlan, t: SpikeSourceTarget): string[] {
  if (proj.delay.kind !== 'uniform') return t.now();
  return [t.d.declare('_d', t.queue().delay, { type: 'int' }), ...spikeSourceAt(t, '_d')];
}

/**
 * The statements making the spikes `delay` steps back the source (`delay`, an int local): this
 * step's for 1 or less, else the spike queue's slot `delay` back. A uniform delay reads it with
 * the projection's delay; procedural per-synapse delays with each delay in turn.
 */
export function spikeSourceAt(t: SpikeSourceTarget, delay: string): string[] {
  const { d } = t;
  const q = t.queue();
  return d.ifBlock(d.cmp('<=', delay, '1'), t.now(), [d.declare('_qslot', slotBack(q.newest, delay, q.slots), { type: 'int' }), ...t.queued('_qslot')]);
}

/**
 * What synapse `k` runs when a pre-synaptic spike reaches it at step `step`: the decay of its
 * event-driven variables up to the event, `g_target += w` (one write per target) with the weight
 * before this event's plasticity, then the `pre_spike` statements in order.
 */
export function preSpikeEvent(proj: ProjectionPlan, t: EventTarget, step: string): string[] {
  const d = proj.description;
  return [...eventDecay(proj, t, step), ...eventStatements(proj, d.transmission, t), ...eventStatements(proj, d.preSpike, t)];
}

/** What synapse `k` runs when an axonal spike of the previous step reaches it: the decay, then `pre_axon_spike`. */
export function axonSpikeEvent(proj: ProjectionPlan, t: EventTarget, step: string): string[] {
  return [...eventDecay(proj, t, step), ...eventStatements(proj, proj.description.preAxonSpike, t)];
}

/**
 * The guard of a write in a projection's kernels: the synapse's own weight `w` changes only while
 * the projection's plasticity switch (`cond`, a condition of the language) is on; `kind` is how the
 * backend wants it (a branch, or a select that keeps a synapse loop vectorisable: same bits).
 */
export function plasticityGuard(owner: Owner, target: string, kind: Guard['kind'], cond: string): Guard | undefined {
  return owner === 'self' && target === 'w' ? { kind, cond } : undefined;
}
