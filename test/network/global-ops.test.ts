// Dossier §3.4 A5: global operations, computed after the update (seen one step later).
import { it, expect } from 'vitest';
import { describeBackends, compileFor, isFloat32, closeDigits } from '../helpers/backends.js';
import { Network, Neuron } from '../../src/index.js';

const neuron = new Neuron({
  parameters: 'r = 0',
  equations: 'mean_r = mean(r)\n max_r = max(r)\n min_r = min(r)\n l1 = norm1(r)\n l2 = norm2(r)',
});

describeBackends('global operations (A5)', () => {
  for (const geometry of [6, [2, 3]] as const) {
    it(`mean/max/min/norm1/norm2 on geometry ${JSON.stringify(geometry)}`, async () => {
      const net = new Network();
      const pop = net.create(geometry, neuron);
      pop.r = geometry === 6 ? [2, 1, 0, -5, -3, -1] : [[2, 1, 0], [-5, -3, -1]];
      await net.compile(compileFor());
      await net.step();
      expect(pop.mean_r[0]).toBe(0); // first step: reductions not computed yet
      await net.step();
      expect(pop.mean_r[0]).toBe(-1);
      expect(pop.max_r[0]).toBe(2);
      expect(pop.min_r[0]).toBe(-5);
      expect(pop.l1[0]).toBe(12);
      if (isFloat32()) expect(pop.l2[0]).toBeCloseTo(Math.sqrt(40), closeDigits(16, Math.sqrt(40))); // float32 sqrt
      else expect(pop.l2[0]).toBe(Math.sqrt(40));
    });
  }
});
