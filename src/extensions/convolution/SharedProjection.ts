/**
 * The base of the shared-weight projections (Convolution, Pooling, Copy): rate-coded, one filter
 * bank in memory (`w`, as many values as the bank, not one per synapse), and a window of
 * pre-synaptic ranks per post-synaptic neuron (`_sh_pre`, `_sh_wofs`). The plan gives them the
 * special transmission `shared` (`ir/plan.ts`), which every backend implements.
 */
import { NetworkError } from '../../errors.js';
import { Projection, type PopulationLike, type ProjectionBase } from '../../core/Projection.js';
import { Population } from '../../core/Population.js';
import { Synapse } from '../../core/Synapse.js';
import { delayToSteps } from '../../connectors/common.js';
import type { SpecialProjection } from '../../core/records.js';
import type { SharedTable } from './windows.js';

/** The reductions of a shared-weight projection (ANNarchy's `operation`). */
export type SharedOperation = 'sum' | 'max' | 'min' | 'mean';

const OPERATIONS: readonly SharedOperation[] = ['sum', 'max', 'min', 'mean'];

/** The shared-weight projection that owns a weight array, and the copies reading it (for `weights = …`). */
const copiesOf = new WeakMap<Float64Array, SharedProjection[]>();

/**
 * A rate-coded projection whose weights are one filter bank shared by every post-synaptic neuron.
 * Use its subclasses: {@link Convolution}, {@link Pooling}, {@link Copy}.
 */
export class SharedProjection extends (Projection as ProjectionBase<'w'>) {
  /** @internal read by `ir/build.ts` once connected. */
  special?: SpecialProjection;
  /** The shape of one filter (a bank: the number of filters first); `[]` before connecting. */
  filterShape: number[] = [];

  /** @internal `kind` names the class in errors; the synapse is `psp` reduced by `operation`. */
  constructor(kind: string, pre: PopulationLike, post: PopulationLike, target: string, psp: string, operation: SharedOperation, name: string | undefined) {
    const where = `new ${kind}(${describe(pre)} → ${describe(post)})`;
    if (!(pre instanceof Population) || !(post instanceof Population)) throw new NetworkError(`${where}: pre and post must be Populations (not views): the windows follow their geometries`);
    if (pre.description.type !== post.description.type) throw new NetworkError(`${where}: pre and post must both be rate-coded or both spiking`);
    if (typeof target !== 'string') throw new NetworkError(`${where}: target must be one name such as 'exc'`);
    if (typeof psp !== 'string') throw new NetworkError(`${where}: psp must be an expression string such as 'w * pre.r'`);
    if (!OPERATIONS.includes(operation)) throw new NetworkError(`${where}: operation must be one of ${OPERATIONS.map((o) => `'${o}'`).join(', ')}, got ${String(operation)}`);
    // A spiking synapse declares no operation (the analyser allows only 'sum'): the plan carries it.
    super(pre, post, target, new Synapse({ name: `${kind} (${operation})`, psp, operation: pre.description.type === 'spike' ? 'sum' : operation }), name === undefined ? {} : { name });
    this.operation = operation;
  }

  /** How the window's contributions are reduced. */
  readonly operation: SharedOperation;

  /** @internal stores the windows, the shared weights and the uniform delay (ms, ANNarchy's `delays`). */
  protected connectShared(where: string, table: SharedTable, weights: Float64Array, delays: unknown, connector: string): this {
    const steps = this.checkConnect(where, delays);
    const n = this.post.size;
    this.storeConnectivity({
      postRanks: Int32Array.from({ length: n }, (_, i) => i), rowPtr: new Int32Array(n + 1), preRanks: new Int32Array(0),
      singleWeight: false, delaySteps: steps, maxDelay: steps,
    }, weights);
    this.state.set('_sh_pre', table.pre);
    this.state.set('_sh_wofs', table.wofs);
    if (table.widx) this.state.set('_sh_widx', table.widx);
    this.special = { kind: 'shared', window: table.window, weights: weights.length, padding: table.padding, indexed: table.widx !== undefined, operation: this.operation };
    (this as { connector?: string }).connector = connector;
    return this;
  }

