/**
 * The initial-value language (issue 22, PymoNNto §2.7): arithmetic on results, every distribution
 * with its moments checked over large draws, int/bool results, same(tag, attr), density and scale,
 * draw order and reproducibility.
 *
 * Tolerances: for n draws of a distribution with variance σ² and kurtosis κ (non-excess), the
 * sample mean has standard error σ/√n and the sample variance σ²·√((κ − 1)/n); every check allows
 * 6 standard errors (a false failure has probability ~2e-9 per check).
 */
import { describe, expect, it } from 'vitest';
import { Behavior, Network, NeuronGroup, SynapseGroup, fillSpec } from '../../src/behaviors/index.js';
import { RandomStream } from '../../src/random/stream.js';

const draw = (spec: string | number, n: number, seed = 7, opts = {}): Float64Array =>
  fillSpec(new Float64Array(n), spec, new RandomStream(seed), opts);

function moments(a: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  const mean = s / a.length;
  let v = 0;
  for (let i = 0; i < a.length; i++) v += (a[i]! - mean) ** 2;
  return { mean, variance: v / (a.length - 1) };
}

describe('arithmetic on results', () => {
  it('constants and precedence follow Python', () => {
    const one = (spec: string): number => draw(spec, 1)[0]!;
    expect(one('3*ones()')).toBe(3);
    expect(one('ones()*3')).toBe(3); // PymoNNto: SyntaxError
    expect(one('1 + 2 * 3')).toBe(7);
    expect(one('(1 + 2) * 3')).toBe(9);
    expect(one('-2**2')).toBe(-4);
    expect(one('2**3**2')).toBe(512);
    expect(one('7 // 2')).toBe(3);
    expect(one('-7 // 2')).toBe(-4);
    expect(one('-7 % 3')).toBe(2);
    expect(one('2*pi')).toBe(2 * Math.PI);
    expect(one('exp(1) - e')).toBe(0);
    expect(one('clip(5, 0, 2) + maximum(1, 3) + minimum(1, 3) + power(2, 10) + abs(-1)')).toBe(2 + 3 + 1 + 1024 + 1);
    expect(one('round(2.5) + round(3.5) + rint(-0.5)')).toBe(2 + 4 + -0); // half to even
    expect(one('3 > 2') + one('3 < 2') + one('2 == 2')).toBe(2);
    expect(one('True + True')).toBe(2);
  });

  it("'uniform(0, 1)*0.5+0.1' is 0.5·u + 0.1 of the very draws of 'uniform(0, 1)'", () => {
    const u = draw('uniform(0, 1)', 1000, 3);
    const y = draw('uniform(0, 1)*0.5+0.1', 1000, 3);
    expect(Array.from(y)).toEqual(Array.from(u, (x) => x * 0.5 + 0.1));
    expect(Math.min(...y)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...y)).toBeLessThan(0.6);
  });

  it('draws happen left to right, element after element', () => {
    const n = 50;
    const y = draw('uniform(0, 1) - 2*normal(0, 1)', n, 5);
    const rng = new RandomStream(5);
    for (let i = 0; i < n; i++) {
      const a = rng.uniform();
      const b = rng.normal();
      expect(y[i]).toBe(a - 2 * b);
    }
    // with a density: one uniform for the mask, then the expression only for kept entries
    const z = draw('uniform(2, 3)*2', n, 6, { density: 0.5, scale: 3 });
    const r2 = new RandomStream(6);
    for (let i = 0; i < n; i++) expect(z[i]).toBe(r2.uniform() < 0.5 ? (2 + r2.uniform()) * 2 * 3 : 0);
  });

  it('where() evaluates both branches (the draw order does not depend on the condition)', () => {
    const y = draw('where(uniform() < 0.5, 1, normal(10, 1))', 2000, 9);
    const ones = y.filter((x) => x === 1).length;
    // Binomial(2000, 0.5): sd 22.4, ±6 sd
    expect(Math.abs(ones - 1000)).toBeLessThan(135);
    expect(y.filter((x) => x !== 1).every((x) => x > 4 && x < 16)).toBe(true);
  });
});

/**
 * Each row: spec, mean, variance, kurtosis (non-excess; undefined: the variance is not checked —
 * heavy tails or no closed form used here), and an optional support check.
 */
