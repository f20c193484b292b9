/* neurarchy: generated C++ for 1 populations and 2 projections (threads: 1). */

#include <cmath>

#include <cstdint>

#include <cstring>

#include <cstdlib>

/* ---- neurarchy random: Philox4x32-10 counter-based draws (generated from src/random/philox_c.ts) ----
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


/* ---- batched draws (bit-identical to nrx_normal_at / nrx_uniform_at, vectorisable) ---- */
#define NX_RB 64
#define NX_PHILOX_ROUND(K0, K1) { \
    const uint64_t p0 = (uint64_t)NRX_PHILOX_M0 * c0, p1 = (uint64_t)NRX_PHILOX_M1 * c2; \
    const uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ (K0), n2 = (uint32_t)(p0 >> 32) ^ c3 ^ (K1); \
    c1 = (uint32_t)p1; c3 = (uint32_t)p0; c0 = n0; c2 = n2; }
/* Philox4x32-10 blocks of counters (i0 + j, step, step >> 32, draw_id), j < nb (sub-counter 0). */
static inline void nx_philox_lanes(int64_t i0, int64_t nb, uint32_t seed, uint32_t stream, uint64_t step, uint32_t draw_id,
                                   uint32_t* __restrict o0, uint32_t* __restrict o1, uint32_t* __restrict o2, uint32_t* __restrict o3) {
  uint32_t k0[10], k1[10];
  k0[0] = seed; k1[0] = stream;
  for (int r = 1; r < 10; r++) { k0[r] = k0[r - 1] + NRX_PHILOX_W0; k1[r] = k1[r - 1] + NRX_PHILOX_W1; }
  const uint32_t s0 = (uint32_t)step, s1 = (uint32_t)(step >> 32), d = draw_id & 0xFFFFu;
  for (int64_t j = 0; j < nb; j++) {
    uint32_t c0 = (uint32_t)(i0 + j), c1 = s0, c2 = s1, c3 = d;
    NX_PHILOX_ROUND(k0[0], k1[0]) NX_PHILOX_ROUND(k0[1], k1[1]) NX_PHILOX_ROUND(k0[2], k1[2]) NX_PHILOX_ROUND(k0[3], k1[3])
    NX_PHILOX_ROUND(k0[4], k1[4]) NX_PHILOX_ROUND(k0[5], k1[5]) NX_PHILOX_ROUND(k0[6], k1[6]) NX_PHILOX_ROUND(k0[7], k1[7])
    NX_PHILOX_ROUND(k0[8], k1[8]) NX_PHILOX_ROUND(k0[9], k1[9])
    o0[j] = c0; o1[j] = c1; o2[j] = c2; o3[j] = c3;
  }
}
/* fdlibm log (nrx_log) for x in [2^-53, 1], every path computed, the taken one selected. */
static inline double nx_log_unit(double x) {
  const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10,
    Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01,
    Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
    Lg7 = 1.479819860511658591e-01;
  uint64_t bits; memcpy(&bits, &x, 8);
  int32_t hx = (int32_t)(uint32_t)(bits >> 32);
  int32_t k = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const int32_t i = (hx + 0x95f64) & 0x100000;
  const uint64_t nbits = ((uint64_t)(uint32_t)(hx | (i ^ 0x3ff00000)) << 32) | (bits & 0xffffffffu);
  double xn; memcpy(&xn, &nbits, 8);
  k += (i >> 20);
  const double f = xn - 1.0, dk = (double)k;
  const bool k0 = k == 0;
  /* |f| < 2^-20 */
  const double RA = f * f * (0.5 - 0.33333333333333333 * f);
  const double A0 = k0 ? 0.0 : dk * ln2_hi + dk * ln2_lo;
  const double A1 = k0 ? f - RA : dk * ln2_hi - ((RA - dk * ln2_lo) - f);
  const double A = f == 0.0 ? A0 : A1;
  /* general case */
  const double s = f / (2.0 + f), z = s * s, w = z * z;
  const int32_t ij = (hx - 0x6147a) | (0x6b851 - hx);
  const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const double R = t2 + t1;
  const double hfsq = 0.5 * f * f;
  const double B1 = k0 ? f - (hfsq - s * (hfsq + R)) : dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  const double B2 = k0 ? f - s * (f - R) : dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
  const double B = ij > 0 ? B1 : B2;
  return (0x000fffff & (2 + hx)) < 3 ? A : B;
}
/* nrx_cos2pi without branches: both fdlibm kernels, the quadrant's one selected. */
static inline double nx_cos2pi_sel(uint32_t x2, uint32_t x3) {
  const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
    S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
    S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
    C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
    C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  const uint32_t h = x2 >> 11;
  double f = (double)(((uint64_t)(h & 0x7ffffu) << 32) | x3) * NRX_TWO_M51;
  const bool wrap = f >= 0.5;
  f = wrap ? f - 1.0 : f;
  const uint32_t q = ((h >> 19) + (wrap ? 1u : 0u)) & 3u;
  const double t = f * NRX_PIO2;
  const double z = t * t, v = z * t;
  const double rs = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  const double ks = fabs(t) < 7.450580596923828125e-9 ? t : t + v * (S1 + z * rs);
  uint64_t tb; memcpy(&tb, &t, 8);
  const uint32_t ix = (uint32_t)(tb >> 32) & 0x7fffffffu;
  const double rc = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const double kc1 = 1.0 - (0.5 * z - z * rc);
  const uint64_t qb = (uint64_t)(ix - 0x00200000u) << 32;
  double qw; memcpy(&qw, &qb, 8);
  const double qx = ix > 0x3fe90000u ? 0.28125 : qw;
  const double kc2 = (1.0 - qx) - ((0.5 * z - qx) - z * rc);
  const double kc = ix < 0x3e400000u ? 1.0 : (ix < 0x3fd33333u ? kc1 : kc2);
  return q == 0u ? kc : q == 1u ? -ks : q == 2u ? -kc : ks;
}
/* out[j] = a0 + a1 * nrx_normal_at(seed, stream, i0 + j, step, draw_id), j < nb <= NX_RB */
static inline void nx_normal_block(double* __restrict out, int64_t i0, int64_t nb, double a0, double a1,
                                   uint32_t seed, uint32_t stream, uint64_t step, uint32_t draw_id) {
  uint32_t x0[NX_RB], x1[NX_RB], x2[NX_RB], x3[NX_RB];
  nx_philox_lanes(i0, nb, seed, stream, step, draw_id, x0, x1, x2, x3);
  for (int64_t j = 0; j < nb; j++) {
    const double r = sqrt(-2.0 * nx_log_unit(nrx_u53_open0(x0[j], x1[j])));
    out[j] = a0 + a1 * (r * nx_cos2pi_sel(x2[j], x3[j]));
  }
}
/* out[j] = a0 + w * nrx_uniform_at(seed, stream, i0 + j, step, draw_id), j < nb <= NX_RB */
static inline void nx_uniform_block(double* __restrict out, int64_t i0, int64_t nb, double a0, double w,
                                    uint32_t seed, uint32_t stream, uint64_t step, uint32_t draw_id) {
  uint32_t x0[NX_RB], x1[NX_RB], x2[NX_RB], x3[NX_RB];
  nx_philox_lanes(i0, nb, seed, stream, step, draw_id, x0, x1, x2, x3);
  for (int64_t j = 0; j < nb; j++) out[j] = a0 + w * nrx_u53(x0[j], x1[j]);
}


