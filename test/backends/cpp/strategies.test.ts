// The spike propagation strategies of the cpp backend besides its row walks (issue 21,
// src/backends/kernels/propagation.ts): post-span (a walk over the dendrites testing the step's
// marked spikes) and bitmask connectivity (one bit per pair, one shared weight). Each is chosen where
// the projection's shape asks for it, refused where its compatibility test fails, and gives the js
// bits (every array of the state) on 1 and 2 threads, without delay and with a uniform delay. The
// post-span walk runs in steps with many spikes only, and is chosen only where threads can make it pay;
// forced (`propagationChoice`), in every step.
import { describe, it, expect, afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Synapse, Uniform, PoissonPopulation, STDP, type BackendName } from '../../../src/index.js';
import { conform } from '../../helpers/conformance.js';
import { findCompiler } from '../../../src/backends/cpp/toolchain.js';
import { spikeWalkFor } from '../../../src/backends/cpp/projection.js';
import { propagationChoice, postSpanObstacle, bitmaskObstacle } from '../../../src/backends/kernels/propagation.js';
import { jsBackend } from '../../../src/backends/js/engine.js';
import type { NetworkPlan } from '../../../src/ir/plan.js';

const compiler = await findCompiler();
if (!compiler) console.warn('test/backends/cpp/strategies: no g++ or clang++ found, skipped');
const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');

/** Conductance-based LIF: the inputs accumulate in g_exc (the order of the additions shows in its bits), and it spikes. */
const LIF = new Neuron({
  parameters: 'tau = 10.0\n tau_g = 5.0',
  equations: 'tau * dv/dt = -v + g_exc * (1.0 - v)\n tau_g * dg_exc/dt = -g_exc',
  spike: 'v > 0.3', reset: 'v = 0.0', refractory: 1.0,
});

/** Adds `post.n` besides g_exc: a post-synaptic write that is not a conductance. */
const Counting = new Synapse({ preSpike: 'g_target += w\n post.n += 1.0', name: 'counting' });
/** Counts with an assignment (not an addition): the bitmask walks the set bits one by one. */
const Assigning = new Synapse({ preSpike: 'g_target += w\n post.n = post.n + 1.0', name: 'assigning' });
const CountedLIF = new Neuron({
  parameters: 'tau = 10.0\n tau_g = 5.0',
  equations: 'tau * dv/dt = -v + g_exc * (1.0 - v)\n tau_g * dg_exc/dt = -g_exc\n n = n',
  spike: 'v > 0.3', reset: 'v = 0.0', refractory: 1.0,
});

interface Shape {
  /** Pre- and post-synaptic sizes. */
  n: number;
  probability: number;
  weights: number | Uniform;
  delays?: number | Uniform;
  synapse?: Synapse;
  /** Poisson rate (Hz) of the inputs: 1500 Hz at dt 0.1 is 15 % of them per step, above and below the post-span share. */
  rate?: number;
}

/** Poisson inputs onto LIF neurons (`ff`), and the LIF neurons onto themselves (`rec`, sparse: its row walk). */
function network(backend: BackendName, s: Shape) {
  const net = new Network({ dt: 0.1, seed: 21, backend });
  const inp = new PoissonPopulation(s.n, { rates: Array.from({ length: s.n }, (_, i) => (s.rate ?? 1500) * (0.5 + (i % 3) / 2)), network: net, name: 'inp' });
  const out = net.create(s.n, s.synapse === Counting || s.synapse === Assigning ? CountedLIF : LIF, { name: 'out' });
  net.connect(inp, out, 'exc', s.synapse, { name: 'ff' }).connectFixedProbability({ probability: s.probability, weights: s.weights, delays: s.delays ?? 0 });
  net.connect(out, out, 'exc', undefined, { name: 'rec' }).connectFixedProbability({ probability: 0.02, weights: new Uniform(0, 0.02) });
  return { net };
}

/** The plan the runtime hands to the engines (captured from a js compile). */
async function planOf(s: Shape): Promise<NetworkPlan> {
  const build = jsBackend.build;
  let plan: NetworkPlan | undefined;
  (jsBackend as { build: typeof build }).build = async (input) => { plan = input.plan; return build(input); };
  try { await network('js', s).net.compile({ backend: 'js' }); } finally { (jsBackend as { build: typeof build }).build = build; }
  return plan!;
}

/** The names of the spike walks chosen for `ff` and `rec`. */
async function walks(s: Shape): Promise<string[]> {
  const plan = await planOf(s);
  return plan.projections.map((p) => spikeWalkFor(p, plan).name);
}

const DELAYS: [string, number][] = [['no delay', 0], ['a uniform delay', 1.5]];

afterEach(() => { propagationChoice.force = undefined; });

