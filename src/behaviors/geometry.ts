/**
 * Neuron geometry (PymoNNto's `NeuronDimension`/`Grid`): a width × height × depth grid whose
 * neuron `i` sits at x = i mod width, y = ⌊i / width⌋ mod height, z = ⌊i / (width·height)⌋,
 * centred on 0 by default (width 3 gives x = −1, 0, 1).
 */
import { NeurarchyError } from '../errors.js';

/** A geometry as users give it: a size, `[width, height?, depth?]`, or an object. */
export type GeometrySpec =
  | number
  | readonly [number, number?, number?]
  | { width: number; height?: number; depth?: number; centered?: boolean };

/** A resolved geometry with coordinate vectors. */
export interface Geometry {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  readonly size: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
}

/** Builds the grid and its coordinates. */
export function makeGeometry(spec: GeometrySpec): Geometry {
  let width: number, height = 1, depth = 1, centered = true;
  if (typeof spec === 'number') width = spec;
  else if (Array.isArray(spec)) [width, height = 1, depth = 1] = spec as [number, number?, number?];
  else ({ width, height = 1, depth = 1, centered = true } = spec as Exclude<GeometrySpec, number | readonly unknown[]>);
  for (const [name, v] of [['width', width], ['height', height], ['depth', depth]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new NeurarchyError(`geometry: ${name} must be a positive whole number, got ${v}`);
  }
  const size = width * height * depth;
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  const z = new Float64Array(size);
  const [cx, cy, cz] = centered ? [(width - 1) / 2, (height - 1) / 2, (depth - 1) / 2] : [0, 0, 0];
  for (let i = 0; i < size; i++) {
    x[i] = (i % width) - cx;
    y[i] = (Math.floor(i / width) % height) - cy;
    z[i] = Math.floor(i / (width * height)) - cz;
  }
  return { width, height, depth, size, x, y, z };
}

/**
 * The most square `{ width, height }` with width × height = n and width ≥ height (PymoNNto
 * `get_squared_dim`): 100 → 10 × 10, 12 → 4 × 3.
 */
export function squaredGrid(n: number): { width: number; height: number } {
  if (!Number.isInteger(n) || n < 1) throw new NeurarchyError(`squaredGrid: ${n} is not a positive whole number`);
  let height = Math.floor(Math.sqrt(n));
  while (n % height !== 0) height--;
  return { width: n / height, height };
}