/* ---- fdlibm 5.3 sin/cos (V8's Math.sin/Math.cos), Cody-Waite reduction for |x| < 2^19*pi/2 ---- */
static inline double nx_ksin(double x, double y, int iy) {
  const double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
    S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
    S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix < 0x3e400000u && (int)x == 0) return x;
  const double z = x * x, v = z * x, r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy == 0) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}
static inline double nx_kcos(double x, double y) {
  const double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
    C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
    C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix < 0x3e400000u && (int)x == 0) return 1.0;
  const double z = x * x, r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333u) return 1.0 - (0.5 * z - (z * r - x * y));
  const double qx = ix > 0x3fe90000u ? 0.28125 : nrx_words(ix - 0x00200000u, 0u);
  const double hz = 0.5 * z - qx, a = 1.0 - qx;
  return a - (hz - (z * r - x * y));
}
/* n with x = n*pi/2 + y[0] + y[1]; only for 0x3fe921fb < |x| high word <= 0x413921fb. */
static inline int32_t nx_rem_pio2(double x, double* y) {
  static const uint32_t npio2_hw[32] = {
    0x3ff921fbu, 0x400921fbu, 0x4012d97cu, 0x401921fbu, 0x401f6a7au, 0x4022d97cu, 0x4025fdbbu, 0x402921fbu,
    0x402c463au, 0x402f6a7au, 0x4031475cu, 0x4032d97cu, 0x40346b9cu, 0x4035fdbbu, 0x40378fdbu, 0x403921fbu,
    0x403ab41bu, 0x403c463au, 0x403dd85au, 0x403f6a7au, 0x40407e4cu, 0x4041475cu, 0x4042106cu, 0x4042d97cu,
    0x4043a28cu, 0x40446b9cu, 0x404534acu, 0x4045fdbbu, 0x4046c6cbu, 0x40478fdbu, 0x404858ebu, 0x404921fbu };
  const double invpio2 = 6.36619772367581382433e-01, pio2_1 = 1.57079632673412561417e+00,
    pio2_1t = 6.07710050650619224932e-11, pio2_2 = 6.07710050630396597660e-11,
    pio2_2t = 2.02226624879595063154e-21, pio2_3 = 2.02226624871116645580e-21,
    pio2_3t = 8.47842766036889956997e-32;
  const int32_t hx = (int32_t)nrx_hiword(x);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu;
  if (ix < 0x4002d97cu) { /* |x| < 3pi/4: n = +-1 */
    double z;
    if (hx > 0) {
      z = x - pio2_1;
      if (ix != 0x3ff921fbu) { y[0] = z - pio2_1t; y[1] = (z - y[0]) - pio2_1t; }
      else { z -= pio2_2; y[0] = z - pio2_2t; y[1] = (z - y[0]) - pio2_2t; }
      return 1;
    }
    z = x + pio2_1;
    if (ix != 0x3ff921fbu) { y[0] = z + pio2_1t; y[1] = (z - y[0]) + pio2_1t; }
    else { z += pio2_2; y[0] = z + pio2_2t; y[1] = (z - y[0]) + pio2_2t; }
    return -1;
  }
  const double t0 = fabs(x);
  const int32_t n = (int32_t)(t0 * invpio2 + 0.5);
  const double fn = (double)n;
  double r = t0 - fn * pio2_1, w = fn * pio2_1t;
  if (n < 32 && ix != npio2_hw[n - 1]) {
    y[0] = r - w;
  } else {
    const int32_t j = (int32_t)(ix >> 20);
    y[0] = r - w;
    int32_t i = j - (int32_t)((nrx_hiword(y[0]) >> 20) & 0x7ffu);
    if (i > 16) {
      double t = r;
      w = fn * pio2_2; r = t - w; w = fn * pio2_2t - ((t - r) - w); y[0] = r - w;
      i = j - (int32_t)((nrx_hiword(y[0]) >> 20) & 0x7ffu);
      if (i > 49) {
        t = r;
        w = fn * pio2_3; r = t - w; w = fn * pio2_3t - ((t - r) - w); y[0] = r - w;
      }
    }
  }
  y[1] = (r - y[0]) - w;
  if (hx < 0) { y[0] = -y[0]; y[1] = -y[1]; return -n; }
  return n;
}
static inline double nx_sin(double x) {
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix <= 0x3fe921fbu) return nx_ksin(x, 0.0, 0);
  if (ix >= 0x7ff00000u) return x - x;
  if (ix > 0x413921fbu) return sin(x);
  double y[2];
  switch (nx_rem_pio2(x, y) & 3) {
    case 0: return nx_ksin(y[0], y[1], 1);
    case 1: return nx_kcos(y[0], y[1]);
    case 2: return -nx_ksin(y[0], y[1], 1);
    default: return -nx_kcos(y[0], y[1]);
  }
}
static inline double nx_set_lo(double x, uint32_t lo) { return nrx_words(nrx_hiword(x), lo); }
static inline double nx_asin_pq(double t) {
  const double pS0 = 1.66666666666666657415e-01, pS1 = -3.25565818622400915405e-01, pS2 = 2.01212532134862925881e-01,
    pS3 = -4.00555345006794114027e-02, pS4 = 7.91534994289814532176e-04, pS5 = 3.47933107596021167570e-05,
    qS1 = -2.40339491173441421878e+00, qS2 = 2.02094576023350569471e+00, qS3 = -6.88283971605453293030e-01,
    qS4 = 7.70381505559019352791e-02;
  const double p = t * (pS0 + t * (pS1 + t * (pS2 + t * (pS3 + t * (pS4 + t * pS5)))));
  const double q = 1.0 + t * (qS1 + t * (qS2 + t * (qS3 + t * qS4)));
  return p / q;
}
static inline double nx_asin(double x) {
  const double pio2_hi = 1.57079632679489655800e+00, pio2_lo = 6.12323399573676603587e-17, pio4_hi = 7.85398163397448278999e-01;
  double t, w, p, q, c, r, s;
  const int32_t hx = (int32_t)nrx_hiword(x);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu;
  if (ix >= 0x3ff00000u) {
    if (((ix - 0x3ff00000u) | nrx_loword(x)) == 0) return x * pio2_hi + x * pio2_lo;
    return (x - x) / (x - x);
  }
  if (ix < 0x3fe00000u) {
    if (ix < 0x3e400000u) return x;
    t = x * x;
    w = nx_asin_pq(t);
    return x + x * w;
  }
  w = 1.0 - fabs(x);
  t = w * 0.5;
  const double pq = nx_asin_pq(t);
  s = sqrt(t);
  if (ix >= 0x3fef3333u) {
    t = pio2_hi - (2.0 * (s + s * pq) - pio2_lo);
  } else {
    w = nx_set_lo(s, 0u);
    c = (t - w * w) / (s + w);
    r = pq;
    p = 2.0 * s * r - (pio2_lo - 2.0 * c);
    q = pio4_hi - 2.0 * w;
    t = pio4_hi - (p - q);
  }
  return hx > 0 ? t : -t;
}
static inline double nx_acos(double x) {
  const double pi = 3.14159265358979311600e+00, pio2_hi = 1.57079632679489655800e+00, pio2_lo = 6.12323399573676603587e-17;
  double z, r, w, s, c, df;
  const int32_t hx = (int32_t)nrx_hiword(x);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu;
  if (ix >= 0x3ff00000u) {
    if (((ix - 0x3ff00000u) | nrx_loword(x)) == 0) return hx > 0 ? 0.0 : pi + 2.0 * pio2_lo;
    return (x - x) / (x - x);
  }
  if (ix < 0x3fe00000u) {
    if (ix <= 0x3c600000u) return pio2_hi + pio2_lo;
    z = x * x;
    r = nx_asin_pq(z);
    return pio2_hi - (x - (pio2_lo - x * r));
  }
  if (hx < 0) {
    z = (1.0 + x) * 0.5;
    r = nx_asin_pq(z);
    s = sqrt(z);
    w = r * s - pio2_lo;
    return pi - 2.0 * (s + w);
  }
  z = (1.0 - x) * 0.5;
  s = sqrt(z);
  df = nx_set_lo(s, 0u);
  c = (z - df * df) / (s + df);
  r = nx_asin_pq(z);
  w = r * s + c;
  return 2.0 * (df + w);
}
static inline double nx_atan(double x) {
  static const double atanhi[4] = { 4.63647609000806093515e-01, 7.85398163397448278999e-01, 9.82793723247329054082e-01, 1.57079632679489655800e+00 };
  static const double atanlo[4] = { 2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17, 6.12323399573676603587e-17 };
  static const double aT[11] = { 3.33333333333329318027e-01, -1.99999999998764832476e-01, 1.42857142725034663711e-01,
    -1.11111104054623557880e-01, 9.09088713343650656196e-02, -7.69187620504482999495e-02, 6.66107313738753120669e-02,
    -5.83357013379057348645e-02, 4.97687799461593236017e-02, -3.65315727442169155270e-02, 1.62858201153657823623e-02 };
  double w, s1, s2, z;
  int32_t id;
  const int32_t hx = (int32_t)nrx_hiword(x);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu;
  if (ix >= 0x44100000u) { /* |x| >= 2^66 */
    if (ix > 0x7ff00000u || (ix == 0x7ff00000u && nrx_loword(x) != 0)) return x + x;
    return hx > 0 ? atanhi[3] + atanlo[3] : -atanhi[3] - atanlo[3];
  }
  if (ix < 0x3fdc0000u) { /* |x| < 0.4375 */
    if (ix < 0x3e400000u) return x; /* |x| < 2^-27 */
    id = -1;
  } else {
    x = fabs(x);
    if (ix < 0x3ff30000u) { /* |x| < 1.1875 */
      if (ix < 0x3fe60000u) { id = 0; x = (2.0 * x - 1.0) / (2.0 + x); }
      else { id = 1; x = (x - 1.0) / (x + 1.0); }
    } else {
      if (ix < 0x40038000u) { id = 2; x = (x - 1.5) / (1.0 + 1.5 * x); }
      else { id = 3; x = -1.0 / x; }
    }
  }
  z = x * x;
  w = z * z;
  s1 = z * (aT[0] + w * (aT[2] + w * (aT[4] + w * (aT[6] + w * (aT[8] + w * aT[10])))));
  s2 = w * (aT[1] + w * (aT[3] + w * (aT[5] + w * (aT[7] + w * aT[9]))));
  if (id < 0) return x - x * (s1 + s2);
  z = atanhi[id] - ((x * (s1 + s2) - atanlo[id]) - x);
  return hx < 0 ? -z : z;
}
static inline double nx_atan2(double y, double x) {
  const double pi_o_4 = 7.8539816339744827900e-01, pi_o_2 = 1.5707963267948965580e+00,
    pi = 3.1415926535897931160e+00, pi_lo = 1.2246467991473531772e-16;
  double z;
  const int32_t hx = (int32_t)nrx_hiword(x), hy = (int32_t)nrx_hiword(y);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu, iy = (uint32_t)hy & 0x7fffffffu, lx = nrx_loword(x), ly = nrx_loword(y);
  if ((ix | ((lx | (0u - lx)) >> 31)) > 0x7ff00000u || (iy | ((ly | (0u - ly)) >> 31)) > 0x7ff00000u) return x + y;
  if ((((uint32_t)hx - 0x3ff00000u) | lx) == 0) return nx_atan(y);
  int32_t m = ((hy >> 31) & 1) | ((hx >> 30) & 2);
  if ((iy | ly) == 0) {
    switch (m) { case 0: case 1: return y; case 2: return pi; default: return -pi; }
  }
  if ((ix | lx) == 0) return hy < 0 ? -pi_o_2 : pi_o_2;
  if (ix == 0x7ff00000u) {
    if (iy == 0x7ff00000u) {
      switch (m) { case 0: return pi_o_4; case 1: return -pi_o_4; case 2: return 3.0 * pi_o_4; default: return -3.0 * pi_o_4; }
    }
    switch (m) { case 0: return 0.0; case 1: return -0.0; case 2: return pi; default: return -pi; }
  }
  if (iy == 0x7ff00000u) return hy < 0 ? -pi_o_2 : pi_o_2;
  const int32_t k = ((int32_t)iy - (int32_t)ix) >> 20;
  if (k > 60) { z = pi_o_2 + 0.5 * pi_lo; m &= 1; }
  else if (hx < 0 && k < -60) z = 0.0;
  else z = nx_atan(fabs(y / x));
  switch (m) {
    case 0: return z;
    case 1: return -z;
    case 2: return pi - (z - pi_lo);
    default: return (z - pi_lo) - pi;
  }
}
static inline double nx_ktan(double x, double y, int iy) {
  static const double T[13] = { 3.33333333333334091986e-01, 1.33333333333201242699e-01, 5.39682539762260521377e-02,
    2.18694882948595424599e-02, 8.86323982359930005737e-03, 3.59207910759131235356e-03, 1.45620945432529025516e-03,
    5.88041240820264096874e-04, 2.46463134818469906812e-04, 7.81794442939557092300e-05, 7.14072491382608190305e-05,
    -1.85586374855275456654e-05, 2.59073051863633712884e-05 };
  const double pio4 = 7.85398163397448278999e-01, pio4lo = 3.06161699786838301793e-17;
  double z, r, v, w, s;
  const int32_t hx = (int32_t)nrx_hiword(x);
  const uint32_t ix = (uint32_t)hx & 0x7fffffffu;
  if (ix < 0x3e300000u && (int)x == 0) {
    if (((ix | nrx_loword(x)) | (uint32_t)(iy + 1)) == 0) return 1.0 / fabs(x);
    if (iy == 1) return x;
    double a, t;
    z = w = x + y;
    z = nx_set_lo(z, 0u);
    v = y - (z - x);
    t = a = -1.0 / w;
    t = nx_set_lo(t, 0u);
    s = 1.0 + t * z;
    return t + a * (s + t * v);
  }
  if (ix >= 0x3fe59428u) {
    if (hx < 0) { x = -x; y = -y; }
    z = pio4 - x;
    w = pio4lo - y;
    x = z + w;
    y = 0.0;
  }
  z = x * x;
  w = z * z;
  r = T[1] + w * (T[3] + w * (T[5] + w * (T[7] + w * (T[9] + w * T[11]))));
  v = z * (T[2] + w * (T[4] + w * (T[6] + w * (T[8] + w * (T[10] + w * T[12])))));
  s = z * x;
  r = y + z * (s * (r + v) + y);
  r += T[0] * s;
  w = x + r;
  if (ix >= 0x3fe59428u) {
    v = (double)iy;
    return (double)(1 - ((hx >> 30) & 2)) * (v - 2.0 * (x - (w * w / (w + v) - r)));
  }
  if (iy == 1) return w;
  double a, t;
  z = nx_set_lo(w, 0u);
  v = r - (z - x);
  t = a = -1.0 / w;
  t = nx_set_lo(t, 0u);
  s = 1.0 + t * z;
  return t + a * (s + t * v);
}
static inline double nx_tan(double x) {
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix <= 0x3fe921fbu) return nx_ktan(x, 0.0, 1);
  if (ix >= 0x7ff00000u) return x - x;
  if (ix > 0x413921fbu) return tan(x);
  double y[2];
  const int32_t n = nx_rem_pio2(x, y);
  return nx_ktan(y[0], y[1], 1 - ((n & 1) << 1));
}
static inline double nx_expm1(double x) {
  const double o_threshold = 7.09782712893383973096e+02, ln2_hi = 6.93147180369123816490e-01,
    ln2_lo = 1.90821492927058770002e-10, invln2 = 1.44269504088896338700e+00,
    Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03, Q3 = -7.93650757867487942473e-05,
    Q4 = 4.00821782732936239552e-06, Q5 = -2.01099218183624371326e-07;
  double y, hi, lo, c = 0.0, t, e, hxs, hfx, r1;
  int32_t k;
  uint32_t hx = nrx_hiword(x);
  const uint32_t xsb = hx & 0x80000000u;
  hx &= 0x7fffffffu;
  if (hx >= 0x4043687au) { /* |x| >= 56 ln2 */
    if (hx >= 0x40862e42u) {
      if (hx >= 0x7ff00000u) {
        if (((hx & 0xfffffu) | nrx_loword(x)) != 0) return x + x;
        return xsb == 0 ? x : -1.0;
      }
      if (x > o_threshold) return INFINITY;
    }
    if (xsb != 0) return -1.0;
  }
  if (hx > 0x3fd62e42u) { /* |x| > 0.5 ln2 */
    if (hx < 0x3ff0a2b2u) {
      if (xsb == 0) { hi = x - ln2_hi; lo = ln2_lo; k = 1; } else { hi = x + ln2_hi; lo = -ln2_lo; k = -1; }
    } else {
      k = (int32_t)(invln2 * x + (xsb == 0 ? 0.5 : -0.5));
      t = (double)k;
      hi = x - t * ln2_hi;
      lo = t * ln2_lo;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3c900000u) { /* |x| < 2^-54 */
    return x;
  } else {
    k = 0;
  }
  hfx = 0.5 * x;
  hxs = x * hfx;
  r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  t = 3.0 - r1 * hfx;
  e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  const double twopk = nrx_words((uint32_t)(0x3ff00000 + k * 0x100000), 0u);
  e = (x * (e - c) - c);
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1.0 + 2.0 * (x - e);
  }
  if (k <= -2 || k > 56) {
    y = 1.0 - (e - x);
    if (k == 1024) y = y * 2.0 * 8.988465674311579539e307;
    else y = y * twopk;
    return y - 1.0;
  }
  if (k < 20) {
    t = nrx_words(0x3ff00000u - (0x200000u >> k), 0u); /* 1 - 2^-k */
    y = t - (e - x);
    y = y * twopk;
  } else {
    t = nrx_words((uint32_t)((0x3ff - k) << 20), 0u); /* 2^-k */
    y = x - (e + t);
    y += 1.0;
    y = y * twopk;
  }
  return y;
}
static inline double nx_tanh(double x) {
  const uint32_t jx = nrx_hiword(x), ix = jx & 0x7fffffffu;
  double t, z;
  if (ix >= 0x7ff00000u) return (jx & 0x80000000u) == 0 ? 1.0 / x + 1.0 : 1.0 / x - 1.0;
  if (ix < 0x40360000u) { /* |x| < 22 */
    if (ix < 0x3e300000u) return x; /* |x| < 2^-28 */
    if (ix >= 0x3ff00000u) { t = nx_expm1(2.0 * fabs(x)); z = 1.0 - 2.0 / (t + 2.0); }
    else { t = nx_expm1(-2.0 * fabs(x)); z = -t / (t + 2.0); }
  } else {
    z = 1.0;
  }
  return (jx & 0x80000000u) == 0 ? z : -z;
}
static inline double nx_sinh(double x) {
  const uint32_t jx = nrx_hiword(x), ix = jx & 0x7fffffffu;
  if (ix >= 0x7ff00000u) return x + x;
  const double h = (jx & 0x80000000u) ? -0.5 : 0.5;
  if (ix < 0x40360000u) { /* |x| < 22 */
    if (ix < 0x3e300000u) return x; /* |x| < 2^-28 */
    const double t = nx_expm1(fabs(x));
    if (ix < 0x3ff00000u) return h * (2.0 * t - t * t / (t + 1.0));
    return h * (t + t / (t + 1.0));
  }
  if (ix < 0x40862e42u) return h * nrx_exp(fabs(x));
  return sinh(x);
}
static inline double nx_cosh(double x) {
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix >= 0x7ff00000u) return x * x;
  if (ix < 0x3fd62e43u) { /* |x| < 0.5 ln2 */
    const double t = nx_expm1(fabs(x)), w = 1.0 + t;
    if (ix < 0x3c800000u) return w;
    return 1.0 + (t * t) / (w + w);
  }
  if (ix < 0x40360000u) { const double t = nrx_exp(fabs(x)); return 0.5 * t + 0.5 / t; }
  if (ix < 0x40862e42u) return 0.5 * nrx_exp(fabs(x));
  return cosh(x);
}
static inline double nx_cos(double x) {
  const uint32_t ix = nrx_hiword(x) & 0x7fffffffu;
  if (ix <= 0x3fe921fbu) return nx_kcos(x, 0.0);
  if (ix >= 0x7ff00000u) return x - x;
  if (ix > 0x413921fbu) return cos(x);
  double y[2];
  switch (nx_rem_pio2(x, y) & 3) {
    case 0: return nx_kcos(y[0], y[1]);
    case 1: return -nx_ksin(y[0], y[1], 1);
    case 2: return -nx_kcos(y[0], y[1]);
    default: return nx_ksin(y[0], y[1], 1);
  }
}
/* ---- fdlibm 5.3 e_pow.c as V8 up to Node 22 runs it for Math.pow and ** (base::ieee754::pow) ---- */
static inline double nx_fdlibm_pow(double x, double y) {
  static const double bp[2] = { 1.0, 1.5 }, dp_h[2] = { 0.0, 5.84962487220764160156e-01 },
    dp_l[2] = { 0.0, 1.35003920212974897128e-08 };
  const double two53 = 9007199254740992.0, huge = 1.0e300, tiny = 1.0e-300,
    L1 = 5.99999999999994648725e-01, L2 = 4.28571428578550184252e-01, L3 = 3.33333329818377432918e-01,
    L4 = 2.72728123808534006489e-01, L5 = 2.30660745775561754067e-01, L6 = 2.06975017800338417784e-01,
    P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
    P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08,
    lg2 = 6.93147180559945286227e-01, lg2_h = 6.93147182464599609375e-01, lg2_l = -1.90465429995776804525e-09,
    ovt = 8.0085662595372944372e-17, cp = 9.61796693925975554329e-01, cp_h = 9.61796700954437255859e-01,
    cp_l = -7.02846165095275826516e-09, ivln2 = 1.44269504088896338700e+00,
    ivln2_h = 1.44269502162933349609e+00, ivln2_l = 1.92596299112661746887e-08;
  double z, ax, z_h, z_l, p_h, p_l, y1, t1, t2, r, s, t, u, v, w;
  int32_t i, j, k, n;
  const int32_t hx = (int32_t)nrx_hiword(x), hy = (int32_t)nrx_hiword(y);
  const uint32_t lx = nrx_loword(x), ly = nrx_loword(y);
  int32_t ix = hx & 0x7fffffff;
  const int32_t iy = hy & 0x7fffffff;
  if ((iy | (int32_t)ly) == 0) return 1.0; /* x**0 = 1, NaN**0 too */
  if (ix > 0x7ff00000 || (ix == 0x7ff00000 && lx != 0) || iy > 0x7ff00000 || (iy == 0x7ff00000 && ly != 0))
    return x + y; /* NaN */
  /* yisint: 0 y not an integer, 1 odd integer, 2 even integer (only computed for x < 0) */
  int32_t yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2; /* |y| >= 2^53: even */
    else if (iy >= 0x3ff00000) {
      k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        const uint32_t jj = ly >> (52 - k);
        if ((jj << (52 - k)) == ly) yisint = 2 - (int32_t)(jj & 1u);
      } else if (ly == 0) {
        j = iy >> (20 - k);
        if ((j << (20 - k)) == iy) yisint = 2 - (j & 1);
      }
    }
  }
  if (ly == 0) {
    if (iy == 0x7ff00000) { /* y = +-inf */
      if (((ix - 0x3ff00000) | (int32_t)lx) == 0) return y - y; /* (+-1)**+-inf is NaN */
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0.0;
      return hy < 0 ? -y : 0.0;
    }
    if (iy == 0x3ff00000) return hy < 0 ? 1.0 / x : x; /* y = +-1 */
    if (hy == 0x40000000) return x * x;                 /* y = 2 */
    if (hy == 0x3fe00000 && hx >= 0) return sqrt(x);    /* y = 0.5, x >= +0 */
  }
  ax = fabs(x);
  if (lx == 0 && (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000)) { /* x = +-0, +-inf, +-1 */
    z = ax;
    if (hy < 0) z = 1.0 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) == 0) z = NAN; /* (-1)**non-integer */
      else if (yisint == 1) z = -z;
    }
    return z;
  }
  n = hx < 0 ? 0 : 1; /* fdlibm: (hx >> 31) + 1 */
  if ((n | yisint) == 0) return NAN; /* (x < 0)**non-integer */
  s = 1.0;
  if ((n | (yisint - 1)) == 0) s = -1.0; /* (x < 0)**odd */
  if (iy > 0x41e00000) { /* |y| > 2^31 */
    if (iy > 0x43f00000) { /* |y| > 2^64: over- or underflow */
      if (ix <= 0x3fefffff) return hy < 0 ? huge * huge : tiny * tiny;
      if (ix >= 0x3ff00000) return hy > 0 ? huge * huge : tiny * tiny;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * huge * huge : s * tiny * tiny;
    if (ix > 0x3ff00000) return hy > 0 ? s * huge * huge : s * tiny * tiny;
    /* |1 - x| <= 2^-20: log(x) by x - x^2/2 + x^3/3 - x^4/4 */
    t = ax - 1.0;
    w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    u = ivln2_h * t;
    v = t * ivln2_l - w * ivln2;
    t1 = nx_set_lo(u + v, 0u);
    t2 = v - (t1 - u);
  } else {
    double ss, s2, s_h, s_l, t_h, t_l;
    n = 0;
    if (ix < 0x00100000) { ax *= two53; n -= 53; ix = (int32_t)nrx_hiword(ax); } /* subnormal x */
    n += (ix >> 20) - 0x3ff;
    j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    if (j <= 0x3988e) k = 0;      /* |x| < sqrt(3/2) */
    else if (j < 0xbb67a) k = 1;  /* |x| < sqrt(3) */
    else { k = 0; n += 1; ix -= 0x00100000; }
    ax = nrx_words((uint32_t)ix, nrx_loword(ax));
    /* ss = s_h + s_l = (x - 1)/(x + 1) or (x - 1.5)/(x + 1.5) */
    u = ax - bp[k];
    v = 1.0 / (ax + bp[k]);
    ss = u * v;
    s_h = nx_set_lo(ss, 0u);
    t_h = nrx_words((uint32_t)(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18)), 0u);
    t_l = ax - (t_h - bp[k]);
    s_l = v * ((u - s_h * t_h) - s_h * t_l);
    /* log(ax) */
    s2 = ss * ss;
    r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += s_l * (s_h + ss);
    s2 = s_h * s_h;
    t_h = nx_set_lo(3.0 + s2 + r, 0u);
    t_l = r - ((t_h - 3.0) - s2);
    u = s_h * t_h;
    v = s_l * t_h + t_l * ss;
    p_h = nx_set_lo(u + v, 0u);
    p_l = v - (p_h - u);
    z_h = cp_h * p_h;
    z_l = cp_l * p_h + p_l * cp + dp_l[k];
    /* log2(ax) = n + dp_h + z_h + z_l */
    t = (double)n;
    t1 = nx_set_lo(((z_h + z_l) + dp_h[k]) + t, 0u);
    t2 = z_l - (((t1 - t) - dp_h[k]) - z_h);
  }
  /* (y1 + y2) * (t1 + t2) with y1 = y with its low word cleared */
  y1 = nx_set_lo(y, 0u);
  p_l = (y - y1) * t1 + y * t2;
  p_h = y1 * t1;
  z = p_l + p_h;
  j = (int32_t)nrx_hiword(z);
  i = (int32_t)nrx_loword(z);
  if (j >= 0x40900000) { /* z >= 1024 */
    if (((j - 0x40900000) | i) != 0) return s * huge * huge;
    if (p_l + ovt > z - p_h) return s * huge * huge;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) { /* z <= -1075 */
    if ((int32_t)(((uint32_t)j - 0xc090cc00u) | (uint32_t)i) != 0) return s * tiny * tiny;
    if (p_l <= z - p_h) return s * tiny * tiny;
  }
  /* 2**(p_h + p_l) */
  i = j & 0x7fffffff;
  k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) { /* |z| > 0.5: n = [z + 0.5] */
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    t = nrx_words((uint32_t)(n & ~(0x000fffff >> k)), 0u);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    p_h -= t;
  }
  t = nx_set_lo(p_l + p_h, 0u);
  u = t * lg2_h;
  v = (p_l - (t - p_h)) * lg2 + t * lg2_l;
  z = u + v;
  w = v - (z - u);
  t = z * z;
  t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  r = (z * t1) / ((t1 - 2.0) - (w + z * w));
  z = 1.0 - (r - z);
  j = (int32_t)(nrx_hiword(z) + ((uint32_t)n << 20));
  if ((j >> 20) <= 0) z = scalbn(z, n); /* subnormal result */
  else z = nrx_words((uint32_t)j, nrx_loword(z));
  return s * z;
}

