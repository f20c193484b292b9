/* neurarchy: generated C++ for 2 populations and 1 projections (threads: 1). */

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
static inline double nx_clip(double x, double a, double b) { return x < a ? a : (x > b ? b : x); }
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


static const double dt = 0.1;

/* The seed is set at run time (nx_set_seed): networks differing only in seed share one library. */

#define SEED (N->seed)

#define NX_NSLOTS 38

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


struct Net { void* a[NX_NSLOTS]; int64_t n[NX_NSLOTS]; NxRing rings[1]; NxInv inv[1]; NxLog logs[2]; uint32_t seed; };

/* user functions read Constants of the network being stepped (set by every entry point; JS calls one at a time) */

static const double* NX_GLOBAL_C = 0;

static void proj0_transmit(Net* N, int64_t step) {
  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + 0;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  const bool _plastic = FL[2] != 0;
  (void)C; (void)t; (void)_plastic;
  if (!FL[0]) return;
  int32_t* _last_event = (int32_t*)N->a[3];
  double* a_x = (double*)N->a[4];
  double* a_tau_plus = (double*)N->a[5];
  double* a_y = (double*)N->a[6];
  double* a_tau_minus = (double*)N->a[7];
  double* post_g_exc = (double*)N->a[8];
  double* a_w = (double*)N->a[9];
  double* a_A_plus = (double*)N->a[10];
  double* a_w_max = (double*)N->a[11];
  double* a_w_min = (double*)N->a[12];
  int32_t* _inv_ptr = (int32_t*)N->a[15];
  int32_t* _inv_idx = (int32_t*)N->a[16];
  const int32_t* _src = ((int32_t*)N->a[13]); const int64_t _ns = ((int32_t*)N->a[14])[0];
  const int32_t* __restrict _ipost = N->inv[0].post;
  for (int64_t s = 0; s < _ns; s++) __builtin_prefetch(&_inv_ptr[_src[s]]);
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t _a = _inv_ptr[_src[s]], _c = _a;
    __builtin_prefetch(_ipost + _c);
  }
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t rk_pre = _src[s];
    for (int64_t m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const int64_t k = _inv_idx[m];
      const int64_t rk_post = _ipost[m];
      const double _elapsed = (double)(step - _last_event[k]);
      a_x[k] = (a_x[k] * nrx_exp(((-(_elapsed * dt)) / a_tau_plus[0])));
      a_y[k] = (a_y[k] * nrx_exp(((-(_elapsed * dt)) / a_tau_minus[0])));
      _last_event[k] = (int32_t)(step);
      post_g_exc[rk_post] = (post_g_exc[rk_post] + a_w[k]);
      a_x[k] = (a_x[k] + (a_A_plus[0] * a_w_max[0]));
      a_w[k] = _plastic ? nx_clip((a_w[k] + a_y[k]), a_w_min[0], a_w_max[0]) : a_w[k];
    }
  }
}

