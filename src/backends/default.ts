/**
 * The default backend: `wasm`, which needs nothing more than `js`, gives the same bits and is
 * faster on every benchmark (BENCHMARKS.md); `js` where the JavaScript engine has no WebAssembly
 * (a warning says so once: the results are the same, only slower).
 */
import type { BackendName } from '../ir/plan.js';

let warned = false;

/** `wasm`, or `js` (with a one-time warning) when `WebAssembly` is not available. */
export function defaultBackend(): BackendName {
  if (typeof WebAssembly === 'object' && typeof WebAssembly.compile === 'function') return 'wasm';
  if (!warned) {
    warned = true;
    console.warn("neurarchy: this JavaScript engine has no WebAssembly, so networks run on the 'js' backend (the same results, slower); pass backend: 'js' to choose it explicitly");
  }
  return 'js';
}
