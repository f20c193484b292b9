// Networks that exercise every feature of the kernels, and the comparison of every array of their
// state, shared by the conformance tests of the backends that must be bit-identical to js (cpp, wasm):
// the same networks, built on js and on the other backend, hold the same state after the same steps.
import { expect } from 'vitest';
import {
  Network, Neuron, Synapse, Uniform, Normal, STDP, PoissonPopulation, SpikeSourceArray, TimedArray,
  type BackendName, type CompileOptions,
} from '../../src/index.js';
import { ELEMENT_THRESHOLD } from '../../src/backends/cpp/parallel.js';

export type Built = { net: Network; after?: (net: Network, chunk: number) => void };
export type Builder = (backend: BackendName) => Built;

/** Every array of every population and projection, by name. */
export function snapshot(net: Network): Map<string, Float64Array | Int32Array> {
  const out = new Map<string, Float64Array | Int32Array>();
  for (const p of net.populations) for (const [k, v] of p.state) out.set(`pop ${p.name}.${k}`, (v as Float64Array).slice());
  for (const p of net.projections) for (const [k, v] of p.state) out.set(`proj ${p.name}.${k}`, (v as Float64Array).slice());
  return out;
}

export function expectIdentical(a: Map<string, Float64Array | Int32Array>, b: Map<string, Float64Array | Int32Array>, where: string): void {
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [k, x] of a) {
    const y = b.get(k)!;
    expect(y.length, `${where}: ${k} length`).toBe(x.length);
    let first = -1, n = 0;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) { n++; if (first < 0) first = i; }
    expect(n, `${where}: ${k} differs at ${n} elements, first [${first}]: js ${x[first]}, other ${y[first]}`).toBe(0);
  }
}

/**
 * Builds on js and on `backend` (compiled with `options`), runs `chunks` simulate() calls of `ms`,
 * compares everything after each; `other` is the network on `backend`.
 */
export async function conform(backend: BackendName, options: CompileOptions, build: Builder, ms: number, chunks = 2) {
  const js = build('js');
  const other = build(backend);
  await js.net.compile();
  await other.net.compile(options);
  for (let c = 0; c < chunks; c++) {
    await js.net.simulate(ms);
    await other.net.simulate(ms);
    expectIdentical(snapshot(js.net), snapshot(other.net), `after chunk ${c}`);
    js.after?.(js.net, c);
    other.after?.(other.net, c);
  }
  return { js, other };
}

/* ---------------- rate-coded networks ---------------- */

const Leaky = new Neuron({
  name: 'leaky',
  parameters: `
    tau = 10.0
    baseline = -0.2
    gain = 1.5 : population
  `,
  equations: `
    noise = Normal(0.0, 0.1) + Uniform(-0.05, 0.05)
    tau * dmp/dt + mp = baseline + sum(exc) - sum(inh) + noise + 0.1 * mean(r) - 0.05 * max(r) + 0.01 * norm2(r)
    r = if mp > 0.5: gain * tanh_like(mp) else: pos(mp) : min = 0.0, max = 3.0
    k = ite(r > 1.0, k + 1, k) : int
    drift = exp(-t / 50.0) * log(1.0 + r) + c_scale * mp
  `,
  functions: 'tanh_like(x) = x / (1.0 + fabs(x))',
});

const Oja = new Synapse({
  name: 'oja',
  parameters: `
    tau = 500.0
    alpha = 8.0
  `,
  equations: `
    tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w : min = -1.0
    trace = 0.9 * trace + 0.1 * post.r : postsynaptic
    g = mean(post.r) * 0.5 : projection
  `,
});

export function rateNetwork(backend: BackendName): Built {
  const net = new Network({ seed: 11, backend, dt: 1.0 });
  net.constant('c_scale', 0.25);
  const a = net.create(40, Leaky, { name: 'A' });
  const b = net.create(25, Leaky, { name: 'B' });
  a.baseline = Array.from({ length: 40 }, (_, i) => ((i * 7) % 11) * 0.15);
  net.connect(a, b, 'exc', Oja, { name: 'oja' }).connectAllToAll({ weights: new Uniform(0, 0.3) });
  net.connect(a, b, 'inh', undefined, { name: 'uniformDelay' }).connectFixedProbability({ probability: 0.3, weights: 0.2, delays: 3.0 });
  net.connect(b, a, 'exc', new Synapse({ psp: 'w * pre.r * pre.r' }), { name: 'varDelay' })
    .connectFixedProbability({ probability: 0.4, weights: new Uniform(0, 0.1), delays: new Uniform(1.0, 6.0) });
  net.connect(b, b, 'inh', new Synapse({ operation: 'max' }), { name: 'maxOp' }).connectAllToAll({ weights: 0.1 });
  return {
    net,
    after(n, chunk) {
      // attribute writes, a constant change and a delay change between simulate() calls
      if (chunk === 0) {
        (n.getPopulation('A')!).tau = 12.0;
        n.getConstant('c_scale')!.set(0.5);
        n.getProjection('uniformDelay')!.delay = 7.0;
      }
    },
  };
}

