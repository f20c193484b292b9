/**
 * `TimedArray` (rate-coded) and `TimedPoissonPopulation` (spiking): inputs that switch between blocks
 * of values on a schedule (ANNarchy's classes of the same names). The per-step rule is the
 * `timed-array` special kernel of ir/plan.ts: the population's own step counter starts at 0 (and
 * at every `reset()`); block k is applied in the step where the counter equals `schedule[k]`; the last
 * block stays once the schedule ends; with a `period`, the counter and the block index go back to 0
 * every `period` ms.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import { Neuron } from '../core/Neuron.js';
import { Population } from '../core/Population.js';
import type { NetworkLike } from '../core/network-like.js';
import type { SpecialPopulation } from '../ir/plan.js';
import { flattenShaped, msToSteps, networkOf, geometryForm } from './common.js';

export interface TimedOptions {
  /** Start of each block in ms (a list), or the interval between blocks (a number; 0 = one block per step). */
  schedule?: number | readonly number[];
  /** Period in ms after which the sequence starts again (−1: no repetition). */
  period?: number;
}

export interface TimedArrayOptions extends TimedOptions {
  /** The blocks: `rates[k]` is the value of every neuron during block k (a flat or nested array shaped like the geometry). */
  rates: ArrayLike<ArrayLike<unknown>>;
  /** Geometry (default: the shape of one block). */
  geometry?: number | readonly number[];
  name?: string;
  network?: NetworkLike;
}

/** The keys of {@link TimedArrayOptions}. */
export const TIMED_ARRAY_OPTIONS = optionKeys<TimedArrayOptions>()(['rates', 'geometry', 'schedule', 'period', 'name', 'network']);
/** The keys of the options of `update()` of the timed inputs. */
const UPDATE_OPTIONS = optionKeys<TimedOptions & { reset?: boolean }>()(['schedule', 'period', 'reset']);

/** Writes the schedule, period and blocks of a timed population into its state. */
function storeTimed(pop: Population, blocks: Float64Array, nBlocks: number, options: TimedOptions, what: string): void {
  const dt = pop.network.dt;
  const schedule = options.schedule ?? 0;
  let steps: number[];
  if (typeof schedule === 'number') {
    const every = schedule > 0 ? msToSteps(schedule, dt, what) : 1;
    steps = Array.from({ length: nBlocks }, (_, k) => k * every);
  } else {
    if (schedule.length !== nBlocks) throw new NetworkError(`${what}: the schedule has ${schedule.length} entries for ${nBlocks} blocks`);
    steps = schedule.map((s) => msToSteps(s, dt, what));
    for (let k = 1; k < steps.length; k++) if (steps[k] <= steps[k - 1]) throw new NetworkError(`${what}: the schedule must be increasing`);
  }
  const period = options.period ?? -1;
  const periodSteps = period > 0 ? msToSteps(period, dt, what) : -1;
  pop.state.set('_ta_buffer', blocks);
  pop.state.set('_ta_schedule', Int32Array.from(steps));
  pop.state.set('_ta_period', Int32Array.of(periodSteps));
  if (!pop.state.has('_ta_t')) { pop.state.set('_ta_t', new Int32Array(1)); pop.state.set('_ta_block', new Int32Array(1)); }
  if (pop.network.compiled) for (const n of ['_ta_buffer', '_ta_schedule', '_ta_period']) pop.network.attributeWritten(pop, n);
}

function resetCounters(pop: Population): void {
  (pop.state.get('_ta_t') as Int32Array)[0] = 0;
  (pop.state.get('_ta_block') as Int32Array)[0] = 0;
}

/** Blocks as one flat array (nBlocks × size); each block is flattened row-major. */
function flattenBlocks(rates: ArrayLike<ArrayLike<unknown>>, size: number | undefined, what: string): { data: Float64Array; n: number; shape: number[] } {
  if (rates.length === 0) throw new NetworkError(`${what}: rates must hold at least one block`);
  const blocks = Array.from(rates, (b) => flattenShaped(b));
  const width = size ?? blocks[0].values.length;
  const data = new Float64Array(blocks.length * width);
  blocks.forEach((b, k) => {
    if (b.values.length !== width) throw new NetworkError(`${what}: block ${k} has ${b.values.length} values, expected ${width}`);
    data.set(b.values, k * width);
  });
  return { data, n: blocks.length, shape: blocks[0].shape };
}

export class TimedArray extends Population {
  /** @internal read by ir/build.ts */
  readonly special: SpecialPopulation = { kind: 'timed-array', into: 'r' };

