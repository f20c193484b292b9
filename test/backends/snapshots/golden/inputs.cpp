/* neurarchy: generated C++ for 8 populations and 7 projections (threads: 1). */

#include <cmath>

#include <cstdint>

#include <cstring>

#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#if defined(__clang__)
#define NX_IVDEP _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define NX_IVDEP _Pragma("GCC ivdep")
#else
#define NX_IVDEP
#endif

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
#define NRX_PIO2 1.5707963267948966

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
/* ---- end of neurarchy random ---- */

/* ---- batched draws (bit-identical to nrx_normal_at / nrx_uniform_at, vectorisable) ---- */
#define NX_RB 64
/* One Philox round on lanes of type L (the caller's): the products are 32 x 32 -> 64 bits. */
#define NX_PHILOX_ROUND(K0, K1) { \
    const uint64_t p0 = (uint64_t)NRX_PHILOX_M0 * (uint32_t)c0, p1 = (uint64_t)NRX_PHILOX_M1 * (uint32_t)c2; \
    const L n0 = (L)(p1 >> 32) ^ c1 ^ (K0), n2 = (L)(p0 >> 32) ^ c3 ^ (K1); \
    c1 = (L)(uint32_t)p1; c3 = (L)(uint32_t)p0; c0 = n0; c2 = n2; }
