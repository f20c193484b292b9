/**
 * ANNarchy's `Copy` (`ANNarchy.extensions.convolution`): a projection between other populations
 * that reuses the windows, the weights and the delay of a shared-weight projection.
 */
import { NetworkError } from '../../errors.js';
import { checkOptions } from '../../core/options.js';
import type { PopulationLike } from '../../core/Projection.js';
import { SharedProjection } from './SharedProjection.js';
import { defaultPsp, type ConvolutionOptions } from './Convolution.js';

/**
 * A copy of a {@link Convolution} or {@link Pooling}: the same filter array (one in memory: setting
 * `weights` on the original changes the copies), with its own psp and operation.
 */
export class Copy extends SharedProjection {
  /** `new Copy(pre, post, target, { psp, operation, name })`, then `.copy(projection)`. */
  constructor(pre: PopulationLike, post: PopulationLike, target: string, options: ConvolutionOptions = {}) {
    checkOptions(options, ['psp', 'operation', 'name'], 'new Copy()');
    super('Copy', pre, post, target, options.psp ?? defaultPsp(pre), options.operation ?? 'sum', options.name);
  }

  /** Shares the windows, weights and delay of `projection` (connected, populations of the same sizes). */
  copy(projection: SharedProjection): this {
    const where = `projection '${this.name}'.copy()`;
    if (!(projection instanceof SharedProjection)) {
      throw new NetworkError(`${where}: only a Convolution, Pooling or Copy can be copied (their weights are shared); for a regular projection, connect this one with the same connector`);
    }
    return this.shareFrom(where, projection);
  }
}
