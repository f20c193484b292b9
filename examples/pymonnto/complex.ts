/**
 * PymoNNto's paper example "STDP, homeostasis and normalisation" (Examples_Paper/STDP_Hom_Norm,
 * Complex.py): the basic network of leaky threshold units on a 10 × 10 grid with a dense recurrent
 * GLUTAMATE matrix of density 0.1, plus three plasticity modules, 200 steps. Keys as in the paper:
 *   1 Basic: spike = v > 0.5; v[spike] = 0; v *= 0.9; v += sparse uniform noise (density 0.01);
 *   2 Input: v += W·spike / N · 10 (spikes of the previous step);
 *   3 Homeostasis (target 0.05, η = 0.001): an "exhaustion" integrates v − max above the band
 *     [−0.05, 0.05] and min − v below it, and is subtracted from v;
 *   4 STDP (η = 0.00015): dW = η (post_t·pre_{t−1} − post_{t−1}·pre_t + post_t·pre_t) where W is
 *     enabled (the initial connections), clipped to [0, 10]; keeps spike_old;
 *   5 Normalization (10): every afferent row of W divided by its sum / 10;
 *   9 Recorder of the voltage and its mean, 10 EventRecorder of the spikes.
 * Prints the active fraction per step, the mean voltage and the afferent weight sum per neuron
 * (10 for every neuron with inputs, kept by the normalisation while STDP changes the weights).
 *
 * Run: npx tsx examples/pymonnto/complex.ts [--iterations 200] [--seed 1]
 * Expected output: 200 iterations: active fraction 0.0054 per step, mean voltage 0.0371; afferent
 * weight sum 10.000 (min 10.000, max 10.000); weights changed by STDP: 23.9 % of the synapses.
 */
import { parseArgs } from 'node:util';
import {
  Behavior, DenseMatrix, EventRecorder, Network, NeuronGroup, Recorder, SynapseGroup, afferent, squaredGrid,
} from 'neurarchy/behaviors';

/** spike, reset, decay, sparse noise. */
class Basic extends Behavior {
  private th = 0.5;
  override initialize(n: NeuronGroup): void {
    this.th = this.parameter('threshold', 0.5);
    n.voltage = n.vector();
    n.spike = new Uint8Array(n.size);
    n.noise = n.vector();
  }
  override iteration(n: NeuronGroup): void {
    const v = n.voltage!, spike = n.spike!, noise = n.fill(n.noise!, 'uniform', { density: 0.01 });
    for (let i = 0; i < n.size; i++) {
      spike[i] = v[i]! > this.th ? 1 : 0;
      if (spike[i]) v[i] = 0;
      v[i] = 0.9 * v[i]! + noise[i]!;
    }
  }
}

/** v += W·spike / N · 10 over the GLUTAMATE synapses. */
class Input extends Behavior {
  override initialize(n: NeuronGroup): void {
    for (const s of n.synapses(afferent, 'GLUTAMATE')) {
      s.W = s.matrix('uniform', { density: 0.1 });
      s.enabled = new DenseMatrix(s.W.rows, s.W.cols, Uint8Array.from((s.W as DenseMatrix).data, (w) => (w > 0 ? 1 : 0)));
    }
  }
  override iteration(n: NeuronGroup): void {
    for (const s of n.synapses(afferent, 'GLUTAMATE')) s.propagate(s.src.spike, { into: n.voltage!, gain: 10 / s.src.size });
  }
}

/** The exhaustion homeostasis of the paper. */
class Homeostasis extends Behavior {
  private max = 0.05;
  private min = -0.05;
  private eta = 0.001;
  override initialize(n: NeuronGroup): void {
    const target = this.parameter('target_voltage', 0.05);
    this.max = this.parameter('max_ta', target);
    this.min = this.parameter('min_ta', -target);
    this.eta = this.parameter('eta_ip', 0.001);
    n.exhaustion = n.vector();
  }
  override iteration(n: NeuronGroup): void {
    const v = n.voltage!, ex = n.exhaustion!;
    for (let i = 0; i < n.size; i++) {
      if (v[i]! > this.max) ex[i]! += this.eta * (v[i]! - this.max);
      else if (v[i]! < this.min) ex[i]! -= this.eta * (this.min - v[i]!);
      v[i]! -= ex[i]!;
    }
  }
}

/** The discrete three-term STDP on binary spikes, masked by `enabled`, clipped to [0, 10]. */
class STDP extends Behavior {
  private eta = 0.00015;
  override initialize(n: NeuronGroup): void {
    this.eta = this.parameter('eta_stdp', 0.00015);
    n.spike_old = new Uint8Array(n.size);
  }
  override iteration(n: NeuronGroup): void {
    for (const s of n.synapses(afferent, 'GLUTAMATE')) {
      const W = s.W as DenseMatrix, mask = (s.enabled as DenseMatrix<Uint8Array>).data;
      const post = n.spike!, postOld = n.spike_old!, pre = s.src.spike!, preOld = s.src.spike_old!;
      for (let i = 0; i < W.rows; i++) {
        for (let j = 0; j < W.cols; j++) {
          const k = i * W.cols + j;
          if (!mask[k]) continue;
          const dw = this.eta * (post[i]! * preOld[j]! - postOld[i]! * pre[j]! + post[i]! * pre[j]!);
          if (dw !== 0) W.data[k] = Math.min(10, Math.max(0, W.data[k]! + dw));
        }
      }
    }
    n.spike_old!.set(n.spike!);
  }
}