static void pop0_update(Net* N, int64_t step) {
  (void)step;
  double* _poisson_rate = (double*)N->a[17];
  double* _poisson_next = (double*)N->a[18];
  int32_t* _last_spike = (int32_t*)N->a[19];
  double* a_rates = (double*)N->a[20];
  int32_t* _spiked = (int32_t*)N->a[13];
  int32_t* _nspiked = (int32_t*)N->a[14];
  const double _q = (dt / 1000.0);
  int32_t _ns = 0;
  for (int64_t _bi = 0; _bi + 4 <= 20; _bi += 4) {
    { const int64_t i = _bi; if (!nx_any4(((nx_v4(&a_rates[i]) != nx_v4(&_poisson_rate[i])) | (nx_v4(&_poisson_next[i]) <= (double)step)))) continue; }
    for (int64_t i = _bi; i < _bi + 4; i++) {
      const double _r = a_rates[i];
      const double _p = (_r * _q);
      if (_r != _poisson_rate[i]) {
        _poisson_rate[i] = _r;
        const double _from = nx_max((double)step, ((double)_last_spike[i] + 1.0));
        _poisson_next[i] = ((_from - 1.0) + nx_geom(_p, SEED, 65536u, (uint32_t)i, (uint64_t)step, 1u));
      }
      if (_poisson_next[i] <= (double)step) {
        _spiked[_ns++] = (int32_t)i;
        _last_spike[i] = (int32_t)(step);
        _poisson_next[i] = ((double)step + nx_geom(_p, SEED, 65536u, (uint32_t)i, (uint64_t)step, 0u));
      }
    }
  }
  for (int64_t i = 20 - 20 % 4; i < 20; i++) {
    const double _r = a_rates[i];
    const double _p = (_r * _q);
    if (_r != _poisson_rate[i]) {
      _poisson_rate[i] = _r;
      const double _from = nx_max((double)step, ((double)_last_spike[i] + 1.0));
      _poisson_next[i] = ((_from - 1.0) + nx_geom(_p, SEED, 65536u, (uint32_t)i, (uint64_t)step, 1u));
    }
    if (_poisson_next[i] <= (double)step) {
      _spiked[_ns++] = (int32_t)i;
      _last_spike[i] = (int32_t)(step);
      _poisson_next[i] = ((double)step + nx_geom(_p, SEED, 65536u, (uint32_t)i, (uint64_t)step, 0u));
    }
  }
  _nspiked[0] = _ns;
}

static void pop1_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  double* __restrict a_El = (double*)N->a[21];
  double* __restrict a_v = (double*)N->a[22];
  double* __restrict a_g_exc = (double*)N->a[8];
  double* __restrict a_Ee = (double*)N->a[23];
  double* __restrict a_vr = (double*)N->a[24];
  double* __restrict a_tau_m = (double*)N->a[25];
  double* __restrict a_tau_e = (double*)N->a[26];
  int32_t* __restrict _spiked = (int32_t*)N->a[27];
  int32_t* __restrict _last_spike = (int32_t*)N->a[28];
  double* __restrict a_vt = (double*)N->a[29];
  int32_t* __restrict _nspiked = (int32_t*)N->a[30];
  int32_t* __restrict _refr_left = (int32_t*)N->a[31];
  NX_IVDEP
  for (int64_t i = 0; i < 1; i++) {
    {
      const double T_m_v = ((a_El[i] - a_v[i] + (a_g_exc[i] * (a_Ee[i] - a_vr[i]))) / a_tau_m[i]);
      const double T_m_g_exc = (-(a_g_exc[i] / a_tau_e[i]));
      a_v[i] = (a_v[i] + (dt * T_m_v));
      a_g_exc[i] = (a_g_exc[i] + (dt * T_m_g_exc));
    }
  }
  int32_t _ns = 0;
  for (int64_t _b = 0; _b < 1; _b += 512) {
    const int64_t _nb = 1 - _b < 512 ? 1 - _b : 512;
    uint8_t _fm[512];
    for (int64_t _j = 0; _j < _nb; _j++) {
      const int64_t i = _b + _j;
      _fm[_j] = (uint8_t)(nx_truthy(((a_v[i] > a_vt[i]) ? 1.0 : 0.0)) ? 1 : 0);
    }
    for (int64_t _j = 0; _j < _nb; _j += 8) {
      if (_j + 8 <= _nb) { uint64_t _w; memcpy(&_w, _fm + _j, 8); if (_w == 0) continue; }
      const int64_t _je = _j + 8 < _nb ? _j + 8 : _nb;
      for (int64_t _q = _j; _q < _je; _q++) {
        if (!_fm[_q]) continue;
        const int64_t i = _b + _q;
        a_v[i] = a_vr[i];
        _spiked[_ns++] = (int32_t)i;
        _last_spike[i] = (int32_t)step;
      }
    }
  }
  _nspiked[0] = _ns;
}

