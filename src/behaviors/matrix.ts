/**
 * Synaptic matrices. Shape convention: **dst × src** (PymoNNto's default `DxS`): row `i` holds the
 * weights onto post-synaptic neuron `i`, column `j` the weights from pre-synaptic neuron `j`, so
 * `W.dot(src.spike)` is the input of each dst neuron. Storage is row-major.
 *
 * Two storages share the {@link WeightMatrix} interface: {@link DenseMatrix} (a `Float64Array` of
 * rows × cols, or a `Uint8Array` for masks such as `synapse.enabled`) and {@link SparseMatrix} (CSR,
 * rows = dst).
 */
import { NeurarchyError } from '../errors.js';
import type { InitOptions } from './spec.js';

/** What every weight matrix offers. */
export interface WeightMatrix {
  /** Number of rows (dst neurons). */
  readonly rows: number;
  /** Number of columns (src neurons). */
  readonly cols: number;
  /** `[rows, cols]`. */
  readonly shape: [number, number];
  /** Entry (i, j), 0 when absent from a sparse matrix. */
  get(i: number, j: number): number;
  /** `W · vec` (vec has `cols` entries): a new array of `rows` values, or added into `out` when given. */
  dot(vec: ArrayLike<number>, out?: Float64Array): Float64Array;
  /**
   * Adds `gain · W · spikes` into `out`, visiting only the non-zero entries of `spikes`: the cheap
   * form of `dot` for spike vectors (few non-zeros).
   */
  propagate(spikes: ArrayLike<number>, out: Float64Array, gain?: number): Float64Array;
  /**
   * The transposed form for src × dst matrices (PymoNNto's SxD): adds `gain · Wᵀ · spikes` into
   * `out` (`rows` entries of `spikes`, `cols` of `out`), visiting only the spiking rows.
   */
  propagateRows(spikes: ArrayLike<number>, out: Float64Array, gain?: number): Float64Array;
  /** A dense copy. */
  toDense(): DenseMatrix;
  /** Number of non-zero entries. */
  countNonzero(): number;
}

function checkVec(name: string, m: { cols: number }, vec: ArrayLike<number>): void {
  if (vec.length !== m.cols) {
    throw new NeurarchyError(`${name}: the vector has ${vec.length} entries but the matrix has ${m.cols} columns (src size)`);
  }
}

function checkRows(name: string, m: { rows: number; cols: number }, spikes: ArrayLike<number>, out: Float64Array): void {
  if (spikes.length !== m.rows) {
    throw new NeurarchyError(`${name}: the vector has ${spikes.length} entries but the matrix has ${m.rows} rows (src size in the SxD layout)`);
  }
  if (out.length !== m.cols) throw new NeurarchyError(`${name}: the output has ${out.length} entries but the matrix has ${m.cols} columns (dst size in the SxD layout)`);
}

function outFor(rows: number, out: Float64Array | undefined): Float64Array {
  if (out === undefined) return new Float64Array(rows);
  if (out.length !== rows) throw new NeurarchyError(`the output has ${out.length} entries but the matrix has ${rows} rows (dst size)`);
  return out;
}

/** Indices of the non-zero entries of a spike vector. */
function active(spikes: ArrayLike<number>): number[] {
  const idx: number[] = [];
  for (let j = 0; j < spikes.length; j++) if (spikes[j] !== 0) idx.push(j);
  return idx;
}

/** A dense row-major matrix, `Float64Array` values by default or a `Uint8Array` 0/1 mask. */
export class DenseMatrix<D extends Float64Array | Uint8Array = Float64Array> implements WeightMatrix {
  constructor(readonly rows: number, readonly cols: number, readonly data: D) {
    if (data.length !== rows * cols) {
      throw new NeurarchyError(`DenseMatrix: ${rows}×${cols} needs ${rows * cols} values, got ${data.length}`);
    }
  }

  /** A rows × cols matrix of zeros. */
  static zeros(rows: number, cols: number): DenseMatrix {
    return new DenseMatrix(rows, cols, new Float64Array(rows * cols));
  }

