/**
 * The connector methods of `Projection` (ANNarchy's `connect_all_to_all`, … in camelCase, plus the
 * ANNarchy-5 short names), and the conversion of what a connector returns into the projection's
 * storage: post-major CSR, one shared weight when possible, delays in steps.
 */
/* eslint-disable prefer-rest-params -- the methods read `arguments`: JavaScript callers pass positional
   arguments that the signatures do not declare, and those must be refused, not ignored (connect-arguments.ts). */
import { NetworkError } from '../errors.js';
import { checkOptions, describeValue, optionKeys } from './options.js';
import { UNSUPPORTED_CONNECT_OPTIONS } from './annarchy-options.js';
import { checkConnectArguments, checkConnectOptionTypes, checkFilenameArgument, checkMatrixArgument } from './connect-arguments.js';
import type { Population } from './Population.js';
import type { PopulationView } from './PopulationView.js';
import type { SynapseDescription } from '../equations/description.js';
import type { NetworkLike } from './network-like.js';
import type { Sampler } from '../random/types.js';
import * as C from '../connectors/index.js';
import type { Projection } from './handles.js'; // the classes' own types, without importing their modules (handles.ts)
import { checkProjectionMemory, checkDelayRing, synapsesFit } from './memory.js';
import { randomStream } from '../random/streams.js';
import { checkProceduralSynapse, proceduralObstacle } from './projection-checks.js';
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
  /**
   * A procedural projection (`procedural: true`): no synapse is stored (the CSR is empty); the rule
   * regenerates each pre-synaptic neuron's synapses when it spikes (connectors/procedural.ts).
   */
  procedural?: C.ProceduralRule;
}

type Side = Population | PopulationView;

/**
 * A user connection pattern, `(pre, post, ...args) => LILBuilder` (ANNarchy's `connect_with_func`).
 * Declared as a method so that its parameters are checked bivariantly: a function written for
 * `(pre: Population, post: Population, w: number)` is accepted (it receives the projection's sides).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the pattern's own extra arguments, any types
type ConnectionFunction = { bivariant(pre: Side, post: Side, ...args: any[]): C.LILBuilder }['bivariant'];

export interface CommonConnectOptions {
  /** Delays in ms: a number, a distribution (with an upper bound) or one value per synapse. */
  delays?: ValueSpec;
  /** Keep one value per synapse even for a number weight (needed to set weights individually). */
  forceMultipleWeights?: boolean;
}
export interface WeightsOption { weights?: ValueSpec }
export interface SelfOption { allowSelfConnections?: boolean }

/** Options of `connectAllToAll()`. */
export interface AllToAllOptions extends WeightsOption, SelfOption, CommonConnectOptions {}
/** Options of `connectOneToOne()`. */
export interface OneToOneOptions extends WeightsOption, CommonConnectOptions {}
/** Options of `connectFixedProbability()`. */
export interface FixedProbabilityOptions extends AllToAllOptions {
  probability: number;
  /**
   * `true`: the synapses are not stored but regenerated from counter-based random numbers each time
   * a pre-synaptic neuron spikes (GeNN's procedural connectivity): memory grows with the neurons,
   * not the synapses. For spiking synapses whose only per-synapse value is a `w` nothing writes
   * (the default synapse, …); weights and delays a number or a distribution. `'stored'`: the same
   * synapses, drawn the same way, stored (their weights readable, any synapse). `false`: stored,
   * drawn from the network's host stream. Default: `false`, except when the stored synapses would
   * not fit in memory and the synapse needs nothing stored: then `true`, said on the console.
   */
  procedural?: boolean | 'stored';
}
/** Options of `connectFixedNumberPre()` / `connectFixedNumberPost()`. */
export interface FixedNumberOptions extends AllToAllOptions { number: number }
/** Options of `connectFixedNumberPre()`: stored synapses only (a pre-synaptic row cannot be regenerated, see `connectFixedNumberPre`). */
export interface FixedNumberPreOptions extends FixedNumberOptions { procedural?: false }
/** Options of `connectFixedNumberPost()`. */
export interface FixedNumberPostOptions extends FixedNumberOptions {
  /**
   * `true`: each pre-synaptic neuron's `number` synapses are regenerated when it spikes, from
   * counter-based random numbers, instead of stored (as `connectFixedProbability`'s `procedural`,
   * with the same conditions on the synapse, weights and delays). `'stored'`: the same synapses,
   * stored. `false`: stored, drawn from the network's host stream. Default: `false`, except when the
   * stored synapses would not fit in memory and the synapse needs nothing stored.
   */
  procedural?: boolean | 'stored';
}
/** Options of `connectGaussian()`. */
export interface GaussianOptions extends SelfOption, CommonConnectOptions { amp: number; sigma: number; limit?: number }
/** Options of `connectDog()`. */
export interface DogOptions extends SelfOption, CommonConnectOptions { ampPos: number; sigmaPos: number; ampNeg: number; sigmaNeg: number; limit?: number }
/** Options of `connectFromMatrix()`. */
export interface FromMatrixConnectOptions { prePost?: boolean; delays?: number | ArrayLike<ArrayLike<number>> }
/** Options of `connectFromSparse()`. */
export interface FromSparseConnectOptions { delays?: number }