/* Philox4x32-10 blocks of counters (i0 + j, step, step >> 32, draw_id), j < nb (sub-counter 0). */
static inline void nx_philox_lanes(int64_t i0, int64_t nb, uint32_t seed, uint32_t stream, uint64_t step, uint32_t draw_id,
                                   uint32_t* __restrict o0, uint32_t* __restrict o1, uint32_t* __restrict o2, uint32_t* __restrict o3) {
#if defined(__AVX512F__)
  /* 32-bit words held in 64-bit lanes: each product is then one vpmuludq, without the shuffles that
     32-bit lanes need (AVX-512: 3.0 against 4.1 ns a draw here). With AVX2 32-bit lanes are faster. */
  typedef uint64_t L;
#else
  typedef uint32_t L;
#endif
  L k0[10], k1[10];
  k0[0] = seed; k1[0] = stream;
  for (int r = 1; r < 10; r++) { k0[r] = (uint32_t)(k0[r - 1] + NRX_PHILOX_W0); k1[r] = (uint32_t)(k1[r - 1] + NRX_PHILOX_W1); }
  const L s0 = (uint32_t)step, s1 = (uint32_t)(step >> 32), d = draw_id & 0xFFFFu;
  for (int64_t j = 0; j < nb; j++) {
    L c0 = (uint32_t)(i0 + j), c1 = s0, c2 = s1, c3 = d;
    NX_PHILOX_ROUND(k0[0], k1[0]) NX_PHILOX_ROUND(k0[1], k1[1]) NX_PHILOX_ROUND(k0[2], k1[2]) NX_PHILOX_ROUND(k0[3], k1[3])
    NX_PHILOX_ROUND(k0[4], k1[4]) NX_PHILOX_ROUND(k0[5], k1[5]) NX_PHILOX_ROUND(k0[6], k1[6]) NX_PHILOX_ROUND(k0[7], k1[7])
    NX_PHILOX_ROUND(k0[8], k1[8]) NX_PHILOX_ROUND(k0[9], k1[9])
    o0[j] = (uint32_t)c0; o1[j] = (uint32_t)c1; o2[j] = (uint32_t)c2; o3[j] = (uint32_t)c3;
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

/* ---- neurarchy helpers: the same semantics as the js backend's builtins ---- */
static inline bool nx_truthy(double x) { return x != 0.0 && x == x; }
/* An element of an attribute stored in float32 (setup({ precision: 'float32' })): read as a double,
   rounded to the nearest float when written, so that every expression is computed in double, as
   the js backend's Float32Array does; float * float would otherwise round each product. */
struct nx_f32 {
  float v;
  operator double() const { return (double)v; }
  nx_f32& operator=(double x) { v = (float)x; return *this; }
  nx_f32& operator+=(double x) { v = (float)((double)v + x); return *this; }
  nx_f32& operator-=(double x) { v = (float)((double)v - x); return *this; }
  nx_f32& operator*=(double x) { v = (float)((double)v * x); return *this; }
  nx_f32& operator/=(double x) { v = (float)((double)v / x); return *this; }
};
/* Four float64 lanes (GCC/Clang vector extensions): a loop's guard tested on four elements at once (forGuarded). */
typedef double __attribute__((vector_size(32))) nx_v4d;
typedef int64_t __attribute__((vector_size(32))) nx_v4l;
static inline nx_v4d nx_v4(const double* p) { nx_v4d v; __builtin_memcpy(&v, p, sizeof v); return v; }
typedef float __attribute__((vector_size(16))) nx_v4f;
/* Four floats to four doubles: lane by lane, which g++ compiles to one vcvtps2pd ymm (__builtin_convertvector gave two halves and an insert). */
static inline nx_v4d nx_v4(const nx_f32* p) { nx_v4f v; __builtin_memcpy(&v, p, sizeof v); return (nx_v4d){ (double)v[0], (double)v[1], (double)v[2], (double)v[3] }; }
/* Whether a lane is set: one vptest with AVX (g++ otherwise extracts the lanes and ors them: half the time of the Poisson inputs' scan). */
static inline bool nx_any4(nx_v4l m) {
#if defined(__AVX__)
  typedef long long L __attribute__((vector_size(32)));
  return !__builtin_ia32_ptestz256((L)m, (L)m);
#else
  return (m[0] | m[1] | m[2] | m[3]) != 0;
#endif
}
static inline double nx_max(double a, double b) { return a > b ? a : b; }
/* JS Math.round: half-way cases towards +Infinity. */
static inline double nx_jsround(double x) { double r = floor(x); return (x - r >= 0.5) ? r + 1.0 : r; }

static inline double nx_geom(double q, uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  if (!(q > 0.0)) return INFINITY;
  if (q >= 1.0) return 1.0;
  uint32_t b[4];
  nrx_draw_block(seed, stream, index, step, draw_id, 0, b);
  const double u = nrx_u53_open0(b[0], b[1]);
  return 1.0 + floor(nrx_log(u) / nrx_log(1.0 - q));
}


static const double dt = 1.0;

/* The seed is set at run time (nx_set_seed): networks differing only in seed share one library. */

#define SEED (N->seed)

#define NX_NSLOTS 89

#define NX_CONSTANTS 0

#define NX_ENABLED 1

#define NX_FLAGS 2

/* A refractory period in steps, saturated to [0, 2^31 - 1] (the js kernel's Math.max(0, Math.min(Math.round(x), 2^31 - 1))):
   an infinite period never ends, NaN or a negative one is none. */
static inline int32_t nx_refr_steps(double x) {
  double r = nx_jsround(x);
  return r >= 2147483647.0 ? 2147483647 : (r > 0.0 ? (int32_t)r : 0);
}
/* 64-byte aligned, zeroed memory (the engine's arrays and the derived inverse arrays). Arrays from 4 MB
   on are 2 MB aligned and asked for huge pages (Linux's transparent huge pages in "madvise" mode):
   the spike walks start rows at random places in GBs of synapses, one TLB miss fewer each. */
static void* nx_aalloc(int64_t bytes) {
  size_t align = bytes >= ((int64_t)4 << 20) ? ((size_t)2 << 20) : 64;
  size_t n = (size_t)(bytes < 64 ? 64 : ((bytes + (int64_t)align - 1) / (int64_t)align) * (int64_t)align);
  void* p = aligned_alloc(align, n);
#ifdef MADV_HUGEPAGE
  if (p && align > 64) madvise(p, n, MADV_HUGEPAGE);
#endif
  if (p) memset(p, 0, n);
  return p;
}
/* Derived arrays of a spiking projection's walk: post rank per inverse entry, weights in inverse order;
   the post-span walk's marks of spiking pre-synaptic neurons; the bitmask's rows. */
/* w: the weights in inverse order, of the weights' element type (double, or nx_f32 in float32 precision). */
struct NxInv { int32_t* post; void* w; int64_t cap; uint8_t* mark; uint32_t* bits; };
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


struct Net { void* a[NX_NSLOTS]; int64_t n[NX_NSLOTS]; NxRing rings[7]; NxInv inv[7]; NxLog logs[8]; uint32_t seed; };

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
  int32_t* _inv_ptr = (int32_t*)N->a[7];
  const int32_t* _src = ((int32_t*)N->a[5]); const int64_t _ns = ((int32_t*)N->a[6])[0];
  const int32_t* __restrict _ipost = N->inv[0].post;
  for (int64_t s = 0; s < _ns; s++) __builtin_prefetch(&_inv_ptr[_src[s]]);
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t _a = _inv_ptr[_src[s]], _c = _a;
    __builtin_prefetch(_ipost + _c);
  }
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t rk_pre = _src[s];
    for (int64_t m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const int64_t rk_post = _ipost[m];
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
  double* post_g_exc = (double*)N->a[3];
  double* a_w = (double*)N->a[8];
  int32_t* _inv_ptr = (int32_t*)N->a[11];
  const int32_t* _src = ((int32_t*)N->a[9]); const int64_t _ns = ((int32_t*)N->a[10])[0];
  const int32_t* __restrict _ipost = N->inv[1].post;
  for (int64_t s = 0; s < _ns; s++) __builtin_prefetch(&_inv_ptr[_src[s]]);
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t _a = _inv_ptr[_src[s]], _c = _a;
    __builtin_prefetch(_ipost + _c);
  }
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t rk_pre = _src[s];
    for (int64_t m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const int64_t rk_post = _ipost[m];
      post_g_exc[rk_post] = (post_g_exc[rk_post] + a_w[0]);
    }
  }
}

