/**
 * Device memory of a network: every array of every population's and projection's `state` map, plus
 * the engine's own arrays, packed into three storage buffers (and, for the largest arrays, a few
 * group buffers: {@link GroupBuffer}) so that a kernel needs only a handful of bindings whatever the network:
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
 * A group buffer, bound beside `F`, `I` and `A` for the largest arrays: each binding holds at most
 * the adapter's `maxStorageBufferBindingSize` (2 GiB on NVIDIA's Vulkan driver), which the
 * connectivity of the full microcircuit (3.9 GB) or the weights of a dense network of 30 000
 * neurons (3.6 GB) exceed in one buffer.
 * - `C<n>`: read-only int32, the large connectivity arrays (indices, delays, bitmasks), read with
 *   {@link Layout.int};
 * - `W<n>`: float32, the per-synapse float arrays of projections (`w`, plastic variables), only when
 *   `F` would exceed one binding with them; read and written with {@link Layout.readFloat} and
 *   {@link Layout.floatLocation}. A group holds either arrays some kernel writes (bound read-write)
 *   or arrays none writes (bound read-only).
 * An array goes to the first group of its kind with room, a new group when none has; an array
 * larger than one binding is cut into pieces ({@link Part}) reached through an accessor function.
 * Groups are bound in the order they were opened.
 */
export type GroupBuffer = `C${number}` | `W${number}`;

/** One group buffer of a {@link Layout}. */
export interface Group {
  name: GroupBuffer;
  kind: 'i' | 'f';
  /** Whether a kernel writes an array of the group (bound read-write; the read-back copies it). */
  written: boolean;
  /** Elements placed so far. */
  elements: number;
}

/**
 * Storage-buffer bindings a kernel has beside the group buffers: `F`, `I`, `A`, and `IND` (the
 * indirect-dispatch arguments) in the kernels that write them.
 */
export const FIXED_STORAGE_BINDINGS = 4;

/** How a {@link Layout} places arrays. */
export interface LayoutOptions {
  /** Whether an int array goes to a connectivity buffer (`C0`…) rather than `I`. */
  separate?: (owner: Region['owner'], name: string) => boolean;
  /**
   * Whether a float array goes to a float buffer (`W0`…) rather than `F`, and whether a kernel
   * writes it (`'written'`) or none does (`'read'`); undefined: `F`.
   */
  separateFloat?: (owner: Region['owner'], id: number, name: string) => 'written' | 'read' | undefined;
  /**
   * Whether an array of a group buffer larger than one binding may span several (its kernels reach
   * it through {@link Layout.int} and {@link Layout.readFloat}/{@link Layout.floatLocation} only);
   * otherwise it is refused.
   */
  splittable?: (owner: Region['owner'], id: number, name: string) => boolean;
  /** Elements of one group buffer at most (the binding limit ÷ 4). */
  groupElements?: number;
  /**
   * The adapter's `maxStorageBuffersPerShaderStage` (default 8, WebGPU's least): every kernel binds
   * `F`, `I`, `A`, `IND` and every group, so at most this minus {@link FIXED_STORAGE_BINDINGS} groups.
   */
  storageBuffers?: number;
  /** The object owning an array, for messages (`projection 'exc'`). */
  describe?: (owner: Region['owner'], id: number) => string;
}

/** One piece of a region in a group buffer: elements `start … start + length − 1` of the region at `offset` of `buf`. */
export interface Part {
  buf: GroupBuffer;
  offset: number;
  start: number;
  length: number;
}

export interface Region {
  owner: 'pop' | 'proj' | 'net';
  id: number;
  name: string;
  /** Its buffer (the first one's, for a region that spans several: {@link parts}). */
  buf: BufferName | GroupBuffer;
  /** First element in the buffer. */
  offset: number;
  length: number;
  /**
   * The pieces of an array larger than one binding, in order, each in a group buffer of its own
   * kind (undefined: the whole array at `offset` of `buf`). Kernels reach it through an accessor
   * function ({@link Layout.accessors}); no kernel may index `buf` at `offset` directly.
   */
  parts?: Part[];
  /** Its accessor functions' name (`nx_r<n>`, `nx_r<n>_st`), for a region with {@link parts}. */
  accessor?: string;
}

