/**
 * Device memory of a network: every array of every population's and projection's `state` map, plus
 * the engine's own arrays, packed into three storage buffers so that a kernel needs only a handful
 * of bindings whatever the network:
 *
 * - `F`: every float array, as **f32** (the state maps keep **f64** host copies for the API:
 *   attribute reads, monitors, save/load; they hold exactly the f32 values of the device after a run);
 * - `I`: every int32 array (connectivity, spike lists, counters of rings and inputs), as i32;
 * - `A`: the spike counters (`_nspiked`, `_naxon`), as `atomic<i32>`, since neurons append to
 *   their population's spike lists with `atomicAdd`.
 *
 * Offsets are compiled into the shaders as literals: a new array length (delay rings grown, new
 * spike times of a SpikeSourceArray) means a new layout and new shaders (`engine.ts` rebuilds).
 *
 * Kernels read and write memory through a {@link Mem}: the plain one indexes `F` directly; the
 * one of the event kernels binds `F` as `array<atomic<u32>>` (WebGPU forbids binding one buffer
 * twice as writable storage) and adds floats with a compare-and-swap loop.
 */
import type { Location } from './statements.js';
import { InternalError, NetworkError } from '../../errors.js';

export type BufferName = 'F' | 'I' | 'A';

/**
 * The read-only int buffers of the large connectivity arrays (indices, delays, bitmasks), bound
 * beside `F`, `I` and `A`: each binding holds at most the adapter's `maxStorageBufferBindingSize`
 * (2 GiB on NVIDIA's Vulkan driver), which the connectivity of the full microcircuit (3.9 GB) or of
 * a dense network of 20 000 neurons exceeds in one buffer. An array goes to the first of them with
 * room; its WGSL name is the buffer's.
 */
export const CONNECTIVITY_BUFFERS = ['C0', 'C1', 'C2', 'C3'] as const;
export type ConnectivityBuffer = (typeof CONNECTIVITY_BUFFERS)[number];

/** How a {@link Layout} places arrays. */
export interface LayoutOptions {
  /** Whether an int array goes to a connectivity buffer (`C0`…) rather than `I`. */
  separate?: (owner: Region['owner'], name: string) => boolean;
  /** Elements of one connectivity buffer at most (the binding limit ÷ 4). */
  groupElements?: number;
  /** The object owning an array, for messages (`projection 'exc'`). */
  describe?: (owner: Region['owner'], id: number) => string;
}

export interface Region {
  owner: 'pop' | 'proj' | 'net';
  id: number;
  name: string;
  buf: BufferName | ConnectivityBuffer;
  /** First element in the buffer. */
  offset: number;
  length: number;
}

/** Int32 arrays that live in the atomic buffer `A`. */
const ATOMIC = new Set(['_nspiked', '_naxon']);

export class Layout {
  readonly regions: Region[] = [];
  readonly #index = new Map<string, Region>();
  readonly size: Record<BufferName | ConnectivityBuffer, number> = { F: 0, I: 0, A: 0, C0: 0, C1: 0, C2: 0, C3: 0 };
  readonly #options: LayoutOptions;

  constructor(options: LayoutOptions = {}) {
    this.#options = options;
  }

  add(owner: Region['owner'], id: number, name: string, kind: 'f' | 'i', length: number): Region {
    const key = `${owner}:${id}:${name}`;
    const old = this.#index.get(key);
    if (old) return old;
    const buf = kind === 'f' ? 'F' : ATOMIC.has(name) ? 'A' : this.#options.separate?.(owner, name) ? this.#group(owner, id, name, length) : 'I';
    const r: Region = { owner, id, name, buf, offset: this.size[buf], length };
    // Keep every region at least one element long, so that an empty array still has a valid offset.
    this.size[buf] += Math.max(1, length);
    this.regions.push(r);
    this.#index.set(key, r);
    return r;
  }

  get(owner: Region['owner'], id: number, name: string): Region {
    const r = this.#index.get(`${owner}:${id}:${name}`);
    if (!r) throw new InternalError(`webgpu backend: no array '${name}' in ${owner} ${id}`);
    return r;
  }

  has(owner: Region['owner'], id: number, name: string): boolean {
    return this.#index.has(`${owner}:${id}:${name}`);
  }

  /**
   * The offset of an array of `F`, `I` or `A` as a WGSL literal. An array of a connectivity buffer
   * has no offset in `I`: {@link int} reads it (so no kernel reads it from the wrong buffer).
   */
  off(owner: Region['owner'], id: number, name: string): string {
    const r = this.get(owner, id, name);
    if (r.buf.startsWith('C')) throw new InternalError(`webgpu backend: '${name}' of ${owner} ${id} lives in ${r.buf}: read it with Layout.int()`);
    return String(r.offset);
  }

  /** Element `idx` (a WGSL expression) of an int array, in `I` or in its connectivity buffer. */
  int(owner: Region['owner'], id: number, name: string, idx: string): string {
    const r = this.get(owner, id, name);
    if (r.buf !== 'I' && !r.buf.startsWith('C')) throw new InternalError(`webgpu backend: '${name}' of ${owner} ${id} is not an int array of I or C`);
    return idx === '0' ? `${r.buf}[${r.offset}]` : `${r.buf}[${r.offset} + ${idx}]`;
  }

