// ANNarchy: tests/Neuron/test_GlobalOperations.py
import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, type Population, type BackendName } from '../../src/index.js';
import { expectAllClose } from './helpers.js';

const OPS = new Neuron({
  parameters: 'r=0',
  equations: 'mean_r = mean(r)\n max_r = max(r)\n min_r = min(r)\n l1 = norm1(r)\n l2 = norm2(r)',
});

async function build(backend: BackendName, geometry: number | number[], neuron: Neuron = OPS) {
  const net = new Network();
  const pop = net.create(geometry, neuron);
  await net.compile(compileOptions(backend));
  return { net, pop };
}

/** A reproducible stand-in for numpy.random.random(n) (a 32-bit LCG, values in [0, 1)). */
function randomValues(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; });
}

describeFloat64Backends('test_GlobalOperations', (backend) => {
  for (const [cls, geometry, values] of [
    ['test_GlobalOps_1D', 6, [2.0, 1.0, 0.0, -5.0, -3.0, -1.0]],
    ['test_GlobalOps_2D', [2, 3], [[2.0, 1.0, 0.0], [-5.0, -3.0, -1.0]]],
  ] as const) describe(cls, () => {
    let net: Network;
    let pop: Population;
    beforeAll(async () => ({ net, pop } = await build(backend, geometry as number | number[])));
    // ANNarchy sets r, then simulates 2 steps (the first computes the operations, the second shows them)
    beforeEach(async () => { net.reset(); pop.r = values as unknown as number[] | number[][]; await net.simulate(2); });
    it(`${cls}.test_get_mean_r: mean = -1`, () => expectAllClose(pop.mean_r, -1.0));
    it(`${cls}.test_get_max_r: max = 2`, () => expectAllClose(pop.max_r, 2.0));
    it(`${cls}.test_get_min_r: min = -5`, () => expectAllClose(pop.min_r, -5.0));
    it(`${cls}.test_get_l1_norm: norm1 = 12`, () => expectAllClose(pop.l1, 12.0));
    if (cls === 'test_GlobalOps_1D') it(`${cls}.test_get_l2_norm: norm2 = sqrt(40)`, () => expectAllClose(pop.l2, Math.sqrt(40)));
  });

  describe('test_GlobalOps_1D_Large', () => {
  let large: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => { large = await build(backend, 500); });
  for (const [name, expected] of [
    ['test_mean_r', (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length],
    ['test_min_r', (v: number[]) => Math.min(...v)],
    ['test_max_r', (v: number[]) => Math.max(...v)],
  ] as const) {
    it(`test_GlobalOps_1D_Large.${name}: 500 random values`, async () => {
      large.net.reset();
      const v = randomValues(500, name.length);
      large.pop.r = v;
      await large.net.simulate(2);
      const attr = name === 'test_mean_r' ? 'mean_r' : name === 'test_min_r' ? 'min_r' : 'max_r';
      expectAllClose(large.pop[attr], expected(v), 1e-12);
    });
  }
  });

  it('test_GlobalOps_MultiUse.test_compile: max(r) twice and mean(r) + mean(r) compile; r unchanged', async () => {
    const { net, pop } = await build(backend, 6, new Neuron({ parameters: 'r=0', equations: 'tmp = max(r)\n tmp2 = max(r)\n tmp3 = mean(r) + mean(r)' }));
    pop.r = [2.0, 1.0, 0.0, -5.0, -3.0, -1.0];
    await net.simulate(2);
    expect(Array.from(pop.r as Float64Array)).toEqual([2.0, 1.0, 0.0, -5.0, -3.0, -1.0]);
    expect(Array.from(pop.tmp3 as Float64Array)).toEqual(Array(6).fill(-2));
  });
});
