// ANNarchy: tests/RateSynapse/test_RateContinuousUpdate.py
// ANNarchy only compiles and runs one step; the weights after it are checked here too.
import { it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse } from '../../src/index.js';

describeFloat64Backends('test_RateContinuousUpdate', (backend) => {
  it('test_RateCodedContinuousUpdate.test_invoke_compile: w = t + glob_var + semi_glob_var', async () => {
    const net = new Network();
    const simple = new Neuron({ parameters: 'r=1.0' });
    const pop0 = net.create(3, simple);
    const pop1 = net.create(1, simple);
    const proj = net.connect(pop0, pop1, 'exc', new Synapse({
      parameters: 'glob_var = 0.1 : projection\n semi_glob_var = 0.2 : postsynaptic',
      equations: 'w = t + glob_var + semi_glob_var',
    })).connectAllToAll({ weights: 0.0 });
    await net.compile(compileOptions(backend));
    net.reset();
    await net.simulate(1);
    // one step at t = 0
    expect(Array.from((proj.w as Float64Array[])[0])).toEqual([0.1 + 0.2, 0.1 + 0.2, 0.1 + 0.2]);
  });
});
