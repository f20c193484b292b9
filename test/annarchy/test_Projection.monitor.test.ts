// ANNarchy: tests/Monitor/test_Projection.py
// (ANNarchy 5.0 moved this to tests_python/RateSynapse/test_Monitor.py: see test_Monitor.rate-synapse.test.ts.)
import { it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse } from '../../src/index.js';

describeFloat64Backends('test_ProjectionMonitor', (backend) => {
  it('test_y_sim_10: y = pre.r * post.r * w recorded on both synapses', async () => {
    const net = new Network();
    const p0 = net.create(2, new Neuron({ equations: 'r = t' }));
    const p1 = net.create(1, new Neuron({ equations: 'r = 10 - t' }));
    const proj = net.connect(p0, p1, 'exc', new Synapse({ equations: 'y = pre.r * post.r * w' })).connectAllToAll({ weights: 0.5 });
    const m = net.monitor(proj, ['y']);
    await net.compile(compileOptions(backend));
    await net.simulate(10);
    const y = (m.get() as Record<string, Float64Array[][]>).y;
    // y(k) = 0.5 * k * (10 - k): 0, 4.5, 8, 10.5, 12, 12.5, 12, 10.5, 8, 4.5
    expect(y.map((sample) => sample.map((d) => Array.from(d)))).toEqual(
      Array.from({ length: 10 }, (_, k) => [[0.5 * k * (10 - k), 0.5 * k * (10 - k)]]));
  });
});
