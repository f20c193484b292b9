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
import { Population, type PopulationBase } from '../core/Population.js';
import type { NetworkLike } from '../core/network-like.js';
import { literal, networkOf, msToSteps, geometryForm } from './common.js';

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

/** @internal ANNarchy's `_rectify`: the (mu, sigma) of the OU process giving mean rate `rate` (Hz) and correlation `corr`. */
export function rectifyCorrelated(rate: number, corr: number, tau: number): { mu: number; sigma: number } {
  const mur = rate;
  const sigmar = Math.sqrt((corr * rate) / (2 * tau / 1000));
  if (sigmar === 0) return { mu: mur, sigma: sigmar };
  const x0 = mur / sigmar;
  const y = secant((x) => { const [m, s] = rectifiedGaussian(x, 1); return m / s - x0; }, x0 * 1.1);
  const sigma = mur / (Math.exp(-0.5 * y * y) / Math.sqrt(2 * Math.PI) + 0.5 * y * (1 + erf(y / Math.SQRT2)));
  return { mu: y * sigma, sigma };
}

/** Options of `new HomogeneousCorrelatedSpikeTrains(geometry, options)`. */
export interface HomogeneousCorrelatedOptions {
  /** Mean rate in Hz; with a `schedule`, one rate per block. */
  rates: number | readonly number[];
  /** Correlation strength in [0, 1]; with a `schedule`, one number for every block or one per block. */
  corr: number | readonly number[];
  /** Correlation time constant in ms. */
  tau: number;
  /**
   * Start (ms) of each block of `rates` (a list, increasing), or the interval between blocks (a
   * number), counted from compile or the last `reset()`, as TimedArray's. Before the first start
   * the rate is 0; the last block stays once the schedule ends (unless `period`).
   */
  schedule?: number | readonly number[];
  /** With a schedule: the sequence starts again every `period` ms (−1, default: no repetition). */
  period?: number;
  /** Refractory period in ms. */
  refractory?: number;
  /** Unique name in the network (default `pop<id>`). */
  name?: string;
  /** The network to create it in (default: the default network of `compile()`, `simulate()`). */
  network?: NetworkLike;
}

/** The keys of {@link HomogeneousCorrelatedOptions}. */
export const HOMOGENEOUS_CORRELATED_OPTIONS = optionKeys<HomogeneousCorrelatedOptions>()(['rates', 'corr', 'tau', 'schedule', 'period', 'refractory', 'name', 'network']);

/** A schedule: block k starts at step `starts[k]` of a cycle of `period` steps (−1: no cycle). */
interface Schedule { starts: number[]; period: number }

const WHERE = 'new HomogeneousCorrelatedSpikeTrains()';

function checkParameters(rates: readonly number[], corrs: readonly number[], tau: number, where: string): void {
  for (const r of rates) if (!(typeof r === 'number' && r >= 0 && Number.isFinite(r))) throw new NetworkError(`${where}: rates must be finite numbers ≥ 0 Hz, got ${String(r)}`);
  for (const c of corrs) if (!(typeof c === 'number' && c >= 0 && c <= 1)) throw new NetworkError(`${where}: corr must be between 0 and 1, got ${String(c)}`);
  if (!(typeof tau === 'number' && tau > 0 && Number.isFinite(tau))) throw new NetworkError(`${where}: tau must be a positive number of ms, got ${String(tau)}`);
}

/** One value per block: a number is repeated, a list must have one entry per block. */
function perBlock(v: number | readonly number[], n: number, what: string, where: string): number[] {
  if (typeof v === 'number') return new Array<number>(n).fill(v);
  if (!Array.isArray(v)) throw new NetworkError(`${where}: ${what} must be a number or a list of numbers, got ${typeof v}`);
  if (v.length !== n) throw new NetworkError(`${where}: ${what} has ${v.length} values for ${n} blocks of the schedule`);
  return [...v];
}

