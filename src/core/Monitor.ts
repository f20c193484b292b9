/**
 * `Monitor`: records variables, `sum(target)` and spikes of populations, views, projections and
 * dendrites. Variables are sampled at the end of each step, `g_target`/`sum(target)` right after
 * synaptic transmission (as ANNarchy). Samples go into preallocated buffers that grow geometrically,
 * so recording allocates nothing per step.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, describeValue, optionKeys } from './options.js';
import { durationSteps } from './durations.js';
import { Population } from './Population.js';
import { PopulationView } from './PopulationView.js';
import { Projection } from './Projection.js';
import { Dendrite } from './Dendrite.js';
import type { NetworkLike } from './network-like.js';
import { GrowableBuffer } from './buffer.js';
import { attachRecordInfo, type SpikeData, type SpikeRecordInfo, type SpikeTimeOptions, type Raster, rasterPlot } from '../analysis/spikes.js';
import {
  histogram, meanFr, populationRate, smoothedRate,
  type HistogramOptions, type Histogram, type NeuronHistogram, type RateOptions, type RateSeries, type NeuronRates,
} from '../analysis/rates.js';
import { interSpikeInterval, coefficientOfVariation, type IsiOptions, type CvOptions, type CoefficientOfVariation } from '../analysis/isi.js';

export type Monitorable = Population | PopulationView | Projection | Dendrite;

/** Options of `new Monitor(object, variables, options)` and `net.monitor(…)`. */
export interface MonitorOptions {
  /**
   * Sampling period in ms, at least dt (default dt), rounded to the nearest whole number of steps
   * (ANNarchy truncates: README, "Semantics"); `monitor.period` gives the period used.
   */
  period?: number;
  /** Offset of the samples inside the period, in ms (rounded to steps): ≥ 0 and below the period (default 0). */
  periodOffset?: number;
  /** Start recording at compile (or at once when created after compile). Default true. */
  start?: boolean;
  /** A name, to find the monitor with `net.getMonitor(name)`. */
  name?: string;
}

/** The keys of {@link MonitorOptions}. */
export const MONITOR_OPTIONS = optionKeys<MonitorOptions>()(['period', 'periodOffset', 'start', 'name']);

/** Recording windows of a variable, in steps. */
export interface RecordingTimes {
  /** First step of each window. */
  start: number[];
  /** Step at which each window ended (none yet for a window still recording). */
  stop: number[];
}

/**
 * A spike record: for every neuron of the monitored object (silent ones included), its spike steps
 * (ms for `spikeTimes()`). It also carries, as non-enumerable properties, the `dt`, recording window,
 * recorded `duration` and `size`, which the analysis functions use (`recordInfo(record)` reads them).
 */
export type SpikeRecord = Record<number, number[]>;

/** The samples of a variable, one row per sample: shaped like the population (or view); one array per dendrite for projections. */
export type MonitorRows<T extends Monitorable> = T extends Projection ? Float64Array[][] : Float64Array[];

/**
 * Every recorded variable at once (`m.get()`): spikes as a {@link SpikeRecord}, others as rows.
 * With the variables known to the type (`new Monitor(pop, ['v', 'spike'])`), each key has its type.
 */
export type MonitorData<T extends Monitorable, V extends string> = {
  [K in V]: K extends 'spike' ? SpikeRecord : 'spike' extends K ? SpikeRecord | MonitorRows<T> : MonitorRows<T>
};

/** Spikes being recorded: a list of steps per recorded rank (`byRank`: the same lists by rank, built on first use). */
interface SpikeLog { ranks: Int32Array; record: Map<number, number[]>; times: RecordingTimes; byRank?: (number[] | undefined)[] }

interface Channel {
  name: string;
  /** Recorded after transmission (`g_*`, `sum(t)`) rather than at the end of the step. */
  early: boolean;
  buffer: GrowableBuffer;
  times: RecordingTimes;
  read: () => void;
}

/**
 * Records variables, `sum(target)` and spikes of a population, view, projection or dendrite
 * (ANNarchy's `Monitor`): `net.monitor(pop, ['v', 'spike'])` or `new Monitor(pop, 'v')`, then
 * `m.get('v')` (one row per recorded step) or `m.get('spike')` (`{rank: steps}`). `period` records
 * every so many ms; `pause()`/`resume()` stop and restart recording.
 */
