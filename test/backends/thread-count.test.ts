// numThreads above the machine's cores (src/backends/thread-count.ts): the same results, but a
// warning, once per backend and count, that each step then waits for threads without a core.
import { describe, it, expect, vi, afterEach } from 'vitest';
import os from 'node:os';
import { warnIfOversubscribed } from '../../src/backends/thread-count.js';

afterEach(() => vi.restoreAllMocks());

describe('numThreads against the cores', () => {
  it('warns once when the threads exceed the cores, naming the backend, the network and the fix', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cores = os.availableParallelism();
    await warnIfOversubscribed(cores + 1000, 'cpp', 7);
    await warnIfOversubscribed(cores + 1000, 'cpp', 8);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toBe(`neurarchy: cpp backend, network 7: numThreads: ${cores + 1000} is more than this machine's ${cores} cores; `
      + `the results are the same, but each step then waits for threads that have no core (often many times one thread's time): use numThreads: ${cores} or fewer`);
    await warnIfOversubscribed(cores + 1000, 'wasm', 7);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('says nothing for one thread or for no more threads than cores', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await warnIfOversubscribed(1, 'cpp', 0);
    await warnIfOversubscribed(os.availableParallelism(), 'wasm', 0);
    expect(warn).not.toHaveBeenCalled();
  });
});
