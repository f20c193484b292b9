/**
 * ANNarchy's random distributions for initial values, weights and delays (`ANNarchy/core/Random.py`),
 * sampled from a neurarchy {@link RandomSource} (normally the network's seeded stream).
 *
 * Semantics kept from ANNarchy 5: `Uniform` needs min < max; `DiscreteUniform` includes max;
 * `min`/`max` of Normal, LogNormal, Exponential and Gamma **clip** (values beyond a bound are set to
 * it, not redrawn). One deliberate change: `Exponential(lambda)` takes the **rate** (mean
 * 1/lambda), as ANNarchy's C++ equations do, whereas ANNarchy's Python class hands lambda to numpy as
 * the scale (mean lambda). The same name therefore means the same thing in an `init=` flag, inside
 * an equation and here.
 */
import { NetworkError } from '../errors.js';
import { checkOptions } from './options.js';
import type { RandomDistName } from '../equations/ast.js';
import type { RandomSource, Sampler } from '../random/types.js';

/** Optional clipping bounds of the unbounded distributions. */
/** ANNarchy's per-distribution seeds: here every draw comes from the network's seeded streams. */
const SEEDED = {
  seed: "draws come from the network's random streams: set the network's seed (new Network({ seed }))",
  rng: "draws come from the network's random streams: set the network's seed (new Network({ seed }))",
};

export interface ClipBounds {
  /** Values below are set to `min`. */
  min?: number;
  /** Values above are set to `max`. */
  max?: number;
}

function checkFinite(who: string, name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new NetworkError(`${who}: ${name} must be a finite number, got ${String(v)}`);
}

function checkBounds(who: string, b: ClipBounds | undefined): ClipBounds {
  checkOptions(b, ['min', 'max'] satisfies (keyof ClipBounds)[], `new ${who}()`, { unsupported: SEEDED });
  const out: ClipBounds = {};
  if (b?.min !== undefined && b.min !== null) { checkFinite(who, 'min', b.min); out.min = b.min; }
  if (b?.max !== undefined && b.max !== null) { checkFinite(who, 'max', b.max); out.max = b.max; }
  if (out.min !== undefined && out.max !== undefined && !(out.min <= out.max)) {
    throw new NetworkError(`${who}: min (${out.min}) must not exceed max (${out.max})`);
  }
  return out;
}

/** Formats a number as Python would print the literal (integers without a decimal point). */
function fmt(v: number): string {
  return String(v);
}

/** Common part of every distribution: name, arguments, clipping, printing. */
export abstract class RandomDistribution implements Sampler {
  /** The distribution's name, as written in equations (`Uniform`, `Normal` …): the discriminant. */
  abstract readonly kind: RandomDistName;
  /** The positional arguments as in an equation, e.g. `[mu, sigma]` (clip bounds excluded). */
  abstract readonly args: readonly number[];
  /** Clipping bounds (only the unbounded distributions have them). */
  readonly bounds: Readonly<ClipBounds> = {};

  /** `count` independent values drawn from `rng`. */
  abstract sample(count: number, rng: RandomSource): Float64Array;

  /** The mean of the distribution (before clipping). */
  abstract get mean(): number;

  /** The smallest value it can return, or `undefined` when unbounded below. */
  abstract get min(): number | undefined;

  /** The largest value it can return, or `undefined` when unbounded above. */
  abstract get max(): number | undefined;

  /** The largest value it can return (delays size their buffers with it), `undefined` if none. */
  upperBound(): number | undefined {
    return this.max;
  }

  /** One value (ANNarchy's `get_value()`). */
  value(rng: RandomSource): number {
    return this.sample(1, rng)[0];
  }

  /** LaTeX form for reports (ANNarchy's `latex()`). */
  abstract latex(): string;

  /** Readable form, e.g. `Uniform(0, 1)` or `Normal(0, 1, min=-1)`. */
  toString(): string {
    const parts = this.args.map(fmt);
    if (this.bounds.min !== undefined) parts.push(`min=${fmt(this.bounds.min)}`);
    if (this.bounds.max !== undefined) parts.push(`max=${fmt(this.bounds.max)}`);
    return `${this.kind}(${parts.join(', ')})`;
  }