/** The accepted keys of each connector method (checked by the compiler against the interfaces above). */
export const CONNECT_OPTIONS = {
  allToAll: optionKeys<AllToAllOptions>()(['weights', 'delays', 'allowSelfConnections', 'forceMultipleWeights']),
  oneToOne: optionKeys<OneToOneOptions>()(['weights', 'delays', 'forceMultipleWeights']),
  fixedProbability: optionKeys<FixedProbabilityOptions>()(['probability', 'weights', 'delays', 'allowSelfConnections', 'forceMultipleWeights', 'procedural']),
  fixedNumberPre: optionKeys<FixedNumberPreOptions>()(['number', 'weights', 'delays', 'allowSelfConnections', 'forceMultipleWeights', 'procedural']),
  fixedNumberPost: optionKeys<FixedNumberPostOptions>()(['number', 'weights', 'delays', 'allowSelfConnections', 'forceMultipleWeights', 'procedural']),
  gaussian: optionKeys<GaussianOptions>()(['amp', 'sigma', 'limit', 'delays', 'allowSelfConnections', 'forceMultipleWeights']),
  dog: optionKeys<DogOptions>()(['ampPos', 'sigmaPos', 'ampNeg', 'sigmaNeg', 'limit', 'delays', 'allowSelfConnections', 'forceMultipleWeights']),
  fromMatrix: optionKeys<FromMatrixConnectOptions>()(['prePost', 'delays']),
  fromSparse: optionKeys<FromSparseConnectOptions>()(['delays']),
} as const;

function neuronSet(side: Side): NeuronSet {
  const pop = side.population;
  return { ranks: side.ranks, populationSize: pop.size, populationGeometry: pop.geometry, populationId: pop.id, samePopulationAs: pop };
}

/** The `connect…` methods of `Projection` (ANNarchy's connector methods), one per pattern. */
export abstract class ConnectorMethods {
  abstract readonly pre: Side;
  abstract readonly post: Side;
  abstract readonly network: NetworkLike;
  /** @internal */
  abstract readonly description: SynapseDescription;
  abstract readonly name: string;
  /** Index of the projection in its network (its random stream). */
  abstract readonly id: number;
  /** @internal */
  abstract connectivity?: ConnectivityData;
  /** The connector that built the connectivity, in words (`'fixed probability 0.02'`), for reports. */
  connector?: string;
  /** @internal */
  protected abstract storeConnectivity(data: ConnectivityData, weights: Float64Array | number): void;

  /** Every pre-synaptic neuron to every post-synaptic one (no self-connections unless allowed). */
  connectAllToAll(options: AllToAllOptions | number = {}): this {
    checkConnectArguments('connectAllToAll', arguments, this.where('connectAllToAll'));
    const o = typeof options === 'number' ? { weights: options } : this.checked(options, CONNECT_OPTIONS.allToAll, 'connectAllToAll');
    return this.apply(C.allToAll(neuronSet(this.pre), neuronSet(this.post), this.withWeights(o, 1), this.network.rng), o, 'all-to-all');
  }

