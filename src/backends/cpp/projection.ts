/**
 * The kernels of a projection as C++ (twins of `../js/projection.ts`): rate-coded transmission,
 * spike propagation with its `pre_spike` code (no delay, uniform delay through the pre-synaptic
 * spike queue, per-synapse delays through a ring of synapse lists), continuous synaptic equations
 * and `post_spike` events. Spike propagation runs in the js order (spikes in emission order, the
 * synapses of each spike in index order), so every `g += w` happens in the same order.
 *
 * The spike walks are strategies ({@link spikeWalkStrategies}, the first compatible per projection):
 * `procedural` (rows regenerated), `bitmask` (one bit per pair for dense projections with one shared
 * weight and no per-synapse state; from a density of 0.3 where the events only add into the post-synaptic
 * neuron, their walk then branch-free over every pair), `post-span` (a walk over the dendrites testing the step's marked
 * spikes, in steps with many spikes, on the OpenMP threads), `post-range` (with several threads: each
 * thread walks every spike's row within its own range of post ranks), `inverse` (the spiking rows),
 * `ring-post-range` (per-synapse delays, with several threads: each thread delivers the ring slot's
 * synapses of its own range of post ranks), `ring` (per-synapse delays). When bitmask and post-span apply: `../kernels/propagation.ts`. Each gives
 * every neuron its inputs in the js order: bitmask rows run in ascending post rank (a spike's stored
 * row's order), a dendrite, sorted by pre rank, meets the step's spikes in their (ascending) list
 * order, and a post-range thread meets its neurons' synapses in the inverse walk's order (a
 * ring-post-range thread in the ring slot's push order).
 */
import { eventDecay, eventStatements, type EventTarget } from '../kernels/events.js';
import { transmitsAxonSpikes } from '../kernels/axon.js';
import { plasticityGuard, rateSumParts, continuousSumParts, spikeSource, preSpikeEvent, axonSpikeEvent, type SpikeSourceTarget } from '../kernels/transmission.js';
import { proceduralTemps, proceduralWalk } from '../kernels/procedural.js';
import { POST_RANGE_MIN_SYNAPSES, meanRow, postRangeObstacle, postRangeTuning, readsPre, ringPostRangeObstacle, unitsFor } from '../kernels/post-range.js';
import { cppProceduralDraws } from './procedural.js';
import { dendriteSumLoop, inverseWalk, indicesRead, ringWalk, ringPush, ringDelivery, hasSpikeRing, synapseUpdateLoop, writesOnlySelf, postSpikeWalk, postSpanWalk, type LoopTarget, type SynapseRing } from '../kernels/synapse-loops.js';
import { addsOnly, bitmaskWords, choosesBitmask, choosesPostSpan, postSpanMinSpikes, propagationChoice } from '../kernels/propagation.js';
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { cppSpelling, cppDialect } from './spelling.js';
import { renderSteps, indent, plain, type StatementContext as CStatementContext } from './statements.js';
import { synapseScope, type CSynapseScope } from './synapse-scope.js';
import { C_TYPE, cname, type ArrayTable } from './arrays.js';
import { parallelFor, SYNAPSE_THRESHOLD, threadRange } from './parallel.js';
import { runsInThreadBlocks } from '../kernels/thread-blocks.js';
import { synapseAttribute, synapseLvalue } from '../synapse-writes.js';
import { InternalError } from '../../errors.js';
import { FLAGS, FLAGS_PER_PROJECTION } from '../kernels/switches.js';
import { bareIndex } from '../kernels/dialect.js';
import { hasInverse, mirrorsWeights } from '../kernels/inverse.js';
import { invariantDeclarations, synapseUpdateTemps } from '../kernels/invariants.js';

export { hasInverse };


function header(name: string, proj: ProjectionPlan, params = ''): string[] {
  return [
    `static void ${name}(Net* N, int64_t step${params}) {`,
    `  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + ${FLAGS_PER_PROJECTION * proj.id};`,
    '  const double* C = (const double*)N->a[NX_CONSTANTS];',
    '  const double t = (double)step * dt;',
    // A local copy, so that the compiler knows the flag cannot change inside the synapse loops.
    `  const bool _plastic = FL[${FLAGS.plasticity}] != 0;`,
    '  (void)C; (void)t; (void)_plastic;',
  ];
}

function synapseContext(proj: ProjectionPlan, net: NetworkPlan, scope: CSynapseScope, table: ArrayTable): CStatementContext {
  return {
    scope,
    location: (owner, target) => plain(synapseLvalue(proj, net, scope, (p, target, idx) => `${table.ptr('pop', p.id, target)}[${idx}]`)(owner, target)),
    attribute: synapseAttribute(proj, net),
    // A select, not a branch: an unconditional store keeps the synapse loops vectorisable (same values).
    guard: (owner, target) => plasticityGuard(owner, target, 'select', '_plastic'),
  };
}

/**
 * The C++ places of the shared loops (`../kernels/synapse-loops.ts`): arrays are pointer locals
 * declared on use, loops over dendrites run under OpenMP when their iterations write disjoint
 * elements and the work is large enough, and independent synapse loops carry a vectorisation hint.
 */
function loopTarget(proj: ProjectionPlan, scope: CSynapseScope, table: ArrayTable): LoopTarget {
  return {
    d: cppDialect,
    el: (name, i) => `${scope.arrays.need(name, 'proj', proj.id, name)}[${bareIndex(i)}]`,
    dendrites: () => table.len('proj', proj.id, '_post_rank'),
    // The synapse count decides at generation where it cannot change: no call into OpenMP at all
    // below the threshold (an `if(false)` clause still costs ≈ 1 µs a loop: Oja 100 on two threads).
    parallel: (synapses) => parallelFor(table.threads, synapses, proj.rewirable ? undefined : proj.synapses, SYNAPSE_THRESHOLD),
    // ivdep lets GCC vectorise despite the pointers it cannot prove distinct (element-wise, same bits).
    independent: () => ['#pragma GCC ivdep'],
    laneGroup,
  };
}

