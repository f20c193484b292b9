/**
 * The per-step draws of `draws.ts` as C source for the native backend: Philox4x32-10, the fdlibm
 * `log`/`exp`/sine-cosine kernels of `libm.ts`, and every distribution, written so that each draw
 * is **bit-identical** to the TypeScript one (checked by `test/random/philox_c.test.ts` with g++).
 *
 * The code is C99 and C++11 compatible (`static inline`, `uint32_t`/`uint64_t`, no hex-float
 * literals), all names prefixed `nrx_`. It must be compiled **without floating-point contraction**
 * (`-ffp-contract=off`, or no `-march` that enables FMA): a fused multiply-add rounds once where
 * JS rounds twice, and would change the last bit of the polynomial evaluations.
 *
 * The `cpp` code generator pastes {@link PHILOX_C_SOURCE} once at the top of a generated file.
 */

/** C source of the Philox4x32-10 generator, the portable libm and the counter-based draws. */
export const PHILOX_C_SOURCE = String.raw`/* ---- neurarchy random: Philox4x32-10 counter-based draws (generated from src/random/philox_c.ts) ----
 * key = (seed, stream); counter = (index, step mod 2^32, step >> 32, (sub << 16) | drawId).
 * Must be compiled with -ffp-contract=off to stay bit-identical to the JS backend. */
#include <stdint.h>
#include <string.h>
#include <math.h>

#define NRX_PHILOX_M0 0xD2511F53u
#define NRX_PHILOX_M1 0xCD9E8D57u
#define NRX_PHILOX_W0 0x9E3779B9u
#define NRX_PHILOX_W1 0xBB67AE85u
#define NRX_TWO_M53 1.1102230246251565e-16
#define NRX_TWO_M51 4.440892098500626e-16
#define NRX_TWO_M24 5.9604644775390625e-8
#define NRX_PIO2 1.5707963267948966
#define NRX_MAX_SUB 0xFFFFu

/* Philox4x32-10 (Random123): out = Philox(counter c0..c3, key k0 k1). */
static inline void nrx_philox4x32_10(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3,
                                     uint32_t k0, uint32_t k1, uint32_t out[4]) {
  int r;
  for (r = 0; r < 10; r++) {
    uint64_t p0, p1;
    if (r > 0) { k0 += NRX_PHILOX_W0; k1 += NRX_PHILOX_W1; }
    p0 = (uint64_t)NRX_PHILOX_M0 * c0;
    p1 = (uint64_t)NRX_PHILOX_M1 * c2;
    {
      uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
      uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
      c0 = hi1 ^ c1 ^ k0;
      c1 = lo1;
      c2 = hi0 ^ c3 ^ k1;
      c3 = lo0;
    }
  }
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

/* The block of draw (seed, stream, index, step, drawId) with sub-counter sub. */
static inline void nrx_draw_block(uint32_t seed, uint32_t stream, uint32_t index, uint64_t step,
                                  uint32_t draw_id, uint32_t sub, uint32_t out[4]) {
  nrx_philox4x32_10(index, (uint32_t)step, (uint32_t)(step >> 32),
                    (sub << 16) | (draw_id & 0xFFFFu), seed, stream, out);
}

/* ((hi >> 11) * 2^32 + lo) * 2^-53 in [0, 1) */
static inline double nrx_u53(uint32_t hi, uint32_t lo) {
  return (double)(((uint64_t)(hi >> 11) << 32) | lo) * NRX_TWO_M53;
}
/* ((hi >> 11) * 2^32 + lo + 1) * 2^-53 in (0, 1] */
static inline double nrx_u53_open0(uint32_t hi, uint32_t lo) {
  return (double)((((uint64_t)(hi >> 11) << 32) | lo) + 1u) * NRX_TWO_M53;
}

/* ---- fdlibm 5.3 (Sun Microsystems, freely distributable): log, exp, sin/cos kernels ---- */
static inline uint32_t nrx_hiword(double x) { uint64_t u; memcpy(&u, &x, 8); return (uint32_t)(u >> 32); }
static inline uint32_t nrx_loword(double x) { uint64_t u; memcpy(&u, &x, 8); return (uint32_t)u; }
static inline double nrx_words(uint32_t hi, uint32_t lo) {
  uint64_t u = ((uint64_t)hi << 32) | lo; double x; memcpy(&x, &u, 8); return x;
}

static inline double nrx_log(double x) {
  const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10,
    two54 = 1.80143985094819840000e+16,
    Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01,
    Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
    Lg7 = 1.479819860511658591e-01;
  double hfsq, f, s, z, R, w, t1, t2, dk;
  int32_t k, hx, i, j;
  uint32_t lx;
  hx = (int32_t)nrx_hiword(x);
  lx = nrx_loword(x);
  k = 0;
  if (hx < 0x00100000) {
    if ((((uint32_t)hx & 0x7fffffffu) | lx) == 0) return -INFINITY;
    if (hx < 0) return NAN;
    k -= 54; x *= two54;
    hx = (int32_t)nrx_hiword(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  i = (hx + 0x95f64) & 0x100000;
  x = nrx_words((uint32_t)(hx | (i ^ 0x3ff00000)), nrx_loword(x));
  k += (i >> 20);
  f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f == 0.0) {
      if (k == 0) return 0.0;
      dk = (double)k; return dk * ln2_hi + dk * ln2_lo;
    }
    R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    dk = (double)k; return dk * ln2_hi - ((R - dk * ln2_lo) - f);
  }
  s = f / (2.0 + f);
  dk = (double)k;
  z = s * s;
  i = hx - 0x6147a;
  w = z * z;
  j = 0x6b851 - hx;
  t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  R = t2 + t1;
  if (i > 0) {
    hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}

static inline double nrx_exp(double x) {
  const double o_threshold = 7.09782712893383973096e+02, u_threshold = -7.45133219101941108420e+02,
    ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10,
    invln2 = 1.44269504088896338700e+00, twom1000 = 9.33263618503218878990e-302,
    two1023 = 8.988465674311579539e307,
    P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
    P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08;
  double hi = 0.0, lo = 0.0, c, t, y, twopk;
  int32_t k = 0, xsb;
  uint32_t hx = nrx_hiword(x);
  xsb = (int32_t)((hx >> 31) & 1u);
  hx &= 0x7fffffffu;
  if (hx >= 0x40862e42u) {
    if (hx >= 0x7ff00000u) {
      if (((hx & 0xfffffu) | nrx_loword(x)) != 0) return x + x;
      return (xsb == 0) ? x : 0.0;
    }
    if (x > o_threshold) return INFINITY;
    if (x < u_threshold) return 0.0;
  }
  if (hx > 0x3fd62e42u) {
    if (hx < 0x3ff0a2b2u) {
      if (x == 1.0) return 2.718281828459045; /* V8's special case: correctly rounded e */
      if (xsb == 0) { hi = x - ln2_hi; lo = ln2_lo; k = 1; } else { hi = x + ln2_hi; lo = -ln2_lo; k = -1; }
    } else {
      k = (int32_t)(invln2 * x + (xsb == 0 ? 0.5 : -0.5));
      t = (double)k;
      hi = x - t * ln2_hi;
      lo = t * ln2_lo;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000u) {
    return 1.0 + x;
  } else {
    k = 0;
  }
  t = x * x;
  if (k >= -1021) twopk = nrx_words((uint32_t)(0x3ff00000 + k * 1048576), 0u);
  else twopk = nrx_words((uint32_t)(0x3ff00000 + (k + 1000) * 1048576), 0u);
  c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * two1023;
    return y * twopk;
  }
  return y * twopk * twom1000;
}

/* sin(x), |x| <= pi/4: fdlibm __kernel_sin(x, 0, 0) */
static inline double nrx_kernel_sin(double x) {
  const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
    S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
    S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  double z, v, r;
  if (fabs(x) < 7.450580596923828125e-9) return x;
  z = x * x;
  v = z * x;
  r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x + v * (S1 + z * r);
}

/* cos(x), |x| <= pi/4: fdlibm __kernel_cos(x, 0) */
static inline double nrx_kernel_cos(double x) {
  const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
    C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
    C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  double a, hz, z, r, qx;
  uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix < 0x3e400000u) return 1.0;
  z = x * x;
  r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333u) return 1.0 - (0.5 * z - z * r);
  if (ix > 0x3fe90000u) qx = 0.28125;
  else qx = nrx_words(ix - 0x00200000u, 0u);
  hz = 0.5 * z - qx;
  a = 1.0 - qx;
  return a - (hz - z * r);
}

/* ---- Box-Muller on one block: u1 from (x0, x1) in (0, 1], angle 2*pi*u2 from (x2, x3) ---- */
static inline double nrx_bm_radius(uint32_t x0, uint32_t x1) {
  return sqrt(-2.0 * nrx_log(nrx_u53_open0(x0, x1)));
}
static inline double nrx_cos2pi(uint32_t x2, uint32_t x3) {
  uint32_t h = x2 >> 11, q = h >> 19;
  double f = (double)(((uint64_t)(h & 0x7ffffu) << 32) | x3) * NRX_TWO_M51, t;
  if (f >= 0.5) { f -= 1.0; q = (q + 1u) & 3u; }
  t = f * NRX_PIO2;
  switch (q) {
    case 0: return nrx_kernel_cos(t);
    case 1: return -nrx_kernel_sin(t);
    case 2: return -nrx_kernel_cos(t);
    default: return nrx_kernel_sin(t);
  }
}
static inline double nrx_sin2pi(uint32_t x2, uint32_t x3) {
  uint32_t h = x2 >> 11, q = h >> 19;
  double f = (double)(((uint64_t)(h & 0x7ffffu) << 32) | x3) * NRX_TWO_M51, t;
  if (f >= 0.5) { f -= 1.0; q = (q + 1u) & 3u; }
  t = f * NRX_PIO2;
  switch (q) {
    case 0: return nrx_kernel_sin(t);
    case 1: return nrx_kernel_cos(t);
    case 2: return -nrx_kernel_sin(t);
    default: return -nrx_kernel_cos(t);
  }
}
static inline double nrx_normal_from_words(const uint32_t b[4]) {
  return nrx_bm_radius(b[0], b[1]) * nrx_cos2pi(b[2], b[3]);
}

/* ---- the draws (same names as draws.ts, snake_case) ---- */
static inline double nrx_uniform_at(uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  uint32_t b[4]; nrx_draw_block(seed, stream, index, step, draw_id, 0u, b);
  return nrx_u53(b[0], b[1]);
}
static inline float nrx_uniform_f32_at(uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  uint32_t b[4]; nrx_draw_block(seed, stream, index, step, draw_id, 0u, b);
  return (float)((double)(b[0] >> 8) * NRX_TWO_M24);
}
static inline double nrx_normal_at(uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  uint32_t b[4]; nrx_draw_block(seed, stream, index, step, draw_id, 0u, b);
  return nrx_normal_from_words(b);
}
/* z0 = r cos, z1 = r sin of the block */
static inline void nrx_normal_pair_at(uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id, double out[2]) {
  uint32_t b[4]; double r;
  nrx_draw_block(seed, stream, index, step, draw_id, 0u, b);
  r = nrx_bm_radius(b[0], b[1]);
  out[0] = r * nrx_cos2pi(b[2], b[3]);
  out[1] = r * nrx_sin2pi(b[2], b[3]);
}
static inline double nrx_uniform_range_at(double a, double bb, uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  return a + (bb - a) * nrx_uniform_at(seed, stream, index, step, draw_id);
}
static inline double nrx_discrete_uniform_at(double a, double bb, uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  double v = a + floor(nrx_uniform_at(seed, stream, index, step, draw_id) * (bb - a + 1.0));
  return v > bb ? bb : v;
}
static inline double nrx_normal_ms_at(double m, double s, uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  return m + s * nrx_normal_at(seed, stream, index, step, draw_id);
}
static inline double nrx_log_normal_at(double m, double s, uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  return nrx_exp(m + s * nrx_normal_at(seed, stream, index, step, draw_id));
}
/* lambda is the RATE (mean 1/lambda) */
static inline double nrx_exponential_at(double lambda, uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  uint32_t b[4]; nrx_draw_block(seed, stream, index, step, draw_id, 0u, b);
  return (0.0 - nrx_log(nrx_u53_open0(b[0], b[1]))) / lambda;
}
/* Marsaglia-Tsang; attempt j: normal from sub 2j+1, uniform from sub 2j+2; k < 1 boost from sub 0 */
static inline double nrx_gamma_at(double k, double theta, uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  uint32_t b[4], sub;
  double kk, d, c, g;
  if (!(k > 0.0) || !(theta > 0.0)) return NAN;
  kk = k < 1.0 ? k + 1.0 : k;
  d = kk - 1.0 / 3.0;
  c = 1.0 / sqrt(9.0 * d);
  g = d;
  for (sub = 1u; sub + 1u <= NRX_MAX_SUB; sub += 2u) {
    double z, v, u, z2;
    nrx_draw_block(seed, stream, index, step, draw_id, sub, b);
    z = nrx_normal_from_words(b);
    v = 1.0 + c * z;
    if (v <= 0.0) continue;
    v = v * v * v;
    g = d * v;
    nrx_draw_block(seed, stream, index, step, draw_id, sub + 1u, b);
    u = nrx_u53_open0(b[0], b[1]);
    z2 = z * z;
    if (u < 1.0 - 0.0331 * z2 * z2) break;
    if (nrx_log(u) < 0.5 * z2 + d * (1.0 - v + nrx_log(v))) break;
  }
  if (k < 1.0) {
    nrx_draw_block(seed, stream, index, step, draw_id, 0u, b);
    g = g * nrx_exp(nrx_log(nrx_u53_open0(b[0], b[1])) / k);
  }
  return g * theta;
}
static inline double nrx_binomial_invert(double m, double q, double u) {
  double f = nrx_exp(m * nrx_log(1.0 - q));
  double r = q / (1.0 - q);
  double k = 0.0;
  for (; k < m; k += 1.0) {
    if (u < f) break;
    u -= f;
    f = f * (m - k) / (k + 1.0) * r;
  }
  return k;
}
/* chunked inversion (chunks of mean <= 100, sub-counter j per chunk); normal approximation beyond 65536 chunks */
static inline double nrx_binomial_at(double n, double p, uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  uint32_t b[4];
  double q, s, chunks, total = 0.0;
  int flip;
  if (!(n > 0.0) || !(p > 0.0)) return 0.0;
  if (p >= 1.0) return n;
  flip = p > 0.5;
  q = flip ? 1.0 - p : p;
  s = floor(100.0 / q);
  if (s > n) s = n;
  chunks = ceil(n / s);
  if (chunks > (double)NRX_MAX_SUB + 1.0) {
    double mean = n * q;
    nrx_draw_block(seed, stream, index, step, draw_id, 0u, b);
    total = floor(mean + sqrt(mean * (1.0 - q)) * nrx_normal_from_words(b) + 0.5);
    if (total < 0.0) total = 0.0;
    if (total > n) total = n;
  } else {
    uint32_t j;
    for (j = 0; (double)j < chunks; j++) {
      double m = (double)j < chunks - 1.0 ? s : n - s * (chunks - 1.0);
      nrx_draw_block(seed, stream, index, step, draw_id, j, b);
      total += nrx_binomial_invert(m, q, nrx_u53(b[0], b[1]));
    }
  }
  return flip ? n - total : total;
}

/* out[i] = nrx_uniform_at(seed, stream, i, step, draw_id) */
static inline void nrx_fill_uniform(double *out, int64_t n, uint32_t seed, uint32_t stream, uint64_t step, uint32_t draw_id) {
  int64_t i;
  for (i = 0; i < n; i++) out[i] = nrx_uniform_at(seed, stream, (uint32_t)i, step, draw_id);
}
/* out[i] = nrx_normal_at(seed, stream, i, step, draw_id) */
static inline void nrx_fill_normal(double *out, int64_t n, uint32_t seed, uint32_t stream, uint64_t step, uint32_t draw_id) {
  int64_t i;
  for (i = 0; i < n; i++) out[i] = nrx_normal_at(seed, stream, (uint32_t)i, step, draw_id);
}
/* ---- end of neurarchy random ---- */
`;
