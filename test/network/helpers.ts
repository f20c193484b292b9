import { expect } from 'vitest';

/** Column `col` of recorded rows. */
export function column(rows: ArrayLike<ArrayLike<number>>, col = 0): number[] {
  return Array.from(rows, (r) => r[col]);
}

/** Element-wise closeness with an absolute tolerance. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `index ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol);
  }
}
