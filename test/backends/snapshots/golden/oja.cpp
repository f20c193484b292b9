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

/* ---- fdlibm 5.3 (Sun Microsystems, freely distributable): log, exp, sin/cos kernels ---- */
static inline uint32_t nrx_hiword(double x) { uint64_t u; memcpy(&u, &x, 8); return (uint32_t)(u >> 32); }
static inline uint32_t nrx_loword(double x) { uint64_t u; memcpy(&u, &x, 8); return (uint32_t)u; }
static inline double nrx_words(uint32_t hi, uint32_t lo) {
  uint64_t u = ((uint64_t)hi << 32) | lo; double x; memcpy(&x, &u, 8); return x;
}
static inline double nx_set_lo(double x, uint32_t lo) { return nrx_words(nrx_hiword(x), lo); }
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
static inline double nx_v8_pow(double x, double y) { return nx_fdlibm_pow(x, y); }
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
static inline nx_v4d nx_v4(const double* p) { nx_v4d v; __builtin_memcpy(&v, p, sizeof v); return v; }
typedef float __attribute__((vector_size(16))) nx_v4f;
/* Four floats to four doubles: lane by lane, which g++ compiles to one vcvtps2pd ymm (__builtin_convertvector gave two halves and an insert). */
static inline nx_v4d nx_v4(const nx_f32* p) { nx_v4f v; __builtin_memcpy(&v, p, sizeof v); return (nx_v4d){ (double)v[0], (double)v[1], (double)v[2], (double)v[3] }; }
static inline double nx_pos(double x) { return x > 0.0 ? x : 0.0; }
/* JS Math.pow, bit for bit: the pow of the V8 that runs the js backend (fdlibm.ts); x^2 inline, x * x on both. */
static inline double nx_pow(double x, double y) {
  if (y == 2.0) return x * x;
  return nx_v8_pow(x, y);
}
/* JS Math.round: half-way cases towards +Infinity. */
static inline double nx_jsround(double x) { double r = floor(x); return (x - r >= 0.5) ? r + 1.0 : r; }

static const double dt = 1.0;

/* The seed is set at run time (nx_set_seed): networks differing only in seed share one library. */

#define SEED (N->seed)

#define NX_NSLOTS 19

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
  double* a_w = (double*)N->a[3];
  double* pre_r = (double*)N->a[4];
  double* _sum = (double*)N->a[5];
  int32_t* _row_ptr = (int32_t*)N->a[7];
  int32_t* _post_rank = (int32_t*)N->a[6];
  const int64_t _nd = N->n[6];
  for (int64_t i = 0; i < _nd; i++) {
    const int64_t rk_post = _post_rank[i];
    const int64_t _k0 = _row_ptr[i];
    const int64_t _k1 = _row_ptr[i + 1];
    double _s0 = 0.0;
    double _s1 = 0.0;
    double _s2 = 0.0;
    double _s3 = 0.0;
    int64_t _kq = _k0;
    {
      nx_v4d _sv = { _s0, _s1, _s2, _s3 };
      while (_kq < (_k1 - 3)) {
        _sv += nx_v4(&a_w[_kq]) * nx_v4(&pre_r[_kq - _k0]);
        _kq = (_kq + 4);
      }
      _s0 = _sv[0]; _s1 = _sv[1]; _s2 = _sv[2]; _s3 = _sv[3];
    }
    if (_kq < _k1) {
      {
        const int64_t k = _kq;
        const int64_t rk_pre = (k - _k0);
        _s0 += (a_w[k] * pre_r[rk_pre]);
      }
      if ((_kq + 1) < _k1) {
        {
          const int64_t k = (_kq + 1);
          const int64_t rk_pre = (k - _k0);
          _s1 += (a_w[k] * pre_r[rk_pre]);
        }
        if ((_kq + 2) < _k1) {
          {
            const int64_t k = (_kq + 2);
            const int64_t rk_pre = (k - _k0);
            _s2 += (a_w[k] * pre_r[rk_pre]);
          }
        }
      }
    }
    const double _s = ((_s0 + _s1) + (_s2 + _s3));
    _sum[rk_post] += _s;
  }
}

static void pop0_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  double* __restrict a_baseline = (double*)N->a[8];
  double* __restrict _sum_exc = (double*)N->a[9];
  double* __restrict a_mp = (double*)N->a[10];
  double* __restrict a_tau = (double*)N->a[11];
  double* __restrict a_r = (double*)N->a[4];
  NX_IVDEP
  for (int64_t i = 0; i < 3; i++) {
    {
      const double T_m_mp = ((a_baseline[i] + (_sum_exc[i]) - a_mp[i]) / a_tau[i]);
      a_mp[i] = (a_mp[i] + (dt * T_m_mp));
    }
    a_r[i] = nx_pos(a_mp[i]);
  }
}

static void pop1_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  double* __restrict a_baseline = (double*)N->a[12];
  double* __restrict _sum_exc = (double*)N->a[5];
  double* __restrict a_mp = (double*)N->a[13];
  double* __restrict a_tau = (double*)N->a[14];
  double* __restrict a_r = (double*)N->a[15];
  NX_IVDEP
  for (int64_t i = 0; i < 2; i++) {
    {
      const double T_m_mp = ((a_baseline[i] + (_sum_exc[i]) - a_mp[i]) / a_tau[i]);
      a_mp[i] = (a_mp[i] + (dt * T_m_mp));
    }
    a_r[i] = nx_pos(a_mp[i]);
  }
}

static void proj0_update(Net* N, int64_t step) {
  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + 0;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  const bool _plastic = FL[2] != 0;
  (void)C; (void)t; (void)_plastic;
  if (!FL[0] || !FL[1]) return;
  if ((step - FL[4]) % FL[3] != 0) return;
  const double _dt = dt * (double)FL[3]; (void)_dt;
  double* pre_r = (double*)N->a[4];
  double* post_r = (double*)N->a[15];
  double* a_alpha = (double*)N->a[16];
  double* a_w = (double*)N->a[3];
  double* a_tau = (double*)N->a[17];
  int32_t* _row_ptr = (int32_t*)N->a[7];
  int32_t* _post_rank = (int32_t*)N->a[6];
  int32_t* _pre_rank = (int32_t*)N->a[18];
  const int64_t _nd = N->n[6];
  for (int64_t i = 0; i < _nd; i++) {
    const int64_t rk_post = _post_rank[i];
    #pragma GCC ivdep
    for (int64_t k = _row_ptr[i], _k1 = _row_ptr[i + 1]; k < _k1; k++) {
      const int64_t rk_pre = _pre_rank[k];
      {
        const double T_m_w = (((pre_r[rk_pre] * post_r[rk_post]) - (a_alpha[k] * nx_pow(post_r[rk_post], 2.0) * a_w[k])) / a_tau[k]);
        a_w[k] = _plastic ? (a_w[k] + (_dt * T_m_w)) : a_w[k];
      }
    }
  }
}

static void nx_stage0(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  if (EN[0]) memset(((double*)N->a[9]), 0, sizeof(double) * N->n[9]);
  if (EN[1]) memset(((double*)N->a[5]), 0, sizeof(double) * N->n[5]);
  if (EN[1]) proj0_transmit(N, step);
}

static void nx_stage1(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  if (EN[0]) pop0_update(N, step);
  if (EN[1]) pop1_update(N, step);
}

static void nx_stage2(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  if (EN[1]) proj0_update(N, step);
}

static void nx_log_step(Net* N, int64_t step) {
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

}
int64_t nx_derived_bytes(Net* N) {
  int64_t b = 0;

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
