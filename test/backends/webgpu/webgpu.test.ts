// The `webgpu` backend against the `js` backend. The GPU computes in float32 and its shader
// compiler contracts a*b+c into fused multiply-adds (../shared/reference/ecosystem.md §A3), so the
// results cannot be bit-identical: trajectories of non-chaotic networks are compared within a
// relative tolerance (TOL below), spike times within a step, and large spiking networks by their
// statistics.
// Runs on SwiftShader (CPU Vulkan) where no GPU exists; skipped, with a message, when the `webgpu`
// package or an adapter is missing.
import { describe, it, expect } from 'vitest';
import {
  Network, Neuron, Synapse, Uniform, STDP, SpikeSourceArray, PoissonPopulation, TimedArray, DecodingProjection, NetworkError,
  type BackendName,
} from '../../../src/index.js';
import { acquireDevice, dawnFlags } from '../../../src/backends/webgpu/device.js';
import { probe, TOL, maxRelDiff } from './helpers.js';

const available = await probe('test/backends/webgpu');

const Leaky = new Neuron({
  parameters: 'tau = 10.0\n baseline = 0.0\n gain = 0.8 : population',
  equations: `
    tau * dmp/dt + mp = baseline + sum(exc) - sum(inh) + 0.05 * mean(r)
    r = if mp > 0.0: gain * mp / (1.0 + fabs(mp)) else: 0.0 : min = 0.0, max = 2.0
  `,
});

const Oja = new Synapse({
  parameters: 'tau = 200.0\n alpha = 2.0',
  equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w : min = -1.0',
});

function rateNet(backend: BackendName): Network {
  const net = new Network({ seed: 7, backend, dt: 1.0 });
  const a = net.create(50, Leaky, { name: 'A' });
  const b = net.create(30, Leaky, { name: 'B' });
  a.baseline = Array.from({ length: 50 }, (_, i) => 0.2 + ((i * 7) % 11) * 0.1);
  net.connect(a, b, 'exc', Oja, { name: 'oja' }).connectAllToAll({ weights: new Uniform(0, 0.2) });
  net.connect(a, b, 'inh', undefined, { name: 'sparse' }).connectFixedProbability({ probability: 0.3, weights: 0.1 });
  net.connect(b, a, 'exc', undefined, { name: 'back' }).connectFixedProbability({ probability: 0.2, weights: 0.05, delays: 3.0 });
  net.connect(b, a, 'inh', undefined, { name: 'varDelay' }).connectFixedProbability({ probability: 0.2, weights: 0.05, delays: new Uniform(1.0, 6.0) });
  return net;
}

describe.skipIf(!available)('webgpu backend', () => {
  it('rate-coded: leaky integrators, dense and sparse sums, delays (uniform, per synapse), global operation, Oja plasticity', async () => {
    const js = rateNet('js'), gpu = rateNet('webgpu');
    await js.compile();
    await gpu.compile({ backend: 'webgpu' });
    for (let c = 0; c < 3; c++) {
      await js.simulate(50);
      await gpu.simulate(50);
      for (const name of ['A', 'B']) {
        for (const v of ['mp', 'r']) {
          const x = js.getPopulation(name)!.state.get(v)!, y = gpu.getPopulation(name)!.state.get(v)!;
          expect(maxRelDiff(x, y), `${name}.${v} after chunk ${c}`).toBeLessThan(TOL);
        }
      }
      const wj = js.getProjection('oja')!.state.get('w')!, wg = gpu.getProjection('oja')!.state.get('w')!;
      expect(maxRelDiff(wj, wg), `w after chunk ${c}`).toBeLessThan(TOL);
    }
  });
});

const LIF = new Neuron({
  parameters: 'tau = 20.0 : population\n El = -65.0 : population\n Vt = -50.0 : population\n I = 0.0',
  equations: 'tau * dv/dt = El - v + I + g_exc\n g_exc = 0.0',
  spike: 'v > Vt',
  reset: 'v = El',
  refractory: 2.0,
});

