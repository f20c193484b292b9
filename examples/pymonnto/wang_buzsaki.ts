/**
 * PymoNNto's classical Wang–Buzsáki example (Examples_Classical, after Brian2's): one fast-spiking
 * interneuron (Wang & Buzsáki 1996) with I_app = 2 µA/cm², dt = 0.01 ms, 10 000 steps (100 ms).
 *   C dV/dt = I_app − g_Na·m∞³·h·(V − E_Na) − g_K·n⁴·(V − E_K) − g_L·(V − E_L),
 *   dh/dt = φ·(α_h(1 − h) − β_h·h),  dn/dt = φ·(α_n(1 − n) − β_n·n),  m = m∞(V) = α_m/(α_m + β_m),
 * with g_Na = 35, g_K = 9, g_L = 0.1 mS/cm², E_Na = 55, E_K = −90, E_L = −65 mV, φ = 5, C = 1 µF/cm².
 * Keys: 1 the update (explicit Euler), 2 spike detection (V crossing −20 mV upwards), 10 recorders.
 * Prints the spikes, the steady firing rate (from the intervals after the first spike) and the
 * trough of V (the model's shallow after-hyperpolarisation).
 *
 * Run: npx tsx examples/pymonnto/wang_buzsaki.ts [--iterations 10000] [--current 2]
 * Expected output: 10000 iterations (100 ms), I_app = 2: 10 spikes, rate 98.8 Hz, V between -67.2 and 31.6 mV.
 */
import { parseArgs } from 'node:util';
import { Behavior, EventRecorder, Network, NeuronGroup, Recorder } from 'neurarchy/behaviors';

/** The Wang–Buzsáki interneuron. */
class WangBuzsaki extends Behavior {
  private I = 2;
  private dt = 0.01;
  override initialize(n: NeuronGroup): void {
    this.I = this.parameter('I_app', 2);
    this.dt = this.parameter('dt', 0.01);
    n.v = n.vector(-64);
    n.h = n.vector(0.78);
    n.n = n.vector(0.09);
  }
  override iteration(g: NeuronGroup): void {
    const { v, h, n } = g;
    const dt = this.dt;
    for (let i = 0; i < g.size; i++) {
      const V = v![i]!;
      const am = -0.1 * (V + 35) / (Math.exp(-0.1 * (V + 35)) - 1), bm = 4 * Math.exp(-(V + 60) / 18);
      const ah = 0.07 * Math.exp(-(V + 58) / 20), bh = 1 / (Math.exp(-0.1 * (V + 28)) + 1);
      const an = -0.01 * (V + 34) / (Math.exp(-0.1 * (V + 34)) - 1), bn = 0.125 * Math.exp(-(V + 44) / 80);
      const m = am / (am + bm);
      const iIon = 35 * m ** 3 * h![i]! * (V - 55) + 9 * n![i]! ** 4 * (V + 90) + 0.1 * (V + 65);
      v![i] = V + dt * (this.I - iIon);
      h![i]! += dt * 5 * (ah * (1 - h![i]!) - bh * h![i]!);
      n![i]! += dt * 5 * (an * (1 - n![i]!) - bn * n![i]!);
    }
  }
}

/** spike = V crossing −20 mV upwards. */
class Spikes extends Behavior {
  override initialize(n: NeuronGroup): void { n.spike = new Uint8Array(n.size); n.above = new Uint8Array(n.size); }
  override iteration(n: NeuronGroup): void {
    const v = n.v!, spike = n.spike!, above = n.above!;
    for (let i = 0; i < n.size; i++) { const up = v[i]! > -20 ? 1 : 0; spike[i] = up && !above[i] ? 1 : 0; above[i] = up; }
  }
}

/** Runs the neuron; returns spike times (ms), the steady rate and the range of V. */
export async function run(opts: { iterations?: number; current?: number } = {}): Promise<{ iterations: number; spikes: number[]; rate: number; vMin: number; vMax: number }> {
  const iterations = opts.iterations ?? 10000;
  const net = new Network({ seed: 1 });
  new NeuronGroup({ net, tag: 'wb', size: 1, behavior: {
    1: new WangBuzsaki({ I_app: opts.current ?? 2, dt: 0.01 }), 2: new Spikes(),
    9: new Recorder('v', { tag: 'voltage' }), 10: new EventRecorder('spike', { tag: 'spikes' }) } });
  await net.initialize();
  await net.simulateIterations(iterations);
  const spikes = Array.from(net.get<EventRecorder>('spikes', 0)!.t(), (t) => t * 0.01);
  const v = net.getRecorded('v', 0).data;
  const rate = spikes.length > 1 ? (1000 * (spikes.length - 1)) / (spikes.at(-1)! - spikes[0]!) : 0;
  // The range of V after the first spike (the initial state is not on the cycle).
  const after = spikes.length ? v.subarray(Math.round(spikes[0]! / 0.01)) : v;
  return { iterations, spikes, rate, vMin: Math.min(...after), vMax: Math.max(...after) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({ strict: true, options: {
    iterations: { type: 'string', default: '10000' }, current: { type: 'string', default: '2' }, help: { type: 'boolean', default: false },
  } });
  if (a.help) console.log('usage: npx tsx examples/pymonnto/wang_buzsaki.ts [--iterations 10000] [--current 2]   (dt = 0.01 ms per iteration; current in µA/cm²)');
  else {
    const r = await run({ iterations: Number(a.iterations), current: Number(a.current) });
    console.log(`${r.iterations} iterations (${r.iterations / 100} ms), I_app = ${a.current}: ${r.spikes.length} spikes, rate ${r.rate.toFixed(1)} Hz, V between ${r.vMin.toFixed(1)} and ${r.vMax.toFixed(1)} mV`);
  }
}
