import { describe, expect, it } from 'vitest';
import { exp, kernelCos, kernelSin, log } from '../../src/random/libm.js';
import { RandomStream } from '../../src/random/stream.js';

/** Distance in ulps between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  const f = new Float64Array([a, b]);
  const i = new BigInt64Array(f.buffer);
  const d = i[0] - i[1];
  return Number(d < 0n ? -d : d);
}

describe('portable libm (fdlibm ports)', () => {
  const rng = new RandomStream(2024, 7);

  // V8's Math.log/Math.exp are fdlibm (base::ieee754); equality on a million inputs is the
  // strongest check that the port is exact. If a future V8 swaps its libm this test names it.
  it('log equals V8 Math.log bit for bit (1e6 inputs over 2^-1074 .. 2^1023)', () => {
    let diff = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const x = (rng.uniform() + 1e-300) * 2 ** (Math.floor(rng.uniform() * 2090) - 1070);
      if (!Object.is(log(x), Math.log(x))) diff++;
    }
    expect(diff).toBe(0);
    for (const x of [0, -0, -1, 1, Infinity, NaN, 5e-324, 2.2250738585072014e-308, 1 - 2 ** -53, 1 + 2 ** -52, Math.E]) {
      expect(Object.is(log(x), Math.log(x))).toBe(true);
    }
  });

  it('exp equals V8 Math.exp bit for bit (1e6 inputs over [-750, 750])', () => {
    let diff = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const x = (rng.uniform() - 0.5) * 1500 * (i % 3 === 0 ? 1e-6 : 1);
      if (!Object.is(exp(x), Math.exp(x))) diff++;
    }
    expect(diff).toBe(0);
    for (const x of [0, -0, 1, -1, 709.78, 709.79, -745.1, -745.2, Infinity, -Infinity, NaN, 1e-30, -708.5]) {
      expect(Object.is(exp(x), Math.exp(x))).toBe(true);
    }
  });

  it('sin/cos kernels are within 1 ulp of Math.sin/Math.cos on [-pi/4, pi/4]', () => {
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = (rng.uniform() - 0.5) * (Math.PI / 2);
      worst = Math.max(worst, ulps(kernelSin(x), Math.sin(x)), ulps(kernelCos(x), Math.cos(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(kernelSin(1e-10)).toBe(1e-10);
    expect(kernelCos(1e-10)).toBe(1);
  });
});
