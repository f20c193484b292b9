/**
 * `Projection`: the synapses from a pre-synaptic to a post-synaptic population (or views) for one
 * target (`exc`, `inh`, …). Created empty; one of the `connect…` methods builds the synapses.
 * Synaptic attributes are read per dendrite (one array per post-synaptic neuron) and written with
 * numbers, per-dendrite arrays or distributions.
 */
import { proceduralCounts } from '../connectors/procedural.js';
import { NetworkError } from '../errors.js';
import { checkOptions, checkObjectName, checkValuesObject, describeValue, optionKeys } from './options.js';
import { durationSteps } from './durations.js';
import type { SynapseDescription, Attribute } from '../equations/description.js';
import { Population } from './Population.js';
import { PopulationView } from './PopulationView.js';
import { Synapse } from './Synapse.js';
import type { NetworkLike } from './network-like.js';
import { fillValues, scalarValue, isSampler, flatten, type AttributeInput, type StateArray } from './values.js';
import { initialiseAttributes } from './initialise.js';
import { Dendrite, IndividualSynapse } from './Dendrite.js';
import { checkPopulationKinds, checkPostTargets, checkSynapseReferences } from './projection-checks.js';
import { ConnectorMethods, type ConnectivityData } from './connect-methods.js';
import { defaultNetwork } from './default-network.js';
import { localFunction, type UserFunction } from './functions.js';
import type { AttributeProperties, ModelArgNames } from './attribute-names.js';
import type { Sampler } from '../random/types.js';
import type { StructuralRuleOptions } from '../structural/rules.js';
import { SynapseState } from './synapse-state.js';

/** What a projection connects: a population or a view of one (`pop.slice(0, 10)`). */
export type PopulationLike = Population | PopulationView;

/** The one-object form `new Projection({ pre, post, target, synapse, name })`. */
export interface ProjectionArgs {
  /** The pre-synaptic population or view, or a population's name (looked up in the network of the other side, or the default network). */
  pre: PopulationLike | string;
  /** The post-synaptic population or view, or a population's name. */
  post: PopulationLike | string;
  /** One target, or several (spiking: one spike increments every listed conductance). */
  target: string | string[];
  /** The synapse model (default: `w * pre.r` for rate-coded, `g_target += w` for spiking pre-synaptic neurons). */
  synapse?: Synapse;
  /** Unique name in the network (default `proj<id>`). */
  name?: string;
}

/** The keys of {@link ProjectionArgs}. */
export const PROJECTION_ARGS = optionKeys<ProjectionArgs>()(['pre', 'post', 'target', 'synapse', 'name']);
/** The keys of the options of the positional form `new Projection(pre, post, target, synapse, options)`. */
export const PROJECTION_OPTIONS = ['name'] as const satisfies readonly (keyof ProjectionArgs)[];
const PROJECTION_UNSUPPORTED = { disable_omp: 'the cpp backend decides how to parallelise each projection', disableOmp: 'the cpp backend decides how to parallelise each projection' };

/** Default synapses, as ANNarchy: `w * pre.r` for rate-coded pre-synaptic populations, `g_target += w` for spiking ones. */
const defaultRateSynapse = new Synapse({ name: 'Default rate-coded synapse' });
const defaultSpikingSynapse = new Synapse({ name: 'Default spiking synapse', preSpike: 'g_target += w' });

/**
 * The class itself; user code sees it as {@link Projection}, the class plus the synapse's attributes
 * as properties (a class cannot declare properties from a type parameter, hence the two levels).
 */
export class ProjectionClass<A extends string = string> extends ConnectorMethods {
  // The runtime name stays `Projection` (error messages print `constructor.name`).
  static { Object.defineProperty(this, 'name', { value: 'Projection' }); }

