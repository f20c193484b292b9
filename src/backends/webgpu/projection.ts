/**
 * Projection kernels as WGSL (twins of `../js/projection.ts`), one strategy per kind of work:
 *
 * - **rate transmission — post-span gather**: one workgroup per dendrite; its 64 invocations read
 *   strided parts of the row, then a tree reduction in workgroup memory. Deterministic (no
 *   atomics); the order of the additions differs from the sequential `js` sum (float32 rounding).
 * - **spike transmission — pre-span, event-driven**: one workgroup per spike of the step (indirect
 *   dispatch: a preparation kernel writes the number of spikes), whose invocations walk the row of
 *   the spiking neuron (`_inv_ptr`/`_inv_idx`). Only spiking rows are read. Writes to neurons
 *   (`g_target += w`) are float atomic adds, a compare-and-swap loop on the f32 bits (`memory.ts`):
 *   exact sums, retried under contention, whose rounding order depends on scheduling (results vary
 *   in the last bits from run to run). Synapse variables are written by their one invocation.
 * - **synaptic equations**: one invocation per dendrite (semiglobal, then its synapses in order).
 * - **post-synaptic events**: one workgroup per post-synaptic spike, walking its dendrite.
 */
import { eventDecay, eventStatements as sharedEventStatements, type EventTarget } from '../kernels/events.js';
import { slotBack } from '../kernels/delays.js';
import { rateSumParts, continuousSumParts, spikeSource as sharedSpikeSource, preSpikeEvent, axonSpikeEvent, type SumTarget, type WeightedSumParts } from '../kernels/transmission.js';
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import type { Assignment } from '../../equations/description.js';
import { renderExpr } from '../render.js';
import { wgslSpelling, wgslDialect } from './spelling.js';
import { plainMem, atomicMem, type Layout, type Mem } from './memory.js';
import { synapseScope, synapseContext, FLAGS, FLAGS_PER_PROJECTION, type Sharing } from './scope.js';
import { renderSteps, indent, tempNames, type StatementContext as WStatementContext } from './statements.js';
import { WG, type Kernel } from './kernel.js';

const EVENT_SHARING: Sharing = { pre: true, post: true, semiglobal: true, global: true };

function flag(L: Layout, proj: ProjectionPlan, f: keyof typeof FLAGS): string {
  return `I[${L.get('net', 0, 'flags').offset + FLAGS_PER_PROJECTION * proj.id + FLAGS[f]}]`;
}

function en(L: Layout, popId: number): string {
  return `I[${L.get('net', 0, 'enabled').offset + popId}]`;
}

/**
 * Rate-coded transmission, post-span gather: one workgroup per dendrite with a tree reduction
 * (`strategy: 'workgroup'`, long rows on GPUs), or one invocation per dendrite summing its row in
 * order (`'thread'`: short rows, and CPU adapters such as SwiftShader, where workgroup barriers are
 * expensive; the same summation order as `js`).
 */
export function rateTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, L: Layout, strategy: 'workgroup' | 'thread'): Kernel {
  return weightedSumKernel(proj, net, L, strategy, `proj${proj.id}_transmit`, (t) => rateSumParts(proj, t))!;
}

/**
 * Continuous transmission of a spiking projection (ir/plan.ts `continuous`): the same weighted sum
 * of `psp` per dendrite, added to `g_target` (each target the post-synaptic neuron has), dispatched
 * after the projection's spike kernel; `pre.x` read through the delay ring as in a rate-coded sum.
 */
export function continuousTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, L: Layout, strategy: 'workgroup' | 'thread'): Kernel | undefined {
  return weightedSumKernel(proj, net, L, strategy, `proj${proj.id}_continuous`, (t) => continuousSumParts(proj, t));
}

/**
 * The WGSL layouts of a weighted sum (`../kernels/transmission.ts`, parts built by `build`): the
 * dendrite's synapses taken in order by one invocation, or strided over a workgroup whose partial
 * reductions are then combined in a tree (`max`/`min` for those operations, `+` otherwise).
 */
