/**
 * ANNarchy's `Transpose` (`ANNarchy.extensions.convolution`): the reverse direction of a rate-coded
 * projection with the same weights, in memory once (the original's `w` array).
 */
import { NetworkError } from '../../errors.js';
import { checkOptions } from '../../core/options.js';
import { Population } from '../../core/Population.js';
import { ProjectionClass, type Projection } from '../../core/Projection.js';
import { SharedProjection } from './SharedProjection.js';
import type { SharedTable } from './windows.js';

/**
 * The transpose of `projection` (pre → post): post → pre, where neuron j of the original's pre side
 * gets `sum(target) = Σ over the original's synapses (i ← j) of w · r_i` (psp `w * pre.r`, as ANNarchy).
 * The weights are the original's array itself: writing the original's `w` changes both.
 */
export class Transpose extends SharedProjection {
  /** The projection this one transposes. */
  readonly projection: Projection;

  /** `new Transpose(projection, target, { name })`, then `.transpose()`. */
  constructor(projection: Projection, target: string, options: { name?: string } = {}) {
    checkOptions(options, ['name'], 'new Transpose()');
    if (!(projection instanceof ProjectionClass)) throw new NetworkError(`new Transpose(): the first argument must be the projection to transpose, got ${String(projection)}`);
    const { pre, post } = projection;
    if (!(pre instanceof Population) || !(post instanceof Population)) throw new NetworkError(`new Transpose(${projection.name}): the original must connect whole Populations (not views)`);
    super('Transpose', post, pre, target, 'w * pre.r', 'sum', options.name);
    this.projection = projection;
  }

  /** Builds the reversed windows from the original's synapses (connected, rate-coded, not plastic, no delay). ANNarchy's `transpose()`. */
  transpose(): this {
    const where = `projection '${this.name}'.transpose()`;
    const p = this.projection;
    if (p instanceof SharedProjection) throw new NetworkError(`${where}: '${p.name}' shares its weights (Convolution, Pooling, Copy); only an ordinary projection can be transposed`);
    const c = p.requireStored('its synapses', 'transposed');
    if (p.description.type !== 'rate') throw new NetworkError(`${where}: '${p.name}' is spiking; Transpose handles rate-coded projections`);
    if (p.description.plastic || p.network.structuralPlasticity) {
      throw new NetworkError(`${where}: '${p.name}' is plastic (or the network rewires synapses); the transpose reads its weights as they are in memory, which a learning rule on the GPU would not update: not supported`);
    }
    if (c.maxDelay > 1) throw new NetworkError(`${where}: '${p.name}' has delays; ANNarchy transposes projections without delays only`);
    const n = this.post.size;
    const count = new Int32Array(n);
    for (const j of c.preRanks) count[j]++;
    const K = Math.max(1, ...count);
    const pre = new Int32Array(K * n).fill(-1);
    const widx = new Int32Array(K * n);
    const fill = new Int32Array(n);
    // synapse k of dendrite d (post rank P, pre rank j): element fill[j] of transposed neuron j reads P with weight k
    for (let d = 0; d < c.postRanks.length; d++) {
      for (let k = c.rowPtr[d]; k < c.rowPtr[d + 1]; k++) {
        const j = c.preRanks[k];
        const m = fill[j]++;
        pre[m * n + j] = c.postRanks[d];
        widx[m * n + j] = c.singleWeight ? 0 : k;
      }
    }
    const padded = count.some((x) => x < K);
    const table: SharedTable = { window: K, pre, wofs: new Int32Array(n), padding: padded ? 0 : null, widx };
    const w = p.state.get('w') as Float64Array;
    this.filterShape = [w.length];
    return this.connectShared(where, table, w, 0, 'Transpose');
  }
}