  constructor(options: TimedArrayOptions) {
    checkOptions(options, TIMED_ARRAY_OPTIONS, 'new TimedArray()');
    if (options === undefined) throw new NetworkError('new TimedArray(): give the options { rates }');
    const what = 'TimedArray';
    const { data, n, shape } = flattenBlocks(options.rates, undefined, what);
    const geometry = options.geometry ?? shape;
    super(geometry, new Neuron({ name: 'TimedArray', equations: 'r = r' }), { name: options.name, network: networkOf(options.network) });
    if (this.size !== data.length / n) throw new NetworkError(`${what}: blocks of ${data.length / n} values do not match the geometry (${this.size} neurons)`);
    storeTimed(this, data, n, options, `TimedArray '${this.name}'`);
    this.recreate = (net, name) => new TimedArray({ ...options, geometry: this.geometry, name, network: net });
  }

  /**
   * New blocks (and optionally a new schedule and period). With `reset` (default true, as ANNarchy 5)
   * the sequence restarts at the next step; otherwise it continues at the current counter.
   */
  update(rates: ArrayLike<ArrayLike<unknown>>, options: TimedOptions & { reset?: boolean } = {}): void {
    checkOptions(options, UPDATE_OPTIONS, `TimedArray '${this.name}'.update()`);
    const { data, n } = flattenBlocks(rates, this.size, `TimedArray '${this.name}'`);
    const prevPeriod = (this.state.get('_ta_period') as Int32Array)[0];
    storeTimed(this, data, n, { schedule: options.schedule, period: options.period ?? (prevPeriod > 0 ? prevPeriod * this.network.dt : -1) }, `TimedArray '${this.name}'`);
    if (options.reset ?? true) resetCounters(this);
  }
}

export interface TimedPoissonOptions extends TimedOptions {
  /** Rates (Hz) of each block: one number for every neuron, or one value per neuron. */
  rates: ArrayLike<number | ArrayLike<unknown>>;
  name?: string;
  network?: NetworkLike;
}

/** The keys of {@link TimedPoissonOptions}. */
export const TIMED_POISSON_OPTIONS = optionKeys<TimedPoissonOptions>()(['rates', 'schedule', 'period', 'name', 'network']);

/** Poisson neurons whose `rates` switch between blocks on a schedule (drawn like PoissonPopulation). */
export class TimedPoissonPopulation extends Population {
  /** @internal read by ir/build.ts */
  readonly special: SpecialPopulation = { kind: 'timed-poisson' };

  /** `new TimedPoissonPopulation(10, { rates, schedule })` or `new TimedPoissonPopulation({ geometry: 10, rates, schedule })`. */
  constructor(args: TimedPoissonOptions & { geometry: number | readonly number[] });
  constructor(geometry: number | readonly number[], options: TimedPoissonOptions);
  constructor(a: number | readonly number[] | (TimedPoissonOptions & { geometry: number | readonly number[] }), b?: TimedPoissonOptions) {
    const { geometry, options } = geometryForm(a, b, 'new TimedPoissonPopulation()') as { geometry: number | readonly number[]; options: TimedPoissonOptions };
    checkOptions(options, TIMED_POISSON_OPTIONS, 'new TimedPoissonPopulation()');
    if (options === undefined) throw new NetworkError('new TimedPoissonPopulation(): give the options { rates, schedule }');
    super(geometry, new Neuron({
      name: 'TimedPoisson', parameters: 'rates = 0.0', equations: 'p = Uniform(0.0, 1.0) * 1000.0 / dt', spike: 'p < rates',
    }), { name: options.name, network: networkOf(options.network) });
    const { data, n } = this.blocks(options.rates);
    storeTimed(this, data, n, options, `TimedPoissonPopulation '${this.name}'`);
    this.recreate = (net, name) => new TimedPoissonPopulation(this.geometry, { ...options, name, network: net });
  }

  private blocks(rates: ArrayLike<number | ArrayLike<unknown>>): { data: Float64Array; n: number } {
    const rows = Array.from(rates, (b) => (typeof b === 'number' ? new Array<number>(this.size).fill(b) : b));
    const { data, n } = flattenBlocks(rows, this.size, `TimedPoissonPopulation '${this.name}'`);
    const bad = data.findIndex((r) => !(r >= 0) || !Number.isFinite(r));
    if (bad >= 0) throw new NetworkError(`TimedPoissonPopulation '${this.name}': rates must be finite numbers of Hz ≥ 0, got ${data[bad]} (block ${Math.floor(bad / this.size)}, neuron ${bad % this.size})`);
    return { data, n };
  }

  update(rates: ArrayLike<number | ArrayLike<unknown>>, options: TimedOptions & { reset?: boolean } = {}): void {
    checkOptions(options, UPDATE_OPTIONS, `TimedPoissonPopulation '${this.name}'.update()`);
    const { data, n } = this.blocks(rates);
    const prevPeriod = (this.state.get('_ta_period') as Int32Array)[0];
    storeTimed(this, data, n, { schedule: options.schedule, period: options.period ?? (prevPeriod > 0 ? prevPeriod * this.network.dt : -1) }, `TimedPoissonPopulation '${this.name}'`);
    if (options.reset ?? true) resetCounters(this);
  }
}
