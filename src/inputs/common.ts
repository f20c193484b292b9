/** Small helpers shared by the input populations. */
import { NetworkError } from '../errors.js';
import type { NetworkLike } from '../core/network-like.js';
import { defaultNetwork } from '../core/default-network.js';
import { flatten } from '../core/values.js';

/** The network an input object belongs to (explicit, or the default network). */
export function networkOf(network?: NetworkLike): NetworkLike {
  return network ?? defaultNetwork();
}

/** A duration in ms as a whole number of steps (nearest, tolerant to float error: 0.3 ms at dt 0.1 is 3). */
export function msToSteps(ms: number, dt: number, what: string): number {
  if (!Number.isFinite(ms)) throw new NetworkError(`${what}: expected a finite number of ms, got ${ms}`);
  return Math.round(ms / dt + 1e-9 * Math.sign(ms));
}

/** A number written as an equation literal (always with a decimal point). */
export function literal(x: number, what: string): string {
  if (!Number.isFinite(x)) throw new NetworkError(`${what}: expected a finite number, got ${x}`);
  const s = String(x);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** Flattens a (possibly nested) array of numbers and returns its values and its shape. */
export function flattenShaped(x: ArrayLike<unknown>): { values: number[]; shape: number[] } {
  const shape: number[] = [];
  let cur: unknown = x;
  while (cur !== null && typeof cur === 'object' && typeof (cur as ArrayLike<unknown>).length === 'number') {
    shape.push((cur as ArrayLike<unknown>).length);
    cur = (cur as ArrayLike<unknown>)[0];
  }
  return { values: flatten(x), shape };
}
