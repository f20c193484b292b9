/**
 * Loading a generated library through koffi (prebuilt binaries for every common platform, so users
 * need no node-gyp; plain C ABI, so the library can also be tested from C or Python). All of the
 * FFI lives in this file: switching to a generated N-API entry point would replace only it.
 */
import { createRequire } from 'node:module';
import { InternalError } from '../../errors.js';

type Pointer = unknown;

/**
 * The largest block of C memory, in bytes, that JavaScript can see through `koffi.view`: koffi
 * 3.3.4 aborts the whole Node process (napi_get_last_error_info, exit 134) for a view of more than
 * 2^32 bytes, where no exception can be caught. So the engine never asks for a larger view: it keeps
 * larger arrays in JavaScript memory and hands their address to C (`engine.ts`), and the spike logs
 * are copied out in pieces of at most this size.
 *
 * @internal Mutable for tests only: lowering `bytes` to a few KB runs the large-array path with
 * small networks. Must stay above 64 (V8 keeps typed arrays of at most 64 bytes on its moving heap).
 */
export const viewLimit = { bytes: 2 ** 32 };

type TypedCtor = Float64ArrayConstructor | Int32ArrayConstructor;

export interface NativeLibrary {
  create(): Pointer;
  destroy(net: Pointer): void;
  alloc(bytes: number): Pointer;
  free(p: Pointer): void;
  /** An ArrayBuffer over `bytes` bytes of C memory at `p` (no copy); at most `viewLimit.bytes`. */
  view(p: Pointer, bytes: number): ArrayBuffer;
  /** `p`: C memory from `alloc`, or a typed array (koffi passes its data's address; C keeps it: keep the array alive). */
  bind(net: Pointer, slot: number, p: Pointer, length: number): void;
  /** The seed of every draw (modulo 2^32): set at run time, so that it is not part of the library. */
  setSeed(net: Pointer, seed: number): void;
  run(net: Pointer, start: number, count: number): void;
  stage(net: Pointer, stage: number, step: number): void;
  stop(net: Pointer, pop: number, step: number): number;
  growRing(net: Pointer, proj: number, length: number): void;
  /** Rebuilds the derived arrays (inverse post ranks, inverse-ordered weights) from the bound ones. */
  prepare(net: Pointer): void;
  /** Writes a compact projection's post-major arrays back from its derived arrays into the bound slots (0; 1: out of memory). */
  restore(net: Pointer, proj: number): number;
  /** Bytes of the derived arrays the network holds outside the slots (the spike walks' inverse copies). */
  derivedBytes(net: Pointer): number;
  /** Native spike log of a population: switch it on/off; read (copies) and clear it. */
  logOn(net: Pointer, pop: number, on: boolean): void;
  logTake(net: Pointer, pop: number): { steps: Float64Array; ranks: Int32Array } | undefined;
  /** Ring of per-synapse spike delays: its slots, the spikes in flight, and reading/writing them as CSR. */
  ringSlots(net: Pointer, proj: number): number;
  ringCount(net: Pointer, proj: number): number;
  ringGet(net: Pointer, proj: number, ptr: Pointer, syn: Pointer): void;
  ringSet(net: Pointer, proj: number, ptr: Pointer, syn: Pointer, slots: number): void;
  numSlots(): number;
}

interface Koffi {
  load(path: string): { func(signature: string): (...args: unknown[]) => unknown };
  view(ref: unknown, len: number): ArrayBuffer;
  array(type: string, length: number): unknown;
  decode(ref: unknown, offset: number, type: unknown): unknown;
}

let koffi: Koffi | undefined;

function loadKoffi(): Koffi {
  if (!koffi) {
    // The backend is itself loaded on demand (dynamic import), so koffi is only required by users of `cpp`.
    const require = createRequire(import.meta.url);
    koffi = require('koffi') as Koffi;
  }
  return koffi;
}

const cache = new Map<string, NativeLibrary>();

/** A copy of `count` elements of C memory at `p`: one view when it fits koffi's limit, else pieces of at most the limit. */
function copyOut<C extends TypedCtor>(k: Koffi, p: Pointer, Ctor: C, count: number): InstanceType<C> {
  const size = Ctor.BYTES_PER_ELEMENT;
  const bytes = count * size;
  if (bytes <= viewLimit.bytes) return new Ctor(k.view(p, bytes), 0, count).slice() as InstanceType<C>;
  const out = new Ctor(count) as InstanceType<C>;
  const piece = Math.max(1, Math.floor(viewLimit.bytes / size));
  const type = Ctor === Float64Array ? 'double' : 'int32_t';
  for (let i = 0; i < count; i += piece) {
    const n = Math.min(piece, count - i);
    // koffi decodes an array of numbers into a typed array (a copy); views cannot start at an offset.
    out.set(k.decode(p, i * size, k.array(type, n)) as InstanceType<C>, i);
  }
  return out;
}

