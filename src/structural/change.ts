/**
 * A change of a projection's synapses, as plain data: which existing synapses go, which new ones
 * come. The imperative methods (`dendrite.createSynapse`, `pruneSynapse`, …) and the `creating` /
 * `pruning` rules both describe what they do as one of these; `rewire.ts` applies it.
 */

/** One synapse to create. */
export interface NewSynapse {
  /** Index of the dendrite (position in `connectivity.postRanks`) that receives it. */
  dendrite: number;
  /** Rank of the pre-synaptic neuron in its population. */
  pre: number;
  /** Its weight. */
  w: number;
  /** Its delay in steps (≥ 1; for a uniform-delay projection, the projection's delay). */
  delaySteps: number;
}

/** What changes in one projection at once. */
export interface ConnectivityChange {
  /** Indices (in the per-synapse arrays) of the synapses to remove. */
  remove: ReadonlySet<number>;
  /** Synapses to create; none of them exists already and none is listed twice. */
  add: readonly NewSynapse[];
}