describe.skipIf(!compiler)('cpp backend: propagation strategies', () => {
  it('chosen from the shape: dense with one weight → bitmask (from 0.3 for additions only); dense with weights per synapse → post-span from 4 threads; sparse or small → the row walk', async () => {
    expect(await walks({ n: 200, probability: 0.5, weights: 0.02 })).toEqual(['bitmask', 'inverse']);
    expect(await walks({ n: 200, probability: 0.5, weights: 0.02, synapse: Counting })).toEqual(['bitmask', 'inverse']);
    // Below 0.3, or events that do more than add into the post-synaptic neuron: the set bits one by one, slower than the inverse walk (forced only).
    expect(await walks({ n: 500, probability: 0.1, weights: 0.02 })).toEqual(['inverse', 'inverse']);
    const assigning = await planOf({ n: 200, probability: 0.5, weights: 0.02, synapse: Assigning });
    expect(spikeWalkFor(assigning.projections[0], assigning).name).toBe('inverse');
    expect(bitmaskObstacle(assigning.projections[0], assigning)).toBeUndefined();
    propagationChoice.force = 'bitmask';
    expect(spikeWalkFor(assigning.projections[0], assigning).name).toBe('bitmask');
    propagationChoice.force = undefined;
    expect(await walks({ n: 60, probability: 0.5, weights: 0.02 })).toEqual(['inverse', 'inverse']);
    expect(await walks({ n: 200, probability: 0.5, weights: 0.02, delays: new Uniform(0.1, 2) })).toEqual(['ring', 'inverse']);
    // The dendrite walk costs about 3 row-walk events per stored synapse on one thread (POST_SPAN_COST): it can pay from 3 threads, above the OpenMP threshold.
    const dense = await planOf({ n: 500, probability: 0.5, weights: new Uniform(0, 0.05) });
    // On 2 threads the row walk is split by post ranges (post-range, test/backends/cpp/post-range.test.ts).
    expect([1, 2, 4].map((t) => spikeWalkFor(dense.projections[0], dense, t).name)).toEqual(['inverse', 'post-range', 'post-span']);
    const smaller = await planOf({ n: 200, probability: 0.5, weights: new Uniform(0, 0.05) });
    expect(spikeWalkFor(smaller.projections[0], smaller, 4).name).toBe('post-range');
    const sparse = await planOf({ n: 500, probability: 0.05, weights: new Uniform(0, 0.05) });
    expect(spikeWalkFor(sparse.projections[0], sparse, 4).name).toBe('post-range');
  });

  it('compatibility refusals say why: per-synapse delays, writes to the synapse (STDP), weights per synapse, state per synapse', async () => {
    const ring = await planOf({ n: 200, probability: 0.5, weights: 0.02, delays: new Uniform(0.1, 2) });
    expect(postSpanObstacle(ring.projections[0], ring)).toBe('per-synapse delays');
    const stdp = await planOf({ n: 200, probability: 0.5, weights: 0.02, synapse: new STDP() });
    expect(postSpanObstacle(stdp.projections[0], stdp)).toMatch(/^its spike event writes|event-driven/);
    expect(spikeWalkFor(stdp.projections[0], stdp).name).toBe('inverse');
    const perSynapse = await planOf({ n: 200, probability: 0.5, weights: new Uniform(0, 0.05) });
    expect(bitmaskObstacle(perSynapse.projections[0], perSynapse)).toBe('weights per synapse');
    const local = new Synapse({ parameters: 'scale = 1.0', preSpike: 'g_target += w * scale' });
    const withLocal = await planOf({ n: 200, probability: 0.5, weights: 0.02, synapse: local });
    expect(bitmaskObstacle(withLocal.projections[0], withLocal)).toBe('the local attribute scale');
    expect(postSpanObstacle(withLocal.projections[0], withLocal)).toBeUndefined();
    // forced, a strategy is still never taken where it is incompatible
    propagationChoice.force = 'bitmask';
    expect(spikeWalkFor(withLocal.projections[0], withLocal).name).toBe('inverse');
    expect(spikeWalkFor(stdp.projections[0], stdp).name).toBe('inverse');
  });

  it('post-span chosen on 4 threads: the dendrite walk in the steps where most inputs spike, the row walk in the others, the js bits', async () => {
    // rates 4000–12 000 Hz at dt 0.1 ms: about 80 % of the inputs a step, around the threshold of 3 × 500 / 4 = 375 spikes
    const s: Shape = { n: 500, probability: 0.5, weights: new Uniform(0, 0.002), rate: 8000, synapse: Counting };
    const { other } = await conform('cpp', { directory, numThreads: 4 }, (b) => network(b, s), 5, 2);
    expect(other.net.source).toContain('if (_ns >= 375)');
  });

  describe.each([1, 2])('%i thread(s)', (numThreads) => {
    // 500 × 500 × 0.5 ≈ 125 000 synapses: above the threshold of the OpenMP partition (2 threads run the dendrite walk in parallel).
    it.each(DELAYS)('post-span, %s, in every step (forced): the js bits', async (_w, delays) => {
      const s: Shape = { n: 500, probability: 0.5, weights: new Uniform(0, 0.02), delays, synapse: Counting };
      propagationChoice.force = 'post-span';
      const { other, js } = await conform('cpp', { directory, numThreads }, (b) => network(b, s), 5, 2);
      expect(other.net.source).toContain('_mark[rk_pre]');
      expect(other.net.source).toContain('if (_ns >= 0)');
      if (numThreads === 2) expect(other.net.source).toMatch(/#pragma omp parallel for[^\n]*\n\s*for \(int64_t i = 0; i < _nd; i\+\+\)/);
      const spikes = (js.net.populations[1].state.get('_last_spike') as Int32Array).filter((x) => x >= 0).length;
      expect(spikes).toBeGreaterThan(50);
    });

    it.each(DELAYS)('bitmask, %s, every pair of a row (additions only: -0.0 where no synapse) and, forced, the set bits one by one: the js bits', async (_w, delays) => {
      const s: Shape = { n: 500, probability: 0.5, weights: 0.01, delays, rate: 300, synapse: Counting };
      const pairs = await conform('cpp', { directory, numThreads }, (b) => network(b, s), 5, 2);
      expect(pairs.other.net.source).toContain('(((_b >> _t) & 1u) ? ');
      propagationChoice.force = 'bitmask';
      const { other, js } = await conform('cpp', { directory, numThreads }, (b) => network(b, { ...s, synapse: Assigning }), 5, 2);
      expect(other.net.source).toContain('__builtin_ctz(_b)');
      const spikes = (js.net.populations[1].state.get('_last_spike') as Int32Array).filter((x) => x >= 0).length;
      expect(spikes).toBeGreaterThan(50);
    });
  });
});
