// ANNarchy: tests/RateSynapse/test_RateSynapse.py
// Compile-only tests in ANNarchy; here each also checks a few values after compiling or one step.
import { it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse } from '../../src/index.js';
import { expectAllClose } from './helpers.js';

describeFloat64Backends('test_RateSynapse', (backend) => {
  it('test_Locality.test_compile: local, postsynaptic and projection parameters', async () => {
    const net = new Network();
    const neuron = new Neuron({ parameters: 'r = 0' });
    const pre = net.create(3, neuron);
    const post = net.create(1, neuron);
    const proj = net.connect(pre, post, 'exc', new Synapse({ parameters: 'a = 0.1\n b = 0.1 : postsynaptic\n c = 0.1 : projection' }))
      .connectAllToAll({ weights: 1.0 });
    await net.compile(compileOptions(backend));
    expectAllClose((proj.a as Float64Array[])[0], [0.1, 0.1, 0.1]);
    expectAllClose(proj.b, [0.1]);
    expect(proj.c).toBe(0.1);
  });
  it('test_AccessPSP.test_compile: w = pre.sum(exc) + post.sum(exc) in both directions', async () => {
    const net = new Network();
    const neuron = new Neuron({ equations: 'r = sum(exc)' });
    const syn = new Synapse({ equations: 'w = pre.sum(exc) + post.sum(exc)' });
    const pre = net.create(1, neuron);
    const post = net.create(1, neuron);
    const proj1 = net.connect(pre, post, 'exc', syn).connectAllToAll({ weights: 1.0, forceMultipleWeights: true });
    net.connect(post, pre, 'exc', syn).connectAllToAll({ weights: 1.0, forceMultipleWeights: true });
    await net.compile(compileOptions(backend));
    pre.r = 2; post.r = 3;
    await net.simulate(1);
    // step 0: sum(exc) of post = 1 * 2, of pre = 1 * 3; then w = 3 + 2
    expectAllClose((proj1.w as Float64Array[])[0], [5]);
  });
  it('test_ModifiedPSP.test_compile: psp = w*pos(reversal-pre.r)', async () => {
    const net = new Network();
    const neuron = new Neuron({ equations: 'r = sum(exc)' });
    const pre = net.create(1, neuron);
    const post = net.create(1, neuron);
    net.connect(pre, post, 'exc', new Synapse({ parameters: 'reversal = 1.0', psp: 'w*pos(reversal-pre.r)' }))
      .connectAllToAll({ weights: 1.0, forceMultipleWeights: true });
    await net.compile(compileOptions(backend));
    pre.r = 0.25;
    await net.simulate(1);
    expectAllClose(post.sum('exc'), [0.75]);
  });
});
