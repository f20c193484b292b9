/**
 * The loops of a projection's kernels written once, for the backends that run a kernel as one
 * sequential program (js, cpp; webgpu gives each element an invocation of its own): the walk over
 * the dendrites of a weighted sum, the walk from a step's pre-synaptic spikes to their synapses
 * through the inverse indices, the ring of synapses in flight of per-synapse delays, the synaptic
 * equations per dendrite and per synapse, and the `post_spike` walk over a post-synaptic spike's
 * dendrite. The orders are fixed here, so every backend that lays them out adds in the same order:
 * dendrites in index order and the synapses of each in index order; spikes in emission order and
 * the synapses of each spike in inverse-index order.
 *
 * What stays with a backend (`LoopTarget`): how an array becomes a local, the number of dendrites,
 * the annotations of a loop whose iterations are independent (OpenMP, vectorisation hints) and how
 * the ring of per-synapse delays is kept. The code run per synapse (events, psp, equations) comes
 * from `transmission.ts`, `events.ts` and the statement printer.
 */
import type { ProjectionPlan } from '../../ir/plan.js';
import type { Dialect } from './dialect.js';
import type { WeightedSumParts } from './transmission.js';
import { slotAhead } from './delays.js';
import { renderArith } from '../render.js';

/** What a backend provides to the loops of projection kernels. */
export interface LoopTarget {
  readonly d: Dialect;
  /** Element `idx` (an int value) of the projection's array `name` (`_row_ptr`, `_inv_idx`, …). */
  el(name: string, idx: string): string;
  /** The number of dendrites of the projection, an int value (asked only by the loops over dendrites). */
  dendrites(): string;
  /**
   * Lines before a loop over the dendrites whose iterations write disjoint elements (a thread
   * partition such as an OpenMP pragma, given the loop's number of synapses), or none.
   */
  parallel?(synapses: string): string[];
  /** Lines before a loop over a dendrite's synapses whose iterations are independent (a vectorisation hint), or none. */
  independent?(): string[];
  /**
   * The whole groups of four synapses of a dense row's span as one vector step, where the backend
   * can: `add` is the statement adding synapse `k`'s psp into `_s0` (as `addInto('_s0')` renders it),
   * `offset` the span's `rk_pre − (k − _k0)` (0 or 1). Returns the lines that load `_s0…_s3` into the
   * lanes of a vector (`pack`), one group's step from `_kq` (`step`, lane j taking synapse
   * `_kq + j` into partial j: the same operations in the same order as the four blocks), and the
   * lanes back into `_s0…_s3` (`unpack`); undefined keeps the four blocks.
   */
  laneGroup?(add: string, offset: number): { pack: string[]; step: string[]; unpack: string[] } | undefined;
  /**
   * How loops are spread over parallel invocations (a GPU's invocations and workgroups); each one
   * not given is the dialect's sequential loop. The work is the same, each element once; only the
   * order between invocations changes.
   */
  spread?: {
    /** The loop over the spikes `s` in [0, n) of an event walk. */
    spikes?(s: string, n: string, body: string[]): string[];
    /** The loop over the synapses `i` in [from, to) of one spike. */
    synapses?(i: string, from: string, to: string, body: string[]): string[];
    /** The loop over the dendrites `i` in [0, n) of the synaptic equations. */
    dendrites?(i: string, n: string, body: string[]): string[];
    /** The loop over the dendrites `i` in [0, n) of a weighted sum (wasm's threads: a share of them). */
    sums?(i: string, n: string, body: string[]): string[];
  };
}

const idx = { type: 'index' } as const;

/** `x + 1` of an int value (an index), spelled by the dialect. */
const plusOne = (d: Dialect, x: string) => renderArith(d.expr, '+', x, '1');

/** The loops of a target: its spread ones, else the dialect's sequential loops. */
export function spreadLoops(t: LoopTarget) {
  const { d } = t;
  return {
    spikes: t.spread?.spikes ?? ((s: string, n: string, body: string[]) => d.forRange(s, n, body)),
    synapses: t.spread?.synapses ?? ((i: string, a: string, b: string, body: string[]) => d.forSpan(i, a, b, body)),
    dendrites: t.spread?.dendrites ?? ((i: string, n: string, body: string[]) => d.forRange(i, n, body)),
    sums: t.spread?.sums ?? ((i: string, n: string, body: string[]) => d.forRange(i, n, body)),
  };
}

