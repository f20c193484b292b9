/**
 * Benchmark: the seeds' leaky-integrator + Oja network (bench/lib/oja.ts; the same network as
 * bench/peers/oja.py and examples/oja.ts): 2 × N rate neurons, N² plastic synapses, dt = 1 ms,
 * 1000 ms by default. Checks: final weights, squared weight norm per dendrite, final rates.
 *
 * Run: npx tsx bench/oja.ts [--N 100] [--T 1000] [--seed 1234] [--backend js|cpp|webgpu] [--threads 1] [--directory DIR]
 * Prints one line `RESULT {json}`.
 */
import { parseArgs, emit, compileAndRun, COMMON } from './lib/args.js';
import { buildOja, ojaStats } from './lib/oja.js';

const a = parseArgs({ N: 100, T: 1000, ...COMMON });
const tStart = performance.now();
const b = buildOja({ N: a.N, seed: a.seed });
const timing = await compileAndRun(b.net, a, a.T, tStart);
emit({
  model: 'oja', backend: a.backend, threads: a.threads, N: b.N, dt: b.dt, sim_ms: a.T, seed: a.seed,
  ...timing, n_syn: b.proj.nbSynapses, ...ojaStats(b),
});
