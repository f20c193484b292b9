/**
 * Durations given in ms that the simulation counts in steps (monitor periods and offsets, learning
 * periods, decoding windows). They are rounded to the nearest step, like delays and `every`
 * periods (README, "Semantics": ANNarchy truncates some of them), after refusing what no rounding
 * makes right: NaN, ±Infinity, or less than the least number of steps allowed.
 */
import { NetworkError } from '../errors.js';
import { describeValue } from './options.js';

/** `value` ms as a number of steps ≥ `min` (the nearest; 0.3 ms at dt 0.1 is 3 steps despite float error). */
export function durationSteps(value: unknown, dt: number, where: string, what: string, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new NetworkError(`${where}: ${what} must be a finite number of ms, got ${describeValue(value)}`);
  const x = value / dt;
  if (x < min - 1e-9 * Math.max(1, min)) {
    throw new NetworkError(`${where}: ${what} must be ${min === 0 ? '≥ 0' : min === 1 ? `at least dt = ${dt} ms` : `at least ${min} steps of dt = ${dt} ms`}, got ${value} ms`);
  }
  return Math.max(min, Math.round(x));
}
