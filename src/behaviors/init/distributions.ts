/**
 * The distributions of the initial-value language: NumPy's `numpy.random` names and parameter
 * names (what PymoNNto's `vector()`/`matrix()` strings call, dossier §2.7), plus PymoNNto's own
 * `lognormal_rm`/`lognormal_real_mean` and `uniform_gap`, drawn one value at a time from a
 * neurarchy `RandomSource` (the network's seeded Philox streams).
 *
 * Each parameter has the NumPy name first and accepted aliases after it (`normal(mean=…, sd=…)` is
 * PymoNNtorch's spelling of `normal(loc=…, scale=…)`). Two of PymoNNto's helpers are fixed, not
 * copied (§2.15): `lognormal_rm(mean, sigma)` has mean `mean` (PymoNNto's formula gives
 * mean·e^(−σ²/2)), and `uniform_gap(mean, gap_percent)` spans mean·(1 ± gap_percent/100) (PymoNNto's
 * typo makes low equal high).
 *
 * Not provided (an error lists what is): multivariate draws (`dirichlet`, `multinomial`,
 * `multivariate_normal`), `choice`, `permutation`, `hypergeometric`, `zipf`, `logseries`,
 * `vonmises`, `f`, the noncentral ones; NumPy's `power(a)` distribution, since PymoNNto's scope makes
 * `power` NumPy's two-argument `power(x, y)` (write `uniform()**(1/a)`).
 */
import type { RandomSource } from '../../random/types.js';

/** One parameter: its names (NumPy's first) and default (none: required). */
export interface ParamSpec {
  names: readonly string[];
  dflt?: number;
}

/** A distribution of the language. */
export interface Distribution {
  params: readonly ParamSpec[];
  /** A reason the values are invalid, or undefined. */
  check?: (p: number[]) => string | undefined;
  /** One draw. */
  draw: (rng: RandomSource, p: number[]) => number;
  /** Whether the values are whole numbers (for the documentation and `int` results). */
  integer?: boolean;
}

const p = (names: string, dflt?: number): ParamSpec => (dflt === undefined ? { names: names.split('|') } : { names: names.split('|'), dflt });
const positive = (name: string, i: number) => (v: number[]) => (v[i]! > 0 ? undefined : `${name} must be > 0 (got ${v[i]})`);
const nonNegative = (name: string, i: number) => (v: number[]) => (v[i]! >= 0 ? undefined : `${name} must be ≥ 0 (got ${v[i]})`);
const probability = (name: string, i: number) => (v: number[]) => (v[i]! >= 0 && v[i]! <= 1 ? undefined : `${name} must be in [0, 1] (got ${v[i]})`);
const all = (...cs: ((v: number[]) => string | undefined)[]) => (v: number[]) => cs.map((c) => c(v)).find((x) => x !== undefined);

/** An exponential(1) draw; `1 - u` is in (0, 1], so the log is finite. */
const stdExp = (rng: RandomSource): number => -Math.log(1 - rng.uniform());

/** A uniform in (0, 1): never 0 (for logs and divisions). */
function openUniform(rng: RandomSource): number {
  let u = rng.uniform();
  while (u === 0) u = rng.uniform();
  return u;
}

