// Input populations (src/inputs): Poisson statistics, SpikeSourceArray, TimedArray (A12),
// CurrentInjection (A13), DecodingProjection, TimedPoissonPopulation, HomogeneousCorrelatedSpikeTrains.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, isFloat32, closeDigits, onWebGpu } from '../helpers/backends.js';
import {
  Network, Neuron, PoissonPopulation, SpikeSourceArray, TimedArray, TimedPoissonPopulation, InputArray,
  HomogeneousCorrelatedSpikeTrains, CurrentInjection, DecodingProjection,
} from '../../src/index.js';
import { erf, rectifyCorrelated } from '../../src/inputs/HomogeneousCorrelatedSpikeTrains.js'; // internal helpers (rectifyCorrelated: ANNarchy's _rectify)

type Spikes = Record<number, number[]>;
const total = (s: Spikes) => Object.values(s).reduce((a, l) => a + l.length, 0);
const isis = (s: Spikes) => Object.values(s).flatMap((l) => l.slice(1).map((x, k) => x - l[k]));

/**
 * Tolerances. A population of n neurons firing with per-step probability q for S steps has a spike
 * count C ~ Binomial(nS, q): mean nSq, sd sqrt(nSq(1−q)). We accept |C − nSq| < 5 sd (two-sided
 * probability of a false failure < 6e-7). ISIs are geometric: P(K ≤ k) = 1 − (1−q)^k; the
 * Kolmogorov–Smirnov distance of m samples is accepted below 1.95/√m (α = 0.001; conservative
 * for a discrete law).
 */
function expectCount(count: number, n: number, steps: number, q: number, what: string) {
  const mean = n * steps * q;
  const sd = Math.sqrt(mean * (1 - q));
  expect(Math.abs(count - mean), `${what}: ${count} spikes, expected ${mean.toFixed(0)} ± ${sd.toFixed(0)}`).toBeLessThan(5 * sd);
}
function ksGeometric(intervals: number[], q: number, shift = 0): number {
  const x = [...intervals].sort((a, b) => a - b);
  const m = x.length;
  let d = 0;
  for (let i = 0; i < m; ) {
    let j = i;
    while (j < m && x[j] === x[i]) j++;
    const k = x[i] - shift;
    const F = 1 - (1 - q) ** k;
    const Fbelow = 1 - (1 - q) ** (k - 1);
    d = Math.max(d, Math.abs(j / m - F), Math.abs(i / m - Fbelow));
    i = j;
  }
  return d;
}

