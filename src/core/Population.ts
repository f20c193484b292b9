/**
 * `Population`: a set of neurons of one type with a geometry. Attributes (parameters and variables)
 * are read as arrays shaped like the geometry and written with numbers, arrays or distributions,
 * before or after `compile()`; nothing is recompiled when values change.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, checkObjectName, checkValuesObject, describeValue, optionKeys } from './options.js';
import type { NeuronDescription, Attribute } from '../equations/description.js';
import { Neuron } from './Neuron.js';
import {
  normalizeGeometry, geometrySize, rankFromCoordinates, coordinatesFromRank,
  normalizedCoordinatesFromRank, resolveIndex, type IndexSpec,
} from './geometry.js';
import { checkNestedShape, fillValues, scalarValue, shaped, type AttributeInput, type ShapedArray, type StateArray } from './values.js';
import { initialiseAttributes } from './initialise.js';
import type { NetworkLike } from './network-like.js';
import { PopulationView, checkedRanks } from './PopulationView.js';
import { IndividualNeuron } from './IndividualNeuron.js';
import { defaultNetwork } from './default-network.js';
import { checkPopulationMemory, populationShape } from './memory.js';
import { localFunction, type UserFunction } from './functions.js';
import type { AttributeProperties, ModelArgNames } from './attribute-names.js';

/** Options of `new Population(geometry, neuron, options)` and `net.create(…)`. */
export interface PopulationOptions {
  /** Unique name in the network (default `pop<id>`). */
  name?: string;
  /** Condition for `simulateUntil`, e.g. `'r > 1.0 : all'`. */
  stopCondition?: string;
  /** The network it belongs to (default: the global default network). */
  network?: NetworkLike;
}

/** The one-object form `new Population({ geometry, neuron, … })`. */
export interface PopulationArgs extends PopulationOptions {
  /** Number of neurons, or one size per dimension (`[10, 10]`). */
  geometry: number | readonly number[];
  /** A Neuron, or a built-in model class (instantiated with its defaults). */
  neuron: Neuron | (new () => Neuron);
}

/** The keys of {@link PopulationOptions}. */
export const POPULATION_OPTIONS = optionKeys<PopulationOptions>()(['name', 'stopCondition', 'network']);
/** The keys of {@link PopulationArgs}. */
export const POPULATION_ARGS = optionKeys<PopulationArgs>()(['geometry', 'neuron', ...POPULATION_OPTIONS]);
const POPULATION_UNSUPPORTED = {
  storage_order: 'neurarchy stores every projection in one format (post-major CSR): remove this option',
  storageOrder: 'neurarchy stores every projection in one format (post-major CSR): remove this option',
};

/** `_last_spike` of a neuron that never spiked (runtime/state.ts), in steps. */
const NEVER_SPIKED = -10000;

/** Member names that an attribute cannot shadow as a property (use `get`/`set` for those). */
const RESERVED_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * The class itself; user code sees it as {@link Population}, the class plus its attributes as
 * properties (a class cannot declare properties from a type parameter, hence the two levels).
 */
export class PopulationClass<A extends string = string> {
  // The runtime name stays `Population` (error messages print `constructor.name`).
  static { Object.defineProperty(this, 'name', { value: 'Population' }); }

  /** Index of the population in its network, in creation order. */
  readonly id: number;
  /** Unique name in the network (default `pop<id>`). */
  readonly name: string;
  /** Shape of the population: one size per dimension (`[100]`, `[10, 10]`). */
  readonly geometry: number[];
  /** Number of neurons (the product of the geometry). */
  readonly size: number;
  /** The neuron model. */
  readonly neuron: Neuron;
  /** @internal the analysed neuron model (equations, attributes), read by the code generators. */
  readonly description: NeuronDescription;
  /** The network the population belongs to. */
  readonly network: NetworkLike;
  /** The condition `simulateUntil()` waits for (ANNarchy's `stop_condition`), if any. */
  readonly stopCondition?: string;
  /** Ranks 0..size-1. */
  readonly ranks: Int32Array;
  /**
   * @internal Every array of the population, by name: attributes (length `size`, or 1 for
   * `: population` ones) and, after compile, internal arrays (`_sum_exc`, `_last_spike`, …).
   * Backends may swap them for arrays they own.
   */
  state = new Map<string, StateArray>();
  #enabled = true;
  /** Whether the name was given (a copy into another network keeps it). */
  readonly #named: boolean;
  /**
   * @internal How a subclass (an input of src/inputs) builds itself again in another network, for
   * {@link copyTo}; its own arrays are then copied from this one's state.
   */
  protected recreate?: (network: NetworkLike, name: string | undefined) => Population;

