/**
 * The wasm backend's workers (`./threads.ts` is the module's side): where threads can run, and the
 * T − 1 workers of a network, each instantiating the network's compiled module over its shared
 * memory and looping in the module's `worker(tid, generation)`. In Node.js they are
 * `node:worker_threads` workers; in a browser, Web Workers — in a cross-origin isolated page, and only
 * when the network runs in a worker itself: the join waits (`memory.atomic.wait32`), which a page's
 * main thread may not do. A worker's failure is written into the control block (the thread, then
 * its message), where the main thread reads it synchronously after its join trapped: the same on
 * both platforms, with no event loop needed during a run. A worker that throws writes it itself; a
 * worker that dies (terminated, an uncaught error outside the module, out of memory) cannot, and
 * the main thread, blocked in its join, hears no event: the workers are therefore started by a
 * supervisor worker of their own, which does nothing but listen, and writes the death of any of
 * them into the control block. In Node.js it hears their `exit` (`SUPERVISOR`). A browser has no
 * event for a Web Worker that ended, so there each worker holds a Web Lock of its own
 * (`navigator.locks`, present in every secure context, which cross-origin isolation requires) for as
 * long as it loops, and the supervisor (`WEB_SUPERVISOR`) queues a request for each: the browser
 * grants it when the worker has ended. The supervisor is also the workers' owner because a browser
 * ends a worker that does not stop at once (one waiting, one computing) from its owner's event
 * loop, which the network's thread, blocked in its join, does not run.
 */
import { CONTROL_BYTES, CTRL, MESSAGE_UNITS } from './threads.js';
import { NetworkError } from '../../errors.js';

/** How long a worker may take to instantiate the module before compile() gives up on it. */
const START_TIMEOUT_MS = 60_000;

/** Where a failure goes in the control block (`CTRL`, as int32 and uint16 indices), for `writeFailure`. */
const FAILURE_LAYOUT = {
  words: CONTROL_BYTES >> 2, claim: CTRL.claim / 4, message: CTRL.message / 4, died: CTRL.died / 4, error: CTRL.error / 4, done: CTRL.done / 4,
  units: (CTRL.message + 4) / 2, maxUnits: MESSAGE_UNITS,
} as const;

/**
 * Writes thread `tid`'s failure into the control block at `ctrl`: its message (when no other thread
 * claimed the message first) and whether it died, then the error flag, and wakes the join. Run by a
 * worker that threw, and by the supervisor (Node's, a browser's) for a worker that ended; the workers get its source (self-contained: its parameters and globals only).
 */
function writeFailure(memory: WebAssembly.Memory, ctrl: number, tid: number, text: string, died: boolean, at: typeof FAILURE_LAYOUT): void {
  const flags = new Int32Array(memory.buffer, ctrl, at.words);
  if (Atomics.compareExchange(flags, at.claim, 0, tid) === 0) {
    const units = new Uint16Array(memory.buffer, ctrl, at.units + at.maxUnits);
    const n = Math.min(text.length, at.maxUnits);
    for (let i = 0; i < n; i++) units[at.units + i] = text.charCodeAt(i);
    Atomics.store(flags, at.message, n);
    Atomics.store(flags, at.died, died ? 1 : 0);
  }
  Atomics.store(flags, at.error, tid);
  Atomics.notify(flags, at.done);
}

/** `writeFailure` and its layout as source, for the workers' programs (bound to these names whatever a bundler renamed). */
const FAILURE_SOURCE = `const writeFailure = (${writeFailure.toString()});\nconst FAILURE_LAYOUT = ${JSON.stringify(FAILURE_LAYOUT)};\n`;

/** Where threads can run, or why not (what `threadSupport` answers). */
export type ThreadSupport = { ok: true } | { ok: false; reason: string; fix: string };

/** A module importing a shared memory and using `i32.atomic.load`: whether this engine takes threads' instructions. */
const ATOMICS_PROBE = Uint8Array.of(
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
  1, 5, 1, 0x60, 0, 1, 0x7f, // type: () → i32
  2, 9, 1, 1, 0x65, 1, 0x6d, 0x02, 0x03, 1, 1, // import e.m: shared memory, 1..1 page
  3, 2, 1, 0, // one function of type 0
  10, 10, 1, 8, 0, 0x41, 0, 0xfe, 0x10, 2, 0, 0x0b, // i32.const 0; i32.atomic.load
);

