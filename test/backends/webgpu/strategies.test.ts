// The spike propagation strategies of the webgpu backend besides its row walks (issue 21,
// src/backends/kernels/propagation.ts): post-span (marks of the step's spikes, one invocation per
// dendrite, no atomics) and bitmask connectivity (one bit per pair, one shared weight, the indices
// left on the host). Counters that add the weight of every input show the inputs: with weights
// of exactly 1 the same count per neuron at every step as js (exact in float32 whatever the order
// of the adds); drawn weights: the js sums within float32 tolerance. The post-span walk runs in the
// steps with many spikes and the row walk in the others; forced, in every step. Without a device:
// the strategy chosen per shape, and the kernels they generate.
import { describe, it, expect, afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { Network, Neuron, Synapse, Uniform, SpikeSourceArray, type BackendName } from '../../../src/index.js';
import { spikePropagation } from '../../../src/backends/webgpu/propagation.js';
import { buildLayout, generateWgsl } from '../../../src/backends/webgpu/generate.js';
import { propagationChoice } from '../../../src/backends/kernels/propagation.js';
import { jsBackend } from '../../../src/backends/js/engine.js';
import type { EngineInput } from '../../../src/runtime/engine.js';
import { probe, maxRelDiff, TOL } from './helpers.js';

const available = await probe('test/backends/webgpu/strategies');

/** Adds every input into `v` (g_x cleared after being added). */
const Counter = new Neuron({ equations: 'v = v + g_x\n g_x = 0.0', spike: 'v < -1.0' });

interface Shape {
  weights: number | Uniform;
  delays?: number;
  probability?: number;
  synapse?: Synapse;
  /** Weights stored per synapse even when given as a number (`forceMultipleWeights`: no bitmask). */
  perSynapse?: boolean;
  /** `connectFixedNumberPre` with this number instead of a probability (the same number of synapses whatever the seed). */
  number?: number;
  seed?: number;
}

/**
 * 300 sources onto 500 counters, half of the pairs connected (75 000 synapses). Source i spikes at
 * step 1 + i % 20 (15 spikes a step: the row walk) and all at step 25 and 26 (300: the post-span
 * walk, from 45 spikes: POST_SPAN_COST).
 */
function countNet(backend: BackendName, s: Shape) {
  const net = new Network({ dt: 0.1, seed: s.seed ?? 5, backend });
  const src = new SpikeSourceArray(Array.from({ length: 300 }, (_, i) => [0.1 * (1 + (i % 20)), 2.5, 2.6]), { name: 'src', network: net });
  const post = net.create(500, Counter, { name: 'post' });
  const proj = net.connect(src, post, 'x', s.synapse, { name: 'ff' });
  const common = { weights: s.weights, delays: s.delays ?? 0, forceMultipleWeights: s.perSynapse };
  if (s.number !== undefined) proj.connectFixedNumberPre({ number: s.number, ...common });
  else proj.connectFixedProbability({ probability: s.probability ?? 0.5, ...common });
  return { net, post };
}

/** The counters after each of `steps` steps (after loading `file`, when given). */
async function counts(backend: BackendName, s: Shape, steps = 32, file?: string): Promise<number[][]> {
  const { net, post } = countNet(backend, s);
  await net.compile({ backend });
  if (file) {
    await net.step(); // the device's bits are the compiled connectivity's
    await net.load(file);
  }
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    await net.step();
    out.push(Array.from(post.state.get('v')!));
  }
  return out;
}

/** The engine input of a js compile (plan and state), for the layout and the choice. */
async function inputOf(s: Shape): Promise<EngineInput> {
  const build = jsBackend.build;
  let captured: EngineInput | undefined;
  (jsBackend as { build: typeof build }).build = async (input) => { captured = input; return build(input); };
  try { await countNet('js', s).net.compile({ backend: 'js' }); } finally { (jsBackend as { build: typeof build }).build = build; }
  return captured!;
}

/** The WGSL of every kernel, and the chosen strategy of `ff`. */
async function generated(s: Shape): Promise<{ name: string; kernels: string[]; wgsl: string }> {
  const input = await inputOf(s);
  const L = buildLayout(input, [0], 1);
  const gen = generateWgsl(input.plan, L, { cpu: true });
  return { name: spikePropagation(input.plan.projections[0], input.plan).name, kernels: gen.kernels.map((k) => k.name), wgsl: gen.modules.join('\n') };
}


