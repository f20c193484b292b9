/**
 * Tsodyks–Markram synchrony network, ANNarchy's example (Tsodyks, Uziel & Markram 2000,
 * "Synchrony generation in recurrent networks with frequency-dependent synapses"): 500 leaky
 * integrate-and-fire neurons (400 excitatory, 100 inhibitory) with slightly different constant
 * inputs (sorted in 14.625–15.375 around the threshold of 15), connection probability 0.1 on the
 * four pathways, every synapse with its own short-term plasticity parameters: depressing
 * excitatory synapses (U ≈ 0.5, tau_rec ≈ 800 ms), facilitating ones onto inhibitory neurons
 * (U ≈ 0.04, tau_facil ≈ 1000 ms); dt = 0.25 ms. The network fires irregularly at a few Hz,
 * interrupted by brief population spikes in which most excitatory neurons fire together.
 *
 * Run: npm run build && npx tsx examples/annarchy/tsodyks_markram.ts   (--help lists the flags)
 * Expected output: mean excitatory rate 5.47 Hz, inhibitory 18.51 Hz, 14 population spikes in 10 s
 * (seed 1234); ANNarchy prints no figure, its plots (notebook STP, 4.8) show 9 population spikes in
 * 10 s, each reaching 13–29 % of the excitatory neurons within 1 ms, and excitatory rates from
 * 1 to 16 Hz.
 */
import { Network, Neuron, Synapse, Normal, Uniform, rasterPlot, rasterPlotSvg, type BackendName, type SpikeRecord } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** ANNarchy's leaky integrate-and-fire neuron of the example. */
export const LIF = new Neuron({
  name: 'LIF',
  parameters: `
    tau = 30.0 : population
    I = 15.0
    tau_I = 3.0 : population
  `,
  equations: `
    tau * dv/dt = -v + g_exc - g_inh + I : init=13.5
    tau_I * dg_exc/dt = -g_exc
    tau_I * dg_inh/dt = -g_inh
  `,
  spike: 'v > 15.0',
  reset: 'v = 13.5',
  refractory: 3.0,
});

/** ANNarchy's short-term plasticity synapse with per-synapse parameters. */
export const STP = new Synapse({
  name: 'STP',
  parameters: `
    w = 0.0
    tau_rec = 1.0
    tau_facil = 1.0
    U = 0.1
  `,
  equations: `
    dx/dt = (1 - x)/tau_rec : init = 1.0, event-driven
    du/dt = (U - u)/tau_facil : init = 0.1, event-driven
  `,
  preSpike: `
    g_target += w * u * x
    x *= (1 - u)
    u += U * (1 - u)
  `,
});

export interface TsodyksMarkramOptions {
  /** Simulated time in ms (default 10000). */
  T?: number;
  seed?: number;
  backend?: BackendName;
}

export interface TsodyksMarkramStats {
  /** Mean rate of the excitatory neurons (Hz). */
  rateExc: number;
  rateInh: number;
  /** Population spikes: 1-ms bins in which more than 10 % of the excitatory neurons fire (bins less than 10 ms apart count once). */
  populationSpikes: number;
  spikes: SpikeRecord;
}

/** Builds and simulates the network; returns its statistics. */
export async function run(options: TsodyksMarkramOptions = {}): Promise<TsodyksMarkramStats> {
  const { T = 10000, seed = 1234, backend = 'js' } = options;
  const dt = 0.25;
  const net = new Network({ dt, seed });
  const P = net.create(500, LIF);
  P.I = Array.from(new Uniform(14.625, 15.375).sample(500, net.rng)).sort((a, b) => a - b);
  P.v = new Uniform(0.0, 15.0);
  const Exc = P.slice(0, 400);
  const Inh = P.slice(400);

  // Mean weight A, utilisation U, recovery and facilitation time constants of each pathway.
  const pathway = (pre: typeof Exc, post: typeof Exc, target: string, A: number, U: number, Ubounds: { min: number; max: number }, tauRec: number, tauFacil: number | undefined): void => {
    const proj = net.connect(pre, post, target, STP)
      .connectFixedProbability({ probability: 0.1, weights: new Normal(A, A / 2.0, { min: 0.2 * A, max: 2.0 * A }) });
    proj.U = new Normal(U, U / 2.0, Ubounds);
    proj.tau_rec = new Normal(tauRec, tauRec / 2.0, { min: 5.0 });
    // Depressing synapses have no facilitation; tau_facil cannot be 0 (it divides), so one step.
    proj.tau_facil = tauFacil === undefined ? dt : new Normal(tauFacil, tauFacil / 2.0, { min: 5.0 });
  };
  pathway(Exc, Exc, 'exc', 1.8, 0.5, { min: 0.1, max: 0.9 }, 800.0, undefined);
  pathway(Inh, Exc, 'inh', 5.4, 0.5, { min: 0.1, max: 0.9 }, 800.0, undefined);
  pathway(Exc, Inh, 'exc', 7.2, 0.04, { min: 0.001, max: 0.07 }, 100.0, 1000.0);
  pathway(Inh, Inh, 'inh', 7.2, 0.04, { min: 0.001, max: 0.07 }, 100.0, 1000.0);

  const m = net.monitor(P, 'spike');
  await net.compile({ backend });
  await net.simulate(T);
  const spikes = m.get('spike');
  let exc = 0, inh = 0;
  const perMs = new Float64Array(Math.ceil(T));
  for (const [rank, steps] of Object.entries(spikes)) {
    if (Number(rank) < 400) {
      exc += steps.length;
      for (const s of steps) perMs[Math.floor(s * dt)] += 1;
    } else inh += steps.length;
  }
  let populationSpikes = 0;
  let last = -Infinity;
  for (let k = 0; k < perMs.length; k++) {
    if (perMs[k] <= 0.1 * 400) continue;
    if (k - last >= 10) populationSpikes++;
    last = k;
  }
  return { rateExc: exc / 400 / (T / 1000), rateInh: inh / 100 / (T / 1000), populationSpikes, spikes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      T: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/tsodyks_markram.ts [--T 10000] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --T        simulated time in ms (default 10000)');
    console.log('  --seed     random seed (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the raster to this SVG file');
  } else {
    const s = await run({ T: Number(a.T), seed: Number(a.seed), backend: a.backend as BackendName });
    console.log(`Tsodyks-Markram network, 500 neurons, ${a.T} ms`);
    console.log(`mean excitatory rate ${s.rateExc.toFixed(2)} Hz, inhibitory ${s.rateInh.toFixed(2)} Hz, ${s.populationSpikes} population spikes in ${Number(a.T) / 1000} s`);
    if (a.svg) {
      writeFileSync(a.svg, rasterPlotSvg(rasterPlot(s.spikes), { title: 'Tsodyks-Markram network' }));
      console.log(`raster written to ${a.svg}`);
    }
  }
}
