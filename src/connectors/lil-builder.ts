/**
 * `LILBuilder` (ANNarchy's `LILConnectivity`) and `withFunc`: user-defined connection patterns.
 * A user function adds one dendrite at a time; `build()` turns them into a `Connectivity`.
 */
import { NetworkError } from '../errors.js';
import { assembleRows, type Row } from './common.js';
import type { Connectivity, ConnectivityBounds } from './types.js';
import { validateConnectivity } from './types.js';

/** Values of one dendrite: one number for all, or an array (length 1 is broadcast, otherwise one per pre rank). */
export type RowValues = number | ArrayLike<number>;

/**
 * Connectivity built dendrite by dendrite, as in ANNarchy's `LILConnectivity`:
 * `add(postRank, preRanks, weights, delays)`. Empty dendrites are skipped; dendrites added out of
 * order are sorted by post rank; pre ranks are sorted inside each dendrite (weights and delays
 * follow); two `add` calls with the same post rank are merged (ANNarchy's `validate()`), but the
 * same synapse declared twice is an error (thrown by `build()`).
 */
export class LILBuilder {
  private readonly rows: Row[] = [];
  private synapses = 0;

  /**
   * @param dt Accepted for compatibility with ANNarchy's `LILConnectivity(dt)`; unused, delays stay in ms.
   */
  constructor(readonly dt?: number) {}

  /** Number of dendrites added (non-empty `add` calls). */
  get size(): number { return this.rows.length; }

  /** Number of synapses added. */
  get nbSynapses(): number { return this.synapses; }

  /* ANNarchy's `LILConnectivity` fields, in the order of the `add` calls (before `build()` sorts them). */

  /** Post-synaptic rank of each dendrite (`post_rank`). */
  get postRank(): number[] { return this.rows.map((r) => r.post); }
  /** Pre-synaptic ranks of each dendrite (`pre_rank`). */
  get preRank(): number[][] { return this.rows.map((r) => Array.from(r.pre)); }
  /** Weights of each dendrite (`w`). */
  get w(): number[][] { return this.rows.map((r) => Array.from(r.w ?? [])); }
  /** Delays (ms) of each dendrite (`delay`). */
  get delay(): number[][] { return this.rows.map((r) => Array.from(r.d ?? [])); }
  /** Largest delay in ms (0 without synapses; ANNarchy's `max_delay` counts steps). */
  get maxDelay(): number {
    let m = 0;
    for (const r of this.rows) for (const d of Array.from(r.d ?? [])) m = Math.max(m, d);
    return m;
  }
  /** The delay in ms when every synapse has the same one, else −1 (`uniform_delay`). */
  get uniformDelay(): number {
    let first: number | undefined;
    for (const r of this.rows) for (const d of Array.from(r.d ?? [])) { if (first === undefined) first = d; else if (d !== first) return -1; }
    return first ?? 0;
  }

  /**
   * Adds the dendrite of `postRank` with synapses from `preRanks` (ranks in the whole populations).
   * `weights` and `delays` (ms, default 0) are a number, a length-1 array (broadcast) or one value
   * per pre rank. Returns `this`.
   */
  add(postRank: number, preRanks: ArrayLike<number>, weights: RowValues, delays: RowValues = 0): this {
    const who = 'LILBuilder.add';
    if (!Number.isInteger(postRank) || postRank < 0) throw new NetworkError(`${who}: post rank must be a non-negative integer, got ${postRank}`);
    const n = preRanks.length;
    const pre = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const r = preRanks[k];
      if (!Number.isInteger(r) || r < 0) throw new NetworkError(`${who}: pre rank ${r} (post rank ${postRank}) must be a non-negative integer`);
      pre[k] = r;
    }
    if (n === 0) return this;
    const w = broadcast(weights, n, who, 'weights', postRank, false);
    const d = broadcast(delays, n, who, 'delays', postRank, true);
    this.rows.push({ post: postRank, pre, w, d });
    this.synapses += n;
    return this;
  }

  /** ANNarchy's name for `add`. */
  pushBack(postRank: number, preRanks: ArrayLike<number>, weights: RowValues, delays: RowValues = 0): this {
    return this.add(postRank, preRanks, weights, delays);
  }

  /**
   * The connectivity (per-synapse weights; delays one number when they are all equal, else per
   * synapse). With `bounds`, ranks are also checked against the population sizes.
   */
  build(bounds?: ConnectivityBounds): Connectivity {
    const a = assembleRows(this.rows, 'LILBuilder');
    const nnz = a.preRanks.length;
    const w = a.w ?? new Float64Array(0);
    const d = a.d ?? new Float64Array(0);
    let uniform = true;
    for (let k = 1; k < nnz && uniform; k++) if (d[k] !== d[0]) uniform = false;
    const c: Connectivity = { postRanks: a.postRanks, rowPtr: a.rowPtr, preRanks: a.preRanks, weights: w, delays: uniform ? (nnz > 0 ? d[0] : 0) : d };
    if (bounds) validateConnectivity(c, bounds, 'LILBuilder');
    return c;
  }
}

/** Whether `x` is not a valid weight (finite) or delay (finite, non-negative). */
function invalid(x: number, nonNegative: boolean): boolean {
  return !Number.isFinite(x) || (nonNegative && x < 0);
}

/** `v` as one value per synapse; every value finite (and, for delays, `nonNegative`), else an error naming the dendrite. */
function broadcast(v: RowValues, n: number, who: string, what: string, post: number, nonNegative: boolean): Float64Array {
  let out: Float64Array;
  if (typeof v === 'number' || v.length === 1) {
    out = new Float64Array(n).fill(typeof v === 'number' ? v : v[0]);
    if (n > 0 && invalid(out[0], nonNegative)) throw new NetworkError(`${who}: invalid ${what} value ${out[0]} for post rank ${post}`);
    return out;
  }
  if (v.length !== n) throw new NetworkError(`${who}: post rank ${post} has ${n} pre ranks but ${v.length} ${what} (give 1 or ${n})`);
  out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = v[k];
    if (invalid(x, nonNegative)) throw new NetworkError(`${who}: invalid ${what} value ${x} for post rank ${post}`);
    out[k] = x;
  }
  return out;
}

/**
 * Calls a user connection function `fn(pre, post, ...args)`, which must return a `LILBuilder`, and
 * returns its connectivity (checked against `bounds` when given). `pre`/`post` are passed through
 * untouched (populations, views or neuron sets: whatever the caller uses).
 */
export function withFunc<P, Q, A extends unknown[]>(
  pre: P, post: Q, fn: (pre: P, post: Q, ...args: A) => LILBuilder, args: A, bounds?: ConnectivityBounds,
): Connectivity {
  const builder = fn(pre, post, ...args);
  if (!(builder instanceof LILBuilder)) throw new NetworkError(`withFunc: the connection function must return a LILBuilder, got ${builder === null ? 'null' : typeof builder}`);
  return builder.build(bounds);
}
