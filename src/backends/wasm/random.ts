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
 * Two builds (`randomModule(simd)`): with 128-bit SIMD the fills draw four elements at a time with
 * the vector kernels of `random-simd.ts` (Philox on four counters, log and sin/cos on pairs, the
 * same bits), the few draws on fdlibm's rare branches and the last n mod 4 (or 8) by the scalar
 * functions below; without it, every draw is scalar.
 *
 * Why not import `log` from JavaScript like `module.ts` does for the equations' math: a call out of
 * WebAssembly per element costs more than the computation, and `Math.sin`/`Math.cos` are not the
 * kernels `draws.ts` uses.
 */
import { Code, ModuleWriter, type ValType } from './encoder.js';
import { MAX_PAGES } from './memory.js';
import { Locals, lit, get, add, sub, mul, div, poly, assign, ret, highWord, lowWord, withHighWord } from './fexpr.js';
import { type BlockX4, Splats, joinWordsX4, logX4, mulHiLoX4, philoxRoundsX4, shuffle32, sinCosX4, v, words128 } from './random-simd.js';
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

/**
 * The parameters of every fill function: locals 0..9, then `first` (local 10), the first element
 * written (elements [first, n): a thread's share, `./threads.ts`; 0 for the whole array).
 */
const P = { ptr: 0, n: 1, seed: 2, stream: 3, stepLo: 4, stepHi: 5, drawId: 6, a: 7, b: 8, scratch: 9, first: 10 } as const;
const FILL_PARAMS: ValType[] = ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'f64', 'f64', 'i32'];
/** The parameter types of the exported fills (`randomModule`), `first` last. */
export const RANGE_PARAMS: ValType[] = [...FILL_PARAMS, 'i32'];

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
 * A scalar range fill's body (parameters `RANGE_PARAMS`): for i in [first, n), the Philox block of
 * counter (i, stepLo, stepHi, drawId) under key (seed, stream) — draws.ts's `compileFill` — then
 * `mem_f64[ptr/8 + i] = a + b · draw`, where `draw` pushes the f64 of the block's words (the
 * scaling of draws.ts's `fillDraws`).
 */
