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

/**
 * The two ways of building an input population, as every other object: `(geometry, options)` or one
 * object `{ geometry, ...options }`. Returns the geometry and the options without it.
 */
export function geometryForm<O extends object>(
  a: unknown, options: O | undefined, where: string,
): { geometry: number | readonly number[]; options: O | undefined } {
  if (typeof a === 'number' || Array.isArray(a)) return { geometry: a as number | readonly number[], options };
  if (a !== null && typeof a === 'object' && !ArrayBuffer.isView(a)) {
    if (options !== undefined) throw new NetworkError(`${where}: give either (geometry, options) or one object { geometry, … }, not both`);
    const { geometry, ...rest } = a as { geometry?: unknown };
    if (geometry === undefined) throw new NetworkError(`${where}: the options object needs a geometry (e.g. { geometry: 100, … })`);
    return { geometry: geometry as number | readonly number[], options: rest as O };
  }
  throw new NetworkError(`${where}: expected a geometry (a number or an array of numbers) or one object { geometry, … }, got ${a === null ? 'null' : typeof a}`);
}
