// PymoNNto's classical and paper examples and the SORN (examples/pymonnto/), each run in a short
// form through its run() and checked against analytic values, hand-written reference loops or the
// property the example is about. Behaviours run in JavaScript: no backend parameter.
import { describe, expect, it } from 'vitest';
import { run as equation } from '../../examples/pymonnto/equation.js';
import { run as lif } from '../../examples/pymonnto/lif.js';
import { run as izhikevich } from '../../examples/pymonnto/izhikevich.js';
import { run as hodgkinHuxley } from '../../examples/pymonnto/hodgkin_huxley.js';
import { run as hindmarshRose, countBursts } from '../../examples/pymonnto/hindmarsh_rose.js';
import { run as wangBuzsaki } from '../../examples/pymonnto/wang_buzsaki.js';
import { run as brunelHakim } from '../../examples/pymonnto/brunel_hakim.js';
import { run as synfire } from '../../examples/pymonnto/synfire.js';
import { run as hopfield, digit } from '../../examples/pymonnto/hopfield.js';
import { run as complex } from '../../examples/pymonnto/complex.js';
import { run as sorn } from '../../examples/pymonnto/sorn.js';

describe('PymoNNto examples (short runs)', () => {
  it('equation: explicit Euler is 0.999^n, exponential is e^(-t/tau), PymoNNto\'s modules lag one step (0.36806)', async () => {
    const e = await equation({ iterations: 1000, method: 'explicit' });
    expect(e.model).toBeCloseTo(0.999 ** 1000, 12);
    expect(e.modules).toBeCloseTo(0.999 ** 999, 12);
    expect(e.modules).toBeCloseTo(0.36806, 5); // PymoNNto's printed value (dossier §2.11)
    const x = await equation({ iterations: 1000, method: 'exponential' });
    expect(x.model).toBeCloseTo(Math.exp(-1), 12);
  });

  it('Hindmarsh–Rose: quiescent, bursting and tonic at I = 0.4, 2, 4, spike for spike as a plain Euler loop', async () => {
    const iterations = 100000;
    const r = await hindmarshRose({ iterations });
    // Reference: the same equations in a plain loop, outside the behaviour framework.
    const ref = [0.4, 2, 4].map((I) => {
      let x = -1.6, y = -10, z = 2, above = false;
      const times: number[] = [];
      for (let k = 1; k <= iterations; k++) {
        const [X, Y, Z] = [x, y, z];
        x = X + 0.01 * (Y - X ** 3 + 3 * X ** 2 - Z + I);
        y = Y + 0.01 * (1 - 5 * X ** 2 - Y);
        z = Z + 0.01 * 0.001 * (4 * (X + 1.6) - Z);
        if (x > 1 && !above) times.push(k);
        above = x > 1;
      }
      return { spikes: times.length, bursts: countBursts(times) };
    });
    expect(r.neurons.map((n) => ({ spikes: n.spikes, bursts: n.bursts }))).toEqual(ref);
    expect(r.neurons[0]!.spikes).toBe(0);
    expect(r.neurons[1]!.bursts).toBeGreaterThan(1);
    expect(r.neurons[2]!.bursts).toBe(1);
    expect(r.neurons[2]!.spikes).toBeGreaterThan(r.neurons[1]!.spikes);
  });

  it('Wang–Buzsáki: rest without current; with I_app = 2 a regular rate, spike times as a plain loop', async () => {
    const rest = await wangBuzsaki({ iterations: 5000, current: 0 });
    expect(rest.spikes.length).toBe(0);
    const r = await wangBuzsaki({ iterations: 5000, current: 2 });
    let V = -64, h = 0.78, n = 0.09, above = false;
    const times: number[] = [];
    for (let k = 1; k <= 5000; k++) {
      const am = -0.1 * (V + 35) / (Math.exp(-0.1 * (V + 35)) - 1), bm = 4 * Math.exp(-(V + 60) / 18);
      const ah = 0.07 * Math.exp(-(V + 58) / 20), bh = 1 / (Math.exp(-0.1 * (V + 28)) + 1);
      const an = -0.01 * (V + 34) / (Math.exp(-0.1 * (V + 34)) - 1), bn = 0.125 * Math.exp(-(V + 44) / 80);
      const m = am / (am + bm);
      const vNew = V + 0.01 * (2 - 35 * m ** 3 * h * (V - 55) - 9 * n ** 4 * (V + 90) - 0.1 * (V + 65));
      h += 0.01 * 5 * (ah * (1 - h) - bh * h);
      n += 0.01 * 5 * (an * (1 - n) - bn * n);
      V = vNew;
      if (V > -20 && !above) times.push(k * 0.01);
      above = V > -20;
    }
    expect(r.spikes).toEqual(times);
    const isi = r.spikes.slice(1).map((t, k) => t - r.spikes[k]!);
    // Regular firing: the intervals after the first agree within 1 %.
    expect(Math.max(...isi.slice(1)) / Math.min(...isi.slice(1))).toBeLessThan(1.01);
  });

  it('Hodgkin–Huxley compartments: every spike of compartment 0 reaches 19, with a delay that settles', async () => {
    const r = await hodgkinHuxley({ iterations: 15000 });
    expect(r.first.length).toBeGreaterThanOrEqual(5);
    // A spike takes ≈ 30 ms to reach compartment 19 while they come every ≈ 15 ms: two are on the way at the end.
    expect(r.first.length - r.last.length).toBeLessThanOrEqual(2);
    const delays = r.last.map((t, k) => t - r.first[k]!);
    // The first spike enters resting compartments, the later ones partly refractory ones: the
    // delay grows and settles (28.9, 29.6, …, 30.8 ms).
    for (let k = 1; k < delays.length; k++) expect(delays[k]!).toBeGreaterThanOrEqual(delays[k - 1]!);
    expect(delays.at(-1)! - delays.at(-2)!).toBeLessThan(0.1);
    expect(delays[0]!).toBeGreaterThan(19 * 0.5); // conduction takes time: over 0.5 ms per compartment
  });

  it('LIF and Izhikevich networks: asynchronous activity in the ranges their drives give', async () => {
    const l = await lif({ iterations: 300 });
    // The inhibitory units cannot fire faster than the climb from −80 to −30 mV allows (≈ 1.8 ms at I ≤ 90).
    expect(l.rateInh).toBeGreaterThan(200);
    expect(l.rateInh).toBeLessThan(1000 / 1.5);
    expect(l.rateExc).toBeGreaterThan(5);
    expect(l.rateExc).toBeLessThan(l.rateInh);
    const z = await izhikevich({ iterations: 400 });
    expect(z.rateExc).toBeGreaterThan(5);
    expect(z.rateExc).toBeLessThan(80);
    expect(z.burstFraction).toBeGreaterThan(0); // Izhikevich's network shows population bursts
  });

  it('Brunel–Hakim: sparse firing with a fast population oscillation near 1/(4 × delay)', async () => {
    const r = await brunelHakim({ iterations: 1500 });
    expect(r.rate).toBeLessThan(10); // the drive alone: 42 Hz
    expect(r.rate).toBeGreaterThan(1);
    expect(r.frequency).toBeGreaterThan(100);
    expect(r.frequency).toBeLessThan(180);
  });

  it('synfire chain: a full packet reaches the last group, a 30 % packet dies out', async () => {
    const r = await synfire({ iterations: 60 });
    expect(r.strong).toEqual(new Array(10).fill(100));
    expect(r.weak[0]).toBe(30);
    expect(r.weak.slice(3)).toEqual(new Array(7).fill(0));
  });

  it('Hopfield: both patterns recalled from 20 %-flipped cues; the energy reaches its analytic minimum', async () => {
    const r = await hopfield({ iterations: 500 });
    expect(r.recall).toEqual([1, 1, 1]);
    const p0 = digit(0), p1 = digit(1), N = 784;
    const dot = p0.reduce((s, x, k) => s + x * p1[k]!, 0);
    expect(r.energy.at(-1)!).toBeCloseTo(-0.5 * (N - 1) - 0.5 * (dot * dot / N - 1), 9);
  });

  it('STDP + homeostasis + normalisation: every afferent row sums to 10 while STDP moves the weights', async () => {
    const r = await complex({ iterations: 100 });
    expect(r.rowSums.length).toBeGreaterThan(90);
    for (const s of r.rowSums) expect(s).toBeCloseTo(10, 9);
    expect(r.changed).toBeGreaterThan(0.05);
    expect(r.activity).toBeGreaterThan(0);
    expect(Math.abs(r.meanVoltage)).toBeLessThan(0.1); // homeostasis holds v near its band of ±0.05
  });

  it('SORN: IP sets the rate to h_ip, SN the row sums to 1, and the state predicts the next letter better than the letter', async () => {
    const r = await sorn({ NE: 170, train: 2000, test: 1600 });
    expect(r.rate).toBeGreaterThan(0.08);
    expect(r.rate).toBeLessThan(0.12);
    expect(r.rowSums[0]).toBeCloseTo(1, 9);
    expect(r.rowSums[1]).toBeCloseTo(1, 9);
    expect(r.sorn).toBeGreaterThan(r.baseline + 0.15);
  });
});