/* ---------------- spiking networks ---------------- */

const LIF = new Neuron({
  name: 'lif',
  parameters: `
    El = -60.0 : population
    Vr = -60.0 : population
    Vt = -50.0 : population
    tau = 20.0 : population
    I = 20.0 : population
    tau_ref = 2.0
  `,
  equations: `
    tau * dv/dt = (El - v) + g_exc * (0.0 - v) + g_inh * (-80.0 - v) + I + 2.0 * Normal(0.0, 1.0)
    5.0 * dg_exc/dt = - g_exc
    10.0 * dg_inh/dt = - g_inh
  `,
  spike: 'v > Vt',
  reset: 'v = Vr',
  refractory: 'tau_ref',
});

export function spikingNetwork(backend: BackendName): Built {
  const net = new Network({ seed: 5, backend, dt: 0.1 });
  const P = net.create(300, LIF, { name: 'P' });
  P.v = new Normal(-55.0, 5.0);
  P.tau_ref = new Uniform(1.0, 5.0);
  const NE = 240;
  net.connect(P.slice(0, NE), P, 'exc', undefined, { name: 'e' }).connectFixedProbability({ weights: 0.6, probability: 0.05 });
  net.connect(P.slice(NE), P, 'inh', undefined, { name: 'i' }).connectFixedProbability({ weights: 6.7, probability: 0.05, delays: 1.5 });
  net.connect(P.slice(0, 50), P, 'exc', undefined, { name: 'ev' }).connectFixedProbability({ weights: 0.3, probability: 0.1, delays: new Uniform(0.1, 3.0) });
  const inp = new PoissonPopulation(100, { rates: 30.0, name: 'poisson', network: net });
  net.connect(inp, P, 'exc', new STDP({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.0105, w_max: 0.5 }), { name: 'stdp' })
    .connectFixedProbability({ probability: 0.2, weights: new Uniform(0.0, 0.5) });
  const ssa = new SpikeSourceArray([[1.0, 2.0, 5.5], [0.5, 3.3], [], [7.0, 7.1, 7.2]], { name: 'ssa', network: net });
  net.connect(ssa, P.slice(0, 20), 'exc', undefined, { name: 'fromSsa' }).connectAllToAll({ weights: 1.0 });
  net.monitor(P, ['spike', 'v', 'g_exc']);
  return {
    net,
    after(n, chunk) {
      if (chunk === 0) {
        (n.getPopulation('poisson')!).rates = 60.0;
        const ev = n.getProjection('ev')!;
        ev.delay = (ev.delay as Float64Array[]).map((row) => Array.from(row, (d) => d + 2.0));
      }
    },
  };
}

/**
 * Poisson inputs whose loop tests four neurons at a time (wasm `gfor`, cpp `forGuarded`): per-neuron
 * rates with zeros, changed in one neuron of a group of four and in the remainder of three, refractory.
 */
export function poissonNetwork(backend: BackendName): Built {
  const net = new Network({ seed: 12, backend, dt: 0.5 });
  const rates = Array.from({ length: 103 }, (_, i) => (i % 17 === 5 ? 0.0 : 40.0 + i));
  const p = new PoissonPopulation(103, { rates, refractory: 2.0, name: 'in', network: net });
  new PoissonPopulation(6, { rates: 80.0, name: 'uniformRate', network: net });
  net.monitor(p, 'spike');
  return {
    net,
    after(n, chunk) {
      const q = n.getPopulation('in')!;
      const next = Float64Array.from(q.rates as ArrayLike<number>);
      next[chunk === 0 ? 9 : 50] = chunk === 0 ? 300.0 : 0.0;
      next[101] = 5.0 + chunk;
      q.rates = next;
      n.getPopulation('uniformRate')!.rates = 20.0 * (chunk + 2);
    },
  };
}

export function timedNetwork(backend: BackendName): Built {
  const net = new Network({ seed: 3, backend, dt: 1.0 });
  const ta = new TimedArray({ rates: [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [1.0, 1.0, 1.0]], schedule: 5.0, period: 20.0, name: 'ta', network: net });
  const out = net.create(3, new Neuron({ equations: 'r = sum(in) + 0.5 * r' }), { name: 'out' });
  net.connect(ta, out, 'in', undefined, { name: 'taProj' }).connectOneToOne({ weights: 1.0 });
  return { net };
}

const Draws = new Neuron({
  name: 'draws',
  parameters: `
    lam = 2.0 : population
  `,
  equations: `
    a = Exponential(lam) + Gamma(2.5, 0.5) + Binomial(20, 0.3) + DiscreteUniform(1, 6) + LogNormal(0.0, 0.5)
    b = Normal(0.0, 1.0) : population
    r = 0.9 * r + 0.1 * (a + b)
    first_cross = if (r > 6.0) and (first_cross == 0.0): t else: first_cross : init = 0.0
  `,
});

