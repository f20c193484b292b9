/**
 * Benchmark: a random recurrent rate network (Sompolinsky–Crisanti–Sommers type), as the peers'
 * `rate` benchmark (../shared/bench/RESULTS.md): N leaky integrators `tau dx/dt + x = g·sum(exc)`,
 * `r = tanh(x)`, tau = 10 ms, g = 1.5, dense J ~ N(0, 1/N) without self-connections, x(0) ~ U(-1, 1),
 * dt = 1 ms, 1000 ms, forward Euler. J and x(0) are drawn like NumPy's RandomState(seed) does in the
 * peer scripts, so the trajectory is the same network as ANNarchy's and Brian2's.
 *
 * Run: npx tsx bench/rate.ts [--N 1000] [--T 1000] [--seed 1234] [--backend js]
 * Prints one line `RESULT {json}`.
 */
import { Network, Neuron, type BackendName } from '../src/index.js';
import { RandomState } from './lib/numpy-random.js';
import { parseArgs, emit } from './lib/args.js';

const a = parseArgs({ N: 1000, T: 1000, seed: 1234, backend: 'js', threads: 1 });
const tStart = performance.now();
const N = Number(a.N);
const rng = new RandomState(Number(a.seed));
const x0 = rng.uniform(-1.0, 1.0, N);
const J = rng.normal(0.0, 1.0 / Math.sqrt(N), N * N); // J[post, pre], row-major
for (let i = 0; i < N; i++) J[i * N + i] = 0;

const net = new Network({ dt: 1.0, seed: Number(a.seed), backend: a.backend as BackendName, numThreads: Number(a.threads) });
const RateNeuron = new Neuron({
  parameters: 'tau = 10.0 : population\n g = 1.5 : population',
  equations: 'tau * dx/dt + x = g * sum(exc)\n r = tanh(x)',
});
const pop = net.create(N, RateNeuron);
pop.x = x0;
pop.r = x0.map(Math.tanh);
const rows = Array.from({ length: N }, (_, i) => {
  const row: (number | null)[] = Array.from(J.subarray(i * N, (i + 1) * N));
  row[i] = null; // no self-connection
  return row;
});
const proj = net.connect(pop, pop, 'exc').connectFromMatrix(rows);
const m = net.monitor(pop.slice(0, 10), 'r');
const setupS = (performance.now() - tStart) / 1000;

let t0 = performance.now();
await net.compile();
const buildS = (performance.now() - t0) / 1000;
t0 = performance.now();
await net.simulate(Number(a.T));
const runS = (performance.now() - t0) / 1000;

const trace = m.get('r') as Float64Array[];
const r = pop.r as Float64Array;
const mean = (x: ArrayLike<number>) => Array.from(x).reduce((s, v) => s + v, 0) / x.length;
emit({
  model: 'rate', simulator: 'neurarchy', backend: a.backend, threads: Number(a.threads), N, dt: 1.0, sim_ms: Number(a.T),
  setup_s: setupS, build_s: buildS, run_s: runS, n_syn: proj.nbSynapses,
  r0_at_10ms: trace.length > 9 ? trace[9][0] : null,
  r_mean_end: mean(r), r_absmean_end: mean(Array.from(r, Math.abs)),
});
