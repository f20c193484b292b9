// The networks and synapses of the post-range walk tests (post-range.test.ts: stored rows;
// ring-post-range.test.ts: per-synapse delays), and the plan capture both use.
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Synapse, Uniform, PoissonPopulation, STDP, type BackendName } from '../../../src/index.js';
import { jsBackend } from '../../../src/backends/js/engine.js';
import type { NetworkPlan } from '../../../src/ir/plan.js';

/** The build cache of the compiled test networks. */
export const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');

/** The plan the runtime hands to the engines (captured from a js compile). */
export async function planOf(build: (b: BackendName) => { net: Network }): Promise<NetworkPlan> {
  const b = jsBackend.build;
  let plan: NetworkPlan | undefined;
  (jsBackend as { build: typeof b }).build = async (input) => { plan = input.plan; return b(input); };
  try { await build('js').net.compile({ backend: 'js' }); } finally { (jsBackend as { build: typeof b }).build = b; }
  return plan!;
}

/** Conductance LIF with a counter `n` (written by the events as pre.n or post.n). */
const LIF = new Neuron({
  parameters: 'tau = 10.0\n tau_g = 5.0',
  equations: 'tau * dv/dt = -v + g_exc * (1.0 - v)\n tau_g * dg_exc/dt = -g_exc\n n = n',
  spike: 'v > 0.3', reset: 'v = 0.0', refractory: 1.0,
});

/**
 * Poisson inputs onto LIF neurons through `synapse` (p = 0.2, 400 × 400: 32 000 synapses), and the
 * LIF neurons onto themselves (p = 0.1); `delays`: per-synapse delays drawn in [0.1, 2] and [0.5, 3] ms.
 */
export function plastic(synapse: Synapse, recurrent?: Synapse, delays = false) {
  return (backend: BackendName) => {
    const net = new Network({ dt: 0.1, seed: 19, backend });
    const inp = new PoissonPopulation(400, { rates: Array.from({ length: 400 }, (_, i) => 40 + (i % 7) * 20), network: net, name: 'inp' });
    const out = net.create(400, LIF, { name: 'out' });
    net.connect(inp, out, 'exc', synapse, { name: 'ff' }).connectFixedProbability({ probability: 0.2, weights: new Uniform(0, 0.05), ...(delays ? { delays: new Uniform(0.1, 2.0) } : {}) });
    net.connect(out, out, 'exc', recurrent, { name: 'rec' }).connectFixedProbability({ probability: 0.1, weights: new Uniform(0, 0.02), ...(delays ? { delays: new Uniform(0.5, 3.0) } : {}) });
    return { net };
  };
}

/** Writes the pre-synaptic neuron: threads would share `pre.n`. */
export const PreWriting = new Synapse({ preSpike: 'g_target += w\n pre.n += 1.0', name: 'pre_writing' });
/** Writes only the post-synaptic neuron and the synapse: compatible. */
export const PostCounting = new Synapse({ preSpike: 'g_target += w\n post.n += 1.0', name: 'post_counting' });
export const Stdp = new STDP({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.0105, w_max: 0.05 });
