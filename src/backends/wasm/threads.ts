/**
 * Threads for the wasm backend (`numThreads` > 1), the module's side: the memory is shared, and
 * T − 1 workers (`./workers.ts`) instantiate the same compiled module over it. The loops that run
 * on several threads are loops cpp runs under OpenMP, with cpp's thresholds (`../cpp/parallel.ts`),
 * whose iterations write disjoint elements: a neuron kernel's equations, the dendrites of a
 * weighted sum (rate-coded, or a spiking projection's continuous transmission), the random
 * module's Uniform and Normal fills (`FillJobs`); cpp's other parallel loops stay on one thread
 * here (`docs/internals/backends.md`). Each is a function of its own taking a share (a ranged
 * kernel, `KernelText.ranged`: `step`, `lo`, `hi`), a job. The main thread, inside `run`, forks a job as
 * OpenMP would: it writes the job into a control block of the memory, bumps a generation counter
 * (`i32.atomic.rmw.add`, `memory.atomic.notify`), runs its own share, then waits until every worker
 * has added one to the done counter (a short spin, then `memory.atomic.wait32`). Workers loop in the
 * module's `worker(tid, generation)`: wait for the next generation, run their share, count done. Every
 * element is computed by one thread with the same instructions as on one thread, and everything
 * else (spike propagation, reductions, monitors, the kernels in JavaScript, memory growth) stays on
 * the main thread between joins: the results are the same, bit for bit, whatever the thread count.
 */
import { ELEMENT_THRESHOLD } from '../cpp/parallel.js';
import { Code, type ModuleWriter } from './encoder.js';
import { InternalError } from '../../errors.js';
import type { KernelText } from './text.js';
import { NORMAL_SCRATCH_BYTES } from './random.js';

/** The procedure the kernels call to run a job: `(exec _fork job step n parallel)`. */
export const FORK = '_fork';

/**
 * Shares are whole groups of this many elements (a `gfor` tests eight at a time, a `vfor` two), so
 * that a thread's share starts where one thread's lanes would.
 */
export const LANES = 8;

/**
 * The share of each thread of a job over `n` elements, as `_fork` computes it at run time:
 * `chunk` = `ceil(n / (threads · LANES)) · LANES` elements, thread t's from `t · chunk`, the last
 * ones shorter or empty. `shares`: how many are not empty.
 */
export function shareSplit(n: number, threads: number): { chunk: number; shares: number } {
  const chunk = Math.ceil(n / (threads * LANES)) * LANES;
  return { chunk, shares: chunk === 0 ? 0 : Math.ceil(n / chunk) };
}

/**
 * Byte offsets in the control block; the two counters on cache lines of their own. `error`: the
 * thread that failed (0: none), `claim`: the one whose message is at `message` (`./workers.ts`),
 * `died`: 1 when that message says the thread ended (killed, or it exited) rather than threw.
 * From `fill`: the arguments of a random fill (`FillJobs`): output address, seed, stream, step
 * words, draw id, the first thread's scratch (one `NORMAL_SCRATCH_BYTES` per thread), then `a` and
 * `b` (float64).
 */
export const CTRL = {
  generation: 0, done: 64, job: 128, n: 132, chunk: 136, error: 140, step: 144, claim: 152, died: 156, fill: 192, a: 224, b: 232, message: 256,
} as const;
/** UTF-16 code units of a worker's failure message (`message`: its length, then the units). */
export const MESSAGE_UNITS = 1000;
/** Bytes of the control block (`WasmMemory.alloc`). */
export const CONTROL_BYTES = CTRL.message + 4 + 2 * MESSAGE_UNITS;
/** The int32 arguments of a fill, in the control block from `CTRL.fill`, in this order. */
const FILL_WORDS = ['ptr', 'seed', 'stream', 'stepLo', 'stepHi', 'drawId', 'scratch'] as const;
/**
 * Polls of the done counter before the main thread sleeps on it, and of the generation before a
 * worker sleeps on it (2²² polls: about a millisecond of CPU after a run, measured with
 * `process.cpuUsage`): the next fork comes within a step, and waking a sleeping thread costs
 * ≈ 60 µs where a virtual machine's vCPUs are woken by interrupts. COBA 100 000 on 2 threads (one
 * fork a step, the spike walk between on the main thread): 5.0 s a biological second with workers
 * that slept at once, 4.2 s after 2¹⁸ polls, 3.7 s after 2²² — level with one thread (3.7–3.8 s).
 * A worker still sleeps between runs.
 */