/** Each afferent row divided by its sum / norm_factor (rows without inputs left at 0). */
class Normalization extends Behavior {
  private factor = 10;
  override initialize(): void { this.factor = this.parameter('norm_factor', 10); }
  override iteration(n: NeuronGroup): void {
    const sums = n.vector();
    const groups = n.synapses(afferent, 'GLUTAMATE');
    for (const s of groups) { const W = s.W as DenseMatrix; for (let i = 0; i < W.rows; i++) for (let j = 0; j < W.cols; j++) sums[i]! += Math.abs(W.data[i * W.cols + j]!); }
    for (const s of groups) {
      const W = s.W as DenseMatrix;
      for (let i = 0; i < W.rows; i++) if (sums[i]! > 0) for (let j = 0; j < W.cols; j++) W.data[i * W.cols + j]! /= sums[i]! / this.factor;
    }
  }
}

/** Builds and runs the network; returns the statistics printed. */
export async function run(opts: { iterations?: number; seed?: number } = {}): Promise<{ iterations: number; activity: number; meanVoltage: number; rowSums: number[]; changed: number }> {
  const iterations = opts.iterations ?? 200;
  const net = new Network({ seed: opts.seed ?? 1 });
  const ng = new NeuronGroup({ net, tag: 'my_neurons', geometry: squaredGrid(100), behavior: {
    1: new Basic({ threshold: 0.5 }), 2: new Input(), 3: new Homeostasis({ target_voltage: 0.05, eta_ip: 0.001 }),
    4: new STDP({ eta_stdp: 0.00015 }), 5: new Normalization({ norm_factor: 10 }),
    9: new Recorder(['voltage', 'mean(voltage)'], { tag: 'my_recorder' }), 10: new EventRecorder('spike', { tag: 'my_event_recorder' }) } });
  const syn = new SynapseGroup({ net, src: ng, dst: ng, tag: 'GLUTAMATE' });
  await net.initialize();
  const W0 = Float64Array.from((syn.W as DenseMatrix).data);
  // The weights after the first normalisation are the reference for "changed by STDP".
  await net.simulateIterations(1);
  W0.set((syn.W as DenseMatrix).data);
  const rowsBefore = W0.map((w) => (w > 0 ? 1 : 0));
  await net.simulateIterations(iterations - 1);
  const W = syn.W as DenseMatrix;
  const rowSums = Array.from({ length: W.rows }, (_, i) => W.data.subarray(i * W.cols, (i + 1) * W.cols).reduce((x, y) => x + y, 0)).filter((x) => x > 0);
  let changed = 0;
  // STDP changes weights, the normalisation then rescales whole rows: count the synapses whose share of their row changed.
  for (let i = 0; i < W.rows; i++) {
    const s0 = W0.subarray(i * W.cols, (i + 1) * W.cols).reduce((x, y) => x + y, 0), s1 = W.data.subarray(i * W.cols, (i + 1) * W.cols).reduce((x, y) => x + y, 0);
    for (let j = 0; j < W.cols; j++) if (rowsBefore[i * W.cols + j] && Math.abs(W.data[i * W.cols + j]! / s1 - W0[i * W.cols + j]! / s0) > 1e-9) changed++;
  }
  const spikes = net.get<EventRecorder>('my_event_recorder', 0)!.t().length;
  const mv = net.getRecorded('mean(voltage)', 0).data;
  return {
    iterations, activity: spikes / ng.size / iterations, meanVoltage: mv.reduce((x, y) => x + y, 0) / mv.length,
    rowSums, changed: changed / rowsBefore.reduce((x, y) => x + y, 0),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({ strict: true, options: {
    iterations: { type: 'string', default: '200' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean', default: false },
  } });
  if (a.help) console.log('usage: npx tsx examples/pymonnto/complex.ts [--iterations 200] [--seed 1]');
  else {
    const r = await run({ iterations: Number(a.iterations), seed: Number(a.seed) });
    const mean = r.rowSums.reduce((x, y) => x + y, 0) / r.rowSums.length;
    console.log(`${r.iterations} iterations: active fraction ${r.activity.toFixed(4)} per step, mean voltage ${r.meanVoltage.toFixed(4)}; afferent weight sum ${mean.toFixed(3)} (min ${Math.min(...r.rowSums).toFixed(3)}, max ${Math.max(...r.rowSums).toFixed(3)}); weights changed by STDP: ${(100 * r.changed).toFixed(1)} % of the synapses`);
  }
}
