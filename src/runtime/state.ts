/**
 * Allocating the internal arrays a compiled network needs (weighted sums, spike lists, delay rings,
 * connectivity indices) next to the attribute arrays the populations and projections already hold.
 */
import type { NetworkPlan } from '../ir/plan.js';
import type { Population } from '../core/Population.js';
import type { Projection } from '../core/Projection.js';
import type { Engine } from './engine.js';

const NEVER_SPIKED = -10000;

/**
 * Puts the attribute arrays of `f32` rows of the plan's table (`setup({ precision: 'float32' })`)
 * in Float32Arrays, each value rounded to the nearest float32, and leaves every other array as it
 * is. Called at compile and after the runtime replaced arrays (a connectivity change), so the
 * kernels of every backend always find the storage type the plan says.
 */
export function storeInPrecision(plan: NetworkPlan, pops: readonly Population[], projs: readonly Projection[]): void {
  if (plan.precision !== 'float32') return;
  for (const a of plan.arrays) {
    if (a.dtype !== 'f32') continue;
    const state = a.owner === 'pop' ? pops[a.id].state : projs[a.id].state;
    const arr = state.get(a.name);
    if (arr !== undefined && !(arr instanceof Float32Array)) state.set(a.name, new Float32Array(arr as ArrayLike<number>));
  }
}

export function allocatePopulation(plan: NetworkPlan, pop: Population): void {
  const p = plan.populations[pop.id];
  const s = pop.state;
  for (const t of p.sumTargets) s.set(`_sum_${t}`, new Float64Array(p.size));
  for (const r of p.description.randoms) s.set(`_rand_${r.id}`, new Float64Array(r.locality === 'global' ? 1 : p.size));
  for (const g of p.globalOps) s.set(`_${g.op}_${g.variable}`, new Float64Array(1));
  if (p.spiking) {
    s.set('_spiked', new Int32Array(p.size));
    s.set('_nspiked', new Int32Array(1));
    s.set('_last_spike', new Int32Array(p.size).fill(NEVER_SPIKED));
    s.set('_refr_left', new Int32Array(p.size));
    if (p.description.axonSpike) {
      s.set('_axon_spiked', new Int32Array(p.size));
      s.set('_naxon', new Int32Array(1));
    }
  }
  if (p.special?.kind === 'poisson' || p.special?.kind === 'timed-poisson') {
    s.set('_poisson_next', new Float64Array(p.size));
    s.set('_poisson_rate', new Float64Array(p.size).fill(NaN));
  }
  resizeDelayRings(plan, pop, p.maxDelay);
}

/**
 * Restores the counters of a special population (ir/plan.ts `SpecialPopulation`) on `reset()`;
 * the data arrays (spike times, blocks) were put in the state by the input classes (src/inputs).
 */
export function resetSpecialState(plan: NetworkPlan, pop: Population): void {
  const p = plan.populations[pop.id];
  const s = pop.state;
  switch (p.special?.kind) {
    case 'spike-source-array': {
      (s.get('_ssa_t') as Int32Array).fill(0);
      const ptr = s.get('_ssa_ptr') as Int32Array;
      (s.get('_ssa_next') as Int32Array).set(ptr.subarray(0, p.size));
      break;
    }
    case 'timed-array':
    case 'timed-poisson':
      (s.get('_ta_t') as Int32Array).fill(0);
      (s.get('_ta_block') as Int32Array).fill(0);
      if (p.special.kind === 'timed-poisson') (s.get('_poisson_rate') as Float64Array).fill(NaN);
      break;
    case 'poisson':
      (s.get('_poisson_rate') as Float64Array).fill(NaN);
      break;
  }
}

/**
 * Restores a projection's internal per-synapse clocks on `reset({ synapses: true })` (the attribute
 * values are restored by the network from its snapshot): event-driven variables were last brought up
 * to date at step 0, and a decoding projection's window is empty, as right after compile.
 */
export function resetSynapseState(plan: NetworkPlan, proj: Projection): void {
  const p = plan.projections[proj.id];
  const s = proj.state;
  (s.get('_last_event') as Int32Array | undefined)?.fill(0);
  if (p.special?.kind === 'decoding') {
    (s.get('_dec_hist') as Float64Array).fill(0);
    (s.get('_dec_idx') as Int32Array).fill(0);
  }
}

/**
 * Drops the spikes in flight that an engine keeps outside the state arrays (variable spike delays,
 * `Engine.getPendingEvents`): on `reset()` they belong to a past that no longer exists.
 */
export function clearPendingEvents(engine: Engine, projId: number): void {
  const pending = engine.getPendingEvents?.(projId);
  if (pending && pending.syn.length > 0) engine.setPendingEvents?.(projId, { ptr: new Int32Array(pending.ptr.length), syn: new Int32Array(0) });
}

/** (Re)creates the delay rings of `pop` with `length` slots, filled with the current values (rates) or empty (spikes). */
export function resizeDelayRings(plan: NetworkPlan, pop: Population, length: number): void {
  const p = plan.populations[pop.id];
  const s = pop.state;
  p.maxDelay = length;
  if (p.delayedVariables.length) {
    s.set('_delay_idx', new Int32Array(1));
    s.set('_delay_len', Int32Array.of(length));
    for (const v of p.delayedVariables) {
      const x = s.get(v)!;
      // The ring holds copies of the variable: its element type (float32 in that precision, copied bit for bit).
      const ring = x instanceof Float32Array ? new Float32Array(length * x.length) : new Float64Array(length * x.length);
      for (let k = 0; k < length; k++) ring.set(x, k * x.length);
      s.set(`_delayed_${v}`, ring);
    }
  }
  if (p.spikeQueue) {
    s.set('_spike_queue', new Int32Array(length * p.size));
    s.set('_spike_queue_n', new Int32Array(length));
    s.set('_spike_queue_idx', new Int32Array(1));
  }
}

