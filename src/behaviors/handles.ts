/**
 * What the objects of a behaviour network see of each other, as interfaces, so that the modules
 * import each other one way only (issue 15: the import graph has no cycle, type-only imports
 * included). The order, from the bottom: `tags`, `spec` → `handles` → `Behavior` → `host` →
 * `NeuronGroup` → `SynapseGroup` → `Network`. A module below names the objects above it only
 * through these interfaces: a behaviour its host ({@link HostHandle}, extended in Behavior.ts into
 * `BehaviorHostHandle`), a host its network ({@link NetworkHandle}, extended in host.ts and
 * NeuronGroup.ts into `HostNetwork` and `GroupNetwork`).
 *
 * The classes implement them (`BehaviorHost implements BehaviorHostHandle`, `Network implements
 * GroupNetwork`), so a `NeuronGroup`, `SynapseGroup` or `Network` goes wherever a handle is
 * expected.
 */
import type { RandomStream } from '../random/stream.js';
import type { InitOptions, InitSpec, SameResolver } from './spec.js';
import type { MatrixLayout } from './structure/layout.js';
import type { SearchKey, Taggable } from './tags.js';

/** A value a recorder expression can read from a host. */
export type HostValue = number | ArrayLike<number>;

/**
 * What anything below the hosts reads of a host (a network's group lists, `parameter(key, dflt,
 * host)`): its tags, state, random stream, iteration, network, the drawing of per-element values.
 * Behavior.ts extends it with the management of behaviours into `BehaviorHostHandle` (every member
 * of `BehaviorHost`: the type of `behavior.host` and of `initialize(host)`/`iteration(host)`).
 */
export interface HostHandle extends Taggable {
  /** The network the host belongs to (the network itself for a network). */
  readonly network: NetworkHandle;
  /** The state (`host.voltage` is `host.vars.voltage`). */
  readonly vars: object;
  /** When false, recorders attached here record nothing. */
  recording: boolean;
  /** The host's random stream. */
  rng: RandomStream;
  /** The network's iteration counter (0 before the first step, 1 during it). */
  readonly iteration: number;
  /** The one object tagged `name` among the host's behaviours (PymoNNto's quick access), or undefined. */
  quickAccess(name: string): unknown;
  /** What `same(tag, attribute)` in a spec reads. */
  sameResolver(): SameResolver;
  /** A value named in a recorder expression, or undefined when there is none. */
  lookupVar(name: string): HostValue | undefined;
  /** Names that {@link lookupVar} knows, for error messages. */
  varNames(): string[];
  /** Per-element values drawn from a spec (a neuron group's vector, a synapse group's matrix data). */
  initValues(spec: InitSpec, opts?: InitOptions): Float64Array;
  /** Every object under the host answering to `key`. */
  find<T = unknown>(key: SearchKey): T[];
  /** `find(key)`, or its `index`-th element. */
  get<T = unknown>(key: SearchKey): T[];
  /** `find(key)`, or its `index`-th element. */
  get<T = unknown>(key: SearchKey, index: number): T | undefined;
}

/**
 * A host's network, as a host (`host.network` seen from a behaviour) and a group type it: the
 * members of the behaviours' `Network` that they read, and, like the `Network` class, any other
 * attribute name typed `any` (its state and quick access: `neurons.network.my_neurons`). host.ts
 * and NeuronGroup.ts extend it with what hosts and groups call (`HostNetwork`, `GroupNetwork`:
 * there the group lists are typed with the groups' own types).
 */
export interface NetworkHandle extends Taggable {
  /** The seed actually used. */
  readonly seed: number;
  /** The layout of synapse matrices chosen by the network's settings. */
  readonly matrixLayout: MatrixLayout;
  /** The iteration counter, shared with every host. @internal */
  readonly counter: { iteration: number };
  /** PymoNNto's counter: 0 before the first step, 1 during it. */
  readonly iteration: number;
  /** Whether `initialize()` has run. */
  readonly initialized: boolean;
  /** When false, no recorder of the network records. */
  recording: boolean;
  /** Network-level state. */
  readonly vars: object;
  /** Neuron groups, in order of creation. */
  readonly neuronGroups: readonly HostHandle[];
  /** Synapse groups, in order of creation. */
  readonly synapseGroups: readonly HostHandle[];
  /** `[net, ...neuronGroups, ...synapseGroups]`. */
  allObjects(): HostHandle[];
  /** Every object of the network answering to `key` (PymoNNto `net['key']`). */
  find<T = unknown>(key: SearchKey): T[];
  /** `find(key)`, or its `index`-th element. */
  get<T = unknown>(key: SearchKey): T[];
  /** `find(key)`, or its `index`-th element. */
  get<T = unknown>(key: SearchKey, index: number): T | undefined;
  /** The network's state attributes and quick access, typed `any` as on the `Network` class. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attribute: string]: any;
}