  /** The first connectivity buffer with room for `length` elements. */
  #group(owner: Region['owner'], id: number, name: string, length: number): ConnectivityBuffer {
    const limit = this.#options.groupElements ?? DEFAULT_GROUP_ELEMENTS;
    const n = Math.max(1, length);
    const g = CONNECTIVITY_BUFFERS.find((b) => this.size[b] + n <= limit);
    if (g) return g;
    const who = this.#options.describe?.(owner, id) ?? `${owner} ${id}`;
    const used = CONNECTIVITY_BUFFERS.map((b) => `${b} ${4 * this.size[b]}`).join(', ');
    throw new NetworkError(n > limit
      ? `webgpu backend: the array '${name}' of ${who} needs ${4 * n} bytes, more than this GPU's storage buffer limit (${4 * limit} bytes): use procedural connectivity (connectFixedProbability({ procedural: true })), a smaller network, or the cpp backend`
      : `webgpu backend: the connectivity of the network needs more than the ${CONNECTIVITY_BUFFERS.length} storage buffers of ${4 * limit} bytes this GPU allows (the array '${name}' of ${who}, ${4 * n} bytes, fits in none: ${used}): use procedural connectivity, a smaller network, or the cpp backend`);
  }
}

/** The state buffer (`F`, `I`, `A`) of a region the kernels write: connectivity is never read back. */
export function stateBuffer(r: Region): BufferName {
  if (r.buf !== 'F' && r.buf !== 'I' && r.buf !== 'A') throw new InternalError(`webgpu backend: '${r.name}' of ${r.owner} ${r.id} is connectivity (${r.buf}), never read back`);
  return r.buf;
}

/** Elements of a connectivity buffer when the limit is not given: 2 GiB, the limit of NVIDIA's Vulkan driver. */
const DEFAULT_GROUP_ELEMENTS = Math.floor(2147483644 / 4);

/** How a kernel reads and writes memory. */
export interface Mem {
  /** Whether `F` is bound as atomics (event kernels). */
  readonly atomicF: boolean;
  /** Read of `F[idx]`. */
  f(idx: string): string;
  /** A float location; `shared` when several invocations of the kernel may write it (atomic adds). */
  loc(idx: string, shared: boolean): Location;
  /** Read of `I[idx]`. */
  i(idx: string): string;
  /** Read of the counter `A[idx]`. */
  count(idx: string): string;
}

export const plainMem: Mem = {
  atomicF: false,
  f: (idx) => `F[${idx}]`,
  loc: (idx) => ({ read: `F[${idx}]`, store: (v) => `F[${idx}] = ${v};` }),
  i: (idx) => `I[${idx}]`,
  count: (idx) => `atomicLoad(&A[${idx}])`,
};

export const atomicMem: Mem = {
  atomicF: true,
  f: (idx) => `nx_ldf(${idx})`,
  loc: (idx, shared) => ({
    read: `nx_ldf(${idx})`,
    store: (v) => `nx_stf(${idx}, ${v});`,
    ...(shared ? { atomicAdd: (v: string) => `nx_addf(${idx}, ${v});` } : {}),
  }),
  i: (idx) => `I[${idx}]`,
  count: (idx) => `atomicLoad(&A[${idx}])`,
};

/**
 * The bindings every kernel module declares (group 0): `F`, `I`, `A`, the per-step uniform `U`
 * (bound with a dynamic offset, one 256-byte slot per step of a batch), the connectivity buffers
 * `C0`…`C3` (read-only) and, for the kernels that prepare indirect dispatches, `IND`.
 */
export function bindingDeclarations(mem: Mem, indirect: boolean): string {
  return [
    mem.atomicF
      ? '@group(0) @binding(0) var<storage, read_write> F: array<atomic<u32>>;'
      : '@group(0) @binding(0) var<storage, read_write> F: array<f32>;',
    '@group(0) @binding(1) var<storage, read_write> I: array<i32>;',
    '@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;',
    'struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }',
    '@group(0) @binding(3) var<uniform> U: Step;',
    ...CONNECTIVITY_BUFFERS.map((b, g) => `@group(0) @binding(${5 + g}) var<storage, read> ${b}: array<i32>;`),
    ...(indirect ? ['@group(0) @binding(4) var<storage, read_write> IND: array<u32>;'] : []),
    ...(mem.atomicF ? [ATOMIC_F_HELPERS] : []),
  ].join('\n');
}

/**
 * Float access to `F` bound as `array<atomic<u32>>`. `nx_addf` is the compare-and-swap loop that
 * stands in for the float atomic add WGSL lacks: it retries while another invocation changed the
 * word in between, so concurrent adds are never lost; the order of the adds (and so the rounding of
 * the sum) depends on scheduling.
 */
const ATOMIC_F_HELPERS = /* wgsl */ `fn nx_ldf(idx: i32) -> f32 { return bitcast<f32>(atomicLoad(&F[idx])); }
fn nx_stf(idx: i32, v: f32) { atomicStore(&F[idx], bitcast<u32>(v)); }
fn nx_addf(idx: i32, v: f32) {
  var old = atomicLoad(&F[idx]);
  loop {
    let r = atomicCompareExchangeWeak(&F[idx], old, bitcast<u32>(bitcast<f32>(old) + v));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}`;
