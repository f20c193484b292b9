/**
 * What networks, neuron groups and synapse groups have in common: they carry behaviours under
 * numeric keys, state, tags, and a random stream.
 *
 * Behaviour keys are numbers (floats allowed: `addBehavior(0.5, …)` runs before key 1). In an
 * object literal `{ 1: a, 9: b }` the keys are strings and are read as numbers; a key that is not a
 * number is an error. A list `[a, b]` gets keys 0, 1, … (as in PymoNNto). One host cannot hold two
 * behaviours under the same key (`1` and `'1.0'` are the same key).
 */
import { NeurarchyError } from '../errors.js';
import { Behavior, type AddBehaviorOptions, type BehaviorDict, type BehaviorHostHandle, type BehaviorSelector } from './Behavior.js';
import type { HostValue, NetworkHandle } from './handles.js';
import type { RandomStream } from '../random/stream.js';
import { SpecError, type InitOptions, type InitSpec, type SameResolver } from './spec.js';
import { Taggable, type ClassKey, type SearchKey } from './tags.js';
import { installAttributes, sealMethods, uniqueTagged } from './attributes.js';
import { attachedAnalysisModules } from './analysis/registry.js';

export type { AddBehaviorOptions, BehaviorDict, BehaviorSelector } from './Behavior.js';
export type { HostValue } from './handles.js';

/**
 * What a host needs of its network (the type of `BehaviorHost.network`): what behaviours read of it
 * ({@link NetworkHandle}), plus the registration of hosts and the scheduling of behaviours. The
 * `Network` class implements it; neuron and synapse groups narrow it to `GroupNetwork`.
 */
export interface HostNetwork extends NetworkHandle {
  /** Gives a new host its random stream. @internal */
  registerHost(host: BehaviorHost): void;
  /** Inserts a behaviour into the order of execution. @internal */
  scheduleBehavior(key: number, host: BehaviorHost, behavior: Behavior): void;
  /** Removes a behaviour from the order of execution. @internal */
  unscheduleBehavior(behavior: Behavior): void;
  /** Keeps a promise returned by an `initialize` outside `net.initialize()`. @internal */
  track(result: unknown): void;
  /** Every host of the network. */
  allObjects(): BehaviorHost[];
}

/** Reads a behaviour key: a finite number, or a string holding one. */
export function behaviorKey(key: string | number): number {
  const k = typeof key === 'number' ? key : Number(key.trim());
  if ((typeof key === 'string' && key.trim() === '') || !Number.isFinite(k)) {
    throw new NeurarchyError(`behavior key ${JSON.stringify(key)} is not a number: keys are numbers that order execution (1, 2, 0.5, …)`);
  }
  return k;
}

/** The entries of a {@link BehaviorDict} as [key, behaviour] pairs in their given order. */
export function behaviorEntries(dict: BehaviorDict): [number, Behavior][] {
  if (Array.isArray(dict)) return dict.map((b, i) => [i, b]);
  if (dict instanceof Map) return [...dict.entries()].map(([k, b]) => [behaviorKey(k), b]);
  return Object.entries(dict).map(([k, b]) => [behaviorKey(k), b]);
}

/** Base of Network, NeuronGroup and SynapseGroup. */
export abstract class BehaviorHost extends Taggable implements BehaviorHostHandle {
  /**
   * The network this host belongs to (the network itself for a Network), typed by what a host
   * needs of it ({@link HostNetwork}); a group's is a `GroupNetwork`, a network's the `Network`.
   */
  abstract readonly network: HostNetwork;
  /**
   * The state: every attribute that is not a member of the class (`neurons.voltage` is
   * `neurons.vars.voltage`, see attributes.ts).
   */
  abstract readonly vars: object;
  /** Behaviours by key, in insertion order. */
  readonly behaviors = new Map<number, Behavior>();
  /** When false, recorders attached here record nothing. */
  recording = true;
  /**
   * This host's random stream: neurarchy's counter-based Philox `RandomStream`, keyed by the
   * network's seed and the host's number in order of creation (the network is 0), so draws are
   * reproducible for a seed and the same order of construction and calls.
   */
  rng!: RandomStream;

  /** PymoNNto's counter, shared by the whole network: 0 before the first step, 1 during it. */
  get iteration(): number {
    return this.network.counter.iteration;
  }

  /**
   * Quick access (PymoNNto binds unique tags as attributes): the one object tagged `name` among this
   * host's behaviours and analysis modules and, on a network, its neuron and synapse groups; undefined when none; an
   * error naming them when several are. Reached through `host.name` / `host['name']` when `name`
   * is neither a member nor a state attribute.
   */
  quickAccess(name: string): unknown {
    // Analysis modules too: PymoNNto reaches them as `parent.ClassName`.
    const own: Taggable[] = [...this.behaviors.values(), ...attachedAnalysisModules(this)];
    const net = this.network;
    const all = net === (this as unknown) ? [...own, ...net.neuronGroups, ...net.synapseGroups] : own;
    return uniqueTagged(net === (this as unknown) ? 'net' : this.tag, name, all);
  }

