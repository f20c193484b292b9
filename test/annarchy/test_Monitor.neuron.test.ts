// ANNarchy: tests_python/Neuron/test_Monitor.py
// test_PopulationMonitor1D is 4.8's tests/Monitor/test_Population.py (shared suite, monitor-suite.ts);
// test_PopulationMonitorND adds recordings of a (3, 5) population, reshaped or not, and of a row view.
import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, type Monitor } from '../../src/index.js';
import { populationMonitorSuite } from './monitor-suite.js';

describeFloat64Backends('test_Monitor (5.0)', (backend) => {
  describe('test_PopulationMonitor1D', () => populationMonitorSuite(backend, true));

  describe('test_PopulationMonitorND', () => {
    let net: Network;
    let m: Monitor, n: Monitor;
    beforeAll(async () => {
      net = new Network();
      const pop2D = net.create([3, 5], new Neuron({ equations: 'r = t' }));
      m = net.monitor(pop2D, 'r');
      n = net.monitor(pop2D.view(2, ':'), 'r');
      await net.compile(compileOptions(backend));
    });
    beforeEach(() => net.reset());
    const samples = (data: Float64Array[]) => data.map((row) => ({ shape: Array.from((row as Float64Array & { shape?: number[] }).shape ?? [row.length]), values: Array.from(row) }));
    const expected = (shape: number[]) => Array.from({ length: 10 }, (_, k) => ({ shape, values: Array(shape.reduce((a, b) => a * b, 1)).fill(k) }));

    it('test_r_sim_10: samples shaped (3, 5)', async () => {
      await net.simulate(10);
      expect(samples(m.get('r') as Float64Array[])).toEqual(expected([3, 5]));
    });
    it('test_r_sim_10_no_reshape: reshape: false gives flat samples of 15', async () => {
      await net.simulate(10);
      expect(samples(m.get('r', { reshape: false }) as Float64Array[])).toEqual(expected([15]));
    });
    it('test_r_sim_10_popview: a row view gives samples of 5', async () => {
      await net.simulate(10);
      expect(samples(n.get('r') as Float64Array[])).toEqual(expected([5]));
    });
  });
});
