/**
 * A buffer of fixed-width float64 rows that grows geometrically: recording a sample copies into
 * preallocated memory and never allocates in the per-step path (except when doubling).
 */
export class GrowableBuffer {
  readonly width: number;
  #data: Float64Array;
  #rows = 0;

  constructor(width: number, initialRows = 64) {
    this.width = width;
    this.#data = new Float64Array(Math.max(1, width) * initialRows);
  }

  get length(): number { return this.#rows; }

  private reserve(): number {
    const need = (this.#rows + 1) * this.width;
    if (need > this.#data.length) {
      const grown = new Float64Array(Math.max(need, this.#data.length * 2));
      grown.set(this.#data.subarray(0, this.#rows * this.width));
      this.#data = grown;
    }
    return this.#rows++ * this.width;
  }

  push(values: ArrayLike<number>): void {
    const at = this.reserve();
    if (ArrayBuffer.isView(values)) this.#data.set(values as Float64Array, at);
    else for (let k = 0; k < this.width; k++) this.#data[at + k] = values[k];
  }

  pushGather(values: ArrayLike<number>, ranks: Int32Array): void {
    const at = this.reserve();
    for (let k = 0; k < ranks.length; k++) this.#data[at + k] = values[ranks[k]];
  }

  pushZeros(): void {
    const at = this.reserve();
    this.#data.fill(0, at, at + this.width);
  }

  /** Copies of the rows, each with `shape` attached when given. */
  rows(shape?: number[]): Float64Array[] {
    const out: Float64Array[] = [];
    for (let r = 0; r < this.#rows; r++) {
      const row = this.#data.slice(r * this.width, (r + 1) * this.width);
      if (shape) (row as Float64Array & { shape?: number[] }).shape = shape;
      out.push(row);
    }
    return out;
  }

  clear(): void { this.#rows = 0; }
}
