// The ring-post-range spike walk of the cpp backend (src/backends/cpp/projection.ts): projections with
// per-synapse delays keep their ring of synapses in flight (pushed on one thread, in the ring walk's
// order); with several threads, each thread delivers, of this step's slot, only the synapses whose
// post-synaptic rank lies in its contiguous range. Chosen from 2 threads (not on 1), refused where the
// events write something shared (a pre-synaptic variable), and bit-identical to js on 1–4 threads. The
// run-time threshold is set to 0 here (`postRangeTuning`) so that every step runs the threaded path: a
// wrong partition would lose or repeat additions, which shows in the bits of g_exc/g_inh, v and the
// spikes; several simulate() calls leave spikes in flight across their boundaries.
import { describe, it, expect, afterEach } from 'vitest';
import { Network, Normal, Uniform, type BackendName } from '../../../src/index.js';
import { conform } from '../../helpers/conformance.js';
import { findCompiler } from '../../../src/backends/cpp/toolchain.js';
import { spikeWalkFor } from '../../../src/backends/cpp/projection.js';
import { ringPostRangeObstacle, postRangeTuning, POST_RANGE_MIN_EVENTS } from '../../../src/backends/kernels/post-range.js';
import { propagationChoice } from '../../../src/backends/kernels/propagation.js';
import { directory, planOf, plastic, PreWriting, PostCounting, Stdp } from './post-range-fixtures.js';
import { COBA } from '../../../bench/lib/spiking.js';

const compiler = await findCompiler();
if (!compiler) console.warn('test/backends/cpp/ring-post-range: no g++ or clang++ found, skipped');

/** Vogels–Abbott COBA (N neurons, 80 % exc, p = 80/N) with per-synapse delays drawn in [0.1, 3.0] ms. */
const delayedCOBA = (N: number) => (backend: BackendName) => {
  const NE = Math.floor(0.8 * N), p = 80 / N;
  const net = new Network({ dt: 0.1, seed: 1234, backend });
  const P = net.create(N, COBA);
  P.v = new Normal(-55.0, 5.0);
  P.g_exc = new Normal(4.0, 1.5);
  P.g_inh = new Normal(20.0, 12.0);
  net.connect(P.slice(0, NE), P, 'exc').connectFixedProbability({ weights: new Uniform(0.3, 0.9), probability: p, delays: new Uniform(0.1, 3.0) });
  net.connect(P.slice(NE), P, 'inh').connectFixedProbability({ weights: 6.7, probability: p, delays: new Uniform(0.1, 3.0) });
  return { net };
};

const RANGE_TEST = 'if (rk_post < _lo || rk_post >= _hi) continue;';

afterEach(() => { postRangeTuning.minEvents = POST_RANGE_MIN_EVENTS; propagationChoice.force = undefined; });

describe.skipIf(!compiler)('cpp backend: ring-post-range spike walk (per-synapse delays)', () => {
  it('chosen for the delayed COBA from 2 threads, not on 1; not for small projections; not when the row walk is forced', async () => {
    const plan = await planOf(delayedCOBA(2500));
    for (const proj of plan.projections) {
      expect(proj.delay.kind).toBe('variable');
      expect([1, 2, 4].map((t) => spikeWalkFor(proj, plan, t).name)).toEqual(['ring', 'ring-post-range', 'ring-post-range']);
    }
    const small = await planOf(delayedCOBA(500)); // the inhibitory 100 × 500 × 0.16 ≈ 8 000 < 10 000
    expect(spikeWalkFor(small.projections[1], small, 2).name).toBe('ring');
    propagationChoice.force = 'row';
    expect(spikeWalkFor(plan.projections[0], plan, 2).name).toBe('ring');
  });

  it('refused where the events write a pre-synaptic variable (the ring kept); STDP and post writes accepted', async () => {
    const pre = await planOf(plastic(PostCounting, PreWriting, true));
    expect(ringPostRangeObstacle(pre.projections[1], pre)).toBe('its spike event writes pre.n');
    expect(spikeWalkFor(pre.projections[1], pre, 2).name).toBe('ring');
    expect(spikeWalkFor(pre.projections[0], pre, 2).name).toBe('ring-post-range');
    const stdp = await planOf(plastic(Stdp, PostCounting, true));
    expect(ringPostRangeObstacle(stdp.projections[0], stdp)).toBeUndefined();
    expect(spikeWalkFor(stdp.projections[0], stdp, 2).name).toBe('ring-post-range');
    expect(spikeWalkFor(stdp.projections[0], stdp, 1).name).toBe('ring');
    expect(spikeWalkFor(stdp.projections[1], stdp, 2).name).toBe('ring-post-range');
  });

  it.each([1, 2, 3, 4])('delayed COBA 2500, %i thread(s), every step threaded: the js bits (spikes and every array) after 4 × 30 ms', async (numThreads) => {
    postRangeTuning.minEvents = 0;
    const { other, js } = await conform('cpp', { directory, numThreads }, delayedCOBA(2500), 30, 4);
    if (numThreads > 1) {
      expect(other.net.source).toContain(`if (_sn >= 0) {\n    #pragma omp parallel num_threads(${numThreads})`);
      expect(other.net.source?.split(RANGE_TEST).length).toBe(3); // two projections, each in the threads' region (the calling thread alone runs the ring walk without the test)
    } else {
      expect(other.net.source).not.toContain(RANGE_TEST);
    }
    const spikes = (js.net.populations[0].state.get('_last_spike') as Int32Array).filter((x) => x >= 0).length;
    expect(spikes).toBeGreaterThan(1000);
  });

  it('delayed COBA 2500 on 3 threads with the default run-time threshold: the js bits', async () => {
    await conform('cpp', { directory, numThreads: 3 }, delayedCOBA(2500), 50, 2);
  });

  it.each([2, 4])('STDP (pre_spike writes w and the traces) and a recurrent projection writing post.n, with delays, %i threads, every step threaded: the js bits', async (numThreads) => {
    postRangeTuning.minEvents = 0;
    const { other, js } = await conform('cpp', { directory, numThreads }, plastic(Stdp, PostCounting, true), 50, 3);
    expect(other.net.source?.split(RANGE_TEST).length).toBe(3);
    const w = js.net.projections[0].state.get('w') as Float64Array;
    expect(w.some((x) => x === 0 || x === 0.05)).toBe(true);
    const spikes = (js.net.populations[1].state.get('_last_spike') as Int32Array).filter((x) => x >= 0).length;
    expect(spikes).toBeGreaterThan(50);
  });

  it('the pre-synaptic write keeps the ring on 2 threads: the js bits', async () => {
    postRangeTuning.minEvents = 0;
    const { other } = await conform('cpp', { directory, numThreads: 2 }, plastic(PostCounting, PreWriting, true), 50, 2);
    expect(other.net.source?.split(RANGE_TEST).length).toBe(2);
  });
});
