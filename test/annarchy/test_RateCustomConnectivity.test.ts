// ANNarchy: tests/RateSynapse/test_RateCustomConnectivity.py
// A connector function building a tridiagonal pattern (ANNarchy's CSR() is neurarchy's LILBuilder);
// the non-uniform delays are drawn in 1..5 ms by the function (ANNarchy: DiscreteUniform(1, 5)).
import { describe, it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import * as neurarchy from '../../src/index.js';
import { Network, Neuron, type BackendName } from '../../src/index.js';
import { LILBuilder } from '../../src/connectors/index.js';

type Side = { ranks: ArrayLike<number> };
type Delay = 'none' | 'uniform' | 'non-uniform';

function diagonal(pre: Side, post: Side, weight: number, delay: Delay, rng: () => number) {
  const syn = new LILBuilder();
  const preRanks = Array.from(pre.ranks);
  for (const p of Array.from(post.ranks)) {
    const ranks = [p - 1, p, p + 1].filter((r) => preRanks.includes(r));
    const delays = delay === 'none' ? ranks.map(() => 0) : delay === 'uniform' ? [2] : ranks.map(() => 1 + Math.floor(rng() * 5));
    syn.add(p, ranks, ranks.map(() => weight), delays);
  }
  return syn;
}

async function build(backend: BackendName, delay: Delay, target: string) {
  const net = new Network();
  const pop1 = net.create(5, new Neuron({ equations: 'r = 1' }));
  const pop2 = net.create(5, new Neuron({ equations: 'r = sum(exc)' }));
  let s = 7;
  const rng = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const proj = net.connect(pop1, pop2, target).connectWithFunc((pre, post) => diagonal(pre, post, 0.1, delay, rng));
  await net.compile(compileOptions(backend));
  return proj;
}

describeFloat64Backends('test_RateCustomConnectivity', (backend) => {
  describe('test_CustomConnectivityNoDelay', () => {
    it('test_invoke_compile: a tridiagonal pattern of 13 synapses', async () => {
      const proj = await build(backend, 'none', 'exc');
      expect(proj.nbSynapses).toBe(13);
      expect(proj.dendrite(2).preRanks).toEqual([1, 2, 3]);
    });
    it('test_no_delay: without delays, proj.delay is dt', async () => expect((await build(backend, 'none', 'exc')).delay).toBe(1.0));
  });
  describe('test_CustomConnectivityUniformDelay', () => {
    it('test_invoke_compile', async () => expect((await build(backend, 'uniform', 'exc2')).nbSynapses).toBe(13));
    it('test_uniform_delay: one delay of 2 ms for every synapse', async () => expect((await build(backend, 'uniform', 'exc2')).delay).toBe(2.0));
  });
  describe('test_CustomConnectivityNonUniformDelay', () => {
    it('test_invoke_compile: delays drawn in 1..5 ms', async () => {
      const proj = await build(backend, 'non-uniform', 'exc3');
      const d = (proj.delay as Float64Array[]).flatMap((x) => Array.from(x));
      expect(d.length).toBe(13);
      for (const x of d) expect([1, 2, 3, 4, 5]).toContain(x);
      expect(new Set(d).size).toBeGreaterThan(1);
    });
  });
  it("ANNarchy's CSR()/LILConnectivity for connector functions is importable", () => {
    expect('LILBuilder' in neurarchy).toBe(true);
    expect('LILConnectivity' in neurarchy).toBe(true);
  });
});
