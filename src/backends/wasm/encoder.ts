/**
 * A WebAssembly binary writer: the module sections the wasm backend uses (types, imports of memory
 * and functions, functions, exports, code) and an instruction buffer with the opcodes its lowering
 * emits. Written by hand rather than taken from Binaryen or wabt: both are ~400 ms to load (15 MB and
 * 2 MB of JavaScript) before the first module, where this writes a network's module in about a
 * millisecond; the engine's own compiler (V8's Liftoff then TurboFan) does the optimising.
 * Format: https://webassembly.github.io/spec/core/binary/ .
 */
import { InternalError } from '../../errors.js';

/** A value type of the module. */
export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';

const VALTYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** The opcodes without immediates that the lowering uses (numeric, conversions, control). */
export const OP = {
  unreachable: 0x00, nop: 0x01, else: 0x05, end: 0x0b, return: 0x0f, drop: 0x1a, select: 0x1b,
  'i32.eqz': 0x45, 'i32.eq': 0x46, 'i32.ne': 0x47, 'i32.lt_s': 0x48, 'i32.lt_u': 0x49, 'i32.gt_s': 0x4a, 'i32.gt_u': 0x4b,
  'i32.le_s': 0x4c, 'i32.le_u': 0x4d, 'i32.ge_s': 0x4e, 'i32.ge_u': 0x4f,
  'f64.eq': 0x61, 'f64.ne': 0x62, 'f64.lt': 0x63, 'f64.gt': 0x64, 'f64.le': 0x65, 'f64.ge': 0x66,
  'i32.add': 0x6a, 'i32.sub': 0x6b, 'i32.mul': 0x6c, 'i32.div_s': 0x6d, 'i32.rem_s': 0x6f,
  'i32.and': 0x71, 'i32.or': 0x72, 'i32.xor': 0x73, 'i32.shl': 0x74, 'i32.shr_s': 0x75, 'i32.shr_u': 0x76,
  'f64.abs': 0x99, 'f64.neg': 0x9a, 'f64.ceil': 0x9b, 'f64.floor': 0x9c, 'f64.trunc': 0x9d, 'f64.nearest': 0x9e,
  'f64.sqrt': 0x9f, 'f64.add': 0xa0, 'f64.sub': 0xa1, 'f64.mul': 0xa2, 'f64.div': 0xa3, 'f64.min': 0xa4, 'f64.max': 0xa5,
  'f64.convert_i32_s': 0xb7,
  // float32 arrays (precision 'float32'): loaded and promoted, computed in float64, demoted and stored.
  'f32.demote_f64': 0xb6, 'f64.promote_f32': 0xbb,
  // Integer and bit-level operations of the in-module random generator (`random.ts`): Philox's
  // 32×32→64-bit products, joining words into 53-bit integers, and fdlibm's exponent-word access.
  'i32.div_u': 0x6e, 'i32.rem_u': 0x70, 'i32.rotl': 0x77, 'i32.rotr': 0x78,
  'i64.eqz': 0x50, 'i64.eq': 0x51, 'i64.ne': 0x52, 'i64.lt_s': 0x53, 'i64.lt_u': 0x54, 'i64.gt_s': 0x55, 'i64.gt_u': 0x56,
  'i64.le_s': 0x57, 'i64.le_u': 0x58, 'i64.ge_s': 0x59, 'i64.ge_u': 0x5a,
  'i64.add': 0x7c, 'i64.sub': 0x7d, 'i64.mul': 0x7e,
  'i64.and': 0x83, 'i64.or': 0x84, 'i64.xor': 0x85, 'i64.shl': 0x86, 'i64.shr_s': 0x87, 'i64.shr_u': 0x88,
  'i64.rotl': 0x89, 'i64.rotr': 0x8a,
  'f64.copysign': 0xa6,
  'i32.wrap_i64': 0xa7, 'i64.extend_i32_s': 0xac, 'i64.extend_i32_u': 0xad,
  'f64.convert_i32_u': 0xb8, 'f64.convert_i64_s': 0xb9, 'f64.convert_i64_u': 0xba,
  'i64.reinterpret_f64': 0xbd, 'f64.reinterpret_i64': 0xbf,
} as const;

export type OpName = keyof typeof OP;