const lgamma = (x: number): number => {
  // Stirling series, accurate to ~1e-10 for x ≥ 5 after shifting
  let s = 0;
  while (x < 7) { s -= Math.log(x); x += 1; }
  return s + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
};
const G = (x: number): number => Math.exp(lgamma(x));
const lognormalKurt = (s2: number): number => Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3;
const betaMoments = (a: number, b: number): [number, number, number] => {
  const m = a / (a + b);
  const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
  const ex = (6 * ((a - b) ** 2 * (a + b + 1) - a * b * (a + b + 2))) / (a * b * (a + b + 2) * (a + b + 3));
  return [m, v, ex + 3];
};
const CASES: [string, number, number, number | undefined, ((x: number) => boolean)?][] = [
  ['uniform(2, 5)', 3.5, 9 / 12, 1.8, (x) => x >= 2 && x < 5],
  ['normal(loc=1, scale=2)', 1, 4, 3],
  ['normal(mean=-1, std=0.5)', -1, 0.25, 3],
  ['standard_normal', 0, 1, 3],
  ['lognormal(mean=0.2, sigma=0.5)', Math.exp(0.2 + 0.125), (Math.exp(0.25) - 1) * Math.exp(0.4 + 0.25), lognormalKurt(0.25), (x) => x > 0],
  ['lognormal_rm(mean=2, sigma=0.5)', 2, 4 * (Math.exp(0.25) - 1), lognormalKurt(0.25), (x) => x > 0],
  ['lognormal_real_mean(0.5, 0.3)', 0.5, 0.25 * (Math.exp(0.09) - 1), lognormalKurt(0.09)],
  ['uniform_gap(mean=4, gap_percent=10)', 4, 0.8 ** 2 / 12, 1.8, (x) => x >= 3.6 && x < 4.4],
  ['exponential(scale=2)', 2, 4, 9, (x) => x >= 0],
  ['standard_exponential', 1, 1, 9],
  ['gamma(shape=3, scale=2)', 6, 12, 3 + 6 / 3, (x) => x > 0],
  ['gamma(0.5)', 0.5, 0.5, 3 + 6 / 0.5, (x) => x >= 0],
  ['standard_gamma(2)', 2, 2, 6],
  ['beta(2, 5)', ...betaMoments(2, 5), (x) => x >= 0 && x <= 1],
  ['chisquare(4)', 4, 8, 3 + 12 / 4],
  ['standard_t(10)', 0, 10 / 8, 3 + 6 / 6],
  ['laplace(1, 2)', 1, 8, 6],
  ['logistic(0, 1)', 0, Math.PI ** 2 / 3, 4.2],
  ['gumbel(1, 2)', 1 + 2 * 0.5772156649015329, (Math.PI ** 2 / 6) * 4, 5.4],
  ['rayleigh(2)', 2 * Math.sqrt(Math.PI / 2), ((4 - Math.PI) / 2) * 4, 3 + (-(6 * Math.PI ** 2) + 24 * Math.PI - 16) / (4 - Math.PI) ** 2],
  ['weibull(2)', G(1.5), G(2) - G(1.5) ** 2, undefined, (x) => x >= 0],
  ['pareto(5)', 1 / 4, 5 / (16 * 3), undefined, (x) => x >= 0],
  ['triangular(0, 1, 4)', 5 / 3, (0 + 1 + 16 - 0 - 0 - 4) / 18, 2.4, (x) => x >= 0 && x <= 4],
  ['wald(2, 8)', 2, 8 / 8, 3 + 15 * 2 / 8, (x) => x > 0],
  ['poisson(3)', 3, 3, 3 + 1 / 3, Number.isInteger],
  ['poisson(lam=50)', 50, 50, 3 + 1 / 50, Number.isInteger],
  ['binomial(20, 0.3)', 6, 4.2, 3 + (1 - 6 * 0.21) / 4.2, (x) => Number.isInteger(x) && x >= 0 && x <= 20],
  ['binomial(n=40, p=0.9)', 36, 3.6, 3 + (1 - 6 * 0.09) / 3.6, (x) => Number.isInteger(x) && x <= 40],
  ['negative_binomial(3, 0.4)', 3 * 0.6 / 0.4, 3 * 0.6 / 0.16, 3 + 6 / 3 + 0.16 / (3 * 0.6), Number.isInteger],
  ['geometric(0.25)', 4, 0.75 / 0.0625, 3 + 6 + 0.0625 / 0.75, (x) => Number.isInteger(x) && x >= 1],
  ['randint(3, 9)', 5.5, (36 - 1) / 12, 3 - (6 * 37) / (5 * 35), (x) => Number.isInteger(x) && x >= 3 && x < 9],
  ['randint(4)', 1.5, (16 - 1) / 12, 3 - (6 * 17) / (5 * 15), (x) => Number.isInteger(x) && x >= 0 && x < 4],
  ['bernoulli(0.2)', 0.2, 0.16, 3 + (1 - 6 * 0.16) / 0.16, (x) => x === 0 || x === 1],
  ['3*uniform(0, 1)**2', 1, 9 * (1 / 5 - 1 / 9), undefined, (x) => x >= 0 && x < 3],
];

