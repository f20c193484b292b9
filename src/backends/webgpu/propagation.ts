/**
 * Spike propagation as WGSL (issue 21): the layouts of the `pre_spike` code of the synapses a
 * step's spikes reach, as strategy objects chosen per projection, the first compatible of
 * {@link spikePropagationStrategies} (as cpp's `spikeWalkStrategies`); the event code, the loops'
 * places and the other projection kernels are `projection.ts`'s.
 *
 * - `procedural`: rows regenerated, one invocation per spike (`procedural.ts`).
 * - `bitmask` (`../kernels/propagation.ts`: dense, one shared weight, no per-synapse state): one bit
 *   per (pre, post) pair, one workgroup per spike walking the set bits of its row; atomic adds.
 * - `post-span` (dense, events writing only the post-synaptic neuron; chosen per step from the spike
 *   count, `POST_SPAN_COST`): the spiking neurons marked with the step's epoch, then one invocation
 *   per dendrite running its marked synapses in index order, without atomics (deterministic); the
 *   row walk of `queue` in steps with few spikes.
 * - `queue` (no or uniform delay) and `ring-rows` (per-synapse delays): the row walk, one workgroup
 *   per spike of the step (indirect dispatch: a preparation kernel writes the number of spikes),
 *   whose invocations walk the row of the spiking neuron (`_inv_ptr`/`_inv_idx`); writes to neurons
 *   (`g_target += w`) are float atomic adds (`memory.ts`), whose rounding order depends on scheduling.
 */
import { slotBack } from '../kernels/delays.js';
import { spikeSource as sharedSpikeSource, spikeSourceAt, preSpikeEvent, type SpikeSourceTarget } from '../kernels/transmission.js';
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { wgslDialect } from './spelling.js';
import { plainMem, atomicMem, type Layout, type Mem } from './memory.js';
import { synapseScope, synapseContext, type Sharing } from './scope.js';
import { indent } from './statements.js';
import { WG, indirectArgs, indirectDispatch, slotSize, type Gate, type Kernel, type SlotSize } from './kernel.js';
import { InternalError } from '../../errors.js';
import { inverseWalk, postSpanWalk, type LoopTarget } from '../kernels/synapse-loops.js';
import { addsOnly, bitmaskWords, buildBitmask, choosesBitmask, choosesPostSpan, postSpanMinSpikes } from '../kernels/propagation.js';
import { proceduralTemps, proceduralWalk } from '../kernels/procedural.js';
import { webgpuProceduralDraws } from './procedural.js';
import { EVENT_SHARING, eventSpread, eventTarget, loopTarget, transmits } from './projection.js';
/**
 * A WGSL layout of spike propagation: how the spikes a projection transmits in this step reach
 * their synapses, whose event code is `../kernels/transmission.ts` `preSpikeEvent`. The first
 * compatible one of {@link spikePropagationStrategies} is chosen per projection (as cpp's
 * `spikeWalkStrategies`). Every layout is sized by the transmission run's preparation pass, which
 * writes the workgroup counts (`count`) into indirect slots; a kernel whose slot's bound (`most`) is
 * small is dispatched directly with it (`kernel.ts` `directDispatchTuning`). Stored rows: one workgroup per spike,
 * whose invocations walk the spiking neuron's row through the inverse indices
 * (`_inv_ptr`/`_inv_idx`); procedural rows: one invocation per spike.
 */
