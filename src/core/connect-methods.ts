/**
 * The connector methods of `Projection` (ANNarchy's `connect_all_to_all`, … in camelCase, plus the
 * ANNarchy-5 short names), and the conversion of what a connector returns into the projection's
 * storage: post-major CSR, one shared weight when possible, delays in steps.
 */
import { NetworkError } from '../errors.js';
import type { Population } from './Population.js';
import type { PopulationView } from './PopulationView.js';
import type { SynapseDescription } from '../equations/description.js';
import type { NetworkLike } from './network-like.js';
import type { Sampler } from '../random/types.js';
import * as C from '../connectors/index.js';
import type { Connectivity, NeuronSet, ValueSpec } from '../connectors/index.js';

/** The stored connectivity of a projection. */
export interface ConnectivityData {
  /** Rank of each dendrite's post-synaptic neuron. */
  postRanks: Int32Array;
  /** CSR offsets: synapses of dendrite i are rowPtr[i] … rowPtr[i+1]-1. */
  rowPtr: Int32Array;
  /** Rank of each synapse's pre-synaptic neuron. */
  preRanks: Int32Array;
  /** One weight shared by all synapses (number weight, no plasticity, not forced). */
  singleWeight: boolean;
  /** Delay in steps: uniform, or per synapse. */
  delaySteps: number | Int32Array;
  /** Largest delay in steps. */
  maxDelay: number;
}

type Side = Population | PopulationView;

export interface CommonConnectOptions {
  /** Delays in ms: a number, a distribution (with an upper bound) or one value per synapse. */
  delays?: ValueSpec;
  /** Keep one value per synapse even for a number weight (needed to set weights individually). */
  forceMultipleWeights?: boolean;
}
export interface WeightsOption { weights?: ValueSpec }
export interface SelfOption { allowSelfConnections?: boolean }

function neuronSet(side: Side): NeuronSet {
  const pop = side.population;
  return { ranks: side.ranks, populationSize: pop.size, populationGeometry: pop.geometry, populationId: pop.id, samePopulationAs: pop };
}

export abstract class ConnectorMethods {
  abstract readonly pre: Side;
  abstract readonly post: Side;
  abstract readonly network: NetworkLike;
  abstract readonly description: SynapseDescription;
  abstract readonly name: string;
  abstract connectivity?: ConnectivityData;
  /** The connector that built the connectivity, in words (`'fixed probability 0.02'`), for reports. */
  connector?: string;
  protected abstract storeConnectivity(data: ConnectivityData, weights: Float64Array | number): void;

  /** Every pre-synaptic neuron to every post-synaptic one (no self-connections unless allowed). */
  connectAllToAll(options: (WeightsOption & SelfOption & CommonConnectOptions) | number = {}): this {
    const o = typeof options === 'number' ? { weights: options } : options;
    return this.apply(C.allToAll(neuronSet(this.pre), neuronSet(this.post), this.withWeights(o, 1), this.network.rng), o, 'all-to-all');
  }

  /** Neuron k of pre to neuron k of post. */
  connectOneToOne(options: (WeightsOption & CommonConnectOptions) | number = {}): this {
    const o = typeof options === 'number' ? { weights: options } : options;
    return this.apply(C.oneToOne(neuronSet(this.pre), neuronSet(this.post), this.withWeights(o, 1), this.network.rng), o, 'one-to-one');
  }

  /** Each possible synapse exists with `probability`. */
  connectFixedProbability(options: { probability: number } & WeightsOption & SelfOption & CommonConnectOptions): this {
    return this.apply(C.fixedProbability(neuronSet(this.pre), neuronSet(this.post), this.withWeights(options, 1), this.network.rng), options, `fixed probability ${options.probability}`);
  }

  /** Each post-synaptic neuron receives `number` synapses from distinct pre-synaptic neurons. */
  connectFixedNumberPre(options: { number: number } & WeightsOption & SelfOption & CommonConnectOptions): this {
    return this.apply(C.fixedNumberPre(neuronSet(this.pre), neuronSet(this.post), this.withWeights(options, 1), this.network.rng), options, `fixed number pre ${options.number}`);
  }

