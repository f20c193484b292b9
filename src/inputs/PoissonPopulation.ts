/**
 * `PoissonPopulation`: spiking neurons that fire as Poisson processes (ANNarchy's
 * `PoissonPopulation`). The neuron is ANNarchy's: `p = Uniform(0.0, 1.0) * 1000.0 / dt`,
 * `spike: p < rates`, so that the spike probability per step is `rates·dt/1000`.
 *
 * - `rates` a number or an array (one per neuron): a local parameter `rates`, changeable at any time.
 *   Such populations run the `poisson` special kernel (ir/plan.ts): instead of one uniform per neuron and
 *   per step, each neuron draws the number of steps to its next spike from the geometric law of that
 *   Bernoulli process, which gives exactly the same distribution of spike trains at a cost per spike
 *   rather than per step (the STDP benchmark's 1000 inputs × 10⁶ steps).
 * - `rates` an equation string (may use `t` and the extra `parameters`): `rates` becomes a variable
 *   computed every step, and the per-step uniform draw of the equations is used.
 * - `target`: the rates are the weighted sum of rate-coded projections with that target (ANNarchy's
 *   `rates = sum(target)`, written `rates = g_target`: the projections add into the conductance, which
 *   is cleared every step, see ir/build.ts).
 */
import { NetworkError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import { Neuron } from '../core/Neuron.js';
import { Population, type PopulationBase } from '../core/Population.js';
import type { NetworkLike } from '../core/network-like.js';
import type { SpecialPopulation } from '../ir/plan.js';
import type { AttributeInput } from '../core/values.js';
import { literal, geometryForm } from './common.js';

/** Options of `new PoissonPopulation(geometry, options)`. */
export interface PoissonPopulationOptions {
  /** Firing rate in Hz: a number, one value per neuron, or an equation string. */
  rates?: number | ArrayLike<number> | string;
  /** Take the rates from rate-coded projections with this target (`rates = sum(target)`). */
  target?: string;
  /** Extra parameters usable in an equation string for `rates` (global: one value each). */
  parameters?: Record<string, number>;
  /** Refractory period in ms. */
  refractory?: number;
  /** Unique name in the network (default `pop<id>`). */
  name?: string;
  /** The network to create it in (default: the default network of `compile()`, `simulate()`). */
  network?: NetworkLike;
}

/** The keys of {@link PoissonPopulationOptions}. */
export const POISSON_POPULATION_OPTIONS = optionKeys<PoissonPopulationOptions>()(['rates', 'target', 'parameters', 'refractory', 'name', 'network']);

/**
 * Spiking neurons firing as Poisson processes (ANNarchy's `PoissonPopulation`): `rates` in Hz as
 * a number, one number per neuron, an equation string (which may use `t`), or `target` (the
 * weighted sum of rate-coded projections).
 */
// The attribute names of its neuron, for the type of `pop.<name>` (core/attribute-names.ts).
export class PoissonPopulation extends (Population as PopulationBase<'rates' | 'p' | 'r'>) {
  /** @internal read by ir/build.ts */
  readonly special?: SpecialPopulation;
  /** @internal read by core/projection-checks.ts: rate-coded projections may target it (`target`). */
  readonly rateInputTargets?: readonly string[];

  /** `new PoissonPopulation(100, { rates: 10 })` or `new PoissonPopulation({ geometry: 100, rates: 10 })`. */
  constructor(args: PoissonPopulationOptions & { geometry: number | readonly number[] });
  constructor(geometry: number | readonly number[], options: PoissonPopulationOptions);
  constructor(a: number | readonly number[] | (PoissonPopulationOptions & { geometry: number | readonly number[] }), b?: PoissonPopulationOptions) {
    const { geometry, options } = geometryForm(a, b, 'new PoissonPopulation()') as { geometry: number | readonly number[]; options: PoissonPopulationOptions };
    checkOptions(options, POISSON_POPULATION_OPTIONS, 'new PoissonPopulation()');
    if (options === undefined) throw new NetworkError('new PoissonPopulation(): give the options { rates } or { target }');
    if (typeof options.rates === 'number') checkRate(options.rates, 'new PoissonPopulation()', 'rates');
    const { rates, target, parameters = {}, refractory, name, network } = options;
    if (rates === undefined && target === undefined) throw new NetworkError('PoissonPopulation: give rates or target');
    if (rates !== undefined && target !== undefined) throw new NetworkError('PoissonPopulation: give rates or target, not both');
    const extra = Object.entries(parameters).map(([k, v]) => `${k} = ${literal(v, `PoissonPopulation parameter '${k}'`)} : population`);
    const draw = 'p = Uniform(0.0, 1.0) * 1000.0 / dt';
    let neuron: Neuron;
    let constant = false;
    if (target !== undefined) {
      // ANNarchy writes `rates = sum(target)`. Here the rate-coded projections add into g_target (ir/build.ts
      // rateInto = 'conductance'), which no ODE integrates and is therefore cleared every step: the same value.
      neuron = new Neuron({ name: 'Poisson', parameters: extra.join('\n'), equations: `rates = g_${target}\n${draw}`, spike: 'p < rates', refractory });
    } else if (typeof rates === 'string') {
      neuron = new Neuron({ name: 'Poisson', parameters: extra.join('\n'), equations: `rates = ${rates}\n${draw}`, spike: 'p < rates', refractory });
    } else {
      constant = true;
      const initial = typeof rates === 'number' ? rates : 0;
      neuron = new Neuron({ name: 'Poisson', parameters: [`rates = ${literal(initial, 'PoissonPopulation rates')}`, ...extra].join('\n'), equations: draw, spike: 'p < rates', refractory });
    }
    super(geometry, neuron, { name, network });
    if (target !== undefined) this.rateInputTargets = [target];
    if (constant) {
      this.special = { kind: 'poisson' };
      if (typeof rates !== 'number') this.setAttribute('rates', rates as ArrayLike<number>);
    }
    this.recreate = (net, copyName) => new PoissonPopulation(this.geometry, { ...options, name: copyName, network: net });
  }

  /**
   * @internal Constant rates are firing rates in Hz, finite and ≥ 0, however they are written
   * (`pop.rates = …`, `set`, a view): a refused write leaves the previous rates.
   */
  override setAttribute(name: string, value: AttributeInput, ranks?: Int32Array): void {
    if (name !== 'rates' || this.special?.kind !== 'poisson') { super.setAttribute(name, value, ranks); return; }
    const arr = this.f64('rates');
    const before = Float64Array.from(arr);
    super.setAttribute(name, value, ranks);
    const bad = arr.findIndex((r) => !(r >= 0) || !Number.isFinite(r));
    if (bad < 0) return;
    const got = arr[bad];
    arr.set(before);
    this.network.attributeWritten(this, 'rates');
    checkRate(got, `PoissonPopulation '${this.name}'`, `rates of neuron ${bad}`);
  }
}

/** A firing rate: finite and ≥ 0 Hz (−5 Hz would silently never spike, NaN never either). */
function checkRate(rate: number, where: string, what: string): void {
  if (!(rate >= 0) || !Number.isFinite(rate)) throw new NetworkError(`${where}: ${what} must be a finite number of Hz ≥ 0, got ${rate}`);
}