static void proj0_post(Net* N, int64_t step) {
  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + 0;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  const bool _plastic = FL[2] != 0;
  (void)C; (void)t; (void)_plastic;
  if (!FL[0]) return;
  int32_t* _last_event = (int32_t*)N->a[3];
  double* a_x = (double*)N->a[4];
  double* a_tau_plus = (double*)N->a[5];
  double* a_y = (double*)N->a[6];
  double* a_tau_minus = (double*)N->a[7];
  double* a_A_minus = (double*)N->a[32];
  double* a_w_max = (double*)N->a[11];
  double* a_w = (double*)N->a[9];
  double* a_w_min = (double*)N->a[12];
  int32_t* _dendrite_of_post = (int32_t*)N->a[33];
  int32_t* _row_ptr = (int32_t*)N->a[34];
  int32_t* _pre_rank = (int32_t*)N->a[35];
  const int32_t* _src = ((int32_t*)N->a[27]); const int64_t _ns = ((int32_t*)N->a[30])[0];
  for (int64_t s = 0; s < _ns; s++) {
    const int64_t rk_post = _src[s];
    const int64_t i = _dendrite_of_post[rk_post];
    if (i >= 0) {
      for (int64_t k = _row_ptr[i], _k1 = _row_ptr[i + 1]; k < _k1; k++) {
        const int64_t rk_pre = _pre_rank[k];
        const double _elapsed = (double)((step + 1) - _last_event[k]);
        a_x[k] = (a_x[k] * nrx_exp(((-(_elapsed * dt)) / a_tau_plus[0])));
        a_y[k] = (a_y[k] * nrx_exp(((-(_elapsed * dt)) / a_tau_minus[0])));
        _last_event[k] = (int32_t)((step + 1));
        a_y[k] = (a_y[k] - (a_A_minus[0] * a_w_max[0]));
        a_w[k] = _plastic ? nx_clip((a_w[k] + a_x[k]), a_w_min[0], a_w_max[0]) : a_w[k];
      }
    }
  }
}

static void proj0_prepare(Net* N) {
  NxInv* v = &N->inv[0];
  const int32_t* _inv_idx = ((int32_t*)N->a[16]); const int32_t* _syn_dendrite = ((int32_t*)N->a[36]); const int32_t* _post_rank = ((int32_t*)N->a[37]);
  const int64_t n = N->n[16];
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
  if (EN[1]) proj0_transmit(N, step);
}

static void nx_stage1(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  if (EN[0]) {
    pop0_update(N, step);
  } else {
    ((int32_t*)N->a[14])[0] = 0;
  }
  if (EN[1]) {
    pop1_update(N, step);
  } else {
    ((int32_t*)N->a[30])[0] = 0;
  }
}

static void nx_stage2(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  proj0_post(N, step);
}

static void nx_log_step(Net* N, int64_t step) {
  if (N->logs[0].on) nx_log_append(&N->logs[0], ((int32_t*)N->a[13]), ((int32_t*)N->a[14])[0], step);
  if (N->logs[1].on) nx_log_append(&N->logs[1], ((int32_t*)N->a[27]), ((int32_t*)N->a[30])[0], step);
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
  for (int i = 0; i < 1; i++) { if (N->rings[i].D) nx_ring_free(&N->rings[i]); free(N->inv[i].post); free(N->inv[i].w); free(N->inv[i].mark); free(N->inv[i].bits); }
  for (int i = 0; i < 2; i++) { free(N->logs[i].steps); free(N->logs[i].ranks); }
  free(N);
}
void nx_bind(Net* N, int32_t slot, void* p, int64_t n) { N->a[slot] = p; N->n[slot] = n; }
void nx_set_seed(Net* N, int64_t seed) { N->seed = (uint32_t)seed; }
void nx_prepare(Net* N) {
  proj0_prepare(N);
}
int64_t nx_derived_bytes(Net* N) {
  int64_t b = 0;
  b += N->inv[0].post ? N->inv[0].cap * 4 : 0; b += N->inv[0].w ? N->inv[0].cap * (int64_t)sizeof(double) : 0;
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