/** What a browser offers: Web Workers from a script's text, and whether this is a page's main thread. */
function webWorkers(): { main: boolean } | undefined {
  const g = globalThis as { Worker?: unknown; Blob?: unknown; document?: unknown };
  if (typeof g.Worker !== 'function' || typeof g.Blob !== 'function' || typeof URL.createObjectURL !== 'function') return undefined;
  return { main: g.document !== undefined };
}

/**
 * Whether this platform runs the wasm backend's threads: shared memory (`SharedArrayBuffer`, in a
 * browser only when cross-origin isolated), WebAssembly's thread instructions, and workers that may
 * wait (Node.js's `worker_threads`; a browser's Web Workers, from a network that runs in a worker).
 * Replaceable in tests (`threadEnvironment`).
 */
export async function threadSupport(): Promise<ThreadSupport> {
  const fixOne = 'use numThreads: 1 (one thread, the same results)';
  if (typeof SharedArrayBuffer !== 'function') {
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
    return {
      ok: false,
      reason: isolated === false ? 'this page is not cross-origin isolated, so it has no SharedArrayBuffer' : 'this JavaScript engine has no SharedArrayBuffer',
      fix: isolated === false ? `serve the page with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp, or ${fixOne}` : fixOne,
    };
  }
  if (!WebAssembly.validate(ATOMICS_PROBE)) return { ok: false, reason: "this engine refuses WebAssembly's shared memory and atomic instructions", fix: fixOne };
  if (await workerThreads()) return { ok: true };
  const web = webWorkers();
  if (!web) return { ok: false, reason: 'this platform has neither Node.js worker_threads nor Web Workers', fix: fixOne };
  if (web.main) {
    return {
      ok: false,
      reason: "a page's main thread may not wait for the other threads (Atomics.wait is refused there)",
      fix: `run the network in a Web Worker (the threads then start from it), or ${fixOne}`,
    };
  }
  return { ok: true };
}

/** The capability check the engine asks (tests replace `probe` to simulate a platform without threads). */
export const threadEnvironment = { probe: threadSupport };

type WorkerThreads = typeof import('node:worker_threads');

/** `node:worker_threads`, or undefined outside Node.js (a non-literal specifier: bundlers leave it out). */
async function workerThreads(): Promise<WorkerThreads | undefined> {
  if (typeof process === 'undefined' || !process.versions?.node) return undefined;
  const specifier = 'node:worker_threads';
  try {
    return (await import(/* @vite-ignore */ specifier)) as WorkerThreads;
  } catch {
    return undefined;
  }
}

/**
 * A worker's program, after a prelude that calls `start(data, post)` with its data (the compiled
 * module and random module, the memory, its thread number, the control block's address, the `Math`
 * functions' sources of `mathSources` in `./module.ts`) and a function posting to the main thread:
 * the module instantiated over the shared memory with the same `Math` functions as the main thread,
 * the random module's fills (`rand`, its own instance over the same memory), and every other import
 * (kernels in JavaScript, hooks, ring growth, which only the main thread runs) a stub that fails;
 * then `worker(tid, 0)`. A failure is posted (start-up) and written into the control block (`fail`).
 */
const WORKER_BODY = `${FAILURE_SOURCE}
function start({ module, random, memory, tid, ctrl, math }, post) {
  function fail(e) {
    const text = String((e && e.stack) || e).slice(0, FAILURE_LAYOUT.maxUnits);
    writeFailure(memory, ctrl, tid, text, false, FAILURE_LAYOUT);
    post({ error: text });
  }
  try {
    const fns = Object.fromEntries(math.map(([name, source]) => [name, (0, eval)('(' + source + ')')]));
    const rand = new WebAssembly.Instance(random, { env: { memory } }).exports;
    const imports = {};
    for (const im of WebAssembly.Module.imports(module)) {
      const table = (imports[im.module] ??= {});
      if (im.kind === 'memory') table[im.name] = memory;
      else if (im.module === 'math') table[im.name] = fns[im.name];
      else if (im.module === 'rand') table[im.name] = rand[im.name];
      else table[im.name] = () => { throw new WebAssembly.RuntimeError('called the import ' + im.module + '.' + im.name + ', which only the main thread runs'); };
    }
    const run = new WebAssembly.Instance(module, imports).exports.worker;
    if (typeof run !== 'function') throw new WebAssembly.LinkError('the module exports no worker function');
    post({ ready: true });
    run(tid, 0);
  } catch (e) {
    fail(e);
  }
}
`;

