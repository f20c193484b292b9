/**
 * Filters as nested arrays (numpy's nesting: `[[-1, 0, 1], …]`): their shape and their values in
 * C order, checked rectangular and finite, with errors that name the projection and the fix.
 */
import { NetworkError } from '../../errors.js';

/** A filter or a bank of filters: nested arrays of numbers, one level per dimension (at most 5). */
export type FilterArray = number | readonly FilterArray[];

/** A filter read into its shape and its values (C order: the last index varies fastest). */
export interface Filter {
  shape: number[];
  data: Float64Array;
}

/** Reads nested arrays into a {@link Filter}; `where` names the projection and method in errors. */
export function readFilter(value: unknown, where: string): Filter {
  const shape: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    if (level.length === 0) throw new NetworkError(`${where}: the filter has an empty dimension (dimension ${shape.length}); give at least one value per dimension`);
    shape.push(level.length);
    level = level[0];
  }
  if (shape.length === 0) throw new NetworkError(`${where}: the filter must be nested arrays of numbers such as [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], got ${typeof value}`);
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  let n = 0;
  const visit = (x: unknown, d: number, path: string): void => {
    if (d === shape.length) {
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new NetworkError(`${where}: filter value ${path} must be a finite number, got ${String(x)}`);
      data[n++] = x;
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[d]) {
      throw new NetworkError(`${where}: the filter is not rectangular: ${path || 'it'} should be an array of ${shape[d]} elements (the shape of its first elements is [${shape.join(', ')}])`);
    }
    x.forEach((y, i) => visit(y, d + 1, `${path}[${i}]`));
  };
  visit(value, 0, '');
  return { shape, data };
}

/** The centre of a filter dimension of size `n` (ANNarchy: `n // 2` when odd, `n / 2 − 1` when even). */
export function filterCentre(n: number): number {
  return n % 2 === 1 ? (n - 1) / 2 : n / 2 - 1;
}

/** Rank of a coordinate in C order. */
export function rankOf(coord: readonly number[], geometry: readonly number[]): number {
  let r = 0;
  for (let d = 0; d < geometry.length; d++) r = r * geometry[d] + coord[d];
  return r;
}

/** Every coordinate of `shape` in C order. */
export function coordinates(shape: readonly number[]): number[][] {
  const out: number[][] = [];
  const c = new Array<number>(shape.length).fill(0);
  const total = shape.reduce((a, b) => a * b, 1);
  for (let n = 0; n < total; n++) {
    out.push([...c]);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++c[d] < shape[d]) break;
      c[d] = 0;
    }
  }
  return out;
}
