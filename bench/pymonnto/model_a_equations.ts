/**
 * Benchmark: PymoNNto's model A (LIF + one-step STDP, N = 10 000, N² = 10⁸ synapses, 300 steps)
 * written in neurarchy's equation language (bench/pymonnto/models.ts), on js, cpp or webgpu: the
 * side-by-side partner of the behaviour version `bench/pymonnto_stdp.ts`.
 *
 * Run: npx tsx bench/pymonnto/model_a_equations.ts [--N 10000] [--T 300] [--seed 1234] [--backend js|cpp|webgpu] [--threads 1] [--directory DIR]
 * Prints one line `RESULT {json}`; build_s covers connecting (drawing 10⁸ weights) and compiling,
 * run_s the 300 steps only (as the paper times PymoNNto's simulate call), run_cpu_s the process CPU
 * time of the run (equal to run_s on an idle machine, single thread).
 */
import { parseArgs, COMMON, emit } from '../lib/args.js';
import type { BackendName } from '../../src/index.js';
import { buildModelA, meanWeight, pymonntoStats } from './models.js';

const a = parseArgs({ N: 10000, T: 300, ...COMMON });
const tStart = performance.now();
const b = buildModelA({ N: a.N, seed: a.seed });
const setup = (performance.now() - tStart) / 1000;
let t0 = performance.now();
await b.net.compile({ backend: a.backend as BackendName, numThreads: Number(a.threads), directory: a.directory || undefined });
const build = (performance.now() - t0) / 1000;
const w0 = meanWeight(b.proj);
t0 = performance.now();
const cpu0 = process.cpuUsage();
await b.net.simulate(a.T);
const cpu = process.cpuUsage(cpu0);
const run = (performance.now() - t0) / 1000;
emit({
  model: 'pymonnto/model_a_equations', backend: a.backend, style: 'equations', threads: a.threads, N: a.N, dt: 1, sim_ms: a.T, iterations: a.T,
  seed: a.seed, setup_s: setup, build_s: build, run_s: run, run_cpu_s: (cpu.user + cpu.system) / 1e6, n_syn: b.proj.nbSynapses, ...pymonntoStats(b, a.T, w0),
});
