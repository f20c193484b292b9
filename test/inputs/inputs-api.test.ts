// Inputs built like every other object (issue 12): one options object besides the positional form,
// populations built outside a network added with net.create(), projection objects with
// net.connect(), populations connected by name, HomogeneousCorrelatedSpikeTrains with a schedule.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, closeDigits } from '../helpers/backends.js';
import {
  Network, Neuron, Projection, PoissonPopulation, SpikeSourceArray, HomogeneousCorrelatedSpikeTrains, InputArray,
  TimedPoissonPopulation, CurrentInjection, DecodingProjection, clear, magicNetwork,
} from '../../src/index.js';

const spikesOf = async (net: Network, pop: Parameters<Network['monitor']>[0], T: number) => {
  const m = net.monitor(pop, 'spike');
  await net.compile(compileFor());
  await net.simulate(T);
  return m.get('spike');
};

describeBackends('inputs: one options object, as every other object', () => {
  it('new PoissonPopulation({ geometry, rates }) is new PoissonPopulation(geometry, { rates }): same spikes, same seed', async () => {
    const a = new Network({ dt: 0.5, seed: 11 });
    const b = new Network({ dt: 0.5, seed: 11 });
    const pa = new PoissonPopulation(20, { rates: 40, network: a });
    const pb = new PoissonPopulation({ geometry: 20, rates: 40, network: b });
    expect(pb.geometry).toEqual([20]);
    const sa = await spikesOf(a, pa, 200);
    expect(Object.values(sa).flat().length).toBeGreaterThan(50);
    expect(await spikesOf(b, pb, 200)).toEqual(sa);
    expect(() => new PoissonPopulation({ geometry: 20, rate: 40 } as never)).toThrow(/rate.*rates/);
    expect(() => new PoissonPopulation({ rates: 40 } as never)).toThrow(/needs a geometry/);
  });

  it('SpikeSourceArray({ spikeTimes }), InputArray({ geometry }), HomogeneousCorrelatedSpikeTrains({ geometry, … }), TimedPoissonPopulation({ geometry, … })', async () => {
    const net = new Network({ dt: 1, seed: 1 });
    const ssa = new SpikeSourceArray({ spikeTimes: [[2, 5], [3]], name: 'src', network: net });
    expect(ssa.size).toBe(2);
    expect(ssa.name).toBe('src');
    const inp = new InputArray({ geometry: [2, 3], network: net });
    expect(inp.geometry).toEqual([2, 3]);
    const hc = new HomogeneousCorrelatedSpikeTrains({ geometry: 5, rates: 10, corr: 0.2, tau: 5, network: net });
    expect(hc.rates).toBe(10);
    const tp = new TimedPoissonPopulation({ geometry: 3, rates: [0, 1000], schedule: [0, 4], network: net });
    expect(tp.size).toBe(3);
    expect(() => new SpikeSourceArray({ spikeTimes: [[1]] } as never, {})).toThrow(/not both/);
    const m = net.monitor(ssa, 'spike');
    const mt = net.monitor(tp, 'spike');
    await net.compile(compileFor());
    await net.simulate(6);
    expect(m.get('spike')).toEqual({ 0: [2, 5], 1: [3] });
    expect(mt.get('spike')).toEqual({ 0: [4, 5], 1: [4, 5], 2: [4, 5] }); // 1000 Hz at dt 1: every step from 4 ms
  });
});

