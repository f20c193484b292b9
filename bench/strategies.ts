/**
 * Benchmark of the spike propagation strategies (issue 21, src/backends/kernels/propagation.ts): N
 * Poisson inputs at `rate` Hz onto N conductance-based LIF neurons, connected with probability p,
 * dt = 0.1 ms; the weights one shared value (`--weights one`: bitmask-compatible) or drawn per
 * synapse (`--weights drawn`). `--strategy` forces the walk where it is compatible: `row` (the
 * spike-parallel row walk), `post-span` (the walk over the dendrites, in every step), `bitmask`;
 * `auto` leaves the choice to the shape (and, for post-span, to each step's spike count).
 *
 * Run: npx tsx bench/strategies.ts [--N 1000] [--p 0.5] [--rate 100] [--T 1000] [--weights drawn|one]
 *        [--strategy auto|row|post-span|bitmask] [--backend cpp|webgpu|js] [--threads 1] [--seed 1234] [--directory DIR]
 * Prints one line `RESULT {json}` (see bench/README.md).
 */
import { runBenchmark } from './lib/args.js';
import { Network, Neuron, PoissonPopulation, Uniform } from '../src/index.js';
import { propagationChoice } from '../src/backends/kernels/propagation.js';

const STRATEGIES = ['auto', 'row', 'post-span', 'bitmask'] as const;
type Strategy = (typeof STRATEGIES)[number];

const LIF = new Neuron({
  parameters: 'tau = 20.0\n tau_g = 5.0',
  equations: 'tau * dv/dt = -v + g_exc * (1.0 - v)\n tau_g * dg_exc/dt = -g_exc',
  spike: 'v > 0.5', reset: 'v = 0.0', refractory: 2.0,
});

await runBenchmark('strategies', { N: 1000, p: 0.5, rate: 100, T: 1000, weights: 'drawn', strategy: 'auto' }, (a) => {
  if (!Number.isInteger(a.N) || a.N < 1) throw new Error(`--N takes a positive integer, got ${a.N}`);
  if (!(a.p > 0 && a.p <= 1)) throw new Error(`--p takes a probability in (0, 1], got ${a.p}`);
  if (!(a.rate >= 0)) throw new Error(`--rate takes a rate in Hz, at least 0, got ${a.rate}`);
  if (!(a.T > 0)) throw new Error(`--T takes a positive duration in ms, got ${a.T}`);
  if (a.weights !== 'drawn' && a.weights !== 'one') throw new Error(`--weights takes drawn or one, got '${a.weights}'`);
  if (!STRATEGIES.includes(a.strategy as Strategy)) throw new Error(`--strategy takes ${STRATEGIES.join(', ')}, got '${a.strategy}'`);
  propagationChoice.force = a.strategy === 'auto' ? undefined : (a.strategy as Exclude<Strategy, 'auto'>);
  const net = new Network({ dt: 0.1, seed: a.seed });
  const inp = new PoissonPopulation(a.N, { rates: a.rate, network: net, name: 'inp' });
  const out = net.create(a.N, LIF, { name: 'out' });
  // Mean input ≈ N p rate w τ_g: about 2 at the defaults, for any N, p and rate (w scaled).
  const w = 2 / Math.max(1e-9, a.N * a.p * Math.max(a.rate, 1) * 0.005);
  net.connect(inp, out, 'exc').connectFixedProbability({ probability: a.p, weights: a.weights === 'one' ? w : new Uniform(0, 2 * w) });
  return { net, N: a.N, dt: 0.1, out };
}, (b, T) => {
  const last = b.out.state.get('_last_spike') as Int32Array;
  let spiking = 0;
  for (const s of last) if (s >= 0) spiking++;
  return { strategy: propagationChoice.force ?? 'auto', spiking_fraction: spiking / last.length, T };
});
