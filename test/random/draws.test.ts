import { describe, expect, it } from 'vitest';
import {
  binomialAt, discreteUniformAt, drawAt, drawBlock, exponentialAt, fillDraws, fillNormal, fillUniform, gammaAt,
  logNormalAt, normalAt, normalMSAt, normalPairAt, uniformAt, uniformF32At, uniformRangeAt,
} from '../../src/random/draws.js';
import { philox } from '../../src/random/philox.js';

const SEED = 1234;

/** Mean and unbiased variance. */
function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i];
  const mean = s / xs.length;
  let v = 0; for (let i = 0; i < xs.length; i++) v += (xs[i] - mean) ** 2;
  return { mean, variance: v / (xs.length - 1) };
}

function minOf(xs: ArrayLike<number>): number { let m = Infinity; for (let i = 0; i < xs.length; i++) if (xs[i] < m || Object.is(xs[i], -0)) m = xs[i]; return m; }
function maxOf(xs: ArrayLike<number>): number { let m = -Infinity; for (let i = 0; i < xs.length; i++) if (xs[i] > m) m = xs[i]; return m; }

/** N draws of f(index) at step 0. */
function draws(n: number, f: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}

describe('counter layout', () => {
  it('uniformAt is the documented function of Philox(counter = (index, stepLo, stepHi, drawId), key = (seed, stream))', () => {
    const step = 2 ** 40 + 17;
    const b = philox([99, step >>> 0, Math.floor(step / 2 ** 32), 5], [SEED, 3]);
    const expected = ((b[0] >>> 11) * 2 ** 32 + b[1]) / 2 ** 53;
    expect(uniformAt(SEED, 3, 99, step, 5)).toBe(expected);
    expect(uniformF32At(SEED, 3, 99, step, 5)).toBe((b[0] >>> 8) / 2 ** 24);
    expect(Math.fround(uniformF32At(SEED, 3, 99, step, 5))).toBe(uniformF32At(SEED, 3, 99, step, 5));
  });

  it('puts the sub-counter in the high 16 bits of counter word 3', () => {
    const out = new Uint32Array(4);
    drawBlock(SEED, 1, 2, 3, 4, 5, out);
    expect(Array.from(out)).toEqual(Array.from(philox([2, 3, 0, (5 << 16) | 4], [SEED, 1])));
  });

  it('every field of the tuple changes the draw', () => {
    const base = uniformAt(7, 1, 2, 3, 4);
    expect(uniformAt(7, 1, 2, 3, 4)).toBe(base);
    for (const u of [uniformAt(8, 1, 2, 3, 4), uniformAt(7, 2, 2, 3, 4), uniformAt(7, 1, 3, 3, 4), uniformAt(7, 1, 2, 4, 4),
      uniformAt(7, 1, 2, 3, 5), uniformAt(7, 1, 2, 3 + 2 ** 32, 4)]) expect(u).not.toBe(base);
  });

  it('normals follow the documented Box-Muller layout (to 1e-15 against Math.log/Math.cos)', () => {
    const pair = new Float64Array(2);
    for (let i = 0; i < 2000; i++) {
      const b = philox([i, 11, 0, 2], [SEED, 4]);
      const u1 = ((b[0] >>> 11) * 2 ** 32 + b[1] + 1) / 2 ** 53;
      const u2 = ((b[2] >>> 11) * 2 ** 32 + b[3]) / 2 ** 53;
      const r = Math.sqrt(-2 * Math.log(u1));
      normalPairAt(SEED, 4, i, 11, 2, pair);
      expect(pair[0]).toBe(normalAt(SEED, 4, i, 11, 2));
      expect(Math.abs(pair[0] - r * Math.cos(2 * Math.PI * u2))).toBeLessThan(1e-14 * Math.max(1, r));
      expect(Math.abs(pair[1] - r * Math.sin(2 * Math.PI * u2))).toBeLessThan(1e-14 * Math.max(1, r));
    }
  });
});

describe('frozen values (any change here breaks reproducibility of saved runs and must be deliberate)', () => {
  const hex = (v: number) => new BigUint64Array(new Float64Array([v]).buffer)[0].toString(16).padStart(16, '0');
  it('uniformAt(0, 0, 0, 0, 0) is built from the Random123 zero vector 6627e8d5 e169c58d', () => {
    expect(uniformAt(0, 0, 0, 0, 0)).toBe(((0x6627e8d5 >>> 11) * 2 ** 32 + 0xe169c58d) / 2 ** 53);
  });
  it('golden draws', () => {
    expect([
      hex(uniformAt(0, 0, 0, 0, 0)), hex(uniformAt(42, 7, 1000, 123456, 3)), hex(normalAt(0, 0, 0, 0, 0)), hex(normalAt(42, 7, 1000, 123456, 3)),
      hex(gammaAt(2.5, 1, 42, 7, 1000, 123456, 3)), binomialAt(50, 0.3, 42, 7, 1000, 123456, 3), hex(exponentialAt(2, 42, 7, 1000, 123456, 3)),
    ]).toEqual(['3fd989fbc2d38b1a', '3fe4025a536f7b88', 'bfbf1bc7ae8609b5', '3fee90e9dbfe56bd', '3ff7772d65b2192f', 16, '3fce0d031a193d68']);
  });
});

