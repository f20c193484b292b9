/**
 * PymoNNto's classical LeakyIntegrateAndFire example (Examples_Classical, after Brian2's): 800
 * excitatory and 200 inhibitory leaky integrate-and-fire units on grids, dense random connections
 * between all of them (GLUTAMATE from the excitatory group, GABA from the inhibitory one), and a
 * noisy drive. dt = 0.1 ms, v_rest = −65 mV, v_reset = −80 mV, thresholds −10 mV (exc) and
 * −30 mV (inh). Every step, in key order:
 *   1 input:  I = 90·U(0, 1) + Σ_GLU W·spike_pre − Σ_GABA W·spike_pre (spikes of the previous step),
 *   2 LIF:    spike = v > threshold; v[spike] = v_reset; v += ((v_rest − v) + I)·dt,
 *   9, 10     recorders of v and of the spikes.
 * The weight scale is ours (PymoNNto's file draws dense uniform weights whose scale we could not
 * read): U(0, 0.5) for GLUTAMATE and U(0, 1) for GABA keep the network in a noisy, asynchronous
 * regime. Prints the mean rate of each group.
 *
 * Run: npx tsx examples/pymonnto/lif.ts [--iterations 1000] [--seed 1]
 * Expected output: 1000 iterations (100 ms): mean rate exc 23.7 Hz, inh 473.8 Hz; spikes: 11374 (the
 * inhibitory units, with a threshold below the drive's equilibrium of −20 mV and no refractory
 * period, fire again as soon as they climb back from the reset, every ≈ 2 ms).
 */
import { parseArgs } from 'node:util';
import { Behavior, EventRecorder, Network, NeuronGroup, Recorder, SynapseGroup, afferent } from 'neurarchy/behaviors';

/** Weights of every afferent synapse group, and I = noise ± the transmitted spikes. */
class Input extends Behavior {
  override initialize(n: NeuronGroup): void {
    n.I = n.vector();
    for (const s of n.synapses(afferent, 'GLUTAMATE')) s.W = s.matrix('uniform(0, 0.5)');
    for (const s of n.synapses(afferent, 'GABA')) s.W = s.matrix('uniform(0, 1)');
  }
  override iteration(n: NeuronGroup): void {
    const I = n.I!;
    n.fill(I, 'uniform(0, 90)');
    for (const s of n.synapses(afferent, 'GLUTAMATE')) s.propagate(s.src.fired, { into: I });
    for (const s of n.synapses(afferent, 'GABA')) s.propagate(s.src.fired, { into: I, gain: -1 });
  }
}

/** The leaky integrate-and-fire update. */
class LIF extends Behavior {
  private th = -10;
  private rest = -65;
  private reset = -80;
  override initialize(n: NeuronGroup): void {
    this.th = this.parameter('threshold', -10);
    this.rest = this.parameter('v_rest', -65);
    this.reset = this.parameter('v_reset', -80);
    n.dt = Float64Array.of(this.parameter('dt', 0.1));
    n.v = n.vector(`uniform(${this.reset}, ${this.th})`);
    n.fired = new Uint8Array(n.size);
  }
  override iteration(n: NeuronGroup): void {
    const v = n.v!, I = n.I!, fired = n.fired! as Uint8Array, dt = n.dt![0]!;
    for (let i = 0; i < n.size; i++) {
      fired[i] = v[i]! > this.th ? 1 : 0;
      if (fired[i]) v[i] = this.reset;
      v[i]! += (this.rest - v[i]! + I[i]!) * dt;
    }
  }
}

/** Builds and runs the network; returns the spike counts and rates. */
export async function run(opts: { iterations?: number; seed?: number } = {}): Promise<{ iterations: number; rateExc: number; rateInh: number; spikes: number; vExc: Float64Array }> {
  const iterations = opts.iterations ?? 1000;
  const net = new Network({ seed: opts.seed ?? 1 });
  const exc = new NeuronGroup({ net, tag: 'exc', geometry: [40, 20], behavior: {
    1: new Input(), 2: new LIF({ threshold: -10 }), 9: new Recorder('v', { tag: 'exc_v' }), 10: new EventRecorder('fired', { tag: 'exc_spikes' }) } });
  const inh = new NeuronGroup({ net, tag: 'inh', geometry: [20, 10], behavior: {
    1: new Input(), 2: new LIF({ threshold: -30 }), 10: new EventRecorder('fired', { tag: 'inh_spikes' }) } });
  for (const dst of [exc, inh]) {
    new SynapseGroup({ net, src: exc, dst, tag: 'GLUTAMATE' });
    new SynapseGroup({ net, src: inh, dst, tag: 'GABA' });
  }
  await net.initialize();
  await net.simulateIterations(iterations);
  const seconds = (iterations * 0.1) / 1000;
  const nExc = net.get<EventRecorder>('exc_spikes', 0)!.t().length;
  const nInh = net.get<EventRecorder>('inh_spikes', 0)!.t().length;
  const v = net.getRecorded('v', 0);
  return { iterations, rateExc: nExc / exc.size / seconds, rateInh: nInh / inh.size / seconds, spikes: nExc + nInh, vExc: v.data.slice(0, v.cols) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({ strict: true, options: {
    iterations: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean', default: false },
  } });
  if (a.help) console.log('usage: npx tsx examples/pymonnto/lif.ts [--iterations 1000] [--seed 1]   (dt = 0.1 ms per iteration)');
  else {
    const r = await run({ iterations: Number(a.iterations), seed: Number(a.seed) });
    console.log(`${r.iterations} iterations (${r.iterations / 10} ms): mean rate exc ${r.rateExc.toFixed(1)} Hz, inh ${r.rateInh.toFixed(1)} Hz; spikes: ${r.spikes}`);
  }
}
