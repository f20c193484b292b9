/**
 * The propagation strategies of spiking projections that both the `cpp` and the `webgpu` backends
 * offer besides their spike-parallel row walks (GeNN's span types and bitmask connectivity): what
 * each needs of a projection (its compatibility test, a reason when it does not fit), when it is
 * chosen from the connectivity's shape, and the test switch that forces a choice. The layouts stay
 * with the backends (`../cpp/projection.ts` `spikeWalkStrategies`, `../webgpu/projection.ts`
 * `spikePropagationStrategies`).
 *
 * - **post-span**: one iteration (cpp) or invocation (webgpu) per post-synaptic neuron walks its
 *   dendrite (the stored post-major CSR row) and runs the event of each synapse whose pre-synaptic
 *   neuron is in this step's spikes (a per-step mark of the pre-synaptic population, set from the
 *   spike list the delay chooses). A neuron's dendrite is sorted by pre rank (the `Connectivity`
 *   invariant, `validateConnectivity`) and spike lists come out in ascending rank, so each
 *   post-synaptic neuron receives the same additions in the same order as the row walk's (js's):
 *   the same bits on cpp, whatever the threads (each neuron is written by its one iteration), and no
 *   atomics on webgpu (deterministic sums).
 * - **bitmask**: one bit per (pre, post) pair, rows of 32-bit words per pre-synaptic neuron, for a
 *   projection whose synapses have no state of their own (one shared weight): a spike walks the set
 *   bits of its row in ascending post rank, the order of its stored row (post-major CSR).
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import type { Assignment } from '../../equations/description.js';
import { isGlobalAttribute } from '../../equations/description.js';
import { transmitsAxonSpikes } from './axon.js';

/**
 * Fewest synapses per (pre, post) pair for a post-span walk: a dense projection, where a spike's row
 * reaches a large share of the post-synaptic neurons. Sparse projections (COBA's 2 %) keep their
 * row walks (and their generated code): the flag test per stored synapse costs them the most.
 */
export const POST_SPAN_DENSITY = 1 / 16;

/**
 * Share of the pre-synaptic neurons spiking in a step above which a post-span projection walks the
 * dendrites in that step, and below which it walks the spiking rows (the choice made per step from
 * the spike count, which only the run knows). A row walk costs about `c_row` per synapse of the
 * spiking rows (`spikes × nnz / pre.size`), a post-span walk `c_post` per stored synapse: the walk
 * over the dendrites pays when `spikes / pre.size > c_post / c_row`. Measured on cpp (one thread,
 * N = 1000, p = 0.5, BENCHMARKS.md): a dendrite walk costs as much as the row walk of about 8 % of
 * the pre-synaptic neurons; 10 % keeps to the safe side.
 */
export const POST_SPAN_SHARE = 0.1;

/**
 * Fewest synapses per (pre, post) pair for the bitmask: its rows take `1/8` byte per pair, a row
 * walk reads at least 4 bytes per synapse (an index), so the bitmask is the smaller (and reads less
 * per spike) from a density of 1/32.
 */
export const BITMASK_DENSITY = 1 / 32;

/**
 * A choice forced for tests and benchmarks (internal: not an option of `compile()`): `row` keeps
 * every projection on its row walk; `post-span` and `bitmask` choose that strategy wherever it is
 * compatible, whatever the shape (a post-span walk then walks the dendrites in every step). Read
 * at code generation: set it before `compile()`, reset it (`undefined`) after.
 * @internal
 */
export const propagationChoice: { force?: 'row' | 'post-span' | 'bitmask' } = {};

/**
 * Fewest stored synapses for a shape to choose a strategy other than the row walk: below, a step's
 * walk costs microseconds whatever the strategy, and the row walk needs no derived arrays (small
 * networks, the test networks of every suite, keep their code).
 */
export const STRATEGY_MIN_SYNAPSES = 10_000;

/** Stored synapses per (pre, post) pair. */
export function density(proj: ProjectionPlan, net: NetworkPlan): number {
  return proj.synapses / Math.max(1, net.populations[proj.pre].size * net.populations[proj.post].size);
}

/** Words (32 bits) of one pre-synaptic neuron's row of the bitmask. */
export function bitmaskWords(proj: ProjectionPlan, net: NetworkPlan): number {
  return Math.ceil(net.populations[proj.post].size / 32);
}

/** The spiking, stored (not special, not procedural) projections whose delay is none or uniform. */
function storedRowsObstacle(proj: ProjectionPlan): string | undefined {
  if (proj.type !== 'spike') return 'not a spiking projection';
  if (proj.special) return `a ${proj.special.kind} projection`;
  if (proj.procedural) return 'procedural connectivity (no stored rows)';
  if (proj.delay.kind === 'variable') return 'per-synapse delays';
  return undefined;
}

