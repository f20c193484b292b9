import { describe, expect, it } from 'vitest';
import { fixedNumberPost, fixedNumberPre, fixedProbability, validateConnectivity } from '../../src/connectors/index.js';
import { NetworkError } from '../../src/errors.js';
import { CountingSampler, TestRng, population, rowsOf, view } from './helpers.js';

/** |n − pN| < 5·sqrt(Np(1−p)): a 5-sigma binomial tolerance. */
function expectBinomial(n: number, trials: number, p: number): void {
  expect(Math.abs(n - p * trials)).toBeLessThan(5 * Math.sqrt(trials * p * (1 - p)));
}

describe('fixedProbability', () => {
  it('creates about p·N_pre·N_post synapses between two populations', () => {
    const c = fixedProbability(population(1000), population(200), { probability: 0.1, weights: 1 }, new TestRng(42));
    validateConnectivity(c, { preSize: 1000, postSize: 200 });
    expectBinomial(c.preRanks.length, 200_000, 0.1);
    expect(c.weights).toBe(1);
  });

  it('excludes self-connections in one population (N(N−1) candidates) unless allowed', () => {
    const pop = population(300);
    const c = fixedProbability(pop, pop, { probability: 0.2 }, new TestRng(7));
    validateConnectivity(c, { preSize: 300, postSize: 300 });
    for (const [post, pres] of rowsOf(c)) expect(pres).not.toContain(post);
    expectBinomial(c.preRanks.length, 300 * 299, 0.2);
    const all = fixedProbability(pop, pop, { probability: 1, allowSelfConnections: true }, new TestRng(7));
    expect(all.preRanks.length).toBe(90_000);
    expect(fixedProbability(pop, pop, { probability: 1 }, new TestRng(7)).preRanks.length).toBe(300 * 299);
  });

  it('skips empty rows, sorts pre ranks, and is deterministic for a seed', () => {
    const pre = view(population(50), [40, 3, 17, 8, 29, 11]);
    const c = fixedProbability(pre, population(500), { probability: 0.05 }, new TestRng(1));
    validateConnectivity(c);
    expect(c.postRanks.length).toBeLessThan(500);
    for (const [, pres] of rowsOf(c)) for (const r of pres) expect([40, 3, 17, 8, 29, 11]).toContain(r);
    const again = fixedProbability(pre, population(500), { probability: 0.05 }, new TestRng(1));
    expect(Array.from(again.preRanks)).toEqual(Array.from(c.preRanks));
    expect(fixedProbability(population(10), population(10), { probability: 0 }, new TestRng()).postRanks.length).toBe(0);
  });

  it('draws sampler weights after the structure, in synapse order', () => {
    const c = fixedProbability(population(20), population(20), { probability: 0.3, weights: new CountingSampler(), forceMultipleWeights: true }, new TestRng(5));
    expect(Array.from(c.weights as Float64Array)).toEqual(Array.from({ length: c.preRanks.length }, (_, i) => i));
  });

  it('rejects a probability outside [0, 1]', () => {
    for (const p of [-0.1, 1.5, Number.NaN]) {
      expect(() => fixedProbability(population(3), population(3), { probability: p }, new TestRng())).toThrow(NetworkError);
    }
    expect(() => fixedProbability(population(3), population(3), { probability: 2 }, new TestRng())).toThrow(/fixedProbability: probability must be a number in \[0, 1\], got 2/);
  });
});

describe('fixedNumberPre', () => {
  it('gives every post neuron exactly `number` distinct pre neurons, never itself', () => {
    const pop = population(50);
    const c = fixedNumberPre(pop, pop, { number: 10, weights: 0.5 }, new TestRng(3));
    validateConnectivity(c, { preSize: 50, postSize: 50 });
    expect(c.postRanks.length).toBe(50);
    for (const [post, pres] of rowsOf(c)) {
      expect(pres.length).toBe(10);
      expect(new Set(pres).size).toBe(10);
      expect(pres).not.toContain(post);
    }
    const full = fixedNumberPre(pop, pop, { number: 49 }, new TestRng(3));
    for (const [post, pres] of rowsOf(full)) {
      expect(pres.length).toBe(49);
      expect(pres).not.toContain(post);
    }
  });

  it('chooses pre neurons uniformly', () => {
    const c = fixedNumberPre(population(20), population(2000), { number: 5 }, new TestRng(11));
    const counts = new Array<number>(20).fill(0);
    for (const r of c.preRanks) counts[r]++;
    for (const n of counts) expectBinomial(n, 2000, 0.25);
  });

  it('uses the ranks of views', () => {
    const c = fixedNumberPre(view(population(10), [2, 4, 6, 8]), view(population(5), [0, 3]), { number: 4 }, new TestRng());
    expect(rowsOf(c)).toEqual([[0, [2, 4, 6, 8]], [3, [2, 4, 6, 8]]]);
  });

  it('throws when there are not enough candidates', () => {
    const pop = population(5);
    expect(() => fixedNumberPre(pop, pop, { number: 5 }, new TestRng())).toThrow(/fixedNumberPre: cannot choose 5 distinct pre-synaptic neurons for post rank 0: only 4 available/);
    expect(fixedNumberPre(pop, pop, { number: 5, allowSelfConnections: true }, new TestRng()).preRanks.length).toBe(25);
    expect(() => fixedNumberPre(population(3), population(3), { number: 4 }, new TestRng())).toThrow(NetworkError);
    expect(() => fixedNumberPre(population(3), population(3), { number: 1.5 }, new TestRng())).toThrow(/number must be a non-negative integer/);
  });
});

describe('fixedNumberPost', () => {
  it('makes every pre neuron project to exactly `number` distinct post neurons', () => {
    const c = fixedNumberPost(population(40), population(30), { number: 7 }, new TestRng(9));
    validateConnectivity(c, { preSize: 40, postSize: 30 });
    expect(c.preRanks.length).toBe(280);
    const out = new Array<number>(40).fill(0);
    for (const r of c.preRanks) out[r]++;
    expect(out.every((n) => n === 7)).toBe(true);
  });

  it('excludes self-connections in one population', () => {
    const pop = population(20);
    const c = fixedNumberPost(pop, pop, { number: 19 }, new TestRng(2));
    expect(c.preRanks.length).toBe(380);
    for (const [post, pres] of rowsOf(c)) expect(pres).not.toContain(post);
    expect(() => fixedNumberPost(pop, pop, { number: 20 }, new TestRng())).toThrow(/fixedNumberPost: cannot choose 20 distinct post-synaptic neurons for pre rank 0: only 19 available/);
  });

  it('works on views', () => {
    const c = fixedNumberPost(view(population(6), [5, 0]), view(population(9), [8, 1, 4]), { number: 3 }, new TestRng());
    expect(rowsOf(c)).toEqual([[1, [0, 5]], [4, [0, 5]], [8, [0, 5]]]);
  });
});
