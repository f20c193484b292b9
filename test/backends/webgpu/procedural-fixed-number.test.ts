// Procedural fixed-number-post connectivity on webgpu (connectFixedNumberPost({ procedural: true })):
// each spike's row — a Bernoulli row thinned to exactly `number` synapses, u32 compares only —
// regenerated on the GPU must be exactly the CPU's row. Counters that add 1.0 per synapse reached
// (exact in float32 whatever the order of the atomic adds) show it: the same count per neuron, at
// every step, as the stored form (`procedural: 'stored'`) on webgpu and as js, without delay, with a
// uniform delay, with Uniform delays drawn per synapse; recurrent rows without self-connections over
// consecutive candidates and over a view with gaps (`_proc_self`).
import { describe, it, expect } from 'vitest';
import { Network, Uniform, SpikeSourceArray, type BackendName } from '../../../src/index.js';
import { probe, Counter, PROCEDURAL_DELAYS, countsAfterEachStep } from './helpers.js';

const available = await probe('test/backends/webgpu/procedural-fixed-number');

type Procedural = true | 'stored';

/** 300 sources spiking once each into a view with gaps of 500 counters (rows of 40), and the counters onto themselves (rows of 25) and onto a view with gaps of themselves (rows of 30). */
async function counts(backend: BackendName, procedural: Procedural, delays: number | Uniform, steps = 40): Promise<number[][]> {
  const net = new Network({ dt: 0.1, seed: 11, backend });
  const src = new SpikeSourceArray(Array.from({ length: 300 }, (_, i) => [0.1 * (1 + (i % 10))]), { name: 'src', network: net });
  const post = net.create(500, Counter, { name: 'post' });
  post.at = Array.from({ length: 500 }, (_, i) => (i % 5 === 0 ? 3 + (i % 7) : -1));
  const some = post.view(Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 3 !== 1));
  net.connect(src.slice(20, 290), some, 'x', undefined, { name: 'ff' }).connectFixedNumberPost({ number: 40, weights: 1, delays, procedural });
  net.connect(post, post, 'x', undefined, { name: 'rec' }).connectFixedNumberPost({ number: 25, weights: 1, delays: 0.5, procedural });
  net.connect(post, some, 'x', undefined, { name: 'gaps' }).connectFixedNumberPost({ number: 30, weights: 1, delays, procedural });
  return countsAfterEachStep(net, post, backend, steps);
}

const DELAYS = PROCEDURAL_DELAYS;

describe.skipIf(!available)('webgpu backend: procedural fixed-number-post connectivity', () => {
  it.each(DELAYS)('%s: each neuron counts exactly the inputs of the stored form and of js, at every step', async (_what, delays) => {
    const js = await counts('js', true, delays);
    const stored = await counts('webgpu', 'stored', delays);
    const gpu = await counts('webgpu', true, delays);
    const total = js[js.length - 1].reduce((a, b) => a + b, 0);
    // 270 sources × 40, 100 spiking counters × (25 + 30): 13 300 inputs, all arrived by step 40.
    expect(total).toBe(270 * 40 + 100 * 55);
    expect(gpu).toEqual(js);
    expect(stored).toEqual(js);
  });
});
