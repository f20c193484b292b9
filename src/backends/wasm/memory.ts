/**
 * The wasm backend's memory: every array of the network's state in one WebAssembly memory, with a
 * table of their addresses and lengths (two int32s per array) that the kernels read on entry. The state maps hold views of this memory
 * (so the runtime, the monitors and the js kernels read and write the same values as the wasm
 * kernels); an array the runtime replaces (a delay ring that grows, `load()`) is copied in at the
 * next `sync()`, and its table entry updated.
 */
import type { EngineInput, StateMap } from '../../runtime/engine.js';
import { FLAGS_PER_PROJECTION, writeProjectionFlags } from '../kernels/switches.js';
import { InternalError, NetworkError } from '../../errors.js';
import { formatBytes } from '../../runtime/memory.js';
import type { ArrayRef } from './lower.js';
import { logLength } from './run.js';
import { blockScratch } from './blocks.js';

type Typed = Float64Array | Float32Array | Int32Array;

/** The element type of a typed array the memory holds (precision 'float32' stores model attributes as Float32Array), or undefined. */
function elementType(arr: unknown): 'i32' | 'f32' | 'f64' | undefined {
  return arr instanceof Float64Array ? 'f64' : arr instanceof Float32Array ? 'f32' : arr instanceof Int32Array ? 'i32' : undefined;
}

interface Slot {
  owner: 'pop' | 'proj' | 'net' | 'derived';
  id: number;
  name: string;
  type: 'i32' | 'f32' | 'f64';
  addr: number;
  length: number;
  /** The slot whose array this one is (projections sharing their weights: Copy, Transpose), or -1. */
  alias: number;
}

const PAGE = 65536;
/** WebAssembly's 32-bit memories: 65 536 pages of 64 KiB. */
export const MAX_PAGES = 65536;
/** Where the address table starts (address 0 is kept unused). */
export const TABLE = 16;

/** The network's arrays in one WebAssembly memory. */
export class WasmMemory {
  readonly memory: WebAssembly.Memory;
  readonly #input: EngineInput;
  readonly #slots: Slot[] = [];
  readonly #index = new Map<string, number>();
  /** The array each slot's map entry held when last synced (our view, or one the runtime put there). */
  readonly #bound: Typed[] = [];
  #top: number;
  /** The address table as int32s: (address, length) per slot. */
  #table: Int32Array | undefined;

  readonly #derived: readonly StateMap[];

  /**
   * `derived`: the engine's own arrays of each projection (kept like the state's, by projection id);
   * `threads` > 1: a shared memory, for threads (`./threads.ts`; it grows in place, views stay
   * attached), with the scratch of the populations in thread blocks (`./blocks.ts`).
   */
  constructor(input: EngineInput, derived: readonly StateMap[], threads = 1) {
    const shared = threads > 1;
    this.#input = input;
    this.#derived = derived;
    const add = (owner: Slot['owner'], id: number, name: string, arr: Typed) => {
      const type = elementType(arr);
      if (!type) throw new InternalError(`wasm backend: array '${name}' of ${owner} ${id} is a ${(arr as object).constructor.name} (Float64Array, Float32Array or Int32Array expected)`);
      this.#index.set(`${owner}:${id}:${name}`, this.#slots.length);
      this.#slots.push({ owner, id, name, type, addr: 0, length: arr.length, alias: -1 });
    };
    add('net', 0, 'C', new Float64Array(Math.max(1, input.constants.length)));
    add('net', 0, 'FLAGS', new Int32Array(Math.max(1, FLAGS_PER_PROJECTION * input.switches.length)));
    // The step loop's (`./run.ts`): populations enabled, spike log on, the log, what a run did.
    const pops = Math.max(1, input.state.populations.length);
    add('net', 0, 'EN', new Int32Array(pops));
    add('net', 0, 'LOGON', new Int32Array(pops));
    add('net', 0, 'LOG', new Int32Array(logLength(input.plan)));
    add('net', 0, 'RUN', new Int32Array(2));
    for (const [name, arr] of blockScratch(input.plan, threads)) add('net', 0, name, arr);
    input.state.populations.forEach((m, id) => { for (const [name, arr] of m) add('pop', id, name, arr); });
    input.state.projections.forEach((m, id) => { for (const [name, arr] of m) add('proj', id, name, arr); });
    derived.forEach((m, id) => { for (const [name, arr] of m) add('derived', id, name, arr); });
    const originals = this.#slots.map((s) => this.#map(s)?.get(s.name));
    this.#top = align(TABLE + 8 * this.#slots.length);
    this.#place(this.#slots.map((_s, k) => k), originals);
    this.memory = this.#refused(() => new WebAssembly.Memory({ initial: this.#pagesFor(this.#top), maximum: MAX_PAGES, shared }));
    // Copy every array in, then hand the maps our views.
    this.#rebind();
    this.#slots.forEach((s, k) => { const o = originals[k]; if (o && s.alias < 0) (this.#bound[k] as Typed).set(o as never); });
    this.sync();
  }