static void proj2_transmit(Net* N, int64_t step) {
  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + 12;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  const bool _plastic = FL[2] != 0;
  (void)C; (void)t; (void)_plastic;
  if (!FL[0]) return;
  double* post_g_exc = (double*)N->a[3];
  double* a_w = (double*)N->a[12];
  int32_t* _inv_ptr = (int32_t*)N->a[15];
  const int32_t* _src = ((int32_t*)N->a[13]); const int64_t _ns = ((int32_t*)N->a[14])[0];
  const int32_t* __restrict _ipost = N->inv[2].post;
  for (int64_t s = 0; s < _ns; s++) __builtin_prefetch(&_inv_ptr[_src[s]]);
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t _a = _inv_ptr[_src[s]], _c = _a;
    __builtin_prefetch(_ipost + _c);
  }
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t rk_pre = _src[s];
    for (int64_t m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const int64_t rk_post = _ipost[m];
      post_g_exc[rk_post] = (post_g_exc[rk_post] + a_w[0]);
    }
  }
}

static void proj3_transmit(Net* N, int64_t step) {
  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + 18;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  const bool _plastic = FL[2] != 0;
  (void)C; (void)t; (void)_plastic;
  if (!FL[0]) return;
  double* post_g_exc = (double*)N->a[3];
  double* a_w = (double*)N->a[16];
  int32_t* _inv_ptr = (int32_t*)N->a[19];
  const int32_t* _src = ((int32_t*)N->a[17]); const int64_t _ns = ((int32_t*)N->a[18])[0];
  const int32_t* __restrict _ipost = N->inv[3].post;
  for (int64_t s = 0; s < _ns; s++) __builtin_prefetch(&_inv_ptr[_src[s]]);
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t _a = _inv_ptr[_src[s]], _c = _a;
    __builtin_prefetch(_ipost + _c);
  }
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t rk_pre = _src[s];
    for (int64_t m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const int64_t rk_post = _ipost[m];
      post_g_exc[rk_post] = (post_g_exc[rk_post] + a_w[0]);
    }
  }
}

static void proj4_transmit(Net* N, int64_t step) {
  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + 24;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  const bool _plastic = FL[2] != 0;
  (void)C; (void)t; (void)_plastic;
  if (!FL[0]) return;
  double* pre_r = (double*)N->a[20];
  double* _sum = (double*)N->a[21];
  int32_t* _row_ptr = (int32_t*)N->a[23];
  int32_t* _post_rank = (int32_t*)N->a[22];
  int32_t* _pre_rank = (int32_t*)N->a[24];
  const int64_t _nd = N->n[22];
  for (int64_t i = 0; i < _nd; i++) {
    const int64_t rk_post = _post_rank[i];
    const int64_t _k0 = _row_ptr[i];
    const int64_t _k1 = _row_ptr[i + 1];
    double _s0 = 0.0;
    double _s1 = 0.0;
    double _s2 = 0.0;
    double _s3 = 0.0;
    int64_t _kq = _k0;
    while (_kq < (_k1 - 3)) {
      {
        const int64_t k = _kq;
        const int64_t rk_pre = _pre_rank[k];
        _s0 += pre_r[rk_pre];
      }
      {
        const int64_t k = (_kq + 1);
        const int64_t rk_pre = _pre_rank[k];
        _s1 += pre_r[rk_pre];
      }
      {
        const int64_t k = (_kq + 2);
        const int64_t rk_pre = _pre_rank[k];
        _s2 += pre_r[rk_pre];
      }
      {
        const int64_t k = (_kq + 3);
        const int64_t rk_pre = _pre_rank[k];
        _s3 += pre_r[rk_pre];
      }
      _kq = (_kq + 4);
    }
    if (_kq < _k1) {
      {
        const int64_t k = _kq;
        const int64_t rk_pre = _pre_rank[k];
        _s0 += pre_r[rk_pre];
      }
      if ((_kq + 1) < _k1) {
        {
          const int64_t k = (_kq + 1);
          const int64_t rk_pre = _pre_rank[k];
          _s1 += pre_r[rk_pre];
        }
        if ((_kq + 2) < _k1) {
          {
            const int64_t k = (_kq + 2);
            const int64_t rk_pre = _pre_rank[k];
            _s2 += pre_r[rk_pre];
          }
        }
      }
    }
    const double _s = ((_s0 + _s1) + (_s2 + _s3));
    _sum[rk_post] += _s;
  }
}