/** The dendrite `i`'s post-synaptic rank and, with `bounds`, its synapses' bounds `_k0`, `_k1`, as locals. */
function dendriteHead(t: LoopTarget, bounds: boolean): string[] {
  const { d } = t;
  return [
    d.declare('rk_post', t.el('_post_rank', 'i'), idx),
    ...(bounds ? [d.declare('_k0', t.el('_row_ptr', 'i'), idx), d.declare('_k1', t.el('_row_ptr', plusOne(d, 'i')), idx)] : []),
  ];
}

/** The number of interleaved partial sums of an `add` reduction (`dendriteSumLoop`), a power of two. */
const SUM_PARTIALS = 4;

/**
 * A weighted sum laid out per dendrite, one after the other, written into element `rk_post` of
 * `parts.into[n]` (`into(n, idx)`, an element) by `parts.deliver`.
 *
 * max and min take the synapses in index order (`init`, then `take` for each synapse after `rk_pre`).
 * An `add` reduction (sum, mean) keeps four partial sums so that the additions of a dendrite are four
 * independent chains (a single chain of float64 adds is bound by the add latency, ≈ 4 cycles a
 * synapse): synapse `k` of the dendrite goes to partial `_s((k − _k0) mod 4)`, each partial taking
 * its synapses in index order from 0, and the dendrite's sum is `(_s0 + _s1) + (_s2 + _s3)`. This
 * order is the one of every CPU backend (js, cpp, wasm, at any number of threads: a dendrite is never
 * split), pinned by `test/backends/sum-order.test.ts`. It is laid out as a loop over whole groups of
 * four synapses, one block per synapse (each declares its own `k` and `rk_pre`), then a tail of the
 * remaining 0–3 synapses into `_s0`, `_s1`, `_s2` in order.
 *
 * A dense projection (`parts.denseRows`, `ir/dense-rows.ts`) takes `rk_pre` from the synapse's
 * position `k − _k0` in its row instead of loading `_pre_rank[k]` (`DenseRank`); rows without the
 * own rank (`'all-but-self'`) are cut at `_kb = _k0 + rk_post` into spans of constant offset (whole
 * groups before `_kb`: the position; the group across `_kb`: a select; whole groups after: the
 * position + 1). The same synapses into the same partials in the same order: the same bits, and
 * each whole group reads `w` and `pre.x` contiguously (g++ vectorises it).
 */
export function dendriteSumLoop(t: LoopTarget, parts: WeightedSumParts, into: (n: number, idx: string) => string): string[] {
  const { d } = t;
  const nd = '_nd';
  const count = renderArith(d.expr, '-', '_k1', '_k0');
  const dense = parts.denseRows;
  // In the order of the lines: a target numbers the arrays it is asked for on first use.
  const head = [d.declare(nd, t.dendrites(), idx), ...(t.parallel?.(t.el('_row_ptr', nd)) ?? [])];
  const sums = spreadLoops(t).sums;
  const dendrite = dendriteHead(t, true);
  let body: string[];
  if (parts.addInto) {
    body = interleavedSum(t, parts.addInto, dense);
  } else if (dense === 'all-but-self') {
    // Index order: the synapses before `_kb`, then those after it.
    body = [
      ...parts.init,
      d.declare('_kb', renderArith(d.expr, '+', '_k0', 'rk_post'), idx),
      ...d.forSpan('k', '_k0', '_kb', [...preRank(t, 'position'), ...parts.take]),
      ...d.forSpan('k', '_kb', '_k1', [...preRank(t, 'position + 1'), ...parts.take]),
    ];
  } else {
    body = [...parts.init, ...d.forSpan('k', '_k0', '_k1', [...preRank(t, dense ? 'position' : 'index'), ...parts.take])];
  }
  return [...head, ...sums('i', nd, [...dendrite, ...body, ...parts.deliver((_name, n) => into(n, 'rk_post'), count)])];
}

/**
 * How a loop over a dendrite's synapses finds synapse `k`'s pre rank: `index`, `_pre_rank[k]`;
 * for dense rows, its position `k − _k0` in the row (`position`), one more (`position + 1`, past
 * the own rank of an `'all-but-self'` row), or either by `k − _k0 >= rk_post` (`select`).
 */
type DenseRank = 'index' | 'position' | 'position + 1' | 'select';

/**
 * The lines declaring `rk_pre` for synapse `k` of the dendrite (`_k0` its first synapse, `rk_post`
 * its neuron) in the way `how`. The select is a local of its own (`_above`): a whole expression in
 * every dialect.
 */
