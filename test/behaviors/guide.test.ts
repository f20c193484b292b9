/**
 * The first program of docs/guides/from-pymonnto.md, as written there, with the numbers it must
 * give: without input a neuron climbs v ← 0.9·v + 0.1 from 0 and crosses 0.5 at step 7 (v₇ = 1 −
 * 0.9⁷ ≈ 0.5217), so every neuron spikes at iterations 8, 16, … until the input desynchronises them.
 */
import { expect, it } from 'vitest';
import { Behavior, Network, NeuronGroup, SynapseGroup, Recorder, afferent } from '../../src/behaviors/index.js';

class Basic extends Behavior {
  override initialize(n: NeuronGroup): void {
    n.voltage = n.vector();
    n.threshold = this.parameter('threshold', 0.5);
  }
  override iteration(n: NeuronGroup): void {
    n.spike = new Uint8Array(n.size);
    for (let i = 0; i < n.size; i++) {
      if (n.voltage[i] > n.threshold) { n.spike[i] = 1; n.voltage[i] = 0; }
      n.voltage[i] = 0.9 * n.voltage[i] + 0.1;
    }
    for (const s of n.synapses(afferent, 'GLUTAMATE')) s.W.dot(s.src.spike, n.voltage);
  }
}

class Weights extends Behavior {
  override initialize(s: SynapseGroup): void { s.W = s.matrix('uniform(0, 1)*0.1', { density: 0.1 }); }
}

it("the guide's first program runs as written, with hand-computed voltages", async () => {
  const net = new Network({ seed: 1 });
  new NeuronGroup({ net, tag: 'my_neurons', size: 100, behavior: { 1: new Basic(), 9: new Recorder(['voltage', 'np.mean(voltage)']) } });
  new SynapseGroup({ net, src: 'my_neurons', dst: 'my_neurons', tag: 'GLUTAMATE', behavior: { 1: new Weights() } });
  await net.initialize();
  await net.simulateIterations(1000);
  expect(net.my_neurons.voltage).toBe(net.my_neurons.vars.voltage);
  const V = net.getRecorded('voltage');
  expect(V.shape).toEqual([1000, 100]);
  // steps 1…7: no spikes yet, every neuron at 1 − 0.9^k
  for (let k = 1; k <= 7; k++) for (const i of [0, 57, 99]) expect(V.get(k - 1, i)).toBeCloseTo(1 - 0.9 ** k, 12);
  // step 8: all spike and reset (0.9·0 + 0.1), then receive W·spike = their row sum of W
  const W = net.GLUTAMATE.W;
  const rowSum = (i: number): number => W.dot(new Float64Array(100).fill(1))[i]!;
  for (const i of [0, 57, 99]) expect(V.get(7, i)).toBeCloseTo(0.1 + rowSum(i), 12);
  // weights: density 0.1 of U(0, 0.1): 1000 ± 6·30 entries, all below 0.1
  expect(Math.abs(W.countNonzero() - 1000)).toBeLessThan(180);
});
