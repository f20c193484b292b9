// examples/annarchy/convolution.ts (issue 17): Sobel edges of a white square and their 2×2 max
// pooling, counted by hand: the rising side of the square responds 4 (full window) in columns
// (rows) 15 and 16 over rows (columns) 15–48 (3 and 1 at the corners) → 2 × 34 = 68 neurons above 0.5;
// pooled: columns 7 and 8 over rows 7–24 → 36.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../../helpers/backends.js';
import type { BackendName } from '../../../src/index.js';
import { run } from '../../../examples/annarchy/convolution.js';

describeBackends('examples/annarchy/convolution.ts', (_backend: BackendName) => {
  it('68 edge neurons per feature map, 36 after pooling, largest response 4', async () => {
    const s = await run({ backend: compileFor().backend });
    expect(s.active).toEqual([68, 68]);
    expect(s.pooled).toEqual([36, 36]);
    expect(s.largest).toBeCloseTo(4, 5);
  });
});
