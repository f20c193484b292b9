/**
 * Izhikevich's pulse-coupled network (Izhikevich 2003, "Simple model of spiking neurons"), as in
 * ANNarchy's example: 800 excitatory and 200 inhibitory neurons of the built-in `Izhikevich` model,
 * all-to-all (excitatory weights U(0, 0.5), inhibitory U(0, 1)), heterogeneous a, b, c, d drawn from
 * re, ri ~ U(0, 1), thalamic noise 5·N(0,1) (excitatory) and 2·N(0,1) (inhibitory) every step,
 * dt = 1 ms. The network settles into the paper's rhythm: population bursts in the alpha/low-gamma
 * band. Prints the mean rate and the frequency of the largest peak of the population rate's spectrum.
 *
 * Run: npm run build && npx tsx examples/annarchy/izhikevich.ts   (--help lists the flags)
 * Expected output: mean rate 9.11 Hz, rhythm at 9 Hz in the population rate (seed 1234; 10 Hz with seeds 1 and 2). ANNarchy
 * prints no statistic (its figure shows the raster, the rhythm and v of neuron 15); the paper's
 * Fig. 3 shows alpha (about 10 Hz) and gamma (about 40 Hz) rhythms.
 */
import { Network, Izhikevich, Uniform, histogram, rasterPlot, rasterPlotSvg, tracesSvg, type BackendName, type SpikeData } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface IzhikevichOptions {
  /** Simulated time in ms (default 1000). */
  T?: number;
  seed?: number;
  backend?: BackendName;
}

export interface IzhikevichStats {
  /** Mean firing rate of the 1000 neurons (Hz). */
  rate: number;
  /** Frequency (Hz) of the largest peak of the population rate's power spectrum, between 4 and 80 Hz. */
  rhythm: number;
  spikes: SpikeData;
  /** Membrane potential of excitatory neuron 15, one value per ms (ANNarchy's example plots it). */
  v15: Float64Array;
}

/** Frequency of the largest power of `x` (sampled every `dt` ms) between `lo` and `hi` Hz (a plain DFT). */
export function dominantFrequency(x: ArrayLike<number>, dt: number, lo: number, hi: number): number {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  const T = n * dt / 1000; // s
  let best = 0, bestPower = -1;
  for (let k = Math.ceil(lo * T); k <= Math.floor(hi * T); k++) {
    let re = 0, im = 0;
    for (let i = 0; i < n; i++) {
      const phase = 2 * Math.PI * k * i / n;
      re += (x[i]! - mean) * Math.cos(phase);
      im -= (x[i]! - mean) * Math.sin(phase);
    }
    const power = re * re + im * im;
    if (power > bestPower) { bestPower = power; best = k / T; }
  }
  return best;
}

/** Builds and simulates the network; returns its statistics. */
export async function run(options: IzhikevichOptions = {}): Promise<IzhikevichStats> {
  const { T = 1000, seed = 1234, backend = 'js' } = options;
  const NE = 800, NI = 200, N = NE + NI;
  const net = new Network({ dt: 1.0, seed });
  const pop = net.create(N, Izhikevich);
  const Exc = pop.slice(0, NE);
  const Inh = pop.slice(NE);
  // Heterogeneity: re, ri ~ U(0, 1), one value per neuron.
  const re = new Uniform(0, 1).sample(NE, net.rng);
  const ri = new Uniform(0, 1).sample(NI, net.rng);
  Exc.noise = 5.0;                                      Inh.noise = 2.0;
  Exc.a = 0.02;                                         Inh.a = ri.map((x: number) => 0.02 + 0.08 * x);
  Exc.b = 0.2;                                          Inh.b = ri.map((x: number) => 0.25 - 0.05 * x);
  Exc.c = re.map((x: number) => -65.0 + 15.0 * x * x);  Inh.c = -65.0;
  Exc.d = re.map((x: number) => 8.0 - 6.0 * x * x);     Inh.d = 2.0;
  Exc.v = -65.0;                                        Inh.v = -65.0;
  Exc.u = -65.0 * 0.2;                                  Inh.u = ri.map((x: number) => -65.0 * (0.25 - 0.05 * x));
  net.connect(Exc, pop, 'exc').connectAllToAll({ weights: new Uniform(0.0, 0.5) });
  net.connect(Inh, pop, 'inh').connectAllToAll({ weights: new Uniform(0.0, 1.0) });
  const m = net.monitor(pop, 'spike');
  const mv = net.monitor(pop.slice(15, 16), 'v');
  await net.compile({ backend });
  await net.simulate(T);
  const spikes = m.get('spike');
  const v15 = Float64Array.from(mv.get('v'), (row) => row[0]!);
  const counts = histogram(spikes, { bin: 1.0 }); // spikes per ms in the population
  const total = counts.counts.reduce((s: number, c: number) => s + c, 0);
  return { rate: total / N / (T / 1000), rhythm: dominantFrequency(counts.counts, 1.0, 4, 80), spikes, v15 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      T: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/izhikevich.ts [--T 1000] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --T        simulated time in ms (default 1000)');
    console.log('  --seed     random seed (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the raster to FILE and v of neuron 15 to FILE with -v15 before .svg');
  } else {
    const s = await run({ T: Number(a.T), seed: Number(a.seed), backend: a.backend as BackendName });
    console.log(`Izhikevich (2003), 1000 neurons, ${a.T} ms`);
    console.log(`mean rate ${s.rate.toFixed(2)} Hz, rhythm at ${s.rhythm.toFixed(0)} Hz in the population rate`);
    if (a.svg) {
      writeFileSync(a.svg, rasterPlotSvg(rasterPlot(s.spikes), { title: 'Izhikevich (2003)' }));
      const vFile = a.svg.replace(/(\.svg)?$/, '-v15.svg');
      writeFileSync(vFile, tracesSvg({ t: Array.from(s.v15, (_, k) => k + 1), values: s.v15 }, { title: 'v of neuron 15', yLabel: 'v (mV)' }));
      console.log(`raster written to ${a.svg}, v of neuron 15 to ${vFile}`);
    }
  }
}
