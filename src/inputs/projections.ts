/**
 * Projections between rate-coded and spiking populations (ANNarchy's `CurrentInjection` and
 * `DecodingProjection`).
 */
import { NetworkError } from '../errors.js';
import { Projection, type PopulationLike, type ProjectionBase } from '../core/Projection.js';
import { Population } from '../core/Population.js';
import { PopulationView } from '../core/PopulationView.js';
import { Synapse } from '../core/Synapse.js';
import type { SpecialProjection } from '../ir/plan.js';
import { checkOptions } from '../core/options.js';
import { durationSteps } from '../core/durations.js';

const injection = new Synapse({ name: 'CurrentInjection', psp: 'pre.r' });

/**
 * Rate → spike, one-to-one: every step `g_target[post] += pre.r` (the weight is ignored), with the
 * one step of delay of every rate-coded transmission. It is an ordinary rate-coded projection
 * (psp `pre.r`) whose sum ir/build.ts routes into the conductance, because the spiking neuron does
 * not read `sum(target)`. Connect it with `connectCurrent()`.
 */
export class CurrentInjection extends (Projection as ProjectionBase<'w'>) {
  /** `new CurrentInjection(pre, post, 'exc')` or `new CurrentInjection({ pre, post, target: 'exc' })`. */
  constructor(args: { pre: PopulationLike; post: PopulationLike; target: string; name?: string });
  constructor(pre: PopulationLike, post: PopulationLike, target: string, options?: { name?: string });
  constructor(a: PopulationLike | { pre: PopulationLike; post: PopulationLike; target: string; name?: string }, b?: PopulationLike, t?: string, o?: { name?: string }) {
    const { pre, post, target, options } = projectionForm(a, b, t, o, ['name'], 'new CurrentInjection()');
    checkOptions(options, ['name'], 'new CurrentInjection()');
    if (pre.population.description.type !== 'rate') throw new NetworkError('CurrentInjection: the pre-synaptic population must be rate-coded');
    if (post.population.description.type !== 'spike') throw new NetworkError('CurrentInjection: the post-synaptic population must be spiking');
    if (pre.size !== post.size) throw new NetworkError(`CurrentInjection: pre (${pre.size}) and post (${post.size}) must have the same size`);
    super(pre, post, target, injection, options);
  }

  /** @internal Rate → spike is what this projection is for (checked in the constructor). */
  protected override checkPopulationKinds(): void {}

  /** One-to-one connection (ANNarchy's `connect_current()`). */
  connectCurrent(): this {
    return this.connectOneToOne({ weights: 1.0 });
  }
}

/**
 * Spike → rate: the spikes arriving on each post-synaptic neuron (each adds its weight) are counted
 * over a sliding window of `window` ms (default one step) and turned into a rate,
 * `sum(target) = (Σ w over the window) / windowSteps · 1000/dt / (synapses of the neuron)`, so a
 * weight of 1/100 maps 100 Hz inputs to 1.0. Delays are ignored (ANNarchy's DecodingProjection).
 */
export class DecodingProjection extends (Projection as ProjectionBase<'w'>) {
  /** @internal read by ir/build.ts */
  readonly special: SpecialProjection;
  /** Window (ms) over which the pre-synaptic spikes are summed into a rate (one step by default). */
  readonly window: number;

  /**
   * `window`: ms, rounded to whole steps (default, and 0 as ANNarchy: one step).
   * `new DecodingProjection(pre, post, 'exc', { window })` or `new DecodingProjection({ pre, post, target: 'exc', window })`.
   */
  constructor(args: { pre: PopulationLike; post: PopulationLike; target: string; window?: number; name?: string });
  constructor(pre: PopulationLike, post: PopulationLike, target: string, options?: { window?: number; name?: string });
  constructor(a: PopulationLike | { pre: PopulationLike; post: PopulationLike; target: string; window?: number; name?: string }, b?: PopulationLike, t?: string, o?: { window?: number; name?: string }) {
    const { pre, post, target, options } = projectionForm(a, b, t, o, ['window', 'name'], 'new DecodingProjection()');
    checkOptions(options, ['window', 'name'], 'new DecodingProjection()');
    if (pre.population.description.type !== 'spike') throw new NetworkError('DecodingProjection: the pre-synaptic population must be spiking');
    if (post.population.description.type !== 'rate') throw new NetworkError('DecodingProjection: the post-synaptic population must be rate-coded');
    const dt = pre.population.network.dt;
    const steps = options.window === undefined || options.window === 0 ? 1 : durationSteps(options.window, dt, 'new DecodingProjection()', 'window', 1);
    super(pre, post, target, undefined, { name: options.name });
    this.window = steps * dt;
    this.special = { kind: 'decoding', windowSteps: steps };
  }

  /** @internal Spike → rate is what this projection is for (checked in the constructor). */
  protected override checkPopulationKinds(): void {}
}

/**
 * The two ways of building an input projection: `(pre, post, target, options)` or one object
 * `{ pre, post, target, ...options }`. Returns the sides, the target and the other options.
 */
function projectionForm<O extends object>(
  a: PopulationLike | ({ pre: PopulationLike; post: PopulationLike; target: string } & O), b: PopulationLike | undefined,
  target: string | undefined, options: O | undefined, keys: readonly string[], where: string,
): { pre: PopulationLike; post: PopulationLike; target: string; options: O } {
  if (a instanceof Population || a instanceof PopulationView) {
    if (!(b instanceof Population || b instanceof PopulationView)) throw new NetworkError(`${where}: post must be a Population or a PopulationView`);
    return { pre: a, post: b, target: target as string, options: options ?? ({} as O) };
  }
  if (a === null || typeof a !== 'object') throw new NetworkError(`${where}: expected (pre, post, target, options) or one object { pre, post, target, … }`);
  if (b !== undefined) throw new NetworkError(`${where}: give either (pre, post, target, options) or one object { pre, post, target, … }, not both`);
  const { pre, post, target: t, ...rest } = a;
  checkOptions(rest, keys, where);
  if (!(pre instanceof Population || pre instanceof PopulationView) || !(post instanceof Population || post instanceof PopulationView)) {
    throw new NetworkError(`${where}: pre and post must be Populations or PopulationViews`);
  }
  return { pre, post, target: t, options: rest as unknown as O };
}
