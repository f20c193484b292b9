/** `fromMatrix`: connectivity and weights from a dense matrix (post × pre by default). */
import { NetworkError } from '../errors.js';
import { checkNeuronSet, resolveDelays } from './common.js';
import type { Connectivity, NeuronSet } from './types.js';

/** A dense matrix stored flat in C order: entry (i, j) is `data[i * shape[1] + j]`. */
export interface DenseMatrix {
  data: ArrayLike<number | null | undefined>;
  shape: readonly [number, number];
}

/** A dense matrix as a list of rows, or flat with a shape. `null`, `undefined` or NaN: no synapse. */
export type MatrixInput = ArrayLike<ArrayLike<number | null | undefined>> | DenseMatrix;

/** Options of `fromMatrix`. */
export interface FromMatrixOptions {
  /** Delays in ms: one number, or a matrix of the same shape (and orientation) as the weights. Default 0. */
  delays?: number | MatrixInput;
  /** The first index is the pre-synaptic neuron (the matrix is transposed). Default false. */
  prePost?: boolean;
}

function isDense(m: MatrixInput): m is DenseMatrix {
  return typeof m === 'object' && m !== null && 'shape' in m && 'data' in m && !Array.isArray(m);
}

/** Shape and entry accessor of a matrix input; throws on ragged lists. */
function accessor(m: MatrixInput, who: string, what: string): { rows: number; cols: number; at(i: number, j: number): number | null | undefined } {
  if (isDense(m)) {
    const [rows, cols] = m.shape;
    if (m.data.length !== rows * cols) throw new NetworkError(`${who}: ${what} has ${m.data.length} values for a shape (${rows}, ${cols})`);
    return { rows, cols, at: (i, j) => m.data[i * cols + j] };
  }
  if (typeof m !== 'object' || m === null || typeof m.length !== 'number') throw new NetworkError(`${who}: ${what} must be a list of rows or {data, shape}`);
  const rows = m.length;
  const cols = rows > 0 ? m[0].length : 0;
  for (let i = 0; i < rows; i++) {
    if (!m[i] || m[i].length !== cols) throw new NetworkError(`${who}: ${what} is not rectangular (row ${i} has ${m[i]?.length ?? 0} entries, row 0 has ${cols})`);
  }
  return { rows, cols, at: (i, j) => m[i][j] };
}

const absent = (v: number | null | undefined): boolean => v === null || v === undefined || Number.isNaN(v);

/**
 * Builds the connectivity from a dense weight matrix of shape (post size, pre size) — or
 * (pre size, post size) with `prePost: true`. Index i/j refer to positions in `post.ranks` /
 * `pre.ranks` (so views work). `null`, `undefined` and NaN entries create no synapse; any other value
 * (0 included) creates one with that weight. Delays are one number or a matrix of the same shape,
 * which must have a value wherever there is a weight. Weights are always per synapse.
 */
export function fromMatrix(pre: NeuronSet, post: NeuronSet, weights: MatrixInput, options: FromMatrixOptions = {}): Connectivity {
  const who = 'fromMatrix';
  checkNeuronSet(pre, 'pre', who);
  checkNeuronSet(post, 'post', who);
  const transpose = options.prePost ?? false;
  const w = accessor(weights, who, 'the weight matrix');
  const expected = transpose ? [pre.ranks.length, post.ranks.length] : [post.ranks.length, pre.ranks.length];
  if (w.rows !== expected[0] || w.cols !== expected[1]) {
    throw new NetworkError(`${who}: the weight matrix has shape (${w.rows}, ${w.cols}), expected (${expected.join(', ')}) = ${transpose ? '(pre, post) with prePost' : '(post, pre)'}`);
  }
  const delaySpec = options.delays ?? 0;
  const d = typeof delaySpec === 'number' ? undefined : accessor(delaySpec, who, 'the delay matrix');
  if (d && (d.rows !== w.rows || d.cols !== w.cols)) throw new NetworkError(`${who}: the delay matrix has shape (${d.rows}, ${d.cols}), expected the weights' shape (${w.rows}, ${w.cols})`);
  const get = (m: typeof w, i: number, j: number) => (transpose ? m.at(j, i) : m.at(i, j));
  // Visit post ranks and, inside a row, pre ranks in increasing order.
  const postOrder = Array.from(post.ranks.keys()).sort((a, b) => post.ranks[a] - post.ranks[b]);
  const preOrder = Array.from(pre.ranks.keys()).sort((a, b) => pre.ranks[a] - pre.ranks[b]);
  // Two passes over the matrix, counting then filling typed arrays: a dense 30 000 × 30 000 matrix
  // has 9·10⁸ entries, more than a JavaScript array can hold.
  const check = (v: number | null | undefined, i: number, j: number) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new NetworkError(`${who}: weight ${String(v)} at (post ${i}, pre ${j}) is not a finite number`);
  };
  let nRows = 0, nSyn = 0;
  for (const i of postOrder) {
    const before = nSyn;
    for (const j of preOrder) {
      const v = get(w, i, j);
      if (absent(v)) continue;
      check(v, i, j);
      nSyn++;
    }
    if (nSyn > before) nRows++;
  }
  const postRanks = new Int32Array(nRows);
  const rowPtr = new Int32Array(nRows + 1);
  const preRanks = new Int32Array(nSyn);
  const ws = new Float64Array(nSyn);
  const ds = d ? new Float64Array(nSyn) : undefined;
  let row = 0, k = 0;
  for (const i of postOrder) {
    const before = k;
    for (const j of preOrder) {
      const v = get(w, i, j);
      if (absent(v)) continue;
      preRanks[k] = pre.ranks[j];
      ws[k] = v as number;
      if (ds && d) {
        const dv = get(d, i, j);
        if (absent(dv)) throw new NetworkError(`${who}: the delay matrix has no value at (post ${i}, pre ${j}) where there is a weight`);
        ds[k] = dv as number;
      }
      k++;
    }
    if (k > before) {
      postRanks[row++] = post.ranks[i];
      rowPtr[row] = k;
    }
  }
  return {
    postRanks,
    rowPtr,
    preRanks,
    weights: ws,
    delays: resolveDelays(ds ?? (delaySpec as number), nSyn, who),
  };
}
