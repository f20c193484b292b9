/**
 * COBA: the Vogels & Abbott (2005) network of conductance-based integrate-and-fire neurons
 * (benchmark 1 of Brette et al. 2007), written with the equations of ANNarchy's example:
 * 4000 neurons (3200 excitatory, 800 inhibitory), connection probability 0.02, dt = 0.1 ms.
 *
 * Run: npm run build && npx tsx examples/coba.ts   (--help lists the flags)
 * Expected output: mean rate 20.53 Hz, mean CV of ISIs 1.53 (seed 1234; the peers' spread in bench/RESULTS: 19–22 Hz).
 */
import { Network, Neuron, Normal, meanFr, coefficientOfVariation, rasterPlot, rasterPlotSvg } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// Flags (unknown ones are an error; --help lists them).
const { values: a } = parseArgs({
  strict: true,
  options: {
    N: { type: 'string', default: '4000' },
    T: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1234' },
    backend: { type: 'string', default: 'js' },
    raster: { type: 'string', default: '' },
    help: { type: 'boolean', default: false },
  },
});
if (a.help) {
  console.log('usage: npx tsx examples/coba.ts [--N 4000] [--T 1000] [--seed 1234] [--backend js] [--raster FILE]');
  console.log('  --N        neurons (default 4000)');
  console.log('  --T        simulated time in ms (default 1000)');
  console.log('  --seed     random seed (default 1234)');
  console.log('  --backend  js, cpp or webgpu (default js)');
  console.log('  --raster   write the raster to this SVG file');
  process.exit(0);
}

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

const N = Number(a.N);
const NE = Math.floor(0.8 * N);
const p = 80 / N; // 0.02 at N = 4000: about 80 inputs per neuron
const net = new Network({ dt: 0.1, seed: Number(a.seed) });
const P = net.create(N, COBA);
const Pe = P.slice(0, NE);
const Pi = P.slice(NE);
P.v = new Normal(-55.0, 5.0);
P.g_exc = new Normal(4.0, 1.5);
P.g_inh = new Normal(20.0, 12.0);
net.connect(Pe, P, 'exc').connectFixedProbability({ weights: 0.6, probability: p });
net.connect(Pi, P, 'inh').connectFixedProbability({ weights: 6.7, probability: p });
const m = net.monitor(P, 'spike');

let t0 = performance.now();
await net.compile({ backend: a.backend as 'js' });
const build = performance.now() - t0;
t0 = performance.now();
await net.simulate(Number(a.T));
const run = performance.now() - t0;

const spikes = m.get('spike');
const rate = meanFr(spikes, { dt: 0.1, duration: Number(a.T), size: N });
const cv = coefficientOfVariation(spikes, { dt: 0.1 });
console.log(`COBA ${N} neurons, ${a.T} ms: build ${build.toFixed(0)} ms, simulation ${run.toFixed(0)} ms`);
console.log(`mean rate ${rate.toFixed(2)} Hz, mean CV of ISIs ${cv.mean.toFixed(2)}`);
if (a.raster) {
  writeFileSync(String(a.raster), rasterPlotSvg(rasterPlot(spikes, { dt: 0.1 }), { title: `COBA, ${N} neurons` }));
  console.log(`raster written to ${a.raster}`);
}