  /** Neuron k of pre to neuron k of post. */
  connectOneToOne(options: OneToOneOptions | number = {}): this {
    checkConnectArguments('connectOneToOne', arguments, this.where('connectOneToOne'));
    const o = typeof options === 'number' ? { weights: options } : this.checked(options, CONNECT_OPTIONS.oneToOne, 'connectOneToOne');
    return this.apply(C.oneToOne(neuronSet(this.pre), neuronSet(this.post), this.withWeights(o, 1), this.network.rng), o, 'one-to-one');
  }

  /** Each possible synapse exists with `probability`. */
  connectFixedProbability(options: FixedProbabilityOptions): this {
    checkConnectArguments('connectFixedProbability', arguments, this.where('connectFixedProbability'));
    this.checked(options, CONNECT_OPTIONS.fixedProbability, 'connectFixedProbability');
    if (options.procedural !== undefined && options.procedural !== false) return this.connectProcedural(options, 'connectFixedProbability');
    const p = options.probability;
    const expected = typeof p === 'number' && p > 0 && p <= 1 ? p * this.pre.ranks.length * this.post.ranks.length : 0;
    if (options.procedural === undefined && this.regenerableInstead(options, expected, 'connectFixedProbability')) return this.connectProcedural({ ...options, procedural: true }, 'connectFixedProbability');
    return this.apply(C.fixedProbability(neuronSet(this.pre), neuronSet(this.post), this.withWeights(options, 1), this.network.rng), options, `fixed probability ${options.probability}`);
  }

  /**
   * Whether a fixed-probability or fixed-number-post pattern given no `procedural` option is made
   * procedural because its `expected` stored synapses (0 for invalid options: the pattern says what
   * is wrong) would not fit in memory (or in int32 indices) while its synapse needs nothing stored:
   * said on the console, since the choice changes which synapses the seed draws.
   */
  private regenerableInstead(options: FixedProbabilityOptions | FixedNumberPostOptions, expected: number, method: string): boolean {
    if (!(expected > 0)) return false;
    if (synapsesFit(expected, C.patternBytesPerSynapse(options.weights ?? 1, options.forceMultipleWeights))) return false;
    // Otherwise the stored pattern's own check says what does not fit.
    if (proceduralObstacle(this.description, this.network.structuralPlasticity, options.forceMultipleWeights)) return false;
    const perSynapseArray = (v: unknown) => typeof v === 'object' && v !== null && !C.isSampler(v);
    if (perSynapseArray(options.weights) || perSynapseArray(options.delays)) return false;
    console.warn(`neurarchy: projection '${this.name}'.${method}(): about ${Math.round(expected)} synapses would not fit in memory; they are made procedural (regenerated at each spike, nothing stored). Give procedural: true to choose it, or false to be refused instead.`);
    return true;
  }

  /** `connectFixedProbability` or `connectFixedNumberPost` with `procedural: true` or `'stored'`. */
  private connectProcedural(options: FixedProbabilityOptions | FixedNumberPostOptions, method: 'connectFixedProbability' | 'connectFixedNumberPost'): this {
    const where = this.where(method);
    if (options.procedural !== true && options.procedural !== 'stored') {
      throw new NetworkError(`${where}: procedural must be true, false or 'stored', got ${describeValue(options.procedural)}`);
    }
    const o = { ...this.withWeights(options, 1), seed: this.network.seed, stream: randomStream('proj', this.id), dt: this.network.dt };
    const rule = 'probability' in o
      ? C.proceduralRule(neuronSet(this.pre), neuronSet(this.post), o, where)
      : C.proceduralFixedNumberRule(neuronSet(this.pre), neuronSet(this.post), o, where);
    const pattern = 'probability' in o ? `fixed probability ${o.probability}` : `fixed number post ${o.number}`;
    const connector = `${pattern}${options.procedural === true ? ' (procedural)' : ' (procedural rows, stored)'}`;
    if (options.procedural === 'stored') return this.apply(C.materialize(rule, where), o, connector);
    checkProceduralSynapse(this.description, where, this.network.structuralPlasticity, options.forceMultipleWeights);
    return this.storeProcedural(rule, connector);
  }

