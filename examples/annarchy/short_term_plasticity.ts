/**
 * Short-term plasticity in a CUBA network, ANNarchy's PyNN example (after Brian's
 * "short_term_plasticity2"): 4000 current-based leaky integrate-and-fire neurons (3200 excitatory,
 * 800 inhibitory; resting potential −49 mV above the −50 mV threshold, so they fire on their own),
 * connection probability 0.02, excitatory synapses with Tsodyks–Markram dynamics (depressing over
 * tau_rec = 200 ms, facilitating over tau_facil = 20 ms, U = 0.2; weight 1.62), inhibitory ones
 * static (weight 9), dt = 0.1 ms, 1 s. Prints the total number of spikes, as ANNarchy's script does.
 *
 * Run: npm run build && npx tsx examples/annarchy/short_term_plasticity.ts   (--help lists the flags)
 * Expected output: Total number of spikes: 14393 (seed 1234); ANNarchy prints 15508 (4.8) and 14253
 * (5.0) for its own random draws.
 */
import { Network, Neuron, Synapse, Uniform, rasterPlot, rasterPlotSvg, type BackendName, type SpikeRecord } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** ANNarchy's current-based LIF of the example. */
export const LIF = new Neuron({
  name: 'LIF',
  parameters: `
    tau_m = 20.0 : population
    tau_e = 5.0 : population
    tau_i = 10.0 : population
    E_rest = -49.0 : population
    E_thresh = -50.0 : population
    E_reset = -60.0 : population
  `,
  equations: `
    tau_m * dv/dt = E_rest -v + g_exc - g_inh
    tau_e * dg_exc/dt = -g_exc
    tau_i * dg_inh/dt = -g_inh
  `,
  spike: 'v > E_thresh',
  reset: 'v = E_reset',
});

/** ANNarchy's short-term plasticity synapse (Tsodyks–Markram), with the example's parameters. */
export const STPSynapse = new Synapse({
  name: 'STP',
  parameters: `
    tau_rec = 200.0 : projection
    tau_facil = 20.0 : projection
    U = 0.2 : projection
  `,
  equations: `
    dx/dt = (1 - x)/tau_rec : init = 1.0, event-driven
    du/dt = (U - u)/tau_facil : init = 0.2, event-driven
  `,
  preSpike: `
    g_target += w * u * x
    x *= (1 - u)
    u += U * (1 - u)
  `,
});

export interface StpOptions {
  /** Number of neurons (80 % excitatory); the probability is 80/N (0.02 at 4000). Default 4000. */
  N?: number;
  /** Simulated time in ms (default 1000). */
  T?: number;
  seed?: number;
  backend?: BackendName;
}

export interface StpStats {
  /** Total number of spikes of the population. */
  total: number;
  /** Mean firing rate (Hz). */
  rate: number;
  /** Mean x (available resources) and u (utilisation) of the excitatory synapses, as of their last event (event-driven). */
  meanX: number;
  meanU: number;
  spikes: SpikeRecord;
}

/** Builds and simulates the network; returns its statistics. */
export async function run(options: StpOptions = {}): Promise<StpStats> {
  const { N = 4000, T = 1000, seed = 1234, backend = 'js' } = options;
  const NE = Math.floor(0.8 * N);
  const probability = 80 / N;
  const net = new Network({ dt: 0.1, seed });
  const P = net.create(N, LIF);
  P.v = new Uniform(-60.0, -50.0);
  const Pe = P.slice(0, NE);
  const Pi = P.slice(NE);
  const exc = net.connect(Pe, P, 'exc', STPSynapse).connectFixedProbability({ weights: 1.62, probability });
  net.connect(Pi, P, 'inh').connectFixedProbability({ weights: 9.0, probability });
  const m = net.monitor(P, 'spike');
  await net.compile({ backend });
  await net.simulate(T);
  const spikes = m.get('spike');
  const total = Object.values(spikes).reduce((s, steps) => s + steps.length, 0);
  const mean = (name: string): number => { const a = exc.flat(name); return a.reduce((s, x) => s + x, 0) / a.length; };
  return { total, rate: total / N / (T / 1000), meanX: mean('x'), meanU: mean('u'), spikes };
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
    console.log('usage: npx tsx examples/annarchy/short_term_plasticity.ts [--N 4000] [--T 1000] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --N        neurons (default 4000)');
    console.log('  --T        simulated time in ms (default 1000)');
    console.log('  --seed     random seed (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the raster to this SVG file');
  } else {
    const s = await run({ N: Number(a.N), T: Number(a.T), seed: Number(a.seed), backend: a.backend as BackendName });
    console.log(`CUBA with short-term plasticity, ${a.N} neurons, ${a.T} ms`);
    console.log(`Total number of spikes: ${s.total} (mean rate ${s.rate.toFixed(2)} Hz; ANNarchy, 4000 neurons for 1 s: 15508 with 4.8, 14253 with 5.0)`);
    console.log(`excitatory synapses after their last event: mean x ${s.meanX.toFixed(3)}, mean u ${s.meanU.toFixed(3)}`);
    if (a.svg) {
      writeFileSync(a.svg, rasterPlotSvg(rasterPlot(s.spikes), { title: 'CUBA with short-term plasticity' }));
      console.log(`raster written to ${a.svg}`);
    }
  }
}