describe('vectorised fills', () => {
  it('fillUniform(out)[i] === uniformAt(i) for every i, including huge steps', () => {
    for (const step of [0, 1, 999, 2 ** 32 + 3, 2 ** 53 - 1]) {
      const out = fillUniform(new Float64Array(5000), 77, 9, step, 3);
      for (let i = 0; i < out.length; i++) if (out[i] !== uniformAt(77, 9, i, step, 3)) throw new Error(`differs at ${i}, step ${step}`);
    }
  });

  it('fillNormal(out)[i] === normalAt(i) for every i', () => {
    const out = fillNormal(new Float64Array(5000), 77, 9, 12, 3);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBe(normalAt(77, 9, i, 12, 3));
  });

  it('fillDraws equals drawAt for every distribution', () => {
    const cases: [Parameters<typeof drawAt>[0], number[]][] = [
      ['Uniform', [-2, 3]], ['Normal', [1, 2]], ['LogNormal', [0, 0.5]], ['DiscreteUniform', [0, 9]],
      ['Exponential', [2]], ['Gamma', [2.5, 1.5]], ['Binomial', [30, 0.2]],
    ];
    for (const [dist, args] of cases) {
      const out = fillDraws(new Float64Array(500), dist, args, 5, 6, 7, 8);
      for (let i = 0; i < out.length; i++) expect(out[i]).toBe(drawAt(dist, args, 5, 6, i, 7, 8));
    }
  });
});

