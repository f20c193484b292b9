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

/* ---- neurarchy helpers: the same semantics as the js backend's builtins ---- */
static inline bool nx_truthy(double x) { return x != 0.0 && x == x; }
static inline double nx_modulo(double a, double b) { return fmod(trunc(a), trunc(b)); }
/* JS Math.round: half-way cases towards +Infinity. */
static inline double nx_jsround(double x) { double r = floor(x); return (x - r >= 0.5) ? r + 1.0 : r; }

static const double dt = 1.0;

/* The seed is set at run time (nx_set_seed): networks differing only in seed share one library. */

#define SEED (N->seed)

#define NX_NSLOTS 27

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
  double* post_g_ax = (double*)N->a[8];
  int32_t* _inv_ptr = (int32_t*)N->a[9];
  double* a_w = (double*)N->a[10];
  int32_t* _inv_idx = (int32_t*)N->a[13];
  int32_t* _syn_dendrite = (int32_t*)N->a[14];
  int32_t* _post_rank = (int32_t*)N->a[15];
  const int32_t* _src = ((int32_t*)N->a[5]); const int64_t _ns = ((int32_t*)N->a[6])[0];
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
      post_g_ax[rk_post] = (post_g_ax[rk_post] + 0.0);
    }
  }
  if (FL[5]) {
    const int32_t* _asrc = ((int32_t*)N->a[11]); const int64_t _nas = ((int32_t*)N->a[12])[0];
    for (int64_t s = 0; s < _nas; s++) {
      const int64_t rk_pre = _asrc[s];
      for (int64_t m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
        const int64_t k = _inv_idx[m];
        const int64_t i = _syn_dendrite[k];
        const int64_t rk_post = _post_rank[i];
        post_g_ax[rk_post] = (post_g_ax[rk_post] + a_w[0]);
      }
    }
  }
}

static void pop0_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  int32_t* __restrict _refr_left = (int32_t*)N->a[16];
  double* __restrict a_v = (double*)N->a[17];
  double* __restrict a_a = (double*)N->a[18];
  int32_t* __restrict _spiked = (int32_t*)N->a[5];
  int32_t* __restrict _last_spike = (int32_t*)N->a[19];
  int32_t* __restrict _axon_spiked = (int32_t*)N->a[11];
  int32_t* __restrict _nspiked = (int32_t*)N->a[6];
  int32_t* __restrict _naxon = (int32_t*)N->a[12];
  NX_IVDEP
  for (int64_t i = 0; i < 2; i++) {
    const bool _inref = !(_refr_left[i] > 0);
    a_v[i] = _inref ? (a_v[i] + 1.0) : a_v[i];
    a_a[i] = _inref ? (a_a[i] + 1.0) : a_a[i];
  }
  int32_t _ns = 0;
  int32_t _nas = 0;
  for (int64_t i = 0; i < 2; i++) {
    if (_refr_left[i] > 0) {
      _refr_left[i] = (_refr_left[i] - 1);
    } else {
      if (nx_truthy(((a_v[i] >= 6.0) ? 1.0 : 0.0))) {
        a_v[i] = 0.0;
        _spiked[_ns++] = (int32_t)i;
        _last_spike[i] = (int32_t)step;
        _refr_left[i] = 2;
      }
    }
    if (nx_truthy(((nx_modulo(t, 2.0) == 0.0) ? 1.0 : 0.0))) {
      a_a[i] = 100.0;
      _axon_spiked[_nas++] = (int32_t)i;
    }
  }
  _nspiked[0] = _ns;
  _naxon[0] = _nas;
}

static void pop1_update(Net* N, int64_t step) {
  const double t = (double)step * dt;
  const double* C = (const double*)N->a[NX_CONSTANTS];
  (void)t; (void)C;
  double* __restrict a_g_exc = (double*)N->a[3];
  double* __restrict a_g_ax = (double*)N->a[8];
  int32_t* __restrict _spiked = (int32_t*)N->a[20];
  int32_t* __restrict _last_spike = (int32_t*)N->a[21];
  int32_t* __restrict _nspiked = (int32_t*)N->a[22];
  int32_t* __restrict _refr_left = (int32_t*)N->a[23];
  NX_IVDEP
  for (int64_t i = 0; i < 2; i++) {
    a_g_exc[i] = 0.0;
    a_g_ax[i] = 0.0;
  }
  int32_t _ns = 0;
  for (int64_t _b = 0; _b < 2; _b += 512) {
    const int64_t _nb = 2 - _b < 512 ? 2 - _b : 512;
    uint8_t _fm[512];
    for (int64_t _j = 0; _j < _nb; _j++) {
      const int64_t i = _b + _j;
      _fm[_j] = (uint8_t)(nx_truthy(((a_g_exc[i] > 100.0) ? 1.0 : 0.0)) ? 1 : 0);
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
  const int32_t* _inv_idx = ((int32_t*)N->a[24]); const int32_t* _syn_dendrite = ((int32_t*)N->a[25]); const int32_t* _post_rank = ((int32_t*)N->a[26]);
  const int64_t n = N->n[24];
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
  const int32_t* _inv_idx = ((int32_t*)N->a[13]); const int32_t* _syn_dendrite = ((int32_t*)N->a[14]); const int32_t* _post_rank = ((int32_t*)N->a[15]);
  const int64_t n = N->n[13];
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
  if (EN[1]) proj1_transmit(N, step);
}

static void nx_stage1(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
  if (EN[0]) {
    pop0_update(N, step);
  } else {
    ((int32_t*)N->a[6])[0] = 0;
    ((int32_t*)N->a[12])[0] = 0;
  }
  if (EN[1]) {
    pop1_update(N, step);
  } else {
    ((int32_t*)N->a[22])[0] = 0;
  }
}

static void nx_stage2(Net* N, int64_t step) {
  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;
}

static void nx_log_step(Net* N, int64_t step) {
  if (N->logs[0].on) nx_log_append(&N->logs[0], ((int32_t*)N->a[5]), ((int32_t*)N->a[6])[0], step);
  if (N->logs[1].on) nx_log_append(&N->logs[1], ((int32_t*)N->a[20]), ((int32_t*)N->a[22])[0], step);
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
  for (int i = 0; i < 2; i++) { if (N->rings[i].D) nx_ring_free(&N->rings[i]); free(N->inv[i].post); free(N->inv[i].w); free(N->inv[i].mark); free(N->inv[i].bits); }
  for (int i = 0; i < 2; i++) { free(N->logs[i].steps); free(N->logs[i].ranks); }
  free(N);
}
void nx_bind(Net* N, int32_t slot, void* p, int64_t n) { N->a[slot] = p; N->n[slot] = n; }
void nx_set_seed(Net* N, int64_t seed) { N->seed = (uint32_t)seed; }
void nx_prepare(Net* N) {
  proj0_prepare(N);
  proj1_prepare(N);
}
int64_t nx_derived_bytes(Net* N) {
  int64_t b = 0;
  b += N->inv[0].post ? N->inv[0].cap * 4 : 0; b += N->inv[0].w ? N->inv[0].cap * (int64_t)sizeof(double) : 0;
  b += N->inv[1].post ? N->inv[1].cap * 4 : 0; b += N->inv[1].w ? N->inv[1].cap * (int64_t)sizeof(double) : 0;
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