export interface SpikePropagationStrategy {
  readonly name: string;
  /** Whether the layout can run the projection and its shape chooses it (`../kernels/propagation.ts` for the new ones). */
  compatible(proj: ProjectionPlan, net: NetworkPlan): boolean;
  /** Slots of the projection's ring of spike lists (`_wg_ring`, laid out by `generate.ts` `buildLayout`), 0 for none. */
  ringSlots(proj: ProjectionPlan): number;
  /** Passes of the transmission run before its preparation pass (the ring's push), each returning where the projection does not transmit (`go`). */
  pushes(proj: ProjectionPlan, net: NetworkPlan, L: Layout, go: string): Kernel[];
  /** Rows of workgroups of the indirect dispatch. */
  rows(proj: ProjectionPlan, L: Layout): number;
  /**
   * The largest `_cnt` that `count` can declare, derived from its expression (spikes of the
   * pre-synaptic population: at most its size): the bound of a direct dispatch (`kernel.ts` `SlotSize`).
   */
  most(proj: ProjectionPlan, net: NetworkPlan): number;
  /** Lines of the preparation pass that declare `_cnt`: the workgroups of a row (spikes to transmit); `go` is the projection's `transmits`. */
  count(proj: ProjectionPlan, net: NetworkPlan, L: Layout, go: string): string[];
  /** The kernel's body: from the spikes this dispatch transmits to their synapses, `event` run for each (the code of synapse `k`, `rk_pre`, `rk_post`). */
  walk(proj: ProjectionPlan, net: NetworkPlan, L: Layout, event: string[]): string[];
  /** Module-scope declarations of the kernel (none by default). */
  decls?(proj: ProjectionPlan, L: Layout): string[];
  /** The temporaries of the kernel's scope besides `_elapsed` (a drawn weight `w`). */
  temps?(proj: ProjectionPlan): string[];
  /**
   * Engine-owned int arrays of the layout (`_wg_…`, the `own` map of `rings.ts`), computed from the
   * projection's state maps when the network is built and again when its connectivity was signalled.
   */
  ownArrays?(proj: ProjectionPlan, net: NetworkPlan, state: ReadonlyMap<string, unknown>): [string, Int32Array][];
  /** Arrays of the projection's state no kernel of the layout reads: the device does not hold them. */
  hostOnly?: readonly string[];
  /**
   * Layouts of more than one kernel (each dispatched indirectly): the number of indirect slots, the
   * preparation lines writing them from the first (`slot`), and the kernels, replacing the one
   * kernel of `count` and `walk`.
   */
  passes?: {
    slots: number;
    prep(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: number, go: string): string[];
    kernels(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: number): Kernel[];
  };
}

/**
 * The inverse walk of a stored projection: one spike per workgroup, its synapses over the
 * workgroup's invocations; `source` sets `n` and `base` (the spikes of this workgroup row: `base` an
 * offset in `I`), `skip` passes over the synapses `k` this row does not transmit.
 */
function inverseBody(proj: ProjectionPlan, L: Layout, source: string[], skip: string[], event: string[]): string[] {
  return [
    'var n: i32 = 0; var base: i32 = 0;',
    ...source,
    ...inverseWalk(loopTarget(proj, L), (s) => `I[base + ${s}]`, 'n', event, { skip }),
  ];
}

/**
 * No or uniform delays: one row of workgroups over the spikes of the previous step, or those of
 * the pre-synaptic spike queue's slot `delay` back (`../kernels/transmission.ts` `spikeSource`).
 */
const queueSpikes: SpikePropagationStrategy = {
  name: 'queue',
  compatible: (proj) => proj.delay.kind !== 'variable',
  ringSlots: () => 0,
  pushes: () => [],
  rows: () => 1,
  // n: this step's spike count or a spike queue slot's, each at most the population's size.
  most: (proj, net) => net.populations[proj.pre].size,
  count: (proj, net, L) => ['var n: i32 = 0; var base: i32 = 0;', ...sharedSpikeSource(proj, queueSource(proj, net, L)), 'let _cnt = n;'],
  walk: (proj, net, L, event) => inverseBody(proj, L, sharedSpikeSource(proj, queueSource(proj, net, L)), [], event),
};

/**
 * The pre-synaptic spikes as a source (`../kernels/transmission.ts`): this step's list or a slot
 * of the spike queue, as `n` and `base` (declared `var`s; `base` an offset in `I`).
 */