  /**
   * Type level only, never set: the attribute names `A` of the population's neuron, which the
   * type {@link Population} turns into properties.
   */
  declare readonly attributeNames?: A;

  constructor(args: PopulationArgs);
  constructor(geometry: number | readonly number[], neuron: Neuron | (new () => Neuron), options?: PopulationOptions);
  constructor(a: PopulationArgs | number | readonly number[], neuron?: Neuron | (new () => Neuron), options: PopulationOptions = {}) {
    const positional = typeof a === 'number' || Array.isArray(a);
    if (positional) checkOptions(options, POPULATION_OPTIONS, 'new Population()', { unsupported: POPULATION_UNSUPPORTED });
    else checkOptions(a, POPULATION_ARGS, 'new Population()', { unsupported: POPULATION_UNSUPPORTED });
    const args: PopulationArgs = typeof a === 'number' || Array.isArray(a)
      ? { geometry: a as number | number[], neuron: neuron as Neuron, ...options }
      : { ...(a as PopulationArgs) };
    // A built-in model class may be given instead of an instance (ANNarchy's `neuron=Izhikevich`).
    if (typeof args.neuron === 'function' && (args.neuron as { prototype?: unknown }).prototype instanceof Neuron) {
      args.neuron = new (args.neuron as unknown as new () => Neuron)();
    }
    if (!(args.neuron instanceof Neuron)) throw new NetworkError('Population needs a Neuron (new Population(geometry, neuron))');
    this.network = args.network ?? defaultNetwork();
    this.geometry = normalizeGeometry(args.geometry, 'Population geometry');
    this.size = geometrySize(this.geometry);
    this.neuron = args.neuron as Neuron;
    if (args.name !== undefined) checkObjectName(args.name, 'new Population()');
    if (args.stopCondition !== undefined && typeof args.stopCondition !== 'string') {
      throw new NetworkError(`new Population(): stopCondition must be a string such as 'r > 1.0 : any', got ${typeof args.stopCondition}`);
    }
    this.stopCondition = args.stopCondition;
    this.description = this.network.analyseNeuron(this.neuron);
    // Refused before the first array of `size` elements, not by the operating system (runtime/memory.ts).
    checkPopulationMemory(populationShape(this.size, this.description), args.name);
    this.ranks = Int32Array.from({ length: this.size }, (_, i) => i);
    this.id = this.network.registerPopulation(this, args.name);
    this.name = args.name ?? `pop${this.id}`;
    this.#named = args.name !== undefined;
    initialiseAttributes(this.description.attributes, this.size, this.state as Map<string, Float64Array>, this.network, `population '${this.name}'`);
    this.defineAccessors();
  }

  /** True for spiking neurons. */
  get isSpiking(): boolean { return this.description.type === 'spike'; }
  /** Width, height, depth of the geometry (1 for missing dimensions). */
  get width(): number { return this.geometry[0]; }
  /** Second dimension of the geometry (1 when absent). */
  get height(): number { return this.geometry[1] ?? 1; }
  /** Third dimension of the geometry (1 when absent). */
  get depth(): number { return this.geometry[2] ?? 1; }
  /** Number of dimensions of the geometry. */
  get dimension(): number { return this.geometry.length; }
  /** The whole population, for code that accepts views. */
  get population(): Population { return this; }
  /** Names of parameters and variables. */
  get parameters(): string[] { return this.description.attributes.filter((a) => a.role === 'parameter').map((a) => a.name); }
  /** Names of the variables (attributes with an equation). */
  get variables(): string[] { return this.description.attributes.filter((a) => a.role === 'variable').map((a) => a.name); }
  /** Names of every attribute (parameters and variables). */
  get attributes(): string[] { return this.description.attributes.map((a) => a.name); }
  /** Targets the neuron model receives (`exc` of `sum(exc)` or `g_exc`). */
  get targets(): string[] { return this.description.targets; }

  /** @internal The attribute's description, or an error naming what exists. */
  attribute(name: string): Attribute {
    const attr = this.description.attributes.find((a) => a.name === name);
    if (!attr) throw new NetworkError(`population '${this.name}' has no attribute '${name}' (it has: ${this.attributes.join(', ')})`);
    return attr;
  }

