/**
 * `ANNtoSNNConverter`: turns a trained rate-coded network (dense layers without bias, ReLU) into a
 * spiking network of integrate-and-fire neurons, as ANNarchy's
 * `ANNarchy.extensions.ann_to_snn_conversion` does (after Diehl et al. 2015 and Rueckauer et al.
 * 2017): the same layers as populations, the trained weights as projections, scaled layer by layer
 * (normalise.ts); the input is encoded as spikes, and the class is read from the output layer.
 * The network is an ordinary neurarchy Network: it runs on every backend.
 */
import { NetworkError } from '../../errors.js';
import { checkOptions, describeValue, optionKeys } from '../../core/options.js';
import { Network } from '../../network/Network.js';
import { Neuron } from '../../core/Neuron.js';
import type { Population } from '../../core/Population.js';
import type { Monitor } from '../../core/Monitor.js';
import type { BackendName } from '../../ir/plan.js';
import { CPN, IB, PSO, IaF, IaF_TTKS, IaF_Acc } from './neurons.js';
import { normalisationFactors } from './normalise.js';
import { checkModel, weightRows, type AnnLayer, type AnnModel, type WeightedLayer } from './layers.js';
import { Convolution } from '../convolution/Convolution.js';
import { Pooling } from '../convolution/Pooling.js';
import { readModelFile } from './read-model.js';
import { uniformAt } from '../../random/draws.js';

/** The Philox stream of the tie-breaks (any number no population uses: they number from 0). */
const TIE_STREAM = 0x7ffff00;

/** How the input values (0…1) become spikes. */
export type InputEncoding = 'CPN' | 'poisson' | 'PSO' | 'IB';
/** How the class is read from the output layer. */
export type ReadOut = 'spike_count' | 'time_to_first_spike' | 'time_to_k_spikes' | 'membrane_potential';

/** Options of {@link ANNtoSNNConverter} (ANNarchy's arguments in camelCase). */
export interface ANNtoSNNConverterOptions {
  /** `'CPN'` (= `'poisson'`, default), `'PSO'` (phase shift oscillation) or `'IB'` (intrinsically bursting). */
  inputEncoding?: InputEncoding;
  /** Neuron of the hidden layers: `'IaF'` (default) or a spiking Neuron with parameters `vt` (threshold) and a conductance `g_exc`. */
  hiddenNeuron?: 'IaF' | Neuron;
  /** Default `'spike_count'`. */
  readOut?: ReadOut;
  /** Number of spikes for `readOut: 'time_to_k_spikes'`. */
  k?: number;
  /** Rate (Hz) of an input of 1.0 (default 100). */
  maxF?: number;
  /** Step in ms (default 1, ANNarchy's). */
  dt?: number;
  /** Seed of the network's random numbers (Poisson input) and of the tie-breaks of `predict`. */
  seed?: number;
}
/** The keys of {@link ANNtoSNNConverterOptions}. */
export const CONVERTER_OPTIONS = optionKeys<ANNtoSNNConverterOptions>()(['inputEncoding', 'hiddenNeuron', 'readOut', 'k', 'maxF', 'dt', 'seed']);

/** Options of {@link ANNtoSNNConverter.loadModel}. */
export interface LoadModelOptions {
  /** Backend of the spiking network (default `'js'`). */
  backend?: BackendName;
  /** Folder of the compiled library (`cpp`). */
  directory?: string;
  /** Scale of the weight normalisation: one number, or one per projection (default 2, 3, 4, …). */
  scaleFactor?: number | readonly number[];
  /** Print the layers (default false). */
  showInfo?: boolean;
}
const LOAD_OPTIONS = optionKeys<LoadModelOptions>()(['backend', 'directory', 'scaleFactor', 'showInfo']);

/** Options of {@link ANNtoSNNConverter.predict}. */
export interface PredictOptions {
  /** Simulated time per sample in ms (default 1000). */
  durationPerSample?: number;
  /** Return every output neuron that meets the criterion (ties), instead of one chosen at random among them. */
  multiple?: boolean;
}
const PREDICT_OPTIONS = optionKeys<PredictOptions>()(['durationPerSample', 'multiple']);