  /**
   * What `same(tag, attribute)` in a spec reads (PymoNNto's diversity strings): the attribute of
   * the first object tagged `tag` under this host (itself, its behaviours), else in the whole
   * network (PymoNNto searches the host only). A behaviour's constructor argument counts as its
   * attribute. Errors name the tag, the attribute and what exists.
   */
  sameResolver(): SameResolver {
    return (tag, attribute) => {
      const obj = this.find<object>(tag)[0] ?? this.network.find<object>(tag)[0];
      if (obj === undefined) {
        throw new SpecError(`same(${tag}, ${attribute}): nothing is tagged '${tag}' under '${this.tag}' or in the network`);
      }
      let v = (obj as Record<string, unknown>)[attribute];
      if (v === undefined && obj instanceof Behavior && attribute in obj.kwargs) v = obj.kwargs[attribute];
      if (v === undefined) {
        const vars = (obj as { vars?: object }).vars;
        const has = vars ? Object.keys(vars).join(', ') || 'no state' : '';
        throw new SpecError(`same(${tag}, ${attribute}): '${(obj as Taggable).tags?.[0] ?? tag}' has no attribute '${attribute}'${has ? ` (state: ${has})` : ''}`);
      }
      return v;
    };
  }

  /** A value named in a recorder expression, or undefined when there is none. */
  abstract lookupVar(name: string): HostValue | undefined;

  /** Names that {@link lookupVar} knows, for error messages. */
  abstract varNames(): string[];

  /** Per-element values drawn from a spec (a neuron group's vector, a synapse group's matrix data). */
  abstract initValues(spec: InitSpec, opts?: InitOptions): Float64Array;

  /** Attaches the constructor's behaviours (called by subclasses once registered with the network). */
  protected attachBehaviors(dict: BehaviorDict | undefined): void {
    if (dict) for (const [k, b] of behaviorEntries(dict)) this.addBehavior(k, b);
  }

  /**
   * Adds a behaviour at `key`: it joins the network's order after every behaviour with a key ≤ its
   * own. Throws when the key is taken or the behaviour belongs to another host.
   */
  addBehavior(key: number | string, behavior: Behavior, opts: AddBehaviorOptions = {}): this {
    const k = behaviorKey(key);
    if (!(behavior instanceof Behavior)) throw new NeurarchyError(`${this.tag}: behavior at key ${k} is not a Behavior`);
    if (this.behaviors.has(k)) {
      throw new NeurarchyError(`${this.tag}: key ${k} already holds ${this.behaviors.get(k)!.toString()}; choose another key`);
    }
    if (behavior.host) throw new NeurarchyError(`${behavior.toString()} is already attached to '${behavior.host.tag}'; create a new one`);
    behavior.host = this;
    behavior.key = k;
    this.behaviors.set(k, behavior);
    this.network.scheduleBehavior(k, this, behavior);
    if ((opts.initialize ?? true) && this.network.initialized) this.network.track(behavior.initialize(this));
    return this;
  }

  /** Adds several behaviours. */
  addBehaviors(dict: BehaviorDict, opts: AddBehaviorOptions = {}): this {
    for (const [k, b] of behaviorEntries(dict)) this.addBehavior(k, b, opts);
    return this;
  }

  /** Behaviours of this host that `which` selects, in insertion order. */
  findBehaviors(which: BehaviorSelector): Behavior[] {
    return [...this.behaviors.values()].filter((b) => selects(which, b));
  }

  /**
   * The first behaviour selected by key, tag or class (PymoNNto `group['Basic_Behavior', 0]` and
   * `group.Basic_Behavior`), or undefined.
   */
  getBehavior<T extends Behavior>(which: ClassKey<T>): T | undefined;
  getBehavior(which: number | string): Behavior | undefined;
  getBehavior(which: number | string | ClassKey<Behavior>): Behavior | undefined {
    return this.findBehaviors(which)[0];
  }

  /** Removes the selected behaviours from this host and from the order; returns them. */
  removeBehavior(which: BehaviorSelector): Behavior[] {
    const removed = this.findBehaviors(which);
    for (const b of removed) {
      this.behaviors.delete(b.key!);
      this.network.unscheduleBehavior(b);
      b.host = undefined;
      b.key = undefined;
    }
    return removed;
  }

  /** Enables or disables every behaviour of this host tagged `tag` (PymoNNto `set_behaviors`). */
  setBehaviors(tag: string, enabled: boolean): this {
    for (const b of this.behaviors.values()) if (b.hasTag(tag)) b.behaviorEnabled = enabled;
    return this;
  }

  /** `setBehaviors(tag, true)`. */
  activateBehaviors(tag: string): this { return this.setBehaviors(tag, true); }

  /** `setBehaviors(tag, false)`. */
  deactivateBehaviors(tag: string): this { return this.setBehaviors(tag, false); }

  /**
   * Every object under this host that answers to `key` (PymoNNto `obj['key']`): this host when
   * tagged so, then its behaviours with that key, tag or class, then what the behaviours answer
   * (recorders: recorded data, see `Recorder`). Always a list, possibly empty.
   */
  find<T = unknown>(key: SearchKey): T[] {
    const out: unknown[] = [];
    if (this.matches(key)) out.push(this);
    for (const b of this.behaviors.values()) {
      if (b.matches(key) || (typeof key === 'number' && b.key === key)) out.push(b);
      out.push(...b.find(key));
    }
    return out as T[];
  }

  /**
   * `get(key)` is `find(key)`; `get(key, i)` is its `i`-th element or undefined (PymoNNto
   * `obj['key', i]`).
   */
  get<T = unknown>(key: SearchKey): T[];
  get<T = unknown>(key: SearchKey, index: number): T | undefined;
  get<T = unknown>(key: SearchKey, index?: number): T | T[] | undefined {
    const all = this.find<T>(key);
    return index === undefined ? all : all.at(index);
  }
}

installAttributes(BehaviorHost);
sealMethods(BehaviorHost);

function selects(which: BehaviorSelector, b: Behavior): boolean {
  if (typeof which === 'number') return b.key === which;
  if (typeof which === 'string') return b.hasTag(which);
  if (which instanceof Behavior) return b === which;
  return b instanceof which;
}

