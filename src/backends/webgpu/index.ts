/**
 * The `webgpu` backend: WGSL compute shaders generated from the network plan, run through WebGPU
 * (`navigator.gpu` in browsers, the optional `webgpu` package — Dawn — in Node.js). The core
 * reaches this module through a dynamic import (see `../registry.ts`).
 */
export { createWebGpuBackend, WebGpuEngine, CHUNK, type WebGpuEngineInfo } from './engine.js';
export { acquireDevice, getGpu, SWIFTSHADER_ICD, type AcquiredDevice } from './device.js';
export { generateWgsl, buildLayout, type GeneratedNetwork } from './generate.js';