const ENCODINGS: Record<InputEncoding, Neuron> = { CPN, poisson: CPN, PSO, IB };
const READ_OUTS: readonly ReadOut[] = ['spike_count', 'time_to_first_spike', 'time_to_k_spikes', 'membrane_potential'];

/**
 * ```ts
 * const snn = new ANNtoSNNConverter({ inputEncoding: 'CPN', hiddenNeuron: 'IaF', readOut: 'spike_count' });
 * await snn.loadModel('model.json');            // TensorFlow.js; also model.onnx, model.h5
 * const labels = await snn.predict(xTest, { durationPerSample: 200 });
 * ```
 */
export class ANNtoSNNConverter {
  /** How inputs become spikes: `'CPN'` (Poisson), `'PSO'` or `'IB'`. */
  readonly inputEncoding: InputEncoding;
  /** How the output layer's spikes become a prediction. */
  readonly readOut: ReadOut;
  /** Rate (Hz) of an input of 1.0. */
  readonly maxF: number;
  readonly #hidden: Neuron;
  readonly #k?: number;
  readonly #dt: number;
  readonly #seed: number;
  #network?: Network;
  #populations: Population[] = [];
  #monitor?: Monitor;
  #layers: AnnLayer[] = [];
  /** Samples whose tie was broken so far: the counter of the tie-break draws. */
  #ties = 0;

  constructor(options: ANNtoSNNConverterOptions = {}) {
    const where = 'new ANNtoSNNConverter()';
    checkOptions(options, CONVERTER_OPTIONS, where, { renamed: { input_encoding: 'inputEncoding', hidden_neuron: 'hiddenNeuron', read_out: 'readOut', max_f: 'maxF' } });
    const encoding = options.inputEncoding ?? 'CPN';
    if (!(encoding in ENCODINGS)) throw new NetworkError(`${where}: inputEncoding must be 'CPN', 'poisson', 'PSO' or 'IB', got ${describeValue(encoding)}`);
    const hidden = options.hiddenNeuron ?? 'IaF';
    if (hidden !== 'IaF' && !(hidden instanceof Neuron)) throw new NetworkError(`${where}: hiddenNeuron must be 'IaF' or a spiking Neuron, got ${describeValue(hidden)}`);
    if (hidden instanceof Neuron && !hidden.isSpiking) throw new NetworkError(`${where}: hiddenNeuron '${hidden.name}' must be spiking (give it a spike condition)`);
    const readOut = options.readOut ?? 'spike_count';
    if (!READ_OUTS.includes(readOut)) throw new NetworkError(`${where}: readOut must be one of ${READ_OUTS.map((r) => `'${r}'`).join(', ')}, got ${describeValue(readOut)}`);
    if (readOut === 'time_to_k_spikes' && !(Number.isInteger(options.k) && options.k! > 0)) throw new NetworkError(`${where}: readOut 'time_to_k_spikes' needs k, a positive whole number of spikes, got ${describeValue(options.k)}`);
    if (options.k !== undefined && readOut !== 'time_to_k_spikes') throw new NetworkError(`${where}: k is only used by readOut 'time_to_k_spikes'`);
    const maxF = options.maxF ?? 100;
    if (!(maxF > 0) || !Number.isFinite(maxF)) throw new NetworkError(`${where}: maxF must be a positive rate in Hz, got ${describeValue(maxF)}`);
    this.inputEncoding = encoding;
    this.readOut = readOut;
    this.maxF = maxF;
    this.#hidden = hidden === 'IaF' ? IaF : hidden;
    this.#k = options.k;
    this.#dt = options.dt ?? 1;
    this.#seed = options.seed ?? 0;
  }

  /**
   * Reads a trained network — `model.json` (TensorFlow.js layers model, with its weight files),
   * `.onnx`, `.keras` (Keras 3) or `.h5` (Keras 2; these two need the optional package h5wasm) —
   * builds the spiking network, normalises its weights and compiles it. Node.js (the file is read
   * from disk).
   */
  async loadModel(filename: string, options: LoadModelOptions = {}): Promise<Network> {
    checkOptions(options, LOAD_OPTIONS, 'ANNtoSNNConverter.loadModel()', { renamed: { scale_factor: 'scaleFactor', show_info: 'showInfo' } });
    const model = await readModelFile(filename);
    return this.build(model, options);
  }

