/**
 * `Dendrite`: the synapses of one projection onto one post-synaptic neuron.
 */
import { NetworkError } from '../errors.js';
import { checkValuesObject } from './options.js';
import type { Projection } from './handles.js'; // the classes' own types, without importing their modules (handles.ts)
import type { AttributeInput } from './values.js';
import type { AttributeProperties } from './attribute-names.js';

/** The class; user code sees it as {@link Dendrite}, with the synapse's attributes as properties (see Projection.ts). */
class DendriteClass<A extends string = string> {
  // The runtime name stays `Dendrite` (error messages print `constructor.name`).
  static { Object.defineProperty(this, 'name', { value: 'Dendrite' }); }

  readonly projection: Projection;
  /** Position of the dendrite in the projection (0 … proj.size-1). */
  readonly index: number;

  /** Type level only, never set: the attribute names `A` of the synapse. */
  declare readonly attributeNames?: A;

  constructor(projection: Projection, index: number) {
    this.projection = projection;
    this.index = index;
    for (const attr of projection.description.attributes) {
      if (attr.name in this) continue;
      Object.defineProperty(this, attr.name, {
        get: () => this.get(attr.name),
        set: (v: AttributeInput) => this.projection.setAttribute(attr.name, v, this.index),
        enumerable: true,
      });
    }
  }

  /** Rank of the post-synaptic neuron in its population. */
  get postRank(): number { return this.projection.requireConnected().postRanks[this.index]; }
  /** Ranks of the pre-synaptic neurons, sorted. */
  get preRanks(): number[] {
    const c = this.projection.requireConnected();
    return Array.from(c.preRanks.subarray(c.rowPtr[this.index], c.rowPtr[this.index + 1]));
  }
  /** Number of synapses. */
  get size(): number {
    const c = this.projection.requireConnected();
    return c.rowPtr[this.index + 1] - c.rowPtr[this.index];
  }

  /** Local attributes: one value per synapse; semiglobal: the dendrite's value; global: the projection's. */
  get(name: string): Float64Array | number {
    const c = this.projection.requireConnected();
    const arr = this.projection.state.get(name) as Float64Array | undefined;
    if (!arr) throw new NetworkError(`projection '${this.projection.name}' has no attribute '${name}'`);
    const locality = this.projection.storageLocality(name);
    if (locality === 'global') return arr[0];
    if (locality === 'semiglobal') return arr[this.index];
    return arr.slice(c.rowPtr[this.index], c.rowPtr[this.index + 1]);
  }

  set(values: Record<string, AttributeInput>): void {
    checkValuesObject(values, `a dendrite of projection '${this.projection.name}'.set()`);
    for (const [name, v] of Object.entries(values)) this.projection.setAttribute(name, v, this.index);
  }

  /**
   * Creates a synapse from `preRank` onto this dendrite (ANNarchy's `create_synapse(rank, w, delay)`;
   * needs `structuralPlasticity: true`): see `Projection.createSynapse`.
   */
  createSynapse(preRank: number, w = 0, delay?: number): void {
    this.projection.network.structuralOperations.createSynapses(this.projection, this.postRank, [preRank], [w], [delay], 'dendrite().createSynapse');
  }

  /** Creates several synapses (ANNarchy's `create_synapses(ranks, weights, delays)`; weights default 0). */
  createSynapses(preRanks: readonly number[], weights?: readonly number[], delays?: readonly number[]): void {
    const where = `a dendrite of projection '${this.projection.name}'.createSynapses()`;
    if (weights !== undefined && weights.length !== preRanks.length) throw new NetworkError(`${where}: ${preRanks.length} ranks but ${weights.length} weights`);
    if (delays !== undefined && delays.length !== preRanks.length) throw new NetworkError(`${where}: ${preRanks.length} ranks but ${delays.length} delays`);
    this.projection.network.structuralOperations.createSynapses(this.projection, this.postRank, preRanks, weights ?? preRanks.map(() => 0), delays ?? preRanks.map(() => undefined), 'dendrite().createSynapses');
  }

  /** Removes the synapse from `preRank` (ANNarchy's `prune_synapse(rank)`; needs `structuralPlasticity: true`). */
  pruneSynapse(preRank: number): void {
    this.projection.network.structuralOperations.pruneSynapses(this.projection, this.postRank, [preRank], 'dendrite().pruneSynapse');
  }

  /** Removes the synapses from `preRanks` (ANNarchy's `prune_synapses(ranks)`). */
  pruneSynapses(preRanks: readonly number[]): void {
    this.projection.network.structuralOperations.pruneSynapses(this.projection, this.postRank, preRanks, 'dendrite().pruneSynapses');
  }