  /** @internal refuses a second connection or one after compile, and a delay that is not one number of ms; returns the delay in steps. */
  protected checkConnect(where: string, delays: unknown): number {
    if (this.network.compiled) throw new NetworkError(`${where}: the network is compiled; connect before compile()`);
    if (this.connectivity) throw new NetworkError(`${where}: projection '${this.name}' is already connected`);
    if (typeof delays !== 'number') throw new NetworkError(`${where}: delays must be one number of ms (shared-weight projections have one delay for all), got ${String(delays)}`);
    const steps = delayToSteps(delays, this.network.dt, where);
    if (steps > 1 && this.pre.population.description.type === 'spike') throw new NetworkError(`${where}: spiking shared-weight projections have no delays (they read each neuron's last spike); give delays: 0`);
    return steps;
  }

  /** The filter bank's values in C order (a copy; `filterShape` gives the shape). ANNarchy's `weights`. */
  get weights(): Float64Array {
    return new Float64Array(this.sharedWeights());
  }

  /** Sets the filter bank's values (same number of values, C order); every {@link Copy} of this projection reads them. */
  set weights(values: ArrayLike<number>) {
    const w = this.sharedWeights();
    const flat = Array.from(values as ArrayLike<unknown>).flat(4) as unknown[];
    if (flat.length !== w.length || flat.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw new NetworkError(`projection '${this.name}'.weights: give ${w.length} finite numbers (filter shape (${this.filterShape.join(', ')})), flat or nested`);
    }
    w.set(flat as number[]);
    for (const p of [this, ...(copiesOf.get(w) ?? [])]) this.network.attributeWritten(p, 'w');
  }

  /** @internal the filter bank array itself (shared with the copies). */
  sharedWeights(): Float64Array {
    const w = this.state.get('w');
    if (!this.connectivity || !(w instanceof Float64Array)) throw new NetworkError(`projection '${this.name}' is not connected yet: call ${this.constructor.name === 'Pooling' ? 'pooling()' : 'connectFilter() or connectFilters()'} first`);
    return w;
  }

  /** Refused: shared-weight projections are not saved, as in ANNarchy (the code that builds them holds the filter; `weights` reads it). */
  override save(_filename: string): Promise<void> {
    return Promise.reject(new NetworkError(`projection '${this.name}'.save(): shared-weight projections (Convolution, Pooling, Copy) are not saved, as in ANNarchy; read or set the filter with .weights`));
  }

  /** Refused, as {@link SharedProjection.save}. */
  override load(_filename: string): Promise<void> {
    return Promise.reject(new NetworkError(`projection '${this.name}'.load(): shared-weight projections (Convolution, Pooling, Copy) are not saved, as in ANNarchy; set the filter with .weights`));
  }

  /** @internal a {@link Copy} shares `source`'s windows and weight array. */
  protected shareFrom(where: string, source: SharedProjection): this {
    const w = source.sharedWeights();
    const c = source.requireConnected();
    if (source.pre.population.size !== this.pre.population.size || source.post.population.size !== this.post.population.size) {
      throw new NetworkError(`${where}: '${source.name}' connects ${source.pre.population.size} → ${source.post.population.size} neurons, this projection ${this.pre.population.size} → ${this.post.population.size}; a copy needs populations of the same sizes`);
    }
    const table: SharedTable = {
      window: (source.special as { window: number }).window,
      pre: source.state.get('_sh_pre') as Int32Array,
      wofs: source.state.get('_sh_wofs') as Int32Array,
      padding: (source.special as { padding: number | null }).padding,
      widx: source.state.get('_sh_widx') as Int32Array | undefined,
    };
    this.filterShape = [...source.filterShape];
    copiesOf.set(w, [...(copiesOf.get(w) ?? []), this]);
    return this.connectShared(where, table, w, (c.delaySteps as number) * this.network.dt, 'Copy');
  }
}

function describe(p: unknown): string {
  return p instanceof Population ? p.name : String((p as { name?: unknown })?.name ?? p);
}
