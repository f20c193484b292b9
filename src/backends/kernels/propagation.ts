/**
 * The propagation strategies of spiking projections that both the `cpp` and the `webgpu` backends
 * offer besides their spike-parallel row walks (GeNN's span types and bitmask connectivity): what
 * each needs of a projection (its compatibility test, a reason when it does not fit), when it is
 * chosen from the connectivity's shape, and the test switch that forces a choice. The layouts stay
 * with the backends (`../cpp/projection.ts` `spikeWalkStrategies`, `../webgpu/propagation.ts`
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
 *   projection whose synapses have no state of their own (one shared weight): a spike walks its row
 *   in ascending post rank, the order of its stored row (post-major CSR); on cpp, events that only
 *   add into the post-synaptic neuron (`addsOnly`) run for every pair, adding `-0.0` where no bit is
 *   set.
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
 * What a backend's walk over the dendrites costs per stored synapse, in row-walk events (synapses
 * reached by a spike), measured at N = 1000, p = 0.5 (BENCHMARKS.md, `bench/strategies.ts`). A row
 * walk costs `spikes × nnz / pre.size` events, the dendrite walk `cost × nnz / threads`: the
 * dendrite walk pays in a step when `spikes / pre.size > cost / threads`.
 * - cpp: about 3 (CPU time of 3 000 steps on one thread, every input spiking: 6.05 s against
 *   1.84 s; at 10 %, 5.30 s against 0.32: the dendrite walk is a chain of dependent additions per
 *   neuron, or a branch on the mark, mispredicted at mid rates), so the walk can pay only from 3–4
 *   threads (the row walk runs on one);
 * - webgpu: about 0.15 on SwiftShader (the row walk's atomic adds contend on a dense projection: 200
 *   steps with 10 % of the inputs spiking cost 2.9–3.4 CPU s, with all 28–29 s; the dendrite walk
 *   5.1–6.1 s whatever the rate). Not measured on a GPU.
 */
export const POST_SPAN_COST = { cpp: 3, webgpu: 0.15 } as const;

/**
 * Fewest synapses per (pre, post) pair for the bitmask: its rows take `1/8` byte per pair, a row
 * walk reads at least 4 bytes per synapse (an index), so the bitmask is the smaller (and reads less
 * per spike) from a density of 1/32.
 */
export const BITMASK_DENSITY = 1 / 32;

/**
 * Fewest synapses per pair for cpp's bitmask, whose walk runs over every pair of a spiking row
 * (`addsOnly` events: the event of a pair without a synapse adds `-0.0`, which changes no bit), so
 * that its cost goes with `post.size` rather than with the row. Measured with `bench/strategies.ts`
 * (N = 1000, 10 % of the inputs spiking per step, CPU time of 3 000 steps, BENCHMARKS.md): against
 * the inverse walk 0.156 s vs 0.089 at p = 0.1, 0.160 vs 0.149 at p = 0.3, 0.185 vs 0.242 at p = 0.5:
 * they meet near 0.3. Other events walk the set bits one by one, 1.4–2.3× the inverse walk's time:
 * cpp never chooses that walk (the runtime's CSR stays in C memory anyway, so the bitmask saves
 * only the inverse post ranks there); it stays for `propagationChoice`.
 */
export const BITMASK_DENSITY_CPP = 0.3;

/**
 * Whether a projection's spike event only adds to local float variables of the post-synaptic
 * neuron (`g_target += …`, `post.x += …`, no bounds, no `unless_post`): then running it with a
 * `-0.0` added in place of each value leaves every variable's bits as they were, and a walk may
 * visit pairs without a synapse.
 */
export function addsOnly(proj: ProjectionPlan, net: NetworkPlan): boolean {
  const post = net.populations[proj.post].description;
  const d = proj.description;
  const attr = (name: string) => post.attributes.find((a) => a.name === name);
  return [...d.transmission, ...d.preSpike].every((a) => {
    const targets = a.target === 'g_target' ? proj.conductances.map((c) => `g_${c}`) : [a.target];
    return a.owner === 'post' && a.op === '+=' && !a.min && !a.max && !a.unlessPost
      && targets.every((t) => { const x = attr(t); return !x || (x.type === 'float' && !x.min && !x.max); });
  });
}

/**
 * A choice forced for tests and benchmarks (internal: not an option of `compile()`): `row` keeps
 * every projection on its row walk; `post-span` and `bitmask` choose that strategy wherever it is
 * compatible, whatever the shape (a post-span walk then walks the dendrites in every step). Read
 * at code generation and, on webgpu, when a build's own arrays are refreshed: set it before
 * `compile()` and keep it while the network runs (tests reset it, `undefined`, after each).
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

/**
 * Whether the shape of a post-span-compatible projection chooses it on `backend` with `threads`
 * threads (or the test switch forces it): dense and large enough, and some share of spiking inputs
 * makes the dendrite walk pay (`postSpanMinSpikes` within the population).
 */
export function choosesPostSpan(proj: ProjectionPlan, net: NetworkPlan, backend: keyof typeof POST_SPAN_COST, threads = 1): boolean {
  if (propagationChoice.force === 'row' || postSpanObstacle(proj, net) !== undefined) return false;
  if (propagationChoice.force === 'post-span') return true;
  const pays = postSpanMinSpikes(proj, net, backend, threads) <= net.populations[proj.pre].size;
  return pays && proj.synapses >= STRATEGY_MIN_SYNAPSES && density(proj, net) >= POST_SPAN_DENSITY;
}

/**
 * Whether the shape of a bitmask-compatible projection chooses it on `backend` (or the test switch
 * forces it): webgpu from `BITMASK_DENSITY` (the device then holds no index), cpp from
 * `BITMASK_DENSITY_CPP` for `addsOnly` events.
 */
export function choosesBitmask(proj: ProjectionPlan, net: NetworkPlan, backend: 'cpp' | 'webgpu'): boolean {
  if (propagationChoice.force === 'row' || propagationChoice.force === 'post-span' || bitmaskObstacle(proj, net) !== undefined) return false;
  if (propagationChoice.force === 'bitmask') return true;
  if (proj.synapses < STRATEGY_MIN_SYNAPSES) return false;
  return backend === 'webgpu' ? density(proj, net) >= BITMASK_DENSITY : addsOnly(proj, net) && density(proj, net) >= BITMASK_DENSITY_CPP;
}

/**
 * The fewest spikes of a step for which a post-span projection walks its dendrites on `backend`
 * with `threads` threads (below: its spiking rows), from `POST_SPAN_COST`; 0 when the test switch
 * forces the post-span walk (every step).
 */
export function postSpanMinSpikes(proj: ProjectionPlan, net: NetworkPlan, backend: keyof typeof POST_SPAN_COST, threads = 1): number {
  if (propagationChoice.force === 'post-span') return 0;
  return Math.max(1, Math.ceil((POST_SPAN_COST[backend] * net.populations[proj.pre].size) / Math.max(1, threads)));
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