  /** Each pre-synaptic neuron projects to `number` distinct post-synaptic neurons. */
  connectFixedNumberPost(options: { number: number } & WeightsOption & SelfOption & CommonConnectOptions): this {
    return this.apply(C.fixedNumberPost(neuronSet(this.pre), neuronSet(this.post), this.withWeights(options, 1), this.network.rng), options, `fixed number post ${options.number}`);
  }

  /** Gaussian profile over normalised coordinates: w = amp·exp(−d²/2σ²), kept above limit·amp. */
  connectGaussian(options: { amp: number; sigma: number; limit?: number } & SelfOption & CommonConnectOptions): this {
    return this.apply(C.gaussian(neuronSet(this.pre), neuronSet(this.post), { delays: 0, ...options }, this.network.rng), { ...options, forceMultipleWeights: true }, `gaussian (amp ${options.amp}, sigma ${options.sigma})`);
  }

  /** Difference of Gaussians. */
  connectDog(options: { ampPos: number; sigmaPos: number; ampNeg: number; sigmaNeg: number; limit?: number } & SelfOption & CommonConnectOptions): this {
    return this.apply(C.dog(neuronSet(this.pre), neuronSet(this.post), { delays: 0, ...options }, this.network.rng), { ...options, forceMultipleWeights: true }, 'difference of Gaussians');
  }

  /** A dense matrix post × pre (`null`/NaN: no synapse); `prePost: true` for pre × post. */
  connectFromMatrix(weights: ArrayLike<ArrayLike<number | null>>, options: { prePost?: boolean; delays?: number | ArrayLike<ArrayLike<number>> } = {}): this {
    return this.apply(C.fromMatrix(neuronSet(this.pre), neuronSet(this.post), weights, options), { ...options, forceMultipleWeights: true } as CommonConnectOptions, 'from matrix');
  }

  /** A sparse matrix in ANNarchy's (pre, post) orientation. */
  connectFromSparse(matrix: Parameters<typeof C.fromSparse>[2], options: { delays?: number } = {}): this {
    return this.apply(C.fromSparse(neuronSet(this.pre), neuronSet(this.post), matrix, options), { ...options, forceMultipleWeights: true }, 'from sparse matrix');
  }

  /** A user function `(pre, post, ...args) => LILBuilder`. */
  connectWithFunc(fn: (pre: Side, post: Side, ...args: any[]) => C.LILBuilder, ...args: unknown[]): this {
    const builder = fn(this.pre, this.post, ...args);
    if (!(builder instanceof C.LILBuilder)) throw new NetworkError(`connectWithFunc: the function must return a LILBuilder`);
    return this.apply(builder.build(), { forceMultipleWeights: true }, fn.name ? `from function ${fn.name}` : 'from function');
  }

  /* ANNarchy 5 names */
  allToAll(o?: Parameters<ConnectorMethods['connectAllToAll']>[0]) { return this.connectAllToAll(o); }
  oneToOne(o?: Parameters<ConnectorMethods['connectOneToOne']>[0]) { return this.connectOneToOne(o); }
  fixedProbability(o: Parameters<ConnectorMethods['connectFixedProbability']>[0]) { return this.connectFixedProbability(o); }
  fixedNumberPre(o: Parameters<ConnectorMethods['connectFixedNumberPre']>[0]) { return this.connectFixedNumberPre(o); }
  fixedNumberPost(o: Parameters<ConnectorMethods['connectFixedNumberPost']>[0]) { return this.connectFixedNumberPost(o); }
  fromMatrix(w: Parameters<ConnectorMethods['connectFromMatrix']>[0], o?: Parameters<ConnectorMethods['connectFromMatrix']>[1]) { return this.connectFromMatrix(w, o); }
  fromSparse(m: Parameters<ConnectorMethods['connectFromSparse']>[0], o?: Parameters<ConnectorMethods['connectFromSparse']>[1]) { return this.connectFromSparse(m, o); }
  fromFunction(fn: Parameters<ConnectorMethods['connectWithFunc']>[0], ...args: unknown[]) { return this.connectWithFunc(fn, ...args); }

