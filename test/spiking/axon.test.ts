// Axonal spikes: an extra event of the pre-synaptic neuron, independent of refractoriness, that
// triggers the synapse's `preAxonSpike` code one step later (dossier §1.2, §2.7).
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron, Synapse } from '../../src/index.js';

describeBackends('axon_spike / axon_reset / pre_axon_spike', () => {
  it('axonal events fire on their own condition, reset their own variable, and reach g_target one step later', async () => {
    const net = new Network();
    // v counts steps: spikes at steps 5 and 13 (refractory 2 steps freezes v and a);
    // an axonal event at every even step, refractory or not, which sets a to 100.
    const pre = net.create(1, new Neuron({
      equations: 'v = v + 1\n a = a + 1',
      spike: 'v >= 6', reset: 'v = 0', refractory: 2.0,
      axonSpike: 'modulo(t, 2) == 0', axonReset: 'a = 100',
    }));
    const post = net.create(1, new Neuron({ equations: 'g_exc = 0\n g_ax = 0', spike: 'g_exc > 100' }));
    net.connect(pre, post, 'exc').connectAllToAll(1.0);
    net.connect(pre, post, 'ax', new Synapse({ preSpike: 'g_target += 0', preAxonSpike: 'g_target += w' })).connectAllToAll(2.0);
    const m = net.monitor(post, ['g_exc', 'g_ax']);
    await net.compile(compileFor());
    await net.simulate(16);
    const gExc = (m.get('g_exc') as Float64Array[]).map((r) => r[0]);
    const gAx = (m.get('g_ax') as Float64Array[]).map((r) => r[0]);
    // regular spikes at steps 5 (v = 6) and 13 (refractory 6, 7: v frozen) → received at 6 and 14
    expect(gExc.map((x, s) => (x > 0 ? s : -1)).filter((s) => s >= 0)).toEqual([6, 14]);
    // axonal events at every even step (6 and 14 are refractory steps) → received one step later
    expect(gAx.map((x, s) => (x > 0 ? s : -1)).filter((s) => s >= 0)).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    expect(gAx[3]).toBe(2);
    // step 14: frozen update, but the axonal reset still sets a = 100; step 15 is frozen too
    expect(pre.a[0]).toBe(100);
  });
});
