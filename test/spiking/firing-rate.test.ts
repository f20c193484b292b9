// computeFiringRate(window): r = spikes in the last window × 1000 / window (Hz), updated every step.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron } from '../../src/index.js';

describeBackends('computeFiringRate', () => {
  it('regular spikes every 5 ms give 200 Hz over a 100 ms window, and the rate follows changes', async () => {
    const net = new Network({ dt: 0.5 });
    const pop = net.create(2, new Neuron({ parameters: 'period = 5.0', equations: 'c = c + dt', spike: 'c >= period', reset: 'c = 0' }));
    pop.period = [5.0, 2.5];
    await net.compile(compileFor());
    pop.computeFiringRate(100);
    await net.simulate(50);
    // 50 ms of a 100 ms window: 10 and 20 spikes so far
    expect(Array.from(pop.r)).toEqual([100, 200]);
    await net.simulate(150);
    expect(Array.from(pop.r)).toEqual([200, 400]);
    pop.period = 10.0;
    await net.simulate(100);
    expect(Array.from(pop.r)).toEqual([100, 100]);
  });

  it('is only for spiking populations', async () => {
    const net = new Network();
    const pop = net.create(1, new Neuron({ equations: 'r = 1' }));
    await net.compile(compileFor());
    expect(() => pop.computeFiringRate(100)).toThrow(/not spiking/);
  });
});
