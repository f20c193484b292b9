// Procedural connectivity on webgpu (connectFixedProbability({ procedural: true })): each spike's
// row regenerated on the GPU (one invocation per spike, integer gaps from the shared table, u32
// compares only) must be exactly the CPU's row. Counters that add 1.0 per synapse reached (exact in
// float32, whatever the order of the atomic adds) show it: the same count per post-synaptic neuron
// as the stored form (`procedural: 'stored'`) on webgpu and as js, without delay, with a uniform
// delay, with Uniform delays drawn per synapse (the same steps: the counts agree at every step);
// Normal delays (f32 steps): the same counts once every delay has passed. Drawn weights: the
// stored form's float32 weights up to a few ulps. A COBA network: the same statistics as the
// stored form and as js. Saved mid-run and loaded on webgpu or js: an unbroken run. Without a
// device: Uniform delays' thresholds against the CPU's formula, and the refusal of distributions
// the GPU draws do not know.
import { describe, it, expect } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { Network, Uniform, Normal, LogNormal, SpikeSourceArray, type BackendName } from '../../../src/index.js';
import { uniformDelayThresholds } from '../../../src/backends/webgpu/procedural.js';
import { delayToSteps } from '../../../src/connectors/common.js';
import { probe, maxRelDiff, Counter, PROCEDURAL_DELAYS, countsAfterEachStep } from './helpers.js';

const available = await probe('test/backends/webgpu/procedural');

type Procedural = true | 'stored';

/**
 * 300 sources spiking once each (ranks spread over 10 steps) into 500 counters: a projection from a
 * view of the sources onto a view of the counters (weights 1: counts, or drawn: sums), and one of
 * the counters onto themselves without self-connections (a hundred of them spike once).
 */
function countNet(backend: BackendName, procedural: Procedural, delays: number | Uniform | Normal, weights: number | Uniform | Normal = 1) {
  const net = new Network({ dt: 0.1, seed: 11, backend });
  const src = new SpikeSourceArray(Array.from({ length: 300 }, (_, i) => [0.1 * (1 + (i % 10))]), { name: 'src', network: net });
  const post = net.create(500, Counter, { name: 'post' });
  // A fifth of the counters spike once too, into the counters (a self-connection dropped).
  post.at = Array.from({ length: 500 }, (_, i) => (i % 5 === 0 ? 3 + (i % 7) : -1));
  // Onto a view with gaps: the candidates are read from `_proc_post`, not computed.
  const some = post.view(Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 3 !== 1));
  net.connect(src.slice(20, 290), some, 'x', undefined, { name: 'ff' }).connectFixedProbability({ probability: 0.15, weights, delays, procedural });
  net.connect(post, post, 'x', undefined, { name: 'rec' }).connectFixedProbability({ probability: 0.05, weights: 1, delays: 0.5, procedural });
  return { net, post };
}

/** The counts after each of `steps` steps. */
async function counts(backend: BackendName, procedural: Procedural, delays: number | Uniform | Normal, weights: number | Uniform | Normal = 1, steps = 40): Promise<number[][]> {
  const { net, post } = countNet(backend, procedural, delays, weights);
  return countsAfterEachStep(net, post, backend, steps);
}

const DELAYS = PROCEDURAL_DELAYS;

