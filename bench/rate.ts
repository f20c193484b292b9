/**
 * Benchmark: a random recurrent rate network (Sompolinsky–Crisanti–Sommers type), as the peers'
 * `rate` benchmark (../shared/bench/RESULTS.md; model in bench/lib/rate.ts): dense N×N, dt = 1 ms,
 * 1000 ms. J and x(0) come from NumPy's RandomState(seed), as in the peer scripts.
 *
 * Run: npx tsx bench/rate.ts [--N 1000] [--T 1000] [--seed 1234] [--backend js|cpp|webgpu] [--threads 1] [--directory DIR]
 * Prints one line `RESULT {json}`.
 */
import { parseArgs, emit, compileAndRun, COMMON } from './lib/args.js';
import { buildRate, rateStats } from './lib/rate.js';

const a = parseArgs({ N: 1000, T: 1000, ...COMMON });
const tStart = performance.now();
const b = buildRate({ N: a.N, seed: a.seed });
const timing = await compileAndRun(b.net, a, a.T, tStart);
emit({
  model: 'rate', backend: a.backend, threads: a.threads, N: b.N, dt: b.dt, sim_ms: a.T, seed: a.seed,
  ...timing, n_syn: b.proj.nbSynapses, ...rateStats(b),
});
