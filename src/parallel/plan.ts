/**
 * Checking `parallelRun()`'s options and turning them into one job per copy: seeds (ANNarchy's
 * `'sequential'` / `'same'` / list / random) and per-copy arguments (an array of `number` values is
 * split, anything else is shared). Everything is checked before a worker starts, so that a mistake
 * costs no simulation time.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, describeValue, optionKeys } from '../core/options.js';
import { seedFromTime } from '../random/stream.js';
import type { ParallelRunOptions, ParallelNetworksOptions, SeedsOption } from './types.js';

/** The keys of {@link ParallelRunOptions}. */
export const PARALLEL_RUN_OPTIONS = optionKeys<ParallelRunOptions>()(
  ['module', 'network', 'method', 'number', 'seeds', 'seed', 'args', 'maxProcesses', 'measureTime', 'sequential'],
);
/** The keys of {@link ParallelNetworksOptions}. */
export const PARALLEL_NETWORKS_OPTIONS = optionKeys<ParallelNetworksOptions>()(['networks', 'method', 'args', 'measureTime']);

/** ANNarchy's spellings that neurarchy names otherwise. */
export const PARALLEL_RUN_RULES = {
  renamed: { max_processes: 'maxProcesses', measure_time: 'measureTime', same_seed: "seeds: 'same'" },
  unsupported: {
    annarchy_json: 'there is no configuration file: give compile options inside your builder',
    visible_cores: 'workers are not pinned to cores; limit them with maxProcesses',
  },
} as const;

const WHERE = 'parallelRun()';

/** One copy's job: everything a worker needs, all structured-cloneable. */
export interface Job {
  index: number;
  seed: number;
  number: number;
  args: Record<string, unknown>;
}

function isSeed(s: unknown): s is number {
  return typeof s === 'number' && Number.isSafeInteger(s) && s >= 0;
}

/** The per-copy seeds (ANNarchy's rules; `null` draws one seed per copy so that each can be replayed). */
export function copySeeds(seeds: SeedsOption | undefined, seed: number | undefined, number: number): number[] {
  if (seed !== undefined && !isSeed(seed)) throw new NetworkError(`${WHERE}: seed must be a non-negative integer, got ${describeValue(seed)}`);
  const base = seed ?? seedFromTime();
  const mode = seeds === undefined ? 'sequential' : seeds;
  if (mode === 'sequential') return Array.from({ length: number }, (_, i) => base + i + 1);
  if (mode === 'same') return new Array<number>(number).fill(base);
  if (mode === null) {
    if (seed !== undefined) throw new NetworkError(`${WHERE}: seeds: null draws a random seed per copy, so seed ${seed} would be unused: remove seed, or use seeds: 'sequential' / 'same'`);
    return Array.from({ length: number }, () => seedFromTime());
  }
  if (!Array.isArray(mode)) throw new NetworkError(`${WHERE}: seeds must be 'sequential', 'same', null or a list of ${number} seeds, got ${describeValue(mode)}`);
  if (seed !== undefined) throw new NetworkError(`${WHERE}: seeds is a list, so seed ${seed} would be unused: remove one of the two`);
  if (mode.length !== number) throw new NetworkError(`${WHERE}: seeds has ${mode.length} values but number is ${number}: give one seed per copy`);
  const bad = mode.findIndex((s) => !isSeed(s));
  if (bad >= 0) throw new NetworkError(`${WHERE}: seeds[${bad}] must be a non-negative integer, got ${describeValue(mode[bad])}`);
  return [...mode];
}

/** Splits the arguments: arrays of `number` values go one per copy; other values go to every copy. */
export function copyArgs(args: Record<string, unknown> | undefined, number: number): Record<string, unknown>[] {
  if (args === undefined) return Array.from({ length: number }, () => ({}));
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    throw new NetworkError(`${WHERE}: args must be an object of named arguments, got ${describeValue(args)}`);
  }
  for (const [key, value] of Object.entries(args)) {
    if (Array.isArray(value) && value.length !== number) {
      throw new NetworkError(
        `${WHERE}: args.${key} has ${value.length} values but there are ${number} copies: give one value per copy, `
        + 'or pass a list shared by every copy as a typed array (Float64Array) or inside an object',
      );
    }
  }
  return Array.from({ length: number }, (_, i) => Object.fromEntries(
    Object.entries(args).map(([key, value]) => [key, Array.isArray(value) ? value[i] : value]),
  ));
}

/** The number of workers: `maxProcesses` (checked) or the cores, never more than the copies. */
export function poolSize(maxProcesses: number | undefined, cores: number, number: number): number {
  if (maxProcesses !== undefined && (!Number.isSafeInteger(maxProcesses) || maxProcesses < 1)) {
    throw new NetworkError(`${WHERE}: maxProcesses must be a positive integer, got ${describeValue(maxProcesses)}`);
  }
  return Math.max(1, Math.min(number, maxProcesses ?? cores));
}

/** Checks the module form's options; returns the jobs. */
export function planModuleRun(options: ParallelRunOptions): Job[] {
  checkOptions(options, PARALLEL_RUN_OPTIONS, WHERE, PARALLEL_RUN_RULES);
  const { number } = options;
  if (!Number.isSafeInteger(number) || number < 1) throw new NetworkError(`${WHERE}: number must be a positive integer (how many copies to run), got ${describeValue(number)}`);
  if (options.module === undefined) throw new NetworkError(`${WHERE}: module is missing: give the module that exports the builder and the method (usually import.meta.url)`);
  for (const key of ['network', 'method'] as const) {
    const f = options[key];
    if (typeof f !== 'string' && typeof f !== 'function') {
      throw new NetworkError(`${WHERE}: ${key} must be an exported function of the module or the name of its export, got ${describeValue(f)}`);
    }
  }
  const seeds = copySeeds(options.seeds, options.seed, number);
  const args = copyArgs(options.args as Record<string, unknown> | undefined, number);
  return seeds.map((seed, index) => ({ index, seed, number, args: args[index] }));
}

/** The export name of a function given by value or by name. */
export function exportName(f: unknown, key: 'network' | 'method'): string {
  if (typeof f === 'string') return f;
  const name = (f as { name?: string }).name;
  if (!name) throw new NetworkError(`${WHERE}: ${key} is an anonymous function: workers find functions by their export name; export it as a named function, or give its export name`);
  return name;
}
