// What rate-coded synapses can read: pre.sum(target), post.sum(target), global operations of pre/post,
// and sum() over every target in neurons (ANNarchy's CPU code never computed sum(): bug B1, not copied).
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron, Synapse, NetworkError } from '../../src/index.js';

describeBackends('synapse access to neighbours', () => {
  it('pre.sum(exc), post.mean(r) (= mean(post.r)) and sum() of all targets', async () => {
    const net = new Network();
    const src = net.create(2, new Neuron({ parameters: 'r = 1.0' }));
    const mid = net.create(3, new Neuron({ equations: 'r = sum()' }));
    const out = net.create(1, new Neuron({ parameters: 'r = 4.0' }));
    net.connect(src, mid, 'exc').connectAllToAll(1.5);
    net.connect(src, mid, 'inh').connectAllToAll(0.25);
    const proj = net.connect(mid, out, 'exc', new Synapse({
      equations: 'a = pre.sum(exc)\n b = post.mean(r) : postsynaptic\n c = mean(pre.r) : projection',
    })).connectAllToAll(1.0);
    await net.compile(compileFor());
    await net.simulate(3);
    // sum(): 2·1.5 + 2·0.25 = 3.5 for every neuron of mid
    expect(Array.from(mid.r)).toEqual([3.5, 3.5, 3.5]);
    expect(Array.from((proj.a as Float64Array[])[0])).toEqual([3, 3, 3]);
    expect(Array.from(proj.b as Float64Array)).toEqual([4]);
    // mean(pre.r) reads the global operation computed after the previous step's update
    expect(proj.c).toBe(3.5);
  });

  it('pre.sum(t) of a population that no projection of target t reaches is 0, whatever its neuron reads', async () => {
    const net = new Network();
    const src = net.create(2, new Neuron({ parameters: 'r = 2.0' })); // reads no sum at all
    const out = net.create(1, new Neuron({ parameters: 'r = 1.0' }));
    const proj = net.connect(src, out, 'exc', new Synapse({ equations: 'a = pre.sum(exc) + post.sum(inh) + 1' })).connectAllToAll(1.0);
    await net.compile(compileFor());
    await net.simulate(2);
    expect(Array.from((proj.a as Float64Array[])[0])).toEqual([1, 1]);
  });
});

it('pre.sum(t) on a spiking population is refused with the projection and population named', async () => {
  const net = new Network();
  const lif = new Neuron({ equations: 'dv/dt = -v + g_exc', spike: 'v > 1', reset: 'v = 0' });
  const a = net.create(2, lif, { name: 'A' });
  const b = net.create(2, lif, { name: 'B' });
  net.connect(a, b, 'exc', new Synapse({ equations: 'x = pre.sum(exc)', preSpike: 'g_target += w' }), { name: 'AB' }).connectAllToAll(1.0);
  await expect(net.compile()).rejects.toThrow(NetworkError);
  await expect(net.compile()).rejects.toThrow(/AB.*pre\.sum\(exc\).*'A' is spiking/);
});

