import { describe, expect, it } from 'vitest';
import { allToAll, delayToSteps, oneToOne, validateConnectivity } from '../../src/connectors/index.js';
import { NetworkError } from '../../src/errors.js';
import { CountingSampler, NormalSampler, TestRng, UniformSampler, population, rowsOf, view } from './helpers.js';

/** sum over synapses of w * r[pre] for each post rank of a population of size n. */
function sums(c: ReturnType<typeof allToAll>, r: number[], n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < c.postRanks.length; i++) {
    for (let k = c.rowPtr[i]; k < c.rowPtr[i + 1]; k++) out[c.postRanks[i]] += (typeof c.weights === 'number' ? c.weights : c.weights[k]) * r[c.preRanks[k]];
  }
  return out;
}

describe('allToAll', () => {
  it('connects every pre to every post between different populations (self allowed implicitly)', () => {
    const pre = population(5);
    const post = population(8);
    const c = allToAll(pre, post, { weights: 1 });
    validateConnectivity(c, { preSize: 5, postSize: 8 });
    expect(c.preRanks.length).toBe(40);
    expect(Array.from(c.postRanks)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(rowsOf(c)[5][1]).toEqual([0, 1, 2, 3, 4]); // A16: dendrite(5).pre_ranks
    expect(c.weights).toBe(1); // single shared weight
    expect(c.delays).toBe(0);
  });

  it('removes self-connections inside one population unless allowed', () => {
    const pop = population(10);
    const c = allToAll(pop, pop, { weights: 1 });
    expect(c.preRanks.length).toBe(90);
    expect(rowsOf(c)[3][1]).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]); // A16
    for (const [post, pres] of rowsOf(c)) expect(pres).not.toContain(post);
    expect(allToAll(pop, pop, { weights: 1, allowSelfConnections: true }).preRanks.length).toBe(100);
    // Views of the same population are resolved to it.
    const c2 = allToAll(view(pop, [0, 1, 2]), view(pop, [1, 2, 5]), {});
    expect(rowsOf(c2)).toEqual([[1, [0, 2]], [2, [0, 1]], [5, [0, 1, 2]]]);
  });

  it('forceMultipleWeights gives per-synapse weights', () => {
    const c = allToAll(population(3), population(2), { weights: 0.5, forceMultipleWeights: true });
    expect(c.weights).toBeInstanceOf(Float64Array);
    expect(Array.from(c.weights as Float64Array)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it('views (A7): pop1 (8, r = 0..7) to pop2 (6) with weight 0.1', () => {
    const pop1 = population(8);
    const pop2 = population(6);
    const r = [0, 1, 2, 3, 4, 5, 6, 7];
    const pre = view(pop1, [1, 2, 3]);
    const post = view(pop2, [1, 2]);
    sums(allToAll(pre, pop2, { weights: 0.1 }), r, 6).forEach((s) => expect(s).toBeCloseTo(0.6));
    const postv = sums(allToAll(pop1, post, { weights: 0.1 }), r, 6);
    [0, 2.8, 2.8, 0, 0, 0].forEach((v, i) => expect(postv[i]).toBeCloseTo(v));
    const both = allToAll(pre, post, { weights: 0.1 });
    expect(rowsOf(both)).toEqual([[1, [1, 2, 3]], [2, [1, 2, 3]]]);
    [0, 0.6, 0.6, 0, 0, 0].forEach((v, i) => expect(sums(both, r, 6)[i]).toBeCloseTo(v));
  });

  it('sorts unsorted view ranks', () => {
    const c = allToAll(view(population(8), [5, 1, 3]), view(population(4), [3, 0]), {});
    expect(rowsOf(c)).toEqual([[0, [1, 3, 5]], [3, [1, 3, 5]]]);
  });

  it('draws sampler weights per synapse, row by row, in synapse order', () => {
    const c = allToAll(population(3), population(2), { weights: new CountingSampler() }, new TestRng());
    expect(Array.from(c.weights as Float64Array)).toEqual([0, 1, 2, 3, 4, 5]);
    const d = allToAll(population(3), population(2), { weights: 1, delays: new UniformSampler(1, 5) }, new TestRng(3));
    const delays = d.delays as Float64Array;
    expect(delays.length).toBe(6);
    for (const x of delays) expect(x >= 1 && x < 5).toBe(true);
  });

  it('accepts per-synapse arrays and checks their length', () => {
    const c = allToAll(population(2), population(2), { weights: [1, 2, 3, 4], delays: [0, 1, 2, 3] });
    expect(Array.from(c.weights as Float64Array)).toEqual([1, 2, 3, 4]);
    expect(Array.from(c.delays as Float64Array)).toEqual([0, 1, 2, 3]);
    expect(() => allToAll(population(2), population(2), { weights: [1, 2, 3] })).toThrow(/allToAll: expected 4 weights/);
  });

  it('rejects negative delays, unbounded delay distributions and samplers without a random source', () => {
    expect(() => allToAll(population(2), population(2), { delays: -1 })).toThrow(/allToAll: delays must be >= 0 ms, got -1/);
    expect(() => allToAll(population(2), population(2), { delays: [0, 1, -2, 0] })).toThrow(NetworkError);
    expect(() => allToAll(population(2), population(2), { delays: new NormalSampler(5, 1) }, new TestRng())).toThrow(/unbounded/);
    expect(() => allToAll(population(2), population(2), { weights: new CountingSampler() })).toThrow(/random source/);
  });
});

describe('oneToOne', () => {
  it('connects post.ranks[k] to pre.ranks[k]', () => {
    const c = oneToOne(population(4), population(4), { weights: 2 });
    expect(rowsOf(c)).toEqual([[0, [0]], [1, [1]], [2, [2]], [3, [3]]]);
    expect(c.weights).toBe(2);
    const pop = population(4);
    expect(oneToOne(pop, pop).preRanks.length).toBe(4); // one-to-one onto itself keeps the "self" synapses
  });

  it('works on views, rows sorted by post rank (weights follow the synapse order)', () => {
    const c = oneToOne(view(population(10), [7, 2, 5]), view(population(6), [4, 0, 1]), { weights: [10, 20, 30] });
    expect(rowsOf(c)).toEqual([[0, [2]], [1, [5]], [4, [7]]]);
    expect(Array.from(c.weights as Float64Array)).toEqual([10, 20, 30]);
  });

  it('throws on a size mismatch', () => {
    expect(() => oneToOne(population(3), population(4))).toThrow(/oneToOne: pre and post must have the same size, got 3 pre and 4 post/);
  });
});

describe('delayToSteps', () => {
  it('rounds to the nearest multiple of dt, at least one step', () => {
    expect(delayToSteps(0, 1)).toBe(1);
    expect(delayToSteps(1, 1)).toBe(1);
    expect(delayToSteps(0.1, 0.1)).toBe(1);
    expect(delayToSteps(10, 1)).toBe(10);
    expect(delayToSteps(0.3, 0.1)).toBe(3);
    expect(delayToSteps(2.4, 1)).toBe(2);
    expect(delayToSteps(2.6, 1)).toBe(3);
    expect(() => delayToSteps(-1, 1)).toThrow(NetworkError);
    expect(() => delayToSteps(1, 0)).toThrow(/dt/);
  });
});