  /** A procedural rule as this projection's connectivity (also how `net.copy()` copies one: the same rule, the same synapses). */
  private storeProcedural(rule: C.ProceduralRule, connector: string): this {
    if (this.connectivity && this.network.compiled) throw new NetworkError(`projection '${this.name}' is already connected and compiled`);
    const single = typeof rule.weights === 'number';
    const empty = new Int32Array(0);
    this.storeConnectivity({
      postRanks: empty, rowPtr: new Int32Array(1), preRanks: empty, singleWeight: single,
      delaySteps: typeof rule.delays === 'number' ? rule.maxDelaySteps : new Int32Array(0),
      maxDelay: rule.maxDelaySteps, procedural: rule,
    }, single ? (rule.weights as number) : new Float64Array(0));
    this.connector = connector;
    return this;
  }

  /**
   * Each post-synaptic neuron receives `number` synapses from distinct pre-synaptic neurons. Stored
   * only: a spike walks the row of its pre-synaptic neuron, which here is "the post-synaptic neurons
   * that drew it" — a function of every post-synaptic neuron's draws, not of one row's own stream —
   * so it cannot be regenerated at a spike (GeNN refuses it too); `procedural: true` is refused.
   */
  connectFixedNumberPre(options: FixedNumberPreOptions): this {
    checkConnectArguments('connectFixedNumberPre', arguments, this.where('connectFixedNumberPre'));
    this.checked(options, CONNECT_OPTIONS.fixedNumberPre, 'connectFixedNumberPre');
    const procedural: unknown = options.procedural;
    if (procedural !== undefined && procedural !== false) {
      throw new NetworkError(`${this.where('connectFixedNumberPre')}: procedural: ${typeof procedural === 'string' ? `'${procedural}'` : String(procedural)} is not possible: a spike regenerates its pre-synaptic neuron's row, and which post-synaptic neurons chose a pre-synaptic neuron depends on every post-synaptic neuron's draws, not on that row's own stream. Use connectFixedNumberPost({ number, procedural: true }) (a fixed number of targets per pre-synaptic neuron) or connectFixedProbability({ probability, procedural: true }), or store the synapses (no procedural option)`);
    }
    return this.apply(C.fixedNumberPre(neuronSet(this.pre), neuronSet(this.post), this.withWeights(options, 1), this.network.rng), options, `fixed number pre ${options.number}`);
  }

  /** Each pre-synaptic neuron projects to `number` distinct post-synaptic neurons (regenerated at each spike with `procedural: true`). */
  connectFixedNumberPost(options: FixedNumberPostOptions): this {
    checkConnectArguments('connectFixedNumberPost', arguments, this.where('connectFixedNumberPost'));
    this.checked(options, CONNECT_OPTIONS.fixedNumberPost, 'connectFixedNumberPost');
    if (options.procedural !== undefined && options.procedural !== false) return this.connectProcedural(options, 'connectFixedNumberPost');
    const k = options.number;
    const expected = typeof k === 'number' && Number.isInteger(k) && k > 0 ? k * this.pre.ranks.length : 0;
    if (options.procedural === undefined && this.regenerableInstead(options, expected, 'connectFixedNumberPost')) return this.connectProcedural({ ...options, procedural: true }, 'connectFixedNumberPost');
    return this.apply(C.fixedNumberPost(neuronSet(this.pre), neuronSet(this.post), this.withWeights(options, 1), this.network.rng), options, `fixed number post ${options.number}`);
  }

