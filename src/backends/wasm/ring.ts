/**
 * The ring of synapses in flight of a projection with per-synapse spike delays, in the network's
 * WebAssembly memory (the js ring is an array of arrays, cpp's `NxRing`): `_D` slots, one per step
 * of delay, each a list of synapse indices in the order they were pushed. Per projection, arrays
 * of the engine's own (`./derived.ts` maps, so the memory places and adopts them like the state):
 *
 * - `_ring_meta`: [`_D`, `_ri`] — the number of slots and this step's slot;
 * - `_ring_len`, `_ring_cap`, `_ring_at`: per slot its length, capacity and storage's address.
 *
 * A slot's storage is memory of its own (`WasmMemory.alloc`). A kernel that finds a slot full calls
 * the imported `ring_grow` (`WasmRings.grow`): storage twice as large, the list copied over. The
 * kernels' text (`ringText`) is the `SynapseRing` of the shared ring walk
 * (`../kernels/synapse-loops.ts` `ringWalk`), so the order of events is js's and cpp's.
 */
import type { NetworkPlan } from '../../ir/plan.js';
import type { StateMap } from '../../runtime/engine.js';
import type { SynapseRing } from '../kernels/synapse-loops.js';
import type { WasmMemory } from './memory.js';
import type { KernelText } from './text.js';

/** The first capacity of a slot (synapse indices). */
const FIRST_CAPACITY = 64;

/** The ring arrays of a projection with `slots` slots, empty. */
export function ringArrays(slots: number): [string, Int32Array][] {
  const D = Math.max(1, slots);
  return [['_ring_meta', Int32Array.of(D, 0)], ['_ring_len', new Int32Array(D)], ['_ring_cap', new Int32Array(D)], ['_ring_at', new Int32Array(D)]];
}

/** The import the kernels call when a slot is full: (projection id, slot). */
export const RING_GROW = 'ring_grow';

/** The wasm text of projection `id`'s ring, its arrays named in kernel `k`. */
export function ringText(id: number, k: KernelText): SynapseRing {
  const a = (name: string) => k.derived(`${name}`, id, name);
  const [meta, len, cap, at] = [a('_ring_meta'), a('_ring_len'), a('_ring_cap'), a('_ring_at')];
  return {
    read: [`(let _D i32 (aref ${meta} 0))`, `(let _ri i32 (aref ${meta} 1))`],
    push: (slot, syn) => [
      '(do',
      `(let _sl i32 (${slot}))`,
      `(when (cmp == (aref ${len} _sl) (aref ${cap} _sl)) (exec ${RING_GROW} ${id} _sl))`,
      `(let _sp ptr.i32 (aref ${at} _sl))`,
      `(set! (aref _sp (aref ${len} _sl)) (${syn}))`,
      `(set! (aref ${len} _sl) (+ (aref ${len} _sl) 1))`,
      ')',
    ].join(' '),
    current: [`(let _sn i32 (aref ${len} _ri))`, `(let _slot ptr.i32 (aref ${at} _ri))`],
    element: (m) => `(aref _slot ${m})`,
    advance: [`(set! (aref ${len} _ri) 0)`, `(set! (aref ${meta} 1) (% (+ _ri 1) _D))`],
  };
}

/** The rings of a network's projections: growth during a run, save and load of the spikes in flight, more slots. */
export class WasmRings {
  readonly #plan: NetworkPlan;
  readonly #memory: WasmMemory;
  readonly #maps: readonly StateMap[];

  /** `maps`: the engine's own arrays of each projection (`./derived.ts`), where the rings' are. */
  constructor(plan: NetworkPlan, memory: WasmMemory, maps: readonly StateMap[]) {
    this.#plan = plan;
    this.#memory = memory;
    this.#maps = maps;
  }

  #array(proj: number, name: string): Int32Array {
    return this.#maps[proj].get(name) as Int32Array;
  }

  #words(): Int32Array {
    return new Int32Array(this.#memory.memory.buffer);
  }

  /** Slot `slot` of projection `proj` is full: storage twice as large, its list copied over (called by a kernel). */
  grow(proj: number, slot: number): void {
    const len = this.#array(proj, '_ring_len')[slot];
    const cap = Math.max(FIRST_CAPACITY, 2 * this.#array(proj, '_ring_cap')[slot]);
    const from = this.#array(proj, '_ring_at')[slot];
    const to = this.#memory.alloc(4 * cap); // may grow the memory: the arrays are read again below
    this.#words().copyWithin(to >> 2, from >> 2, (from >> 2) + len);
    this.#array(proj, '_ring_at')[slot] = to;
    this.#array(proj, '_ring_cap')[slot] = cap;
  }

  /** The spikes in flight of `proj`, slot by slot from this step's (`Engine.getPendingEvents`). */
  pending(proj: number): { ptr: Int32Array; syn: Int32Array } {
    const [D, ri] = this.#array(proj, '_ring_meta');
    const len = this.#array(proj, '_ring_len'), at = this.#array(proj, '_ring_at');
    const words = this.#words();
    const ptr = new Int32Array(D + 1);
    for (let a = 0; a < D; a++) ptr[a + 1] = ptr[a] + len[(ri + a) % D];
    const syn = new Int32Array(ptr[D]);
    for (let a = 0; a < D; a++) {
      const s = (ri + a) % D;
      syn.set(words.subarray(at[s] >> 2, (at[s] >> 2) + len[s]), ptr[a]);
    }
    return { ptr, syn };
  }

  /**
   * Replaces the spikes in flight of `proj` (`Engine.setPendingEvents`, and `slots` more slots when
   * its delays grew): this step's slot first. The new arrays are adopted by the memory at the next run.
   */
  setPending(proj: number, events: { ptr: Int32Array; syn: Int32Array }): void {
    const plan = this.#plan.projections[proj];
    const slots = Math.max(plan.delay.kind === 'variable' ? plan.delay.maxSteps : 1, events.ptr.length - 1, 1);
    const arrays = new Map(ringArrays(slots));
    const len = arrays.get('_ring_len')!, cap = arrays.get('_ring_cap')!, at = arrays.get('_ring_at')!;
    for (let a = 0; a < events.ptr.length - 1; a++) {
      const n = events.ptr[a + 1] - events.ptr[a];
      if (n === 0) continue;
      cap[a] = Math.max(FIRST_CAPACITY, n);
      at[a] = this.#memory.alloc(4 * cap[a]);
      len[a] = n;
      this.#words().set(events.syn.subarray(events.ptr[a], events.ptr[a + 1]), at[a] >> 2);
    }
    for (const [name, arr] of arrays) this.#maps[proj].set(name, arr);
  }

  /** The delays of `proj` changed: more slots if they need them, the spikes in flight kept at the same distance. */
  resize(proj: number): void {
    const plan = this.#plan.projections[proj];
    if (plan.delay.kind !== 'variable' || plan.delay.maxSteps <= this.#array(proj, '_ring_meta')[0]) return;
    this.setPending(proj, this.pending(proj));
  }
}
