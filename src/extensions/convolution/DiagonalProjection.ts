/**
 * ANNarchy's `DiagonalProjection` (`ANNarchy.extensions.diagonal`, a legacy feature), its 2-D form:
 * a 1-D filter applied along a diagonal band of the pre-synaptic population, one shared copy of it.
 */
import { NetworkError } from '../../errors.js';
import { checkOptions } from '../../core/options.js';
import type { PopulationLike } from '../../core/Projection.js';
import { SharedProjection } from './SharedProjection.js';
import { readFilter, type FilterArray } from './filters.js';
import type { SharedTable } from './windows.js';

/** Options of {@link DiagonalProjection.connect}. */
export interface DiagonalOptions {
  /** Uniform delay in ms (default one step). */
  delays?: number;
  /** Column of the diagonal in pre-synaptic row 0 for post-synaptic column 0, negated (default 0). */
  offset?: number;
  /** Columns the diagonal moves per pre-synaptic row (an integer, default 1). */
  slope?: number;
}

/**
 * Between two 2-D populations, pre (P0, P1) and post (Q0, Q1): every post-synaptic neuron of column
 * c gets `sum(target) = Σ over pre rows a, filter elements f of w[f] · r[a, d + f − ⌊L/2⌋]`, with
 * `d = c − offset + slope · a` (`c + offset + slope · a` when slope < 0) the diagonal's column in
 * row a; rows whose diagonal column is outside the population and columns outside it add nothing,
 * as in ANNarchy. (ANNarchy loops over P1 rows instead of P0, which differs when P0 ≠ P1: here every
 * row is read.) The 4-D `connect_gaussian` form is not provided.
 */
export class DiagonalProjection extends SharedProjection {
  /** `new DiagonalProjection(pre, post, target, { name })`. */
  constructor(pre: PopulationLike, post: PopulationLike, target: string, options: { name?: string } = {}) {
    checkOptions(options, ['name'], 'new DiagonalProjection()');
    super('DiagonalProjection', pre, post, target, 'w * pre.r', 'sum', options.name);
  }

  /** The diagonal pattern with the 1-D filter `weights` (ANNarchy's `connect(weights, delays, offset, slope)`). */
  connect(weights: FilterArray, options: DiagonalOptions = {}): this {
    const where = `projection '${this.name}'.connect()`;
    checkOptions(options, ['delays', 'offset', 'slope'], where);
    this.checkConnect(where, options.delays ?? 0);
    const filter = readFilter(weights, where);
    if (filter.shape.length !== 1) throw new NetworkError(`${where}: the filter must be 1-D (a list of weights), got shape (${filter.shape.join(', ')})`);
    const [P0, P1] = this.pre.population.geometry, [Q0, Q1] = this.post.population.geometry;
    if (this.pre.population.geometry.length !== 2 || this.post.population.geometry.length !== 2) {
      throw new NetworkError(`${where}: both populations must have 2 dimensions (pre (${this.pre.population.geometry.join(', ')}), post (${this.post.population.geometry.join(', ')})); the 4-D Gaussian form is not provided`);
    }
    const { offset = 0, slope = 1 } = options;
    if (!Number.isInteger(offset) || !Number.isInteger(slope)) throw new NetworkError(`${where}: offset and slope must be integers, got ${offset} and ${slope}`);
    const L = filter.shape[0], centre = Math.floor(L / 2), K = P0 * L, n = Q0 * Q1;
    const pre = new Int32Array(K * n).fill(-1);
    const widx = new Int32Array(K * n);
    let absent = false;
    for (let i = 0; i < n; i++) {
      const c = i % Q1;
      const start = slope >= 0 ? c - offset : c + offset;
      for (let a = 0; a < P0; a++) {
        const d = start + slope * a;
        for (let f = 0; f < L; f++) {
          const m = a * L + f, col = d + f - centre;
          widx[m * n + i] = f;
          if (d < 0 || d >= P1 || col < 0 || col >= P1) absent = true;
          else pre[m * n + i] = a * P1 + col;
        }
      }
    }
    // Entries that add nothing read the rate 0 through the psp w · pre.r.
    const table: SharedTable = { window: K, pre, wofs: new Int32Array(n), padding: absent ? 0 : null, widx };
    this.filterShape = filter.shape;
    return this.connectShared(where, table, filter.data, options.delays ?? 0, 'DiagonalProjection');
  }
}