function queueSource(proj: ProjectionPlan, net: NetworkPlan, L: Layout): SpikeSourceTarget {
  const pre = net.populations[proj.pre];
  const p = (n: string) => L.off('pop', pre.id, n);
  return {
    d: wgslDialect,
    now: () => [`n = atomicLoad(&A[${p('_nspiked')}]);`, `base = ${p('_spiked')};`],
    queued: (slot) => [`n = I[${p('_spike_queue_n')} + ${slot}];`, `base = ${p('_spike_queue')} + ${slot} * ${pre.size};`],
    queue: () => ({
      delay: `I[${L.off('proj', proj.id, '_delay_uniform')}]`,
      newest: `I[${p('_spike_queue_idx')}]`,
      slots: String(L.get('pop', pre.id, '_spike_queue_n').length),
    }),
  };
}

/**
 * Per-synapse delays: like the js backend's ring, the projection keeps the pre-synaptic spike lists
 * of its last `maxSteps` active steps (`_wg_ring`), pushed and advanced only in steps where it
 * transmits (so that spikes are dropped and spikes in flight wait exactly as in js). One row of
 * workgroups per delay `d` (`wid.y + 1`) walks the spikes pushed `d − 1` active steps ago and skips
 * the synapses of other delays.
 */
const ringRows: SpikePropagationStrategy = {
  name: 'ring-rows',
  compatible: (proj) => proj.delay.kind === 'variable',
  ringSlots: (proj) => (proj.delay.kind === 'variable' ? Math.max(1, proj.delay.maxSteps) : 0),
  pushes(proj, net, L, go) {
    // The spikes of the previous step into the next slot; the preparation pass then advances the index and stores the count.
    const pre = net.populations[proj.pre];
    const o = (n: string) => L.off('proj', proj.id, n);
    return [{
      name: `proj${proj.id}_ring_push`, stage: 0, mem: plainMem, dispatch: { threads: pre.size },
      body: [
        `if (!(${go})) { return; }`,
        `let _slot = (I[${o('_wg_ring_idx')}] + 1) % ${ringRows.rows(proj, L)};`,
        `if (gi < atomicLoad(&A[${L.off('pop', pre.id, '_nspiked')}])) { I[${o('_wg_ring')} + _slot * ${pre.size} + gi] = I[${L.off('pop', pre.id, '_spiked')} + gi]; }`,
      ],
    }];
  },
  rows: (proj, L) => L.get('proj', proj.id, '_wg_ring_n').length,
  // The longest of the ring's lists, each a copy of a spike count: at most the population's size.
  most: (proj, net) => net.populations[proj.pre].size,
  count(proj, net, L, go) {
    // Advance the ring (in transmitting steps only) and store the count the push kernel copied; the rows take the longest list.
    const o = (n: string) => L.off('proj', proj.id, n);
    const rows = ringRows.rows(proj, L);
    return [
      'var _mx: i32 = 0;',
      `if (${go}) {`,
      `  let _slot = (I[${o('_wg_ring_idx')}] + 1) % ${rows};`,
      `  I[${o('_wg_ring_idx')}] = _slot;`,
      `  I[${o('_wg_ring_n')} + _slot] = atomicLoad(&A[${L.off('pop', proj.pre, '_nspiked')}]);`,
      `  for (var d: i32 = 1; d <= ${rows}; d = d + 1) {`,
      '    var n: i32 = 0; var base: i32 = 0;',
      ...indent(ringSource(proj, net, L), 2),
      '    _mx = max(_mx, n);',
      '  }',
      '}',
      'let _cnt = _mx;',
    ];
  },
  walk: (proj, net, L, event) => inverseBody(proj, L, ['let d = i32(wid.y) + 1;', ...ringSource(proj, net, L)], [`if (${L.int('proj', proj.id, '_delay', 'k')} != d) { continue; }`], event),
};

