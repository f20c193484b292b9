/**
 * Benchmark: a random recurrent rate network (Sompolinsky–Crisanti–Sommers type), as the peers'
 * `rate` benchmark (../shared/bench/RESULTS.md; model in bench/lib/rate.ts): dense N×N, dt = 1 ms,
 * 1000 ms. J and x(0) come from NumPy's RandomState(seed), as in the peer scripts.
 *
 * Run: npx tsx bench/rate.ts [--N 1000] [--T 1000] [--seed 1234] [--backend js|cpp|webgpu] [--threads 1] [--directory DIR]
 * Prints one line `RESULT {json}`.
 */
import { runBenchmark } from './lib/args.js';
import { buildRate, rateStats } from './lib/rate.js';

await runBenchmark('rate', { N: 1000, T: 1000 }, (a) => buildRate({ N: a.N, seed: a.seed }), (b) => rateStats(b));
