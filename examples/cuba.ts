/**
 * CUBA: the Vogels & Abbott (2005) network of current-based integrate-and-fire neurons (benchmark 2
 * of Brette et al. 2007), with the equations of ANNarchy's example: 4000 neurons (3200 excitatory,
 * 800 inhibitory), connection probability 0.02, dt = 0.1 ms, forward Euler.
 *
 * Run: npm run build && npx tsx examples/cuba.ts   (--help lists the flags)
 * Expected output: mean rate 5.64 Hz, mean CV of ISIs 0.54 (seed 1234).
 */
import { Network, Neuron, Uniform, meanFr, coefficientOfVariation, rasterPlot, rasterPlotSvg } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// Flags (unknown ones are an error; --help lists them).
const { values: a } = parseArgs({
  strict: true,
  options: {
    N: { type: 'string', default: '4000' },
    T: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1234' },
    raster: { type: 'string', default: '' },
    help: { type: 'boolean', default: false },
  },
});
if (a.help) {
  console.log('usage: npx tsx examples/cuba.ts [--N 4000] [--T 1000] [--seed 1234] [--raster FILE]');
  console.log('  --N       neurons (default 4000)');
  console.log('  --T       simulated time in ms (default 1000)');
  console.log('  --seed    random seed (default 1234)');
  console.log('  --raster  write the raster to this SVG file');
  process.exit(0);
}

const CUBA = new Neuron({
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

const N = Number(a.N);
const NE = Math.floor(0.8 * N);
const net = new Network({ dt: 0.1, seed: Number(a.seed) });
const P = net.create(N, CUBA);
P.v = new Uniform(-60.0, -50.0);
const we = 0.27 * 60.0 / 10.0; // excitatory synaptic weight (voltage): 1.62 mV
const wi = -4.5 * 20.0 / 10.0; // inhibitory synaptic weight: -9 mV
net.connect(P.slice(0, NE), P, 'exc').connectFixedProbability({ weights: we, probability: 80 / N });
net.connect(P.slice(NE), P, 'inh').connectFixedProbability({ weights: wi, probability: 80 / N });
const m = net.monitor(P, 'spike');

await net.compile();
const t0 = performance.now();
await net.simulate(Number(a.T));
const run = performance.now() - t0;

const spikes = m.get('spike');
console.log(`CUBA ${N} neurons, ${a.T} ms simulated in ${run.toFixed(0)} ms`);
console.log(`mean rate ${meanFr(spikes, { dt: 0.1, duration: Number(a.T), size: N }).toFixed(2)} Hz, mean CV of ISIs ${coefficientOfVariation(spikes, { dt: 0.1 }).mean.toFixed(2)}`);
if (a.raster) {
  writeFileSync(String(a.raster), rasterPlotSvg(rasterPlot(spikes, { dt: 0.1 }), { title: `CUBA, ${N} neurons` }));
  console.log(`raster written to ${a.raster}`);
}