  /** Builds and compiles the spiking network of a model already read (see read-model.ts for the formats). */
  async build(model: AnnModel, options: LoadModelOptions = {}): Promise<Network> {
    checkModel(model);
    const layers = model.layers;
    const net = new Network({ dt: this.#dt, seed: this.#seed });
    const names = new Set<string>();
    const input = layers[0] as Extract<AnnLayer, { kind: 'input' }>;
    const pops: Population[] = [net.create(input.shape, ENCODINGS[this.inputEncoding], { name: uniqueName(input.name, names) })];
    const weighted = layers.map((l, idx) => ({ l, idx })).filter((x): x is { l: WeightedLayer; idx: number } => x.l.kind === 'dense' || x.l.kind === 'conv2d');
    const factors = normalisationFactors(weighted.map(({ l }) => weightRows(l)), options.scaleFactor);
    const lines = [`* Input layer: ${input.name}, [${input.shape.join(', ')}]`];
    const last = weighted[weighted.length - 1].l;
    let w = 0;
    layers.forEach((l, idx) => {
      if (l.kind !== 'dense' && l.kind !== 'conv2d' && l.kind !== 'pool2d') return;
      const readout = l === last;
      // time_to_first_spike: ANNarchy stops on 'spiked: any' (IaF); here the spike counter of
      // time_to_k_spikes with k = 1 (neurarchy's stop conditions read variables, not 'spiked').
      const counting = this.readOut === 'time_to_k_spikes' || this.readOut === 'time_to_first_spike';
      const neuron = !readout ? this.#hidden
        : this.readOut === 'membrane_potential' ? IaF_Acc
          : counting ? IaF_TTKS : this.#hidden;
      const stopCondition = readout && counting ? 'sc >= k : any' : undefined;
      const prev = pops[pops.length - 1];
      const [h, wd, c] = prev.geometry;
      const geometry = l.kind === 'dense' ? [l.units] : l.kind === 'conv2d' ? [h, wd, l.filters] : [h / l.pool[0], wd / l.pool[1], c];
      const pop = net.create(geometry, neuron, { name: uniqueName(l.name, names), ...(stopCondition ? { stopCondition } : {}) });
      if (!readout) {
        if (!pop.description.attributes.some((a) => a.name === 'vt')) throw new NetworkError(`ANNtoSNNConverter: the hidden neuron '${neuron.name}' has no parameter 'vt' (its threshold, lowered by 0.05 per layer)`);
        // ANNarchy lowers the threshold of deeper layers: 0.05 per layer of the trained model.
        pop.set({ vt: (pop.get('vt') as number) - 0.05 * idx });
      }
      if (readout && counting) pop.set({ k: this.#k ?? 1 });
      const proj = `${l.kind === 'dense' ? 'dense' : l.kind === 'conv2d' ? 'conv' : 'pool'}_proj_${pops.length}`;
      if (l.kind === 'pool2d') {
        // A spike in the block adds 1 (max) or 1 / block size (mean) to the pooled neuron.
        net.connect(new Pooling(prev, pop, 'exc', { operation: l.operation, name: proj })).pooling({ extent: [l.pool[0], l.pool[1], 1] });
        lines.push(`* ${l.operation === 'max' ? 'Max' : 'Average'} pooling layer: ${l.name}, ${l.pool.join('×')}`);
      } else {
        const f = factors[w++];
        const scaled = l.weights.map((x) => x * f);
        if (l.kind === 'dense') {
          const rows = Array.from({ length: l.units }, (_, j) => scaled.subarray(j * l.inputs, (j + 1) * l.inputs));
          net.connect(prev, pop, 'exc', undefined, { name: proj }).connectFromMatrix(rows);
          lines.push(`* Dense layer: ${l.name}, ${l.units} neurons, weights ×${f.toPrecision(4)}`);
        } else {
          const [kh, kw] = l.kernel;
          const bank = Array.from({ length: l.filters }, (_, fi) => Array.from({ length: kh }, (_, y) => Array.from({ length: kw }, (_, x) =>
            Array.from(scaled.subarray(((fi * kh + y) * kw + x) * l.channels, ((fi * kh + y) * kw + x + 1) * l.channels)))));
          net.connect(new Convolution(prev, pop, 'exc', { name: proj })).connectFilters(bank);
          lines.push(`* Conv2D layer: ${l.name}, ${l.filters} filters ${kh}×${kw}, weights ×${f.toPrecision(4)}`);
        }
      }
      pops.push(pop);
    });
    const out = pops[pops.length - 1];
    this.#monitor = net.monitor(out, this.readOut === 'membrane_potential' ? ['v'] : ['spike']);
    await net.compile({ backend: options.backend ?? 'js', ...(options.directory !== undefined ? { directory: options.directory } : {}) });
    if (options.showInfo) console.log(lines.join('\n'));
    this.#network = net;
    this.#populations = pops;
    this.#layers = layers;
    return net;
  }

  /** The spiking network (after `loadModel`). */
  getNetwork(): Network {
    if (!this.#network) throw new NetworkError('ANNtoSNNConverter.getNetwork(): no network yet: call loadModel() first');
    return this.#network;
  }

  /** The layers read from the file (input first). */
  get layers(): readonly AnnLayer[] { return this.#layers; }

  /**
   * Presents each sample (values 0…1, as many as the input layer has neurons, in its row-major
   * order) for `durationPerSample` ms after a reset of the populations, and returns the predicted
   * class of each: the output neuron with the most spikes (`spike_count`), the first to spike or
   * reach k spikes (the simulation stops then), or the highest membrane potential.
   */
  async predict(samples: ArrayLike<ArrayLike<number>>, options?: PredictOptions & { multiple?: false }): Promise<number[]>;
  async predict(samples: ArrayLike<ArrayLike<number>>, options: PredictOptions & { multiple: true }): Promise<number[][]>;
  async predict(samples: ArrayLike<ArrayLike<number>>, options: PredictOptions = {}): Promise<number[] | number[][]> {
    const where = 'ANNtoSNNConverter.predict()';
    checkOptions(options, PREDICT_OPTIONS, where, { renamed: { duration_per_sample: 'durationPerSample' } });
    const net = this.getNetwork();
    const duration = options.durationPerSample ?? 1000;
    if (!(duration > 0) || !Number.isFinite(duration)) throw new NetworkError(`${where}: durationPerSample must be a positive duration in ms, got ${describeValue(duration)}`);
    const [input] = this.#populations;
    const out = this.#populations[this.#populations.length - 1];
    const monitor = this.#monitor!;
    const predictions: number[][] = [];
    for (let s = 0; s < samples.length; s++) {
      const sample = samples[s];
      if (!sample || sample.length !== input.size) throw new NetworkError(`${where}: sample ${s} has ${sample?.length} values, the input layer ${input.size}`);
      net.reset({ populations: true, monitors: true, projections: false });
      input.set({ rates: Float64Array.from(sample, (x) => x * this.maxF) });
      let scores: number[];
      if (this.readOut === 'membrane_potential') {
        await net.simulate(duration);
        const v = monitor.get('v');
        scores = Array.from(v[v.length - 1] as ArrayLike<number>);
      } else {
        if (this.readOut === 'spike_count') await net.simulate(duration);
        else await net.simulateUntil({ maxDuration: duration, populations: out });
        const spikes = monitor.get('spike');
        scores = Array.from({ length: out.size }, (_, r) => spikes[r]?.length ?? 0);
      }
      const best = Math.max(...scores);
      predictions.push(scores.flatMap((x, i) => (x === best ? [i] : [])));
    }
    if (options.multiple) return predictions;
    // Ties (typically no output spike at all) are broken at random, as ANNarchy does, with the converter's seed.
    return predictions.map((p) => p[Math.floor(uniformAt(this.#seed, TIE_STREAM, this.#ties++, 0, 0) * p.length)]);
  }
}

/** A population name from a layer name (ONNX names hold '/', ':' or '.'), unique in the network. */
function uniqueName(layer: string, taken: Set<string>): string {
  let base = layer.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '');
  if (!/^[A-Za-z]/.test(base)) base = `layer_${base}`;
  let name = base;
  for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}
