/**
 * Geometry of populations: ranks are in C order (row-major), as in ANNarchy: for a (3, 3)
 * population, rank 2 is (0, 2) and rank 6 is (2, 0).
 */
import { NetworkError } from '../errors.js';
import { describeValue } from './options.js';

/** Normalises `100`, `[100]`, `[10, 10]` to a list of positive integer dimensions. */
export function normalizeGeometry(geometry: number | readonly number[], what = 'geometry'): number[] {
  const dims = typeof geometry === 'number' ? [geometry] : [...geometry];
  if (dims.length === 0) throw new NetworkError(`${what} needs at least one dimension`);
  for (const d of dims) {
    if (!Number.isInteger(d) || d <= 0) throw new NetworkError(`${what}: dimensions must be positive integers, got [${dims.join(', ')}]`);
  }
  return dims;
}

export function geometrySize(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

export { rankFromCoordinates, coordinatesFromRank } from '../connectors/geometry.js';
import { normalizedCoordinates } from '../connectors/geometry.js';

/** Coordinates mapped to [0, norm]^d: coord / (dim - 1) (0 for a dimension of size 1). */
export const normalizedCoordinatesFromRank = normalizedCoordinates;

/** One index of `Population.view(...)`: a number, `':'`, `'a:b'`, or `[start, stop]` (negative counts from the end). */
export type IndexSpec = number | string | readonly [number, number];

/**
 * Resolves a per-dimension index to the list of coordinates it selects. `where` names the call and
 * the dimension for messages. Every index is an integer: `1.5` or `NaN` would otherwise select a
 * neuron by truncation (or nothing) without a word.
 */
export function resolveIndex(spec: IndexSpec, dim: number, where = 'view()'): { values: number[]; isRange: boolean } {
  const wrap = (i: number) => (i < 0 ? dim + i : i);
  const integer = (i: unknown, what: string): number => {
    if (typeof i !== 'number' || !Number.isInteger(i)) {
      throw new NetworkError(`${where}: ${what} must be an integer (negative counts from the end), got ${describeValue(i)}`);
    }
    return i;
  };
  if (typeof spec === 'number') {
    const i = wrap(integer(spec, 'the index'));
    if (i < 0 || i >= dim) throw new NetworkError(`${where}: index ${spec} out of range for a dimension of size ${dim} (give -${dim} to ${dim - 1})`);
    return { values: [i], isRange: false };
  }
  let start = 0;
  let stop = dim;
  if (typeof spec === 'string') {
    const m = /^\s*(-?\d*)\s*:\s*(-?\d*)\s*$/.exec(spec);
    if (!m) throw new NetworkError(`${where}: index '${spec}' is not of the form 'start:stop' (integers, either may be left out)`);
    if (m[1] !== '') start = wrap(Number(m[1]));
    if (m[2] !== '') stop = wrap(Number(m[2]));
  } else if (Array.isArray(spec) && spec.length === 2) {
    start = wrap(integer(spec[0], 'the start of the range [start, stop]'));
    stop = wrap(integer(spec[1], 'the stop of the range [start, stop]'));
  } else {
    throw new NetworkError(`${where}: an index is an integer, a string 'start:stop' or a range [start, stop], got ${describeValue(spec)}`);
  }
  start = Math.max(0, Math.min(dim, start));
  stop = Math.max(start, Math.min(dim, stop));
  const values: number[] = [];
  for (let i = start; i < stop; i++) values.push(i);
  return { values, isRange: true };
}
