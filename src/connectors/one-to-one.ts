/** `oneToOne`: neuron k of the pre set to neuron k of the post set. */
import { NetworkError } from '../errors.js';
import type { RandomSource } from '../random/types.js';
import { assembleRows, checkNeuronSet, finish, type Row } from './common.js';
import type { Connectivity, NeuronSet, WeightedConnectorOptions } from './types.js';

/** Options of `oneToOne` (no self-connection option: connecting a neuron to itself is the point). */
export type OneToOneOptions = WeightedConnectorOptions;

/**
 * Post `post.ranks[k]` receives one synapse from pre `pre.ranks[k]`. The two sets must have the
 * same size (ANNarchy only warns and truncates; here it is an error). Per-synapse weights/delays are
 * in post-rank order. Default weight 1, delay 0.
 */
export function oneToOne(pre: NeuronSet, post: NeuronSet, options: OneToOneOptions = {}, rng?: RandomSource): Connectivity {
  const who = 'oneToOne';
  checkNeuronSet(pre, 'pre', who);
  checkNeuronSet(post, 'post', who);
  if (pre.ranks.length !== post.ranks.length) {
    throw new NetworkError(`${who}: pre and post must have the same size, got ${pre.ranks.length} pre and ${post.ranks.length} post neurons`);
  }
  const rows: Row[] = [];
  for (let k = 0; k < post.ranks.length; k++) rows.push({ post: post.ranks[k], pre: [pre.ranks[k]] });
  return finish(assembleRows(rows, who), who, options, rng);
}