/* ---- Math.pow of V8 13+: ECMAScript's special cases, x ** 2 = x * x, x ** 0.5 = sqrt(x + 0), then the C library ---- */
static inline double nx_libm_pow(double x, double y) {
  if (y != y) return NAN;
  if ((x == 1.0 || x == -1.0) && (y == INFINITY || y == -INFINITY)) return NAN;
  if (y == 2.0) return x * x;
  if (y == 0.5) return (x == INFINITY || x == -INFINITY) ? INFINITY : sqrt(x + 0.0); /* +0 for (-0) ** 0.5 */
  return pow(x, y);
}
static inline double nx_v8_pow(double x, double y) { return nx_fdlibm_pow(x, y); }


/* ---- neurarchy helpers: the same semantics as the js backend's builtins ---- */
static inline bool nx_truthy(double x) { return x != 0.0 && x == x; }
static inline double nx_pos(double x) { return x > 0.0 ? x : 0.0; }
static inline double nx_neg(double x) { return x < 0.0 ? x : 0.0; }
static inline double nx_clip(double x, double a, double b) { return x < a ? a : (x > b ? b : x); }
static inline double nx_modulo(double a, double b) { return fmod(trunc(a), trunc(b)); }
static inline double nx_min(double a, double b) { return a < b ? a : b; }
static inline double nx_max(double a, double b) { return a > b ? a : b; }
static inline double nx_isnan(double x) { return x != x ? 1.0 : 0.0; }
static inline double nx_isfinite(double x) { return (x == x && x != INFINITY && x != -INFINITY) ? 1.0 : 0.0; }
/* JS Math.pow, bit for bit: the pow of the V8 that runs the js backend (fdlibm.ts); x^2 inline, x * x on both. */
static inline double nx_pow(double x, double y) {
  if (y == 2.0) return x * x;
  return nx_v8_pow(x, y);
}
/* JS Math.round: half-way cases towards +Infinity. */
static inline double nx_jsround(double x) { double r = floor(x); return (x - r >= 0.5) ? r + 1.0 : r; }
/* ECMAScript ToInt32 for the values the runtime stores in int32 arrays (NaN and Infinity give 0). */
static inline int32_t nx_toi32(double x) {
  if (!(x == x) || x == INFINITY || x == -INFINITY) return 0;
  double t = trunc(x);
  if (t >= -2147483648.0 && t <= 2147483647.0) return (int32_t)t;
  double m = fmod(t, 4294967296.0); if (m < 0) m += 4294967296.0;
  return (int32_t)(uint32_t)m;
}


