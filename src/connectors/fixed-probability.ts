/** `fixedProbability`: each possible synapse exists independently with a given probability. */
import { NetworkError } from '../errors.js';
import type { RandomSource } from '../random/types.js';
import { assembleRows, checkNeuronSet, checkSynapseCount, finish, samePopulation, type Row } from './common.js';
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
  const n = pre.ranks.length;
  const logq = Math.log1p(-p);
  const rows: Row[] = [];
  for (const postRank of post.ranks) {
    const kept: number[] = [];
    if (p > 0) {
      // Jump over a geometric number of rejected candidates (none when p = 1).
      for (let j = -1; ;) {
        j += 1 + (p < 1 ? Math.floor(Math.log1p(-rng.uniform()) / logq) : 0);
        if (j >= n) break;
        if (!(removeSelf && pre.ranks[j] === postRank)) kept.push(pre.ranks[j]);
      }
    }
    if (kept.length > 0) rows.push({ post: postRank, pre: kept });
  }
  return finish(assembleRows(rows, who), who, options, rng);
}
