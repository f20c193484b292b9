/**
 * The random recurrent rate network of the peers' `rate` benchmark (../shared/bench/RESULTS.md):
 * N leaky integrators `tau dx/dt + x = g·sum(exc)`, `r = tanh(x)`, tau = 10 ms, g = 1.5, dense
 * J ~ N(0, 1/N) without self-connections, x(0) ~ U(-1, 1), dt = 1 ms, forward Euler. J and x(0)
 * are drawn like NumPy's RandomState(seed) in the peer scripts (x0 first, then J as [post, pre]),
 * so the trajectory is the same network as ANNarchy's and Brian2's.
 */
import { Network, Neuron, type Monitor, type Population, type Projection } from '../../src/index.js';
import { RandomState } from './numpy-random.js';

export const RateNeuron = new Neuron({
  name: 'rate (tanh)',
  parameters: 'tau = 10.0 : population\n g = 1.5 : population',
  equations: 'tau * dx/dt + x = g * sum(exc)\n r = tanh(x)',
});

export interface RateNet { net: Network; pop: Population; proj: Projection; monitor: Monitor; N: number; dt: number }

export function buildRate(o: { N?: number; seed?: number } = {}): RateNet {
  const N = o.N ?? 1000, seed = o.seed ?? 1234;
  const rng = new RandomState(seed);
  const x0 = rng.uniform(-1.0, 1.0, N);
  const J = rng.normal(0.0, 1.0 / Math.sqrt(N), N * N); // J[post, pre], row-major
  const net = new Network({ dt: 1.0, seed });
  const pop = net.create(N, RateNeuron);
  pop.x = x0;
  pop.r = x0.map(Math.tanh);
  for (let i = 0; i < N; i++) J[i * N + i] = NaN; // no self-connection
  // Flat with a shape: at N = 30 000 the 9·10⁸ weights do not fit in JavaScript arrays of rows.
  const proj = net.connect(pop, pop, 'exc').connectFromMatrix({ data: J, shape: [N, N] });
  const monitor = net.monitor(pop.slice(0, Math.min(10, N)), 'r');
  return { net, pop, proj, monitor, N, dt: 1.0 };
}

/** The peers' checks: r of neuron 0 after 10 steps, mean r and mean |r| at the end. */
export function rateStats(b: RateNet) {
  const trace = b.monitor.get('r') as Float64Array[];
  const r = b.pop.r as Float64Array;
  const mean = (x: ArrayLike<number>) => Array.from(x).reduce((s, v) => s + v, 0) / x.length;
  return {
    r0_at_10ms: trace.length > 9 ? trace[9][0] : null,
    r_mean_end: mean(r), r_absmean_end: mean(Array.from(r, Math.abs)),
  };
}
