// ANNarchy: tests_python/RateSynapse/test_Monitor.py
// (test_MonitorLocalVariable is 4.8's tests/Monitor/test_Projection.py; test_MonitorRatePSP is new in 5.0.)
import { it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse } from '../../src/index.js';
import { rows } from './helpers.js';

describeFloat64Backends('test_Monitor (RateSynapse, 5.0)', (backend) => {
  it('test_MonitorRatePSP.test_record_sum_exc: sum(exc) recorded for 5 ms after 10 ms, then paused', async () => {
    const net = new Network();
    const pre = net.create(3, new Neuron({ equations: 'r = t' }));
    const post = net.create(1, new Neuron({ equations: 'r = sum(exc)' }));
    net.connect(pre, post, 'exc').connectAllToAll({ weights: 1.0 });
    const m = net.monitor(post, 'sum(exc)', { start: false });
    await net.compile(compileOptions(backend));
    net.reset({ populations: true, projections: true, monitors: true, synapses: false });
    await net.simulate(10.0);
    m.start();
    await net.simulate(5.0);
    m.pause();
    await net.simulate(10.0);
    // steps 10..14 see the pre-synaptic r of steps 9..13, three neurons each
    expect(rows(m.get('sum(exc)') as Float64Array[])).toEqual([[27], [30], [33], [36], [39]]);
  });
  it('test_MonitorLocalVariable.test_y_sim_10: y = pre.r * post.r * w on both synapses', async () => {
    const net = new Network();
    const p0 = net.create(2, new Neuron({ equations: 'r = t' }));
    const p1 = net.create(1, new Neuron({ equations: 'r = 10 - t' }));
    const proj = net.connect(p0, p1, 'exc', new Synapse({ equations: 'y = pre.r * post.r * w' })).connectAllToAll({ weights: 0.5 });
    const m = net.monitor(proj, ['y']);
    await net.compile(compileOptions(backend));
    net.reset();
    await net.simulate(10);
    const y = (m.get() as Record<string, Float64Array[][]>).y;
    expect(y.map((sample) => sample.map((d) => Array.from(d)))).toEqual(
      Array.from({ length: 10 }, (_, k) => [[0.5 * k * (10 - k), 0.5 * k * (10 - k)]]));
  });
});