  private withWeights<T extends WeightsOption & CommonConnectOptions>(o: T, defaultWeight: number): T & { weights: ValueSpec; delays: ValueSpec } {
    return { ...o, weights: o.weights ?? defaultWeight, delays: o.delays ?? 0 };
  }

  private apply(c: Connectivity, o: CommonConnectOptions & { forceMultipleWeights?: boolean }, connector: string): this {
    if (this.connectivity && this.network.compiled) throw new NetworkError(`projection '${this.name}' is already connected and compiled`);
    const nnz = c.preRanks.length;
    const dt = this.network.dt;
    const single = typeof c.weights === 'number' && !o.forceMultipleWeights && !this.description.plastic;
    const weights = typeof c.weights === 'number' ? (single ? c.weights : new Float64Array(nnz).fill(c.weights)) : c.weights;
    let delaySteps: number | Int32Array;
    let maxDelay: number;
    if (typeof c.delays === 'number') {
      const uniform = C.delayToSteps(c.delays, dt);
      delaySteps = uniform;
      maxDelay = uniform;
    } else {
      delaySteps = Int32Array.from(c.delays, (d) => C.delayToSteps(d, dt));
      maxDelay = delaySteps.reduce((a, b) => Math.max(a, b), 1);
      const sampler = o.delays as Sampler & { upperBound?(): number | undefined };
      const ub = typeof sampler?.upperBound === 'function' ? sampler.upperBound() : undefined;
      if (ub !== undefined) maxDelay = Math.max(maxDelay, C.delayToSteps(ub, dt));
    }
    this.storeConnectivity({ postRanks: c.postRanks, rowPtr: c.rowPtr, preRanks: c.preRanks, singleWeight: single, delaySteps, maxDelay }, weights);
    this.connector = connector;
    return this;
  }

  /** @internal `proj.delay = …` */
  protected setDelays(value: number | ArrayLike<ArrayLike<number>>): void {
    const c = this.connectivity;
    if (!c) throw new NetworkError(`projection '${this.name}' is not connected yet`);
    const dt = this.network.dt;
    if (typeof value === 'number') {
      const steps = C.delayToSteps(value, dt);
      if (typeof c.delaySteps === 'number') {
        if (this.network.compiled && c.delaySteps <= 1 && steps > 1) {
          throw new NetworkError(`projection '${this.name}' was compiled without delays: a delay cannot be added after compile() (give the connector a delay > dt)`);
        }
        c.delaySteps = steps;
      } else c.delaySteps.fill(steps);
      c.maxDelay = Math.max(c.maxDelay, steps);
    } else {
      if (value.length !== c.postRanks.length) throw new NetworkError(`projection '${this.name}': expected delays for ${c.postRanks.length} dendrites, got ${value.length}`);
      const per = new Int32Array(c.preRanks.length);
      for (let i = 0; i < value.length; i++) {
        const row = value[i];
        const n = c.rowPtr[i + 1] - c.rowPtr[i];
        if (row.length !== n) throw new NetworkError(`projection '${this.name}': dendrite ${i} has ${n} synapses, got ${row.length} delays`);
        for (let k = 0; k < n; k++) per[c.rowPtr[i] + k] = C.delayToSteps(row[k], dt);
      }
      if (typeof c.delaySteps === 'number') {
        if (this.network.compiled) throw new NetworkError(`projection '${this.name}' was compiled with a uniform delay: per-synapse delays need them from the connector (e.g. a distribution)`);
        c.delaySteps = per;
      } else c.delaySteps.set(per);
      c.maxDelay = Math.max(c.maxDelay, per.reduce((a, b) => Math.max(a, b), 1));
    }
    this.network.attributeWritten(this as never, '_delay');
  }
}
