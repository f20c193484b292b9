/**
 * ANNarchy's `Pooling` (`ANNarchy.extensions.convolution`): each post-synaptic neuron reduces a
 * block (`extent`) of the pre-synaptic population with max, min or mean.
 */
import { NetworkError } from '../../errors.js';
import { checkOptions } from '../../core/options.js';
import type { PopulationLike } from '../../core/Projection.js';
import { SharedProjection } from './SharedProjection.js';
import { poolingTable } from './windows.js';

/** Options of `new Pooling(pre, post, target, options)`. */
export interface PoolingOptions {
  /** The reduction (default `'max'`). */
  operation?: 'max' | 'min' | 'mean';
  /** The value pooled for each pre-synaptic neuron (default `'pre.r'`). */
  psp?: string;
  /** Unique name in the network. */
  name?: string;
}

/**
 * Pooling: post-synaptic neuron with coordinates c gets `sum(target) = op over the block
 * [c·extent, (c+1)·extent) of psp(pre.r)` (pre-synaptic dimensions beyond the post-synaptic ones start at 0).
 */
export class Pooling extends SharedProjection {
  /** The block size per pre-synaptic dimension, once `pooling()` ran. */
  extent: number[] = [];

  /** `new Pooling(pre, post, target, { operation, psp, name })`. */
  constructor(pre: PopulationLike, post: PopulationLike, target: string, options: PoolingOptions = {}) {
    checkOptions(options, ['operation', 'psp', 'name'], 'new Pooling()');
    const op = options.operation ?? 'max';
    if (!['max', 'min', 'mean'].includes(op)) throw new NetworkError(`new Pooling(): operation must be 'max', 'min' or 'mean', got ${String(op)} (a sum over blocks is a Convolution with a filter of ones)`);
    // Spiking: each spike counts 1 (the pooled weight).
    super('Pooling', pre, post, target, options.psp ?? (pre.population.description.type === 'spike' ? 'w' : 'pre.r'), op, options.name);
  }

  /** Connects the blocks: `extent` per pre-synaptic dimension (inferred when pre and post have the same dimensions), `delays` in ms. ANNarchy's `pooling()`. */
  pooling(options: { extent?: readonly number[]; delays?: number } = {}): this {
    const where = `projection '${this.name}'.pooling()`;
    checkOptions(options, ['extent', 'delays'], where);
    this.checkConnect(where, options.delays ?? 0);
    const { table, extent } = poolingTable(this.pre.population.geometry, this.post.population.geometry, options.extent, where);
    this.extent = extent;
    // `w` is a block of ones (the psp may read it: a spike counts w = 1).
    this.filterShape = extent;
    return this.connectShared(where, table, new Float64Array(table.window).fill(1), options.delays ?? 0, 'Pooling');
  }
}