/** 128-bit SIMD opcodes (after the `0xfd` prefix) that the vector loops use: float64 pairs and masks. */
export const SIMD = {
  'v128.load': 0x00, 'v128.store': 0x0b, 'v128.load64_zero': 0x5d, 'f64x2.splat': 0x14,
  'f64x2.extract_lane': 0x21, 'f64x2.replace_lane': 0x22,
  'f64x2.eq': 0x47, 'f64x2.ne': 0x48, 'f64x2.lt': 0x49, 'f64x2.gt': 0x4a, 'f64x2.le': 0x4b, 'f64x2.ge': 0x4c,
  'v128.not': 0x4d, 'v128.and': 0x4e, 'v128.or': 0x50, 'v128.bitselect': 0x52, 'v128.any_true': 0x53,
  'f64x2.ceil': 0x74, 'f64x2.floor': 0x75, 'f64x2.trunc': 0x7a,
  'f64x2.abs': 0xec, 'f64x2.neg': 0xed, 'f64x2.sqrt': 0xef, 'f64x2.add': 0xf0, 'f64x2.sub': 0xf1, 'f64x2.mul': 0xf2, 'f64x2.div': 0xf3,
  'f64x2.convert_low_i32x4_s': 0xfe,
  // Pairs of float32 elements (8 bytes): promoted into, and demoted from, float64 lanes.
  'f32x4.demote_f64x2_zero': 0x5e, 'f64x2.promote_low_f32x4': 0x5f, 'v128.store64_lane': 0x5b,
  'i32x4.splat': 0x11, 'i32x4.gt_s': 0x3b, 'i32x4.add': 0xae,
  // Integer lanes of the in-module random generator (`random-simd.ts`): Philox on four counters
  // (32×32→64-bit products, regrouped by shuffles), fdlibm's exponent words, masks and constants.
  // `v128.const` takes 16 bytes of immediate, `i8x16.shuffle` 16 lane indices, `i32x4.extract_lane` one.
  'v128.const': 0x0c, 'i8x16.shuffle': 0x0d, 'i32x4.extract_lane': 0x1b,
  'i32x4.eq': 0x37, 'i32x4.lt_s': 0x39, 'i32x4.ge_u': 0x40, 'v128.xor': 0x51,
  'i32x4.shl': 0xab, 'i32x4.shr_s': 0xac, 'i32x4.shr_u': 0xad, 'i32x4.sub': 0xb1, 'i32x4.mul': 0xb5,
  'i64x2.extend_low_i32x4_s': 0xc7, 'i64x2.extend_high_i32x4_s': 0xc8,
  'i64x2.extmul_low_i32x4_u': 0xde, 'i64x2.extmul_high_i32x4_u': 0xdf,
  'f64x2.convert_low_i32x4_u': 0xff,
} as const;

export type SimdName = keyof typeof SIMD;

/** Unsigned LEB128. */
function uleb(out: number[], v: number): void {
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
}

/** Signed LEB128 of a 32-bit integer. */
function sleb(out: number[], v: number): void {
  v |= 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) { out.push(b); return; }
    out.push(b | 0x80);
  }
}

/** Signed LEB128 of a 64-bit integer (taken modulo 2^64 as a two's-complement value). */
function sleb64(out: number[], v: bigint): void {
  v = BigInt.asIntN(64, v);
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) { out.push(b); return; }
    out.push(b | 0x80);
  }
}

function name(out: number[], s: string): void {
  const bytes = new TextEncoder().encode(s);
  uleb(out, bytes.length);
  for (const b of bytes) out.push(b);
}

/** An element type of memory: the scalar loads' and stores' types. */
export type MemType = 'i32' | 'f32' | 'f64';

/** Per element type: the load opcode, the store opcode, and log2 of the natural alignment. */
const MEM: Record<MemType, [number, number, number]> = { i32: [0x28, 0x36, 2], f32: [0x2a, 0x38, 2], f64: [0x2b, 0x39, 3] };

const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);

/** The instructions of one function body, appended in order. */
export class Code {
  readonly bytes: number[] = [];

