/**
 * Portable `log`, `exp` and the sine/cosine kernels, ported from fdlibm 5.3 (Sun Microsystems,
 * freely distributable; the same code V8 ships as `base::ieee754`). They use only IEEE-754
 * `+ - * /`, comparisons and exponent-word manipulation, so the identical C port in `philox_c.ts`
 * returns the same bits: this is what makes the non-uniform draws (normal, exponential, gamma …)
 * bit-identical between the `js` and `cpp` backends, whereas `Math.log` and glibc's `log` differ
 * by one ulp on a few per cent of inputs (see the ecosystem notes, A2 point 5).
 *
 * `log` and `exp` are fdlibm's `__ieee754_log` and FreeBSD's `__ieee754_exp`; on V8 they equal
 * `Math.log`/`Math.exp` bit for bit (the tests check this on a million inputs), which is also
 * the strongest check that the port is right. The trigonometric kernels are fdlibm's
 * `__kernel_sin`/`__kernel_cos` with a zero tail, valid for |x| ≤ π/4; the callers in `draws.ts`
 * do their own exact argument reduction (the angle of Box–Muller is a multiple of π/2 plus a
 * dyadic remainder), so no Payne–Hanek reduction is needed.
 */

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** Index of the high (sign/exponent) word of a double in the aliasing view: platform byte order. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

// fdlibm's constants are exported for the WebAssembly port of these functions (backends/wasm/random.ts).
export const LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42 fee00000
export const LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
export const TWO54 = 1.80143985094819840000e+16; // 0x43500000 00000000
export const Lg1 = 6.666666666666735130e-01;
export const Lg2 = 3.999999999940941908e-01;
export const Lg3 = 2.857142874366239149e-01;
export const Lg4 = 2.222219843214978396e-01;
export const Lg5 = 1.818357216161805012e-01;
export const Lg6 = 1.531383769920937332e-01;
export const Lg7 = 1.479819860511658591e-01;

/**
 * Natural logarithm, fdlibm's `__ieee754_log` (error < 1 ulp). Bit-identical to the C port
 * `nrx_log` in `philox_c.ts`.
 */
export function log(x: number): number {
  F64[0] = x;
  let hx = U32[HI] | 0;
  const lx = U32[LO];
  let k = 0;
  if (hx < 0x00100000) { // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54; x *= TWO54;
    F64[0] = x; hx = U32[HI] | 0;
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  F64[0] = x; U32[HI] = hx | (i ^ 0x3ff00000); // normalize x or x/2
  x = F64[0];
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) { // -2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      const dk = k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    // eslint-disable-next-line no-loss-of-precision -- fdlibm's constant as written in its C source (the same double as 1/3)
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    const dk = k;
    return dk * LN2_HI - ((R - dk * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  let i2 = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i2 |= j;
  const R = t2 + t1;
  if (i2 > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

const O_THRESHOLD = 7.09782712893383973096e+02; // 0x40862E42 FEFA39EF
const U_THRESHOLD = -7.45133219101941108420e+02; // 0xc0874910 D52D3051
const INVLN2 = 1.44269504088896338700e+00; // 0x3ff71547 652b82fe
const TWOM1000 = 9.33263618503218878990e-302; // 2^-1000
const TWO1023 = 8.988465674311579539e307; // 2^1023
const P1 = 1.66666666666666019037e-01;
const P2 = -2.77777777770155933842e-03;
const P3 = 6.61375632143793436117e-05;
const P4 = -1.65339022054652515390e-06;
const P5 = 4.13813679705723846039e-08;

/**
 * Exponential, fdlibm/FreeBSD `__ieee754_exp` (error < 1 ulp), the variant V8 uses (scaling by a
 * constructed 2^k, and exp(1) returning the correctly rounded e). Bit-identical to the C port `nrx_exp` in `philox_c.ts`.
 */
export function exp(x: number): number {
  F64[0] = x;
  let hx = U32[HI];
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  let hi = 0, lo = 0, k = 0;
  if (hx >= 0x40862e42) { // |x| >= 709.78...
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | U32[LO]) !== 0) return x + x; // NaN
      return xsb === 0 ? x : 0.0;
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  if (hx > 0x3fd62e42) { // |x| > 0.5 ln2
    if (hx < 0x3ff0a2b2) { // and |x| < 1.5 ln2
      // V8's special case (ieee754.cc, "TODO(rtoy)"): the reduction below gets the last bit of e wrong.
      if (x === 1) return Math.E;
      if (xsb === 0) { hi = x - LN2_HI; lo = LN2_LO; k = 1; } else { hi = x + LN2_HI; lo = -LN2_LO; k = -1; }
    } else {
      k = (INVLN2 * x + (xsb === 0 ? 0.5 : -0.5)) | 0; // C's (int) truncation
      const t = k;
      hi = x - t * LN2_HI; // exact
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) { // |x| < 2^-28
    return 1 + x;
  } else {
    k = 0;
  }
  const t = x * x;
  let twopk: number;
  if (k >= -1021) { U32[HI] = (0x3ff00000 + (k << 20)) | 0; U32[LO] = 0; twopk = F64[0]; }
  else { U32[HI] = (0x3ff00000 + ((k + 1000) << 20)) | 0; U32[LO] = 0; twopk = F64[0]; }
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * TWO1023;
    return y * twopk;
  }
  return y * twopk * TWOM1000;
}

export const S1 = -1.66666666666666324348e-01;
export const S2 = 8.33333333332248946124e-03;
export const S3 = -1.98412698298579493134e-04;
export const S4 = 2.75573137070700676789e-06;
export const S5 = -2.50507602534068634195e-08;
export const S6 = 1.58969099521155010221e-10;

/** sin(x) for |x| ≤ π/4: fdlibm `__kernel_sin(x, 0, 0)`. Same bits as `nrx_kernel_sin` in C. */
export function kernelSin(x: number): number {
  if (Math.abs(x) < 7.450580596923828125e-9) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x + v * (S1 + z * r);
}

export const C1 = 4.16666666666666019037e-02;
export const C2 = -1.38888888888741095749e-03;
export const C3 = 2.48015872894767294178e-05;
export const C4 = -2.75573143513906633035e-07;
export const C5 = 2.08757232129817482790e-09;
export const C6 = -1.13596475577881948265e-11;

/** cos(x) for |x| ≤ π/4: fdlibm `__kernel_cos(x, 0)`. Same bits as `nrx_kernel_cos` in C. */
export function kernelCos(x: number): number {
  F64[0] = x;
  const ix = U32[HI] & 0x7fffffff;
  if (ix < 0x3e400000) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - z * r); // |x| < 0.3
  let qx: number;
  if (ix > 0x3fe90000) qx = 0.28125; // |x| > 0.78125
  else { U32[HI] = ix - 0x00200000; U32[LO] = 0; qx = F64[0]; } // |x|/4, low word dropped
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - z * r);
}
