/**
 * Benchmark: the seeds' leaky-integrator + Oja network (bench/lib/oja.ts; the same network as
 * bench/peers/oja.py and examples/oja.ts): 2 × N rate neurons, N² plastic synapses, dt = 1 ms,
 * 1000 ms by default. Checks: final weights, squared weight norm per dendrite, final rates.
 *
 * Run: npx tsx bench/oja.ts [--N 100] [--T 1000] [--seed 1234] [--backend js|cpp|webgpu] [--threads 1] [--directory DIR]
 * Prints one line `RESULT {json}`.
 */
import { runBenchmark } from './lib/args.js';
import { buildOja, ojaStats } from './lib/oja.js';

await runBenchmark('oja', { N: 100, T: 1000 }, (a) => buildOja({ N: a.N, seed: a.seed }), (b) => ojaStats(b));
