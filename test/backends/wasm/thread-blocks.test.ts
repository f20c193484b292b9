// Thread blocks of the wasm backend (issue 18/19, src/backends/wasm/neuron.ts `threadBlocks`): with
// several threads, a large spiking population runs its equations and its spike test in one job,
// each thread over its share of the neurons, listing its spikes in the block scratch from its share's
// first index; after the join the main thread copies the shares' spikes into `_spiked` in share
// order. The spike list (its tail included) must be the js list, and every array the js bits,
// whatever the thread count and however the size divides. The spike walks into such a population
// split its post-synaptic ranks with the same shares (src/backends/wasm/projection.ts
// `postRangeJob`): every thread walks every spike, adding only into its share's conductances, in
// the one-thread order. The size threshold is lowered here (`threadBlockTuning`) so that small
// networks run the blocks; a lost, repeated or misplaced spike shows in `_spiked`, `_last_spike`
// and v, a lost or doubled synaptic event in g_exc and g_inh.
import { describe, it, expect, afterEach } from 'vitest';
import { Network, Neuron, Normal, Uniform, PoissonPopulation, STDP, type BackendName } from '../../../src/index.js';
import { conform } from '../../helpers/conformance.js';
import { threadBlockTuning, SPIKING_ELEMENT_THRESHOLD } from '../../../src/backends/kernels/thread-blocks.js';
import { postRangeTuning, POST_RANGE_BLOCK_MIN_EVENTS } from '../../../src/backends/kernels/post-range.js';
import { shareSplit } from '../../../src/backends/wasm/threads.js';
import type { WasmEngine } from '../../../src/backends/wasm/engine.js';
import { coba, noisy, counting } from '../thread-block-fixtures.js';


