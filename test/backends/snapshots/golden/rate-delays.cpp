/* neurarchy: generated C++ for 2 populations and 2 projections (threads: 1). */

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

/* ((hi >> 11) * 2^32 + lo) * 2^-53 in [0, 1) */
static inline double nrx_u53(uint32_t hi, uint32_t lo) {
  return (double)(((uint64_t)(hi >> 11) << 32) | lo) * NRX_TWO_M53;
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
/* out[j] = a0 + w * nrx_uniform_at(seed, stream, i0 + j, step, draw_id), j < nb <= NX_RB */
static inline void nx_uniform_block(double* __restrict out, int64_t i0, int64_t nb, double a0, double w,
                                    uint32_t seed, uint32_t stream, uint64_t step, uint32_t draw_id) {
  uint32_t x0[NX_RB], x1[NX_RB], x2[NX_RB], x3[NX_RB];
  nx_philox_lanes(i0, nb, seed, stream, step, draw_id, x0, x1, x2, x3);
  for (int64_t j = 0; j < nb; j++) out[j] = a0 + w * nrx_u53(x0[j], x1[j]);
}
/* JS Math.round: half-way cases towards +Infinity. */
static inline double nx_jsround(double x) { double r = floor(x); return (x - r >= 0.5) ? r + 1.0 : r; }

static const double dt = 1.0;

/* The seed is set at run time (nx_set_seed): networks differing only in seed share one library. */

#define SEED (N->seed)

#define NX_NSLOTS 23

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


struct Net { void* a[NX_NSLOTS]; int64_t n[NX_NSLOTS]; NxRing rings[2]; NxInv inv[2]; NxLog logs[2]; uint32_t seed; };

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
  double* pre_r_ring = (double*)N->a[4];
  double* _sum = (double*)N->a[8];
  int32_t* _row_ptr = (int32_t*)N->a[10];
  int32_t* _post_rank = (int32_t*)N->a[9];
  int32_t* _pre_rank = (int32_t*)N->a[11];
  const int32_t _didx = ((int32_t*)N->a[5])[0];
  const int32_t _D = ((int32_t*)N->a[6])[0];
  const int32_t _dsteps = ((int32_t*)N->a[7])[0];
  const int64_t _dslot = ((int64_t)_didx - (_dsteps - 1) + _D) % _D;
  const int64_t _nd = N->n[9];
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
        _s0 += (a_w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
      }
      {
        const int64_t k = (_kq + 1);
        const int64_t rk_pre = _pre_rank[k];
        _s1 += (a_w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
      }
      {
        const int64_t k = (_kq + 2);
        const int64_t rk_pre = _pre_rank[k];
        _s2 += (a_w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
      }
      {
        const int64_t k = (_kq + 3);
        const int64_t rk_pre = _pre_rank[k];
        _s3 += (a_w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
      }
      _kq = (_kq + 4);
    }
    if (_kq < _k1) {
      {
        const int64_t k = _kq;
        const int64_t rk_pre = _pre_rank[k];
        _s0 += (a_w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
      }
      if ((_kq + 1) < _k1) {
        {
          const int64_t k = (_kq + 1);
          const int64_t rk_pre = _pre_rank[k];
          _s1 += (a_w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
        }
        if ((_kq + 2) < _k1) {
          {
            const int64_t k = (_kq + 2);
            const int64_t rk_pre = _pre_rank[k];
            _s2 += (a_w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
          }
        }
      }
    }
    const double _s = ((_s0 + _s1) + (_s2 + _s3));
    _sum[rk_post] += _s;
  }
}

static void proj1_transmit(Net* N, int64_t step) {
  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + 6;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  const bool _plastic = FL[2] != 0;
  (void)C; (void)t; (void)_plastic;
  if (!FL[0]) return;
  double* pre_glob_r_ring = (double*)N->a[12];
  int32_t* _delay = (int32_t*)N->a[13];
  double* a_w = (double*)N->a[14];
  double* _sum = (double*)N->a[15];
  int32_t* _row_ptr = (int32_t*)N->a[17];
  int32_t* _post_rank = (int32_t*)N->a[16];
  const int32_t _didx = ((int32_t*)N->a[5])[0];
  const int32_t _D = ((int32_t*)N->a[6])[0];
  const int64_t _nd = N->n[16];
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
        const int64_t rk_pre = (k - _k0);
        _s0 += (pre_glob_r_ring[(((int64_t)_didx - (_delay[k] - 1) + _D) % _D)] * a_w[0]);
      }
      {
        const int64_t k = (_kq + 1);
        const int64_t rk_pre = (k - _k0);
        _s1 += (pre_glob_r_ring[(((int64_t)_didx - (_delay[k] - 1) + _D) % _D)] * a_w[0]);
      }
      {
        const int64_t k = (_kq + 2);
        const int64_t rk_pre = (k - _k0);
        _s2 += (pre_glob_r_ring[(((int64_t)_didx - (_delay[k] - 1) + _D) % _D)] * a_w[0]);
      }
      {
        const int64_t k = (_kq + 3);
        const int64_t rk_pre = (k - _k0);
        _s3 += (pre_glob_r_ring[(((int64_t)_didx - (_delay[k] - 1) + _D) % _D)] * a_w[0]);
      }
      _kq = (_kq + 4);
    }
    if (_kq < _k1) {
      {
        const int64_t k = _kq;
        const int64_t rk_pre = (k - _k0);
        _s0 += (pre_glob_r_ring[(((int64_t)_didx - (_delay[k] - 1) + _D) % _D)] * a_w[0]);
      }
      if ((_kq + 1) < _k1) {
        {
          const int64_t k = (_kq + 1);
          const int64_t rk_pre = (k - _k0);
          _s1 += (pre_glob_r_ring[(((int64_t)_didx - (_delay[k] - 1) + _D) % _D)] * a_w[0]);
        }
        if ((_kq + 2) < _k1) {
          {
            const int64_t k = (_kq + 2);
            const int64_t rk_pre = (k - _k0);
            _s2 += (pre_glob_r_ring[(((int64_t)_didx - (_delay[k] - 1) + _D) % _D)] * a_w[0]);
          }
        }
      }
    }
    const double _s = ((_s0 + _s1) + (_s2 + _s3));
    _sum[rk_post] += _s;
  }
}

static void pop0_random(Net* N, int64_t step) {
  const double* C = (const double*)N->a[NX_CONSTANTS];
  const double t = (double)step * dt;
  (void)C; (void)t;
  {
    const double _a0 = 0.0;
    const double _a1 = 1.0;
    const double _w = _a1 - _a0;
    double* _out = ((double*)N->a[18]); const int64_t _n = N->n[18];
    for (int64_t _b = 0; _b < _n; _b += NX_RB) nx_uniform_block(_out + _b, _b, _n - _b < NX_RB ? _n - _b : NX_RB, _a0, _w, SEED, 65536u, (uint64_t)step, 0u);
  }
}

static void pop0_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  double* __restrict a_glob_r = (double*)N->a[19];
  double* __restrict a_r = (double*)N->a[20];
  double* __restrict _rand_0 = (double*)N->a[18];
  a_glob_r[0] = (a_glob_r[0] + t);
  const double a_glob_r_g = a_glob_r[0];
  NX_IVDEP
  for (int64_t i = 0; i < 3; i++) {
    a_r[i] = (a_r[i] + t + _rand_0[i]);
  }
}

