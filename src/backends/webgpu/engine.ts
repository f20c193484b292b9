/// <reference types="@webgpu/types" />
/**
 * The `webgpu` engine: the state of the network lives in three GPU storage buffers (`memory.ts`),
 * the float64 `state` maps on the host mirror them. The engine composes modules with one job each:
 * - `build.ts`: layout, WGSL, buffers and pipelines of one build (again when an array changes length);
 * - `sync.ts`: host ↔ device transfers (upload of what changed before a run, read-back after it);
 * - `run.ts`: the run paths (batched steps, replayed hooks, step by step);
 * - `rings.ts`: the spike rings of per-synapse delays, and their spikes in flight for save()/load().
 * What stays here: the device's lifetime and asynchronous errors, and the `Engine` interface of
 * the runtime. Stop conditions are evaluated on the host arrays by the `js` backend's generated code.
 */
import type { Backend, Engine, EngineInput } from '../../runtime/engine.js';
import { compileNetwork, type Compiled } from './build.js';
import { HostSync, type WebGpuLaunches } from './sync.js';
import { runSteps } from './run.js';
import { pendingEvents, restorePendingEvents, type OwnArrays, type PendingEvents } from './rings.js';
import { JsEngine } from '../js/engine.js';
import { acquireDevice, isCpuAdapter } from './device.js';
import { NetworkError } from '../../errors.js';
import { checkProceduralWebGpu } from './procedural.js';

export { CHUNK } from './build.js';
export type { WebGpuLaunches } from './sync.js';

/** Destroys the device of an engine that was garbage-collected without `dispose()` (networks have no dispose). */
const released = new FinalizationRegistry<GPUDevice>((device) => device.destroy());

/** What the engine tells of its device and its last build. */
export interface WebGpuEngineInfo {
  /** The adapter, e.g. `google / swiftshader`. */
  adapter: string;
  /** Seconds spent creating the shader pipelines (last build). */
  compileSeconds: number;
  /**
   * Kernel launches, compute passes, queue submissions and steps of every run so far (cumulative,
   * kept across builds): the difference between two reads divided by the steps run between them
   * gives the launches per step. Counts only, always on.
   */
  readonly launches: Readonly<WebGpuLaunches>;
}

/** Runs a network's plan as WGSL compute shaders on one WebGPU device. */
export class WebGpuEngine implements Engine {
  /** The backend's name. */
  readonly backend = 'webgpu' as const;
  /** The adapter and the last build's time. */
  readonly info: WebGpuEngineInfo;
  readonly #device: GPUDevice;
  readonly #input: EngineInput;
  readonly #stops: JsEngine;
  /** Engine-owned arrays, by `owner:id:name` (spike rings of per-synapse delays, spike records). */
  readonly #own: OwnArrays = new Map();
  readonly #sync: HostSync;
  /** The adapter runs on the CPU (SwiftShader, or a fallback adapter). */
  readonly #cpu: boolean;
  /** The first asynchronous error of the device (kept apart from the engine: see the constructor). */
  readonly #status: { failure?: string } = {};

  private constructor(input: EngineInput, device: GPUDevice, adapter: string) {
    this.#cpu = isCpuAdapter(adapter);
    this.#input = input;
    this.#device = device;
    this.#stops = new JsEngine(input);
    // Errors of queued work arrive asynchronously: kept, and thrown at the next read-back, so that a
    // failed dispatch never passes for a result. (The listeners hold `status`, not the engine, so
    // that the engine can be collected and its device destroyed by `released`.)
    const status = this.#status;
    device.addEventListener('uncapturederror', (e) => { status.failure ??= (e as GPUUncapturedErrorEvent).error.message; });
    void device.lost.then((info) => { status.failure ??= `the GPU device was lost (${info.reason}: ${info.message})`; });
    released.register(this, device, this);
    this.#sync = new HostSync(device, input, this.#own, () => check(status));
    this.info = { adapter, compileSeconds: 0, launches: this.#sync.launches };
  }

  /** Builds an engine on `device` (compiles every shader). */
  static async create(input: EngineInput, device: GPUDevice, adapter: string): Promise<WebGpuEngine> {
    const e = new WebGpuEngine(input, device, adapter);
    await e.#compile();
    // The state goes to the device now, so that compile() holds the transfer (0.3 GB of weights at
    // 10⁶ neurons took 1 s of the first run on an H200); a run uploads only what changed since.
    e.#sync.upload();
    await device.queue.onSubmittedWorkDone();
    return e;
  }

  /** The WGSL of every kernel, in dispatch order. */
  get source(): string {
    return this.#sync.compiled.gen.modules.join('\n');
  }

  async #compile(): Promise<void> {
    const t0 = performance.now();
    const previous = this.#sync.compiled as Compiled | undefined; // none before the first build
    this.#sync.compiled = await compileNetwork(this.#device, this.#input, this.#own, this.#cpu, previous);
    this.info.compileSeconds = (performance.now() - t0) / 1000;
  }

  /**
   * The spikes in flight of a projection with per-synapse delays, in the `js` engine's layout:
   * synapse indices due in 1, 2, … steps (CSR `ptr` over the steps ahead).
   */
  getPendingEvents(projId: number): PendingEvents | undefined {
    return pendingEvents(this.#own, this.#input, projId);
  }

  /**
   * Restores spikes in flight (`load()`). Events that no spike history can produce (delays changed
   * while the spikes were in flight) are refused with a `NetworkError`, never dropped in silence.
   */
  setPendingEvents(projId: number, events: PendingEvents): void {
    restorePendingEvents(this.#own, this.#input, projId, events);
  }

  /** The user wrote an attribute: a projection's connectivity is compared again at the next upload. */
  attributeWritten(owner: 'pop' | 'proj', id: number): void {
    if (owner === 'proj') this.#sync.signal(id);
  }

  /** Runs `count` steps from step `start`: builds again if an array changed length, uploads, runs, reads back. */
  async run(start: number, count: number): Promise<void> {
    check(this.#status);
    if (this.#sync.stale()) await this.#compile();
    this.#sync.upload();
    await runSteps(this.#sync, start, count);
  }

  /** Whether population `popId`'s stop condition holds on the host arrays (the `js` engine's code). */
  stopCondition(popId: number, step: number): boolean {
    return this.#stops.stopCondition(popId, step);
  }

  /** Nothing to do now: ring lengths are checked before every run (`stale`), a longer ring rebuilds the layout. */
  delaysChanged(): void {
    // Ring lengths are checked before every run (`HostSync.stale`): a longer ring rebuilds the layout.
  }

  /** Destroys the device; any later run throws. */
  dispose(): void {
    this.#status.failure ??= 'the engine was disposed';
    released.unregister(this);
    this.#device.destroy();
  }
}

/** Throws the device's first asynchronous error, if any. */
function check(status: { failure?: string }): void {
  if (status.failure) throw new NetworkError(`webgpu backend: ${status.failure}`);
}

/** Creates the `webgpu` backend (one device per compiled network). */
export function createWebGpuBackend(): Backend {
  return {
    name: 'webgpu',
    async build(input: EngineInput): Promise<Engine> {
      // Before a device is asked for: the reason holds on every machine.
      checkProceduralWebGpu(input.plan);
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