describe('every distribution has its moments (6 standard errors over 100 000 draws)', () => {
  const n = 100_000;
  for (const [spec, mean, variance, kurt, support] of CASES) {
    it(spec, () => {
      const a = draw(spec, n, 17);
      const m = moments(a);
      const seMean = Math.sqrt(variance / n);
      expect(Math.abs(m.mean - mean), `mean ${m.mean} vs ${mean}`).toBeLessThan(6 * seMean);
      if (kurt !== undefined) {
        const seVar = variance * Math.sqrt((kurt - 1) / n);
        expect(Math.abs(m.variance - variance), `variance ${m.variance} vs ${variance}`).toBeLessThan(6 * seVar);
      }
      if (support) expect(a.every(support)).toBe(true);
    });
  }
});

describe('int and bool results', () => {
  it("'int' and 'bool' are zeros of that type (PymoNNto vector(int), vector(bool))", () => {
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, size: 4 });
    const i = g.vector('int');
    const b = g.vector('bool');
    expect(i).toBeInstanceOf(Int32Array);
    expect(b).toBeInstanceOf(Uint8Array);
    expect(Array.from(i)).toEqual([0, 0, 0, 0]);
    expect(Array.from(b)).toEqual([0, 0, 0, 0]);
  });

  it('int(…) truncates toward zero and bool(…) gives 0/1, with the expected frequencies', () => {
    const net = new Network({ seed: 2 });
    const g = new NeuronGroup({ net, size: 100_000 });
    const digits = g.vector('int(uniform(0, 10))');
    expect(digits).toBeInstanceOf(Int32Array);
    const counts = new Array<number>(10).fill(0);
    for (const d of digits) counts[d]!++;
    // each digit: Binomial(1e5, 0.1), sd ≈ 94.9; ±6 sd
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(570);
    const mask = g.vector('bool(uniform() < 0.3)');
    expect(mask).toBeInstanceOf(Uint8Array);
    const ones = mask.reduce((s, x) => s + x, 0);
    // Binomial(1e5, 0.3): sd ≈ 144.9; ±6 sd
    expect(Math.abs(ones - 30_000)).toBeLessThan(870);
    expect(Array.from(g.vector('int(-2.7)').subarray(0, 1))).toEqual([-2]);
    // the dtype option converts any spec
    const asInt = g.vector('uniform(0, 3)', { dtype: 'int' });
    expect(asInt).toBeInstanceOf(Int32Array);
    expect(asInt.every((x) => x >= 0 && x <= 2)).toBe(true);
  });

  it("matrix('bool(…)') is a 0/1 mask matrix for synapse.enabled", () => {
    const net = new Network({ seed: 3 });
    const a = new NeuronGroup({ net, size: 300 });
    const s = new SynapseGroup({ net, src: a, dst: a });
    const m = s.matrix('bool(uniform() < 0.1)');
    expect(m.data).toBeInstanceOf(Uint8Array);
    // Binomial(90 000, 0.1): sd 90; ±6 sd
    expect(Math.abs(m.countNonzero() - 9000)).toBeLessThan(540);
  });
});