  /** Index of the projection in its network, in creation order. */
  readonly id: number;
  /** Unique name in the network (default `proj<id>`). */
  readonly name: string;
  /** The pre-synaptic population or view. */
  readonly pre: PopulationLike;
  /** The post-synaptic population or view. */
  readonly post: PopulationLike;
  /** The targets the synapses add into (`exc`, or several for a projection on two targets). */
  readonly targets: string[];
  /** The synapse type. */
  readonly synapseType: Synapse;
  /** @internal the analysed synapse model (equations, attributes), read by the code generators. */
  readonly description: SynapseDescription;
  /** The network the projection belongs to. */
  readonly network: NetworkLike;
  /**
   * @internal attribute arrays: local = per synapse, semiglobal = per dendrite, global = 1. A backend
   * may take the per-synapse arrays out between runs (`SynapseState`): the connectivity's pre ranks
   * are then read through this map.
   */
  state: Map<string, StateArray> = new SynapseState((names) => { if (names.has('_pre_rank')) this.#preRanksThroughState(); });
  /** @internal the connectivity (post-major CSR), once a connector ran. */
  connectivity?: ConnectivityData;
  /** Synaptic transmission on/off: when off the projection adds nothing to the post-synaptic neurons. */
  transmission = true;
  /** Synaptic equations evaluated (on) or frozen (off). */
  update = true;
  /** Writes to `w` by the equations or event code applied (on) or skipped (off). */
  plasticity = true;
  /** Axonal spikes (`axonSpike` of the pre-synaptic neuron) trigger `preAxonSpike` (on) or nothing (off). */
  axonTransmission = true;
  /** @internal learning period and offset in steps (1, 0 = every step). */
  learningPeriod = 1;
  /** @internal */
  learningOffset = 0;
  /**
   * @internal distributions written to a whole per-synapse attribute (`proj.alpha = new Uniform(…)`):
   * synapses created later draw their value from it, as ANNarchy's, instead of the model's init.
   */
  readonly createdValues = new Map<string, Sampler>();

  /**
   * Type level only, never set: the attribute names `A` of the synapse, which the type
   * {@link Projection} turns into properties.
   */
  declare readonly attributeNames?: A;

  constructor(args: ProjectionArgs);
  constructor(pre: PopulationLike | string, post: PopulationLike | string, target: string | string[], synapse?: Synapse, options?: { name?: string });
  constructor(a: ProjectionArgs | PopulationLike | string, post?: PopulationLike | string, target?: string | string[], synapse?: Synapse, options: { name?: string } = {}) {
    super();
    const positional = a instanceof Population || a instanceof PopulationView || typeof a === 'string';
    if (positional) checkOptions(options, PROJECTION_OPTIONS, 'new Projection()', { unsupported: PROJECTION_UNSUPPORTED });
    else checkOptions(a, PROJECTION_ARGS, 'new Projection()', { unsupported: PROJECTION_UNSUPPORTED });
    const given: ProjectionArgs = positional
      ? { pre: a as PopulationLike | string, post: post as PopulationLike, target: target as string | string[], synapse, ...options }
      : (a as ProjectionArgs);
    const args = { ...given, ...resolveNames(given.pre, given.post) };
    for (const [role, p] of [['pre', args.pre], ['post', args.post]] as const) {
      if (!(p instanceof Population) && !(p instanceof PopulationView)) throw new NetworkError(`Projection: '${role}' must be a Population or a PopulationView`);
    }
    this.pre = args.pre;
    this.post = args.post;
    this.network = this.pre.population.network;
    if (this.post.population.network !== this.network) throw new NetworkError('Projection: pre and post belong to different networks');
    this.targets = Array.isArray(args.target) ? [...args.target] : [args.target];
    // typeof first: the regular expression would read null as the name 'null'.
    const bad = this.targets.findIndex((t) => typeof t !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(t));
    if (this.targets.length === 0 || bad >= 0) {
      const got = this.targets.length === 0 ? 'an empty array' : this.targets[bad] === undefined ? 'nothing (undefined)' : describeValue(this.targets[bad]);
      throw new NetworkError(`new Projection(${this.pre.population.name} → ${this.post.population.name}): target must be a name such as 'exc' or an array of names, got ${got}`);
    }
    const preType = this.pre.population.description.type;
    // Everything is checked before the projection joins its network: a refused one leaves no trace.
    const [prePop, postPop] = [this.pre.population, this.post.population];
    this.checkPopulationKinds(args.name);
    this.synapseType = synapseOf(args.synapse) ?? (preType === 'spike' ? defaultSpikingSynapse : defaultRateSynapse);
    this.description = this.network.analyseSynapse(this.synapseType, preType);
    if (this.targets.length > 1 && preType === 'rate') throw new NetworkError('Projection: several targets are only possible for spiking projections');
    checkSynapseReferences(this.description, prePop, postPop, this.targets, args.name);
    checkPostTargets(prePop, postPop, this.targets, args.name);
    if (args.name !== undefined) checkObjectName(args.name, 'new Projection()');
    // The synapse's creating/pruning rules are checked now, like its equations (errors name the model and the symbol).
    this.network.structuralOperations.checkRules(this as unknown as Projection);
    this.id = this.network.registerProjection(this, args.name);
    this.name = args.name ?? `proj${this.id}`;
    for (const attr of this.description.attributes) {
      if (attr.name in this) continue;
      Object.defineProperty(this, attr.name, {
        get: () => this.get(attr.name),
        set: (v: AttributeInput) => this.setAttribute(attr.name, v),
        enumerable: true,
      });
    }
    // ANNarchy's `proj.f(x)` for the synapse's own functions; attributes and members keep their names.
    for (const f of this.description.functions) {
      if (f.name in this) continue;
      Object.defineProperty(this, f.name, { value: this.functions(f.name), enumerable: false });
    }
  }

  /**
   * A function of the synapse's `functions` field as a TypeScript function, element-wise on arrays:
   * `proj.functions('f')([0, 1], [2, 2])` (ANNarchy's `proj.f([0, 1], [2, 2])`, which also works here
   * when no member or attribute is called `f`). Evaluated by the equation language's reference
   * evaluator, before or after compile; Constants take their current value.
   */
  functions(name: string): UserFunction {
    return localFunction(name, this.description.functions, (c) => this.network.constantValue(c), `projection '${this.name}'`, this.synapseType.name);
  }

  /** The first (usually only) target. */
  get target(): string { return this.targets[0]; }

  /** Number of dendrites (post-synaptic neurons with at least one synapse at connect time; structural plasticity keeps emptied dendrites; procedural: counted). */
  get size(): number {
    const c = this.requireConnected();
    // Procedural: counted by drawing every row once (nothing is stored to count).
    return c.procedural ? proceduralCounts(c.procedural).dendrites : c.postRanks.length;
  }
  /** Number of synapses (of a procedural projection: counted by drawing its rows, once). */
  get nbSynapses(): number {
    const c = this.requireConnected();
    // From the row pointers: reading the pre ranks would put back arrays a backend freed (SynapseState).
    return c.procedural ? proceduralCounts(c.procedural).synapses : c.rowPtr[c.rowPtr.length - 1] ?? 0;
  }

  /**
   * The connectivity's pre ranks become a read of `_pre_rank` in the state map (the same array since
   * compile()), so that no second reference keeps them in memory while a backend has freed them.
   * After dispose(), the state map refuses the read with its message.
   */
  #preRanksThroughState(): void {
    const c = this.connectivity;
    if (!c || Object.getOwnPropertyDescriptor(c, 'preRanks')?.get) return;
    const plain = (value: Int32Array) => Object.defineProperty(c, 'preRanks', { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(c, 'preRanks', { get: () => this.state.get('_pre_rank') as Int32Array, set: plain, enumerable: true, configurable: true });
  }
  /** Ranks (in the post population) of the neurons that have a dendrite, in dendrite order. */
  get postRanks(): number[] { return Array.from(this.requireStored('its post-synaptic ranks').postRanks); }
  /** For each dendrite, the ranks (in the pre population) of its synapses. */
  get preRanks(): number[][] {
    const c = this.requireStored('its pre-synaptic ranks');
    return Array.from(c.postRanks, (_, i) => Array.from(c.preRanks.subarray(c.rowPtr[i], c.rowPtr[i + 1])));
  }
  /** Number of synapses of each dendrite. */
  get nbSynapsesPerDendrite(): number[] {
    const c = this.requireStored('its synapses per dendrite');
    return Array.from(c.postRanks, (_, i) => c.rowPtr[i + 1] - c.rowPtr[i]);
  }
  /** True when every synapse shares one weight (a number given to the connector, no plasticity). */
  get singleWeight(): boolean { return this.requireConnected().singleWeight; }

  /** @internal the float64 array of an attribute. */
  f64(name: string): Float64Array {
    return this.state.get(name) as Float64Array;
  }

  /** @internal */
  attribute(name: string): Attribute {
    const attr = this.description.attributes.find((a) => a.name === name);
    if (!attr) throw new NetworkError(`projection '${this.name}' has no attribute '${name}' (it has: ${this.description.attributes.map((a) => a.name).join(', ')})`);
    return attr;
  }

  /** @internal locality of an attribute's storage (`w` of a single-weight projection is one value). */
  storageLocality(name: string): Attribute['locality'] {
    if (name === 'w' && this.connectivity?.singleWeight) return 'global';
    return this.attribute(name).locality;
  }

  /**
   * Value of a synaptic attribute: one array per dendrite (local), one value per dendrite
   * (semiglobal) or one number (global, and `w` of a single-weight projection).
   */
  get(name: string): Float64Array[] | Float64Array | number {
    const locality = this.storageLocality(name);
    const c = locality === 'global' ? this.requireConnected() : this.requireStored(`its '${name}'`);
    const arr = this.f64(name);
    if (locality === 'global') return arr[0];
    if (locality === 'semiglobal') return Float64Array.from(arr);
    return Array.from(c.postRanks, (_, i) => arr.slice(c.rowPtr[i], c.rowPtr[i + 1]));
  }

  /**
   * One synaptic attribute as a single flat array (a copy): dendrite after dendrite in the order
   * of `postRanks`, and within dendrite `i` in the order of `preRanks[i]` — the rows of
   * `proj.get(name)` joined end to end, as Brian2's `S.w[:]`. `proj.flat()` is every weight. A
   * semiglobal attribute gives one value per dendrite and a global one a single value; `w` of a
   * single-weight projection gives its value once per synapse.
   *
   * @param name - the attribute, `'w'` unless given.
   * @example
   * ```ts
   * const w = proj.flat();                  // Float64Array of proj.nbSynapses weights
   * const mean = w.reduce((a, x) => a + x, 0) / w.length;
   * ```
   */
  flat(name = 'w'): Float64Array {
    const c = this.requireStored(`its '${name}'`);
    this.attribute(name); // an unknown name is refused with the list of attributes
    const arr = this.f64(name);
    if (name === 'w' && c.singleWeight) return new Float64Array(c.preRanks.length).fill(arr[0]);
    return Float64Array.from(arr);
  }

  /** Sets several synaptic attributes at once: `proj.set({ w: 0.5, tau: 10 })` (values shaped as `get()` returns them). */
  set(values: Record<string, AttributeInput>): void {
    checkValuesObject(values, `projection '${this.name}'.set()`);
    for (const [name, value] of Object.entries(values)) this.setAttribute(name, value);
  }

  /** @internal */
  setAttribute(name: string, value: AttributeInput, dendrite?: number): void {
    const locality = this.storageLocality(name);
    // A procedural projection's `w` is drawn per synapse at every spike (a number weight stays settable).
    const c = locality === 'global' && !(name === 'w' && this.connectivity?.procedural) ? this.requireConnected() : this.requireStored(`its '${name}'`, 'written');
    const arr = this.f64(name);
    const what = `projection '${this.name}', attribute '${name}'`;
    if (locality === 'global') {
      if (name === 'w' && c.singleWeight && typeof value !== 'number') {
        throw new NetworkError(`${what}: this projection shares one weight (connected with a number and no plasticity); connect with forceMultipleWeights: true to set per-synapse weights`);
      }
      arr[0] = scalarValue(value, this.network.rng, what);
    } else if (dendrite !== undefined) {
      const target = locality === 'semiglobal' ? arr.subarray(dendrite, dendrite + 1) : arr.subarray(c.rowPtr[dendrite], c.rowPtr[dendrite + 1]);
      fillValues(target, value, this.network.rng, what);
    } else if (locality === 'semiglobal') {
      fillValues(arr, value, this.network.rng, what);
    } else if (typeof value === 'number' || typeof value === 'boolean' || isSampler(value)) {
      fillValues(arr, value, this.network.rng, what);
      if (isSampler(value)) this.createdValues.set(name, value);
      else this.createdValues.delete(name);
    } else {
      // An array: one value per dendrite, or one array per dendrite (same shape as get()).
      const rows = value as ArrayLike<unknown>;
      if (rows.length !== c.postRanks.length) throw new NetworkError(`${what}: expected ${c.postRanks.length} dendrites, got ${rows.length}`);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const target = arr.subarray(c.rowPtr[i], c.rowPtr[i + 1]);
        if (typeof row === 'number') target.fill(row);
        else fillValues(target, flatten(row as ArrayLike<unknown>), this.network.rng, `${what}, dendrite ${i}`);
      }
    }
    this.network.attributeWritten(this, name);
  }

  /** The dendrite of the post-synaptic neuron `postRank` (rank in the post population). */
  dendrite(postRank: number): Dendrite<A> {
    const c = this.requireStored('a dendrite');
    const i = c.postRanks.indexOf(postRank);
    if (i < 0) throw new NetworkError(`projection '${this.name}' has no synapse onto post-synaptic neuron ${postRank}`);
    return new Dendrite(this, i);
  }

  /** All dendrites, in post-rank order. */
  get dendrites(): Dendrite<A>[] {
    return Array.from(this.requireStored('its dendrites').postRanks, (_, i) => new Dendrite(this, i));
  }

  /** The synapse from `preRank` to `postRank` (ANNarchy's `proj.synapse(pre, post)`): `proj.synapse(3, 0).w` reads and writes its weight. */
  synapse(preRank: number, postRank: number): IndividualSynapse<A> {
    return this.dendrite(postRank).synapse(preRank);
  }

  /** Dense matrix (post.population.size × pre.population.size) of weights, `fill` where there is no synapse. */
  connectivityMatrix(fill = 0): Float64Array[] {
    const c = this.requireStored('its connectivity matrix');
    const w = this.f64('w');
    const rows = Array.from({ length: this.post.population.size }, () => new Float64Array(this.pre.population.size).fill(fill));
    for (let i = 0; i < c.postRanks.length; i++) {
      for (let k = c.rowPtr[i]; k < c.rowPtr[i + 1]; k++) rows[c.postRanks[i]][c.preRanks[k]] = c.singleWeight ? w[0] : w[k];
    }
    return rows;
  }

  /** Delay in ms: a number for a uniform delay, else one array per dendrite. */
  get delay(): number | Float64Array[] {
    const c = this.requireConnected();
    const dt = this.network.dt;
    if (typeof c.delaySteps === 'number') return c.delaySteps * dt;
    this.requireStored('its per-synapse delays');
    const d = c.delaySteps;
    return Array.from(c.postRanks, (_, i) => Float64Array.from(d.subarray(c.rowPtr[i], c.rowPtr[i + 1]), (s) => s * dt));
  }

  /** Changes delays (ms) after or before compile: a number (uniform) or one array per dendrite. */
  set delay(value: number | ArrayLike<ArrayLike<number>>) {
    this.setDelays(value);
  }

  /** Rate-coded: freeze the synaptic equations; spiking: stop writes to `w`. Learning can be enabled again. */
  disableLearning(): void {
    if (this.description.type === 'rate') this.update = false;
    else this.plasticity = false;
  }

  /**
   * Enables plasticity; with `period` (ms, at least dt) the synaptic equations run every `period`,
   * starting at `offset` (ms, below the period); both are rounded to whole steps.
   */
  enableLearning(options: { period?: number; offset?: number } = {}): void {
    const where = `projection '${this.name}'.enableLearning()`;
    checkOptions(options, ['period', 'offset'], where);
    const dt = this.network.dt;
    const period = options.period !== undefined ? durationSteps(options.period, dt, where, 'period', 1) : 1;
    const offset = options.offset !== undefined ? durationSteps(options.offset, dt, where, 'offset', 0) : 0;
    if (offset >= period) throw new NetworkError(`${where}: offset (${options.offset} ms) must be below the period (${period * dt} ms)`);
    this.update = true;
    this.plasticity = true;
    this.learningPeriod = period;
    this.learningOffset = offset;
  }


  /**
   * Creates the synapse `pre → post` (ANNarchy's `dendrite(post).create_synapse(pre, w, delay)`;
   * needs `structuralPlasticity: true`). Its other attributes take the model's initial values; it
   * transmits and learns from the next step. `delay` in ms defaults to the projection's delay
   * (uniform delays: only that one is accepted) or dt. `post` must have a dendrite already.
   */
  createSynapse(post: number, pre: number, w = 0, delay?: number): void {
    this.network.structuralOperations.createSynapses(this as unknown as Projection, post, [pre], [w], [delay], 'createSynapse');
  }

  /** Removes the synapse `pre → post` (ANNarchy's `dendrite(post).prune_synapse(pre)`; needs `structuralPlasticity: true`). */
  pruneSynapse(post: number, pre: number): void {
    this.network.structuralOperations.pruneSynapses(this as unknown as Projection, post, [pre], 'pruneSynapse');
  }

  /**
   * Starts the synapse's `pruning` rule: from the current step, at the end of every `period` ms
   * (default dt), every synapse whose condition holds is removed with the rule's `proba`.
   */
  startPruning(options: StructuralRuleOptions = {}): void { this.network.structuralOperations.startRule(this as unknown as Projection, 'pruning', options, 'startPruning'); }
  /** Stops the `pruning` rule. */
  stopPruning(): void { this.network.structuralOperations.stopRule(this as unknown as Projection, 'pruning', 'stopPruning'); }
  /**
   * Starts the synapse's `creating` rule: from the current step, at the end of every `period` ms
   * (default dt), every missing synapse onto an existing dendrite whose condition holds is created
   * with the rule's `proba`, weight `w` and delay `d`.
   */
  startCreating(options: StructuralRuleOptions = {}): void { this.network.structuralOperations.startRule(this as unknown as Projection, 'creating', options, 'startCreating'); }
  /** Stops the `creating` rule. */
  stopCreating(): void { this.network.structuralOperations.stopRule(this as unknown as Projection, 'creating', 'stopCreating'); }

  override toString(): string { return `Projection '${this.name}' ${this.pre.name} -> ${this.post.name} (${this.targets.join(', ')})`; }

  /** @internal called by the connector methods once the synapses exist. */
  protected override storeConnectivity(data: ConnectivityData, weights: Float64Array | number): void {
    this.connectivity = data;
    const c = data;
    initialiseAttributes(
      this.description.attributes.filter((a) => a.name !== 'w'),
      { local: c.preRanks.length, semiglobal: c.postRanks.length, global: 1 },
      this.state as Map<string, Float64Array>, this.network, `projection '${this.name}'`,
    );
    this.state.set('w', typeof weights === 'number' ? Float64Array.of(weights) : weights);
  }

  /**
   * @internal the connectivity of a projection whose synapses are stored; a procedural one
   * (`connectFixedProbability({ procedural: true })`) is refused, naming `what` was asked.
   */
  requireStored(what: string, verb = 'read'): ConnectivityData {
    const c = this.requireConnected();
    if (c.procedural) {
      throw new NetworkError(`projection '${this.name}' has procedural connectivity: its synapses are regenerated at each spike, not stored, so ${what} cannot be ${verb}; connect with procedural: 'stored' for the same synapses, stored`);
    }
    return c;
  }

  /** @internal */
  requireConnected(): ConnectivityData {
    if (!this.connectivity) throw new NetworkError(`projection '${this.name}' is not connected yet: call one of its connect… methods (connectAllToAll, connectFixedProbability, …)`);
    return this.connectivity;
  }

  /**
   * Refuses spiking → rate-coded and rate-coded → spiking (core/projection-checks.ts). Called by the
   * constructor; the specific projections that convert between the two (`CurrentInjection`,
   * `DecodingProjection`) override it with their own checks.
   */
  /** @internal */
  protected checkPopulationKinds(name?: string): void {
    checkPopulationKinds(this.pre.population, this.post.population, this.targets, name);
  }

  /** Saves this projection's arrays (`.npz`, or JSON for `.json`; Node). See src/io/network-io.ts for the keys. */
  save(filename: string): Promise<void> { return this.network.saveObject(this, filename); }
  /** Loads this projection's arrays from a file written by `save` (of it or of the whole network); throws and changes nothing on a mismatch. */
  load(filename: string): Promise<void> { return this.network.loadObject(this, filename); }
}

/**
 * A projection whose synapse has the attributes `A` (`w` and the synapse's parameters and
 * variables): the class's members plus one property per attribute (`proj.w`; read: one array per
 * dendrite or a number, write: a number, per-dendrite arrays or a distribution). With `A = string`
 * (names not known to the type, see core/attribute-names.ts) any property name is accepted.
 */
export type Projection<A extends string = string> = ProjectionClass<A> & AttributeProperties<A, ProjectionClass>;

/**
 * `new Projection(…)`: the attribute names come from the synapse's type; without a synapse (the
 * default ones, see below) the only attribute is `w`.
 */
export interface ProjectionConstructor {
  new (args: ProjectionArgs & { synapse?: undefined }): Projection<'w'>;
  new <const S extends Synapse>(args: ProjectionArgs & { synapse: S }): Projection<ModelArgNames<S>>;
  new (pre: PopulationLike | string, post: PopulationLike | string, target: string | string[], synapse?: undefined, options?: { name?: string }): Projection<'w'>;
  new <const S extends Synapse>(pre: PopulationLike | string, post: PopulationLike | string, target: string | string[], synapse?: S, options?: { name?: string }): Projection<ModelArgNames<S>>;
  readonly prototype: Projection;
}

/** See {@link ProjectionClass} (the members) and {@link Projection} (the type with attributes). */
export const Projection = ProjectionClass as unknown as ProjectionConstructor;

/**
 * The base of a subclass of Projection (src/inputs/projections.ts) whose attributes are `A`:
 * `class CurrentInjection extends (Projection as ProjectionBase<'w'>)`.
 */
export type ProjectionBase<A extends string> =
  new (pre: PopulationLike | string, post: PopulationLike | string, target: string | string[], synapse?: Synapse, options?: { name?: string }) => Projection<A>;

/**
 * The population named `name` in `network` (ANNarchy's `Projection('exc', 'inh', …)` and
 * `net.connect('exc', …)`), or an error listing the names that exist.
 */
export function populationByName(network: NetworkLike, name: string, where: string): Population {
  const pop = network.getPopulation(name);
  if (!pop) {
    const names = network.populations.map((p) => `'${p.name}'`).join(', ');
    throw new NetworkError(`${where}: no population named '${name}' in the network (it has: ${names || 'none'})`);
  }
  return pop;
}

/** `pre` and `post` with names replaced by populations: of the other side's network, else the default network. */
function resolveNames(pre: PopulationLike | string, post: PopulationLike | string): { pre: PopulationLike; post: PopulationLike } {
  const known = [pre, post].find((p): p is PopulationLike => typeof p !== 'string' && (p instanceof Population || p instanceof PopulationView));
  const network = known?.population.network ?? defaultNetwork();
  const side = (p: PopulationLike | string, role: string) => (typeof p === 'string' ? populationByName(network, p, `new Projection(): ${role}`) : p);
  return { pre: side(pre, 'pre'), post: side(post, 'post') };
}

/**
 * The synapse argument: a Synapse, a built-in synapse class (ANNarchy's `synapse=STDP`, instantiated
 * with its defaults) or nothing for the default. Anything else — typically options given in the
 * synapse's place — is refused rather than analysed as a model.
 */
function synapseOf(synapse: unknown): Synapse | undefined {
  if (synapse === undefined || synapse instanceof Synapse) return synapse;
  if (typeof synapse === 'function' && (synapse as { prototype?: unknown }).prototype instanceof Synapse) return new (synapse as new () => Synapse)();
  throw new NetworkError(`new Projection(): synapse must be a Synapse (or left out for the default), got ${describeValue(synapse)}; options come after it: connect(pre, post, target, undefined, { name })`);
}

/** The type above under another name, for the block below (where `Projection` names the alias of handles.ts). */
type ProjectionType<A extends string = string> = Projection<A>;

/** Registers the type {@link Projection} for the modules below this one (core/handles.ts). */
declare module './handles.js' {
  interface CoreClasses<A extends string = string> {
    /** See core/Projection.ts. */
    Projection: ProjectionType<A>;
  }
}