static inline double nx_geom(double q, uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  if (!(q > 0.0)) return INFINITY;
  if (q >= 1.0) return 1.0;
  uint32_t b[4];
  nrx_draw_block(seed, stream, index, step, draw_id, 0, b);
  const double u = nrx_u53_open0(b[0], b[1]);
  return 1.0 + floor(nrx_log(u) / nrx_log(1.0 - q));
}


static const double dt = 0.1;

/* The seed is set at run time (nx_set_seed): networks differing only in seed share one library. */

#define SEED (N->seed)

#define NX_NSLOTS 33

#define NX_CONSTANTS 0

#define NX_ENABLED 1

#define NX_FLAGS 2

/* A refractory period in steps, saturated to [0, 2^31 - 1] (the js kernel's Math.max(0, Math.min(Math.round(x), 2^31 - 1))):
   an infinite period never ends, NaN or a negative one is none. */
static inline int32_t nx_refr_steps(double x) {
  double r = nx_jsround(x);
  return r >= 2147483647.0 ? 2147483647 : (r > 0.0 ? (int32_t)r : 0);
}
/* 64-byte aligned, zeroed memory (the engine's arrays and the derived inverse arrays). */
static void* nx_aalloc(int64_t bytes) {
  size_t n = (size_t)(bytes < 64 ? 64 : ((bytes + 63) / 64) * 64);
  void* p = aligned_alloc(64, n);
  if (p) memset(p, 0, n);
  return p;
}
/* Derived inverse arrays of a spiking projection: post rank per inverse entry, weights in inverse order. */
struct NxInv { int32_t* post; double* w; int64_t cap; };
/* Spike log of a population (spikes recorded natively, fetched by the engine after a run). */
struct NxLog { double* steps; int32_t* ranks; int64_t n, cap; int32_t on; };
static inline void nx_log_append(NxLog* g, const int32_t* spiked, int64_t ns, int64_t step) {
  if (ns <= 0) return;
  if (g->n + ns > g->cap) {
    int64_t c = g->cap ? 2 * g->cap : 4096;
    while (c < g->n + ns) c *= 2;
    g->steps = (double*)realloc(g->steps, (size_t)c * sizeof(double));
    g->ranks = (int32_t*)realloc(g->ranks, (size_t)c * sizeof(int32_t));
    g->cap = c;
  }
  for (int64_t k = 0; k < ns; k++) { g->steps[g->n + k] = (double)step; g->ranks[g->n + k] = spiked[k]; }
  g->n += ns;
}
/* Per-synapse spike delays: a ring of synapse lists, one slot per step of delay. */
struct NxRing { int32_t** slot; int64_t* len; int64_t* cap; int64_t D; int64_t idx; };
static void nx_ring_init(NxRing* r, int64_t D) {
  r->D = D < 1 ? 1 : D; r->idx = 0;
  r->slot = (int32_t**)calloc((size_t)r->D, sizeof(int32_t*));
  r->len = (int64_t*)calloc((size_t)r->D, sizeof(int64_t));
  r->cap = (int64_t*)calloc((size_t)r->D, sizeof(int64_t));
}
static void nx_ring_free(NxRing* r) {
  for (int64_t s = 0; s < r->D; s++) free(r->slot[s]);
  free(r->slot); free(r->len); free(r->cap);
}
static inline void nx_ring_push(NxRing* r, int64_t s, int32_t k) {
  if (r->len[s] == r->cap[s]) {
    r->cap[s] = r->cap[s] ? 2 * r->cap[s] : 64;
    r->slot[s] = (int32_t*)realloc(r->slot[s], (size_t)r->cap[s] * sizeof(int32_t));
  }
  r->slot[s][r->len[s]++] = k;
}


