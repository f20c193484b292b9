/**
 * The spike rings of per-synapse delays, on the host side. Each spiking projection with
 * per-synapse delays keeps a ring of its pre-synaptic spike lists (`_wg_ring`, one list of `size`
 * ranks per slot; `_wg_ring_n`, each list's length; `_wg_ring_idx`, the newest slot), advanced only
 * in steps where the projection transmits, as the `js` engine's ring of synapse events. The ring
 * is not a plan array: the engine owns it (the `own` map, by `proj:<id>:<name>`, that the layout
 * and the host ↔ device sync look arrays up in). This module grows it when delays grow and
 * converts it to and from the `js` layout of spikes in flight, so that `save()`/`load()` files
 * move between backends.
 */
import type { EngineInput } from '../../runtime/engine.js';
import type { NetworkPlan } from '../../ir/plan.js';
import { historyLengths } from './generate.js';
import { NetworkError } from '../../errors.js';

/** Engine-owned int arrays by `owner:id:name` (spike rings of per-synapse delays, spike records). */
export type OwnArrays = Map<string, Int32Array>;

/** Spikes in flight in the `js` engine's layout: synapse indices due in 1, 2, … steps (CSR `ptr` over the steps ahead). */
export interface PendingEvents { ptr: Int32Array; syn: Int32Array }

/** The three arrays of projection `projId`'s ring, when it has one. */
function ring(own: OwnArrays, projId: number): { q: Int32Array; n: Int32Array; idx: Int32Array } | undefined {
  const q = own.get(`proj:${projId}:_wg_ring`), n = own.get(`proj:${projId}:_wg_ring_n`), idx = own.get(`proj:${projId}:_wg_ring_idx`);
  return q && n && idx ? { q, n, idx } : undefined;
}

/**
 * (Re)allocates the spike rings of per-synapse delays to `history` slots per projection (as
 * `historyLengths` gives them), keeping the spikes in flight at their distance from now. A ring
 * never shrinks, so that no spike in flight is lost.
 */
export function growRings(own: OwnArrays, plan: NetworkPlan, history: number[]): void {
  history.forEach((D, id) => {
    if (D <= 0) return;
    const size = plan.populations[plan.projections[id].pre].size;
    const key = `proj:${id}:`;
    const oldQ = own.get(`${key}_wg_ring`), oldN = own.get(`${key}_wg_ring_n`), oldI = own.get(`${key}_wg_ring_idx`);
    if (oldN && oldN.length >= D) return;
    const q = new Int32Array(D * size), n = new Int32Array(D), idx = Int32Array.of(D - 1);
    if (oldQ && oldN && oldI) {
      const oD = oldN.length;
      for (let j = 0; j < Math.min(oD, D); j++) {
        const from = (oldI[0] - j + oD) % oD, to = D - 1 - j;
        n[to] = oldN[from];
        q.set(oldQ.subarray(from * size, (from + 1) * size), to * size);
      }
    }
    own.set(`${key}_wg_ring`, q);
    own.set(`${key}_wg_ring_n`, n);
    own.set(`${key}_wg_ring_idx`, idx);
  });
}

/**
 * The spikes in flight of a projection with per-synapse delays, in the `js` engine's layout. The
 * ring holds the pre-synaptic spike lists of the last active steps; a spike pushed `a` active
 * steps ago (a = 0: the last step) still has to reach synapse `k` in `_delay[k] - a - 1` steps.
 */
export function pendingEvents(own: OwnArrays, input: EngineInput, projId: number): PendingEvents | undefined {
  const plan = input.plan.projections[projId];
  if (plan.delay.kind !== 'variable' || plan.type !== 'spike') return undefined;
  const arrays = ring(own, projId);
  if (!arrays) return undefined;
  const { q, n, idx } = arrays;
  const D = n.length, size = q.length / D;
  const st = input.state.projections[projId];
  const invPtr = st.get('_inv_ptr') as Int32Array, invIdx = st.get('_inv_idx') as Int32Array, delay = st.get('_delay') as Int32Array;
  const slots: number[][] = Array.from({ length: D }, () => []);
  // Oldest first: the order in which `js` would have pushed them.
  for (let a = D - 1; a >= 0; a--) {
    const slot = (idx[0] - a + D) % D;
    const ranks = q.slice(slot * size, slot * size + n[slot]).sort();
    for (const r of ranks) {
      for (let m = invPtr[r]; m < invPtr[r + 1]; m++) {
        const k = invIdx[m], pos = delay[k] - a - 2;
        if (pos >= 0 && pos < D) slots[pos].push(k);
      }
    }
  }
  const ptr = new Int32Array(D + 1);
  const syn: number[] = [];
  slots.forEach((s, a) => { for (const k of s) syn.push(k); ptr[a + 1] = syn.length; });
  return { ptr, syn: Int32Array.from(syn) };
}

/**
 * Restores spikes in flight (`load()`): each pending synapse event becomes its pre-synaptic spike
 * at the age its delay implies. Events that no spike history can produce (delays changed while
 * the spikes were in flight) are refused with a `NetworkError`, never dropped in silence.
 */
export function restorePendingEvents(own: OwnArrays, input: EngineInput, projId: number, events: PendingEvents): void {
  const proj = input.plan.projections[projId];
  growRings(own, input.plan, historyLengths(input.plan));
  const arrays = ring(own, projId);
  const fail = (why: string) => new NetworkError(`webgpu backend: the spikes in flight of projection '${proj.name}' cannot be restored: ${why}`);
  if (!arrays) {
    if (events.syn.length) throw fail('it has no per-synapse delays here');
    return;
  }
  const { q, n, idx } = arrays;
  const D = n.length, size = q.length / D;
  const st = input.state.projections[projId];
  const preRank = st.get('_pre_rank') as Int32Array, delay = st.get('_delay') as Int32Array;
  const ages: Set<number>[] = Array.from({ length: D }, () => new Set());
  for (let pos = 0; pos + 1 < events.ptr.length; pos++) {
    for (let m = events.ptr[pos]; m < events.ptr[pos + 1]; m++) {
      const k = events.syn[m];
      const a = delay[k] - pos - 2;
      if (k < 0 || k >= delay.length || a < 0 || a >= D) throw fail(`synapse ${k} is due in ${pos + 1} steps but its delay is ${delay[k]} steps`);
      ages[a].add(preRank[k]);
    }
  }
  q.fill(0); n.fill(0); idx[0] = D - 1;
  ages.forEach((ranks, a) => {
    const slot = (D - 1 - a + D) % D;
    const sorted = Int32Array.from(ranks).sort();
    q.set(sorted, slot * size);
    n[slot] = sorted.length;
  });
  // The ring delivers a spike to every synapse of its neuron at its own delay: check that this
  // gives back exactly the events of the file (it does unless delays changed in flight).
  const back = pendingEvents(own, input, projId)!;
  const key = (ptr: Int32Array, syn: Int32Array) => Array.from({ length: D }, (_, p) => (p + 1 < ptr.length ? Array.from(syn.subarray(ptr[p], ptr[p + 1])).sort((x, y) => x - y).join(',') : '')).join(';');
  if (key(back.ptr, back.syn) !== key(events.ptr, events.syn)) {
    q.fill(0); n.fill(0);
    throw fail('they do not match the synapses\' delays (were delays changed while spikes were in flight?)');
  }
}
