// Direct dispatches in place of indirect ones (src/backends/webgpu/kernel.ts `directDispatchTuning`):
// a kernel sized on the GPU whose slot has a small bound is dispatched directly with the bound,
// reads the step's counts from its indirect slot as its `nwg`, and its workgroups beyond them return
// at once. One network holds every spike propagation layout (bitmask, post-span and its row walk,
// the row walk without and with a uniform delay, ring rows of per-synapse delays, procedural rows
// without and with per-synapse delays), axonal spikes and post-synaptic events; its projections'
// transmission is switched off for a few steps (spikes in the lists, counts of zero: only the early
// exit keeps the workgroups from running them). Counters that add weights of exactly 1 make every
// input visible and the sums exact in float32 whatever the order of the atomic adds, so all
// indirect, all direct, and both with the count of a slot clamped to 3 workgroups (the loops'
// strides over `nwg` then carry the rest: removing either the early exit or the counts read from
// the slot breaks them) give the same bits, and those of js; direct, the consecutive transmissions
// that only add into neurons share one dispatch (`mergeCommuting`), and give the same bits unmerged.
// The microcircuit's transmissions at a small scale: one dispatch a step for all of them.
import { describe, it, expect, afterEach } from 'vitest';
import { Network, Neuron, Synapse, Uniform, SpikeSourceArray, type BackendName } from '../../../src/index.js';
import { directDispatchTuning, indirectLimit, mergeTuning } from '../../../src/backends/webgpu/kernel.js';
import { spikePropagation } from '../../../src/backends/webgpu/propagation.js';
import type { WebGpuEngine } from '../../../src/backends/webgpu/engine.js';
import { probe } from './helpers.js';

const available = await probe('test/backends/webgpu/direct-dispatch');

const tuning = { ...directDispatchTuning };
const limit = { ...indirectLimit };
const merge = { ...mergeTuning };
afterEach(() => {
  Object.assign(directDispatchTuning, tuning);
  Object.assign(indirectLimit, limit);
  Object.assign(mergeTuning, merge);
});

/** The targets of the counters, one per projection. */
const TARGETS = ['bm', 'ps', 'q', 'qd', 'rg', 'pr', 'prd', 'ax', 'pl'];

/** Adds every input of target x into `x` (g_x cleared after); spikes once, at step `at` (never for -1). */
const Counter = new Neuron({
  parameters: 'at = -1.0',
  equations: ['n = n + 1.0', ...TARGETS.flatMap((t) => [`${t} = ${t} + g_${t}`, `g_${t} = 0.0`])].join('\n'),
  spike: 'n == at',
});

/** Spikes every 4th step, axonal spikes every 3rd (deterministic: the same on every backend). */
const Axonal = new Neuron({ equations: 'a = a + 1', spike: 'modulo(a, 4) == 0', reset: '', axonSpike: 'modulo(a, 3) == 0' });

/**
 * 300 sources (source i spikes at step 1 + i % 20, all at steps 25 and 26: post-span's steps) into
 * 500 counters through one projection per layout; 40 axonal neurons into the counters; a plastic
 * projection counting the post-synaptic spikes of its synapses (`post_spike`; 100 counters spike once).
 */
function build(backend: BackendName) {
  const net = new Network({ dt: 0.1, seed: 7, backend });
  const src = new SpikeSourceArray(Array.from({ length: 300 }, (_, i) => [0.1 * (1 + (i % 20)), 2.5, 2.6]), { name: 'src', network: net });
  const post = net.create(500, Counter, { name: 'post' });
  post.at = Array.from({ length: 500 }, (_, i) => (i % 5 === 0 ? 3 + (i % 23) : -1));
  const ax = net.create(40, Axonal, { name: 'axonal' });
  ax.a = Array.from({ length: 40 }, (_, i) => i % 7);
  const projections = [
    net.connect(src, post, 'bm', undefined, { name: 'bm' }).connectFixedProbability({ probability: 0.5, weights: 1 }),
    net.connect(src, post, 'ps', undefined, { name: 'ps' }).connectFixedProbability({ probability: 0.5, weights: 1, forceMultipleWeights: true }),
    net.connect(src, post, 'q', undefined, { name: 'q' }).connectFixedProbability({ probability: 0.05, weights: 1 }),
    net.connect(src, post, 'qd', undefined, { name: 'qd' }).connectFixedProbability({ probability: 0.05, weights: 1, delays: 0.5 }),
    net.connect(src, post, 'rg', undefined, { name: 'rg' }).connectFixedProbability({ probability: 0.05, weights: 1, delays: new Uniform(0.1, 2.0) }),
    net.connect(src, post, 'pr', undefined, { name: 'pr' }).connectFixedProbability({ probability: 0.1, weights: 1, procedural: true }),
    net.connect(src, post, 'prd', undefined, { name: 'prd' }).connectFixedProbability({ probability: 0.1, weights: 1, delays: new Uniform(0.1, 1.5), procedural: true }),
    net.connect(ax, post, 'ax', new Synapse({ preSpike: 'g_target += 0', preAxonSpike: 'g_target += w' }), { name: 'ax' }).connectFixedProbability({ probability: 0.3, weights: 1 }),
    net.connect(src, post, 'pl', new Synapse({ parameters: 'c = 0.0', preSpike: 'g_target += w', postSpike: 'c += 1.0' }), { name: 'pl' })
      .connectFixedProbability({ probability: 0.1, weights: 1 }),
  ];
  return { net, post, projections };
}

