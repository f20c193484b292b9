/**
 * `TimedArray` (rate-coded) and `TimedPoissonPopulation` (spiking): inputs that switch between blocks
 * of values on a schedule (ANNarchy's classes of the same names). The per-step rule is the
 * `timed-array` special kernel of ir/plan.ts: the population's own step counter starts at 0 (and
 * at every `reset()`); block k is applied in the step where the counter equals `schedule[k]`; the last
 * block stays once the schedule ends; with a `period`, the counter and the block index go back to 0
 * every `period` ms.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, describeValue, optionKeys } from '../core/options.js';
import { Neuron } from '../core/Neuron.js';
import { Population, type PopulationBase } from '../core/Population.js';
import { normalizeGeometry, geometrySize } from '../core/geometry.js';
import type { NetworkLike } from '../core/network-like.js';
import type { SpecialPopulation } from '../ir/plan.js';
import { flattenShaped, msToSteps, networkOf, geometryForm } from './common.js';

/** The schedule shared by `TimedArray` and `TimedPoissonPopulation` (and their `update()`). */
export interface TimedOptions {
  /** Start of each block in ms (a list), or the interval between blocks (a number; 0 = one block per step). */
  schedule?: number | readonly number[];
  /** Period in ms after which the sequence starts again (−1: no repetition). */
  period?: number;
}

/** Options of `new TimedArray(options)`. */
export interface TimedArrayOptions extends TimedOptions {
  /**
   * The blocks: `rates[k]` is the value of every neuron during block k (a flat or nested array shaped
   * like the geometry). May be left out when `geometry` is given, and set later with `update()`.
   */
  rates?: ArrayLike<ArrayLike<unknown>>;
  /** Geometry (default: the shape of one block; needed without `rates`). */
  geometry?: number | readonly number[];
  /** Unique name in the network (default `pop<id>`). */
  name?: string;
  /** The network to create it in (default: the default network of `compile()`, `simulate()`). */
  network?: NetworkLike;
}

/** The keys of {@link TimedArrayOptions}. */
export const TIMED_ARRAY_OPTIONS = optionKeys<TimedArrayOptions>()(['rates', 'geometry', 'schedule', 'period', 'name', 'network']);
/** The keys of the options of `update()` of the timed inputs. */
const UPDATE_OPTIONS = optionKeys<TimedOptions & { reset?: boolean }>()(['schedule', 'period', 'reset']);

/**
 * The schedule and period in steps. Refused rather than guessed: a negative or NaN schedule, a
 * positive one shorter than half a step (every block would start in step 0), a period that is not
 * −1 (no repetition) or a positive duration, and a period that ends before a block starts (that
 * block would never be shown: the counter goes back to 0 first).
 */
function scheduleSteps(options: TimedOptions, nBlocks: number, dt: number, what: string): { steps: number[]; periodSteps: number } {
  const schedule = options.schedule ?? 0;
  let steps: number[];
  if (typeof schedule === 'number') {
    if (!(schedule >= 0) || !Number.isFinite(schedule)) {
      throw new NetworkError(`${what}: schedule must be the interval between blocks in ms (≥ 0; 0 = a new block every step) or a list of start times, got ${describeValue(schedule)}`);
    }
    const every = schedule > 0 ? msToSteps(schedule, dt, what) : 1;
    if (every === 0) throw new NetworkError(`${what}: schedule ${schedule} ms is shorter than half a step (dt = ${dt} ms): give at least dt, or 0 for a new block every step`);
    steps = Array.from({ length: nBlocks }, (_, k) => k * every);
  } else {
    if (!Array.isArray(schedule) && !ArrayBuffer.isView(schedule)) {
      throw new NetworkError(`${what}: schedule must be a number of ms or a list of start times in ms, got ${describeValue(schedule)}`);
    }
    if (schedule.length !== nBlocks) throw new NetworkError(`${what}: the schedule has ${schedule.length} entries for ${nBlocks} blocks`);
    steps = Array.from(schedule as ArrayLike<unknown>, (s, k) => {
      if (typeof s !== 'number' || !(s >= 0) || !Number.isFinite(s)) throw new NetworkError(`${what}: schedule[${k}] must be a start time in ms ≥ 0, got ${describeValue(s)}`);
      return msToSteps(s, dt, what);
    });
    for (let k = 1; k < steps.length; k++) if (steps[k] <= steps[k - 1]) throw new NetworkError(`${what}: the schedule must be increasing (in steps of dt = ${dt} ms)`);
  }
  const period = options.period ?? -1;
  if (period === -1) return { steps, periodSteps: -1 };
  if (typeof period !== 'number' || !(period > 0) || !Number.isFinite(period)) {
    throw new NetworkError(`${what}: period must be a duration in ms > 0 after which the blocks start again, or -1 for no repetition, got ${describeValue(period)}`);
  }
  const periodSteps = msToSteps(period, dt, what);
  const last = steps[steps.length - 1];
  if (periodSteps <= last) {
    throw new NetworkError(`${what}: period (${period} ms) must be longer than the start of the last block (${last * dt} ms), or that block is never shown: lengthen the period or shorten the schedule`);
  }
  return { steps, periodSteps };
}

