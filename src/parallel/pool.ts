/**
 * A pool of workers running jobs in order of index: each worker takes the next job when it is free.
 * A copy that fails (an exception in the user's code, or a worker that dies) is reported with its
 * index; no new job starts after a failure, the running ones finish, and every worker is ended —
 * the run never hangs on a dead worker.
 */
import { NeurarchyError, NetworkError } from '../errors.js';
import type { Job } from './plan.js';

/** A worker as the pool sees it (Node's `worker_threads` or a browser's Web Worker). */
export interface WorkerHandle {
  post(message: unknown): void;
  /** `onMessage` gets the worker's replies; `onDeath` its end without a reply (a crash, `process.exit`). */
  listen(onMessage: (message: Reply) => void, onDeath: (why: string) => void): void;
  terminate(): void;
}

/** A worker's reply to one job. */
export type Reply =
  | { type: 'done'; index: number; result: unknown }
  | { type: 'failed'; index: number; error: { name: string; message: string; stack?: string } };

/** One failed copy. */
export interface CopyFailure {
  /** The copy's index. */
  index: number;
  /** The copy's seed. */
  seed: number;
  /** The error's class name in the worker (`NetworkError`, `TypeError`, …). */
  name: string;
  /** The error's message. */
  message: string;
  /** The stack in the worker, when there was one. */
  stack?: string;
}

/** One or more copies of a `parallelRun()` failed; the first by index is in the message. */
export class ParallelRunError extends NeurarchyError {
  /** `'ParallelRunError'`, the class's name. */
  override name = 'ParallelRunError';
  /** Index of the first failed copy. */
  readonly index: number;
  /** Every failed copy, by index (copies not started after the first failure are not listed). */
  readonly failures: CopyFailure[];

  constructor(failures: CopyFailure[]) {
    const sorted = [...failures].sort((a, b) => a.index - b.index);
    const first = sorted[0];
    const others = sorted.length > 1 ? ` (also failed: copies ${sorted.slice(1).map((f) => f.index).join(', ')})` : '';
    super(`parallelRun(): copy ${first.index} (seed ${first.seed}) failed: ${first.name}: ${first.message}${others}`);
    this.index = first.index;
    this.failures = sorted;
    if (first.stack) this.stack = `${this.name}: ${this.message}\n--- in the worker ---\n${first.stack}`;
  }
}

/** Runs `jobs` on at most `size` workers made by `spawn`; resolves to the results in job order. */
export function runPool(jobs: readonly Job[], size: number, spawn: () => WorkerHandle, message: (job: Job) => unknown): Promise<unknown[]> {
  const results = new Array<unknown>(jobs.length);
  const failures: CopyFailure[] = [];
  const workers: WorkerHandle[] = [];
  let next = 0;
  let running = 0;
  let ended = false;
  return new Promise((resolve, reject) => {
    const end = () => {
      if (ended) return;
      ended = true;
      for (const w of workers) w.terminate();
      if (failures.length > 0) reject(new ParallelRunError(failures));
      else resolve(results);
    };
    const feed = (w: WorkerHandle, state: { job?: Job }) => {
      state.job = undefined;
      if (failures.length === 0 && next < jobs.length) {
        const job = jobs[next++];
        state.job = job;
        running++;
        w.post(message(job));
      } else if (running === 0) {
        end();
      }
    };
    try {
      for (let i = 0; i < size; i++) {
        const w = spawn();
        workers.push(w);
        const state: { job?: Job } = {};
        w.listen((reply) => {
          if (ended || state.job === undefined || reply.index !== state.job.index) return;
          running--;
          if (reply.type === 'done') results[reply.index] = reply.result;
          else failures.push({ index: reply.index, seed: state.job.seed, ...reply.error });
          feed(w, state);
        }, (why) => {
          if (ended || state.job === undefined) return;
          const job = state.job;
          state.job = undefined;
          running--;
          failures.push({ index: job.index, seed: job.seed, name: 'WorkerError', message: `the worker running it ended: ${why}` });
          // This worker is gone: the others finish their copies, then the run ends.
          if (running === 0) end();
        });
        feed(w, state);
      }
    } catch (e) {
      ended = true;
      for (const w of workers) w.terminate();
      reject(e instanceof Error ? e : new NetworkError(`parallelRun(): ${String(e)}`));
    }
  });
}