/**
 * Dense rows' groups of four as one `nx_v4d` step (`LoopTarget.laneGroup`) when the psp is the
 * product of two arrays read at `k` and at `rk_pre` (`w * pre.r`, as the renderer writes it): lane j
 * is partial j, `nx_v4` loads four doubles or converts four floats at once, and the product and the
 * sum are the lanes' own (no contraction: -ffp-contract=off), so the bits are the four blocks'. g++
 * left to itself vectorises float32 groups as two 128-bit halves with a conversion per load.
 */
function laneGroup(add: string, offset: number): { pack: string[]; step: string[]; unpack: string[] } | undefined {
  const m = /^_s0 \+= \((\w+)\[(k|rk_pre)\] \* (\w+)\[(k|rk_pre)\]\);$/.exec(add.trim());
  if (!m || m[2] === m[4]) return undefined;
  const at = (index: string) => (index === 'k' ? '_kq' : `_kq - _k0${offset ? ' + 1' : ''}`);
  return {
    pack: ['nx_v4d _sv = { _s0, _s1, _s2, _s3 };'],
    step: [`_sv += nx_v4(&${m[1]}[${at(m[2])}]) * nx_v4(&${m[3]}[${at(m[4])}]);`],
    unpack: ['_s0 = _sv[0]; _s1 = _sv[1]; _s2 = _sv[2]; _s3 = _sv[3];'],
  };
}

/** Rate-coded transmission: the weighted sums of every dendrite. */
export function rateTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable): string {
  const scope = synapseScope(proj, net, table, { dtName: 'dt', temps: new Set() });
  const parts = rateSumParts(proj, { d: cppDialect, psp: () => renderExpr(proj.description.psp!, scope, cppSpelling) });
  const sum = scope.arrays.need('_sum', 'pop', proj.post, parts.into[0]);
  const loop = dendriteSumLoop(loopTarget(proj, scope, table), parts, (_n, i) => `${sum}[${i}]`);
  const body = [...scope.declarations(), ...scope.prologue(), ...loop];
  return [...header(`proj${proj.id}_transmit`, proj), `  if (!FL[${FLAGS.transmission}]) return;`, ...indent(body), '}'].join('\n');
}

/** The C++ places of the shared event parts (`../kernels/events.ts`); `_last_event` is declared on use. */
function eventTarget(proj: ProjectionPlan, ctx: CStatementContext, table: ArrayTable, scope: CSynapseScope): EventTarget {
  return {
    d: cppDialect, ctx, elapsed: '_elapsed',
    lastEvent: () => `${scope.arrays.need('_last_event', 'proj', proj.id, '_last_event')}[k]`,
    lastSpike: (side) => `${table.ptr('pop', side === 'pre' ? proj.pre : proj.post, '_last_spike')}[rk_${side}]`,
  };
}

/** What a spike walk lays out: the kernel's places, and the event code of one reached synapse `k`. */
export interface SpikeWalkInput {
  proj: ProjectionPlan;
  net: NetworkPlan;
  table: ArrayTable;
  /** The places of the shared loops. */
  target: LoopTarget;
  /** `preSpikeEvent` of `../kernels/transmission.ts`, for synapse `k` (`i`, `rk_pre`, `rk_post` declared). */
  event: string[];
  /** The pre-synaptic spike list and its count (this step's). */
  spiked: string;
  nspiked: string;
  /**
   * The event with each addition into the post-synaptic neuron made `x = x + (on ? v : -0.0)` (`on`
   * a condition): the event where `on`, the same bits as no event elsewhere. Only for `addsOnly`
   * events (`../kernels/propagation.ts`).
   */
  maskedEvent(on: string): string[];
  /**
   * Lay out thread `_t` of `_nt`'s share only, with no region of its own (`_t`, `_nt` are the
   * kernel's parameters): the body of a step's one region (`sharesStepRegion`). Only the post-range walk has one.
   */
  share?: boolean;
}

/**
 * A way to find the synapses reached by a step's pre-synaptic spikes (GeNN's propagation strategies):
 * the first compatible one of `spikeWalkStrategies` is chosen per projection. Every strategy visits
 * the spikes in emission order and the synapses of each in index order (the js order: bit for bit).
 */
export interface SpikeWalkStrategy {
  readonly name: string;
  /** Whether the strategy can run the projection and its shape chooses it with `threads` OpenMP threads (`../kernels/propagation.ts` for the new ones). */
  compatible(proj: ProjectionPlan, net: NetworkPlan, threads: number): boolean;
  /** How the event code reads `w` (a copy in the walk's order), or undefined for the weights themselves. */
  weightRead(proj: ProjectionPlan): string | undefined;
  lines(w: SpikeWalkInput): string[];
  /** `proj<id>_prepare`, the kernel building the walk's derived arrays from the connectivity (none by default). */
  prepare?(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable): string;
  /**
   * `proj<id>_restore`, where the derived arrays hold every synapse (`prepare` copies the post ranks
   * and the weights): writes {@link RESTORED_ARRAYS} back from them (none by default).
   */
  restore?(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable): string | undefined;
}

/**
 * A projection's post-major synapse arrays that `proj<id>_restore` writes back from the inverse
 * copies: the engine frees them between runs where no kernel but `prepare` reads them.
 */
export const RESTORED_ARRAYS = ['_pre_rank', 'w', '_syn_dendrite', '_inv_idx'] as const;

/**
 * The derived arrays of the walks through the inverse rows (`inverse`, `post-range`): the post ranks
 * and, where no kernel writes `w`, the weights in inverse order, from which the post-major arrays
 * can then be written back.
 */
