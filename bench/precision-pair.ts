/**
 * float64 against float32 storage on one network in one process (`setup({ precision })`): the
 * dense rate network built twice, the two simulated alternately in chunks, so that a machine shared
 * with other work slows both alike; prints the min and median seconds per chunk of each, their
 * ratio, and the weights' bytes.
 *
 *   npx tsx bench/precision-pair.ts --N 4000 --chunk 20 --pairs 8 --backend cpp [--threads 1]
 */
import { parseArgs, emit } from './lib/args.js';
import { buildRate, type RateNet } from './lib/rate.js';
import { alternate } from './lib/alternate.js';
import type { BackendName } from '../src/index.js';

const a = parseArgs({ N: 4000, chunk: 20, pairs: 8, backend: 'cpp', threads: 1, seed: 1234, directory: '' });
const builds: RateNet[] = [];
for (const precision of ['float64', 'float32'] as const) {
  const b = buildRate({ N: a.N, seed: a.seed });
  b.net.config({ precision });
  await b.net.compile({ backend: a.backend as BackendName, numThreads: a.threads, directory: a.directory || undefined });
  builds.push(b);
}
const [t64, t32] = await alternate(builds.map((b) => b.net), a.chunk, a.pairs);
const [f64, f32] = [t64, t32].map((t, i) => ({ ...t, bytes: (builds[i].proj.state.get('w') as Float64Array).byteLength }));
emit({
  model: 'rate-precision', backend: a.backend, threads: a.threads, N: a.N, chunk_ms: a.chunk, pairs: a.pairs,
  f64_min_s: f64.min, f64_median_s: f64.median, f32_min_s: f32.min, f32_median_s: f32.median,
  ratio_min: f32.min / f64.min, ratio_median: f32.median / f64.median, w_bytes_f64: f64.bytes, w_bytes_f32: f32.bytes,
});
