/**
 * `neurarchy/browser`: the package for web pages, bundled into one file (`dist/browser/`). The same
 * API as `neurarchy`, with the `webgpu` backend bundled in (it runs on `navigator.gpu`); `cpp` needs
 * Node.js and is absent.
 *
 * @packageDocumentation
 */
import { registerBackend } from './backends/registry.js';
import { createWebGpuBackend } from './backends/webgpu/index.js';

export * from './index.js';

// In Node.js the core imports the webgpu backend on demand by a relative path; a single-file bundle
// has no such file beside it, so the bundle registers the backend it contains.
registerBackend('webgpu', async () => createWebGpuBackend());
