// examples/ann2snn.ts prints what its header says (its first 50 images: the full run is the converter test's).
import { it, expect } from 'vitest';
import { run } from '../../../examples/ann2snn.js';

it('examples/ann2snn.ts: the spiking network classifies the first 50 images like the ANN (seed 1, 1 s each)', async () => {
  const s = await run({ samples: 50 });
  expect(s.samples).toBe(50);
  expect(s.annAccuracy).toBeGreaterThanOrEqual(0.96);
  expect(s.snnAccuracy).toBeGreaterThanOrEqual(s.annAccuracy - 0.04);
  expect(s.agreement).toBeGreaterThanOrEqual(0.94);
}, 60000);