function fillFunction(draw: (c: Code, x: Block, L: Locals) => void): { locals: ValType[]; code: Code } {
  const L = new Locals(RANGE_PARAMS.length);
  const c = new Code();
  const keys = roundKeys(c, L);
  const i = L.add('i32'), addr = L.add('i32'), w3 = L.add('i32');
  const x: Block = [L.add('i32'), L.add('i32'), L.add('i32'), L.add('i32')];
  const p0 = L.add('i64'), p1 = L.add('i64');
  // Counter word 3 = (sub << 16) | drawId with sub = 0 (draws.ts's `word3(drawId, 0)`).
  c.get(P.drawId).i32(0xffff).op('i32.and').set(w3);
  c.get(P.first).set(i);
  c.get(P.ptr).get(i).i32(3).op('i32.shl').op('i32.add').set(addr);
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

// ---------------------------------------------------------------------------------------------
// The fills four elements at a time (`random-simd.ts`'s kernels).

/** What a vector draw computes for groups of four elements: the pairs of values, and the lanes to redo. */
interface VectorDraw {
  /** v128 locals: elements 0–1 and 2–3 of each group, before scaling. */
  pairs: readonly number[];
  /** An i32x4 mask per group of the lanes whose draws the scalar range fill must redo, if any can be. */
  rare?: readonly number[];
}

/**
 * A vector fill's body (parameters `RANGE_PARAMS`; the uniform's): the elements from `first` by
 * groups of four — Philox on four counters, `draw` on their words, `a + b · draw` stored as two pairs — `G` groups
 * per iteration (independent chains side by side for the processor: measured best at 2 for the
 * uniform, whose Philox rounds are latency-bound); then the last n mod 4G elements, and any
 * iteration where `draw` sets a `rare` lane, by the scalar range fill `scalar`. (The normal, which
 * runs out of registers with two groups, is `normalFillFunction`.)
 */
function vectorFillFunction(
  scalar: number, G: number, draw: (c: Code, xs: readonly BlockX4[], L: Locals, K: Splats) => VectorDraw,
): { locals: ValType[]; code: Code } {
  const E = 4 * G;
  const f = new VectorFill(G);
  const { L, c, K, i, addr, ctr, a, b, xs } = f;
  c.begin('block').begin('loop');
  c.get(P.n).get(i).op('i32.sub').i32(E).op('i32.lt_s').brIf(1);
  f.philox();
  const { pairs, rare } = draw(c, xs, L, K);
  const store = () => {
    pairs.forEach((pair, k) => { c.get(addr).get(a).get(b).get(pair).simd('f64x2.mul').simd('f64x2.add').vmem('v128.store', 16 * k); });
  };
  if (rare === undefined) store();
  else {
    rare.forEach((r, g) => { c.get(r); if (g > 0) c.simd('v128.or'); });
    c.simd('v128.any_true').begin('if');
    callScalar(c, scalar, (c) => { c.get(i).i32(E).op('i32.add'); }, i);
    c.op('else');
    store();
    c.op('end');
  }
  c.get(i).i32(E).op('i32.add').set(i);
  c.get(addr).i32(8 * E).op('i32.add').set(addr);
  assign(c, ctr, v('i32x4.add', get(ctr), K.i32(E)));
  c.br(0);
  c.op('end').op('end');
  callScalar(c, scalar, (c) => { c.get(P.n); }, i); // the last n mod E elements
  return f.body();
}

/**
 * What the vector fills share: the parameters' splats and Philox's round keys computed once before
 * the loop (`pro`), the loop's code (`c`), the element `i` and its output address `addr`, the
 * counters of the next four elements (`ctr`), and `G` blocks of four lanes (`xs`) for `philox()`.
 *
 * Round 0 of Philox is done once per call for the words that do not depend on the element:
 * (c0, c1) after it are (hi(M1·stepHi) ^ stepLo ^ k_00, lo(M1·stepHi)) in every lane.
 */
class VectorFill {
  readonly L = new Locals(RANGE_PARAMS.length);
  readonly pro = new Code();
  readonly c = new Code();
  readonly K = new Splats(this.L, this.pro);
  readonly keys: number[];
  readonly i = this.L.add('i32');
  readonly addr = this.L.add('i32');
  readonly ctr = this.L.add('v128');
  readonly a = this.L.add('v128');
  readonly b = this.L.add('v128');
  readonly xs: BlockX4[] = [];
  readonly #c0 = this.L.add('v128');
  readonly #c1 = this.L.add('v128');
  readonly #w3k = this.L.add('v128');

  constructor(G: number) {
    const { L, pro } = this;
    this.keys = roundKeys(pro, L).map((k) => { const s = L.add('v128'); pro.get(k).simd('i32x4.splat').set(s); return s; });
    for (let g = 0; g < G; g++) this.xs.push([L.add('v128'), L.add('v128'), L.add('v128'), L.add('v128')]);
    const p1 = L.add('i64');
    pro.get(P.stepHi).op('i64.extend_i32_u').i64(BigInt(PHILOX_M1)).op('i64.mul').set(p1);
    pro.get(p1).i64(32n).op('i64.shr_u').op('i32.wrap_i64').get(P.stepLo).op('i32.xor').get(P.seed).op('i32.xor').simd('i32x4.splat').set(this.#c0);
    pro.get(p1).op('i32.wrap_i64').simd('i32x4.splat').set(this.#c1);
    // Counter word 3 = drawId (sub = 0), already xored with round 0's k_01.
    pro.get(P.drawId).i32(0xffff).op('i32.and').get(P.stream).op('i32.xor').simd('i32x4.splat').set(this.#w3k);
    pro.get(P.a).simd('f64x2.splat').set(this.a);
    pro.get(P.b).simd('f64x2.splat').set(this.b);
    // From element `first`: its counter, its index, its address.
    words128([0, 1, 2, 3])(pro); pro.get(P.first).simd('i32x4.splat').simd('i32x4.add').set(this.ctr);
    pro.get(P.first).set(this.i);
    pro.get(P.ptr).get(P.first).i32(3).op('i32.shl').op('i32.add').set(this.addr);
  }

  /** The Philox blocks of the elements `ctr` + 0..4G−1 into `xs` (group g: elements 4g..4g+3). */
  philox(): void {
    const { c, K, L, ctr } = this;
    this.xs.forEach((x, g) => {
      c.get(this.#c0).set(x[0]);
      c.get(this.#c1).set(x[1]);
      mulHiLoX4(c, K, L, g === 0 ? get(ctr) : v('i32x4.add', get(ctr), K.i32(4 * g)), PHILOX_M0, x[2], x[3]);
      c.get(x[2]).get(this.#w3k).simd('v128.xor').set(x[2]);
    });
    philoxRoundsX4(c, K, L, this.xs, this.keys, 1);
  }

  /** The function's locals and code: the prologue, then the loop's code. */
  body(): { locals: ValType[]; code: Code } {
    // Every loop-invariant vector passes through a `select` on n ≥ 0 (true whenever the loop runs):
    // a value TurboFan cannot fold, so it is computed once and kept in a register or a stack slot,
    // where it otherwise rematerialises each splat at each use inside the loop (two instructions on
    // the shuffle port, the port Philox's shuffles already saturate). 20–30 % on the uniform.
    for (const l of [...this.K.locals, ...this.keys, this.#c0, this.#c1, this.#w3k, this.a, this.b]) {
      this.pro.get(l).get(l).simd('v128.not').get(P.n).i32(0).op('i32.ge_s').op('select').set(l);
    }
    this.pro.bytes.push(...this.c.bytes);
    return { locals: this.L.types, code: this.pro };
  }
}

/** Elements per chunk of the two-pass normal fill (`normalFillFunction`). */
const CHUNK = 64;

/**
 * Bytes of scratch memory the SIMD build's `fill_normal` needs at its `scratch` address: the Philox
 * blocks of one chunk (16 bytes an element, the chunk's elements and the four past its end that the
 * pairs of groups may draw).
 */
export const NORMAL_SCRATCH_BYTES = 16 * (CHUNK + 4);

/**
 * The SIMD `fill_normal` (parameters `RANGE_PARAMS`, from element `first`), in two passes over
 * chunks of up to `CHUNK` elements (a multiple of four): Philox for two groups of four at a time into the scratch memory,
 * then `normalX4` on each group of four read back, `a + b · z` stored; a group with a rare lane,
 * and the last n mod 4 elements, by the scalar range fill `scalar`.
 *
 * Why two passes: Philox's ten rounds are a chain of dependent multiplications and shuffles, and
 * two groups side by side hide its latency (the uniform's fill), but two groups of the normal's
 * log and sin/cos as well run out of registers. Apart, each loop keeps what suits it: ≈ 10 % fewer
 * nanoseconds per normal than one loop of one group (measured alternately in one process).
 */
function normalFillFunction(scalar: number): { locals: ValType[]; code: Code } {
  const f = new VectorFill(2);
  const { L, c, K, i, addr, ctr, a, b, xs } = f;
  const end = L.add('i32'), j = L.add('i32'), sp = L.add('i32');
  const x: BlockX4 = [L.add('v128'), L.add('v128'), L.add('v128'), L.add('v128')];
  c.begin('block').begin('loop');
  // The chunk: end = i + min(CHUNK, (n − i) rounded down to a multiple of 4), at least four elements.
  c.get(P.n).get(i).op('i32.sub').i32(4).op('i32.lt_s').brIf(1);
  c.get(P.n).get(i).op('i32.sub').i32(-4).op('i32.and').set(end);
  c.i32(CHUNK).get(end).get(end).i32(CHUNK).op('i32.gt_s').op('select').get(i).op('i32.add').set(end);
  // Pass 1: the blocks of elements i.. (eight at a time: up to four past end) into the scratch.
  c.get(i).set(j);
  c.get(P.scratch).set(sp);
  c.begin('block').begin('loop');
  c.get(j).get(end).op('i32.ge_s').brIf(1);
  f.philox();
  xs.forEach((x, g) => x.forEach((w, k) => { c.get(sp).get(w).vmem('v128.store', 64 * g + 16 * k); }));
  c.get(j).i32(8).op('i32.add').set(j);
  c.get(sp).i32(128).op('i32.add').set(sp);
  assign(c, ctr, v('i32x4.add', get(ctr), K.i32(8)));
  c.br(0);
  c.op('end').op('end');
  // The counters back to element end's (pass 1 went j − end past it).
  assign(c, ctr, v('i32x4.sub', get(ctr), (c) => { c.get(j).get(end).op('i32.sub').simd('i32x4.splat'); }));
  // Pass 2: each group of four read back, its normals stored (or redone by the scalar fill).
  c.get(P.scratch).set(sp);
  c.begin('block').begin('loop');
  c.get(i).get(end).op('i32.ge_s').brIf(1);
  x.forEach((w, k) => { c.get(sp).vmem('v128.load', 16 * k).set(w); });
  const { pairs, rare } = normalX4(c, [x], L, K);
  c.get(rare![0]).simd('v128.any_true').begin('if');
  callScalar(c, scalar, (c) => { c.get(i).i32(4).op('i32.add'); }, i);
  c.op('else');
  pairs.forEach((pair, k) => { c.get(addr).get(a).get(b).get(pair).simd('f64x2.mul').simd('f64x2.add').vmem('v128.store', 16 * k); });
  c.op('end');
  c.get(i).i32(4).op('i32.add').set(i);
  c.get(addr).i32(32).op('i32.add').set(addr);
  c.get(sp).i32(64).op('i32.add').set(sp);
  c.br(0);
  c.op('end').op('end');
  c.br(0);
  c.op('end').op('end');
  callScalar(c, scalar, (c) => { c.get(P.n); }, i); // the last n mod 4 elements
  return f.body();
}

/** Calls the scalar range fill `scalar` for elements [first, end) with the caller's other parameters. */
function callScalar(c: Code, scalar: number, end: (c: Code) => void, first: number): void {
  for (let p = 0; p < FILL_PARAMS.length; p++) {
    if (p === P.n) end(c);
    else c.get(p);
  }
  c.get(first).call(scalar);
}

/** New v128 locals, two per group of four lanes. */
const pairLocals = (L: Locals, xs: readonly BlockX4[]): number[] => xs.flatMap(() => [L.add('v128'), L.add('v128')]);

/** Sets the pairs `m` to the exact doubles (x0 >>> 11) · 2^32 + x1 + bias of the blocks (see `joinWords`). */
function joinedX4(c: Code, K: Splats, L: Locals, xs: readonly BlockX4[], m: readonly number[], bias = 0): void {
  xs.forEach((x, g) => joinWordsX4(c, K, L, v('i32x4.shr_u', get(x[0]), (c) => { c.i32(11); }), get(x[1]), [m[2 * g], m[2 * g + 1]], bias));
}

/** `uniform` on groups of four blocks: m · 2^-53. */
function uniformX4(c: Code, xs: readonly BlockX4[], L: Locals, K: Splats): VectorDraw {
  const pairs = pairLocals(L, xs);
  joinedX4(c, K, L, xs, pairs);
  for (const p of pairs) assign(c, p, v('f64x2.mul', get(p), K.f64(TWO_M53)));
  return { pairs };
}

/**
 * `normal` on groups of four blocks: u1 = (m + 1) · 2^-53 (m + 1 ≤ 2^53 is exact in f64 as in i64),
 * r = sqrt(−2 · log(u1)), and cos2pi with every quadrant's value chosen by masks: the kernels give
 * sin θ and cos θ in every lane, the quadrant picks one (q odd: sin) and its sign (q = 1 or 2: −).
 * The quadrant after the `f ≥ 0.5` step is ((x2 >>> 29) + 1) >>> 1 mod 4 (bit 29 of x2 is f ≥ 0.5).
 */
function normalX4(c: Code, xs: readonly BlockX4[], L: Locals, K: Splats): VectorDraw {
  const u1 = pairLocals(L, xs), lg = pairLocals(L, xs), t = pairLocals(L, xs), sin = pairLocals(L, xs), cos = pairLocals(L, xs), pairs = pairLocals(L, xs);
  const each = () => xs.map(() => L.add('v128'));
  const rareLog = each(), rareTrig = each(), q = each(), odd = each(), neg = each(), rare = each();
  joinedX4(c, K, L, xs, u1, 1);
  for (const p of u1) assign(c, p, v('f64x2.mul', get(p), K.f64(TWO_M53)));
  logX4(c, K, L, u1, lg, rareLog);
  // f = ((x2 >>> 11) & 0x7ffff) · 2^32 + x3) · 2^-51; if f ≥ 0.5: f − 1 (exact); θ = f · π/2.
  // f ≥ 0.5 is bit 29 of x2, the top bit of the 19: taking them as a signed number,
  // (x2 << 2) >> 13, subtracts 2^19 · 2^32 exactly then, so the integer is f's or f − 1's times 2^51.
  const h = (x: BlockX4) => v('i32x4.shr_s', v('i32x4.shl', get(x[2]), (c) => { c.i32(2); }), (c) => { c.i32(13); });
  xs.forEach((x, g) => joinWordsX4(c, K, L, h(x), get(x[3]), [t[2 * g], t[2 * g + 1]]));
  for (const p of t) assign(c, p, v('f64x2.mul', v('f64x2.mul', get(p), K.f64(TWO_M51)), K.f64(PIO2)));
  sinCosX4(c, K, L, t, sin, cos, rareTrig);
  xs.forEach((x, g) => {
    assign(c, q[g], v('i32x4.shr_u', v('i32x4.add', v('i32x4.shr_u', get(x[2]), (c) => { c.i32(29); }), K.i32(1)), (c) => { c.i32(1); }));
    assign(c, odd[g], v('i32x4.eq', v('v128.and', get(q[g]), K.i32(1)), K.i32(1)));
    assign(c, neg[g], v('i32x4.shl', v('v128.xor', get(q[g]), v('i32x4.shr_u', get(q[g]), (c) => { c.i32(1); })), (c) => { c.i32(31); }));
  });
  pairs.forEach((pair, p) => {
    const g = p >> 1, h = p & 1;
    const trig = v('v128.xor',
      v('v128.bitselect', get(sin[p]), get(cos[p]), v(h === 0 ? 'i64x2.extend_low_i32x4_s' : 'i64x2.extend_high_i32x4_s', get(odd[g]))),
      shuffle32(K.i32(0), get(neg[g]), h === 0 ? [0, 4, 0, 5] : [0, 6, 0, 7]));
    assign(c, pair, v('f64x2.mul', v('f64x2.sqrt', v('f64x2.mul', K.f64(-2), get(lg[p]))), trig));
  });
  xs.forEach((_, g) => assign(c, rare[g], v('v128.or', get(rareLog[g]), get(rareTrig[g]))));
  return { pairs, rare };
}

/** A function that calls the scalar range fill `range` with its own parameters. */
function scalarOnly(range: number): { locals: ValType[]; code: Code } {
  const c = new Code();
  for (let p = 0; p < RANGE_PARAMS.length; p++) c.get(p);
  c.call(range);
  return { locals: [], code: c };
}

/**
 * The binary module: imports memory `env.memory`; exports `fill_uniform` and `fill_normal`.
 *
 * Both take `(ptr i32, n i32, seed i32, stream i32, stepLo i32, stepHi i32, drawId i32, a f64,
 * b f64, scratch i32, first i32)` and write elements [first, n) of the float64 array at byte
 * address `ptr` (8-aligned; `first` 0, or left out, for the whole array), and nothing else
 * but, for the SIMD `fill_normal`, the `NORMAL_SCRATCH_BYTES` from byte address `scratch`
 * (16-aligned, apart from the output; its content before and after means nothing):
 * `fill_uniform` writes `a + b · u_i` and `fill_normal` writes `a + b · z_i`, where u_i and z_i are
 * bit for bit what `fillUniform` and `fillNormal` of `random/draws.ts` write to element i for
 * `(seed, stream, step = stepHi · 2^32 + stepLo, drawId)`. The words are taken modulo 2^32 (pass
 * them as unsigned or signed 32-bit integers alike); `drawId` modulo 2^16.
 *
 * @param simd whether to use 128-bit SIMD (four draws at a time, `random-simd.ts`; the engine must
 *   validate it, see `simdSupported`); without it every draw is scalar. The bits are the same.
 * @param shared whether the memory is shared (the network runs threads, `./threads.ts`)
 */
export function randomModule(simd: boolean, shared = false): Uint8Array {
  const w = new ModuleWriter();
  w.importMemory('env', 'memory', 1, shared ? MAX_PAGES : undefined);
  const fillUniform = w.declare(RANGE_PARAMS, [], 'fill_uniform');
  const fillNormal = w.declare(RANGE_PARAMS, [], 'fill_normal');
  const uniformRange = w.declare(RANGE_PARAMS, []);
  const normalRange = w.declare(RANGE_PARAMS, []);
  const fn = defineLibm(w);
  const u = fillFunction((c, x) => uniform(c, x));
  w.define(uniformRange, u.locals, u.code);
  const z = fillFunction((c, x, L) => normal(c, x, L, fn));
  w.define(normalRange, z.locals, z.code);
  const fu = simd ? vectorFillFunction(uniformRange, 2, uniformX4) : scalarOnly(uniformRange);
  w.define(fillUniform, fu.locals, fu.code);
  const fz = simd ? normalFillFunction(normalRange) : scalarOnly(normalRange);
  w.define(fillNormal, fz.locals, fz.code);
  return w.emit();
}

/** The parameters (all f64) of the geometric draw `defineGeometric` defines. */
const G = { q: 0, stream: 1, index: 2, step: 3, drawId: 4 } as const;

/**
 * Pushes the i32 of JavaScript's `ToInt32` of the f64 in `local` (`x | 0`, `x >>> 0` as words; exact
 * below 2^63 in magnitude, as every integer below 2^53 that a draw's words come from is).
 */
function word(c: Code, local: number): void {
  c.get(local).toInt32();
}

/**
 * Declares and defines `geom(q, stream, index, step, drawId)` (five f64 → f64) in `w`: the Poisson
 * inputs' geometric waiting time of `../js/special.ts` (`geometricSteps`) with the network's seed
 * `seed`, bit for bit — `q > 0` false (NaN included): +∞; `q ≥ 1`: 1; else
 * `1 + floor(log(u) / log(1 − q))` with u = `u53Open0` of the draw's block (draws.ts's `drawBlock`,
 * sub-counter 0) and `log` the fdlibm port of `random/libm.ts` (the function `randomModule` calls).
 *
 * Why in the module: imported, it cost a call out of WebAssembly and back per spike (≈ 50 ms of the
 * STDP benchmark's 300 000 steps profiled); here it is a plain call. `log(1 − q)` is remembered
 * with the bits of its q in the 16 bytes at `memo` (a Poisson population's neurons mostly share a
 * rate): a log saved per draw, and the same double as computing it again. The words are JavaScript's: `index`,
 * `stream`, `drawId` and the step's low word modulo 2^32 (`| 0`, `>>> 0`), the step's high word
 * `floor(step / 2^32)`, the seed `seed >>> 0`, for integers below 2^53 (every draw's); the round
 * keys of the seed are constants of the function.
 *
 * @param w - the module, which imports a memory; its imports must all be declared already (this
 *   declares functions).
 * @param seed - the network's seed (`NetworkPlan.seed`), as js passes it to `geometricSteps`.
 * @param memo - byte address of 16 bytes of the memory that are `geom`'s alone (8-aligned; zeros, or
 *   what `geom` left there: the q of the last `log(1 − q)` and that log; q = 0 never reaches it).
 * @param exportAs - a name to export `geom` under (tests); none by default.
 * @returns the index of `geom`, a kernel callee of arity 5.
 */
export function defineGeometric(w: ModuleWriter, seed: number, memo: number, exportAs?: string): number {
  const geom = w.declare(Array<ValType>(5).fill('f64'), ['f64'], exportAs);
  const log = w.declare(['f64'], ['f64']);
  const L = new Locals(5);
  const c = new Code();
  // `!(q > 0)`: never (NaN too); `q >= 1`: the next step.
  c.get(G.q).f64(0).op('f64.gt').op('i32.eqz').begin('if');
  ret(c, lit(Infinity));
  c.op('end');
  c.get(G.q).f64(1).op('f64.ge').begin('if');
  ret(c, lit(1));
  c.op('end');
  // Round keys: (seed >>> 0) + r·W0 and (stream >>> 0) + r·W1 modulo 2^32 (philox.ts's
  // `philoxKeysSource`); the seed's are constants.
  const stream = L.add('i32');
  word(c, G.stream); c.set(stream);
  const keys: number[] = [];
  for (let r = 0; r < 10; r++) {
    const k0 = L.add('i32'), k1 = L.add('i32');
    c.i32(((seed >>> 0) + r * PHILOX_W0) | 0).set(k0);
    c.get(stream).i32((r * PHILOX_W1) | 0).op('i32.add').set(k1);
    keys.push(k0, k1);
  }
  // Counter (index, step mod 2^32, floor(step / 2^32), drawId & 0xffff): the step as an i64 (exact
  // below 2^53; the arithmetic shift keeps floor's high word for a negative one too).
  const x: Block = [L.add('i32'), L.add('i32'), L.add('i32'), L.add('i32')];
  const s = L.add('i64'), p0 = L.add('i64'), p1 = L.add('i64'), lq = L.add('f64');
  word(c, G.index); c.set(x[0]);
  c.get(G.step).truncSatI64().set(s);
  c.get(s).op('i32.wrap_i64').set(x[1]);
  c.get(s).i64(32n).op('i64.shr_s').op('i32.wrap_i64').set(x[2]);
  word(c, G.drawId); c.i32(0xffff).op('i32.and').set(x[3]);
  philoxRounds(c, x, keys, p0, p1);
  // 1 + floor(log(u) / log(1 − q)), u = ((x0 >>> 11) · 2^32 + x1 + 1) · 2^-53 (draws.ts's `u53Open0`).
  c.f64(1);
  joinWords(c, (c) => { c.get(x[0]).i32(11).op('i32.shr_u'); }, x[1]);
  c.i64(1n).op('i64.add').op('f64.convert_i64_u').f64(TWO_M53).op('f64.mul').call(log);
  // log(1 − q): the remembered one when q has the bits of the last, else computed and remembered.
  c.i32(memo).load('f64').op('i64.reinterpret_f64').get(G.q).op('i64.reinterpret_f64').op('i64.eq').begin('if', 'f64');
  c.i32(memo).load('f64', 8);
  c.op('else');
  sub(lit(1), get(G.q))(c);
  c.call(log).set(lq);
  c.i32(memo).get(G.q).store('f64');
  c.i32(memo).get(lq).store('f64', 8);
  c.get(lq);
  c.op('end');
  c.op('f64.div').op('f64.floor').op('f64.add');
  w.define(geom, L.types, c);
  const l = logFunction();
  w.define(log, l.locals, l.code);
  return geom;
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
