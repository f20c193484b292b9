/**
 * Helpers shared by the connectors: checking the neuron sets, turning per-row lists into the
 * post-major CSR of `Connectivity`, and resolving user weights and delays (number, array, sampler).
 */
import { NetworkError } from '../errors.js';
import type { RandomSource, Sampler } from '../random/types.js';
import type { BoundedSampler, NeuronSet, ValueSpec } from './types.js';
import { checkSynapseCount as checkCountFits, MAX_INDEX, fmtCount } from '../runtime/memory.js';

/**
 * The memory check of a connection pattern, before its lists are built: `expected` synapses (the
 * exact count, or p·N_pre·N_post for a random pattern) of at least a pre rank each, plus a weight
 * each when the weights are not one number, plus the working lists of the pattern. Refuses (a
 * `NetworkError` with the estimate and the memory available) what cannot be indexed or cannot fit;
 * the projection checks its own per-synapse attributes afterwards.
 */
export function checkSynapseCount(expected: number, who: string, weights: ValueSpec | undefined, forceMultiple = false): void {
  if (!Number.isFinite(expected)) return; // invalid options: the connector says what is wrong
  checkCountFits(expected, `${who}`, patternBytesPerSynapse(weights, forceMultiple));
}

/** Bytes per synapse of a pattern's lists (see {@link checkSynapseCount}): a pre rank, working lists, and a weight unless one number is shared. */
export function patternBytesPerSynapse(weights: ValueSpec | undefined, forceMultiple = false): number {
  return 4 + 8 + (typeof weights === 'number' && !forceMultiple ? 0 : 8);
}

/** True if `v` is a `Sampler` (has a `sample` method) rather than a number or an array. */
export function isSampler(v: unknown): v is Sampler {
  return typeof v === 'object' && v !== null && typeof (v as { sample?: unknown }).sample === 'function';
}

/** Whether pre and post belong to the same population (views are resolved to their populations). */
export function samePopulation(pre: NeuronSet, post: NeuronSet): boolean {
  if (pre.samePopulationAs !== undefined || post.samePopulationAs !== undefined) return pre.samePopulationAs === post.samePopulationAs;
  return pre.populationId === post.populationId;
}

/** Checks that a neuron set's ranks are distinct integers inside its population. */
export function checkNeuronSet(set: NeuronSet, side: 'pre' | 'post', who: string): void {
  const seen = new Uint8Array(set.populationSize);
  for (const r of set.ranks) {
    if (r < 0 || r >= set.populationSize) throw new NetworkError(`${who}: ${side} rank ${r} out of range [0, ${set.populationSize})`);
    if (seen[r]) throw new NetworkError(`${who}: ${side} rank ${r} appears twice`);
    seen[r] = 1;
  }
}

/** One dendrite before assembly: its post rank, pre ranks and optionally per-synapse weights and delays (same order as `pre`). */
export interface Row {
  post: number;
  pre: ArrayLike<number>;
  w?: ArrayLike<number>;
  d?: ArrayLike<number>;
}

/** The result of `assembleRows`. `w`/`d` are present when every row carried them. */
export interface AssembledRows {
  postRanks: Int32Array;
  rowPtr: Int32Array;
  preRanks: Int32Array;
  w?: Float64Array;
  d?: Float64Array;
}

/**
 * Builds the post-major CSR from rows given in any order: rows are sorted by post rank, rows with
 * the same post rank are merged (as ANNarchy's `LILConnectivity.validate()`), pre ranks are sorted
 * inside each row (carrying weights and delays along), empty rows are dropped. A synapse given twice
 * (same post and pre rank) is an error.
 */
