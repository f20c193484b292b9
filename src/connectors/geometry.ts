/**
 * Coordinate helpers of population geometries. Ranks are in C order (row-major), as in ANNarchy:
 * for a (3, 3) population rank 2 is (0, 2) and rank 6 is (2, 0); in 2-D `rank = x * h + y`.
 */
import { NetworkError } from '../errors.js';

function sizeOf(geometry: readonly number[]): number {
  let n = 1;
  for (const d of geometry) n *= d;
  return n;
}

/** Rank of the neuron at `coords` in a population of shape `geometry` (C order). Throws if out of range. */
export function rankFromCoordinates(geometry: readonly number[], coords: readonly number[]): number {
  if (coords.length !== geometry.length) {
    throw new NetworkError(`coordinates (${coords.join(', ')}) do not match a geometry of ${geometry.length} dimension(s) (${geometry.join(', ')})`);
  }
  let rank = 0;
  for (let d = 0; d < geometry.length; d++) {
    const c = coords[d];
    if (!Number.isInteger(c) || c < 0 || c >= geometry[d]) {
      throw new NetworkError(`coordinate ${c} out of range [0, ${geometry[d]}) in dimension ${d} of geometry (${geometry.join(', ')})`);
    }
    rank = rank * geometry[d] + c;
  }
  return rank;
}

/** Coordinates of `rank` in a population of shape `geometry` (C order). Throws if out of range. */
export function coordinatesFromRank(geometry: readonly number[], rank: number): number[] {
  const size = sizeOf(geometry);
  if (!Number.isInteger(rank) || rank < 0 || rank >= size) {
    throw new NetworkError(`rank ${rank} out of range [0, ${size}) for geometry (${geometry.join(', ')})`);
  }
  const coords = new Array<number>(geometry.length);
  let r = rank;
  for (let d = geometry.length - 1; d >= 0; d--) {
    coords[d] = r % geometry[d];
    r = Math.floor(r / geometry[d]);
  }
  return coords;
}

/**
 * Coordinates of `rank` mapped to [0, norm]^d: `norm * coord / (dim - 1)`, and 0 along a dimension
 * of size 1 (ANNarchy divides by zero there).
 */
export function normalizedCoordinates(geometry: readonly number[], rank: number, norm = 1): number[] {
  return coordinatesFromRank(geometry, rank).map((c, d) => (geometry[d] > 1 ? (norm * c) / (geometry[d] - 1) : 0));
}

/** Squared Euclidean distance between two points of the same dimension. */
export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new NetworkError(`cannot compare coordinates of dimension ${a.length} and ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s;
}