/** Int32 arrays that live in the atomic buffer `A`. */
const ATOMIC = new Set(['_nspiked', '_naxon']);

/** Whether a region lives in a group buffer (`C<n>`, `W<n>`), not in `F`, `I` or `A`. */
export function inGroup(r: Region): boolean {
  return r.buf !== 'F' && r.buf !== 'I' && r.buf !== 'A';
}

/** Whether a region holds floats (`F` or a float group `W<n>`): f32 on the device. */
export function isFloat(r: Region): boolean {
  return r.buf === 'F' || r.buf.startsWith('W');
}

/** The pieces of a region of a group buffer (one, the whole array, unless it spans several buffers). */
export function partsOf(r: Region): Part[] {
  if (r.parts) return r.parts;
  if (!inGroup(r)) throw new InternalError(`webgpu backend: '${r.name}' of ${r.owner} ${r.id} is not in a group buffer (${r.buf})`);
  return [{ buf: r.buf as GroupBuffer, offset: r.offset, start: 0, length: r.length }];
}

export class Layout {
  readonly regions: Region[] = [];
  readonly #index = new Map<string, Region>();
  /** Elements of each buffer (`F`, `I`, `A`, and each group by name). */
  readonly size: Record<string, number> = { F: 0, I: 0, A: 0 };
  /** The group buffers, in binding order (the order they were opened). */
  readonly groups: Group[] = [];
  readonly #options: LayoutOptions;

  constructor(options: LayoutOptions = {}) {
    this.#options = options;
  }

  add(owner: Region['owner'], id: number, name: string, kind: 'f' | 'i', length: number): Region {
    const key = `${owner}:${id}:${name}`;
    const old = this.#index.get(key);
    if (old) return old;
    const group = kind === 'f' ? this.#floatAccess(owner, id, name) : ATOMIC.has(name) || !this.#options.separate?.(owner, name) ? undefined : 'read';
    const r: Region = group === undefined
      ? this.#place(owner, id, name, kind === 'f' ? 'F' : ATOMIC.has(name) ? 'A' : 'I', length)
      : this.#placeInGroups(kind, group === 'written', owner, id, name, length);
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
   * The offset of an array of `F`, `I` or `A` as a WGSL literal. An array of a group buffer has no
   * offset there: {@link int} or {@link readFloat} names its buffer (so no kernel reads it from the wrong one).
   */
  off(owner: Region['owner'], id: number, name: string): string {
    const r = this.get(owner, id, name);
    if (inGroup(r)) throw new InternalError(`webgpu backend: '${name}' of ${owner} ${id} lives in ${r.buf}: read it with Layout.${r.buf.startsWith('C') ? 'int' : 'readFloat'}()`);
    return String(r.offset);
  }

  /** Element `idx` (a WGSL expression) of an int array, in `I` or in its connectivity buffer(s). */
  int(owner: Region['owner'], id: number, name: string, idx: string): string {
    const r = this.get(owner, id, name);
    if (r.buf !== 'I' && !r.buf.startsWith('C')) throw new InternalError(`webgpu backend: '${name}' of ${owner} ${id} is not an int array of I or C`);
    if (r.accessor) return `${r.accessor}(${idx})`;
    return idx === '0' ? `${r.buf}[${r.offset}]` : `${r.buf}[${r.offset} + ${idx}]`;
  }

  /** Read of element `idx` (a WGSL expression) of a float array, in `F` (through `mem`) or in its float buffer(s). */
  readFloat(mem: Mem, owner: Region['owner'], id: number, name: string, idx: string): string {
    const r = this.#floatRegion(owner, id, name);
    return r.accessor ? `${r.accessor}(${idx})` : mem.f(`${r.offset} + ${idx}`, r.buf as FloatBuffer);
  }

  /** Element `idx` of a float array as a location (`shared`: written by several invocations, `F` only). */
  floatLocation(mem: Mem, owner: Region['owner'], id: number, name: string, idx: string, shared: boolean): Location {
    const r = this.#floatRegion(owner, id, name);
    if (!r.accessor) return mem.loc(`${r.offset} + ${idx}`, shared, r.buf as FloatBuffer);
    if (shared) throw new InternalError(`webgpu backend: a write shared by several invocations to '${name}' of ${owner} ${id}, which spans float buffers`);
    return { read: `${r.accessor}(${idx})`, store: (v) => `${r.accessor}_st(${idx}, ${v});` };
  }

  /**
   * The WGSL accessor functions of the arrays that span several group buffers (`nx_r<n>(k)`, and
   * `nx_r<n>_st(k, v)` where a kernel writes them): a branch on `k` picks the piece. Every kernel
   * module declares them (each module binds every group).
   */
  accessors(): string {
    return this.regions.filter((r) => r.parts).map((r) => accessorSource(r, this.groups)).join('\n');
  }

  /**
   * Opens empty connectivity groups up to `C<n - 1>` where the layout has only connectivity groups,
   * fewer than `n`: the bindings of every network whose arrays fit in one buffer each, as before
   * float groups existed (`C0`…`C3`, each kernel's shaders unchanged). A float group, or more
   * groups, changes nothing.
   */
  padConnectivity(n: number): void {
    if (this.groups.some((g) => g.kind === 'f')) return;
    for (let j = this.groups.length; j < n; j++) {
      const name = `C${j}` as GroupBuffer;
      this.groups.push({ name, kind: 'i', written: false, elements: 0 });
      this.size[name] = 0;
    }
  }

  #floatRegion(owner: Region['owner'], id: number, name: string): Region {
    const r = this.get(owner, id, name);
    if (!isFloat(r)) throw new InternalError(`webgpu backend: '${name}' of ${owner} ${id} is not a float array (${r.buf})`);
    return r;
  }

