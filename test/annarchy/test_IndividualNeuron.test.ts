// ANNarchy: tests/Neuron/test_IndividualNeuron.py
// pop[2, 2] (one neuron) is pop.neuronAt(2, 2) in neurarchy, `+` is concat().
import { it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, type Population } from '../../src/index.js';

describeFloat64Backends('test_IndividualNeuron', (backend) => {
  let net: Network;
  let pop: Population;
  beforeAll(async () => {
    net = new Network();
    pop = net.create([8, 8], new Neuron({ parameters: 'tau = 10', equations: 'r += 1/tau * t' }));
    await net.compile(compileOptions(backend));
  });
  beforeEach(() => net.reset());
  const diagonal = () => pop.neuronAt(2, 2).concat(pop.neuronAt(3, 3)).concat(pop.neuronAt(4, 4));

  it('test_get_r: r of three single neurons', () => {
    expect(Array.from(diagonal().r as Float64Array)).toEqual([0, 0, 0]);
  });
  it('test_set_r: r = 1 through the concatenated view', () => {
    diagonal().r = 1.0;
    expect(Array.from(diagonal().r as Float64Array)).toEqual([1, 1, 1]);
    expect(pop.r[3 * 8 + 3]).toBe(1);
    expect(pop.r[3 * 8 + 4]).toBe(0);
  });
  it('test_rank_assignment: pop[2, 4] is rank 20', () => {
    expect(Array.from(pop.neuronAt(2, 4).ranks)).toEqual([20]);
  });
});
