/// <reference types="@webgpu/types" />
/**
 * Host ↔ device transfers of the `webgpu` engine. The runtime, the monitors and the user read and
 * write the `state` maps' float64 arrays synchronously between runs; the kernels work on the f32 /
 * i32 copies in the device's buffers. This module keeps the two in step:
 * - Before every run, each host array is compared with what the device holds and uploaded when it
 *   differs: user writes, `reset()`, `load()` and new inputs need no signal. The projections'
 *   connectivity (the largest arrays, rarely written) is compared only after `attributeWritten`
 *   (`proj.delay = …`, `load()`).
 * - After every run, the arrays that kernels write are read back (arrays no kernel writes, the
 *   connectivity and static weights, keep their f64 values); the hooks of the slow path read back
 *   only the populations' arrays, which the layout puts first in each buffer.
 * - Spike lists are filled with `atomicAdd`, in scheduling order; the host copy is sorted, as the
 *   `js` engine emits them.
 * - A host array whose length no longer matches the layout (delay rings grown, new spike times)
 *   makes the build stale: the engine builds again (`build.ts`).
 */
import type { EngineInput } from '../../runtime/engine.js';
import { stateBuffer, isFloat, inGroup, partsOf, type Region, type BufferName } from './memory.js';
import type { Compiled } from './build.js';
import type { OwnArrays } from './rings.js';
import { historyLengths, CONNECTIVITY } from './generate.js';
import { refreshPropagationArrays } from './build.js';
import { FLAGS_PER_PROJECTION, writeProjectionFlags } from '../kernels/switches.js';
import { InternalError } from '../../errors.js';

/** A host array as the `state` maps, the network's shared arrays or the engine's own arrays hold it. */
type Host = Float64Array | Float32Array | Int32Array | Uint8Array;
const BUFS = ['F', 'I', 'A'] as const;

/**
 * What the engine asked of the device since it was created (counts, no timings; always on, a few
 * additions per submission). Per step: `dispatches / steps` kernel launches, `passes / steps`
 * compute passes; `steps / submissions` steps per submission. The launch budget these counts
 * meet is documented in `README.md` (section *Launch budget*) and checked by
 * test/backends/webgpu/launches.test.ts.
 */
export interface WebGpuLaunches {
  /** Simulation steps run on the device. */
  steps: number;
  /** Queue submissions holding compute passes (the steps' work). */
  submissions: number;
  /** Compute passes begun. */
  passes: number;
  /** Compute dispatches (kernel launches), direct and indirect. */
  dispatches: number;
  /**
   * The indirect ones among `dispatches` (each validated by Dawn with a pass of its own: 220 µs on
   * an H200); kernels whose bound is small are dispatched directly (`kernel.ts` `directDispatchTuning`).
   */
  indirect: number;
  /** Queue submissions holding only read-back copies (the end of a run, hooks, spike records). */
  readBacks: number;
}

/** The host side of the engine's arrays and the transfers between them and the device's buffers. */
export class HostSync {
  /** The launches of every run so far (`WebGpuEngine.info.launches` is this object). */
  readonly launches: WebGpuLaunches = { steps: 0, submissions: 0, passes: 0, dispatches: 0, indirect: 0, readBacks: 0 };
  /** The current build (its layout, buffers and device copies); replaced by the engine when it builds again. */
  compiled!: Compiled;
  /** The projections' switches as the kernels read them (`FLAGS_PER_PROJECTION` ints per projection). */
  readonly flags: Int32Array;
  /** Projections whose connectivity may have changed in place since the last upload. */
  readonly #signalled = new Set<number>();

  /**
   * @param device the engine's device.
   * @param input the engine's input (plan, state maps, shared arrays, hooks).
   * @param own the engine's own arrays (spike rings, spike records).
   * @param check throws the first asynchronous error of the device, if any: called after each
   *   read-back, so that a failed dispatch never passes for a result.
   */
  constructor(readonly device: GPUDevice, readonly input: EngineInput, readonly own: OwnArrays, readonly check: () => void) {
    this.flags = new Int32Array(Math.max(1, FLAGS_PER_PROJECTION * input.switches.length));
  }

  /** The host array of region `r`: the engine's own, a population's or projection's, or a network array. */
  host(r: Region): Host | undefined {
    const own = this.own.get(`${r.owner}:${r.id}:${r.name}`);
    if (own) return own;
    if (r.owner === 'pop') return this.input.state.populations[r.id].get(r.name) as Host | undefined;
    if (r.owner === 'proj') return this.input.state.projections[r.id].get(r.name) as Host | undefined;
    return r.name === 'constants' ? this.input.constants : r.name === 'enabled' ? this.input.enabled : this.flags;
  }

