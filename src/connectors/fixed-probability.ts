/** `fixedProbability`: each possible synapse exists independently with a given probability. */
import { NetworkError } from '../errors.js';
import type { RandomSource } from '../random/types.js';
import { assembleRows, checkNeuronSet, checkSynapseCount, finish, samePopulation, type Row } from './common.js';
import { checkSynapseCount as checkCountFits } from '../runtime/memory.js';
import type { Connectivity, NeuronSet, SelfConnectionOptions, WeightedConnectorOptions } from './types.js';

/** Options of `fixedProbability`. */
export interface FixedProbabilityOptions extends WeightedConnectorOptions, SelfConnectionOptions {
  /** Probability in [0, 1] that a given pre neuron connects to a given post neuron. */
  probability: number;
}

/**
 * For each post neuron (in `post.ranks` order), the kept pre candidates (in `pre.ranks` order, the
 * self candidate included so the stream does not depend on it) are found by drawing the gaps
 * between them: a Bernoulli(p) trial per candidate is the same process as geometric gaps
 * `floor(log(1 − u) / log(1 − p))`, and costs one uniform per synapse instead of one per candidate
 * (COBA at N = 20 000 draws 3.2·10⁵ numbers instead of 4·10⁸). Self-connections are then removed
 * (same population, not allowed), the row is sorted, and empty rows are skipped. Weights/delays are
 * drawn afterwards, in synapse order.
 */
export function fixedProbability(pre: NeuronSet, post: NeuronSet, options: FixedProbabilityOptions, rng: RandomSource): Connectivity {
  const who = 'fixedProbability';
  const p = options?.probability;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new NetworkError(`${who}: probability must be a number in [0, 1], got ${String(p)}`);
  checkNeuronSet(pre, 'pre', who);
  checkNeuronSet(post, 'post', who);
  // The expected count: the rows' lists below would exhaust memory before any count is known.
  checkSynapseCount(p * pre.ranks.length * post.ranks.length, `${who} ${p}`, options.weights ?? 1, options.forceMultipleWeights);
  const removeSelf = !options.allowSelfConnections && samePopulation(pre, post);
  const draw = keptCandidates(pre.ranks, p, rng);
  if (!increasing(pre.ranks) || !increasing(post.ranks)) {
    // Views in any order: rows as lists, sorted and merged by assembleRows.
    const rows: Row[] = [];
    const kept: number[] = [];
    for (const postRank of post.ranks) {
      kept.length = 0;
      draw(postRank, removeSelf, (r) => kept.push(r));
      if (kept.length > 0) rows.push({ post: postRank, pre: kept.slice() });
    }
    return finish(assembleRows(rows, who), who, options, rng);
  }
  // Ranks in order (populations, slices): rows come out sorted, in post order, written straight into
  // the CSR arrays (no list per row; COBA 100 000's 8·10⁶ synapses in a fraction of the time).
  const csr = new GrowingRanks(Math.ceil(p * pre.ranks.length * post.ranks.length * 1.05) + 16);
  const postRanks = new Int32Array(post.ranks.length), rowPtr = new Int32Array(post.ranks.length + 1);
  let rows = 0;
  for (const postRank of post.ranks) {
    const start = csr.length;
    draw(postRank, removeSelf, (r) => csr.push(r));
    if (csr.length === start) continue;
    postRanks[rows] = postRank;
    rowPtr[++rows] = csr.length;
  }
  checkCountFits(csr.length, who, 4);
  return finish({ postRanks: postRanks.slice(0, rows), rowPtr: rowPtr.slice(0, rows + 1), preRanks: csr.take() }, who, options, rng);
}

/**
 * The kept pre candidates of one post neuron, by geometric gaps (see {@link fixedProbability}), each
 * given to `keep` in candidate order; the self candidate is drawn and then dropped when `removeSelf`.
 */
function keptCandidates(candidates: Int32Array, p: number, rng: RandomSource): (postRank: number, removeSelf: boolean, keep: (rank: number) => void) => void {
  const n = candidates.length;
  const logq = Math.log1p(-p);
  return (postRank, removeSelf, keep) => {
    if (!(p > 0)) return;
    // Jump over a geometric number of rejected candidates (none when p = 1).
    for (let j = -1; ;) {
      j += 1 + (p < 1 ? Math.floor(Math.log1p(-rng.uniform()) / logq) : 0);
      if (j >= n) return;
      if (!(removeSelf && candidates[j] === postRank)) keep(candidates[j]);
    }
  };
}

/** Whether ranks are strictly increasing. */
function increasing(ranks: ArrayLike<number>): boolean {
  for (let i = 1; i < ranks.length; i++) if (ranks[i] <= ranks[i - 1]) return false;
  return true;
}

/** An Int32Array that grows by half when full (the synapse count is known only once drawn). */
class GrowingRanks {
  #data: Int32Array;
  length = 0;
  constructor(capacity: number) { this.#data = new Int32Array(Math.max(16, capacity)); }
  push(rank: number): void {
    if (this.length === this.#data.length) {
      const bigger = new Int32Array(Math.ceil(this.#data.length * 1.5));
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.length++] = rank;
  }
  /** The ranks pushed, in an array of their exact length. */
  take(): Int32Array {
    return this.length === this.#data.length ? this.#data : this.#data.slice(0, this.length);
  }
}
