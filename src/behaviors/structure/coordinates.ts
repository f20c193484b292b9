/**
 * Operations on a group's grid coordinates (PymoNNto's `NeuronDimension.move`, `scale`, `rotate`
 * and `get_area_mask`, dossier §2.9). They change `x`, `y`, `z` in place (the state arrays that
 * receptive fields and distance matrices read) and return the group, for chaining as PymoNNto does.
 * PymoNNto's `noise()` is not given a fixed meaning here: add a draw, as in
 * `addInPlace(n.x, n.vector('normal(0, 0.1)'))`.
 */
import { NeurarchyError } from '../../errors.js';
import type { NeuronGroup } from '../NeuronGroup.js';
import { coordinates } from './partition.js';

type Axis = 'x' | 'y' | 'z';

function arrays(group: NeuronGroup, what: string): [Float64Array, Float64Array, Float64Array] {
  const xyz = coordinates(group, what);
  if (!xyz.every((a) => a instanceof Float64Array)) throw new NeurarchyError(`${what}: x, y, z must be Float64Arrays`);
  return xyz as [Float64Array, Float64Array, Float64Array];
}

/** Adds (dx, dy, dz) to every neuron's position. */
export function moveCoordinates<G extends NeuronGroup>(group: G, dx: number, dy = 0, dz = 0): G {
  const [x, y, z] = arrays(group, `${group.tag}: moveCoordinates`);
  for (let i = 0; i < x.length; i++) { x[i]! += dx; y[i]! += dy; z[i]! += dz; }
  return group;
}

/** Multiplies every position by (sx, sy, sz) (about the origin; grids are centred on it by default). */
export function scaleCoordinates<G extends NeuronGroup>(group: G, sx: number, sy = sx, sz = sx): G {
  const [x, y, z] = arrays(group, `${group.tag}: scaleCoordinates`);
  for (let i = 0; i < x.length; i++) { x[i]! *= sx; y[i]! *= sy; z[i]! *= sz; }
  return group;
}

/** Rotates every position by `theta` radians about the axis through the origin (right-handed). */
export function rotateCoordinates<G extends NeuronGroup>(group: G, axis: Axis, theta: number): G {
  const [x, y, z] = arrays(group, `${group.tag}: rotateCoordinates`);
  if (axis !== 'x' && axis !== 'y' && axis !== 'z') throw new NeurarchyError(`${group.tag}: rotateCoordinates: axis must be 'x', 'y' or 'z', got ${String(axis)}`);
  const [a, b] = axis === 'z' ? [x, y] : axis === 'x' ? [y, z] : [z, x];
  const c = Math.cos(theta), s = Math.sin(theta);
  for (let i = 0; i < a.length; i++) {
    const u = a[i]!, v = b[i]!;
    a[i] = c * u - s * v;
    b[i] = s * u + c * v;
  }
  return group;
}

/** A range of grid indices `[start, stop)`; a negative stop counts from the end, as a Python slice. */
export type IndexRange = readonly [number, number?];

/**
 * The neurons whose grid column, row and layer (from the group's geometry, not its possibly moved
 * coordinates) lie in the given half-open ranges (default: all): PymoNNto's `get_area_mask`, with
 * Python slice bounds (PymoNNto's own turns a negative end into width − end).
 */
export function areaMask(group: NeuronGroup, area: { x?: IndexRange; y?: IndexRange; z?: IndexRange } = {}): Uint8Array {
  const g = group.geometry;
  if (!g) throw new NeurarchyError(`${group.tag}: areaMask needs a group made with a geometry`);
  const span = (r: IndexRange | undefined, n: number): [number, number] => {
    if (!r) return [0, n];
    const lo = r[0] < 0 ? n + r[0] : r[0];
    const hi = r[1] === undefined ? n : r[1] < 0 ? n + r[1] : r[1];
    return [Math.max(0, lo), Math.min(n, hi)];
  };
  const [x0, x1] = span(area.x, g.width);
  const [y0, y1] = span(area.y, g.height);
  const [z0, z1] = span(area.z, g.depth);
  const m = new Uint8Array(g.size);
  for (let i = 0; i < g.size; i++) {
    const cx = i % g.width, cy = Math.floor(i / g.width) % g.height, cz = Math.floor(i / (g.width * g.height));
    m[i] = cx >= x0 && cx < x1 && cy >= y0 && cy < y1 && cz >= z0 && cz < z1 ? 1 : 0;
  }
  return m;
}
