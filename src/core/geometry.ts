/**
 * Geometry of populations: ranks are in C order (row-major), as in ANNarchy: for a (3, 3)
 * population, rank 2 is (0, 2) and rank 6 is (2, 0).
 */
import { NetworkError } from '../errors.js';

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

/** Rank of the neuron at `coords` (C order). */
export function rankFromCoordinates(dims: readonly number[], coords: readonly number[]): number {
  if (coords.length !== dims.length) throw new NetworkError(`coordinates (${coords.join(', ')}) do not match a geometry of ${dims.length} dimension(s)`);
  let rank = 0;
  for (let d = 0; d < dims.length; d++) {
    const c = coords[d];
    if (!Number.isInteger(c) || c < 0 || c >= dims[d]) throw new NetworkError(`coordinate ${c} out of range [0, ${dims[d]}) in dimension ${d}`);
    rank = rank * dims[d] + c;
  }
  return rank;
}

/** Coordinates of `rank` (C order). */
export function coordinatesFromRank(dims: readonly number[], rank: number): number[] {
  const size = geometrySize(dims);
  if (!Number.isInteger(rank) || rank < 0 || rank >= size) throw new NetworkError(`rank ${rank} out of range [0, ${size})`);
  const coords = new Array<number>(dims.length);
  for (let d = dims.length - 1; d >= 0; d--) {
    coords[d] = rank % dims[d];
    rank = Math.floor(rank / dims[d]);
  }
  return coords;
}

/** Coordinates mapped to [0, norm]^d: coord / (dim - 1) (0 for a dimension of size 1). */
export function normalizedCoordinatesFromRank(dims: readonly number[], rank: number, norm = 1): number[] {
  return coordinatesFromRank(dims, rank).map((c, d) => (dims[d] > 1 ? (norm * c) / (dims[d] - 1) : 0));
}

/** One index of `Population.view(...)`: a number, `':'`, `'a:b'`, or `[start, stop]` (negative counts from the end). */
export type IndexSpec = number | string | readonly [number, number];

/** Resolves a per-dimension index to the list of coordinates it selects. */
export function resolveIndex(spec: IndexSpec, dim: number): { values: number[]; isRange: boolean } {
  const wrap = (i: number) => (i < 0 ? dim + i : i);
  if (typeof spec === 'number') {
    const i = wrap(spec);
    if (!Number.isInteger(i) || i < 0 || i >= dim) throw new NetworkError(`index ${spec} out of range for a dimension of size ${dim}`);
    return { values: [i], isRange: false };
  }
  let start = 0;
  let stop = dim;
  if (typeof spec === 'string') {
    const m = /^\s*(-?\d*)\s*:\s*(-?\d*)\s*$/.exec(spec);
    if (!m) throw new NetworkError(`index '${spec}' is not of the form 'start:stop'`);
    if (m[1] !== '') start = wrap(Number(m[1]));
    if (m[2] !== '') stop = wrap(Number(m[2]));
  } else {
    start = wrap(spec[0]);
    stop = wrap(spec[1]);
  }
  start = Math.max(0, Math.min(dim, start));
  stop = Math.max(start, Math.min(dim, stop));
  const values: number[] = [];
  for (let i = start; i < stop; i++) values.push(i);
  return { values, isRange: true };
}
