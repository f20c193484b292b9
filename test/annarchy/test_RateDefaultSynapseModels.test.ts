// ANNarchy: tests/RateSynapse/test_RateDefaultSynapseModels.py
import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Hebb, Oja, IBCM, listStandardSynapses, type Population } from '../../src/index.js';
import { expectAllClose } from './helpers.js';

describeFloat64Backends('test_RateDefaultSynapseModels', (backend) => {
  let net: Network;
  let inp: Population, out: Population;
  beforeAll(async () => {
    net = new Network();
    const rNeuron = new Neuron({ equations: 'r=sum(Hebb)+sum(Oja)+sum(IBCM)' });
    inp = net.create(1, rNeuron);
    out = net.create(1, rNeuron);
    net.connect(inp, out, 'Hebb', new Hebb()).connectAllToAll({ weights: 0.1, forceMultipleWeights: true });
    net.connect(inp, out, 'Oja', new Oja()).connectAllToAll({ weights: 0.1, forceMultipleWeights: true });
    net.connect(inp, out, 'IBCM', new IBCM()).connectAllToAll({ weights: 0.1, forceMultipleWeights: true });
    await net.compile(compileOptions(backend));
  });
  beforeEach(() => {
    net.reset({ populations: true, projections: true });
    net.disableLearning();
    inp.r = 1.0;
  });
  it('test_compile', () => expect(net.compiled).toBe(true));
  for (const target of ['Hebb', 'Oja', 'IBCM']) {
    it(`test_get_exc_${target}: sum(${target}) = 0.1 with learning disabled`, async () => {
      await net.simulate(1);
      expectAllClose(out.sum(target), 0.1, 1e-15);
    });
  }
  describe('list', () => {
    it('test_list_standard_synapses: STP, STDP, Hebb, Oja, IBCM', () => {
      expect(listStandardSynapses().map((m) => m.name)).toEqual(['STP', 'STDP', 'Hebb', 'Oja', 'IBCM']);
    });
  });
});
