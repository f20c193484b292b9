/**
 * The per-step random draws of `random/draws.ts`, computed inside WebAssembly: a module, written in
 * process with `encoder.ts`, whose functions fill an array of float64 in the memory with exactly the
 * numbers `fillUniform` and `fillNormal` write in JavaScript — same bits, element by element.
 *
 * Everything happens in the module (nothing imported but the memory): the Philox4x32-10 rounds of
 * `random/philox.ts`, the 53-bit uniform and the Box–Muller normal with its exact quadrant reduction
 * (`cos2pi` of `draws.ts`), and fdlibm's `log`, `__kernel_sin` and `__kernel_cos` as ported in
 * `random/libm.ts`. The math functions are translated operation by operation: the same constants,
 * the same tree of `+ − × ÷` (WebAssembly has no fused multiply-add and rounds every f64 operation
 * to nearest, like JavaScript), the same branches on the exponent word, so each intermediate double
 * is the one the JavaScript computes. Reordering any operation here would change bits.
 *
 * Why not import `log` from JavaScript like `module.ts` does for the equations' math: a call out of
 * WebAssembly per element costs more than the computation, and `Math.sin`/`Math.cos` are not the
 * kernels `draws.ts` uses.
 */
import { Code, ModuleWriter, type ValType } from './encoder.js';
import { PHILOX_M0, PHILOX_M1, PHILOX_W0, PHILOX_W1 } from '../../random/philox.js';
import { LN2_HI, LN2_LO, TWO54, Lg1, Lg2, Lg3, Lg4, Lg5, Lg6, Lg7, S1, S2, S3, S4, S5, S6, C1, C2, C3, C4, C5, C6 } from '../../random/libm.js';

// Constants of draws.ts (the same literals).
const TWO_M53 = 1.1102230246251565e-16; // 2^-53
const TWO_M51 = 4.440892098500626e-16; // 2^-51
/** π/2 rounded to the nearest double. */
const PIO2 = 1.5707963267948966;

// fdlibm's constants, as `random/libm.ts` declares them (the same doubles on both sides).
// eslint-disable-next-line no-loss-of-precision -- fdlibm's constant as written in its C source (the same double as 1/3)
const THIRD = 0.33333333333333333;

/** The parameters (locals 0..8) of both fill functions. */
const P = { ptr: 0, n: 1, seed: 2, stream: 3, stepLo: 4, stepHi: 5, drawId: 6, a: 7, b: 8 } as const;
const FILL_PARAMS: ValType[] = ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'f64', 'f64'];

/** The extra locals of one function, numbered after its parameters. */
export class Locals {
  readonly types: ValType[] = [];
  readonly #first: number;