describeBackends('net.create(population), net.connect(projection), populations by name', () => {
  it('a population built outside a network is copied in with its class, name and current values', async () => {
    clear();
    const outside = new PoissonPopulation({ geometry: 4, rates: 0, name: 'inp' });
    outside.rates = [0, 1000, 0, 1000]; // a value changed after construction travels with it
    expect(outside.network).toBe(magicNetwork());
    const net = new Network({ dt: 1, seed: 3 });
    const inp = net.create(outside);
    expect(inp).toBeInstanceOf(PoissonPopulation);
    expect(inp.network).toBe(net);
    expect(inp.name).toBe('inp');
    expect(net.getPopulation('inp')).toBe(inp);
    expect(net.create(inp)).toBe(inp); // already there
    const ssa = net.create(new SpikeSourceArray({ spikeTimes: [[1, 3]] }));
    expect(ssa.spikeTimes).toEqual([[1, 3]]);
    const mi = net.monitor(inp, 'spike');
    const ms = net.monitor(ssa, 'spike');
    await net.compile(compileFor());
    await net.simulate(4);
    expect(mi.get('spike')).toEqual({ 0: [], 1: [0, 1, 2, 3], 2: [], 3: [0, 1, 2, 3] });
    expect(ms.get('spike')).toEqual({ 0: [1, 3] });
    expect(() => net.create(new PoissonPopulation({ geometry: 2, rates: 5 }))).toThrow(/after its compile/);
    clear();
  });

  it('net.connect(new CurrentInjection(…)) and net.connect(\'pre\', \'post\', target) / new Projection(\'pre\', \'post\', …)', async () => {
    const net = new Network({ dt: 1, seed: 1 });
    const rate = net.create(2, new Neuron({ parameters: 'b = 0.0', equations: 'r = b' }), { name: 'drive' });
    const lif = net.create(2, new Neuron({ equations: 'dv/dt = g_exc', spike: 'v > 100.0', reset: 'v = 0.0' }), { name: 'cells' });
    rate.b = [0.5, 2];
    const ci = new CurrentInjection(rate, lif, 'exc');
    expect(net.connect(ci)).toBe(ci);
    ci.connectCurrent();
    const other = new Network({ dt: 1 });
    expect(() => other.connect(ci)).toThrow(/belongs to another network/);
    const byName = net.connect('cells', 'cells', 'inh');
    expect(byName.pre).toBe(lif);
    byName.connectOneToOne({ weights: 1 });
    expect(() => net.connect('cels', 'cells', 'exc')).toThrow(/no population named 'cels'.*'drive', 'cells'/);
    const explicit = new Projection('cells', lif, 'exc');
    expect(explicit.pre).toBe(lif);
    expect(explicit.network).toBe(net);
    expect(() => new Projection(lif, 'nobody', 'exc')).toThrow(/post: no population named 'nobody'/);
  });

  it('CurrentInjection({ pre, post, target }) and DecodingProjection({ pre, post, target, window }) as one object', async () => {
    const net = new Network({ dt: 1, seed: 1 });
    const rate = net.create(2, new Neuron({ parameters: 'b = 0.0', equations: 'r = b' }));
    const lif = net.create(2, new Neuron({ equations: 'dv/dt = g_exc', spike: 'v > 100.0', reset: 'v = 0.0' }));
    const out = net.create(2, new Neuron({ equations: 'r = sum(exc)' }));
    rate.b = [0.5, 2];
    const ci = net.connect(new CurrentInjection({ pre: rate, post: lif, target: 'exc' })).connectCurrent();
    expect(ci.target).toBe('exc');
    const dec = new DecodingProjection({ pre: lif, post: out, target: 'exc', window: 5 });
    expect(dec.window).toBe(5);
    dec.connectOneToOne({ weights: 1 });
    expect(() => new CurrentInjection({ pre: rate, post: lif, target: 'exc', windw: 3 } as never)).toThrow(/windw/);
    const m = net.monitor(lif, 'v');
    await net.compile(compileFor());
    await net.simulate(3);
    // g_exc = pre.r from the second step on (one step of delay): v = 0, 0.5, 1.0 and 0, 2, 4.
    expect(m.get('v').map((row) => Array.from(row))).toEqual([[0, 0], [0.5, 2], [1, 4]]);
  });

  it('new Projection(\'a\', \'b\', …) finds the populations of the default network', () => {
    clear();
    const lif = new Neuron({ equations: 'dv/dt = g_exc', spike: 'v > 1.0', reset: 'v = 0.0' });
    const { Population } = { Population: magicNetwork().create(1, lif, { name: 'a' }).constructor as never as typeof import('../../src/index.js').Population };
    new Population(1, lif, { name: 'b' });
    const proj = new Projection('a', 'b', 'exc');
    expect(proj.pre.name).toBe('a');
    expect(proj.post.name).toBe('b');
    clear();
  });
});

