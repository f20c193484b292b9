/**
 * Thread blocks, the rule both threaded backends share (cpp `cpp/neuron.ts` `threadBlocks`, wasm
 * `wasm/blocks.ts`): a large spiking population runs its equations and its spike test in one
 * parallel region, each thread over a contiguous block of neurons, listing its spikes from its
 * block's first index in scratch memory; after the join the blocks' spikes are copied to the spike
 * list in block order, which is neuron order, so every array keeps js's bits.
 */
import type { PopulationPlan } from '../../ir/plan.js';
import { emitsAxonSpikes } from './axon.js';

/**
 * Fewest neurons of a spiking population whose equations and spike test run in one parallel region
 * of thread blocks (`runsInThreadBlocks`), with the post-range walks into it split by the same
 * blocks. Measured when each of cpp's kernels forked on its own, simulate() time on 2 threads ÷ 1
 * thread (`bench/coba.ts --backend cpp`): COBA 4000 1.3 (slower: three forks a step outweigh 5 µs
 * of work), 8000 1.0, 20 000 0.81, 100 000 0.52 (with the equations alone in parallel and the spike
 * test on one thread: 0.87); with cpp's one region a step (`cpp/step-region.ts`) 20 000 0.69,
 * 100 000 0.49.
 * wasm (`bench/thread-blocks-pair.ts`, one process, alternated): COBA 10 000 0.80, 20 000 0.71,
 * 100 000 0.59 (the equations alone in parallel: 0.93).
 */
export const SPIKING_ELEMENT_THRESHOLD = 10_000;
/**
 * The threshold read at code generation: tests set `minNeurons` low to run the thread blocks on small
 * networks, then restore it.
 * @internal
 */
export const threadBlockTuning: { minNeurons: number } = { minNeurons: SPIKING_ELEMENT_THRESHOLD };

/**
 * Whether a spiking population runs its equations and its spike test in one parallel region of
 * thread blocks: with threads, at least `SPIKING_ELEMENT_THRESHOLD` neurons (`threadBlockTuning`), a
 * spike condition and no axonal one (the spike test's loop lists spikes only), and a reset that
 * writes only the neuron's own local attributes (a reset counting spikes in a population-wide
 * variable sums over the neurons in neuron order, which one thread does). Not a special population
 * (inputs): those run kernels of their own.
 */
export function runsInThreadBlocks(pop: PopulationPlan, threads: number): boolean {
  const d = pop.description;
  if (threads < 2 || pop.size < threadBlockTuning.minNeurons || !pop.spiking || !d.spike || pop.special) return false;
  if (emitsAxonSpikes(pop) && d.axonSpike) return false;
  const locality = new Map(d.attributes.map((a) => [a.name, a.locality]));
  return d.reset.every((r) => locality.get(r.target) === 'local');
}
