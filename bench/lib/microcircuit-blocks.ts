/**
 * The microcircuit's synapses, drawn block by block: a block is one (target, source) pair of
 * populations with its K synapses, drawn from its own stream (`Xoshiro128(seed, 1 + block)`), so
 * blocks are independent and are drawn in parallel by worker threads (`drawBlocks`), each returning
 * typed arrays by delay step, with nothing per synapse on the heap. The modelling choices (fixed
 * total number with multapses, weights and delays redrawn, multapses with one delay merged) are
 * those of microcircuit.ts's file comment.
 *
 * This module imports nothing of the library: a worker loads it alone.
 */
import { Xoshiro128 } from './xoshiro.js';

/** One block to draw: the K synapses from population `s` to population `t`. */
export interface BlockJob {
  seed: number;
  /** Target and source population indices. */
  t: number;
  s: number;
  /** Synapses to draw. */
  K: number;
  nPre: number;
  nPost: number;
  /** Mean weight (signed) and its standard deviation. */
  w: number;
  sdW: number;
  /** Mean delay and its standard deviation (ms). */
  meanD: number;
  sdD: number;
  dt: number;
  /** Steps added to every delay (microcircuit.ts's `DELIVERY_OFFSET_STEPS`). */
  offsetSteps: number;
}

/**
 * A drawn block, by delay step: for `steps[i]`, the post-major synapses of the block (`ptr[i]` over
 * its `nPost` neurons, `pre[i]` pre-synaptic indices in the source population, ascending in each
 * row, `w[i]` weights).
 */
export interface Block {
  t: number;
  s: number;
  steps: number[];
  ptr: Int32Array[];
  pre: Int32Array[];
  w: Float64Array[];
  /** Multapses merged into a synapse with the same pre, post and delay step. */
  merged: number;
}

/** The stream of block (t, s) among `P` populations: 0 is left to no one. */
export function blockStream(t: number, s: number, P: number): number {
  return 1 + t * P + s;
}

/**
 * Draws one block: K uniform (pre, post) pairs, sorted by post then by pre; then, row by row and in
 * that order, each synapse's weight (normal, redrawn when its sign flips) and delay (normal, redrawn
 * below dt, rounded to steps, plus the offset). Multapses of one row that share their delay step
 * become one synapse with the summed weight (exact for current-based synapses).
 */
export function drawBlock(job: BlockJob, P = 8): Block {
  const { t, s, K, nPre, nPost, w, sdW, meanD, sdD, dt, offsetSteps } = job;
  const rng = new Xoshiro128(job.seed, blockStream(t, s, P));
  // K independent uniform (pre, post) pairs, sorted by post and by pre inside each row: two stable
  // counting sorts (by pre, then by post), no comparisons.
  const posts = new Int32Array(K), pres = new Int32Array(K);
  const rowPtr = new Int32Array(nPost + 1), prePtr = new Int32Array(nPre + 1);
  for (let k = 0; k < K; k++) {
    const j = rng.int(nPost), i = rng.int(nPre);
    posts[k] = j; pres[k] = i; rowPtr[j + 1]++; prePtr[i + 1]++;
  }
  for (let j = 0; j < nPost; j++) rowPtr[j + 1] += rowPtr[j];
  for (let i = 0; i < nPre; i++) prePtr[i + 1] += prePtr[i];
  const postByPre = new Int32Array(K);
  for (let k = 0; k < K; k++) postByPre[prePtr[pres[k]]++] = posts[k];
  // prePtr[i] now ends pre i's run: walk the runs in pre order, placing each pair in its row.
  const fill = rowPtr.slice(0, nPost);
  const pre = pres;
  for (let i = 0, k = 0; i < nPre; i++) for (const end = prePtr[i]; k < end; k++) pre[fill[postByPre[k]]++] = i;

  // Each synapse's weight and delay step, in row order.
  const weight = new Float64Array(K), step = new Int32Array(K);
  let maxStep = 0;
  for (let k = 0; k < K; k++) {
    let wq: number;
    do wq = w + sdW * rng.normal(); while (Math.sign(wq) !== Math.sign(w));
    let dq: number;
    do dq = meanD + sdD * rng.normal(); while (dq < dt);
    const st = Math.round(dq / dt) + offsetSteps;
    weight[k] = wq; step[k] = st;
    if (st > maxStep) maxStep = st;
  }

  // A multapse sharing its row, pre and step adds its weight to the kept one (kept[k] = 0), whose
  // position each step remembers for the row; rows counted per step (counts[st · (nPost + 1) + j + 1]).
  const S = maxStep + 1, stride = nPost + 1;
  const kept = new Uint8Array(K), lastPre = new Int32Array(S), lastAt = new Int32Array(S).fill(-1);
  const counts = new Int32Array(S * stride), perStep = new Float64Array(S);
  let merged = 0;
  for (let j = 0; j < nPost; j++) {
    const start = rowPtr[j];
    for (let k = start; k < rowPtr[j + 1]; k++) {
      const st = step[k], at = lastAt[st];
      if (at >= start && lastPre[st] === pre[k]) { weight[at] += weight[k]; merged++; continue; }
      lastPre[st] = pre[k]; lastAt[st] = k; kept[k] = 1;
      counts[st * stride + j + 1]++;
      perStep[st]++;
    }
  }

  // The kept synapses into one post-major CSR per step.
  const steps: number[] = [];
  for (let st = 0; st < S; st++) if (perStep[st] > 0) steps.push(st);
  const ptr = steps.map((st) => {
    const c = counts.slice(st * stride, (st + 1) * stride);
    for (let j = 0; j < nPost; j++) c[j + 1] += c[j];
    return c;
  });
  const outPre = ptr.map((c) => new Int32Array(c[nPost])), outW = ptr.map((c) => new Float64Array(c[nPost]));
  const slot = new Int32Array(S).fill(-1);
  steps.forEach((st, i) => { slot[st] = i; });
  const cursor = ptr.map((c) => c.slice(0, nPost));
  for (let j = 0; j < nPost; j++) {
    for (let k = rowPtr[j]; k < rowPtr[j + 1]; k++) {
      if (!kept[k]) continue;
      const i = slot[step[k]], q = cursor[i][j]++;
      outPre[i][q] = pre[k]; outW[i][q] = weight[k];
    }
  }
  return { t, s, steps, ptr, pre: outPre, w: outW, merged };
}

/** The arrays a block hands over (transferred, not copied, from a worker). */
export function blockBuffers(b: Block): ArrayBuffer[] {
  return [...b.ptr, ...b.pre, ...b.w].map((a) => a.buffer as ArrayBuffer);
}
