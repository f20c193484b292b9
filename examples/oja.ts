/**
 * The network of ANNarchy's manual (§2.1, seed 000): two populations of leaky integrators, an
 * all-to-all projection learning with Oja's rule. The first population receives a fixed pattern
 * through its baseline; the weights of every post-synaptic neuron align with it and their squared
 * norm approaches 1/alpha.
 *
 * Run: npm run build && npx tsx examples/oja.ts
 * Expected output: mean squared weight norm per dendrite 0.1430, approaching Oja's 1/alpha = 0.125.
 */
import { Neuron, Synapse, Population, Projection, Uniform, Monitor, compile, simulate, setup } from 'neurarchy';
import { parseArgs } from 'node:util';

// No flags: an unknown one is an error, --help says so.
if (parseArgs({ strict: true, options: { help: { type: 'boolean', default: false } } }).values.help) {
  console.log('usage: npx tsx examples/oja.ts   (no flags)');
  process.exit(0);
}

setup({ dt: 1.0, seed: 1 });

const LeakyIntegratorNeuron = new Neuron({
  parameters: `
    tau = 10.0
    baseline = -0.2
  `,
  equations: `
    tau * dmp/dt  + mp = baseline + sum(exc)
    r = pos(mp)
  `,
});

const Oja = new Synapse({
  parameters: `
    tau = 5000.0
    alpha = 8.0
  `,
  equations: `
    tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w
  `,
});

const pop1 = new Population({ name: 'pop1', geometry: 100, neuron: LeakyIntegratorNeuron });
const pop2 = new Population({ name: 'pop2', geometry: 100, neuron: LeakyIntegratorNeuron });

const proj = new Projection({ pre: pop1, post: pop2, target: 'exc', synapse: Oja });
proj.connectAllToAll({ weights: new Uniform(0.0, 1.0) });

// An input pattern: a bump of activity in pop1.
pop1.baseline = Array.from({ length: 100 }, (_, i) => Math.exp(-((i - 50) ** 2) / 200));
const m = new Monitor(pop2, 'r', { period: 100 });

const t0 = performance.now();
await compile();
const t1 = performance.now();
await simulate(10000.0);
const t2 = performance.now();

const w = proj.w as Float64Array[];
const norms = w.map((row) => row.reduce((a, b) => a + b * b, 0));
const meanNorm = norms.reduce((a, b) => a + b, 0) / norms.length;
const rates = m.get('r') as Float64Array[];
console.log(`compile ${(t1 - t0).toFixed(1)} ms, simulate 10 s in ${(t2 - t1).toFixed(0)} ms`);
console.log(`pop2 mean rate at the end: ${(rates[rates.length - 1].reduce((a, b) => a + b, 0) / 100).toFixed(4)}`);
console.log(`mean squared weight norm per dendrite: ${meanNorm.toFixed(4)} (Oja's fixed point for a linear neuron: 1/alpha = 0.125)`);
