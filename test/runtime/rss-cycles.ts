// Memory of repeated compile + drop cycles on the cpp backend (not a test: a measurement for
// issue 13). Run: node --expose-gc --import tsx test/runtime/rss-cycles.ts [drop|dispose] [cycles] [same|seeds]
// Prints the RSS after warm-up and at the end, and the growth per cycle.
import { Network, Neuron } from '../../src/index.js';

const mode = process.argv[2] ?? 'drop';
const cycles = Number(process.argv[3] ?? 300);
const seeds = process.argv[4] === 'seeds';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const LIF = new Neuron({
  parameters: 'tau = 20.0\n vt = -50.0',
  equations: 'tau * dv/dt = -60.0 - v + g_exc\n tau * dg_exc/dt = -g_exc',
  spike: 'v > vt',
  reset: 'v = -60.0',
});

async function cycle(i: number): Promise<void> {
  const net = new Network({ dt: 0.1, seed: seeds ? i + 1 : 1, progress: false });
  const pop = net.create(Number(process.env.N ?? 400), LIF);
  pop.v = -55;
  net.connect(pop, pop, 'exc').connectFixedProbability({ probability: 0.05, weights: 0.5, delays: 1 });
  await net.compile({ backend: 'cpp', directory: process.env.CACHE ?? '/tmp/p5/rss-cache' });
  await net.simulate(10);
  if (mode === 'dispose') net.dispose();
}

const mb = () => process.memoryUsage().rss / 1e6;
const settle = async () => { for (let k = 0; k < 3; k++) { gc(); await new Promise((r) => setTimeout(r, 20)); } };
const warm = 20;
for (let i = 0; i < warm; i++) await cycle(i);
await settle();
const r0 = mb();
const t0 = performance.now();
for (let i = warm; i < warm + cycles; i++) await cycle(i);
await settle();
const r1 = mb();
console.log(JSON.stringify({ mode, cycles, seeds, rssStartMB: +r0.toFixed(1), rssEndMB: +r1.toFixed(1), perCycleKB: +((r1 - r0) * 1000 / cycles).toFixed(1), seconds: +((performance.now() - t0) / 1000).toFixed(1) }));