  op(o: OpName): this { this.bytes.push(OP[o]); return this; }
  i32(v: number): this { this.bytes.push(0x41); sleb(this.bytes, v); return this; }
  /** `i64.const` (the value modulo 2^64, two's complement). */
  i64(v: bigint): this { this.bytes.push(0x42); sleb64(this.bytes, v); return this; }
  f64(v: number): this { F64[0] = v; this.bytes.push(0x44, ...F64_BYTES); return this; }
  get(local: number): this { this.bytes.push(0x20); uleb(this.bytes, local); return this; }
  set(local: number): this { this.bytes.push(0x21); uleb(this.bytes, local); return this; }
  tee(local: number): this { this.bytes.push(0x22); uleb(this.bytes, local); return this; }
  /** A load of `type` at the address on the stack (+ `offset` bytes), naturally aligned. */
  load(type: MemType, offset = 0): this { this.bytes.push(MEM[type][0], MEM[type][2]); uleb(this.bytes, offset); return this; }
  /** A store of the `type` value on the stack at the address under it (+ `offset` bytes), naturally aligned. */
  store(type: MemType, offset = 0): this { this.bytes.push(MEM[type][1], MEM[type][2]); uleb(this.bytes, offset); return this; }
  /** `block`, `loop` or `if`, with no result or one value. */
  begin(kind: 'block' | 'loop' | 'if', result?: ValType): this { this.bytes.push(kind === 'block' ? 0x02 : kind === 'loop' ? 0x03 : 0x04, result ? VALTYPE[result] : 0x40); return this; }
  br(depth: number): this { this.bytes.push(0x0c); uleb(this.bytes, depth); return this; }
  brIf(depth: number): this { this.bytes.push(0x0d); uleb(this.bytes, depth); return this; }
  call(fn: number): this { this.bytes.push(0x10); uleb(this.bytes, fn); return this; }
  /** A 128-bit SIMD instruction (`0xfd` prefix, `SIMD` opcodes) without immediates. */
  simd(o: SimdName): this { this.bytes.push(0xfd); uleb(this.bytes, SIMD[o]); return this; }
  /** `f64x2.extract_lane` / `f64x2.replace_lane` of lane `lane`. */
  lane(o: 'f64x2.extract_lane' | 'f64x2.replace_lane', lane: 0 | 1): this { this.simd(o); this.bytes.push(lane); return this; }
  /** A 128-bit load (`v128.load`, or `v128.load64_zero`: 8 bytes into the low half) or store, at the address on the stack. */
  vmem(o: 'v128.load' | 'v128.load64_zero' | 'v128.store', offset = 0): this { this.simd(o); this.bytes.push(3); uleb(this.bytes, offset); return this; }
  /** `v128.store64_lane` of lane 0 (the low 8 bytes: two float32s) at the address under the v128, aligned to 8. */
  storeLow64(offset = 0): this { this.simd('v128.store64_lane'); this.bytes.push(3); uleb(this.bytes, offset); this.bytes.push(0); return this; }
  /** `i8x16.shuffle` of the two v128s on the stack: the 16 byte indices (0–15: the first, 16–31: the second). */
  shuffle(bytes: readonly number[]): this { this.simd('i8x16.shuffle'); this.bytes.push(...bytes); return this; }
  /** `v128.const` of four 32-bit words (little-endian lanes 0–3). */
  v128Words(words: readonly number[]): this {
    this.simd('v128.const');
    for (const x of words) this.bytes.push(x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff);
    return this;
  }
  /** `i32.trunc_sat_f64_s`: truncation saturating at the int32 range, NaN to 0 (never traps). */
  truncSat(): this { this.bytes.push(0xfc, 0x02); return this; }
  /**
   * JavaScript's ToInt32 of a float64 (what storing into an Int32Array does): truncated, then
   * wrapped modulo 2^32 (`i64.trunc_sat_f64_s`, `i32.wrap_i64`; exact below 2^63), NaN to 0.
   */
  toInt32(): this { this.bytes.push(0xfc, 0x06, 0xa7); return this; }
  /** `i64.trunc_sat_f64_s`: truncation saturating at the int64 range, NaN to 0 (never traps). */
  truncSatI64(): this { this.bytes.push(0xfc, 0x06); return this; }
  /**
   * A thread instruction (`0xfe` prefix, `ATOMIC` opcodes) on the naturally aligned int32 at the
   * address on the stack (+ `offset` bytes): the shared memory's generation and done counters
   * (`./threads.ts`).
   */
  atomic(o: AtomicName, offset = 0): this { this.bytes.push(0xfe, ATOMIC[o], 2); uleb(this.bytes, offset); return this; }
}

/** The thread instructions the fork/join of `./threads.ts` uses (after the `0xfe` prefix). */
export const ATOMIC = {
  'memory.atomic.notify': 0x00, 'memory.atomic.wait32': 0x01,
  'i32.atomic.load': 0x10, 'i32.atomic.store': 0x17, 'i32.atomic.rmw.add': 0x1e,
} as const;