/** Node.js: the data is the worker's `workerData`. */
const NODE_WORKER = `${WORKER_BODY}
const { workerData, parentPort } = require('node:worker_threads');
start(workerData, (m) => parentPort.postMessage(m));
`;

/**
 * Node.js: the supervisor, started by the main thread with `{ data, threads, body }`, starts the
 * workers (`body`: `NODE_WORKER`) and relays their start-up messages (`{ tid, ready }`, `{ tid,
 * error }`). A worker that exits before the exit job (`CTRL.job` −1, written by `WorkerPool.close`)
 * has died: the supervisor writes it into the control block as a failed thread (`died` set when its
 * message is the one claimed) and wakes the join. `{ kill: tid }` terminates a worker (tests).
 */
const SUPERVISOR = `${FAILURE_SOURCE}
const { Worker, workerData, parentPort } = require('node:worker_threads');
const { data, threads, body } = workerData;
const job = new Int32Array(data.memory.buffer, data.ctrl + ${CTRL.job}, 1);
function died(tid, text) {
  if (Atomics.load(job, 0) === -1) return; // the exit job: an expected end
  writeFailure(data.memory, data.ctrl, tid, text, true, FAILURE_LAYOUT);
}
const workers = [];
for (let tid = 1; tid < threads; tid++) {
  const worker = new Worker(body, { eval: true, workerData: { ...data, tid } });
  let thrown;
  worker.on('message', (m) => parentPort.postMessage({ tid, ...m }));
  worker.on('error', (e) => { thrown = String((e && e.stack) || e); parentPort.postMessage({ tid, error: thrown }); });
  worker.on('exit', (code) => died(tid, thrown === undefined
    ? 'it exited (exit code ' + code + '): it was terminated, or it ended itself'
    : 'an uncaught error ended it (exit code ' + code + '): ' + thrown));
  workers.push(worker);
}
parentPort.on('message', (m) => { if (typeof m.kill === 'number') void workers[m.kill - 1]?.terminate(); });
`;

/** A browser: the data is the first message. */
const WEB_WORKER = `${WORKER_BODY}
self.onmessageerror = () => self.postMessage({ error: 'its data could not be received (messageerror)' });
self.onmessage = (e) => {
  self.onmessage = null;
  const post = (m) => self.postMessage(m);
  // The loop runs inside the lock's callback: the lock is held until the loop ends (the exit job)
  // or the worker does, when the browser releases it and grants the supervisor's request.
  if (e.data.lock) self.navigator.locks.request(e.data.lock, () => start(e.data, post));
  else start(e.data, post);
};
`;

/**
 * A browser: the supervisor, started by the network's thread with `{ data, threads }`, starts the
 * workers (`WEB_WORKER`), each with a Web Lock of its own to hold while it loops (where the browser
 * has `navigator.locks`), and relays their start-up messages (`{ tid, ready }`, `{ tid, error }`).
 * Once a worker is ready it holds its lock, and the supervisor queues a request for it: granted
 * before the exit job (`CTRL.job` −1, written by `WorkerPool.close`), it is a worker that ended,
 * written into the control block as a thread that died; so is an uncaught error after start-up.
 * `{ kill: tid }` terminates a worker (tests), reported as a crash would be: by its lock (without
 * locks, at once, else the join would wait for ever).
 */
const WEB_SUPERVISOR = `${FAILURE_SOURCE}
const BODY = ${JSON.stringify(WEB_WORKER)};
self.onmessage = (e) => {
  const { data, threads } = e.data;
  const job = new Int32Array(data.memory.buffer, data.ctrl + ${CTRL.job}, 1);
  const died = (tid, text) => {
    if (Atomics.load(job, 0) === -1) return; // the exit job: an expected end
    writeFailure(data.memory, data.ctrl, tid, text, true, FAILURE_LAYOUT);
  };
  const locks = self.navigator && self.navigator.locks;
  const id = (self.crypto && self.crypto.randomUUID) ? self.crypto.randomUUID() : String(Date.now()) + '-' + String(Math.random());
  const url = URL.createObjectURL(new Blob([BODY], { type: 'text/javascript' }));
  const workers = [];
  for (let tid = 1; tid < threads; tid++) {
    const lock = locks ? 'neurarchy-wasm-' + id + '-thread-' + tid : undefined;
    const worker = new Worker(url);
    let ready = false;
    worker.onmessage = (m) => {
      if (m.data.ready && lock) locks.request(lock, () => died(tid, 'it ended (terminated, or out of memory)'));
      if (m.data.ready) ready = true;
      self.postMessage({ tid, ...m.data });
    };
    worker.onerror = (ev) => {
      const text = String(ev.message);
      if (ready) died(tid, 'an uncaught error: ' + text);
      else self.postMessage({ tid, error: text });
    };
    worker.postMessage({ ...data, tid, lock });
    workers.push(worker);
  }
  URL.revokeObjectURL(url);
  self.onmessage = (m) => {
    const tid = m.data.kill;
    if (typeof tid !== 'number' || !workers[tid - 1]) return;
    workers[tid - 1].terminate();
    if (!locks) died(tid, 'it was terminated');
  };
};
`;

