/**
 * PymoNNto's SynapseGroup: the connection from a src neuron group to a dst neuron group. Its
 * weights `W` are set by behaviours (`synapse.W = synapse.matrix('uniform', { density: 0.1 })`);
 * matrices are **dst × src** (row = post-synaptic neuron), or src × dst with the `SxD` layout
 * (PymoNNto's `syn_dim` setting, see structure/layout.ts). `enabled` is PymoNNto's convention: a
 * connection/plasticity mask (a 0/1 matrix) or `true`; it is not applied by `propagate`, exactly
 * as `W.dot` ignores it in PymoNNto.
 */
import { NeurarchyError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import type { StateArray } from './arrays.js';
import { BehaviorHost, type BehaviorDict, type HostValue } from './host.js';
import { sealMethods, type LooseState, type StateProperties, type VarsOf } from './attributes.js';
import { readLayout, type LayoutSpec, type MatrixLayout } from './structure/layout.js';
import type { PartitionBlockOf } from './structure/partition.js';
import { DenseMatrix, SparseMatrix, type MatrixOptions, type WeightMatrix } from './matrix.js';
import type { GroupNetwork, NeuronGroup, SynapseGroupMembers } from './NeuronGroup.js';
import { fillSpec, forEachDrawn, INIT_OPTIONS, specDtype, type InitOptions, type InitSpec } from './spec.js';

/** Options of `new SynapseGroup()`. */
export interface SynapseGroupOptions {
  /** The network (a behaviours `Network`). */
  net: GroupNetwork;
  /** The pre-synaptic group, or its tag (resolved when first needed, so creation order is free). */
  src: NeuronGroup | string;
  /** The post-synaptic group, or its tag. */
  dst: NeuronGroup | string;
  /** Tags, comma-separated (e.g. the transmitter, `'GLUTAMATE'`). */
  tag?: string;
  behavior?: BehaviorDict;
  /**
   * Matrix layout: `'DxS'` (rows = dst, the default) or `'SxD'` (rows = src; PymoNNto's
   * `syn_dim=SxD`); default: the network's `settings`.
   */
  layout?: LayoutSpec;
}

export type { MatrixOptions } from './matrix.js';

/** The keys of {@link MatrixOptions}. */
export const MATRIX_OPTIONS = optionKeys<MatrixOptions>()([...INIT_OPTIONS, 'sparse', 'mask']);
/** The keys of {@link SynapseGroupOptions}. */
export const SYNAPSE_GROUP_OPTIONS = optionKeys<SynapseGroupOptions>()(['net', 'src', 'dst', 'tag', 'behavior', 'layout']);

/** A value stored on a synapse group. */
export type SynapseValue = StateArray | WeightMatrix | DenseMatrix<Uint8Array>;

/**
 * The members of a synapse group (the class); {@link SynapseGroup} is the type with the state
 * attributes. Its runtime name is `SynapseGroup`.
 */
export class SynapseGroupClass<S extends object = LooseState> extends BehaviorHost implements SynapseGroupMembers {
  static { Object.defineProperty(this, 'name', { value: 'SynapseGroup' }); }
  /** The network (typed by what groups need of it and users read: `GroupNetwork`). */
  readonly network: GroupNetwork;
  /**
   * State: every attribute behaviours create (`synapse.eta` is `synapse.vars.eta`), usually
   * matrices and arrays; `W` lives here too.
   */
  readonly vars: VarsOf<S, SynapseValue> = {} as VarsOf<S, SynapseValue>;
  /** PymoNNto's `enabled`: a 0/1 mask matrix, or true (everything enabled). */
  enabled: DenseMatrix<Uint8Array> | SparseMatrix | true = true;
  /** The layout of this group's matrices: `'DxS'` (rows = dst) or `'SxD'` (rows = src). */
  readonly layout: MatrixLayout;
  /** The blocks set by a `Partition` behaviour (dst boxes and their src fields); not state, so not saved. */
  partitions: readonly PartitionBlockOf<NeuronGroup>[] | undefined = undefined;
  private srcRef: NeuronGroup | string;
  private dstRef: NeuronGroup | string;

  constructor(opts: SynapseGroupOptions) {
    super();
    checkOptions(opts, SYNAPSE_GROUP_OPTIONS, 'new SynapseGroup()');
    const { net } = opts;
    if (!net || typeof net.scheduleBehavior !== 'function') throw new NeurarchyError('SynapseGroup: `net` must be a behaviors Network');
    if (opts.src === undefined || opts.dst === undefined) throw new NeurarchyError('SynapseGroup: give both src and dst (a NeuronGroup or its tag)');
    this.network = net;
    this.layout = opts.layout === undefined ? net.matrixLayout : readLayout(opts.layout, `SynapseGroup '${opts.tag ?? ''}' layout`);
    this.srcRef = opts.src;
    this.dstRef = opts.dst;
    const name = (r: NeuronGroup | string): string => (typeof r === 'string' ? r.split(',')[0]!.trim() : r.tag);
    if (opts.tag) this.addTag(opts.tag);
    this.addTag('SynapseGroup').addTag('syn').addTag(`${name(opts.src)}_to_${name(opts.dst)}`);
    net.registerHost(this);
    net.synapseGroups.push(this as unknown as SynapseGroup);
    this.attachBehaviors(opts.behavior);
  }

  /** The pre-synaptic group. */
  get src(): NeuronGroup {
    return this.resolveRef('src');
  }

  /** The post-synaptic group. */
  get dst(): NeuronGroup {
    return this.resolveRef('dst');
  }

  /** Resolves tag references now (the network does it at initialisation). */
  resolve(): this {
    this.resolveRef('src');
    this.resolveRef('dst');
    return this;
  }

  private resolveRef(which: 'src' | 'dst'): NeuronGroup {
    const ref = which === 'src' ? this.srcRef : this.dstRef;
    if (typeof ref !== 'string') return ref;
    const group = this.network.neuronGroups.find((g) => g.hasTag(ref));
    if (!group) {
      const known = this.network.neuronGroups.map((g) => `'${g.tag}'`).join(', ') || 'none yet';
      throw new NeurarchyError(`SynapseGroup '${this.tag}': no NeuronGroup is tagged '${ref}' (${which}); neuron groups: ${known}`);
    }
    if (which === 'src') this.srcRef = group; else this.dstRef = group;
    return group;
  }

  /** The weights (`vars.W`); throws a clear error when no behaviour has set them. */
  get W(): WeightMatrix {
    const w = (this.vars as Record<string, unknown>).W as WeightMatrix | undefined;
    if (!w || typeof w !== 'object' || !('dot' in w)) {
      throw new NeurarchyError(`SynapseGroup '${this.tag}' has no weights: set synapse.W = synapse.matrix(...) in a behavior's initialize`);
    }
    return w;
  }

  /** Sets the weights: a matrix of the synapse group's shape (dst × src unless the layout says otherwise). */
  set W(w: WeightMatrix) {
    const [rows, cols] = this.matrixShape();
    if (!w || typeof w !== 'object' || w.rows !== rows || w.cols !== cols) {
      const shape = w && typeof w === 'object' && 'rows' in w ? `${w.rows} × ${w.cols}` : `a ${typeof w}`;
      throw new NeurarchyError(`SynapseGroup '${this.tag}': W must be a ${this.layout === 'DxS' ? 'dst × src' : 'src × dst'} matrix (${this.layout}) = ${rows} × ${cols}, got ${shape}; make it with synapse.matrix(…)`);
    }
    (this.vars as Record<string, unknown>).W = w;
  }

  /** The shape of every matrix of this group: `[dst.size, src.size]` (DxS) or `[src.size, dst.size]` (SxD). */
  matrixShape(): [number, number] {
    return this.layout === 'DxS' ? [this.dst.size, this.src.size] : [this.src.size, this.dst.size];
  }

  /** A matrix of this group as dst × src whatever the layout (PymoNNto `ignore_transpose_mode`): the same object for DxS, a transposed copy for SxD. */
  ignoreTransposeMode<M extends DenseMatrix<Float64Array> | DenseMatrix<Uint8Array>>(m: M): M {
    return (this.layout === 'DxS' ? m : m.transpose()) as M;
  }

  /**
   * A new dst × src matrix from a spec (see `spec.ts`), drawn from this group's random stream;
   * `{ sparse: true }` builds the same values as CSR without allocating the dense one. `'bool'`,
   * `'bool(…)'` or `{ dtype: 'bool' }` give a 0/1 mask matrix (`synapse.enabled`); `density` may be
   * one probability per row (dst neuron).
   */
  matrix(spec: 'bool' | `bool(${string})`, opts?: MatrixOptions & { sparse?: false }): DenseMatrix<Uint8Array>;
  matrix(spec: InitSpec, opts: MatrixOptions & { sparse?: false; dtype: 'bool' }): DenseMatrix<Uint8Array>;
  matrix(spec?: InitSpec, opts?: MatrixOptions & { sparse?: false }): DenseMatrix;
  matrix(spec: InitSpec, opts: MatrixOptions & { sparse: true }): SparseMatrix;
  matrix(spec: InitSpec = 'zeros', options: MatrixOptions = {}): DenseMatrix | DenseMatrix<Uint8Array> | SparseMatrix {
    checkOptions(options, MATRIX_OPTIONS, `${this.tag}.matrix()`);
    const { sparse, mask, ...opts } = options;
    const [rows, cols] = this.matrixShape();
    const ctx = { same: this.sameResolver(), rowLength: cols, mask: this.maskValues(mask) };
    if (!sparse) {
      if (specDtype(spec, opts) === 'bool') return new DenseMatrix(rows, cols, fillSpec(new Uint8Array(rows * cols), spec, this.rng, opts, ctx));
      return new DenseMatrix(rows, cols, fillSpec(new Float64Array(rows * cols), spec, this.rng, { ...opts, dtype: opts.dtype === 'int' ? 'int' : 'float' }, ctx));
    }
    const rowPtr = new Int32Array(rows + 1);
    const colIdx: number[] = [];
    const values: number[] = [];
    forEachDrawn(rows * cols, spec, this.rng, opts, (k, v) => {
      if (v === 0) return;
      colIdx.push(k % cols);
      values.push(v);
      rowPtr[Math.floor(k / cols) + 1]!++;
    }, ctx);
    for (let i = 0; i < rows; i++) rowPtr[i + 1]! += rowPtr[i]!;
    return new SparseMatrix(rows, cols, rowPtr, Int32Array.from(colIdx), Float64Array.from(values));
  }

  /** The 0/1 values of a mask option, checked against this group's shape. */
  private maskValues(mask: MatrixOptions['mask']): ArrayLike<number> | undefined {
    if (mask === undefined || mask === true) return undefined;
    const [rows, cols] = this.matrixShape();
    if (!(mask instanceof DenseMatrix || mask instanceof SparseMatrix) || mask.rows !== rows || mask.cols !== cols) {
      throw new NeurarchyError(`${this.tag}.matrix(): mask must be a ${rows} × ${cols} matrix (such as synapse.enabled) or true`);
    }
    return mask instanceof SparseMatrix ? mask.toDense().data : mask.data;
  }

  initValues(spec: InitSpec, opts?: InitOptions): Float64Array {
    const [rows, cols] = this.matrixShape();
    return fillSpec(new Float64Array(rows * cols), spec, this.rng, { ...opts, dtype: 'float' }, { same: this.sameResolver(), rowLength: cols });
  }

  /**
   * Adds `gain · W · spikes` into `into` (default: a new zero array of dst size) and returns it;
   * `spikes` defaults to `src.vars.spike`. Only the spiking columns (DxS) or rows (SxD: the sum
   * of the spiking rows, the 2024 paper's fast form) are visited, so this is the cheap form of
   * PymoNNto's `W.dot(src.spike)`.
   */
  propagate(spikes?: ArrayLike<number>, opts: { into?: Float64Array; gain?: number } = {}): Float64Array {
    const s = spikes ?? (this.src.vars.spike as ArrayLike<number> | undefined);
    if (!s) throw new NeurarchyError(`SynapseGroup '${this.tag}'.propagate: src '${this.src.tag}' has no vars.spike; pass the spikes`);
    const out = opts.into ?? new Float64Array(this.dst.size);
    return this.layout === 'DxS' ? this.W.propagate(s, out, opts.gain ?? 1) : this.W.propagateRows(s, out, opts.gain ?? 1);
  }

  lookupVar(name: string): HostValue | undefined {
    if (name === 'iteration') return this.iteration;
    const v = (this.vars as Record<string, unknown>)[name];
    if (v === undefined) return undefined;
    if (v instanceof DenseMatrix) return v.data;
    if (v instanceof SparseMatrix) return v.toDense().data;
    return v as HostValue;
  }

  varNames(): string[] {
    return [...Object.keys(this.vars), 'iteration'];
  }
}

/**
 * A synapse group with state `S`: the class's members plus one property per state attribute
 * (`synapse.eta`). With the default `LooseState` any attribute name type-checks as `any`;
 * `SynapseGroup<{ trace: Float64Array }>` types them and makes a misspelt name a type error.
 */
export type SynapseGroup<S extends object = LooseState> = SynapseGroupClass<S> & StateProperties<S, SynapseGroupClass>;

/** `new SynapseGroup(…)`, optionally with its state type. */
export interface SynapseGroupConstructor {
  new <S extends object = LooseState>(opts: SynapseGroupOptions): SynapseGroup<S>;
  readonly prototype: SynapseGroup;
}

/** See {@link SynapseGroupClass} (the members) and {@link SynapseGroup} (the type with attributes). */
export const SynapseGroup = SynapseGroupClass as unknown as SynapseGroupConstructor;

sealMethods(SynapseGroupClass);
