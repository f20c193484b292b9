// The launch budget of the `webgpu` backend (src/backends/webgpu/README.md, "Launch budget"): the
// kernel launches, compute passes and queue submissions one step costs, and the steps that go into
// one submission, for COBA 4000 and the rate network (N = 1000) of the benchmarks. Counted by the
// engine (`info.launches`), so a change that adds a launch per step, splits a pass or a submission
// fails here. Indirect dispatches (Dawn validates each: 220 µs on an H200) are counted apart: with a
// GPU's threshold (`directDispatchTuning.gpu`) COBA 4000 has none, and its two transmissions, direct,
// share one dispatch (`mergeCommuting`); on a CPU adapter (SwiftShader), where none is dispatched
// directly, its two transmissions stay two indirect dispatches. Skipped, with a message,
// when the `webgpu` package or an adapter is missing.
import { describe, it, expect, afterEach } from 'vitest';
import type { Network } from '../../../src/index.js';
import { CHUNK, type WebGpuEngine, type WebGpuLaunches } from '../../../src/backends/webgpu/engine.js';
import { buildCOBA } from '../../../bench/lib/spiking.js';
import { buildRate } from '../../../bench/lib/rate.js';
import { directDispatchTuning, mergeTuning } from '../../../src/backends/webgpu/kernel.js';
import { isCpuAdapter } from '../../../src/backends/webgpu/device.js';
import { probe } from './helpers.js';

const available = await probe('test/backends/webgpu/launches');

/** The engine's counters and its kernels' names, in dispatch order. */
function engineOf(net: Network): { launches: Readonly<WebGpuLaunches>; kernels: string[] } {
  const e = net.engine as WebGpuEngine;
  return { launches: e.info.launches, kernels: [...e.source.matchAll(/^\/\/ neurarchy webgpu kernel (\S+)$/gm)].map((m) => m[1]) };
}

/** What `run` added to the counters. */
async function counted(net: Network, run: () => Promise<void>): Promise<WebGpuLaunches> {
  const { launches } = engineOf(net);
  const before = { ...launches };
  await run();
  return { steps: launches.steps - before.steps, submissions: launches.submissions - before.submissions, passes: launches.passes - before.passes, dispatches: launches.dispatches - before.dispatches, indirect: launches.indirect - before.indirect, readBacks: launches.readBacks - before.readBacks };
}

const tuning = { ...directDispatchTuning };
const merge = { ...mergeTuning };
afterEach(() => {
  Object.assign(directDispatchTuning, tuning);
  Object.assign(mergeTuning, merge);
});

/** Whether the network's engine runs on a CPU adapter (its threshold of direct dispatches: `directDispatchTuning.cpu`). */
function onCpu(net: Network): boolean {
  return isCpuAdapter((net.engine as WebGpuEngine).info.adapter);
}

describe.skipIf(!available)('webgpu launch budget', () => {
  it('COBA 4000: 6 launches a step with its spike monitor (5 without) on a CPU adapter, one fewer on a GPU, all steps of a batch in one pass and one submission', async () => {
    const { net, monitor } = buildCOBA({ backend: 'webgpu' });
    await net.compile({ backend: 'webgpu' });
    const { kernels } = engineOf(net);
    const cpu = onCpu(net);
    const transmit = cpu ? ['proj0_transmit', 'proj1_transmit'] : ['proj0_transmit+proj1_transmit'];
    expect(kernels).toEqual(['prep_transmission', ...transmit, 'clear_counters', 'pop0_update', 'pop0_record']);
    const per = kernels.length;
    // Spikes recorded on the GPU: a batch is CHUNK steps (the record, 4 Mi ranks, holds them at any
    // rate short of 4 Mi / 4000 spikes a step, about 5 kHz).
    const steps = CHUNK + 52; // two batches
    const c = await counted(net, () => net.simulate(steps * 0.1));
    expect(c.steps).toBe(steps);
    expect(c.dispatches).toBe(per * steps); // one per kernel of the schedule, spike records included
    // The transmissions' bounds are 3 200 and 800 workgroups (one per spike): direct under a GPU's threshold, indirect under a CPU's.
    expect(c.indirect).toBe(cpu ? 2 * steps : 0);
    expect(c.submissions).toBe(2);
    expect(c.passes).toBe(2);
    // Per batch: the record's counts, then its ranks; one read-back of the state at the end.
    expect(c.readBacks).toBe(2 * 2 + 1);
    expect(monitor.get('spike')).toBeDefined();
    // Without monitors: no spike records, batches of CHUNK steps.
    monitor.pause();
    const d = await counted(net, () => net.simulate(10 * 0.1));
    expect(d).toEqual({ steps: 10, dispatches: (per - 1) * 10, indirect: cpu ? 2 * 10 : 0, submissions: 1, passes: 1, readBacks: 1 });
  });

  it('COBA 4000 with a GPU\'s threshold of direct dispatches: no indirect dispatch, both transmissions in one', async () => {
    const run = async (cpu: number, merge = true) => {
      directDispatchTuning.cpu = cpu;
      mergeTuning.enabled = merge;
      const { net } = buildCOBA({ backend: 'webgpu' });
      await net.compile({ backend: 'webgpu' });
      return counted(net, () => net.simulate(10 * 0.1));
    };
    // SwiftShader given a GPU's threshold (the spike monitor on: a batch, its record read back):
    expect(await run(directDispatchTuning.gpu)).toEqual({ steps: 10, dispatches: 5 * 10, indirect: 0, submissions: 1, passes: 1, readBacks: 3 });
    expect(await run(directDispatchTuning.gpu, false)).toEqual({ steps: 10, dispatches: 6 * 10, indirect: 0, submissions: 1, passes: 1, readBacks: 3 });
    // Every bounded kernel indirect: the two transmissions, every step.
    expect((await run(0)).indirect).toBe(2 * 10);
  });

  it('rate network N = 1000 with a monitor of r: 3 launches and 2 passes a step, a batch in one submission', async () => {
    const { net } = buildRate({ N: 1000 });
    await net.compile({ backend: 'webgpu' });
    const { kernels } = engineOf(net);
    expect(kernels).toEqual(['pop0_clear', 'proj0_transmit', 'pop0_update']);
    // The monitor reads r between steps (replay path): a pass per stage that has kernels (transmission,
    // neurons; the third has none), each followed by a snapshot copy; one submission per batch
    // (1862 steps here: 64 MiB of snapshots), one read-back of the snapshots and one of the state.
    const steps = 20;
    const c = await counted(net, () => net.simulate(steps));
    expect(c).toEqual({ steps, dispatches: 3 * steps, indirect: 0, passes: 2 * steps, submissions: 1, readBacks: 1 });
  });
});
