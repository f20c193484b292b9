/**
 * Projection kernels as WGSL: the code per synapse comes from `../kernels/` (events, weighted-sum
 * parts, the statement printer); what is here is their layout on the GPU, as strategy objects
 * chosen per projection, the first compatible of a list (as cpp's `spikeWalkStrategies`):
 *
 * - **weighted sums** (rate-coded `sum(target)`, continuous psp; post-span gather),
 *   {@link weightedSumStrategies}: `workgroup` (one workgroup per dendrite, a tree reduction in
 *   workgroup memory: long rows on GPU adapters), then `thread` (one invocation per dendrite, its
 *   synapses in index order). Deterministic (no atomics).
 * - **spike propagation** (event-driven), `propagation.ts` `spikePropagationStrategies`, in order:
 *   `procedural` (rows regenerated, one invocation per spike); `bitmask` (dense projections with
 *   one shared weight and no per-synapse state: one bit per pair, one workgroup per spike walking its
 *   row of bits; the device holds no index); `post-span` (dense projections whose events write only
 *   the post-synaptic neuron: the step's spikes marked, one invocation per dendrite, no atomics, in
 *   the steps with many spikes; `../kernels/propagation.ts` says when each is chosen); `queue` (no
 *   or uniform delay), then `ring-rows` (per-synapse delays). The row walks: one workgroup per spike
 *   of the step (indirect dispatch: a preparation kernel writes the number of spikes), whose
 *   invocations walk the row of the spiking neuron (`_inv_ptr`/`_inv_idx`); only spiking rows are
 *   read. Writes to neurons (`g_target += w`) from several invocations are float atomic adds, a
 *   compare-and-swap loop on the f32 bits (`memory.ts`): exact sums, retried under contention, whose
 *   rounding order depends on scheduling (results vary in the last bits from run to run). Synapse
 *   variables are written by their one invocation. Axonal spikes take the row walk without delay.
 * - **synaptic equations**: one invocation per dendrite (semiglobal, then its synapses in order).
 * - **post-synaptic events**: one workgroup per post-synaptic spike, walking its dendrite.
 */
import { eventDecay, eventStatements as sharedEventStatements, type EventTarget } from '../kernels/events.js';
import { rateSumParts, continuousSumParts, axonSpikeEvent, type SumTarget, type WeightedSumParts } from '../kernels/transmission.js';
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import type { Assignment } from '../../equations/description.js';
import { renderExpr } from '../render.js';
import { wgslSpelling, wgslDialect } from './spelling.js';
import { plainMem, atomicMem, type Layout, type Mem } from './memory.js';
import { synapseScope, synapseContext, type Sharing } from './scope.js';
import { FLAGS, FLAGS_PER_PROJECTION } from '../kernels/switches.js';
import { renderSteps, indent, type StatementContext as WStatementContext } from './statements.js';
import { WG, indirectArgs, indirectDispatch, slotSize, type Gate, type Kernel, type SlotSize } from './kernel.js';
import { InternalError } from '../../errors.js';
import { inverseWalk, postSpikeWalk, synapseUpdateLoop, type LoopTarget } from '../kernels/synapse-loops.js';
import { invariantDeclarations, synapseUpdateTemps } from '../kernels/invariants.js';
import { bareIndex } from '../kernels/dialect.js';

/** Which writes of event kernels need atomic adds: all shared ones (one invocation per synapse reached). */
export const EVENT_SHARING: Sharing = { pre: true, post: true, semiglobal: true, global: true };

function flag(L: Layout, proj: ProjectionPlan, f: keyof typeof FLAGS): string {
  return `I[${L.get('net', 0, 'flags').offset + FLAGS_PER_PROJECTION * proj.id + FLAGS[f]}]`;
}

/** What a webgpu strategy is chosen on besides the projection: the memory layout (row lengths) and the adapter. */
export interface StrategyContext {
  readonly L: Layout;
  /** The adapter runs on the CPU (SwiftShader): workgroup barriers are expensive there. */
  readonly cpu: boolean;
}

