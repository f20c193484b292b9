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
  it('parses every form, positional or named (same draws for the same parameters)', () => {
    const same = (x: string | number, y: string | number): void => { expect(draw(x, 50), `${x} vs ${y}`).toEqual(draw(y, 50)); };
    expect(Array.from(draw('zeros', 3))).toEqual([0, 0, 0]);
    expect(Array.from(draw('zeros()', 3))).toEqual([0, 0, 0]);
    expect(Array.from(draw('ones', 3))).toEqual([1, 1, 1]);
    expect(Array.from(draw(3.5, 2))).toEqual([3.5, 3.5]);
    expect(Array.from(draw(' -1.5e-3 ', 2))).toEqual([-0.0015, -0.0015]);
    same('uniform', 'uniform(0, 1)');
    same('random', 'uniform(low=0, high=1)');
    same('uniform(0.5, 1)', 'uniform(high=1, low=0.5)');
    same('uniform(2, high=3)', 'uniform(low=2, high=3)');
    same('normal(1, 0.1)', 'normal(loc=1,scale=0.1)');
    same('normal(mean=1, sd=2)', 'normal(1, 2)');
    same('normal(sd=3)', 'normal(0, 3)');
    same('np.random.normal(0, std=3)', 'normal(0, 3)');
    same('lognormal(mean=0, sigma=1)', 'lognormal');
    expect(parseSpec('uniform(0, 1)*0.5+0.1')).toMatchObject({ kind: 'binary', op: '+', left: { kind: 'binary', op: '*' } });
  });

  it('rejects anything else with an error naming the spec, the column and the fix', () => {
    const bad: [string, RegExp][] = [
      ['gauss(1, 2)', /'gauss\(1, 2\)', at column 1: unknown name 'gauss'; known: zeros, empty, ones, uniform/],
      ['ones()*', /at column 8: expected a number, a name or '\(' but found the end/],
      ['normal(loc=np.mean([1,2]))', /at column 20: unexpected character '\['/],
      ['uniform(a=1)', /at column 9: uniform\(\) has no parameter 'a' \(parameters: low, high\)/],
      ['uniform(1, 2, 3)', /at most 2 argument/],
      ['uniform(low=1, 2)', /column 16: a positional argument after a named one/],
      ['normal(1, sd=2, std=3)', /parameter 'scale' of normal\(\) given twice/],
      ['uniform(2, 1)', /high \(1\) is below low \(2\)/],
      ['normal(0, -1)', /scale \(sd\) must be ≥ 0/],
      ['normal(uniform(), 1)', /column 8: the arguments of normal\(\) must be constants/],
      ['uniform(size=3)', /'size' is set by vector\(\)\/matrix\(\)/],
      ['__import__("os")', /unknown name '__import__'/],
      ['uniform() uniform()', /column 11: unexpected 'uniform' after a complete expression/],
      ['(1 + 2', /expected '\)' but found the end/],
      ['', /the spec is empty/],
      ['3*int', /'int' alone is only a whole spec/],
      ['gamma()', /gamma\(\) needs its parameter 'shape'/],
    ];
    for (const [spec, re] of bad) {
      expect(() => draw(spec, 2), spec).toThrow(SpecError);
      expect(() => draw(spec, 2), spec).toThrow(re);
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
