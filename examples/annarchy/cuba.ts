/**
 * CUBA, ANNarchy's Vogels–Abbott example: 4000 current-based integrate-and-fire neurons
 * (3200 excitatory, 800 inhibitory), connection probability 0.02, exponential currents (5 and
 * 10 ms), resting potential above threshold (El = -49 mV), refractory period 5 ms, dt = 0.1 ms
 * (Vogels & Abbott 2005; benchmark 2 of Brette et al. 2007). Prints the mean firing rate of the
 * population and the mean CV of the inter-spike intervals of each sub-population (ANNarchy's
 * example plots their histograms).
 *
 * Run: npm run build && npx tsx examples/annarchy/cuba.ts   (--help lists the flags)
 * Expected output: Mean firing rate in the population: 5.64 Hz (seed 1234; 5.50 Hz with seed 1), mean
 * CV of ISIs 0.54; ANNarchy prints 5.52 Hz (5.0) and 5.74 Hz (4.8) for its own random draw.
 */
import { Network, Neuron, Uniform, coefficientOfVariation, rasterPlot, rasterPlotSvg, type BackendName, type SpikeData } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** The CUBA neuron, with ANNarchy's equations and parameters unchanged. */
export const CUBA = new Neuron({
  name: 'CUBA',
  parameters: `
    El = -49.0      : population
    Vr = -60.0      : population
    Vt = -50.0      : population
    tau_m = 20.0    : population
    tau_exc = 5.0   : population
    tau_inh = 10.0  : population
  `,
  equations: `
    tau_m * dv/dt = (El - v) + g_exc + g_inh
    tau_exc * dg_exc/dt = - g_exc
    tau_inh * dg_inh/dt = - g_inh
  `,
  spike: 'v > Vt',
  reset: 'v = Vr',
  refractory: 5.0,
});

export interface CubaOptions {
  /** Number of neurons (80 % excitatory); the probability is 80/N so each neuron keeps ~80 inputs. Default 4000. */
  N?: number;
  /** Simulated time in ms (default 1000). */
  T?: number;
  seed?: number;
  backend?: BackendName;
}

export interface CubaStats {
  /** Mean firing rate of all neurons (Hz): spikes / N / T. */
  rate: number;
  /** Mean CV of the inter-spike intervals, excitatory and inhibitory neurons. */
  cvExc: number;
  cvInh: number;
  /** The spike record, for plots. */
  spikes: SpikeData;
}

/** Builds and simulates the network; returns its statistics. */
export async function run(options: CubaOptions = {}): Promise<CubaStats> {
  const { N = 4000, T = 1000, seed = 1234, backend = 'js' } = options;
  const NE = Math.floor(0.8 * N);
  const probability = 80 / N; // 0.02 at N = 4000
  const net = new Network({ dt: 0.1, seed });
  const P = net.create(N, CUBA);
  const Pe = P.slice(0, NE);
  const Pi = P.slice(NE);
  P.v = new Uniform(-60.0, -50.0);
  // Weights in mV, from the COBA conductances: 0.27 nS × (60 mV from E_exc) / 10 nS of leak, and
  // 4.5 nS × (20 mV from E_inh) / 10 nS, negative (ANNarchy's values).
  const we = 0.27 * 60.0 / 10.0;
  const wi = -4.5 * 20.0 / 10.0;
  net.connect(Pe, P, 'exc').connectFixedProbability({ weights: we, probability });
  net.connect(Pi, P, 'inh').connectFixedProbability({ weights: wi, probability });
  const m = net.monitor(P, 'spike');
  await net.compile({ backend });
  await net.simulate(T);
  const spikes = m.get('spike');
  const count = Object.values(spikes).reduce((s, steps) => s + steps.length, 0);
  const ranks = (lo: number, hi: number): number[] => Array.from({ length: hi - lo }, (_, k) => lo + k);
  return {
    rate: count / N / (T / 1000),
    cvExc: coefficientOfVariation(spikes, { ranks: ranks(0, NE) }).mean,
    cvInh: coefficientOfVariation(spikes, { ranks: ranks(NE, N) }).mean,
    spikes,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      N: { type: 'string', default: '4000' },
      T: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/cuba.ts [--N 4000] [--T 1000] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --N        neurons (default 4000)');
    console.log('  --T        simulated time in ms (default 1000)');
    console.log('  --seed     random seed (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the raster to this SVG file');
  } else {
    const s = await run({ N: Number(a.N), T: Number(a.T), seed: Number(a.seed), backend: a.backend as BackendName });
    console.log(`CUBA, ${a.N} neurons, ${a.T} ms`);
    console.log(`Mean firing rate in the population: ${s.rate.toFixed(2)} Hz (ANNarchy: 5.52 Hz)`);
    console.log(`mean CV of ISIs: excitatory ${s.cvExc.toFixed(2)}, inhibitory ${s.cvInh.toFixed(2)}`);
    if (a.svg) {
      writeFileSync(a.svg, rasterPlotSvg(rasterPlot(s.spikes), { title: `CUBA, ${a.N} neurons` }));
      console.log(`raster written to ${a.svg}`);
    }
  }
}
