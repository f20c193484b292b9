/**
 * Benchmark: Song, Miller & Abbott (2000) STDP, as the peers' `stdp` benchmark
 * (../shared/bench/RESULTS.md; model in bench/lib/spiking.ts): 1000 Poisson inputs at 15 Hz → one
 * LIF neuron through the built-in STDP synapse (τ± = 20 ms, A+ = 0.01, A− = 0.0105, gmax = 0.01),
 * w0 ~ U(0, gmax), dt = 0.1 ms, 100 s. Reports the final w/gmax distribution and the output rate.
 *
 * Run: npx tsx bench/stdp.ts [--N 1000] [--T 100000] [--seed 1234] [--backend js|cpp|webgpu] [--threads 1] [--directory DIR]
 * Prints one line `RESULT {json}`.
 */
import { parseArgs, emit, compileAndRun, COMMON } from './lib/args.js';
import { buildSTDP, stdpStats } from './lib/spiking.js';

const a = parseArgs({ N: 1000, T: 100000, ...COMMON });
const tStart = performance.now();
const b = buildSTDP({ N: a.N, seed: a.seed });
const timing = await compileAndRun(b.net, a, a.T, tStart);
emit({
  model: 'stdp', backend: a.backend, threads: a.threads, N: b.N, dt: b.dt, sim_ms: a.T, seed: a.seed,
  ...timing, n_syn: b.projections[0].nbSynapses, ...stdpStats(b, a.T),
});