function weightedSumKernel(proj: ProjectionPlan, net: NetworkPlan, L: Layout, strategy: 'workgroup' | 'thread', name: string, build: (t: SumTarget) => WeightedSumParts | undefined): Kernel | undefined {
  const scope = synapseScope(proj, net, L, plainMem, { dtName: 'DT', temps: new Set(), delayedPre: true });
  const parts = build({ d: wgslDialect, psp: () => renderExpr(proj.description.psp!, scope, wgslSpelling) });
  if (!parts) return undefined;
  const nd = L.get('proj', proj.id, '_post_rank').length;
  const o = (n: string) => L.off('proj', proj.id, n);
  const comb = (a: string, b: string) => (parts.combine === 'add' ? `(${a} + ${b})` : `${parts.combine}(${a}, ${b})`);
  const deliver = (v: string) => parts.deliver((arr) => `F[${L.off('pop', proj.post, arr)} + rk_post]`, '_n', v);
  const go = transmits(proj, L);
  const row = (start: string, stride: string) => [
    `let rk_post = I[${o('_post_rank')} + i];`,
    `let k0 = I[${o('_row_ptr')} + i]; let k1 = I[${o('_row_ptr')} + i + 1];`,
    '_n = k1 - k0;',
    `for (var k = ${start}; k < k1; k = k + ${stride}) {`,
    `  let rk_pre = I[${o('_pre_rank')} + k];`,
    ...indent(parts.take),
    '}',
  ];
  if (strategy === 'thread') {
    return {
      name, stage: 0, mem: plainMem, dispatch: { threads: nd },
      body: ['let i = gi;', `if (i >= ${nd} || !(${go})) { return; }`, ...parts.init, 'var _n: i32 = 1;', ...row('k0', '1'), ...deliver('_s')],
    };
  }
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
      `  let rk_post = I[${o('_post_rank')} + i];`,
      ...indent(deliver('red[0]')),
      '}',
    ],
  };
}

