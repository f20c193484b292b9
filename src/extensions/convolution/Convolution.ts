/**
 * ANNarchy's `Convolution` (`ANNarchy.extensions.convolution`): a filter (or a bank of filters)
 * slid over the pre-synaptic population, one shared copy of its weights.
 */
import { checkOptions } from '../../core/options.js';
import type { PopulationLike } from '../../core/Projection.js';
import { SharedProjection, type SharedOperation } from './SharedProjection.js';
import { readFilter, type FilterArray } from './filters.js';
import { convolutionTable } from './windows.js';

/** Options of `new Convolution(pre, post, target, options)`. */
export interface ConvolutionOptions {
  /** The contribution of one filter element (default `'w * pre.r'`, spiking: `'w'` per spike; any expression of `w` and `pre.x`). */
  psp?: string;
  /** How the contributions of a window are reduced (default `'sum'`; `'mean'` divides by the window size). */
  operation?: SharedOperation;
  /** Unique name in the network. */
  name?: string;
}

/** Options of {@link Convolution.connectFilter} and {@link Convolution.connectFilters}. */
export interface FilterOptions {
  /** Uniform delay in ms (default: one step, as every rate-coded projection). */
  delays?: number;
  /** Apply a filter with one dimension fewer than the pre-synaptic population to each slice of its last dimension. */
  keepLastDimension?: boolean;
  /**
   * The rate outside the pre-synaptic population (default 0), or `'border'` to repeat the border
   * values. The padded rate goes through the psp like any other (`w * padding`), which ANNarchy
   * does not do (it adds `padding` itself).
   */
  padding?: number | 'border';
  /** The centre (pre-synaptic coordinates) of each post-synaptic neuron's window (a bank: each position, filters excluded). */
  subsampling?: readonly (readonly number[])[];
}

/** `w * pre.r` between rate-coded populations; `w` (added per spike) between spiking ones. */
export function defaultPsp(pre: PopulationLike): string {
  return pre.population.description.type === 'spike' ? 'w' : 'w * pre.r';
}

const FILTER_KEYS = ['delays', 'keepLastDimension', 'padding', 'subsampling'] as const;

/**
 * Shared-weight convolution (really a cross-correlation, as ANNarchy's): post-synaptic neuron i gets
 * `sum(target) = op over the filter elements k of psp(w[k], pre.r at centre(i) + k − centre)`.
 * The centre of each window follows the geometries (sub-sampling when pre is a multiple of post);
 * populations of 1 to 4 dimensions.
 *
 * @example
 * ```ts
 * const edges = net.connect(new Convolution(image, features, 'exc'));
 * edges.connectFilter([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], { padding: 'border' });
 * ```
 */
export class Convolution extends SharedProjection {
  /** `new Convolution(pre, post, target, { psp, operation, name })`. */
  constructor(pre: PopulationLike, post: PopulationLike, target: string, options: ConvolutionOptions = {}) {
    checkOptions(options, ['psp', 'operation', 'name'], 'new Convolution()');
    super('Convolution', pre, post, target, options.psp ?? defaultPsp(pre), options.operation ?? 'sum', options.name);
  }

  /** One filter (nested arrays, as many dimensions as the pre-synaptic population, or one fewer with `keepLastDimension`). ANNarchy's `connect_filter`. */
  connectFilter(weights: FilterArray, options: FilterOptions = {}): this {
    return this.connectBank(weights, options, false, 'connectFilter');
  }

  /** A bank of filters (first index = filter), filter f feeding the post-synaptic neurons whose last coordinate is f. ANNarchy's `connect_filters`. */
  connectFilters(bank: FilterArray, options: FilterOptions = {}): this {
    return this.connectBank(bank, options, true, 'connectFilters');
  }

  private connectBank(weights: FilterArray, options: FilterOptions, bank: boolean, method: string): this {
    const where = `projection '${this.name}'.${method}()`;
    checkOptions(options, FILTER_KEYS, where);
    this.checkConnect(where, options.delays ?? 0);
    const filter = readFilter(weights, where);
    const table = convolutionTable({
      pre: this.pre.population.geometry, post: this.post.population.geometry, filter, bank,
      keepLastDimension: options.keepLastDimension ?? false, padding: options.padding ?? 0, subsampling: options.subsampling,
    }, where);
    this.filterShape = filter.shape;
    return this.connectShared(where, table, filter.data, options.delays ?? 0, 'Convolution');
  }
}
