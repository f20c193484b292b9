/**
 * The part of a network that populations, projections and monitors talk to. Declared as an
 * interface so that core objects do not import the Network class (and its runtime) directly.
 */
import type { NeuronDescription, SynapseDescription } from '../equations/description.js';
import type { RandomSource } from '../random/types.js';
import type { Neuron } from './Neuron.js';
import type { Synapse } from './Synapse.js';
import type { Population } from './Population.js';
import type { Projection } from './Projection.js';
import type { Monitor } from './Monitor.js';

export interface NetworkLike {
  /** Host-side random numbers (initial values, connectivity), seeded by the network's seed. */
  readonly rng: RandomSource;
  /** Step size in ms. */
  readonly dt: number;
  /** True once `compile()` has run. */
  readonly compiled: boolean;
  analyseNeuron(neuron: Neuron): NeuronDescription;
  analyseSynapse(synapse: Synapse, preType: 'rate' | 'spike'): SynapseDescription;
  /** Value of a Constant known to this network (for `init = name`). */
  constantValue(name: string): number | undefined;
  registerPopulation(pop: Population, name?: string): number;
  registerProjection(proj: Projection, name?: string): number;
  registerMonitor(monitor: Monitor): void;
  /** Called after every user write to an attribute (backends that keep copies re-upload it). */
  attributeWritten(owner: Population | Projection, name: string): void;
  populationEnabledChanged(pop: Population): void;
  resetPopulation(pop: Population, attributes?: string[]): void;
  computeFiringRate(pop: Population, window: number): void;
  lastSpikes(pop: Population): number[];
  /** The population named `name`, if any (projections between populations given by name). */
  getPopulation(name: string): Population | undefined;
  /** The populations, in creation order. */
  readonly populations: Population[];
  /** Current step (integer). */
  readonly currentStep: number;
}