/** A weighted sum's parts with what its WGSL layouts share: the kernel's name, dendrites, row walk and delivery. */
export interface WeightedSumInput {
  name: string;
  parts: WeightedSumParts;
  /** The number of dendrites. */
  nd: number;
  /** The post-synaptic rank of dendrite `i`. */
  postRank: string;
  /** Dendrite `i`'s row from synapse `start` by `stride`: `rk_post`, `k0`, `k1`, `_n`, then `take` per synapse (after `rk_pre`). */
  row(start: string, stride: string): string[];
  /** `parts.deliver` of value `v` into the post-synaptic arrays at `rk_post`. */
  deliver(v: string): string[];
  /** Whether the projection transmits in this step (`transmits`: the call's gate on, transmission on). */
  go: string;
}

/**
 * A WGSL layout of a weighted sum (`../kernels/transmission.ts`: rate-coded `sum(target)`,
 * continuous psp): the first compatible one of {@link weightedSumStrategies} is chosen per
 * projection (as cpp's `spikeWalkStrategies`).
 */
export interface WeightedSumStrategy {
  readonly name: string;
  compatible(proj: ProjectionPlan, at: StrategyContext): boolean;
  kernel(s: WeightedSumInput): Kernel;
}

/** Rows at least this long (on average) are summed by a whole workgroup on GPUs. */
export const WORKGROUP_ROW = 128;

/**
 * One workgroup per dendrite: its 64 invocations take strided parts of the row, then a tree
 * reduction in workgroup memory combines the partial reductions (`max`/`min` for those
 * operations, `+` otherwise). Deterministic, no atomics; the order of the additions differs from
 * js (float32 rounding). Compatible on GPU adapters for rows of at least {@link WORKGROUP_ROW}
 * synapses on average.
 */
const workgroupSum: WeightedSumStrategy = {
  name: 'workgroup',
  compatible(proj, { L, cpu }) {
    const nnz = L.get('proj', proj.id, '_pre_rank').length, nd = Math.max(1, L.get('proj', proj.id, '_post_rank').length);
    return !cpu && nnz / nd >= WORKGROUP_ROW;
  },
  kernel({ name, parts, nd, postRank, row, deliver, go }) {
    const comb = (a: string, b: string) => (parts.combine === 'add' ? `(${a} + ${b})` : `${parts.combine}(${a}, ${b})`);
    return {
      name, stage: 0, mem: plainMem, dispatch: { workgroups: nd },
      decls: [`var<workgroup> red: array<f32, ${WG}>;`],
      // No early return: every invocation must reach the barriers.
      body: [
        'let i = wg;',
        `let ok = i < ${nd};`,
        ...parts.init,
        'var _n: i32 = 1;',
        'if (ok) {', ...indent(row('k0 + li', String(WG))), '}',
        'red[li] = _s;',
        'workgroupBarrier();',
        `for (var st: i32 = ${WG / 2}; st > 0; st = st / 2) {`,
        `  if (li < st) { red[li] = ${comb('red[li]', 'red[li + st]')}; }`,
        '  workgroupBarrier();',
        '}',
        `if (ok && li == 0 && ${go}) {`,
        `  let rk_post = ${postRank};`,
        ...indent(deliver('red[0]')),
        '}',
      ],
    };
  },
};

/**
 * One invocation per dendrite summing its row in index order, one chain of additions (not the CPU
 * backends' four interleaved partial sums, `kernels/synapse-loops.ts` `dendriteSumLoop`: float32
 * sums differ from them anyway, and an invocation gains nothing from independent chains): short
 * rows, and CPU adapters such as SwiftShader, where workgroup barriers are expensive. Always compatible.
 */
const threadSum: WeightedSumStrategy = {
  name: 'thread',
  compatible: () => true,
  kernel: ({ name, parts, nd, row, deliver, go }) => ({
    name, stage: 0, mem: plainMem, dispatch: { threads: nd },
    body: ['let i = gi;', `if (i >= ${nd} || !(${go})) { return; }`, ...parts.init, 'var _n: i32 = 1;', ...row('k0', '1'), ...deliver('_s')],
  }),
};