describe.skipIf(!available)('webgpu backend: spiking', () => {
  it('LIF driven by constant currents: same spike times (within one step)', async () => {
    const build = (backend: BackendName) => {
      const net = new Network({ seed: 1, backend, dt: 0.1 });
      const p = net.create(20, LIF, { name: 'lif' });
      p.v = -65.0;
      // currents from just above threshold (long periods) to strong drive: periods are hand-checkable,
      // T = ref + tau·ln(I / (I − 15)) for I > 15 mV.
      p.I = Array.from({ length: 20 }, (_, i) => 15.5 + i * 2.0);
      net.monitor(p, ['spike']);
      return net;
    };
    const js = build('js'), gpu = build('webgpu');
    await js.compile();
    await gpu.compile({ backend: 'webgpu' });
    await js.simulate(200);
    await gpu.simulate(200);
    const sj = js.monitors[0].get('spike') as Record<number, number[]> | Map<number, number[]>;
    const sg = gpu.monitors[0].get('spike') as typeof sj;
    const times = (s: typeof sj, i: number) => ((s instanceof Map ? s.get(i) : s[i]) ?? []) as number[];
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const a = times(sj, i), b = times(sg, i);
      expect(b.length, `neuron ${i}: spike count`).toBe(a.length);
      for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k]), `neuron ${i} spike ${k}`).toBeLessThanOrEqual(1);
      total += a.length;
    }
    expect(total).toBeGreaterThan(100);
  });
  it('firing-rate windows (hooks that write r: the step-by-step path) give the same rates', async () => {
    const build = (backend: BackendName) => {
      const net = new Network({ seed: 1, backend, dt: 0.1 });
      const p = net.create(10, LIF, { name: 'lif' });
      p.v = -65.0;
      p.I = Array.from({ length: 10 }, (_, i) => 16.0 + i * 3.0);
      return { net, p };
    };
    const js = build('js'), gpu = build('webgpu');
    await js.net.compile();
    await gpu.net.compile({ backend: 'webgpu' });
    js.p.computeFiringRate(20.0);
    gpu.p.computeFiringRate(20.0);
    await js.net.simulate(60);
    await gpu.net.simulate(60);
    const rj = Array.from(js.p.state.get('r')!), rg = Array.from(gpu.p.state.get('r')!);
    expect(rj.some((x) => x > 0)).toBe(true);
    expect(rg).toEqual(rj);
  });
});

