/**
 * Benchmark: Izhikevich (2003), 800 exc / 200 inh, all-to-all, noise every step, dt = 1 ms,
 * as the peers' `izhikevich` benchmark (../shared/bench/RESULTS.md; model in bench/lib/spiking.ts). Spikes of
 * every neuron are recorded, as in the peers.
 *
 * Run: npx tsx bench/izhikevich.ts [--N 1000] [--T 1000] [--seed 1234] [--backend js|cpp|webgpu] [--threads 1] [--directory DIR]
 * Prints one line `RESULT {json}` (see bench/README.md); `npm run bench -- izhikevich` runs it repeatedly.
 */
import { runBenchmark } from './lib/args.js';
import { buildIzhikevich, spikeStats } from './lib/spiking.js';

await runBenchmark('izhikevich', { N: 1000, T: 1000, p: 0 }, (a) => buildIzhikevich({ N: a.N, seed: a.seed, p: a.p || undefined }), spikeStats);
