/**
 * COBA, ANNarchy's Vogels–Abbott example: 4000 conductance-based integrate-and-fire neurons
 * (3200 excitatory, 800 inhibitory), connection probability 0.02, exponential conductances
 * (5 and 10 ms), refractory period 5 ms, dt = 0.1 ms (Vogels & Abbott 2005; benchmark 1 of Brette
 * et al. 2007). Prints the mean firing rate of the population and the mean CV of the inter-spike
 * intervals of each sub-population (ANNarchy's example plots their histograms).
 *
 * Run: npm run build && npx tsx examples/annarchy/coba.ts   (--help lists the flags)
 * Expected output: Mean firing rate in the population: 20.53 Hz (seed 1234), mean CV of ISIs 1.52 / 1.54;
 * ANNarchy prints 20.40 Hz (5.0) and 22.09 Hz (4.8) for its own random draw.
 */
import { Network, Neuron, Normal, coefficientOfVariation, rasterPlot, rasterPlotSvg, type BackendName, type SpikeData } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** The COBA neuron, with ANNarchy's equations and parameters unchanged. */
export const COBA = new Neuron({
  name: 'COBA',
  parameters: `
    El = -60.0          : population
    Vr = -60.0          : population
    Erev_exc = 0.0      : population
    Erev_inh = -80.0    : population
    Vt = -50.0          : population
    tau = 20.0          : population
    tau_exc = 5.0       : population
    tau_inh = 10.0      : population
    I = 20.0            : population
  `,
  equations: `
    tau * dv/dt = (El - v) + g_exc * (Erev_exc - v) + g_inh * (Erev_inh - v ) + I
    tau_exc * dg_exc/dt = - g_exc
    tau_inh * dg_inh/dt = - g_inh
  `,
  spike: 'v > Vt',
  reset: 'v = Vr',
  refractory: 5.0,
});

export interface CobaOptions {
  /** Number of neurons (80 % excitatory); the probability is 80/N so each neuron keeps ~80 inputs. Default 4000. */
  N?: number;
  /** Simulated time in ms (default 1000). */
  T?: number;
  seed?: number;
  backend?: BackendName;
}

export interface CobaStats {
  /** Mean firing rate of all neurons (Hz): spikes / N / T. */
  rate: number;
  /** Mean CV of the inter-spike intervals, excitatory and inhibitory neurons. */
  cvExc: number;
  cvInh: number;
  /** The spike record, for plots. */
  spikes: SpikeData;
}

/** Builds and simulates the network; returns its statistics. */
export async function run(options: CobaOptions = {}): Promise<CobaStats> {
  const { N = 4000, T = 1000, seed = 1234, backend = 'js' } = options;
  const NE = Math.floor(0.8 * N);
  const probability = 80 / N; // 0.02 at N = 4000
  const net = new Network({ dt: 0.1, seed });
  const P = net.create(N, COBA);
  const Pe = P.slice(0, NE);
  const Pi = P.slice(NE);
  P.v = new Normal(-55.0, 5.0);
  P.g_exc = new Normal(4.0, 1.5);
  P.g_inh = new Normal(20.0, 12.0);
  net.connect(Pe, P, 'exc').connectFixedProbability({ weights: 0.6, probability });
  net.connect(Pi, P, 'inh').connectFixedProbability({ weights: 6.7, probability });
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
    console.log('usage: npx tsx examples/annarchy/coba.ts [--N 4000] [--T 1000] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --N        neurons (default 4000)');
    console.log('  --T        simulated time in ms (default 1000)');
    console.log('  --seed     random seed (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the raster to this SVG file');
  } else {
    const s = await run({ N: Number(a.N), T: Number(a.T), seed: Number(a.seed), backend: a.backend as BackendName });
    console.log(`COBA, ${a.N} neurons, ${a.T} ms`);
    console.log(`Mean firing rate in the population: ${s.rate.toFixed(2)} Hz (ANNarchy: 20.40 Hz)`);
    console.log(`mean CV of ISIs: excitatory ${s.cvExc.toFixed(2)}, inhibitory ${s.cvInh.toFixed(2)}`);
    if (a.svg) {
      writeFileSync(a.svg, rasterPlotSvg(rasterPlot(s.spikes), { title: `COBA, ${a.N} neurons` }));
      console.log(`raster written to ${a.svg}`);
    }
  }
}