/** The spikes pushed `d - 1` active steps ago into a projection's ring (`d`, an i32, declared by the caller). */
function ringSource(proj: ProjectionPlan, net: NetworkPlan, L: Layout): string[] {
  const o = (n: string) => L.off('proj', proj.id, n);
  const HD = L.get('proj', proj.id, '_wg_ring_n').length;
  return [
    `let _hs = ${slotBack(`I[${o('_wg_ring_idx')}]`, 'd', String(HD))};`,
    `n = I[${o('_wg_ring_n')} + _hs];`,
    `base = ${o('_wg_ring')} + _hs * ${net.populations[proj.pre].size};`,
  ];
}

/**
 * Procedural connectivity (`../kernels/procedural.ts`, draws in `procedural.ts`): no synapse is
 * stored, each spike's row is regenerated by one invocation (the gaps of a row come one after the
 * other), the spikes spread over the invocations of the dispatch. No or uniform delays: one row of
 * workgroups over the spikes the delay chooses (as `queue`). Per-synapse delays: one row of
 * workgroups per delay `d` (`maxSteps − wid.y`) over the spikes of the pre-synaptic spike queue `d`
 * steps back, each regenerating its row and running its synapses of delay `d` (the shared walk's
 * window, the delays in parallel instead of in turn).
 */
const proceduralRows: SpikePropagationStrategy = {
  name: 'procedural',
  compatible: (proj) => proj.procedural !== undefined,
  ringSlots: () => 0,
  pushes: () => [],
  rows: (proj) => (proj.delay.kind === 'variable' ? Math.max(1, proj.delay.maxSteps) : 1),
  // ceil(n / WG) of a spike count of at most the population's size.
  most: (proj, net) => Math.ceil(net.populations[proj.pre].size / WG),
  count(proj, net, L) {
    // One invocation per spike: the longest spike list any row of workgroups walks, in workgroups of WG.
    const source = queueSource(proj, net, L);
    const perRow = proj.delay.kind === 'variable'
      ? [
        'var _mx: i32 = 0;',
        `for (var _dd: i32 = 1; _dd <= ${proj.delay.maxSteps}; _dd++) {`,
        '  var n: i32 = 0; var base: i32 = 0;',
        ...indent(spikeSourceAt(source, '_dd')),
        '  _mx = max(_mx, n);',
        '}',
      ]
      : ['var n: i32 = 0; var base: i32 = 0;', ...sharedSpikeSource(proj, source), 'let _mx = n;'];
    return [...perRow, `let _cnt = (_mx + ${WG - 1}) / ${WG};`];
  },
  walk(proj, net, L, event) {
    const source = queueSource(proj, net, L);
    const draws = webgpuProceduralDraws(proj, L);
    return [
      'var n: i32 = 0; var base: i32 = 0;',
      ...proceduralWalk(proj, net, loopTarget(proj, L, invocationSpread), draws, source, (s) => `I[base + ${s}]`, 'n', event, {
        // One row of workgroups per delay (`rows`): wid.y is the walk's `_dq`.
        delays: (dq, _n, body) => [`let ${dq}: i32 = i32(wid.y);`, ...body],
      }),
    ];
  },
  decls: (proj, L) => webgpuProceduralDraws(proj, L).decls,
  temps: proceduralTemps,
};

/** The spread of a procedural walk: one spike per invocation, strided over the dispatch's rows of workgroups. */
const invocationSpread: LoopTarget['spread'] = {
  spikes: (s, n, body) => [`for (var ${s} = i32(gid.x); ${s} < ${n}; ${s} = ${s} + i32(nwg.x) * ${WG}) {`, ...indent(body), '}'],
};

/** The stride loop of one invocation per element over an indirect dispatch of one row of workgroups. */
const stridedDendrites: LoopTarget['spread'] = {
  dendrites: (i, n, body) => [`for (var ${i} = gi; ${i} < ${n}; ${i} = ${i} + i32(nwg.x) * ${WG}) {`, ...indent(body), '}'],
};