  /** A region of `length` elements at the end of buffer `buf`. */
  #place(owner: Region['owner'], id: number, name: string, buf: BufferName | GroupBuffer, length: number): Region {
    const r: Region = { owner, id, name, buf, offset: this.size[buf], length };
    // Keep every region at least one element long, so that an empty array still has a valid offset.
    this.size[buf] += Math.max(1, length);
    const g = this.groups.find((x) => x.name === buf);
    if (g) g.elements = this.size[buf];
    return r;
  }

  /** Where a float array goes: `F` (undefined), or a float group of its access. */
  #floatAccess(owner: Region['owner'], id: number, name: string): 'written' | 'read' | undefined {
    return this.#options.separateFloat?.(owner, id, name);
  }

  /**
   * A region in the group buffers of `kind` (and, for floats, `written`): the first with room, a new
   * one if none has; an array larger than one binding, where `splittable` allows, is cut into
   * pieces that fill the room left in those groups, in order, then new ones.
   */
  #placeInGroups(kind: 'i' | 'f', written: boolean, owner: Region['owner'], id: number, name: string, length: number): Region {
    const limit = this.#options.groupElements ?? DEFAULT_GROUP_ELEMENTS;
    const n = Math.max(1, length);
    if (n <= limit) return this.#place(owner, id, name, this.#group(kind, written, owner, id, name, n), length);
    if (!this.#options.splittable?.(owner, id, name)) {
      const who = this.#options.describe?.(owner, id) ?? `${owner} ${id}`;
      throw new NetworkError(kind === 'i'
        ? `webgpu backend: the array '${name}' of ${who} needs ${4 * n} bytes, more than this GPU's storage buffer limit (${4 * limit} bytes): use procedural connectivity (connectFixedProbability({ procedural: true })), a smaller network, or the cpp backend`
        : `webgpu backend: the float array '${name}' of ${who} needs ${4 * n} bytes, more than this GPU's storage buffer limit (${4 * limit} bytes): use a smaller network or the cpp backend`);
    }
    // Piece by piece into the room the groups of its kind have left, in order, then into new ones.
    const parts: Part[] = [];
    for (let start = 0; start < n;) {
      const room = this.groups.find((x) => x.kind === kind && x.written === written && x.elements < limit);
      const buf = room?.name ?? this.#group(kind, written, owner, id, name, Math.min(limit, n - start), true);
      const len = Math.min(limit - this.size[buf], n - start);
      parts.push({ buf, offset: this.size[buf], start, length: len });
      this.#place(owner, id, name, buf, len);
      start += len;
    }
    return { owner, id, name, buf: parts[0].buf, offset: parts[0].offset, length, parts, accessor: `nx_r${this.regions.length}` };
  }

  /** The first group of kind `kind` (and, for floats, of the same access) with room for `n` elements (`fresh`: a new one), opened if none has. */
  #group(kind: 'i' | 'f', written: boolean, owner: Region['owner'], id: number, name: string, n: number, fresh = false): GroupBuffer {
    const limit = this.#options.groupElements ?? DEFAULT_GROUP_ELEMENTS;
    const g = fresh ? undefined : this.groups.find((x) => x.kind === kind && x.written === written && x.elements + n <= limit);
    if (g) return g.name;
    const max = Math.max(0, (this.#options.storageBuffers ?? DEFAULT_STORAGE_BUFFERS) - FIXED_STORAGE_BINDINGS);
    if (this.groups.length >= max) {
      const who = this.#options.describe?.(owner, id) ?? `${owner} ${id}`;
      const used = this.groups.map((x) => `${x.name} ${4 * x.elements}`).join(', ');
      throw new NetworkError(`webgpu backend: the network needs more storage buffers than this GPU binds in one kernel (maxStorageBuffersPerShaderStage ${max + FIXED_STORAGE_BINDINGS}: F, I, A, the indirect arguments and ${max} buffers of at most ${4 * limit} bytes each for the largest arrays: ${used || 'none'}); the ${kind === 'i' ? 'array' : 'float array'} '${name}' of ${who} (${4 * n} bytes${fresh ? ' in this piece' : ''}) fits in none: use procedural connectivity, a smaller network, or the cpp backend`);
    }
    const prefix = kind === 'i' ? 'C' : 'W';
    const name0 = `${prefix}${this.groups.filter((x) => x.kind === kind).length}` as GroupBuffer;
    this.groups.push({ name: name0, kind, written, elements: 0 });
    this.size[name0] = 0;
    return name0;
  }
}

