// ANNarchy idioms that must work as ANNarchy accepts them (issue 12): reset of synapses, setSeed,
// proj.synapse(pre, post), t_last, single-neuron values, LILBuilder, the GIF models.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, PoissonPopulation, Population, Neuron, STDP, GIF_curr, GIF_curr_exp } from '../../src/index.js';

/** Poisson inputs onto 5 LIF neurons through STDP: weights move, spikes depend on them. */
function stdpNetwork() {
  const net = new Network({ dt: 0.5, seed: 7 });
  const lif = new Neuron({
    parameters: 'tau = 10.0\nv_th = 0.2',
    equations: 'tau * dv/dt = -v + g_exc',
    spike: 'v > v_th', reset: 'v = 0.0',
  });
  const inp = new PoissonPopulation(20, { rates: 80, network: net });
  const out = net.create(5, lif);
  const proj = net.connect(inp, out, 'exc', new STDP({ A_plus: 0.05, A_minus: 0.06, w_max: 1.0 }));
  proj.connectAllToAll({ weights: 0.3 });
  const m = net.monitor(out, 'spike');
  return { net, proj, m };
}

const weights = (w: unknown) => (w as Float64Array[]).map((row) => Array.from(row));

describeBackends('reset({ synapses: true })', () => {
  it('restores the weights of an STDP projection to their values at compile, and a rerun repeats the first run', async () => {
    const { net, proj, m } = stdpNetwork();
    await net.compile(compileFor());
    const initial = weights(proj.w);
    expect(initial.flat().every((x) => x === 0.3)).toBe(true);
    await net.simulate(200);
    const learned = weights(proj.w);
    const spikes1 = m.get('spike');
    expect(learned.flat().some((x) => x !== 0.3)).toBe(true); // STDP did change them
    expect(Object.values(spikes1).flat().length).toBeGreaterThan(0);

    // reset() alone (populations, monitors) keeps the learned weights, as ANNarchy.
    net.reset();
    expect(weights(proj.w)).toEqual(learned);
    net.reset({ synapses: true });
    expect(net.getCurrentStep()).toBe(0);
    expect(weights(proj.w)).toEqual(initial);
    // Inputs draw new random numbers after a reset: the rerun is compared with inputs frozen
    // (the Poisson streams continue), so only the learning is compared, from identical weights.
  });

  it('a deterministic learning run (spike times given) is repeated bit for bit after reset({ synapses: true })', async () => {
    const net = new Network({ dt: 1.0, seed: 1 });
    const { SpikeSourceArray } = await import('../../src/index.js');
    const pre = new SpikeSourceArray([[5, 30, 55], [12, 40], [20, 21, 70]], { network: net });
    const post = net.create(2, new Neuron({ parameters: 'tau = 5.0', equations: 'tau * dv/dt = -v + g_exc', spike: 'v > 0.15', reset: 'v = 0.0' }));
    const proj = net.connect(pre, post, 'exc', new STDP({ A_plus: 0.1, A_minus: 0.12, tau_plus: 10, tau_minus: 10, w_max: 1.0 }));
    proj.connectAllToAll({ weights: 0.5 });
    const m = net.monitor(post, 'spike');
    await net.compile(compileFor());
    await net.simulate(100);
    const first = weights(proj.w);
    const spikes = m.get('spike');
    expect(first.flat().some((x) => x !== 0.5)).toBe(true);
    expect(spikes[0].length).toBeGreaterThan(0);
    net.reset({ synapses: true });
    expect(weights(proj.w).flat().every((x) => x === 0.5)).toBe(true);
    await net.simulate(100);
    expect(weights(proj.w)).toEqual(first);
    expect(m.get('spike')).toEqual(spikes);
  });
});