  /** Gaussian profile over normalised coordinates: w = amp·exp(−d²/2σ²), kept above limit·amp. */
  connectGaussian(options: GaussianOptions): this {
    checkConnectArguments('connectGaussian', arguments, this.where('connectGaussian'));
    this.checked(options, CONNECT_OPTIONS.gaussian, 'connectGaussian');
    return this.apply(C.gaussian(neuronSet(this.pre), neuronSet(this.post), { delays: 0, ...options }, this.network.rng), { ...options, forceMultipleWeights: true }, `gaussian (amp ${options.amp}, sigma ${options.sigma})`);
  }

  /** Difference of Gaussians. */
  connectDog(options: DogOptions): this {
    checkConnectArguments('connectDog', arguments, this.where('connectDog'));
    this.checked(options, CONNECT_OPTIONS.dog, 'connectDog');
    return this.apply(C.dog(neuronSet(this.pre), neuronSet(this.post), { delays: 0, ...options }, this.network.rng), { ...options, forceMultipleWeights: true }, 'difference of Gaussians');
  }

  /**
   * A dense matrix post × pre; `prePost: true` for pre × post. `null` (ANNarchy's `None`) or NaN
   * means no synapse (so `connectivityMatrix(NaN)` round-trips); 0 is a synapse of weight 0. A list
   * of rows, or flat in C order with its shape (`{ data: Float64Array, shape: [post, pre] }`, for
   * matrices too large for arrays of rows: 30 000 × 30 000 entries).
   */
  connectFromMatrix(weights: Parameters<typeof C.fromMatrix>[2], options: FromMatrixConnectOptions = {}): this {
    checkConnectArguments('connectFromMatrix', arguments, this.where('connectFromMatrix'));
    checkMatrixArgument('connectFromMatrix', weights, this.where('connectFromMatrix'));
    this.checked(options, CONNECT_OPTIONS.fromMatrix, 'connectFromMatrix');
    return this.apply(C.fromMatrix(neuronSet(this.pre), neuronSet(this.post), weights, options), { ...options, forceMultipleWeights: true } as CommonConnectOptions, 'from matrix');
  }

  /**
   * A sparse matrix in ANNarchy's (pre, post) orientation, as scipy's fields: COO
   * `{ shape, row, col, data }`, CSR `{ shape, indptr, indices, data }` or CSC
   * `{ format: 'csc', shape, indptr, indices, data }` (the projection's own post-major order: no
   * reordering, the fastest form for large projections).
   */
  connectFromSparse(matrix: Parameters<typeof C.fromSparse>[2], options: FromSparseConnectOptions = {}): this {
    checkConnectArguments('connectFromSparse', arguments, this.where('connectFromSparse'));
    checkMatrixArgument('connectFromSparse', matrix, this.where('connectFromSparse'));
    this.checked(options, CONNECT_OPTIONS.fromSparse, 'connectFromSparse');
    return this.apply(C.fromSparse(neuronSet(this.pre), neuronSet(this.post), matrix, options), { ...options, forceMultipleWeights: true }, 'from sparse matrix');
  }

  /** A user function `(pre, post, ...args) => LILBuilder`. */
  connectWithFunc(fn: ConnectionFunction, ...args: unknown[]): this {
    if (typeof fn !== 'function') throw new NetworkError(`projection '${this.name}'.connectWithFunc(): the first argument must be a function (pre, post, ...args) => LILBuilder, got ${describeValue(fn)}`);
    const builder = fn(this.pre, this.post, ...args);
    if (!(builder instanceof C.LILBuilder)) throw new NetworkError(`${this.where('connectWithFunc')}: the function${fn.name ? ` '${fn.name}'` : ''} must return a LILBuilder (new LILBuilder(), then .add(postRank, preRanks, weights)), got ${describeValue(builder)}`);
    return this.apply(builder.build(), { forceMultipleWeights: true }, fn.name ? `from function ${fn.name}` : 'from function');
  }

