/**
 * Running one copy: build the network with the copy's seed and arguments, call the method, free the
 * network. The same steps as the workers' script (worker-script.ts), for `sequential: true` and for
 * the parent's check of the module's exports.
 */
import { NetworkError } from '../errors.js';
import type { CopyInfo } from './types.js';
import type { Job } from './plan.js';

/** The module's exports that a run uses. */
export interface CopyFunctions {
  build: (copy: CopyInfo & { args: Record<string, unknown> }) => unknown;
  method: (net: unknown, args: Record<string, unknown>, copy: CopyInfo) => unknown;
}

/**
 * The builder and the method from the module's exports; a function given by value must be the
 * module's export of that name (a worker only sees the module), else the error says so.
 */
export function findFunctions(mod: Record<string, unknown>, moduleUrl: string, given: { network: unknown; method: unknown }, names: { network: string; method: string }): CopyFunctions {
  const pick = (key: 'network' | 'method') => {
    const f = mod[names[key]];
    if (typeof f !== 'function') {
      const exported = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
      throw new NetworkError(`parallelRun(): ${key}: module ${moduleUrl} has no exported function '${names[key]}' (its exported functions: ${exported.join(', ') || 'none'}); export it, since workers find it by name`);
    }
    if (typeof given[key] === 'function' && given[key] !== f) {
      throw new NetworkError(`parallelRun(): ${key}: the function '${names[key]}' given is not the one module ${moduleUrl} exports under that name; pass the module's own export`);
    }
    return f as (...a: unknown[]) => unknown;
  };
  return { build: pick('network'), method: pick('method') };
}

/** Runs one copy in this thread. */
export async function runCopy(fns: CopyFunctions, job: Job): Promise<unknown> {
  const info: CopyInfo = { index: job.index, seed: job.seed, number: job.number };
  const net = await buildCopy(fns.build, { ...info, args: job.args });
  try {
    return await fns.method(net, job.args, info);
  } finally {
    disposeCopy(net);
  }
}

/**
 * Calls the builder: a function, or a class (ANNarchy 5's `Network` subclass: its constructor
 * takes the copy, `constructor({ seed, args }) { super({ seed }); … }`), which needs `new`.
 */
export function buildCopy(build: CopyFunctions['build'], copy: CopyInfo & { args: Record<string, unknown> }): unknown {
  if (/^class\b/.test(Function.prototype.toString.call(build))) return new (build as unknown as new (c: typeof copy) => unknown)(copy);
  return build(copy);
}

/** Frees a copy's network (a neurarchy `Network` has `dispose()`: native memory of the cpp backend, GPU buffers). */
export function disposeCopy(net: unknown): void {
  const d = (net as { dispose?: unknown } | null | undefined)?.dispose;
  if (typeof d === 'function' && (net as { disposed?: boolean }).disposed !== true) (d as () => void).call(net);
}