  /** Applies the clipping bounds in place. */
  protected clip(out: Float64Array): Float64Array {
    const lo = this.bounds.min, hi = this.bounds.max;
    if (lo === undefined && hi === undefined) return out;
    const a = lo ?? -Infinity, b = hi ?? Infinity;
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      out[i] = v < a ? a : v > b ? b : v;
    }
    return out;
  }

  /** LaTeX of the clipping bounds appended to a formula. */
  protected latexBounds(): string {
    const parts: string[] = [];
    if (this.bounds.min !== undefined) parts.push(`\\text{min}=${fmt(this.bounds.min)}`);
    if (this.bounds.max !== undefined) parts.push(`\\text{max}=${fmt(this.bounds.max)}`);
    return parts.length ? `, ${parts.join(', ')}` : '';
  }
}

function checkCount(count: number): number {
  if (!Number.isInteger(count) || count < 0) throw new NetworkError(`sample: count must be a non-negative integer, got ${count}`);
  return count;
}

/** Continuous uniform on [min, max): `min + (max − min)·u`. Requires min < max (ANNarchy 5). */
export class Uniform extends RandomDistribution {
  readonly kind = 'Uniform' as const;
  readonly args: readonly [number, number];

  constructor(min: number, max: number) {
    super();
    checkFinite('Uniform', 'min', min);
    checkFinite('Uniform', 'max', max);
    if (!(min < max)) throw new NetworkError(`Uniform(${min}, ${max}): min must be smaller than max`);
    this.args = [min, max];
  }

  sample(count: number, rng: RandomSource): Float64Array {
    const out = rng.fillUniform(new Float64Array(checkCount(count)));
    const [a, b] = this.args;
    const w = b - a;
    for (let i = 0; i < out.length; i++) out[i] = a + w * out[i];
    return out;
  }

  get mean(): number { return (this.args[0] + this.args[1]) / 2; }
  get min(): number { return this.args[0]; }
  get max(): number { return this.args[1]; }
  latex(): string { return `$\\mathcal{U}(${fmt(this.args[0])}, ${fmt(this.args[1])})$`; }
}

/** Integers uniform on [min, max], max included (numpy's `integers(min, max + 1)`). */
export class DiscreteUniform extends RandomDistribution {
  readonly kind = 'DiscreteUniform' as const;
  readonly args: readonly [number, number];

  constructor(min: number, max: number) {
    super();
    checkFinite('DiscreteUniform', 'min', min);
    checkFinite('DiscreteUniform', 'max', max);
    if (!Number.isInteger(min) || !Number.isInteger(max)) throw new NetworkError(`DiscreteUniform(${min}, ${max}): bounds must be integers`);
    if (!(min <= max)) throw new NetworkError(`DiscreteUniform(${min}, ${max}): min must not exceed max`);
    this.args = [min, max];
  }

  sample(count: number, rng: RandomSource): Float64Array {
    const out = new Float64Array(checkCount(count));
    const [a, b] = this.args;
    const span = b - a + 1;
    for (let i = 0; i < out.length; i++) out[i] = a + rng.integer(span);
    return out;
  }

  get mean(): number { return (this.args[0] + this.args[1]) / 2; }
  get min(): number { return this.args[0]; }
  get max(): number { return this.args[1]; }
  latex(): string { return `$\\mathcal{U}\\{${fmt(this.args[0])}, \\dots, ${fmt(this.args[1])}\\}$`; }
}

/** Normal(mu, sigma), optionally clipped to [min, max]. */
export class Normal extends RandomDistribution {
  readonly kind = 'Normal' as const;
  readonly args: readonly [number, number];
  override readonly bounds: Readonly<ClipBounds>;

  constructor(mu: number, sigma: number, bounds?: ClipBounds) {
    super();
    checkFinite('Normal', 'mu', mu);
    checkFinite('Normal', 'sigma', sigma);
    if (sigma < 0) throw new NetworkError(`Normal(${mu}, ${sigma}): sigma must be >= 0`);
    this.args = [mu, sigma];
    this.bounds = checkBounds('Normal', bounds);
  }