static void proj5_transmit(Net* N, int64_t step) {
  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + 30;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  const bool _plastic = FL[2] != 0;
  (void)C; (void)t; (void)_plastic;
  if (!FL[0]) return;
  double* a_w = (double*)N->a[25];
  double* pre_r = (double*)N->a[26];
  double* _sum = (double*)N->a[27];
  int32_t* _row_ptr = (int32_t*)N->a[29];
  int32_t* _post_rank = (int32_t*)N->a[28];
  int32_t* _pre_rank = (int32_t*)N->a[30];
  const int64_t _nd = N->n[28];
  for (int64_t i = 0; i < _nd; i++) {
    const int64_t rk_post = _post_rank[i];
    const int64_t _k0 = _row_ptr[i];
    const int64_t _k1 = _row_ptr[i + 1];
    double _s0 = 0.0;
    double _s1 = 0.0;
    double _s2 = 0.0;
    double _s3 = 0.0;
    int64_t _kq = _k0;
    while (_kq < (_k1 - 3)) {
      {
        const int64_t k = _kq;
        const int64_t rk_pre = _pre_rank[k];
        _s0 += (a_w[0] * pre_r[rk_pre]);
      }
      {
        const int64_t k = (_kq + 1);
        const int64_t rk_pre = _pre_rank[k];
        _s1 += (a_w[0] * pre_r[rk_pre]);
      }
      {
        const int64_t k = (_kq + 2);
        const int64_t rk_pre = _pre_rank[k];
        _s2 += (a_w[0] * pre_r[rk_pre]);
      }
      {
        const int64_t k = (_kq + 3);
        const int64_t rk_pre = _pre_rank[k];
        _s3 += (a_w[0] * pre_r[rk_pre]);
      }
      _kq = (_kq + 4);
    }
    if (_kq < _k1) {
      {
        const int64_t k = _kq;
        const int64_t rk_pre = _pre_rank[k];
        _s0 += (a_w[0] * pre_r[rk_pre]);
      }
      if ((_kq + 1) < _k1) {
        {
          const int64_t k = (_kq + 1);
          const int64_t rk_pre = _pre_rank[k];
          _s1 += (a_w[0] * pre_r[rk_pre]);
        }
        if ((_kq + 2) < _k1) {
          {
            const int64_t k = (_kq + 2);
            const int64_t rk_pre = _pre_rank[k];
            _s2 += (a_w[0] * pre_r[rk_pre]);
          }
        }
      }
    }
    const double _s = ((_s0 + _s1) + (_s2 + _s3));
    _sum[rk_post] += _s;
  }
}

static void proj6_transmit(Net* N, int64_t step) {
  (void)step;
  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + 36;
  if (!FL[0]) return;
  int32_t* _syn_dendrite = (int32_t*)N->a[31];
  double* _dec_hist = (double*)N->a[32];
  int32_t* _row_ptr = (int32_t*)N->a[33];
  int32_t* _post_rank = (int32_t*)N->a[34];
  double* pop1_sum_exc = (double*)N->a[27];
  int32_t* _dec_idx = (int32_t*)N->a[35];
  int32_t* pop2_nspiked = (int32_t*)N->a[6];
  int32_t* pop2_spiked = (int32_t*)N->a[5];
  int32_t* _inv_ptr = (int32_t*)N->a[36];
  int32_t* _inv_idx = (int32_t*)N->a[37];
  double* a_w = (double*)N->a[38];
  const int64_t _slot = _dec_idx[0];
  const int64_t _nd = N->n[34];
  const int64_t _base = (_slot * _nd);
  for (int64_t i = 0; i < _nd; i++) {
    _dec_hist[_base + i] = 0.0;
  }
  const int64_t _n = pop2_nspiked[0];
  for (int64_t s = 0; s < _n; s++) {
    const int64_t _rk = pop2_spiked[s];
    const int64_t _m0 = _inv_ptr[_rk];
    const int64_t _mn = (_inv_ptr[_rk + 1] - _m0);
    for (int64_t m = 0; m < _mn; m++) {
      const int64_t _kk = _inv_idx[_m0 + m];
      _dec_hist[_base + _syn_dendrite[_kk]] = (_dec_hist[_base + _syn_dendrite[_kk]] + a_w[0]);
    }
  }
  for (int64_t i = 0; i < _nd; i++) {
    double _a = 0.0;
    for (int64_t b = 0; b < 3; b++) {
      _a = (_a + _dec_hist[(b * _nd) + i]);
    }
    pop1_sum_exc[_post_rank[i]] = (pop1_sum_exc[_post_rank[i]] + ((((_a / 3.0) * 1000.0) / dt) / (double)(_row_ptr[i + 1] - _row_ptr[i])));
  }
  _dec_idx[0] = (int32_t)((_slot + 1) < 3 ? (_slot + 1) : 0);
}

static void pop7_random(Net* N, int64_t step) {
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  (void)C; (void)t;
  {
    const double _a0 = 0.0;
    const double _a1 = 1.0;
    double* _out = ((double*)N->a[39]); const int64_t _n = N->n[39];
    for (int64_t _b = 0; _b < _n; _b += NX_RB) nx_normal_block(_out + _b, _b, _n - _b < NX_RB ? _n - _b : NX_RB, _a0, _a1, SEED, 65543u, (uint64_t)step, 0u);
  }
  {
    const double _a0 = 0.0;
    const double _a1 = 1.0;
    const double _w = _a1 - _a0;
    double* _out = ((double*)N->a[40]); const int64_t _n = N->n[40];
    for (int64_t _b = 0; _b < _n; _b += NX_RB) nx_uniform_block(_out + _b, _b, _n - _b < NX_RB ? _n - _b : NX_RB, _a0, _w, SEED, 65543u, (uint64_t)step, 1u);
  }
}

