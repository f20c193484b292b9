/**
 * The vector kernels of the random module (`random.ts`): Philox4x32-10 on four counters at once
 * (`i32x4` lanes) and fdlibm's `log`, `__kernel_sin` and `__kernel_cos` on pairs of doubles
 * (`f64x2`), giving the very bits of the scalar translations in `random.ts`.
 *
 * Why the bits are the same: every lane runs the scalar code's IEEE operations on the same operands
 * in the same order (WebAssembly rounds each `f64x2` operation like each `f64` one, and has no fused
 * multiply-add). Only branches are spelled differently: both sides of a branch are computed and a
 * mask picks one per lane. The branches that the draws almost never take (log's |f| < 2^-20 path,
 * about 3 inputs in 2^20, and its zero/subnormal/infinite inputs; the kernels' |x| < 2^-27 path)
 * are not computed here: the kernels set a mask of such lanes, and the caller redoes those draws
 * with the scalar functions.
 *
 * Philox's 32×32→64-bit products are `i64x2.extmul_{low,high}_i32x4_u` (two lanes each), their
 * high and low words regrouped into four lanes by one shuffle each (`shufps` on x86).
 */
import type { Code, SimdName } from './encoder.js';
import type { Expr, Locals } from './fexpr.js';
import { PHILOX_M0, PHILOX_M1 } from '../../random/philox.js';
import { LN2_HI, LN2_LO, Lg1, Lg2, Lg3, Lg4, Lg5, Lg6, Lg7, S1, S2, S3, S4, S5, S6, C1, C2, C3, C4, C5, C6 } from '../../random/libm.js';

/** The operation `op` on the values its operands push, in order (v128 operands, or an i32 shift count). */
export const v = (op: SimdName, ...xs: Expr[]): Expr => (c) => { for (const x of xs) x(c); c.simd(op); };

/** An i32 constant (a shift count). */
const int = (k: number): Expr => (c) => { c.i32(k); };

/** The four 32-bit lanes `lanes` of the eight of `x` (lanes 0–3) and `y` (lanes 4–7): `i8x16.shuffle`. */
export const shuffle32 = (x: Expr, y: Expr, lanes: readonly [number, number, number, number]): Expr => (c) => {
  x(c); y(c); c.shuffle(lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]));
};

/** The v128 of four 32-bit words (`v128.const`). */
export const words128 = (w: readonly [number, number, number, number]): Expr => (c) => { c.v128Words(w); };

const fadd = (x: Expr, y: Expr) => v('f64x2.add', x, y);
const fsub = (x: Expr, y: Expr) => v('f64x2.sub', x, y);
const fmul = (x: Expr, y: Expr) => v('f64x2.mul', x, y);
/** `mask ? x : y` per bit (`v128.bitselect`). */
const select = (x: Expr, y: Expr, mask: Expr) => v('v128.bitselect', x, y, mask);
const getv = (local: number): Expr => (c) => { c.get(local); };
const setv = (c: Code, local: number, e: Expr) => { e(c); c.set(local); };

/**
 * Splat constants: one v128 local per distinct value, set once in `prologue` (before the loop that
 * uses them; V8 does not hoist a splat out of a WebAssembly loop).
 */
export class Splats {
  readonly #locals = new Map<string, number>();
  readonly #L: Locals;
  readonly #prologue: Code;

