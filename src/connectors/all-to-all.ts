/** `allToAll`: every post-synaptic neuron receives a synapse from every pre-synaptic one. */
import type { RandomSource } from '../random/types.js';
import { assembleRows, checkNeuronSet, checkSynapseCount, finish, samePopulation, sortedRanks, type Row } from './common.js';
import type { Connectivity, NeuronSet, SelfConnectionOptions, WeightedConnectorOptions } from './types.js';

/** Options of `allToAll`. */
export interface AllToAllOptions extends WeightedConnectorOptions, SelfConnectionOptions {}

/**
 * Every post neuron gets all pre ranks. Self-connections (pre rank == post rank) are removed only
 * when pre and post are the same population (views resolved to their populations) and
 * `allowSelfConnections` is false. A number weight stays one shared number unless
 * `forceMultipleWeights` (ANNarchy's single-weight optimisation). Default weight 1, delay 0.
 */
export function allToAll(pre: NeuronSet, post: NeuronSet, options: AllToAllOptions = {}, rng?: RandomSource): Connectivity {
  const who = 'allToAll';
  checkNeuronSet(pre, 'pre', who);
  checkNeuronSet(post, 'post', who);
  checkSynapseCount(pre.ranks.length * post.ranks.length, who, options.weights ?? 1, options.forceMultipleWeights);
  const removeSelf = !options.allowSelfConnections && samePopulation(pre, post);
  const preSorted = sortedRanks(pre.ranks);
  const inPre = new Uint8Array(pre.populationSize);
  for (const r of preSorted) inPre[r] = 1;
  const rows: Row[] = [];
  for (const p of sortedRanks(post.ranks)) {
    if (removeSelf && p < pre.populationSize && inPre[p]) rows.push({ post: p, pre: preSorted.filter((r) => r !== p) });
    else rows.push({ post: p, pre: preSorted });
  }
  return finish(assembleRows(rows, who), who, options, rng);
}
