// The network of the corrupted-file battery: a small spiking network with every kind of state a
// file carries: variable delays with spikes in flight (pending events), a uniform delay (spike
// queue), STDP (plastic weights, event-driven traces), refractoriness, a SpikeSourceArray and a
// PoissonPopulation (their cursors and counters).
import { Network, Neuron, Uniform, Normal, STDP, SpikeSourceArray, PoissonPopulation, type BackendName } from '../../src/index.js';
import { compileOptions } from '../helpers/backends.js';

const LIF = new Neuron({
  parameters: 'tau = 10.0 : population\n vt = -50.0 : population\n I = 0.0',
  equations: 'tau * dv/dt = -60.0 - v + g_exc - g_inh + I + 4.0 * Normal(0, 1)\n tau * dg_exc/dt = -g_exc\n tau * dg_inh/dt = -g_inh',
  spike: 'v > vt',
  reset: 'v = -60.0',
  refractory: 2.0,
});

/** Builds and compiles the battery's network (same seed: same connectivity and draws). */
export async function corruptFixture(backend: BackendName): Promise<Network> {
  const net = new Network({ seed: 5, dt: 0.5 });
  const p = net.create(60, LIF, { name: 'P' });
  p.v = new Uniform(-60, -50);
  p.I = new Normal(13, 2);
  const s = new SpikeSourceArray([[1, 3, 5], [2], [], [4, 4.5, 9], [0.5]], { name: 'S', network: net });
  const q = new PoissonPopulation(10, { rates: 80, name: 'Q', network: net });
  net.connect(p.slice(0, 48), p, 'exc', new STDP(), { name: 'E' })
    .connectFixedProbability({ probability: 0.15, weights: new Uniform(0.5, 1.5), delays: new Uniform(0.5, 4) });
  net.connect(p.slice(48), p, 'inh', undefined, { name: 'I' }).connectFixedProbability({ probability: 0.2, weights: 3.0, delays: 2.0 });
  net.connect(s, p, 'exc', undefined, { name: 'SP' }).connectAllToAll({ weights: 2.0 });
  net.connect(q, p, 'exc', undefined, { name: 'QP' }).connectFixedProbability({ probability: 0.3, weights: 0.5, delays: 1.5 });
  await net.compile(compileOptions(backend));
  return net;
}