  /** @internal the float64 array of an attribute. */
  f64(name: string): Float64Array {
    return this.state.get(name) as Float64Array;
  }

  /** Value of an attribute: a copy shaped like the geometry (local) or a number (`: population`). */
  get(name: string): ShapedArray | number {
    const attr = this.attribute(name);
    const arr = this.f64(name);
    return attr.locality === 'global' ? arr[0] : shaped(arr, this.geometry);
  }

  /** Sets several attributes: `pop.set({ tau: 20, r: new Uniform(0, 1) })`. */
  set(values: Record<string, AttributeInput>): void {
    checkValuesObject(values, `population '${this.name}'.set()`);
    for (const [name, value] of Object.entries(values)) this.setAttribute(name, value);
  }

  /** @internal */
  setAttribute(name: string, value: AttributeInput, ranks?: Int32Array): void {
    const attr = this.attribute(name);
    const arr = this.f64(name);
    const what = `population '${this.name}', attribute '${name}'`;
    if (!ranks) checkNestedShape(value, this.geometry, what);
    if (attr.locality === 'global') {
      if (ranks) throw new NetworkError(`${what} is global (one value per population): set it on the population, not on a view`);
      arr[0] = scalarValue(value, this.network.rng, what);
    } else if (ranks) {
      const tmp = new Float64Array(ranks.length);
      fillValues(tmp, value, this.network.rng, what);
      for (let k = 0; k < ranks.length; k++) arr[ranks[k]] = tmp[k];
    } else {
      fillValues(arr, value, this.network.rng, what);
    }
    this.network.attributeWritten(this, name);
  }

  /** The weighted sum `sum(target)` (rate) or conductance `g_target` (spiking) of every neuron. */
  sum(target: string): ShapedArray {
    const arr = this.state.get(this.isSpiking ? `g_${target}` : `_sum_${target}`) as Float64Array | undefined;
    return shaped(arr ?? new Float64Array(this.size), this.geometry);
  }

  /** Rank of the neuron at `coords` (row-major, as ANNarchy). */
  rankFromCoordinates(coords: readonly number[]): number { return rankFromCoordinates(this.geometry, coords); }
  /** Coordinates of the neuron of rank `rank`. */
  coordinatesFromRank(rank: number): number[] { return coordinatesFromRank(this.geometry, rank); }
  /** Coordinates of the neuron of rank `rank` scaled to [0, `norm`] in each dimension. */
  normalizedCoordinatesFromRank(rank: number, norm = 1): number[] { return normalizedCoordinatesFromRank(this.geometry, rank, norm); }

  /**
   * A view on part of the population, one index per dimension (ANNarchy's `pop[2, :]` is
   * `pop.view(2, ':')`, `pop[10:20]` is `pop.view('10:20')` or `pop.slice(10, 20)`), or a list of ranks
   * (`pop.view([1, 4, 17])`, ANNarchy's `pop[[1, 4, 17]]`). One integer per dimension (`pop.view(3)`,
   * `pop.view(1, 2)`) gives an {@link IndividualNeuron}, whose attributes read as numbers.
   */
  view(...index: IndexSpec[] | [readonly number[] | Int32Array]): PopulationView<A> {
    const where = `population '${this.name}'.view()`;
    // One array is always a list of ranks, ANNarchy's `pop[[0, 5]]` (two neurons) — never a range,
    // which would silently select ranks 0 to 4; ranges are `pop.slice(0, 5)` or `pop.view('0:5')`.
    if (index.length === 1 && (Array.isArray(index[0]) || index[0] instanceof Int32Array)) {
      return new PopulationView(this, checkedRanks(index[0], this, where));
    }
    const specs = index as IndexSpec[];
    if (specs.length > this.geometry.length) throw new NetworkError(`${where}: population '${this.name}' has ${this.geometry.length} dimension(s), got ${specs.length} indices`);
    const resolved = this.geometry.map((dim, d) => resolveIndex(d < specs.length ? specs[d] : ':', dim, this.geometry.length > 1 ? `${where}, dimension ${d}` : where));
    const ranks: number[] = [];
    const walk = (d: number, coords: number[]) => {
      if (d === resolved.length) { ranks.push(this.rankFromCoordinates(coords)); return; }
      for (const c of resolved[d].values) walk(d + 1, [...coords, c]);
    };
    walk(0, []);
    const geometry = resolved.filter((r) => r.isRange).map((r) => r.values.length);
    // One integer index per dimension names one neuron (ANNarchy's `pop[1, 2]`): its values are numbers.
    if (geometry.length === 0 && ranks.length === 1) return new IndividualNeuron(this, ranks[0]) as PopulationView<A>;
    return new PopulationView(this, Int32Array.from(ranks), geometry.length ? geometry : [ranks.length]);
  }

