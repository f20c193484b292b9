/**
 * Thread blocks (`src/backends/kernels/thread-blocks.ts`) on COBA in one process: one thread, two
 * threads with thread blocks (equations, spike test and the post-range walks into the population
 * split by neuron blocks), and two threads without them (the threshold raised at code generation:
 * the equations alone forked from 50 000 neurons, the spike test and walks on one thread), simulated
 * alternately in chunks so that a machine shared with other work slows each alike; prints the min
 * and median seconds per chunk of each and the ratios to one thread.
 *
 *   npx tsx bench/thread-blocks-pair.ts --N 100000 --chunk 30 --pairs 8 --backend wasm
 */
import { parseArgs, emit } from './lib/args.js';
import { buildCOBA } from './lib/spiking.js';
import { alternate } from './lib/alternate.js';
import type { BackendName, Network } from '../src/index.js';
import { threadBlockTuning, SPIKING_ELEMENT_THRESHOLD } from '../src/backends/kernels/thread-blocks.js';

const a = parseArgs({ N: 100_000, chunk: 30, pairs: 8, backend: 'wasm', seed: 1234, directory: '' });
const variants = [{ threads: 1, min: SPIKING_ELEMENT_THRESHOLD }, { threads: 2, min: SPIKING_ELEMENT_THRESHOLD }, { threads: 2, min: Infinity }];
const nets: Network[] = [];
for (const v of variants) {
  threadBlockTuning.minNeurons = v.min;
  const { net } = buildCOBA({ N: a.N, seed: a.seed });
  await net.compile({ backend: a.backend as BackendName, numThreads: v.threads, directory: a.directory || undefined });
  nets.push(net);
}
threadBlockTuning.minNeurons = SPIKING_ELEMENT_THRESHOLD;
const [one, blocks, plain] = await alternate(nets, a.chunk, a.pairs);
emit({
  model: 'coba-thread-blocks', backend: a.backend, N: a.N, chunk_ms: a.chunk, pairs: a.pairs,
  one_min_s: one.min, one_median_s: one.median, blocks_min_s: blocks.min, blocks_median_s: blocks.median, plain_min_s: plain.min, plain_median_s: plain.median,
  blocks_ratio_min: blocks.min / one.min, blocks_ratio_median: blocks.median / one.median, plain_ratio_min: plain.min / one.min, plain_ratio_median: plain.median / one.median,
});
for (const n of nets) n.dispose();
