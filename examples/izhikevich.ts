/**
 * Izhikevich (2003), "Simple model of spiking neurons": 800 excitatory and 200 inhibitory neurons
 * of the built-in `Izhikevich` model, all-to-all, with random heterogeneity and thalamic noise
 * (5·N(0,1) for excitatory, 2·N(0,1) for inhibitory neurons, redrawn every step), dt = 1 ms, as
 * ANNarchy's example.
 *
 * Run: npm run build && npx tsx examples/izhikevich.ts   (--help lists the flags)
 * Expected output: mean rate about 9 Hz (9.11 Hz with seed 1234), mean CV of ISIs about 0.4.
 */
import { Network, Izhikevich, Uniform, meanFr, coefficientOfVariation, rasterPlot, rasterPlotSvg } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// Flags (unknown ones are an error; --help lists them).
const { values: a } = parseArgs({
  strict: true,
  options: {
    T: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1234' },
    raster: { type: 'string', default: '' },
    help: { type: 'boolean', default: false },
  },
});
if (a.help) {
  console.log('usage: npx tsx examples/izhikevich.ts [--T 1000] [--seed 1234] [--raster FILE]');
  console.log('  --T       simulated time in ms (default 1000)');
  console.log('  --seed    random seed (default 1234)');
  console.log('  --raster  write the raster to this SVG file');
  process.exit(0);
}
const NE = 800, NI = 200, N = NE + NI;
const net = new Network({ dt: 1.0, seed: Number(a.seed) });
const pop = net.create(N, Izhikevich);
const Exc = pop.slice(0, NE);
const Inh = pop.slice(NE);

// Heterogeneity: re, ri ~ U(0, 1) per neuron
const re = new Uniform(0, 1).sample(NE, net.rng);
const ri = new Uniform(0, 1).sample(NI, net.rng);
Exc.noise = 5.0;                                   Inh.noise = 2.0;
Exc.a = 0.02;                                      Inh.a = ri.map((x: number) => 0.02 + 0.08 * x);
Exc.b = 0.2;                                       Inh.b = ri.map((x: number) => 0.25 - 0.05 * x);
Exc.c = re.map((x: number) => -65.0 + 15.0 * x * x);       Inh.c = -65.0;
Exc.d = re.map((x: number) => 8.0 - 6.0 * x * x);          Inh.d = 2.0;
Exc.v = -65.0;                                     Inh.v = -65.0;
Exc.u = -65.0 * 0.2;                               Inh.u = ri.map((x: number) => -65.0 * (0.25 - 0.05 * x));

net.connect(Exc, pop, 'exc').connectAllToAll({ weights: new Uniform(0.0, 0.5) });
net.connect(Inh, pop, 'inh').connectAllToAll({ weights: new Uniform(0.0, 1.0) });
const m = net.monitor(pop, 'spike');

await net.compile();
const t0 = performance.now();
await net.simulate(Number(a.T));
const run = performance.now() - t0;

const spikes = m.get('spike');
console.log(`Izhikevich network, ${a.T} ms simulated in ${run.toFixed(0)} ms`);
console.log(`mean rate ${meanFr(spikes, { dt: 1.0, duration: Number(a.T), size: N }).toFixed(2)} Hz, mean CV of ISIs ${coefficientOfVariation(spikes, { dt: 1.0 }).mean.toFixed(2)}`);
if (a.raster) {
  writeFileSync(String(a.raster), rasterPlotSvg(rasterPlot(spikes, { dt: 1.0 }), { title: 'Izhikevich (2003)' }));
  console.log(`raster written to ${a.raster}`);
}