const SPINS = 1 << 20;
const WORKER_POLLS = 1 << 22;
/** How long (ns) the main thread sleeps between looks at the done counter and the error flag. */
const JOIN_WAIT_NS = 1_000_000n;

/**
 * The parallel loops of one module, numbered in the order the kernels ask for them (a kernel's fork
 * names its job by that number).
 */
export class ParallelJobs {
  readonly threads: number;
  /** The ranged kernels, by job number. */
  readonly kernels: KernelText[] = [];

  constructor(threads: number) {
    this.threads = threads;
  }

  /** Whether a loop of `size` elements (known when the module is written) runs on threads: cpp's rule. */
  worth(size: number): boolean {
    return this.threads > 1 && size >= ELEMENT_THRESHOLD;
  }

  /**
   * Registers `kernel` (ranged) and returns the statement that runs it over `n` elements (an int
   * expression): on every thread when `parallel` (an int expression, tested at run time) is
   * non-zero, else on the main thread alone.
   */
  fork(kernel: KernelText, n: string, parallel = '1'): string {
    if (!kernel.ranged) throw new InternalError(`wasm backend: ${kernel.name} is forked but takes no range`);
    this.kernels.push(kernel);
    return `(exec ${FORK} ${this.kernels.length - 1} step ${n} ${parallel})`;
  }
}

/** The function indices the thread code calls and defines. */
export interface ThreadFunctions {
  /** The ranged kernels by job number: `(step f64, lo i32, hi i32)`. */
  jobs: readonly number[];
  /** `_fork(job, step, n, parallel)`, all float64 (as `exec` passes them), declared. */
  fork: number;
  /** `dispatch(job i32, step f64, lo i32, hi i32)`, declared. */
  dispatch: number;
  /** `worker(tid i32, generation i32)`, declared and exported. */
  worker: number;
}

/**
 * Defines `dispatch`, `_fork` and `worker` for `threads` threads with the control block at byte
 * address `ctrl` (`CONTROL_BYTES`, zeros).
 */
