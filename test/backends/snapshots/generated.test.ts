// Safety net of issue 15: the generated js, C++ and WGSL of six networks (COBA, Oja, STDP, a rate
// network with delays, every input type, axonal spikes), compared with committed golden files in
// golden/. Generation needs no compiler and no GPU, so this runs everywhere. A change to a
// generator shows up here as a diff to review; when the new form is wanted, rewrite the goldens with
// `npx vitest run test/backends/snapshots -u` and commit them with the change that explains them.
// (Results stay guarded by the behaviour suites: js ≡ cpp bit for bit, webgpu within float32.)
import { describe, it, expect } from 'vitest';
import { Network, Neuron, Synapse, Uniform, DiscreteUniform, PoissonPopulation, SpikeSourceArray, TimedArray, TimedPoissonPopulation, InputArray, HomogeneousCorrelatedSpikeTrains, CurrentInjection, DecodingProjection } from '../../../src/index.js';
import { buildCOBA, buildSTDP } from '../../../bench/lib/spiking.js';
import { jsBackend, generateSource } from '../../../src/backends/js/engine.js';
import { generateCpp } from '../../../src/backends/cpp/generate.js';
import { buildLayout, generateWgsl, historyLengths } from '../../../src/backends/webgpu/generate.js';
import type { EngineInput } from '../../../src/runtime/engine.js';

/** Compiles on js and keeps the engine input the runtime handed over (whatever its shape), for the WGSL layout. */
async function compileCapturing(net: Network): Promise<EngineInput> {
  const build = jsBackend.build;
  let captured: EngineInput | undefined;
  (jsBackend as { build: typeof build }).build = async (input) => { captured = input; return build(input); };
  try { await net.compile({ backend: 'js' }); } finally { (jsBackend as { build: typeof build }).build = build; }
  return captured!;
}

const LeakyIntegrator = new Neuron({
  parameters: 'tau = 10.0\n baseline = -0.2',
  equations: 'tau * dmp/dt + mp = baseline + sum(exc)\n r = pos(mp)',
});
const Oja = new Synapse({
  parameters: 'tau = 5000.0\n alpha = 8.0',
  equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w',
});

const networks: Record<string, () => Network> = {
  coba: () => buildCOBA({ N: 100, seed: 1 }).net,
  oja: () => {
    const net = new Network({ seed: 7 });
    const a = net.create(3, LeakyIntegrator), b = net.create(2, LeakyIntegrator);
    net.connect(a, b, 'exc', Oja).connectAllToAll({ weights: new Uniform(0, 1) });
    return net;
  },
  stdp: () => buildSTDP({ N: 20, seed: 1 }).net,
  'rate-delays': () => {
    const net = new Network({ seed: 5 });
    const inp = net.create(3, new Neuron({ equations: 'glob_r = glob_r + t : init = -1, population\n r = r + t + Uniform(0, 1) : init = -1' }));
    const out = net.create(3, new Neuron({ equations: 'r = sum(ff) + sum(fb) + mean(r)' }));
    net.connect(inp, out, 'ff').connectFixedNumberPre({ number: 1, weights: 1.0, delays: 10.0 });
    net.connect(inp, out, 'fb', new Synapse({ psp: 'pre.glob_r * w' })).connectAllToAll({ weights: 0.5, delays: new DiscreteUniform(1, 5) });
    return net;
  },
  inputs: () => {
    const net = new Network({ seed: 3 });
    const lif = new Neuron({ equations: 'v = v + g_exc + g_cur\n g_exc = 0\n g_cur = 0', spike: 'v > 1', reset: 'v = 0', refractory: 2.0 });
    const rate = new Neuron({ equations: 'r = sum(exc)' });
    const out = net.create(4, lif);
    const outR = net.create(4, rate);
    const poisson = new PoissonPopulation(4, { rates: 50, network: net });
    const ssa = new SpikeSourceArray([[1, 3], [2], [], [0.5]], { network: net });
    const ta = new TimedArray({ rates: [[1, 2, 3, 4], [4, 3, 2, 1]], network: net });
    const tp = new TimedPoissonPopulation(4, { rates: [10, 80], schedule: [0, 10], network: net });
    const ia = new InputArray(4, { network: net });
    const hc = new HomogeneousCorrelatedSpikeTrains(4, { rates: 20, corr: 0.3, tau: 10, network: net });
    for (const src of [poisson, ssa, tp, hc]) net.connect(src, out, 'exc').connectOneToOne({ weights: 1.0 });
    new CurrentInjection(ta, out, 'cur').connectCurrent();
    net.connect(ia, outR, 'exc').connectOneToOne({ weights: 1.0 });
    new DecodingProjection(poisson, outR, 'exc', { window: 3.0 }).connectAllToAll({ weights: 1.0 });
    return net;
  },
  axon: () => {
    const net = new Network({ seed: 11 });
    const pre = net.create(2, new Neuron({
      equations: 'v = v + 1\n a = a + 1', spike: 'v >= 6', reset: 'v = 0', refractory: 2.0,
      axonSpike: 'modulo(t, 2) == 0', axonReset: 'a = 100',
    }));
    const post = net.create(2, new Neuron({ equations: 'g_exc = 0\n g_ax = 0', spike: 'g_exc > 100' }));
    net.connect(pre, post, 'exc').connectAllToAll(1.0);
    net.connect(pre, post, 'ax', new Synapse({ preSpike: 'g_target += 0', preAxonSpike: 'g_target += w' })).connectAllToAll(2.0);
    return net;
  },
};

const golden = (name: string) => new URL(`./golden/${name}`, import.meta.url).pathname;

describe('generated source (golden files)', () => {
  for (const [name, build] of Object.entries(networks)) {
    it(name, async () => {
      const input = await compileCapturing(build());
      const plan = input.plan;
      await expect(generateSource(plan)).toMatchFileSnapshot(golden(`${name}.js`));
      await expect(generateCpp(plan, { threads: 1 }).source).toMatchFileSnapshot(golden(`${name}.cpp`));
      if (name === 'coba') await expect(generateCpp(plan, { threads: 4 }).source).toMatchFileSnapshot(golden(`${name}.omp4.cpp`));
      const layout = buildLayout(input, historyLengths(plan), 64);
      for (const cpu of [false, true]) {
        const g = generateWgsl(plan, layout, { cpu });
        const text = g.kernels.map((k, i) => `// ==== ${k.name} ${JSON.stringify(k.dispatch)}\n${g.modules[i]}`).join('\n');
        await expect(text).toMatchFileSnapshot(golden(`${name}${cpu ? '.cpu' : ''}.wgsl`));
      }
    });
  }
});