describe('statistics (N = 200 000, tolerances of 5 standard errors)', () => {
  const N = 200_000;

  it('uniform: mean 1/2, variance 1/12, values in [0, 1)', () => {
    const u = fillUniform(new Float64Array(N), SEED, 1, 0, 0);
    const { mean, variance } = moments(u);
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    // Var of the sample variance of U(0,1): (1/80 - 1/144)/N
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / N));
    expect(minOf(u)).toBeGreaterThanOrEqual(0);
    expect(maxOf(u)).toBeLessThan(1);
  });

  it('the same element over successive steps is uniform too (no correlation along time)', () => {
    const u = draws(N, (t) => uniformAt(SEED, 1, 42, t, 0));
    expect(Math.abs(moments(u).mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    // lag-1 autocorrelation: standard error 1/sqrt(N)
    let c = 0; for (let t = 1; t < N; t++) c += (u[t] - 0.5) * (u[t - 1] - 0.5);
    expect(Math.abs(c / (N - 1) / (1 / 12))).toBeLessThan(5 / Math.sqrt(N));
  });

  it('normal: mean 0, variance 1, and the sin half of the pair is N(0,1) and uncorrelated with the cos half', () => {
    const z = fillNormal(new Float64Array(N), SEED, 2, 0, 0);
    const { mean, variance } = moments(z);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    const pair = new Float64Array(2);
    const z1 = new Float64Array(N);
    let cross = 0;
    for (let i = 0; i < N; i++) { normalPairAt(SEED, 2, i, 0, 0, pair); z1[i] = pair[1]; cross += pair[0] * pair[1]; }
    const m1 = moments(z1);
    expect(Math.abs(m1.mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(m1.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(cross / N)).toBeLessThan(5 / Math.sqrt(N));
    // tails: P(|z| > 3) = 0.0026998
    let tail = 0; for (let i = 0; i < N; i++) if (Math.abs(z[i]) > 3) tail++;
    const p = 0.0026998;
    expect(Math.abs(tail / N - p)).toBeLessThan(5 * Math.sqrt(p * (1 - p) / N));
  });

  it('Uniform(a, b) and Normal(m, s) scale as documented', () => {
    const u = draws(N, (i) => uniformRangeAt(-3, 5, SEED, 3, i, 0, 0));
    expect(Math.abs(moments(u).mean - 1)).toBeLessThan(5 * 8 * Math.sqrt(1 / 12 / N));
    expect(minOf(u)).toBeGreaterThanOrEqual(-3);
    expect(maxOf(u)).toBeLessThan(5);
    const z = draws(N, (i) => normalMSAt(10, 3, SEED, 3, i, 0, 1));
    const m = moments(z);
    expect(Math.abs(m.mean - 10)).toBeLessThan(5 * 3 / Math.sqrt(N));
    expect(Math.abs(m.variance - 9)).toBeLessThan(5 * 9 * Math.sqrt(2 / N));
  });

  it('LogNormal(m, s): mean exp(m + s^2/2)', () => {
    const m = 0.2, s = 0.5;
    const x = draws(N, (i) => logNormalAt(m, s, SEED, 4, i, 0, 0));
    const mean = Math.exp(m + s * s / 2);
    const sd = Math.sqrt((Math.exp(s * s) - 1) * Math.exp(2 * m + s * s));
    expect(Math.abs(moments(x).mean - mean)).toBeLessThan(5 * sd / Math.sqrt(N));
  });

  it('Exponential(lambda): lambda is the rate, mean 1/lambda, sd 1/lambda', () => {
    const lambda = 4;
    const x = draws(N, (i) => exponentialAt(lambda, SEED, 5, i, 0, 0));
    const { mean, variance } = moments(x);
    expect(Math.abs(mean - 1 / lambda)).toBeLessThan(5 * (1 / lambda) / Math.sqrt(N));
    // Var of the sample variance of Exp(l): (mu4 - sigma^4)/N = (9 - 1)/l^4/N
    expect(Math.abs(variance - 1 / lambda ** 2)).toBeLessThan(5 * Math.sqrt(8 / N) / lambda ** 2);
    expect(minOf(x)).toBeGreaterThanOrEqual(0);
    expect(Object.is(minOf(x), -0)).toBe(false);
  });

  it('Gamma(k, theta): mean k*theta, variance k*theta^2, for k >= 1 and k < 1', () => {
    for (const [k, theta] of [[2.5, 1.5], [0.4, 2], [1, 1], [30, 0.1]]) {
      const x = draws(N, (i) => gammaAt(k, theta, SEED, 6, i, 0, 0));
      const { mean, variance } = moments(x);
      const sd = Math.sqrt(k) * theta;
      expect(Math.abs(mean - k * theta)).toBeLessThan(5 * sd / Math.sqrt(N));
      // Var of the sample variance: (mu4 - sigma^4)/N, mu4 = 3k(k+2)theta^4 for the gamma
      const vv = (3 * k * (k + 2) - k * k) * theta ** 4 / N;
      expect(Math.abs(variance - k * theta * theta)).toBeLessThan(5 * Math.sqrt(vv));
      expect(minOf(x)).toBeGreaterThanOrEqual(0);
    }
    expect(gammaAt(0, 1, 1, 1, 1, 1, 1)).toBeNaN();
  });

  it('DiscreteUniform(a, b) covers both ends inclusively with equal frequencies', () => {
    const a = -2, b = 3, K = b - a + 1;
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const v = discreteUniformAt(a, b, SEED, 7, i, 0, 0);
      if (!Number.isInteger(v)) throw new Error(`${v} is not an integer`);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((x, y) => x - y)).toEqual([-2, -1, 0, 1, 2, 3]);
    const p = 1 / K;
    for (const c of counts.values()) expect(Math.abs(c / N - p)).toBeLessThan(5 * Math.sqrt(p * (1 - p) / N));
  });

  it('Binomial(n, p): mean np, variance np(1-p), for small n, p > 0.5 (mirrored) and multi-chunk n', () => {
    for (const [n, p] of [[10, 0.3], [20, 0.85], [5000, 0.5], [1, 0.5]]) {
      const M = n > 1000 ? 20_000 : N;
      const x = draws(M, (i) => binomialAt(n, p, SEED, 8, i, 0, 0));
      const { mean, variance } = moments(x);
      const v = n * p * (1 - p);
      expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(v / M));
      // kurtosis of the binomial: mu4 = v(1 + 3(n-2)p(1-p)) (≤ 3v^2 + v)
      expect(Math.abs(variance - v)).toBeLessThan(5 * Math.sqrt((3 * v * v + v) / M));
      for (let i = 0; i < 1000; i++) { expect(Number.isInteger(x[i])).toBe(true); expect(x[i]).toBeGreaterThanOrEqual(0); expect(x[i]).toBeLessThanOrEqual(n); }
    }
    expect(binomialAt(0, 0.5, 1, 1, 1, 1, 1)).toBe(0);
    expect(binomialAt(7, 0, 1, 1, 1, 1, 1)).toBe(0);
    expect(binomialAt(7, 1, 1, 1, 1, 1, 1)).toBe(7);
  });

  it('Binomial with very large n*p uses the normal approximation and keeps mean and variance', () => {
    const n = 5e7, p = 0.4, M = 20_000;
    const x = draws(M, (i) => binomialAt(n, p, SEED, 9, i, 0, 0));
    const { mean, variance } = moments(x);
    const v = n * p * (1 - p);
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(v / M));
    expect(Math.abs(variance - v)).toBeLessThan(5 * v * Math.sqrt(2 / M));
  });
});

describe('determinism', () => {
  it('same tuple → same number; different streams or draw ids → different sequences', () => {
    const a = fillUniform(new Float64Array(1000), 3, 1, 5, 0);
    const b = fillUniform(new Float64Array(1000), 3, 1, 5, 0);
    const c = fillUniform(new Float64Array(1000), 3, 2, 5, 0);
    const d = fillUniform(new Float64Array(1000), 3, 1, 5, 1);
    expect(Array.from(a)).toEqual(Array.from(b));
    let same = 0; for (let i = 0; i < 1000; i++) if (a[i] === c[i] || a[i] === d[i]) same++;
    expect(same).toBe(0);
  });
});
