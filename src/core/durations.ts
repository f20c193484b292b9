/**
 * Durations given in ms that the simulation needs as whole numbers of steps (monitor periods,
 * decoding windows): checked, never silently truncated or rounded to something else.
 */
import { NetworkError } from '../errors.js';
import { describeValue } from './options.js';

/**
 * A duration in ms that must be a whole number of steps (`what` ≥ `min` steps), in steps. Rounding
 * tolerates float error (0.3 ms at dt 0.1 is 3 steps); anything else is refused rather than rounded.
 */
export function wholeSteps(value: unknown, dt: number, where: string, what: string, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new NetworkError(`${where}: ${what} must be a finite number of ms, got ${describeValue(value)}`);
  const x = value / dt;
  const k = Math.round(x);
  const whole = Math.abs(x - k) <= 1e-9 * Math.max(1, Math.abs(x));
  if ((whole ? k : x) < min) throw new NetworkError(`${where}: ${what} must be ${min === 0 ? '≥ 0' : `at least dt = ${dt} ms`}, got ${value} ms`);
  if (!whole) {
    const lo = Math.floor(x);
    const ms = (steps: number) => +(steps * dt).toPrecision(12);
    throw new NetworkError(`${where}: ${what} ${value} ms is not a multiple of dt = ${dt} ms: use ${lo >= min ? `${ms(lo)} or ` : ''}${ms(lo + 1)}`);
  }
  return k;
}
