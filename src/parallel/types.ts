/**
 * The public types of `parallelRun()` (ANNarchy's `parallel_run`): what the user's module exports
 * (a network builder and a method), what each copy receives, and the options.
 */

/** What one copy knows about itself: passed to the builder and to the method. */
export interface CopyInfo {
  /** 0-based index of the copy; results come back in this order. */
  index: number;
  /** The copy's seed (always a number: with `seeds: null` a fresh random one, drawn by the caller). */
  seed: number;
  /** How many copies the run has. */
  number: number;
}

/**
 * Builds one copy of the network, called in the worker with the copy's seed and arguments: a
 * function that returns a neurarchy `Network`, a PymoNNto-style `behaviors.Network` or any object
 * the method works on; or a class (ANNarchy 5's `Network` subclass) whose constructor takes the
 * copy: `class Coba extends Network { constructor({ seed, args }) { super({ seed }); … } }`.
 */
export type NetworkBuilder<N = unknown, A = Record<string, unknown>> =
  | ((copy: CopyInfo & { args: A }) => N | Promise<N>)
  | (new (copy: CopyInfo & { args: A }) => N);

/** The user function run on each copy (ANNarchy's `method(net, **kwargs)`); its result must be structured-cloneable. */
export type CopyMethod<N = unknown, A = Record<string, unknown>, R = unknown> = (net: N, args: A, copy: CopyInfo) => R | Promise<R>;

/**
 * Per-copy seeds (ANNarchy's `seeds`): `'sequential'` (default) gives copy `i` the seed
 * `seed + i + 1` (ANNarchy's rule: 42 → 43, 44, …); `'same'` gives every copy `seed`; a list gives
 * one seed per copy; `null` draws a random seed per copy (reported in {@link CopyInfo.seed}).
 */
export type SeedsOption = 'sequential' | 'same' | readonly number[] | null;

/**
 * Options of {@link parallelRun} in its module form: the builder and the method are exports of a
 * module that each worker imports (a worker cannot receive a closure).
 */
export interface ParallelRunOptions<N = unknown, A = Record<string, unknown>, R = unknown> {
  /**
   * The module that exports `network` and `method`: usually `import.meta.url`; a file path or a
   * `file:`/`http(s):` URL. A TypeScript module needs the `tsx` package (it is used to import it in
   * the workers). Its top-level code runs again in every worker: guard the script part with
   * `if (!isParallelWorker())` (Python's `if __name__ == '__main__'`).
   */
  module: string | URL;
  /** The builder: an exported function, or the name of its export. */
  network: NetworkBuilder<N, A> | string;
  /** The method run on each copy: an exported function, or the name of its export. */
  method: CopyMethod<N, A, R> | string;
  /** How many copies to run. */
  number: number;
  /** Per-copy seeds (default `'sequential'`); see {@link SeedsOption}. */
  seeds?: SeedsOption;
  /** The seed that `'sequential'` and `'same'` start from (ANNarchy: the parent network's seed). Default: drawn from the clock. */
  seed?: number;
  /**
   * Arguments of the builder and the method. An array of exactly `number` values gives one value
   * per copy (ANNarchy's list arguments); any other value is given to every copy. An array of
   * another length is an error (pass a list shared by every copy as a typed array or inside an object).
   */
  args?: { [K in keyof A]: A[K] | A[K][] };
  /** Most workers at a time (ANNarchy's `max_processes`). Default: the number of cores, at most `number`. */
  maxProcesses?: number;
  /** Print the wall time of the whole run (ANNarchy's `measure_time`). Default false. */
  measureTime?: boolean;
  /** Run the copies one after the other in this thread, without workers (ANNarchy 4's `sequential=True`). Default false. */
  sequential?: boolean;
}

/** Options of {@link parallelRun} with networks that already exist in this thread (ANNarchy 4's `networks=[…]`). */
export interface ParallelNetworksOptions<N = unknown, A = Record<string, unknown>, R = unknown> {
  /** The networks (objects cannot cross to a worker: they run in this thread, their simulations interleaved). */
  networks: readonly N[];
  /** The method run on each network. */
  method: CopyMethod<N, A, R>;
  /** Arguments, as in {@link ParallelRunOptions.args} (a list of `networks.length` values gives one per network). */
  args?: { [K in keyof A]: A[K] | A[K][] };
  /** Print the wall time of the whole run. Default false. */
  measureTime?: boolean;
}
