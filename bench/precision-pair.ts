/**
 * float64 against float32 storage on one network in one process (`setup({ precision })`): the
 * dense rate network built twice, the two simulated alternately in chunks, so that a machine shared
 * with other work slows both alike; prints the min and median seconds per chunk of each, their
 * ratio, and the weights' bytes.
 *
 *   npx tsx bench/precision-pair.ts --N 4000 --chunk 20 --pairs 8 --backend cpp [--threads 1]
 */
import { parseArgs, emit } from './lib/args.js';
import { buildRate } from './lib/rate.js';
import type { BackendName } from '../src/index.js';

const a = parseArgs({ N: 4000, chunk: 20, pairs: 8, backend: 'cpp', threads: 1, seed: 1234, directory: '' });
const nets = await Promise.all((['float64', 'float32'] as const).map(async (precision) => {
  const b = buildRate({ N: a.N, seed: a.seed });
  b.net.config({ precision });
  await b.net.compile({ backend: a.backend as BackendName, numThreads: a.threads, directory: a.directory || undefined });
  await b.net.simulate(a.chunk); // warm
  return { precision, b, times: [] as number[] };
}));
for (let k = 0; k < a.pairs; k++) {
  for (const n of k % 2 ? [...nets].reverse() : nets) {
    const t0 = performance.now();
    await n.b.net.simulate(a.chunk);
    n.times.push((performance.now() - t0) / 1000);
  }
}
const median = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)];
const [f64, f32] = nets.map((n) => ({ min: Math.min(...n.times), median: median(n.times), bytes: (n.b.proj.state.get('w') as Float64Array).byteLength }));
emit({
  model: 'rate-precision', backend: a.backend, threads: a.threads, N: a.N, chunk_ms: a.chunk, pairs: a.pairs,
  f64_min_s: f64.min, f64_median_s: f64.median, f32_min_s: f32.min, f32_median_s: f32.median,
  ratio_min: f32.min / f64.min, ratio_median: f32.median / f64.median, w_bytes_f64: f64.bytes, w_bytes_f32: f32.bytes,
});