export function defineThreadFunctions(w: ModuleWriter, f: ThreadFunctions, threads: number, ctrl: number): void {
  // dispatch: one comparison per job (a module has a few).
  const d = new Code();
  f.jobs.forEach((fn, j) => {
    d.get(0).i32(j).op('i32.eq').begin('if');
    d.get(1).get(2).get(3).call(fn).op('end');
  });
  w.define(f.dispatch, [], d);
  // A thread's share of n elements: [min(tid·chunk, n), min(tid·chunk + chunk, n)).
  const share = (c: Code, tid: () => void, chunk: number, n: number, lo: number, hi: number) => {
    const min = (a: () => void, b: () => void) => { a(); b(); a(); b(); c.op('i32.lt_s').op('select'); };
    min(() => { tid(); c.get(chunk).op('i32.mul'); }, () => c.get(n)); c.set(lo);
    min(() => c.get(lo).get(chunk).op('i32.add'), () => c.get(n)); c.set(hi);
  };

  // _fork(job f64, step f64, n f64, parallel f64); locals 4: j, 5: n, 6: chunk, 7: lo, 8: hi, 9: done, 10: spins.
  const k = new Code();
  const [job, step, n, parallel, j, nn, chunk, lo, hi, done, spins] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  k.get(job).truncSat().set(j).get(n).truncSat().set(nn);
  k.get(parallel).f64(0).op('f64.eq').begin('if');
  k.get(j).get(step).i32(0).get(nn).call(f.dispatch).op('return').op('end');
  // chunk = ceil(n / (threads · LANES)) · LANES
  k.get(nn).i32(threads * LANES - 1).op('i32.add').i32(threads * LANES).op('i32.div_u').i32(LANES).op('i32.mul').set(chunk);
  k.i32(ctrl).get(j).store('i32', CTRL.job);
  k.i32(ctrl).get(nn).store('i32', CTRL.n);
  k.i32(ctrl).get(chunk).store('i32', CTRL.chunk);
  k.i32(ctrl).get(step).store('f64', CTRL.step);
  k.i32(ctrl).i32(0).atomic('i32.atomic.store', CTRL.done);
  // The job's words are written before the new generation is published (sequentially consistent).
  k.i32(ctrl).i32(1).atomic('i32.atomic.rmw.add', CTRL.generation).op('drop');
  k.i32(ctrl).i32(threads - 1).atomic('memory.atomic.notify', CTRL.generation).op('drop');
  share(k, () => k.i32(0), chunk, nn, lo, hi);
  k.get(j).get(step).get(lo).get(hi).call(f.dispatch);
  // The join: until the done counter reaches threads − 1; a worker's failure (the error flag) traps,
  // and the engine says what the worker reported (`WorkerPool.failure`).
  k.begin('block').begin('loop');
  k.i32(ctrl).atomic('i32.atomic.load', CTRL.done).tee(done).i32(threads - 1).op('i32.eq').brIf(1);
  k.i32(ctrl).atomic('i32.atomic.load', CTRL.error).begin('if').op('unreachable').op('end');
  k.get(spins).i32(1).op('i32.add').tee(spins).i32(SPINS).op('i32.gt_u').begin('if');
  k.i32(ctrl).get(done).i64(JOIN_WAIT_NS).atomic('memory.atomic.wait32', CTRL.done).op('drop');
  k.op('end');
  k.br(0).op('end').op('end');
  w.define(f.fork, ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], k);

  // worker(tid i32, generation i32); locals 2: current generation, 3: job, 4: n, 5: chunk, 6: lo, 7: hi, 8: polls.
  const v = new Code();
  const [tid, gen, cur, wj, wn, wchunk, wlo, whi, polls] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  v.begin('loop'); // one job per turn
  v.i32(0).set(polls);
  v.begin('block').begin('loop'); // until the generation moves: polled a while, then asleep
  v.i32(ctrl).atomic('i32.atomic.load', CTRL.generation).tee(cur).get(gen).op('i32.ne').brIf(1);
  v.get(polls).i32(1).op('i32.add').tee(polls).i32(WORKER_POLLS).op('i32.gt_u').begin('if');
  v.i32(ctrl).get(gen).i64(-1n).atomic('memory.atomic.wait32', CTRL.generation).op('drop');
  v.op('end');
  v.br(0).op('end').op('end');
  v.get(cur).set(gen);
  v.i32(ctrl).load('i32', CTRL.job).tee(wj).i32(0).op('i32.lt_s').begin('if').op('return').op('end'); // the exit job
  v.i32(ctrl).load('i32', CTRL.n).set(wn);
  v.i32(ctrl).load('i32', CTRL.chunk).set(wchunk);
  share(v, () => v.get(tid), wchunk, wn, wlo, whi);
  v.get(wj).i32(ctrl).load('f64', CTRL.step).get(wlo).get(whi).call(f.dispatch);
  v.i32(ctrl).i32(1).atomic('i32.atomic.rmw.add', CTRL.done).op('drop');
  v.i32(ctrl).i32(1).atomic('memory.atomic.notify', CTRL.done).op('drop');
  v.br(0).op('end');
  w.define(f.worker, ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], v);
}