struct Net { void* a[NX_NSLOTS]; int64_t n[NX_NSLOTS]; NxRing rings[2]; NxInv inv[2]; NxLog logs[1]; uint32_t seed; };

/* user functions read Constants of the network being stepped (set by every entry point; JS calls one at a time) */

static const double* NX_GLOBAL_C = 0;

static void proj0_transmit(Net* N, int64_t step) {
  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + 0;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  const bool _plastic = FL[2] != 0;
  (void)C; (void)t; (void)_plastic;
  if (!FL[0]) return;
  double* post_g_exc = (double*)N->a[3];
  double* a_w = (double*)N->a[4];
  int32_t* _row_ptr = (int32_t*)N->a[5];
  int32_t* _post_rank = (int32_t*)N->a[6];
  int32_t* _pre_rank = (int32_t*)N->a[7];
  int32_t* _inv_ptr = (int32_t*)N->a[8];
  int32_t* _inv_idx = (int32_t*)N->a[9];
  int32_t* _syn_dendrite = (int32_t*)N->a[10];
  const int32_t* _src = ((int32_t*)N->a[11]); const int64_t _ns = ((int32_t*)N->a[12])[0];
  const int32_t* __restrict _ipost = N->inv[0].post;
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t rk_pre = _src[s];
    for (int64_t m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const int64_t k = _inv_idx[m], i = _syn_dendrite[k], rk_post = _ipost[m];
      (void)k; (void)i; (void)rk_post;
      post_g_exc[rk_post] = (post_g_exc[rk_post] + a_w[0]);
    }
  }
}

