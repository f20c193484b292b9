/**
 * Turning what users assign (a number, an array, nested arrays, a distribution) into typed arrays of
 * the right length, with errors that name the object and the attribute.
 */
import { NetworkError } from '../errors.js';
import type { RandomSource, Sampler } from '../random/types.js';

/** What can be assigned to an attribute. */
export type AttributeInput = number | boolean | ArrayLike<number> | ArrayLike<ArrayLike<number>> | Sampler | NestedNumbers;
export interface NestedNumbers { readonly length: number; readonly [i: number]: number | NestedNumbers }

/** A read of a local attribute: a flat copy with the shape of the object (geometry) it belongs to. */
export type ShapedArray = Float64Array & {
  /** The shape of the values: the geometry of the population or view they belong to. */
  shape: number[];
};

/** True for the distributions of `core/distributions.ts` (anything with a `sample(count, rng)` method). */
export function isSampler(x: unknown): x is Sampler {
  return typeof x === 'object' && x !== null && typeof (x as Sampler).sample === 'function';
}

/** Flattens nested arrays (row-major) into numbers. */
export function flatten(input: ArrayLike<unknown>, out: number[] = []): number[] {
  for (let i = 0; i < input.length; i++) {
    const v = input[i];
    if (typeof v === 'number') out.push(v);
    else if (typeof v === 'boolean') out.push(v ? 1 : 0);
    else if (v !== null && typeof v === 'object' && typeof (v as ArrayLike<unknown>).length === 'number') flatten(v as ArrayLike<unknown>, out);
    else throw new NetworkError(`expected numbers, found ${String(v)}`);
  }
  return out;
}

/**
 * Writes `value` into `target` (length n): a number is broadcast, an array must have n elements
 * (nested arrays are flattened row-major), a distribution is sampled n times.
 */
export function fillValues(target: Float64Array, value: AttributeInput, rng: RandomSource, what: string): void {
  const n = target.length;
  if (typeof value === 'number') { checkFinite(value, what); target.fill(value); return; }
  if (typeof value === 'boolean') { target.fill(value ? 1 : 0); return; }
  if (isSampler(value)) { target.set(value.sample(n, rng)); return; }
  if (value !== null && typeof value === 'object' && typeof (value as ArrayLike<unknown>).length === 'number') {
    const flat = ArrayBuffer.isView(value) ? (value as unknown as ArrayLike<number>) : flatten(value as ArrayLike<unknown>);
    if (flat.length !== n) throw new NetworkError(`${what}: expected ${n} values, got ${flat.length}`);
    for (let i = 0; i < n; i++) target[i] = Number(flat[i]);
    return;
  }
  throw new NetworkError(`${what}: cannot assign ${String(value)} (use a number, an array or a distribution)`);
}

/** Reads a single number out of an input meant for a scalar (global) attribute. */
export function scalarValue(value: AttributeInput, rng: RandomSource, what: string): number {
  if (typeof value === 'number') { checkFinite(value, what); return value; }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isSampler(value)) return value.sample(1, rng)[0];
  if (typeof value === 'object' && value !== null && (value as ArrayLike<number>).length === 1) return Number((value as ArrayLike<number>)[0]);
  throw new NetworkError(`${what} is a single value for the whole object: assign a number, not an array`);
}

function checkFinite(v: number, what: string): void {
  if (Number.isNaN(v)) throw new NetworkError(`${what}: NaN is not a valid value`);
}

/** A copy of `src` carrying a `shape`. */
export function shaped(src: ArrayLike<number>, shape: number[]): ShapedArray {
  const out = Float64Array.from(src) as ShapedArray;
  out.shape = shape;
  return out;
}

/** The arrays of a population's or projection's state: attributes are float64, indices int32. */
export type StateArray = Float64Array | Float32Array | Int32Array;

/**
 * A nested array assigned to a population (or view) must have its geometry's shape: a [4][3] array
 * for a [3, 4] population has the right number of values in the wrong order. Flat arrays and typed
 * arrays are taken in rank order (row-major) and only their length is checked, by `fillValues`.
 */
export function checkNestedShape(value: unknown, geometry: readonly number[], what: string): void {
  if (!Array.isArray(value) || !value.some((v) => v !== null && typeof v === 'object')) return;
  const shape: number[] = [];
  const walk = (v: unknown, depth: number): void => {
    const isArray = v !== null && typeof v === 'object' && typeof (v as ArrayLike<unknown>).length === 'number';
    if (!isArray) {
      if (depth !== shape.length) throw new NetworkError(`${what}: the nested array is ragged (a number where an array was expected, at depth ${depth})`);
      return;
    }
    const a = v as ArrayLike<unknown>;
    if (depth === shape.length) shape.push(a.length);
    else if (depth > shape.length || shape[depth] !== a.length) throw new NetworkError(`${what}: the nested array is ragged (lengths ${shape[depth] ?? 0} and ${a.length} at depth ${depth})`);
    for (let i = 0; i < a.length; i++) walk(a[i], depth + 1);
  };
  walk(value, 0);
  if (shape.length !== geometry.length || shape.some((n, d) => n !== geometry[d])) {
    throw new NetworkError(`${what}: a nested array of shape [${shape.join(', ')}] does not match the geometry [${geometry.join(', ')}] (give that shape, or a flat array in rank order)`);
  }
}