/** The layouts of a weighted sum, in order of preference. */
export const weightedSumStrategies: readonly WeightedSumStrategy[] = [workgroupSum, threadSum];

/** Rate-coded transmission, post-span gather (`proj<id>_transmit`): the weighted sum of each dendrite into `_sum_<target>`. */
export function rateTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, at: StrategyContext, gate: Gate): Kernel {
  return weightedSumKernel(proj, net, at, gate, `proj${proj.id}_transmit`, (t) => rateSumParts(proj, t))!;
}

/**
 * Continuous transmission of a spiking projection (ir/plan.ts `continuous`): the same weighted sum
 * of `psp` per dendrite, added to `g_target` (each target the post-synaptic neuron has), dispatched
 * after the projection's spike kernel; `pre.x` read through the delay ring as in a rate-coded sum.
 */
export function continuousTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, at: StrategyContext, gate: Gate): Kernel | undefined {
  return weightedSumKernel(proj, net, at, gate, `proj${proj.id}_continuous`, (t) => continuousSumParts(proj, t));
}

/** A weighted sum (`../kernels/transmission.ts`, parts built by `build`) in the first compatible of {@link weightedSumStrategies}. */
function weightedSumKernel(proj: ProjectionPlan, net: NetworkPlan, at: StrategyContext, gate: Gate, name: string, build: (t: SumTarget) => WeightedSumParts | undefined): Kernel | undefined {
  const { L } = at;
  const scope = synapseScope(proj, net, L, plainMem, { dtName: 'DT', temps: new Set(), delayedPre: true });
  const parts = build({ d: wgslDialect, psp: () => renderExpr(proj.description.psp!, scope, wgslSpelling) });
  if (!parts) return undefined;
  const strategy = weightedSumStrategies.find((s) => s.compatible(proj, at));
  if (!strategy) throw new InternalError(`webgpu backend: no weighted-sum layout for projection '${proj.name}'`);
  const postRank = L.int('proj', proj.id, '_post_rank', 'i');
  return strategy.kernel({
    name, parts, postRank,
    nd: L.get('proj', proj.id, '_post_rank').length,
    go: transmits(proj, L, gate),
    deliver: (v) => parts.deliver((arr) => `F[${L.off('pop', proj.post, arr)} + rk_post]`, '_n', v),
    row: (start, stride) => [
      `let rk_post = ${postRank};`,
      `let k0 = ${L.int('proj', proj.id, '_row_ptr', 'i')}; let k1 = ${L.int('proj', proj.id, '_row_ptr', 'i + 1')};`,
      '_n = k1 - k0;',
      `for (var k = ${start}; k < k1; k = k + ${stride}) {`,
      `  let rk_pre = ${L.int('proj', proj.id, '_pre_rank', 'k')};`,
      ...indent(parts.take),
      '}',
    ],
  });
}

/** The WGSL places of the shared event parts (`../kernels/events.ts`). */
export function eventTarget(proj: ProjectionPlan, ctx: WStatementContext, L: Layout, mem: Mem): EventTarget {
  return {
    d: wgslDialect, ctx, elapsed: 'T_elapsed',
    lastEvent: () => `I[${L.off('proj', proj.id, '_last_event')} + k]`,
    lastSpike: (side) => mem.i(`${L.off('pop', side === 'pre' ? proj.pre : proj.post, '_last_spike')} + rk_${side}`),
  };
}

/** Decay of the event-driven variables of synapse k up to event step `when`, then `_last_event[k] = when`. */
function eventDriven(proj: ProjectionPlan, ctx: WStatementContext, L: Layout, when: string): string[] {
  return eventDecay(proj, eventTarget(proj, ctx, L, plainMem), when);
}

/** The statements of a spike event, `g_target` first expanded per target. */
function eventStatements(proj: ProjectionPlan, statements: readonly Assignment[], ctx: WStatementContext, L: Layout, mem: Mem): string[] {
  return sharedEventStatements(proj, statements, eventTarget(proj, ctx, L, mem));
}

