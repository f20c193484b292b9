/** `fixedProbability`: each possible synapse exists independently with a given probability. */
import { NetworkError } from '../errors.js';
import type { RandomSource } from '../random/types.js';
import { assembleRows, checkNeuronSet, finish, samePopulation, type Row } from './common.js';
import type { Connectivity, NeuronSet, SelfConnectionOptions, WeightedConnectorOptions } from './types.js';

/** Options of `fixedProbability`. */
export interface FixedProbabilityOptions extends WeightedConnectorOptions, SelfConnectionOptions {
  /** Probability in [0, 1] that a given pre neuron connects to a given post neuron. */
  probability: number;
}

/**
 * For each post neuron (in `post.ranks` order) one uniform is drawn per pre candidate (in
 * `pre.ranks` order, the self candidate included so the stream does not depend on it); the
 * candidate is kept if the uniform is `< probability`. Self-connections are then removed (same
 * population, not allowed), the row is sorted, and empty rows are skipped. Weights/delays are drawn
 * afterwards, in synapse order.
 */
export function fixedProbability(pre: NeuronSet, post: NeuronSet, options: FixedProbabilityOptions, rng: RandomSource): Connectivity {
  const who = 'fixedProbability';
  const p = options?.probability;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new NetworkError(`${who}: probability must be a number in [0, 1], got ${String(p)}`);
  checkNeuronSet(pre, 'pre', who);
  checkNeuronSet(post, 'post', who);
  const removeSelf = !options.allowSelfConnections && samePopulation(pre, post);
  const u = new Float64Array(pre.ranks.length);
  const rows: Row[] = [];
  for (const postRank of post.ranks) {
    rng.fillUniform(u);
    const kept: number[] = [];
    for (let j = 0; j < u.length; j++) {
      if (u[j] < p && !(removeSelf && pre.ranks[j] === postRank)) kept.push(pre.ranks[j]);
    }
    if (kept.length > 0) rows.push({ post: postRank, pre: kept });
  }
  return finish(assembleRows(rows, who), who, options, rng);
}
