/**
 * Memory bandwidth of the GPU, for the floor of the dense rate network on webgpu (issue 21: "3.6 GB
 * per step ÷ the bandwidth measured by a copy kernel on the same GPU"): a compute shader copies
 * one storage buffer into another (vec4<f32> per invocation), `reps` times after a warm-up; the
 * bandwidth counts each byte read and written. Also the driver's `copyBufferToBuffer` for
 * comparison. The adapter is the backend's (`src/backends/webgpu/device.ts`); a software adapter
 * (SwiftShader) gives the CPU's figure.
 *
 * Run: npx tsx bench/gpu-bandwidth.ts [--mib 1024] [--reps 20]
 * Prints one line `RESULT {json}`: `adapter`, `bytes`, `kernel_gb_s`, `copy_gb_s` (GB = 10⁹ bytes).
 */
import { acquireDevice } from '../src/backends/webgpu/device.js';
import { emit, parseArgs } from './lib/args.js';

const a = parseArgs({ mib: 1024, reps: 20 });
if (!(a.mib >= 1) || !Number.isInteger(a.reps) || a.reps < 1) throw new Error(`--mib must be at least 1 and --reps a positive integer, got --mib ${a.mib} --reps ${a.reps}`);
const { device, description } = await acquireDevice();
const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
const WG = 256;
// A multiple of a workgroup's 16-byte elements, within the device's limits.
const bytes = Math.floor(Math.min(a.mib * 1024 * 1024, limit) / (16 * WG)) * 16 * WG;
const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
const src = device.createBuffer({ size: bytes, usage });
const dst = device.createBuffer({ size: bytes, usage });
const n = bytes / 16;
const groups = n / WG;
// Dispatches are at most 65 535 workgroups per dimension: a 2-D grid covers larger buffers.
const gx = Math.min(groups, 65535), gy = Math.ceil(groups / gx);
const module = device.createShaderModule({
  code: `@group(0) @binding(0) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> b: array<vec4<f32>>;
@compute @workgroup_size(${WG}) fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.y * ${gx * WG}u + id.x;
  if (i < ${n}u) { b[i] = a[i]; }
}`,
});
const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: src } }, { binding: 1, resource: { buffer: dst } }] });

async function time(encode: (e: GPUCommandEncoder) => void, reps: number): Promise<number> {
  const run = async (k: number) => {
    const e = device.createCommandEncoder();
    for (let r = 0; r < k; r++) encode(e);
    device.queue.submit([e.finish()]);
    await device.queue.onSubmittedWorkDone();
  };
  await run(1); // warm-up: pipeline creation, first touch of the buffers
  const t0 = performance.now();
  await run(reps);
  return (performance.now() - t0) / 1000;
}

const kernel = await time((e) => {
  const p = e.beginComputePass();
  p.setPipeline(pipeline);
  p.setBindGroup(0, bind);
  p.dispatchWorkgroups(gx, gy);
  p.end();
}, a.reps);
const copy = await time((e) => e.copyBufferToBuffer(src, 0, dst, 0, bytes), a.reps);
emit({
  kind: 'gpu-bandwidth', adapter: description, bytes, reps: a.reps,
  kernel_gb_s: (2 * bytes * a.reps) / kernel / 1e9, copy_gb_s: (2 * bytes * a.reps) / copy / 1e9,
});
device.destroy();
