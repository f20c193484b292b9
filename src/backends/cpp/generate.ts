/**
 * The whole C++ translation unit of a network: the random and math prelude, one function per
 * kernel, the three stages of a step in ANNarchy's order (the same order as the js backend's
 * `step`), and the `extern "C"` entry points the loader binds. Lean on purpose: C headers only
 * (`<cmath>`, `<cstdint>`, `<cstring>`, `<cstdlib>`, and `<omp.h>` with threads), one file.
 *
 * Stages (the monitors' hooks run between them when they are active):
 * 0. clear weighted sums, synaptic transmission (then: record `g_target`/`sum()`);
 * 1. random draws, neuron updates and spike emission (then: firing-rate windows);
 * 2. delay rings, global operations, synaptic equations, post-synaptic events (then: record).
 */
import { userFunctions, functionScope } from '../kernels/functions.js';
import type { NetworkPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { PHILOX_C_SOURCE } from '../../random/philox_c.js';
import { RANDOM_BATCH_SOURCE } from './random-batch.js';
import { FDLIBM_C_SOURCE } from './fdlibm.js';
import { PROCEDURAL_C_SOURCE } from './procedural.js';
import { ArrayTable, type ArraySlot } from './arrays.js';
import { cppSpelling, cDouble, CPP_HELPERS, cppDialect } from './spelling.js';
import { neuronKernel, stopConditionKernel } from './neuron.js';
import { runsInThreadBlocks } from '../kernels/thread-blocks.js';
import { stepRegion } from './step-region.js';
import { rateTransmissionKernel, spikeTransmissionKernel, synapseUpdateKernel, postEventKernel, spikeWalkFor, RESTORED_ARRAYS, derivedBytes } from './projection.js';
import { randomKernel, globalOpsKernel, delayKernel } from './phases.js';
import { specialPopulationKernel, specialProjectionKernel, SPECIAL_HELPERS } from './special.js';
import { InternalError } from '../../errors.js';
import { usedPrelude } from './prelude.js';
import { stepStages } from '../kernels/schedule.js';
import { indent } from '../kernels/dialect.js';

export interface GeneratedSource {
  source: string;
  /** The arrays the kernels use, in slot order (slots 0–2: constants, enabled flags, projection flags). */
  slots: ArraySlot[];
  /**
   * Projections whose post-major synapse arrays ({@link RESTORED_ARRAYS}) only `prepare` reads: its
   * derived arrays hold every synapse (post rank and weight), and `nx_restore` writes the arrays back
   * from them, so the engine may free them between runs.
   */
  compact: number[];
}

/** Slots of the engine's own arrays. */
export const NET_SLOTS = { constants: 0, enabled: 1, flags: 2 } as const;

/**
 * `NX_IVDEP` (`parallel.ts` `INDEPENDENT_ITERATIONS`): the compiler's pragma that a loop's iterations do not
 * depend on each other, so that it vectorises without run-time overlap tests of its arrays.
 */
const IVDEP_MACRO = [
  '#if defined(__clang__)',
  '#define NX_IVDEP _Pragma("clang loop vectorize(assume_safety)")',
  '#elif defined(__GNUC__)',
  '#define NX_IVDEP _Pragma("GCC ivdep")',
  '#else',
  '#define NX_IVDEP',
  '#endif',
].join('\n');

const RING = String.raw`/* A refractory period in steps, saturated to [0, 2^31 - 1] (the js kernel's Math.max(0, Math.min(Math.round(x), 2^31 - 1))):
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
`;

/** Generates the translation unit of `plan` for `threads` OpenMP threads. */
export function generateCpp(plan: NetworkPlan, options: { threads?: number } = {}): GeneratedSource {
  const threads = Math.max(1, options.threads ?? 1);
  const T = new ArrayTable(threads, new Set(plan.arrays.filter((a) => a.dtype === 'f32').map((a) => `${a.owner}:${a.id}:${a.name}`)));
  T.slot('net', 0, 'constants', 'f64');
  T.slot('net', 0, 'enabled', 'u8');
  T.slot('net', 0, 'flags', 'i32');

  const kernels: string[] = [];
  const stops: string[] = [];

  // user functions (global first, then the models'), each once
  const fns = userFunctions(plan);
  const functionCode: string[] = [];
  for (const f of fns) functionCode.push(`static inline double F_${f.name}(${f.params.map(() => 'double').join(', ')});`);
  for (const f of fns) {
    const scope = functionScope(f, plan, { param: (n) => `p_${n}`, pi: cDouble(Math.PI), constant: (c) => `C[${c}]` });
    const body = renderExpr(f.body, scope, cppSpelling);
    const usesC = plan.constants.some((c) => body.includes(`C[${plan.constants.indexOf(c)}]`));
    functionCode.push(`static inline double F_${f.name}(${f.params.map((p) => `double p_${p}`).join(', ')}) {${usesC ? ' const double* C = NX_GLOBAL_C;' : ''} return ${body}; }`);
  }

  // The kernels, in the schedule's order of kinds; the stages walk plan.schedule (../kernels/schedule.ts).
  const generated = new Set<string>();
  const add = (name: string, source: string | undefined) => { if (source) { kernels.push(source); generated.add(name); } };
  for (const proj of plan.projections) {
    add(`proj${proj.id}_transmit`, proj.special ? specialProjectionKernel(proj, plan, T)
      : proj.type === 'rate' ? rateTransmissionKernel(proj, plan, T) : spikeTransmissionKernel(proj, plan, T));
  }
  for (const p of plan.populations) if (!p.special) add(`pop${p.id}_random`, randomKernel({ kind: 'pop', plan: p }, plan, T));
  for (const proj of plan.projections) add(`proj${proj.id}_random`, randomKernel({ kind: 'proj', plan: proj }, plan, T));
  for (const p of plan.populations) {
    add(`pop${p.id}_update`, p.special ? specialPopulationKernel(p, plan, T) : neuronKernel(p, plan, T));
    const stop = stopConditionKernel(p, plan, T);
    if (stop) { kernels.push(stop); stops.push(`    case ${p.id}: return pop${p.id}_stop(N, step);`); }
  }
  for (const p of plan.populations) add(`pop${p.id}_delay`, delayKernel(p, T));
  for (const p of plan.populations) add(`pop${p.id}_globalops`, globalOpsKernel(p, T));
  for (const proj of plan.projections) if (proj.hasUpdate) add(`proj${proj.id}_update`, synapseUpdateKernel(proj, plan, T));
  for (const proj of plan.projections) if (proj.hasPostEvents) add(`proj${proj.id}_post`, postEventKernel(proj, plan, T));
  const [stage0, stage1, stage2] = stepStages(plan, {
    d: cppDialect,
    enabled: (id) => `EN[${id}]`,
    call: (name) => {
      if (!generated.has(name)) throw new InternalError(`cpp backend: the schedule calls ${name}, which was not generated`);
      return `${name}(N, step);`;
    },
    clear: (id, name, whole) => (whole ? `memset(${T.ptr('pop', id, name)}, 0, sizeof(double) * ${T.len('pop', id, name)});` : `${T.ptr('pop', id, name)}[0] = 0;`),
  }).map((lines) => indent(lines));

  // Stages 0 and 1 in one OpenMP region where they allow it (`step-region.ts`), for nx_run; before
  // the walks' derived arrays, so that `compact` below sees every kernel's arrays.
  const region = stepRegion(plan, T);
  const prepares: string[] = [];
  const restores: string[] = [];
  const compact: number[] = [];
  const derived: string[] = [];
  for (const proj of plan.projections) {
    const walk = proj.type === 'spike' && !proj.special ? spikeWalkFor(proj, plan, T.threads) : undefined;
    // No kernel but `prepare` reads the post-major synapse arrays: the engine may free them between runs.
    const unread = RESTORED_ARRAYS.every((name) => !T.has('proj', proj.id, name));
    const prepare = walk?.prepare?.(proj, plan, T);
    if (prepare) { kernels.push(prepare); prepares.push(`  proj${proj.id}_prepare(N);`); derived.push(`  ${derivedBytes(proj, T)}`); }
    const restore = unread ? walk?.restore?.(proj, plan, T) : undefined;
    if (restore) { kernels.push(restore); restores.push(`    case ${proj.id}: return proj${proj.id}_restore(N);`); compact.push(proj.id); }
  }
  const nproj = Math.max(1, plan.projections.length);
  const npop = Math.max(1, plan.populations.length);
  const logs = plan.populations.filter((p) => p.spiking)
    .map((p) => `  if (N->logs[${p.id}].on) nx_log_append(&N->logs[${p.id}], ${T.ptr('pop', p.id, '_spiked')}, ${T.ptr('pop', p.id, '_nspiked')}[0], step);`);
  const ringInit = plan.projections.filter((p) => p.delay.kind === 'variable')
    .map((p) => `  nx_ring_init(&N->rings[${p.id}], ${p.delay.kind === 'variable' ? p.delay.maxSteps : 1});`);
  // The per-thread spike lists of populations in thread blocks (`neuron.ts`), native scratch, not state.
  const blockPops = plan.populations.filter((p) => !p.special && runsInThreadBlocks(p, T.threads));
  const blocks = blockPops.length > 0;
  const blockAlloc = blockPops.map((p) => `  N->blocks[${p.id}] = (int32_t*)nx_aalloc(sizeof(int32_t) * ${p.size}LL);`);
  const stage = (n: number, body: string[]) => [
    `static void nx_stage${n}(Net* N, int64_t step) {`,
    '  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;',
    ...body,
    '}',
  ].join('\n');

  const network = [
    `static const double dt = ${cDouble(plan.dt)};`,
    '/* The seed is set at run time (nx_set_seed): networks differing only in seed share one library. */',
    '#define SEED (N->seed)',
    `#define NX_NSLOTS ${T.slots.length}`,
    `#define NX_CONSTANTS ${NET_SLOTS.constants}`,
    `#define NX_ENABLED ${NET_SLOTS.enabled}`,
    `#define NX_FLAGS ${NET_SLOTS.flags}`,
    RING,
    `struct Net { void* a[NX_NSLOTS]; int64_t n[NX_NSLOTS]; NxRing rings[${nproj}]; NxInv inv[${nproj}]; NxLog logs[${npop}];${blocks ? ` int32_t* blocks[${npop}];` : ''} uint32_t seed; };`,
    '/* user functions read Constants of the network being stepped (set by every entry point; JS calls one at a time) */',
    'static const double* NX_GLOBAL_C = 0;',
    ...functionCode,
    ...kernels,
    stage(0, stage0),
    stage(1, stage1),
    stage(2, stage2),
    ...(region ? [...region.kernels, region.source] : []),
    ['static void nx_log_step(Net* N, int64_t step) {', ...logs, '  (void)N; (void)step;', '}'].join('\n'),
    String.raw`extern "C" {
int32_t nx_num_slots(void) { return NX_NSLOTS; }
void* nx_alloc(int64_t bytes) { return nx_aalloc(bytes); }
void nx_free(void* p) { free(p); }
Net* nx_create(void) {
  Net* N = (Net*)calloc(1, sizeof(Net));
${[...ringInit, ...blockAlloc].join('\n')}
  return N;
}
void nx_destroy(Net* N) {
  for (int i = 0; i < ${nproj}; i++) { if (N->rings[i].D) nx_ring_free(&N->rings[i]); free(N->inv[i].post); free(N->inv[i].w); free(N->inv[i].mark); free(N->inv[i].bits); }
  for (int i = 0; i < ${npop}; i++) { free(N->logs[i].steps); free(N->logs[i].ranks);${blocks ? ' free(N->blocks[i]);' : ''} }
  free(N);
}
void nx_bind(Net* N, int32_t slot, void* p, int64_t n) { N->a[slot] = p; N->n[slot] = n; }
void nx_set_seed(Net* N, int64_t seed) { N->seed = (uint32_t)seed; }
void nx_prepare(Net* N) {
${prepares.join('\n')}
}
int64_t nx_derived_bytes(Net* N) {
  int64_t b = 0;
${derived.join('\n')}
  (void)N; return b;
}
int32_t nx_restore(Net* N, int32_t proj) {
  switch (proj) {${restores.map((r) => `\n${r}`).join('')}
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
  for (int64_t s = start; s < start + count; s++) { ${region ? 'nx_step_region(N, s);' : 'nx_stage0(N, s); nx_stage1(N, s);'} nx_stage2(N, s); nx_log_step(N, s); }
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
${stops.join('\n')}
    default: return 0;
  }
}
}
`,
  ].join('\n\n');
  // The random, libm and helper libraries, reduced to what this network's code reaches (prelude.ts).
  const prelude = usedPrelude([PHILOX_C_SOURCE, RANDOM_BATCH_SOURCE, FDLIBM_C_SOURCE, PROCEDURAL_C_SOURCE, CPP_HELPERS, SPECIAL_HELPERS].join('\n\n'), network);
  const source = [
    `/* neurarchy: generated C++ for ${plan.populations.length} populations and ${plan.projections.length} projections (threads: ${threads}). */`,
    '#include <cmath>',
    '#include <cstdint>',
    '#include <cstring>',
    '#include <cstdlib>',
    '#if defined(__linux__)\n#include <sys/mman.h>\n#endif',
    IVDEP_MACRO,
    ...(threads > 1 ? ['#include <omp.h>'] : []),
    prelude,
    network,
  ].join('\n\n');
  return { source, slots: T.slots, compact };
}