const inverseCopies: Pick<SpikeWalkStrategy, 'prepare' | 'restore'> = {
  prepare: (proj, _net, table) => prepareKernel(proj, table, mirrorsWeights(proj)),
  restore: (proj, _net, table) => (mirrorsWeights(proj) ? restoreKernel(proj, table) : undefined),
};

/**
 * The spikes a walk transmits, into the locals `_src` and `_ns`: this step's (`now`, by default an
 * assignment to the declared locals), or a slot of the pre-synaptic spike queue.
 */
function queueSource({ proj, net, table, spiked, nspiked }: SpikeWalkInput, now = `_src = ${spiked}; _ns = ${nspiked};`): SpikeSourceTarget {
  const size = net.populations[proj.pre].size;
  return {
    d: cppDialect,
    now: () => [now],
    queued: (slot) => [`_ns = ${table.ptr('pop', proj.pre, '_spike_queue_n')}[${slot}];`, `_src = ${table.ptr('pop', proj.pre, '_spike_queue')} + ${slot} * ${size};`],
    queue: () => ({
      delay: `${table.ptr('proj', proj.id, '_delay_uniform')}[0]`,
      newest: `${table.ptr('pop', proj.pre, '_spike_queue_idx')}[0]`,
      slots: table.len('pop', proj.pre, '_spike_queue_n'),
    }),
  };
}

/**
 * No or uniform delays: the inverse indices of each spiking neuron's row, with the derived inverse
 * arrays (built by `proj<id>_prepare`): the post rank per inverse entry (`_ipost`), and the weights
 * in inverse order (`_iw`, read contiguously through the scope) where no kernel writes them.
 */
const inverseWalkStrategy: SpikeWalkStrategy = {
  name: 'inverse',
  compatible: hasInverse,
  weightRead: (proj) => (mirrorsWeights(proj) ? '_iw[m]' : undefined),
  lines: (w) => [...stepSpikes(w), ...inverseRows(w, mirrorsWeights(w.proj))],
  ...inverseCopies,
};

/**
 * The spikes of this step a walk transmits, as the locals `_src` and `_ns`: without delay declared
 * where they are taken (const); a uniform delay chooses them.
 */
function stepSpikes(w: SpikeWalkInput): string[] {
  const { proj, spiked, nspiked } = w;
  const uniform = proj.delay.kind === 'uniform';
  return [
    ...(uniform ? ['const int32_t* _src; int64_t _ns;'] : []),
    ...spikeSource(proj, queueSource(w, uniform ? undefined : `const int32_t* _src = ${spiked}; const int64_t _ns = ${nspiked};`)),
  ];
}

/** The C type of the weights' elements, and so of their inverse-ordered copy (`_iw`): float32 ones stay float32 (half the bytes a spike reads). */
function weightType(proj: ProjectionPlan, table: ArrayTable): string {
  return C_TYPE[table.elementType('proj', proj.id, 'w')];
}

/** The inverse walk of the spikes `_src`/`_ns` through the derived arrays (`_iw`, the weights in inverse order, where `mirror`). */
function inverseRows({ proj, table, target, event }: SpikeWalkInput, mirror: boolean): string[] {
  return [inverseArrays(proj, table, mirror), ...inverseRowWalk(target, event, mirror)];
}

/** The declarations of the derived arrays an inverse walk reads: `_ipost`, and `_iw` where `mirror`. */
function inverseArrays(proj: ProjectionPlan, table: ArrayTable, mirror: boolean): string {
  const w = weightType(proj, table);
  return `const int32_t* __restrict _ipost = N->inv[${proj.id}].post;${mirror ? ` const ${w}* __restrict _iw = (const ${w}*)N->inv[${proj.id}].w;` : ''}`;
}

/** One thread's walk of every spike's whole inverse row (the arrays declared), its rows prefetched. */
function inverseRowWalk(target: LoopTarget, event: string[], mirror: boolean): string[] {
  return [...rowPrefetches(target, mirror), ...inverseWalk(target, (s) => `_src[${s}]`, '_ns', event, { postOf: (m) => `_ipost[${m}]`, omitUnread: true })];
}

/**
 * Prefetches before a walk of the spikes `_src`/`_ns` (they change no value): the spikes' row
 * pointers, then where the walk enters each row — its start, or with `postSize` (a post-range
 * thread's walk) about `_lo / postSize` of the way in — so that these cache misses overlap instead of
 * following one another. The microcircuit's 340 walks, short rows in 2.4 GB, waited on them.
 */
function rowPrefetches(target: LoopTarget, mirror: boolean, postSize?: number): string[] {
  const ptr = (idx: string) => target.el('_inv_ptr', idx);
  const entry = postSize === undefined ? '_a' : `_a + (${ptr('_src[s] + 1')} - _a) * _lo / ${postSize}`;
  return [
    `for (int64_t s = 0; s < _ns; s++) __builtin_prefetch(&${ptr('_src[s]')});`,
    'for (int64_t s = 0; s < _ns; s++) {',
    `  const int64_t _a = ${ptr('_src[s]')}, _c = ${entry};`,
    `  __builtin_prefetch(_ipost + _c);${mirror ? ' __builtin_prefetch(_iw + _c);' : ''}`,
    '}',
  ];
}

/**
 * Post-span (`../kernels/propagation.ts`): in a step with at least `postSpanMinSpikes` spikes, the
 * spiking pre-synaptic neurons are marked (`N->inv[id].mark`, one byte per neuron, unmarked after),
 * then every dendrite runs the events of its marked synapses, in index order, on the threads of the
 * OpenMP partition (each dendrite writes only its neuron); in a step with fewer spikes, the inverse
 * walk. Both orders give every neuron its inputs in the js order: the same bits. The weights are
 * read in place (no inverse-ordered copy: the dendrite walk reads them in index order).
 */
