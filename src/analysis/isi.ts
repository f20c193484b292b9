/**
 * Inter-spike intervals and their coefficient of variation (ANNarchy's `inter_spike_interval` and
 * `coefficient_of_variation`).
 */
import { type SpikeData, type SpikeTimeOptions, SPIKE_TIME_OPTIONS, toNeuronSteps, withRecordDefaults } from './spikes.js';
import { checkOptions, optionKeys } from '../core/options.js';

/** Options of {@link interSpikeInterval}. */
export interface IsiOptions extends SpikeTimeOptions {
  /** Only these neurons (default: all neurons in the data). */
  ranks?: Iterable<number>;
  /** Return the intervals per neuron (a `Map` rank → ISIs) instead of one flat list. */
  perNeuron?: boolean;
}

/** The keys of {@link IsiOptions}. */
export const ISI_OPTIONS = optionKeys<IsiOptions>()([...SPIKE_TIME_OPTIONS, 'ranks', 'perNeuron']);

/**
 * `inter_spike_interval`: differences between consecutive spikes of each neuron, in ms. Neurons
 * with fewer than two spikes have no interval and are left out (also from the per-neuron `Map`).
 * The flat list concatenates neurons in ascending rank order.
 */
export function interSpikeInterval(spikes: SpikeData, opts: IsiOptions & { perNeuron: true }): Map<number, number[]>;
export function interSpikeInterval(spikes: SpikeData, opts?: IsiOptions & { perNeuron?: false }): number[];
export function interSpikeInterval(spikes: SpikeData, opts?: IsiOptions): number[] | Map<number, number[]>;
export function interSpikeInterval(spikes: SpikeData, options: IsiOptions = {}): number[] | Map<number, number[]> {
  checkOptions(options, ISI_OPTIONS, 'interSpikeInterval()', { renamed: { per_neuron: 'perNeuron' } });
  const opts = withRecordDefaults(spikes, options, 'interSpikeInterval');
  const keep = opts.ranks === undefined ? undefined : new Set(opts.ranks);
  const perNeuron = new Map<number, number[]>();
  for (const { rank, steps } of toNeuronSteps(spikes, opts)) {
    if (steps.length < 2 || (keep && !keep.has(rank))) continue;
    const isi = new Array<number>(steps.length - 1);
    for (let k = 1; k < steps.length; k++) isi[k - 1] = (steps[k]! - steps[k - 1]!) * opts.dt;
    perNeuron.set(rank, isi);
  }
  if (opts.perNeuron) return perNeuron;
  return [...perNeuron.values()].flat();
}

/** Options of {@link coefficientOfVariation}. */
export interface CvOptions extends SpikeTimeOptions {
  /** Only these neurons (default: all neurons in the data). */
  ranks?: Iterable<number>;
}

/** The keys of {@link CvOptions}. */
export const CV_OPTIONS = optionKeys<CvOptions>()([...SPIKE_TIME_OPTIONS, 'ranks']);

/** Coefficients of variation of the ISIs. */
export interface CoefficientOfVariation {
  /** CV of each neuron that has at least two ISIs (three spikes), by rank. */
  perNeuron: Map<number, number>;
  /** Mean of the per-neuron CVs; NaN when no neuron has two ISIs. */
  mean: number;
}

/**
 * `coefficient_of_variation`: per neuron, `std(ISI) / mean(ISI)` with the population standard
 * deviation (NumPy's `np.std`, ddof = 0), as ANNarchy. Neurons with fewer than two ISIs are
 * **excluded** (their CV would be 0 or undefined), as are neurons whose mean ISI is 0.
 * A perfectly regular train has CV 0; a Poisson train has CV ≈ 1.
 */
export function coefficientOfVariation(spikes: SpikeData, opts: CvOptions = {}): CoefficientOfVariation {
  checkOptions(opts, CV_OPTIONS, 'coefficientOfVariation()');
  const isis = interSpikeInterval(spikes, { dt: opts.dt, unit: opts.unit, ranks: opts.ranks, perNeuron: true });
  const perNeuron = new Map<number, number>();
  let sum = 0;
  for (const [rank, values] of isis) {
    if (values.length < 2) continue;
    let mean = 0;
    for (const v of values) mean += v;
    mean /= values.length;
    if (mean === 0) continue;
    let sq = 0;
    for (const v of values) sq += (v - mean) * (v - mean);
    const cv = Math.sqrt(sq / values.length) / mean;
    perNeuron.set(rank, cv);
    sum += cv;
  }
  return { perNeuron, mean: perNeuron.size ? sum / perNeuron.size : NaN };
}