  /** From nested arrays (one per row). */
  static fromRows(rows: ArrayLike<number>[]): DenseMatrix {
    const cols = rows[0]?.length ?? 0;
    const m = DenseMatrix.zeros(rows.length, cols);
    rows.forEach((r, i) => {
      if (r.length !== cols) throw new NeurarchyError(`DenseMatrix.fromRows: row ${i} has ${r.length} entries, expected ${cols}`);
      m.data.set(r, i * cols);
    });
    return m;
  }

  get shape(): [number, number] { return [this.rows, this.cols]; }

  get(i: number, j: number): number { return this.data[i * this.cols + j]!; }

  /** Sets entry (i, j): the weight from src neuron `j` to dst neuron `i`. */
  set(i: number, j: number, value: number): void { this.data[i * this.cols + j] = value; }

  /** Row `i` as a view (writes go to the matrix). */
  row(i: number): D { return this.data.subarray(i * this.cols, (i + 1) * this.cols) as D; }

  /** Column `j` as a new array. */
  column(j: number): Float64Array {
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j]!;
    return out;
  }

  dot(vec: ArrayLike<number>, out?: Float64Array): Float64Array {
    checkVec('dot', this, vec);
    const res = outFor(this.rows, out);
    const { data, cols } = this;
    for (let i = 0; i < this.rows; i++) {
      let acc = 0;
      const base = i * cols;
      for (let j = 0; j < cols; j++) acc += data[base + j]! * vec[j]!;
      res[i]! += acc;
    }
    return res;
  }

  propagate(spikes: ArrayLike<number>, out: Float64Array, gain = 1): Float64Array {
    checkVec('propagate', this, spikes);
    outFor(this.rows, out);
    const idx = active(spikes);
    if (idx.length === 0) return out;
    const { data, cols } = this;
    for (let i = 0; i < this.rows; i++) {
      let acc = 0;
      const base = i * cols;
      for (const j of idx) acc += data[base + j]! * spikes[j]!;
      out[i]! += gain * acc;
    }
    return out;
  }

  propagateRows(spikes: ArrayLike<number>, out: Float64Array, gain = 1): Float64Array {
    checkRows('propagateRows', this, spikes, out);
    const { data, cols } = this;
    for (let i = 0; i < this.rows; i++) {
      const s = spikes[i]!;
      if (s === 0) continue;
      const base = i * cols;
      const g = gain * s;
      for (let j = 0; j < cols; j++) out[j]! += g * data[base + j]!;
    }
    return out;
  }

  /** A new matrix of `fn(value, i, j)`. */
  map(fn: (value: number, i: number, j: number) => number): DenseMatrix {
    const m = DenseMatrix.zeros(this.rows, this.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) m.data[i * this.cols + j] = fn(this.data[i * this.cols + j]!, i, j);
    }
    return m;
  }

  /** `W > x` as a 0/1 mask matrix (PymoNNto: `synapse.enabled = synapse.W > 0`). */
  greater(x: number): DenseMatrix<Uint8Array> {
    const mask = new Uint8Array(this.data.length);
    for (let k = 0; k < mask.length; k++) mask[k] = this.data[k]! > x ? 1 : 0;
    return new DenseMatrix(this.rows, this.cols, mask);
  }

  /** The transpose, as a new matrix of the same storage type. */
  transpose(): DenseMatrix<D> {
    const data = new (this.data.constructor as new (n: number) => D)(this.data.length);
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) data[j * this.rows + i] = this.data[i * this.cols + j]!;
    return new DenseMatrix(this.cols, this.rows, data);
  }

  toDense(): DenseMatrix {
    return new DenseMatrix(this.rows, this.cols, Float64Array.from(this.data));
  }

  countNonzero(): number {
    let c = 0;
    for (let k = 0; k < this.data.length; k++) if (this.data[k] !== 0) c++;
    return c;
  }

  /** Rows as plain arrays (for printing and tests). */
  toArray(): number[][] {
    return Array.from({ length: this.rows }, (_, i) => Array.from(this.row(i)));
  }
}

