/**
 * `Dendrite`: the synapses of one projection onto one post-synaptic neuron.
 */
import { NetworkError } from '../errors.js';
import type { Projection } from './Projection.js';
import type { AttributeInput } from './values.js';

export class Dendrite {
  readonly projection: Projection;
  /** Position of the dendrite in the projection (0 … proj.size-1). */
  readonly index: number;

  [attribute: string]: any;

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
    for (const [name, v] of Object.entries(values)) this.projection.setAttribute(name, v, this.index);
  }

  /** The synapse coming from `preRank`. */
  synapse(preRank: number): { get(name: string): number; set(values: Record<string, number>): void } {
    const c = this.projection.requireConnected();
    const start = c.rowPtr[this.index];
    const k = this.preRanks.indexOf(preRank);
    if (k < 0) throw new NetworkError(`no synapse from pre-synaptic neuron ${preRank} onto post-synaptic neuron ${this.postRank} in projection '${this.projection.name}'`);
    const proj = this.projection;
    const index = start + k;
    return {
      get: (name: string) => {
        const locality = proj.storageLocality(name);
        const arr = proj.f64(name);
        return locality === 'global' ? arr[0] : locality === 'semiglobal' ? arr[this.index] : arr[index];
      },
      set: (values: Record<string, number>) => {
        for (const [name, v] of Object.entries(values)) {
          const locality = proj.storageLocality(name);
          if (locality !== 'local') throw new NetworkError(`attribute '${name}' of projection '${proj.name}' is not per synapse`);
          proj.f64(name)[index] = v;
          proj.network.attributeWritten(proj, name);
        }
      },
    };
  }
}