  /**
   * ANNarchy's `connect_from_file`: the synapses (ranks, weights, delays in ms) written by
   * {@link saveConnectivity} (`.json` as JSON, else `.npz`; src/io/connectivity-io.ts). The file is
   * checked first (ranks in the pre/post sides, no synapse twice, finite weights, valid delays).
   */
  async connectFromFile(filename: string): Promise<this> {
    checkFilenameArgument(arguments, this.where('connectFromFile'));
    const synapses = await this.network.readConnectivity(filename, this.pre, this.post);
    return this.apply(synapses, { forceMultipleWeights: true }, `from file ${filename}`);
  }

  /** ANNarchy's `save_connectivity`: writes the synapses for {@link connectFromFile} (`.json` as JSON, else `.npz`). */
  async saveConnectivity(filename: string): Promise<void> {
    checkFilenameArgument(arguments, this.where('saveConnectivity'));
    await this.network.saveConnectivity(this as unknown as Projection, filename);
  }

  /* ANNarchy 5 names: the arguments are passed on as given, so that the checks see every one. */
  /** ANNarchy 5's name for `connectFromFile()`. */
  fromFile(...args: Parameters<ConnectorMethods['connectFromFile']>) { return this.connectFromFile(...args); }
  /** ANNarchy 5's name for `connectAllToAll()`. */
  allToAll(...args: Parameters<ConnectorMethods['connectAllToAll']>) { return this.connectAllToAll(...args); }
  /** ANNarchy 5's name for `connectOneToOne()`. */
  oneToOne(...args: Parameters<ConnectorMethods['connectOneToOne']>) { return this.connectOneToOne(...args); }
  /** ANNarchy 5's name for `connectFixedProbability()`. */
  fixedProbability(...args: Parameters<ConnectorMethods['connectFixedProbability']>) { return this.connectFixedProbability(...args); }
  /** ANNarchy 5's name for `connectFixedNumberPre()`. */
  fixedNumberPre(...args: Parameters<ConnectorMethods['connectFixedNumberPre']>) { return this.connectFixedNumberPre(...args); }
  /** ANNarchy 5's name for `connectFixedNumberPost()`. */
  fixedNumberPost(...args: Parameters<ConnectorMethods['connectFixedNumberPost']>) { return this.connectFixedNumberPost(...args); }
  /** ANNarchy 5's name for `connectFromMatrix()`. */
  fromMatrix(...args: Parameters<ConnectorMethods['connectFromMatrix']>) { return this.connectFromMatrix(...args); }
  /** ANNarchy 5's name for `connectFromSparse()`. */
  fromSparse(...args: Parameters<ConnectorMethods['connectFromSparse']>) { return this.connectFromSparse(...args); }
  /** ANNarchy 5's name for `connectWithFunc()`. */
  fromFunction(fn: Parameters<ConnectorMethods['connectWithFunc']>[0], ...args: unknown[]) { return this.connectWithFunc(fn, ...args); }

  /** `projection 'name'.method()`, the start of every connector error. */
  private where(method: string): string {
    return `projection '${this.name}'.${method}()`;
  }

  /**
   * Checks a connector's options: unknown keys refused (ANNarchy's storage options with the reason),
   * and `weights: null` / `delays: null`, which would silently become the defaults.
   */
  private checked<T extends object>(options: T, keys: readonly string[], method: string): T {
    const where = this.where(method);
    checkOptions(options, keys, where, { unsupported: UNSUPPORTED_CONNECT_OPTIONS });
    if (options === undefined) throw new NetworkError(`${where}: give the options (${keys.join(', ')})`);
    // A flag given as a string or a number ('false' is truthy) would silently mean true.
    for (const key of ['allowSelfConnections', 'forceMultipleWeights', 'prePost'] as const) {
      const v = (options as Record<string, unknown>)[key];
      if (v !== undefined && typeof v !== 'boolean') throw new NetworkError(`${where}: ${key} must be true or false, got ${describeValue(v)}`);
    }
    checkConnectOptionTypes(method, options, where);
    for (const key of ['weights', 'delays'] as const) {
      if (key in options && (options as Record<string, unknown>)[key] === null) {
        throw new NetworkError(`${where}: ${key} is null: give a number, an array or a distribution, or leave ${key} out for the default (${key === 'weights' ? 1 : 0})`);
      }
    }
    return options;
  }

