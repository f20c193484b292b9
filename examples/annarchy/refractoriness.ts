/**
 * Refractoriness, ANNarchy's example (after Brian's "non-reliability" example and Mainen &
 * Sejnowski 1995): 25 noisy leaky units `tau * dx/dt + x = target + noise` (tau = 20 ms, target
 * 1.1, threshold 1, reset 0), each with its own refractory period drawn uniformly in 1–5 ms,
 * dt = 1 ms, 500 ms. Without noise a unit needs 47 steps to climb from 0 above 1 (explicit Euler:
 * 1.1·(1 − 0.95ⁿ) > 1 first at n = 47), so it fires every 47 + R steps (R = its refractory period
 * in steps, 3 on average): about 20 Hz. The noise jitters the spike times, which is the point of
 * Brian's example (repeated trials are not reliable).
 *
 * ANNarchy writes `refractory = Uniform(1.0, 5.0)` in the neuron; neurarchy's `refractory` is a
 * duration or the name of a parameter, so the neuron names a per-neuron parameter `t_ref` and the
 * population draws it from `Uniform(1, 5)` (the same model). Periods are rounded to steps (ANNarchy
 * truncates them; README, "Semantics").
 *
 * Run: npm run build && npx tsx examples/annarchy/refractoriness.ts   (--help lists the flags)
 * Expected output: mean rate 18.72 Hz (seed 1234; 19.12 Hz without noise, `--sigma 0`, where every
 * unit fires at steps 46, 46 + 47 + R, … exactly; the steady-state rate 19.95 Hz is also printed);
 * ANNarchy's example only plots the raster.
 */
import { Network, Neuron, Uniform, rasterPlot, rasterPlotSvg, type BackendName, type SpikeRecord } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** ANNarchy's noisy unit, with the refractory period as a per-neuron parameter `t_ref` (ms). */
export const NoisyUnit = new Neuron({
  name: 'NoisyUnit',
  parameters: `
    tau = 20.0 : population
    sigma = 0.015 : population
    target = 1.1 : population
    t_ref = 3.0
  `,
  equations: `
    noise = sigma * sqrt(2.0 * tau) * Normal(0.0, 1.0)
    tau * dx/dt + x = target + noise
  `,
  spike: 'x > 1',
  reset: 'x = 0',
  refractory: 't_ref',
});

export interface RefractorinessOptions {
  /** Number of units (default 25). */
  N?: number;
  /** Simulated time in ms (default 500). */
  T?: number;
  /** Noise amplitude (default 0.015, ANNarchy's; 0 makes the run deterministic). */
  sigma?: number;
  seed?: number;
  backend?: BackendName;
}

export interface RefractorinessStats {
  /** Mean firing rate over the units (Hz). */
  rate: number;
  /** Each unit's refractory period as drawn (ms). */
  tRef: number[];
  /** Spike steps per unit (dt = 1 ms: steps are ms). */
  spikes: SpikeRecord;
}

/** Builds and simulates the units; returns their statistics. */
export async function run(options: RefractorinessOptions = {}): Promise<RefractorinessStats> {
  const { N = 25, T = 500, sigma = 0.015, seed = 1234, backend = 'js' } = options;
  const net = new Network({ dt: 1.0, seed });
  const pop = net.create(N, NoisyUnit);
  pop.sigma = sigma;
  pop.t_ref = new Uniform(1.0, 5.0);
  const m = net.monitor(pop, 'spike');
  await net.compile({ backend });
  await net.simulate(T);
  const spikes = m.get('spike');
  const count = Object.values(spikes).reduce((s, steps) => s + steps.length, 0);
  return { rate: count / N / (T / 1000), tRef: Array.from(pop.t_ref as Float64Array), spikes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      N: { type: 'string', default: '25' },
      T: { type: 'string', default: '500' },
      sigma: { type: 'string', default: '0.015' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/refractoriness.ts [--N 25] [--T 500] [--sigma 0.015] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --N        units (default 25)');
    console.log('  --T        simulated time in ms (default 500)');
    console.log('  --sigma    noise amplitude (default 0.015; 0: deterministic)');
    console.log('  --seed     random seed (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the raster to this SVG file');
  } else {
    const s = await run({ N: Number(a.N), T: Number(a.T), sigma: Number(a.sigma), seed: Number(a.seed), backend: a.backend as BackendName });
    const noiseless = 1000 * s.tRef.reduce((acc, r) => acc + 1 / (47 + Math.round(r)), 0) / s.tRef.length;
    console.log(`Refractoriness: ${a.N} units, ${a.T} ms, sigma ${a.sigma}`);
    console.log(`mean rate ${s.rate.toFixed(2)} Hz (without noise the steady rate would be ${noiseless.toFixed(2)} Hz: one spike every 47 + R ms)`);
    if (a.svg) {
      writeFileSync(a.svg, rasterPlotSvg(rasterPlot(s.spikes), { title: 'Refractoriness: 25 noisy units' }));
      console.log(`raster written to ${a.svg}`);
    }
  }
}