  /** Whether an array changed length (or disappeared) or the history rings must grow. */
  stale(): boolean {
    const h = historyLengths(this.input.plan);
    if (h.some((D, id) => D > (this.compiled.history[id] ?? 0))) return true;
    for (const r of this.compiled.gen.layout.regions) {
      if (r.owner === 'net') continue;
      const a = this.host(r);
      if (!a || a.length !== r.length) return true;
    }
    return false;
  }

  /** The connectivity of projection `projId` may have changed in place: compare it at the next upload. */
  signal(projId: number): void {
    this.#signalled.add(projId);
  }

  /** Uploads every host array (or every population array) whose values differ from the device's. */
  upload(popsOnly = false): void {
    const c = this.compiled;
    const input = this.input;
    writeProjectionFlags(input.switches, this.flags);
    // A bitmask follows the connectivity it is built from (marks are rebuilt too: zeros, as the device's may stay).
    if (!popsOnly) for (const id of this.#signalled) refreshPropagationArrays(this.own, input, id);
    // Every array is compared (one pass over the host memory per run), except the connectivity of
    // projections not signalled since the last upload (`attributeWritten`: `proj.delay = …`, `load()`).
    for (const r of c.gen.layout.regions) {
      if (popsOnly && r.owner !== 'pop') continue;
      const host = this.host(r)!;
      const dev = c.synced.get(r);
      if (dev && r.owner === 'proj' && CONNECTIVITY.has(r.name) && !this.#signalled.has(r.id)) continue;
      if (dev && same(host, dev)) continue;
      const data = isFloat(r) ? Float32Array.from(host) : Int32Array.from(host);
      c.synced.set(r, data);
      if (!inGroup(r)) write(this.device, c[r.buf as BufferName], r.offset, data, 0, data.length);
      else for (const p of partsOf(r)) write(this.device, groupBuffer(c, p.buf), p.offset, data, p.start, Math.min(p.length, data.length - p.start));
    }
    if (!popsOnly) this.#signalled.clear();
  }

  /**
   * Reads the state back into the host arrays: everything, or (`popsOnly`, the hooks of the slow
   * path) only the populations' arrays, which the layout puts first in each buffer.
   */
  async download(popsOnly = false): Promise<void> {
    const c = this.compiled;
    const dev = this.device;
    // Not read back: the engine's own arrays, spike records (read by the run's hand-over), arrays no kernel writes.
    const regions = popsOnly ? c.readBack.pops : c.readBack.all;
    const bytes = popsOnly ? c.readBytes.pops : c.readBytes.all;
    // The float groups kernels write (plastic weights too large for `F`): whole, with the rest of the state.
    const groups = popsOnly ? [] : c.groupReadBack;
    const enc = dev.createCommandEncoder();
    for (const b of BUFS) enc.copyBufferToBuffer(c[b], 0, c.staging[b], 0, bytes[b]);
    for (const g of groups) enc.copyBufferToBuffer(groupBuffer(c, g.group.name), 0, g.buffer, 0, g.buffer.size);
    dev.queue.submit([enc.finish()]);
    this.launches.readBacks++;
    await Promise.all([...BUFS.map((b) => c.staging[b].mapAsync(GPUMapMode.READ, 0, bytes[b])), ...groups.map((g) => g.buffer.mapAsync(GPUMapMode.READ))]);
    const read = (b: BufferName) => {
      const data = c.staging[b].getMappedRange(0, bytes[b]).slice(0);
      c.staging[b].unmap();
      return data;
    };
    const F = new Float32Array(read('F')), I = new Int32Array(read('I')), A = new Int32Array(read('A'));
    // A group's mapped range is read in place (up to 2 GiB: no copy of the whole range).
    const mapped = new Map(groups.map((g) => [g.group.name as string, new Float32Array(g.buffer.getMappedRange())]));
    try {
      this.check();
      for (const r of regions) {
        if (!inGroup(r)) this.#take(r, (r.buf === 'F' ? F : r.buf === 'I' ? I : A).subarray(r.offset, r.offset + r.length));
        else if (!popsOnly) this.#take(r, gather(r, mapped));
      }
    } finally {
      for (const g of groups) g.buffer.unmap();
    }
    this.#sortSpikes();
  }

  /** Region `r`'s device values `src` into its host array and the record of what the device holds. */
  #take(r: Region, src: Float32Array | Int32Array): void {
    this.host(r)!.set(src);
    this.compiled.synced.set(r, src.slice());
  }

  /** Reads `length` elements of `I` from `offset`. */
  async readInts(offset: number, length: number): Promise<Int32Array> {
    const dev = this.device;
    const size = Math.max(16, Math.ceil(length / 4) * 16);
    const staging = dev.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = dev.createCommandEncoder();
    enc.copyBufferToBuffer(this.compiled.I, offset * 4, staging, 0, Math.min(size, this.compiled.I.size - offset * 4));
    dev.queue.submit([enc.finish()]);
    this.launches.readBacks++;
    await staging.mapAsync(GPUMapMode.READ);
    this.check();
    const out = new Int32Array(staging.getMappedRange().slice(0, length * 4));
    staging.unmap();
    staging.destroy();
    return out;
  }

  /**
   * How `regions` are copied into a state snapshot (the replay path's, once per stage of a step)
   * and back into the host arrays: a prefix of each of `F`, `I`, `A` up to the last of them there,
   * then each region of a group buffer piece by piece. `bytes` is the size of one snapshot.
   */
  snapshot(regions: Region[]): Snapshot {
    const c = this.compiled;
    const end: Record<BufferName, number> = { F: 0, I: 0, A: 0 };
    const grouped = regions.filter(inGroup);
    for (const r of regions) if (!inGroup(r)) end[r.buf as BufferName] = Math.max(end[r.buf as BufferName], r.offset + r.length);
    const at = { F: 0, I: 4 * end.F, A: 4 * (end.F + end.I) };
    let bytes = 4 * (end.F + end.I + end.A);
    // Each grouped region's pieces, in order, after the prefixes.
    const pieces = grouped.map((r) => {
      const first = bytes;
      bytes += 4 * r.length;
      return { r, first };
    });
    return {
      bytes,
      encode: (enc, dst, base) => {
        for (const b of BUFS) if (end[b]) enc.copyBufferToBuffer(c[b], 0, dst, base + at[b], 4 * end[b]);
        for (const { r, first } of pieces) {
          for (const p of partsOf(r)) enc.copyBufferToBuffer(groupBuffer(c, p.buf), 4 * p.offset, dst, base + first + 4 * p.start, 4 * p.length);
        }
      },
      fill: (data, base) => {
        for (const r of regions) {
          if (inGroup(r)) continue;
          const off = base + at[stateBuffer(r)] + 4 * r.offset;
          this.host(r)!.set(r.buf === 'F' ? new Float32Array(data, off, r.length) : new Int32Array(data, off, r.length));
        }
        for (const { r, first } of pieces) this.host(r)!.set(isFloat(r) ? new Float32Array(data, base + first, r.length) : new Int32Array(data, base + first, r.length));
        this.#sortSpikes();
      },
    };
  }

  /** Spike lists come in scheduling order: sorted as the js backend emits them. */
  #sortSpikes(): void {
    this.input.plan.populations.forEach((p) => {
      if (!p.spiking) return;
      const s = this.input.state.populations[p.id];
      (s.get('_spiked') as Int32Array).subarray(0, (s.get('_nspiked') as Int32Array)[0]).sort();
      if (s.has('_naxon')) (s.get('_axon_spiked') as Int32Array).subarray(0, (s.get('_naxon') as Int32Array)[0]).sort();
    });
  }
}

