/**
 * Parallel runs (ANNarchy's `parallel_run`): a method on several copies of a network, in workers.
 * See docs/guides/parallel-runs.md.
 */
export { parallelRun, isParallelWorker } from './run.js';
export { ParallelRunError, type CopyFailure } from './pool.js';
export type { CopyInfo, NetworkBuilder, CopyMethod, SeedsOption, ParallelRunOptions, ParallelNetworksOptions } from './types.js';
