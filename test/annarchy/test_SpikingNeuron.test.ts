// ANNarchy: tests/Neuron/test_SpikingNeuron.py
// v of neuron 0 after each step, read through pop.neuronAt(0) (ANNarchy: pop.neuron(0)).
import { it, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, type Population } from '../../src/index.js';
import { expectAllClose } from './helpers.js';

describeFloat64Backends('test_SpikingCondition', (backend) => {
  let net: Network;
  let pop1: Population, pop2: Population, pop3: Population;
  beforeAll(async () => {
    net = new Network();
    pop1 = net.create(3, new Neuron({ equations: 'v = v + 1.0', spike: 'v == 3.0', reset: 'v = 1.0' }));
    pop2 = net.create(3, new Neuron({ parameters: 'Vt = 3.0', equations: 'v = v + 1.0', spike: 'v == Vt', reset: 'v = 1.0 ', refractory: 3.0 }));
    pop3 = net.create(3, new Neuron({ parameters: 'Vt = 3.0 : population', equations: 'v = v + 1.0', spike: 'v == Vt', reset: 'v = 1.0 ' }));
    await net.compile(compileOptions(backend));
  });
  beforeEach(() => net.reset());
  async function trace(pop: Population, expected: number[]) {
    expectAllClose(pop.neuronAt(0).v, expected[0]);
    for (const v of expected.slice(1)) {
      await net.simulate(1);
      expectAllClose(pop.neuronAt(0).v, v);
    }
  }
  it('test_v: spike at v == 3, reset to 1', () => trace(pop1, [0, 1, 2, 1, 2, 1]));
  it('test_v_ref: refractory 3 ms holds v at 1', () => trace(pop2, [0, 1, 2, 1, 1, 1, 1, 2]));
  it('test_v_conditioned: threshold from a population parameter', () => trace(pop3, [0, 1, 2, 1, 2, 1]));
});
