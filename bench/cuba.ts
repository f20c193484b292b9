/**
 * Benchmark: Vogels–Abbott CUBA (current-based LIF), 80 % excitatory, p = 80/N (0.02 at N = 4000), dt = 0.1 ms,
 * as the peers' `cuba` benchmark (../shared/bench/RESULTS.md; model in bench/lib/spiking.ts). Spikes of
 * every neuron are recorded, as in the peers.
 *
 * Run: npx tsx bench/cuba.ts [--N 4000] [--T 1000] [--seed 1234] [--backend js|cpp|webgpu] [--threads 1] [--directory DIR]
 * Prints one line `RESULT {json}` (see bench/README.md); `npm run bench -- cuba` runs it repeatedly.
 */
import { runBenchmark } from './lib/args.js';
import { buildCUBA, spikeStats } from './lib/spiking.js';

await runBenchmark('cuba', { N: 4000, T: 1000, p: 0 }, (a) => buildCUBA({ N: a.N, seed: a.seed, p: a.p || undefined }), spikeStats);