/** Gamma(shape, 1): Marsaglia and Tsang (2000); shape < 1 through Gamma(shape + 1)·U^(1/shape). */
export function standardGamma(rng: RandomSource, shape: number): number {
  if (shape < 1) return standardGamma(rng, shape + 1) * Math.pow(openUniform(rng), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do { x = rng.normal(); v = 1 + c * x; } while (v <= 0);
    v = v * v * v;
    const u = openUniform(rng);
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
export function logGamma(x: number): number {
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let a = g[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += g[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Poisson(lam): multiplication for lam < 30, Hörmann's PTRS (1993, NumPy's method) above. */
export function poisson(rng: RandomSource, lam: number): number {
  if (lam === 0) return 0;
  if (lam < 30) {
    const limit = Math.exp(-lam);
    let k = 0;
    let prod = rng.uniform();
    while (prod > limit) { k++; prod *= rng.uniform(); }
    return k;
  }
  const slam = Math.sqrt(lam);
  const loglam = Math.log(lam);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rng.uniform() - 0.5;
    const V = openUniform(rng);
    const us = 0.5 - Math.abs(U);
    const k = Math.floor((2 * a / us + b) * U + lam + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logGamma(k + 1)) return k;
  }
}

/**
 * Binomial(n, p) by waiting times (Devroye 1986, §X.4): geometric jumps between successes, so a
 * draw costs O(n·min(p, 1 − p)) uniforms.
 */
export function binomial(rng: RandomSource, n: number, prob: number): number {
  if (prob > 0.5) return n - binomial(rng, n, 1 - prob);
  if (prob === 0 || n === 0) return 0;
  const logq = Math.log1p(-prob);
  let x = 0;
  let sum = 0;
  for (;;) {
    sum += Math.ceil(Math.log(openUniform(rng)) / logq);
    if (sum > n) return x;
    x++;
  }
}

/** Half-even rounding (NumPy's `round`/`rint`). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The distributions by name (aliases share an entry). */
export const DISTRIBUTIONS: ReadonlyMap<string, Distribution> = (() => {
  const m = new Map<string, Distribution>();
  const def = (names: string, d: Distribution): void => { for (const n of names.split('|')) m.set(n, d); };
  def('uniform|random|rand|rnd|random_sample|ranf|sample', {
    params: [p('low', 0), p('high', 1)],
    check: (v) => (v[1]! >= v[0]! ? undefined : `high (${v[1]}) is below low (${v[0]})`),
    draw: (rng, [lo, hi]) => lo! + (hi! - lo!) * rng.uniform(),
  });
  def('normal', {
    params: [p('loc|mean', 0), p('scale|sd|std', 1)], check: nonNegative('scale (sd)', 1),
    draw: (rng, [mu, sd]) => mu! + sd! * rng.normal(),
  });
  def('standard_normal|randn', { params: [], draw: (rng) => rng.normal() });
  def('lognormal', {
    params: [p('mean', 0), p('sigma|sd|std', 1)], check: nonNegative('sigma', 1),
    draw: (rng, [mu, s]) => Math.exp(mu! + s! * rng.normal()),
  });
  def('lognormal_rm|lognormal_real_mean', {
    params: [p('mean', 1), p('sigma|sd|std', 1)], check: all(positive('mean', 0), nonNegative('sigma', 1)),
    draw: (rng, [m, s]) => Math.exp(Math.log(m!) - 0.5 * s! * s! + s! * rng.normal()),
  });
  def('uniform_gap', {
    params: [p('mean', 1), p('gap_percent', 10)], check: nonNegative('gap_percent', 1),
    draw: (rng, [m, g]) => { const w = Math.abs(m!) * g! / 100; return m! - w + 2 * w * rng.uniform(); },
  });
  def('exponential', { params: [p('scale', 1)], check: nonNegative('scale', 0), draw: (rng, [s]) => s! * stdExp(rng) });
  def('standard_exponential', { params: [], draw: stdExp });
  def('gamma', {
    params: [p('shape|k'), p('scale|theta', 1)], check: all(positive('shape', 0), nonNegative('scale', 1)),
    draw: (rng, [k, s]) => s! * standardGamma(rng, k!),
  });
  def('standard_gamma', { params: [p('shape|k')], check: positive('shape', 0), draw: (rng, [k]) => standardGamma(rng, k!) });
  def('beta', {
    params: [p('a'), p('b')], check: all(positive('a', 0), positive('b', 1)),
    draw: (rng, [a, b]) => { const x = standardGamma(rng, a!); return x / (x + standardGamma(rng, b!)); },
  });
  def('chisquare', { params: [p('df')], check: positive('df', 0), draw: (rng, [df]) => 2 * standardGamma(rng, df! / 2) });
  def('standard_t', {
    params: [p('df')], check: positive('df', 0),
    draw: (rng, [df]) => rng.normal() / Math.sqrt(2 * standardGamma(rng, df! / 2) / df!),
  });
  def('standard_cauchy', { params: [], draw: (rng) => Math.tan(Math.PI * (openUniform(rng) - 0.5)) });
  def('laplace', {
    params: [p('loc', 0), p('scale', 1)], check: nonNegative('scale', 1),
    draw: (rng, [mu, s]) => { const u = rng.uniform() - 0.5; return mu! - s! * Math.sign(u) * Math.log(1 - 2 * Math.abs(u)); },
  });
  def('logistic', {
    params: [p('loc', 0), p('scale', 1)], check: nonNegative('scale', 1),
    draw: (rng, [mu, s]) => { const u = openUniform(rng); return mu! + s! * Math.log(u / (1 - u)); },
  });
  def('gumbel', {
    params: [p('loc', 0), p('scale', 1)], check: nonNegative('scale', 1),
    draw: (rng, [mu, s]) => mu! - s! * Math.log(-Math.log(openUniform(rng))),
  });
  def('rayleigh', { params: [p('scale', 1)], check: nonNegative('scale', 0), draw: (rng, [s]) => s! * Math.sqrt(2 * stdExp(rng)) });
  def('weibull', { params: [p('a')], check: nonNegative('a', 0), draw: (rng, [a]) => (a === 0 ? 0 : Math.pow(stdExp(rng), 1 / a!)) });
  def('pareto', { params: [p('a')], check: positive('a', 0), draw: (rng, [a]) => Math.expm1(stdExp(rng) / a!) });
  def('triangular', {
    params: [p('left'), p('mode'), p('right')],
    check: (v) => (v[0]! <= v[1]! && v[1]! <= v[2]! && v[0]! < v[2]! ? undefined : `need left ≤ mode ≤ right and left < right (got ${v.join(', ')})`),
    draw: (rng, [l, c, r]) => {
      const u = rng.uniform();
      const f = (c! - l!) / (r! - l!);
      return u < f ? l! + Math.sqrt(u * (r! - l!) * (c! - l!)) : r! - Math.sqrt((1 - u) * (r! - l!) * (r! - c!));
    },
  });
  def('wald', {
    params: [p('mean'), p('scale')], check: all(positive('mean', 0), positive('scale', 1)),
    draw: (rng, [mu, lam]) => {
      const y = rng.normal() ** 2;
      const x = mu! + (mu! * mu! * y) / (2 * lam!) - (mu! / (2 * lam!)) * Math.sqrt(4 * mu! * lam! * y + mu! * mu! * y * y);
      return rng.uniform() <= mu! / (mu! + x) ? x : (mu! * mu!) / x;
    },
  });
  def('poisson', { params: [p('lam', 1)], check: nonNegative('lam', 0), integer: true, draw: (rng, [lam]) => poisson(rng, lam!) });
  def('binomial', {
    params: [p('n'), p('p')], integer: true,
    check: all((v) => (Number.isInteger(v[0]) && v[0]! >= 0 ? undefined : `n must be a whole number ≥ 0 (got ${v[0]})`), probability('p', 1)),
    draw: (rng, [n, pr]) => binomial(rng, n!, pr!),
  });
  def('negative_binomial', {
    params: [p('n'), p('p')], integer: true, check: all(positive('n', 0), (v) => (v[1]! > 0 && v[1]! <= 1 ? undefined : `p must be in (0, 1] (got ${v[1]})`)),
    draw: (rng, [n, pr]) => (pr === 1 ? 0 : poisson(rng, standardGamma(rng, n!) * (1 - pr!) / pr!)),
  });
  def('geometric', {
    params: [p('p')], integer: true, check: (v) => (v[0]! > 0 && v[0]! <= 1 ? undefined : `p must be in (0, 1] (got ${v[0]})`),
    draw: (rng, [pr]) => (pr === 1 ? 1 : Math.max(1, Math.ceil(Math.log(openUniform(rng)) / Math.log1p(-pr!)))),
  });
  def('randint|integers', {
    params: [p('low'), { names: ['high'] }], integer: true,
    check: (v) => {
      const [lo, hi] = Number.isNaN(v[1]) ? [0, v[0]!] : [v[0]!, v[1]!];
      if (!Number.isInteger(lo) || !Number.isInteger(hi)) return `low and high must be whole numbers (got ${lo}, ${hi})`;
      return hi > lo ? undefined : `high (${hi}) must be above low (${lo}) (randint(n) draws from 0 … n−1)`;
    },
    draw: (rng, [a, b]) => (Number.isNaN(b) ? rng.integer(a!) : a! + rng.integer(b! - a!)),
  });
  def('bernoulli', { params: [p('p', 0.5)], integer: true, check: probability('p', 0), draw: (rng, [pr]) => (rng.uniform() < pr! ? 1 : 0) });
  return m;
})();

/** Parameters that may be left out without a default: `randint(n)` (high absent → NaN, handled by the distribution). */
export const OPTIONAL_WITHOUT_DEFAULT = new Set(['randint', 'integers']);
