/**
 * What one dispatch costs on this WebGPU adapter, the floor under the webgpu backend's step time
 * (a step is a handful of dispatches in one compute pass; `engine.info.launches` counts them).
 * `steps` × `per` dispatches of a tiny kernel are recorded into one compute pass and one submission,
 * as the backend records a chunk of steps; each dispatch writes the buffer the next one reads, so the
 * implementation must order them (a barrier between dispatches), as between the backend's kernels.
 * Modes: `direct` (one workgroup), `wide` (`--groups` workgroups of 64: a kernel over a population),
 * `indirect` (one workgroup, its size read from a buffer, as the backend's spike-driven kernels),
 * `bounded` (`--groups` workgroups dispatched directly, all but one returning at once after reading
 * the count from a buffer: the backend's direct dispatch of a spike-driven kernel with its bound,
 * `src/backends/webgpu/kernel.ts` `directDispatchTuning`; `(bounded − direct) / groups` is what an
 * idle workgroup costs, the figure that sets the threshold).
 *
 * Run: npx tsx bench/gpu-dispatch.ts [--steps 2000] [--per 6] [--groups 1563] [--reps 3]
 * Dawn's toggles come from NEURARCHY_DAWN_FLAGS (src/backends/webgpu/device.ts `NODE_DAWN_FLAGS`),
 * e.g. `NEURARCHY_DAWN_FLAGS=enable-dawn-features=skip_validation`.
 * Prints one line `RESULT {json}`: `us_per_dispatch_<mode>` (submission to completion, per dispatch),
 * `us_record_<mode>` (recording on the CPU, per dispatch), medians of `reps`, `ns_per_idle_workgroup`
 * (`bounded`'s cost over `direct`'s per workgroup), and the adapter.
 */
import { acquireDevice, NODE_DAWN_FLAGS } from '../src/backends/webgpu/device.js';
import { emit, parseArgs } from './lib/args.js';

const a = parseArgs({ steps: 2000, per: 6, groups: 1563, reps: 3 });
const { device, description } = await acquireDevice();
// The workgroups at or beyond c[1] return at once: `bounded` sets it to 1 (a bounded kernel reading its slot), the others to all.
const module = device.createShaderModule({
  code: `@group(0) @binding(0) var<storage, read_write> c: array<atomic<u32>>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  if (wid.x >= atomicLoad(&c[1])) { return; }
  if (id.x == 0u) { atomicAdd(&c[0], 1u); }
}`,
});
const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
const counter = device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: counter } }] });
const indirect = device.createBuffer({ size: 12, usage: GPUBufferUsage.INDIRECT | GPUBufferUsage.COPY_DST });
device.queue.writeBuffer(indirect, 0, new Uint32Array([1, 1, 1]));

type Mode = 'direct' | 'wide' | 'indirect' | 'bounded';
/** Seconds to record the dispatches, and from submission to completion. */
async function run(mode: Mode, steps: number): Promise<[number, number]> {
  const t0 = performance.now();
  const e = device.createCommandEncoder();
  const p = e.beginComputePass();
  p.setPipeline(pipeline);
  p.setBindGroup(0, bind);
  for (let s = 0; s < steps * a.per; s++) {
    if (mode === 'indirect') p.dispatchWorkgroupsIndirect(indirect, 0);
    else p.dispatchWorkgroups(mode === 'direct' ? 1 : a.groups);
  }
  p.end();
  const commands = e.finish();
  const t1 = performance.now();
  device.queue.submit([commands]);
  await device.queue.onSubmittedWorkDone();
  return [(t1 - t0) / 1000, (performance.now() - t1) / 1000];
}

const out: Record<string, number> = {};
for (const mode of ['direct', 'wide', 'indirect', 'bounded'] as Mode[]) {
  device.queue.writeBuffer(counter, 4, Uint32Array.of(mode === 'bounded' ? 1 : 0xffffffff));
  await run(mode, 10); // warm-up
  const rec: number[] = [], gpu: number[] = [];
  for (let r = 0; r < a.reps; r++) {
    const [x, y] = await run(mode, a.steps);
    rec.push(x);
    gpu.push(y);
  }
  const median = (v: number[]) => v.sort((x, y) => x - y)[v.length >> 1];
  out[`us_per_dispatch_${mode}`] = (median(gpu) / (a.steps * a.per)) * 1e6;
  out[`us_record_${mode}`] = (median(rec) / (a.steps * a.per)) * 1e6;
}
out.ns_per_idle_workgroup = ((out.us_per_dispatch_bounded - out.us_per_dispatch_direct) / a.groups) * 1e3;
emit({ kind: 'gpu-dispatch', adapter: description, flags: process.env.NEURARCHY_DAWN_FLAGS ?? NODE_DAWN_FLAGS, steps: a.steps, per: a.per, groups: a.groups, ...out });
device.destroy();
