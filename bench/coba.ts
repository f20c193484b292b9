/**
 * Benchmark: Vogels–Abbott COBA (conductance-based LIF), 80 % excitatory, p = 80/N (0.02 at N = 4000), dt = 0.1 ms,
 * as the peers' `coba` benchmark (../shared/bench/RESULTS.md; model in bench/lib/spiking.ts). Spikes of
 * every neuron are recorded, as in the peers.
 *
 * Run: npx tsx bench/coba.ts [--N 4000] [--T 1000] [--seed 1234] [--backend js|cpp|webgpu] [--threads 1] [--directory DIR]
 *        [--procedural 1]   (procedural connectivity: synapses regenerated at each spike, none stored)
 *        [--record K]       (record the spikes of the first K neurons only; statistics over them)
 * Prints one line `RESULT {json}` (see bench/README.md); `npm run bench -- coba` runs it repeatedly.
 */
import { runBenchmark } from './lib/args.js';
import { buildCOBA, spikeStats } from './lib/spiking.js';

await runBenchmark('coba', { N: 4000, T: 1000, p: 0, procedural: 0, record: 0 }, (a) => {
  if (a.procedural !== 0 && a.procedural !== 1) throw new Error(`--procedural takes 0 (stored) or 1 (procedural), got ${a.procedural}`);
  if (!Number.isInteger(a.record) || a.record < 0) throw new Error(`--record takes the number of neurons recorded (0: all), got ${a.record}`);
  return buildCOBA({ N: a.N, seed: a.seed, p: a.p || undefined, procedural: a.procedural === 1, record: a.record || undefined });
}, spikeStats);