/**
 * Post-span (`../kernels/propagation.ts`): in a step with at least `postSpanMinSpikes` spikes, the
 * spiking pre-synaptic neurons are marked with the step's epoch (`_wg_mark`, one i32 per neuron;
 * `_wg_epoch` counts the steps that marked, so no pass has to unmark), then one invocation per
 * dendrite runs the events of its marked synapses in index order: no atomics, each neuron written
 * by its one invocation, sums in the js order (deterministic). In a step with fewer spikes, the row
 * walk of `queue`. Three indirect slots: the marks (one invocation per spike), the dendrites, the
 * row walk; the preparation pass opens either the first two or the third.
 */
const postSpan: SpikePropagationStrategy = {
  name: 'post-span',
  compatible: (proj, net) => choosesPostSpan(proj, net, 'webgpu'),
  ringSlots: () => 0,
  pushes: () => [],
  rows: () => 1,
  most: () => { throw new InternalError('webgpu backend: post-span is laid out by its passes'); },
  count: () => { throw new InternalError('webgpu backend: post-span is laid out by its passes'); },
  walk: () => { throw new InternalError('webgpu backend: post-span is laid out by its passes'); },
  ownArrays: (proj, net) => [['_wg_mark', new Int32Array(net.populations[proj.pre].size)], ['_wg_epoch', new Int32Array(1)]],
  passes: {
    slots: 3,
    prep(proj, net, L, slot, go) {
      const o = (n: string) => L.off('proj', proj.id, n);
      const nd = L.get('proj', proj.id, '_post_rank').length;
      const [marks, dendrites, rows] = postSpanSlots(proj, net, L, slot);
      return [
        'var n: i32 = 0; var base: i32 = 0;',
        ...sharedSpikeSource(proj, queueSource(proj, net, L)),
        `let _span = ${go} && n >= ${postSpanMinSpikes(proj, net, 'webgpu')};`,
        // A new epoch per marking step; at the largest i32 every mark is cleared once and the epochs start again.
        'if (_span) {',
        `  var _e = I[${o('_wg_epoch')}] + 1;`,
        `  if (_e == 2147483647) { for (var j: i32 = 0; j < ${net.populations[proj.pre].size}; j++) { I[${o('_wg_mark')} + j] = 0; } _e = 1; }`,
        `  I[${o('_wg_epoch')}] = _e;`,
        '}',
        ...indirectArgs(marks, `(n + ${WG - 1}) / ${WG}`, '_span'),
        ...indirectArgs(dendrites, `(${nd} + ${WG - 1}) / ${WG}`, '_span'),
        ...indirectArgs(rows, 'n', `${go} && !_span`),
      ];
    },
    kernels(proj, net, L, slot) {
      const o = (n: string) => L.off('proj', proj.id, n);
      const [marks, dendrites, rows] = postSpanSlots(proj, net, L, slot);
      const mark: Kernel = {
        name: `proj${proj.id}_mark`, stage: 0, mem: plainMem, dispatch: indirectDispatch(marks),
        body: [
          'var n: i32 = 0; var base: i32 = 0;',
          ...sharedSpikeSource(proj, queueSource(proj, net, L)),
          `let _e = I[${o('_wg_epoch')}];`,
          ...invocationSpread!.spikes!('s', 'n', [`I[${o('_wg_mark')} + I[base + s]] = _e;`]),
        ],
      };
      const event = spikeEvent(proj, net, L, plainMem, POST_SPAN_SHARING);
      const walk: Kernel = {
        name: `proj${proj.id}_transmit`, stage: 0, mem: plainMem, dispatch: indirectDispatch(dendrites),
        body: [
          `let _e = I[${o('_wg_epoch')}];`,
          ...postSpanWalk(loopTarget(proj, L, stridedDendrites), (r) => `I[${o('_wg_mark')} + ${r}] == _e`, event),
        ],
      };
      return [mark, walk, { ...spikeTransmissionKernel(proj, net, L, rows, queueSpikes), name: `proj${proj.id}_rows` }];
    },
  },
};

