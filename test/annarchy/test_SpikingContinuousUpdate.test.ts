// ANNarchy: tests/SpikeSynapse/test_SpikingContinuousUpdate.py
import { describe, it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse } from '../../src/index.js';

describeFloat64Backends('test_SpikingContinuousUpdate', (backend) => {
  describe('test_SpikingContinuousUpdate', () => {
    async function run(flags: boolean) {
      const net = new Network();
      const pop0 = net.create(1, new Neuron({ equations: 'mp=t', spike: '(modulo(t,3))' }));
      const pop1 = net.create(1, new Neuron({ equations: 'mp=t', spike: '(modulo(t,5))' }));
      const init = flags ? ' : init=0.0' : '';
      const proj = net.connect(pop0, pop1, 'exc', new Synapse({
        preSpike: `pre_trace=pre.mp${init}`,
        postSpike: `post_trace=post.mp${init}`,
        equations: 'post_trace = post_trace -1 : min=0.0\n pre_trace = pre_trace -1 : min=0.0\n w = post_trace + pre_trace',
      })).connectAllToAll({ weights: 0.0 });
      await net.compile(compileOptions(backend));
      net.reset();
      await net.simulate(1);
      // step 0: modulo(0, n) = 0, no event yet; the traces stay at their bound 0
      expect(Array.from((proj.w as Float64Array[])[0])).toEqual([0]);
    }
    it('test_invoke_compile: the model as ANNarchy writes it (: init=0.0 on the event statements)', () => run(true));
    it('test_invoke_compile without the init flags: traces set by events, decayed by synaptic equations', () => run(false));
  });
  describe('test_ContinuousTransmission', () => {
    // ANNarchy accepts a compile error (InvalidConfiguration) here as well as a success.
    it('test_invoke_compile: psp = post.v - pre.v in a spiking synapse compiles and runs, or is refused clearly', async () => {
      const net = new Network({ seed: 1 });
      const pop = net.create(3, new Neuron({ equations: 'v = Uniform(0,1)', spike: 'v > 0.9' }));
      let refused: unknown;
      try {
        net.connect(pop, pop, 'exc', new Synapse({ psp: 'post.v - pre.v' })).connectAllToAll({ weights: 5.0 });
        await net.compile(compileOptions(backend));
        await net.simulate(1);
      } catch (e) { refused = e; }
      if (refused) expect((refused as Error).name).toMatch(/Error$/);
      else expect(net.getCurrentStep()).toBe(1);
    });
  });
});
