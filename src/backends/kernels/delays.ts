/**
 * The delay rings of a population, written once: after the neuron updates, this step's values of
 * its delayed variables (`_delayed_<v>`, `_delay_idx`, `_delay_len`) and this step's spikes
 * (`_spike_queue`, `_spike_queue_n`, `_spike_queue_idx`) go into the slot after the newest one,
 * which then becomes the newest (a read `d` steps back takes slot `(newest − (d − 1) + D) % D`).
 * The parts are split so that a backend whose invocations run at once (webgpu) can compute the
 * slots, copy in one kernel and advance the indices in a second, single-invocation kernel: no
 * invocation then reads an index another one is changing. js and cpp run the parts in sequence.
 */
import type { PopulationPlan } from '../../ir/plan.js';
import type { Dialect } from './dialect.js';

/** The int32 bookkeeping arrays of a population's rings. */
export type RingCounter = '_delay_idx' | '_delay_len' | '_spike_queue_idx' | '_spike_queue_n';

/** What a backend provides to the ring parts of a population (its array access). */
export interface RingTarget {
  readonly d: Dialect;
  /** The int32 element `idx` of a bookkeeping array, as an lvalue. */
  el(name: RingCounter, idx: string): string;
  /** The number of elements of array `name` of the population (a value). */
  length(name: string): string;
  /** This step's spike count (`_nspiked[0]`; an atomic load where the counter is atomic). */
  spikeCount(): string;
  /**
   * Copies elements `0 … count − 1` of `src` into ring `ring` from element `slot × width` on: a bulk
   * copy on js and cpp, this invocation's element on webgpu.
   */
  copy(ring: string, slot: string, width: string, src: string, count: string): string[];
}

/** The parts of the ring kernel of a population, each a list of lines of the backend's language. */
export interface RingParts {
  /** Locals: the slots written this step (`_idx`, `_slot`) and this step's spike count (`_ns`). */
  next: string[];
  /** This step's values and spikes into those slots. */
  push: string[];
  /** The written slots become the newest ones; the spike ring records its slot's count. */
  advance: string[];
}

/** The ring parts of `pop`, or undefined when it has no delayed variable and no spike queue. */
export function ringParts(pop: PopulationPlan, t: RingTarget): RingParts | undefined {
  if (pop.delayedVariables.length === 0 && !pop.spikeQueue) return undefined;
  const { d } = t;
  const parts: RingParts = { next: [], push: [], advance: [] };
  if (pop.delayedVariables.length) {
    parts.next.push(d.declare('_idx', `(${t.el('_delay_idx', '0')} + 1) % ${t.el('_delay_len', '0')}`, { type: 'int' }));
    for (const v of pop.delayedVariables) {
      const n = t.length(v);
      parts.push.push(...t.copy(`_delayed_${v}`, '_idx', n, v, n));
    }
    parts.advance.push(d.assign(t.el('_delay_idx', '0'), '_idx'));
  }
  if (pop.spikeQueue) {
    parts.next.push(
      d.declare('_slot', `(${t.el('_spike_queue_idx', '0')} + 1) % ${t.length('_spike_queue_n')}`, { type: 'int' }),
      d.declare('_ns', t.spikeCount(), { type: 'int' }),
    );
    parts.push.push(...t.copy('_spike_queue', '_slot', String(pop.size), '_spiked', '_ns'));
    parts.advance.push(d.assign(t.el('_spike_queue_idx', '0'), '_slot'), d.assign(t.el('_spike_queue_n', '_slot'), '_ns'));
  }
  return parts;
}

/**
 * The slot of a ring holding what was pushed `steps` steps back, `newest` being the newest slot's
 * index and `slots` the ring's length: `(newest − (steps − 1) + slots) % slots` (1 step back: the
 * newest slot; `+ slots` keeps the remainder non-negative in C, JS and WGSL alike). Every read of a
 * delayed value or of delayed spikes goes through it, so that the push (`ringParts`) and the reads
 * agree on one convention. Int values in; an int value without outer parentheses out.
 */
export function slotBack(newest: string, steps: string, slots: string): string {
  return `(${newest} - (${steps} - 1) + ${slots}) % ${slots}`;
}

/**
 * The slot of a ring of events in flight that is read `steps` steps after slot `current` (read in
 * this step; the ring advances one slot per step): `(current + steps − 1) % slots`. A spike reaching a
 * synapse with a delay of `steps` steps goes there (per-synapse delays, js and cpp).
 */
export function slotAhead(current: string, steps: string, slots: string): string {
  return `(${current} + ${steps} - 1) % ${slots}`;
}
