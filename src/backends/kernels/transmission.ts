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
 */
import type { ProjectionPlan } from '../../ir/plan.js';
import { renderArith } from '../render.js';
import type { Dialect } from './dialect.js';

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
  /** Before a dendrite's synapses: `_s` declared, holding the reduction's start value. */
  init: string[];
  /** For synapse `k` of the dendrite (after `rk_pre`): `_s` takes its psp. */
  take: string[];
  /**
   * After the synapses: `value` (the dendrite's reduction: `_s`, or where a layout reduced partial
   * ones) added to element `rk_post` of every `into` array; `el(name, n)` is that element of array
   * `into[n]`, `count` the dendrite's number of synapses (an int value; `mean` divides by it).
   */
  deliver(el: (name: string, n: number) => string, count: string, value?: string): string[];
}

/** `lv += v` where the language has the compound form, `lv = (lv + v)` otherwise. */
function addTo(d: Dialect, lv: string, v: string): string {
  return d.addTo ? d.addTo(lv, v) : d.assign(lv, renderArith(d.expr, '+', lv, v));
}

/** The parts of a reduction `op` of the psp into the arrays `into`. */
function weightedSum(op: string, into: string[], t: SumTarget): WeightedSumParts {
  const { d } = t;
  const psp = t.psp();
  const combine = op === 'max' || op === 'min' ? op : 'add';
  const start = combine === 'max' ? -Infinity : combine === 'min' ? Infinity : 0;
  // max/min: the psp replaces `_s` only when it compares larger (smaller); a NaN psp is skipped.
  const take = combine === 'add'
    ? [addTo(d, '_s', psp)]
    : [d.declare('_p', psp), d.ifLine(d.cmp(combine === 'max' ? '>' : '<', '_p', '_s'), d.assign('_s', '_p'))];
  return {
    into,
    init: [d.declare('_s', d.expr.number(start), { mutable: true })],
    take,
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
  return weightedSum(proj.description.operation, [`${proj.rateInto === 'conductance' ? 'g_' : '_sum_'}${proj.targets[0]}`], t);
}

/**
 * Continuous transmission of a spiking projection (`ir/plan.ts` `continuous`), after its spike
 * events: `Σ psp` of each dendrite added to every conductance `g_target` of the post-synaptic
 * neuron (always a sum: `operation` is a rate-coded notion). Undefined when there is none.
 */
export function continuousSumParts(proj: ProjectionPlan, t: SumTarget): WeightedSumParts | undefined {
  if (!proj.continuous || proj.conductances.length === 0) return undefined;
  return weightedSum('sum', proj.conductances.map((c) => `g_${c}`), t);
}
