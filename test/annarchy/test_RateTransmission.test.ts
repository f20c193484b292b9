// ANNarchy: tests/RateSynapse/test_RateTransmission.py
// A projection connected with one number as weight and no plasticity shares that weight: proj.w and
// dendrite.w read as one number in neurarchy (README, "Attribute shapes"), where ANNarchy 4.8 returns
// a list with the value repeated per synapse [semantics]; the values asserted are the same.
import { describe, it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, type BackendName } from '../../src/index.js';
import { expectAllClose } from './helpers.js';

async function build(backend: BackendName, pattern: 'one' | 'all' | 'fnp') {
  const net = new Network();
  const pop1 = net.create([3, 3], new Neuron({ equations: 'r = 1' }));
  const pop2 = net.create([3, 3], new Neuron({ equations: 'r = sum(exc)' }));
  const proj = net.connect(pop1, pop2, 'exc');
  if (pattern === 'one') proj.connectOneToOne({ weights: 0.1 });
  else if (pattern === 'all') proj.connectAllToAll({ weights: 0.1 });
  else proj.connectFixedNumberPre({ number: 3, weights: 0.1 });
  await net.compile(compileOptions(backend));
  await net.simulate(2);
  return { proj, pop2 };
}

describeFloat64Backends('test_RateTransmission', (backend) => {
  describe('test_RateTransmissionOneToOne', () => {
    it('test_ranks: dendrite(3) comes from rank 3', async () => expect((await build(backend, 'one')).proj.dendrite(3).preRanks).toEqual([3]));
    it('test_weights: dendrite(3).w = 0.1 [semantics]', async () => {
      const { proj, pop2 } = await build(backend, 'one');
      expectAllClose(proj.dendrite(3).w, 0.1);
      expectAllClose(pop2.sum('exc'), 0.1, 1e-15);
    });
  });
  describe('test_RateTransmissionAllToAll', () => {
    it('test_ranks: dendrite(3) comes from ranks 0..8', async () => expect((await build(backend, 'all')).proj.dendrite(3).preRanks).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]));
    it('test_weights: dendrite(3).w = 0.1 for its 9 synapses [semantics]', async () => {
      const { proj, pop2 } = await build(backend, 'all');
      expect(proj.dendrite(3).size).toBe(9);
      expectAllClose(proj.dendrite(3).w, 0.1);
      expectAllClose(pop2.sum('exc'), 0.9, 1e-15);
    });
  });
  describe('test_RateTransmissionFixedNumberPre', () => {
    it('test_weights: every dendrite has 3 synapses', async () => {
      const { proj } = await build(backend, 'fnp');
      expect(proj.dendrites.map((d) => d.size)).toEqual(Array(9).fill(3));
    });
  });
});