static void pop1_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  double* __restrict a_r = (double*)N->a[21];
  double* __restrict _sum_ff = (double*)N->a[8];
  double* __restrict _sum_fb = (double*)N->a[15];
  double* __restrict _mean_r = (double*)N->a[22];
  const double _mean_r_g = _mean_r[0];
  NX_IVDEP
  for (int64_t i = 0; i < 3; i++) {
    a_r[i] = ((_sum_ff[i]) + (_sum_fb[i]) + _mean_r_g);
  }
}

static void pop0_delay(Net* N, int64_t step) {
  (void)step;
  const int32_t _idx = (((int32_t*)N->a[5])[0] + 1) % ((int32_t*)N->a[6])[0];
  memcpy(((double*)N->a[4]) + (int64_t)_idx * N->n[20], ((double*)N->a[20]), sizeof(double) * N->n[20]);
  memcpy(((double*)N->a[12]) + (int64_t)_idx * N->n[19], ((double*)N->a[19]), sizeof(double) * N->n[19]);
  ((int32_t*)N->a[5])[0] = _idx;
}

static void pop1_globalops(Net* N, int64_t step) {
  (void)step;
  { const auto* x = ((double*)N->a[21]); const int64_t n = N->n[21];
    {
      double a = 0.0;
      for (int64_t i = 0; i < n; i++) {
        a = (a + x[i]);
      }
      ((double*)N->a[22])[0] = (a / (double)n);
    }
  }
}

static void nx_stage0(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  if (EN[1]) {
    memset(((double*)N->a[8]), 0, sizeof(double) * N->n[8]);
    memset(((double*)N->a[15]), 0, sizeof(double) * N->n[15]);
  }
  if (EN[1]) proj0_transmit(N, step);
  if (EN[1]) proj1_transmit(N, step);
}

static void nx_stage1(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  if (EN[0]) pop0_random(N, step);
  if (EN[0]) pop0_update(N, step);
  if (EN[1]) pop1_update(N, step);
}

static void nx_stage2(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  pop0_delay(N, step);
  pop1_globalops(N, step);
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
  nx_ring_init(&N->rings[1], 5);
  return N;
}
void nx_destroy(Net* N) {
  for (int i = 0; i < 2; i++) { if (N->rings[i].D) nx_ring_free(&N->rings[i]); free(N->inv[i].post); free(N->inv[i].w); free(N->inv[i].mark); free(N->inv[i].bits); }
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