afterEach(() => { propagationChoice.force = undefined; });

describe('webgpu backend: propagation strategies chosen and generated (no device)', () => {
  it('dense with weights per synapse: post-span (marks, dendrites, the row walk for steps with few spikes)', async () => {
    const g = await generated({ weights: 1, perSynapse: true });
    expect(g.name).toBe('post-span');
    expect(g.kernels.filter((k) => k.startsWith('proj0'))).toEqual(['proj0_mark', 'proj0_transmit', 'proj0_rows']);
    expect(g.wgsl).toContain('n >= 45;');
  });

  it('dense with one weight: bitmask, and the device holds no index of the projection', async () => {
    const g = await generated({ weights: 1 });
    expect(g.name).toBe('bitmask');
    expect(g.wgsl).toContain('countTrailingZeros');
    const input = await inputOf({ weights: 1 });
    const L = buildLayout(input, [0], 1);
    expect(L.has('proj', 0, '_wg_bits')).toBe(true);
    for (const name of ['_inv_idx', '_pre_rank', '_post_rank']) expect(L.has('proj', 0, name)).toBe(false);
  });

  it('sparse, or writing the synapse: the row walk', async () => {
    expect((await generated({ weights: 1, perSynapse: true, probability: 0.03 })).name).toBe('queue');
    const plastic = new Synapse({ parameters: 'c = 0.0', preSpike: 'g_target += w\n c += 1.0' });
    expect((await generated({ weights: 1, perSynapse: true, synapse: plastic })).name).toBe('queue');
  });
});

describe.skipIf(!available)('webgpu backend: propagation strategies against js', () => {
  it.each([['no delay', 0], ['a uniform delay', 0.5]])('post-span, %s: each neuron counts exactly the inputs of js, at every step', async (_w, delays) => {
    const js = await counts('js', { weights: 1, perSynapse: true, delays });
    const gpu = await counts('webgpu', { weights: 1, perSynapse: true, delays });
    expect(js[js.length - 1].reduce((a, b) => a + b, 0)).toBeGreaterThan(3 * 300 * 250 * 0.9);
    expect(gpu).toEqual(js);
    propagationChoice.force = 'post-span';
    expect(await counts('webgpu', { weights: 1, perSynapse: true, delays })).toEqual(js);
  });

  it('post-span after reset(): the marks of the first run (epochs) reach no synapse of the second', async () => {
    propagationChoice.force = 'post-span';
    const js = await counts('js', { weights: 1, perSynapse: true }, 16);
    const { net, post } = countNet('webgpu', { weights: 1, perSynapse: true });
    await net.compile({ backend: 'webgpu' });
    for (let run = 0; run < 2; run++) {
      const out: number[][] = [];
      for (let k = 0; k < 16; k++) {
        await net.step();
        out.push(Array.from(post.state.get('v')!));
      }
      expect(out).toEqual(js);
      net.reset();
    }
  });

  it.each([['no delay', 0], ['a uniform delay', 0.5]])('bitmask, %s: each neuron counts exactly the inputs of js, at every step', async (_w, delays) => {
    const js = await counts('js', { weights: 1, delays });
    const gpu = await counts('webgpu', { weights: 1, delays });
    expect(gpu).toEqual(js);
  });

  it('drawn weights (post-span) and a shared weight of 0.37 (bitmask): the js sums within float32 tolerance', async () => {
    for (const weights of [new Uniform(0, 1), 0.37]) {
      const js = await counts('js', { weights });
      const gpu = await counts('webgpu', { weights });
      for (let k = 0; k < js.length; k++) expect(maxRelDiff(gpu[k], js[k])).toBeLessThan(TOL);
    }
  });

  it('a bitmask follows a connectivity loaded after compile (as many synapses, other pairs)', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'neurarchy-webgpu-strategies-')), 'net.npz');
    const other = countNet('js', { weights: 1, number: 150, seed: 99 });
    await other.net.compile({ backend: 'js' });
    await other.net.save(file);
    const shape: Shape = { weights: 1, number: 150 };
    expect((await generated(shape)).name).toBe('bitmask');
    const js = await counts('js', shape, 32, file);
    expect(await counts('webgpu', shape, 32, file)).toEqual(js);
    expect(await counts('js', shape)).not.toEqual(js);
  });
});
