/// <reference types="@webgpu/types" />
/**
 * Building a network on the device: the layout and the WGSL of the plan (`generate.ts`), then the
 * GPU objects that run them: the storage buffers `F`, `I`, `A` (`memory.ts`), the uniform buffer of
 * step numbers, the indirect-dispatch buffer, one pipeline per kernel, the bind groups, and the
 * mappable copies the read-back uses. The engine builds once at `compile()` and again whenever an
 * array changes length (delay rings grown, new spike times): the offsets are compiled into the
 * shaders, so a new layout needs new shaders.
 */
import type { EngineInput } from '../../runtime/engine.js';
import { CONNECTIVITY_BUFFERS, stateBuffer, type Region, type BufferName } from './memory.js';
import { buildLayout, generateWgsl, historyLengths, gpuWrites, NO_HALT, type GeneratedNetwork } from './generate.js';
import { workgroupsFor, type Kernel } from './kernel.js';
import { growRings, type OwnArrays } from './rings.js';
import { propagationArrays } from './propagation.js';
import { NetworkError, InternalError } from '../../errors.js';

/** Steps encoded per submission when no hook needs the state in between. */
export const CHUNK = 2048;
/**
 * Bytes between the per-step uniform slots (WebGPU's minimum dynamic-offset alignment): the step
 * uniform buffer holds {@link CHUNK} slots, and each dispatch gets its step number by the offset
 * of its slot, so that a whole batch is encoded without writing the uniform in between.
 */
export const SLOT = 256;

/**
 * The bytes of one connectivity buffer, when not the adapter's `maxStorageBufferBindingSize`.
 * @internal tests lower it to spread the connectivity over several buffers.
 */
export const bindingLimit: { bytes?: number } = {};

/** Everything the device holds for one build of the network, and what the engine knows of it. */
export interface Compiled {
  /** The layout and the WGSL modules. */
  gen: GeneratedNetwork;
  /** The float storage buffer. */
  F: GPUBuffer;
  /** The int32 storage buffer. */
  I: GPUBuffer;
  /** The atomic counters. */
  A: GPUBuffer;
  /** The read-only connectivity buffers `C0`…`C3` (`memory.ts` `CONNECTIVITY_BUFFERS`; 16 bytes where empty). */
  C: GPUBuffer[];
  /** The step uniforms ({@link CHUNK} slots of {@link SLOT} bytes). */
  U: GPUBuffer;
  /** The indirect-dispatch arguments (3 × u32 per slot). */
  IND: GPUBuffer;
  /** Per kernel, in order: what a step encodes (workgroups `wg`, or indirect at byte `indirect`). */
  dispatches: { kernel: Kernel; pipeline: GPUComputePipeline; bind: GPUBindGroup; wg?: [number, number]; indirect: number }[];
  /** The arrays the read-back copies (those kernels write, but the spike records): all, or (`pops`) the populations' own. */
  readBack: { all: Region[]; pops: Region[] };
  /** Bytes of `F`, `I`, `A` that the read-back copies (a prefix of each: the written arrays come first). */
  readBytes: { all: Record<BufferName, number>; pops: Record<BufferName, number> };
  /** Mappable copies of `F`, `I`, `A` for the read-back, sized for `readBytes.all`. */
  staging: Record<BufferName, GPUBuffer>;
  /** What the device holds, region by region (f32 or i32), to upload only what changed. */
  synced: Map<Region, Float32Array | Int32Array>;
  /** The slots of each projection's spike ring (0: none), as built. */
  history: number[];
  /** Steps per batch of recorded spikes. */
  recordBatch: number;
}

/** Bytes of each buffer up to the end of the last of `regions` (at least 16: WebGPU's smallest copy here). */
function prefixBytes(regions: Region[]): Record<BufferName, number> {
  const bytes = { F: 16, I: 16, A: 16 };
  for (const r of regions) bytes[stateBuffer(r)] = Math.max(bytes[stateBuffer(r)], 4 * (r.offset + r.length));
  return bytes;
}

/**
 * The engine-owned arrays of projection `id`'s propagation layout (marks, bitmask: `propagation.ts`
 * `propagationArrays`), from its state as it is: at every build, and before an upload after its
 * connectivity was signalled (`HostSync.upload`).
 */
export function refreshPropagationArrays(own: OwnArrays, input: EngineInput, id: number): void {
  for (const [name, arr] of propagationArrays(input.plan.projections[id], input.plan, input.state.projections[id])) own.set(`proj:${id}:${name}`, arr);
}

/**
 * Builds the network on `device`: grows the spike rings (in `own`), allocates the spike records
 * (in `own`), generates the WGSL (`cpu`: the variants for CPU adapters) and compiles every
 * pipeline. The buffers of `previous` are destroyed only once the new pipelines have compiled.
 */
