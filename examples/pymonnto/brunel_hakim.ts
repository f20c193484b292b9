/**
 * PymoNNto's classical Brunel–Hakim example (Examples_Classical, after Brian2's; Brunel & Hakim
 * 1999): inhibitory leaky integrate-and-fire neurons with random inhibition delayed by 2 ms through
 * a rolled spike buffer (PymoNNto's idiom), and a noisy drive μ = 25 mV, σ = 1 mV:
 *   τ dV = (−V + μ) dt + σ √τ dW,  τ = 20 ms; spike at θ = 20 mV, reset 10 mV, 2 ms refractory.
 * Each neuron receives C = 1000 connections of J = 0.1 mV, Brian's values (C·J = 100 mV); PymoNNto's
 * port has 1000 neurons, we take 2000 with connection probability 0.5 so that C stays 1000 (with
 * C = 100 and J = 1 mV the recurrent noise is three times larger and drowns the oscillation).
 * dt = 0.1 ms. Keys: 1 delayed inhibition (reads the oldest row of the buffer), 2 the neurons,
 * 3 the buffer roll, 10 spike recorder. The drive alone would make every neuron fire regularly at
 * 42 Hz (τ·ln 3 + 2 ms); the delayed inhibition makes them fire rarely and irregularly while the population
 * oscillates fast, at about 1/(4 × delay). Prints the mean rate and the frequency of the
 * population oscillation (peak of the spectrum of the population activity).
 *
 * Run: npx tsx examples/pymonnto/brunel_hakim.ts [--iterations 2000] [--seed 1]
 * Expected output: 2000 iterations (200 ms): mean rate 3.6 Hz, population oscillation 137.0 Hz
 * (seeds 2 and 3: 134 and 137 Hz; 500 ms: 130 Hz).
 */
import { parseArgs } from 'node:util';
import { Behavior, EventRecorder, Network, NeuronGroup, SynapseGroup, afferent } from 'neurarchy/behaviors';

const DT = 0.1;

/** V −= J·(spikes of `delay` ms ago) through the afferent weights. */
class DelayedInhibition extends Behavior {
  override initialize(n: NeuronGroup): void {
    n.input = n.vector();
    for (const s of n.synapses(afferent, 'GABA')) s.W = s.matrix(this.parameter('J', 1), { density: this.parameter('density', 0.1) });
  }
  override iteration(n: NeuronGroup): void {
    const input = n.input!;
    input.fill(0);
    for (const s of n.synapses(afferent, 'GABA')) {
      const buffer = s.src.buffer!, N = s.src.size;
      s.propagate(buffer.subarray(0, N), { into: input, gain: -1 }); // the oldest row: `delay` ago
    }
  }
}

/** Noisy LIF with refractoriness; adds the input (mV) to V after the step. */
class NoisyLIF extends Behavior {
  private p = { tau: 20, mu: 25, sigma: 1, theta: 20, reset: 10, refractory: 2 };
  override initialize(n: NeuronGroup): void {
    for (const k of Object.keys(this.p) as (keyof typeof this.p)[]) this.p[k] = this.parameter(k, this.p[k]);
    n.v = n.vector(`uniform(${this.p.reset}, ${this.p.theta})`);
    n.spike = new Uint8Array(n.size);
    n.refractoryLeft = new Int32Array(n.size);
    n.noise = n.vector();
  }
  override iteration(n: NeuronGroup): void {
    const { tau, mu, sigma, theta, reset, refractory } = this.p;
    const v = n.v!, spike = n.spike!, left = n.refractoryLeft!, input = n.input!, noise = n.noise!;
    n.fill(noise, 'normal(0, 1)');
    const k = sigma * Math.sqrt(DT / tau);
    for (let i = 0; i < n.size; i++) {
      if (left[i]! > 0) { left[i]!--; spike[i] = 0; continue; }
      v[i] = v[i]! + ((-v[i]! + mu) * DT) / tau + k * noise[i]! + input[i]!;
      spike[i] = v[i]! > theta ? 1 : 0;
      if (spike[i]) { v[i] = reset; left[i] = Math.round(refractory / DT); }
    }
  }
}

/** The spike buffer: `delay/dt` rows of N, rolled by one row each step (the newest spikes last). */
class SpikeBuffer extends Behavior {
  override initialize(n: NeuronGroup): void { n.buffer = new Uint8Array(n.size * Math.round(this.parameter('delay', 2) / DT)); }
  override iteration(n: NeuronGroup): void {
    const b = n.buffer!;
    b.copyWithin(0, n.size);
    b.set(n.spike!, b.length - n.size);
  }
}

/** Builds and runs the network; returns the mean rate (Hz) and the population frequency (Hz). */
export async function run(opts: { iterations?: number; seed?: number } = {}): Promise<{ iterations: number; rate: number; frequency: number }> {
  const iterations = opts.iterations ?? 2000;
  const net = new Network({ seed: opts.seed ?? 1 });
  const g = new NeuronGroup({ net, tag: 'inh', size: 2000, behavior: {
    1: new DelayedInhibition({ J: 0.1, density: 0.5 }), 2: new NoisyLIF(), 3: new SpikeBuffer({ delay: 2 }), 10: new EventRecorder('spike', { tag: 'spikes' }) } });
  new SynapseGroup({ net, src: g, dst: g, tag: 'GABA' });
  await net.initialize();
  await net.simulateIterations(iterations);
  const t = net.get<EventRecorder>('spikes', 0)!.t();
  const activity = new Float64Array(iterations);
  for (const x of t) activity[x - 1]!++;
  // The peak of the power spectrum of the activity (50–500 Hz, after the first 50 ms, whose
  // start is synchronised by v(0)), smoothed over ±10 Hz so that one noisy bin does not win.
  const x = activity.subarray(Math.min(500, iterations >> 1));
  const m = x.reduce((s, y) => s + y, 0) / x.length;
  const power = (f: number): number => {
    let re = 0, im = 0;
    for (let k = 0; k < x.length; k++) { const ph = 2 * Math.PI * f * k * DT / 1000; re += (x[k]! - m) * Math.cos(ph); im += (x[k]! - m) * Math.sin(ph); }
    return re * re + im * im;
  };
  const spectrum = Array.from({ length: 471 }, (_, k) => power(40 + k));
  let best = 60;
  const smooth = (k: number): number => spectrum.slice(k - 10, k + 11).reduce((s, y) => s + y, 0);
  for (let k = 10; k <= 460; k++) if (smooth(k) > smooth(best)) best = k;
  const frequency = 40 + best;
  return { iterations, rate: t.length / 2000 / (iterations * DT / 1000), frequency };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({ strict: true, options: {
    iterations: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean', default: false },
  } });
  if (a.help) console.log('usage: npx tsx examples/pymonnto/brunel_hakim.ts [--iterations 2000] [--seed 1]   (dt = 0.1 ms per iteration)');
  else {
    const r = await run({ iterations: Number(a.iterations), seed: Number(a.seed) });
    console.log(`${r.iterations} iterations (${r.iterations / 10} ms): mean rate ${r.rate.toFixed(1)} Hz, population oscillation ${r.frequency.toFixed(1)} Hz`);
  }
}
