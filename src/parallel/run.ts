/**
 * `parallelRun()`: ANNarchy's `parallel_run` — a method run on several copies of a network at the
 * same time, results in order. The module form starts workers (Node `worker_threads`, browser Web
 * Workers) that import the user's module and build each copy with its seed and arguments; the
 * `networks` form runs on networks that already exist in this thread.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import type { ParallelRunOptions, ParallelNetworksOptions, CopyInfo } from './types.js';
import { planModuleRun, copyArgs, exportName, poolSize, PARALLEL_NETWORKS_OPTIONS, PARALLEL_RUN_RULES, type Job } from './plan.js';
import { findFunctions, runCopy, type CopyFunctions } from './copy.js';
import { runPool, ParallelRunError } from './pool.js';
import { workerSpawner, coreCount, moduleUrl, inNode, isTypeScript, tsxImporter } from './spawn.js';

/** True inside a `parallelRun()` worker: guard a script's own top-level run with `if (!isParallelWorker())`. */
export function isParallelWorker(): boolean {
  return (globalThis as Record<symbol, unknown>)[Symbol.for('neurarchy.parallelWorker')] === true;
}

/**
 * Runs `method` on `number` copies of a network built by `network` (both exports of `module`), in
 * at most `maxProcesses` workers at a time, and resolves to the method's results in copy order
 * (ANNarchy's `parallel_run`). A copy's result equals the result of the same builder and method
 * run alone with the same seed and arguments. A failed copy rejects with a `ParallelRunError`
 * naming its index and seed.
 *
 * ```ts
 * export function build({ seed, args }) { const net = new Network({ seed }); … return net; }
 * export async function run(net, args) { await net.compile(); await net.simulate(1000); return …; }
 * if (!isParallelWorker()) {
 *   const results = await parallelRun({ module: import.meta.url, network: build, method: run, number: 4, seed: 42, args: { g: [1, 2, 3, 4] } });
 * }
 * ```
 */
export function parallelRun<N, A extends Record<string, unknown>, R>(options: ParallelRunOptions<N, A, R>): Promise<Awaited<R>[]>;
/** Runs `method` on each of `networks` (objects of this thread; their simulations interleave) and resolves to the results in order. */
export function parallelRun<N, A extends Record<string, unknown>, R>(options: ParallelNetworksOptions<N, A, R>): Promise<Awaited<R>[]>;
export async function parallelRun(options: ParallelRunOptions | ParallelNetworksOptions): Promise<unknown[]> {
  if (options === null || typeof options !== 'object') throw new NetworkError(`parallelRun(): give an options object ({ module, network, method, number, … }), got ${describeValue(options)}`);
  const t0 = performance.now();
  const results = 'networks' in options ? await runNetworks(options) : await runModule(options);
  if (options.measureTime) {
    const how = 'networks' in options ? 'in this thread' : options.sequential ? 'one after the other' : 'in parallel';
    console.log(`parallelRun(): ${results.length} networks ${how} took ${((performance.now() - t0) / 1000).toFixed(3)} s`);
  }
  return results;
}

async function runModule(options: ParallelRunOptions): Promise<unknown[]> {
  const jobs = planModuleRun(options);
  const url = await moduleUrl(options.module);
  const names = { network: exportName(options.network, 'network'), method: exportName(options.method, 'method') };
  const given = { network: options.network, method: options.method };
  // Functions given by value are used as they are. Names need the module here: it is imported,
  // which also reports a missing export before any worker starts. (A module that calls parallelRun()
  // from its own top level is still being evaluated: importing it would wait for ever, so such a
  // module passes its functions.)
  const fns = typeof given.network === 'function' && typeof given.method === 'function'
    ? { build: given.network, method: given.method } as CopyFunctions
    : findFunctions(await import(/* @vite-ignore */ url) as Record<string, unknown>, url, given, names);
  if (options.sequential) {
    const out: unknown[] = [];
    for (const job of jobs) out.push(await runCopy(fns, job).catch((e: unknown) => { throw copyError(job, e); }));
    return out;
  }
  checkCloneable(jobs);
  const size = poolSize(options.maxProcesses, await coreCount(), jobs.length);
  const tsx = inNode() && isTypeScript(url) ? await tsxImporter(url) : undefined;
  const workers = await workerSpawner();
  try {
    return await runPool(jobs, size, workers.spawn, (job) => ({ module: url, tsx, network: names.network, method: names.method, job }));
  } finally {
    workers.close();
  }
}

/** Arguments travel to the workers by structured clone: a function or a class instance with private state cannot. */
function checkCloneable(jobs: readonly Job[]): void {
  for (const [key, value] of Object.entries(jobs[0].args)) {
    for (const job of jobs) {
      try {
        structuredClone(job.args[key]);
      } catch (e) {
        throw new NetworkError(`parallelRun(): args.${key} of copy ${job.index} cannot be sent to a worker (${(e as Error).message}): give numbers, strings, arrays, typed arrays or plain objects, and build other objects in the builder${typeof value === 'function' ? ' (a function: export it from the module and call it there)' : ''}`);
      }
    }
  }
}

/** A copy's error in this thread (`sequential`, `networks`), as the workers' errors are reported. */
function copyError(job: Pick<Job, 'index' | 'seed'>, e: unknown): ParallelRunError {
  const err = e instanceof Error ? e : new NetworkError(`a copy threw ${String(e)}`);
  const failure = new ParallelRunError([{ index: job.index, seed: job.seed, name: err.name, message: err.message, stack: err.stack }]);
  failure.cause = err;
  return failure;
}

async function runNetworks(options: ParallelNetworksOptions): Promise<unknown[]> {
  checkOptions(options, PARALLEL_NETWORKS_OPTIONS, 'parallelRun({ networks })', {
    ...PARALLEL_RUN_RULES,
    unsupported: {
      ...PARALLEL_RUN_RULES.unsupported,
      seeds: 'the networks exist already, with their own seeds: give new Network({ seed }) to each',
      seed: 'the networks exist already, with their own seeds: give new Network({ seed }) to each',
      number: 'the number of copies is networks.length',
      maxProcesses: 'network objects cannot cross to a worker, so this form runs in this thread: use the module form for workers',
    },
  });
  const { networks, method } = options;
  if (!Array.isArray(networks) || networks.length === 0) throw new NetworkError(`parallelRun(): networks must be a non-empty list of networks, got ${describeValue(networks)}`);
  if (typeof method !== 'function') throw new NetworkError(`parallelRun({ networks }): method must be a function (net, args, copy) => result, got ${describeValue(method)}`);
  const args = copyArgs(options.args as Record<string, unknown> | undefined, networks.length);
  // allSettled: the run ends when every network has finished, never with simulations still going.
  const settled = await Promise.allSettled(networks.map(async (net, index) => {
    const seed = (net as { seed?: unknown }).seed;
    const info: CopyInfo = { index, seed: typeof seed === 'number' ? seed : NaN, number: networks.length };
    try {
      return await method(net, args[index], info);
    } catch (e) {
      throw copyError({ index, seed: info.seed }, e);
    }
  }));
  const failures = settled.flatMap((r) => (r.status === 'rejected' ? (r.reason as ParallelRunError).failures : []));
  if (failures.length > 0) throw new ParallelRunError(failures);
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value);
}
