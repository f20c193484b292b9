// parallelRun(): copies in workers give, bit for bit, what each copy gives run alone; seeds follow
// ANNarchy's rules; per-copy arguments; a failed or dead copy is reported by index, the pool ends.
import { describe, it, expect, vi } from 'vitest';
import { parallelRun, ParallelRunError } from '../../src/parallel/index.js';
import { copySeeds, copyArgs, poolSize } from '../../src/parallel/plan.js';
import { build, run, CobaNetwork } from './fixtures/coba-copies.js';

const MODULE = new URL('./fixtures/coba-copies.ts', import.meta.url);

describe('parallelRun seeds and arguments', () => {
  it("'sequential' gives seed + i + 1 (ANNarchy: 42 → 43, 44, …), 'same' the seed, a list its values", () => {
    expect(copySeeds('sequential', 42, 3)).toEqual([43, 44, 45]);
    expect(copySeeds(undefined, 42, 2)).toEqual([43, 44]);
    expect(copySeeds('same', 7, 3)).toEqual([7, 7, 7]);
    expect(copySeeds([5, 9], undefined, 2)).toEqual([5, 9]);
    const random = copySeeds(null, undefined, 4);
    expect(new Set(random).size).toBe(4);
    expect(() => copySeeds([1, 2, 3], undefined, 2)).toThrow(/seeds has 3 values but number is 2/);
    expect(() => copySeeds(null, 3, 2)).toThrow(/seed 3 would be unused/);
    expect(() => copySeeds([1, -2], undefined, 2)).toThrow(/seeds\[1\] must be a non-negative integer/);
  });

  it('arrays of `number` values go one per copy, other values to every copy', () => {
    expect(copyArgs({ w: [1, 2, 3], T: 100, list: new Float64Array([1, 2]) }, 3)).toEqual([
      { w: 1, T: 100, list: new Float64Array([1, 2]) }, { w: 2, T: 100, list: new Float64Array([1, 2]) }, { w: 3, T: 100, list: new Float64Array([1, 2]) },
    ]);
    expect(() => copyArgs({ w: [1, 2] }, 3)).toThrow(/args.w has 2 values but there are 3 copies/);
    expect(poolSize(undefined, 16, 3)).toBe(3);
    expect(poolSize(2, 16, 8)).toBe(2);
    expect(() => poolSize(0, 2, 2)).toThrow(/maxProcesses must be a positive integer/);
  });

  it('refuses unknown and Python-spelled options, a missing export, a function the module does not export', async () => {
    await expect(parallelRun({ module: MODULE, network: build, method: run, number: 2, max_processes: 2 } as never)).rejects.toThrow(/unknown option 'max_processes' — did you mean 'maxProcesses'/);
    await expect(parallelRun({ module: MODULE, network: build, method: 'simulate', number: 1 })).rejects.toThrow(/has no exported function 'simulate' \(its exported functions: [^)]*\bbuild\b[^)]*\)/);
    const method = async () => 1; // named 'method' by its variable, but not exported
    await expect(parallelRun({ module: MODULE, network: build, method, number: 1 })).rejects.toThrow(/no exported function 'method'/);
    await expect(parallelRun({ module: MODULE, network: build, method: [async () => 1][0], number: 1 })).rejects.toThrow(/anonymous function/);
    await expect(parallelRun({ module: MODULE, network: build, method: run, number: 0 })).rejects.toThrow(/number must be a positive integer/);
    await expect(parallelRun({ module: MODULE, network: build, method: run, number: 2, args: { onSpike: () => 1 } })).rejects.toThrow(/args.onSpike of copy 0 cannot be sent to a worker .*export it from the module/);
  });
});

