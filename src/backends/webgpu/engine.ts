/// <reference types="@webgpu/types" />
/**
 * The `webgpu` engine: the state of the network lives in three GPU storage buffers (`memory.ts`);
 * a run queues its steps' dispatches into command encoders (up to {@link CHUNK} steps per
 * submission, no read-back in between: one 256-byte uniform slot per step gives each dispatch its
 * step number through a dynamic offset), then reads the whole state back into the host arrays.
 *
 * Host ↔ device policy:
 * - The `state` maps keep float64 host arrays; after every run they hold the device's f32 values
 *   (so attribute reads, monitors, save and `every` callbacks see current values).
 * - Before every run, each host array is compared with what the device holds and uploaded when it
 *   differs (user writes, `reset()`, new inputs: nothing to signal), except the projections'
 *   connectivity, compared only after `attributeWritten` (`proj.delay = …`, `load()`). A changed
 *   array length (delay rings grown, new spike times) rebuilds the layout and the shaders.
 * - Per-synapse delays: each projection keeps a ring of pre-synaptic spike lists, advanced only in
 *   steps where it transmits (as `js`); `getPendingEvents`/`setPendingEvents` convert it to and from
 *   the `js` layout of spikes in flight for save()/load().
 * - Spike lists are filled with `atomicAdd`, in scheduling order; the host copy is sorted.
 * - Monitors of spikes only: spikes recorded on the GPU, handed over once per batch.
 * - Other monitors (variables, `sum()`, `g_target`): batches of steps with a copy of the
 *   populations' arrays after each stage of each step, read back once per batch; the hooks are
 *   then called on each copy in turn (`#runReplay`).
 * - Hooks that write the state (firing-rate windows) take the slow path: step by step, the state
 *   read back before each hook and `r` uploaded after it.
 * - Stop conditions are evaluated on the host arrays by the `js` backend's generated code.
 */
import type { Backend, Engine, EngineInput } from '../../runtime/engine.js';
import type { Region, BufferName } from './memory.js';
import { buildLayout, generateWgsl, historyLengths, recordSteps, gpuWrites, CONNECTIVITY, type GeneratedNetwork } from './generate.js';
import { workgroupsFor, type Kernel } from './kernel.js';
import { FLAGS, FLAGS_PER_PROJECTION } from './scope.js';
import { JsEngine } from '../js/engine.js';
import { acquireDevice, isCpuAdapter } from './device.js';
import { NetworkError, InternalError } from '../../errors.js';

/** Steps encoded per submission when no hook needs the state in between. */
export const CHUNK = 2048;
/** Bytes of state snapshots per batch when read-only hooks are replayed (`#runReplay`). */
const REPLAY_BYTES = 64 << 20;
/** Bytes between the per-step uniform slots (WebGPU's minimum dynamic-offset alignment). */
const SLOT = 256;

/** Destroys the device of an engine that was garbage-collected without `dispose()` (networks have no dispose). */
const released = new FinalizationRegistry<GPUDevice>((device) => device.destroy());

type Host = Float64Array | Float32Array | Int32Array | Uint8Array;
const BUFS = ['F', 'I', 'A'] as const;

/** Bytes of each buffer up to the end of the last of `regions` (at least 16: WebGPU's smallest copy here). */
function prefixBytes(regions: Region[]): Record<BufferName, number> {
  const bytes = { F: 16, I: 16, A: 16 };
  for (const r of regions) bytes[r.buf] = Math.max(bytes[r.buf], 4 * (r.offset + r.length));
  return bytes;
}