function preRank(t: LoopTarget, how: DenseRank): string[] {
  const { d } = t;
  if (how === 'index') return [d.declare('rk_pre', t.el('_pre_rank', 'k'), idx)];
  const p = renderArith(d.expr, '-', 'k', '_k0');
  if (how === 'position') return [d.declare('rk_pre', p, idx)];
  if (how === 'position + 1') return [d.declare('rk_pre', renderArith(d.expr, '+', p, '1'), idx)];
  return [
    d.declare('_pos', p, idx),
    d.declare('_above', d.select(d.cmp('>=', '_pos', 'rk_post'), '1', '0'), idx),
    d.declare('rk_pre', renderArith(d.expr, '+', '_pos', '_above'), idx),
  ];
}

/**
 * The synapses [`_k0`, `_k1`) of a dendrite summed in the interleaved order of `dendriteSumLoop`
 * into the local `_s`: `addInto(acc)` adds synapse `k`'s psp into `acc`; `dense`, the projection's
 * dense rows (how `rk_pre` is found).
 */
function interleavedSum(t: LoopTarget, addInto: (acc: string) => string[], dense: WeightedSumParts['denseRows']): string[] {
  const { d } = t;
  const acc = Array.from({ length: SUM_PARTIALS }, (_, j) => `_s${j}`);
  const at = (j: number) => (j === 0 ? '_kq' : renderArith(d.expr, '+', '_kq', String(j)));
  const synapse = (k: string, how: DenseRank, take: string[]) => [d.declare('k', k, idx), ...preRank(t, how), ...take];
  const plus = (a: string, b: string) => renderArith(d.expr, '+', a, b);
  const minus = (a: string, b: string) => renderArith(d.expr, '-', a, b);
  const advance = d.assign('_kq', plus('_kq', String(SUM_PARTIALS)));
  // A whole group of four synapses from `_kq`, then `_kq` past it.
  const group = (how: DenseRank) => [...acc.flatMap((s, j) => d.block(synapse(at(j), how, addInto(s)))), advance];
  // `_kq < end − 3`, not `_kq + 4 <= end`: no index past `_k1` is formed.
  const wholeGroupBefore = (end: string) => d.cmp('<', '_kq', minus(end, String(SUM_PARTIALS - 1)));
  // The tail: synapse `_kq + j` (j < 3) exists only when the one before it does.
  const tailHow: DenseRank = dense === 'all-but-self' ? 'select' : dense ? 'position' : 'index';
  const tail = (j: number): string[] => j === SUM_PARTIALS - 1 ? [] : d.ifBlock(d.cmp('<', at(j), '_k1'), [...d.block(synapse(at(j), tailHow, addInto(acc[j]))), ...tail(j + 1)]);
  // Pairwise: `(_s0 + _s1) + (_s2 + _s3)`.
  const combined = (xs: string[]): string => xs.length === 1 ? xs[0] : plus(combined(xs.slice(0, xs.length / 2)), combined(xs.slice(xs.length / 2)));
  // The whole groups of a span of constant offset: the backend's vector step where it has one.
  const span = (end: string, how: 'position' | 'position + 1' | 'index'): string[] => {
    const lanes = how === 'index' ? undefined : t.laneGroup?.(addInto(acc[0]).join(' '), how === 'position' ? 0 : 1);
    if (!lanes) return d.whileLoop(wholeGroupBefore(end), group(how));
    return [...d.block([...lanes.pack, ...d.whileLoop(wholeGroupBefore(end), [...lanes.step, advance]), ...lanes.unpack])];
  };
  const groups = dense === 'all-but-self' ? [
    // The own rank's synapse position `rk_post` is where the offset changes: `_kb`.
    d.declare('_kb', plus('_k0', 'rk_post'), idx),
    ...span('_kb', 'position'),
    ...d.ifBlock(d.and(d.cmp('<', '_kq', '_kb'), wholeGroupBefore('_k1')), group('select')),
    ...span('_k1', 'position + 1'),
  ] : span('_k1', dense ? 'position' : 'index');
  return [
    ...acc.map((s) => d.declare(s, d.expr.number(0), { mutable: true })),
    d.declare('_kq', '_k0', { mutable: true, type: 'index' }),
    ...groups,
    ...tail(0),
    d.declare('_s', combined(acc)),
  ];
}

