import { describe, expect, it } from 'vitest';
import {
  Binomial, DiscreteUniform, Exponential, Gamma, LogNormal, Normal, Uniform, isDistribution,
} from '../../src/core/distributions.js';
import { RandomStream } from '../../src/random/stream.js';
import { NetworkError } from '../../src/errors.js';

function moments(xs: Float64Array): { mean: number; variance: number; min: number; max: number } {
  let s = 0, min = Infinity, max = -Infinity;
  for (const x of xs) { s += x; if (x < min) min = x; if (x > max) max = x; }
  const mean = s / xs.length;
  let v = 0; for (const x of xs) v += (x - mean) ** 2;
  return { mean, variance: v / (xs.length - 1), min, max };
}

const N = 100_000;
const rng = () => new RandomStream(2718, 1);

describe('distributions (ANNarchy semantics)', () => {
  it('Uniform(min, max): range, mean, min < max required', () => {
    const d = new Uniform(-1, 3);
    const m = moments(d.sample(N, rng()));
    expect(Math.abs(m.mean - 1)).toBeLessThan(5 * 4 * Math.sqrt(1 / 12 / N));
    expect(m.min).toBeGreaterThanOrEqual(-1);
    expect(m.max).toBeLessThan(3);
    expect([d.mean, d.min, d.max, d.upperBound()]).toEqual([1, -1, 3, 3]);
    expect(String(d)).toBe('Uniform(-1, 3)');
    expect(d.kind).toBe('Uniform');
    expect(d.args).toEqual([-1, 3]);
    expect(() => new Uniform(1, 1)).toThrow(NetworkError);
    expect(() => new Uniform(2, 1)).toThrow(/min must be smaller than max/);
    expect(() => new Uniform(0, NaN)).toThrow(NetworkError);
  });

  it('DiscreteUniform(min, max) includes max, integers only, equal frequencies', () => {
    const d = new DiscreteUniform(1, 4);
    const x = d.sample(N, rng());
    const counts = [0, 0, 0, 0];
    for (const v of x) { if (!Number.isInteger(v)) throw new Error(`${v} is not an integer`); counts[v - 1]++; }
    for (const c of counts) expect(Math.abs(c / N - 0.25)).toBeLessThan(5 * Math.sqrt(0.25 * 0.75 / N));
    expect(d.upperBound()).toBe(4);
    expect(String(new DiscreteUniform(3, 3))).toBe('DiscreteUniform(3, 3)');
    expect(Array.from(new DiscreteUniform(3, 3).sample(5, rng()))).toEqual([3, 3, 3, 3, 3]);
    expect(() => new DiscreteUniform(0.5, 2)).toThrow(NetworkError);
    expect(() => new DiscreteUniform(3, 2)).toThrow(NetworkError);
  });

  it('Normal(mu, sigma): moments; min/max clip to the bound (not resampled)', () => {
    const m = moments(new Normal(2, 0.5).sample(N, rng()));
    expect(Math.abs(m.mean - 2)).toBeLessThan(5 * 0.5 / Math.sqrt(N));
    expect(Math.abs(m.variance - 0.25)).toBeLessThan(5 * 0.25 * Math.sqrt(2 / N));
    const c = new Normal(0, 1, { min: -0.5, max: 1 });
    const x = c.sample(N, rng());
    let atMin = 0, atMax = 0;
    for (const v of x) { if (!(v >= -0.5 && v <= 1)) throw new Error(`${v} escaped the clip`); if (v === -0.5) atMin++; if (v === 1) atMax++; }
    // clipping piles up the tails on the bounds: P(z < -0.5) = 0.30854, P(z > 1) = 0.15866
    for (const [count, p] of [[atMin, 0.3085375387259869], [atMax, 0.15865525393145707]]) {
      expect(Math.abs(count / N - p)).toBeLessThan(5 * Math.sqrt(p * (1 - p) / N));
    }
    expect(String(c)).toBe('Normal(0, 1, min=-0.5, max=1)');
    expect(c.upperBound()).toBe(1);
    expect(new Normal(0, 1).upperBound()).toBeUndefined();
    expect(new Normal(0, 1, { min: 0 }).min).toBe(0);
    expect(() => new Normal(0, 1, { min: 2, max: 1 })).toThrow(NetworkError);
  });

  it('LogNormal(mu, sigma): mean exp(mu + sigma^2/2), positive', () => {
    const d = new LogNormal(0.1, 0.4);
    const m = moments(d.sample(N, rng()));
    const sd = Math.sqrt((Math.exp(0.16) - 1) * Math.exp(0.2 + 0.16));
    expect(Math.abs(m.mean - d.mean)).toBeLessThan(5 * sd / Math.sqrt(N));
    expect(m.min).toBeGreaterThan(0);
    expect(new LogNormal(0, 1, { max: 2 }).sample(1000, rng()).every((v) => v <= 2)).toBe(true);
  });

  it('Exponential(lambda) takes the RATE: mean 1/lambda (ANNarchy Python would give mean lambda)', () => {
    const d = new Exponential(5);
    const m = moments(d.sample(N, rng()));
    expect(Math.abs(m.mean - 0.2)).toBeLessThan(5 * 0.2 / Math.sqrt(N));
    expect(d.mean).toBe(0.2);
    expect(m.min).toBeGreaterThanOrEqual(0);
    expect(new Exponential(1, { max: 0.5 }).sample(1000, rng()).every((v) => v <= 0.5)).toBe(true);
    expect(new Exponential(1, { max: 0.5 }).upperBound()).toBe(0.5);
    expect(() => new Exponential(0)).toThrow(NetworkError);
  });

  it('Gamma(alpha, beta): shape and scale, mean alpha*beta, variance alpha*beta^2; beta defaults to 1', () => {
    for (const [a, b] of [[3, 2], [0.5, 1.5]]) {
      const m = moments(new Gamma(a, b).sample(N, rng()));
      expect(Math.abs(m.mean - a * b)).toBeLessThan(5 * Math.sqrt(a) * b / Math.sqrt(N));
      expect(Math.abs(m.variance - a * b * b)).toBeLessThan(5 * Math.sqrt((3 * a * (a + 2) - a * a) * b ** 4 / N));
      expect(m.min).toBeGreaterThanOrEqual(0);
    }
    expect(new Gamma(2).args).toEqual([2, 1]);
    expect(String(new Gamma(2, 3, { max: 10 }))).toBe('Gamma(2, 3, max=10)');
  });

  it('Binomial(n, p): mean np, variance np(1-p), support [0, n]', () => {
    for (const [n, p] of [[10, 0.2], [50, 0.9], [3000, 0.5]]) {
      const M = n > 1000 ? 20_000 : N;
      const d = new Binomial(n, p);
      const m = moments(d.sample(M, rng()));
      const v = n * p * (1 - p);
      expect(Math.abs(m.mean - n * p)).toBeLessThan(5 * Math.sqrt(v / M));
      expect(Math.abs(m.variance - v)).toBeLessThan(5 * Math.sqrt((3 * v * v + v) / M));
      expect(m.min).toBeGreaterThanOrEqual(0);
      expect(m.max).toBeLessThanOrEqual(n);
      expect(d.upperBound()).toBe(n);
    }
    expect(() => new Binomial(2.5, 0.5)).toThrow(NetworkError);
    expect(() => new Binomial(2, 1.5)).toThrow(NetworkError);
  });

  it('sampling is deterministic for a seeded stream', () => {
    const a = new Normal(0, 1).sample(100, new RandomStream(5));
    const b = new Normal(0, 1).sample(100, new RandomStream(5));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(new Uniform(0, 1).sample(0, rng()).length).toBe(0);
    expect(() => new Uniform(0, 1).sample(-1, rng())).toThrow(NetworkError);
  });

  it('kind/args/latex/isDistribution identify them', () => {
    const all = [new Uniform(0, 1), new DiscreteUniform(0, 2), new Normal(0, 1), new LogNormal(0, 1), new Exponential(1), new Gamma(1, 2), new Binomial(3, 0.5)];
    expect(all.map((d) => d.kind)).toEqual(['Uniform', 'DiscreteUniform', 'Normal', 'LogNormal', 'Exponential', 'Gamma', 'Binomial']);
    for (const d of all) {
      expect(isDistribution(d)).toBe(true);
      expect(d.latex()).toMatch(/^\$.*\$$/);
      expect(String(d)).toMatch(new RegExp(`^${d.kind}\\(`));
    }
    expect(new Normal(0, 1).latex()).toBe('$\\mathcal{N}(0, 1)$');
    expect(isDistribution({ sample: () => new Float64Array() })).toBe(false);
    expect(isDistribution(3)).toBe(false);
    expect(isDistribution(null)).toBe(false);
    expect(isDistribution({ kind: 'Normal', args: [0, 1], sample: () => new Float64Array() })).toBe(true);
  });
});
