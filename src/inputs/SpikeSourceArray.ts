/**
 * `SpikeSourceArray`: neurons that spike at given times (ANNarchy's `SpikeSourceArray`). Times are in
 * ms, rounded to the nearest step, and counted from the last `reset()` (the population keeps its own
 * step counter, as ANNarchy). The `spikeTimes` setter replaces the times after compile (same number of
 * neurons): times already in the past of the counter are skipped, the others fire when the counter
 * reaches them.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import { Neuron } from '../core/Neuron.js';
import { Population, type PopulationBase } from '../core/Population.js';
import type { NetworkLike } from '../core/network-like.js';
import type { SpecialPopulation } from '../ir/plan.js';
import { msToSteps, networkOf } from './common.js';

/** Options of `new SpikeSourceArray(spikeTimes, options)`. */
export interface SpikeSourceArrayOptions {
  /** Unique name in the network (default `pop<id>`). */
  name?: string;
  /** The network to create it in (default: the default network of `compile()`, `simulate()`). */
  network?: NetworkLike;
}

/** The keys of {@link SpikeSourceArrayOptions}. */
export const SPIKE_SOURCE_ARRAY_OPTIONS = optionKeys<SpikeSourceArrayOptions>()(['name', 'network']);

function normalise(times: ArrayLike<number> | ArrayLike<ArrayLike<number>>): number[][] {
  if (times.length === 0) return [[]];
  const first = times[0];
  if (typeof first === 'number') return [Array.from(times as ArrayLike<number>)];
  return Array.from(times as ArrayLike<ArrayLike<number>>, (row) => Array.from(row));
}

/**
 * Neurons that spike at given times (ANNarchy's `SpikeSourceArray`): one list of times in ms per
 * neuron, counted from the last `reset()`; `spikeTimes` can be replaced after `compile()`.
 */
// The attribute names of its neuron, for the type of `pop.<name>` (core/attribute-names.ts).
export class SpikeSourceArray extends (Population as PopulationBase<'r'>) {
  /** @internal read by ir/build.ts */
  readonly special: SpecialPopulation = { kind: 'spike-source-array' };
  #times: number[][] = [];

  /**
   * `spikeTimes`: one list of times (ms) per neuron, or a single list for one neuron:
   * `new SpikeSourceArray([[10, 20], [15]])` or `new SpikeSourceArray({ spikeTimes: [[10, 20], [15]] })`.
   */
  constructor(args: SpikeSourceArrayOptions & { spikeTimes: ArrayLike<number> | ArrayLike<ArrayLike<number>> });
  constructor(spikeTimes: ArrayLike<number> | ArrayLike<ArrayLike<number>>, options?: SpikeSourceArrayOptions);
  constructor(a: ArrayLike<number> | ArrayLike<ArrayLike<number>> | (SpikeSourceArrayOptions & { spikeTimes: ArrayLike<number> | ArrayLike<ArrayLike<number>> }), b?: SpikeSourceArrayOptions) {
    let spikeTimes: ArrayLike<number> | ArrayLike<ArrayLike<number>>;
    let options: SpikeSourceArrayOptions;
    if (a !== null && typeof a === 'object' && !Array.isArray(a) && !ArrayBuffer.isView(a) && 'spikeTimes' in a) {
      if (b !== undefined) throw new NetworkError('new SpikeSourceArray(): give either (spikeTimes, options) or one object { spikeTimes, … }, not both');
      ({ spikeTimes, ...options } = a as SpikeSourceArrayOptions & { spikeTimes: ArrayLike<number> });
    } else {
      spikeTimes = a as ArrayLike<number>;
      options = b ?? {};
    }
    checkOptions(options, SPIKE_SOURCE_ARRAY_OPTIONS, 'new SpikeSourceArray()');
    if (spikeTimes === null || typeof spikeTimes !== 'object' || typeof spikeTimes.length !== 'number') {
      throw new NetworkError('new SpikeSourceArray(): spikeTimes must be a list of times (ms) per neuron, e.g. [[10, 20], [15]]');
    }
    const times = normalise(spikeTimes);
    const neuron = new Neuron({ name: 'SpikeSourceArray', equations: '', spike: 't < 0.0' });
    super(times.length, neuron, { name: options.name, network: networkOf(options.network) });
    this.state.set('_ssa_t', new Int32Array(1));
    this.store(times, true);
    this.recreate = (net, name) => new SpikeSourceArray(this.spikeTimes, { ...options, name, network: net });
  }

  /** The spike times (ms) of every neuron, as given (after rounding to steps). */
  get spikeTimes(): number[][] {
    const dt = this.network.dt;
    return this.#times.map((row) => row.map((s) => s * dt));
  }

  /** Replaces the spike times (same number of neurons); times already past the population's counter are skipped. */
  set spikeTimes(value: ArrayLike<number> | ArrayLike<ArrayLike<number>>) {
    const times = normalise(value);
    if (times.length !== this.size) throw new NetworkError(`SpikeSourceArray '${this.name}': expected ${this.size} lists of spike times, got ${times.length}`);
    this.store(times, false);
  }

  private store(times: number[][], fromStart: boolean): void {
    const dt = this.network.dt;
    const steps = times.map((row, i) => row.map((t) => {
      if (!(t >= 0)) throw new NetworkError(`SpikeSourceArray '${this.name}': spike times must be non-negative ms (neuron ${i}: ${t})`);
      return msToSteps(t, dt, `SpikeSourceArray '${this.name}'`);
    }).sort((a, b) => a - b));
    const ptr = new Int32Array(steps.length + 1);
    steps.forEach((row, i) => { ptr[i + 1] = ptr[i] + row.length; });
    const flat = Int32Array.from(steps.flat());
    const now = fromStart ? 0 : (this.state.get('_ssa_t') as Int32Array)[0];
    const next = new Int32Array(steps.length);
    for (let i = 0; i < steps.length; i++) {
      let k = ptr[i];
      while (k < ptr[i + 1] && flat[k] < now) k++;
      next[i] = k;
    }
    this.#times = steps;
    this.state.set('_ssa_ptr', ptr);
    this.state.set('_ssa_steps', flat);
    this.state.set('_ssa_next', next);
    if (this.network.compiled) for (const n of ['_ssa_ptr', '_ssa_steps', '_ssa_next']) this.network.attributeWritten(this, n);
  }
}
