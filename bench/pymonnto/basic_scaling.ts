/**
 * Benchmark: the 2021 PymoNNto paper's timing of its Basic model (Examples_Paper/Basic/Time_measure.py,
 * dossier §4.1): leaky threshold units (spike = v > 0.5, reset, v *= 0.9, sparse uniform noise of
 * density 0.01) with a dense recurrent GLUTAMATE matrix of density 0.1 (v += W·spike / N · 10),
 * 1000 iterations, for N = 120, 743, 1848, 4600 and 11 447 (the paper's sizes 100·1.2^k).
 * Written as behaviours; the input uses `synapse.propagate`, which visits only the spiking neurons'
 * weights (PymoNNto's NumPy computes the full `W.dot(spike)`), with the matrix stored src × dst
 * (`--layout SxD`, default: a spiking neuron's weights are one contiguous row) or dst × src
 * (`--layout DxS`, PymoNNto's default: a strided column). The paper's figures (hardware not recorded):
 * NumPy 0.22, 0.36, 1.33, 10.2, 64.4 s; TensorFlow GPU 0.90, 0.95, 1.19, 2.07, 7.27 s.
 *
 * Run: npx tsx bench/pymonnto/basic_scaling.ts [--N 11447] [--T 1000] [--layout SxD|DxS] [--seed 1234]
 * Prints one line `RESULT {json}` per run (run_s and run_cpu_s: the 1000 iterations).
 */
import { parseArgs, emit, COMMON } from '../lib/args.js';
import { Behavior, Network, NeuronGroup, SxD, DxS, SynapseGroup, afferent } from '../../src/behaviors/index.js';

const a = parseArgs({ N: 11447, T: 1000, layout: 'SxD', ...COMMON });
if (a.layout !== 'SxD' && a.layout !== 'DxS') throw new Error(`--layout must be SxD or DxS, got ${a.layout}`);
if (a.backend !== 'js') {
  console.error(`pymonnto/basic_scaling: behaviours run in JavaScript only (got --backend ${a.backend})`);
  process.exit(2);
}

/** spike, reset, decay, sparse noise (PymoNNto's Basic_Behavior). */
class Basic extends Behavior {
  override initialize(n: NeuronGroup): void {
    n.voltage = n.vector();
    n.spike = new Uint8Array(n.size);
    n.noise = n.vector();
    n.spikes = 0;
  }
  override iteration(n: NeuronGroup): void {
    const v: Float64Array = n.voltage, spike: Uint8Array = n.spike, noise = n.fill(n.noise, 'uniform', { density: 0.01 });
    let m = 0;
    for (let i = 0; i < n.size; i++) {
      spike[i] = v[i]! > 0.5 ? 1 : 0;
      if (spike[i]) { v[i] = 0; m++; }
      v[i] = 0.9 * v[i]! + noise[i]!;
    }
    n.spikes += m;
  }
}

/** v += W·spike / N · 10 over the GLUTAMATE synapses (dense W, density 0.1). */
class Input extends Behavior {
  override initialize(n: NeuronGroup): void {
    for (const s of n.synapses(afferent, 'GLUTAMATE')) s.W = s.matrix('uniform', { density: 0.1 });
  }
  override iteration(n: NeuronGroup): void {
    for (const s of n.synapses(afferent, 'GLUTAMATE')) s.propagate(s.src.spike, { into: n.voltage, gain: 10 / s.src.size });
  }
}

const net = new Network({ seed: a.seed, settings: { syn_dim: a.layout === 'SxD' ? SxD : DxS } });
const timer = process.env.PYMONNTO_TIMING ? net.timeBehaviors() : undefined;
const ng = new NeuronGroup({ net, tag: 'my_neurons', size: a.N, behavior: { 1: new Basic(), 2: new Input() } });
new SynapseGroup({ net, src: ng, dst: ng, tag: 'GLUTAMATE' });
let t0 = performance.now();
await net.initialize();
const build = (performance.now() - t0) / 1000;
t0 = performance.now();
const cpu0 = process.cpuUsage();
await net.simulateIterations(a.T);
const cpu = process.cpuUsage(cpu0);
const run = (performance.now() - t0) / 1000;
if (timer) console.error(timer.format());
emit({
  model: 'pymonnto/basic_scaling', backend: 'js', style: 'behaviors', layout: a.layout, threads: 1, N: a.N, iterations: a.T, seed: a.seed,
  build_s: build, run_s: run, run_cpu_s: (cpu.user + cpu.system) / 1e6, n_syn_dense: a.N * a.N,
  spikes: ng.spikes, active_fraction: ng.spikes / a.N / a.T,
});