export function loadLibrary(file: string): NativeLibrary {
  const hit = cache.get(file);
  if (hit) return hit;
  const k = loadKoffi();
  const lib = k.load(file);
  const f = (sig: string) => lib.func(sig);
  const create = f('void* nx_create(void)');
  const destroy = f('void nx_destroy(void* N)');
  const alloc = f('void* nx_alloc(int64_t bytes)');
  const free = f('void nx_free(void* p)');
  const bind = f('void nx_bind(void* N, int32_t slot, void* p, int64_t n)');
  const setSeed = f('void nx_set_seed(void* N, int64_t seed)');
  const run = f('void nx_run(void* N, int64_t start, int64_t count)');
  const stage = f('void nx_stage(void* N, int32_t stage, int64_t step)');
  const stop = f('int32_t nx_stop(void* N, int32_t pop, int64_t step)');
  const grow = f('void nx_grow_ring(void* N, int32_t proj, int64_t D)');
  const numSlots = f('int32_t nx_num_slots(void)');
  const prepare = f('void nx_prepare(void* N)');
  const restore = f('int32_t nx_restore(void* N, int32_t proj)');
  const derivedBytes = f('int64_t nx_derived_bytes(void* N)');
  const logOn = f('void nx_log_on(void* N, int32_t pop, int32_t on)');
  const logCount = f('int64_t nx_log_count(void* N, int32_t pop)');
  const logSteps = f('void* nx_log_steps(void* N, int32_t pop)');
  const logRanks = f('void* nx_log_ranks(void* N, int32_t pop)');
  const logClear = f('void nx_log_clear(void* N, int32_t pop)');
  const ringSlots = f('int64_t nx_ring_slots(void* N, int32_t proj)');
  const ringCount = f('int64_t nx_ring_count(void* N, int32_t proj)');
  const ringGet = f('void nx_ring_get(void* N, int32_t proj, void* ptr, void* syn)');
  const ringSet = f('void nx_ring_set(void* N, int32_t proj, void* ptr, void* syn, int64_t slots)');
  const native: NativeLibrary = {
    create: () => create(),
    destroy: (n) => { destroy(n); },
    alloc: (b) => alloc(b),
    free: (p) => { free(p); },
    view: (p, bytes) => {
      // A larger view would abort the process (see viewLimit): the engine must never ask for one.
      if (bytes > viewLimit.bytes) throw new InternalError(`cpp backend: a view of ${bytes} bytes of C memory exceeds koffi's limit of ${viewLimit.bytes}`);
      return k.view(p, bytes);
    },
    bind: (n, s, p, len) => { bind(n, s, p, len); },
    setSeed: (n, seed) => { setSeed(n, seed >>> 0); },
    run: (n, s, c) => { run(n, s, c); },
    stage: (n, st, s) => { stage(n, st, s); },
    stop: (n, p, s) => stop(n, p, s) as number,
    growRing: (n, p, d) => { grow(n, p, d); },
    numSlots: () => numSlots() as number,
    prepare: (n) => { prepare(n); },
    restore: (n, p) => restore(n, p) as number,
    derivedBytes: (n) => Number(derivedBytes(n)),
    logOn: (n, p, on) => { logOn(n, p, on ? 1 : 0); },
    logTake: (n, p) => {
      const count = Number(logCount(n, p));
      if (count === 0) return undefined;
      const steps = copyOut(k, logSteps(n, p), Float64Array, count);
      const ranks = copyOut(k, logRanks(n, p), Int32Array, count);
      logClear(n, p);
      return { steps, ranks };
    },
    ringSlots: (n, p) => Number(ringSlots(n, p)),
    ringCount: (n, p) => Number(ringCount(n, p)),
    ringGet: (n, p, ptr, syn) => { ringGet(n, p, ptr, syn); },
    ringSet: (n, p, ptr, syn, slots) => { ringSet(n, p, ptr, syn, slots); },
  };
  cache.set(file, native);
  return native;
}
