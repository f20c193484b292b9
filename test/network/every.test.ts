// `every` callbacks and the trial structure of seed 002 (ANNarchy's "Setting inputs periodically").
import { it, expect } from 'vitest';
import { describeBackends, compileFor, closeDigits } from '../helpers/backends.js';
import { Network, Neuron } from '../../src/index.js';

describeBackends('every()', () => {
  it('calls before the steps at 0, period, 2·period…, never at the end time, with n restarting per simulate()', async () => {
    const net = new Network();
    const pop = net.create(1, new Neuron({ parameters: 'I = 0', equations: 'r = I' }));
    const calls: [number, number][] = [];
    net.every({ period: 100 }, (n) => { calls.push([n, net.getTime()]); pop.I = n + 1; });
    await net.compile(compileFor());
    await net.simulate(300);
    expect(calls).toEqual([[0, 0], [1, 100], [2, 200]]);
    await net.simulate(150);
    expect(calls.slice(3)).toEqual([[0, 300], [1, 400]]);
    expect(pop.r[0]).toBe(2);
  });

  it('offset, negative offset, wait; callbacks at the same time run in declaration order', async () => {
    const net = new Network({ dt: 0.5 });
    net.create(1, new Neuron({ equations: 'r = 0' }));
    const log: string[] = [];
    net.every({ period: 10, offset: 5 }, () => log.push(`a${net.getTime()}`));
    net.every({ period: 10, offset: -2 }, () => log.push(`b${net.getTime()}`));
    net.every({ period: 10, wait: 20 }, () => log.push(`c${net.getTime()}`));
    net.every({ period: 10, offset: 5 }, () => log.push(`d${net.getTime()}`));
    await net.compile(compileFor());
    await net.simulate(30);
    expect(log).toEqual(['a5', 'd5', 'b8', 'a15', 'd15', 'b18', 'c20', 'a25', 'd25', 'b28']);
  });

  it('can be disabled and enabled; not run by step()', async () => {
    const net = new Network();
    net.create(1, new Neuron({ equations: 'r = 0' }));
    let count = 0;
    const cb = net.every({ period: 10 }, () => { count++; });
    await net.compile(compileFor());
    net.disableCallbacks();
    await net.simulate(50);
    expect(count).toBe(0);
    net.enableCallbacks();
    await net.simulate(50);
    expect(count).toBe(5);
    cb.disable();
    await net.simulate(50);
    await net.step();
    expect(count).toBe(5);
  });

  it('trials: set an input at the start of each trial, read the output of the previous one (seed 002)', async () => {
    const net = new Network({ seed: 2 });
    const pop = net.create(5, new Neuron({ parameters: 'I = 0.0\n tau = 10.0', equations: 'tau * dr/dt + r = I' }));
    const results: number[][] = [];
    net.every({ period: 1000 }, (n) => {
      if (n > 0) results.push(Array.from(pop.r as Float64Array));
      pop.I = n + 1;
    });
    await net.compile(compileFor());
    await net.simulate(3000);
    expect(results.length).toBe(2);
    // after 1000 ms of leaky integration (tau = 10 ms) r has converged to I
    results.forEach((r, k) => r.forEach((x) => expect(x).toBeCloseTo(k + 1, closeDigits(9, k + 1))));
  });
});
