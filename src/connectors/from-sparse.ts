/**
 * `fromSparse`: connectivity from a sparse matrix in ANNarchy's (scipy's) orientation, **(pre,
 * post)** — rows are pre-synaptic neurons, columns post-synaptic ones. This is the transpose of
 * `fromMatrix`'s default (post, pre); the result is stored post-major as always.
 */
import { NetworkError } from '../errors.js';
import { assembleRows, checkNeuronSet, finish, type Row } from './common.js';
import type { Connectivity, NeuronSet } from './types.js';

/** COO triplets: entry k is (row[k] = pre index, col[k] = post index, data[k] = weight). */
export interface CooMatrix {
  shape: readonly [number, number];
  row: ArrayLike<number>;
  col: ArrayLike<number>;
  data: ArrayLike<number>;
}

/** CSR over pre rows (scipy's `csr_matrix` fields): the entries of pre row i are `indptr[i]…indptr[i+1]-1`, `indices` = post indices. */
export interface CsrMatrix {
  shape: readonly [number, number];
  indptr: ArrayLike<number>;
  indices: ArrayLike<number>;
  data: ArrayLike<number>;
}

/** A sparse (pre × post) weight matrix. Indices are positions in `pre.ranks` / `post.ranks`. */
export type SparseMatrix = CooMatrix | CsrMatrix;

/** Options of `fromSparse`. */
export interface FromSparseOptions {
  /** One constant delay in ms (ANNarchy allows no per-synapse delays here). Default 0. */
  delays?: number;
}

/**
 * Every stored entry (explicit zeros included) becomes a synapse from `pre.ranks[row]` to
 * `post.ranks[col]` with weight `data`. The shape must be (pre size, post size). An entry given
 * twice is an error. Weights are per synapse.
 */
export function fromSparse(pre: NeuronSet, post: NeuronSet, matrix: SparseMatrix, options: FromSparseOptions = {}): Connectivity {
  const who = 'fromSparse';
  checkNeuronSet(pre, 'pre', who);
  checkNeuronSet(post, 'post', who);
  if (typeof options.delays !== 'number' && options.delays !== undefined) throw new NetworkError(`${who}: only a constant delay (a number) is allowed, got ${String(options.delays)}`);
  const [nPre, nPost] = matrix?.shape ?? [];
  if (nPre !== pre.ranks.length || nPost !== post.ranks.length) {
    throw new NetworkError(`${who}: the sparse matrix has shape (${nPre}, ${nPost}), expected (pre, post) = (${pre.ranks.length}, ${post.ranks.length})`);
  }
  let rowsIdx: ArrayLike<number>;
  let cols: ArrayLike<number>;
  if ('indptr' in matrix) {
    const { indptr } = matrix;
    if (indptr.length !== nPre + 1) throw new NetworkError(`${who}: indptr has length ${indptr.length}, expected ${nPre + 1}`);
    const r = new Int32Array(matrix.indices.length);
    for (let i = 0; i < nPre; i++) for (let k = indptr[i]; k < indptr[i + 1]; k++) r[k] = i;
    rowsIdx = r;
    cols = matrix.indices;
  } else {
    rowsIdx = matrix.row;
    cols = matrix.col;
  }
  const n = matrix.data.length;
  if (rowsIdx.length !== n || cols.length !== n) throw new NetworkError(`${who}: row/col/data lengths differ (${rowsIdx.length}, ${cols.length}, ${n})`);
  const perPost = new Map<number, { pre: number[]; w: number[] }>();
  for (let k = 0; k < n; k++) {
    const i = rowsIdx[k];
    const j = cols[k];
    if (!Number.isInteger(i) || i < 0 || i >= nPre || !Number.isInteger(j) || j < 0 || j >= nPost) {
      throw new NetworkError(`${who}: entry ${k} at (${i}, ${j}) is outside the shape (${nPre}, ${nPost})`);
    }
    const v = matrix.data[k];
    if (!Number.isFinite(v)) throw new NetworkError(`${who}: weight ${v} of entry ${k} is not finite`);
    const postRank = post.ranks[j];
    let row = perPost.get(postRank);
    if (!row) perPost.set(postRank, (row = { pre: [], w: [] }));
    row.pre.push(pre.ranks[i]);
    row.w.push(v);
  }
  const rows: Row[] = [];
  for (const [p, r] of perPost) rows.push({ post: p, pre: r.pre, w: r.w });
  const a = assembleRows(rows, who);
  if (!a.w) a.w = new Float64Array(0);
  return finish(a, who, { delays: options.delays ?? 0 });
}
