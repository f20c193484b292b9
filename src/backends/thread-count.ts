/**
 * The threaded backends' (cpp, wasm) check of `numThreads` against the machine: more threads than
 * cores give the same results, but idle threads poll for the next step's work (a fork then costs
 * ≈ 1 µs instead of tens), so a thread without a core makes every step wait for the scheduler —
 * many times one thread's time. Not an error (results are right, and tests run several threads on
 * small machines on purpose); a warning, once per backend and count in a process.
 */
import { coreCount } from '../parallel/spawn.js';

const warned = new Set<string>();

/** Warns (console.warn, once) when `threads` exceeds this machine's cores; `backend` names the backend. */
export async function warnIfOversubscribed(threads: number, backend: 'cpp' | 'wasm', networkId: number): Promise<void> {
  if (threads < 2) return;
  const cores = await coreCount();
  if (threads <= cores || warned.has(`${backend}:${threads}`)) return;
  warned.add(`${backend}:${threads}`);
  console.warn(`neurarchy: ${backend} backend, network ${networkId}: numThreads: ${threads} is more than this machine's ${cores} cores; `
    + `the results are the same, but each step then waits for threads that have no core (often many times one thread's time): use numThreads: ${cores} or fewer`);
}