describeBackends('PoissonPopulation', () => {
  for (const [dt, rate, T] of [[1.0, 20, 10000], [0.1, 15, 4000]] as const) {
    it(`constant rate ${rate} Hz at dt = ${dt}: spike count and geometric ISIs`, async () => {
      const net = new Network({ dt, seed: 42 });
      const n = 500;
      const pop = new PoissonPopulation(n, { rates: rate, network: net });
      const m = net.monitor(pop, 'spike');
      await net.compile(compileFor());
      await net.simulate(T);
      const s = m.get('spike');
      const q = rate * dt / 1000, steps = Math.round(T / dt);
      expectCount(total(s), n, steps, q, 'count');
      const iv = isis(s);
      expect(ksGeometric(iv, q)).toBeLessThan(1.95 / Math.sqrt(iv.length));
      const mean = iv.reduce((a, b) => a + b, 0) / iv.length;
      const sdMean = Math.sqrt((1 - q) / (q * q) / iv.length);
      expect(Math.abs(mean - 1 / q)).toBeLessThan(5 * sdMean);
    });
  }

  it('equation-string rates use the per-step draw of the equations, with the same statistics', async () => {
    const net = new Network({ dt: 1, seed: 3 });
    const pop = new PoissonPopulation(200, { rates: 'amp * (1.0 + 0.0 * t)', parameters: { amp: 30 }, network: net });
    const m = net.monitor(pop, 'spike');
    await net.compile(compileFor());
    expect(pop.special).toBeUndefined();
    await net.simulate(5000);
    const s = m.get('spike');
    expectCount(total(s), 200, 5000, 0.03, 'count');
    const iv = isis(s);
    expect(ksGeometric(iv, 0.03)).toBeLessThan(1.95 / Math.sqrt(iv.length));
  });

  it('per-neuron rates, and rates changed after compile', async () => {
    const net = new Network({ dt: 1, seed: 5 });
    const pop = new PoissonPopulation(400, { rates: Array.from({ length: 400 }, (_, i) => (i < 200 ? 10 : 40)), network: net });
    const m = net.monitor(pop, 'spike');
    await net.compile(compileFor());
    await net.simulate(5000);
    let s = m.get('spike');
    const low = Object.entries(s).filter(([r]) => Number(r) < 200).reduce((a, [, l]) => a + l.length, 0);
    expectCount(low, 200, 5000, 0.01, 'low');
    expectCount(total(s) - low, 200, 5000, 0.04, 'high');
    pop.rates = 0;
    await net.simulate(1000);
    expect(total(m.get('spike'))).toBe(0);
    pop.rates = 60;
    await net.simulate(5000);
    s = m.get('spike');
    expectCount(total(s), 400, 5000, 0.06, 'after change');
  });

  it('refractory period: ISIs are R steps plus a geometric interval', async () => {
    const net = new Network({ dt: 1, seed: 9 });
    const pop = new PoissonPopulation(200, { rates: 100, refractory: 5.0, network: net });
    const m = net.monitor(pop, 'spike');
    await net.compile(compileFor());
    await net.simulate(5000);
    const iv = isis(m.get('spike'));
    expect(Math.min(...iv)).toBe(6);
    expect(ksGeometric(iv, 0.1, 5)).toBeLessThan(1.95 / Math.sqrt(iv.length));
  });

  it('with a target, rates come from a rate-coded projection (ANNarchy\'s rates = sum(target))', async () => {
    const net = new Network({ dt: 1, seed: 11 });
    const inp = new InputArray(300, { network: net });
    const pop = new PoissonPopulation(300, { target: 'exc', network: net });
    net.connect(inp, pop, 'exc').connectOneToOne({ weights: 2.0 });
    inp.r = 25; // 50 Hz
    const m = net.monitor(pop, 'spike');
    await net.compile(compileFor());
    await net.simulate(4000);
    expectCount(total(m.get('spike')), 300, 4000, 0.05, 'count'); // r set before compile is read from step 0
    expect(net.plan!.projections[0].rateInto).toBe('conductance');
  });

  it('is reproducible for a seed and differs between seeds', async () => {
    const run = async (seed: number) => {
      const net = new Network({ dt: 1, seed });
      const pop = new PoissonPopulation(20, { rates: 50, network: net });
      const m = net.monitor(pop, 'spike');
      await net.compile(compileFor());
      await net.simulate(200);
      return JSON.stringify(m.get('spike'));
    };
    expect(await run(1)).toBe(await run(1));
    expect(await run(1)).not.toBe(await run(2));
  });
});

describeBackends('SpikeSourceArray', () => {
  it('emits exactly at the given times (rounded to steps), relative to the last reset', async () => {
    const net = new Network({ dt: 0.1 });
    const src = new SpikeSourceArray([[0, 5, 5.04, 10.3, 1.0], [2.0], []], { network: net });
    const m = net.monitor(src, 'spike');
    await net.compile(compileFor());
    await net.simulate(20);
    expect(m.get('spike')).toEqual({ 0: [0, 10, 50, 103], 1: [20], 2: [] });
    net.reset();
    await net.simulate(20);
    expect(m.get('spike')).toEqual({ 0: [0, 10, 50, 103], 1: [20], 2: [] });
    expect(src.spikeTimes[0].map((t) => Math.round(t * 10))).toEqual([0, 10, 50, 50, 103]);
  });

  it('spikeTimes can be replaced after compile; times already past are skipped', async () => {
    const net = new Network({ dt: 1 });
    const src = new SpikeSourceArray([[3], [4]], { network: net });
    const m = net.monitor(src, 'spike');
    await net.compile(compileFor());
    await net.simulate(10);
    src.spikeTimes = [[5, 12, 15], [20]];
    await net.simulate(20);
    expect(m.get('spike')).toEqual({ 0: [3, 12, 15], 1: [4, 20] });
    expect(() => { src.spikeTimes = [[1]]; }).toThrow(/expected 2/);
  });

  it('a single list is one neuron', () => {
    const net = new Network({ dt: 1 });
    expect(new SpikeSourceArray([1, 2, 3], { network: net }).size).toBe(1);
  });
});

