/**
 * Benchmark: Song, Miller & Abbott (2000) STDP, as the peers' `stdp` benchmark
 * (../shared/bench/RESULTS.md; model in bench/lib/spiking.ts): 1000 Poisson inputs at 15 Hz → one
 * LIF neuron through the built-in STDP synapse (τ± = 20 ms, A+ = 0.01, A− = 0.0105, gmax = 0.01),
 * w0 ~ U(0, gmax), dt = 0.1 ms, 100 s. Reports the final w/gmax distribution and the output rate.
 *
 * Run: npx tsx bench/stdp.ts [--N 1000] [--T 100000] [--seed 1234] [--backend js|cpp|webgpu] [--threads 1] [--directory DIR]
 * Prints one line `RESULT {json}`.
 */
import { runBenchmark } from './lib/args.js';
import { buildSTDP, stdpStats } from './lib/spiking.js';

await runBenchmark('stdp', { N: 1000, T: 100000 }, (a) => buildSTDP({ N: a.N, seed: a.seed }), stdpStats);
