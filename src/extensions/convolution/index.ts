/**
 * ANNarchy's convolution extension: shared-weight projections (`Convolution`, `Pooling`, `Copy`)
 * running on every backend through the plan's `shared` transmission (`ir/plan.ts`).
 */
export { SharedProjection, type SharedOperation } from './SharedProjection.js';
export { Convolution, type ConvolutionOptions, type FilterOptions } from './Convolution.js';
export { Pooling, type PoolingOptions } from './Pooling.js';
export { Copy } from './Copy.js';
export { Transpose } from './Transpose.js';
export { DiagonalProjection, type DiagonalOptions } from './DiagonalProjection.js';
export type { FilterArray } from './filters.js';