/** The schedule and period as given in ms: kept by `update()` for what it is not given (ANNarchy 5). */
type Timing = { schedule: number | readonly number[]; period: number };

/** The start step of each block and the period in steps (−1: none); errors name `what`. */
function timingSteps(timing: Timing, nBlocks: number, dt: number, what: string): { steps: number[]; periodSteps: number } {
  checkTiming(timing, what);
  // The values (negative or NaN times, a period shorter than the schedule) are checked there.
  return scheduleSteps(timing, nBlocks, dt, what);
}

/** Writes the schedule, period and blocks of a timed population into its state. */
function storeTimed(pop: Population, blocks: Float64Array, nBlocks: number, timing: Timing, what: string): void {
  const { steps, periodSteps } = timingSteps(timing, nBlocks, pop.network.dt, what);
  pop.state.set('_ta_buffer', blocks);
  pop.state.set('_ta_schedule', Int32Array.from(steps));
  pop.state.set('_ta_period', Int32Array.of(periodSteps));
  if (!pop.state.has('_ta_t')) { pop.state.set('_ta_t', new Int32Array(1)); pop.state.set('_ta_block', new Int32Array(1)); }
  if (pop.network.compiled) for (const n of ['_ta_buffer', '_ta_schedule', '_ta_period']) pop.network.attributeWritten(pop, n);
}

/** A schedule is a number or an array of numbers (ms), a period a number: refused otherwise, naming the population. */
function checkTiming(timing: Timing, what: string): void {
  const { schedule, period } = timing;
  const list = Array.isArray(schedule) || ArrayBuffer.isView(schedule);
  if (typeof schedule !== 'number' && !(list && Array.from(schedule as ArrayLike<unknown>).every((x) => typeof x === 'number'))) {
    throw new NetworkError(`${what}: schedule must be a number of ms (the interval between blocks) or an array of start times in ms, got ${describeValue(schedule)}`);
  }
  if (typeof period !== 'number') throw new NetworkError(`${what}: period must be a number of ms (−1: no repetition), got ${describeValue(period)}`);
}

/** The blocks currently stored (one array per block), for a copy of the population in another network. */
function storedBlocks(pop: Population): Float64Array[] {
  const buffer = pop.state.get('_ta_buffer') as Float64Array;
  return Array.from({ length: buffer.length / pop.size }, (_, k) => buffer.slice(k * pop.size, (k + 1) * pop.size));
}

/**
 * New blocks for a timed population (`update()` of both classes). With `reset` (default true, as
 * ANNarchy 5) the sequence restarts at the next step. Without, it goes on at the current counter as
 * if the new blocks and schedule had been there from its start: the block of the current time is
 * shown at once in `into` (ANNarchy 5), the next one starts at its scheduled step. A schedule or period
 * not given keeps the previous one. Returns the timing now in force.
 */
function updateTimed(
  pop: Population, blocks: Float64Array, nBlocks: number, kept: Timing,
  options: TimedOptions & { reset?: boolean }, into: string, what: string,
): Timing {
  const timing: Timing = { schedule: options.schedule ?? kept.schedule, period: options.period ?? kept.period };
  if (options.schedule === undefined && typeof timing.schedule !== 'number' && timing.schedule.length !== nBlocks) {
    throw new NetworkError(`${what}.update(): ${nBlocks} blocks, but the schedule kept from before has ${timing.schedule.length} entries: give a schedule with the new blocks`);
  }
  storeTimed(pop, blocks, nBlocks, timing, what);
  const t = pop.state.get('_ta_t') as Int32Array;
  const block = pop.state.get('_ta_block') as Int32Array;
  if (options.reset ?? true) {
    t[0] = 0;
    block[0] = 0;
    return timing;
  }
  // Blocks scheduled before the current counter have been shown; the last of them is the current one.
  const schedule = pop.state.get('_ta_schedule') as Int32Array;
  let next = 0;
  while (next < schedule.length && schedule[next] < t[0]) next++;
  block[0] = next;
  if (next > 0) {
    const size = pop.size;
    (pop.state.get(into) as Float64Array).set(blocks.subarray((next - 1) * size, next * size));
    pop.network.attributeWritten(pop, into);
  }
  return timing;
}