const postSpanStrategy: SpikeWalkStrategy = {
  name: 'post-span',
  compatible: (proj, net, threads) => choosesPostSpan(proj, net, 'cpp', dendriteThreads(proj, threads)),
  weightRead: () => undefined,
  lines(w) {
    const { proj, net, table, target, event } = w;
    return [
      ...stepSpikes(w),
      ...cppDialect.ifBlock(`_ns >= ${postSpanMinSpikes(proj, net, 'cpp', dendriteThreads(proj, table.threads))}`, [
        `uint8_t* __restrict _mark = N->inv[${proj.id}].mark;`,
        'for (int64_t s = 0; s < _ns; s++) _mark[_src[s]] = 1;',
        ...postSpanWalk(target, (r) => `_mark[${r}]`, event),
        'for (int64_t s = 0; s < _ns; s++) _mark[_src[s]] = 0;',
      ], inverseRows(w, false)),
    ];
  },
  prepare: (proj, net, table) => prepareKernel(proj, table, false, [
    `  if (!v->mark) v->mark = (uint8_t*)nx_aalloc(${net.populations[proj.pre].size});`,
  ]),
};

/** Whether `threads` threads may split the post ranks of `proj` in a walk refused where `obstacle` names a reason. */
function splitsPostRanks(proj: ProjectionPlan, net: NetworkPlan, threads: number, obstacle: (p: ProjectionPlan, n: NetworkPlan) => string | undefined): boolean {
  // Into thread blocks whatever its size: its threads then write only the conductances they integrate.
  const size = proj.synapses >= POST_RANGE_MIN_SYNAPSES || runsInThreadBlocks(net.populations[proj.post], threads);
  return threads > 1 && propagationChoice.force !== 'row' && size && obstacle(proj, net) === undefined;
}

/**
 * One OpenMP region of a step in which thread `t` of `T` owns the post ranks
 * `[post.size × t / T, post.size × (t + 1) / T)` (`_lo`, `_hi`) and runs `body`. It forks only when
 * `work` (the step's spikes or ring entries, `eventsPerUnit` synapse events each) reaches the
 * threshold in events (`postRangeTuning`: lower into a population in thread blocks; at 0 the region
 * has no test), else the calling thread runs `serial`, the one-thread walk (the same visits, without
 * the range tests and searches), outside any OpenMP region: a region with a false `if` clause still costs a runtime call and an outlined body reading
 * its variables through a pointer, which made small networks slower on two threads than on one
 * (COBA 20 000: 0.319 against 0.292 s); the ranged body run over every rank still did (COBA 4000:
 * 0.055 against 0.047 s).
 */
function postRangeRegion(threads: number, post: PopulationPlan, work: string, eventsPerUnit: number, body: string[], serial: string[]): string[] {
  const region = [
    `#pragma omp parallel num_threads(${threads})`,
    '{',
    '  const int64_t _nt = omp_get_num_threads(), _t = omp_get_thread_num();',
    `  ${threadRange(post.size)}`,
    ...indent(body),
    '}',
  ];
  const blocks = runsInThreadBlocks(post, threads);
  // Into thread blocks with the threshold at 0, every step forks: no test, no one-thread copy.
  if (blocks && postRangeTuning.blockMinEvents <= 0) return region;
  const minEvents = blocks ? postRangeTuning.blockMinEvents : postRangeTuning.minEvents;
  return [
    `if (${work} >= ${unitsFor(minEvents, eventsPerUnit)}) {`,
    ...indent(region),
    '} else {',
    ...indent(serial),
    '}',
  ];
}


/**
 * Post-range (issue 19): with several threads, the post-synaptic ranks are split into one
 * contiguous range per OpenMP thread, `[post.size × t / T, post.size × (t + 1) / T)`; inside one
 * parallel region every thread walks every spike of the step, in emission order, and of each spike's
 * inverse row only the entries whose post rank is in its range. A row's inverse entries ascend in
 * synapse index, hence in dendrite, hence in post rank (dendrites are stored by strictly increasing
 * post rank, `validateConnectivity`), so a thread finds its first entry by a binary search over the
 * row's post ranks (`_ipost`) and stops at the first rank past its range.
 *
 * Why the bits are the js bits whatever the thread count: the compatibility test
 * (`postRangeObstacle`) lets the events write only the post-synaptic neuron and its dendrite's
 * synapses, so every written element belongs to exactly one thread; that thread meets the synapses of
 * its neurons in the order of the one-thread walk (spikes in emission order, each row in inverse
 * order), so each neuron receives the same additions in the same order. With few events in a step
 * (`POST_RANGE_MIN_EVENTS`), one thread runs the walk (the same visits). The weights are read as the
 * inverse walk reads them (the inverse-ordered copy `_iw` where no kernel writes them).
 */