  /** Ranks `start` to `stop - 1` (negative values count from the end), ANNarchy's `pop[start:stop]`. */
  slice(start: number, stop: number = this.size): PopulationView<A> {
    for (const [what, i] of [['start', start], ['stop', stop]] as const) {
      if (!Number.isInteger(i)) throw new NetworkError(`population '${this.name}'.slice(): ${what} must be an integer rank, got ${describeValue(i)}`);
    }
    const wrap = (i: number) => Math.max(0, Math.min(this.size, i < 0 ? this.size + i : i));
    const [a, b] = [wrap(start), wrap(stop)];
    const ranks = Int32Array.from({ length: Math.max(0, b - a) }, (_, k) => a + k);
    return new PopulationView(this, ranks, [ranks.length]);
  }

  /**
   * One neuron, by rank or coordinates (ANNarchy's `pop.neuron(rank)`): an `IndividualNeuron`,
   * whose attributes read as numbers (`pop.neuronAt(3).v`).
   */
  neuronAt(...coords: number[]): IndividualNeuron {
    const rank = coords.length === 1 ? coords[0] : this.rankFromCoordinates(coords);
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.size) throw new NetworkError(`rank ${rank} out of range for population '${this.name}' of size ${this.size}`);
    return new IndividualNeuron(this, rank);
  }

  /**
   * Time in ms of each neuron's last spike, shaped like the geometry (ANNarchy's `t_last`):
   * `last spike step × dt`, −10000·dt for a neuron that has not spiked since compile or reset.
   */
  get t_last(): ShapedArray {
    return shaped(this.lastSpikeTimes(), this.geometry);
  }

  /** @internal `t_last` of every neuron (ms), flat. */
  lastSpikeTimes(): Float64Array {
    if (!this.isSpiking) throw new NetworkError(`population '${this.name}' is rate-coded: t_last (time of the last spike) exists only for spiking neurons`);
    const dt = this.network.dt;
    const last = this.state.get('_last_spike') as Int32Array | undefined;
    return last ? Float64Array.from(last, (s) => s * dt) : new Float64Array(this.size).fill(NEVER_SPIKED * dt);
  }

  /**
   * @internal A copy of this population in `network`, for ANNarchy 5's `net.create(pop)` of a
   * population built outside the network: same class, geometry, neuron, name (when one was given)
   * and current values (attributes, and the arrays of inputs: spike times, blocks). The original
   * stays in its own network.
   */
  copyTo(network: NetworkLike): Population {
    if (network.compiled) throw new NetworkError(`cannot add population '${this.name}' to a network after its compile()`);
    const name = this.#named ? this.name : undefined;
    let copy: Population;
    if (this.recreate) copy = this.recreate(network, name);
    else if (this.constructor === Population) copy = new Population(this.geometry, this.neuron, { name, stopCondition: this.stopCondition, network });
    else throw new NetworkError(`${this.constructor.name} '${this.name}' cannot be copied into another network: create it there (give { network } to its constructor)`);
    for (const [key, dst] of copy.state) {
      const src = this.state.get(key);
      if (!src || src.constructor !== dst.constructor) continue;
      // An input's own arrays (`_ssa_*`, `_ta_*`) may have been replaced since construction (`update()`).
      if (key.startsWith('_')) copy.state.set(key, src.slice());
      else if (src.length === dst.length) dst.set(src as Float64Array & Int32Array);
    }
    if (!this.enabled) copy.disable();
    return copy;
  }

  /** Whether the population is updated (a disabled population is frozen, and projections into it transmit nothing). */
  get enabled(): boolean { return this.#enabled; }
  /** Updates the population again at every step (after `disable()`). */
  enable(): void { this.#enabled = true; this.network.populationEnabledChanged(this); }
  /** Freezes the population: its neurons are not updated and projections into it transmit nothing. */
  disable(): void { this.#enabled = false; this.network.populationEnabledChanged(this); }

  /** Restores initial values (all attributes, or the listed ones) and clears spikes and delay buffers. */
  reset(attributes?: string[]): void { this.network.resetPopulation(this, attributes); }

  /**
   * A function of the neuron's `functions` field as a TypeScript function, element-wise on arrays:
   * `pop.functions('f')([0, 1], [2, 2])` (ANNarchy's `pop.f([0, 1], [2, 2])`, which also works here
   * when no member or attribute is called `f`). Evaluated by the equation language's reference
   * evaluator, before or after compile; Constants take their current value.
   */
  functions(name: string): UserFunction {
    return localFunction(name, this.description.functions, (c) => this.network.constantValue(c), `population '${this.name}'`, this.neuron.name);
  }

  /** Spiking: start computing `r` as the firing rate over the last `window` ms. */
  computeFiringRate(window: number): void { this.network.computeFiringRate(this, window); }

  /** Ranks of the neurons that spiked in the last step (spiking populations, after compile). */
  get spike(): number[] { return this.network.lastSpikes(this); }

  /** `Population 'name' (geometry, neuron model)`. */
  toString(): string { return `Population '${this.name}' (${this.geometry.join('x')}, ${this.neuron.name})`; }

  private defineAccessors(): void {
    for (const attr of this.description.attributes) {
      const name = attr.name;
      if (name in this || RESERVED_MEMBERS.has(name)) continue; // a member of the class: use get/set
      Object.defineProperty(this, name, {
        get: () => this.get(name),
        set: (v: AttributeInput) => this.setAttribute(name, v),
        enumerable: true,
      });
    }
    // ANNarchy's `pop.f(x)` for the neuron's own functions; attributes and members keep their names.
    for (const f of this.description.functions) {
      if (f.name in this || RESERVED_MEMBERS.has(f.name)) continue;
      Object.defineProperty(this, f.name, { value: this.functions(f.name), enumerable: false });
    }
  }

  /** Saves this population's arrays (`.npz`, or JSON for `.json`; Node). See src/io/network-io.ts for the keys. */
  save(filename: string): Promise<void> { return this.network.saveObject(this, filename); }
  /** Loads this population's arrays from a file written by `save` (of it or of the whole network); throws and changes nothing on a mismatch. */
  load(filename: string): Promise<void> { return this.network.loadObject(this, filename); }
}

/**
 * A population whose neuron has the attributes `A`: the class's members plus one property per
 * attribute (`pop.v`, `pop.tau`; read: an array shaped like the geometry or a number, write: a
 * number, an array or a distribution). With `A = string` (the names are not known to the type, see
 * core/attribute-names.ts) any property name is accepted, as an index signature.
 */
export type Population<A extends string = string> = PopulationClass<A> & AttributeProperties<A, PopulationClass>;

/** A `neuron` argument: an instance, or a built-in model class (instantiated with its defaults). */
export type NeuronArg = Neuron | (new () => Neuron);

/** `new Population(…)`: the attribute names come from the neuron's type. */
export interface PopulationConstructor {
  new <const N extends NeuronArg = Neuron>(geometry: number | readonly number[], neuron: N, options?: PopulationOptions): Population<ModelArgNames<N>>;
  new <const N extends NeuronArg = Neuron>(args: PopulationArgs & { neuron: N }): Population<ModelArgNames<N>>;
  readonly prototype: Population;
}

/** See {@link PopulationClass} (the members) and {@link Population} (the type with attributes). */
export const Population = PopulationClass as unknown as PopulationConstructor;

/**
 * The base of a subclass of Population (the inputs of src/inputs) whose attributes are `A`:
 * `class PoissonPopulation extends (Population as PopulationBase<'rates' | 'p'>)`.
 */
export type PopulationBase<A extends string> =
  new (geometry: number | readonly number[], neuron: Neuron, options?: PopulationOptions) => Population<A>;

/** The type above under another name, for the block below (where `Population` names the alias of handles.ts). */
type PopulationType<A extends string = string> = Population<A>;

/** Registers the type {@link Population} for the modules below this one (core/handles.ts). */
declare module './handles.js' {
  interface CoreClasses<A extends string = string> {
    /** See core/Population.ts. */
    Population: PopulationType<A>;
  }
}
