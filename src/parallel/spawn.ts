/**
 * Starting workers where the code runs: Node's `worker_threads` (imported through a variable, so
 * that browser bundles do not follow it) or a browser's module Web Worker from a Blob URL. Also
 * resolves the user's module to a URL a worker can import, and, for a TypeScript module in Node,
 * tsx's import function (workers do not inherit the loader hooks of `tsx script.ts`).
 */
import { NetworkError } from '../errors.js';
import { NODE_WORKER_SCRIPT, BROWSER_WORKER_SCRIPT } from './worker-script.js';
import type { WorkerHandle, Reply } from './pool.js';

const WORKER_THREADS = 'node:worker_threads';
const NODE_MODULE = 'node:module';
const NODE_URL = 'node:url';
const NODE_PATH = 'node:path';
const NODE_FS = 'node:fs';
const NODE_OS = 'node:os';

/** Whether this code runs in Node.js (else a browser or a Web Worker). */
export function inNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** How many workers fit the machine: Node's `availableParallelism()`, a browser's `hardwareConcurrency`. */
export async function coreCount(): Promise<number> {
  if (inNode()) {
    const os = await import(/* @vite-ignore */ NODE_OS) as typeof import('node:os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}

/** The module as an absolute URL (a path is resolved against the working directory, a relative URL against the page). */
export async function moduleUrl(module: string | URL): Promise<string> {
  if (module instanceof URL) return module.href;
  if (typeof module !== 'string' || module === '') throw new NetworkError(`parallelRun(): module must be a URL or a path (usually import.meta.url), got ${JSON.stringify(module)}`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(module) && !/^[a-z]:[\\/]/i.test(module)) return module;
  if (inNode()) {
    const url = await import(/* @vite-ignore */ NODE_URL) as typeof import('node:url');
    const path = await import(/* @vite-ignore */ NODE_PATH) as typeof import('node:path');
    return url.pathToFileURL(path.resolve(module)).href;
  }
  return new URL(module, (globalThis as { location?: { href: string } }).location?.href).href;
}

/** Whether the module is TypeScript source (needs tsx in Node's workers). */
export function isTypeScript(url: string): boolean {
  return /\.[cm]?tsx?(?:[?#].*)?$/.test(url);
}

/**
 * The URL of tsx's ESM API (`tsx/esm/api`, whose `tsImport` loads TypeScript in a worker), looked
 * up from this package and from the working directory; an error saying what to install otherwise.
 */
export async function tsxImporter(module: string): Promise<string> {
  const { createRequire } = await import(/* @vite-ignore */ NODE_MODULE) as typeof import('node:module');
  const url = await import(/* @vite-ignore */ NODE_URL) as typeof import('node:url');
  const path = await import(/* @vite-ignore */ NODE_PATH) as typeof import('node:path');
  const fs = await import(/* @vite-ignore */ NODE_FS) as typeof import('node:fs');
  for (const from of [import.meta.url, url.pathToFileURL(path.join(process.cwd(), 'x.js')).href]) {
    try {
      const pkgFile = createRequire(from).resolve('tsx/package.json');
      const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { exports?: Record<string, { import?: { default?: string } }> };
      const entry = pkg.exports?.['./esm/api']?.import?.default;
      if (entry) return url.pathToFileURL(path.join(path.dirname(pkgFile), entry)).href;
    } catch { /* not found from there: try the next place */ }
  }
  throw new NetworkError(`parallelRun(): module ${module} is TypeScript, and workers need the 'tsx' package to import it: npm install --save-dev tsx, or give the compiled .js module`);
}

/** Starts workers (Node or browser); `close()` frees what they shared once the run is over. */
export interface Spawner {
  spawn: () => WorkerHandle;
  close: () => void;
}

/** A spawner of workers for this environment (Node's worker_threads or a browser's Web Workers). */
export async function workerSpawner(): Promise<Spawner> {
  if (inNode()) {
    const { Worker } = await import(/* @vite-ignore */ WORKER_THREADS) as typeof import('node:worker_threads');
    const spawn = (): WorkerHandle => {
      const w = new Worker(NODE_WORKER_SCRIPT, { eval: true });
      let terminated = false;
      return {
        post: (m) => w.postMessage(m),
        listen(onMessage, onDeath) {
          w.on('message', (m: Reply) => onMessage(m));
          w.on('error', (e: Error) => onDeath(`${e.name}: ${e.message}`));
          w.on('exit', (code: number) => { if (!terminated) onDeath(`exit code ${code}`); });
        },
        terminate: () => { terminated = true; void w.terminate(); },
      };
    };
    return { spawn, close: () => {} };
  }
  const g = globalThis as unknown as { Worker?: new (url: string, o: { type: 'module' }) => Worker; Blob?: typeof Blob; URL: typeof URL };
  if (typeof g.Worker !== 'function' || typeof g.Blob !== 'function') {
    throw new NetworkError('parallelRun(): this environment has neither Node.js worker_threads nor Web Workers: use sequential: true');
  }
  const blobUrl = g.URL.createObjectURL(new g.Blob([BROWSER_WORKER_SCRIPT], { type: 'text/javascript' }));
  const WebWorker = g.Worker;
  const spawn = (): WorkerHandle => {
    const w = new WebWorker(blobUrl, { type: 'module' });
    let terminated = false;
    return {
      post: (m) => w.postMessage(m),
      listen(onMessage, onDeath) {
        w.onmessage = (e: MessageEvent<Reply>) => onMessage(e.data);
        w.onerror = (e: ErrorEvent) => { e.preventDefault(); if (!terminated) onDeath(e.message || 'the worker could not run (check the module URL and that it is an ES module)'); };
        w.onmessageerror = () => { if (!terminated) onDeath('a message from the worker could not be read'); };
      },
      terminate: () => { terminated = true; w.terminate(); },
    };
  };
  return { spawn, close: () => g.URL.revokeObjectURL(blobUrl) };
}
