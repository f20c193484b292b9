/**
 * The post-range spike walk's rules, shared by the threaded backends (cpp `postRangeStrategy`, wasm
 * `postRangeJob`): which projections may have their post-synaptic ranks split among threads (their
 * events write only what belongs to one post-synaptic neuron), from how many synapses, and from how
 * many events a step the split pays for its fork.
 */
import type { Expr } from '../../equations/ast.js';
import { walk } from '../../equations/algebra.js';
import { isGlobalAttribute } from '../../equations/description.js';
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { STRATEGY_MIN_SYNAPSES } from './propagation.js';
import { hasInverse } from './inverse.js';
import { hasSpikeRing } from './synapse-loops.js';

/**
 * Fewest stored synapses for the post-range walk: below, a step's spike walk costs microseconds and
 * a fork/join would cost more (`STRATEGY_MIN_SYNAPSES`, the threshold of the other strategies).
 */
export const POST_RANGE_MIN_SYNAPSES = STRATEGY_MIN_SYNAPSES;

/**
 * Fewest synapse events a step's spikes must reach (the sum of their rows' lengths) for the
 * post-range walk to fork its threads when the post-synaptic neurons are updated by one thread;
 * below, one thread walks every spike's whole row (the same order). A fork/join of polling OpenMP
 * threads costs ≈ 1 µs, but each thread's share of the conductances then moves to its core's cache
 * and back to the neuron loop's every step (COBA 20 000 on 2 threads, its neurons on one thread:
 * 0.36 s with 512, 0.28 s with 4096; Izhikevich 1000, ≈ 9 300 events a step: 0.0164 s with 4096,
 * 0.0160 s with 32 768, the one-thread time).
 */
export const POST_RANGE_MIN_EVENTS = 32_768;

/**
 * The same threshold where the post-synaptic population runs in thread blocks
 * (`runsInThreadBlocks`: the same split of the ranks): each thread then writes the conductances its
 * core updates next, so small walks pay too (COBA 20 000 on 2 threads: 0.22 s with 0 or 512, 0.26 s
 * with 1024, 0.34 s with 4096), but not the smallest: the microcircuit's 340 projections onto one
 * population, a few hundred events each, made a step slower forking each of them every step.
 */
export const POST_RANGE_BLOCK_MIN_EVENTS = 512;

/**
 * The run-time thresholds of the post-range walk, read at code generation: tests set them to 0 so
 * that every step forks (the threaded path runs whatever the spike count), then restore them.
 * @internal
 */
export const postRangeTuning: { minEvents: number; blockMinEvents: number } = { minEvents: POST_RANGE_MIN_EVENTS, blockMinEvents: POST_RANGE_BLOCK_MIN_EVENTS };

/** Whether an expression reads a pre-synaptic attribute, sum or global operation. */
export function readsPre(e: Expr): boolean {
  let found = false;
  walk(e, (n) => { if ((n.kind === 'attr' || n.kind === 'sum' || n.kind === 'globalop') && n.owner === 'pre') found = true; });
  return found;
}

/**
 * Why a projection cannot take the post-range walk, or undefined when it can: a spiking projection
 * with stored rows (not special, not procedural, no per-synapse delays: those keep their ring), whose
 * events (`g_target`, `pre_spike`, the decay of event-driven variables) write only what belongs to
 * one post-synaptic neuron: its local variables (`g_exc`, `post.x`), the synapse's own local
 * variables and the dendrite's `semiglobal` ones. Pre-synaptic and global (population or projection)
 * writes would be shared by the threads. A recurrent projection (pre and post one population) whose
 * events read a pre-synaptic value is refused too: a thread could read `pre.x` of a neuron that
 * another thread's part of an earlier spike writes as `post.x`. Random draws are no obstacle: they
 * are drawn per element before the walk (`../kernels/random.ts`, counter-based), whatever the order.
 */
export function postRangeObstacle(proj: ProjectionPlan, net: NetworkPlan): string | undefined {
  if (!hasInverse(proj)) return proj.delay.kind === 'variable' ? 'per-synapse delays' : 'no stored rows';
  return eventObstacle(proj, net);
}

/**
 * Why a projection cannot take the ring-post-range walk, or undefined when it can: a projection
 * with a ring of synapses in flight (`hasSpikeRing`: spiking, stored rows, per-synapse delays) whose
 * events pass the post-range walk's tests (`postRangeObstacle`: they write only what belongs to one
 * post-synaptic neuron, and a recurrent one reads no pre-synaptic value).
 */
export function ringPostRangeObstacle(proj: ProjectionPlan, net: NetworkPlan): string | undefined {
  if (!hasSpikeRing(proj)) return 'no ring of synapses in flight';
  return eventObstacle(proj, net);
}

/** What the events of a projection write or read that threads splitting its post ranks would share (`postRangeObstacle`). */
function eventObstacle(proj: ProjectionPlan, net: NetworkPlan): string | undefined {
  const d = proj.description;
  const post = net.populations[proj.post].description;
  const own = (name: string) => d.attributes.find((a) => a.name === name)?.locality;
  const events = [...d.transmission, ...d.preSpike];
  for (const a of events) {
    if (a.owner === 'pre') return `its spike event writes pre.${a.target}`;
    if (a.owner === 'post' && a.target !== 'g_target' && isGlobalAttribute(post, a.target)) return `its spike event writes the global post.${a.target}`;
    if (a.owner === 'self' && own(a.target) === 'global') return `its spike event writes the projection's ${a.target}`;
  }
  const shared = d.eventDriven.find((v) => own(v.name) === 'global');
  if (shared) return `the global event-driven variable ${shared.name}`;
  const exprs = events.flatMap((a) => [a.value, ...(a.min ? [a.min] : []), ...(a.max ? [a.max] : [])]);
  if (proj.pre === proj.post && exprs.some(readsPre)) return 'a recurrent event that reads the pre-synaptic neuron';
  return undefined;
}

/** The mean row length of `proj`: its synapses per neuron of the pre-synaptic population (whose every spike visits its row, empty outside a view), so that a step's spikes times it estimate its events. */
export function meanRow(proj: ProjectionPlan, net: NetworkPlan): number {
  return proj.synapses / Math.max(1, net.populations[proj.pre].size);
}

/**
 * The fewest units of work (spikes, ring entries) worth `minEvents` synapse events at `eventsPerUnit`
 * events each: the fork threshold of a post-range walk (0 where the threshold is 0: every step). A
 * threshold only decides who walks; the visits and so the bits are the same either way.
 */
export function unitsFor(minEvents: number, eventsPerUnit: number): number {
  if (minEvents <= 0) return 0;
  return Math.max(1, Math.ceil(minEvents / Math.max(eventsPerUnit, 1e-9)));
}
