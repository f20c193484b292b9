/**
 * Spike data as monitors return it, and the conversions every analysis function shares.
 *
 * Conventions used by the whole `analysis` module:
 * - Spike times are **steps** by default (`monitor.get('spike')` returns steps, as ANNarchy does);
 *   pass `unit: 'ms'` when the times are already milliseconds. Every result is reported in ms or
 *   Hz, so `dt` (ms) is needed: a monitor's record carries it (with its unit, recording window,
 *   recorded duration and number of neurons: {@link SpikeRecordInfo}), other data need `{ dt }`.
 * - Internally, times are converted to integer steps (`Math.round(t / dt)` for ms input), so bins
 *   and windows are exact and free of floating-point edge effects.
 * - Recording windows (`start`, `stop`) are given in the **same unit as the spike times** and are
 *   half-open `[start, stop)`: a monitor started at step 0 and read at step 1000 recorded steps
 *   0…999, i.e. `stop = 1000`.
 */
import { NeurarchyError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';

/** Spike times per neuron rank, as returned by `monitor.get('spike')` (times in steps unless `unit: 'ms'`). */
export type SpikeData = Map<number, ArrayLike<number>> | Record<number, ArrayLike<number>>;

/**
 * What a spike record returned by a monitor (`m.get('spike')`, `m.spikeTimes()`) knows about its
 * recording. These are non-enumerable properties of the record, so it still iterates as
 * `{rank: times}` and serialises as before; analysis functions read them when the options leave
 * the corresponding value out, so `meanFr(m.get('spike'))` needs no options.
 */
export interface SpikeRecordInfo {
  /** Step size (ms) of the network that recorded the spikes. */
  readonly dt: number;
  /** Unit of the spike times and of `start`/`stop`. */
  readonly unit: 'steps' | 'ms';
  /** Recording window `[start, stop)` covered by the record, in `unit`. */
  readonly start: number;
  /** End of the recording window (excluded), in `unit`. */
  readonly stop: number;
  /** Recorded duration in ms (pauses excluded). */
  readonly duration: number;
  /** Number of monitored neurons, silent ones included. */
  readonly size: number;
  /** Highest monitored rank + 1 (rows of per-neuron results; differs from `size` for views). */
  readonly rankLimit: number;
}

const INFO_KEYS = ['dt', 'unit', 'start', 'stop', 'duration', 'size', 'rankLimit'] as const;

/** @internal Attaches `info` to a spike record as non-enumerable, read-only properties. */
export function attachRecordInfo<T extends object>(record: T, info: SpikeRecordInfo): T & SpikeRecordInfo {
  for (const k of INFO_KEYS) Object.defineProperty(record, k, { value: info[k], enumerable: false });
  return record as T & SpikeRecordInfo;
}

/** The recording information carried by `spikes` (a monitor's record), if any. */
export function recordInfo(spikes: SpikeData): SpikeRecordInfo | undefined {
  const r = spikes as unknown as Partial<SpikeRecordInfo>;
  return typeof r.dt === 'number' && typeof r.start === 'number' && typeof r.stop === 'number' ? r as SpikeRecordInfo : undefined;
}

/**
 * The options of an analysis function completed from the record's information: `dt` and `unit`
 * (given values must agree with the record: a stale `dt` would scale every rate), and, when the
 * options do not set them, the recording window and the number of neurons.
 */
export function withRecordDefaults<T extends Partial<SpikeTimeOptions> & WindowOptions & { size?: number }>(
  spikes: SpikeData, opts: T, fn: string, rows = false,
): Resolved<T> {
  const info = recordInfo(spikes);
  if (!info) {
    if (opts.dt === undefined) throw new NeurarchyError(`${fn}: pass { dt } (the step in ms): these spikes do not come from a monitor, which would carry it`);
    return opts as Resolved<T>;
  }
  if (opts.dt !== undefined && Math.abs(opts.dt - info.dt) > 1e-9 * info.dt) {
    throw new NeurarchyError(`${fn}: dt = ${opts.dt} ms was given, but these spikes were recorded with dt = ${info.dt} ms; leave dt out (the record carries it)`);
  }
  if (opts.unit !== undefined && opts.unit !== info.unit) {
    throw new NeurarchyError(`${fn}: unit '${opts.unit}' was given, but these spike times are in '${info.unit}'; leave unit out (the record carries it)`);
  }
  const window = opts.start === undefined && opts.stop === undefined && info.stop > info.start ? { start: info.start, stop: info.stop } : {};
  return { ...window, ...opts, dt: info.dt, unit: info.unit, size: opts.size ?? (rows ? info.rankLimit : info.size) };
}

/** Options common to every analysis function. */
export interface SpikeTimeOptions {
  /**
   * Simulation step in ms. Optional for records returned by a monitor (they carry it; a different
   * value is refused), required for other spike data.
   */
  dt?: number;
  /** Unit of the spike times (and of `start`/`stop`): `'steps'` (default, what monitors return) or `'ms'`. */
  unit?: 'steps' | 'ms';
}

/** The keys of {@link SpikeTimeOptions}. */
export const SPIKE_TIME_OPTIONS = optionKeys<SpikeTimeOptions>()(['dt', 'unit']);

/** Options whose `dt` is known (given, or taken from the record by {@link withRecordDefaults}). */
export type Resolved<T extends SpikeTimeOptions> = T & { dt: number };

/** A recording window, in the unit of the spike times, half-open `[start, stop)`. */
export interface WindowOptions {
  /** First step (or ms) of the recording; default: the first spike. */
  start?: number;
  /** End of the recording, exclusive; default: one step after the last spike. */
  stop?: number;
}

/** The keys of {@link WindowOptions}. */
export const WINDOW_OPTIONS = optionKeys<WindowOptions>()(['start', 'stop']);

/** One neuron's spikes in integer steps, sorted. */
export interface NeuronSteps {
  rank: number;
  steps: number[];
}

/** Checks `dt` and `unit`; returns a function converting a time of that unit to an integer step. */
export function stepConverter(opts: Resolved<SpikeTimeOptions>): (t: number) => number {
  const { dt } = opts;
  if (!(typeof dt === 'number' && Number.isFinite(dt) && dt > 0)) {
    throw new NeurarchyError(`analysis: dt must be a positive number of ms, got ${String(dt)}`);
  }
  const unit = opts.unit ?? 'steps';
  if (unit === 'steps') return (t) => Math.round(t);
  if (unit === 'ms') return (t) => Math.round(t / dt);
  throw new NeurarchyError(`analysis: unit must be 'steps' or 'ms', got '${String(unit)}'`);
}

/**
 * Reads spike data into a list of `{rank, steps}` sorted by rank, each neuron's steps sorted.
 * Steps are copied and sorted because saved or hand-made data need not be ordered.
 */
export function toNeuronSteps(spikes: SpikeData, opts: Resolved<SpikeTimeOptions>): NeuronSteps[] {
  const toStep = stepConverter(opts);
  const entries: [number, ArrayLike<number>][] = spikes instanceof Map
    ? [...spikes.entries()]
    : Object.entries(spikes).map(([k, v]) => [Number(k), v as ArrayLike<number>]);
  const out: NeuronSteps[] = [];
  for (const [rank, times] of entries) {
    if (!Number.isInteger(rank) || rank < 0) {
      throw new NeurarchyError(`analysis: spike data keys must be neuron ranks (integers ≥ 0), got '${rank}'`);
    }
    const steps = new Array<number>(times.length);
    let sorted = true;
    for (let i = 0; i < times.length; i++) {
      const t = times[i]!;
      if (!Number.isFinite(t)) throw new NeurarchyError(`analysis: neuron ${rank} has a non-finite spike time (${t})`);
      steps[i] = toStep(t);
      if (i > 0 && steps[i]! < steps[i - 1]!) sorted = false;
    }
    if (!sorted) steps.sort((a, b) => a - b);
    out.push({ rank, steps });
  }
  out.sort((a, b) => a.rank - b.rank);
  return out;
}

/** Number of spikes in the data. */
export function spikeCount(neurons: NeuronSteps[]): number {
  let n = 0;
  for (const { steps } of neurons) n += steps.length;
  return n;
}

/**
 * Resolves the half-open window `[start, stop)` in steps: explicit bounds win, otherwise the first
 * spike and one step after the last spike. Throws when there are neither bounds nor spikes.
 */
export function resolveWindow(
  neurons: NeuronSteps[], opts: Resolved<SpikeTimeOptions & WindowOptions>, fn: string,
): { start: number; stop: number } {
  const toStep = stepConverter(opts);
  let first = Infinity;
  let last = -Infinity;
  for (const { steps } of neurons) {
    if (steps.length === 0) continue;
    first = Math.min(first, steps[0]!);
    last = Math.max(last, steps[steps.length - 1]!);
  }
  const start = opts.start !== undefined ? toStep(opts.start) : first;
  const stop = opts.stop !== undefined ? toStep(opts.stop) : last + 1;
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new NeurarchyError(`${fn}: no spikes and no recording window; pass start and stop`);
  }
  if (stop <= start) throw new NeurarchyError(`${fn}: empty recording window [${start}, ${stop}) steps`);
  return { start, stop };
}

