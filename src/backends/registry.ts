/**
 * Which backend `compile()` uses. `js` is always there; `cpp` and `webgpu` are loaded on demand so
 * that the core stays free of Node-only and GPU-only modules (browser bundles never pull them in).
 */
import { NetworkError } from '../errors.js';
import type { Backend, BackendOptions } from '../runtime/engine.js';
import type { BackendName } from '../ir/plan.js';
import { jsBackend } from './js/engine.js';
import { createWasmBackend } from './wasm/engine.js';

// Declared next to `Backend`, so that a backend's engine never imports the registry that loads it.
export type { BackendOptions } from '../runtime/engine.js';

const loaders: Record<string, (o: BackendOptions) => Promise<Backend>> = {
  js: async () => jsBackend,
  wasm: async (o) => createWasmBackend(o),
  cpp: loadCpp,
  webgpu: loadWebGpu,
};

/**
 * The `cpp` backend (Node only: child_process, fs, koffi), imported on first use. The specifier is
 * not a literal so that bundlers leave the module out of browser builds.
 */
async function loadCpp(o: BackendOptions): Promise<Backend> {
  const specifier = './cpp/index.js';
  const mod = (await import(/* @vite-ignore */ specifier)) as typeof import('./cpp/index.js');
  return mod.createCppBackend(o);
}

/**
 * The `webgpu` backend, imported on first use (a non-literal specifier, like `cpp`: in browsers the
 * module itself uses `navigator.gpu`, in Node.js it imports the optional `webgpu` package).
 */
async function loadWebGpu(): Promise<Backend> {
  const specifier = './webgpu/index.js';
  const mod = (await import(/* @vite-ignore */ specifier)) as typeof import('./webgpu/index.js');
  return mod.createWebGpuBackend();
}

/** Registers a backend loader (used by the `cpp` and `webgpu` modules). */
export function registerBackend(name: BackendName, load: (o: BackendOptions) => Promise<Backend>): void {
  loaders[name] = load;
}

export async function loadBackend(name: BackendName, options: BackendOptions): Promise<Backend> {
  const load = loaders[name];
  if (!load) throw new NetworkError(`backend '${name}' is not available (known: ${Object.keys(loaders).join(', ')})`);
  return load(options);
}