/** The schedule in steps (start of each block) and the period in steps, checked. */
function scheduleSteps(schedule: number | readonly number[], n: number, period: number | undefined, dt: number): Schedule {
  let starts: number[];
  if (typeof schedule === 'number') {
    if (!(schedule > 0)) throw new NetworkError(`${WHERE}: a schedule given as a number is the interval between blocks and must be > 0 ms, got ${schedule}`);
    const every = msToSteps(schedule, dt, WHERE);
    starts = Array.from({ length: n }, (_, k) => k * every);
  } else {
    if (schedule.length !== n) throw new NetworkError(`${WHERE}: the schedule has ${schedule.length} entries for ${n} rates`);
    starts = schedule.map((t) => {
      if (!(t >= 0)) throw new NetworkError(`${WHERE}: schedule times must be ≥ 0 ms, got ${t}`);
      return msToSteps(t, dt, WHERE);
    });
    for (let k = 1; k < n; k++) if (starts[k] <= starts[k - 1]) throw new NetworkError(`${WHERE}: the schedule must be increasing (in steps of dt = ${dt} ms)`);
  }
  const periodSteps = period !== undefined && period > 0 ? msToSteps(period, dt, WHERE) : -1;
  if (periodSteps > 0 && periodSteps <= starts[n - 1]) throw new NetworkError(`${WHERE}: period (${period} ms) must be longer than the last start of the schedule (${starts[n - 1] * dt} ms)`);
  return { starts, period: periodSteps };
}

/**
 * The equations of `mu` and `sigma` under a schedule: piecewise constant in the time since compile
 * or reset (`t`), modulo the period. `phase` is half a step after the step's time, so comparing it
 * with a block's start time never depends on rounding: block k holds from step `starts[k]` on.
 */
function scheduledEquations(sched: Schedule, n: number): string {
  const phase = sched.period > 0 ? `modulo(t + 0.5*dt, ${literal(sched.period, 'period')}*dt)` : 't + 0.5*dt';
  const piecewise = (name: string) => {
    let expr = `${name}_${n - 1}`;
    for (let k = n - 2; k >= 0; k--) expr = `ite(phase < ${literal(sched.starts[k + 1], 'schedule')}*dt, ${name}_${k}, ${expr})`;
    return sched.starts[0] > 0 ? `ite(phase < ${literal(sched.starts[0], 'schedule')}*dt, 0.0, ${expr})` : expr;
  };
  return `phase = ${phase} : population\nmu = ${piecewise('mu')} : population\nsigma = ${piecewise('sigma')} : population\n`;
}

/**
 * Spiking neurons with a common Ornstein–Uhlenbeck rate (ANNarchy's
 * `HomogeneousCorrelatedSpikeTrains`): each fires with mean rate `rates` (Hz) and pairwise
 * correlation `corr`, the rate's time constant being `tau` (ms).
 */
// The attribute names of its neuron, for the type of `pop.<name>` (core/attribute-names.ts).
export class HomogeneousCorrelatedSpikeTrains extends (Population as PopulationBase<'tau' | 'mu' | 'sigma' | 'x' | 'p' | 'r' | 'phase' | `mu_${number}` | `sigma_${number}`>) {
  #rates: number[];
  #corr: number[];
  /** Whether the rates follow a schedule (then `rates`, `corr` are lists). */
  readonly scheduled: boolean;