static void proj1_transmit(Net* N, int64_t step) {
  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + 6;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  const bool _plastic = FL[2] != 0;
  (void)C; (void)t; (void)_plastic;
  if (!FL[0]) return;
  double* post_g_inh = (double*)N->a[13];
  double* a_w = (double*)N->a[14];
  int32_t* _row_ptr = (int32_t*)N->a[15];
  int32_t* _post_rank = (int32_t*)N->a[16];
  int32_t* _pre_rank = (int32_t*)N->a[17];
  int32_t* _inv_ptr = (int32_t*)N->a[18];
  int32_t* _inv_idx = (int32_t*)N->a[19];
  int32_t* _syn_dendrite = (int32_t*)N->a[20];
  const int32_t* _src = ((int32_t*)N->a[11]); const int64_t _ns = ((int32_t*)N->a[12])[0];
  const int32_t* __restrict _ipost = N->inv[1].post;
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t rk_pre = _src[s];
    for (int64_t m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const int64_t k = _inv_idx[m], i = _syn_dendrite[k], rk_post = _ipost[m];
      (void)k; (void)i; (void)rk_post;
      post_g_inh[rk_post] = (post_g_inh[rk_post] + a_w[0]);
    }
  }
}

static void pop0_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  int32_t* __restrict _refr_left = (int32_t*)N->a[21];
  double* __restrict a_El = (double*)N->a[22];
  double* __restrict a_v = (double*)N->a[23];
  double* __restrict a_g_exc = (double*)N->a[3];
  double* __restrict a_Erev_exc = (double*)N->a[24];
  double* __restrict a_g_inh = (double*)N->a[13];
  double* __restrict a_Erev_inh = (double*)N->a[25];
  double* __restrict a_I = (double*)N->a[26];
  double* __restrict a_tau = (double*)N->a[27];
  double* __restrict a_tau_exc = (double*)N->a[28];
  double* __restrict a_tau_inh = (double*)N->a[29];
  double* __restrict a_Vr = (double*)N->a[30];
  int32_t* __restrict _spiked = (int32_t*)N->a[11];
  int32_t* __restrict _last_spike = (int32_t*)N->a[31];
  double* __restrict a_Vt = (double*)N->a[32];
  int32_t* __restrict _nspiked = (int32_t*)N->a[12];
  const double a_El_g = a_El[0];
  const double a_Vr_g = a_Vr[0];
  const double a_Erev_exc_g = a_Erev_exc[0];
  const double a_Erev_inh_g = a_Erev_inh[0];
  const double a_Vt_g = a_Vt[0];
  const double a_tau_g = a_tau[0];
  const double a_tau_exc_g = a_tau_exc[0];
  const double a_tau_inh_g = a_tau_inh[0];
  const double a_I_g = a_I[0];
  for (int64_t i = 0; i < 100; i++) {
    const bool _inref = !(_refr_left[i] > 0);
    {
      const double T_m_v = ((a_El_g - a_v[i] + (a_g_exc[i] * (a_Erev_exc_g - a_v[i])) + (a_g_inh[i] * (a_Erev_inh_g - a_v[i])) + a_I_g) / a_tau_g);
      const double T_m_g_exc = (-(a_g_exc[i] / a_tau_exc_g));
      const double T_m_g_inh = (-(a_g_inh[i] / a_tau_inh_g));
      a_v[i] = _inref ? (a_v[i] + (dt * T_m_v)) : a_v[i];
      a_g_exc[i] = (a_g_exc[i] + (dt * T_m_g_exc));
      a_g_inh[i] = (a_g_inh[i] + (dt * T_m_g_inh));
    }
  }
  int32_t _ns = 0;
  for (int64_t _b = 0; _b < 100; _b += 512) {
    const int64_t _nb = 100 - _b < 512 ? 100 - _b : 512;
    uint8_t _fm[512];
    for (int64_t _j = 0; _j < _nb; _j++) {
      const int64_t i = _b + _j;
      const int32_t _r = _refr_left[i];
      _fm[_j] = (uint8_t)((_r <= 0) & (nx_truthy(((a_v[i] > a_Vt_g) ? 1.0 : 0.0)) ? 1 : 0));
      _refr_left[i] = _r > 0 ? _r - 1 : _r;
    }
    for (int64_t _j = 0; _j < _nb; _j += 8) {
      if (_j + 8 <= _nb) { uint64_t _w; memcpy(&_w, _fm + _j, 8); if (_w == 0) continue; }
      const int64_t _je = _j + 8 < _nb ? _j + 8 : _nb;
      for (int64_t _q = _j; _q < _je; _q++) {
        if (!_fm[_q]) continue;
        const int64_t i = _b + _q;
        a_v[i] = a_Vr_g;
        _spiked[_ns++] = (int32_t)i;
        _last_spike[i] = (int32_t)step;
        _refr_left[i] = 50;
      }
    }
  }
  _nspiked[0] = _ns;
}

