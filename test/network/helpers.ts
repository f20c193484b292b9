import { expect } from 'vitest';
import { tolerance } from '../helpers/backends.js';

/** Column `col` of recorded rows. */
export function column(rows: ArrayLike<ArrayLike<number>>, col = 0): number[] {
  return Array.from(rows, (r) => r[col]);
}

/**
 * Element-wise closeness with an absolute tolerance (on webgpu, float32: at least `F32_RELATIVE`
 * times the largest expected magnitude, see `tolerance()`).
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  tol = tolerance(tol, scale);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `index ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol);
  }
}