const postRangeStrategy: SpikeWalkStrategy = {
  name: 'post-range',
  compatible: (proj, net, threads) => splitsPostRanks(proj, net, threads, postRangeObstacle),
  weightRead: (proj) => (mirrorsWeights(proj) ? '_iw[m]' : undefined),
  lines(w) {
    const { proj, net, table, target, event } = w;
    const mirror = mirrorsWeights(proj);
    const ptr = (idx: string) => target.el('_inv_ptr', idx);
    const read = indicesRead(event);
    const row = [
      'const int64_t rk_pre = _src[s];',
      `int64_t _m = ${ptr('rk_pre')}; const int64_t _m1 = ${ptr('rk_pre + 1')};`,
      // The first entry of the row whose post rank is at least _lo (the row ascends in post rank).
      'if (_lo > 0) { int64_t _hi_m = _m1; while (_m < _hi_m) { const int64_t _mid = _m + ((_hi_m - _m) >> 1); if (_ipost[_mid] < _lo) _m = _mid + 1; else _hi_m = _mid; } }',
      'for (int64_t m = _m; m < _m1; m++) {',
      '  const int64_t rk_post = _ipost[m];',
      '  if (rk_post >= _hi) break;',
      ...(read.k ? [`  const int64_t k = ${target.el('_inv_idx', 'm')};`] : []),
      ...(read.i ? [`  const int64_t i = ${target.el('_syn_dendrite', 'k')};`, '  (void)i;'] : []),
      ...indent(event),
      '}',
    ];
    const arrays = inverseArrays(proj, table, mirror);
    const postSize = net.populations[proj.post].size;
    const spikes = [...rowPrefetches(target, mirror, postSize), 'for (int64_t s = 0; s < _ns; s++) {', ...indent(row), '}'];
    if (w.share) return [...stepSpikes(w), arrays, threadRange(postSize), ...spikes];
    return [
      ...stepSpikes(w),
      arrays,
      // One region per step, not a parallel loop: every thread walks all the spikes (its share of each
      // row). The step's spikes at the mean row length decide whether to fork (counting the rows'
      // events took a pass over the row pointers that small networks felt on two threads).
      ...postRangeRegion(table.threads, net.populations[proj.post], '_ns', meanRow(proj, net), spikes, inverseRowWalk(target, event, mirror)),
    ];
  },
  ...inverseCopies,
};

/** The threads a dendrite walk runs on: the OpenMP partition's above `SYNAPSE_THRESHOLD` synapses, else one. */
function dendriteThreads(proj: ProjectionPlan, threads: number): number {
  return proj.synapses >= SYNAPSE_THRESHOLD ? threads : 1;
}

/**
 * Bitmask connectivity (`../kernels/propagation.ts`): one bit per (pre, post) pair
 * (`N->inv[id].bits`, built from the stored rows by `proj<id>_prepare`), rows of 32-bit words per
 * pre-synaptic neuron; each spike, in emission order, runs its row in ascending post rank (its
 * stored row's order); the one shared weight is `w[0]`. Events that only add into the post-synaptic
 * neuron (`addsOnly`) run for every pair of the row, branch-free, adding `-0.0` where the bit is
 * clear (no bit changes); other events run for the set bits one by one.
 */
const bitmaskStrategy: SpikeWalkStrategy = {
  name: 'bitmask',
  compatible: (proj, net) => choosesBitmask(proj, net, 'cpp'),
  weightRead: () => undefined,
  lines(w) {
    const { proj, net } = w;
    const words = bitmaskWords(proj, net);
    return [
      ...stepSpikes(w),
      `const uint32_t* __restrict _bits = N->inv[${proj.id}].bits;`,
      'for (int64_t s = 0; s < _ns; s++) {',
      '  const int64_t rk_pre = _src[s];',
      `  const uint32_t* _row = _bits + rk_pre * ${words};`,
      ...indent(addsOnly(proj, net) ? everyPair(w) : setBits(w, words)),
      '}',
    ];
  },
  prepare: (proj, net, table) => bitmaskPrepareKernel(proj, net, table),
};

/** The set bits of row `_row`, one by one (a word's lowest first). */
function setBits({ event }: SpikeWalkInput, words: number): string[] {
  return [
    `for (int64_t _wd = 0; _wd < ${words}; _wd++) {`,
    '  for (uint32_t _b = _row[_wd]; _b != 0; _b &= _b - 1) {',
    '    const int64_t rk_post = _wd * 32 + __builtin_ctz(_b);',
    ...indent(event, 2),
    '  }',
    '}',
  ];
}

/** Every pair of row `_row`, the masked event of each (whole words with a constant trip count, then the last word's part). */
function everyPair({ proj, net, maskedEvent }: SpikeWalkInput): string[] {
  const size = net.populations[proj.post].size;
  const full = Math.floor(size / 32), tail = size % 32;
  const word = (wd: string, bits: number) => [
    `const uint32_t _b = _row[${wd}];`,
    `for (int64_t _t = 0; _t < ${bits}; _t++) {`,
    `  const int64_t rk_post = ${wd} * 32 + _t;`,
    ...indent(maskedEvent('((_b >> _t) & 1u)')),
    '}',
  ];
  return [
    ...(full ? [`for (int64_t _wd = 0; _wd < ${full}; _wd++) {`, ...indent(word('_wd', 32)), '}'] : []),
    ...(tail ? cppDialect.block(word(String(full), tail)) : []),
  ];
}

/** The native ring of synapses in flight of projection `id` (`N->rings[id]`, an `NxRing`). */
function nativeRing(id: number): SynapseRing {
  return {
    read: [`NxRing* _ring = &N->rings[${id}];`, 'const int64_t _D = _ring->D, _ri = _ring->idx;'],
    push: (slot, k) => `nx_ring_push(_ring, ${slot}, (int32_t)${k});`,
    current: ['const int32_t* _slot = _ring->slot[_ri]; const int64_t _sn = _ring->len[_ri];'],
    element: (m) => `_slot[${m}]`,
    advance: ['_ring->len[_ri] = 0;', '_ring->idx = (_ri + 1) % _D;'],
  };
}

/**
 * Per-synapse delays: this step's spikes push each reached synapse into the native ring
 * (`N->rings[id]`) at the slot its delay ahead; the synapses of this step's slot then run, in the
 * order they were pushed (the js ring's order).
 */
const ringWalkStrategy: SpikeWalkStrategy = {
  name: 'ring',
  compatible: hasSpikeRing,
  weightRead: () => undefined,
  lines: ({ proj, target, event, spiked, nspiked }) => [
    `const int32_t* _src = ${spiked}; const int64_t _ns = ${nspiked};`,
    ...ringWalk(target, nativeRing(proj.id), (s) => `_src[${s}]`, '_ns', event),
  ],
};

