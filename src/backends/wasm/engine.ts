/**
 * The `wasm` backend: the network's kernels compiled in process to one WebAssembly module (no
 * toolchain: `./encoder.ts` writes the binary), run over the network's arrays in one WebAssembly
 * memory (`./memory.ts`), a whole `simulate()` stretch in one call of the module's step loop
 * (`./run.ts`), spikes recorded in the module. The kernels not yet written for wasm are the js
 * backend's, imported, over the same memory: every kernel computes the same bits on either side, so
 * which side runs a kernel changes the speed, never a result (`./kernels.ts` says which are wasm).
 * With `numThreads` > 1 the large loops also run on workers over a shared memory (`./threads.ts`,
 * `./workers.ts`), with the same bits.
 */
import { warnIfOversubscribed } from '../thread-count.js';
import type { Backend, BackendOptions, Engine, EngineInput, SpikeBatchHooks, StateMap } from '../../runtime/engine.js';
import { JsEngine } from '../js/engine.js';
import { WasmMemory } from './memory.js';
import { buildModule, mathSources, moduleImports } from './module.js';
import { CONTROL_BYTES, FillJobs, ParallelJobs } from './threads.js';
import { WorkerPool, threadEnvironment } from './workers.js';
import { InternalError, NetworkError } from '../../errors.js';
import { wasmKernels } from './kernels.js';
import { derivedMaps, fillDerived } from './derived.js';
import { NORMAL_SCRATCH_BYTES, randomModule } from './random.js';
import { fillDraws } from '../../random/draws.js';
import { LOG_ENTRY, RUN_MODE } from './run.js';
import { WasmRings } from './ring.js';
import { hasSpikeRing } from '../kernels/synapse-loops.js';

/** A network compiled to WebAssembly: the module (kernels and step loop) and the js kernels it imports, over one memory. */
export class WasmEngine implements Engine {
  readonly backend = 'wasm' as const;
  readonly source: string;
  readonly #input: EngineInput;
  readonly #memory: WasmMemory;
  readonly #derived: StateMap[];
  readonly #js: JsEngine;
  readonly #run: RunFunction;
  readonly #rings: WasmRings;
  /** The workers (numThreads > 1). */
  readonly #pool: WorkerPool | undefined;
  /** Whether the derived arrays must be rebuilt before the next run (weights or connectivity written). */
  #stale = true;
  /**
   * A worker's failure (the engine runs no more): what to say of it, and `lost`, why the state is
   * undefined when the failure came during a run (`stateLost`), undefined when between runs.
   */
  #failed: { thread: string; lost: string | undefined } | undefined;

  private constructor(input: EngineInput, memory: WasmMemory, derived: StateMap[], js: JsEngine, rings: WasmRings, run: RunFunction, source: string, pool?: WorkerPool) {
    this.#input = input;
    this.#pool = pool;
    this.#rings = rings;
    this.#run = run;
    this.#memory = memory;
    this.#derived = derived;
    this.#js = js;
    this.source = source;
  }

