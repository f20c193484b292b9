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
import type { Dialect } from './dialect.js';
import type { WeightedSumParts } from './transmission.js';
import { slotAhead } from './delays.js';
import { renderArith } from '../render.js';

/** What a backend provides to the loops of projection kernels. */
export interface LoopTarget {
  readonly d: Dialect;
  /** The local holding the projection's array `name` (`_row_ptr`, `_inv_idx`, …), declared by the backend on first use. */
  array(name: string): string;
  /** The number of dendrites of the projection, an int value. */
  dendrites: string;
  /**
   * Lines before a loop over the dendrites whose iterations write disjoint elements (a thread
   * partition such as an OpenMP pragma, given the loop's number of synapses), or none.
   */
  parallel?(synapses: string): string[];
  /** Lines before a loop over a dendrite's synapses whose iterations are independent (a vectorisation hint), or none. */
  independent?(): string[];
}

const idx = { type: 'index' } as const;

/** `arr[i]` as a value. */
const at = (arr: string, i: string) => `${arr}[${i}]`;

/** The dendrite `i`'s bounds and its post-synaptic rank, as locals. */
function dendriteHead(t: LoopTarget, bounds: boolean): string[] {
  const { d } = t;
  const row = t.array('_row_ptr');
  return [
    d.declare('rk_post', at(t.array('_post_rank'), 'i'), idx),
    ...(bounds ? [d.declare('_k0', at(row, 'i'), idx), d.declare('_k1', at(row, 'i + 1'), idx)] : []),
  ];
}

/**
 * A weighted sum laid out per dendrite, one after the other: `init`, `take` for each synapse (after
 * `rk_pre`), then `deliver` into `into[n][rk_post]` (`local(n)` is the local holding array `into[n]`).
 */
export function dendriteSumLoop(t: LoopTarget, parts: WeightedSumParts, local: (n: number) => string): string[] {
  const { d } = t;
  const nd = '_nd';
  return [
    d.declare(nd, t.dendrites, idx),
    ...(t.parallel?.(at(t.array('_row_ptr'), nd)) ?? []),
    ...d.forRange('i', nd, [
      ...dendriteHead(t, true),
      ...parts.init,
      ...d.forSpan('k', '_k0', '_k1', [d.declare('rk_pre', at(t.array('_pre_rank'), 'k'), idx), ...parts.take]),
      ...parts.deliver((_name, n) => at(local(n), 'rk_post'), renderArith(d.expr, '-', '_k1', '_k0')),
    ]),
  ];
}

/**
 * The synapses reached by the spikes `src[0 … ns)` (a list of pre-synaptic ranks), in emission order
 * and, per spike, in inverse-index order: `event` runs for synapse `k` of dendrite `i` with `rk_pre`
 * and `rk_post` declared. `postOf(m)` is the post-synaptic rank of inverse entry `m` (by default
 * through the synapse's dendrite; a backend may keep it in a derived array).
 */
export function inverseWalk(t: LoopTarget, src: string, ns: string, event: string[], postOf?: (m: string) => string): string[] {
  const { d } = t;
  const ptr = t.array('_inv_ptr');
  return d.forRange('s', ns, [
    d.declare('rk_pre', at(src, 's'), idx),
    ...d.forSpan('m', at(ptr, 'rk_pre'), at(ptr, 'rk_pre + 1'), [
      d.declare('k', at(t.array('_inv_idx'), 'm'), idx),
      d.declare('i', at(t.array('_syn_dendrite'), 'k'), idx),
      d.declare('rk_post', postOf ? postOf('m') : at(t.array('_post_rank'), 'i'), idx),
      ...event,
    ]),
  ]);
}

/** How a backend keeps the synapses in flight of a projection with per-synapse delays (a ring of `_D` slots of synapse lists). */
export interface SynapseRing {
  /** Lines declaring `_D` (the number of slots) and `_ri` (this step's slot), int values. */
  read: string[];
  /** Appends synapse `k` to slot `slot`. */
  push(slot: string, k: string): string;
  /** Lines declaring the local list `_slot` of this step's slot and its length `_sn`. */
  current: string[];
  /** Empties this step's slot and advances `_ri` to the next one. */
  advance: string[];
}

/**
 * Per-synapse delays: each synapse reached by this step's spikes `src[0 … ns)` is pushed `delay`
 * slots ahead (spikes in emission order, synapses in inverse-index order); then every synapse of this
 * step's slot runs `event`, in the order it was pushed.
 */
export function ringWalk(t: LoopTarget, ring: SynapseRing, src: string, ns: string, event: string[]): string[] {
  const { d } = t;
  const ptr = t.array('_inv_ptr');
  const inv = t.array('_inv_idx');
  const delay = t.array('_delay');
  return [
    ...ring.read,
    ...d.forRange('s', ns, [
      d.declare('rk_pre', at(src, 's'), idx),
      ...d.forSpan('m', at(ptr, 'rk_pre'), at(ptr, 'rk_pre + 1'), [
        d.declare('k', at(inv, 'm'), idx),
        ring.push(slotAhead('_ri', at(delay, 'k'), '_D'), 'k'),
      ]),
    ]),
    ...ring.current,
    ...d.forRange('m', '_sn', [
      d.declare('k', at('_slot', 'm'), idx),
      d.declare('i', at(t.array('_syn_dendrite'), 'k'), idx),
      d.declare('rk_pre', at(t.array('_pre_rank'), 'k'), idx),
      d.declare('rk_post', at(t.array('_post_rank'), 'i'), idx),
      ...event,
    ]),
    ...ring.advance,
  ];
}

/**
 * The synaptic equations: `global` once, then per dendrite `semiglobal` (after `rk_post`) and
 * `local` for each of its synapses (after `rk_pre`). `independent`: the equations write only the
 * projection's own attributes, so dendrites may run in parallel and synapses be vectorised.
 */
export function synapseUpdateLoop(t: LoopTarget, global: string[], semiglobal: string[], local: string[], independent: boolean): string[] {
  const { d } = t;
  const nd = '_nd';
  return [
    ...global,
    d.declare(nd, t.dendrites, idx),
    ...(independent ? (t.parallel?.(at(t.array('_row_ptr'), nd)) ?? []) : []),
    ...d.forRange('i', nd, [
      ...dendriteHead(t, false),
      ...semiglobal,
      ...(local.length ? [
        ...(independent ? (t.independent?.() ?? []) : []),
        ...d.forSpan('k', at(t.array('_row_ptr'), 'i'), at(t.array('_row_ptr'), 'i + 1'), [d.declare('rk_pre', at(t.array('_pre_rank'), 'k'), idx), ...local]),
      ] : []),
    ]),
  ];
}

/**
 * `post_spike` code: for each spike `src[0 … ns)` of the post-synaptic population, in emission
 * order, `event` runs for every synapse of the neuron's dendrite (none when it has no dendrite).
 */
export function postSpikeWalk(t: LoopTarget, src: string, ns: string, event: string[]): string[] {
  const { d } = t;
  const row = t.array('_row_ptr');
  return d.forRange('s', ns, [
    d.declare('rk_post', at(src, 's'), idx),
    d.declare('i', at(t.array('_dendrite_of_post'), 'rk_post'), idx),
    ...d.ifBlock(d.cmp('>=', 'i', '0'), d.forSpan('k', at(row, 'i'), at(row, 'i + 1'), [d.declare('rk_pre', at(t.array('_pre_rank'), 'k'), idx), ...event])),
  ]);
}
