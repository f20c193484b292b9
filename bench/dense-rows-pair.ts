/**
 * The dense-row layout of weighted sums (`src/ir/dense-rows.ts`) against the index layout
 * (`_pre_rank[k]` loaded per synapse) on one network in one process: the dense rate network built
 * twice, one with the layout switched off (`setDenseRowsLayout`, @internal), the two simulated
 * alternately in chunks so that a machine shared with other work slows both alike; prints the min
 * and median seconds per chunk of each, their ratio (dense ÷ index) and whether the two end in the
 * same bits.
 *
 *   npx tsx bench/dense-rows-pair.ts --N 4000 --chunk 20 --pairs 8 --backend cpp [--threads 1]
 */
import { parseArgs, emit } from './lib/args.js';
import { buildRate, type RateNet } from './lib/rate.js';
import { alternate } from './lib/alternate.js';
import type { BackendName } from '../src/index.js';
import { setDenseRowsLayout } from '../src/ir/dense-rows.js';

const a = parseArgs({ N: 4000, chunk: 20, pairs: 8, backend: 'cpp', threads: 1, seed: 1234, directory: '' });
const builds: RateNet[] = [];
for (const dense of [false, true]) {
  const b = buildRate({ N: a.N, seed: a.seed });
  setDenseRowsLayout(dense);
  await b.net.compile({ backend: a.backend as BackendName, numThreads: a.threads, directory: a.directory || undefined });
  setDenseRowsLayout(true);
  if ((b.net.plan!.projections[0].denseRows !== undefined) !== dense) throw new Error(`the plan's denseRows is not ${dense ? 'set' : 'unset'}`);
  builds.push(b);
}
const [index, dense] = await alternate(builds.map((b) => b.net), a.chunk, a.pairs);
const [rIndex, rDense] = builds.map((b) => Array.from(b.pop.r as Float64Array));
const synapses = a.N * (a.N - 1) * a.chunk;
emit({
  model: 'rate-dense-rows', backend: a.backend, threads: a.threads, N: a.N, chunk_ms: a.chunk, pairs: a.pairs,
  index_min_s: index.min, index_median_s: index.median, dense_min_s: dense.min, dense_median_s: dense.median,
  ratio_min: dense.min / index.min, ratio_median: dense.median / index.median,
  index_ns_per_synapse: (index.min / synapses) * 1e9, dense_ns_per_synapse: (dense.min / synapses) * 1e9,
  same_bits: rIndex.every((x, i) => Object.is(x, rDense[i])),
});
