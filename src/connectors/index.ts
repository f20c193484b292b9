/**
 * Connection patterns: pure functions from the pre and post neuron sets (and options) to a
 * post-major `Connectivity`. They know nothing about populations objects, backends or time-stepping.
 */
export type {
  NeuronSet, ValueSpec, Connectivity, BoundedSampler, BaseConnectorOptions, WeightedConnectorOptions,
  SelfConnectionOptions, ConnectivityBounds,
} from './types.js';
export { validateConnectivity } from './types.js';
export { rankFromCoordinates, coordinatesFromRank, normalizedCoordinates, squaredDistance } from './geometry.js';
export { delayToSteps, isSampler, samePopulation, resolveWeights, resolveDelays, patternBytesPerSynapse } from './common.js';
export { allToAll, type AllToAllOptions } from './all-to-all.js';
export { oneToOne, type OneToOneOptions } from './one-to-one.js';
export { fixedProbability, type FixedProbabilityOptions } from './fixed-probability.js';
export { fixedNumberPre, fixedNumberPost, type FixedNumberOptions } from './fixed-number.js';
export { gaussian, dog, type GaussianOptions, type DogOptions } from './gaussian.js';
export { fromMatrix, type FromMatrixOptions, type MatrixInput, type DenseMatrix } from './from-matrix.js';
export { fromSparse, type FromSparseOptions, type SparseMatrix, type CooMatrix, type CsrMatrix, type CscMatrix } from './from-sparse.js';
export { LILBuilder, withFunc, type RowValues } from './lil-builder.js';
export { proceduralRule, proceduralFixedNumberRule, materialize, proceduralRow, proceduralCounts, expectedSynapses, rowDraws, RowGaps, thresholdsAbove, geometricTable, PROCEDURAL_WORD2, type ProceduralRule, type ProceduralValue, type RowDraws } from './procedural.js';