interface Compiled {
  gen: GeneratedNetwork;
  F: GPUBuffer; I: GPUBuffer; A: GPUBuffer; U: GPUBuffer; IND: GPUBuffer;
  /** Per kernel, in order: what `#encodeStep` records (workgroups `wg`, or indirect at byte `indirect`). */
  dispatches: { kernel: Kernel; pipeline: GPUComputePipeline; bind: GPUBindGroup; wg?: [number, number]; indirect: number }[];
  /** The arrays `#download` reads back (those kernels write, but the spike records): all, or (`pops`) the populations' own. */
  readBack: { all: Region[]; pops: Region[] };
  /** Bytes of `F`, `I`, `A` that `#download` copies (a prefix of each: the written arrays come first). */
  readBytes: { all: Record<BufferName, number>; pops: Record<BufferName, number> };
  /** Mappable copies of `F`, `I`, `A` for `#download`, sized for `readBytes.all`. */
  staging: Record<BufferName, GPUBuffer>;
  /** What the device holds, region by region (f32 or i32), to upload only what changed. */
  synced: Map<Region, Float32Array | Int32Array>;
  history: number[];
  /** Steps per batch of recorded spikes. */
  recordBatch: number;
}

export interface WebGpuEngineInfo {
  /** The adapter, e.g. `google / swiftshader`. */
  adapter: string;
  /** Seconds spent creating the shader pipelines (last build). */
  compileSeconds: number;
}

export class WebGpuEngine implements Engine {
  readonly backend = 'webgpu' as const;
  readonly info: WebGpuEngineInfo;
  readonly #device: GPUDevice;
  readonly #input: EngineInput;
  readonly #stops: JsEngine;
  readonly #flags: Int32Array;
  /** Engine-owned arrays, by `owner:id:name` (spike rings of per-synapse delays, spike records). */
  readonly #own = new Map<string, Int32Array>();
  #c!: Compiled;

  /** The adapter runs on the CPU (SwiftShader, or a fallback adapter). */
  readonly #cpu: boolean;

  private constructor(input: EngineInput, device: GPUDevice, adapter: string) {
    this.#cpu = isCpuAdapter(adapter);
    this.#input = input;
    this.#device = device;
    this.#stops = new JsEngine(input);
    this.#flags = new Int32Array(Math.max(1, FLAGS_PER_PROJECTION * input.switches.length));
    this.info = { adapter, compileSeconds: 0 };
    // Errors of queued work arrive asynchronously: kept, and thrown at the next read-back, so that a
    // failed dispatch never passes for a result. (The listeners hold `status`, not the engine, so
    // that the engine can be collected and its device destroyed by `released`.)
    const status = this.#status;
    device.addEventListener('uncapturederror', (e) => { status.failure ??= (e as GPUUncapturedErrorEvent).error.message; });
    void device.lost.then((info) => { status.failure ??= `the GPU device was lost (${info.reason}: ${info.message})`; });
    released.register(this, device, this);
  }

  readonly #status: { failure?: string } = {};

  #check(): void {
    if (this.#status.failure) throw new NetworkError(`webgpu backend: ${this.#status.failure}`);
  }

  /** Builds an engine on `device` (compiles every shader). */
  static async create(input: EngineInput, device: GPUDevice, adapter: string): Promise<WebGpuEngine> {
    const e = new WebGpuEngine(input, device, adapter);
    await e.#compile();
    return e;
  }

  get source(): string {
    return this.#c.gen.modules.join('\n');
  }

