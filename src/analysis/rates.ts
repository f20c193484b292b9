/**
 * Firing-rate statistics over spike data: `histogram`, `meanFr`, `populationRate`, `smoothedRate`
 * (ANNarchy's `histogram`, `mean_fr`, `population_rate`, `smoothed_rate`).
 *
 * All windows are half-open `[start, stop)` in the unit of the spike times (see `spikes.ts`);
 * results are in ms (time axes) and Hz (rates).
 */
import { NeurarchyError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import {
  type SpikeData, type SpikeTimeOptions, type WindowOptions, SPIKE_TIME_OPTIONS, WINDOW_OPTIONS,
  toNeuronSteps, resolveWindow, resolveSize, spikeCount, withRecordDefaults, recordInfo,
} from './spikes.js';

/** Options of {@link histogram}. */
export interface HistogramOptions extends SpikeTimeOptions, WindowOptions {
  /** Bin width in ms; must be a whole number of steps. Default: `dt`. */
  bin?: number;
  /** Count per neuron instead of over the population. */
  perNeuron?: boolean;
  /** Number of neurons (rows of the per-neuron histogram); default: highest rank + 1. */
  size?: number;
}

/** The keys of {@link HistogramOptions}. */
export const HISTOGRAM_OPTIONS = optionKeys<HistogramOptions>()([...SPIKE_TIME_OPTIONS, ...WINDOW_OPTIONS, 'bin', 'perNeuron', 'size']);

/** Spike counts per bin over the population. */
export interface Histogram {
  /** Spikes in each bin. */
  counts: Int32Array;
  /** Start of each bin in ms. */
  times: Float64Array;
  /** Bin width in ms. */
  bin: number;
}

/** Spike counts per bin and per neuron (`counts[rank][bin]`). */
export interface NeuronHistogram {
  /** Spikes of each neuron (by rank) in each bin. */
  counts: Int32Array[];
  /** Start of each bin in ms. */
  times: Float64Array;
  /** Bin width in ms. */
  bin: number;
}

/**
 * `histogram`: counts spikes in consecutive bins of `bin` ms, from `start` (default: the first
 * spike) to `stop` (default: one step after the last spike; the last bin may be partial).
 * Spikes outside the window are ignored.
 */
export function histogram(spikes: SpikeData, opts: HistogramOptions & { perNeuron: true }): NeuronHistogram;
export function histogram(spikes: SpikeData, opts?: HistogramOptions & { perNeuron?: false }): Histogram;
export function histogram(spikes: SpikeData, opts?: HistogramOptions): Histogram | NeuronHistogram;
export function histogram(spikes: SpikeData, options: HistogramOptions = {}): Histogram | NeuronHistogram {
  checkOptions(options, HISTOGRAM_OPTIONS, 'histogram()', { renamed: { bins: 'bin', per_neuron: 'perNeuron' }, unsupported: { recording_window: 'give start and stop (the recording window) instead' } });
  const opts = withRecordDefaults(spikes, options, 'histogram', true);
  const neurons = toNeuronSteps(spikes, opts);
  const { start, stop } = resolveWindow(neurons, opts, 'histogram');
  const bin = opts.bin ?? opts.dt;
  const binSteps = Math.round(bin / opts.dt);
  // Bins that are not whole steps would split steps between bins: refuse rather than guess.
  if (!(binSteps >= 1) || Math.abs(binSteps * opts.dt - bin) > 1e-9 * Math.max(1, bin)) {
    throw new NeurarchyError(`histogram: bin (${bin} ms) must be a positive multiple of dt (${opts.dt} ms)`);
  }
  const nbBins = Math.ceil((stop - start) / binSteps);
  const times = new Float64Array(nbBins);
  for (let b = 0; b < nbBins; b++) times[b] = (start + b * binSteps) * opts.dt;
  const binOf = (s: number): number => (s < start || s >= stop ? -1 : Math.floor((s - start) / binSteps));

  if (opts.perNeuron) {
    const maxRank = neurons.length ? neurons[neurons.length - 1]!.rank : -1;
    const size = opts.size ?? maxRank + 1;
    if (maxRank >= size) throw new NeurarchyError(`histogram: the data contain rank ${maxRank} but size is ${size}`);
    const counts = Array.from({ length: size }, () => new Int32Array(nbBins));
    for (const { rank, steps } of neurons) {
      const row = counts[rank]!;
      for (const s of steps) { const b = binOf(s); if (b >= 0) row[b]!++; }
    }
    return { counts, times, bin };
  }
  const counts = new Int32Array(nbBins);
  for (const { steps } of neurons) for (const s of steps) { const b = binOf(s); if (b >= 0) counts[b]!++; }
  return { counts, times, bin };
}

/** Options of {@link meanFr}. */
export interface MeanFrOptions extends SpikeTimeOptions, WindowOptions {
  /** Recording duration in ms; overrides `start`/`stop`. */
  duration?: number;
  /** Number of recorded neurons, silent ones included; default: the neurons present in the data. */
  size?: number;
}

/** The keys of {@link MeanFrOptions}. */
export const MEAN_FR_OPTIONS = optionKeys<MeanFrOptions>()([...SPIKE_TIME_OPTIONS, ...WINDOW_OPTIONS, 'duration', 'size']);

/**
 * `mean_fr`: mean firing rate in Hz, `spikes / size / duration`. The duration is `duration` (ms)
 * when given, else `stop − start`. Without either, it falls back to ANNarchy's offline convention,
 * first to last spike, which underestimates the duration by up to one interval: pass the recording
 * window when you know it. With `duration`, every spike in the data counts; with a window, only
 * spikes inside it.
 */
export function meanFr(spikes: SpikeData, options: MeanFrOptions = {}): number {
  checkOptions(options, MEAN_FR_OPTIONS, 'meanFr()');
  const info = recordInfo(spikes);
  // A monitor's record: the recorded duration (pauses excluded), unless a window or duration is given.
  const recorded = info && options.duration === undefined && options.start === undefined && options.stop === undefined ? { duration: info.duration } : {};
  const opts = withRecordDefaults(spikes, { ...recorded, ...options }, 'meanFr');
  const neurons = toNeuronSteps(spikes, opts);
  const size = resolveSize(neurons, opts.size, 'meanFr');
  if (opts.duration !== undefined) {
    if (!(opts.duration > 0)) throw new NeurarchyError(`meanFr: duration must be > 0 ms, got ${opts.duration}`);
    return spikeCount(neurons) / size / opts.duration * 1000;
  }
  if (opts.start === undefined && opts.stop === undefined) {
    // ANNarchy's mean_fr(spikes): duration = last spike − first spike, every spike counts.
    const w = resolveWindow(neurons, opts, 'meanFr');
    const span = w.stop - 1 - w.start;
    if (span <= 0) throw new NeurarchyError('meanFr: first and last spikes coincide; pass duration or start/stop');
    return spikeCount(neurons) / size / (span * opts.dt) * 1000;
  }
  const { start, stop } = resolveWindow(neurons, opts, 'meanFr');
  let count = 0;
  for (const { steps } of neurons) for (const s of steps) if (s >= start && s < stop) count++;
  return count / size / ((stop - start) * opts.dt) * 1000;
}

/**
 * First-order low-pass filter as ANNarchy applies it (explicit Euler, time constant `smooth` ms):
 * `y[0] = x[0]`, `y[t+1] = y[t] + (x[t+1] − y[t])·dt/smooth`. `smooth = 0` returns a copy of the
 * input; `smooth < dt` is clamped to `dt` (no smoothing) because the Euler step would overshoot.
 */
export function lowPass(x: ArrayLike<number>, dt: number, smooth: number): Float64Array {
  if (!(smooth >= 0)) throw new NeurarchyError(`smoothing time constant must be ≥ 0 ms, got ${smooth}`);
  const y = Float64Array.from(x);
  if (smooth === 0 || y.length === 0) return y;
  const delta = Math.min(1, dt / smooth);
  for (let t = 1; t < y.length; t++) y[t] = y[t - 1]! + (x[t]! - y[t - 1]!) * delta;
  return y;
}

/** Options of {@link populationRate} and {@link smoothedRate}. */
export interface RateOptions extends SpikeTimeOptions, WindowOptions {
  /** Number of neurons, silent ones included; default: the neurons present in the data (populationRate) or highest rank + 1 (smoothedRate). */
  size?: number;
  /** Time constant of the low-pass filter in ms; 0 (default) = no smoothing. */
  smooth?: number;
}

/** The keys of {@link RateOptions}. */
export const RATE_OPTIONS = optionKeys<RateOptions>()([...SPIKE_TIME_OPTIONS, ...WINDOW_OPTIONS, 'size', 'smooth']);

/** A rate sampled once per step. */
export interface RateSeries {
  /** Time of each sample in ms. */
  times: Float64Array;
  /** Rate in Hz. */
  rate: Float64Array;
}

function stepTimes(start: number, n: number, dt: number): Float64Array {
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = (start + i) * dt;
  return times;
}

/**
 * `population_rate`: instantaneous population rate per step, `spikes in step / (size · dt)` in Hz,
 * then low-passed with time constant `smooth` (see {@link lowPass}). One sample per step of
 * `[start, stop)`.
 */
export function populationRate(spikes: SpikeData, options: RateOptions = {}): RateSeries {
  checkOptions(options, RATE_OPTIONS, 'populationRate()');
  const opts = withRecordDefaults(spikes, options, 'populationRate');
  const neurons = toNeuronSteps(spikes, opts);
  const size = resolveSize(neurons, opts.size, 'populationRate');
  const { start, stop } = resolveWindow(neurons, opts, 'populationRate');
  const n = stop - start;
  const raw = new Float64Array(n);
  const perSpike = 1000 / (opts.dt * size);
  for (const { steps } of neurons) {
    for (const s of steps) if (s >= start && s < stop) raw[s - start]! += perSpike;
  }
  return { times: stepTimes(start, n, opts.dt), rate: lowPass(raw, opts.dt, opts.smooth ?? 0) };
}

/** Per-neuron rates sampled once per step (`rates[rank][step]`). */
export interface NeuronRates {
  /** Time of each sample in ms. */
  times: Float64Array;
  /** Rate in Hz of each neuron (by rank), one value per sample. */
  rates: Float64Array[];
}

/**
 * `smoothed_rate`: per neuron, the instantaneous rate `1000 / ISI(ms)` held from each spike to the
 * next (0 before the first and from the last spike on, where no interval is defined), then
 * low-passed with time constant `smooth`. Rows are indexed by rank, `size` rows (default highest
 * rank + 1).
 */
export function smoothedRate(spikes: SpikeData, options: RateOptions = {}): NeuronRates {
  checkOptions(options, RATE_OPTIONS, 'smoothedRate()');
  const opts = withRecordDefaults(spikes, options, 'smoothedRate', true);
  const neurons = toNeuronSteps(spikes, opts);
  const maxRank = neurons.length ? neurons[neurons.length - 1]!.rank : -1;
  const size = opts.size ?? maxRank + 1;
  if (maxRank >= size) throw new NeurarchyError(`smoothedRate: the data contain rank ${maxRank} but size is ${size}`);
  const { start, stop } = resolveWindow(neurons, opts, 'smoothedRate');
  const n = stop - start;
  const rates = Array.from({ length: size }, () => new Float64Array(n));
  for (const { rank, steps } of neurons) {
    const row = rates[rank]!;
    for (let k = 0; k + 1 < steps.length; k++) {
      const a = steps[k]!;
      const b = steps[k + 1]!;
      if (b === a) continue; // two spikes in one step carry no interval
      const r = 1000 / (opts.dt * (b - a));
      for (let s = Math.max(a, start); s < Math.min(b, stop); s++) row[s - start] = r;
    }
  }
  const smooth = opts.smooth ?? 0;
  return { times: stepTimes(start, n, opts.dt), rates: rates.map((r) => lowPass(r, opts.dt, smooth)) };
}
