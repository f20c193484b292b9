// Thread blocks of the wasm backend (issue 18/19, src/backends/wasm/neuron.ts `threadBlocks`): with
// several threads, a large spiking population runs its equations and its spike test in one job,
// each thread over its share of the neurons, listing its spikes in the block scratch from its share's
// first index; after the join the main thread copies the shares' spikes into `_spiked` in share
// order. The spike list (its tail included) must be the js list, and every array the js bits,
// whatever the thread count and however the size divides. The size threshold is lowered here
// (`threadBlockTuning`) so that small networks run the blocks; a lost, repeated or misplaced spike
// shows in `_spiked`, `_last_spike` and v.
import { describe, it, expect, afterEach } from 'vitest';
import { Network, Neuron, type BackendName } from '../../../src/index.js';
import { conform } from '../../helpers/conformance.js';
import { threadBlockTuning, SPIKING_ELEMENT_THRESHOLD } from '../../../src/backends/kernels/thread-blocks.js';
import { shareSplit } from '../../../src/backends/wasm/threads.js';
import type { WasmEngine } from '../../../src/backends/wasm/engine.js';
import { buildCOBA } from '../../../bench/lib/spiking.js';

const coba = (N: number) => (backend: BackendName) => ({ net: buildCOBA({ N, backend }).net });

/** The ranged kernels of a network's module (`;; name (a share …`). */
const forked = (net: Network) => [...(net.source ?? '').matchAll(/^;; (\w+) \(a share/gm)].map((m) => m[1]);
/** The fork/joins a network's engine has done (`WasmEngine.forks`). */
const forks = (net: Network) => (net.engine as WasmEngine).forks;

/** Noisy LIF neurons, without refractoriness, on a size that no thread count of 2–4 divides. */
const Noisy = new Neuron({
  name: 'noisy_wasm_blocks',
  parameters: 'tau = 10.0\n I = 1.05 : population',
  equations: 'tau * dv/dt = -v + I + 2.0 * Normal(0.0, 1.0)',
  spike: 'v > 1.0', reset: 'v = 0.0',
});
const noisy = (N: number) => (backend: BackendName) => {
  const net = new Network({ dt: 0.1, seed: 7, backend });
  net.create(N, Noisy, { name: 'noisy' });
  return { net };
};

/** A reset that counts the spikes in a population-wide variable: a sum over neurons, on one thread. */
const Counting = new Neuron({
  name: 'counting_wasm_blocks',
  parameters: 'tau = 10.0',
  equations: 'tau * dv/dt = -v + 1.1\n count = count : population',
  spike: 'v > 1.0', reset: 'v = 0.0\n count += 1.0',
});

afterEach(() => { threadBlockTuning.minNeurons = SPIKING_ELEMENT_THRESHOLD; });

describe('wasm backend: thread blocks of a spiking population', () => {
  it('shares: whole groups of eight from 0, the last shorter, none empty counted', () => {
    expect(shareSplit(3000, 2)).toEqual({ chunk: 1504, shares: 2 });
    expect(shareSplit(1001, 3)).toEqual({ chunk: 336, shares: 3 });
    // 10 neurons on 3 threads: [0, 8), [8, 10), and an empty third share
    expect(shareSplit(10, 3)).toEqual({ chunk: 8, shares: 2 });
  });

  it.each([2, 3])('COBA 3000 on %i threads: the js bits (spike lists, every array), one job a step', async (numThreads) => {
    threadBlockTuning.minNeurons = 1000;
    const { other, js } = await conform('wasm', { numThreads }, coba(3000), 50, 4);
    expect(forked(other.net)).toEqual(['pop0_blocks']);
    // 2000 steps: one fork a step (the blocks); the walks stay on the main thread
    expect(forks(other.net)).toBe(2000);
    const spikes = (js.net.populations[0].state.get('_last_spike') as Int32Array).filter((x) => x >= 0).length;
    expect(spikes).toBeGreaterThan(1000);
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
    const build = (backend: BackendName) => {
      const net = new Network({ dt: 0.1, backend });
      net.create(2000, Counting);
      return { net };
    };
    const { other, js } = await conform('wasm', { numThreads: 2 }, build, 30, 2);
    expect(forked(other.net)).toEqual([]);
    // v_n = 1.1 (1 - 0.99^n) exceeds 1 from n = 239 (Euler, dt/tau = 0.01): every neuron spikes at
    // steps 239 and 478, and not again before 717: 2 × 2000 spikes in 60 ms
    expect(js.net.populations[0].get('count')).toBe(4000);
    other.net.dispose();
  });
});
