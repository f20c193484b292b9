import { describe, expect, it } from 'vitest';
import { dog, gaussian, validateConnectivity } from '../../src/connectors/index.js';
import { NetworkError } from '../../src/errors.js';
import { TestRng, UniformSampler, denseWeights, population, view } from './helpers.js';

/** Normalised coordinates of a (3, 3) grid: rank = 3x + y → (x/2, y/2). */
const coord = (r: number): [number, number] => [Math.floor(r / 3) / 2, (r % 3) / 2];
const d2 = (a: number, b: number) => (coord(a)[0] - coord(b)[0]) ** 2 + (coord(a)[1] - coord(b)[1]) ** 2;

describe('gaussian', () => {
  it('matches a hand computation on a 3×3 grid (self excluded, limit applied)', () => {
    const pop = population([3, 3]);
    const amp = 2;
    const sigma = 0.3;
    const limit = 0.1;
    const c = gaussian(pop, pop, { amp, sigma, limit });
    validateConnectivity(c, { preSize: 9, postSize: 9 });
    const m = denseWeights(c, 9, 9, Number.NaN);
    for (let post = 0; post < 9; post++) {
      for (let pre = 0; pre < 9; pre++) {
        const w = amp * Math.exp(-d2(pre, post) / (2 * sigma * sigma));
        if (pre === post || !(w > limit * amp)) expect(m[post][pre]).toBeNaN();
        else expect(m[post][pre]).toBeCloseTo(w, 12);
      }
    }
    // Neighbours at distance 0.5: w = 2·exp(−0.25/0.18) ≈ 0.4988 > 0.2; diagonal (d² = 0.5): ≈ 0.0124 < 0.2.
    expect(m[4][1]).toBeCloseTo(2 * Math.exp(-0.25 / 0.18), 12);
    expect(m[4][0]).toBeNaN();
    expect(c.delays).toBe(0);
  });

  it('keeps the self-connection when allowed, and between different populations', () => {
    const pop = population([3, 3]);
    expect(denseWeights(gaussian(pop, pop, { amp: 1, sigma: 0.3, allowSelfConnections: true }), 9, 9)[4][4]).toBe(1);
    expect(denseWeights(gaussian(pop, population([3, 3]), { amp: 1, sigma: 0.3 }), 9, 9)[4][4]).toBe(1);
  });

  it('maps a dimension of size 1 to 0 and connects 1-D populations of different sizes', () => {
    const c = gaussian(population([1, 3]), population([1, 5]), { amp: 1, sigma: 0.5, limit: 0 });
    const m = denseWeights(c, 5, 3);
    expect(m[2][1]).toBe(1); // post (0, 0.5) and pre (0, 0.5)
    expect(m[0][2]).toBeCloseTo(Math.exp(-1 / 0.5), 12);
  });

  it('samples delays per synapse', () => {
    const c = gaussian(population([3, 3]), population([3, 3]), { amp: 1, sigma: 0.3, delays: new UniformSampler(1, 3) }, new TestRng());
    expect((c.delays as Float64Array).length).toBe(c.preRanks.length);
  });

  it('rejects views, mismatched dimensions and bad sigmas', () => {
    const pop = population([3, 3]);
    expect(() => gaussian(view(pop, [0, 1]), pop, { amp: 1, sigma: 0.1 })).toThrow(/gaussian: only whole populations/);
    expect(() => gaussian(population(9), pop, { amp: 1, sigma: 0.1 })).toThrow(/same number of dimensions/);
    expect(() => gaussian(pop, pop, { amp: 1, sigma: 0 })).toThrow(NetworkError);
  });
});

describe('dog', () => {
  it('matches a hand computation (|w| > limit·|A+ − A−|)', () => {
    const pre = population([3, 3]);
    const post = population([3, 3]);
    const o = { ampPos: 1, sigmaPos: 0.3, ampNeg: 0.5, sigmaNeg: 0.8, limit: 0.1 };
    const c = dog(pre, post, o);
    validateConnectivity(c);
    const m = denseWeights(c, 9, 9, Number.NaN);
    let kept = 0;
    for (let q = 0; q < 9; q++) {
      for (let r = 0; r < 9; r++) {
        const w = o.ampPos * Math.exp(-d2(r, q) / (2 * 0.09)) - o.ampNeg * Math.exp(-d2(r, q) / (2 * 0.64));
        if (Math.abs(w) > 0.05) {
          kept++;
          expect(m[q][r]).toBeCloseTo(w, 12);
        } else expect(m[q][r]).toBeNaN();
      }
    }
    expect(c.preRanks.length).toBe(kept);
    expect(Math.min(...(c.weights as Float64Array))).toBeLessThan(0); // the negative surround is kept
  });
});