describe.skipIf(!available)('webgpu backend: procedural connectivity', () => {
  it.each(DELAYS)('%s: each post-synaptic neuron counts exactly the inputs of the stored form and of js', async (_what, delays) => {
    const js = await counts('js', true, delays);
    const stored = await counts('webgpu', 'stored', delays);
    const gpu = await counts('webgpu', true, delays);
    const total = js[js.length - 1].reduce((a, b) => a + b, 0);
    // 270 sources × 333 × 0.15 ≈ 13 500 inputs, and 100 × 500 × 0.05 = 2 500
    expect(total).toBeGreaterThan(12000);
    expect(gpu).toEqual(js);
    expect(stored).toEqual(js);
  });

  it('saved mid-run (spikes in flight in the pre-synaptic spike queues), loaded on webgpu or js: continues like an unbroken run', async () => {
    const delays = new Uniform(0.1, 2.0);
    const unbroken = await counts('js', true, delays, 1, 40);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'neurarchy-webgpu-procedural-')), 'net.npz');
    const first = countNet('webgpu', true, delays);
    await first.net.compile({ backend: 'webgpu' });
    await first.net.simulate(0.8);
    await first.net.save(file);
    for (const backend of ['webgpu', 'js'] as const) {
      const next = countNet(backend, true, delays);
      await next.net.compile({ backend });
      await next.net.load(file);
      await next.net.simulate(3.2);
      expect(Array.from(next.post.state.get('v')!), backend).toEqual(unbroken[39]);
    }
  });

  it('delays drawn from a clipped Normal (steps from the f32 draw): the same counts once every delay has passed', async () => {
    const delays = new Normal(1.0, 0.5, { min: 0.1, max: 2.0 });
    const js = await counts('js', true, delays, 1, 40);
    const gpu = await counts('webgpu', true, delays, 1, 40);
    // Spikes until step 10, delays up to 20 steps: everything has arrived after step 30.
    expect(gpu[39]).toEqual(js[39]);
    // On the way, a delay within f32 rounding of a half step may take the neighbouring step: rare.
    let differ = 0, total = 0;
    for (let s = 0; s < 40; s++) for (let i = 0; i < 500; i++) { total++; if (gpu[s][i] !== js[s][i]) differ++; }
    expect(differ / total).toBeLessThan(1e-3);
  });

  it('drawn weights (Uniform, clipped Normal): the stored form\'s float32 weights up to the last bits, each and summed', async () => {
    // One source spiking once onto 4000 counters with probability 1: counter j holds the weight of synapse j.
    const weightsOf = async (backend: BackendName, procedural: Procedural, w: Uniform | Normal) => {
      const net = new Network({ dt: 0.1, seed: 5, backend });
      const src = new SpikeSourceArray([[0.1]], { name: 'src', network: net });
      const post = net.create(4000, Counter, { name: 'post' });
      net.connect(src, post, 'x').connectFixedProbability({ probability: 1, weights: w, procedural });
      await net.compile({ backend });
      await net.simulate(1);
      return post.state.get('v')!;
    };
    for (const w of [new Uniform(0.2, 0.5), new Normal(0, 1), new Normal(1.0, 0.5, { min: 0.2, max: 1.6 })]) {
      const js = await weightsOf('js', 'stored', w), gpu = await weightsOf('webgpu', true, w);
      // A few float32 ulps (observed on SwiftShader: at most 3 for Normal(0, 1), 7 where 1 + 0.5 z cancels).
      expect(maxRelDiff(js, gpu, 1e-6), String(w)).toBeLessThan(2e-6);
      const stored = await counts('webgpu', 'stored', new Uniform(0.1, 1.0), w, 20);
      const sums = await counts('webgpu', true, new Uniform(0.1, 1.0), w, 20);
      // The same synapses and delays: sums of about 40 weights (added in any order, some of opposite
      // signs) that differ by rounding only, relative to 1 + |sum|.
      expect(maxRelDiff(stored[stored.length - 1], sums[sums.length - 1], 1), `${String(w)}: sums`).toBeLessThan(2e-6);
    }
  });

  it('COBA N = 4000: the procedural run has the same firing statistics as the stored form and js (200 ms)', async () => {
    const { buildCOBA, spikeStats } = await import('../../../bench/lib/spiking.js');
    const stats = async (backend: BackendName, procedural: boolean) => {
      const b = buildCOBA({ N: 4000, seed: 1234, backend, procedural });
      await b.net.compile({ backend });
      await b.net.simulate(200);
      return spikeStats(b, 200);
    };
    const js = await stats('js', false), stored = await stats('webgpu', false), gpu = await stats('webgpu', true);
    expect(js.rate_hz).toBeGreaterThan(5);
    for (const ref of [js, stored]) {
      expect(Math.abs(gpu.rate_hz - ref.rate_hz) / ref.rate_hz).toBeLessThan(0.1);
      expect(Math.abs(gpu.cv_isi_mean - ref.cv_isi_mean)).toBeLessThan(0.2);
    }
  });
});

describe('webgpu backend: procedural delays by thresholds', () => {
  it('a Uniform delay\'s steps: the first step plus the thresholds at or below the 53-bit word, as the CPU computes them', () => {
    const cpu = (a: number, b: number, dt: number, U: number) => delayToSteps(a + (b - a) * (U * 2 ** -53), dt);
    for (const [a, b, dt] of [[0.1, 2.0, 0.1], [0.0, 5.0, 0.25], [1.5, 1.5, 0.1], [0.3, 0.7, 1.0]]) {
      const e = uniformDelayThresholds(a, b, dt)!;
      const steps = (U: number) => e.first + e.thresholds.filter((T) => T <= U).length;
      for (const T of e.thresholds) for (const U of [T - 1, T]) expect(steps(U), `${a} ${b} ${dt} at ${U}`).toBe(cpu(a, b, dt, U));
      let x = 12345;
      for (let i = 0; i < 2000; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        const U = Math.floor((x / 2 ** 32) * 2 ** 53);
        expect(steps(U)).toBe(cpu(a, b, dt, U));
      }
    }
  });
});

describe('webgpu backend: procedural refusals', () => {
  it('weights or delays of another distribution: refused before a device is asked for, with the fix', async () => {
    const net = new Network({ dt: 0.1, seed: 1 });
    const P = net.create(50, Counter, { name: 'P' });
    net.connect(P, P, 'x', undefined, { name: 'lognormal' }).connectFixedProbability({ probability: 0.1, weights: new LogNormal(0, 0.5), procedural: true });
    await expect(net.compile({ backend: 'webgpu' })).rejects.toThrow(/projection 'lognormal': the webgpu backend draws procedural weights from a Uniform or a Normal only, not LogNormal.*use backend 'js' or 'wasm', or procedural: 'stored'/);
  });
});