export class Monitor<out T extends Monitorable = Monitorable, const V extends string = string> {
  /** What is recorded: a population, view, projection or dendrite. */
  readonly object: T;
  /** The network of the recorded object. */
  readonly network: NetworkLike;
  /** Name given in the options (`net.getMonitor(name)`). */
  readonly name?: string;
  #variables: string[];
  #period: number;
  #offset: number;
  #recording = false;
  #started = false;
  #channels = new Map<string, Channel>();
  /** Samples of a projection taken before its synapses changed (structural plasticity), already split into dendrites. */
  readonly #sealed = new Map<string, (Float64Array[] | Float64Array)[]>();
  #spikes?: SpikeLog;
  /** Step from which the spikes now in the buffer were recorded (the last draining `get`, reset or start). */
  #spikeSince?: number;

  constructor(object: T, variables: V | readonly V[], options: MonitorOptions = {}) {
    checkOptions(options, MONITOR_OPTIONS, 'new Monitor()');
    if (!(object instanceof Population || object instanceof PopulationView || object instanceof Projection || object instanceof Dendrite)) {
      throw new NetworkError(`new Monitor(): the object to record must be a Population, PopulationView, Projection or Dendrite, got ${describeValue(object)}`);
    }
    this.object = object;
    this.network = object instanceof Projection ? object.network : object instanceof Dendrite ? object.projection.network : object.population.network;
    this.#variables = variableList(variables);
    const dt = this.network.dt;
    this.#period = options.period === undefined ? 1 : durationSteps(options.period, dt, 'new Monitor()', 'period', 1);
    this.#offset = options.periodOffset === undefined ? 0 : durationSteps(options.periodOffset, dt, 'new Monitor()', 'periodOffset', 0);
    if (this.#offset >= this.#period) {
      throw new NetworkError(`new Monitor(): periodOffset (${options.periodOffset} ms) must be below the period (${this.#period * dt} ms): no sample would ever be taken`);
    }
    if (options.start !== undefined && typeof options.start !== 'boolean') throw new NetworkError(`new Monitor(): start must be true or false, got ${describeValue(options.start)}`);
    this.name = options.name;
    for (const v of this.#variables) this.checkVariable(v);
    this.network.registerMonitor(this as unknown as Monitor);
    if (options.start ?? true) this.start();
  }

  /** Recorded variable names. */
  get variables(): string[] { return [...this.#variables]; }
  /** Sampling period in ms. */
  get period(): number { return this.#period * this.network.dt; }
  /** Offset of the samples within the period, in ms. */
  get periodOffset(): number { return this.#offset * this.network.dt; }

  /** Starts (or restarts with other variables/period) recording. */
  start(variables?: string | string[], period?: number): void {
    const newPeriod = period === undefined ? undefined : durationSteps(period, this.network.dt, 'monitor.start()', 'period', 1);
    if (variables !== undefined) {
      const list = variableList(variables);
      for (const v of list) this.checkVariable(v);
      this.#variables = list;
    }
    if (newPeriod !== undefined) { this.#period = newPeriod; this.#offset %= newPeriod; }
    this.#started = true;
    if (this.network.compiled) this.resume();
  }

  /** Pauses recording (data kept). */
  pause(): void {
    if (!this.#recording) return;
    this.#recording = false;
    const now = this.network.currentStep;
    for (const c of this.#channels.values()) c.times.stop.push(now);
    if (this.#spikes) this.#spikes.times.stop.push(now);
  }

  /** Resumes recording after `pause()`. */
  resume(): void {
    if (this.#recording) return;
    this.#recording = true;
    const now = this.network.currentStep;
    for (const v of this.#variables) {
      if (v === 'spike') {
        this.#spikes ??= this.makeSpikeRecord();
        this.#spikeSince ??= now;
        this.#spikes.times.start.push(now);
        continue;
      }
      let c = this.#channels.get(v);
      if (!c) { c = this.makeChannel(v); this.#channels.set(v, c); }
      c.times.start.push(now);
    }
  }

  /** Stops recording and frees the recorded data. */
  stop(): void {
    this.pause();
    this.#started = false;
    this.#channels.clear();
    this.#spikes = undefined;
    this.#spikeSince = undefined;
  }

  /** Whether the monitor is currently recording. */
  get recording(): boolean { return this.#recording; }
  /** Whether the monitor was started (it records from compile on, unless paused); `net.copy()` copies it. */
  get started(): boolean { return this.#started; }

  /**
   * Recorded data of one variable: one row per sample (each row shaped like the monitored object's
   * geometry unless `reshape: false`), or for `'spike'` a record rank → spike **steps**
   * (ANNarchy's convention; `spikeTimes()` gives milliseconds). Empties the buffer unless `keep`.
   */
  get(): MonitorData<T, V>;
  get(variable: 'spike', options?: { keep?: boolean }): SpikeRecord;
  get(variable: string, options?: { keep?: boolean; reshape?: boolean }): MonitorRows<T>;
  get(variable?: string, options: { keep?: boolean; reshape?: boolean } = {}): SpikeRecord | MonitorRows<T> | MonitorData<T, V> {
    checkOptions(options, ['keep', 'reshape'], 'monitor.get()', { unsupported: { force_dict: 'get() without a variable returns a record of every variable', forceDict: 'get() without a variable returns a record of every variable' } });
    if (variable === undefined) {
      const out: Record<string, SpikeRecord | MonitorRows<T>> = {};
      for (const v of this.#variables) out[v] = v === 'spike' ? this.get('spike', options) : this.get(v, options);
      return out as MonitorData<T, V>;
    }
    if (variable === 'spike') {
      const s = this.#spikes;
      const out: SpikeRecord = {};
      if (s) for (const [r, list] of s.record) { out[r] = [...list]; if (!options.keep) list.length = 0; }
      const now = this.network.currentStep;
      const since = this.#spikeSince ?? now;
      if (!options.keep && this.#spikeSince !== undefined) this.#spikeSince = now;
      return attachRecordInfo(out, this.spikeInfo(since, now));
    }
    const c = this.#channels.get(variable);
    if (!c) {
      if (this.#variables.includes(variable)) return [] as unknown as MonitorRows<T>;
      throw new NetworkError(`monitor does not record '${variable}' (it records: ${this.#variables.join(', ')})`);
    }
    const rows = c.buffer.rows(this.rowShape(options.reshape ?? true));
    if (!options.keep) c.buffer.clear();
    if (this.object instanceof Projection || this.object instanceof Dendrite) {
      const sealed = this.#sealed.get(variable) ?? [];
      if (!options.keep) this.#sealed.delete(variable);
      return [...sealed, ...rows.map((r) => this.splitDendrites(r))] as MonitorRows<T>;
    }
    return rows as MonitorRows<T>;
  }

  /** What a spike record of the steps `[since, now)` carries: dt, window, recorded duration, size. */
  private spikeInfo(since: number, now: number): SpikeRecordInfo {
    const dt = this.network.dt;
    const times = this.#spikes?.times ?? { start: [], stop: [] };
    let steps = 0;
    times.start.forEach((a, i) => {
      const b = times.stop[i] ?? now;
      steps += Math.max(0, Math.min(b, now) - Math.max(a, since));
    });
    const ranks = (this.object as Population | PopulationView).ranks ?? new Int32Array(0);
    let rankLimit = 0;
    for (const r of ranks) rankLimit = Math.max(rankLimit, r + 1);
    return { dt, unit: 'steps', start: since, stop: now, duration: steps * dt, size: ranks.length, rankLimit };
  }

  /** Spike times in ms, per rank (same as `get('spike')` × dt). */
  spikeTimes(options: { keep?: boolean } = {}): SpikeRecord {
    checkOptions(options, ['keep'], 'monitor.spikeTimes()');
    const dt = this.network.dt;
    const steps = this.get('spike', options);
    const out: SpikeRecord = {};
    for (const [r, list] of Object.entries(steps)) out[Number(r)] = list.map((s) => s * dt);
    const info = steps as unknown as SpikeRecordInfo;
    return attachRecordInfo(out, { ...pickInfo(info), unit: 'ms', start: info.start * dt, stop: info.stop * dt });
  }

  /** Recording windows (steps) of each variable, or of the listed ones (ANNarchy's `times(variables)`). */
  times(variables?: string | string[]): Record<string, RecordingTimes> {
    const out: Record<string, RecordingTimes> = {};
    for (const [v, c] of this.#channels) out[v] = { start: [...c.times.start], stop: [...c.times.stop] };
    if (this.#spikes) out.spike = { start: [...this.#spikes.times.start], stop: [...this.#spikes.times.stop] };
    if (variables === undefined) return out;
    const wanted = typeof variables === 'string' ? [variables] : variables;
    for (const v of wanted) if (!this.#variables.includes(v)) throw new NetworkError(`monitor.times(): the monitor does not record '${v}' (it records: ${this.#variables.join(', ')})`);
    return Object.fromEntries(wanted.filter((v) => v in out).map((v) => [v, out[v]]));
  }

  /** Empties every buffer (recording state unchanged: a recording monitor records on from now). */
  reset(): void {
    const now = this.network.currentStep;
    const restart = (t: RecordingTimes) => { t.start.length = 0; t.stop.length = 0; if (this.#recording) t.start.push(now); };
    for (const c of this.#channels.values()) { c.buffer.clear(); restart(c.times); }
    this.#sealed.clear();
    if (this.#spikes) {
      for (const l of this.#spikes.record.values()) l.length = 0;
      restart(this.#spikes.times);
      this.#spikeSince = now;
    }
  }

  /** Memory held by the recorded data in bytes, 8 per value or spike (ANNarchy's `size_in_bytes`). */
  sizeInBytes(): number {
    let bytes = 0;
    for (const c of this.#channels.values()) bytes += c.buffer.length * c.buffer.width * 8;
    if (this.#spikes) for (const l of this.#spikes.record.values()) bytes += l.length * 8;
    return bytes;
  }

  /*
   * ANNarchy's spike-analysis methods, on `spikes` or, by default, on the spikes recorded so far.
   * Unlike ANNarchy's, they leave the recorded spikes in the monitor (two analyses see the same data).
   */

  private spikeData(spikes: SpikeData | undefined, fn: string): SpikeData {
    if (spikes) return spikes;
    if (!this.#variables.includes('spike')) throw new NetworkError(`monitor.${fn}(): the monitor does not record 'spike' (it records: ${this.#variables.join(', ')}); pass the spikes or record 'spike'`);
    return this.get('spike', { keep: true });
  }

  /** Times (ms) and ranks of every spike (ANNarchy's `raster_plot`). */
  rasterPlot(spikes?: SpikeData, options: SpikeTimeOptions = {}): Raster { return rasterPlot(this.spikeData(spikes, 'rasterPlot'), options); }
  /** Spike counts per bin over the recording window (ANNarchy's `histogram`). */
  histogram(spikes?: SpikeData, options: HistogramOptions = {}): Histogram | NeuronHistogram { return histogram(this.spikeData(spikes, 'histogram'), options); }
  /** Mean firing rate (Hz) of the monitored neurons, silent ones included, over the recorded duration (ANNarchy's `mean_fr`). */
  meanFr(spikes?: SpikeData): number { return meanFr(this.spikeData(spikes, 'meanFr')); }
  /** Per-neuron instantaneous rate 1000/ISI, low-passed with `smooth` ms (ANNarchy's `smoothed_rate`). */
  smoothedRate(spikes?: SpikeData, options: RateOptions = {}): NeuronRates { return smoothedRate(this.spikeData(spikes, 'smoothedRate'), options); }
  /** Population rate per step, low-passed with `smooth` ms (ANNarchy's `population_rate`). */
  populationRate(spikes?: SpikeData, options: RateOptions = {}): RateSeries { return populationRate(this.spikeData(spikes, 'populationRate'), options); }
  /** Inter-spike intervals in ms (ANNarchy's `inter_spike_interval`). */
  interSpikeInterval(spikes?: SpikeData, options: IsiOptions = {}): number[] | Map<number, number[]> { return interSpikeInterval(this.spikeData(spikes, 'interSpikeInterval'), options); }
  /** Coefficient of variation of the ISIs per neuron, and their mean (ANNarchy's `coefficient_of_variation`). */
  coefficientOfVariation(spikes?: SpikeData, options: CvOptions = {}): CoefficientOfVariation { return coefficientOfVariation(this.spikeData(spikes, 'coefficientOfVariation'), options); }

  /** @internal called by the network at compile. */
  compiled(): void {
    if (this.#started && !this.#recording) this.resume();
  }

  /** @internal after transmission. */
  recordTargets(step: number): void {
    if (!this.#recording || !this.due(step)) return;
    for (const c of this.#channels.values()) if (c.early) c.read();
  }

  /** @internal at the end of a step. */
  record(step: number): void {
    if (!this.#recording) return;
    const s = this.#spikes;
    if (s) {
      const pop = (this.object as Population | PopulationView).population;
      const spiked = pop.state.get('_spiked') as Int32Array;
      const n = (pop.state.get('_nspiked') as Int32Array)[0];
      const lists = this.spikeLists(s);
      for (let k = 0; k < n; k++) lists[spiked[k]]?.push(step);
    }
    if (!this.due(step)) return;
    for (const c of this.#channels.values()) if (!c.early) c.read();
  }

  /** @internal whether recording needs the per-step hooks (anything but spikes). */
  get needsEveryStep(): boolean {
    return this.#recording && this.#channels.size > 0;
  }

  /** @internal the population whose spikes this monitor records now, if any. */
  get spikePopulation(): number | undefined {
    return this.#recording && this.#spikes ? (this.object as Population | PopulationView).population.id : undefined;
  }

  /** @internal spikes recorded in a batch by the engine (`n` pairs step, rank; steps ascending), as `record()` would have. */
  recordSpikes(steps: ArrayLike<number>, ranks: ArrayLike<number>, n: number): void {
    const s = this.#spikes;
    if (!this.#recording || !s) return;
    const lists = this.spikeLists(s);
    for (let k = 0; k < n; k++) lists[ranks[k]]?.push(steps[k]);
  }

  /** The spike lists indexed by rank (built once; the lists are emptied in place, never replaced): no Map lookup per spike. */
  private spikeLists(s: SpikeLog): (number[] | undefined)[] {
    return s.byRank ??= Array.from({ length: (this.object as Population | PopulationView).population.size }, (_, r) => s.record.get(r));
  }

  private due(step: number): boolean {
    return this.#period === 1 || step % this.#period === this.#offset;
  }

  private checkVariable(v: string): void {
    if (v === 'spike') {
      if (this.object instanceof Projection || this.object instanceof Dendrite || !this.object.population.isSpiking) {
        throw new NetworkError(`monitor: 'spike' can only be recorded on spiking populations`);
      }
      return;
    }
    const m = /^sum\((\w+)\)$/.exec(v);
    if (m) {
      if (this.object instanceof Projection || this.object instanceof Dendrite) throw new NetworkError(`monitor: '${v}' is recorded on populations`);
      return;
    }
    if (this.object instanceof Projection) {
      this.object.attribute(v);
      // A procedural projection stores no value per synapse (a number weight is one value).
      if (this.object.connectivity?.procedural && this.object.storageLocality(v) !== 'global') this.object.requireStored(`its '${v}'`, 'recorded');
    } else if (this.object instanceof Dendrite) this.object.projection.attribute(v);
    else this.object.population.attribute(v);
  }

  /**
   * @internal Called before and after the synapses of `proj` change (structural plasticity): the
   * samples taken so far are split into dendrites with the old connectivity and kept; later samples
   * have the new number of synapses.
   */
  connectivityChanged(proj: Projection, phase: 'before' | 'after'): void {
    const obj = this.object;
    if (!(obj instanceof Projection ? obj === proj : obj instanceof Dendrite && obj.projection === proj)) return;
    for (const [v, c] of this.#channels) {
      if (phase === 'before') {
        const rows = c.buffer.rows().map((r) => this.splitDendrites(r));
        if (rows.length) this.#sealed.set(v, [...(this.#sealed.get(v) ?? []), ...rows]);
        c.buffer.clear();
      } else {
        this.#channels.set(v, { ...this.makeChannel(v), times: c.times });
      }
    }
  }

  private makeSpikeRecord() {
    const ranks = (this.object as Population | PopulationView).ranks;
    const record = new Map<number, number[]>();
    for (const r of ranks) record.set(r, []);
    return { ranks, record, times: { start: [], stop: [] } as RecordingTimes };
  }

  private makeChannel(v: string): Channel {
    const obj = this.object;
    const m = /^sum\((\w+)\)$/.exec(v);
    const early = m !== null || (/^g_\w+$/.test(v) && !(obj instanceof Projection) && !(obj instanceof Dendrite));
    const times: RecordingTimes = { start: [], stop: [] };
    if (obj instanceof Population || obj instanceof PopulationView) {
      const pop = obj.population;
      const key = m ? (pop.isSpiking ? `g_${m[1]}` : `_sum_${m[1]}`) : v;
      const ranks = obj instanceof PopulationView ? obj.ranks : undefined;
      const global = !m && pop.attribute(v).locality === 'global';
      const width = global ? 1 : ranks ? ranks.length : pop.size;
      const buffer = new GrowableBuffer(width);
      const read = () => {
        const arr = pop.state.get(key) as Float64Array | undefined;
        if (!arr) { buffer.pushZeros(); return; }
        if (global) buffer.push(arr.subarray(0, 1));
        else if (ranks) buffer.pushGather(arr, ranks);
        else buffer.push(arr.length === width ? arr : arr.subarray(0, width));
      };
      return { name: v, early, buffer, times, read };
    }
    const proj = obj instanceof Projection ? obj : obj.projection;
    const c = proj.storageLocality(v) === 'global' ? proj.requireConnected() : proj.requireStored(`its '${v}'`, 'recorded');
    const locality = proj.storageLocality(v);
    const [lo, hi] = obj instanceof Dendrite
      ? (locality === 'semiglobal' ? [obj.index, obj.index + 1] : [c.rowPtr[obj.index], c.rowPtr[obj.index + 1]])
      : [0, locality === 'semiglobal' ? c.postRanks.length : c.preRanks.length];
    const width = locality === 'global' ? 1 : hi - lo;
    const buffer = new GrowableBuffer(width);
    const read = () => {
      const arr = proj.state.get(v) as Float64Array;
      buffer.push(locality === 'global' ? arr : arr.subarray(lo, hi));
    };
    return { name: v, early: false, buffer, times, read };
  }

  private rowShape(reshape: boolean): number[] | undefined {
    const obj = this.object;
    if (!reshape || obj instanceof Projection || obj instanceof Dendrite) return undefined;
    return obj.geometry;
  }

  private splitDendrites(row: Float64Array): Float64Array[] | Float64Array {
    if (this.object instanceof Dendrite) return row;
    const proj = this.object as Projection;
    const c = proj.requireConnected();
    if (row.length !== c.preRanks.length) return row;
    return Array.from(c.postRanks, (_, i) => row.slice(c.rowPtr[i], c.rowPtr[i + 1]));
  }
}

/** The recorded variables as a list: one name or an array of names. */
function variableList(variables: unknown): string[] {
  const list = typeof variables === 'string' ? [variables] : Array.isArray(variables) ? [...variables] : undefined;
  if (list === undefined || list.some((v) => typeof v !== 'string')) {
    throw new NetworkError(`Monitor: the variables must be a name or an array of names (e.g. 'v' or ['v', 'spike']), got ${describeValue(variables)}`);
  }
  return list;
}

/** The recording information of a record (its non-enumerable properties) as a plain object. */
function pickInfo(info: SpikeRecordInfo): SpikeRecordInfo {
  const { dt, unit, start, stop, duration, size, rankLimit } = info;
  return { dt, unit, start, stop, duration, size, rankLimit };
}

/** The class above under another name, for the block below (where `Monitor` names the alias of handles.ts). */
type MonitorType = Monitor;

/** Registers the class {@link Monitor} for the modules below this one (core/handles.ts). */
declare module './handles.js' {
  interface CoreClasses {
    /** See core/Monitor.ts. */
    Monitor: MonitorType;
  }
}