static void pop0_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  int32_t* __restrict _refr_left = (int32_t*)N->a[41];
  double* __restrict a_v = (double*)N->a[42];
  double* __restrict a_g_exc = (double*)N->a[3];
  double* __restrict a_g_cur = (double*)N->a[21];
  int32_t* __restrict _spiked = (int32_t*)N->a[43];
  int32_t* __restrict _last_spike = (int32_t*)N->a[44];
  int32_t* __restrict _nspiked = (int32_t*)N->a[45];
  NX_IVDEP
  for (int64_t i = 0; i < 4; i++) {
    const bool _inref = !(_refr_left[i] > 0);
    a_v[i] = _inref ? (a_v[i] + a_g_exc[i] + a_g_cur[i]) : a_v[i];
    a_g_exc[i] = 0.0;
    a_g_cur[i] = 0.0;
  }
  int32_t _ns = 0;
  for (int64_t _b = 0; _b < 4; _b += 512) {
    const int64_t _nb = 4 - _b < 512 ? 4 - _b : 512;
    uint8_t _fm[512];
    for (int64_t _j = 0; _j < _nb; _j++) {
      const int64_t i = _b + _j;
      const int32_t _r = _refr_left[i];
      _fm[_j] = (uint8_t)((_r <= 0) & (nx_truthy(((a_v[i] > 1.0) ? 1.0 : 0.0)) ? 1 : 0));
      _refr_left[i] = _r > 0 ? _r - 1 : _r;
    }
    for (int64_t _j = 0; _j < _nb; _j += 8) {
      if (_j + 8 <= _nb) { uint64_t _w; memcpy(&_w, _fm + _j, 8); if (_w == 0) continue; }
      const int64_t _je = _j + 8 < _nb ? _j + 8 : _nb;
      for (int64_t _q = _j; _q < _je; _q++) {
        if (!_fm[_q]) continue;
        const int64_t i = _b + _q;
        a_v[i] = 0.0;
        _spiked[_ns++] = (int32_t)i;
        _last_spike[i] = (int32_t)step;
        _refr_left[i] = 2;
      }
    }
  }
  _nspiked[0] = _ns;
}

static void pop1_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  double* __restrict a_r = (double*)N->a[46];
  double* __restrict _sum_exc = (double*)N->a[27];
  NX_IVDEP
  for (int64_t i = 0; i < 4; i++) {
    a_r[i] = (_sum_exc[i]);
  }
}

static void pop2_update(Net* N, int64_t step) {
  (void)step;
  double* _poisson_rate = (double*)N->a[47];
  double* _poisson_next = (double*)N->a[48];
  int32_t* _last_spike = (int32_t*)N->a[49];
  double* a_rates = (double*)N->a[50];
  int32_t* _spiked = (int32_t*)N->a[5];
  int32_t* _nspiked = (int32_t*)N->a[6];
  const double _q = (dt / 1000.0);
  int32_t _ns = 0;
  for (int64_t _bi = 0; _bi + 4 <= 4; _bi += 4) {
    { const int64_t i = _bi; if (!nx_any4(((nx_v4(&a_rates[i]) != nx_v4(&_poisson_rate[i])) | (nx_v4(&_poisson_next[i]) <= (double)step)))) continue; }
    for (int64_t i = _bi; i < _bi + 4; i++) {
      const double _r = a_rates[i];
      const double _p = (_r * _q);
      if (_r != _poisson_rate[i]) {
        _poisson_rate[i] = _r;
        const double _from = nx_max((double)step, ((double)_last_spike[i] + 1.0));
        _poisson_next[i] = ((_from - 1.0) + nx_geom(_p, SEED, 65538u, (uint32_t)i, (uint64_t)step, 1u));
      }
      if (_poisson_next[i] <= (double)step) {
        _spiked[_ns++] = (int32_t)i;
        _last_spike[i] = (int32_t)(step);
        _poisson_next[i] = ((double)step + nx_geom(_p, SEED, 65538u, (uint32_t)i, (uint64_t)step, 0u));
      }
    }
  }
  for (int64_t i = 4 - 4 % 4; i < 4; i++) {
    const double _r = a_rates[i];
    const double _p = (_r * _q);
    if (_r != _poisson_rate[i]) {
      _poisson_rate[i] = _r;
      const double _from = nx_max((double)step, ((double)_last_spike[i] + 1.0));
      _poisson_next[i] = ((_from - 1.0) + nx_geom(_p, SEED, 65538u, (uint32_t)i, (uint64_t)step, 1u));
    }
    if (_poisson_next[i] <= (double)step) {
      _spiked[_ns++] = (int32_t)i;
      _last_spike[i] = (int32_t)(step);
      _poisson_next[i] = ((double)step + nx_geom(_p, SEED, 65538u, (uint32_t)i, (uint64_t)step, 0u));
    }
  }
  _nspiked[0] = _ns;
}