describe('same(tag, attribute)', () => {
  it("copies another group's attribute, usable in arithmetic", async () => {
    const net = new Network({ seed: 4 });
    const exc = new NeuronGroup({ net, tag: 'exc', size: 5 });
    exc.threshold = exc.vector('uniform(0.5, 1)');
    const inh = new NeuronGroup({ net, tag: 'inh', size: 5 });
    const t = inh.vector('same(exc, threshold)');
    expect(Array.from(t)).toEqual(Array.from(exc.threshold as Float64Array));
    expect(t).not.toBe(exc.threshold); // a copy
    expect(Array.from(inh.vector("2*same('exc', 'threshold') + 1"))).toEqual(Array.from(exc.threshold as Float64Array, (x) => 2 * x + 1));
    exc.gain = 3;
    expect(Array.from(inh.vector('same(exc, gain)'))).toEqual([3, 3, 3, 3, 3]);
  });

  it('reaches behaviour parameters, and a behaviour argument may be a same() string', async () => {
    class Threshold extends Behavior {
      override initialize(n: NeuronGroup): void { n.threshold = this.parameterArray('threshold', 0.5, n); }
    }
    const net = new Network({ seed: 5 });
    const exc = new NeuronGroup({ net, tag: 'exc', size: 3, behavior: { 1: new Threshold({ threshold: 'uniform(1, 2)', tag: 'TH' }) } });
    const inh = new NeuronGroup({ net, tag: 'inh', size: 3, behavior: { 2: new Threshold({ threshold: 'same(exc, threshold)*0.5' }) } });
    await net.initialize();
    expect(Array.from(inh.threshold as Float64Array)).toEqual(Array.from(exc.threshold as Float64Array, (x) => x * 0.5));
    expect(exc.threshold.every((x: number) => x >= 1 && x < 2)).toBe(true);
  });

  it('errors name the tag, the attribute and the sizes', () => {
    const net = new Network({ seed: 6 });
    const a = new NeuronGroup({ net, tag: 'A', size: 3 });
    a.v = a.vector();
    const b = new NeuronGroup({ net, tag: 'B', size: 4 });
    expect(() => b.vector('same(C, v)')).toThrow(/same\(C, v\): nothing is tagged 'C'/);
    expect(() => b.vector('same(A, w)')).toThrow(/'A' has no attribute 'w' \(state: v\)/);
    expect(() => b.vector('same(A, v)')).toThrow(/the attribute has 3 values, this spec fills 4/);
    expect(() => b.vector('same(A)')).toThrow(/same\(\) takes two arguments/);
  });
});

describe('names are looked up as the language has them, not as JavaScript objects do', () => {
  it("'constructor', 'toString', '__proto__' are unknown names (an object's prototype is not part of the language)", () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'constructor(1)']) {
      expect(() => draw(name, 3), name).toThrow(/unknown|not a|cannot/i);
    }
  });
});

describe('density and scale', () => {
  it('a density per row of a matrix: row i keeps entries with probability density[i]', () => {
    const net = new Network({ seed: 8 });
    const src = new NeuronGroup({ net, size: 20_000 });
    const dst = new NeuronGroup({ net, size: 3 });
    const s = new SynapseGroup({ net, src, dst });
    const m = s.matrix('ones', { density: [0, 1, 0.25], scale: 2 });
    const rowCount = (i: number): number => m.row(i).filter((x) => x !== 0).length;
    expect(rowCount(0)).toBe(0);
    expect(rowCount(1)).toBe(20_000);
    // Binomial(20 000, 0.25): sd ≈ 61; ±6 sd
    expect(Math.abs(rowCount(2) - 5000)).toBeLessThan(370);
    expect(m.row(1).every((x) => x === 2)).toBe(true);
    expect(() => s.matrix('ones', { density: [0.5, 0.5] })).toThrow(/density has 2 values; give one per entry \(60000\) or one per row \(3\)/);
  });

  it('dense and sparse matrices hold the same values for an expression with a density', () => {
    const build = (sparse: boolean) => {
      const net = new Network({ seed: 9 });
      const a = new NeuronGroup({ net, size: 40 });
      const s = new SynapseGroup({ net, src: a, dst: a });
      return sparse ? s.matrix('uniform(0, 1)*0.5+0.1', { density: 0.2, sparse: true }).toDense() : s.matrix('uniform(0, 1)*0.5+0.1', { density: 0.2 });
    };
    expect(build(true).toArray()).toEqual(build(false).toArray());
  });

  it('reproducible for a seed, different across seeds', () => {
    const v = (seed: number) => {
      const net = new Network({ seed });
      return new NeuronGroup({ net, size: 100 }).vector('gamma(2, 1) + poisson(60)*0.01 - binomial(5, 0.5)');
    };
    expect(v(11)).toEqual(v(11));
    expect(v(11)).not.toEqual(v(12));
  });
});

describe("Behavior.parameter(key, default, host): PymoNNto's diversity strings", () => {
  it('a number stays a number; a spec string becomes one value per neuron', async () => {
    class Th extends Behavior {
      override initialize(n: NeuronGroup): void {
        n.th = this.parameter('th', 0.5, n);
        n.k = this.parameter('k', 2, n);
        n.pct = this.parameter('pct', 1, n);
      }
    }
    const net = new Network({ seed: 21 });
    const g = new NeuronGroup({ net, size: 1000, behavior: { 1: new Th({ th: 'uniform(1, 2)', k: '7', pct: '50%' }) } });
    await net.initialize();
    expect(g.th).toBeInstanceOf(Float64Array);
    expect(g.th.every((x: number) => x >= 1 && x < 2)).toBe(true);
    expect(g.k).toBe(7);
    expect(g.pct).toBe(0.5);
  });
});
