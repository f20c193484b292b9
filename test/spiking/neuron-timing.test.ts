// Spike condition, reset and refractoriness to the step (dossier §3.4 A2, ANNarchy's test_SpikingNeuron).
import { it, expect } from 'vitest';
import { describeBackends, compileFor, closeDigits } from '../helpers/backends.js';
import { Network, Neuron } from '../../src/index.js';

const col = (rows: ArrayLike<ArrayLike<number>>, c = 0) => Array.from(rows, (r) => r[c]);

describeBackends('spiking neurons: spike, reset, refractory (A2)', () => {
  it('v = v + 1, spike at 3, reset to 1: v after each step is 1, 2, 1, 2, 1', async () => {
    const net = new Network({ dt: 1 });
    const n1 = new Neuron({ equations: 'v = v + 1.0', spike: 'v == 3.0', reset: 'v = 1.0' });
    const n3 = new Neuron({ parameters: 'Vt = 3.0 : population', equations: 'v = v + 1.0', spike: 'v == Vt', reset: 'v = 1.0' });
    const p1 = net.create(3, n1);
    const p3 = net.create(3, n3);
    const m1 = net.monitor(p1, 'v');
    const m3 = net.monitor(p3, 'v');
    await net.compile(compileFor());
    await net.simulate(5);
    expect(col(m1.get('v') as Float64Array[])).toEqual([1, 2, 1, 2, 1]);
    expect(col(m3.get('v') as Float64Array[])).toEqual([1, 2, 1, 2, 1]);
  });

  it('refractory 3 ms freezes v for 3 steps after the spike step: 1, 2, 1, 1, 1, 1, 2', async () => {
    const net = new Network({ dt: 1 });
    const n2 = new Neuron({ equations: 'v = v + 1.0', spike: 'v == 3.0', reset: 'v = 1.0', refractory: 3.0 });
    const p = net.create(3, n2);
    const m = net.monitor(p, ['v', 'spike']);
    await net.compile(compileFor());
    await net.simulate(10);
    const v = m.get('v') as Float64Array[];
    for (let c = 0; c < 3; c++) expect(col(v, c)).toEqual([1, 2, 1, 1, 1, 1, 2, 1, 1, 1]);
    expect(m.get('spike')[1]).toEqual([2, 7]);
  });

  it('spike at v == 5, reset 3: spikes of rank 0 at steps 4, 6, 8', async () => {
    const net = new Network({ dt: 1 });
    const p = net.create(2, new Neuron({ equations: 'v = v + 1.0', spike: 'v == 5.0', reset: 'v = 3.0' }));
    const m = net.monitor(p, 'spike');
    await net.compile(compileFor());
    await net.simulate(10);
    expect(m.get('spike')[0]).toEqual([4, 6, 8]);
  });

  it('refractory given by a parameter (ms, rounded to steps) and per neuron', async () => {
    const net = new Network({ dt: 0.5 });
    const n = new Neuron({ parameters: 'R = 1.0', equations: 'v = v + 1.0', spike: 'v >= 2.0', reset: 'v = 0.0', refractory: 'R' });
    const p = net.create(3, n);
    p.R = [0.0, 1.0, 1.5]; // 0, 2 and 3 steps
    const m = net.monitor(p, 'spike');
    await net.compile(compileFor());
    await net.simulate(6); // 12 steps
    const s = m.get('spike');
    expect(s[0]).toEqual([1, 3, 5, 7, 9, 11]);
    expect(s[1]).toEqual([1, 5, 9]); // frozen 2 steps, then 2 steps to reach 2
    expect(s[2]).toEqual([1, 6, 11]);
  });

  it('conductances keep decaying during the refractory period; other ODEs are frozen', async () => {
    const net = new Network({ dt: 1 });
    const n = new Neuron({
      equations: 'dv/dt = 1.0\n 10.0 * dg_exc/dt = -g_exc',
      spike: 'v >= 2.0', reset: 'v = 0.0', refractory: 3.0,
    });
    const p = net.create(1, n);
    p.g_exc = 1.0;
    const m = net.monitor(p, ['v', 'g_exc']);
    await net.compile(compileFor());
    await net.simulate(8);
    expect(col(m.get('v') as Float64Array[])).toEqual([1, 0, 0, 0, 0, 1, 0, 0]);
    // explicit Euler on g: 0.9^k, never frozen (g_exc is sampled before the neuron update)
    const g = col(m.get('g_exc') as Float64Array[]);
    g.forEach((x, k) => expect(x).toBeCloseTo(0.9 ** k, closeDigits(12, 1)));
  });

  it('t_last is the time of the last spike', async () => {
    const net = new Network({ dt: 1 });
    const p = net.create(1, new Neuron({ equations: 'v = v + 1.0\n last = t_last', spike: 'v >= 3.0', reset: 'v = 0.0' }));
    const m = net.monitor(p, 'last');
    await net.compile(compileFor());
    await net.simulate(7);
    // spikes at steps 2 and 5; `last` is computed before the spike test of the same step
    expect(col(m.get('last') as Float64Array[])).toEqual([-10000, -10000, -10000, 2, 2, 2, 5]);
  });
});