  constructor(params: number) { this.#first = params; }

  /** A new local of type `t`; returns its index. */
  add(t: ValType): number {
    this.types.push(t);
    return this.#first + this.types.length - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// f64 expressions as trees, so that the formulas below read like their JavaScript originals and
// the order of the floating-point operations is the one of the parentheses, visibly.
// `libm.ts` (tanh, sinh, cosh) is written with the same helpers.

/** Emits code that pushes one f64. */
export type Expr = (c: Code) => void;

/** A constant. */
export const lit = (v: number): Expr => (c) => { c.f64(v); };
/** A local. */
export const get = (local: number): Expr => (c) => { c.get(local); };
const binary = (op: 'f64.add' | 'f64.sub' | 'f64.mul' | 'f64.div') => (x: Expr, y: Expr): Expr => (c) => { x(c); y(c); c.op(op); };
/** `x + y`. */
export const add = binary('f64.add');
/** `x - y`. */
export const sub = binary('f64.sub');
/** `x * y`. */
export const mul = binary('f64.mul');
/** `x / y`. */
export const div = binary('f64.div');

/** Horner form `k[0] + z·(k[1] + z·(… + z·k[n]))`, nested exactly as fdlibm writes its polynomials. */
export function poly(z: number, k: readonly number[]): Expr {
  return k.length === 1 ? lit(k[0]) : add(lit(k[0]), mul(get(z), poly(z, k.slice(1))));
}

/** Computes `e` into `local`. */
export function assign(c: Code, local: number, e: Expr): void { e(c); c.set(local); }

/** `return e` from the current function. */
export function ret(c: Code, e: Expr): void { e(c); c.op('return'); }

// ---------------------------------------------------------------------------------------------
// Words of doubles and integers: the `F64`/`U32` aliasing of libm.ts, as i64 reinterpretation.

/** Pushes the high (sign and exponent) 32-bit word of the double in `x`, as an i32. */
export function highWord(c: Code, x: number): void {
  c.get(x).op('i64.reinterpret_f64').i64(32n).op('i64.shr_u').op('i32.wrap_i64');
}

/** Pushes the low 32-bit word of the double in `x`, as an i32. */
export function lowWord(c: Code, x: number): void {
  c.get(x).op('i64.reinterpret_f64').op('i32.wrap_i64');
}

/**
 * Pushes the double whose high word is the i32 `hi` pushes and whose low word is that of the double
 * in `x` (libm.ts: `F64[0] = x; U32[HI] = hi; F64[0]`), or a zero low word when `x` is undefined.
 */
export function withHighWord(c: Code, hi: (c: Code) => void, x?: number): void {
  hi(c);
  c.op('i64.extend_i32_u').i64(32n).op('i64.shl');
  if (x !== undefined) c.get(x).op('i64.reinterpret_f64').i64(0xffffffffn).op('i64.and').op('i64.or');
  c.op('f64.reinterpret_i64');
}

/**
 * Pushes the i64 `hi · 2^32 + lo` of the unsigned i32 that `hi` pushes and the word in local `lo`:
 * how draws.ts's `(x0 >>> 11) * TWO32 + x1` is an exact integer (below 2^53, so its conversion to
 * f64 is exact too, as is the product by a power of two that follows).
 */
function joinWords(c: Code, hi: (c: Code) => void, lo: number): void {
  hi(c);
  c.op('i64.extend_i32_u').i64(32n).op('i64.shl');
  c.get(lo).op('i64.extend_i32_u').op('i64.or');
}

// ---------------------------------------------------------------------------------------------
// fdlibm, translated from libm.ts one operation at a time (each function a wasm function).

/** The indices of the fdlibm functions in a module under construction. */
interface Libm { log: number; sin: number; cos: number }

/** `log(x)` of libm.ts (fdlibm `__ieee754_log`): parameter 0 is x. */
function logFunction(): { locals: ValType[]; code: Code } {
  const x = 0;
  const L = new Locals(1);
  const hx = L.add('i32'), lx = L.add('i32'), k = L.add('i32'), i = L.add('i32'), i2 = L.add('i32'), j = L.add('i32');
  const f = L.add('f64'), s = L.add('f64'), dk = L.add('f64'), z = L.add('f64'), w = L.add('f64');
  const t1 = L.add('f64'), t2 = L.add('f64'), R = L.add('f64'), hfsq = L.add('f64');
  const c = new Code();
  highWord(c, x); c.set(hx);
  lowWord(c, x); c.set(lx);
  c.i32(0).set(k);
  // x < 2^-1022: zero, negative or subnormal (never for the draws' u1 ∈ [2^-53, 1], kept for fidelity).
  c.get(hx).i32(0x00100000).op('i32.lt_s').begin('if');
  {
    c.get(hx).i32(0x7fffffff).op('i32.and').get(lx).op('i32.or').op('i32.eqz').begin('if');
    ret(c, lit(-Infinity));
    c.op('end');
    c.get(hx).i32(0).op('i32.lt_s').begin('if');
    ret(c, lit(NaN));
    c.op('end');
    c.get(k).i32(54).op('i32.sub').set(k);
    assign(c, x, mul(get(x), lit(TWO54)));
    highWord(c, x); c.set(hx);
  }
  c.op('end');
  // Infinity or NaN.
  c.get(hx).i32(0x7ff00000).op('i32.ge_s').begin('if');
  ret(c, add(get(x), get(x)));
  c.op('end');
  // k += (hx >> 20) - 1023; hx &= 0x000fffff; i = (hx + 0x95f64) & 0x100000
  c.get(k).get(hx).i32(20).op('i32.shr_s').i32(1023).op('i32.sub').op('i32.add').set(k);
  c.get(hx).i32(0x000fffff).op('i32.and').set(hx);
  c.get(hx).i32(0x95f64).op('i32.add').i32(0x100000).op('i32.and').set(i);
  // Normalize x or x/2: high word hx | (i ^ 0x3ff00000), low word kept.
  withHighWord(c, (c) => { c.get(hx).get(i).i32(0x3ff00000).op('i32.xor').op('i32.or'); }, x);
  c.set(x);
  c.get(k).get(i).i32(20).op('i32.shr_s').op('i32.add').set(k);
  assign(c, f, sub(get(x), lit(1.0)));
  // -2^-20 <= f < 2^-20
  c.i32(0x000fffff).i32(2).get(hx).op('i32.add').op('i32.and').i32(3).op('i32.lt_s').begin('if');
  {
    get(f)(c); c.f64(0).op('f64.eq').begin('if');
    {
      c.get(k).op('i32.eqz').begin('if');
      ret(c, lit(0));
      c.op('end');
      c.get(k).op('f64.convert_i32_s').set(dk);
      ret(c, add(mul(get(dk), lit(LN2_HI)), mul(get(dk), lit(LN2_LO))));
    }
    c.op('end');
    assign(c, R, mul(mul(get(f), get(f)), sub(lit(0.5), mul(lit(THIRD), get(f)))));
    c.get(k).op('i32.eqz').begin('if');
    ret(c, sub(get(f), get(R)));
    c.op('end');
    c.get(k).op('f64.convert_i32_s').set(dk);
    ret(c, sub(mul(get(dk), lit(LN2_HI)), sub(sub(get(R), mul(get(dk), lit(LN2_LO))), get(f))));
  }
  c.op('end');
  assign(c, s, div(get(f), add(lit(2.0), get(f))));
  c.get(k).op('f64.convert_i32_s').set(dk);
  assign(c, z, mul(get(s), get(s)));
  c.get(hx).i32(0x6147a).op('i32.sub').set(i2);
  assign(c, w, mul(get(z), get(z)));
  c.i32(0x6b851).get(hx).op('i32.sub').set(j);
  assign(c, t1, mul(get(w), poly(w, [Lg2, Lg4, Lg6])));
  assign(c, t2, mul(get(z), poly(w, [Lg1, Lg3, Lg5, Lg7])));
  c.get(i2).get(j).op('i32.or').set(i2);
  assign(c, R, add(get(t2), get(t1)));
  c.get(i2).i32(0).op('i32.gt_s').begin('if');
  {
    assign(c, hfsq, mul(mul(lit(0.5), get(f)), get(f)));
    c.get(k).op('i32.eqz').begin('if');
    ret(c, sub(get(f), sub(get(hfsq), mul(get(s), add(get(hfsq), get(R))))));
    c.op('end');
    ret(c, sub(mul(get(dk), lit(LN2_HI)),
      sub(sub(get(hfsq), add(mul(get(s), add(get(hfsq), get(R))), mul(get(dk), lit(LN2_LO)))), get(f))));
  }
  c.op('end');
  c.get(k).op('i32.eqz').begin('if');
  ret(c, sub(get(f), mul(get(s), sub(get(f), get(R)))));
  c.op('end');
  sub(mul(get(dk), lit(LN2_HI)), sub(sub(mul(get(s), sub(get(f), get(R))), mul(get(dk), lit(LN2_LO))), get(f)))(c);
  return { locals: L.types, code: c };
}

/** `kernelSin(x)` of libm.ts (fdlibm `__kernel_sin(x, 0, 0)`, |x| ≤ π/4): parameter 0 is x. */
function kernelSinFunction(): { locals: ValType[]; code: Code } {
  const x = 0;
  const L = new Locals(1);
  const z = L.add('f64'), v = L.add('f64'), r = L.add('f64');
  const c = new Code();
  c.get(x).op('f64.abs').f64(7.450580596923828125e-9).op('f64.lt').begin('if'); // |x| < 2^-27
  ret(c, get(x));
  c.op('end');
  assign(c, z, mul(get(x), get(x)));
  assign(c, v, mul(get(z), get(x)));
  assign(c, r, poly(z, [S2, S3, S4, S5, S6]));
  add(get(x), mul(get(v), add(lit(S1), mul(get(z), get(r)))))(c);
  return { locals: L.types, code: c };
}

/** `kernelCos(x)` of libm.ts (fdlibm `__kernel_cos(x, 0)`, |x| ≤ π/4): parameter 0 is x. */
function kernelCosFunction(): { locals: ValType[]; code: Code } {
  const x = 0;
  const L = new Locals(1);
  const ix = L.add('i32'), z = L.add('f64'), r = L.add('f64'), qx = L.add('f64'), hz = L.add('f64'), a = L.add('f64');
  const c = new Code();
  highWord(c, x); c.i32(0x7fffffff).op('i32.and').set(ix);
  c.get(ix).i32(0x3e400000).op('i32.lt_s').begin('if'); // |x| < 2^-27
  ret(c, lit(1));
  c.op('end');
  assign(c, z, mul(get(x), get(x)));
  assign(c, r, mul(get(z), poly(z, [C1, C2, C3, C4, C5, C6])));
  c.get(ix).i32(0x3fd33333).op('i32.lt_s').begin('if'); // |x| < 0.3
  ret(c, sub(lit(1), sub(mul(lit(0.5), get(z)), mul(get(z), get(r)))));
  c.op('end');
  c.get(ix).i32(0x3fe90000).op('i32.gt_s').begin('if'); // |x| > 0.78125
  c.f64(0.28125).set(qx);
  c.op('else'); // |x|/4 with the low word dropped
  withHighWord(c, (c) => { c.get(ix).i32(0x00200000).op('i32.sub'); });
  c.set(qx);
  c.op('end');
  assign(c, hz, sub(mul(lit(0.5), get(z)), get(qx)));
  assign(c, a, sub(lit(1), get(qx)));
  sub(get(a), sub(get(hz), mul(get(z), get(r))))(c);
  return { locals: L.types, code: c };
}

// ---------------------------------------------------------------------------------------------
// Philox4x32-10 and the fill loop.

/** The locals of a Philox block: c0..c3 (counter in, output words out). */
type Block = readonly [number, number, number, number];

/**
 * Computes the twenty round keys into new locals: (k_r0, k_r1) = (seed + r·W0, stream + r·W1)
 * mod 2^32, as philox.ts's `philoxKeysSource` (i32 addition wraps like its `| 0`).
 */
function roundKeys(c: Code, L: Locals): number[] {
  const keys: number[] = [];
  for (let r = 0; r < 10; r++) {
    const k0 = L.add('i32'), k1 = L.add('i32');
    c.get(P.seed).i32((r * PHILOX_W0) | 0).op('i32.add').set(k0);
    c.get(P.stream).i32((r * PHILOX_W1) | 0).op('i32.add').set(k1);
    keys.push(k0, k1);
  }
  return keys;
}

/**
 * The ten rounds on the block's locals (philox.ts's `philoxRoundsSource`): with
 * (hi0, lo0) = M0·c0 and (hi1, lo1) = M1·c2, c ← (hi1 ^ c1 ^ k_r0, lo1, hi0 ^ c3 ^ k_r1, lo0).
 * The 32×32→64-bit products are i64 multiplications of the zero-extended words, exact; their high
 * and low halves are philox.ts's `mulhi32` and `Math.imul`.
 */
function philoxRounds(c: Code, x: Block, keys: readonly number[], p0: number, p1: number): void {
  for (let r = 0; r < 10; r++) {
    c.get(x[0]).op('i64.extend_i32_u').i64(BigInt(PHILOX_M0)).op('i64.mul').set(p0);
    c.get(x[2]).op('i64.extend_i32_u').i64(BigInt(PHILOX_M1)).op('i64.mul').set(p1);
    // The new c0 and c2 read the old c1 and c3, so they are written first.
    c.get(p1).i64(32n).op('i64.shr_u').op('i32.wrap_i64').get(x[1]).op('i32.xor').get(keys[2 * r]).op('i32.xor').set(x[0]);
    c.get(p0).i64(32n).op('i64.shr_u').op('i32.wrap_i64').get(x[3]).op('i32.xor').get(keys[2 * r + 1]).op('i32.xor').set(x[2]);
    c.get(p1).op('i32.wrap_i64').set(x[1]);
    c.get(p0).op('i32.wrap_i64').set(x[3]);
  }
}

/**
 * A fill function's body: for i in [0, n), the Philox block of counter (i, stepLo, stepHi, drawId)
 * under key (seed, stream) — draws.ts's `compileFill` — then `mem_f64[ptr/8 + i] = a + b · draw`,
 * where `draw` pushes the f64 of the block's words (the scaling of draws.ts's `fillDraws`).
 */
function fillFunction(draw: (c: Code, x: Block, L: Locals) => void): { locals: ValType[]; code: Code } {
  const L = new Locals(FILL_PARAMS.length);
  const c = new Code();
  const keys = roundKeys(c, L);
  const i = L.add('i32'), addr = L.add('i32'), w3 = L.add('i32');
  const x: Block = [L.add('i32'), L.add('i32'), L.add('i32'), L.add('i32')];
  const p0 = L.add('i64'), p1 = L.add('i64');
  // Counter word 3 = (sub << 16) | drawId with sub = 0 (draws.ts's `word3(drawId, 0)`).
  c.get(P.drawId).i32(0xffff).op('i32.and').set(w3);
  c.i32(0).set(i);
  c.get(P.ptr).set(addr);
  c.begin('block').begin('loop');
  c.get(i).get(P.n).op('i32.ge_s').brIf(1); // signed: n ≤ 0 writes nothing
  c.get(i).set(x[0]);
  c.get(P.stepLo).set(x[1]);
  c.get(P.stepHi).set(x[2]);
  c.get(w3).set(x[3]);
  philoxRounds(c, x, keys, p0, p1);
  c.get(addr);
  c.get(P.a).get(P.b);
  draw(c, x, L);
  c.op('f64.mul').op('f64.add').store('f64');
  c.get(i).i32(1).op('i32.add').set(i);
  c.get(addr).i32(8).op('i32.add').set(addr);
  c.br(0);
  c.op('end').op('end');
  return { locals: L.types, code: c };
}

/** Pushes draws.ts's 53-bit uniform `((x0 >>> 11) · 2^32 + x1) · 2^-53` ∈ [0, 1). */
function uniform(c: Code, x: Block): void {
  joinWords(c, (c) => { c.get(x[0]).i32(11).op('i32.shr_u'); }, x[1]);
  c.op('f64.convert_i64_u').f64(TWO_M53).op('f64.mul');
}

/**
 * Pushes draws.ts's standard normal `sqrt(-2 · log(u1)) · cos2pi(x2, x3)` with
 * u1 = ((x0 >>> 11) · 2^32 + x1 + 1) · 2^-53 ∈ (0, 1] (the integer sum is exact, below 2^53 + 1).
 */
function normal(c: Code, x: Block, L: Locals, fn: Libm): void {
  const q = L.add('i32'), f = L.add('f64'), t = L.add('f64');
  c.f64(-2);
  joinWords(c, (c) => { c.get(x[0]).i32(11).op('i32.shr_u'); }, x[1]);
  c.i64(1n).op('i64.add').op('f64.convert_i64_u').f64(TWO_M53).op('f64.mul');
  c.call(fn.log).op('f64.mul').op('f64.sqrt');
  // cos2pi: h = x2 >>> 11, quadrant q = h >>> 19 (the top two bits of x2),
  // f = ((h & 0x7FFFF) · 2^32 + x3) · 2^-51 ∈ [0, 1) (exact: a 51-bit integer times a power of two).
  c.get(x[2]).i32(11).op('i32.shr_u').i32(19).op('i32.shr_u').set(q);
  joinWords(c, (c) => { c.get(x[2]).i32(11).op('i32.shr_u').i32(0x7ffff).op('i32.and'); }, x[3]);
  c.op('f64.convert_i64_u').f64(TWO_M51).op('f64.mul').set(f);
  // if f ≥ 0.5 then f −= 1 (exact), q = (q + 1) mod 4; θ = f · π/2, |θ| ≤ π/4.
  c.get(f).f64(0.5).op('f64.ge').begin('if');
  assign(c, f, sub(get(f), lit(1)));
  c.get(q).i32(1).op('i32.add').i32(3).op('i32.and').set(q);
  c.op('end');
  assign(c, t, mul(get(f), lit(PIO2)));
  // switch (q): [cos θ, −sin θ, −cos θ, sin θ][q], as nested ifs with an f64 result.
  c.get(q).op('i32.eqz').begin('if', 'f64');
  c.get(t).call(fn.cos);
  c.op('else').get(q).i32(1).op('i32.eq').begin('if', 'f64');
  c.get(t).call(fn.sin).op('f64.neg');
  c.op('else').get(q).i32(2).op('i32.eq').begin('if', 'f64');
  c.get(t).call(fn.cos).op('f64.neg');
  c.op('else');
  c.get(t).call(fn.sin);
  c.op('end').op('end').op('end');
  c.op('f64.mul');
}

/** Declares and defines `log`, `kernelSin` and `kernelCos` (f64 → f64), exported under `names` if given. */
function defineLibm(w: ModuleWriter, names?: { log: string; sin: string; cos: string }): Libm {
  const fn: Libm = {
    log: w.declare(['f64'], ['f64'], names?.log),
    sin: w.declare(['f64'], ['f64'], names?.sin),
    cos: w.declare(['f64'], ['f64'], names?.cos),
  };
  for (const [index, f] of [[fn.log, logFunction()], [fn.sin, kernelSinFunction()], [fn.cos, kernelCosFunction()]] as const) {
    w.define(index, f.locals, f.code);
  }
  return fn;
}

/**
 * The binary module: imports memory `env.memory`; exports `fill_uniform` and `fill_normal`.
 *
 * Both take `(ptr i32, n i32, seed i32, stream i32, stepLo i32, stepHi i32, drawId i32, a f64,
 * b f64)` and write n float64 from byte address `ptr` (8-aligned):
 * `fill_uniform` writes `a + b · u_i` and `fill_normal` writes `a + b · z_i`, where u_i and z_i are
 * bit for bit what `fillUniform` and `fillNormal` of `random/draws.ts` write to element i for
 * `(seed, stream, step = stepHi · 2^32 + stepLo, drawId)`. The words are taken modulo 2^32 (pass
 * them as unsigned or signed 32-bit integers alike); `drawId` modulo 2^16.
 */
export function randomModule(): Uint8Array {
  const w = new ModuleWriter();
  w.importMemory('env', 'memory', 1);
  const fillUniform = w.declare(FILL_PARAMS, [], 'fill_uniform');
  const fillNormal = w.declare(FILL_PARAMS, [], 'fill_normal');
  const fn = defineLibm(w);
  const u = fillFunction((c, x) => uniform(c, x));
  w.define(fillUniform, u.locals, u.code);
  const z = fillFunction((c, x, L) => normal(c, x, L, fn));
  w.define(fillNormal, z.locals, z.code);
  return w.emit();
}

/**
 * A module of the fdlibm translations alone, for tests: exports `log`, `kernel_sin` and
 * `kernel_cos` (f64 → f64), the very functions `randomModule` calls, so that they can be compared
 * with `random/libm.ts` on any input, including those (zero, negative, subnormal, infinite, NaN,
 * |x| < 2^-27) that the fills never pass. Imports nothing.
 */
export function libmModule(): Uint8Array {
  const w = new ModuleWriter();
  defineLibm(w, { log: 'log', sin: 'kernel_sin', cos: 'kernel_cos' });
  return w.emit();
}
