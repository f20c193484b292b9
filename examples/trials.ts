/**
 * Trials with `every` and an early stop with `simulateUntil` (seed 002, ANNarchy's
 * "Simulation" chapter): each 1000 ms trial sets a new random input; a second phase integrates
 * until a neuron crosses a threshold and reports the reaction time.
 *
 * Run: npm run build && npx tsx examples/trials.ts
 * Expected output: largest rates 0.895, 0.938, 0.975, 0.888; threshold crossed after 30 ms (analytic: 29.9 ms).
 */
import { Network, Neuron, Uniform } from 'neurarchy';
import { parseArgs } from 'node:util';

// No flags: an unknown one is an error, --help says so.
if (parseArgs({ strict: true, options: { help: { type: 'boolean', default: false } } }).values.help) {
  console.log('usage: npx tsx examples/trials.ts   (no flags)');
  process.exit(0);
}

const net = new Network({ dt: 1.0, seed: 42 });
const Integrator = new Neuron({
  parameters: 'tau = 50.0\n I = 0.0',
  equations: 'tau * dr/dt + r = I',
});
const pop = net.create(10, Integrator, { name: 'integrators', stopCondition: 'r > 0.9 : any' });

const results: number[] = [];
net.every({ period: 1000.0 }, (n) => {
  if (n > 0) results.push(Math.max(...(pop.r as Float64Array)));
  pop.I = new Uniform(0.0, 1.0);
});

await net.compile();
await net.simulate(5 * 1000.0);
console.log('largest rate at the end of each trial:', results.map((r) => r.toFixed(3)).join(', '));

// Reaction time: how long until one neuron exceeds 0.9 with a strong input?
net.reset();
pop.I = 2.0;
const t = await net.simulateUntil({ maxDuration: 1000.0, populations: pop });
console.log(`threshold crossed after ${t} ms (analytic: ${(-50 * Math.log(1 - 0.9 / 2)).toFixed(1)} ms)`);
