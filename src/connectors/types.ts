/**
 * Types shared by the connectors: the neurons on each side of a projection, how users give
 * weights and delays, and the connectivity a connector returns (post-major CSR, i.e. ANNarchy's
 * LIL "post_to_pre" order flattened).
 *
 * Connectors are pure functions of these values: they know nothing about populations, backends or
 * time-stepping.
 */
import { NetworkError } from '../errors.js';
import type { Sampler } from '../random/types.js';

/** The neurons on one side of a projection: the ranks inside the whole population and its geometry. */
export interface NeuronSet {
  /** Ranks (in the whole population) of the neurons taking part, in the order of the population or view. */
  ranks: Int32Array;
  /** Number of neurons of the whole population. */
  populationSize: number;
  /** Geometry of the whole population (C order). */
  populationGeometry: number[];
  /**
   * Identity token of the underlying population (e.g. the `Population` object). When either side
   * has one, "same population" means the tokens are identical; otherwise `populationId` decides.
   */
  samePopulationAs?: unknown;
  /** Id of the underlying population. */
  populationId: number;
}

/** Weights or delays as given by the user: a number, an array (per synapse in the order the connector produces), or a Sampler. */
export type ValueSpec = number | Sampler | ArrayLike<number>;

/**
 * A sampler that may know the largest value it can produce (e.g. `Uniform(1, 5)` → 5, a `Normal`
 * with `max`). Delay distributions need one: it sizes the delay buffers.
 */
export interface BoundedSampler extends Sampler {
  /** The largest value the sampler can return, or `undefined` when it is unbounded. */
  upperBound?(): number | undefined;
}

/** Connectivity in LIL form, post-major: one row (dendrite) per post-synaptic neuron that has synapses, rows sorted by post rank, pre ranks sorted inside each row. */
export interface Connectivity {
  /** Rank (in the post population) of each dendrite, strictly increasing. */
  postRanks: Int32Array;
  /** Length `postRanks.length + 1`: CSR offsets into `preRanks`. */
  rowPtr: Int32Array;
  /** Rank in the pre population of each synapse, strictly increasing inside a row. */
  preRanks: Int32Array;
  /** Per synapse, or one shared value. */
  weights: Float64Array | number;
  /** In ms, per synapse or uniform (conversion to steps is done later by the caller, see `delayToSteps`). */
  delays: Float64Array | number;
}

/** Options understood by all the random/regular connectors. */
export interface BaseConnectorOptions {
  /** Delays in ms: a number (uniform), one value per synapse, or a sampler with an upper bound. Default 0. */
  delays?: ValueSpec;
  /** Produce per-synapse weights even for a number weight (no single shared weight). Default false. */
  forceMultipleWeights?: boolean;
}

/** Options of the connectors that take user weights. */
export interface WeightedConnectorOptions extends BaseConnectorOptions {
  /** A number, one value per synapse, or a sampler (drawn per synapse, row by row). */
  weights?: ValueSpec;
}

/** Options of the connectors that may create a neuron → itself synapse. */
export interface SelfConnectionOptions {
  /** Keep synapses from a neuron onto itself when pre and post are the same population. Default false. */
  allowSelfConnections?: boolean;
}

/** Sizes a connectivity is checked against by `validateConnectivity`. */
export interface ConnectivityBounds {
  /** Size of the whole pre population: every pre rank must be below it. */
  preSize?: number;
  /** Size of the whole post population: every post rank must be below it. */
  postSize?: number;
}

/**
 * Checks the invariants of a `Connectivity` (array lengths, sorted unique post ranks, sorted unique
 * pre ranks per row, no empty row, ranks in range, per-synapse arrays of the right length, finite
 * weights, non-negative delays). Throws a `NetworkError` naming `who` on the first violation.
 */
export function validateConnectivity(c: Connectivity, bounds: ConnectivityBounds = {}, who = 'connectivity'): void {
  const nRows = c.postRanks.length;
  const nnz = c.preRanks.length;
  if (c.rowPtr.length !== nRows + 1) throw new NetworkError(`${who}: rowPtr has length ${c.rowPtr.length}, expected ${nRows + 1}`);
  if (c.rowPtr[0] !== 0 || c.rowPtr[nRows] !== nnz) throw new NetworkError(`${who}: rowPtr must start at 0 and end at the number of synapses (${nnz})`);
  for (let i = 0; i < nRows; i++) {
    const post = c.postRanks[i];
    if (post < 0 || (bounds.postSize !== undefined && post >= bounds.postSize)) throw new NetworkError(`${who}: post rank ${post} out of range [0, ${bounds.postSize ?? '∞'})`);
    if (i > 0 && post <= c.postRanks[i - 1]) throw new NetworkError(`${who}: post ranks must be strictly increasing (${c.postRanks[i - 1]} then ${post})`);
    const start = c.rowPtr[i];
    const end = c.rowPtr[i + 1];
    if (end <= start) throw new NetworkError(`${who}: dendrite of post rank ${post} is empty`);
    for (let k = start; k < end; k++) {
      const pre = c.preRanks[k];
      if (pre < 0 || (bounds.preSize !== undefined && pre >= bounds.preSize)) throw new NetworkError(`${who}: pre rank ${pre} (post rank ${post}) out of range [0, ${bounds.preSize ?? '∞'})`);
      if (k > start && pre <= c.preRanks[k - 1]) throw new NetworkError(`${who}: pre ranks of post rank ${post} must be strictly increasing (${c.preRanks[k - 1]} then ${pre})`);
    }
  }
  const check = (v: Float64Array | number, what: string, ok: (x: number) => boolean) => {
    if (typeof v === 'number') {
      if (!ok(v)) throw new NetworkError(`${who}: invalid ${what} ${v}`);
      return;
    }
    if (v.length !== nnz) throw new NetworkError(`${who}: ${v.length} ${what}s for ${nnz} synapses`);
    for (let k = 0; k < nnz; k++) if (!ok(v[k])) throw new NetworkError(`${who}: invalid ${what} ${v[k]} at synapse ${k}`);
  };
  check(c.weights, 'weight', Number.isFinite);
  check(c.delays, 'delay', (x) => Number.isFinite(x) && x >= 0);
}
