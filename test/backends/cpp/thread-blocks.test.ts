// Thread blocks of the cpp backend (issue 19, src/backends/cpp/neuron.ts `threadBlocks`): with
// several threads, a large spiking population runs its equations and its spike test in one OpenMP
// region, each thread over a block of neurons, appending its spikes to the spike list from its
// block's first index; after the join the blocks' spikes are moved together. The spike list must be
// the js list (neuron order), and every array the js bits, whatever the thread count and however the
// size divides. The size threshold is lowered here (`threadBlockTuning`) so that small networks run
// the blocks; a lost, repeated or misplaced spike shows in `_spiked`, `_last_spike` and v. COBA's
// two stages then run in one region (`step-region.ts`, nx_run), or stage by stage where a monitor
// records every step (the runtime's hooks between the stages): the same bits either way.
import { describe, it, expect, afterEach } from 'vitest';
import { type BackendName, type Monitor } from '../../../src/index.js';
import { conform } from '../../helpers/conformance.js';
import { findCompiler } from '../../../src/backends/cpp/toolchain.js';
import { runsInThreadBlocks, threadBlockTuning, SPIKING_ELEMENT_THRESHOLD } from '../../../src/backends/kernels/thread-blocks.js';
import { postRangeTuning, POST_RANGE_BLOCK_MIN_EVENTS } from '../../../src/backends/kernels/post-range.js';
import { directory, planOf } from './post-range-fixtures.js';
import { buildCOBA } from '../../../bench/lib/spiking.js';
import { coba, noisy, counting } from '../thread-block-fixtures.js';

const compiler = await findCompiler();
if (!compiler) console.warn('test/backends/cpp/thread-blocks: no g++ or clang++ found, skipped');


/** The line that starts a thread's spike list at its block (present only in thread blocks). */
const BLOCK_LIST = 'int32_t* const _spiked = N->blocks[0] + _lo;';

afterEach(() => { threadBlockTuning.minNeurons = SPIKING_ELEMENT_THRESHOLD; postRangeTuning.blockMinEvents = POST_RANGE_BLOCK_MIN_EVENTS; });

describe.skipIf(!compiler)('cpp backend: thread blocks of a spiking population', () => {
  it('chosen from 2 threads and the size threshold; not for a reset writing a population-wide variable', async () => {
    const plan = await planOf(coba(4000));
    const pop = plan.populations[0];
    expect([1, 2, 4].map((t) => runsInThreadBlocks(pop, t))).toEqual([false, false, false]);
    threadBlockTuning.minNeurons = 1000;
    expect([1, 2, 4].map((t) => runsInThreadBlocks(pop, t))).toEqual([false, true, true]);
    const counts = await planOf(counting(2000));
    expect(runsInThreadBlocks(counts.populations[0], 2)).toBe(false);
  });

  it.each([2, 3, 4])('COBA 3000 on %i threads, the walks into it forking every step: the js bits (spike lists, every array)', async (numThreads) => {
    threadBlockTuning.minNeurons = 1000;
    postRangeTuning.blockMinEvents = 0;
    const { other, js } = await conform('cpp', { directory, numThreads }, coba(3000), 50, 4);
    expect(other.net.source).toContain(BLOCK_LIST);
    expect(other.net.source).toContain(`#pragma omp parallel num_threads(${numThreads})`);
    // the post-range walks have no run-time test: every step splits them as the blocks
    expect(other.net.source).not.toContain('if (_ns >=');
    const spikes = (js.net.populations[0].state.get('_last_spike') as Int32Array).filter((x) => x >= 0).length;
    expect(spikes).toBeGreaterThan(1000);
  });

  it.each([2, 3])('COBA 3000 on %i threads: one region for its transmissions and its update (nx_run), or the stages\' own with a monitor of v: the js bits', async (numThreads) => {
    threadBlockTuning.minNeurons = 1000;
    const { other } = await conform('cpp', { directory, numThreads }, coba(3000), 50, 2);
    const source = other.net.source!;
    expect(source).toContain('static void nx_step_region(Net* N, int64_t step) {');
    expect(source).toContain('nx_step_region(N, s); nx_stage2(N, s);');
    expect(source).toMatch(/proj0_share\(N, step, _t, _nt\);\n.*proj1_share\(N, step, _t, _nt\);\n.*pop0_share\(N, step, _t, _nt, _count0\);/);
    // A monitor of v and g_exc every step: the runtime runs the stages one by one (nx_stage).
    const monitors = new Map<BackendName, Monitor>();
    const monitored = (backend: BackendName) => {
      const b = buildCOBA({ N: 3000, backend });
      monitors.set(backend, b.net.monitor(b.pop.slice(0, 50), ['v', 'g_exc']));
      return { net: b.net };
    };
    const staged = await conform('cpp', { directory, numThreads }, monitored, 30, 2);
    expect(staged.other.net.source).toContain('nx_step_region');
    for (const name of ['v', 'g_exc']) expect(monitors.get('cpp')!.get(name)).toEqual(monitors.get('js')!.get(name));
  });

  it('no step region where a population keeps its spike test on one thread', async () => {
    threadBlockTuning.minNeurons = 1000;
    const { other } = await conform('cpp', { directory, numThreads: 2 }, counting(2000), 10, 1);
    expect(other.net.source).not.toContain('nx_step_region');
  });

  it('COBA 3000 on 2 threads with the walks\' default threshold into thread blocks: the js bits', async () => {
    threadBlockTuning.minNeurons = 1000;
    const { other } = await conform('cpp', { directory, numThreads: 2 }, coba(3000), 50, 2);
    expect(other.net.source).toContain(BLOCK_LIST);
    // The fork test counts the step's spikes of the pre-synaptic population (the view's neurons
    // have rows, the others empty ones): 512 events at the mean row length over the population.
    const proj = other.net.projections[0];
    const spikes = Math.ceil(POST_RANGE_BLOCK_MIN_EVENTS / (proj.nbSynapses / other.net.populations[0].size));
    expect(other.net.source).toContain(`if (_ns >= ${spikes}) {`);
  });

  it.each([2, 3, 4])('1001 noisy neurons without refractoriness on %i threads: the js bits', async (numThreads) => {
    threadBlockTuning.minNeurons = 1000;
    const { other, js } = await conform('cpp', { directory, numThreads }, noisy(1001), 20, 5);
    expect(other.net.source).toContain(BLOCK_LIST);
    // its draws, one per neuron, are drawn by each thread for its block, in the step's one region
    expect(other.net.source).toMatch(/pop0_random_share\(N, step, _t, _nt\);\n.*pop0_share\(N, step, _t, _nt, _count0\);/);
    // many neurons spike in the same step, in every block
    const last = js.net.populations[0].state.get('_last_spike') as Int32Array;
    expect(last.filter((x) => x >= 0).length).toBeGreaterThan(900);
  });

  it('a reset counting spikes in a population-wide variable stays on one thread: the js count', async () => {
    threadBlockTuning.minNeurons = 1000;
    const { other, js } = await conform('cpp', { directory, numThreads: 2 }, counting(2000), 30, 2);
    expect(other.net.source).not.toContain(BLOCK_LIST);
    // every neuron spikes twice in 60 ms (`counting`)
    expect(js.net.populations[0].get('count')).toBe(4000);
  });
});