describeBackends('HomogeneousCorrelatedSpikeTrains with schedule and period (ANNarchy\'s signature)', () => {
  it('the rate switches at the schedule times and the sequence repeats every period', async () => {
    const net = new Network({ dt: 1, seed: 5 });
    // corr = 0: sigma = 0 and x relaxes to mu = rate exactly, x += dt (mu − x)/tau.
    const hc = new HomogeneousCorrelatedSpikeTrains(400, { rates: [10, 80], corr: 0, tau: 10, schedule: [0, 50], period: 100, network: net });
    expect(hc.rates).toEqual([10, 80]);
    expect(hc.scheduled).toBe(true);
    const mx = net.monitor(hc, 'x');
    const ms = net.monitor(hc, 'spike');
    await net.compile(compileFor());
    await net.simulate(200);
    const x = mx.get('x').map((r) => r[0]);
    let ref = 10;
    for (let k = 0; k < 200; k++) {
      const mu = k % 100 < 50 ? 10 : 80;
      ref += (mu - ref) / 10;
      expect(x[k]).toBeCloseTo(ref, closeDigits(9, 80));
    }
    // Spike counts per block: in step k each of the 400 neurons fires with probability x[k]·dt/1000 (5 sd).
    const spikes = ms.get('spike');
    const count = (a: number, b: number) => Object.values(spikes).flat().filter((s) => s >= a && s < b).length;
    for (const [a, b] of [[0, 50], [50, 100], [100, 150], [150, 200]]) {
      const mean = 400 * x.slice(a, b).reduce((sum, v) => sum + v / 1000, 0);
      expect(Math.abs(count(a, b) - mean)).toBeLessThan(5 * Math.sqrt(mean));
    }
    // New rates for the same blocks take effect at once.
    hc.rates = [0, 0];
    expect(() => { hc.rates = [1, 2, 3]; }).toThrow(/3 values for 2 blocks/);
    expect(() => new HomogeneousCorrelatedSpikeTrains(2, { rates: [1, 2], corr: 0, tau: 1, network: new Network() })).toThrow(/give the schedule/);
    expect(() => new HomogeneousCorrelatedSpikeTrains(2, { rates: [1, 2], corr: 0, tau: 1, schedule: [0, 50], period: 40, network: new Network() })).toThrow(/period/);
  });

  it('before the first start of the schedule the rate is 0; a number as schedule is the interval between blocks', async () => {
    const net = new Network({ dt: 0.5, seed: 5 });
    const hc = new HomogeneousCorrelatedSpikeTrains({ geometry: 1, rates: [20, 40], corr: 0, tau: 5, schedule: [10, 20], network: net });
    const hc2 = new HomogeneousCorrelatedSpikeTrains({ geometry: 1, rates: [20, 40], corr: 0, tau: 5, schedule: 10, network: net });
    const m = net.monitor(hc, 'mu');
    const m2 = net.monitor(hc2, 'mu');
    await net.compile(compileFor());
    await net.simulate(30);
    const mu = m.get('mu').map((r) => r[0]);
    expect(mu.slice(0, 20).every((v) => v === 0)).toBe(true);
    expect(mu.slice(20, 40).every((v) => v === 20)).toBe(true);
    expect(mu.slice(40).every((v) => v === 40)).toBe(true);
    const mu2 = m2.get('mu').map((r) => r[0]);
    expect([mu2[0], mu2[19], mu2[20], mu2[59]]).toEqual([20, 20, 40, 40]);
  });
});