static void pop3_update(Net* N, int64_t step) {
  (void)step;
  int32_t* _ssa_steps = (int32_t*)N->a[51];
  int32_t* _ssa_t = (int32_t*)N->a[52];
  int32_t* _ssa_next = (int32_t*)N->a[53];
  int32_t* _ssa_ptr = (int32_t*)N->a[54];
  int32_t* _spiked = (int32_t*)N->a[9];
  int32_t* _last_spike = (int32_t*)N->a[55];
  int32_t* _nspiked = (int32_t*)N->a[10];
  const int32_t _t0 = _ssa_t[0];
  int32_t _ns = 0;
  for (int64_t i = 0; i < 4; i++) {
    int32_t _k = _ssa_next[i];
    const int32_t _e = _ssa_ptr[i + 1];
    if (_k < _e && _ssa_steps[_k] <= _t0) {
      while (_k < _e && _ssa_steps[_k] <= _t0) {
        _k = (_k + 1);
      }
      _ssa_next[i] = _k;
      if (_ssa_steps[_k - 1] == _t0) {
        _spiked[_ns++] = (int32_t)i;
        _last_spike[i] = (int32_t)(step);
      }
    }
  }
  _nspiked[0] = _ns;
  _ssa_t[0] = (_t0 + 1);
}

static void pop4_update(Net* N, int64_t step) {
  (void)step;
  int32_t* _ta_block = (int32_t*)N->a[56];
  int32_t* _ta_t = (int32_t*)N->a[57];
  int32_t* _ta_schedule = (int32_t*)N->a[58];
  double* a_r = (double*)N->a[20];
  double* _ta_buffer = (double*)N->a[59];
  int32_t* _ta_period = (int32_t*)N->a[60];
  {
    const int64_t _bl = _ta_block[0];
    const int32_t _tt = _ta_t[0];
    const bool _go = _bl < N->n[58] && _tt == _ta_schedule[_bl];
    if (_go) {
      for (int64_t i = 0; i < 4; i++) {
        a_r[i] = _ta_buffer[(_bl * 4) + i];
      }
    }
    if (_go) _ta_block[0] = (int32_t)((_bl + 1));
    const int32_t _per = _ta_period[0];
    if (_per > 0 && _tt == (_per - 1)) {
      _ta_t[0] = 0;
      _ta_block[0] = 0;
    } else {
      _ta_t[0] = (_tt + 1);
    }
  }
}

static void pop5_update(Net* N, int64_t step) {
  (void)step;
  int32_t* _ta_block = (int32_t*)N->a[61];
  int32_t* _ta_t = (int32_t*)N->a[62];
  int32_t* _ta_schedule = (int32_t*)N->a[63];
  double* a_rates = (double*)N->a[64];
  double* _ta_buffer = (double*)N->a[65];
  int32_t* _ta_period = (int32_t*)N->a[66];
  double* _poisson_rate = (double*)N->a[67];
  double* _poisson_next = (double*)N->a[68];
  int32_t* _last_spike = (int32_t*)N->a[69];
  int32_t* _spiked = (int32_t*)N->a[13];
  int32_t* _nspiked = (int32_t*)N->a[14];
  {
    const int64_t _bl = _ta_block[0];
    const int32_t _tt = _ta_t[0];
    const bool _go = _bl < N->n[63] && _tt == _ta_schedule[_bl];
    if (_go) {
      for (int64_t i = 0; i < 4; i++) {
        a_rates[i] = _ta_buffer[(_bl * 4) + i];
      }
    }
    if (_go) _ta_block[0] = (int32_t)((_bl + 1));
    const int32_t _per = _ta_period[0];
    if (_per > 0 && _tt == (_per - 1)) {
      _ta_t[0] = 0;
      _ta_block[0] = 0;
    } else {
      _ta_t[0] = (_tt + 1);
    }
  }
  const double _q = (dt / 1000.0);
  int32_t _ns = 0;
  for (int64_t _bi = 0; _bi + 4 <= 4; _bi += 4) {
    { const int64_t i = _bi; if (!nx_any4(((nx_v4(&a_rates[i]) != nx_v4(&_poisson_rate[i])) | (nx_v4(&_poisson_next[i]) <= (double)step)))) continue; }
    for (int64_t i = _bi; i < _bi + 4; i++) {
      const double _r = a_rates[i];
      const double _p = (_r * _q);
      if (_r != _poisson_rate[i]) {
        _poisson_rate[i] = _r;
        const double _from = nx_max((double)step, ((double)_last_spike[i] + 1.0));
        _poisson_next[i] = ((_from - 1.0) + nx_geom(_p, SEED, 65541u, (uint32_t)i, (uint64_t)step, 1u));
      }
      if (_poisson_next[i] <= (double)step) {
        _spiked[_ns++] = (int32_t)i;
        _last_spike[i] = (int32_t)(step);
        _poisson_next[i] = ((double)step + nx_geom(_p, SEED, 65541u, (uint32_t)i, (uint64_t)step, 0u));
      }
    }
  }
  for (int64_t i = 4 - 4 % 4; i < 4; i++) {
    const double _r = a_rates[i];
    const double _p = (_r * _q);
    if (_r != _poisson_rate[i]) {
      _poisson_rate[i] = _r;
      const double _from = nx_max((double)step, ((double)_last_spike[i] + 1.0));
      _poisson_next[i] = ((_from - 1.0) + nx_geom(_p, SEED, 65541u, (uint32_t)i, (uint64_t)step, 1u));
    }
    if (_poisson_next[i] <= (double)step) {
      _spiked[_ns++] = (int32_t)i;
      _last_spike[i] = (int32_t)(step);
      _poisson_next[i] = ((double)step + nx_geom(_p, SEED, 65541u, (uint32_t)i, (uint64_t)step, 0u));
    }
  }
  _nspiked[0] = _ns;
}