/** The `_go` condition of a projection's transmission: the call's `gate` on (the post-synaptic population enabled), transmission on. */
export function transmits(proj: ProjectionPlan, L: Layout, gate: Gate): string {
  return [...(gate === undefined ? [] : [`${gate} != 0`]), `${flag(L, proj, 'transmission')} != 0`].join(' && ');
}

/**
 * `pre_axon_spike` code for the axonal spikes of the previous step (no delay; gated by the
 * projection's `axonTransmission`), after the regular propagation, with the same pre-span scheme.
 */
export function axonTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: number): Kernel {
  const mem = atomicMem;
  const scope = synapseScope(proj, net, L, mem, { dtName: 'DT', temps: new Set(['_elapsed']) });
  const ctx = synapseContext(proj, net, scope, L, mem, EVENT_SHARING, 'pre_axon_spike');
  const event = axonSpikeEvent(proj, eventTarget(proj, ctx, L, mem), 'U.step');
  const p = (n: string) => L.off('pop', proj.pre, n);
  return {
    name: `proj${proj.id}_axon`, stage: 0, mem, dispatch: indirectDispatch(listSlot(L, proj.pre, '_axon_spiked', slot)),
    body: [
      `let n = atomicLoad(&A[${p('_naxon')}]);`,
      ...inverseWalk(loopTarget(proj, L), (s) => `I[${p('_axon_spiked')} + ${s}]`, 'n', event),
    ],
  };
}

/**
 * The WGSL places of the shared event walks (`../kernels/synapse-loops.ts`): arrays are regions of
 * `I`; the spikes are spread over the workgroups of the indirect dispatch (one spike per workgroup,
 * strided), the synapses of a spike over the `WG` invocations of its workgroup.
 */
export function loopTarget(proj: ProjectionPlan, L: Layout, spread: LoopTarget['spread'] = eventSpread): LoopTarget {
  return { d: wgslDialect, el: (name, i) => L.int('proj', proj.id, name, bareIndex(i)), dendrites: () => String(L.get('proj', proj.id, '_post_rank').length), spread };
}

/** The event walks' spread: one spike per workgroup (strided over the dispatch), its synapses over the workgroup's invocations. */
export const eventSpread: LoopTarget['spread'] = {
  spikes: (s, n, body) => [`for (var ${s} = i32(wid.x); ${s} < ${n}; ${s} = ${s} + i32(nwg.x)) {`, ...indent(body), '}'],
  synapses: (i, from, to, body) => [`let ${i}1 = ${to};`, `for (var ${i} = ${from} + li; ${i} < ${i}1; ${i} = ${i} + ${WG}) {`, ...indent(body), '}'],
};

/** The synaptic equations' spread: one invocation per dendrite. */
const dendriteSpread: LoopTarget['spread'] = {
  dendrites: (i, n, body) => [`let ${i} = gi;`, `if (${i} >= ${n}) { return; }`, ...body],
};

/** Preparation lines of an axonal-spike kernel's indirect dispatch (only for `transmitsAxonSpikes`: `../kernels/axon.ts`). */
export function axonPrepLines(proj: ProjectionPlan, L: Layout, slot: number, gate: Gate): string[] {
  return [
    `{ let _go = ${transmits(proj, L, gate)} && ${flag(L, proj, 'axonTransmission')} != 0;`,
    ...indent(indirectArgs(listSlot(L, proj.pre, '_axon_spiked', slot), `atomicLoad(&A[${L.off('pop', proj.pre, '_naxon')}])`, '_go')),
    '}',
  ];
}

/**
 * The slot of a kernel with one workgroup per element of spike list `list` of population `pop`
 * (`_spiked`, `_axon_spiked`): its count, at most the list's length.
 */
function listSlot(L: Layout, pop: number, list: string, slot: number): SlotSize {
  return slotSize(slot, L.get('pop', pop, list).length);
}