/**
 * Ring-post-range (issue 19, per-synapse delays): with several threads, the push of this step's
 * spikes into the ring stays the ring walk's (one thread, spikes in emission order, each row in
 * inverse order); the delivery of this step's slot runs inside one parallel region, where every
 * thread scans the whole slot in push order and runs the event of only the synapses whose
 * post-synaptic rank (`_post_rank[_syn_dendrite[k]]`) lies in its contiguous range
 * `[post.size × t / T, post.size × (t + 1) / T)`. The slot is emptied and the ring advanced once,
 * after the region. The transmission kernel runs outside any parallel region (no nesting).
 *
 * Why the bits are the js bits whatever the thread count: the compatibility test
 * (`ringPostRangeObstacle`, the post-range walk's) lets the events write only the post-synaptic
 * neuron and its dendrite's synapses, so every written element belongs to exactly one thread; that
 * thread meets the synapses of its neurons in the slot's push order, the order of the one-thread ring
 * walk, so each neuron receives the same additions in the same order. A slot with fewer entries than
 * `POST_RANGE_MIN_EVENTS` is delivered by one thread (the same visits). The ring's contents (push
 * order, slots) do not depend on the threads, so spikes in flight across runs are the same.
 */
const ringPostRangeStrategy: SpikeWalkStrategy = {
  name: 'ring-post-range',
  compatible: (proj, net, threads) => splitsPostRanks(proj, net, threads, ringPostRangeObstacle),
  weightRead: () => undefined,
  lines({ proj, net, table, target, event, spiked, nspiked }) {
    const ring = nativeRing(proj.id);
    return [
      `const int32_t* _src = ${spiked}; const int64_t _ns = ${nspiked};`,
      // The push: the ring walk's, on one thread.
      ...ringPush(target, ring, (s) => `_src[${s}]`, '_ns'),
      ...ring.current,
      // One region per step: every thread scans the whole slot (its post range's entries).
      ...postRangeRegion(table.threads, net.populations[proj.post], '_sn', 1,
        ringDelivery(target, ring, event, { skip: ['if (rk_post < _lo || rk_post >= _hi) continue;'] }),
        ringDelivery(target, ring, event)),
      ...ring.advance,
    ];
  },
};

/**
 * Procedural connectivity: each spike's row regenerated (`../kernels/procedural.ts`), the spikes of
 * a uniform delay from the queue, per-synapse delays from the queue at every delay.
 */
const proceduralWalkStrategy: SpikeWalkStrategy = {
  name: 'procedural',
  compatible: (proj) => proj.procedural !== undefined,
  weightRead: () => undefined,
  lines(w) {
    const { proj, table, target, event } = w;
    return [
      'const int32_t* _src; int64_t _ns;',
      `const int32_t* _ptab = ${table.ptr('proj', proj.id, '_proc_table')}; const int64_t _pK = ${proj.procedural!.table.length};`,
      ...proceduralWalk(proj, w.net, target, cppProceduralDraws(proj), queueSource(w), (s) => `_src[${s}]`, '_ns', event),
    ];
  },
};

/** The spike walks, in order of preference. */
export const spikeWalkStrategies: readonly SpikeWalkStrategy[] = [proceduralWalkStrategy, bitmaskStrategy, postSpanStrategy, postRangeStrategy, inverseWalkStrategy, ringPostRangeStrategy, ringWalkStrategy];

/** The spike walk of a spiking projection on `threads` threads: the first compatible of {@link spikeWalkStrategies}. */
export function spikeWalkFor(proj: ProjectionPlan, net: NetworkPlan, threads = 1): SpikeWalkStrategy {
  const walk = spikeWalkStrategies.find((w) => w.compatible(proj, net, threads));
  if (!walk) throw new InternalError(`cpp backend: no spike walk for projection '${proj.name}'`);
  return walk;
}

/** Spike propagation with the `pre_spike` code of every synapse reached by a (delayed) spike. */
export function spikeTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable, share = false): string {
  const walk = spikeWalkFor(proj, net, table.threads);
  if (share && !sharesStepRegion(proj, net, table.threads)) throw new InternalError(`cpp backend: projection ${proj.id} has no share of a step region`);
  const scope = synapseScope(proj, net, table, { dtName: 'dt', temps: new Set(proceduralTemps(proj)), weightRead: walk.weightRead(proj) });
  const ctx = synapseContext(proj, net, scope, table);
  const target = loopTarget(proj, scope, table);
  const event = preSpikeEvent(proj, eventTarget(proj, ctx, table, scope), 'step');
  const spiked = table.ptr('pop', proj.pre, '_spiked');
  const nspiked = `${table.ptr('pop', proj.pre, '_nspiked')}[0]`;
  const maskedEvent = (on: string) => preSpikeEvent(proj, eventTarget(proj, maskedAdds(ctx, on), table, scope), 'step');
  const loop = walk.lines({ proj, net, table, target, event, spiked, nspiked, maskedEvent, share });
  if (transmitsAxonSpikes(proj, net)) {
    // Axonal spikes of the previous step run `pre_axon_spike` (no delay, gated by axonTransmission).
    const axonEvent = axonSpikeEvent(proj, eventTarget(proj, ctx, table, scope), 'step');
    loop.push(...cppDialect.ifBlock(`FL[${FLAGS.axonTransmission}]`, [
      `const int32_t* _asrc = ${table.ptr('pop', proj.pre, '_axon_spiked')}; const int64_t _nas = ${table.ptr('pop', proj.pre, '_naxon')}[0];`,
      ...inverseWalk(target, (s) => `_asrc[${s}]`, '_nas', axonEvent),
    ]));
  }
  const continuous = continuousTransmission(proj, net, table);
  const body = [...scope.declarations(), ...scope.prologue(), ...loop, ...continuous];
  const name = share ? `proj${proj.id}_share` : `proj${proj.id}_transmit`;
  return [...header(name, proj, share ? ', int64_t _t, int64_t _nt' : ''), `  if (!FL[${FLAGS.transmission}]) return;`, ...indent(body), '}'].join('\n');
}