  /**
   * `new HomogeneousCorrelatedSpikeTrains(100, { rates: 10, corr: 0.3, tau: 10 })`, or one object
   * `{ geometry, rates, corr, tau }`; with `schedule` (and `period`), `rates` (and `corr`) are lists,
   * one value per block (ANNarchy's signature).
   */
  constructor(args: HomogeneousCorrelatedOptions & { geometry: number | readonly number[] });
  constructor(geometry: number | readonly number[], options: HomogeneousCorrelatedOptions);
  constructor(a: number | readonly number[] | (HomogeneousCorrelatedOptions & { geometry: number | readonly number[] }), b?: HomogeneousCorrelatedOptions) {
    const { geometry, options } = geometryForm(a, b, WHERE) as { geometry: number | readonly number[]; options: HomogeneousCorrelatedOptions };
    checkOptions(options, HOMOGENEOUS_CORRELATED_OPTIONS, WHERE);
    if (options === undefined) throw new NetworkError(`${WHERE}: give the options { rates, corr, tau }`);
    const { tau, schedule, period } = options;
    const network = networkOf(options.network);
    let rates: number[], corrs: number[], sched: Schedule | undefined;
    if (schedule === undefined) {
      if (typeof options.rates !== 'number') throw new NetworkError(`${WHERE}: rates is a list: give the schedule (start of each block, ms) too`);
      if (typeof options.corr !== 'number') throw new NetworkError(`${WHERE}: corr is a list: give the schedule (start of each block, ms) too`);
      if (period !== undefined && period > 0) throw new NetworkError(`${WHERE}: period repeats a schedule: give the schedule too`);
      rates = [options.rates];
      corrs = [options.corr];
    } else {
      rates = perBlock(options.rates, Array.isArray(options.rates) ? options.rates.length : typeof schedule === 'number' ? 1 : schedule.length, 'rates', WHERE);
      if (rates.length === 0) throw new NetworkError(`${WHERE}: rates must hold at least one block`);
      corrs = perBlock(options.corr, rates.length, 'corr', WHERE);
      sched = scheduleSteps(schedule, rates.length, period, network.dt);
    }
    checkParameters(rates, corrs, tau, WHERE);
    const blocks = rates.map((r, k) => rectifyCorrelated(r, corrs[k], tau));
    const parameters = [`tau = ${literal(tau, 'tau')} : population`];
    blocks.forEach(({ mu, sigma }, k) => {
      const suffix = sched ? `_${k}` : '';
      parameters.push(`mu${suffix} = ${literal(mu, 'mu')} : population`, `sigma${suffix} = ${literal(sigma, 'sigma')} : population`);
    });
    const first = sched && sched.starts[0] > 0 ? 0 : blocks[0].mu;
    super(geometry, new Neuron({
      name: 'HomogeneousCorrelated',
      parameters: parameters.join('\n'),
      equations: `${sched ? scheduledEquations(sched, rates.length) : ''}x += dt*(mu - x)/tau + sqrt(dt/tau) * sigma * Normal(0.0, 1.0) : population, init=${literal(first, 'mu')}\np = Uniform(0.0, 1.0) * 1000.0 / dt`,
      spike: 'p < x',
      refractory: options.refractory,
    }), { name: options.name, network });
    this.#rates = rates;
    this.#corr = corrs;
    this.scheduled = sched !== undefined;
    this.recreate = (net, name) => new HomogeneousCorrelatedSpikeTrains(this.geometry, { ...options, rates: this.rates, corr: this.corr, tau: this.tau, name, network: net });
  }

  /** Mean rate (Hz), or with a schedule the rate of each block. */
  get rates(): number | number[] { return this.scheduled ? [...this.#rates] : this.#rates[0]; }
  /** Sets the mean rate (Hz; one per block with a schedule) and recomputes `mu` and `sigma`. */
  set rates(v: number | readonly number[]) { this.update({ rates: v }); }
  /** Correlation, or with a schedule that of each block. */
  get corr(): number | number[] { return this.scheduled ? [...this.#corr] : this.#corr[0]; }
  /** Sets the correlation (one per block with a schedule) and recomputes `mu` and `sigma`. */
  set corr(v: number | readonly number[]) { this.update({ corr: v }); }
  /** Time constant of the rate's Ornstein–Uhlenbeck process, in ms. */
  get tau(): number { return this.get('tau') as number; }
  /** Sets the time constant (ms) and recomputes `mu` and `sigma`. */
  set tau(v: number) { this.update({ tau: v }); }

  /** Changes several of rates, corr, tau at once (with a schedule: same number of blocks; the schedule itself is fixed). */
  update(values: { rates?: number | readonly number[]; corr?: number | readonly number[]; tau?: number }): void {
    const where = `HomogeneousCorrelatedSpikeTrains '${this.name}'.update()`;
    checkOptions(values, ['rates', 'corr', 'tau'], where);
    const n = this.#rates.length;
    const rates = values.rates === undefined ? this.#rates : this.scheduled ? perBlock(values.rates, n, 'rates', where) : [values.rates as number];
    const corrs = values.corr === undefined ? this.#corr : this.scheduled ? perBlock(values.corr, n, 'corr', where) : [values.corr as number];
    const tau = values.tau ?? this.tau;
    if (!this.scheduled && (typeof rates[0] !== 'number' || typeof corrs[0] !== 'number')) throw new NetworkError(`${where}: without a schedule, rates and corr are numbers`);
    checkParameters(rates, corrs, tau, where);
    this.#rates = [...rates];
    this.#corr = [...corrs];
    if (values.tau !== undefined) this.setAttribute('tau', tau);
    this.#rates.forEach((r, k) => {
      const { mu, sigma } = rectifyCorrelated(r, this.#corr[k], tau);
      const suffix = this.scheduled ? `_${k}` : '';
      this.setAttribute(`mu${suffix}`, mu);
      this.setAttribute(`sigma${suffix}`, sigma);
    });
  }
}