  #host(r: Region): Host | undefined {
    const own = this.#own.get(`${r.owner}:${r.id}:${r.name}`);
    if (own) return own;
    if (r.owner === 'pop') return this.#input.state.populations[r.id].get(r.name) as Host | undefined;
    if (r.owner === 'proj') return this.#input.state.projections[r.id].get(r.name) as Host | undefined;
    return r.name === 'constants' ? this.#input.constants : r.name === 'enabled' ? this.#input.enabled : this.#flags;
  }

  async #compile(): Promise<void> {
    const t0 = performance.now();
    const lengths = historyLengths(this.#input.plan);
    this.#growHistory(lengths);
    // The rings as they are (a ring never shrinks: spikes in flight stay at their distance).
    const history = lengths.map((D, id) => (D > 0 ? this.#own.get(`proj:${id}:_wg_ring_n`)!.length : 0));
    const recordBatch = recordSteps(this.#input.plan, CHUNK);
    const layout = buildLayout(this.#input, history, recordBatch);
    for (const r of layout.regions) {
      if (r.name.startsWith('_wg_rec')) this.#own.set(`${r.owner}:${r.id}:${r.name}`, new Int32Array(r.length));
    }
    const gen = generateWgsl(this.#input.plan, layout, { cpu: this.#cpu });
    const dev = this.#device;
    const max = dev.limits.maxStorageBufferBindingSize;
    const storage = (name: string, elements: number, extra = 0) => {
      const size = Math.max(16, elements * 4);
      if (size > max) throw new NetworkError(`webgpu backend: the network's ${name} arrays need ${size} bytes, more than this GPU's storage buffer limit (${max} bytes)`);
      return dev.createBuffer({ label: name, size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST | extra });
    };
    const old = this.#c;
    const F = storage('float', layout.size.F);
    const I = storage('int', layout.size.I);
    const A = storage('counter', layout.size.A);
    const IND = storage('indirect', 3 * gen.indirectSlots, GPUBufferUsage.INDIRECT);
    const U = dev.createBuffer({ label: 'steps', size: CHUNK * SLOT, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const entry = (binding: number, type: GPUBufferBindingType, dynamic = false): GPUBindGroupLayoutEntry => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type, hasDynamicOffset: dynamic } });
    const base = [entry(0, 'storage'), entry(1, 'storage'), entry(2, 'storage'), entry(3, 'uniform', true)];
    const plainLayout = dev.createBindGroupLayout({ entries: base });
    const indLayout = dev.createBindGroupLayout({ entries: [...base, entry(4, 'storage')] });
    const res = [F, I, A].map((buffer, binding) => ({ binding, resource: { buffer } }));
    const uRes = { binding: 3, resource: { buffer: U, size: 16 } };
    const bindPlain = dev.createBindGroup({ layout: plainLayout, entries: [...res, uRes] });
    const bindIndirect = dev.createBindGroup({ layout: indLayout, entries: [...res, uRes, { binding: 4, resource: { buffer: IND } }] });
    dev.pushErrorScope('validation');
    const pipelines = await Promise.all(gen.kernels.map(async (k, j) => {
      const module = dev.createShaderModule({ label: k.name, code: gen.modules[j] });
      try {
        return await dev.createComputePipelineAsync({
          label: k.name,
          layout: dev.createPipelineLayout({ bindGroupLayouts: [k.writesIndirect ? indLayout : plainLayout] }),
          compute: { module, entryPoint: 'main' },
        });
      } catch (e) {
        const info = await module.getCompilationInfo();
        const msgs = info.messages.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('\n');
        throw new InternalError(`webgpu backend: kernel ${k.name} does not compile: ${(e as Error).message}\n${msgs}\n${gen.modules[j]}\n`);
      }
    }));
    const err = await dev.popErrorScope();
    if (err) throw new InternalError(`webgpu backend: ${err.message}`);
    if (old) for (const b of [old.F, old.I, old.A, old.U, old.IND, ...Object.values(old.staging)]) b.destroy();
    const dispatches = gen.kernels.map((kernel, q) => ({
      kernel, pipeline: pipelines[q], bind: kernel.writesIndirect ? bindIndirect : bindPlain,
      wg: workgroupsFor(kernel.dispatch), indirect: 'indirect' in kernel.dispatch ? 12 * kernel.dispatch.indirect : 0,
    }));
    const plan = this.#input.plan;
    const all = layout.regions.filter((r) => r.owner !== 'net' && !r.name.startsWith('_wg_rec') && gpuWrites(plan, r.owner, r.id, r.name));
    const readBack = { all, pops: all.filter((r) => r.owner === 'pop' && !r.name.startsWith('_wg_')) };
    const readBytes = { all: prefixBytes(readBack.all), pops: prefixBytes(readBack.pops) };
    const mappable = (b: BufferName) => dev.createBuffer({ label: `read ${b}`, size: readBytes.all[b], usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const staging = { F: mappable('F'), I: mappable('I'), A: mappable('A') };
    this.#c = { gen, F, I, A, U, IND, dispatches, readBack, readBytes, staging, synced: new Map(), history, recordBatch };
    this.info.compileSeconds = (performance.now() - t0) / 1000;
  }

  /** (Re)allocates the spike rings of per-synapse delays, keeping the spikes in flight at their distance from now. */
  #growHistory(history: number[]): void {
    history.forEach((D, id) => {
      if (D <= 0) return;
      const size = this.#input.plan.populations[this.#input.plan.projections[id].pre].size;
      const key = `proj:${id}:`;
      const oldQ = this.#own.get(`${key}_wg_ring`), oldN = this.#own.get(`${key}_wg_ring_n`), oldI = this.#own.get(`${key}_wg_ring_idx`);
      if (oldN && oldN.length >= D) return;
      const q = new Int32Array(D * size), n = new Int32Array(D), idx = Int32Array.of(D - 1);
      if (oldQ && oldN && oldI) {
        const oD = oldN.length;
        for (let j = 0; j < Math.min(oD, D); j++) {
          const from = (oldI[0] - j + oD) % oD, to = D - 1 - j;
          n[to] = oldN[from];
          q.set(oldQ.subarray(from * size, (from + 1) * size), to * size);
        }
      }
      this.#own.set(`${key}_wg_ring`, q);
      this.#own.set(`${key}_wg_ring_n`, n);
      this.#own.set(`${key}_wg_ring_idx`, idx);
    });
  }

  /**
   * The spikes in flight of a projection with per-synapse delays, in the `js` engine's layout:
   * synapse indices due in 1, 2, … steps (CSR `ptr` over the steps ahead). The ring holds the
   * pre-synaptic spike lists of the last active steps; a spike pushed `a` active steps ago
   * (a = 0: the last step) still has to reach synapse `k` in `_delay[k] - a - 1` steps.
   */
  getPendingEvents(projId: number): { ptr: Int32Array; syn: Int32Array } | undefined {
    const plan = this.#input.plan.projections[projId];
    if (plan.delay.kind !== 'variable' || plan.type !== 'spike') return undefined;
    const q = this.#own.get(`proj:${projId}:_wg_ring`), n = this.#own.get(`proj:${projId}:_wg_ring_n`), idx = this.#own.get(`proj:${projId}:_wg_ring_idx`);
    if (!q || !n || !idx) return undefined;
    const D = n.length, size = q.length / D;
    const st = this.#input.state.projections[projId];
    const invPtr = st.get('_inv_ptr') as Int32Array, invIdx = st.get('_inv_idx') as Int32Array, delay = st.get('_delay') as Int32Array;
    const slots: number[][] = Array.from({ length: D }, () => []);
    // Oldest first: the order in which `js` would have pushed them.
    for (let a = D - 1; a >= 0; a--) {
      const slot = (idx[0] - a + D) % D;
      const ranks = q.slice(slot * size, slot * size + n[slot]).sort();
      for (const r of ranks) {
        for (let m = invPtr[r]; m < invPtr[r + 1]; m++) {
          const k = invIdx[m], pos = delay[k] - a - 2;
          if (pos >= 0 && pos < D) slots[pos].push(k);
        }
      }
    }
    const ptr = new Int32Array(D + 1);
    const syn: number[] = [];
    slots.forEach((s, a) => { for (const k of s) syn.push(k); ptr[a + 1] = syn.length; });
    return { ptr, syn: Int32Array.from(syn) };
  }

  /**
   * Restores spikes in flight (`load()`): each pending synapse event becomes its pre-synaptic spike
   * at the age its delay implies. Events that no spike history can produce (delays changed while
   * the spikes were in flight) are refused with a `NetworkError`, never dropped in silence.
   */
  setPendingEvents(projId: number, events: { ptr: Int32Array; syn: Int32Array }): void {
    const proj = this.#input.plan.projections[projId];
    this.#growHistory(historyLengths(this.#input.plan));
    const q = this.#own.get(`proj:${projId}:_wg_ring`), n = this.#own.get(`proj:${projId}:_wg_ring_n`), idx = this.#own.get(`proj:${projId}:_wg_ring_idx`);
    const fail = (why: string) => new NetworkError(`webgpu backend: the spikes in flight of projection '${proj.name}' cannot be restored: ${why}`);
    if (!q || !n || !idx) {
      if (events.syn.length) throw fail('it has no per-synapse delays here');
      return;
    }
    const D = n.length, size = q.length / D;
    const st = this.#input.state.projections[projId];
    const preRank = st.get('_pre_rank') as Int32Array, delay = st.get('_delay') as Int32Array;
    const ages: Set<number>[] = Array.from({ length: D }, () => new Set());
    for (let pos = 0; pos + 1 < events.ptr.length; pos++) {
      for (let m = events.ptr[pos]; m < events.ptr[pos + 1]; m++) {
        const k = events.syn[m];
        const a = delay[k] - pos - 2;
        if (k < 0 || k >= delay.length || a < 0 || a >= D) throw fail(`synapse ${k} is due in ${pos + 1} steps but its delay is ${delay[k]} steps`);
        ages[a].add(preRank[k]);
      }
    }
    q.fill(0); n.fill(0); idx[0] = D - 1;
    ages.forEach((ranks, a) => {
      const slot = (D - 1 - a + D) % D;
      const sorted = Int32Array.from(ranks).sort();
      q.set(sorted, slot * size);
      n[slot] = sorted.length;
    });
    // The ring delivers a spike to every synapse of its neuron at its own delay: check that this
    // gives back exactly the events of the file (it does unless delays changed in flight).
    const back = this.getPendingEvents(projId)!;
    const key = (ptr: Int32Array, syn: Int32Array) => Array.from({ length: D }, (_, p) => (p + 1 < ptr.length ? Array.from(syn.subarray(ptr[p], ptr[p + 1])).sort((x, y) => x - y).join(',') : '')).join(';');
    if (key(back.ptr, back.syn) !== key(events.ptr, events.syn)) {
      q.fill(0); n.fill(0);
      throw fail('they do not match the synapses\' delays (were delays changed while spikes were in flight?)');
    }
  }

  /** Whether an array changed length (or disappeared) or the history rings must grow. */
  #stale(): boolean {
    const h = historyLengths(this.#input.plan);
    if (h.some((D, id) => D > (this.#c.history[id] ?? 0))) return true;
    for (const r of this.#c.gen.layout.regions) {
      if (r.owner === 'net') continue;
      const a = this.#host(r);
      if (!a || a.length !== r.length) return true;
    }
    return false;
  }

  /** Uploads every host array (or every population array) whose values differ from the device's. */
  #upload(popsOnly = false): void {
    const c = this.#c;
    const input = this.#input;
    input.switches.forEach((p, j) => {
      const b = FLAGS_PER_PROJECTION * j;
      this.#flags[b + FLAGS.transmission] = p.transmission ? 1 : 0;
      this.#flags[b + FLAGS.update] = p.update ? 1 : 0;
      this.#flags[b + FLAGS.plasticity] = p.plasticity ? 1 : 0;
      this.#flags[b + FLAGS.learningPeriod] = p.learningPeriod;
      this.#flags[b + FLAGS.learningOffset] = p.learningOffset;
      this.#flags[b + FLAGS.axonTransmission] = p.axonTransmission === false ? 0 : 1;
    });
    // Every array is compared (one pass over the host memory per run), except the connectivity of
    // projections not signalled since the last upload (`attributeWritten`: `proj.delay = …`, `load()`).
    for (const r of c.gen.layout.regions) {
      if (popsOnly && r.owner !== 'pop') continue;
      const host = this.#host(r)!;
      const dev = c.synced.get(r);
      if (dev && r.owner === 'proj' && CONNECTIVITY.has(r.name) && !this.#signalled.has(r.id)) continue;
      if (dev && same(host, dev)) continue;
      const data = r.buf === 'F' ? Float32Array.from(host) : Int32Array.from(host);
      c.synced.set(r, data);
      if (data.length) this.#device.queue.writeBuffer(r.buf === 'F' ? c.F : r.buf === 'I' ? c.I : c.A, r.offset * 4, data);
    }
    if (!popsOnly) this.#signalled.clear();
  }

  /** Projections whose connectivity may have changed in place since the last upload. */
  readonly #signalled = new Set<number>();

  attributeWritten(owner: 'pop' | 'proj', id: number): void {
    if (owner === 'proj') this.#signalled.add(id);
  }

  /**
   * Reads the state back into the host arrays: everything, or (`popsOnly`, the hooks of the slow
   * path) only the populations' arrays, which the layout puts first in each buffer.
   */
  async #download(popsOnly = false): Promise<void> {
    const c = this.#c;
    const dev = this.#device;
    // Not read back: the engine's own arrays, spike records (read by #handOverSpikes), arrays no kernel writes.
    const regions = popsOnly ? c.readBack.pops : c.readBack.all;
    const bytes = popsOnly ? c.readBytes.pops : c.readBytes.all;
    const enc = dev.createCommandEncoder();
    for (const b of BUFS) enc.copyBufferToBuffer(c[b], 0, c.staging[b], 0, bytes[b]);
    dev.queue.submit([enc.finish()]);
    await Promise.all(BUFS.map((b) => c.staging[b].mapAsync(GPUMapMode.READ, 0, bytes[b])));
    const read = (b: BufferName) => {
      const data = c.staging[b].getMappedRange(0, bytes[b]).slice(0);
      c.staging[b].unmap();
      return data;
    };
    const F = new Float32Array(read('F')), I = new Int32Array(read('I')), A = new Int32Array(read('A'));
    this.#check();
    for (const r of regions) {
      const src = (r.buf === 'F' ? F : r.buf === 'I' ? I : A).subarray(r.offset, r.offset + r.length);
      this.#host(r)!.set(src);
      c.synced.set(r, src.slice());
    }
    this.#sortSpikes();
  }

  /** Whether a monitor records a projection or dendrite (the slow path then reads projections back too). */
  #monitorsProjections(): boolean {
    return this.#input.hooks.readsProjections ?? false;
  }

  /** Reads `length` elements of `I` from `offset`. */
  async #readI(offset: number, length: number): Promise<Int32Array> {
    const dev = this.#device;
    const size = Math.max(16, Math.ceil(length / 4) * 16);
    const staging = dev.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = dev.createCommandEncoder();
    enc.copyBufferToBuffer(this.#c.I, offset * 4, staging, 0, Math.min(size, this.#c.I.size - offset * 4));
    dev.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    this.#check();
    const out = new Int32Array(staging.getMappedRange().slice(0, length * 4));
    staging.unmap();
    staging.destroy();
    return out;
  }

  /** Reads the spike record of population `id` (a batch from step `first`) and gives it to the monitors. */
  async #handOverSpikes(id: number, first: number): Promise<void> {
    const L = this.#c.gen.layout;
    const nRegion = L.get('pop', id, '_wg_rec_n');
    const meta = L.get('pop', id, '_wg_rec_meta');
    // counts and meta are adjacent in the layout: one read
    const head = await this.#readI(nRegion.offset, meta.offset + 2 - nRegion.offset);
    const total = head[meta.offset - nRegion.offset], steps = head[meta.offset - nRegion.offset + 1];
    const ranks = total ? await this.#readI(L.get('pop', id, '_wg_rec').offset, total) : new Int32Array(0);
    const stepOf = new Float64Array(total);
    for (let j = 0, k = 0; j < steps; j++) {
      const n = head[j];
      ranks.subarray(k, k + n).sort();
      stepOf.fill(first + j, k, k + n);
      k += n;
    }
    this.#input.hooks.spikes!.record(id, stepOf, ranks, total);
  }

  #writeSteps(start: number, n: number): void {
    const buf = new ArrayBuffer(n * SLOT);
    const i32 = new Int32Array(buf), u32 = new Uint32Array(buf), f32 = new Float32Array(buf);
    const dt = this.#input.plan.dt;
    for (let j = 0; j < n; j++) {
      const s = start + j, o = (j * SLOT) / 4;
      i32[o] = s | 0;
      u32[o + 1] = s >>> 0;
      u32[o + 2] = Math.floor(s / 4294967296) >>> 0;
      f32[o + 3] = s * dt;
    }
    this.#device.queue.writeBuffer(this.#c.U, 0, buf);
  }

  /** Records the dispatches of step slot `j` (stages `stages`, spike records of `recording`) into `pass`. */
  #encodeStep(pass: GPUComputePassEncoder, j: number, stages: readonly number[], recording: readonly number[] = []): void {
    const c = this.#c;
    const offset = [j * SLOT];
    for (const { kernel: k, pipeline, bind, wg, indirect } of c.dispatches) {
      if (!stages.includes(k.stage) || (k.record !== undefined && !recording.includes(k.record))) continue;
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bind, offset);
      if (wg) pass.dispatchWorkgroups(wg[0], wg[1]);
      else pass.dispatchWorkgroupsIndirect(c.IND, indirect);
    }
  }

  /** Encodes steps `0..n` of the uniform slots in one compute pass and submits them. */
  #submit(n: number, stages: readonly number[], recording: readonly number[] = []): void {
    const enc = this.#device.createCommandEncoder();
    const pass = enc.beginComputePass();
    for (let j = 0; j < n; j++) this.#encodeStep(pass, j, stages, recording);
    pass.end();
    this.#device.queue.submit([enc.finish()]);
  }

  /** The arrays the hooks may read: the populations' arrays that kernels write (and the projections' when monitored). */
  #hookRegions(): Region[] {
    const projections = this.#monitorsProjections();
    return this.#c.readBack.all.filter((r) => (r.owner === 'pop' || (projections && r.owner === 'proj')) && !r.name.startsWith('_wg_'));
  }

  /** Writes the hook regions of a snapshot (or of a read-back) into the host arrays. */
  #fillHost(regions: Region[], data: ArrayBuffer, base: number, end: Record<'F' | 'I' | 'A', number>): void {
    const at = { F: base, I: base + 4 * end.F, A: base + 4 * (end.F + end.I) };
    for (const r of regions) {
      const off = at[r.buf] + 4 * r.offset;
      this.#host(r)!.set(r.buf === 'F' ? new Float32Array(data, off, r.length) : new Int32Array(data, off, r.length));
    }
    this.#sortSpikes();
  }

  /** Spike lists come in scheduling order: sorted as the js backend emits them. */
  #sortSpikes(): void {
    this.#input.plan.populations.forEach((p) => {
      if (!p.spiking) return;
      const s = this.#input.state.populations[p.id];
      (s.get('_spiked') as Int32Array).subarray(0, (s.get('_nspiked') as Int32Array)[0]).sort();
      if (s.has('_naxon')) (s.get('_axon_spiked') as Int32Array).subarray(0, (s.get('_naxon') as Int32Array)[0]).sort();
    });
  }

  /**
   * Hooks that only read (monitors of variables, `sum()`, `g_target`): batches of steps run without
   * read-back; after each stage of each step the populations' arrays are copied into a snapshot
   * buffer, read back once per batch, and the hooks are called on each snapshot in turn.
   */
  async #runReplay(start: number, count: number): Promise<void> {
    const dev = this.#device;
    const c = this.#c;
    const hooks = this.#input.hooks;
    const regions = this.#hookRegions();
    const end = { F: 0, I: 0, A: 0 };
    for (const r of regions) end[r.buf] = Math.max(end[r.buf], r.offset + r.length);
    const stepBytes = 4 * (end.F + end.I + end.A);
    const batch = Math.max(1, Math.min(CHUNK, Math.floor(REPLAY_BYTES / (3 * stepBytes))));
    const snap = dev.createBuffer({ label: 'snapshots', size: Math.max(16, batch * 3 * stepBytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const calls = [(s: number) => hooks.recordTargets(s), (s: number) => hooks.afterNeurons(s), (s: number) => hooks.record(s)];
    try {
      for (let s = start, last = start + count; s < last; s += batch) {
        const n = Math.min(batch, last - s);
        this.#writeSteps(s, n);
        const enc = dev.createCommandEncoder();
        let base = 0;
        for (let j = 0; j < n; j++) {
          for (const q of ALL) {
            const pass = enc.beginComputePass();
            this.#encodeStep(pass, j, [q]);
            pass.end();
            for (const b of ['F', 'I', 'A'] as const) {
              if (end[b]) enc.copyBufferToBuffer(c[b], 0, snap, base, 4 * end[b]);
              base += 4 * end[b];
            }
          }
        }
        dev.queue.submit([enc.finish()]);
        await snap.mapAsync(GPUMapMode.READ, 0, Math.max(16, base));
        this.#check();
        const data = snap.getMappedRange(0, Math.max(16, base)).slice(0);
        snap.unmap();
        for (let j = 0; j < n; j++) {
          for (const q of ALL) {
            this.#fillHost(regions, data, (3 * j + q) * stepBytes, end);
            calls[q](s + j);
          }
        }
      }
    } finally {
      snap.destroy();
    }
    await this.#download();
  }

  async run(start: number, count: number): Promise<void> {
    this.#check();
    if (this.#stale()) await this.#compile();
    this.#upload();
    const hooks = this.#input.hooks;
    if (hooks.active && hooks.spikes?.perStep && hooks.spikes.writesState === false) { await this.#runReplay(start, count); return; }
    const batch = hooks.active && hooks.spikes !== undefined && !hooks.spikes.perStep;
    if (!hooks.active || batch) {
      // Fast path: no read-back between steps; spikes of monitored populations recorded on the GPU
      // and handed to the monitors once per batch.
      const recording = batch ? hooks.spikes!.populations().filter((id) => this.#input.plan.populations[id]?.spiking) : [];
      const per = recording.length ? this.#c.recordBatch : CHUNK;
      for (let s = start, end = start + count; s < end; s += per) {
        const n = Math.min(per, end - s);
        for (const id of recording) {
          const meta = this.#c.gen.layout.get('pop', id, '_wg_rec_meta');
          this.#device.queue.writeBuffer(this.#c.I, meta.offset * 4, new Int32Array(2));
        }
        this.#writeSteps(s, n);
        this.#submit(n, ALL, recording);
        for (const id of recording) await this.#handOverSpikes(id, s);
      }
      await this.#download();
      return;
    }
    // Slow path: the hooks read the host arrays between the stages of every step (populations only,
    // unless a monitor records a projection); the whole state is read back at the end.
    const projections = this.#monitorsProjections();
    for (let s = start, end = start + count; s < end; s++) {
      this.#writeSteps(s, 1);
      this.#submit(1, [0]);
      await this.#download(true);
      hooks.recordTargets(s);
      this.#submit(1, [1]);
      await this.#download(true);
      hooks.afterNeurons(s);
      this.#upload(true); // firing-rate windows write `r`
      this.#submit(1, [2]);
      await this.#download(!projections);
      hooks.record(s);
    }
    await this.#download();
  }

  stopCondition(popId: number, step: number): boolean {
    return this.#stops.stopCondition(popId, step);
  }

  delaysChanged(): void {
    // Ring lengths are checked before every run (`#stale`): a longer ring rebuilds the layout.
  }

  dispose(): void {
    this.#status.failure ??= 'the engine was disposed';
    released.unregister(this);
    this.#device.destroy();
  }
}

const ALL = [0, 1, 2] as const;

/** Whether host values equal the device copy (f32 or i32 conversion of each). */
function same(host: Host, dev: Float32Array | Int32Array): boolean {
  if (host.length !== dev.length) return false;
  if (dev instanceof Float32Array) {
    for (let j = 0; j < host.length; j++) {
      const a = Math.fround(host[j]), b = dev[j];
      if (a !== b && !(a !== a && b !== b)) return false;
    }
  } else {
    for (let j = 0; j < host.length; j++) if ((host[j] | 0) !== dev[j]) return false;
  }
  return true;
}

/** Creates the `webgpu` backend (one device per compiled network). */
export function createWebGpuBackend(): Backend {
  return {
    name: 'webgpu',
    async build(input: EngineInput): Promise<Engine> {
      const { device, description } = await acquireDevice();
      try {
        return await WebGpuEngine.create(input, device, description);
      } catch (e) {
        device.destroy();
        throw e;
      }
    },
  };
}
