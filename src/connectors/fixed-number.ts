/** `fixedNumberPre` and `fixedNumberPost`: a fixed number of distinct partners per neuron. */
import { NetworkError } from '../errors.js';
import type { RandomSource } from '../random/types.js';
import { assembleRows, checkCount, checkNeuronSet, checkSynapseCount, finish, samePopulation, type Row } from './common.js';
import type { Connectivity, NeuronSet, SelfConnectionOptions, WeightedConnectorOptions } from './types.js';

/** Options of `fixedNumberPre` / `fixedNumberPost`. */
export interface FixedNumberOptions extends WeightedConnectorOptions, SelfConnectionOptions {
  /** Number of distinct partners per neuron. */
  number: number;
}

/**
 * `count` distinct values drawn without replacement from `candidates` minus `exclude`: a
 * Fisher–Yates shuffle stopped after `count` steps (`count` calls to `rng.integer`), done on a
 * sparse map of the swapped positions so the cost is O(count), not O(candidates).
 */
function choose(candidates: Int32Array, count: number, exclude: number | undefined, rng: RandomSource): Int32Array {
  const skip = exclude === undefined ? -1 : candidates.indexOf(exclude);
  const n = candidates.length - (skip >= 0 ? 1 : 0);
  const at = (v: number) => candidates[skip >= 0 && v >= skip ? v + 1 : v];
  const swapped = new Map<number, number>();
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const j = i + rng.integer(n - i);
    const vj = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out[i] = at(vj);
  }
  return out;
}

/**
 * Each post neuron (in `post.ranks` order) receives synapses from `number` distinct pre neurons,
 * chosen uniformly without replacement among `pre.ranks` (its own rank excluded when pre and post
 * are the same population and self-connections are not allowed), then sorted. Throws if a post
 * neuron has fewer than `number` candidates. `number = 0` gives no synapse.
 */
export function fixedNumberPre(pre: NeuronSet, post: NeuronSet, options: FixedNumberOptions, rng: RandomSource): Connectivity {
  const who = 'fixedNumberPre';
  const number = checkCount(options?.number, 'number', who);
  checkNeuronSet(pre, 'pre', who);
  checkNeuronSet(post, 'post', who);
  checkSynapseCount(number * post.ranks.length, who, options.weights ?? 1, options.forceMultipleWeights);
  const removeSelf = !options.allowSelfConnections && samePopulation(pre, post);
  const inPre = new Set(pre.ranks);
  const rows: Row[] = [];
  for (const postRank of post.ranks) {
    const exclude = removeSelf && inPre.has(postRank) ? postRank : undefined;
    const available = pre.ranks.length - (exclude === undefined ? 0 : 1);
    if (number > available) {
      throw new NetworkError(`${who}: cannot choose ${number} distinct pre-synaptic neurons for post rank ${postRank}: only ${available} available${exclude === undefined ? '' : ' (self-connections excluded)'}`);
    }
    if (number > 0) rows.push({ post: postRank, pre: choose(pre.ranks, number, exclude, rng) });
  }
  return finish(assembleRows(rows, who), who, options, rng);
}

/**
 * Each pre neuron (in `pre.ranks` order) projects to `number` distinct post neurons chosen among
 * `post.ranks` (itself excluded when same population and not allowed). Rows are built by appending
 * pre ranks in pre order, then sorted by post rank (pre ranks sorted inside rows). Throws if
 * `number` exceeds the available post neurons (ANNarchy instead connects to all of them, even to
 * itself).
 */
export function fixedNumberPost(pre: NeuronSet, post: NeuronSet, options: FixedNumberOptions, rng: RandomSource): Connectivity {
  const who = 'fixedNumberPost';
  const number = checkCount(options?.number, 'number', who);
  checkNeuronSet(pre, 'pre', who);
  checkNeuronSet(post, 'post', who);
  checkSynapseCount(number * pre.ranks.length, who, options.weights ?? 1, options.forceMultipleWeights);
  const removeSelf = !options.allowSelfConnections && samePopulation(pre, post);
  const inPost = new Set(post.ranks);
  const lists = new Map<number, number[]>();
  for (const p of post.ranks) lists.set(p, []);
  for (const preRank of pre.ranks) {
    const exclude = removeSelf && inPost.has(preRank) ? preRank : undefined;
    const available = post.ranks.length - (exclude === undefined ? 0 : 1);
    if (number > available) {
      throw new NetworkError(`${who}: cannot choose ${number} distinct post-synaptic neurons for pre rank ${preRank}: only ${available} available${exclude === undefined ? '' : ' (self-connections excluded)'}`);
    }
    for (const p of choose(post.ranks, number, exclude, rng)) lists.get(p)!.push(preRank);
  }
  const rows: Row[] = [];
  for (const [p, pres] of lists) if (pres.length > 0) rows.push({ post: p, pre: pres });
  return finish(assembleRows(rows, who), who, options, rng);
}
