/**
 * Benchmark: Vogels–Abbott COBA (conductance-based LIF), 80 % excitatory, p = 80/N, dt = 0.1 ms, as the peers'
 * `coba` benchmark (../shared/bench/RESULTS.md; model in bench/lib/spiking.ts). Spikes of every neuron
 * are recorded, as in the peers.
 *
 * Run: npx tsx bench/coba.ts [--N 4000] [--T 1000] [--seed 1234] [--backend js]
 * Prints one line `RESULT {json}`.
 */
import type { BackendName } from '../src/index.js';
import { parseArgs, emit } from './lib/args.js';
import { buildCOBA, spikeStats } from './lib/spiking.js';

const a = parseArgs({ N: 4000, T: 1000, seed: 1234, backend: 'js', threads: 1 });
const tStart = performance.now();
const b = buildCOBA({ N: Number(a.N), seed: Number(a.seed), backend: a.backend as BackendName, threads: Number(a.threads) });
const setupS = (performance.now() - tStart) / 1000;
let t0 = performance.now();
await b.net.compile();
const buildS = (performance.now() - t0) / 1000;
t0 = performance.now();
await b.net.simulate(Number(a.T));
const runS = (performance.now() - t0) / 1000;
emit({
  model: 'coba', simulator: 'neurarchy', backend: a.backend, threads: Number(a.threads), N: b.N, dt: b.dt, sim_ms: Number(a.T),
  setup_s: setupS, build_s: buildS, run_s: runS, n_syn: b.projections.reduce((s, p) => s + p.nbSynapses, 0),
  ...spikeStats(b, Number(a.T)),
  process_s: process.uptime(),
});
