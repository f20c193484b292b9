/**
 * `every` callbacks: functions called periodically during `simulate()`, before the step at their
 * time. Periods, offsets and waits are converted to steps with one rounding rule (ANNarchy
 * truncates there but rounds delays: a documented inconsistency we do not copy).
 */
import { NetworkError } from '../errors.js';
import { checkOptions, describeValue, optionKeys } from '../core/options.js';

/** Options of `net.every(options, fn)` (ANNarchy's `@every(period, offset, wait)`). */
export interface EveryOptions {
  /** Period in ms: finite and > 0 (shorter than dt: every step, as ANNarchy). */
  period: number;
  /** Offset inside the period in ms (negative: from the end of the period). */
  offset?: number;
  /** Delay before the first call, in ms (negative: none, as ANNarchy). */
  wait?: number;
}

/** The keys of {@link EveryOptions}. */
export const EVERY_OPTIONS = optionKeys<EveryOptions>()(['period', 'offset', 'wait']);

/**
 * A function called periodically during `simulate()` (ANNarchy's `@every`), returned by
 * `net.every({ period }, fn)`: `fn(n)` receives the index of the call within the current
 * `simulate()` (0, 1, … as in ANNarchy); `disable()` and `enable()` pause and resume it.
 */
export class PeriodicCallback {
  /** The period in steps (at least 1). */
  readonly periodSteps: number;
  /** The offset within the period in steps (0 ≤ offset < period). */
  readonly offsetSteps: number;
  /** Steps to wait before the first call. */
  readonly waitSteps: number;
  /** The function called; it receives the index of the call within the current `simulate()`. */
  readonly fn: (n: number) => unknown;
  /** Whether the callback is called (`disable()` / `enable()`). */
  enabled = true;

  constructor(options: EveryOptions, fn: (n: number) => unknown, dt: number) {
    checkOptions(options, EVERY_OPTIONS, 'every()', { unsupported: { network: 'call every() on that network: net.every({ period }, fn)' } });
    if (options === undefined) throw new NetworkError('every(): give the options { period } (ms)');
    if (typeof options.period !== 'number' || !Number.isFinite(options.period) || options.period <= 0) {
      throw new NetworkError(`every(): period must be a finite number of ms > 0, got ${describeValue(options.period)}`);
    }
    for (const key of ['offset', 'wait'] as const) {
      const v = options[key];
      if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw new NetworkError(`every(): ${key} must be a finite number of ms, got ${describeValue(v)}`);
    }
    if (typeof fn !== 'function') throw new NetworkError(`every(): the callback must be a function, got ${describeValue(fn)}`);
    this.periodSteps = Math.max(1, Math.round(options.period / dt));
    const off = Math.round((options.offset ?? 0) / dt);
    this.offsetSteps = ((off % this.periodSteps) + this.periodSteps) % this.periodSteps;
    this.waitSteps = Math.max(0, Math.round((options.wait ?? 0) / dt));
    this.fn = fn;
  }

  /** Steps (relative to the start of a simulate() call) at which the callback runs within `length` steps. */
  callSteps(length: number): number[] {
    const out: number[] = [];
    for (let s = this.waitSteps + this.offsetSteps; s < length; s += this.periodSteps) out.push(s);
    return out;
  }

  /** Stops calling this callback. */
  disable(): void { this.enabled = false; }
  /** Calls this callback again (after `disable()`). */
  enable(): void { this.enabled = true; }
}

/** Number of steps of a duration: ceil(duration/dt), tolerant to float error (0.3 ms at dt 0.1 is 3 steps). */
export function stepsOf(durationMs: number, dt: number): number {
  const x = durationMs / dt;
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-9 * Math.max(1, Math.abs(x)) ? r : Math.ceil(x);
}
