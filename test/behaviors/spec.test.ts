import { describe, expect, it } from 'vitest';
import { Network, NeuronGroup, SpecError, fillSpec, parseSpec } from '../../src/behaviors/index.js';
import { RandomStream } from '../../src/random/stream.js';

const stats = (a: Float64Array): { mean: number; sd: number; min: number; max: number } => {
  let s = 0, s2 = 0, mn = Infinity, mx = -Infinity;
  for (const x of a) { s += x; s2 += x * x; mn = Math.min(mn, x); mx = Math.max(mx, x); }
  const mean = s / a.length;
  return { mean, sd: Math.sqrt(s2 / a.length - mean * mean), min: mn, max: mx };
};
const draw = (spec: string | number, n: number, seed = 7, opts = {}): Float64Array =>
  fillSpec(new Float64Array(n), spec, new RandomStream(seed), opts);

describe('spec language', () => {
  it('parses every form, positional or named', () => {
    expect(parseSpec('zeros')).toEqual({ kind: 'constant', value: 0 });
    expect(parseSpec('zeros()')).toEqual({ kind: 'constant', value: 0 });
    expect(parseSpec('ones')).toEqual({ kind: 'constant', value: 1 });
    expect(parseSpec(3.5)).toEqual({ kind: 'constant', value: 3.5 });
    expect(parseSpec(' -1.5e-3 ')).toEqual({ kind: 'constant', value: -0.0015 });
    expect(parseSpec('uniform')).toEqual({ kind: 'uniform', low: 0, high: 1 });
    expect(parseSpec('random')).toEqual({ kind: 'uniform', low: 0, high: 1 });
    expect(parseSpec('uniform(0.5, 1)')).toEqual({ kind: 'uniform', low: 0.5, high: 1 });
    expect(parseSpec('uniform(low=1,high=2)')).toEqual({ kind: 'uniform', low: 1, high: 2 });
    expect(parseSpec('uniform(2, high=3)')).toEqual({ kind: 'uniform', low: 2, high: 3 });
    expect(parseSpec('normal(1, 0.1)')).toEqual({ kind: 'normal', mean: 1, sd: 0.1 });
    expect(parseSpec('normal(mean=1, sd=2)')).toEqual({ kind: 'normal', mean: 1, sd: 2 });
    expect(parseSpec('normal(loc=1,scale=0.1)')).toEqual({ kind: 'normal', mean: 1, sd: 0.1 });
    expect(parseSpec('normal(sd=3)')).toEqual({ kind: 'normal', mean: 0, sd: 3 });
    expect(parseSpec('lognormal(mean=0, sigma=1)')).toEqual({ kind: 'lognormal', mean: 0, sigma: 1 });
    expect(parseSpec('lognormal(1, 0.5)')).toEqual({ kind: 'lognormal', mean: 1, sigma: 0.5 });
  });

  it('rejects anything else with an error naming the spec', () => {
    const bad: [string, RegExp][] = [
      ['gamma(1, 2)', /'gamma\(1, 2\)'.*unknown distribution 'gamma'/],
      ['ones()*3', /'ones\(\)\*3'.*cannot be parsed/],
      ['normal(loc=np.mean([1,2]))', /cannot be parsed/],
      ['uniform(a=1)', /'uniform' has no parameter 'a'/],
      ['uniform(1, 2, 3)', /at most 2 argument/],
      ['uniform(low=1, 2)', /positional argument '2' after a named one/],
      ['normal(1, sd=2, std=3)', /given twice/],
      ['uniform(1+1, 2)', /argument '1\+1' is not a number/],
      ['uniform(2, 1)', /high \(1\) is below low \(2\)/],
      ['normal(0, -1)', /sd must not be negative/],
      ['__import__("os")', /unknown distribution '__import__'/],
      ['', /cannot be parsed/],
    ];
    for (const [spec, re] of bad) {
      expect(() => parseSpec(spec), spec).toThrow(SpecError);
      expect(() => parseSpec(spec), spec).toThrow(re);
    }
    expect(() => draw('uniform', 3, 1, { density: 1.5 })).toThrow(/density must be a number in \[0, 1\]/);
    expect(() => parseSpec(NaN)).toThrow(/not a finite number/);
  });

  it('constants, scale, and density (fraction of non-zero entries)', () => {
    expect(Array.from(draw('ones', 3, 1, { scale: 2 }))).toEqual([2, 2, 2]);
    expect(Array.from(draw(-10, 2))).toEqual([-10, -10]);
    // density 0.1 over n = 100 000: the count of kept entries is Binomial(n, 0.1), sd = √(n·0.09) ≈ 95;
    // ±6 sd = ±570 entries.
    const n = 100_000;
    const a = draw('ones', n, 3, { density: 0.1 });
    const kept = a.filter((x) => x !== 0).length;
    expect(Math.abs(kept - 10_000)).toBeLessThan(570);
    expect(a.every((x) => x === 0 || x === 1)).toBe(true);
    expect(draw('uniform', 100, 3, { density: 0 }).every((x) => x === 0)).toBe(true);
  });

  it('is deterministic for a seed, and different seeds give different draws', () => {
    const mk = (seed: number) => {
      const net = new Network({ seed });
      const g = new NeuronGroup({ net, size: 50 });
      return [g.vector('uniform'), g.vector('normal(0, 1)', { density: 0.5 })];
    };
    expect(mk(42)).toEqual(mk(42));
    expect(mk(42)[0]).not.toEqual(mk(43)[0]);
    // two groups of one network draw from different streams
    const net = new Network({ seed: 1 });
    const a = new NeuronGroup({ net, size: 20 });
    const b = new NeuronGroup({ net, size: 20 });
    expect(a.vector('uniform')).not.toEqual(b.vector('uniform'));
  });

  it('uniform and normal draws have the right statistics', () => {
    // n = 200 000. Uniform(2, 5): mean 3.5, sd 3/√12 ≈ 0.866; the standard error of the mean is
    // 0.866/√n ≈ 0.0019, so ±0.012 is > 6 standard errors; the sd estimate's error is ~0.866/√(2n)·…,
    // well inside ±0.01.
    const n = 200_000;
    const u = stats(draw('uniform(2, 5)', n, 11));
    expect(Math.abs(u.mean - 3.5)).toBeLessThan(0.012);
    expect(Math.abs(u.sd - Math.sqrt(9 / 12))).toBeLessThan(0.01);
    expect(u.min).toBeGreaterThanOrEqual(2);
    expect(u.max).toBeLessThan(5);
    // Normal(1, 2): standard error of the mean 2/√n ≈ 0.0045 (±0.027 = 6 SE); of the sd ≈ 2/√(2n) ≈ 0.0032 (±0.02).
    const g = stats(draw('normal(mean=1, sd=2)', n, 12));
    expect(Math.abs(g.mean - 1)).toBeLessThan(0.027);
    expect(Math.abs(g.sd - 2)).toBeLessThan(0.02);
    // Lognormal(0, 0.5): mean exp(0.125) ≈ 1.1331, sd ≈ 0.6039; SE of the mean ≈ 0.0014 (±0.01).
    const l = stats(draw('lognormal(0, 0.5)', n, 13));
    expect(Math.abs(l.mean - Math.exp(0.125))).toBeLessThan(0.01);
    expect(l.min).toBeGreaterThan(0);
  });
});