/** Blocks as one flat array (nBlocks × size); each block is flattened row-major. */
function flattenBlocks(rates: ArrayLike<ArrayLike<unknown>>, size: number | undefined, what: string): { data: Float64Array; n: number; shape: number[] } {
  if (rates === null || typeof rates !== 'object' || typeof rates.length !== 'number') {
    throw new NetworkError(`${what}: rates must be an array of blocks (one array of values per block), got ${describeValue(rates)}`);
  }
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

/**
 * A rate-coded input whose `r` switches between blocks of values on a schedule (ANNarchy's
 * `TimedArray`): block k applies from `schedule[k]` ms (every `schedule` ms when it is a number),
 * the last one stays, and with a `period` the sequence starts over.
 */
// The attribute names of its neuron, for the type of `pop.<name>` (core/attribute-names.ts).
export class TimedArray extends (Population as PopulationBase<'r'>) {
  /** @internal read by ir/build.ts */
  readonly special: SpecialPopulation = { kind: 'timed-array', into: 'r' };
  #timing: Timing;
  /** Blocks were given (by the constructor or update()). */
  #updated = false;

  /**
   * `new TimedArray({ rates, schedule, period })`, or `new TimedArray({ geometry })` with the blocks
   * given later by `update(rates, …)` (ANNarchy's `TimedArray(geometry=…)`; until then `r` stays 0).
   */
  constructor(options: TimedArrayOptions) {
    checkOptions(options, TIMED_ARRAY_OPTIONS, 'new TimedArray()');
    if (options === undefined) throw new NetworkError('new TimedArray(): give the options { rates } (or { geometry }, and the rates later with update())');
    if (options.rates === undefined && options.geometry === undefined) {
      throw new NetworkError('new TimedArray(): give the blocks { rates }, or a { geometry } and the blocks later with update(rates)');
    }
    const what = 'new TimedArray()';
    const given = options.rates !== undefined ? flattenBlocks(options.rates, undefined, what) : undefined;
    const geometry = options.geometry ?? given!.shape;
    // Checked before the population joins its network: a refused one leaves no trace.
    const size = geometrySize(normalizeGeometry(geometry, 'new TimedArray(): geometry'));
    if (given && size !== given.data.length / given.n) {
      throw new NetworkError(`${what}: blocks of ${given.data.length / given.n} values do not match the geometry [${[geometry].flat().join(', ')}] (${size} neurons)`);
    }
    const timing: Timing = { schedule: options.schedule ?? 0, period: options.period ?? -1 };
    // Without blocks, the schedule is checked against those that update() brings.
    const dt = networkOf(options.network).dt;
    if (given) timingSteps(timing, given.n, dt, what);
    else timingSteps(timing, typeof timing.schedule === 'number' ? 1 : (timing.schedule as ArrayLike<unknown>)?.length ?? 1, dt, what);
    super(geometry, new Neuron({ name: 'TimedArray', equations: 'r = r' }), { name: options.name, network: networkOf(options.network) });
    this.#timing = timing;
    if (given) {
      storeTimed(this, given.data, given.n, this.#timing, `TimedArray '${this.name}'`);
    } else {
      // No blocks yet: one block of zeros from step 0, what r holds anyway.
      storeTimed(this, new Float64Array(this.size), 1, { schedule: 0, period: this.#timing.period }, `TimedArray '${this.name}'`);
    }
    // A copy starts from the current blocks and timing; Population.copyTo then copies the counters.
    this.recreate = (net, name) => new TimedArray({
      rates: given || this.#updated ? storedBlocks(this) : undefined, geometry: this.geometry, ...this.#timing, name, network: net,
    });
  }

  /**
   * New blocks, optionally with a new schedule and period (those not given are kept, as ANNarchy 5).
   * With `reset` (default true, as ANNarchy 5) the sequence restarts at the next step. With
   * `reset: false` it goes on at the current time: `r` shows the new block of the current time at
   * once, and the next block starts at its scheduled step.
   */
  update(rates: ArrayLike<ArrayLike<unknown>>, options: TimedOptions & { reset?: boolean } = {}): void {
    const what = `TimedArray '${this.name}'`;
    checkOptions(options, UPDATE_OPTIONS, `${what}.update()`);
    const { data, n } = flattenBlocks(rates, this.size, what);
    this.#timing = updateTimed(this, data, n, this.#timing, options, 'r', what);
    this.#updated = true;
  }
}

/** Options of `new TimedPoissonPopulation(geometry, options)`. */
export interface TimedPoissonOptions extends TimedOptions {
  /** Rates (Hz) of each block: one number for every neuron, or one value per neuron. */
  rates: ArrayLike<number | ArrayLike<unknown>>;
  /** Unique name in the network (default `pop<id>`). */
  name?: string;
  /** The network to create it in (default: the default network of `compile()`, `simulate()`). */
  network?: NetworkLike;
}

/** The keys of {@link TimedPoissonOptions}. */
export const TIMED_POISSON_OPTIONS = optionKeys<TimedPoissonOptions>()(['rates', 'schedule', 'period', 'name', 'network']);

// The attribute names of its neuron, for the type of `pop.<name>` (core/attribute-names.ts).
/** Poisson neurons whose `rates` switch between blocks on a schedule (drawn like PoissonPopulation). */
export class TimedPoissonPopulation extends (Population as PopulationBase<'rates' | 'p' | 'r'>) {
  /** @internal read by ir/build.ts */
  readonly special: SpecialPopulation = { kind: 'timed-poisson' };
  #timing: Timing;

  /** `new TimedPoissonPopulation(10, { rates, schedule })` or `new TimedPoissonPopulation({ geometry: 10, rates, schedule })`. */
  constructor(args: TimedPoissonOptions & { geometry: number | readonly number[] });
  constructor(geometry: number | readonly number[], options: TimedPoissonOptions);
  constructor(a: number | readonly number[] | (TimedPoissonOptions & { geometry: number | readonly number[] }), b?: TimedPoissonOptions) {
    const { geometry, options } = geometryForm(a, b, 'new TimedPoissonPopulation()') as { geometry: number | readonly number[]; options: TimedPoissonOptions };
    checkOptions(options, TIMED_POISSON_OPTIONS, 'new TimedPoissonPopulation()');
    if (options === undefined) throw new NetworkError('new TimedPoissonPopulation(): give the options { rates, schedule }');
    // The timing is checked before the population joins its network: a refused one leaves no trace.
    const nBlocks = (options.rates as ArrayLike<unknown> | undefined)?.length;
    if (typeof nBlocks === 'number') {
      timingSteps({ schedule: options.schedule ?? 0, period: options.period ?? -1 }, nBlocks, networkOf(options.network).dt, 'new TimedPoissonPopulation()');
    }
    super(geometry, new Neuron({
      name: 'TimedPoisson', parameters: 'rates = 0.0', equations: 'p = Uniform(0.0, 1.0) * 1000.0 / dt', spike: 'p < rates',
    }), { name: options.name, network: networkOf(options.network) });
    const { data, n } = this.blocks(options.rates);
    this.#timing = { schedule: options.schedule ?? 0, period: options.period ?? -1 };
    storeTimed(this, data, n, this.#timing, `TimedPoissonPopulation '${this.name}'`);
    // A copy starts from the current blocks and timing; Population.copyTo then copies the counters.
    this.recreate = (net, name) => new TimedPoissonPopulation(this.geometry, { rates: storedBlocks(this), ...this.#timing, name, network: net });
  }

  private blocks(rates: ArrayLike<number | ArrayLike<unknown>>): { data: Float64Array; n: number } {
    const rows = Array.from(rates, (b) => (typeof b === 'number' ? new Array<number>(this.size).fill(b) : b));
    const { data, n } = flattenBlocks(rows, this.size, `TimedPoissonPopulation '${this.name}'`);
    const bad = data.findIndex((r) => !(r >= 0) || !Number.isFinite(r));
    if (bad >= 0) throw new NetworkError(`TimedPoissonPopulation '${this.name}': rates must be finite numbers of Hz ≥ 0, got ${data[bad]} (block ${Math.floor(bad / this.size)}, neuron ${bad % this.size})`);
    return { data, n };
  }

  /**
   * New rates per block, optionally with a new schedule and period (those not given are kept). With
   * `reset` (default true) the sequence restarts at the next step; with `reset: false` it goes on at
   * the current time, the rates of the current block in force at once.
   */
  update(rates: ArrayLike<number | ArrayLike<unknown>>, options: TimedOptions & { reset?: boolean } = {}): void {
    const what = `TimedPoissonPopulation '${this.name}'`;
    checkOptions(options, UPDATE_OPTIONS, `${what}.update()`);
    const { data, n } = this.blocks(rates);
    this.#timing = updateTimed(this, data, n, this.#timing, options, 'rates', what);
  }
}