/** The data every worker of a pool gets (its `tid` added). */
interface WorkerData {
  module: WebAssembly.Module;
  random: WebAssembly.Module;
  memory: WebAssembly.Memory;
  ctrl: number;
  math: readonly [string, string][];
}

/** What a pool needs of its T − 1 workers, on either platform. */
interface Team {
  /** Calls `f` with worker `tid`'s first message (`{ ready }` or `{ error }`). */
  started(tid: number, f: (m: { ready?: boolean; error?: string }) => void): void;
  /** After start-up: listens no more (failures come through the control block), and never keeps the process alive. */
  detach(): void;
  /** Terminates worker `tid` (tests: a worker that dies). */
  kill(tid: number): void;
  /** Ends them all; resolves once they have exited. */
  terminate(): Promise<void>;
}

/** Node.js: the workers under a supervisor (`SUPERVISOR`) that reports their deaths. */
function nodeTeam(wt: WorkerThreads, data: WorkerData, threads: number): Team {
  const supervisor = new wt.Worker(SUPERVISOR, { eval: true, workerData: { data, threads, body: NODE_WORKER } });
  const exited = new Promise<void>((resolve) => supervisor.once('exit', () => resolve()));
  const waiting = new Map<number, (m: { ready?: boolean; error?: string }) => void>();
  const first = (tid: number, m: { ready?: boolean; error?: string }) => { const f = waiting.get(tid); waiting.delete(tid); f?.(m); };
  supervisor.on('message', (m: { tid: number; ready?: boolean; error?: string }) => first(m.tid, m));
  // The supervisor itself failing (it cannot start a worker): every worker not yet started fails with it.
  supervisor.on('error', (e) => { for (const tid of [...waiting.keys()]) first(tid, { error: `its supervisor failed: ${String(e)}` }); });
  return {
    started: (tid, f) => { waiting.set(tid, f); },
    detach: () => {
      supervisor.removeAllListeners('message');
      supervisor.removeAllListeners('error');
      supervisor.on('error', () => undefined); // a worker's failure is reported through the control block
      supervisor.unref();
    },
    kill: (tid) => supervisor.postMessage({ kill: tid }),
    // Node.js stops a worker's own workers when it ends (and joins their threads).
    terminate: () => { void supervisor.terminate(); return exited; },
  };
}

/** A browser: the workers under a supervisor (`WEB_SUPERVISOR`) that reports their deaths. */
function webTeam(data: WorkerData, threads: number): Team {
  const url = URL.createObjectURL(new Blob([WEB_SUPERVISOR], { type: 'text/javascript' }));
  const supervisor = new Worker(url);
  URL.revokeObjectURL(url);
  const waiting = new Map<number, (m: { ready?: boolean; error?: string }) => void>();
  const first = (tid: number, m: { ready?: boolean; error?: string }) => { const f = waiting.get(tid); waiting.delete(tid); f?.(m); };
  supervisor.onmessage = (e: MessageEvent<{ tid: number; ready?: boolean; error?: string }>) => first(e.data.tid, e.data);
  // The supervisor itself failing (it cannot start a worker): every worker not yet started fails with it.
  supervisor.onerror = (e: ErrorEvent) => { for (const tid of [...waiting.keys()]) first(tid, { error: `its supervisor failed: ${e.message}` }); };
  supervisor.postMessage({ data, threads });
  return {
    started: (tid, f) => { waiting.set(tid, f); },
    detach: () => { supervisor.onmessage = null; supervisor.onerror = null; },
    kill: (tid) => supervisor.postMessage({ kill: tid }),
    // A browser ends a worker's own workers with it.
    terminate: () => { supervisor.terminate(); return Promise.resolve(); },
  };
}