/** The WGSL places of the shared event parts (`../kernels/events.ts`). */
function eventTarget(proj: ProjectionPlan, ctx: WStatementContext, L: Layout, mem: Mem): EventTarget {
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

/**
 * Where the spikes a projection transmits in this step are: WGSL that sets `n` and `base` (an offset
 * in `I`). Per-synapse delays read the ring at the delay `d` (an i32 the caller declares).
 */
function spikeSource(proj: ProjectionPlan, net: NetworkPlan, L: Layout): string[] {
  const pre = net.populations[proj.pre];
  const p = (n: string) => L.off('pop', pre.id, n);
  const now = [`n = atomicLoad(&A[${p('_nspiked')}]);`, `base = ${p('_spiked')};`];
  if (proj.delay.kind === 'variable') {
    // Per-synapse delays: the spikes pushed `d - 1` active steps ago (d = 1 + workgroup row) from the projection's ring.
    const o = (n: string) => L.off('proj', proj.id, n);
    const HD = L.get('proj', proj.id, '_wg_ring_n').length;
    return [
      `let _hs = ${slotBack(`I[${o('_wg_ring_idx')}]`, 'd', String(HD))};`,
      `n = I[${o('_wg_ring_n')} + _hs];`,
      `base = ${o('_wg_ring')} + _hs * ${pre.size};`,
    ];
  }
  return sharedSpikeSource(proj, {
    d: wgslDialect,
    now: () => now,
    queued: (slot) => [`n = I[${p('_spike_queue_n')} + ${slot}];`, `base = ${p('_spike_queue')} + ${slot} * ${pre.size};`],
    queue: () => ({
      delay: `I[${L.off('proj', proj.id, '_delay_uniform')}]`,
      newest: `I[${p('_spike_queue_idx')}]`,
      slots: String(L.get('pop', pre.id, '_spike_queue_n').length),
    }),
  });
}

/** Number of workgroups rows of a spike projection's indirect dispatch (one per delay for per-synapse delays). */
export function spikeRows(proj: ProjectionPlan, L: Layout): number {
  return proj.delay.kind === 'variable' ? L.get('proj', proj.id, '_wg_ring_n').length : 1;
}

/** The `_go` condition of a projection's transmission: post-synaptic population enabled, transmission on. */
export function transmits(proj: ProjectionPlan, L: Layout): string {
  return `${en(L, proj.post)} != 0 && ${flag(L, proj, 'transmission')} != 0`;
}

/**
 * Per-synapse delays: copies the pre-synaptic spikes of the previous step into the next slot of the
 * projection's ring, in steps where the projection transmits (as `js` pushes them); the preparation
 * kernel then advances the ring's index and stores the count.
 */
export function spikeRingPushKernel(proj: ProjectionPlan, net: NetworkPlan, L: Layout): Kernel {
  const pre = net.populations[proj.pre];
  const o = (n: string) => L.off('proj', proj.id, n);
  const D = L.get('proj', proj.id, '_wg_ring_n').length;
  return {
    name: `proj${proj.id}_ring_push`, stage: 0, mem: plainMem, dispatch: { threads: pre.size },
    body: [
      `if (!(${transmits(proj, L)})) { return; }`,
      `let _slot = (I[${o('_wg_ring_idx')}] + 1) % ${D};`,
      `if (gi < atomicLoad(&A[${L.off('pop', pre.id, '_nspiked')}])) { I[${o('_wg_ring')} + _slot * ${pre.size} + gi] = I[${L.off('pop', pre.id, '_spiked')} + gi]; }`,
    ],
  };
}

/** The lines of the preparation kernel that size the indirect dispatch of a spike projection. */
export function spikePrepLines(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: number): string[] {
  const rows = spikeRows(proj, L);
  const src = spikeSource(proj, net, L);
  const go = transmits(proj, L);
  let count: string[];
  if (proj.delay.kind === 'variable') {
    // Advance the ring (in transmitting steps only) and store the count the push kernel copied.
    const o = (n: string) => L.off('proj', proj.id, n);
    count = [
      'var _mx: i32 = 0;',
      `if (${go}) {`,
      `  let _slot = (I[${o('_wg_ring_idx')}] + 1) % ${rows};`,
      `  I[${o('_wg_ring_idx')}] = _slot;`,
      `  I[${o('_wg_ring_n')} + _slot] = atomicLoad(&A[${L.off('pop', proj.pre, '_nspiked')}]);`,
      `  for (var d: i32 = 1; d <= ${rows}; d = d + 1) {`,
      '    var n: i32 = 0; var base: i32 = 0;',
      ...indent(src, 2),
      '    _mx = max(_mx, n);',
      '  }',
      '}',
      'let _cnt = _mx;',
    ];
  } else count = ['var n: i32 = 0; var base: i32 = 0;', ...src, 'let _cnt = n;'];
  return [
    '{',
    ...indent(count),
    `  let _go = ${go};`,
    `  IND[${3 * slot}] = select(0u, u32(min(_cnt, 65535)), _go);`,
    `  IND[${3 * slot + 1}] = ${rows}u;`,
    `  IND[${3 * slot + 2}] = 1u;`,
    '}',
  ];
}

/** Spike propagation (pre-span, event-driven, atomic adds into neurons). */
export function spikeTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: number): Kernel {
  const mem = atomicMem;
  const scope = synapseScope(proj, net, L, mem, { dtName: 'DT', temps: new Set(['_elapsed']) });
  const ctx = synapseContext(proj, net, scope, L, mem, EVENT_SHARING, 'pre_spike');
  const event = preSpikeEvent(proj, eventTarget(proj, ctx, L, mem), 'U.step');
  const o = (n: string) => L.off('proj', proj.id, n);
  return {
    name: `proj${proj.id}_transmit`, stage: 0, mem, dispatch: { indirect: slot },
    body: [
      'var n: i32 = 0; var base: i32 = 0;',
      ...(proj.delay.kind === 'variable' ? ['let d = i32(wid.y) + 1;'] : []),
      ...spikeSource(proj, net, L),
      `for (var s = i32(wid.x); s < n; s = s + i32(nwg.x)) {`,
      '  let rk_pre = I[base + s];',
      `  let m1 = I[${o('_inv_ptr')} + rk_pre + 1];`,
      `  for (var m = I[${o('_inv_ptr')} + rk_pre] + li; m < m1; m = m + ${WG}) {`,
      `    let k = I[${o('_inv_idx')} + m];`,
      ...(proj.delay.kind === 'variable' ? [`    if (I[${o('_delay')} + k] != d) { continue; }`] : []),
      `    let i = I[${o('_syn_dendrite')} + k];`,
      `    let rk_post = I[${o('_post_rank')} + i];`,
      ...indent(event, 2),
      '  }',
      '}',
    ],
  };
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
  const o = (n: string) => L.off('proj', proj.id, n);
  const p = (n: string) => L.off('pop', proj.pre, n);
  return {
    name: `proj${proj.id}_axon`, stage: 0, mem, dispatch: { indirect: slot },
    body: [
      `let n = atomicLoad(&A[${p('_naxon')}]);`,
      `for (var s = i32(wid.x); s < n; s = s + i32(nwg.x)) {`,
      `  let rk_pre = I[${p('_axon_spiked')} + s];`,
      `  let m1 = I[${o('_inv_ptr')} + rk_pre + 1];`,
      `  for (var m = I[${o('_inv_ptr')} + rk_pre] + li; m < m1; m = m + ${WG}) {`,
      `    let k = I[${o('_inv_idx')} + m];`,
      `    let i = I[${o('_syn_dendrite')} + k];`,
      `    let rk_post = I[${o('_post_rank')} + i];`,
      ...indent(event, 2),
      '  }',
      '}',
    ],
  };
}