/** A compressed sparse row matrix (rows = dst): `rowPtr[i]…rowPtr[i+1]` index `colIdx` and `values`. */
export class SparseMatrix implements WeightMatrix {
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly rowPtr: Int32Array,
    readonly colIdx: Int32Array,
    readonly values: Float64Array,
  ) {
    if (rowPtr.length !== rows + 1) throw new NeurarchyError(`SparseMatrix: rowPtr needs ${rows + 1} entries, got ${rowPtr.length}`);
    if (colIdx.length !== values.length || rowPtr[rows] !== values.length) {
      throw new NeurarchyError('SparseMatrix: rowPtr, colIdx and values disagree on the number of entries');
    }
  }

  /** The non-zero entries of a dense matrix. */
  static fromDense(m: DenseMatrix<Float64Array | Uint8Array>): SparseMatrix {
    const rowPtr = new Int32Array(m.rows + 1);
    const cols: number[] = [];
    const vals: number[] = [];
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) {
        const v = m.data[i * m.cols + j]!;
        if (v !== 0) { cols.push(j); vals.push(v); }
      }
      rowPtr[i + 1] = vals.length;
    }
    return new SparseMatrix(m.rows, m.cols, rowPtr, Int32Array.from(cols), Float64Array.from(vals));
  }

  get shape(): [number, number] { return [this.rows, this.cols]; }

  get(i: number, j: number): number {
    for (let k = this.rowPtr[i]!; k < this.rowPtr[i + 1]!; k++) if (this.colIdx[k] === j) return this.values[k]!;
    return 0;
  }

  dot(vec: ArrayLike<number>, out?: Float64Array): Float64Array {
    checkVec('dot', this, vec);
    const res = outFor(this.rows, out);
    for (let i = 0; i < this.rows; i++) {
      let acc = 0;
      for (let k = this.rowPtr[i]!; k < this.rowPtr[i + 1]!; k++) acc += this.values[k]! * vec[this.colIdx[k]!]!;
      res[i]! += acc;
    }
    return res;
  }

  propagate(spikes: ArrayLike<number>, out: Float64Array, gain = 1): Float64Array {
    checkVec('propagate', this, spikes);
    outFor(this.rows, out);
    for (let i = 0; i < this.rows; i++) {
      let acc = 0;
      for (let k = this.rowPtr[i]!; k < this.rowPtr[i + 1]!; k++) {
        const s = spikes[this.colIdx[k]!]!;
        if (s !== 0) acc += this.values[k]! * s;
      }
      out[i]! += gain * acc;
    }
    return out;
  }

  propagateRows(spikes: ArrayLike<number>, out: Float64Array, gain = 1): Float64Array {
    checkRows('propagateRows', this, spikes, out);
    for (let i = 0; i < this.rows; i++) {
      const s = spikes[i]!;
      if (s === 0) continue;
      const g = gain * s;
      for (let k = this.rowPtr[i]!; k < this.rowPtr[i + 1]!; k++) out[this.colIdx[k]!]! += g * this.values[k]!;
    }
    return out;
  }

  toDense(): DenseMatrix {
    const m = DenseMatrix.zeros(this.rows, this.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let k = this.rowPtr[i]!; k < this.rowPtr[i + 1]!; k++) m.data[i * this.cols + this.colIdx[k]!] = this.values[k]!;
    }
    return m;
  }

  countNonzero(): number {
    let c = 0;
    for (let k = 0; k < this.values.length; k++) if (this.values[k] !== 0) c++;
    return c;
  }
}

/** Options of a synapse group's `matrix()` (here, below the groups, so that every module that types `matrix()` can name them). */
export interface MatrixOptions extends InitOptions {
  /** Build a CSR {@link SparseMatrix} instead of a dense one (same values for the same seed). */
  sparse?: boolean;
  /**
   * A connectivity mask (`synapse.enabled`, a receptive field…): entries where it is 0 are 0 and
   * draw nothing; `true` keeps everything.
   */
  mask?: DenseMatrix<Uint8Array> | DenseMatrix | SparseMatrix | true;
}