  private withWeights<T extends WeightsOption & CommonConnectOptions>(o: T, defaultWeight: number): T & { weights: ValueSpec; delays: ValueSpec } {
    // A uniform delay is checked here, naming the projection, before the connector builds anything.
    if (typeof o.delays === 'number') C.delayToSteps(o.delays, this.network.dt, `projection '${this.name}'`);
    return { ...o, weights: o.weights ?? defaultWeight, delays: o.delays ?? 0 };
  }

  private apply(c: Connectivity, o: CommonConnectOptions & { forceMultipleWeights?: boolean }, connector: string): this {
    if (this.connectivity && this.network.compiled) throw new NetworkError(`projection '${this.name}' is already connected and compiled`);
    const nnz = c.preRanks.length;
    const dt = this.network.dt;
    // Structural plasticity adds synapses with their own weights: no single shared weight then (as ANNarchy).
    const single = typeof c.weights === 'number' && !o.forceMultipleWeights && !this.description.plastic && !this.network.structuralPlasticity;
    const weights = typeof c.weights === 'number' ? (single ? c.weights : new Float64Array(nnz).fill(c.weights)) : c.weights;
    let delaySteps: number | Int32Array;
    let maxDelay: number;
    const who = `projection '${this.name}'`;
    if (typeof c.delays === 'number') {
      const uniform = C.delayToSteps(c.delays, dt, who);
      delaySteps = uniform;
      maxDelay = uniform;
    } else {
      delaySteps = Int32Array.from(c.delays, (d) => C.delayToSteps(d, dt, who));
      maxDelay = delaySteps.reduce((a, b) => Math.max(a, b), 1);
      const sampler = o.delays as Sampler & { upperBound?(): number | undefined };
      const ub = typeof sampler?.upperBound === 'function' ? sampler.upperBound() : undefined;
      if (ub !== undefined) maxDelay = Math.max(maxDelay, C.delayToSteps(ub, dt, who));
    }
    // Before the attributes of every synapse and the delay ring are allocated (runtime/memory.ts).
    checkProjectionMemory(this, nnz, maxDelay, typeof delaySteps !== 'number');
    this.storeConnectivity({ postRanks: c.postRanks, rowPtr: c.rowPtr, preRanks: c.preRanks, singleWeight: single, delaySteps, maxDelay }, weights);
    this.connector = connector;
    return this;
  }

  /** @internal `proj.delay = …` */
  protected setDelays(value: number | ArrayLike<ArrayLike<number>>): void {
    const c = this.connectivity;
    if (!c) throw new NetworkError(`projection '${this.name}' is not connected yet`);
    if (c.procedural && typeof c.delaySteps !== 'number') {
      throw new NetworkError(`projection '${this.name}' has procedural connectivity with delays drawn at every spike: they cannot be changed (connect with the delays wanted, or with procedural: 'stored')`);
    }
    const dt = this.network.dt;
    const who = `projection '${this.name}'`;
    if (typeof value === 'number') {
      const steps = C.delayToSteps(value, dt, who);
      checkDelayRing(this, steps, typeof c.delaySteps !== 'number');
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
        for (let k = 0; k < n; k++) per[c.rowPtr[i] + k] = C.delayToSteps(row[k], dt, who);
      }
      checkDelayRing(this, per.reduce((a, b) => Math.max(a, b), 1), typeof c.delaySteps !== 'number');
      if (typeof c.delaySteps === 'number') {
        if (this.network.compiled) throw new NetworkError(`projection '${this.name}' was compiled with a uniform delay: per-synapse delays need them from the connector (e.g. a distribution)`);
        c.delaySteps = per;
      } else c.delaySteps.set(per);
      c.maxDelay = Math.max(c.maxDelay, per.reduce((a, b) => Math.max(a, b), 1));
    }
    this.network.attributeWritten(this as never, '_delay');
  }
}
