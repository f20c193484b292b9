/**
 * Benchmark: Song, Miller & Abbott (2000) STDP, as the peers' `stdp` benchmark
 * (../shared/bench/RESULTS.md; model in bench/lib/spiking.ts): 1000 Poisson inputs at 15 Hz → one
 * LIF neuron through the built-in STDP synapse (τ± = 20 ms, A+ = 0.01, A− = 0.0105, gmax = 0.01),
 * w0 ~ U(0, gmax), dt = 0.1 ms, 100 s. Reports the final w/gmax distribution and the output rate.
 *
 * Run: npx tsx bench/stdp.ts [--N 1000] [--T 100000] [--seed 1234] [--backend js]
 * Prints one line `RESULT {json}`.
 */
import type { BackendName } from '../src/index.js';
import { parseArgs, emit } from './lib/args.js';
import { buildSTDP, weightStats } from './lib/spiking.js';

const a = parseArgs({ N: 1000, T: 100000, seed: 1234, backend: 'js', threads: 1 });
const T = Number(a.T);
const tStart = performance.now();
const b = buildSTDP({ N: Number(a.N), seed: Number(a.seed), backend: a.backend as BackendName, threads: Number(a.threads) });
const setupS = (performance.now() - tStart) / 1000;
let t0 = performance.now();
await b.net.compile();
const buildS = (performance.now() - t0) / 1000;
t0 = performance.now();
await b.net.simulate(T);
const runS = (performance.now() - t0) / 1000;
const out = (b.monitor.get('spike')[0] ?? []) as number[];
const inp = b.inputMonitor.get('spike');
let nIn = 0;
for (const s of Object.values(inp)) nIn += (s as number[]).length;
const Tsec = T / 1000;
const last10 = out.filter((s) => s * b.dt >= T - 10000).length / Math.min(10, Tsec);
emit({
  model: 'stdp', simulator: 'neurarchy', backend: a.backend, threads: Number(a.threads), N: b.N, dt: b.dt, sim_ms: T,
  setup_s: setupS, build_s: buildS, run_s: runS, n_syn: b.projections[0].nbSynapses,
  out_spikes: out.length, out_rate_hz: out.length / Tsec, out_rate_last10s_hz: last10, in_rate_hz_100: nIn / 100 / Tsec,
  ...weightStats(b.projections[0]),
  process_s: process.uptime(),
});