/** The WGSL accessors of a region with parts: a read, and a store where its groups are written. */
function accessorSource(r: Region, groups: readonly Group[]): string {
  const parts = r.parts!;
  const type = r.buf.startsWith('C') ? 'i32' : 'f32';
  const at = (p: Part) => `${p.buf}[${p.offset} + k${p.start ? ` - ${p.start}` : ''}]`;
  // The pieces from the last: each branch takes `k` at or past its start.
  const pick = (stmt: (place: string) => string) => parts.slice(1).reverse().map((p) => `  if (k >= ${p.start}) { ${stmt(at(p))} }`).concat(`  ${stmt(at(parts[0]))}`);
  const read = [`fn ${r.accessor}(k: i32) -> ${type} {`, ...pick((x) => `return ${x};`), '}'];
  const written = groups.find((g) => g.name === r.buf)?.written === true;
  const store = written ? [`fn ${r.accessor}_st(k: i32, v: ${type}) {`, ...pick((x) => `${x} = v; return;`), '}'] : [];
  return [`// '${r.name}' of ${r.owner} ${r.id}, in ${parts.length} buffers`, ...read, ...store].join('\n');
}

/** A buffer holding floats: `F`, or a float group. */
export type FloatBuffer = 'F' | `W${number}`;

/** The state buffer (`F`, `I`, `A`) of a region; a region of a group buffer has none (read it piece by piece: {@link partsOf}). */
export function stateBuffer(r: Region): BufferName {
  if (r.buf === 'F' || r.buf === 'I' || r.buf === 'A') return r.buf;
  throw new InternalError(`webgpu backend: '${r.name}' of ${r.owner} ${r.id} lives in the group buffer ${r.buf}, not in F, I or A`);
}

/** Elements of a group buffer when the limit is not given: 2 GiB, the limit of NVIDIA's Vulkan driver. */
const DEFAULT_GROUP_ELEMENTS = Math.floor(2147483644 / 4);

/** `maxStorageBuffersPerShaderStage` when not given: WebGPU's default (so four group buffers). */
const DEFAULT_STORAGE_BUFFERS = 8;

