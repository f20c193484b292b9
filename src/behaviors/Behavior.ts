/**
 * A behaviour module: the unit of dynamics of a PymoNNto-style network. Subclass it and override
 * `initialize(host)` (runs once, at `net.initialize()`, creates state on the host) and
 * `iteration(host)` (runs every step, in the global key order, mutates state in place).
 *
 * Constructor arguments are PymoNNto's kwargs: `new Homeostasis({ target: 0.05, tag: 'IP' })`,
 * read with `this.parameter('target', 0.1)`. Reserved: `tag` (comma-separated tags; the class name
 * is always a tag too) and `behaviorEnabled` (PymoNNto `behavior_enabled`).
 *
 * Extension point: `initialize` and `iteration` may return a Promise (e.g. a behaviour that
 * compiles equation kernels at initialisation); the network awaits it. Synchronous behaviours pay
 * nothing for this.
 */
import { NeurarchyError } from '../errors.js';
import type { HostHandle } from './handles.js';
import type { InitSpec } from './spec.js';
import { Taggable, type ClassKey, type SearchKey } from './tags.js';

/** Behaviours as given to a constructor or to `addBehaviors`. */
export type BehaviorDict = Record<string | number, Behavior> | Behavior[] | Map<number, Behavior>;

/** Which behaviours `removeBehavior`/`getBehavior` mean: key, tag, the behaviour itself, or a class. */
export type BehaviorSelector = number | string | Behavior | ClassKey<Behavior>;

/** Options of `addBehavior`. */
export interface AddBehaviorOptions {
  /**
   * Call `initialize` on it now when the network is already initialised (default true). Before
   * `net.initialize()` nothing runs now: `initialize()` will run it in key order. (PymoNNto runs it
   * at once in both cases, and then a second time at `net.initialize()`.)
   */
  initialize?: boolean;
}

/**
 * The host a behaviour is attached to, as the behaviour's base class types it (`behavior.host`, the
 * parameter of `initialize(host)` and `iteration(host)`): every member of `BehaviorHost` (what a
 * behaviour reads, {@link HostHandle}, and the management of behaviours below). `BehaviorHost`
 * implements it; it is declared here because host.ts imports this module (the import graph goes
 * one way). A behaviour usually declares its parameter as the group it runs on (`override
 * iteration(n: NeuronGroup)`), which adds the group's members and its state attributes.
 */
export interface BehaviorHostHandle extends HostHandle {
  /** Behaviours by key, in insertion order. */
  readonly behaviors: Map<number, Behavior>;
  /** Adds a behaviour at `key` (see `BehaviorHost.addBehavior`). */
  addBehavior(key: number | string, behavior: Behavior, opts?: AddBehaviorOptions): this;
  /** Adds several behaviours. */
  addBehaviors(dict: BehaviorDict, opts?: AddBehaviorOptions): this;
  /** Behaviours of this host that `which` selects, in insertion order. */
  findBehaviors(which: BehaviorSelector): Behavior[];
  /** The first behaviour selected by class, or undefined. */
  getBehavior<T extends Behavior>(which: ClassKey<T>): T | undefined;
  /** The first behaviour selected by key or tag, or undefined. */
  getBehavior(which: number | string): Behavior | undefined;
  /** Removes the selected behaviours from this host and from the order; returns them. */
  removeBehavior(which: BehaviorSelector): Behavior[];
  /** Enables or disables every behaviour of this host tagged `tag`. */
  setBehaviors(tag: string, enabled: boolean): this;
  /** `setBehaviors(tag, true)`. */
  activateBehaviors(tag: string): this;
  /** `setBehaviors(tag, false)`. */
  deactivateBehaviors(tag: string): this;
}

/** Constructor arguments of a behaviour. */
export interface BehaviorKwargs {
  /** Tags, comma-separated. */
  tag?: string;
  /** Whether `iteration` runs (default true); PymoNNto `behavior_enabled`. */
  behaviorEnabled?: boolean;
  [key: string]: unknown;
}

/** Base class of behaviour modules. */
export class Behavior extends Taggable {
  /** When false, `iteration` is skipped (PymoNNto `behavior_enabled`). */
  behaviorEnabled: boolean;
  /**
   * Run `initialize` in a second pass, after every other behaviour's (PymoNNto `initialize_last`,
   * used by recorders so that the variables they record exist).
   */
  readonly initializeLast: boolean = false;
  /** The constructor arguments. */
  readonly kwargs: Readonly<Record<string, unknown>>;
  /**
   * The host this behaviour is attached to (set by `addBehavior`): a neuron group, synapse group or
   * network, typed by the members of `BehaviorHost` (see {@link BehaviorHostHandle}).
   */
  host: BehaviorHostHandle | undefined;
  /** Its key in the host (its place in the order of execution). */
  key: number | undefined;
  private readonly used = new Set<string>(['tag', 'behaviorEnabled']);

