/**
 * `HomogeneousCorrelatedSpikeTrains`: Poisson-like neurons whose common rate x follows an
 * Ornstein–Uhlenbeck process (a Cox process, Brette 2009), ANNarchy's class of the same name:
 * `x += dt*(mu - x)/tau + sqrt(dt/tau) * sigma * Normal(0, 1) : population`, `p = Uniform(0,1)*1000/dt`,
 * `spike: p < x`. `mu` and `sigma` are corrected (rectified Gaussian, solved by the secant method as
 * Brian and ANNarchy do) so that the mean rate is `rates` and the pairwise correlation `corr`
 * despite x being clipped at 0 by the spike condition. Setting `rates`, `corr` or `tau` recomputes them.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import { Neuron } from '../core/Neuron.js';
import { Population } from '../core/Population.js';
import type { NetworkLike } from '../core/network-like.js';
import { literal, networkOf } from './common.js';

/** erf(x) to double precision: Taylor series for |x| < 3, continued fraction of erfc beyond. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = x, sum = x;
    const x2 = x * x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(-x²)/(x√π) · 1/(1 + 1/(2x²)/(1 + 2/(2x²)/(1 + …))) (Lentz)
  let f = 0;
  for (let k = 60; k >= 1; k--) f = (k / 2) / (ax + f);
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
  return x > 0 ? 1 - erfc : erfc - 1;
}

function rectifiedGaussian(mu: number, sigma: number): [number, number] {
  const a = 1 + erf(mu / (sigma * Math.SQRT2));
  const mur = (sigma / Math.sqrt(2 * Math.PI)) * Math.exp(-0.5 * (mu / sigma) ** 2) + 0.5 * mu * a;
  const sigmar = Math.sqrt((mu - mur) * mur + 0.5 * sigma ** 2 * a);
  return [mur, sigmar];
}

/** Secant method as scipy.optimize.newton without derivative (tol 1.48e-8, 50 iterations). */
function secant(f: (x: number) => number, x0: number): number {
  let p0 = x0;
  let p1 = x0 * (1 + 1e-4) + (x0 >= 0 ? 1e-4 : -1e-4);
  let q0 = f(p0), q1 = f(p1);
  for (let it = 0; it < 50; it++) {
    if (q1 === q0) return (p1 + p0) / 2;
    const p = p1 - (q1 * (p1 - p0)) / (q1 - q0);
    if (Math.abs(p - p1) < 1.48e-8) return p;
    p0 = p1; q0 = q1; p1 = p; q1 = f(p1);
  }
  return p1;
}

/** ANNarchy's `_rectify`: the (mu, sigma) of the OU process giving mean rate `rate` (Hz) and correlation `corr`. */
export function rectifyCorrelated(rate: number, corr: number, tau: number): { mu: number; sigma: number } {
  const mur = rate;
  const sigmar = Math.sqrt((corr * rate) / (2 * tau / 1000));
  if (sigmar === 0) return { mu: mur, sigma: sigmar };
  const x0 = mur / sigmar;
  const y = secant((x) => { const [m, s] = rectifiedGaussian(x, 1); return m / s - x0; }, x0 * 1.1);
  const sigma = mur / (Math.exp(-0.5 * y * y) / Math.sqrt(2 * Math.PI) + 0.5 * y * (1 + erf(y / Math.SQRT2)));
  return { mu: y * sigma, sigma };
}

export interface HomogeneousCorrelatedOptions {
  /** Mean rate in Hz. */
  rates: number;
  /** Correlation strength in [0, 1]. */
  corr: number;
  /** Correlation time constant in ms. */
  tau: number;
  refractory?: number;
  name?: string;
  network?: NetworkLike;
}

/** The keys of {@link HomogeneousCorrelatedOptions}. */
export const HOMOGENEOUS_CORRELATED_OPTIONS = optionKeys<HomogeneousCorrelatedOptions>()(['rates', 'corr', 'tau', 'refractory', 'name', 'network']);

export class HomogeneousCorrelatedSpikeTrains extends Population {
  #rates: number;
  #corr: number;

  constructor(geometry: number | readonly number[], options: HomogeneousCorrelatedOptions) {
    checkOptions(options, HOMOGENEOUS_CORRELATED_OPTIONS, 'new HomogeneousCorrelatedSpikeTrains()');
    if (options === undefined) throw new NetworkError('new HomogeneousCorrelatedSpikeTrains(): give the options { rates, corr, tau }');
    const { rates, corr, tau } = options;
    if (!(rates >= 0) || !(corr >= 0 && corr <= 1) || !(tau > 0)) throw new NetworkError('HomogeneousCorrelatedSpikeTrains: needs rates ≥ 0, 0 ≤ corr ≤ 1, tau > 0');
    const { mu, sigma } = rectifyCorrelated(rates, corr, tau);
    super(geometry, new Neuron({
      name: 'HomogeneousCorrelated',
      parameters: `tau = ${literal(tau, 'tau')} : population\nmu = ${literal(mu, 'mu')} : population\nsigma = ${literal(sigma, 'sigma')} : population`,
      equations: `x += dt*(mu - x)/tau + sqrt(dt/tau) * sigma * Normal(0.0, 1.0) : population, init=${literal(mu, 'mu')}\np = Uniform(0.0, 1.0) * 1000.0 / dt`,
      spike: 'p < x',
      refractory: options.refractory,
    }), { name: options.name, network: networkOf(options.network) });
    this.#rates = rates;
    this.#corr = corr;
  }

  get rates(): number { return this.#rates; }
  set rates(v: number) { this.#rates = v; this.rectify(); }
  get corr(): number { return this.#corr; }
  set corr(v: number) { this.#corr = v; this.rectify(); }
  get tau(): number { return this.get('tau') as number; }
  set tau(v: number) { this.setAttribute('tau', v); this.rectify(); }

  /** Changes several of rates, corr, tau at once. */
  update(values: { rates?: number; corr?: number; tau?: number }): void {
    if (values.rates !== undefined) this.#rates = values.rates;
    if (values.corr !== undefined) this.#corr = values.corr;
    if (values.tau !== undefined) this.setAttribute('tau', values.tau);
    this.rectify();
  }

  private rectify(): void {
    const { mu, sigma } = rectifyCorrelated(this.#rates, this.#corr, this.get('tau') as number);
    this.setAttribute('mu', mu);
    this.setAttribute('sigma', sigma);
  }
}