  /** The synapse coming from `preRank` (ANNarchy's `dendrite.synapse(pre_rank)`). */
  synapse(preRank: number): IndividualSynapse<A> {
    const c = this.projection.requireConnected();
    const start = c.rowPtr[this.index];
    const k = this.preRanks.indexOf(preRank);
    if (k < 0) throw new NetworkError(`no synapse from pre-synaptic neuron ${preRank} onto post-synaptic neuron ${this.postRank} in projection '${this.projection.name}'`);
    return new IndividualSynapse(this, preRank, start + k);
  }
}

/**
 * One synapse (ANNarchy's `IndividualSynapse`, from `proj.synapse(pre, post)`): its attributes read
 * and write as numbers (`syn.w`, `syn.w = 0.5`). Semiglobal attributes read as the dendrite's value
 * and global ones as the projection's; those are written on the dendrite or the projection.
 */
/** The class; user code sees it as {@link IndividualSynapse}, with the synapse's attributes as properties. */
class IndividualSynapseClass<A extends string = string> {
  // The runtime name stays `IndividualSynapse`.
  static { Object.defineProperty(this, 'name', { value: 'IndividualSynapse' }); }

  readonly dendrite: Dendrite;
  /** Rank of the pre-synaptic neuron. */
  readonly preRank: number;
  /** @internal position of the synapse in the projection's per-synapse arrays. */
  readonly index: number;

  /** Type level only, never set: the attribute names `A` of the synapse. */
  declare readonly attributeNames?: A;

  constructor(dendrite: Dendrite, preRank: number, index: number) {
    this.dendrite = dendrite;
    this.preRank = preRank;
    this.index = index;
    for (const attr of dendrite.projection.description.attributes) {
      if (attr.name in this) continue;
      Object.defineProperty(this, attr.name, {
        get: () => this.get(attr.name),
        set: (v: number) => this.set({ [attr.name]: v }),
        enumerable: true,
      });
    }
  }

  get projection(): Projection { return this.dendrite.projection; }
  /** Rank of the post-synaptic neuron. */
  get postRank(): number { return this.dendrite.postRank; }

  /** Value of an attribute of this synapse. */
  get(name: string): number {
    const proj = this.projection;
    const locality = proj.storageLocality(name);
    const arr = proj.f64(name);
    return locality === 'global' ? arr[0] : locality === 'semiglobal' ? arr[this.dendrite.index] : arr[this.index];
  }

  /** Sets per-synapse attributes of this synapse. */
  set(values: Record<string, number>): void {
    const proj = this.projection;
    checkValuesObject(values, `a synapse of projection '${proj.name}'.set()`);
    for (const [name, v] of Object.entries(values)) {
      const locality = proj.storageLocality(name);
      const what = `projection '${proj.name}', synapse ${this.preRank} → ${this.postRank}, attribute '${name}'`;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new NetworkError(`${what}: expected a finite number, got ${String(v)}`);
      if (locality === 'global') {
        throw new NetworkError(name === 'w'
          ? `${what}: this projection shares one weight (connected with a number and no plasticity); connect with forceMultipleWeights: true to set per-synapse weights`
          : `${what} is one value for the whole projection: set it on the projection (proj.${name} = …)`);
      }
      if (locality === 'semiglobal') throw new NetworkError(`${what} is one value per dendrite: set it on the dendrite (proj.dendrite(${this.postRank}).${name} = …)`);
      proj.f64(name)[this.index] = v;
      proj.network.attributeWritten(proj, name);
    }
  }
}

/**
 * The synapses of one projection onto one post-synaptic neuron, with the synapse's attributes `A` as
 * properties (`dendrite.w`); with `A = string` any property name is accepted, as an index signature.
 */
export type Dendrite<A extends string = string> = DendriteClass<A> & AttributeProperties<A, DendriteClass>;
/** `new Dendrite(projection, index)`: the attribute names are the projection's. */
export interface DendriteConstructor {
  new <A extends string = string>(projection: Projection<A>, index: number): Dendrite<A>;
  readonly prototype: Dendrite;
}
/** See {@link Dendrite} (the type with attributes): `proj.dendrite(postRank)` returns one. */
export const Dendrite = DendriteClass as unknown as DendriteConstructor;

/** One synapse, with the synapse's attributes `A` as properties (`syn.w`, numbers). */
export type IndividualSynapse<A extends string = string> = IndividualSynapseClass<A> & AttributeProperties<A, IndividualSynapseClass>;
/** `new IndividualSynapse(dendrite, preRank, index)`: the attribute names are the dendrite's. */
export interface IndividualSynapseConstructor {
  new <A extends string = string>(dendrite: Dendrite<A>, preRank: number, index: number): IndividualSynapse<A>;
  readonly prototype: IndividualSynapse;
}
/** See {@link IndividualSynapse} (the type with attributes): `proj.synapse(pre, post)` returns one. */
export const IndividualSynapse = IndividualSynapseClass as unknown as IndividualSynapseConstructor;
