/**
 * PymoNNto's NeuronGroup: `size` neurons with no built-in dynamics. Behaviours create its state
 * (`neurons.voltage = neurons.vector()`) and update it every step.
 *
 * State is attributes, as in PymoNNto: `neurons.voltage` and `neurons.vars.voltage` are the same
 * entry (attributes.ts), so recorders see what behaviours write. In TypeScript the attributes of
 * `NeuronGroup` are `any`; `NeuronGroup<{ voltage: Float64Array; spike: Uint8Array }>` types them
 * and refuses misspelt names.
 */
import { NeurarchyError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import { checkFits, checkIndexRange, fmtCount } from '../runtime/memory.js';
import type { LooseState, StateProperties, VarsOf } from './attributes.js';
import type { StateArray } from './arrays.js';
import { makeGeometry, type Geometry, type GeometrySpec } from './geometry.js';
import { subGroup, type NeuronSubGroup } from './structure/subgroup.js';
import {
  partitionMasks, receptiveFieldMask, splitGridIntoSubGroupBlocks, type HasCoordinates, type PartitionBlockOf, type Triple,
} from './structure/partition.js';
import type { BehaviorHostHandle } from './Behavior.js';
import { BehaviorHost, type BehaviorDict, type HostNetwork, type HostValue } from './host.js';
import type { InitializeOptions, ScheduleEntry, ScheduleRow, SimulateOptions } from './schedule.js';
import type { BehaviorTimer } from './timing.js';
import { sealMethods } from './attributes.js';
import type { DenseMatrix, MatrixOptions, SparseMatrix, WeightMatrix } from './matrix.js';
import type { MatrixLayout } from './structure/layout.js';
import { allocate, fillSpec, specDtype, type InitOptions, type InitSpec } from './spec.js';

/**
 * A group's network (the type of `group.network` and of the `net` option): every public member of
 * the behaviours' `Network` class, which implements it — what a host calls ({@link HostNetwork}),
 * what a behaviour reads of a host (`BehaviorHostHandle`), the runs and the recorders —, with the
 * group lists typed by the groups' own types, and any other attribute name typed `any`, as on the
 * class (`neurons.network.my_neurons`). test/behaviors/handles.test-d.ts checks that no member is
 * missing. Declared here, not in Network.ts, because the network imports the groups (the import
 * graph goes one way); where the class itself is needed (`saveBehaviorNetwork`), use the `Network`
 * the program built.
 */
export interface GroupNetwork extends HostNetwork, BehaviorHostHandle {
  /** The network itself. */
  readonly network: GroupNetwork;
  /** Neuron groups, in order of creation. */
  readonly neuronGroups: NeuronGroup[];
  /** Synapse groups, in order of creation. */
  readonly synapseGroups: SynapseGroupHandle[];
  /** The layout of synapse matrices chosen by the network's settings. */
  readonly matrixLayout: MatrixLayout;
  /** The timer set by {@link timeBehaviors}, while timing. */
  behaviorTimer: BehaviorTimer | undefined;
  /** The order of execution: every behaviour of every host, sorted by key. */
  readonly executionOrder: readonly ScheduleEntry[];
  /** The order of execution in printable form. */
  describeSchedule(): ScheduleRow[];
  /** Runs every behaviour's `initialize` in the order of execution (see `Network.initialize`). */
  initialize(opts?: InitializeOptions): Promise<this>;
  /** One step. */
  simulateIteration(): Promise<void>;
  /** Runs `n` steps and returns the elapsed wall time in ms. */
  simulateIterations(n: number, opts?: SimulateOptions): Promise<number>;
  /** Starts (or, with `false`, stops) timing every behaviour's `iteration`; returns the timer. */
  timeBehaviors(on?: boolean): BehaviorTimer;
  /** Pauses every recorder of the network. */
  recordingOff(): this;
  /** Resumes recording. */
  recordingOn(): this;
  /** Empties every recorder (or those tagged `tag`). */
  clearRecorders(tag?: string): this;
  /** The `index`-th recorded data set for `key` (see `Network.getRecorded`). */
  getRecorded(key: string, index?: number): DenseMatrix;
  /** A network-wide array of `length` values. */
  initValues(spec: InitSpec, opts?: InitOptions, length?: number): Float64Array;
  /** A summary line per host with its behaviours. */
  toString(): string;
}

/**
 * A synapse group as a neuron group sees it (the elements of `neurons.synapses(…)` and
 * `neurons.network.synapseGroups`): every public member of the `SynapseGroup` class — the class implements
 * this interface, and test/behaviors/handles.test-d.ts checks that no member is missing —, with
 * `src` and `dst` typed as neuron groups. Declared here because SynapseGroup.ts imports this module
 * (the import graph goes one way); {@link SynapseGroupHandle} adds the state attributes.
 */
export interface SynapseGroupMembers extends BehaviorHost {
  /** The network. */
  readonly network: GroupNetwork;
  /** State: every attribute behaviours create, `W` included. */
  readonly vars: LooseState;
  /** PymoNNto's `enabled`: a 0/1 mask matrix, or true (everything enabled). */
  enabled: DenseMatrix<Uint8Array> | SparseMatrix | true;
  /** The layout of this group's matrices: `'DxS'` (rows = dst) or `'SxD'` (rows = src). */
  readonly layout: MatrixLayout;
  /** The blocks set by a `Partition` behaviour. */
  partitions: readonly PartitionBlockOf<NeuronGroup>[] | undefined;
  /** The pre-synaptic group. */
  readonly src: NeuronGroup;
  /** The post-synaptic group. */
  readonly dst: NeuronGroup;
  /** The weights (`vars.W`). */
  W: WeightMatrix;
  /** Resolves tag references now. */
  resolve(): this;
  /** The shape of every matrix of this group. */
  matrixShape(): [number, number];
  /** A matrix of this group as dst × src whatever the layout. */
  ignoreTransposeMode<M extends DenseMatrix<Float64Array> | DenseMatrix<Uint8Array>>(m: M): M;
  /** A new matrix of this group's shape from a spec (see `SynapseGroup.matrix`). */
  matrix(spec: 'bool' | `bool(${string})`, opts?: MatrixOptions & { sparse?: false }): DenseMatrix<Uint8Array>;
  /** A new matrix of this group's shape from a spec (see `SynapseGroup.matrix`). */
  matrix(spec: InitSpec, opts: MatrixOptions & { sparse?: false; dtype: 'bool' }): DenseMatrix<Uint8Array>;
  /** A new matrix of this group's shape from a spec (see `SynapseGroup.matrix`). */
  matrix(spec?: InitSpec, opts?: MatrixOptions & { sparse?: false }): DenseMatrix;
  /** A new matrix of this group's shape from a spec (see `SynapseGroup.matrix`). */
  matrix(spec: InitSpec, opts: MatrixOptions & { sparse: true }): SparseMatrix;
  /** Adds `gain · W · spikes` into `into` and returns it (see `SynapseGroup.propagate`). */
  propagate(spikes?: ArrayLike<number>, opts?: { into?: Float64Array; gain?: number }): Float64Array;
}

/**
 * A synapse group with any state (what `SynapseGroup` is with its default state type): its members
 * ({@link SynapseGroupMembers}) plus any attribute name typed `any`.
 */
export type SynapseGroupHandle = SynapseGroupMembers & StateProperties<LooseState, SynapseGroupMembers>;

/** PymoNNto's `afferent` (= `pre`, `dendrite`): synapse groups whose dst is this group. */
export const afferent = 0;
/** PymoNNto's `efferent` (= `post`, `axon`): synapse groups whose src is this group. */
export const efferent = 1;
/** PymoNNto's alias of {@link afferent}. */
export const dendrite = 0;
/** PymoNNto's alias of {@link efferent}. */
export const axon = 1;

/**
 * A direction for `synapses()`: `afferent` (0) or `efferent` (1), or a name — `'afferent'`,
 * `'dendrite'`, `'pre'` mean afferent and `'efferent'`, `'axon'`, `'post'` efferent (PymoNNto's
 * aliases: its `pre = afferent = 0`).
 */
export type SynapseDirection = 0 | 1 | 'afferent' | 'efferent' | 'dendrite' | 'axon' | 'pre' | 'post';

const DIRECTIONS: Record<string, 0 | 1> = { afferent: 0, dendrite: 0, pre: 0, efferent: 1, axon: 1, post: 1 };

/** Options of `new NeuronGroup()`. */
export interface NeuronGroupOptions {
  /** The network (a behaviours `Network`). */
  net: GroupNetwork;
  /** Number of neurons (give this or `geometry`). */
  size?: number;
  /** A grid (sets `size` and the coordinate vectors `vars.x`, `vars.y`, `vars.z`). */
  geometry?: GeometrySpec;
  /** Tags, comma-separated; default `NeuronGroup_<n>`. */
  tag?: string;
  /** Behaviours by key: `{ 1: new Basic(), 9: new Recorder(...) }`, or a list (keys 0, 1, …). */
  behavior?: BehaviorDict;
}

/** The keys of {@link NeuronGroupOptions}. */
export const NEURON_GROUP_OPTIONS = optionKeys<NeuronGroupOptions>()(['net', 'size', 'geometry', 'tag', 'behavior']);

/**
 * The members of a neuron group (the class); {@link NeuronGroup} is the type with the state
 * attributes. Its runtime name is `NeuronGroup`.
 */
export class NeuronGroupClass<S extends object = LooseState> extends BehaviorHost {
  static { Object.defineProperty(this, 'name', { value: 'NeuronGroup' }); }
  /** The network (typed by what groups need of it and users read: {@link GroupNetwork}). */
  readonly network: GroupNetwork;
  /** Number of neurons. */
  readonly size: number;
  /** Neuron indices 0 … size−1. */
  readonly id: Int32Array;
  /** The grid, when given. */
  readonly geometry: Geometry | undefined;
  /**
   * The state: every attribute behaviours create (`neurons.voltage` is `neurons.vars.voltage`),
   * usually typed arrays of `size` entries; with a geometry also `x`, `y`, `z`.
   */
  readonly vars: VarsOf<S, StateArray> = {} as VarsOf<S, StateArray>;

  constructor(opts: NeuronGroupOptions) {
    super();
    checkOptions(opts, NEURON_GROUP_OPTIONS, 'new NeuronGroup()');
    const { net } = opts;
    if (!net || typeof net.scheduleBehavior !== 'function') throw new NeurarchyError('NeuronGroup: `net` must be a behaviors Network');
    this.network = net;
    if (opts.geometry !== undefined) {
      this.geometry = makeGeometry(opts.geometry);
      if (opts.size !== undefined && opts.size !== this.geometry.size) {
        throw new NeurarchyError(`NeuronGroup: size ${opts.size} disagrees with the geometry (${this.geometry.size} neurons)`);
      }
      this.size = this.geometry.size;
      Object.assign(this.vars, { x: this.geometry.x, y: this.geometry.y, z: this.geometry.z });
      Object.assign(this.vars, { width: this.geometry.width, height: this.geometry.height, depth: this.geometry.depth });
    } else {
      if (opts.size === undefined || !Number.isInteger(opts.size) || opts.size < 0) {
        throw new NeurarchyError(`NeuronGroup: size must be a non-negative whole number (or give a geometry), got ${opts.size}`);
      }
      // Refused before the first array of `size` entries (the `id` vector, then one float64 per variable).
      const what = `NeuronGroup of ${fmtCount(opts.size)} neurons`;
      checkIndexRange(opts.size, what, 'Use a smaller group.');
      checkFits(opts.size * 12, what, 'Use a smaller group.');
      this.size = opts.size;
    }
    this.id = Int32Array.from({ length: this.size }, (_, i) => i);
    this.addTag(opts.tag ?? `NeuronGroup_${net.neuronGroups.length + 1}`);
    this.addTag('NeuronGroup').addTag('ng');
    net.registerHost(this);
    net.neuronGroups.push(this as unknown as NeuronGroup);
    this.attachBehaviors(opts.behavior);
  }

  /**
   * A new array of `size` values from a spec (`'zeros'` by default, `'uniform(0, 1)'`,
   * `'normal(mean=0, sd=1)'`, `'3*ones()'`, a number…; see `spec.ts`), drawn from this group's
   * random stream: a Float64Array, or an Int32Array / 0-1 Uint8Array for `'int'`, `'bool'`,
   * `'int(…)'`, `'bool(…)'` or the `dtype` option.
   */
  vector(spec: 'bool' | `bool(${string})`, opts?: InitOptions): Uint8Array;
  vector(spec: 'int' | `int(${string})`, opts?: InitOptions): Int32Array;
  vector(spec: InitSpec, opts: InitOptions & { dtype: 'bool' }): Uint8Array;
  vector(spec: InitSpec, opts: InitOptions & { dtype: 'int' }): Int32Array;
  vector(spec?: InitSpec, opts?: InitOptions): Float64Array;
  vector(spec: InitSpec = 'zeros', opts: InitOptions = {}): StateArray {
    return fillSpec(allocate(specDtype(spec, opts), this.size), spec, this.rng, opts, { same: this.sameResolver() });
  }

  /** Like {@link vector}, into an existing array (no allocation inside `iteration`). */
  fill<T extends StateArray>(target: T, spec: InitSpec, opts: InitOptions = {}): T {
    if (target.length !== this.size) throw new NeurarchyError(`${this.tag}.fill: the array has ${target.length} entries, the group ${this.size}`);
    return fillSpec(target, spec, this.rng, opts, { same: this.sameResolver() });
  }

  initValues(spec: InitSpec, opts?: InitOptions): Float64Array {
    return fillSpec(new Float64Array(this.size), spec, this.rng, opts, { same: this.sameResolver() });
  }

  /**
   * Synapse groups tagged `tag` (`'All'`: every one) arriving at this group (`afferent`) or leaving
   * it (`efferent`), in order of creation. Works whatever the order in which groups were created
   * (PymoNNto raises KeyError for groups created after their synapses); an empty list when none.
   */
  synapses(direction: SynapseDirection, tag = 'All'): SynapseGroupHandle[] {
    const dir = typeof direction === 'string' ? DIRECTIONS[direction] : direction;
    if (dir !== 0 && dir !== 1) {
      throw new NeurarchyError(`${this.tag}.synapses: direction must be afferent (0) or efferent (1) (or 'afferent', 'efferent', 'dendrite', 'axon', 'pre', 'post'), got ${String(direction)}`);
    }
    const me = this as unknown;
    return this.network.synapseGroups.filter((s) => (tag === 'All' || s.hasTag(tag)) && (dir === 0 ? s.dst : s.src) === me);
  }

  /** PymoNNto `subGroup(mask)`: a masked view (a 0/1 mask of `size` entries, or an Int32Array of indices). */
  subGroup(mask: ArrayLike<number> | ArrayLike<boolean>): NeuronSubGroup<NeuronGroup> {
    return subGroup(this as unknown as NeuronGroup, mask);
  }

  /** PymoNNto `partition_masks(steps)`: disjoint 0/1 masks of the grid cut into [x, y, z] boxes (needs a geometry). */
  partitionMasks(steps: Triple = [1, 1, 1]): Uint8Array[] {
    return partitionMasks(this as unknown as NeuronGroup, steps);
  }

  /** PymoNNto `split_grid_into_sub_group_blocks(steps)`: the sub-groups of {@link partitionMasks}. */
  splitGridIntoSubGroupBlocks(steps: Triple = [1, 1, 1]): NeuronSubGroup<NeuronGroup>[] {
    return splitGridIntoSubGroupBlocks(this as unknown as NeuronGroup, steps);
  }

  /**
   * PymoNNto `get_subgroup_receptive_field_mask(subgroup, xyz_rf)`: this group's neurons inside the
   * bounding box of `sub`'s coordinates grown by `rf` per axis.
   */
  getSubgroupReceptiveFieldMask(sub: HasCoordinates, rf: Triple = [1, 1, 1]): Uint8Array {
    return receptiveFieldMask(this as unknown as NeuronGroup, sub, rf);
  }

  lookupVar(name: string): HostValue | undefined {
    if (name === 'iteration') return this.iteration;
    if (name === 'size') return this.size;
    if (name === 'id') return this.id;
    return (this.vars as Record<string, HostValue>)[name];
  }

  varNames(): string[] {
    return [...Object.keys(this.vars), 'id', 'size', 'iteration'];
  }
}

/**
 * A neuron group with state `S`: the class's members plus one property per state attribute
 * (`neurons.voltage`). With the default `LooseState` any attribute name type-checks as `any`, so a
 * PymoNNto behaviour ports line by line; `NeuronGroup<{ voltage: Float64Array }>` types
 * `neurons.voltage` (and `neurons.vars.voltage`) and makes a misspelt name a type error.
 */
export type NeuronGroup<S extends object = LooseState> = NeuronGroupClass<S> & StateProperties<S, NeuronGroupClass>;

/** `new NeuronGroup(…)`, optionally with its state type: `new NeuronGroup<{ v: Float64Array }>({ … })`. */
export interface NeuronGroupConstructor {
  new <S extends object = LooseState>(opts: NeuronGroupOptions): NeuronGroup<S>;
  readonly prototype: NeuronGroup;
}

/** See {@link NeuronGroupClass} (the members) and {@link NeuronGroup} (the type with attributes). */
export const NeuronGroup = NeuronGroupClass as unknown as NeuronGroupConstructor;

sealMethods(NeuronGroupClass);