/**
 * The three slots of a post-span projection from `slot`: the marks (one invocation per spike:
 * ceil(n / WG) of at most the pre-synaptic population's size), the dendrites (ceil(dendrites / WG),
 * or none), the row walk (one workgroup per spike).
 */
function postSpanSlots(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: number): SlotSize[] {
  const size = net.populations[proj.pre].size;
  const nd = L.get('proj', proj.id, '_post_rank').length;
  return [slotSize(slot, Math.ceil(size / WG)), slotSize(slot + 1, Math.ceil(nd / WG)), slotSize(slot + 2, size)];
}

/** The writes of a post-span walk's events: each post-synaptic neuron by its one invocation (the others are refused by its compatibility). */
const POST_SPAN_SHARING: Sharing = { pre: true, post: false, semiglobal: true, global: true };

/**
 * Bitmask connectivity (`../kernels/propagation.ts`): one bit per (pre, post) pair (`_wg_bits`,
 * built on the host from the stored rows: at the build and when the connectivity was signalled),
 * rows of 32-bit words per pre-synaptic neuron. One workgroup per spike, as `queue`; its invocations
 * take the words of the row, each running the event of its set bits in ascending post rank (atomic
 * adds, as the row walk). The device holds no index of the projection.
 */
const bitmask: SpikePropagationStrategy = {
  name: 'bitmask',
  compatible: (proj, net) => choosesBitmask(proj, net, 'webgpu'),
  ringSlots: () => 0,
  pushes: () => [],
  rows: () => 1,
  most: queueSpikes.most,
  count: queueSpikes.count,
  walk(proj, net, L, event) {
    const words = bitmaskWords(proj, net);
    return [
      'var n: i32 = 0; var base: i32 = 0;',
      ...sharedSpikeSource(proj, queueSource(proj, net, L)),
      ...eventSpread!.spikes!('s', 'n', [
        'let rk_pre = I[base + s];',
        `let _row = rk_pre * ${words};`,
        `for (var _wd = li; _wd < ${words}; _wd = _wd + ${WG}) {`,
        `  var _b = bitcast<u32>(${L.int('proj', proj.id, '_wg_bits', '_row + _wd')});`,
        '  while (_b != 0u) {',
        '    let rk_post = _wd * 32 + i32(countTrailingZeros(_b));',
        '    _b = _b & (_b - 1u);',
        ...indent(event, 2),
        '  }',
        '}',
      ]),
    ];
  },
  ownArrays(proj, net, state) {
    const a = (n: string) => state.get(n) as Int32Array;
    return [['_wg_bits', buildBitmask(a('_row_ptr'), a('_post_rank'), a('_pre_rank'), net.populations[proj.pre].size, bitmaskWords(proj, net))]];
  },
  hostOnly: ['_row_ptr', '_post_rank', '_pre_rank', '_inv_ptr', '_inv_idx', '_syn_dendrite', '_dendrite_of_post'],
};

/** The layouts of spike propagation, in order of preference. */
export const spikePropagationStrategies: readonly SpikePropagationStrategy[] = [proceduralRows, bitmask, postSpan, queueSpikes, ringRows];

/** The spike propagation layout of a spiking projection: the first compatible of {@link spikePropagationStrategies}. */
export function spikePropagation(proj: ProjectionPlan, net: NetworkPlan): SpikePropagationStrategy {
  const s = spikePropagationStrategies.find((x) => x.compatible(proj, net));
  if (!s) throw new InternalError(`webgpu backend: no spike propagation layout for projection '${proj.name}'`);
  return s;
}

/** The engine-owned arrays of a spiking projection's layout (`SpikePropagationStrategy.ownArrays`), none for the others. */
export function propagationArrays(proj: ProjectionPlan, net: NetworkPlan, state: ReadonlyMap<string, unknown>): [string, Int32Array][] {
  return proj.type === 'spike' && !proj.special ? spikePropagation(proj, net).ownArrays?.(proj, net, state) ?? [] : [];
}