/** The ranged kernels of a network's module (`;; name (a share …`). */
const forked = (net: Network) => [...(net.source ?? '').matchAll(/^;; (\w+) \(a share/gm)].map((m) => m[1]);
/** The fork/joins a network's engine has done (`WasmEngine.forks`). */
const forks = (net: Network) => (net.engine as WasmEngine).forks;

/** LIF with refractoriness (its countdown in the blocks' spike test) and conductances. */
const Lif = new Neuron({
  name: 'lif_wasm_blocks',
  parameters: 'El = -60.0 : population\n Vr = -60.0 : population\n Vt = -50.0 : population\n tau = 20.0 : population\n I = 20.0 : population\n tau_ref = 2.0',
  equations: `
    tau * dv/dt = (El - v) + g_exc * (0.0 - v) + g_inh * (-80.0 - v) + I + 2.0 * Normal(0.0, 1.0)
    5.0 * dg_exc/dt = - g_exc
    10.0 * dg_inh/dt = - g_inh
  `,
  spike: 'v > Vt', reset: 'v = Vr', refractory: 'tau_ref',
});

/**
 * 2001 refractory LIF neurons fed by STDP synapses from Poisson inputs (events writing the synapse's
 * own weight and traces), a recurrent excitatory projection with a uniform delay (the spike queue's
 * slots) and an inhibitory one: each above the post-range walk's synapse minimum.
 */
const plastic = (backend: BackendName) => {
  const net = new Network({ seed: 5, backend, dt: 0.1 });
  const P = net.create(2001, Lif, { name: 'P' });
  P.v = new Normal(-55.0, 5.0);
  P.tau_ref = new Uniform(1.0, 5.0);
  const inp = new PoissonPopulation(200, { rates: 30.0, name: 'poisson', network: net });
  net.connect(inp, P, 'exc', new STDP({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.0105, w_max: 0.5 }), { name: 'stdp' })
    .connectFixedProbability({ probability: 0.05, weights: new Uniform(0.0, 0.5) });
  net.connect(P.slice(0, 1600), P, 'exc', undefined, { name: 'e' }).connectFixedProbability({ weights: 0.4, probability: 0.01, delays: 1.5 });
  net.connect(P.slice(1600), P, 'inh', undefined, { name: 'i' }).connectFixedProbability({ weights: 4.0, probability: 0.02 });
  net.monitor(P, ['spike']);
  return { net };
};

afterEach(() => { threadBlockTuning.minNeurons = SPIKING_ELEMENT_THRESHOLD; postRangeTuning.blockMinEvents = POST_RANGE_BLOCK_MIN_EVENTS; });

describe('wasm backend: thread blocks of a spiking population', () => {
  it('shares: whole groups of eight from 0, the last shorter, none empty counted', () => {
    expect(shareSplit(3000, 2)).toEqual({ chunk: 1504, shares: 2 });
    expect(shareSplit(1001, 3)).toEqual({ chunk: 336, shares: 3 });
    // 10 neurons on 3 threads: [0, 8), [8, 10), and an empty third share
    expect(shareSplit(10, 3)).toEqual({ chunk: 8, shares: 2 });
  });

  it.each([2, 3])('COBA 3000 on %i threads: the js bits (spike lists, every array, conductances), the blocks and the post-range walks forked every step', async (numThreads) => {
    threadBlockTuning.minNeurons = 1000;
    postRangeTuning.blockMinEvents = 0;
    const { other, js } = await conform('wasm', { numThreads }, coba(3000), 50, 4);
    expect(forked(other.net)).toEqual(['pop0_blocks', 'proj0_walk', 'proj1_walk']);
    // 2000 steps: three forks a step (the blocks, the excitatory and the inhibitory walks)
    expect(forks(other.net)).toBe(6000);
    const spikes = (js.net.populations[0].state.get('_last_spike') as Int32Array).filter((x) => x >= 0).length;
    expect(spikes).toBeGreaterThan(1000);
    other.net.dispose();
  });

  it('COBA 3000 on 2 threads with the walks\' default threshold: the js bits; the walks fork only in steps of enough spikes', async () => {
    threadBlockTuning.minNeurons = 1000;
    const { other } = await conform('wasm', { numThreads: 2 }, coba(3000), 50, 2);
    // the blocks every step (1000), the walks in some steps only: 512 events are ≥ 7 spikes of rows of 80
    expect(forks(other.net)).toBeGreaterThan(1000);
    expect(forks(other.net)).toBeLessThan(3000);
    other.net.dispose();
  });

  it.each([2, 3])('1001 noisy neurons without refractoriness on %i threads: the js bits', async (numThreads) => {
    threadBlockTuning.minNeurons = 1000;
    const { other, js } = await conform('wasm', { numThreads }, noisy(1001), 20, 5);
    expect(forked(other.net)).toEqual(['pop0_blocks']);
    // many neurons spike in the same step, in every share
    const last = js.net.populations[0].state.get('_last_spike') as Int32Array;
    expect(last.filter((x) => x >= 0).length).toBeGreaterThan(900);
    const { chunk } = shareSplit(1001, numThreads);
    for (let t = 0; t < numThreads; t++) expect(last.subarray(t * chunk, (t + 1) * chunk).filter((x) => x >= 0).length).toBeGreaterThan(200);
    other.net.dispose();
  });

  it.each([2, 3])('STDP from Poisson inputs, a delayed recurrent projection and refractoriness on %i threads: the js bits (weights, traces, conductances)', async (numThreads) => {
    threadBlockTuning.minNeurons = 1000;
    const { other, js } = await conform('wasm', { numThreads }, plastic, 30, 3);
    const id = (name: string) => other.net.getProjection(name)!.id;
    expect(forked(other.net)).toEqual(['pop0_blocks', ...['stdp', 'e', 'i'].map((n) => `proj${id(n)}_walk`).sort()]);
    const spikes = (js.net.populations[0].state.get('_last_spike') as Int32Array).filter((x) => x >= 0).length;
    expect(spikes).toBeGreaterThan(1000);
    other.net.dispose();
  });

  it('below the threshold, or on one thread: no blocks', async () => {
    const small = await conform('wasm', { numThreads: 2 }, noisy(1001), 5, 1);
    expect(forked(small.other.net)).toEqual([]);
    small.other.net.dispose();
    threadBlockTuning.minNeurons = 1000;
    const one = await conform('wasm', { numThreads: 1 }, noisy(1001), 5, 1);
    expect(one.other.net.source).not.toContain('pop0_blocks');
  });

  it('a reset counting spikes in a population-wide variable stays on the main thread: the js count', async () => {
    threadBlockTuning.minNeurons = 1000;
    const { other, js } = await conform('wasm', { numThreads: 2 }, counting(2000), 30, 2);
    expect(forked(other.net)).toEqual([]);
    // every neuron spikes twice in 60 ms (`counting`)
    expect(js.net.populations[0].get('count')).toBe(4000);
    other.net.dispose();
  });
});
