// net.copy(): the same populations, synapses, values and monitors, time 0, not compiled; a copy
// simulated gives the spikes of the original, bit for bit; on cpp it loads the cached library.
import { describe, it, expect } from 'vitest';
import { Network, Neuron, Projection } from '../../src/index.js';
import { build } from './fixtures/coba-copies.js';
import { describeBackends, compileFor, currentBackend } from '../helpers/backends.js';

const copyInfo = { index: 0, seed: 11, number: 1, args: {} };

describeBackends('net.copy()', () => {
  it('a copy of an uncompiled network simulates to the same spikes, bit for bit', async () => {
    const net = build(copyInfo);
    const copy = net.copy();
    expect(copy).not.toBe(net);
    expect(copy.compiled).toBe(false);
    expect([copy.dt, copy.seed]).toEqual([0.1, 11]);
    expect(copy.populations.map((p) => p.name)).toEqual(['P']);
    expect(copy.projections.map((p) => [p.pre.size, p.post.size, p.target, p.nbSynapses])).toEqual(net.projections.map((p) => [p.pre.size, p.post.size, p.target, p.nbSynapses]));
    expect(copy.projections[0].preRanks).toEqual(net.projections[0].preRanks);
    expect(copy.monitors.map((m) => m.variables)).toEqual([['spike']]);
    await net.compile(compileFor());
    await copy.compile(compileFor());
    if (currentBackend() === 'cpp') expect((copy.engine as unknown as { info: { library: { cached: boolean } } }).info.library.cached).toBe(true);
    await net.simulate(80);
    await copy.simulate(80);
    const spikes = (n: Network) => Object.entries(n.monitors[0].get('spike') as Record<number, number[]>);
    const a = spikes(net);
    expect(a.flatMap(([, s]) => s).length).toBeGreaterThan(30);
    expect(spikes(copy)).toEqual(a);
    net.dispose();
    copy.dispose();
  });

  it('a copy after a run starts at time 0 from the current values (of the neurons and synapses); overrides change the configuration', async () => {
    const net = build(copyInfo);
    await net.compile(compileFor());
    await net.simulate(30);
    const v = Float64Array.from(net.populations[0].get('v') as Float64Array);
    const copy = net.copy({ seed: 99 });
    expect(copy.seed).toBe(99);
    expect(copy.currentStep).toBe(0);
    expect(Float64Array.from(copy.populations[0].get('v') as Float64Array)).toEqual(v);
    expect(v).not.toEqual(Float64Array.from(build(copyInfo).populations[0].get('v') as Float64Array)); // v did change
    expect(copy.projections[1].flat('w')).toEqual(net.projections[1].flat('w'));
    net.dispose();
    copy.dispose();
  });
});

describe('net.copy() refusals', () => {
  it('refuses a projection subclass and an unknown configuration key, naming them', () => {
    class Special extends Projection {}
    const net = new Network({ seed: 1 });
    const p = net.create(4, new Neuron({ equations: 'r = 1' }));
    new Special(p, p, 'exc', undefined, { name: 'sp' }).connectAllToAll({ weights: 1 });
    expect(() => net.copy()).toThrow(/network \d+\.copy\(\): Special 'sp' cannot be copied/);
    expect(() => new Network().copy({ sed: 1 } as never)).toThrow(/unknown option 'sed' — did you mean 'seed'/);
  });
});