export function drawsNetwork(backend: BackendName): Built {
  const net = new Network({ seed: 21, backend });
  const p = net.create(50, Draws, { name: 'draws', stopCondition: 'r > 7.0 : any' });
  const q = net.create(10, new Neuron({ equations: 'r = sum(x) + sum(y)' }), { name: 'q' });
  net.connect(p, q, 'x', new Synapse({ equations: 'noise = Uniform(0.0, 1.0) : postsynaptic\n e = Normal(0.0, 0.01)', psp: 'w * pre.r + e + noise' }), { name: 'noisy' })
    .connectAllToAll({ weights: new Uniform(0, 0.1) });
  net.connect(p, q, 'y', new Synapse({ operation: 'mean' }), { name: 'meanOp' }).connectFixedNumberPre({ number: 5, weights: 1.0 });
  return { net, after(n, chunk) { if (chunk === 1) n.getProjection('noisy')!.disableLearning(); } };
}

/** Axonal spikes: `axonSpike`/`axonReset` in the neuron, `preAxonSpike` in a projection. */
export function axonNetwork(backend: BackendName): Built {
  const net = new Network({ seed: 2, backend });
  const pre = net.create(20, new Neuron({
    equations: 'v = v + Uniform(0.0, 2.0)\n a = a + 1',
    spike: 'v >= 6', reset: 'v = 0', refractory: 2.0,
    axonSpike: 'modulo(a, 3) == 0', axonReset: 'a = a + 10',
  }), { name: 'pre' });
  const post = net.create(5, new Neuron({ equations: 'g_exc = 0\n g_ax = 0', spike: 'g_exc > 100' }), { name: 'post' });
  net.connect(pre, post, 'exc', undefined, { name: 'regular' }).connectAllToAll(1.0);
  net.connect(pre, post, 'ax', new Synapse({ preSpike: 'g_target += 0', preAxonSpike: 'g_target += w' }), { name: 'axonal' }).connectAllToAll(2.0);
  return { net };
}

/** A network started at step 2^31 − 3: `t`, `t_last` and last spikes past the int32 range, STDP's event times. */
export function lateNetwork(backend: BackendName): Built {
  const net = new Network({ seed: 5, backend, dt: 0.1 });
  const p = net.create(9, new Neuron({
    equations: 'v = v + 0.4 + Uniform(0.0, 0.2)\n tl = t_last + t * 1e-9\n u = t',
    spike: 'v > 1.0', reset: 'v = 0.0', refractory: 0.3,
  }), { name: 'late' });
  net.connect(p, p, 'exc', new STDP({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.0105, w_max: 0.3 }), { name: 'stdp' })
    .connectAllToAll({ weights: 0.1 });
  net.setCurrentStep(2 ** 31 - 3);
  return { net };
}

/* ---------------- a network above the threads' thresholds ---------------- */

const CobaThreads = new Neuron({
  name: 'coba_threads',
  parameters: `
    El = -60.0 : population
    Vr = -60.0 : population
    Erev_exc = 0.0 : population
    Erev_inh = -80.0 : population
    Vt = -50.0 : population
    tau = 20.0 : population
    tau_exc = 5.0 : population
    tau_inh = 10.0 : population
    I = 20.0
  `,
  equations: `
    drive = 1.0 + 0.1 * sin(t / 3.0) : population
    tau * dv/dt = (El - v) + g_exc * (Erev_exc - v) + g_inh * (Erev_inh - v) + drive * I + 0.5 * Normal(0.0, 1.0) + 0.001 * mean(v)
    tau_exc * dg_exc/dt = - g_exc
    tau_inh * dg_inh/dt = - g_inh
  `,
  spike: 'v > Vt',
  reset: 'v = Vr',
  refractory: 5.0,
});

/**
 * COBA with noise, a population drive and a mean, `extra` neurons above cpp's element threshold (an
 * odd size: the last thread's share ends in a remainder), so that its equations and draws fork on
 * threads; delays on the inhibitory projection.
 */
export function cobaAboveThreshold(backend: BackendName, extra: number): Built {
  const N = ELEMENT_THRESHOLD + extra, NE = Math.floor(0.8 * N);
  const net = new Network({ seed: 7, backend, dt: 0.1 });
  const P = net.create(N, CobaThreads, { name: 'P' });
  P.v = new Normal(-55.0, 5.0);
  P.g_exc = new Normal(4.0, 1.5);
  P.g_inh = new Normal(20.0, 12.0);
  P.I = new Uniform(0.0, 25.0);
  net.connect(P.slice(0, NE), P, 'exc', undefined, { name: 'e' }).connectFixedProbability({ weights: 0.6, probability: 20 / N });
  net.connect(P.slice(NE), P, 'inh', undefined, { name: 'i' }).connectFixedProbability({ weights: 6.7, probability: 20 / N, delays: 1.0 });
  net.monitor(P, 'spike');
  return { net };
}
