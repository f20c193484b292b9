/**
 * Shared vocabulary of the ANNarchy ports (test/annarchy/*.test.ts): each file re-expresses one file
 * of ANNarchy's test folder, one `it` per assertion group, named after the ANNarchy test method.
 *
 * Titles carry a tag that scripts/annarchy-tests-table.ts reads to sort the results:
 * - `skipIssue(16, …)` → `it.skip` with `[skip: issue 16 …]`: a feature neurarchy does not have yet;
 * - `skipNA(…)` → `it.skip` with `[skip: n/a …]`: an assertion about something ANNarchy-internal
 *   with no counterpart (storage formats of a C++ class, Python pickling);
 * - `bug(…)` → `it.fails` with `[bug: …]`: neurarchy gives another result than ANNarchy and the
 *   README does not document it (reported to the lead; the test starts passing when fixed, and then
 *   `it.fails` fails, so the marker must be removed);
 * - `[semantics]`: an assertion where neurarchy deliberately differs (README, "Semantics"); it asserts
 *   neurarchy's documented behaviour.
 */
import { it, expect } from 'vitest';
import { column } from '../network/helpers.js';

export { column };

/** What each missing-feature issue brings (the skip reasons name it). */
export const ISSUES = {
  16: 'structural plasticity, parallel_run, network copies',
  17: 'convolution, pooling, BOLD, images, ANN-to-SNN, tensorboard',
  20: 'PyNN export',
} as const;

/** A skipped port: the feature comes with issue `n`. */
export function skipIssue(n: keyof typeof ISSUES, title: string, fn: () => unknown): void {
  it.skip(`${title} [skip: issue ${n}, ${ISSUES[n]}]`, fn as () => Promise<void>);
}

/** A skipped assertion that has no counterpart in neurarchy (the reason says why). */
export function skipNA(reason: string, title: string, fn: () => unknown = () => undefined): void {
  it.skip(`${title} [skip: n/a, ${reason}]`, fn as () => Promise<void>);
}

/** A port that fails because of a neurarchy bug (`it.fails`, so the suite stays green until it is fixed). */
export function bug(reason: string, title: string, fn: () => unknown): void {
  it.fails(`${title} [bug: ${reason}]`, fn as () => Promise<void>);
}

/** Rows of a monitor (or arrays) as plain nested number arrays, for `toEqual` against ANNarchy's literals. */
export function rows(data: ArrayLike<ArrayLike<number>>): number[][] {
  return Array.from(data, (r) => Array.from(r));
}

/**
 * Element-wise |a − b| ≤ tol + 1e-7·|b| for nested arrays (numpy's assert_allclose); a single expected
 * number is compared with every actual value (numpy broadcasting).
 */
export function expectAllClose(actual: unknown, expected: unknown, tol = 1e-10): void {
  const a = flat(actual);
  let e = flat(expected);
  if (e.length === 1 && a.length > 1) e = a.map(() => e[0]);
  expect(a.length, 'number of values').toBe(e.length);
  for (let i = 0; i < e.length; i++) {
    expect(Math.abs(a[i] - e[i]), `index ${i}: ${a[i]} vs ${e[i]}`).toBeLessThanOrEqual(tol + 1e-7 * Math.abs(e[i]));
  }
}

function flat(x: unknown): number[] {
  if (typeof x === 'number') return [x];
  const out: number[] = [];
  for (const v of Array.from(x as ArrayLike<unknown>)) out.push(...flat(v));
  return out;
}