describe('parallelRun in workers', () => {
  it('each copy equals the same copy run alone (bit for bit), in copy order', async () => {
    const wExc = [0.5, 0.6, 0.7];
    const results = await parallelRun({ module: MODULE, network: build, method: run, number: 3, seed: 100, maxProcesses: 2, args: { wExc, duration: 100 } });
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(results.map((r) => r.seed)).toEqual([101, 102, 103]);
    expect(results.map((r) => r.worker)).toEqual([true, true, true]);
    for (let i = 0; i < 3; i++) {
      const alone = await run(build({ index: i, seed: 101 + i, number: 3, args: { wExc: wExc[i] } }), { duration: 100 }, { index: i, seed: 101 + i, number: 3 });
      expect(results[i].times.length).toBeGreaterThan(50); // the network fires: the comparison means something
      expect(results[i].times).toEqual(alone.times);
      expect(results[i].ranks).toEqual(alone.ranks);
    }
    // Different weights and seeds give different activity.
    expect(results[0].times).not.toEqual(results[1].times);
    // sequential: true (in this thread) gives the same.
    const seq = await parallelRun({ module: MODULE, network: 'build', method: 'run', number: 3, seed: 100, sequential: true, args: { wExc, duration: 100 } });
    expect((seq as typeof results).map((r) => r.times)).toEqual(results.map((r) => r.times));
    expect((seq as typeof results).map((r) => r.worker)).toEqual([false, false, false]);
  });

  it('a Network subclass as the builder (ANNarchy 5 form) gives the same copies as the function', async () => {
    const r = await parallelRun({ module: MODULE, network: CobaNetwork, method: run, number: 2, seed: 30, maxProcesses: 1, args: { duration: 40 } });
    const f = await parallelRun({ module: MODULE, network: build, method: run, number: 2, seed: 30, sequential: true, args: { duration: 40 } });
    const c = await parallelRun({ module: MODULE, network: CobaNetwork, method: run, number: 2, seed: 30, sequential: true, args: { duration: 40 } });
    expect(r.map((x) => x.worker)).toEqual([true, true]);
    expect(r[1].times.length).toBeGreaterThan(10);
    expect(r.map((x) => x.times)).toEqual(f.map((x) => x.times));
    expect(c.map((x) => x.times)).toEqual(f.map((x) => x.times));
  });

  it('seeds: same gives identical copies (in this thread: sequential)', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const r = await parallelRun({ module: MODULE, network: build, method: run, number: 2, seed: 9, seeds: 'same', sequential: true, measureTime: true, args: { duration: 50 } });
    expect(log.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/^parallelRun\(\): 2 networks one after the other took \d+\.\d{3} s$/)]);
    log.mockRestore();
    expect(r[0].seed).toBe(9);
    expect(r[0].times).toEqual(r[1].times);
  });

  it('an exception in one copy is reported with its index and seed; the run does not hang', async () => {
    const err = await parallelRun({ module: MODULE, network: build, method: run, number: 3, seed: 1, maxProcesses: 2, args: { fail: true, duration: 10 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParallelRunError);
    expect((err as ParallelRunError).index).toBe(1);
    expect((err as Error).message).toMatch(/copy 1 \(seed 3\) failed: RangeError: copy 1 was told to fail/);
  });

  it('sequential: true reports a failed copy the same way', async () => {
    const err = await parallelRun({ module: MODULE, network: build, method: run, number: 3, seed: 1, sequential: true, args: { fail: true, duration: 10 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParallelRunError);
    expect((err as ParallelRunError).failures.map((f) => [f.index, f.seed, f.name])).toEqual([[1, 3, 'RangeError']]);
    expect((err as Error).message).toMatch(/copy 1 \(seed 3\) failed: RangeError: copy 1 was told to fail/);
  });

  it('a worker that dies (process.exit) is reported with its copy index', async () => {
    const err = await parallelRun({ module: MODULE, network: build, method: run, number: 2, seed: 1, maxProcesses: 2, args: { exit: true, duration: 10 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParallelRunError);
    expect((err as Error).message).toMatch(/copy 1 \(seed 3\) failed: WorkerError: the worker running it ended: exit code 3/);
  });
});

describe('parallelRun({ networks })', () => {
  it('runs the method on existing networks, in order, with per-network arguments', async () => {
    const nets = [0, 1].map((i) => build({ index: i, seed: 5 + i, number: 2, args: {} }));
    const r = await parallelRun({ networks: nets, method: run, args: { duration: [20, 40] } });
    expect(r.map((x) => x.seed)).toEqual([5, 6]);
    const alone = await run(build({ index: 1, seed: 6, number: 2, args: {} }), { duration: 40 }, { index: 1, seed: 6, number: 2 });
    expect(r[1].times).toEqual(alone.times);
    const err = await parallelRun({ networks: nets, method: run, args: { fail: true, duration: 10 } }).catch((e: unknown) => e);
    expect((err as ParallelRunError).failures.map((f) => [f.index, f.seed])).toEqual([[1, 6]]);
    await expect(parallelRun({ networks: nets, method: run, seeds: 'same' } as never)).rejects.toThrow(/option 'seeds' is not supported: the networks exist already/);
  });
});