  /** The array `name` of population/projection `id` (`net` 0: `C`, `FLAGS`; `derived`: the engine's) as the kernels see it. */
  ref(owner: Slot['owner'], id: number, name: string): ArrayRef | undefined {
    const slot = this.#index.get(`${owner}:${id}:${name}`);
    return slot === undefined ? undefined : { slot, type: this.#slots[slot].type };
  }

  /** The network's array `name` (`C`, `FLAGS`, `EN`, `LOGON`, `LOG`, `RUN`, the thread blocks' scratch): a view, valid until the memory grows (`sync()`). */
  net(name: string): Typed {
    const slot = this.#index.get(`net:0:${name}`);
    if (slot === undefined) throw new InternalError(`wasm backend: no network array '${name}'`);
    return this.#bound[slot];
  }

  /** Copies the constants, switches and enabled flags in and adopts the arrays the runtime replaced; whether there were any. */
  sync(): boolean {
    const input = this.#input;
    // A shared memory that grew may hand out a new buffer object later (V8 replaces it on every
    // thread once they heard of the growth): views on the old one see the same bytes, but the random
    // fills tell the memory's arrays by their buffer (`./engine.ts` `randomFill`), so the views are
    // made again on the current one.
    if (this.#table && this.#table.buffer !== this.memory.buffer) this.#rebind(true);
    (this.#bound[0] as Float64Array).set(input.constants);
    writeProjectionFlags(input.switches, this.#bound[1] as Int32Array);
    (this.net('EN') as Int32Array).set(input.enabled);
    const replaced: [number, Typed][] = [];
    for (let k = 2; k < this.#slots.length; k++) {
      const s = this.#slots[k];
      if (s.owner === 'net') continue;
      const arr = this.#map(s)?.get(s.name) as Typed | undefined;
      if (arr === undefined || arr === this.#bound[k]) continue;
      // The kernels were compiled for the slot's element type: a replacement of another type would be read as the wrong bits.
      if (elementType(arr) !== s.type) {
        throw new InternalError(`wasm backend, network ${input.networkId}: array '${s.name}' of ${s.owner} ${s.id} was replaced by a ${(arr as object).constructor.name}, but it holds ${s.type} elements (the runtime must keep each array's type)`);
      }
      replaced.push([k, arr]);
    }
    if (replaced.length === 0) return false;
    // Replaced by the runtime: new places at the top (the old ones are left unused).
    const arrays: (Typed | undefined)[] = [];
    for (const [k, arr] of replaced) arrays[k] = arr;
    this.#place(replaced.map(([k]) => k), arrays);
    const grow = this.#pagesFor(this.#top) - this.memory.buffer.byteLength / PAGE;
    if (grow > 0) {
      this.#refused(() => this.memory.grow(grow));
      this.#rebind(); // growing detached every view
    } else {
      for (const [k] of replaced) this.#bindSlot(k);
    }
    for (const [k, arr] of replaced) if (this.#slots[k].alias < 0) (this.#bound[k] as Typed).set(arr as never);
    return true;
  }

  /**
   * `bytes` of memory of its own at the top (the rings' slot storage, `./ring.ts`), its address. May
   * be called during a run (from a kernel, through an import): growing the memory re-makes every view
   * at once, and the kernels read their arrays' addresses, which do not move, from the table.
   */
  alloc(bytes: number): number {
    const addr = this.#top;
    this.#top = align(this.#top + bytes);
    const grow = this.#pagesFor(this.#top) - this.memory.buffer.byteLength / PAGE;
    if (grow > 0) {
      this.#refused(() => this.memory.grow(grow));
      // An array the runtime replaced since the last sync stays in its map: the next sync adopts it.
      this.#rebind(true);
    }
    return addr;
  }

  /** Places slots `ks` (holding `arrays[k]`) at the top; an array met twice gets one place (an alias). */
  #place(ks: number[], arrays: (Typed | undefined)[]): void {
    const first = new Map<Typed, number>();
    for (const k of ks) {
      const s = this.#slots[k];
      const arr = arrays[k];
      const same = arr && first.get(arr);
      if (arr) s.length = arr.length;
      if (same !== undefined) { s.alias = same; s.addr = this.#slots[same].addr; continue; }
      if (arr) first.set(arr, k);
      s.alias = -1;
      s.addr = this.#top;
      this.#top = align(this.#top + bytesOf(s));
    }
  }

  /** `f()`, with the engine's refusal of memory (a RangeError) said as a NetworkError with the size. */
  #refused<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      throw new NetworkError(`wasm backend, network ${this.#input.networkId}: the JavaScript engine refused ${formatBytes(this.#top)} of WebAssembly memory for the network's arrays (${e.message}); `
        + "free memory (dispose() networks no longer used), use a smaller network, or the cpp backend (compile({ backend: 'cpp' }))");
    }
  }

  #pagesFor(bytes: number): number {
    // Room for arrays the runtime will replace (delay rings), so that growing (which detaches every view) is rare.
    const pages = Math.ceil((bytes + Math.max(1 << 20, bytes / 4)) / PAGE);
    if (pages > MAX_PAGES) {
      throw new NetworkError(`wasm backend, network ${this.#input.networkId}: the network's arrays need ${formatBytes(bytes)}, over the 4 GiB of a WebAssembly memory; `
        + "use the cpp backend (compile({ backend: 'cpp' })) or a smaller network");
    }
    return pages;
  }

  #map(s: Slot): StateMap | undefined {
    switch (s.owner) {
      case 'pop': return this.#input.state.populations[s.id];
      case 'proj': return this.#input.state.projections[s.id];
      case 'derived': return this.#derived[s.id];
      case 'net': return undefined;
    }
  }

  /**
   * A view of every slot put in the maps, and the address table written. `keepReplaced`: a map entry
   * that is no longer the slot's view (the runtime replaced the array: a rewired projection's
   * `_delay`, a grown delay ring) is left in its map for the next `sync()` to adopt, not overwritten
   * by a view of the old slot (which would lose the new values).
   */
  #rebind(keepReplaced = false): void {
    for (let k = 0; k < this.#slots.length; k++) this.#bindSlot(k, keepReplaced);
  }

  #bindSlot(k: number, keepReplaced = false): void {
    const s = this.#slots[k];
    // An alias is bound after the slot it shares (a lower index, or bound in the same pass): the same view object.
    const view = s.alias >= 0 ? this.#bound[s.alias] : new VIEW[s.type](this.memory.buffer, s.addr, s.length);
    const map = this.#map(s);
    const current = keepReplaced ? map?.get(s.name) : undefined;
    const replaced = current !== undefined && current !== this.#bound[k];
    this.#bound[k] = view;
    if (!replaced) map?.set(s.name, view);
    // The table's view, made again only when growing the memory replaced its buffer.
    if (this.#table?.buffer !== this.memory.buffer) this.#table = new Int32Array(this.memory.buffer, TABLE, 2 * this.#slots.length);
    this.#table[2 * k] = s.addr;
    this.#table[2 * k + 1] = s.length;
  }
}

/** The view each element type gets in the maps (what the runtime, the monitors and the js kernels read). */
const VIEW = { i32: Int32Array, f32: Float32Array, f64: Float64Array } as const;

function bytesOf(s: Slot): number {
  return Math.max(8, s.length * VIEW[s.type].BYTES_PER_ELEMENT);
}

function align(x: number): number {
  return Math.ceil(x / 16) * 16;
}
