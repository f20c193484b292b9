/**
 * `gaussian` and `dog` (difference of Gaussians): distance-dependent weights between two whole
 * populations of the same dimension, over coordinates normalised to [0, 1]^d.
 */
import { NetworkError } from '../errors.js';
import type { RandomSource } from '../random/types.js';
import { checkNeuronSet, finish, samePopulation } from './common.js';
import { normalizedCoordinates } from './geometry.js';
import type { BaseConnectorOptions, Connectivity, NeuronSet, SelfConnectionOptions } from './types.js';

/** Options of `gaussian`. */
export interface GaussianOptions extends BaseConnectorOptions, SelfConnectionOptions {
  /** Amplitude of the Gaussian. */
  amp: number;
  /** Width, in normalised coordinates (> 0). */
  sigma: number;
  /** Synapses with `w <= limit * amp` are not created. Default 0.01. */
  limit?: number;
}

/** Options of `dog`. */
export interface DogOptions extends BaseConnectorOptions, SelfConnectionOptions {
  /** Amplitude of the positive Gaussian. */
  ampPos: number;
  /** Width of the positive Gaussian (> 0). */
  sigmaPos: number;
  /** Amplitude of the negative Gaussian. */
  ampNeg: number;
  /** Width of the negative Gaussian (> 0). */
  sigmaNeg: number;
  /** Synapses with `|w| <= limit * |ampPos - ampNeg|` are not created. Default 0.01. */
  limit?: number;
}

function finiteNumber(v: unknown, name: string, who: string, positive = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (positive && v <= 0)) {
    throw new NetworkError(`${who}: ${name} must be a ${positive ? 'positive ' : ''}finite number, got ${String(v)}`);
  }
  return v;
}

/**
 * Shared loop: for every post rank (0…N-1) and pre rank (0…M-1) of the whole populations, `weight`
 * maps the squared normalised distance to a weight and `keep` decides whether the synapse exists.
 */
function distanceConnector(
  who: string, pre: NeuronSet, post: NeuronSet,
  options: BaseConnectorOptions & SelfConnectionOptions,
  weight: (d2: number) => number, keep: (w: number) => boolean, rng?: RandomSource,
): Connectivity {
  checkNeuronSet(pre, 'pre', who);
  checkNeuronSet(post, 'post', who);
  if (pre.ranks.length !== pre.populationSize || post.ranks.length !== post.populationSize) {
    throw new NetworkError(`${who}: only whole populations can be connected (got a view of ${pre.ranks.length}/${pre.populationSize} pre and ${post.ranks.length}/${post.populationSize} post neurons)`);
  }
  const gPre = pre.populationGeometry;
  const gPost = post.populationGeometry;
  if (gPre.length !== gPost.length) {
    throw new NetworkError(`${who}: pre and post must have the same number of dimensions, got (${gPre.join(', ')}) and (${gPost.join(', ')})`);
  }
  const dim = gPre.length;
  const preCoords = new Float64Array(pre.populationSize * dim);
  for (let r = 0; r < pre.populationSize; r++) preCoords.set(normalizedCoordinates(gPre, r), r * dim);
  const removeSelf = !options.allowSelfConnections && samePopulation(pre, post);
  const postRanks: number[] = [];
  const rowPtr: number[] = [0];
  const preRanks: number[] = [];
  const weights: number[] = [];
  for (let q = 0; q < post.populationSize; q++) {
    const c = normalizedCoordinates(gPost, q);
    for (let r = 0; r < pre.populationSize; r++) {
      if (removeSelf && r === q) continue;
      let d2 = 0;
      for (let k = 0; k < dim; k++) d2 += (preCoords[r * dim + k] - c[k]) ** 2;
      const w = weight(d2);
      if (keep(w)) {
        preRanks.push(r);
        weights.push(w);
      }
    }
    if (preRanks.length > rowPtr[rowPtr.length - 1]) {
      postRanks.push(q);
      rowPtr.push(preRanks.length);
    }
  }
  return finish(
    { postRanks: Int32Array.from(postRanks), rowPtr: Int32Array.from(rowPtr), preRanks: Int32Array.from(preRanks), w: Float64Array.from(weights) },
    who, { delays: options.delays }, rng,
  );
}

/**
 * Gaussian connectivity between two whole populations: with `d²` the squared distance between the
 * normalised coordinates (`coord / (dim - 1)`, 0 along a dimension of size 1) of the pre and post
 * neurons, `w = amp · exp(−d² / 2σ²)`; the synapse exists if `w > limit · amp`. Weights are not
 * random (computed in float64, where ANNarchy uses float32). Self-connections (same rank, same
 * population) are skipped unless allowed. Delays: number, per-synapse array or bounded sampler.
 */
export function gaussian(pre: NeuronSet, post: NeuronSet, options: GaussianOptions, rng?: RandomSource): Connectivity {
  const who = 'gaussian';
  const amp = finiteNumber(options?.amp, 'amp', who);
  const sigma = finiteNumber(options.sigma, 'sigma', who, true);
  const limit = finiteNumber(options.limit ?? 0.01, 'limit', who);
  return distanceConnector(who, pre, post, options, (d2) => amp * Math.exp(-d2 / (2 * sigma * sigma)), (w) => w > limit * amp, rng);
}

/**
 * Difference-of-Gaussians connectivity: `w = A+ · exp(−d²/2σ+²) − A− · exp(−d²/2σ−²)` over the same
 * normalised coordinates as `gaussian`; the synapse exists if `|w| > limit · |A+ − A−|`.
 */
export function dog(pre: NeuronSet, post: NeuronSet, options: DogOptions, rng?: RandomSource): Connectivity {
  const who = 'dog';
  const ampPos = finiteNumber(options?.ampPos, 'ampPos', who);
  const sigmaPos = finiteNumber(options.sigmaPos, 'sigmaPos', who, true);
  const ampNeg = finiteNumber(options.ampNeg, 'ampNeg', who);
  const sigmaNeg = finiteNumber(options.sigmaNeg, 'sigmaNeg', who, true);
  const limit = finiteNumber(options.limit ?? 0.01, 'limit', who);
  const threshold = limit * Math.abs(ampPos - ampNeg);
  return distanceConnector(
    who, pre, post, options,
    (d2) => ampPos * Math.exp(-d2 / (2 * sigmaPos * sigmaPos)) - ampNeg * Math.exp(-d2 / (2 * sigmaNeg * sigmaNeg)),
    (w) => Math.abs(w) > threshold, rng,
  );
}