  sample(count: number, rng: RandomSource): Float64Array {
    const out = new Float64Array(checkCount(count));
    const [m, s] = this.args;
    for (let i = 0; i < out.length; i++) out[i] = m + s * rng.normal();
    return this.clip(out);
  }

  get mean(): number { return this.args[0]; }
  get min(): number | undefined { return this.bounds.min; }
  get max(): number | undefined { return this.bounds.max; }
  latex(): string { return `$\\mathcal{N}(${fmt(this.args[0])}, ${fmt(this.args[1])}${this.latexBounds()})$`; }
}

/** LogNormal(mu, sigma) = exp(Normal(mu, sigma)), optionally clipped. */
export class LogNormal extends RandomDistribution {
  readonly kind = 'LogNormal' as const;
  readonly args: readonly [number, number];
  override readonly bounds: Readonly<ClipBounds>;

  constructor(mu: number, sigma: number, bounds?: ClipBounds) {
    super();
    checkFinite('LogNormal', 'mu', mu);
    checkFinite('LogNormal', 'sigma', sigma);
    if (sigma < 0) throw new NetworkError(`LogNormal(${mu}, ${sigma}): sigma must be >= 0`);
    this.args = [mu, sigma];
    this.bounds = checkBounds('LogNormal', bounds);
  }

  sample(count: number, rng: RandomSource): Float64Array {
    const out = new Float64Array(checkCount(count));
    const [m, s] = this.args;
    for (let i = 0; i < out.length; i++) out[i] = Math.exp(m + s * rng.normal());
    return this.clip(out);
  }

  get mean(): number { return Math.exp(this.args[0] + (this.args[1] * this.args[1]) / 2); }
  get min(): number { return this.bounds.min ?? 0; }
  get max(): number | undefined { return this.bounds.max; }
  latex(): string { return `$\\ln\\mathcal{N}(${fmt(this.args[0])}, ${fmt(this.args[1])}${this.latexBounds()})$`; }
}

/**
 * Exponential with **rate** lambda (mean 1/lambda), optionally clipped: `−log(1 − u)/lambda`.
 * ANNarchy's Python class would read lambda as numpy's scale (mean lambda); its C++ equations, and
 * neurarchy everywhere, use the rate.
 */
export class Exponential extends RandomDistribution {
  readonly kind = 'Exponential' as const;
  readonly args: readonly [number];
  override readonly bounds: Readonly<ClipBounds>;

  constructor(lambda: number, bounds?: ClipBounds) {
    super();
    checkFinite('Exponential', 'lambda', lambda);
    if (!(lambda > 0)) throw new NetworkError(`Exponential(${lambda}): the rate lambda must be > 0`);
    this.args = [lambda];
    this.bounds = checkBounds('Exponential', bounds);
  }

  /** The rate. */
  get lambda(): number { return this.args[0]; }

  sample(count: number, rng: RandomSource): Float64Array {
    const out = new Float64Array(checkCount(count));
    const l = this.args[0];
    for (let i = 0; i < out.length; i++) out[i] = (0 - Math.log(1 - rng.uniform())) / l;
    return this.clip(out);
  }

  get mean(): number { return 1 / this.args[0]; }
  get min(): number { return this.bounds.min ?? 0; }
  get max(): number | undefined { return this.bounds.max; }
  latex(): string { return `$\\text{Exp}(\\lambda=${fmt(this.args[0])}${this.latexBounds()})$`; }
}

/**
 * Gamma with shape alpha and scale beta (mean alpha·beta; numpy's `gamma(shape, scale)`),
 * optionally clipped. Marsaglia–Tsang; alpha < 1 via Gamma(alpha + 1)·U^(1/alpha).
 */
export class Gamma extends RandomDistribution {
  readonly kind = 'Gamma' as const;
  readonly args: readonly [number, number];
  override readonly bounds: Readonly<ClipBounds>;

  constructor(alpha: number, beta = 1, bounds?: ClipBounds) {
    super();
    checkFinite('Gamma', 'alpha', alpha);
    checkFinite('Gamma', 'beta', beta);
    if (!(alpha > 0) || !(beta > 0)) throw new NetworkError(`Gamma(${alpha}, ${beta}): shape and scale must be > 0`);
    this.args = [alpha, beta];
    this.bounds = checkBounds('Gamma', bounds);
  }