  /**
   * Lays out the memory, compiles the module (asynchronously: browsers refuse large synchronous
   * compiles), builds the js side; with `threads` > 1, starts the workers (`./threads.ts`).
   */
  static async create(input: EngineInput, threads = 1): Promise<WasmEngine> {
    const where = `wasm backend, network ${input.networkId}`;
    if (threads > 1) {
      const support = await threadEnvironment.probe();
      if (!support.ok) throw new NetworkError(`${where}: numThreads: ${threads} needs threads, and ${support.reason}; ${support.fix}`);
      await warnIfOversubscribed(threads, 'wasm', input.networkId);
    }
    const jobs = threads > 1 ? new ParallelJobs(threads) : undefined;
    const derived = derivedMaps(input.plan, input.state.projections);
    const memory = new WasmMemory(input, derived, threads);
    const kernels = wasmKernels(input.plan, jobs);
    const control = jobs && memory.alloc(CONTROL_BYTES);
    // The js side first: the kernels not written for wasm, which the module's step loop imports. Its
    // own step function is not used; it would call the module's kernels through `built`.
    const built: { exports?: WebAssembly.Exports } = {};
    const external = Object.fromEntries(kernels.filter((k) => !k.ranged).map((k) => [k.name, (step: number) => (built.exports![k.name] as (s: number) => void)(step)]));
    const forked: { fills?: FillJobs } = {};
    // The fills' scratch: js's calls of them (`randomFill`) and the module's random kernels (one thread) share it.
    const scratch = memory.alloc(NORMAL_SCRATCH_BYTES);
    const draws = [...input.plan.populations, ...input.plan.projections].some((o) => o.description.randoms.length > 0);
    // The first network of the process that draws numbers warms the random module on a few KB of its own memory.
    const warm = draws && !randomWarmed[Number(jobs !== undefined)] ? memory.alloc(8 * WARM_N) : undefined;
    const random = await randomFill(memory.memory, scratch, forked, jobs !== undefined, warm);
    const js = new JsEngine(input, external, random.fill);
    const { bytes, vectorised, pairedSums, run, fillJobs } = buildModule(input.plan, kernels, Object.keys(js.kernels), memory, simdSupported(), jobs && { jobs, control: control! }, scratch);
    const rings = new WasmRings(input.plan, memory, derived);
    const module = await WebAssembly.compile(bytes as BufferSource);
    const instance = await WebAssembly.instantiate(module, moduleImports(memory.memory, { ...js.kernels }, input.hooks, rings, random.exports));
    built.exports = instance.exports;
    // Each thread's share of a random fill has a scratch of its own.
    if (fillJobs) forked.fills = new FillJobs(memory.memory, control!, fillJobs, memory.alloc(threads * NORMAL_SCRATCH_BYTES), instance.exports.fork as (...x: number[]) => void);
    const pool = jobs && await WorkerPool.start(module, random.module, memory.memory, control!, threads, mathSources(), where);
    const text = kernels.map((k) => [`;; ${k.name}${k.ranged ? ' (a share [lo, hi) of the elements, run on every thread)' : ''}${vectorised.includes(k.name) ? ' (equations two elements at a time: f64x2)' : ''}${pairedSums.includes(k.name) ? ' (dense sums on f64x2 pairs of partials)' : ''}`, ...k.body].join('\n')).join('\n\n');
    const loop = [';; run (the step loop: start, count, mode)', ...run.body].join('\n');
    const source = `${text}\n\n${loop}\n\n// the kernels written in JavaScript (the step function is the loop above)\n${js.source}`;
    const engine = new WasmEngine(input, memory, derived, js, rings, instance.exports.run as RunFunction, source, pool);
    engine.#sync(); // the derived arrays at build time, not in the first run
    return engine;
  }

  /** The number of threads the parallel loops run on (1: no workers). */
  get threads(): number {
    return this.#pool ? this.#pool.size + 1 : 1;
  }

  /** How many parallel loops ran on every thread so far (fork/joins; 0 without threads). */
  get forks(): number {
    return this.#pool?.forks ?? 0;
  }

  /**
   * Terminates worker thread `tid` (1 … threads − 1), as a crash would: the run under way, or the
   * next, fails with a NetworkError.
   * @internal for tests
   */
  killWorker(tid: number): void {
    this.#pool?.kill(tid);
  }

  /**
   * Whether a worker's failure is written in the control block (and not yet seen by a run).
   * @internal for tests (a worker killed between runs: its supervisor writes it asynchronously)
   */
  get workerFailed(): boolean {
    return this.#pool?.failure() !== undefined;
  }

  /** Ends the workers (the network was disposed); they never keep the process alive meanwhile. */
  dispose(): void {
    this.#pool?.close();
  }

  /** Resolves when the workers have exited after `dispose()` (at once without threads). */
  get closed(): Promise<void> {
    return this.#pool?.exited ?? Promise.resolve();
  }