describeBackends('TimedArray (A12)', () => {
  const I = Array.from({ length: 10 }, (_, k) => Array.from({ length: 10 }, (_, j) => (j === k ? 1 : 0)));
  const e = (k: number) => Array.from({ length: 10 }, (_, j) => (j === k ? 1 : 0));
  const J = Array.from({ length: 10 }, (_, k) => Array.from({ length: 10 }, (_, j) => (j === 9 - k ? 2 : 0) + (j === k ? 1 : 0)));
  async function make(opts: { schedule?: number; period?: number } = {}) {
    const net = new Network({ dt: 1 });
    const inp = new TimedArray({ rates: I, network: net, ...opts });
    const out = net.create(10, new Neuron({ equations: 'r = sum(exc)' }));
    net.connect(inp, out, 'exc').connectOneToOne({ weights: 1.0 });
    await net.compile(compileFor());
    return { net, inp, out };
  }
  it('one block per step; the last block stays', async () => {
    const { net, out } = await make();
    await net.simulate(11);
    expect(Array.from(out.r)).toEqual(e(9));
    await net.simulate(12);
    expect(Array.from(out.r)).toEqual(e(9));
  });
  it('schedule = 10 ms', async () => {
    const { net, out } = await make({ schedule: 10 });
    await net.simulate(11);
    await net.simulate(10);
    expect(Array.from(out.r)).toEqual(e(1));
  });
  it('period = 10 ms', async () => {
    const { net, out } = await make({ period: 10 });
    await net.simulate(12);
    expect(Array.from(out.r)).toEqual(e(0));
  });
  it('schedule = 2 ms, period = 20 ms', async () => {
    const { net, out } = await make({ schedule: 2, period: 20 });
    await net.simulate(25);
    expect(Array.from(out.r)).toEqual(e(1));
  });
  it('update without reset continues the counter', async () => {
    const { net, inp, out } = await make();
    await net.simulate(5);
    inp.update(J, { reset: false });
    await net.simulate(6);
    expect(Array.from(out.sum('exc'))).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
  it('update with reset restarts the sequence', async () => {
    const { net, inp, out } = await make();
    await net.simulate(5);
    inp.update(J, { reset: true });
    await net.simulate(6);
    expect(Array.from(inp.r)).toEqual(J[5]);
    expect(Array.from(out.sum('exc'))).toEqual(J[4]);
  });
  it('a 2-D geometry from nested blocks, and reset() restarts it', async () => {
    const net = new Network({ dt: 1 });
    const inp = new TimedArray({ rates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], network: net });
    expect(inp.geometry).toEqual([2, 2]);
    await net.compile(compileFor());
    await net.simulate(2);
    expect(Array.from(inp.r)).toEqual([5, 6, 7, 8]);
    net.reset();
    await net.simulate(1);
    expect(Array.from(inp.r)).toEqual([1, 2, 3, 4]);
  });
});

describeBackends('hybrid projections', () => {
  it('CurrentInjection adds pre.r to g_target with one step of delay (A13)', async () => {
    const net = new Network({ dt: 1 });
    const inp = net.create(1, new Neuron({ equations: 'r = sin(t)' }));
    const out = net.create(1, new Neuron({ equations: 'mp = g_exc', spike: 'mp >= 1.0', reset: '' }));
    new CurrentInjection(inp, out, 'exc').connectCurrent();
    const m = net.monitor(out, 'mp');
    await net.compile(compileFor());
    await net.simulate(11);
    expect(net.plan!.projections[0].rateInto).toBe('conductance');
    const mp = (m.get('mp') as Float64Array[]).map((r) => r[0]);
    const want = [0, ...Array.from({ length: 10 }, (_, k) => Math.sin(k))];
    // WGSL's sin is accurate to 2^-11 absolute (WGSL spec, §"Floating point accuracy"), not to f32 ulps.
    if (isFloat32()) mp.forEach((x, k) => expect(Math.abs(x - want[k]), `step ${k}`).toBeLessThan(2 ** -11));
    else expect(mp).toEqual(want);
  });

  it('CurrentInjection checks the populations', () => {
    const net = new Network({ dt: 1 });
    const a = net.create(2, new Neuron({ equations: 'r = 1' }));
    const b = net.create(3, new Neuron({ equations: 'mp = g_exc', spike: 'mp > 1' }));
    expect(() => new CurrentInjection(a, b, 'exc')).toThrow(/same size/);
    expect(() => new CurrentInjection(b, a, 'exc')).toThrow(/rate-coded/);
  });

  it('DecodingProjection: spike counts over a sliding window, per synapse, in Hz', async () => {
    const net = new Network({ dt: 1 });
    const src = new SpikeSourceArray([[1, 2], [2]], { network: net });
    const out = net.create(1, new Neuron({ equations: 'r = sum(exc)' }));
    new DecodingProjection(src, out, 'exc', { window: 3.0 }).connectAllToAll({ weights: 1.0 });
    const m = net.monitor(out, 'r');
    await net.compile(compileFor());
    await net.simulate(8);
    const r = (m.get('r') as Float64Array[]).map((x) => x[0]);
    const k = 1000 / 3 / 2;
    [0, 0, 1 * k, 3 * k, 3 * k, 2 * k, 0, 0].forEach((x, s) => expect(r[s], `step ${s}`).toBeCloseTo(x, closeDigits(9, 3 * k)));
  });

  it('DecodingProjection of 100 Hz Poisson inputs with w = 1/100 gives ≈ 1', async () => {
    const net = new Network({ dt: 1, seed: 2 });
    const src = new PoissonPopulation(500, { rates: 100, network: net });
    const out = net.create(1, new Neuron({ equations: 'r = sum(exc)' }));
    new DecodingProjection(src, out, 'exc', { window: 10 }).connectAllToAll({ weights: 0.01, forceMultipleWeights: true });
    const m = net.monitor(out, 'r');
    await net.compile(compileFor());
    await net.simulate(2000);
    const r = (m.get('r') as Float64Array[]).slice(20).map((x) => x[0]);
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    // 500 inputs × 1980 steps × 0.1: ~99000 spikes, relative sd 0.3 %
    expect(Math.abs(mean - 1)).toBeLessThan(0.02);
  });
});

describeBackends('other inputs', (backend) => {
  it('TimedPoissonPopulation switches rates on its schedule', async () => {
    const net = new Network({ dt: 1, seed: 4 });
    const pop = new TimedPoissonPopulation(400, { rates: [10, 80], schedule: [0, 1000], network: net });
    const m = net.monitor(pop, 'spike');
    await net.compile(compileFor());
    await net.simulate(2000);
    const all = Object.values(m.get('spike')).flat();
    expectCount(all.filter((s) => s < 1000).length, 400, 1000, 0.01, 'first block');
    expectCount(all.filter((s) => s >= 1000).length, 400, 1000, 0.08, 'second block');
  });

  // 50 000 steps: 18 s on a CPU adapter (SwiftShader); runs on GPUs.
  it.skipIf(onWebGpu(backend, 'HomogeneousCorrelatedSpikeTrains, 5 s at dt = 0.1: too slow on a CPU adapter (SwiftShader)', true))('HomogeneousCorrelatedSpikeTrains: rectified (mu, sigma) restore the requested rate', async () => {
    const { mu, sigma } = rectifyCorrelated(20, 0.3, 10);
    // mean of max(0, X), X ~ N(mu, sigma): must be the requested rate
    const a = 1 + erf(mu / (sigma * Math.SQRT2));
    const mur = (sigma / Math.sqrt(2 * Math.PI)) * Math.exp(-0.5 * (mu / sigma) ** 2) + 0.5 * mu * a;
    expect(mur).toBeCloseTo(20, 6);
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 14);
    expect(erf(-3.5)).toBeCloseTo(-0.9999992569016276, 14);
    const net = new Network({ dt: 0.1, seed: 8 });
    const pop = new HomogeneousCorrelatedSpikeTrains(300, { rates: 20, corr: 0.3, tau: 10, network: net });
    const m = net.monitor(pop, 'spike');
    await net.compile(compileFor());
    await net.simulate(5000);
    const rate = total(m.get('spike')) / 300 / 5;
    // the common rate x fluctuates (sd ≈ sigma, correlation time 10 ms): ~500 independent samples over 5 s
    expect(Math.abs(rate - 20)).toBeLessThan(3);
    pop.rates = 40;
    expect(pop.get('mu')).toBeCloseTo(rectifyCorrelated(40, 0.3, 10).mu, 12);
  });

  it('InputArray keeps the r the user sets', async () => {
    const net = new Network({ dt: 1 });
    const inp = new InputArray([2, 3], { network: net });
    const m = net.monitor(inp, 'r');
    await net.compile(compileFor());
    inp.r = [1, 2, 3, 4, 5, 6];
    await net.simulate(3);
    expect(Array.from(inp.r)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((m.get('r') as Float64Array[]).length).toBe(3);
  });
});
