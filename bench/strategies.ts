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
 * Prints one line `RESULT {json}` (see bench/README.md), with `run_s` (wall) and `run_cpu_s` (this
 * process's CPU time during the run, every thread's: OpenMP's, SwiftShader's).
 */
import { COMMON, emit, parseArgs } from './lib/args.js';
import { Network, Neuron, PoissonPopulation, Uniform, type BackendName } from '../src/index.js';
import { propagationChoice } from '../src/backends/kernels/propagation.js';

const STRATEGIES = ['auto', 'row', 'post-span', 'bitmask'] as const;
type Strategy = (typeof STRATEGIES)[number];

const LIF = new Neuron({
  parameters: 'tau = 20.0\n tau_g = 5.0',
  equations: 'tau * dv/dt = -v + g_exc * (1.0 - v)\n tau_g * dg_exc/dt = -g_exc',
  spike: 'v > 0.5', reset: 'v = 0.0', refractory: 2.0,
});

const a = parseArgs({ N: 1000, p: 0.5, rate: 100, T: 1000, weights: 'drawn', strategy: 'auto', ...COMMON });
if (!Number.isInteger(a.N) || a.N < 1) throw new Error(`--N takes a positive integer, got ${a.N}`);
if (!(a.p > 0 && a.p <= 1)) throw new Error(`--p takes a probability in (0, 1], got ${a.p}`);
if (!(a.rate >= 0)) throw new Error(`--rate takes a rate in Hz, at least 0, got ${a.rate}`);
if (!(a.T > 0)) throw new Error(`--T takes a positive duration in ms, got ${a.T}`);
if (a.weights !== 'drawn' && a.weights !== 'one') throw new Error(`--weights takes drawn or one, got '${a.weights}'`);
if (!STRATEGIES.includes(a.strategy as Strategy)) throw new Error(`--strategy takes ${STRATEGIES.join(', ')}, got '${a.strategy}'`);
propagationChoice.force = a.strategy === 'auto' ? undefined : (a.strategy as Exclude<Strategy, 'auto'>);

const tStart = performance.now();
const net = new Network({ dt: 0.1, seed: a.seed });
const inp = new PoissonPopulation(a.N, { rates: a.rate, network: net, name: 'inp' });
const out = net.create(a.N, LIF, { name: 'out' });
// Mean input ≈ N p rate w τ_g: about 2 at the defaults, for any N, p and rate (w scaled).
const w = 2 / Math.max(1e-9, a.N * a.p * Math.max(a.rate, 1) * 0.005);
net.connect(inp, out, 'exc').connectFixedProbability({ probability: a.p, weights: a.weights === 'one' ? w : new Uniform(0, 2 * w) });
const setup_s = (performance.now() - tStart) / 1000;
let t0 = performance.now();
await net.compile({ backend: a.backend as BackendName, numThreads: a.threads, directory: a.directory || undefined });
const build_s = (performance.now() - t0) / 1000;
// The CPU time of the run besides its wall time: on a shared machine the wall time counts the other processes' turns too.
const cpu0 = process.cpuUsage();
t0 = performance.now();
await net.simulate(a.T);
const run_s = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const last = out.state.get('_last_spike') as Int32Array;
emit({
  model: 'strategies', backend: a.backend, threads: a.threads, N: a.N, p: a.p, rate_hz: a.rate, weights: a.weights, dt: 0.1, sim_ms: a.T, seed: a.seed,
  strategy: a.strategy, setup_s, build_s, run_s, run_cpu_s: (cpu.user + cpu.system) / 1e6, n_syn: net.projections[0].nbSynapses,
  spiking_fraction: last.filter((s) => s >= 0).length / last.length,
});
