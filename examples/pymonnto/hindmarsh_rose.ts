/**
 * PymoNNto's classical Hindmarsh–Rose example (Examples_Classical): three neurons driven by
 * I = 0.4, 2 and 4, which are quiescent, bursting and tonically spiking. dt = 0.01, 200 000 steps.
 * The model (a = 1, b = 3, c = 1, d = 5, r = 0.001, s = 4, x_R = −1.6), explicit Euler:
 *   dx/dt = y − a·x³ + b·x² − z + I,   dy/dt = c − d·x² − y,   dz/dt = r·(s·(x − x_R) − z).
 * Keys: 1 the HR update, 2 spike detection (x crossing 1 upwards), 10 spike recorder. Prints the
 * spikes and bursts of each neuron (a burst ends at an interval over three times the median one).
 *
 * Run: npx tsx examples/pymonnto/hindmarsh_rose.ts [--iterations 200000]
 * Expected output: I = 0.4: 0 spikes in 0 bursts (quiescent); I = 2: 40 spikes in 5 bursts (bursting);
 * I = 4: 182 spikes in 1 burst (tonic). The same loop in NumPy gives the same counts.
 */
import { parseArgs } from 'node:util';
import { Behavior, EventRecorder, Network, NeuronGroup } from 'neurarchy/behaviors';

/**
 * The state the behaviours create (`n.x = n.vector(…)`): declaring it types the attributes, so a
 * misspelt `n.xx` is a compile error; an undeclared `NeuronGroup` takes any attribute, as PymoNNto.
 */
type HRState = { I: Float64Array; x: Float64Array; y: Float64Array; z: Float64Array; spike: Uint8Array; above: Uint8Array };
type HRGroup = NeuronGroup<HRState>;

/** The Hindmarsh–Rose equations, one neuron per entry of the `I` argument. */
class HindmarshRose extends Behavior {
  private p = { a: 1, b: 3, c: 1, d: 5, r: 0.001, s: 4, xR: -1.6, dt: 0.01 };
  override initialize(n: HRGroup): void {
    for (const k of Object.keys(this.p) as (keyof typeof this.p)[]) this.p[k] = this.parameter(k, this.p[k]);
    n.I = Float64Array.from(this.parameter<number[]>('I', []));
    n.x = n.vector(-1.6);
    n.y = n.vector(-10);
    n.z = n.vector(2);
  }
  override iteration(n: HRGroup): void {
    const { a, b, c, d, r, s, xR, dt } = this.p;
    const { x, y, z, I } = n;
    for (let i = 0; i < n.size; i++) {
      const X = x![i]!, Y = y![i]!, Z = z![i]!;
      x![i] = X + dt * (Y - a * X ** 3 + b * X ** 2 - Z + I![i]!);
      y![i] = Y + dt * (c - d * X ** 2 - Y);
      z![i] = Z + dt * r * (s * (X - xR) - Z);
    }
  }
}

/** spike = x crossing `threshold` upwards. */
class Spikes extends Behavior {
  private th = 1;
  override initialize(n: HRGroup): void { this.th = this.parameter('threshold', 1); n.spike = new Uint8Array(n.size); n.above = new Uint8Array(n.size); }
  override iteration(n: HRGroup): void {
    const x = n.x!, spike = n.spike!, above = n.above!;
    for (let i = 0; i < n.size; i++) { const up = x[i]! > this.th ? 1 : 0; spike[i] = up && !above[i] ? 1 : 0; above[i] = up; }
  }
}

/** Bursts in a spike train: runs of spikes separated by intervals over 3× the median interval. */
export function countBursts(times: number[]): number {
  if (times.length < 2) return times.length;
  const isi = times.slice(1).map((t, k) => t - times[k]!);
  const median = [...isi].sort((p, q) => p - q)[Math.floor(isi.length / 2)]!;
  return 1 + isi.filter((x) => x > 3 * median).length;
}

/** Runs the three neurons; returns spikes and bursts per drive. */
export async function run(opts: { iterations?: number } = {}): Promise<{ iterations: number; neurons: { I: number; spikes: number; bursts: number }[] }> {
  const iterations = opts.iterations ?? 200000;
  const drives = [0.4, 2, 4];
  const net = new Network({ seed: 1 });
  new NeuronGroup({ net, tag: 'hr', size: drives.length, behavior: { 1: new HindmarshRose({ I: drives }), 2: new Spikes(), 10: new EventRecorder('spike', { tag: 'spikes' }) } });
  await net.initialize();
  await net.simulateIterations(iterations);
  const ev = net.get<EventRecorder>('spikes', 0)!;
  const t = ev.t(), idx = ev.i();
  return {
    iterations,
    neurons: drives.map((I, k) => {
      const times = Array.from(t.filter((_, e) => idx[e] === k));
      return { I, spikes: times.length, bursts: countBursts(times) };
    }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({ strict: true, options: { iterations: { type: 'string', default: '200000' }, help: { type: 'boolean', default: false } } });
  if (a.help) console.log('usage: npx tsx examples/pymonnto/hindmarsh_rose.ts [--iterations 200000]   (dt = 0.01 per iteration)');
  else {
    const r = await run({ iterations: Number(a.iterations) });
    const kind = (n: { spikes: number; bursts: number }): string => (n.spikes === 0 ? 'quiescent' : n.bursts > 1 ? 'bursting' : 'tonic');
    console.log(r.neurons.map((n) => `I = ${n.I}: ${n.spikes} spikes in ${n.bursts} burst${n.bursts === 1 ? '' : 's'} (${kind(n)})`).join('; '));
  }
}
