import { describe, expect, it } from 'vitest';
import {
  rasterPlot, histogram, meanFr, populationRate, smoothedRate, lowPass,
  interSpikeInterval, coefficientOfVariation, type SpikeData,
} from '../../src/analysis/index.js';
import { NeurarchyError } from '../../src/errors.js';

/** Regular train: neuron r fires every `period` steps from step `phase + r`. */
function regular(n: number, period: number, steps: number, phase = 0): Record<number, number[]> {
  const out: Record<number, number[]> = {};
  for (let r = 0; r < n; r++) {
    out[r] = [];
    for (let s = phase + r; s < steps; s += period) out[r]!.push(s);
  }
  return out;
}

/** Small seeded generator (mulberry32) so the Poisson tests are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('rasterPlot', () => {
  it('flattens to ms times sorted by time then rank', () => {
    const spikes = new Map([[2, [5, 1]], [0, [3]], [1, [1]]]);
    const { times, ranks } = rasterPlot(spikes, { dt: 0.5 });
    expect([...times]).toEqual([0.5, 0.5, 1.5, 2.5]);
    expect([...ranks]).toEqual([1, 2, 0, 2]);
  });
  it('accepts times in ms', () => {
    const { times } = rasterPlot({ 0: [0.3, 0.1] }, { dt: 0.1, unit: 'ms' });
    expect([...times].map((t) => Math.round(t * 10))).toEqual([1, 3]);
  });
  it('rejects bad dt and keys', () => {
    expect(() => rasterPlot({ 0: [1] }, { dt: 0 })).toThrow(NeurarchyError);
    expect(() => rasterPlot({ [-1]: [1] } as SpikeData, { dt: 1 })).toThrow(/ranks/);
  });
});

describe('histogram', () => {
  const spikes = { 0: [0, 3, 4, 9], 1: [1, 4], 2: [] as number[] };
  it('counts per step by default, from first spike to last', () => {
    const h = histogram(spikes, { dt: 1 });
    expect([...h.counts]).toEqual([1, 1, 0, 1, 2, 0, 0, 0, 0, 1]);
    expect(h.times[0]).toBe(0);
    expect(h.bin).toBe(1);
  });
  it('uses bins of several steps and a window', () => {
    const h = histogram(spikes, { dt: 0.5, bin: 2.5, start: 0, stop: 10 });
    // bins of 5 steps: [0,5) → 0,3,4,1,4 ; [5,10) → 9
    expect([...h.counts]).toEqual([5, 1]);
    expect([...h.times]).toEqual([0, 2.5]);
  });
  it('counts per neuron', () => {
    const h = histogram(spikes, { dt: 1, bin: 5, perNeuron: true, start: 0, stop: 10, size: 4 });
    expect(h.counts.map((c) => [...c])).toEqual([[3, 1], [2, 0], [0, 0], [0, 0]]);
  });
  it('rejects bins that are not whole steps', () => {
    expect(() => histogram(spikes, { dt: 1, bin: 1.5 })).toThrow(/multiple of dt/);
  });
});

describe('regular trains', () => {
  // 10 neurons, one spike every 25 steps of 0.1 ms = 2.5 ms → 400 Hz.
  const dt = 0.1;
  const steps = 10_000; // 1 s
  const spikes = regular(10, 25, steps);
  it('meanFr is exact with the recording window', () => {
    expect(meanFr(spikes, { dt, start: 0, stop: steps })).toBeCloseTo(400, 10);
    expect(meanFr(spikes, { dt, duration: 1000 })).toBeCloseTo(400, 10);
  });
  it('silent neurons count when size is given', () => {
    expect(meanFr(spikes, { dt, duration: 1000, size: 20 })).toBeCloseTo(200, 10);
    expect(() => meanFr(spikes, { dt, duration: 1000, size: 5 })).toThrow(/rank 9/);
  });
  it("falls back to ANNarchy's first-to-last-spike duration", () => {
    // single neuron, 5 spikes 10 steps apart: 5 spikes / 40 steps
    expect(meanFr({ 0: [0, 10, 20, 30, 40] }, { dt: 1 })).toBeCloseTo(5 / 40 * 1000, 10);
  });
  it('ISIs and CV', () => {
    const isi = interSpikeInterval(spikes, { dt });
    expect(isi.length).toBe(10 * 399);
    for (const v of isi) expect(v).toBeCloseTo(2.5, 12);
    const cv = coefficientOfVariation(spikes, { dt });
    expect(cv.perNeuron.size).toBe(10);
    for (const v of cv.perNeuron.values()) expect(v).toBeCloseTo(0, 12);
    expect(cv.mean).toBeCloseTo(0, 12);
  });
  it('populationRate averages to the rate and smoothing preserves the mean', () => {
    const raw = populationRate(spikes, { dt, start: 0, stop: steps });
    expect(raw.rate.length).toBe(steps);
    const mean = raw.rate.reduce((a, b) => a + b, 0) / steps;
    expect(mean).toBeCloseTo(400, 8);
    // 10 neurons at phases 0..9 over a 25-step period: steps 0..9 of each period hold one spike.
    expect(raw.rate[0]).toBeCloseTo(1000 / (dt * 10), 8);
    expect(raw.rate[10]).toBe(0);
    const smooth = populationRate(spikes, { dt, start: 0, stop: steps, smooth: 50 });
    const tail = smooth.rate.slice(steps / 2);
    for (const v of tail) expect(Math.abs(v - 400)).toBeLessThan(40);
  });
  it('smoothedRate holds 1/ISI between spikes', () => {
    const r = smoothedRate(spikes, { dt, start: 0, stop: steps });
    expect(r.rates.length).toBe(10);
    expect(r.rates[3]![3]).toBeCloseTo(400, 10);
    expect(r.rates[3]![2]).toBe(0); // before the first spike
    expect(r.rates[3]![steps - 1]).toBe(0); // after the last spike
    const s = smoothedRate(spikes, { dt, start: 0, stop: steps, smooth: 20 });
    expect(s.rates[0]![5000]).toBeCloseTo(400, 6);
  });
});

describe('hand-made train', () => {
  const spikes = { 0: [0, 2, 6, 14], 1: [5], 3: [1, 11] };
  it('ISIs per neuron and flat', () => {
    expect(interSpikeInterval(spikes, { dt: 0.5 })).toEqual([1, 2, 4, 5]);
    const per = interSpikeInterval(spikes, { dt: 0.5, perNeuron: true });
    expect([...per.keys()]).toEqual([0, 3]);
    expect(per.get(0)).toEqual([1, 2, 4]);
    expect(interSpikeInterval(spikes, { dt: 0.5, ranks: [3] })).toEqual([5]);
  });
  it('CV excludes neurons with fewer than two ISIs', () => {
    const cv = coefficientOfVariation(spikes, { dt: 0.5 });
    expect([...cv.perNeuron.keys()]).toEqual([0]);
    // ISIs 1,2,4: mean 7/3, population std sqrt(14/9)
    expect(cv.perNeuron.get(0)).toBeCloseTo(Math.sqrt(14 / 9) / (7 / 3), 12);
    expect(coefficientOfVariation({ 0: [1, 2] }, { dt: 1 }).mean).toBeNaN();
  });
  it('meanFr with a window counts spikes inside it', () => {
    // [0, 10) steps of 1 ms, size 4: spikes 0,2,6,5,1 = 5 → 5/4/10ms = 125 Hz
    expect(meanFr(spikes, { dt: 1, start: 0, stop: 10, size: 4 })).toBeCloseTo(125, 12);
  });
  it('smoothedRate values', () => {
    const r = smoothedRate(spikes, { dt: 1, start: 0, stop: 16 });
    expect(r.rates.length).toBe(4);
    expect([...r.rates[0]!]).toEqual([500, 500, 250, 250, 250, 250, 125, 125, 125, 125, 125, 125, 125, 125, 0, 0]);
    expect([...r.rates[2]!].every((v) => v === 0)).toBe(true);
  });
  it('lowPass follows the Euler recurrence', () => {
    const y = lowPass([0, 10, 10, 10], 1, 4);
    expect([...y]).toEqual([0, 2.5, 2.5 + 7.5 / 4, 2.5 + 7.5 / 4 + (10 - 2.5 - 7.5 / 4) / 4]);
    expect([...lowPass([1, 2], 1, 0)]).toEqual([1, 2]);
    expect([...lowPass([1, 2], 1, 0.5)]).toEqual([1, 2]); // smooth < dt: clamped, no overshoot
  });
  it('unsorted input is sorted', () => {
    expect(interSpikeInterval({ 0: [10, 0, 4] }, { dt: 1 })).toEqual([4, 6]);
  });
  it('needs a window or spikes', () => {
    expect(() => populationRate({ 0: [] }, { dt: 1 })).toThrow(/no spikes/);
    expect([...populationRate({ 0: [] }, { dt: 1, start: 0, stop: 3 }).rate]).toEqual([0, 0, 0]);
  });
});

describe('Poisson trains (seeded)', () => {
  const dt = 0.1;
  const rate = 20; // Hz
  const n = 50;
  const steps = 100_000; // 10 s
  const p = rate * dt / 1000;
  const rnd = mulberry32(1234);
  const spikes: Record<number, number[]> = {};
  for (let r = 0; r < n; r++) {
    spikes[r] = [];
    for (let s = 0; s < steps; s++) if (rnd() < p) spikes[r]!.push(s);
  }
  const duration = steps * dt;

  it('mean rate within 5 standard errors', () => {
    // The total count is Binomial(n·steps, p): its standard error is sqrt(n·steps·p(1−p)).
    const se = Math.sqrt(n * steps * p * (1 - p)) / n / duration * 1000;
    const fr = meanFr(spikes, { dt, start: 0, stop: steps, size: n });
    expect(Math.abs(fr - rate)).toBeLessThan(5 * se);
    const pr = populationRate(spikes, { dt, start: 0, stop: steps, size: n });
    const mean = pr.rate.reduce((a, b) => a + b, 0) / steps;
    expect(mean).toBeCloseTo(fr, 8);
  });
  it('mean ISI is 1/rate and CV ≈ 1', () => {
    const isi = interSpikeInterval(spikes, { dt });
    const m = isi.reduce((a, b) => a + b, 0) / isi.length;
    // ISIs are geometric: mean dt/p, sd dt·sqrt(1−p)/p.
    const sdIsi = dt * Math.sqrt(1 - p) / p;
    expect(Math.abs(m - 1000 / rate)).toBeLessThan(5 * sdIsi / Math.sqrt(isi.length));
    const cv = coefficientOfVariation(spikes, { dt });
    expect(cv.perNeuron.size).toBe(n);
    const values = [...cv.perNeuron.values()];
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - cv.mean) ** 2, 0) / (values.length - 1));
    const expected = Math.sqrt(1 - p); // CV of a geometric distribution
    // 5 standard errors of the mean CV, plus the O(1/k) small-sample bias of a CV from k ≈ 200 ISIs.
    expect(Math.abs(cv.mean - expected)).toBeLessThan(5 * sd / Math.sqrt(n) + 1 / 200);
  });
  it('histogram total equals spike count', () => {
    const h = histogram(spikes, { dt, bin: 10, start: 0, stop: steps });
    expect(h.counts.length).toBe(1000);
    const total = Object.values(spikes).reduce((a, s) => a + s.length, 0);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(total);
  });
});
