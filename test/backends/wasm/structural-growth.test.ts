// Structural plasticity on wasm when the module's memory grows between a rewiring and the next run:
// the spikes in flight of a rewired projection with per-synapse delays are re-placed in new ring
// storage (WasmMemory.alloc), and growing the memory re-binds every array's view. The arrays the
// rewiring had just replaced (the projection's `_delay`, its rows) must survive that until the next
// run adopts them: before, the old views were put back in the state (RangeError in the runtime, or
// the old delays kept). The network is the structural test's, with a draw in the synapse (its arrays
// make the memory grow at a rewiring); js, which has no such memory, gives the reference.
import { describe, it, expect } from 'vitest';
import { Network, Neuron, Synapse, Uniform, type BackendName } from '../../../src/index.js';

const LIF = new Neuron({
  parameters: 'tau = 10.0\n I = 1.2',
  equations: 'tau * dv/dt = -v + I + g_exc + 0.1 * Normal(0.0, 1.0) : init = 0.0\n g_exc = 0.0',
  spike: 'v > 1.0',
  reset: 'v = 0.0',
});
const Plastic = new Synapse({
  parameters: 'tau_x = 20.0',
  equations: 'tau_x * dx/dt = -x : event-driven\n n = Uniform(-1.0, 1.0)\n y = y + 0.01 * n',
  preSpike: 'g_target += w\n x += 1.0',
  postSpike: 'w = clip(w + 0.01 * x, 0.0, 1.0)',
  creating: 'pre.v > 0.6 and post.v > 0.6 : proba = 0.3, w = 0.2, d = 2.0',
  pruning: 'x < Uniform(0.0, 0.2) : proba = 0.2',
});

async function run(backend: BackendName) {
  const net = new Network({ structuralPlasticity: true, seed: 2024 });
  const pop = net.create(24, LIF);
  pop.I = new Uniform(0.9, 1.6);
  const proj = net.connect(pop, pop, 'exc', Plastic).connectFixedProbability({ probability: 0.25, weights: 0.3, delays: new Uniform(1, 5) });
  await net.compile({ backend });
  proj.startCreating({ period: 10 });
  proj.startPruning({ period: 15 });
  const counts: number[] = [];
  for (let k = 0; k < 4; k++) {
    await net.simulate(50);
    counts.push(proj.nbSynapses);
  }
  return { counts, pre: (proj.preRanks as number[][]).flat(), delays: Array.from(proj.state.get('_delay') as Int32Array), y: Array.from(proj.flat('y')), w: Array.from(proj.flat('w')), v: Array.from(pop.v as Float64Array) };
}

describe('wasm: arrays replaced by a rewiring survive the memory growing before the next run', () => {
  it('creating and pruning with per-synapse delays and synaptic draws: the js network, synapse for synapse', async () => {
    const js = await run('js');
    const wasm = await run('wasm');
    // The rules changed the synapses (the test means something), and every delay is one of the drawn or created ones.
    expect(new Set(js.counts).size).toBeGreaterThan(1);
    expect(wasm.delays.length).toBe(wasm.pre.length);
    expect(wasm).toEqual(js);
  }, 60_000);
});