export async function compileNetwork(device: GPUDevice, input: EngineInput, own: OwnArrays, cpu: boolean, previous?: Compiled): Promise<Compiled> {
  const lengths = historyLengths(input.plan);
  growRings(own, input.plan, lengths);
  // The rings as they are (a ring never shrinks: spikes in flight stay at their distance).
  const history = lengths.map((D, id) => (D > 0 ? own.get(`proj:${id}:_wg_ring_n`)!.length : 0));
  const recordBatch = CHUNK;
  const max = device.limits.maxStorageBufferBindingSize;
  const layout = buildLayout(input, history, recordBatch, bindingLimit.bytes ?? max);
  for (const r of layout.regions) {
    if (r.name.startsWith('_wg_rec')) own.set(`${r.owner}:${r.id}:${r.name}`, new Int32Array(r.length));
  }
  own.set('net:0:_wg_halt', Int32Array.of(NO_HALT));
  input.plan.projections.forEach((proj, id) => refreshPropagationArrays(own, input, id));
  const gen = generateWgsl(input.plan, layout, { cpu });
  const storage = (name: string, elements: number, extra = 0) => {
    const size = Math.max(16, elements * 4);
    if (size > max) throw new NetworkError(`webgpu backend: the network's ${name} arrays need ${size} bytes, more than this GPU's storage buffer limit (${max} bytes)`);
    return device.createBuffer({ label: name, size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST | extra });
  };
  const F = storage('float', layout.size.F);
  const I = storage('int', layout.size.I);
  const A = storage('counter', layout.size.A);
  const IND = storage('indirect', 3 * gen.indirectSlots, GPUBufferUsage.INDIRECT);
  const C = CONNECTIVITY_BUFFERS.map((b) => storage(`connectivity ${b}`, layout.size[b]));
  const U = device.createBuffer({ label: 'steps', size: CHUNK * SLOT, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const entry = (binding: number, type: GPUBufferBindingType, dynamic = false): GPUBindGroupLayoutEntry => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type, hasDynamicOffset: dynamic } });
  const base = [entry(0, 'storage'), entry(1, 'storage'), entry(2, 'storage'), entry(3, 'uniform', true), ...C.map((_, g) => entry(5 + g, 'read-only-storage'))];
  const plainLayout = device.createBindGroupLayout({ entries: base });
  const indLayout = device.createBindGroupLayout({ entries: [...base, entry(4, 'storage')] });
  const res = [F, I, A].map((buffer, binding) => ({ binding, resource: { buffer } }));
  const uRes = { binding: 3, resource: { buffer: U, size: 16 } };
  res.push(...C.map((buffer, g) => ({ binding: 5 + g, resource: { buffer } })));
  const bindPlain = device.createBindGroup({ layout: plainLayout, entries: [...res, uRes] });
  const bindIndirect = device.createBindGroup({ layout: indLayout, entries: [...res, uRes, { binding: 4, resource: { buffer: IND } }] });
  device.pushErrorScope('validation');
  const pipelines = await Promise.all(gen.kernels.map(async (k, j) => {
    const module = device.createShaderModule({ label: k.name, code: gen.modules[j] });
    try {
      return await device.createComputePipelineAsync({
        label: k.name,
        layout: device.createPipelineLayout({ bindGroupLayouts: [k.writesIndirect ? indLayout : plainLayout] }),
        compute: { module, entryPoint: 'main' },
      });
    } catch (e) {
      const info = await module.getCompilationInfo();
      const msgs = info.messages.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('\n');
      throw new InternalError(`webgpu backend: kernel ${k.name} does not compile: ${(e as Error).message}\n${msgs}\n${gen.modules[j]}\n`);
    }
  }));
  const err = await device.popErrorScope();
  if (err) throw new InternalError(`webgpu backend: ${err.message}`);
  if (previous) for (const b of [previous.F, previous.I, previous.A, previous.U, previous.IND, ...previous.C, ...Object.values(previous.staging)]) b.destroy();
  const dispatches = gen.kernels.map((kernel, q) => ({
    kernel, pipeline: pipelines[q], bind: kernel.writesIndirect ? bindIndirect : bindPlain,
    wg: workgroupsFor(kernel.dispatch), indirect: 'indirect' in kernel.dispatch ? 12 * kernel.dispatch.indirect : 0,
  }));
  const plan = input.plan;
  const all = layout.regions.filter((r) => r.owner !== 'net' && !r.name.startsWith('_wg_rec') && gpuWrites(plan, r.owner, r.id, r.name));
  const readBack = { all, pops: all.filter((r) => r.owner === 'pop' && !r.name.startsWith('_wg_')) };
  const readBytes = { all: prefixBytes(readBack.all), pops: prefixBytes(readBack.pops) };
  const mappable = (b: BufferName) => device.createBuffer({ label: `read ${b}`, size: readBytes.all[b], usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const staging = { F: mappable('F'), I: mappable('I'), A: mappable('A') };
  return { gen, F, I, A, C, U, IND, dispatches, readBack, readBytes, staging, synced: new Map(), history, recordBatch };
}
