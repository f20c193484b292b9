/**
 * `fromSparse`: connectivity from a sparse matrix in ANNarchy's (scipy's) orientation, **(pre,
 * post)** — rows are pre-synaptic neurons, columns post-synaptic ones. This is the transpose of
 * `fromMatrix`'s default (post, pre); the result is stored post-major as always.
 *
 * Every format is first brought to columns (one per post-synaptic neuron, the CSC form): a CSC
 * matrix already is; COO triplets and CSR rows are distributed by a stable counting sort, so a
 * column keeps the order its entries were given in. Columns become dendrites without an object per
 * synapse (a network of 10⁸ synapses is handed over in seconds).
 */
import { NetworkError } from '../errors.js';
import { checkNeuronSet, finish, sortRow, type AssembledRows } from './common.js';
import { checkSynapseCount as checkCountFits } from '../runtime/memory.js';
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
  /** scipy's `format`; CSR when left out. */
  format?: 'csr';
  shape: readonly [number, number];
  indptr: ArrayLike<number>;
  indices: ArrayLike<number>;
  data: ArrayLike<number>;
}

/**
 * CSC over post columns (scipy's `csc_matrix` fields, `format: 'csc'`): the entries of post column
 * j are `indptr[j]…indptr[j+1]-1`, `indices` = pre indices. The projection's own (post-major) order,
 * so the fastest form to hand over.
 */
export interface CscMatrix {
  format: 'csc';
  shape: readonly [number, number];
  indptr: ArrayLike<number>;
  indices: ArrayLike<number>;
  data: ArrayLike<number>;
}

/** A sparse (pre × post) weight matrix. Indices are positions in `pre.ranks` / `post.ranks`. */
export type SparseMatrix = CooMatrix | CsrMatrix | CscMatrix;

/** Options of `fromSparse`. */
export interface FromSparseOptions {
  /** One constant delay in ms (ANNarchy allows no per-synapse delays here). Default 0. */
  delays?: number;
}

/** The entries of a matrix by post column: column j's pre indices and weights are `pre/w[ptr[j] … ptr[j+1])`. */
interface Columns {
  ptr: Int32Array;
  pre: Int32Array;
  w: Float64Array;
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
  const format = (matrix as { format?: unknown }).format;
  if (format !== undefined && format !== 'csr' && format !== 'csc') throw new NetworkError(`${who}: format must be 'csr' or 'csc' (or left out), got ${String(format)}`);
  if (format !== undefined && !('indptr' in matrix)) throw new NetworkError(`${who}: a '${String(format)}' matrix needs indptr, indices and data`);
  const cols = format === 'csc' ? cscColumns(matrix as CscMatrix, nPre, nPost, who) : tripletColumns(matrix as CooMatrix | CsrMatrix, nPre, nPost, who);
  return finish(dendrites(cols, pre, post, who), who, { delays: options.delays ?? 0 });
}

/** The `indptr` of a compressed matrix over `n` rows or columns, checked: starts at 0, never decreases, ends at the number of entries. */
function pointers(indptr: ArrayLike<number>, n: number, entries: number, over: string, who: string): Int32Array {
  if (indptr.length !== n + 1) throw new NetworkError(`${who}: indptr has length ${indptr.length}, expected ${n + 1} (one more than the ${over})`);
  const ptr = Int32Array.from(indptr);
  if (ptr[0] !== 0 || ptr[n] !== entries) throw new NetworkError(`${who}: indptr must start at 0 and end at the number of entries (${entries}), got ${ptr[0]} … ${ptr[n]}`);
  for (let i = 0; i < n; i++) if (!(ptr[i + 1] >= ptr[i]) || ptr[i] !== indptr[i]) throw new NetworkError(`${who}: indptr must be non-decreasing integers (indptr[${i}] = ${indptr[i]}, indptr[${i + 1}] = ${indptr[i + 1]})`);
  return ptr;
}

/** Checks entry k's pre index `i`, post index `j` and weight `v`. */
function checkEntry(k: number, i: number, j: number, v: number, nPre: number, nPost: number, who: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= nPre || !Number.isInteger(j) || j < 0 || j >= nPost) {
    throw new NetworkError(`${who}: entry ${k} at (${i}, ${j}) is outside the shape (${nPre}, ${nPost})`);
  }
  if (!Number.isFinite(v)) throw new NetworkError(`${who}: weight ${v} of entry ${k} is not finite`);
}

