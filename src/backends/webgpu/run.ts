/// <reference types="@webgpu/types" />
/**
 * The run paths of the `webgpu` engine: how steps are encoded and submitted, and when the host
 * sees the state in between. Every read-back stalls the queue, so each path reads back as little
 * and as rarely as its hooks allow:
 * - No hooks, or monitors of spikes only (fast path): up to {@link CHUNK} steps per submission, no
 *   read-back in between (each dispatch gets its step number from its uniform slot through a
 *   dynamic offset); the spikes of monitored populations are recorded on the GPU and handed to the
 *   monitors once per batch (`StepHooks.spikes`).
 * - Hooks that only read (monitors of variables, `sum()`, `g_target`; replay path): batches of
 *   steps with a copy of the hook arrays after each stage of each step, read back once per batch;
 *   the hooks are then called on each copy in turn.
 * - Hooks that write the state (firing-rate windows write `r`; slow path): step by step, the state
 *   read back before each hook and uploaded after it.
 * Every path reads the whole state back at the end, so that the host arrays hold the device's values.
 */
import type { Region } from './memory.js';
import type { HostSync } from './sync.js';
import { CHUNK, SLOT, type Compiled } from './build.js';
import { NO_HALT } from './generate.js';
import { InternalError } from '../../errors.js';

/** Bytes of state snapshots per batch when read-only hooks are replayed ({@link runReplay}). */
const REPLAY_BYTES = 64 << 20;

/** The three hook stages of a step: after transmission, after the neurons, at the end. */
const ALL = [0, 1, 2] as const;

/**
 * Runs `count` steps from step `start` on the device (the host arrays already uploaded), by the
 * path the hooks allow, and reads the state back.
 */
export async function runSteps(sync: HostSync, start: number, count: number): Promise<void> {
  const hooks = sync.input.hooks;
  setHalt(sync); // a batch of the last run may have left it set
  if (hooks.active && hooks.spikes?.perStep && hooks.spikes.writesState === false) { await runReplay(sync, start, count); return; }
  const batch = hooks.active && hooks.spikes !== undefined && !hooks.spikes.perStep;
  if (!hooks.active || batch) await runBatched(sync, start, count, batch);
  else await runStepwise(sync, start, count);
}

/**
 * Fast path: no read-back between steps; spikes of monitored populations (`recordSpikes`) recorded
 * on the GPU and handed to the monitors once per batch.
 */
async function runBatched(sync: HostSync, start: number, count: number, recordSpikes: boolean): Promise<void> {
  const input = sync.input;
  const c = sync.compiled;
  const recording = recordSpikes ? input.hooks.spikes!.populations().filter((id) => input.plan.populations[id]?.spiking) : [];
  const per = recording.length ? c.recordBatch : CHUNK;
  for (let s = start, end = start + count; s < end;) {
    const n = Math.min(per, end - s);
    for (const id of recording) {
      // offsets 0, no step recorded, the batch's first step (`phases.ts` `recordKernels`)
      const meta = c.gen.layout.get('pop', id, '_wg_rec_meta');
      sync.device.queue.writeBuffer(c.I, meta.offset * 4, Int32Array.of(0, 0, 0, s | 0));
    }
    if (recording.length) setHalt(sync);
    writeSteps(sync, s, n);
    submit(sync, n, ALL, recording);
    // A record that filled up halted the batch after the steps it holds (`recordKernels`): go on from there.
    let done = n;
    for (const id of recording) done = Math.min(done, await handOverSpikes(sync, id, s));
    if (done < 1) throw new InternalError(`webgpu backend: a batch of steps from step ${s} recorded none`);
    sync.launches.steps += done;
    s += done;
  }
  await sync.download();
}

/** Clears the halt of a full spike record (`phases.ts` `recordKernels`): every step runs. */
function setHalt(sync: HostSync): void {
  const halt = sync.compiled.gen.layout.get('net', 0, '_wg_halt');
  sync.device.queue.writeBuffer(sync.compiled.I, halt.offset * 4, Int32Array.of(NO_HALT));
}

/**
 * Slow path: the hooks read the host arrays between the stages of every step (populations only,
 * unless a monitor records a projection); the whole state is read back at the end.
 */
async function runStepwise(sync: HostSync, start: number, count: number): Promise<void> {
  const hooks = sync.input.hooks;
  const projections = hooks.readsProjections ?? false;
  for (let s = start, end = start + count; s < end; s++) {
    writeSteps(sync, s, 1);
    submit(sync, 1, [0]);
    await sync.download(true);
    hooks.recordTargets(s);
    submit(sync, 1, [1]);
    await sync.download(true);
    hooks.afterNeurons(s);
    sync.upload(true); // firing-rate windows write `r`
    submit(sync, 1, [2]);
    sync.launches.steps++;
    await sync.download(!projections);
    hooks.record(s);
  }
  await sync.download();
}

/**
 * Hooks that only read (monitors of variables, `sum()`, `g_target`): batches of steps run without
 * read-back; after each stage of each step the populations' arrays are copied into a snapshot
 * buffer, read back once per batch, and the hooks are called on each snapshot in turn.
 */