/** Every counter after each of 44 steps (transmission off in steps 20–22 and 26–27), then the plastic counts. */
async function run(backend: BackendName): Promise<{ counters: number[][]; c: number[]; strategies: string[]; kernels: string[] }> {
  const { net, post, projections } = build(backend);
  await net.compile({ backend });
  const counters: number[][] = [];
  for (let s = 0; s < 44; s++) {
    const off = (s >= 20 && s <= 22) || s === 26 || s === 27;
    for (const p of projections) p.transmission = !off;
    await net.step();
    counters.push(TARGETS.flatMap((t) => Array.from(post.state.get(t)!)));
  }
  const c = Array.from(projections[projections.length - 1].state.get('c')!);
  const plan = net.plan!;
  const strategies = backend === 'webgpu' ? plan.projections.slice(0, 7).map((p) => spikePropagation(p, plan).name) : [];
  let kernels: string[] = [];
  if (backend === 'webgpu') {
    // What the mode asked of the device: all indirect or none.
    const e = net.engine as WebGpuEngine;
    indirectSeen.push(e.info.launches.indirect);
    kernels = [...e.source.matchAll(/^\/\/ neurarchy webgpu kernel (\S+)$/gm)].map((m) => m[1]);
  }
  return { counters, c, strategies, kernels };
}

const indirectSeen: number[] = [];

describe.skipIf(!available)('webgpu: direct dispatches with an early exit give what indirect ones give', () => {
  it('every propagation layout, axonal and post-synaptic events, transmission switched off: the same bits all indirect, all direct, with counts clamped to 3, and as js', { timeout: 180_000 }, async () => {
    const js = await run('js');
    const total = (r: { counters: number[][] }) => r.counters[r.counters.length - 1].reduce((a, b) => a + b, 0);
    expect(total(js)).toBeGreaterThan(100_000);
    expect(js.c.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    const modes: [string, number, number, boolean][] = [
      ['indirect', 0, 65535, true], ['direct', 65535, 65535, true], ['indirect, counts clamped to 3', 0, 3, true],
      ['direct, counts clamped to 3', 65535, 3, true], ['direct, unmerged', 65535, 65535, false],
    ];
    indirectSeen.length = 0;
    for (const [mode, maxGroups, groups, merged] of modes) {
      directDispatchTuning.cpu = directDispatchTuning.gpu = maxGroups;
      indirectLimit.groups = groups;
      mergeTuning.enabled = merged;
      const gpu = await run('webgpu');
      // Direct and merged: post-span's row walk of 'ps' and the row walks of 'q' and 'qd' in one dispatch
      // (bitmask 'bm' is alone: post-span's marks and dendrites of 'ps' follow it; ring rows and procedural rows are not merged).
      expect(gpu.kernels.includes('proj1_rows+proj2_transmit+proj3_transmit'), mode).toBe(maxGroups > 0 && merged);
      expect(gpu.strategies, mode).toEqual(['bitmask', 'post-span', 'queue', 'queue', 'ring-rows', 'procedural', 'procedural']);
      expect(gpu.c, mode).toEqual(js.c);
      for (let s = 0; s < js.counters.length; s++) expect(gpu.counters[s], `${mode}, step ${s}`).toEqual(js.counters[s]);
    }
    // 15 kernels sized on the GPU (post-span's three for 'ps' and 'pl', one for each other projection, the
    // axonal spikes', the post events'): indirect in every step, or never.
    expect(indirectSeen).toEqual([15 * 44, 0, 15 * 44, 0, 0]);
  });
});