describe.skipIf(!available)('webgpu backend: plasticity and delays', () => {
  it('axonal spikes (axonSpike, axonReset, preAxonSpike) match js', async () => {
    const build = (backend: BackendName) => {
      const net = new Network({ seed: 2, backend });
      const pre = net.create(20, new Neuron({
        equations: 'v = v + Uniform(0.0, 2.0)\n a = a + 1',
        spike: 'v >= 6', reset: 'v = 0', refractory: 2.0,
        axonSpike: 'modulo(a, 3) == 0', axonReset: 'a = a + 10',
      }), { name: 'pre' });
      // Axonal events depend only on the counter `a` (the GPU's uniforms are not the js ones, so the
      // regular spikes of v differ; their pre_spike adds 0).
      const post = net.create(5, new Neuron({ equations: 'g_exc = 0\n g_ax = 0', spike: 'g_exc > 1000' }), { name: 'post' });
      net.connect(pre, post, 'ax', new Synapse({ preSpike: 'g_target += 0', preAxonSpike: 'g_target += w' }), { name: 'axonal' }).connectAllToAll(2.0);
      const m = net.monitor(post, 'g_ax');
      return { net, pre, m };
    };
    const js = build('js'), gpu = build('webgpu');
    await js.net.compile();
    await gpu.net.compile({ backend: 'webgpu' });
    await js.net.simulate(20);
    await gpu.net.simulate(20);
    expect(Array.from(gpu.pre.state.get('a')!)).toEqual(Array.from(js.pre.state.get('a')!));
    const gj = (js.m.get('g_ax') as Float64Array[]).map((r) => Array.from(r)), gg = (gpu.m.get('g_ax') as Float64Array[]).map((r) => Array.from(r));
    expect(gj.some((r) => r.some((x) => x > 0))).toBe(true);
    expect(gg).toEqual(gj);
  });

  // A deterministic input (SpikeSourceArray) onto LIF neurons with constant drive, through an STDP
  // projection with a uniform delay and a static projection with per-synapse delays.
  const build = (backend: BackendName) => {
    const net = new Network({ seed: 3, backend, dt: 0.1 });
    const times = Array.from({ length: 12 }, (_, i) => Array.from({ length: 8 }, (_, k) => 3.0 + i * 1.7 + k * 23.0));
    const src = new SpikeSourceArray(times, { name: 'src', network: net });
    const post = net.create(6, LIF, { name: 'post' });
    post.v = -65.0;
    post.I = Array.from({ length: 6 }, (_, i) => 15.2 + i * 0.9);
    net.connect(src, post, 'exc', new STDP({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.02, A_minus: 0.021, w_max: 3.0 }), { name: 'stdp' })
      .connectAllToAll({ weights: 1.0, delays: 2.0 });
    net.connect(src, post, 'exc', undefined, { name: 'var' })
      .connectFixedProbability({ probability: 0.5, weights: 0.5, delays: new Uniform(0.5, 4.0) });
    net.monitor(post, ['v', 'g_exc', 'spike']);
    return net;
  };

  it('STDP weights, delays (uniform and per synapse) match js', async () => {
    const js = build('js'), gpu = build('webgpu');
    await js.compile();
    await gpu.compile({ backend: 'webgpu' });
    for (let c = 0; c < 2; c++) {
      await js.simulate(80);
      await gpu.simulate(80);
      const lj = js.getPopulation('post')!.state.get('_last_spike')!, lg = gpu.getPopulation('post')!.state.get('_last_spike')!;
      expect(Array.from(lg), `last spikes after chunk ${c}`).toEqual(Array.from(lj));
      const wj = js.getProjection('stdp')!.state.get('w')!, wg = gpu.getProjection('stdp')!.state.get('w')!;
      let changed = 0;
      for (let k = 0; k < wj.length; k++) if (wj[k] !== 1.0) changed++;
      expect(changed).toBeGreaterThan(wj.length / 2);
      expect(maxRelDiff(wj, wg), `w after chunk ${c}`).toBeLessThan(TOL);
      const vj = js.getPopulation('post')!.state.get('v')!, vg = gpu.getPopulation('post')!.state.get('v')!;
      expect(maxRelDiff(vj, vg), `v after chunk ${c}`).toBeLessThan(TOL);
    }
    // monitors of variables (the step-by-step path): the same rows within float32 accuracy
    const mj = js.monitors[0], mg = gpu.monitors[0];
    expect(mg.get('spike')).toEqual(mj.get('spike'));
    for (const v of ['v', 'g_exc']) {
      const rj = mj.get(v) as Float64Array[], rg = mg.get(v) as Float64Array[];
      expect(rg.length).toBe(rj.length);
      let worst = 0;
      rj.forEach((row, k) => { worst = Math.max(worst, maxRelDiff(row, rg[k], 1e-2)); });
      expect(worst, v).toBeLessThan(TOL);
    }
  });
});

