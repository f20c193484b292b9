/**
 * Song, Miller & Abbott (2000), "Competitive Hebbian learning through spike-timing-dependent
 * synaptic plasticity": 1000 Poisson inputs at 15 Hz drive one integrate-and-fire neuron through
 * additive STDP (the built-in `STDP` synapse). After 100 s the weights are bimodal: about a
 * quarter near 0, a sixth near gmax. dt = 0.1 ms.
 *
 * Run: npm run build && npx tsx examples/stdp.ts   (--help lists the flags)
 * Expected output: output rate about 25 Hz; w/gmax: mean 0.426, 28 % below 0.1, 16 % above 0.9 (bimodal).
 */
import { Network, Neuron, Uniform, STDP, PoissonPopulation, histogramSvg } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// Flags (unknown ones are an error; --help lists them).
const { values: a } = parseArgs({
  strict: true,
  options: {
    T: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1234' },
    hist: { type: 'string', default: '' },
    help: { type: 'boolean', default: false },
  },
});
if (a.help) {
  console.log('usage: npx tsx examples/stdp.ts [--T 100000] [--seed 1234] [--hist FILE]');
  console.log('  --T     simulated time in ms (default 100000)');
  console.log('  --seed  random seed (default 1234)');
  console.log('  --hist  write the weight histogram to this SVG file');
  process.exit(0);
}
const F = 15.0;       // input rate (Hz)
const N = 1000;       // number of inputs
const gmax = 0.01;    // maximal weight

const IF = new Neuron({
  parameters: `
    tau_m = 10.0
    tau_e = 5.0
    vt = -54.0
    vr = -60.0
    El = -74.0
    Ee = 0.0
  `,
  equations: `
    tau_m * dv/dt = El - v + g_exc * (Ee - vr) : init = -60.0
    tau_e * dg_exc/dt = - g_exc
  `,
  spike: 'v > vt',
  reset: 'v = vr',
});

const net = new Network({ dt: 0.1, seed: Number(a.seed) });
const input = new PoissonPopulation(N, { rates: F, name: 'Input', network: net });
const output = net.create(1, IF, { name: 'Output' });
const proj = net.connect(input, output, 'exc', new STDP({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.0105, w_max: gmax }))
  .connectAllToAll({ weights: new Uniform(0.0, gmax) });
const m = net.monitor(output, 'spike');

await net.compile();
const t0 = performance.now();
await net.simulate(Number(a.T));
const run = performance.now() - t0;

const w = Array.from(proj.flat("w"), (x: number) => x / gmax);
const out = m.get('spike')[0] ?? [];
console.log(`STDP, ${Number(a.T) / 1000} s simulated in ${(run / 1000).toFixed(1)} s; output rate ${(out.length / (Number(a.T) / 1000)).toFixed(1)} Hz`);
console.log(`w/gmax: mean ${(w.reduce((s: number, x: number) => s + x, 0) / N).toFixed(3)}, ` +
  `${(100 * w.filter((x: number) => x < 0.1).length / N).toFixed(0)} % below 0.1, ${(100 * w.filter((x: number) => x > 0.9).length / N).toFixed(0)} % above 0.9`);
if (a.hist) {
  writeFileSync(String(a.hist), histogramSvg(w, { bins: 20, title: 'w / gmax after STDP' }));
  console.log(`histogram written to ${a.hist}`);
}