/**
 * Whether a projection's transmission can run as thread `_t`'s share inside a step's one region
 * (`generate.ts`), before the thread's block of the post-synaptic population: the post-range walk
 * into a population in thread blocks (the same split of the ranks), whose events only add values
 * that read nothing of the pre-synaptic side (`addsOnly`; another thread may be updating the
 * pre-synaptic neurons meanwhile), with no axonal spikes, continuous transmission or event-driven
 * variables. Its share then touches only what its thread integrates next.
 */
export function sharesStepRegion(proj: ProjectionPlan, net: NetworkPlan, threads: number): boolean {
  if (proj.type !== 'spike' || proj.special || spikeWalkFor(proj, net, threads) !== postRangeStrategy) return false;
  if (!runsInThreadBlocks(net.populations[proj.post], threads) || !addsOnly(proj, net)) return false;
  const d = proj.description;
  if (transmitsAxonSpikes(proj, net) || proj.continuous || d.eventDriven.length > 0) return false;
  return ![...d.transmission, ...d.preSpike].some((a) => readsPre(a.value));
}

/**
 * A statement context whose additions into the post-synaptic neuron add `v` where `on`, else
 * `-0.0` (`x + -0.0` is `x`, bit for bit, for every `x`): the printer's path for concurrent
 * additions (`Location.atomicAdd`), which takes only `+=`/`-=` without bounds (`addsOnly`: `+=`).
 * `v` is evaluated for every pair: an expression over the weight, constants and the two neurons'
 * variables, whose indices are in range for any pair.
 */
function maskedAdds(ctx: CStatementContext, on: string): CStatementContext {
  return {
    ...ctx,
    location(owner, target) {
      const loc = ctx.location(owner, target);
      // The value first, whatever `on`: a select of two values, not a branch around a load (which a bit per pair would mispredict).
      return owner === 'post' ? { ...loc, atomicAdd: (v: string) => `{ const double _mv = ${v}; ${loc.store(`(${loc.read} + (${on} ? _mv : -0.0))`)} }` } : loc;
    },
  };
}

/**
 * Continuous transmission of a spiking projection (`../kernels/transmission.ts`), after its spike
 * events, laid out as a rate-coded sum. A block of its own, whose scope reads `pre.x` through the
 * delay ring; the CSR arrays are the enclosing kernel's.
 */
function continuousTransmission(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable): string[] {
  const scope = synapseScope(proj, net, table, { dtName: 'dt', temps: new Set(), delayedPre: true });
  const parts = continuousSumParts(proj, { d: cppDialect, psp: () => renderExpr(proj.description.psp!, scope, cppSpelling) });
  if (!parts) return [];
  const g = parts.into.map((name, n) => scope.arrays.need(`_g${n}`, 'pop', proj.post, name));
  const loop = dendriteSumLoop(loopTarget(proj, scope, table), parts, (n, i) => `${g[n]}[${i}]`);
  return cppDialect.block([...scope.declarations(), ...scope.prologue(), ...loop]);
}

/**
 * `proj<id>_prepare`: (re)builds the derived inverse arrays from the connectivity (and the weights).
 * The engine calls it before a run whenever an array was rebound or an attribute written.
 */
function prepareKernel(proj: ProjectionPlan, table: ArrayTable, mirror: boolean, extra: string[] = []): string {
  const ptr = (name: string) => table.ptr('proj', proj.id, name);
  return [
    `static void proj${proj.id}_prepare(Net* N) {`,
    `  NxInv* v = &N->inv[${proj.id}];`,
    `  const int32_t* _inv_idx = ${ptr('_inv_idx')}; const int32_t* _syn_dendrite = ${ptr('_syn_dendrite')}; const int32_t* _post_rank = ${ptr('_post_rank')};`,
    `  const int64_t n = ${table.len('proj', proj.id, '_inv_idx')};`,
    '  if (n > v->cap) {',
    '    free(v->post); free(v->w);',
    '    v->post = (int32_t*)nx_aalloc(n * 4);',
    `    v->w = ${mirror ? `nx_aalloc(n * (int64_t)sizeof(${weightType(proj, table)}))` : '0'};`,
    '    v->cap = n;',
    '  }',
    '  for (int64_t m = 0; m < n; m++) v->post[m] = _post_rank[_syn_dendrite[_inv_idx[m]]];',
    ...(mirror ? [`  { const auto* _w = ${ptr('w')}; ${weightType(proj, table)}* _iw = (${weightType(proj, table)}*)v->w; for (int64_t m = 0; m < n; m++) _iw[m] = _w[_inv_idx[m]]; }`] : []),
    ...extra,
    '}',
  ].join('\n');
}

/**
 * `proj<id>_restore`: the post-major arrays written back from the copies `prepare` made in inverse
 * order (`N->inv[id]`: post ranks, weights). The pre-synaptic neurons in ascending order, each row's
 * synapses in its order, are appended to their dendrites: every dendrite gets its pre ranks in
 * ascending order and equal ranks in their index order (`_inv_idx` lists a row in index order). The
 * arrays as they were for connectivity whose dendrites list their pre ranks in ascending order: the
 * engine frees them only then. 1 where the system refuses the cursors' memory.
 */