  constructor(kwargs: BehaviorKwargs = {}) {
    super();
    this.kwargs = { ...kwargs };
    if (kwargs.tag !== undefined) this.addTag(String(kwargs.tag));
    this.addTag(this.constructor.name);
    this.behaviorEnabled = kwargs.behaviorEnabled ?? true;
  }

  /**
   * Runs once when the network is initialised (or when added to an initialised network). `host` is
   * typed by the members of any host ({@link BehaviorHostHandle}); an override usually declares
   * the group it runs on, `initialize(n: NeuronGroup)`, and gets its members and attributes.
   */
  initialize(host: BehaviorHostHandle): void | Promise<void> {
    void host;
  }

  /** Runs every iteration, in the order of the keys across the whole network (`host`: see {@link initialize}). */
  iteration(host: BehaviorHostHandle): void | Promise<void> {
    void host;
  }

  /**
   * A constructor argument, or `dflt` when absent. A string is converted to the default's type:
   * `'7'` → 7, `'50%'` → 0.5 (PymoNNto raises on this), `'true'` → true; an unconvertible string
   * throws an error naming the parameter. With a host (PymoNNto's `self.parameter(key, default,
   * neurons)`), a spec string (`'uniform(0.02, 0.1)'`, `'same(exc, th)*2'`) gives one value per
   * element instead. Every key read here counts as used (see {@link unusedParameters}).
   */
  parameter(key: string, dflt: number, host: HostHandle): number | Float64Array;
  parameter(key: string, dflt: number): number;
  parameter(key: string, dflt: string): string;
  parameter(key: string, dflt: boolean): boolean;
  parameter<T>(key: string, dflt?: T): T;
  parameter(key: string, dflt?: unknown, host?: HostHandle): unknown {
    this.used.add(key);
    const value = key in this.kwargs ? this.kwargs[key] : dflt;
    if (typeof value !== 'string') return value;
    // PymoNNto `self.parameter(key, default, neurons)`: a string that is not a plain number is a
    // diversity string, drawn per element from the host (a neuron group's vector, a synapse group's matrix).
    if (host !== undefined && Number.isNaN(Number(value.trim().replace(/%$/, '')))) return host.initValues(value);
    const fail = (want: string): never => {
      throw new NeurarchyError(`${this.constructor.name}: parameter '${key}' = '${value}' is not ${want}`);
    };
    if (typeof dflt === 'number') {
      const t = value.trim();
      const n = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
      return t === '' || Number.isNaN(n) ? fail('a number') : n;
    }
    if (typeof dflt === 'boolean') {
      if (value === 'true' || value === 'True') return true;
      if (value === 'false' || value === 'False') return false;
      return fail('a boolean');
    }
    return value;
  }

  /**
   * A per-element parameter (PymoNNto's "diversity strings"): a number gives a constant array, a
   * spec string (`'uniform(0.02, 0.1)'`) a drawn one, through `host.initValues` (a neuron group's
   * `vector`, a synapse group's `matrix` data).
   */
  parameterArray(key: string, dflt: InitSpec, host: HostHandle): Float64Array {
    this.used.add(key);
    // Read the argument as given: `parameter()` would convert a spec string to the default's type.
    const value = key in this.kwargs ? this.kwargs[key] : dflt;
    if (typeof value !== 'number' && typeof value !== 'string') {
      throw new NeurarchyError(`${this.constructor.name}: parameter '${key}' must be a number or a spec string`);
    }
    return host.initValues(value);
  }

  /** Constructor arguments never read through `parameter` (likely typos). */
  unusedParameters(): string[] {
    return Object.keys(this.kwargs).filter((k) => !this.used.has(k));
  }

  /** Objects this behaviour answers for a search key besides itself (recorders: their data). */
  find(key: SearchKey): unknown[] {
    void key;
    return [];
  }

  /** `ClassName(k=v, …)`, as PymoNNto prints behaviours. */
  override toString(): string {
    const args = Object.entries(this.kwargs).map(([k, v]) => `${k}=${typeof v === 'string' ? `'${v}'` : String(v)}`);
    return `${this.constructor.name}(${args.join(', ')})`;
  }
}

/** True when `b` overrides `iteration` (the no-op default is never scheduled, as in PymoNNto). */
export function hasIteration(b: Behavior): boolean {
  return b.iteration !== Behavior.prototype.iteration;
}