/** A state snapshot's layout ({@link HostSync.snapshot}): its size, the copies into it, the copy back into the host arrays. */
export interface Snapshot {
  /** Bytes of one snapshot. */
  bytes: number;
  /** Encodes the copies of the device's values into `dst` from byte `base`. */
  encode(enc: GPUCommandEncoder, dst: GPUBuffer, base: number): void;
  /** Writes the snapshot at byte `base` of `data` into the host arrays. */
  fill(data: ArrayBuffer, base: number): void;
}

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

/** The device buffer of group `name`. */
function groupBuffer(c: Compiled, name: string): GPUBuffer {
  const j = c.gen.layout.groups.findIndex((g) => g.name === name);
  if (j < 0) throw new InternalError(`webgpu backend: no group buffer ${name}`);
  return c.groups[j];
}

/** Elements per `writeBuffer` call: 64 MiB, so that no upload asks the queue for a staging copy of a whole 2 GiB binding. */
const WRITE_ELEMENTS = 1 << 24;

/** Writes `count` elements of `data` from element `from` to element `at` of `buffer`, in pieces of {@link WRITE_ELEMENTS}. */
function write(device: GPUDevice, buffer: GPUBuffer, at: number, data: Float32Array<ArrayBuffer> | Int32Array<ArrayBuffer>, from: number, count: number): void {
  for (let j = 0; j < count; j += WRITE_ELEMENTS) {
    device.queue.writeBuffer(buffer, 4 * (at + j), data, from + j, Math.min(WRITE_ELEMENTS, count - j));
  }
}

/** A float region of the groups read back (`mapped`, by group name): its one piece in place, or its pieces copied together. */
function gather(r: Region, mapped: Map<string, Float32Array>): Float32Array {
  const parts = partsOf(r);
  const at = (buf: string) => {
    const m = mapped.get(buf);
    if (!m) throw new InternalError(`webgpu backend: '${r.name}' of ${r.owner} ${r.id} is read back, but its buffer ${buf} is not`);
    return m;
  };
  if (parts.length === 1) return at(parts[0].buf).subarray(parts[0].offset, parts[0].offset + r.length);
  const out = new Float32Array(r.length);
  for (const p of parts) out.set(at(p.buf).subarray(p.offset, p.offset + p.length), p.start);
  return out;
}