/**
 * Defines `job(step f64, lo i32, hi i32)`: elements [lo, hi) of the random fill whose arguments
 * `FillJobs.run` wrote into the control block, by the random module's fill `fill` (imported:
 * `./random.ts`, parameters `(ptr, n, seed, stream, stepLo, stepHi, drawId, a, b, scratch,
 * first)`), with the scratch of the share's thread (`lo / chunk`).
 */
export function defineFillJob(w: ModuleWriter, job: number, fill: number, ctrl: number): void {
  const c = new Code();
  // An empty share (a thread past the end: lo = hi = n) calls nothing: its scratch would lie past the threads'.
  c.get(1).get(2).op('i32.lt_s').begin('if');
  const word = (name: (typeof FILL_WORDS)[number]) => c.i32(ctrl).load('i32', CTRL.fill + 4 * FILL_WORDS.indexOf(name));
  word('ptr'); c.get(2);
  for (const name of ['seed', 'stream', 'stepLo', 'stepHi', 'drawId'] as const) word(name);
  c.i32(ctrl).load('f64', CTRL.a).i32(ctrl).load('f64', CTRL.b);
  // scratch + (lo / chunk) · NORMAL_SCRATCH_BYTES; chunk is 0 only when lo is (n = 0, or one thread).
  word('scratch');
  c.get(1).i32(ctrl).load('i32', CTRL.chunk).i32(ctrl).load('i32', CTRL.chunk).op('i32.eqz').op('i32.add').op('i32.div_u');
  c.i32(NORMAL_SCRATCH_BYTES).op('i32.mul').op('i32.add');
  c.get(1).call(fill);
  c.op('end');
  w.define(job, [], c);
}

/**
 * The random fills of the arrays of at least cpp's number of elements (`ELEMENT_THRESHOLD`: cpp
 * forks its per-element draws from there) run as a job on every thread: the js kernel's
 * `fillDraws` of Uniform and Normal arrays in the memory (`./engine.ts` `randomFill`) asks `run`.
 */
export class FillJobs {
  readonly #memory: WebAssembly.Memory;
  readonly #ctrl: number;
  readonly #jobs: { Uniform: number; Normal: number };
  readonly #fork: (job: number, step: number, n: number, parallel: number) => void;

  /** `scratch`: `threads · NORMAL_SCRATCH_BYTES` of the memory; `fork`: the module's `_fork` (exported `fork`). */
  constructor(memory: WebAssembly.Memory, ctrl: number, jobs: { Uniform: number; Normal: number }, scratch: number, fork: (job: number, step: number, n: number, parallel: number) => void) {
    this.#memory = memory;
    this.#ctrl = ctrl;
    this.#jobs = jobs;
    this.#fork = fork;
    new Int32Array(memory.buffer, ctrl + CTRL.fill, FILL_WORDS.length)[FILL_WORDS.indexOf('scratch')] = scratch;
  }

  /**
   * Fills `n` elements at `ptr` on every thread (`a + b · draw`, as the random module's fills);
   * false, doing nothing, below the threshold (the caller fills on the main thread).
   */
  run(dist: 'Uniform' | 'Normal', ptr: number, n: number, seed: number, stream: number, stepLo: number, stepHi: number, drawId: number, a: number, b: number): boolean {
    if (n < ELEMENT_THRESHOLD) return false;
    const words = new Int32Array(this.#memory.buffer, this.#ctrl + CTRL.fill, FILL_WORDS.length);
    [ptr, seed, stream, stepLo, stepHi, drawId].forEach((x, k) => { words[k] = x; });
    const f = new Float64Array(this.#memory.buffer, this.#ctrl + CTRL.a, 2);
    f[0] = a;
    f[1] = b;
    // The step goes with the job (a fill job ignores it) for a failure's message (`WorkerPool.failure`).
    this.#fork(this.#jobs[dist], stepHi * 4294967296 + stepLo, n, 1);
    return true;
  }
}