/**
 * The synapses reached by the spikes `src(s)`, `s` in [0, `ns`) (pre-synaptic ranks), in emission
 * order and, per spike, in inverse-index order: `event` runs for synapse `k` of dendrite `i` with
 * `rk_pre` and `rk_post` declared. `postOf(m)` is the post-synaptic rank of inverse entry `m` (by
 * default through the synapse's dendrite; a backend may keep it in a derived array); `skip`, lines
 * after `k` that pass over a synapse this walk does not transmit (a layout's filter). With
 * `omitUnread` (and `postOf`), `k` and `i` are declared only where `event` or `skip` name them: a
 * walk that reads only its derived arrays then touches neither `_inv_idx` nor `_syn_dendrite`,
 * which the backend may then leave out of memory between runs.
 */
export function inverseWalk(t: LoopTarget, src: (s: string) => string, ns: string, event: string[], options: { postOf?: (m: string) => string; skip?: string[]; omitUnread?: boolean } = {}): string[] {
  const { d } = t;
  const walk = spreadLoops(t);
  const skip = options.skip ?? [];
  const { k, i } = indicesRead(event, skip, !options.omitUnread || !options.postOf);
  return walk.spikes('s', ns, [
    d.declare('rk_pre', src('s'), idx),
    ...walk.synapses('m', t.el('_inv_ptr', 'rk_pre'), t.el('_inv_ptr', plusOne(d, 'rk_pre')), [
      ...(k ? [d.declare('k', t.el('_inv_idx', 'm'), idx)] : []),
      ...skip,
      ...(i ? [d.declare('i', t.el('_syn_dendrite', 'k'), idx)] : []),
      d.declare('rk_post', options.postOf ? options.postOf('m') : t.el('_post_rank', 'i'), idx),
      ...event,
    ]),
  ]);
}

/**
 * Which of a spike walk's synapse `k` and dendrite `i` its lines name (`all`: both, whatever the
 * lines): `i` needs `k`. The names are the walks' own locals, so a whole-word match is exact.
 */
export function indicesRead(event: readonly string[], skip: readonly string[] = [], all = false): { k: boolean; i: boolean } {
  const names = (name: string, lines: readonly string[]) => lines.some((l) => new RegExp(`\\b${name}\\b`).test(l));
  const i = all || names('i', event);
  return { i, k: i || names('k', [...event, ...skip]) };
}

/**
 * Post-span (`propagation.ts`): every dendrite `i` (post rank `rk_post`), one after the other or
 * spread, its synapses `k` in index order (ascending pre rank), `event` run for those whose
 * pre-synaptic neuron passes `spiked(rk_pre)` (a condition: in this step's spikes). Each dendrite
 * writes only its neuron, so the loop may run on several threads.
 */
export function postSpanWalk(t: LoopTarget, spiked: (rkPre: string) => string, event: string[]): string[] {
  const { d } = t;
  const nd = '_nd';
  return [
    d.declare(nd, t.dendrites(), idx),
    ...(t.parallel?.(t.el('_row_ptr', nd)) ?? []),
    ...spreadLoops(t).dendrites('i', nd, [
      ...dendriteHead(t, true),
      ...d.forSpan('k', '_k0', '_k1', [d.declare('rk_pre', t.el('_pre_rank', 'k'), idx), ...d.ifBlock(spiked('rk_pre'), event)]),
    ]),
  ];
}

/** How a backend keeps the synapses in flight of a projection with per-synapse delays (a ring of `_D` slots of synapse lists). */
/**
 * Whether a projection keeps its spikes in flight in a ring of synapses (`SynapseRing`, `ringWalk`):
 * spiking, not special, per-synapse delays.
 */
export function hasSpikeRing(proj: ProjectionPlan): boolean {
  return proj.type === 'spike' && !proj.special && !proj.procedural && proj.delay.kind === 'variable';
}

export interface SynapseRing {
  /** Lines declaring `_D` (the number of slots) and `_ri` (this step's slot), int values. */
  read: string[];
  /** Appends synapse `k` to slot `slot`. */
  push(slot: string, k: string): string;
  /** Lines declaring this step's slot: its length `_sn` and what `element` reads. */
  current: string[];
  /** Synapse `m` (an int value) of this step's slot. */
  element(m: string): string;
  /** Empties this step's slot and advances `_ri` to the next one. */
  advance: string[];
}

/**
 * Per-synapse delays: each synapse reached by this step's spikes `src(s)`, `s` in [0, `ns`), is pushed `delay`
 * slots ahead (spikes in emission order, synapses in inverse-index order); then every synapse of this
 * step's slot runs `event`, in the order it was pushed.
 */