/** A CSC matrix's columns, checked. */
function cscColumns(m: CscMatrix, nPre: number, nPost: number, who: string): Columns {
  const n = m.data.length;
  if (m.indices.length !== n) throw new NetworkError(`${who}: indices/data lengths differ (${m.indices.length}, ${n})`);
  const ptr = pointers(m.indptr, nPost, n, 'post-synaptic columns', who);
  checkCountFits(n, who, 12);
  // Typed arrays are read where they are (the columns are only read), anything else copied once.
  const ownPre = !(m.indices instanceof Int32Array), ownW = !(m.data instanceof Float64Array);
  const pre = ownPre ? new Int32Array(n) : m.indices as Int32Array;
  const w = ownW ? new Float64Array(n) : m.data as Float64Array;
  for (let j = 0; j < nPost; j++) {
    for (let k = ptr[j]; k < ptr[j + 1]; k++) {
      const i = m.indices[k], v = m.data[k];
      checkEntry(k, i, j, v, nPre, nPost, who);
      if (ownPre) pre[k] = i;
      if (ownW) w[k] = v;
    }
  }
  return { ptr, pre, w };
}

/** The columns of COO triplets or CSR rows: a stable counting sort of the entries by post index. */
function tripletColumns(m: CooMatrix | CsrMatrix, nPre: number, nPost: number, who: string): Columns {
  const n = m.data.length;
  let rows: Int32Array;
  let cols: ArrayLike<number>;
  if ('indptr' in m) {
    if (m.indices.length !== n) throw new NetworkError(`${who}: indices/data lengths differ (${m.indices.length}, ${n})`);
    const rp = pointers(m.indptr, nPre, n, 'pre-synaptic rows', who);
    rows = new Int32Array(n);
    for (let i = 0; i < nPre; i++) rows.fill(i, rp[i], rp[i + 1]);
    cols = m.indices;
  } else {
    if (m.row.length !== n || m.col.length !== n) throw new NetworkError(`${who}: row/col/data lengths differ (${m.row.length}, ${m.col.length}, ${n})`);
    rows = new Int32Array(n);
    for (let k = 0; k < n; k++) rows[k] = m.row[k];
    cols = m.col;
  }
  checkCountFits(n, who, 12);
  const ptr = new Int32Array(nPost + 1);
  for (let k = 0; k < n; k++) {
    const j = cols[k];
    checkEntry(k, 'indptr' in m ? rows[k] : m.row[k], j, m.data[k], nPre, nPost, who);
    ptr[j + 1]++;
  }
  for (let j = 0; j < nPost; j++) ptr[j + 1] += ptr[j];
  const next = ptr.slice(0, nPost);
  const pre = new Int32Array(n), w = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const at = next[cols[k]]++;
    pre[at] = rows[k]; w[at] = m.data[k];
  }
  return { ptr, pre, w };
}

/**
 * The dendrites of the columns: in post-rank order, pre indices turned into ranks and sorted
 * (weights along), empty columns left out, a synapse given twice refused.
 */
function dendrites(cols: Columns, pre: NeuronSet, post: NeuronSet, who: string): AssembledRows {
  const nPost = post.ranks.length, nnz = cols.pre.length;
  const order = Int32Array.from({ length: nPost }, (_, j) => j);
  let increasing = true;
  for (let j = 1; j < nPost && increasing; j++) if (post.ranks[j] <= post.ranks[j - 1]) increasing = false;
  if (!increasing) order.sort((a, b) => post.ranks[a] - post.ranks[b]);
  const preRanks = new Int32Array(nnz), w = new Float64Array(nnz);
  const postRanks = new Int32Array(nPost), rowPtr = new Int32Array(nPost + 1);
  let k = 0, rows = 0;
  for (const j of order) {
    const start = k;
    // Columns drawn in pre order (the usual case) need no sort, and hold no synapse twice.
    let ordered = true;
    for (let e = cols.ptr[j]; e < cols.ptr[j + 1]; e++, k++) {
      preRanks[k] = pre.ranks[cols.pre[e]];
      w[k] = cols.w[e];
      if (k > start && preRanks[k] <= preRanks[k - 1]) ordered = false;
    }
    if (k === start) continue;
    if (!ordered) {
      sortRow(preRanks, w, undefined, start, k);
      for (let s = start + 1; s < k; s++) {
        if (preRanks[s] === preRanks[s - 1]) throw new NetworkError(`${who}: the synapse from pre rank ${preRanks[s]} to post rank ${post.ranks[j]} is declared more than once`);
      }
    }
    postRanks[rows] = post.ranks[j];
    rowPtr[++rows] = k;
  }
  return { postRanks: postRanks.slice(0, rows), rowPtr: rowPtr.slice(0, rows + 1), preRanks, w };
}