  /** The runtime's switches, constants and replaced arrays into memory; the derived arrays rebuilt when stale. */
  #sync(): void {
    if (this.#memory.sync()) this.#stale = true;
    if (!this.#stale) return;
    if (fillDerived(this.#input.plan, this.#input.state.projections, this.#derived)) this.#memory.sync();
    this.#stale = false;
  }

  /**
   * Runs the steps in the module's loop (`./run.ts`): one call for the whole stretch, or several when
   * spikes are logged and the log fills (each call's log handed to the runtime before the next).
   */
  run(start: number, count: number): void {
    this.#sync();
    const hooks = this.#input.hooks;
    const batch = hooks.spikes;
    const mode = !hooks.active ? RUN_MODE.quiet : batch && !batch.perStep ? RUN_MODE.log : RUN_MODE.hooks;
    const logged = mode === RUN_MODE.log ? batch!.populations() : [];
    const logOn = this.#memory.net('LOGON') as Int32Array;
    logOn.fill(0);
    for (const p of logged) logOn[p] = 1;
    for (let s = start, left = count; left > 0;) {
      // At most 2^30 steps per call: the count and the log's step offsets are int32s.
      this.#call(s, Math.min(left, 2 ** 30), mode);
      const info = this.#memory.net('RUN') as Int32Array;
      if (logged.length) handOver(this.#memory.net('LOG') as Int32Array, info[1], s, logged, batch!);
      s += info[0];
      left -= info[0];
    }
  }

  /**
   * The module's `run`. A worker's failure ends the other workers and this engine's runs:
   *
   * - seen before the run (a worker that ended between runs): a NetworkError; the state is that of
   *   the last run, which completed, so it may still be read and saved;
   * - during the run (the join traps): a NetworkError when the worker died (terminated, crashed:
   *   `./workers.ts`), an InternalError when it threw in the module; the step under way stopped
   *   part-way, so the state is undefined (`stateLost`: the runtime refuses every later use of it).
   */
  #call(start: number, count: number, mode: number): void {
    const where = `wasm backend, network ${this.#input.networkId}`;
    if (this.#failed) {
      const state = this.#failed.lost ? 'its state is undefined, so it runs no more: build the network and compile it again, or load() a file saved before' : 'it runs no more; its state, that of the last run, which completed, may still be read and saved: build the network and compile it again to simulate';
      throw new NetworkError(`${where}: ${this.#failed.thread}; ${state}`);
    }
    const before = this.#pool?.failure();
    if (before) {
      this.#pool!.close();
      const thread = this.#threadName(before.thread);
      this.#failed = { thread: `${thread} ${before.died ? 'died' : 'failed'} between runs`, lost: undefined };
      throw new NetworkError(`${where}: ${thread} ${before.died ? 'died' : 'failed'} between runs (${before.message}), so the network runs no more; its state, that of the last run, which completed, is intact: read it or save() it, then build the network and compile it again (or use numThreads: 1)`);
    }
    try {
      this.#run(start, count, mode);
    } catch (e) {
      const failure = e instanceof WebAssembly.RuntimeError ? this.#pool?.failure() : undefined;
      if (!failure) throw e;
      this.#pool!.close();
      const thread = this.#threadName(failure.thread);
      const what = `${thread} ${failure.died ? 'died' : 'failed'} during step ${failure.step}`;
      this.#failed = { thread: what, lost: `the network's state is undefined since ${what} (${where}): that step stopped part-way` };
      if (failure.died) {
        throw new NetworkError(`${where}: ${what} (${failure.message}); the step stopped part-way, so the network's state is undefined: simulate(), attribute reads and save() are refused (monitors keep the steps recorded before). Build the network and compile it again, or load() a file saved before; or use numThreads: 1`);
      }
      throw new InternalError(`${where}: ${what}: ${failure.message}; the network's state is undefined (simulate(), attribute reads and save() are refused)`);
    }
  }

  /** A worker thread, for messages. */
  #threadName(tid: number): string {
    return `worker thread ${tid} of ${this.threads} (numThreads: ${this.threads})`;
  }

  /** Why the network's state is undefined (a worker failed during a run), or undefined. */
  stateLost(): string | undefined {
    return this.#failed?.lost;
  }

  stopCondition(popId: number, step: number): boolean {
    // A js kernel reading the state maps: nothing to copy in (the runtime asks after every step).
    return this.#js.stopCondition(popId, step);
  }

  attributeWritten(owner: 'pop' | 'proj'): void {
    // Weights (and, through load(), connectivity) may have changed: rebuild the derived arrays.
    if (owner === 'proj') this.#stale = true;
  }

  delaysChanged(projId: number): void {
    if (hasSpikeRing(this.#input.plan.projections[projId])) this.#rings.resize(projId);
  }

  getPendingEvents(projId: number): { ptr: Int32Array; syn: Int32Array } | undefined {
    return hasSpikeRing(this.#input.plan.projections[projId]) ? this.#rings.pending(projId) : undefined;
  }

  setPendingEvents(projId: number, events: { ptr: Int32Array; syn: Int32Array }): void {
    if (hasSpikeRing(this.#input.plan.projections[projId])) this.#rings.setPending(projId, events);
  }
}

/** The module's step loop: `run(start, count, mode)` (`./run.ts`). */
type RunFunction = (start: number, count: number, mode: number) => void;

/**
 * The spikes of one call's log (`./run.ts`: population, step offset, rank triples in step order)
 * handed to the runtime, population by population, the steps made absolute from `start`.
 *
 * Typed arrays indexed by population id, no Maps: this runs once per `simulate()` (the log holds
 * 65 536 spikes), so mostly in V8's interpreter, where the Maps' calls made the first second of
 * Izhikevich 1000 (9 316 spikes) ≈ 2 ms slower.
 */
function handOver(log: Int32Array, length: number, start: number, pops: readonly number[], batch: SpikeBatchHooks): void {
  // Two passes over the log: count, then scatter.
  const size = Math.max(...pops) + 1, counts = new Int32Array(size), filled = new Int32Array(size);
  for (let j = 0; j < length; j += LOG_ENTRY) counts[log[j]]++;
  const steps: Float64Array[] = [], ranks: Int32Array[] = [];
  for (const p of pops) { steps[p] = new Float64Array(counts[p]); ranks[p] = new Int32Array(counts[p]); }
  for (let j = 0; j < length; j += LOG_ENTRY) {
    const p = log[j], k = filled[p]++;
    steps[p][k] = start + log[j + 1];
    ranks[p][k] = log[j + 2];
  }
  for (const p of pops) if (filled[p] > 0) batch.record(p, steps[p], ranks[p], filled[p]);
}

/** A module with one `f64x2.splat` and nothing else: whether this engine takes 128-bit SIMD. */
const SIMD_PROBE = Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7b, 3, 2, 1, 0, 10, 15, 1, 13, 0, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0xfd, 0x14, 0x0b);
let simd: boolean | undefined;

/**
 * Whether the JavaScript engine validates WebAssembly SIMD (every current browser and Node.js do);
 * without it the equations' loops are scalar (the same bits, slower), said once in a warning.
 */
export function simdSupported(): boolean {
  if (simd === undefined) {
    simd = WebAssembly.validate(SIMD_PROBE);
    if (!simd) console.warn('neurarchy wasm backend: this engine has no WebAssembly SIMD, so the equations run one neuron at a time (the same results, slower)');
  }
  return simd;
}

/** The random module, compiled once per process and memory kind (it is the same for every network): [own memory, shared]. */
const randomCompiled: (Promise<WebAssembly.Module> | undefined)[] = [];
/** Whether `warmRandom` ran on `randomCompiled[k]` (once per process, for the first network that draws). */
const randomWarmed: boolean[] = [];

/** Elements and calls of each fill that `warmRandom` runs: twice the tiering budget of V8 11 (two calls of 1024 trigger both fills). */
const WARM_N = 1024, WARM_CALLS = 4;

/**
 * Runs the random module's two fills a few times on `WARM_N` elements at `out` of the network's
 * memory (allocated for it), once per process when a network that draws numbers is built. Why: V8
 * first compiles each function with its baseline compiler (Liftoff: these SIMD loops run at about
 * half speed), and compiles the optimised code in the background only once the function has run a
 * budget of instructions (dynamic tiering). Run during the build, the fills' optimised code is there
 * for a network's first steps, not ~100 steps into its first run (measured: ≈ 2 ms of Izhikevich
 * 1000's first second at 1000 normals a step). Nothing of it is visible: the region is never read.
 * The network's own memory, not a new one: each WebAssembly memory reserves gigabytes of address
 * space, which a process with a limit on it (`ulimit -v`) may not have twice.
 */
function warmRandom(fills: Record<'fill_uniform' | 'fill_normal', FillFunction>, out: number, scratch: number): void {
  for (let k = 0; k < WARM_CALLS; k++) {
    for (const fill of [fills.fill_normal, fills.fill_uniform]) fill(out, WARM_N, 0, 0, k, 0, 0, 0, 1, scratch, 0);
  }
}

type FillFunction = (ptr: number, n: number, seed: number, stream: number, stepLo: number, stepHi: number, drawId: number, a: number, b: number, scratch: number, first: number) => void;

/**
 * The js backend's `fillDraws` with its Uniform and Normal fills done in WebAssembly (`./random.ts`,
 * the same bits) when the array is in the network's memory: `a + (b − a)·u` and `m + s·z`, the
 * arguments computed here exactly as `fillDraws` computes them. Other distributions stay js. With
 * threads, `forked.fills` (set once the module exists) runs the large fills on every thread; the
 * random module and its exports are the workers' and the module's (`rand` imports). `warm`: where
 * in the memory the fills may be warmed (`warmRandom`; given to the first network of the process
 * that draws numbers).
 */
async function randomFill(memory: WebAssembly.Memory, scratch: number, forked: { fills?: FillJobs }, shared: boolean, warm: number | undefined): Promise<{ fill: typeof fillDraws; module: WebAssembly.Module; exports: WebAssembly.Exports }> {
  const module = await (randomCompiled[Number(shared)] ??= WebAssembly.compile(randomModule(simdSupported(), shared) as BufferSource));
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const uniform = instance.exports.fill_uniform as FillFunction;
  const normal = instance.exports.fill_normal as FillFunction;
  if (warm !== undefined && !randomWarmed[Number(shared)]) {
    randomWarmed[Number(shared)] = true;
    warmRandom({ fill_uniform: uniform, fill_normal: normal }, warm, scratch);
  }
  const fill: typeof fillDraws = (out, dist, args, seed, stream, step, drawId) => {
    // The module writes float64s: another array (not in the memory, or of float32s) is filled in js.
    if ((dist !== 'Uniform' && dist !== 'Normal') || out.buffer !== memory.buffer || !(out instanceof Float64Array)) return fillDraws(out, dist, args, seed, stream, step, drawId);
    const stepLo = step % 4294967296, stepHi = Math.floor(step / 4294967296);
    const [a, b] = dist === 'Uniform' ? [args[0], args[1] - args[0]] : [args[0], args[1]];
    if (forked.fills?.run(dist, out.byteOffset, out.length, seed, stream, stepLo, stepHi, drawId, a, b)) return out;
    (dist === 'Uniform' ? uniform : normal)(out.byteOffset, out.length, seed, stream, stepLo, stepHi, drawId, a, b, scratch, 0);
    return out;
  };
  return { fill, module, exports: instance.exports };
}

/**
 * The `wasm` backend (`compile({ backend: 'wasm' })`, the default) for the given compile options:
 * `numThreads` threads (`./threads.ts`, `./workers.ts`; refused with a NetworkError where the platform has none).
 */
export function createWasmBackend(options: BackendOptions): Backend {
  return {
    name: 'wasm',
    build: (input) => WasmEngine.create(input, Math.max(1, Math.floor(options.numThreads ?? 1))),
  };
}
