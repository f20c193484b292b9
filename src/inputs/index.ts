/** Input populations and hybrid rate/spike projections (ANNarchy's `inputs` module). */
export { PoissonPopulation, type PoissonPopulationOptions } from './PoissonPopulation.js';
export { SpikeSourceArray, type SpikeSourceArrayOptions } from './SpikeSourceArray.js';
export { TimedArray, TimedPoissonPopulation, type TimedArrayOptions, type TimedPoissonOptions, type TimedOptions } from './TimedArray.js';
export { HomogeneousCorrelatedSpikeTrains, type HomogeneousCorrelatedOptions } from './HomogeneousCorrelatedSpikeTrains.js';
export { InputArray } from './InputArray.js';
export { CurrentInjection, DecodingProjection } from './projections.js';