/** Preparation lines of an axonal-spike kernel's indirect dispatch (only for `transmitsAxonSpikes`: `../kernels/axon.ts`). */
export function axonPrepLines(proj: ProjectionPlan, L: Layout, slot: number): string[] {
  return [
    `{ let _go = ${transmits(proj, L)} && ${flag(L, proj, 'axonTransmission')} != 0;`,
    `  IND[${3 * slot}] = select(0u, u32(min(atomicLoad(&A[${L.off('pop', proj.pre, '_naxon')}]), 65535)), _go);`,
    `  IND[${3 * slot + 1}] = 1u; IND[${3 * slot + 2}] = 1u; }`,
  ];
}

/** `post_spike` code for every synapse of the dendrites of this step's post-synaptic spikes. */
export function postEventKernel(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: number): Kernel {
  const mem = atomicMem;
  const scope = synapseScope(proj, net, L, mem, { dtName: 'DT', temps: new Set(['_elapsed']) });
  const ctx = synapseContext(proj, net, scope, L, mem, EVENT_SHARING, 'post_spike');
  // Post events happen after this step's decay: their event time is step + 1 (see ir/event-driven.ts).
  const event = [...eventDriven(proj, ctx, L, '(U.step + 1)'), ...eventStatements(proj, proj.description.postSpike, ctx, L, mem)];
  const o = (n: string) => L.off('proj', proj.id, n);
  const p = (n: string) => L.off('pop', proj.post, n);
  return {
    name: `proj${proj.id}_post`, stage: 2, mem, dispatch: { indirect: slot },
    body: [
      `let n = atomicLoad(&A[${p('_nspiked')}]);`,
      `for (var s = i32(wid.x); s < n; s = s + i32(nwg.x)) {`,
      `  let rk_post = I[${p('_spiked')} + s];`,
      `  let i = I[${o('_dendrite_of_post')} + rk_post];`,
      '  if (i < 0) { continue; }',
      `  let k1 = I[${o('_row_ptr')} + i + 1];`,
      `  for (var k = I[${o('_row_ptr')} + i] + li; k < k1; k = k + ${WG}) {`,
      `    let rk_pre = I[${o('_pre_rank')} + k];`,
      ...indent(event, 2),
      '  }',
      '}',
    ],
  };
}

/** Preparation lines for a post-event kernel's indirect dispatch. */
export function postPrepLines(proj: ProjectionPlan, L: Layout, slot: number): string[] {
  return [
    `{ let _go = ${flag(L, proj, 'transmission')} != 0;`,
    `  IND[${3 * slot}] = select(0u, u32(min(atomicLoad(&A[${L.off('pop', proj.post, '_nspiked')}]), 65535)), _go);`,
    `  IND[${3 * slot + 1}] = 1u; IND[${3 * slot + 2}] = 1u; }`,
  ];
}

/** Continuous synaptic equations: the global section (one invocation), then one invocation per dendrite. */
export function synapseUpdateKernels(proj: ProjectionPlan, net: NetworkPlan, L: Layout): Kernel[] {
  const d = proj.description;
  const sec = (l: string) => d.sections.find((s) => s.locality === l)?.steps ?? [];
  const temps = new Set([...tempNames(sec('global')), ...tempNames(sec('semiglobal')), ...tempNames(sec('local'))]);
  const scope = synapseScope(proj, net, L, plainMem, { dtName: '_dt', temps });
  const guard = [
    `if (${en(L, proj.post)} == 0 || ${flag(L, proj, 'transmission')} == 0 || ${flag(L, proj, 'update')} == 0) { return; }`,
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
    const o = (n: string) => L.off('proj', proj.id, n);
    const l = renderSteps(sec('local'), ctx);
    kernels.push({
      name: `proj${proj.id}_update`, stage: 2, mem: plainMem, dispatch: { threads: nd },
      body: [
        'let i = gi;', `if (i >= ${nd}) { return; }`, ...guard,
        `let rk_post = I[${o('_post_rank')} + i];`,
        ...renderSteps(sec('semiglobal'), ctx),
        ...(l.length ? [`for (var k = I[${o('_row_ptr')} + i]; k < I[${o('_row_ptr')} + i + 1]; k = k + 1) {`, `  let rk_pre = I[${o('_pre_rank')} + k];`, ...indent(l), '}'] : []),
      ],
    });
  }
  return kernels;
}