/**
 * How a kernel reads and writes memory. Float reads and writes name their buffer (`buf`, from
 * {@link Layout.readFloat}; `F` when omitted): a float group `W<n>` is a plain `array<f32>` in every
 * kernel, written by one invocation per element (per-synapse arrays), so only `F` needs atomics.
 */
export interface Mem {
  /** Whether `F` is bound as atomics (event kernels). */
  readonly atomicF: boolean;
  /** Read of `buf[idx]`. */
  f(idx: string, buf?: FloatBuffer): string;
  /** A float location of `buf`; `shared` when several invocations of the kernel may write it (atomic adds, `F` only). */
  loc(idx: string, shared: boolean, buf?: FloatBuffer): Location;
  /** Read of `I[idx]`. */
  i(idx: string): string;
  /** Read of the counter `A[idx]`. */
  count(idx: string): string;
}

/** A plain float location `buf[idx]`. */
function plainLoc(idx: string, buf: FloatBuffer): Location {
  return { read: `${buf}[${idx}]`, store: (v) => `${buf}[${idx}] = ${v};` };
}

export const plainMem: Mem = {
  atomicF: false,
  f: (idx, buf = 'F') => `${buf}[${idx}]`,
  loc: (idx, _shared, buf = 'F') => plainLoc(idx, buf),
  i: (idx) => `I[${idx}]`,
  count: (idx) => `atomicLoad(&A[${idx}])`,
};

export const atomicMem: Mem = {
  atomicF: true,
  f: (idx, buf = 'F') => (buf === 'F' ? `nx_ldf(${idx})` : `${buf}[${idx}]`),
  loc: (idx, shared, buf = 'F') => {
    if (buf !== 'F') {
      // Only per-synapse arrays live in float groups, each element written by its synapse's one invocation.
      if (shared) throw new InternalError(`webgpu backend: a write shared by several invocations to ${buf}[${idx}]: float groups hold per-synapse arrays only`);
      return plainLoc(idx, buf);
    }
    return {
      read: `nx_ldf(${idx})`,
      store: (v) => `nx_stf(${idx}, ${v});`,
      ...(shared ? { atomicAdd: (v: string) => `nx_addf(${idx}, ${v});` } : {}),
    };
  },
  i: (idx) => `I[${idx}]`,
  count: (idx) => `atomicLoad(&A[${idx}])`,
};

/** Binding number of the first group buffer (after `F` 0, `I` 1, `A` 2, `U` 3, `IND` 4). */
export const FIRST_GROUP_BINDING = 5;

/**
 * The bindings every kernel module declares (group 0): `F`, `I`, `A`, the per-step uniform `U`
 * (bound with a dynamic offset, one 256-byte slot per step of a batch), the layout's group buffers
 * (from binding {@link FIRST_GROUP_BINDING} in order: connectivity `C<n>` read-only, float groups
 * read-write where a kernel writes them), the accessors of arrays that span several of them
 * ({@link Layout.accessors}) and, for the kernels that prepare indirect dispatches, `IND`.
 */
export function bindingDeclarations(mem: Mem, indirect: boolean, layout: Pick<Layout, 'groups' | 'accessors'>): string {
  const groups = layout.groups;
  const accessors = layout.accessors();
  return [
    mem.atomicF
      ? '@group(0) @binding(0) var<storage, read_write> F: array<atomic<u32>>;'
      : '@group(0) @binding(0) var<storage, read_write> F: array<f32>;',
    '@group(0) @binding(1) var<storage, read_write> I: array<i32>;',
    '@group(0) @binding(2) var<storage, read_write> A: array<atomic<i32>>;',
    'struct Step { step: i32, step_lo: u32, step_hi: u32, t: f32 }',
    '@group(0) @binding(3) var<uniform> U: Step;',
    ...groups.map((g, j) => `@group(0) @binding(${FIRST_GROUP_BINDING + j}) var<storage, ${g.written ? 'read_write' : 'read'}> ${g.name}: array<${g.kind === 'i' ? 'i32' : 'f32'}>;`),
    ...(indirect ? ['@group(0) @binding(4) var<storage, read_write> IND: array<u32>;'] : []),
    ...(accessors ? [accessors] : []),
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