static void proj0_prepare(Net* N) {
  NxInv* v = &N->inv[0];
  const int32_t* _inv_idx = ((int32_t*)N->a[9]); const int32_t* _syn_dendrite = ((int32_t*)N->a[10]); const int32_t* _post_rank = ((int32_t*)N->a[6]);
  const int64_t n = N->n[9];
  if (n > v->cap) {
    free(v->post); free(v->w);
    v->post = (int32_t*)nx_aalloc(n * 4);
    v->w = 0;
    v->cap = n;
  }
  for (int64_t m = 0; m < n; m++) v->post[m] = _post_rank[_syn_dendrite[_inv_idx[m]]];
}

static void proj1_prepare(Net* N) {
  NxInv* v = &N->inv[1];
  const int32_t* _inv_idx = ((int32_t*)N->a[19]); const int32_t* _syn_dendrite = ((int32_t*)N->a[20]); const int32_t* _post_rank = ((int32_t*)N->a[16]);
  const int64_t n = N->n[19];
  if (n > v->cap) {
    free(v->post); free(v->w);
    v->post = (int32_t*)nx_aalloc(n * 4);
    v->w = 0;
    v->cap = n;
  }
  for (int64_t m = 0; m < n; m++) v->post[m] = _post_rank[_syn_dendrite[_inv_idx[m]]];
}

