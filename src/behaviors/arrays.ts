/**
 * The few NumPy-like operations that behaviours need, over typed arrays. Not a NumPy clone: plain
 * loops are as fast in JavaScript and often clearer, so only the idioms of PymoNNto models get a
 * helper. Masks are `Uint8Array`s of 0/1. Functions named `…InPlace` or `setWhere` modify their
 * first argument and return it; the others allocate their result.
 *
 * | NumPy (PymoNNto models) | here |
 * |---|---|
 * | `v > th` | `greater(v, th)` |
 * | `v < th` | `less(v, th)` |
 * | `v[mask] = 0.0` | `setWhere(v, mask, 0)` |
 * | `np.where(mask, a, b)` | `where(mask, a, b)` |
 * | `v *= 0.9` | `scaleInPlace(v, 0.9)` |
 * | `v += x * k` | `addInPlace(v, x, k)` |
 * | `np.sum`, `np.mean`, `np.max`, `np.min` | `sum`, `mean`, `max`, `min` |
 * | `np.count_nonzero(m)`, `np.where(m)[0]` | `countNonzero(m)`, `nonzero(m)` |
 * | `np.clip(v, lo, hi)` (in place) | `clipInPlace(v, lo, hi)` |
 */
import { NeurarchyError } from '../errors.js';

/** Any numeric typed array, the storage of behaviour state. */
export type StateArray = Float64Array | Float32Array | Int32Array | Uint8Array;

/** A number broadcast to every element, or an array of the same length. */
export type Operand = number | ArrayLike<number>;

function at(x: Operand, i: number): number {
  return typeof x === 'number' ? x : x[i]!;
}

function checkLength(name: string, a: ArrayLike<number>, b: Operand): void {
  if (typeof b !== 'number' && b.length !== a.length) {
    throw new NeurarchyError(`${name}: lengths differ (${a.length} and ${b.length})`);
  }
}

/** `a > b` elementwise, as a 0/1 mask. */
export function greater(a: ArrayLike<number>, b: Operand): Uint8Array {
  checkLength('greater', a, b);
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! > at(b, i) ? 1 : 0;
  return out;
}

/** `a < b` elementwise, as a 0/1 mask. */
export function less(a: ArrayLike<number>, b: Operand): Uint8Array {
  checkLength('less', a, b);
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! < at(b, i) ? 1 : 0;
  return out;
}

/** `target[mask] = value` (value a number or an array indexed like target). Returns target. */
export function setWhere<T extends StateArray>(target: T, mask: ArrayLike<number>, value: Operand): T {
  checkLength('setWhere', target, mask.length === target.length ? value : mask);
  for (let i = 0; i < target.length; i++) if (mask[i]) target[i] = at(value, i);
  return target;
}

/** `np.where(mask, a, b)`: a new array taking `a` where the mask is set and `b` elsewhere. */
export function where(mask: ArrayLike<number>, a: Operand, b: Operand): Float64Array {
  const out = new Float64Array(mask.length);
  for (let i = 0; i < mask.length; i++) out[i] = mask[i] ? at(a, i) : at(b, i);
  return out;
}

/** `target *= factor` (factor a number or an array). Returns target. */
export function scaleInPlace<T extends StateArray>(target: T, factor: Operand): T {
  checkLength('scaleInPlace', target, factor);
  for (let i = 0; i < target.length; i++) target[i]! *= at(factor, i);
  return target;
}

/** `target += x * k` (x a number or an array; k defaults to 1). Returns target. */
export function addInPlace<T extends StateArray>(target: T, x: Operand, k = 1): T {
  checkLength('addInPlace', target, x);
  for (let i = 0; i < target.length; i++) target[i]! += at(x, i) * k;
  return target;
}

/** Clips every element into [lo, hi]. Returns target. */
export function clipInPlace<T extends StateArray>(target: T, lo: number, hi: number): T {
  for (let i = 0; i < target.length; i++) {
    const v = target[i]!;
    target[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return target;
}

/** Sum of the elements (0 for an empty array). */
export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/** Mean of the elements (NaN for an empty array, as NumPy). */
export function mean(a: ArrayLike<number>): number {
  return a.length === 0 ? NaN : sum(a) / a.length;
}

/** Largest element (-Infinity for an empty array). */
export function max(a: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!;
  return m;
}

/** Smallest element (Infinity for an empty array). */
export function min(a: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < a.length; i++) if (a[i]! < m) m = a[i]!;
  return m;
}

/** Number of non-zero elements. */
export function countNonzero(a: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) c++;
  return c;
}

/** Indices of the non-zero elements, ascending (`np.where(a)[0]`). */
export function nonzero(a: ArrayLike<number>): Int32Array {
  const out = new Int32Array(countNonzero(a));
  let k = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) out[k++] = i;
  return out;
}