/** The event statements (`g_target` and `pre_spike`) that write something other than a local variable of the post-synaptic neuron. */
function eventWritesBeyondPost(proj: ProjectionPlan, net: NetworkPlan): Assignment | undefined {
  const post = net.populations[proj.post].description;
  const d = proj.description;
  return [...d.transmission, ...d.preSpike].find((a) => a.owner !== 'post' || isGlobalAttribute(post, a.target));
}

/**
 * Why a projection cannot take the post-span walk, or undefined when it can: stored rows without
 * per-synapse delays, and event code that writes only local variables of the post-synaptic neuron
 * (`g_target`, `post.x`) and no event-driven variable: then each neuron's inputs depend only on its
 * dendrite and the step's spikes, which the walk over dendrites visits in the row walk's order.
 */
export function postSpanObstacle(proj: ProjectionPlan, net: NetworkPlan): string | undefined {
  const rows = storedRowsObstacle(proj);
  if (rows) return rows;
  const w = eventWritesBeyondPost(proj, net);
  if (w) return `its spike event writes ${w.owner === 'self' ? '' : `${w.owner}.`}${w.target}`;
  if (proj.description.eventDriven.length) return 'event-driven synaptic variables';
  return undefined;
}

/**
 * Why a projection cannot be stored as a bitmask, or undefined when it can: what the post-span walk
 * needs of the events, one shared weight (`singleWeight`) and no other per-synapse or per-dendrite
 * attribute or draw (a bit has no index to read them at), no code that walks the stored rows
 * (synaptic equations, `post_spike`, continuous transmission, axonal spikes).
 */
export function bitmaskObstacle(proj: ProjectionPlan, net: NetworkPlan): string | undefined {
  const span = postSpanObstacle(proj, net);
  if (span) return span;
  if (!proj.singleWeight) return 'weights per synapse';
  const d = proj.description;
  const own = d.attributes.find((a) => a.locality !== 'global' && a.name !== 'w');
  if (own) return `the ${own.locality} attribute ${own.name}`;
  if (d.randoms.some((r) => r.locality !== 'global')) return 'random draws per synapse';
  if (proj.hasUpdate) return 'synaptic equations';
  if (proj.hasPostEvents) return 'post_spike code';
  if (proj.continuous) return 'continuous transmission (psp)';
  if (transmitsAxonSpikes(proj, net)) return 'axonal spikes';
  return undefined;
}

/** Whether the shape of a post-span-compatible projection chooses it (or the test switch forces it). */
export function choosesPostSpan(proj: ProjectionPlan, net: NetworkPlan): boolean {
  if (propagationChoice.force === 'row' || postSpanObstacle(proj, net) !== undefined) return false;
  return propagationChoice.force === 'post-span' || (proj.synapses >= STRATEGY_MIN_SYNAPSES && density(proj, net) >= POST_SPAN_DENSITY);
}

/** Whether the shape of a bitmask-compatible projection chooses it (or the test switch forces it). */
export function choosesBitmask(proj: ProjectionPlan, net: NetworkPlan): boolean {
  if (propagationChoice.force === 'row' || propagationChoice.force === 'post-span' || bitmaskObstacle(proj, net) !== undefined) return false;
  return propagationChoice.force === 'bitmask' || (proj.synapses >= STRATEGY_MIN_SYNAPSES && density(proj, net) >= BITMASK_DENSITY);
}

/**
 * The fewest spikes of a step for which a post-span projection walks its dendrites (below: its
 * spiking rows), `POST_SPAN_SHARE` of the pre-synaptic neurons (0 when the test switch forces the
 * post-span walk: every step). `threads` divides it: the dendrite walk runs on every thread, the row
 * walk on one.
 */
export function postSpanMinSpikes(proj: ProjectionPlan, net: NetworkPlan, threads = 1): number {
  if (propagationChoice.force === 'post-span') return 0;
  return Math.max(1, Math.ceil((POST_SPAN_SHARE * net.populations[proj.pre].size) / Math.max(1, threads)));
}

/**
 * The bitmask of a stored connectivity (post-major CSR): bit `post % 32` of word
 * `pre × words + post / 32` is set for every synapse.
 */
export function buildBitmask(rowPtr: Int32Array, postRank: Int32Array, preRank: Int32Array, preSize: number, words: number): Int32Array {
  const bits = new Int32Array(preSize * words);
  for (let i = 0; i < postRank.length; i++) {
    const post = postRank[i];
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) bits[preRank[k] * words + (post >>> 5)] |= 1 << (post & 31);
  }
  return bits;
}
