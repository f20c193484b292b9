// The post-range spike walk of the cpp backend (issue 19, src/backends/cpp/projection.ts): with
// several threads, each thread walks every spike of the step and, of each spike's row, only the
// synapses whose post-synaptic rank lies in its contiguous range. Chosen for COBA from 2 threads (not
// on 1), refused where the events write something shared (a pre-synaptic variable), and bit-identical
// to js on 1–4 threads. The run-time threshold is set to 0 here (`postRangeTuning`) so that every step
// runs the threaded path: a wrong partition or a wrong binary search would lose or repeat additions,
// which shows in the bits of g_exc/g_inh, v and the spikes.
import { describe, it, expect, afterEach } from 'vitest';
import { Synapse, type BackendName } from '../../../src/index.js';
import { conform } from '../../helpers/conformance.js';
import { findCompiler } from '../../../src/backends/cpp/toolchain.js';
import { spikeWalkFor } from '../../../src/backends/cpp/projection.js';
import { postRangeObstacle, postRangeTuning, POST_RANGE_MIN_EVENTS } from '../../../src/backends/kernels/post-range.js';
import { propagationChoice } from '../../../src/backends/kernels/propagation.js';
import { directory, planOf, plastic, PreWriting, PostCounting, Stdp } from './post-range-fixtures.js';
import { buildCOBA } from '../../../bench/lib/spiking.js';

const compiler = await findCompiler();
if (!compiler) console.warn('test/backends/cpp/post-range: no g++ or clang++ found, skipped');

const coba = (N: number) => (backend: BackendName) => ({ net: buildCOBA({ N, backend }).net });

afterEach(() => { postRangeTuning.minEvents = POST_RANGE_MIN_EVENTS; propagationChoice.force = undefined; });

describe.skipIf(!compiler)('cpp backend: post-range spike walk', () => {
  it('chosen for COBA from 2 threads, not on 1; not for small projections; not when the row walk is forced', async () => {
    const plan = await planOf(coba(4000));
    for (const proj of plan.projections) {
      expect([1, 2, 4].map((t) => spikeWalkFor(proj, plan, t).name)).toEqual(['inverse', 'post-range', 'post-range']);
    }
    const small = await planOf(coba(500)); // 500 × 80 = 40 000 synapses, the inhibitory 8 000 < 10 000
    expect(spikeWalkFor(small.projections[1], small, 2).name).toBe('inverse');
    propagationChoice.force = 'row';
    expect(spikeWalkFor(plan.projections[0], plan, 2).name).toBe('inverse');
  });

  it('refused where the events write a pre-synaptic variable (the former walk kept); STDP and post writes accepted', async () => {
    const pre = await planOf(plastic(PostCounting, PreWriting));
    expect(postRangeObstacle(pre.projections[1], pre)).toBe('its spike event writes pre.n');
    expect(spikeWalkFor(pre.projections[1], pre, 2).name).toBe('inverse');
    expect(spikeWalkFor(pre.projections[0], pre, 2).name).toBe('post-range');
    const stdp = await planOf(plastic(Stdp, PostCounting));
    expect(postRangeObstacle(stdp.projections[0], stdp)).toBeUndefined();
    expect(spikeWalkFor(stdp.projections[0], stdp, 2).name).toBe('post-range');
    expect(spikeWalkFor(stdp.projections[0], stdp, 1).name).toBe('inverse');
    // 400 × 400 × 0.1 ≈ 16 000 synapses: recurrent, post.n only written (no pre read): compatible
    expect(spikeWalkFor(stdp.projections[1], stdp, 2).name).toBe('post-range');
    const readsPre = new Synapse({ preSpike: 'g_target += w * (1.0 + pre.n)\n post.n += 1.0', name: 'reads_pre' });
    const rec = await planOf(plastic(PostCounting, readsPre));
    expect(postRangeObstacle(rec.projections[1], rec)).toBe('a recurrent event that reads the pre-synaptic neuron');
  });

  it.each([1, 2, 3, 4])('COBA 3000, %i thread(s), every step threaded: the js bits (spikes and every array) after 4 × 50 ms', async (numThreads) => {
    postRangeTuning.minEvents = 0;
    const { other, js } = await conform('cpp', { directory, numThreads }, coba(3000), 50, 4);
    if (numThreads > 1) {
      expect(other.net.source).toContain(`if (_ns >= 0) {\n    #pragma omp parallel num_threads(${numThreads})`);
      expect(other.net.source).toContain('if (rk_post >= _hi) break;');
    } else {
      expect(other.net.source).not.toContain('if (rk_post >= _hi) break;');
    }
    const spikes = (js.net.populations[0].state.get('_last_spike') as Int32Array).filter((x) => x >= 0).length;
    expect(spikes).toBeGreaterThan(1000);
  });

  it('COBA 3000 on 3 threads with the default run-time threshold: the js bits', async () => {
    await conform('cpp', { directory, numThreads: 3 }, coba(3000), 100, 2);
  });

  it.each([2, 3, 4])('STDP (pre_spike writes w and the traces) and a recurrent projection writing post.n, %i threads, every step threaded: the js bits', async (numThreads) => {
    postRangeTuning.minEvents = 0;
    const { other, js } = await conform('cpp', { directory, numThreads }, plastic(Stdp, PostCounting), 50, 3);
    // two projections, each walked by the threads' region (below the threshold, the one-thread walk without range tests)
    expect(other.net.source?.match(/if \(rk_post >= _hi\) break;/g)?.length).toBe(2);
    // the weights moved (STDP ran): some reached a bound
    const w = js.net.projections[0].state.get('w') as Float64Array;
    expect(w.some((x) => x === 0 || x === 0.05)).toBe(true);
    const spikes = (js.net.populations[1].state.get('_last_spike') as Int32Array).filter((x) => x >= 0).length;
    expect(spikes).toBeGreaterThan(50);
  });

  it('the pre-synaptic write keeps the inverse walk on 2 threads: the js bits', async () => {
    postRangeTuning.minEvents = 0;
    const { other } = await conform('cpp', { directory, numThreads: 2 }, plastic(PostCounting, PreWriting), 50, 2);
    // only the feed-forward projection walks post ranges
    expect(other.net.source?.match(/if \(rk_post >= _hi\) break;/g)?.length).toBe(1);
  });
});