/**
 * Number of neurons to average over: `size` when given (so silent neurons that are absent from
 * the data still count), otherwise the number of neurons present in the data.
 */
export function resolveSize(neurons: NeuronSteps[], size: number | undefined, fn: string): number {
  if (size === undefined) {
    if (neurons.length === 0) throw new NeurarchyError(`${fn}: no neurons in the spike data; pass size`);
    return neurons.length;
  }
  if (!Number.isInteger(size) || size <= 0) throw new NeurarchyError(`${fn}: size must be a positive integer, got ${size}`);
  const maxRank = neurons.length ? neurons[neurons.length - 1]!.rank : -1;
  if (maxRank >= size) throw new NeurarchyError(`${fn}: the data contain rank ${maxRank} but size is ${size}`);
  return size;
}

/** The points of a raster plot: one (time, rank) pair per spike. */
export interface Raster {
  /** Spike times in ms, ascending. */
  times: Float64Array;
  /** Rank of the neuron that fired each spike. */
  ranks: Int32Array;
}

/**
 * `raster_plot`: flattens spike data into parallel arrays of times (ms) and ranks, sorted by time
 * then rank, ready for a scatter plot.
 */
export function rasterPlot(spikes: SpikeData, options: SpikeTimeOptions = {}): Raster {
  checkOptions(options, SPIKE_TIME_OPTIONS, 'rasterPlot()');
  const opts = withRecordDefaults(spikes, options, 'rasterPlot');
  const neurons = toNeuronSteps(spikes, opts);
  const n = spikeCount(neurons);
  const pairs = new Array<[number, number]>(n);
  let k = 0;
  for (const { rank, steps } of neurons) for (const s of steps) pairs[k++] = [s, rank];
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const times = new Float64Array(n);
  const ranks = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    times[i] = pairs[i]![0] * opts.dt;
    ranks[i] = pairs[i]![1];
  }
  return { times, ranks };
}