function restoreKernel(proj: ProjectionPlan, table: ArrayTable): string {
  const ptr = (name: string) => table.ptr('proj', proj.id, name);
  const len = (name: string) => table.len('proj', proj.id, name);
  const w = weightType(proj, table);
  return [
    `static int32_t proj${proj.id}_restore(Net* N) {`,
    `  const NxInv* v = &N->inv[${proj.id}];`,
    `  const int32_t* _row_ptr = ${ptr('_row_ptr')}; const int32_t* _inv_ptr = ${ptr('_inv_ptr')}; const int32_t* _dendrite_of_post = ${ptr('_dendrite_of_post')};`,
    `  int32_t* _pre_rank = ${ptr('_pre_rank')}; ${w}* _w = ${ptr('w')}; int32_t* _syn_dendrite = ${ptr('_syn_dendrite')}; int32_t* _inv_idx = ${ptr('_inv_idx')};`,
    `  const int32_t* _ipost = v->post; const ${w}* _iw = (const ${w}*)v->w;`,
    `  const int64_t nd = ${len('_row_ptr')} - 1, npre = ${len('_inv_ptr')} - 1;`,
    '  int64_t* _next = (int64_t*)malloc(sizeof(int64_t) * (nd > 0 ? nd : 1));',
    '  if (!_next) return 1;',
    '  for (int64_t d = 0; d < nd; d++) { _next[d] = _row_ptr[d]; for (int64_t k = _row_ptr[d]; k < _row_ptr[d + 1]; k++) _syn_dendrite[k] = (int32_t)d; }',
    '  for (int64_t r = 0; r < npre; r++) for (int64_t m = _inv_ptr[r]; m < _inv_ptr[r + 1]; m++) {',
    '    const int64_t k = _next[_dendrite_of_post[_ipost[m]]]++;',
    '    _pre_rank[k] = (int32_t)r; _w[k] = _iw[m]; _inv_idx[m] = (int32_t)k;',
    '  }',
    '  free(_next);',
    '  return 0;',
    '}',
  ].join('\n');
}

/** A statement adding the bytes of projection `proj`'s derived inverse arrays (post ranks, weights) to `b`. */
export function derivedBytes(proj: ProjectionPlan, table: ArrayTable): string {
  return `b += N->inv[${proj.id}].post ? N->inv[${proj.id}].cap * 4 : 0; b += N->inv[${proj.id}].w ? N->inv[${proj.id}].cap * (int64_t)sizeof(${weightType(proj, table)}) : 0;`;
}

/** `proj<id>_prepare` of a bitmask: the bits of the stored rows (`N->inv[id].bits`, zeroed first). */
function bitmaskPrepareKernel(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable): string {
  const ptr = (name: string) => table.ptr('proj', proj.id, name);
  const words = bitmaskWords(proj, net);
  const bytes = 4 * words * net.populations[proj.pre].size;
  return [
    `static void proj${proj.id}_prepare(Net* N) {`,
    `  NxInv* v = &N->inv[${proj.id}];`,
    `  if (!v->bits) v->bits = (uint32_t*)nx_aalloc(${bytes});`,
    `  memset(v->bits, 0, ${bytes});`,
    `  const int32_t* _row_ptr = ${ptr('_row_ptr')}; const int32_t* _post_rank = ${ptr('_post_rank')}; const int32_t* _pre_rank = ${ptr('_pre_rank')};`,
    `  for (int64_t i = 0; i < ${table.len('proj', proj.id, '_post_rank')}; i++) {`,
    '    const int64_t post = _post_rank[i];',
    `    for (int64_t k = _row_ptr[i]; k < _row_ptr[i + 1]; k++) v->bits[(int64_t)_pre_rank[k] * ${words} + (post >> 5)] |= 1u << (post & 31);`,
    '  }',
    '}',
  ].join('\n');
}


/** Continuous synaptic equations: global, then per dendrite, then per synapse. */
export function synapseUpdateKernel(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable): string {
  const d = proj.description;
  const sec = (l: string) => d.sections.find((s) => s.locality === l)?.steps ?? [];
  const scope = synapseScope(proj, net, table, { dtName: '_dt', temps: synapseUpdateTemps(proj) });
  const ctx = synapseContext(proj, net, scope, table);
  // Declared before the dendrites' loop (and its OpenMP region): one value shared by every thread.
  const invariants = invariantDeclarations(proj.invariants, scope, cppDialect);
  const loop = synapseUpdateLoop(loopTarget(proj, scope, table), renderSteps(sec('global'), ctx), invariants, renderSteps(sec('semiglobal'), ctx), renderSteps(sec('local'), ctx), writesOnlySelf(proj));
  const body = [...scope.declarations(), ...scope.prologue(), ...loop];
  return [
    ...header(`proj${proj.id}_update`, proj),
    `  if (!FL[${FLAGS.transmission}] || !FL[${FLAGS.update}]) return;`,
    `  if ((step - FL[${FLAGS.learningOffset}]) % FL[${FLAGS.learningPeriod}] != 0) return;`,
    `  const double _dt = dt * (double)FL[${FLAGS.learningPeriod}]; (void)_dt;`,
    ...indent(body), '}',
  ].join('\n');
}

/** `post_spike` code, in the step of the post-synaptic spike, for every synapse of its dendrite. */
export function postEventKernel(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable): string {
  const scope = synapseScope(proj, net, table, { dtName: 'dt', temps: new Set() });
  const ctx = synapseContext(proj, net, scope, table);
  const t = eventTarget(proj, ctx, table, scope);
  // Post events happen after this step's decay: their event time is step + 1 (see ir/event-driven.ts).
  const event = [...eventDecay(proj, t, '(step + 1)'), ...eventStatements(proj, proj.description.postSpike, t)];
  const loop = postSpikeWalk(loopTarget(proj, scope, table), (s) => `_src[${s}]`, '_ns', event);
  const body = [
    ...scope.declarations(), ...scope.prologue(),
    `const int32_t* _src = ${table.ptr('pop', proj.post, '_spiked')}; const int64_t _ns = ${table.ptr('pop', proj.post, '_nspiked')}[0];`,
    ...loop,
  ];
  return [...header(`proj${proj.id}_post`, proj), `  if (!FL[${FLAGS.transmission}]) return;`, ...indent(body), '}'].join('\n');
}

export { cname };