  sample(count: number, rng: RandomSource): Float64Array {
    const out = new Float64Array(checkCount(count));
    const [k, theta] = this.args;
    for (let i = 0; i < out.length; i++) out[i] = sampleGamma(k, rng) * theta;
    return this.clip(out);
  }

  get mean(): number { return this.args[0] * this.args[1]; }
  get min(): number { return this.bounds.min ?? 0; }
  get max(): number | undefined { return this.bounds.max; }
  latex(): string { return `$\\Gamma(${fmt(this.args[0])}, ${fmt(this.args[1])}${this.latexBounds()})$`; }
}

/** One Gamma(k, 1) draw, Marsaglia–Tsang (same scheme as `gammaAt` in `random/draws.ts`). */
function sampleGamma(k: number, rng: RandomSource): number {
  const kk = k < 1 ? k + 1 : k;
  const d = kk - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let g: number;
  for (;;) {
    const z = rng.normal();
    let v = 1 + c * z;
    if (v <= 0) continue;
    v = v * v * v;
    const u = 1 - rng.uniform(); // (0, 1]
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) { g = d * v; break; }
  }
  if (k < 1) g *= Math.pow(1 - rng.uniform(), 1 / k);
  return g;
}

/** Binomial(n, p): successes in n trials of probability p. */
export class Binomial extends RandomDistribution {
  readonly kind = 'Binomial' as const;
  readonly args: readonly [number, number];

  constructor(n: number, p: number) {
    super();
    if (!Number.isInteger(n) || n < 0) throw new NetworkError(`Binomial(${n}, ${p}): n must be a non-negative integer`);
    checkFinite('Binomial', 'p', p);
    if (p < 0 || p > 1) throw new NetworkError(`Binomial(${n}, ${p}): p must be in [0, 1]`);
    this.args = [n, p];
  }

  sample(count: number, rng: RandomSource): Float64Array {
    const out = new Float64Array(checkCount(count));
    const [n, p] = this.args;
    for (let i = 0; i < out.length; i++) out[i] = sampleBinomial(n, p, rng);
    return out;
  }

  get mean(): number { return this.args[0] * this.args[1]; }
  get min(): number { return 0; }
  get max(): number { return this.args[0]; }
  latex(): string { return `$\\mathcal{B}(${fmt(this.args[0])}, ${fmt(this.args[1])})$`; }
}

/**
 * One Binomial(n, p) draw: chunked sequential inversion (chunks of mean ≤ 100, summed; mirrored
 * for p > 0.5) — exact, O(n·min(p, 1−p)); the same scheme as `binomialAt` in `random/draws.ts`.
 */
function sampleBinomial(n: number, p: number, rng: RandomSource): number {
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  const s = Math.min(n, Math.floor(100 / q));
  const r = q / (1 - q);
  let total = 0;
  for (let left = n; left > 0; left -= s) {
    const m = Math.min(s, left);
    let u = rng.uniform();
    let f = Math.exp(m * Math.log(1 - q));
    let k = 0;
    for (; k < m; k++) {
      if (u < f) break;
      u -= f;
      f = f * (m - k) / (k + 1) * r;
    }
    total += k;
  }
  return flip ? n - total : total;
}

/** Any of the distributions of this module. */
export type Distribution = Uniform | DiscreteUniform | Normal | LogNormal | Exponential | Gamma | Binomial;

/** True for the distribution objects of this module (recognised by class, hence by `kind`). */
export function isDistribution(x: unknown): x is Distribution {
  if (x instanceof RandomDistribution) return true;
  // Structural fallback: an object from another copy of this module (e.g. a bundled duplicate).
  if (typeof x !== 'object' || x === null) return false;
  const d = x as { kind?: unknown; args?: unknown; sample?: unknown };
  return typeof d.sample === 'function' && Array.isArray(d.args) && typeof d.kind === 'string' && KINDS.has(d.kind);
}

const KINDS: ReadonlySet<string> = new Set(['Uniform', 'DiscreteUniform', 'Normal', 'LogNormal', 'Exponential', 'Gamma', 'Binomial']);