static void pop6_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  double* __restrict a_r = (double*)N->a[26];
  NX_IVDEP
  for (int64_t i = 0; i < 4; i++) {
    a_r[i] = a_r[i];
  }
}

static void pop7_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  double* __restrict a_x = (double*)N->a[70];
  double* __restrict a_mu = (double*)N->a[71];
  double* __restrict a_tau = (double*)N->a[72];
  double* __restrict a_sigma = (double*)N->a[73];
  double* __restrict _rand_0 = (double*)N->a[39];
  double* __restrict a_p = (double*)N->a[74];
  double* __restrict _rand_1 = (double*)N->a[40];
  int32_t* __restrict _spiked = (int32_t*)N->a[17];
  int32_t* __restrict _last_spike = (int32_t*)N->a[75];
  int32_t* __restrict _nspiked = (int32_t*)N->a[18];
  int32_t* __restrict _refr_left = (int32_t*)N->a[76];
  a_x[0] = (a_x[0] + ((dt * (a_mu[0] - a_x[0]) / a_tau[0]) + (sqrt((dt / a_tau[0])) * a_sigma[0] * _rand_0[0])));
  const double a_tau_g = a_tau[0];
  const double a_mu_g = a_mu[0];
  const double a_sigma_g = a_sigma[0];
  const double a_x_g = a_x[0];
  const double T_li0 = (1.0 / dt);
  NX_IVDEP
  for (int64_t i = 0; i < 4; i++) {
    a_p[i] = (_rand_1[i] * 1000.0 * T_li0);
  }
  int32_t _ns = 0;
  for (int64_t _b = 0; _b < 4; _b += 512) {
    const int64_t _nb = 4 - _b < 512 ? 4 - _b : 512;
    uint8_t _fm[512];
    for (int64_t _j = 0; _j < _nb; _j++) {
      const int64_t i = _b + _j;
      _fm[_j] = (uint8_t)(nx_truthy(((a_p[i] < a_x_g) ? 1.0 : 0.0)) ? 1 : 0);
    }
    for (int64_t _j = 0; _j < _nb; _j += 8) {
      if (_j + 8 <= _nb) { uint64_t _w; memcpy(&_w, _fm + _j, 8); if (_w == 0) continue; }
      const int64_t _je = _j + 8 < _nb ? _j + 8 : _nb;
      for (int64_t _q = _j; _q < _je; _q++) {
        if (!_fm[_q]) continue;
        const int64_t i = _b + _q;
        _spiked[_ns++] = (int32_t)i;
        _last_spike[i] = (int32_t)step;
      }
    }
  }
  _nspiked[0] = _ns;
}

static void proj0_prepare(Net* N) {
  NxInv* v = &N->inv[0];
  const int32_t* _inv_idx = ((int32_t*)N->a[77]); const int32_t* _syn_dendrite = ((int32_t*)N->a[78]); const int32_t* _post_rank = ((int32_t*)N->a[79]);
  const int64_t n = N->n[77];
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
  const int32_t* _inv_idx = ((int32_t*)N->a[80]); const int32_t* _syn_dendrite = ((int32_t*)N->a[81]); const int32_t* _post_rank = ((int32_t*)N->a[82]);
  const int64_t n = N->n[80];
  if (n > v->cap) {
    free(v->post); free(v->w);
    v->post = (int32_t*)nx_aalloc(n * 4);
    v->w = 0;
    v->cap = n;
  }
  for (int64_t m = 0; m < n; m++) v->post[m] = _post_rank[_syn_dendrite[_inv_idx[m]]];
}