/** Whether the device holds array `name` of projection `proj` (not when its layout leaves it on the host: `hostOnly`). */
export function onDevice(proj: ProjectionPlan, net: NetworkPlan, name: string): boolean {
  return !(proj.type === 'spike' && !proj.special && spikePropagation(proj, net).hostOnly?.includes(name));
}

/** The lines of the preparation kernel that size the indirect dispatch of a spike projection (none where `gate`, the call's, is off). */
export function spikePrepLines(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: number, gate: Gate): string[] {
  const walk = spikePropagation(proj, net);
  const go = transmits(proj, L, gate);
  if (walk.passes) return ['{', ...indent(walk.passes.prep(proj, net, L, slot, go)), '}'];
  return ['{', ...indent(walk.count(proj, net, L, go)), `  let _go = ${go};`, ...indent(indirectArgs(walkSlot(proj, net, L, slot, walk), '_cnt', '_go')), '}'];
}

/** The slot of a one-kernel layout `walk` (`rows`, `most`). */
function walkSlot(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: number, walk: SpikePropagationStrategy): SlotSize {
  return slotSize(slot, walk.most(proj, net), walk.rows(proj, L));
}

/** The slots of the indirect dispatch a spiking projection's layout takes. */
export function spikeSlots(proj: ProjectionPlan, net: NetworkPlan): number {
  return spikePropagation(proj, net).passes?.slots ?? 1;
}

/** The kernels of spike propagation in the projection's {@link spikePropagation} layout (from indirect slot `slot`). */
export function spikeTransmissionKernels(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: number): Kernel[] {
  const walk = spikePropagation(proj, net);
  return walk.passes ? walk.passes.kernels(proj, net, L, slot) : [spikeTransmissionKernel(proj, net, L, walkSlot(proj, net, L, slot, walk), walk)];
}

/** The `pre_spike` code of synapse `k` (`rk_pre`, `rk_post`) in kernels reading memory through `mem`, `sharing` the writes needing atomics. */
function spikeEvent(proj: ProjectionPlan, net: NetworkPlan, L: Layout, mem: Mem, sharing: Sharing, temps: string[] = []): string[] {
  const scope = synapseScope(proj, net, L, mem, { dtName: 'DT', temps: new Set(['_elapsed', ...temps]) });
  const ctx = synapseContext(proj, net, scope, L, mem, sharing, 'pre_spike');
  return preSpikeEvent(proj, eventTarget(proj, ctx, L, mem), 'U.step');
}

/** Spike propagation of one kernel (pre-span, event-driven, atomic adds into neurons) in layout `walk`. */
function spikeTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, L: Layout, slot: SlotSize, walk: SpikePropagationStrategy): Kernel {
  const mem = atomicMem;
  const event = spikeEvent(proj, net, L, mem, EVENT_SHARING, walk.temps?.(proj));
  const decls = walk.decls?.(proj, L) ?? [];
  return {
    name: `proj${proj.id}_transmit`, stage: 0, mem, dispatch: indirectDispatch(slot),
    ...(decls.length ? { decls } : {}),
    ...(commutes(proj, net) ? { commutes: true } : {}),
    body: walk.walk(proj, net, L, event),
  };
}

/**
 * Whether a projection's transmission commutes with other such ones (`Kernel.commutes`): its events
 * only add into post-synaptic neurons (`addsOnly`) and read no post-synaptic value (which another
 * projection's events could be adding to in the same dispatch).
 */
function commutes(proj: ProjectionPlan, net: NetworkPlan): boolean {
  const d = proj.description;
  return addsOnly(proj, net) && ![...d.transmission, ...d.preSpike].some((a) => readsPost(a.value));
}

/** Whether an expression reads anything of the post-synaptic neuron (`post.x`, `post.sum(…)`, `mean(post.x)`, …). */
function readsPost(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false;
  if ((e as { owner?: unknown }).owner === 'post') return true;
  return Object.values(e).some(readsPost);
}

