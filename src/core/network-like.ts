/**
 * The part of a network that populations, projections and monitors talk to. Declared as an
 * interface so that core objects do not import the Network class (and its runtime) directly.
 */
import type { NeuronDescription, SynapseDescription } from '../equations/description.js';
import type { RandomSource } from '../random/types.js';
import type { Neuron } from './Neuron.js';
import type { Synapse } from './Synapse.js';
import type { Population, Projection, Monitor } from './handles.js'; // the classes' own types, without importing their modules (handles.ts)
import type { PopulationView } from './PopulationView.js';
import type { Connectivity } from '../connectors/types.js';
import type { ConnectivityChange } from '../structural/change.js';
import type { RuleKind, StructuralRuleOptions } from '../structural/rules.js';

/**
 * What populations, projections and monitors need from a network; `Network` is the one
 * implementation users meet. Its engine-facing members are internal.
 */
export interface NetworkLike {
  /** Host-side random numbers (initial values, connectivity), seeded by the network's seed. */
  readonly rng: RandomSource;
  /** The network's seed (the key of its counter-based draws, procedural connectivity's included). */
  readonly seed: number;
  /** Step size in ms. */
  readonly dt: number;
  /** True once `compile()` has run. */
  readonly compiled: boolean;
  /** @internal */
  analyseNeuron(neuron: Neuron): NeuronDescription;
  /** @internal */
  analyseSynapse(synapse: Synapse, preType: 'rate' | 'spike'): SynapseDescription;
  /** @internal Value of a Constant known to this network (for `init = name`). */
  constantValue(name: string): number | undefined;
  /** @internal */
  registerPopulation(pop: Population, name?: string): number;
  /** @internal */
  registerProjection(proj: Projection, name?: string): number;
  /** @internal */
  registerMonitor(monitor: Monitor): void;
  /** @internal Called after every user write to an attribute (backends that keep copies re-upload it). */
  attributeWritten(owner: Population | Projection, name: string): void;
  /** @internal */
  populationEnabledChanged(pop: Population): void;
  /** @internal */
  resetPopulation(pop: Population, attributes?: string[]): void;
  /** @internal */
  computeFiringRate(pop: Population, window: number): void;
  /** @internal */
  lastSpikes(pop: Population): number[];
  /**
   * @internal Files are the business of the layers above `core/` (`io/`): `pop.save()`/`load()` and
   * `proj.save()`/`load()` (`io/object-io.ts`), `connectFromFile()`/`saveConnectivity()`
   * (`io/connectivity-io.ts`) go through the network.
   */
  saveObject(obj: Population | Projection, filename: string): Promise<void>;
  /** @internal see {@link saveObject} */
  loadObject(obj: Population | Projection, filename: string): Promise<void>;
  /** @internal The synapses of a connectivity file, checked against the two sides. */
  readConnectivity(filename: string, pre: Population | PopulationView, post: Population | PopulationView): Promise<Connectivity>;
  /** @internal Writes the synapses of `proj` for {@link readConnectivity}. */
  saveConnectivity(proj: Projection, filename: string): Promise<void>;
  /** The population named `name`, if any (projections between populations given by name). */
  getPopulation(name: string): Population | undefined;
  /** The populations, in creation order. */
  readonly populations: Population[];
  /** Current step (integer). */
  readonly currentStep: number;
  /** Whether structural plasticity is allowed (`structuralPlasticity` of the config). */
  readonly structuralPlasticity: boolean;
  /** @internal Applies a change of a projection's synapses (src/structural), compiled or not. */
  rewire(proj: Projection, change: ConnectivityChange): void;
  /** @internal What structural plasticity does for projections and dendrites (src/structural/api.ts). */
  readonly structuralOperations: StructuralOperations;
}

/** @internal The structural plasticity methods of projections and dendrites, as the network provides them (src/structural/api.ts). */
export interface StructuralOperations {
  /** Parses the synapse's `creating`/`pruning` rules, if any (at construction: errors name the model and the symbol). */
  checkRules(proj: Projection): void;
  /** Creates synapses `pres[i] → post` (weights, delays in ms or undefined for the default). */
  createSynapses(proj: Projection, post: number, pres: readonly number[], weights: readonly number[], delaysMs: readonly (number | undefined)[], method: string): void;
  /** Removes the synapses `pres[i] → post`. */
  pruneSynapses(proj: Projection, post: number, pres: readonly number[], method: string): void;
  /** Starts the rule `kind` from the current step. */
  startRule(proj: Projection, kind: RuleKind, options: StructuralRuleOptions, method: string): void;
  /** Stops the rule `kind`. */
  stopRule(proj: Projection, kind: RuleKind, method: string): void;
}