/** `post_spike` code for every synapse of the dendrites of this step's post-synaptic spikes. */
export function postEventKernel(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: number): Kernel {
  const mem = atomicMem;
  const scope = synapseScope(proj, net, L, mem, { dtName: 'DT', temps: new Set(['_elapsed']) });
  const ctx = synapseContext(proj, net, scope, L, mem, EVENT_SHARING, 'post_spike');
  // Post events happen after this step's decay: their event time is step + 1 (see ir/event-driven.ts).
  const event = [...eventDriven(proj, ctx, L, '(U.step + 1)'), ...eventStatements(proj, proj.description.postSpike, ctx, L, mem)];
  const p = (n: string) => L.off('pop', proj.post, n);
  return {
    name: `proj${proj.id}_post`, stage: 2, mem, dispatch: indirectDispatch(listSlot(L, proj.post, '_spiked', slot)),
    body: [
      `let n = atomicLoad(&A[${p('_nspiked')}]);`,
      ...postSpikeWalk(loopTarget(proj, L), (s) => `I[${p('_spiked')} + ${s}]`, 'n', event),
    ],
  };
}

/** Preparation lines for a post-event kernel's indirect dispatch. */
export function postPrepLines(proj: ProjectionPlan, L: Layout, slot: number): string[] {
  return [
    `{ let _go = ${flag(L, proj, 'transmission')} != 0;`,
    ...indent(indirectArgs(listSlot(L, proj.post, '_spiked', slot), `atomicLoad(&A[${L.off('pop', proj.post, '_nspiked')}])`, '_go')),
    '}',
  ];
}

/**
 * Continuous synaptic equations: the global section (one invocation), then one invocation per
 * dendrite; both return where `gate` (the call's), transmission or updates are off, and outside the
 * learning period.
 */
export function synapseUpdateKernels(proj: ProjectionPlan, net: NetworkPlan, L: Layout, gate: Gate): Kernel[] {
  const d = proj.description;
  const sec = (l: string) => d.sections.find((s) => s.locality === l)?.steps ?? [];
  const scope = synapseScope(proj, net, L, plainMem, { dtName: '_dt', temps: synapseUpdateTemps(proj) });
  const guard = [
    `if (${[...(gate === undefined ? [] : [gate]), flag(L, proj, 'transmission'), flag(L, proj, 'update')].map((f) => `${f} == 0`).join(' || ')}) { return; }`,
    `if ((U.step - ${flag(L, proj, 'learningOffset')}) % ${flag(L, proj, 'learningPeriod')} != 0) { return; }`,
    `let _dt = DT * f32(${flag(L, proj, 'learningPeriod')});`,
  ];
  const kernels: Kernel[] = [];
  if (sec('global').length) {
    const ctx = synapseContext(proj, net, scope, L, plainMem, { pre: false, post: false, semiglobal: false, global: false }, 'global equations');
    kernels.push({ name: `proj${proj.id}_update_global`, stage: 2, mem: plainMem, dispatch: { threads: 1 }, body: ['if (gi != 0) { return; }', ...guard, ...renderSteps(sec('global'), ctx)] });
  }
  if (sec('semiglobal').length || sec('local').length) {
    const ctx = synapseContext(proj, net, scope, L, plainMem, { pre: true, post: false, semiglobal: false, global: true }, 'synaptic equations');
    const nd = L.get('proj', proj.id, '_post_rank').length;
    // Each invocation (one dendrite) computes the invariant values itself, first: the same operations, the same values.
    const invariants = invariantDeclarations(proj.invariants, scope, wgslDialect);
    const loop = synapseUpdateLoop(loopTarget(proj, L, dendriteSpread), [], [], [...invariants, ...renderSteps(sec('semiglobal'), ctx)], renderSteps(sec('local'), ctx), false);
    kernels.push({ name: `proj${proj.id}_update`, stage: 2, mem: plainMem, dispatch: { threads: nd }, body: [...guard, ...loop] });
  }
  return kernels;
}