static void proj2_prepare(Net* N) {
  NxInv* v = &N->inv[2];
  const int32_t* _inv_idx = ((int32_t*)N->a[83]); const int32_t* _syn_dendrite = ((int32_t*)N->a[84]); const int32_t* _post_rank = ((int32_t*)N->a[85]);
  const int64_t n = N->n[83];
  if (n > v->cap) {
    free(v->post); free(v->w);
    v->post = (int32_t*)nx_aalloc(n * 4);
    v->w = 0;
    v->cap = n;
  }
  for (int64_t m = 0; m < n; m++) v->post[m] = _post_rank[_syn_dendrite[_inv_idx[m]]];
}

static void proj3_prepare(Net* N) {
  NxInv* v = &N->inv[3];
  const int32_t* _inv_idx = ((int32_t*)N->a[86]); const int32_t* _syn_dendrite = ((int32_t*)N->a[87]); const int32_t* _post_rank = ((int32_t*)N->a[88]);
  const int64_t n = N->n[86];
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
  if (EN[1]) memset(((double*)N->a[27]), 0, sizeof(double) * N->n[27]);
  if (EN[0]) proj0_transmit(N, step);
  if (EN[0]) proj1_transmit(N, step);
  if (EN[0]) proj2_transmit(N, step);
  if (EN[0]) proj3_transmit(N, step);
  if (EN[0]) proj4_transmit(N, step);
  if (EN[1]) proj5_transmit(N, step);
  if (EN[1]) proj6_transmit(N, step);
}

static void nx_stage1(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  if (EN[7]) pop7_random(N, step);
  if (EN[0]) {
    pop0_update(N, step);
  } else {
    ((int32_t*)N->a[45])[0] = 0;
  }
  if (EN[1]) pop1_update(N, step);
  if (EN[2]) {
    pop2_update(N, step);
  } else {
    ((int32_t*)N->a[6])[0] = 0;
  }
  if (EN[3]) {
    pop3_update(N, step);
  } else {
    ((int32_t*)N->a[10])[0] = 0;
  }
  if (EN[4]) pop4_update(N, step);
  if (EN[5]) {
    pop5_update(N, step);
  } else {
    ((int32_t*)N->a[14])[0] = 0;
  }
  if (EN[6]) pop6_update(N, step);
  if (EN[7]) {
    pop7_update(N, step);
  } else {
    ((int32_t*)N->a[18])[0] = 0;
  }
}

static void nx_stage2(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
}

static void nx_log_step(Net* N, int64_t step) {
  if (N->logs[0].on) nx_log_append(&N->logs[0], ((int32_t*)N->a[43]), ((int32_t*)N->a[45])[0], step);
  if (N->logs[2].on) nx_log_append(&N->logs[2], ((int32_t*)N->a[5]), ((int32_t*)N->a[6])[0], step);
  if (N->logs[3].on) nx_log_append(&N->logs[3], ((int32_t*)N->a[9]), ((int32_t*)N->a[10])[0], step);
  if (N->logs[5].on) nx_log_append(&N->logs[5], ((int32_t*)N->a[13]), ((int32_t*)N->a[14])[0], step);
  if (N->logs[7].on) nx_log_append(&N->logs[7], ((int32_t*)N->a[17]), ((int32_t*)N->a[18])[0], step);
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
  for (int i = 0; i < 7; i++) { if (N->rings[i].D) nx_ring_free(&N->rings[i]); free(N->inv[i].post); free(N->inv[i].w); free(N->inv[i].mark); free(N->inv[i].bits); }
  for (int i = 0; i < 8; i++) { free(N->logs[i].steps); free(N->logs[i].ranks); }
  free(N);
}
void nx_bind(Net* N, int32_t slot, void* p, int64_t n) { N->a[slot] = p; N->n[slot] = n; }
void nx_set_seed(Net* N, int64_t seed) { N->seed = (uint32_t)seed; }
void nx_prepare(Net* N) {
  proj0_prepare(N);
  proj1_prepare(N);
  proj2_prepare(N);
  proj3_prepare(N);
}
int64_t nx_derived_bytes(Net* N) {
  int64_t b = 0;
  b += N->inv[0].post ? N->inv[0].cap * 4 : 0; b += N->inv[0].w ? N->inv[0].cap * (int64_t)sizeof(double) : 0;
  b += N->inv[1].post ? N->inv[1].cap * 4 : 0; b += N->inv[1].w ? N->inv[1].cap * (int64_t)sizeof(double) : 0;
  b += N->inv[2].post ? N->inv[2].cap * 4 : 0; b += N->inv[2].w ? N->inv[2].cap * (int64_t)sizeof(double) : 0;
  b += N->inv[3].post ? N->inv[3].cap * 4 : 0; b += N->inv[3].w ? N->inv[3].cap * (int64_t)sizeof(double) : 0;
  (void)N; return b;
}
int32_t nx_restore(Net* N, int32_t proj) {
  switch (proj) {
    default: (void)N; return 2;
  }
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