static void nx_stage0(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  if (EN[0]) proj0_transmit(N, step);
  if (EN[0]) proj1_transmit(N, step);
}

static void nx_stage1(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  if (EN[0]) pop0_update(N, step); else { ((int32_t*)N->a[12])[0] = 0; }
}

static void nx_stage2(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
}

static void nx_log_step(Net* N, int64_t step) {
  if (N->logs[0].on) nx_log_append(&N->logs[0], ((int32_t*)N->a[11]), ((int32_t*)N->a[12])[0], step);
  (void)N; (void)step;
}

extern "C" {
int32_t nx_num_slots(void) { return NX_NSLOTS; }
void* nx_alloc(int64_t bytes) { return nx_aalloc(bytes); }
void nx_free(void* p) { free(p); }
Net* nx_create(void) {
  Net* N = (Net*)calloc(1, sizeof(Net));

  return N;
}
void nx_destroy(Net* N) {
  for (int i = 0; i < 2; i++) { if (N->rings[i].D) nx_ring_free(&N->rings[i]); free(N->inv[i].post); free(N->inv[i].w); }
  for (int i = 0; i < 1; i++) { free(N->logs[i].steps); free(N->logs[i].ranks); }
  free(N);
}
void nx_bind(Net* N, int32_t slot, void* p, int64_t n) { N->a[slot] = p; N->n[slot] = n; }
void nx_set_seed(Net* N, int64_t seed) { N->seed = (uint32_t)seed; }
void nx_prepare(Net* N) {
  proj0_prepare(N);
  proj1_prepare(N);
}
void nx_grow_ring(Net* N, int32_t proj, int64_t D) {
  NxRing* r = &N->rings[proj];
  if (D <= r->D) return;
  NxRing g; nx_ring_init(&g, D);
  for (int64_t a = 0; a < r->D; a++) {
    int64_t s = (r->idx + a) % r->D;
    g.slot[a] = r->slot[s]; g.len[a] = r->len[s]; g.cap[a] = r->cap[s];
  }
  free(r->slot); free(r->len); free(r->cap);
  *r = g;
}
/* Spikes in flight of per-synapse delays, as CSR over the steps ahead (slot a: due in a + 1 steps). */
int64_t nx_ring_slots(Net* N, int32_t proj) { return N->rings[proj].D; }
int64_t nx_ring_count(Net* N, int32_t proj) {
  NxRing* r = &N->rings[proj]; int64_t n = 0;
  for (int64_t s = 0; s < r->D; s++) n += r->len[s];
  return n;
}
void nx_ring_get(Net* N, int32_t proj, int32_t* ptr, int32_t* syn) {
  NxRing* r = &N->rings[proj]; int64_t n = 0;
  ptr[0] = 0;
  for (int64_t a = 0; a < r->D; a++) {
    int64_t s = (r->idx + a) % r->D;
    for (int64_t m = 0; m < r->len[s]; m++) syn[n++] = r->slot[s][m];
    ptr[a + 1] = (int32_t)n;
  }
}
void nx_ring_set(Net* N, int32_t proj, const int32_t* ptr, const int32_t* syn, int64_t slots) {
  NxRing* r = &N->rings[proj];
  if (slots > r->D) nx_grow_ring(N, proj, slots);
  for (int64_t s = 0; s < r->D; s++) r->len[s] = 0;
  r->idx = 0;
  for (int64_t a = 0; a < slots; a++) for (int64_t m = ptr[a]; m < ptr[a + 1]; m++) nx_ring_push(r, a, syn[m]);
}
void nx_stage(Net* N, int32_t stage, int64_t step) {
  NX_GLOBAL_C = (const double*)N->a[NX_CONSTANTS];
  if (stage == 0) nx_stage0(N, step); else if (stage == 1) nx_stage1(N, step); else nx_stage2(N, step);
}
void nx_run(Net* N, int64_t start, int64_t count) {
  NX_GLOBAL_C = (const double*)N->a[NX_CONSTANTS];
  for (int64_t s = start; s < start + count; s++) { nx_stage0(N, s); nx_stage1(N, s); nx_stage2(N, s); nx_log_step(N, s); }
}
/* Native spike recording: on/off per population; the log is read and cleared by the engine after a run. */
void nx_log_on(Net* N, int32_t pop, int32_t on) { N->logs[pop].on = on; }
int64_t nx_log_count(Net* N, int32_t pop) { return N->logs[pop].n; }
void* nx_log_steps(Net* N, int32_t pop) { return N->logs[pop].steps; }
void* nx_log_ranks(Net* N, int32_t pop) { return N->logs[pop].ranks; }
void nx_log_clear(Net* N, int32_t pop) { N->logs[pop].n = 0; }
int32_t nx_stop(Net* N, int32_t pop, int64_t step) {
  NX_GLOBAL_C = (const double*)N->a[NX_CONSTANTS];
  (void)step;
  switch (pop) {

    default: return 0;
  }
}
}