/** Workers alive in this process (all pools): for tests that check that dispose() ends them. */
let alive = 0;

/** How many wasm backend workers are alive in this process (or this worker of a page). */
export function liveWorkers(): number {
  return alive;
}

/** What a worker wrote (or its supervisor wrote for it) when it failed. */
export interface WorkerFailure {
  /** Its thread number (1 … T − 1). */
  thread: number;
  /** Whether it ended (terminated, an uncaught error outside the module, out of memory) rather than threw in the module. */
  died: boolean;
  /** What happened, as reported. */
  message: string;
  /** The step of the last job forked (the step during which the main thread's join saw the failure). */
  step: number;
}

/** The T − 1 workers of one network, started on its compiled module and shared memory. */
export class WorkerPool {
  readonly #team: Team;
  readonly #size: number;
  readonly #memory: WebAssembly.Memory;
  readonly #ctrl: number;
  #exited: Promise<void> | undefined;

  private constructor(memory: WebAssembly.Memory, ctrl: number, team: Team, size: number) {
    this.#memory = memory;
    this.#ctrl = ctrl;
    this.#team = team;
    this.#size = size;
  }

  /**
   * Starts `threads − 1` workers and waits until each has instantiated the module (a failure, or no
   * answer within a minute, is a NetworkError here, in compile(), rather than a hang in the first run).
   */
  static async start(module: WebAssembly.Module, random: WebAssembly.Module, memory: WebAssembly.Memory, ctrl: number, threads: number, math: readonly [string, string][], where: string): Promise<WorkerPool> {
    const wt = await workerThreads();
    const data = { module, random, memory, ctrl, math };
    const team = wt ? nodeTeam(wt, data, threads) : webTeam(data, threads);
    alive += threads - 1;
    const pool = new WorkerPool(memory, ctrl, team, threads - 1);
    const started: Promise<void>[] = [];
    for (let tid = 1; tid < threads; tid++) {
      started.push(new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new NetworkError(`${where}: thread ${tid} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
        team.started(tid, (m) => {
          clearTimeout(timer);
          if (m.ready) resolve(); else reject(new NetworkError(`${where}: thread ${tid} failed to start: ${m.error}`));
        });
      }));
    }
    try {
      await Promise.all(started);
    } catch (e) {
      pool.close();
      throw e;
    }
    team.detach();
    return pool;
  }

  /** The number of workers (threads − 1). */
  get size(): number {
    return this.#size;
  }

  /**
   * Terminates worker `tid` (1 … size), as a crash would end it: the next join (or the one under
   * way) fails with what `failure()` then says.
   * @internal for tests
   */
  kill(tid: number): void {
    this.#team.kill(tid);
  }

  #flags(): Int32Array {
    return new Int32Array(this.#memory.buffer, this.#ctrl, CONTROL_BYTES >> 2);
  }

  /** How many jobs the main thread has forked (the generation counter): 0 while every loop stayed on one thread. */
  get forks(): number {
    return Atomics.load(this.#flags(), CTRL.generation / 4);
  }

  /** What a worker (or its supervisor) wrote when it failed (after the main thread's join trapped), or undefined. */
  failure(): WorkerFailure | undefined {
    const flags = this.#flags();
    if (Atomics.load(flags, CTRL.error / 4) === 0) return undefined;
    const units = new Uint16Array(this.#memory.buffer, this.#ctrl + CTRL.message + 4, Atomics.load(flags, CTRL.message / 4));
    let message = '';
    for (const u of units) message += String.fromCharCode(u);
    const step = new DataView(this.#memory.buffer, this.#ctrl + CTRL.step, 8).getFloat64(0, true);
    return { thread: Atomics.load(flags, CTRL.claim / 4), died: Atomics.load(flags, CTRL.died / 4) === 1, message, step };
  }

  /** Ends the workers (the exit job, then terminate): `exited` resolves when all have. */
  close(): void {
    if (this.#exited) return;
    const flags = this.#flags();
    Atomics.store(flags, CTRL.job / 4, -1);
    Atomics.add(flags, CTRL.generation / 4, 1);
    Atomics.notify(flags, CTRL.generation / 4);
    this.#exited = this.#team.terminate().then(() => { alive -= this.#size; });
  }

  /** Resolves when every worker has exited (after `close()`). */
  get exited(): Promise<void> {
    return this.#exited ?? Promise.resolve();
  }
}