async function runReplay(sync: HostSync, start: number, count: number): Promise<void> {
  const dev = sync.device;
  const hooks = sync.input.hooks;
  const regions = hookRegions(sync);
  const shot = sync.snapshot(regions);
  const stepBytes = shot.bytes;
  const batch = Math.max(1, Math.min(CHUNK, Math.floor(REPLAY_BYTES / (3 * stepBytes))));
  const snap = dev.createBuffer({ label: 'snapshots', size: Math.max(16, batch * 3 * stepBytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const calls = [(s: number) => hooks.recordTargets(s), (s: number) => hooks.afterNeurons(s), (s: number) => hooks.record(s)];
  // A stage without kernels gets no pass (its snapshot is still taken: the hook reads it).
  const stages = ALL.map((q) => selectDispatches(sync, [q]));
  try {
    for (let s = start, last = start + count; s < last; s += batch) {
      const n = Math.min(batch, last - s);
      writeSteps(sync, s, n);
      const enc = dev.createCommandEncoder();
      let base = 0;
      for (let j = 0; j < n; j++) {
        for (const q of ALL) {
          if (stages[q].length) {
            const pass = enc.beginComputePass();
            encodeStep(sync, pass, j, stages[q]);
            pass.end();
            sync.launches.passes++;
          }
          shot.encode(enc, snap, base);
          base += stepBytes;
        }
      }
      dev.queue.submit([enc.finish()]);
      sync.launches.submissions++;
      sync.launches.steps += n;
      await snap.mapAsync(GPUMapMode.READ, 0, Math.max(16, base));
      sync.check();
      const data = snap.getMappedRange(0, Math.max(16, base)).slice(0);
      snap.unmap();
      for (let j = 0; j < n; j++) {
        for (const q of ALL) {
          shot.fill(data, (3 * j + q) * stepBytes);
          calls[q](s + j);
        }
      }
    }
  } finally {
    snap.destroy();
  }
  await sync.download();
}

/** The arrays the hooks may read: the populations' arrays that kernels write (and the projections' when monitored). */
function hookRegions(sync: HostSync): Region[] {
  const projections = sync.input.hooks.readsProjections ?? false;
  return sync.compiled.readBack.all.filter((r) => (r.owner === 'pop' || (projections && r.owner === 'proj')) && !r.name.startsWith('_wg_'));
}

/** Writes the step numbers of steps `start … start + n - 1` into the first `n` uniform slots. */
function writeSteps(sync: HostSync, start: number, n: number): void {
  const buf = new ArrayBuffer(n * SLOT);
  const i32 = new Int32Array(buf), u32 = new Uint32Array(buf), f32 = new Float32Array(buf);
  const dt = sync.input.plan.dt;
  for (let j = 0; j < n; j++) {
    const s = start + j, o = (j * SLOT) / 4;
    i32[o] = s | 0;
    u32[o + 1] = s >>> 0;
    u32[o + 2] = Math.floor(s / 4294967296) >>> 0;
    f32[o + 3] = s * dt;
  }
  sync.device.queue.writeBuffer(sync.compiled.U, 0, buf);
}

/** Dispatches of a step, in the order of the schedule. */
type Dispatches = Compiled['dispatches'];

/** The dispatches of stages `stages`: every kernel of those stages but the spike records of populations not in `recording`. */
function selectDispatches(sync: HostSync, stages: readonly number[], recording: readonly number[] = []): Dispatches {
  return sync.compiled.dispatches.filter(({ kernel: k }) => stages.includes(k.stage) && (k.record === undefined || recording.includes(k.record)));
}

/** Records dispatches `list` of step slot `j` into `pass`. */
function encodeStep(sync: HostSync, pass: GPUComputePassEncoder, j: number, list: Dispatches): void {
  const c = sync.compiled;
  const offset = [j * SLOT];
  for (const { pipeline, bind, wg, indirect } of list) {
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind, offset);
    if (wg) pass.dispatchWorkgroups(wg[0], wg[1]);
    else {
      pass.dispatchWorkgroupsIndirect(c.IND, indirect);
      sync.launches.indirect++;
    }
  }
  sync.launches.dispatches += list.length;
}

/**
 * Encodes steps `0..n` of the uniform slots in one compute pass and submits them; nothing when
 * the stages have no kernel (the pass and the submission would be empty).
 */
function submit(sync: HostSync, n: number, stages: readonly number[], recording: readonly number[] = []): void {
  const list = selectDispatches(sync, stages, recording);
  if (list.length === 0) return;
  const enc = sync.device.createCommandEncoder();
  const pass = enc.beginComputePass();
  for (let j = 0; j < n; j++) encodeStep(sync, pass, j, list);
  pass.end();
  sync.device.queue.submit([enc.finish()]);
  sync.launches.passes++;
  sync.launches.submissions++;
}

/**
 * Reads the spike record of population `id` (a batch from step `first`) and gives it to the
 * monitors; returns the steps it holds (fewer than the batch's where a full record halted it).
 */
async function handOverSpikes(sync: HostSync, id: number, first: number): Promise<number> {
  const L = sync.compiled.gen.layout;
  const nRegion = L.get('pop', id, '_wg_rec_n');
  const meta = L.get('pop', id, '_wg_rec_meta');
  // counts and meta are adjacent in the layout: one read. After `steps` steps the running offset
  // (the total) is in slot `steps & 1` (`phases.ts` `recordKernels`).
  const head = await sync.readInts(nRegion.offset, meta.offset + 4 - nRegion.offset);
  const m = meta.offset - nRegion.offset, steps = head[m + 2], total = head[m + (steps & 1)];
  const ranks = total ? await sync.readInts(L.get('pop', id, '_wg_rec').offset, total) : new Int32Array(0);
  const stepOf = new Float64Array(total);
  for (let j = 0, k = 0; j < steps; j++) {
    const n = head[j];
    ranks.subarray(k, k + n).sort();
    stepOf.fill(first + j, k, k + n);
    k += n;
  }
  sync.input.hooks.spikes!.record(id, stepOf, ranks, total);
  return steps;
}