export function assembleRows(rows: readonly Row[], who: string): AssembledRows {
  const withW = rows.length > 0 && rows.every((r) => r.w !== undefined);
  const withD = rows.length > 0 && rows.every((r) => r.d !== undefined);
  let ordered = true;
  for (let i = 1; i < rows.length && ordered; i++) if (rows[i].post <= rows[i - 1].post) ordered = false;
  const order = rows.map((_, i) => i);
  if (!ordered) order.sort((a, b) => rows[a].post - rows[b].post || a - b);
  let nnz = 0;
  for (const r of rows) nnz += r.pre.length;
  checkCountFits(nnz, who, 4 + (withW ? 8 : 0) + (withD ? 8 : 0));
  const preRanks = new Int32Array(nnz);
  const w = withW ? new Float64Array(nnz) : undefined;
  const d = withD ? new Float64Array(nnz) : undefined;
  const posts: number[] = [];
  const ptr: number[] = [0];
  let k = 0;
  for (let i = 0; i < order.length; ) {
    const post = rows[order[i]].post;
    const start = k;
    let j = i;
    for (; j < order.length && rows[order[j]].post === post; j++) {
      const r = rows[order[j]];
      for (let s = 0; s < r.pre.length; s++, k++) {
        preRanks[k] = r.pre[s];
        if (w) w[k] = r.w![s];
        if (d) d[k] = r.d![s];
      }
    }
    i = j;
    if (k === start) continue;
    sortRow(preRanks, w, d, start, k);
    for (let s = start + 1; s < k; s++) {
      if (preRanks[s] === preRanks[s - 1]) throw new NetworkError(`${who}: the synapse from pre rank ${preRanks[s]} to post rank ${post} is declared more than once`);
    }
    posts.push(post);
    ptr.push(k);
  }
  return { postRanks: Int32Array.from(posts), rowPtr: Int32Array.from(ptr), preRanks, w, d };
}

/** Sorts preRanks[start:end] ascending, permuting w and d the same way (no-op when already sorted). */
export function sortRow(pre: Int32Array, w: Float64Array | undefined, d: Float64Array | undefined, start: number, end: number): void {
  let sorted = true;
  for (let s = start + 1; s < end && sorted; s++) if (pre[s] < pre[s - 1]) sorted = false;
  if (sorted) return;
  if (!w && !d) {
    pre.subarray(start, end).sort();
    return;
  }
  const n = end - start;
  const order = sortedOrder(pre, start, n);
  const p = new Int32Array(n);
  const ws = w ? new Float64Array(n) : undefined;
  const ds = d ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const j = start + order[i];
    p[i] = pre[j];
    if (ws) ws[i] = w![j];
    if (ds) ds[i] = d![j];
  }
  pre.set(p, start);
  if (ws) w!.set(ws, start);
  if (ds) d!.set(ds, start);
}

/**
 * The order (offsets from `start`) that sorts `pre[start … start + n)` ascending, equal ranks in
 * their order. Each entry is packed as `rank · n + offset` into a float64, exact below 2^53, and
 * sorted natively (a comparator sort is ~10× slower on rows of thousands of synapses).
 */
function sortedOrder(pre: Int32Array, start: number, n: number): Int32Array {
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, pre[start + i]);
  const order = new Int32Array(n);
  if ((max + 1) * n <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = pre[start + i] * n + i;
    keys.sort();
    for (let i = 0; i < n; i++) order[i] = keys[i] % n;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => pre[start + a] - pre[start + b] || a - b);
}

function describe(spec: ValueSpec): string {
  if (typeof spec === 'number') return String(spec);
  if (isSampler(spec)) return spec.constructor?.name ?? 'sampler';
  return `an array of ${spec.length}`;
}

function needRng(rng: RandomSource | undefined, who: string, what: string): RandomSource {
  if (!rng) throw new NetworkError(`${who}: ${what} given as a distribution needs a random source`);
  return rng;
}

function perSynapse(spec: Sampler | ArrayLike<number>, nnz: number, who: string, what: string, rng?: RandomSource): Float64Array {
  let out: Float64Array;
  if (isSampler(spec)) {
    out = spec.sample(nnz, needRng(rng, who, what));
    if (out.length !== nnz) throw new NetworkError(`${who}: the ${what} distribution returned ${out.length} values for ${nnz} synapses`);
  } else {
    if (typeof spec !== 'object' || spec === null || typeof spec.length !== 'number') throw new NetworkError(`${who}: ${what} must be a number, an array or a distribution, got ${String(spec)}`);
    if (spec.length !== nnz) throw new NetworkError(`${who}: expected ${nnz} ${what} (one per synapse, in synapse order), got ${spec.length}`);
    out = Float64Array.from(spec);
  }
  return out;
}

/**
 * Weights of `nnz` synapses from a user value: a number stays one shared number unless
 * `forceMultiple`; an array must have one value per synapse (in synapse order); a sampler is asked
 * for `nnz` values at once, which fills the synapses row by row, in synapse order.
 */
