/**
 * The WebGPU adapter this machine gives the webgpu backend, and the limits that bound the size of
 * a network on it (the backend holds all float state in one storage buffer and all integer state
 * in another, each within `maxStorageBufferBindingSize`).
 *
 * Run: npx tsx bench/gpu-limits.ts
 * Prints one line `RESULT {json}`: `kind: 'gpu-limits'`, `adapter`, and the limits.
 */
import { acquireDevice } from '../src/backends/webgpu/device.js';
import { emit } from './lib/args.js';

const { device, description } = await acquireDevice();
const L = device.limits;
emit({
  kind: 'gpu-limits', adapter: description,
  maxStorageBufferBindingSize: L.maxStorageBufferBindingSize, maxBufferSize: L.maxBufferSize,
  maxComputeWorkgroupsPerDimension: L.maxComputeWorkgroupsPerDimension,
  maxComputeInvocationsPerWorkgroup: L.maxComputeInvocationsPerWorkgroup,
  maxStorageBuffersPerShaderStage: L.maxStorageBuffersPerShaderStage,
  features: [...device.features].sort(),
});
device.destroy();
