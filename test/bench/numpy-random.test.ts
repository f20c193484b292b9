// The benchmarks draw their matrices like NumPy's legacy RandomState: check against NumPy itself.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { RandomState } from '../../bench/lib/numpy-random.js';

function numpy(code: string): string | undefined {
  for (const py of ['/usr/bin/python3', 'python3']) {
    try { return execFileSync(py, ['-c', `import numpy as np\n${code}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }); } catch { /* next */ }
  }
  return undefined;
}

describe('RandomState (NumPy legacy MT19937)', () => {
  it('MT19937 reference output for seed 5489 (the generator\'s default)', () => {
    const rs = new RandomState(5489);
    expect(rs.nextU32()).toBe(3499211612);
    expect(rs.nextU32()).toBe(581869302);
  });

  const out = numpy('rs = np.random.RandomState(1234)\nx = rs.uniform(-1, 1, 5)\nj = rs.normal(0.0, 0.1, 7)\nprint(" ".join(repr(float(v)) for v in list(x) + list(j)))');
  it.skipIf(out === undefined)('uniform and normal draws equal NumPy\'s (within one ulp for normals)', () => {
    const expected = out!.trim().split(/\s+/).map(Number);
    const rs = new RandomState(1234);
    const got = [...rs.uniform(-1, 1, 5), ...rs.normal(0.0, 0.1, 7)];
    got.slice(0, 5).forEach((v, i) => expect(v).toBe(expected[i]));
    got.slice(5).forEach((v, i) => expect(Math.abs(v - expected[5 + i])).toBeLessThanOrEqual(Math.abs(expected[5 + i]) * 4e-16));
  });
});
