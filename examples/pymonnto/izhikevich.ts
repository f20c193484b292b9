/**
 * PymoNNto's classical Izhikevich example (Examples_Classical): 800 excitatory and 200 inhibitory
 * Izhikevich neurons, all with the same parameters a = 0.02, b = 0.2, c = −65, d = 8 (given as
 * behaviour arguments and broadcast to per-neuron vectors, as PymoNNto's
 * `set_parameters_as_variables`), dt = 0.5 ms. Every step, in key order:
 *   1 input: I = 20·U(0, 1) + 0.5·Σ W over the excitatory neurons that fired − Σ W over the
 *     inhibitory ones (dense W ~ U(0, 1), dst × src, as in Izhikevich 2003);
 *   2 neuron: fired = v ≥ 30; v[fired] = c; u[fired] += d; v += dt·(0.04v² + 5v + 140 − u + I);
 *     u += dt·a·(b·v − u);
 *   10 spike recorder.
 * Prints the mean rate of each group and the fraction of steps with a population burst (more than
 * 5 % of all neurons firing), the rhythm of Izhikevich's network.
 *
 * Run: npx tsx examples/pymonnto/izhikevich.ts [--iterations 1000] [--seed 1]
 * Expected output: 1000 iterations (500 ms): mean rate exc 29.1 Hz, inh 29.2 Hz; population bursts in 9.5 % of
 * the steps.
 */
import { parseArgs } from 'node:util';
import { Behavior, EventRecorder, Network, NeuronGroup, SynapseGroup, afferent } from 'neurarchy/behaviors';

/** The Izhikevich update, with its parameters as per-neuron vectors. */
class Izhikevich extends Behavior {
  override initialize(n: NeuronGroup): void {
    for (const p of ['a', 'b', 'c', 'd'] as const) n[p] = n.vector(this.parameter(p, 0));
    n.dt = Float64Array.of(this.parameter('dt', 0.5));
    n.v = n.vector(-65);
    n.u = n.vector(-65 * 0.2);
    n.I = n.vector();
    n.fired = new Uint8Array(n.size);
  }
  override iteration(n: NeuronGroup): void {
    const { a, b, c, d, v, u, I } = n;
    const fired = n.fired as Uint8Array, dt = n.dt![0]!;
    for (let i = 0; i < n.size; i++) {
      fired[i] = v![i]! >= 30 ? 1 : 0;
      if (fired[i]) { v![i] = c![i]!; u![i]! += d![i]!; }
      v![i]! += dt * (0.04 * v![i]! ** 2 + 5 * v![i]! + 140 - u![i]! + I![i]!);
      u![i]! += dt * a![i]! * (b![i]! * v![i]! - u![i]!);
    }
  }
}

/** I = 20·U(0, 1) + 0.5·W_exc·fired − W_inh·fired. */
class Input extends Behavior {
  override initialize(n: NeuronGroup): void {
    for (const s of n.synapses(afferent)) s.W = s.matrix('uniform');
  }
  override iteration(n: NeuronGroup): void {
    const I = n.I!;
    n.fill(I, 'uniform(0, 20)');
    for (const s of n.synapses(afferent, 'GLUTAMATE')) s.propagate(s.src.fired, { into: I, gain: 0.5 });
    for (const s of n.synapses(afferent, 'GABA')) s.propagate(s.src.fired, { into: I, gain: -1 });
  }
}

/** Builds and runs the network; returns rates and the burst fraction. */
export async function run(opts: { iterations?: number; seed?: number } = {}): Promise<{ iterations: number; rateExc: number; rateInh: number; burstFraction: number }> {
  const iterations = opts.iterations ?? 1000;
  const net = new Network({ seed: opts.seed ?? 1 });
  const params = { a: 0.02, b: 0.2, c: -65, d: 8, dt: 0.5 };
  const exc = new NeuronGroup({ net, tag: 'exc', size: 800, behavior: { 1: new Input(), 2: new Izhikevich(params), 10: new EventRecorder('fired', { tag: 'exc_spikes' }) } });
  const inh = new NeuronGroup({ net, tag: 'inh', size: 200, behavior: { 1: new Input(), 2: new Izhikevich(params), 10: new EventRecorder('fired', { tag: 'inh_spikes' }) } });
  for (const dst of [exc, inh]) {
    new SynapseGroup({ net, src: exc, dst, tag: 'GLUTAMATE' });
    new SynapseGroup({ net, src: inh, dst, tag: 'GABA' });
  }
  await net.initialize();
  await net.simulateIterations(iterations);
  const te = net.get<EventRecorder>('exc_spikes', 0)!.t(), ti = net.get<EventRecorder>('inh_spikes', 0)!.t();
  const perStep = new Int32Array(iterations + 1);
  for (const t of [...te, ...ti]) perStep[t]!++;
  const seconds = (iterations * 0.5) / 1000;
  return { iterations, rateExc: te.length / 800 / seconds, rateInh: ti.length / 200 / seconds, burstFraction: perStep.filter((x) => x > 50).length / iterations };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({ strict: true, options: {
    iterations: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean', default: false },
  } });
  if (a.help) console.log('usage: npx tsx examples/pymonnto/izhikevich.ts [--iterations 1000] [--seed 1]   (dt = 0.5 ms per iteration)');
  else {
    const r = await run({ iterations: Number(a.iterations), seed: Number(a.seed) });
    console.log(`${r.iterations} iterations (${r.iterations / 2} ms): mean rate exc ${r.rateExc.toFixed(1)} Hz, inh ${r.rateInh.toFixed(1)} Hz; population bursts in ${(100 * r.burstFraction).toFixed(1)} % of the steps`);
  }
}