export function ringWalk(t: LoopTarget, ring: SynapseRing, src: (s: string) => string, ns: string, event: string[]): string[] {
  return [...ringPush(t, ring, src, ns), ...ring.current, ...ringDelivery(t, ring, event), ...ring.advance];
}

/** The first half of {@link ringWalk}: the ring read, then each synapse reached by this step's spikes pushed `delay` slots ahead. */
export function ringPush(t: LoopTarget, ring: SynapseRing, src: (s: string) => string, ns: string): string[] {
  const { d } = t;
  return [
    ...ring.read,
    ...d.forRange('s', ns, [
      d.declare('rk_pre', src('s'), idx),
      ...d.forSpan('m', t.el('_inv_ptr', 'rk_pre'), t.el('_inv_ptr', plusOne(d, 'rk_pre')), [
        d.declare('k', t.el('_inv_idx', 'm'), idx),
        ring.push(slotAhead('_ri', t.el('_delay', 'k'), '_D'), 'k'),
      ]),
    ]),
  ];
}

/**
 * The second half of {@link ringWalk} (after `ring.current`, before `ring.advance`): `event` for every
 * synapse of this step's slot in push order; `skip` lines, after `rk_post`, may pass over a synapse.
 */
export function ringDelivery(t: LoopTarget, ring: SynapseRing, event: string[], options: { skip?: string[] } = {}): string[] {
  const { d } = t;
  return d.forRange('m', '_sn', [
    d.declare('k', ring.element('m'), idx),
    d.declare('i', t.el('_syn_dendrite', 'k'), idx),
    d.declare('rk_pre', t.el('_pre_rank', 'k'), idx),
    d.declare('rk_post', t.el('_post_rank', 'i'), idx),
    ...(options.skip ?? []),
    ...event,
  ]);
}

/**
 * Whether the synaptic equations of `proj` write only the projection's own attributes (no `pre.`
 * or `post.` target), so that its dendrites may run in parallel: the `independent` of
 * {@link synapseUpdateLoop}, and the rule by which cpp and wasm thread them.
 */
export function writesOnlySelf(proj: ProjectionPlan): boolean {
  return proj.description.sections.every((s) => s.steps.every((st) => st.kind === 'ode' || st.owner === 'self'));
}

/**
 * The synaptic equations: `global` once, then `invariants` once (the declarations of the values the
 * other sections read, `./invariants.ts`: before the loop, so that the threads of a parallel loop
 * share them), then per dendrite `semiglobal` (after `rk_post`) and `local` for each of its synapses
 * (after `rk_pre`). `independent`: the equations write only the projection's own attributes, so
 * dendrites may run in parallel and synapses be vectorised.
 */
export function synapseUpdateLoop(t: LoopTarget, global: string[], invariants: string[], semiglobal: string[], local: string[], independent: boolean): string[] {
  const { d } = t;
  const nd = '_nd';
  return [
    ...global,
    ...invariants,
    d.declare(nd, t.dendrites(), idx),
    ...(independent ? (t.parallel?.(t.el('_row_ptr', nd)) ?? []) : []),
    ...spreadLoops(t).dendrites('i', nd, [
      ...dendriteHead(t, false),
      ...semiglobal,
      ...(local.length ? [
        ...(independent ? (t.independent?.() ?? []) : []),
        ...d.forSpan('k', t.el('_row_ptr', 'i'), t.el('_row_ptr', plusOne(d, 'i')), [d.declare('rk_pre', t.el('_pre_rank', 'k'), idx), ...local]),
      ] : []),
    ]),
  ];
}

/**
 * `post_spike` code: for each spike `src(s)`, `s` in [0, `ns`), of the post-synaptic population, in
 * emission order, `event` runs for every synapse of the neuron's dendrite (none when it has none).
 */
export function postSpikeWalk(t: LoopTarget, src: (s: string) => string, ns: string, event: string[]): string[] {
  const { d } = t;
  const walk = spreadLoops(t);
  return walk.spikes('s', ns, [
    d.declare('rk_post', src('s'), idx),
    d.declare('i', t.el('_dendrite_of_post', 'rk_post'), idx),
    ...d.ifBlock(d.cmp('>=', 'i', '0'), walk.synapses('k', t.el('_row_ptr', 'i'), t.el('_row_ptr', plusOne(d, 'i')), [d.declare('rk_pre', t.el('_pre_rank', 'k'), idx), ...event])),
  ]);
}