  constructor(L: Locals, prologue: Code) { this.#L = L; this.#prologue = prologue; }

  /** The v128 locals of the constants so far. */
  get locals(): number[] { return [...this.#locals.values()]; }

  /** The double `x` in both lanes. */
  f64(x: number): Expr { return this.#splat(`f${Object.is(x, -0) ? '-0' : x}`, (c) => { c.f64(x).simd('f64x2.splat'); }); }

  /** The 32-bit word `x` in all four lanes. */
  i32(x: number): Expr { return this.#splat(`i${x | 0}`, (c) => { c.i32(x | 0).simd('i32x4.splat'); }); }

  #splat(key: string, emit: (c: Code) => void): Expr {
    let local = this.#locals.get(key);
    if (local === undefined) {
      local = this.#L.add('v128');
      emit(this.#prologue);
      this.#prologue.set(local);
      this.#locals.set(key, local);
    }
    return getv(local);
  }
}

/** Horner form `k[0] + z·(k[1] + z·(… + z·k[n]))` on pairs, nested as fdlibm writes it (`poly` of random.ts). */
function vpoly(K: Splats, z: number, k: readonly number[]): Expr {
  return k.length === 1 ? K.f64(k[0]) : fadd(K.f64(k[0]), fmul(getv(z), vpoly(K, z, k.slice(1))));
}

// ---------------------------------------------------------------------------------------------
// Philox4x32-10, lane l of each word = counter l.

/** The v128 locals of four Philox blocks: words c0..c3, lane l of each is block l's. */
export type BlockX4 = readonly [number, number, number, number];

/**
 * Sets `hi` and `lo` to the high and low 32-bit words of the four products `m · a` (`a` unsigned
 * words, `m` a constant): two `extmul`s of two lanes each, then one shuffle per half.
 */
export function mulHiLoX4(c: Code, K: Splats, L: Locals, a: Expr, m: number, hi: number, lo: number): void {
  const p01 = L.add('v128'), p23 = L.add('v128');
  setv(c, p01, v('i64x2.extmul_low_i32x4_u', a, K.i32(m)));
  setv(c, p23, v('i64x2.extmul_high_i32x4_u', a, K.i32(m)));
  setv(c, hi, shuffle32(getv(p01), getv(p23), [1, 3, 5, 7]));
  setv(c, lo, shuffle32(getv(p01), getv(p23), [0, 2, 4, 6]));
}

/**
 * Rounds `from`..9 of Philox on the blocks in `xs` (`philoxRounds` of random.ts, lane by lane),
 * round by round across the blocks (independent chains side by side for the processor): with
 * (hi0, lo0) = M0·c0 and (hi1, lo1) = M1·c2, c ← (hi1 ^ c1 ^ k_r0, lo1, hi0 ^ c3 ^ k_r1, lo0);
 * `keys[2r]`, `keys[2r + 1]` are v128 locals of the splat round keys.
 */
export function philoxRoundsX4(c: Code, K: Splats, L: Locals, xs: readonly BlockX4[], keys: readonly number[], from: number): void {
  const hi0 = L.add('v128'), lo0 = L.add('v128'), hi1 = L.add('v128'), lo1 = L.add('v128');
  for (let r = from; r < 10; r++) {
    for (const x of xs) {
      mulHiLoX4(c, K, L, getv(x[0]), PHILOX_M0, hi0, lo0);
      mulHiLoX4(c, K, L, getv(x[2]), PHILOX_M1, hi1, lo1);
      setv(c, x[0], v('v128.xor', v('v128.xor', getv(hi1), getv(x[1])), getv(keys[2 * r])));
      setv(c, x[2], v('v128.xor', v('v128.xor', getv(hi0), getv(x[3])), getv(keys[2 * r + 1])));
      setv(c, x[1], getv(lo1));
      setv(c, x[3], getv(lo0));
    }
  }
}

/**
 * Sets `out` to the two pairs of exact doubles `(hi · 2^32 + lo) + bias` of four lanes, where `hi`
 * (signed, |hi| ≤ 2^21) and `lo` (unsigned) push i32x4 words: draws.ts's `(x0 >>> 11) * TWO32 + x1`
 * (+ 1 for `u53Open0`'s bias 1), exact (at most 2^53), like the scalar `f64.convert_i64_u` of the
 * joined words.
 *
 * The unsigned `lo` is converted as the signed `lo ^ 2^31` plus 2^31 + bias (`f64x2.convert_low_i32x4_u`
 * is four instructions on x86, the signed conversion one): every term and partial sum is an integer
 * of at most 2^53, exact in f64, so the sum is the same double in any order.
 */
export function joinWordsX4(c: Code, K: Splats, L: Locals, hi: Expr, lo: Expr, out: readonly [number, number], bias = 0): void {
  const h = L.add('v128'), l = L.add('v128');
  setv(c, h, hi);
  setv(c, l, v('v128.xor', lo, K.i32(0x80000000)));
  const half = (e: number, pair: number) => pair === 0 ? getv(e) : shuffle32(getv(e), getv(e), [2, 3, 2, 3]);
  for (const pair of [0, 1]) {
    setv(c, out[pair], fadd(fmul(v('f64x2.convert_low_i32x4_s', half(h, pair)), K.f64(4294967296)),
      fadd(v('f64x2.convert_low_i32x4_s', half(l, pair)), K.f64(2147483648 + bias))));
  }
}

// ---------------------------------------------------------------------------------------------
// fdlibm on pairs.

/** The 64-bit lane mask of pair `pair` (lanes 0–1 or 2–3) of an i32x4 mask. */
const mask64 = (m: number, pair: number): Expr => v(pair === 0 ? 'i64x2.extend_low_i32x4_s' : 'i64x2.extend_high_i32x4_s', getv(m));

/** New v128 locals, `n` of them. */
const vlocals = (L: Locals, n: number): number[] => Array.from({ length: n }, () => L.add('v128'));

/**
 * `log` of random.ts (fdlibm `__ieee754_log`) on the doubles of the pairs `u` (groups of two pairs:
 * four lanes), into the pairs `out`, for every lane where `rare` (one i32x4 mask per group, set
 * here) is off: x ≥ 2^-1022, finite, and |f| ≥ 2^-20 after normalisation. The integer steps on the
 * high words run on a group's four lanes at once. Each step is emitted for every group in turn, so
 * that independent chains stand side by side for the processor.
 *
 * The scalar code's `k == 0` returns are not a separate case here: with dk = +0 the general
 * formulas give the same bits (`0·LN2_HI − (d)` is `−d` exactly, and `f − A` is `−(A − f)` under
 * round-to-nearest, zeros included; `x + 0·LN2_LO` and `x − 0·LN2_LO` only touch a zero whose sign
 * the next subtraction from a non-zero `hfsq` or `f` forgets).
 */
export function logX4(c: Code, K: Splats, L: Locals, u: readonly number[], out: readonly number[], rare: readonly number[]): void {
  const G = rare.length, gs = [...Array(G).keys()], ps = [...Array(2 * G).keys()];
  const hx = vlocals(L, G), k = vlocals(L, G), i = vlocals(L, G), nh = vlocals(L, G), big = vlocals(L, G);
  const each = (f: (g: number) => void) => { for (const g of gs) f(g); };
  const eachPair = (f: (p: number, g: number, half: number) => void) => { for (const p of ps) f(p, p >> 1, p & 1); };
  each((g) => setv(c, hx[g], shuffle32(getv(u[2 * g]), getv(u[2 * g + 1]), [1, 3, 5, 7])));
  // Rare: hx outside [0x00100000, 0x7ff00000) (zero, negative, subnormal, infinite, NaN: one unsigned
  // comparison), or -2^-20 <= f < 2^-20, i.e. (0x000fffff & (2 + hx)) < 3.
  each((g) => setv(c, rare[g], v('v128.or',
    v('i32x4.ge_u', v('i32x4.sub', getv(hx[g]), K.i32(0x00100000)), K.i32(0x7fe00000)),
    v('i32x4.lt_s', v('v128.and', K.i32(0x000fffff), v('i32x4.add', K.i32(2), getv(hx[g]))), K.i32(3)))));
  // k = (hx >> 20) - 1023; hx &= 0x000fffff; i = (hx + 0x95f64) & 0x100000; k += i >> 20
  each((g) => setv(c, k[g], v('i32x4.sub', v('i32x4.shr_s', getv(hx[g]), int(20)), K.i32(1023))));
  each((g) => setv(c, hx[g], v('v128.and', getv(hx[g]), K.i32(0x000fffff))));
  each((g) => setv(c, i[g], v('v128.and', v('i32x4.add', getv(hx[g]), K.i32(0x95f64)), K.i32(0x100000))));
  each((g) => setv(c, nh[g], v('v128.or', getv(hx[g]), v('v128.xor', getv(i[g]), K.i32(0x3ff00000)))));
  each((g) => setv(c, k[g], v('i32x4.add', getv(k[g]), v('i32x4.shr_s', getv(i[g]), int(20)))));
  // i2 = (hx - 0x6147a) | (0x6b851 - hx); big = i2 > 0
  each((g) => setv(c, big[g], v('i32x4.gt_s', v('v128.or', v('i32x4.sub', getv(hx[g]), K.i32(0x6147a)), v('i32x4.sub', K.i32(0x6b851), getv(hx[g]))), K.i32(0))));
  const f = vlocals(L, 2 * G), dk = vlocals(L, 2 * G), s = vlocals(L, 2 * G), z = vlocals(L, 2 * G), w = vlocals(L, 2 * G), R = vlocals(L, 2 * G);
  const hfsq = vlocals(L, 2 * G), sh = vlocals(L, 2 * G), sfr = vlocals(L, 2 * G), dlo = vlocals(L, 2 * G);
  // x with the high word hx | (i ^ 0x3ff00000) and its own low word; f = x - 1.
  eachPair((p, g, h) => setv(c, f[p], fsub(shuffle32(getv(u[p]), getv(nh[g]), h === 0 ? [0, 4, 2, 5] : [0, 6, 2, 7]), K.f64(1.0))));
  eachPair((p, g, h) => setv(c, dk[p], v('f64x2.convert_low_i32x4_s', h === 0 ? getv(k[g]) : shuffle32(getv(k[g]), getv(k[g]), [2, 3, 2, 3]))));
  eachPair((p) => setv(c, s[p], v('f64x2.div', getv(f[p]), fadd(K.f64(2.0), getv(f[p])))));
  eachPair((p) => setv(c, z[p], fmul(getv(s[p]), getv(s[p]))));
  eachPair((p) => setv(c, w[p], fmul(getv(z[p]), getv(z[p]))));
  // R = t2 + t1 with t1 = w·(Lg2 + w·(Lg4 + w·Lg6)), t2 = z·(Lg1 + w·(Lg3 + w·(Lg5 + w·Lg7)))
  eachPair((p) => setv(c, R[p], fadd(fmul(getv(z[p]), vpoly(K, w[p], [Lg1, Lg3, Lg5, Lg7])), fmul(getv(w[p]), vpoly(K, w[p], [Lg2, Lg4, Lg6])))));
  eachPair((p) => setv(c, hfsq[p], fmul(fmul(K.f64(0.5), getv(f[p])), getv(f[p]))));
  eachPair((p) => setv(c, sh[p], fmul(getv(s[p]), fadd(getv(hfsq[p]), getv(R[p])))));
  eachPair((p) => setv(c, sfr[p], fmul(getv(s[p]), fsub(getv(f[p]), getv(R[p])))));
  eachPair((p) => setv(c, dlo[p], fmul(getv(dk[p]), K.f64(LN2_LO))));
  // i2 > 0: dk·LN2_HI − ((hfsq − (s·(hfsq + R) + dk·LN2_LO)) − f); else dk·LN2_HI − ((s·(f − R) − dk·LN2_LO) − f)
  eachPair((p, g, h) => {
    const dhi = fmul(getv(dk[p]), K.f64(LN2_HI));
    setv(c, out[p], select(
      fsub(dhi, fsub(fsub(getv(hfsq[p]), fadd(getv(sh[p]), getv(dlo[p]))), getv(f[p]))),
      fsub(dhi, fsub(fsub(getv(sfr[p]), getv(dlo[p])), getv(f[p]))),
      mask64(big[g], h)));
  });
}

/**
 * `kernelSin` and `kernelCos` of random.ts (fdlibm `__kernel_sin(x, 0, 0)`, `__kernel_cos(x, 0)`,
 * |x| ≤ π/4) on the doubles of the pairs `t` (groups of two pairs), into the pairs `sin` and `cos`,
 * for every lane where `rare` (one i32x4 mask per group, set here) is off: |x| ≥ 2^-27.
 */
export function sinCosX4(
  c: Code, K: Splats, L: Locals, t: readonly number[], sin: readonly number[], cos: readonly number[], rare: readonly number[],
): void {
  const G = rare.length, gs = [...Array(G).keys()], ps = [...Array(2 * G).keys()];
  const ix = vlocals(L, G), small = vlocals(L, G), big = vlocals(L, G), qhi = vlocals(L, G);
  const each = (f: (g: number) => void) => { for (const g of gs) f(g); };
  const eachPair = (f: (p: number, g: number, half: number) => void) => { for (const p of ps) f(p, p >> 1, p & 1); };
  each((g) => setv(c, ix[g], v('v128.and', shuffle32(getv(t[2 * g]), getv(t[2 * g + 1]), [1, 3, 5, 7]), K.i32(0x7fffffff))));
  each((g) => setv(c, rare[g], v('i32x4.lt_s', getv(ix[g]), K.i32(0x3e400000)))); // |x| < 2^-27
  each((g) => setv(c, small[g], v('i32x4.lt_s', getv(ix[g]), K.i32(0x3fd33333)))); // |x| < 0.3
  each((g) => setv(c, big[g], v('i32x4.gt_s', getv(ix[g]), K.i32(0x3fe90000)))); // |x| > 0.78125
  each((g) => setv(c, qhi[g], v('i32x4.sub', getv(ix[g]), K.i32(0x00200000)))); // the high word of |x|/4 (low word 0)
  const z = vlocals(L, 2 * G), r = vlocals(L, 2 * G), qx = vlocals(L, 2 * G);
  eachPair((p) => setv(c, z[p], fmul(getv(t[p]), getv(t[p]))));
  // sin: x + v·(S1 + z·r) with v = z·x, r = S2 + z·(S3 + z·(S4 + z·(S5 + z·S6)))
  eachPair((p) => setv(c, sin[p], fadd(getv(t[p]), fmul(fmul(getv(z[p]), getv(t[p])), fadd(K.f64(S1), fmul(getv(z[p]), vpoly(K, z[p], [S2, S3, S4, S5, S6])))))));
  // cos: r = z·(C1 + z·(… C6)); |x| < 0.3: 1 − (0.5·z − z·r); else (1 − qx) − ((0.5·z − qx) − z·r)
  eachPair((p) => setv(c, r[p], fmul(getv(z[p]), vpoly(K, z[p], [C1, C2, C3, C4, C5, C6]))));
  eachPair((p, g, h) => setv(c, qx[p], select(K.f64(0.28125), shuffle32(K.i32(0), getv(qhi[g]), h === 0 ? [0, 4, 0, 5] : [0, 6, 0, 7]), mask64(big[g], h))));
  eachPair((p, g, h) => setv(c, cos[p], select(
    fsub(K.f64(1), fsub(fmul(K.f64(0.5), getv(z[p])), fmul(getv(z[p]), getv(r[p])))),
    fsub(fsub(K.f64(1), getv(qx[p])), fsub(fsub(fmul(K.f64(0.5), getv(z[p])), getv(qx[p])), fmul(getv(z[p]), getv(r[p])))),
    mask64(small[g], h))));
}
