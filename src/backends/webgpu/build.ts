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
import { FIRST_GROUP_BINDING, FIXED_STORAGE_BINDINGS, inGroup, type Region, type BufferName, type Group } from './memory.js';
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
 * The bytes of one storage binding (`bytes`), when not the adapter's `maxStorageBufferBindingSize`,
 * and the storage buffers of one kernel (`buffers`), when not its `maxStorageBuffersPerShaderStage`.
 * @internal tests lower them to spread the connectivity and the weights over several buffers, and
 * to reach the refusals.
 */
export const bindingLimit: { bytes?: number; buffers?: number } = {};

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
  /** The group buffers (`memory.ts` `GroupBuffer`: connectivity `C<n>`, float arrays `W<n>`), in the layout's order (`layout.groups`). */
  groups: GPUBuffer[];
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
  /**
   * The float groups that kernels write (plastic per-synapse arrays) with their mappable copies:
   * read back whole after a run (`HostSync.download`; the hooks' read-backs of the slow path copy
   * populations only).
   */
  groupReadBack: { group: Group; buffer: GPUBuffer }[];
  /** What the device holds, region by region (f32 or i32), to upload only what changed. */
  synced: Map<Region, Float32Array | Int32Array>;
  /** The slots of each projection's spike ring (0: none), as built. */
  history: number[];
  /** Steps per batch of recorded spikes. */
  recordBatch: number;
}

/** Bytes of `F`, `I`, `A` up to the end of the last of `regions` there (at least 16: WebGPU's smallest copy here). */
function prefixBytes(regions: Region[]): Record<BufferName, number> {
  const bytes = { F: 16, I: 16, A: 16 };
  for (const r of regions) if (!inGroup(r)) bytes[r.buf as BufferName] = Math.max(bytes[r.buf as BufferName], 4 * (r.offset + r.length));
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
  const layout = buildLayout(input, history, recordBatch, bindingLimit.bytes ?? max, bindingLimit.buffers ?? device.limits.maxStorageBuffersPerShaderStage);
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
  const groups = layout.groups.map((g) => storage(`${g.kind === 'i' ? 'connectivity' : 'float'} ${g.name}`, g.elements));
  checkBindings(layout.groups, bindingLimit.buffers ?? device.limits.maxStorageBuffersPerShaderStage);
  const U = device.createBuffer({ label: 'steps', size: CHUNK * SLOT, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const entry = (binding: number, type: GPUBufferBindingType, dynamic = false): GPUBindGroupLayoutEntry => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type, hasDynamicOffset: dynamic } });
  const base = [entry(0, 'storage'), entry(1, 'storage'), entry(2, 'storage'), entry(3, 'uniform', true),
    ...layout.groups.map((g, j) => entry(FIRST_GROUP_BINDING + j, g.written ? 'storage' : 'read-only-storage'))];
  const plainLayout = device.createBindGroupLayout({ entries: base });
  const indLayout = device.createBindGroupLayout({ entries: [...base, entry(4, 'storage')] });
  const res = [F, I, A].map((buffer, binding) => ({ binding, resource: { buffer } }));
  const uRes = { binding: 3, resource: { buffer: U, size: 16 } };
  res.push(...groups.map((buffer, j) => ({ binding: FIRST_GROUP_BINDING + j, resource: { buffer } })));
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
  if (previous) for (const b of [previous.F, previous.I, previous.A, previous.U, previous.IND, ...previous.groups, ...Object.values(previous.staging), ...previous.groupReadBack.map((g) => g.buffer)]) b.destroy();
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
  const groupReadBack = layout.groups.flatMap((group, j) => {
    if (group.kind !== 'f' || !group.written) return [];
    const buffer = device.createBuffer({ label: `read ${group.name}`, size: groups[j].size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    return [{ group, buffer }];
  });
  return { gen, F, I, A, groups, U, IND, dispatches, readBack, readBytes, staging, groupReadBack, synced: new Map(), history, recordBatch };
}

/**
 * Refuses a layout whose kernels would bind more storage buffers than the device allows (`F`, `I`,
 * `A`, `IND` and every group): the layout keeps within the limit, so this guards against a layout
 * built for another one.
 */
function checkBindings(groups: readonly Group[], limit: number): void {
  const bound = FIXED_STORAGE_BINDINGS + groups.length;
  if (bound > limit) {
    throw new InternalError(`webgpu backend: the kernels would bind ${bound} storage buffers (F, I, A, IND, ${groups.map((g) => g.name).join(', ')}), more than this device's maxStorageBuffersPerShaderStage (${limit})`);
  }
}