export function resolveWeights(spec: ValueSpec, nnz: number, who: string, rng?: RandomSource, forceMultiple = false): Float64Array | number {
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec)) throw new NetworkError(`${who}: weights must be finite, got ${spec}`);
    return forceMultiple ? new Float64Array(nnz).fill(spec) : spec;
  }
  const w = perSynapse(spec, nnz, who, 'weights', rng);
  for (let k = 0; k < nnz; k++) if (!Number.isFinite(w[k])) throw new NetworkError(`${who}: weight ${w[k]} of synapse ${k} is not finite`);
  return w;
}

/**
 * Delays in ms of `nnz` synapses: a number stays uniform; an array needs one value per synapse; a
 * sampler must be bounded (`upperBound()` returning a finite value when it has that method, like
 * ANNarchy's `max` requirement). Negative or non-finite delays are errors.
 */
export function resolveDelays(spec: ValueSpec, nnz: number, who: string, rng?: RandomSource): Float64Array | number {
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec) || spec < 0) throw new NetworkError(`${who}: delays must be >= 0 ms, got ${spec}`);
    return spec;
  }
  if (isSampler(spec)) {
    const ub = (spec as BoundedSampler).upperBound;
    if (typeof ub === 'function') {
      const max = ub.call(spec);
      if (max === undefined || !Number.isFinite(max)) {
        throw new NetworkError(`${who}: the delay distribution ${describe(spec)} is unbounded: give it a max to limit the maximal delay`);
      }
    }
  }
  const d = perSynapse(spec as Sampler | ArrayLike<number>, nnz, who, 'delays', rng);
  for (let k = 0; k < nnz; k++) {
    if (!Number.isFinite(d[k]) || d[k] < 0) throw new NetworkError(`${who}: delays must be >= 0 ms, got ${d[k]} at synapse ${k}`);
  }
  return d;
}

/**
 * A delay in ms converted to steps: `max(1, round(ms / dt))`, so that 0 and `dt` both mean the
 * minimal one-step transmission (ANNarchy rounds to the nearest multiple of dt). A negative delay
 * or a non-positive dt is an error.
 */
export function delayToSteps(ms: number, dt: number, who = 'delayToSteps'): number {
  if (!(dt > 0) || !Number.isFinite(dt)) throw new NetworkError(`${who}: dt must be > 0, got ${dt}`);
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new NetworkError(`${who}: a delay must be a finite number of ms >= 0, got ${String(ms)}`);
  const steps = Math.max(1, Math.round(ms / dt));
  // Steps are int32 in every backend: a larger count would wrap to a negative delay.
  if (steps > MAX_INDEX) {
    throw new NetworkError(`${who}: a delay of ${ms} ms is ${fmtCount(steps)} steps of dt = ${dt} ms, more than ${fmtCount(MAX_INDEX)} (2^31 − 1): use a shorter delay`);
  }
  return steps;
}

/** A non-negative integer option, or a `NetworkError` naming the connector and the value. */
export function checkCount(value: unknown, name: string, who: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new NetworkError(`${who}: ${name} must be a non-negative integer, got ${String(value)}`);
  return value;
}

/** Sorted copy of a rank list. */
export function sortedRanks(ranks: Int32Array): Int32Array {
  return Int32Array.from(ranks).sort();
}

/**
 * The final `Connectivity` of a rows-based connector: weights then delays are resolved for the
 * assembled synapses (so samplers are drawn in synapse order, after the structure's draws). When
 * the rows carried their own weights/delays, those win over the specs.
 */
export function finish(
  a: AssembledRows,
  who: string,
  spec: { weights?: ValueSpec; delays?: ValueSpec; forceMultipleWeights?: boolean },
  rng?: RandomSource,
): { postRanks: Int32Array; rowPtr: Int32Array; preRanks: Int32Array; weights: Float64Array | number; delays: Float64Array | number } {
  const nnz = a.preRanks.length;
  const weights = a.w ?? resolveWeights(spec.weights ?? 1, nnz, who, rng, spec.forceMultipleWeights ?? false);
  const delays = a.d ?? resolveDelays(spec.delays ?? 0, nnz, who, rng);
  return { postRanks: a.postRanks, rowPtr: a.rowPtr, preRanks: a.preRanks, weights, delays };
}
