// ANNarchy: tests/RateSynapse/test_SpecificProjections.py
import { it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, CurrentInjection } from '../../src/index.js';
import { column, expectAllClose } from './helpers.js';

describeFloat64Backends('test_SpecificProjections', (backend) => {
  it('test_CurrentInjection.test_compile + test_run_one_loop: g_exc follows sin(t) one step later', async () => {
    const net = new Network();
    const inp = net.create(1, new Neuron({ equations: 'r=sin(t)' }));
    const out = net.create(1, new Neuron({ equations: 'mp=g_exc', spike: 'mp >= 1.0', reset: '' }));
    const m = net.monitor(out, 'mp');
    new CurrentInjection(inp, out, 'exc').connectCurrent();
    await net.compile(compileOptions(backend));
    expect(net.compiled).toBe(true);
    net.reset();
    await net.simulate(11);
    expectAllClose(column(m.get('mp') as Float64Array[]), [0, ...Array.from({ length: 10 }, (_, x) => Math.sin(x))], 1e-15);
  });
});