export function allocateProjection(plan: NetworkPlan, proj: Projection): void {
  const p = plan.projections[proj.id];
  const c = proj.requireConnected();
  const s = proj.state;
  const nnz = c.preRanks.length;
  s.set('_row_ptr', c.rowPtr);
  s.set('_post_rank', c.postRanks);
  s.set('_pre_rank', c.preRanks);
  const synDendrite = new Int32Array(nnz);
  for (let i = 0; i < c.postRanks.length; i++) synDendrite.fill(i, c.rowPtr[i], c.rowPtr[i + 1]);
  s.set('_syn_dendrite', synDendrite);
  const postSize = proj.post.population.size;
  const dendriteOf = new Int32Array(postSize).fill(-1);
  c.postRanks.forEach((r, i) => { dendriteOf[r] = i; });
  s.set('_dendrite_of_post', dendriteOf);
  if (p.type === 'spike') {
    const preSize = proj.pre.population.size;
    const invPtr = new Int32Array(preSize + 1);
    for (let k = 0; k < nnz; k++) invPtr[c.preRanks[k] + 1]++;
    for (let j = 0; j < preSize; j++) invPtr[j + 1] += invPtr[j];
    const fill = invPtr.slice(0, preSize);
    const invIdx = new Int32Array(nnz);
    for (let k = 0; k < nnz; k++) invIdx[fill[c.preRanks[k]]++] = k;
    s.set('_inv_ptr', invPtr);
    s.set('_inv_idx', invIdx);
    if (p.description.eventDriven.length) s.set('_last_event', new Int32Array(nnz));
  }
  if (c.procedural) {
    // The rule's data for the kernels: candidates, the geometric table (u32 bits), membership.
    s.set('_proc_post', c.procedural.candidates);
    // The thresholds then the bucket counts (connectors/procedural.ts), as int32 bits.
    const { table, buckets } = c.procedural;
    const both = new Int32Array(table.length + buckets.length);
    both.set(new Int32Array(table.buffer, table.byteOffset, table.length));
    both.set(new Int32Array(buckets.buffer, buckets.byteOffset, buckets.length), table.length);
    s.set('_proc_table', both);
    if (c.procedural.preMember) s.set('_proc_member', c.procedural.preMember);
    // A fixed-number rule's index of each pre-synaptic rank among its candidates (the one it skips).
    if (c.procedural.selfIndices) s.set('_proc_self', c.procedural.selfIndices);
  }
  s.set('_delay_uniform', Int32Array.of(typeof c.delaySteps === 'number' ? c.delaySteps : 0));
  if (typeof c.delaySteps !== 'number') s.set('_delay', c.delaySteps);
  if (p.special?.kind === 'decoding') {
    s.set('_dec_hist', new Float64Array(p.special.windowSteps * c.postRanks.length));
    s.set('_dec_idx', new Int32Array(1));
  }
  for (const r of p.description.randoms) {
    s.set(`_rand_${r.id}`, new Float64Array(r.locality === 'local' ? nnz : r.locality === 'semiglobal' ? c.postRanks.length : 1));
  }
}

/**
 * Grows the delay rings of `pop` to `length` slots keeping their history: slot order is logical
 * (newest at `_delay_idx`), older slots that did not exist take the oldest known value (rates) or
 * are empty (spikes).
 */
export function growDelayRings(plan: NetworkPlan, pop: Population, length: number): void {
  const p = plan.populations[pop.id];
  if (length <= p.maxDelay) return;
  const s = pop.state;
  const old = p.maxDelay;
  if (p.delayedVariables.length) {
    const idx = (s.get('_delay_idx') as Int32Array)[0];
    for (const v of p.delayedVariables) {
      const ring = s.get(`_delayed_${v}`) as Float64Array | Float32Array;
      const w = ring.length / old;
      const grown = ring instanceof Float32Array ? new Float32Array(length * w) : new Float64Array(length * w);
      // logical age a (0 = newest) goes to new slot (length - 1 - a) … newest ends at slot length-1
      for (let a = 0; a < length; a++) {
        const src = ((idx - Math.min(a, old - 1)) % old + old) % old;
        grown.set(ring.subarray(src * w, (src + 1) * w), (length - 1 - a) * w);
      }
      s.set(`_delayed_${v}`, grown);
    }
    (s.get('_delay_idx') as Int32Array)[0] = length - 1;
    (s.get('_delay_len') as Int32Array)[0] = length;
  }
  if (p.spikeQueue) {
    const q = s.get('_spike_queue') as Int32Array;
    const qn = s.get('_spike_queue_n') as Int32Array;
    const qi = (s.get('_spike_queue_idx') as Int32Array)[0];
    const gq = new Int32Array(length * p.size);
    const gn = new Int32Array(length);
    for (let a = 0; a < old; a++) {
      const src = ((qi - a) % old + old) % old;
      const dst = length - 1 - a;
      gq.set(q.subarray(src * p.size, (src + 1) * p.size), dst * p.size);
      gn[dst] = qn[src];
    }
    s.set('_spike_queue', gq);
    s.set('_spike_queue_n', gn);
    (s.get('_spike_queue_idx') as Int32Array)[0] = length - 1;
  }
  p.maxDelay = length;
}