export type AtomicName = keyof typeof ATOMIC;

interface FuncType { params: ValType[]; results: ValType[] }

/** A module under construction: imports first (their indices come first), then the defined functions. */
export class ModuleWriter {
  readonly #types: FuncType[] = [];
  readonly #imports: { module: string; field: string; kind: 'func' | 'memory'; type?: number; pages?: number; maximum?: number }[] = [];
  readonly #funcs: { type: number; locals: ValType[]; code: Code; exportAs?: string }[] = [];
  #importedFuncs = 0;

  #typeIndex(params: ValType[], results: ValType[]): number {
    const k = this.#types.findIndex((t) => t.params.join() === params.join() && t.results.join() === results.join());
    if (k >= 0) return k;
    this.#types.push({ params, results });
    return this.#types.length - 1;
  }

  /**
   * Imports the memory `module.field` with at least `pages` pages of 64 KiB; with `sharedMaximum`, a
   * shared memory of at most that many pages (what threads need: `./threads.ts`).
   */
  importMemory(module: string, field: string, pages: number, sharedMaximum?: number): void {
    this.#imports.push({ module, field, kind: 'memory', pages, maximum: sharedMaximum });
  }

  /** Imports a function; returns its index. Every import must come before the first `define`. */
  importFunction(module: string, field: string, params: ValType[], results: ValType[]): number {
    if (this.#funcs.length > 0) throw new InternalError('ModuleWriter: imports come before the defined functions');
    this.#imports.push({ module, field, kind: 'func', type: this.#typeIndex(params, results) });
    return this.#importedFuncs++;
  }

  /** Reserves the index of a function defined later with `define` (calls may precede the body). */
  declare(params: ValType[], results: ValType[], exportAs?: string): number {
    this.#funcs.push({ type: this.#typeIndex(params, results), locals: [], code: new Code(), exportAs });
    return this.#importedFuncs + this.#funcs.length - 1;
  }

  /** Gives function `index` (from `declare`) its extra locals and body (without the final `end`). */
  define(index: number, locals: ValType[], code: Code): void {
    const f = this.#funcs[index - this.#importedFuncs];
    f.locals = locals;
    f.code = code;
  }

  /** The binary module. */
  emit(): Uint8Array {
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const section = (id: number, body: number[]) => { out.push(id); uleb(out, body.length); for (const b of body) out.push(b); };
    const vec = <T>(items: T[], write: (o: number[], item: T) => void) => { const o: number[] = []; uleb(o, items.length); for (const it of items) write(o, it); return o; };
    section(1, vec(this.#types, (o, t) => {
      o.push(0x60);
      uleb(o, t.params.length); for (const p of t.params) o.push(VALTYPE[p]);
      uleb(o, t.results.length); for (const r of t.results) o.push(VALTYPE[r]);
    }));
    section(2, vec(this.#imports, (o, im) => {
      name(o, im.module); name(o, im.field);
      if (im.kind === 'func') { o.push(0x00); uleb(o, im.type!); } else if (im.maximum === undefined) { o.push(0x02, 0x00); uleb(o, im.pages!); } else {
        // Limits flag 3: a maximum follows, and the memory is shared.
        o.push(0x02, 0x03); uleb(o, im.pages!); uleb(o, im.maximum);
      }
    }));
    section(3, vec(this.#funcs, (o, f) => uleb(o, f.type)));
    const exported = this.#funcs.map((f, k) => ({ f, k })).filter((e) => e.f.exportAs !== undefined);
    section(7, vec(exported, (o, e) => { name(o, e.f.exportAs!); o.push(0x00); uleb(o, this.#importedFuncs + e.k); }));
    section(10, vec(this.#funcs, (o, f) => {
      const body: number[] = [];
      // Locals run-length encoded by type, in declaration order.
      const runs: [number, ValType][] = [];
      for (const t of f.locals) { const last = runs[runs.length - 1]; if (last && last[1] === t) last[0]++; else runs.push([1, t]); }
      uleb(body, runs.length);
      for (const [n, t] of runs) { uleb(body, n); body.push(VALTYPE[t]); }
      for (const b of f.code.bytes) body.push(b);
      body.push(OP.end);
      uleb(o, body.length);
      for (const b of body) o.push(b);
    }));
    return Uint8Array.from(out);
  }
}