describe.skipIf(!available)('webgpu backend: statistics and runtime', () => {
  it('DecodingProjection of a SpikeSourceArray matches js', async () => {
    const build = (backend: BackendName) => {
      const net = new Network({ seed: 4, backend, dt: 1.0 });
      const src = new SpikeSourceArray(Array.from({ length: 6 }, (_, i) => [2 + i, 5, 9 + i, 12, 13]), { name: 'src', network: net });
      const out = net.create(3, new Neuron({ equations: 'r = sum(exc)' }), { name: 'out' });
      new DecodingProjection(src, out, 'exc', { window: 4.0 }).connectAllToAll({ weights: new Uniform(0.5, 1.5) });
      return { net, out };
    };
    const js = build('js'), gpu = build('webgpu');
    await js.net.compile();
    await gpu.net.compile({ backend: 'webgpu' });
    let seen = 0;
    for (let s = 0; s < 20; s++) {
      await js.net.step();
      await gpu.net.step();
      const rj = js.out.state.get('r')!;
      if (rj[0] > 0) seen++;
      expect(maxRelDiff(rj, gpu.out.state.get('r')!), `step ${s}`).toBeLessThan(TOL);
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('TimedArray input matches js; random draws of every law (Philox in WGSL) have the right moments', async () => {
    const build = (backend: BackendName) => {
      const net = new Network({ seed: 3, backend, dt: 1.0 });
      const ta = new TimedArray({ rates: [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [1.0, 1.0, 1.0]], schedule: 5.0, period: 20.0, name: 'ta', network: net });
      const out = net.create(3, new Neuron({ equations: 'r = sum(in) + 0.5 * r' }), { name: 'out' });
      net.connect(ta, out, 'in').connectOneToOne({ weights: 1.0 });
      const noise = net.create(4000, new Neuron({
        equations: `n = Normal(1.0, 2.0)\n u = Uniform(-1.0, 3.0)\n e = Exponential(2.0)\n d = DiscreteUniform(1, 6)
          g = Gamma(2.5, 0.5)\n gs = Gamma(0.5)\n b = Binomial(20, 0.3)\n bf = Binomial(1000, 0.7)\n r = 0.0`,
      }), { name: 'noise' });
      return { net, out, noise };
    };
    const js = build('js'), gpu = build('webgpu');
    await js.net.compile();
    await gpu.net.compile({ backend: 'webgpu' });
    for (const ms of [7, 13, 9]) {
      await js.net.simulate(ms);
      await gpu.net.simulate(ms);
      expect(maxRelDiff(js.out.state.get('r')!, gpu.out.state.get('r')!)).toBeLessThan(TOL);
    }
    const moments = (x: ArrayLike<number>) => {
      let m = 0, v = 0;
      for (let i = 0; i < x.length; i++) m += x[i];
      m /= x.length;
      for (let i = 0; i < x.length; i++) v += (x[i] - m) ** 2;
      return [m, Math.sqrt(v / x.length)];
    };
    // 4000 draws: the standard error of the mean is 2/63 ≈ 0.03 (normal), 1.15/63 ≈ 0.02 (uniform)
    const [mn, sn] = moments(gpu.noise.state.get('n')!);
    expect(Math.abs(mn - 1.0)).toBeLessThan(0.15);
    expect(Math.abs(sn - 2.0)).toBeLessThan(0.15);
    const [mu, su] = moments(gpu.noise.state.get('u')!);
    expect(Math.abs(mu - 1.0)).toBeLessThan(0.1);
    expect(Math.abs(su - 4 / Math.sqrt(12))).toBeLessThan(0.1);
    // mean and standard deviation of each law: Exponential(2): 0.5, 0.5; DiscreteUniform(1, 6): 3.5,
    // 1.71; Gamma(2.5, 0.5): 1.25, 0.79; Gamma(0.5, 1) (boosted): 0.5, 0.71; Binomial(20, 0.3): 6,
    // 2.05; Binomial(1000, 0.7) (mirrored, 5 chunks): 700, 14.5. Tolerances: about 4 standard errors.
    const laws: [string, number, number][] = [['e', 0.5, 0.5], ['d', 3.5, 1.708], ['g', 1.25, 0.79], ['gs', 0.5, 0.707], ['b', 6, 2.049], ['bf', 700, 14.49]];
    for (const [v, m, sd] of laws) {
      const [mm, ss] = moments(gpu.noise.state.get(v)!);
      expect(Math.abs(mm - m), `${v} mean ${mm}`).toBeLessThan(4 * sd / Math.sqrt(4000) + 1e-3);
      expect(Math.abs(ss - sd) / sd, `${v} sd ${ss}`).toBeLessThan(0.08);
    }
    // the GPU draws are not the js draws (24-bit f32 uniforms, f32 Box–Muller)
    expect(Array.from(gpu.noise.state.get('n')!.slice(0, 5))).not.toEqual(Array.from(js.noise.state.get('n')!.slice(0, 5)));
  });

  it('COBA N = 4000: the same firing statistics as js (200 ms)', async () => {
    const { buildCOBA, spikeStats } = await import('../../../bench/lib/spiking.js');
    const stats = async (backend: BackendName) => {
      const b = buildCOBA({ N: 4000, seed: 1234, backend });
      await b.net.compile({ backend });
      await b.net.simulate(200);
      return spikeStats(b, 200);
    };
    const js = await stats('js'), gpu = await stats('webgpu');
    expect(js.rate_hz).toBeGreaterThan(5);
    // A chaotic network: float32 rounding makes the trajectories diverge, the statistics must not.
    expect(Math.abs(gpu.rate_hz - js.rate_hz) / js.rate_hz).toBeLessThan(0.1);
    expect(Math.abs(gpu.cv_isi_mean - js.cv_isi_mean)).toBeLessThan(0.2);
  });

  it('Poisson input: rate statistics; attribute writes between runs; reset; stop condition', async () => {
    const net = new Network({ seed: 9, backend: 'webgpu', dt: 1.0 });
    const inp = new PoissonPopulation(500, { rates: 20.0, name: 'inp', network: net });
    // counts every input spike (g_x cleared after being added), spikes never
    const acc = net.create(1, new Neuron({ equations: 'v = v + g_x\n g_x = 0.0', spike: 'v > 1e9' }), { name: 'acc', stopCondition: 'v > 3000.0' });
    net.connect(inp, acc, 'x', undefined, { name: 'p2a' }).connectAllToAll({ weights: 1.0 });
    const m = net.monitor(inp, 'spike');
    await net.compile({ backend: 'webgpu' });
    await net.simulate(1000);
    let n = 0;
    for (const s of Object.values(m.get('spike'))) n += s.length;
    // 500 neurons × 20 Hz × 1 s = 10 000 spikes, Poisson: sd 100
    expect(Math.abs(n - 10000)).toBeLessThan(500);
    // every spike but those of the last step has reached the accumulator (atomic adds of 1.0: exact)
    const v = acc.state.get('v')![0];
    expect(v).toBeLessThanOrEqual(n);
    expect(v).toBeGreaterThan(n - 100);
    inp.rates = 40.0; // written on the host, uploaded before the next run
    await net.simulate(500);
    n = 0;
    for (const s of Object.values(m.get('spike'))) n += s.length;
    expect(Math.abs(n - 10000)).toBeLessThan(500);
    net.reset();
    expect(acc.state.get('v')![0]).toBe(0);
    const t = await net.simulateUntil({ maxDuration: 1000 });
    expect(t).toBeGreaterThan(100);
    expect(t).toBeLessThan(1000);
    expect(acc.state.get('v')![0]).toBeGreaterThan(3000);
  });
});

describe('webgpu backend: browser bundle', () => {
  it('bundles for the browser without Node built-ins (Dawn and node:fs are imported dynamically)', async () => {
    const { build } = await import('esbuild');
    const { fileURLToPath } = await import('node:url');
    const entry = fileURLToPath(new URL('../../../src/backends/webgpu/index.ts', import.meta.url));
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', metafile: true });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((f) => f.startsWith('node:') || f.includes('node_modules/webgpu'))).toBe(false);
  });
});

describe('webgpu backend: errors', () => {
  it('no adapter: a clear NetworkError saying how to get one', async () => {
    const fake = { requestAdapter: async () => null } as unknown as GPU;
    await expect(acquireDevice(fake)).rejects.toThrow(NetworkError);
    await expect(acquireDevice(fake)).rejects.toThrow(/no GPU adapter found.*VK_DRIVER_FILES/);
    // through navigator.gpu, as in a browser
    const g = globalThis as { navigator?: unknown };
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: fake }, configurable: true, writable: true });
    try {
      const net = new Network({ backend: 'webgpu' });
      net.create(3, new Neuron({ equations: 'r = 1.0' }));
      await expect(net.compile()).rejects.toThrow(/no GPU adapter found/);
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete g.navigator;
    }
  });

  it('NEURARCHY_DAWN_FLAGS: space-separated key=value flags; another form is refused naming the variable', () => {
    expect(dawnFlags('')).toEqual([]);
    expect(dawnFlags(' enable-dawn-features=skip_validation  backend=vulkan ')).toEqual(['enable-dawn-features=skip_validation', 'backend=vulkan']);
    expect(() => dawnFlags('skip_validation')).toThrow(NetworkError);
    expect(() => dawnFlags('backend=vulkan skip_validation')).toThrow(/NEURARCHY_DAWN_FLAGS: 'skip_validation' is not a Dawn flag of the form key=value/);
  });

  it.skipIf(!available)('unsupported features are refused with the model and feature named', async () => {
    const net = new Network({ backend: 'webgpu' });
    const pre = net.create(4, new Neuron({ equations: 'v = v + 1', spike: 'v > 3', reset: 'v = 0' }), { name: 'pre' });
    const post = net.create(4, new Neuron({ equations: 'v = 0.0\n x = 0.0\n g_exc = 0.0', spike: 'v > 1' }), { name: 'post' });
    net.connect(pre, post, 'exc', new Synapse({ preSpike: 'post.x = w' }), { name: 'overwrite' }).connectAllToAll(1.0);
    await expect(net.compile()).rejects.toThrow(/projection 'overwrite'.*post\.x = .*supported on webgpu yet/);
  });
});
