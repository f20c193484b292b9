/**
 * PymoNNto's classical Hodgkin–Huxley example (Examples_Classical): one HH neuron cut into 20
 * compartments ("blocks") in a row, each with the standard sodium, potassium and leak currents,
 * coupled to its neighbours by a resistive term b_r·(V_left + V_right − 2V), b_r = 0.15 (the authors
 * call this coupling "NOT physically accurate"). dt = 0.01 ms, 50 000 steps (500 ms). A step current
 * of 10 µA/cm² is injected into the first compartment from 10 ms to 400 ms; spikes start there
 * and travel along the row. Every step, in key order:
 *   1 the step-current protocol,  2 the HH update (explicit Euler, as PymoNNto's file),
 *   3 spike detection (upward crossing of 0 mV), 10 spike recorder.
 * Prints the number of spikes in the first and the last compartment and the delay from the one
 * to the other (the conduction along the 20 compartments).
 *
 * Run: npx tsx examples/pymonnto/hodgkin_huxley.ts [--iterations 50000]
 * Expected output: 50000 iterations (500 ms): spikes in compartment 0: 25, in compartment 19: 25;
 * delay from compartment 0 to 19: 30.66 ms (every spike arrives, about 1.6 ms per compartment).
 */
import { parseArgs } from 'node:util';
import { Behavior, EventRecorder, Network, NeuronGroup } from 'neurarchy/behaviors';

const [gNa, gK, gL, ENa, EK, EL] = [120, 36, 0.3, 50, -77, -54.387];

/** The step current into compartment 0 (µA/cm²), on from `on` to `off` ms. */
class StepCurrent extends Behavior {
  private on = 10;
  private off = 400;
  private amplitude = 10;
  override initialize(n: NeuronGroup): void {
    this.on = this.parameter('on', 10);
    this.off = this.parameter('off', 400);
    this.amplitude = this.parameter('amplitude', 10);
    n.I = n.vector();
  }
  override iteration(n: NeuronGroup): void {
    const t = n.iteration * n.dt![0]!;
    n.I![0] = t >= this.on && t < this.off ? this.amplitude : 0;
  }
}

/** HH currents plus the nearest-neighbour coupling, explicit Euler. */
class HodgkinHuxley extends Behavior {
  private br = 0.15;
  override initialize(n: NeuronGroup): void {
    this.br = this.parameter('b_r', 0.15);
    n.dt = Float64Array.of(this.parameter('dt', 0.01));
    n.v = n.vector(-65);
    // Gates at their resting values.
    n.m = n.vector(0.0529);
    n.h = n.vector(0.5961);
    n.n = n.vector(0.3177);
    n.coupling = n.vector();
  }
  override iteration(g: NeuronGroup): void {
    const { v, m, h, n, I, coupling } = g;
    const dt = g.dt![0]!, N = g.size;
    for (let i = 0; i < N; i++) {
      const left = i > 0 ? v![i - 1]! : v![i]!, right = i < N - 1 ? v![i + 1]! : v![i]!;
      coupling![i] = this.br * (left + right - 2 * v![i]!);
    }
    for (let i = 0; i < N; i++) {
      const V = v![i]!;
      const am = 0.1 * (V + 40) / (1 - Math.exp(-(V + 40) / 10)), bm = 4 * Math.exp(-(V + 65) / 18);
      const ah = 0.07 * Math.exp(-(V + 65) / 20), bh = 1 / (1 + Math.exp(-(V + 35) / 10));
      const an = 0.01 * (V + 55) / (1 - Math.exp(-(V + 55) / 10)), bn = 0.125 * Math.exp(-(V + 65) / 80);
      const iIon = gNa * m![i]! ** 3 * h![i]! * (V - ENa) + gK * n![i]! ** 4 * (V - EK) + gL * (V - EL);
      v![i] = V + dt * (I![i]! + coupling![i]! - iIon);
      m![i]! += dt * (am * (1 - m![i]!) - bm * m![i]!);
      h![i]! += dt * (ah * (1 - h![i]!) - bh * h![i]!);
      n![i]! += dt * (an * (1 - n![i]!) - bn * n![i]!);
    }
  }
}

/** spike = upward crossing of 0 mV. */
class SpikeDetector extends Behavior {
  override initialize(n: NeuronGroup): void { n.spike = new Uint8Array(n.size); n.above = new Uint8Array(n.size); }
  override iteration(n: NeuronGroup): void {
    const v = n.v!, spike = n.spike!, above = n.above!;
    for (let i = 0; i < n.size; i++) { const up = v[i]! > 0 ? 1 : 0; spike[i] = up && !above[i] ? 1 : 0; above[i] = up; }
  }
}

/** Runs the compartments; returns spike times (ms) per compartment. */
export async function run(opts: { iterations?: number } = {}): Promise<{ iterations: number; first: number[]; last: number[]; delayMs: number }> {
  const iterations = opts.iterations ?? 50000;
  const net = new Network({ seed: 1 });
  new NeuronGroup({ net, tag: 'blocks', size: 20, behavior: {
    1: new StepCurrent({ on: 10, off: 400, amplitude: 10 }), 2: new HodgkinHuxley({ b_r: 0.15, dt: 0.01 }),
    3: new SpikeDetector(), 10: new EventRecorder('spike', { tag: 'spikes' }) } });
  await net.initialize();
  await net.simulateIterations(iterations);
  const ev = net.get<EventRecorder>('spikes', 0)!;
  const t = ev.t(), i = ev.i();
  const times = (k: number): number[] => Array.from(t.filter((_, e) => i[e] === k), (x) => x * 0.01);
  const first = times(0), last = times(19);
  const pairs = Math.min(first.length, last.length);
  const delayMs = pairs ? last.slice(0, pairs).reduce((s, x, k) => s + x - first[k]!, 0) / pairs : NaN;
  return { iterations, first, last, delayMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({ strict: true, options: { iterations: { type: 'string', default: '50000' }, help: { type: 'boolean', default: false } } });
  if (a.help) console.log('usage: npx tsx examples/pymonnto/hodgkin_huxley.ts [--iterations 50000]   (dt = 0.01 ms per iteration)');
  else {
    const r = await run({ iterations: Number(a.iterations) });
    console.log(`${r.iterations} iterations (${r.iterations / 100} ms): spikes in compartment 0: ${r.first.length}, in compartment 19: ${r.last.length}; delay from compartment 0 to 19: ${r.delayMs.toFixed(2)} ms`);
  }
}
