/**
 * The plain records `compile()` builds the network plan from (`ir/build.ts`): what the plan needs of
 * each population and projection, as data, so that `ir/` never reads the user-facing objects and
 * `core/` never imports `ir/`. The records hold no values of attributes (those stay in the state
 * maps): only sizes, descriptions, connectivity shapes and the arrays input classes put in the state.
 */
import type { NeuronDescription, SynapseDescription } from '../equations/description.js';
import type { StateArray } from './values.js';
import type { Population } from './Population.js';
import type { Projection } from './Projection.js';

/** A special input population's kernel (specified in `ir/plan.ts`, next to its re-export). */
export type SpecialPopulation =
  | { kind: 'spike-source-array' }
  | { kind: 'timed-array'; into: string }
  | { kind: 'poisson' }
  | { kind: 'timed-poisson' };

/** A special projection's transmission kernel (specified in `ir/plan.ts`). */
export type SpecialProjection = { kind: 'decoding'; windowSteps: number };

/** An array of the state that is not an attribute, present before compile (an input class's data). */
export interface StateArrayRecord {
  name: string;
  dtype: 'f64' | 'i32';
  length: number;
}

/** What the plan needs of a population. */
export interface PopulationRecord {
  id: number;
  name: string;
  size: number;
  description: NeuronDescription;
  /** The `stopCondition` string, unparsed. */
  stopCondition?: string;
  special?: SpecialPopulation;
  /** The input data arrays of special populations (`_ssa_*`, `_ta_*`), as they are at compile. */
  inputArrays: StateArrayRecord[];
}

/** What the plan needs of a projection's connectivity. */
export interface ConnectivityRecord {
  /** Number of synapses. */
  synapses: number;
  /** Number of dendrites (post-synaptic neurons with a synapse). */
  dendrites: number;
  /** Delay in steps when uniform, `'variable'` when per synapse. */
  delaySteps: number | 'variable';
  /** Largest delay in steps. */
  maxDelay: number;
  /** `w` is one shared value. */
  singleWeight: boolean;
}

/** What the plan needs of a projection. */
export interface ProjectionRecord {
  id: number;
  name: string;
  /** Population ids (a view's population). */
  pre: number;
  post: number;
  targets: string[];
  description: SynapseDescription;
  connectivity: ConnectivityRecord;
  special?: SpecialProjection;
}

function dtypeOf(a: StateArray): 'f64' | 'i32' {
  return a instanceof Int32Array ? 'i32' : 'f64';
}

/** The record of `pop` (its state's non-attribute arrays are an input class's data). */
export function populationRecord(pop: Population): PopulationRecord {
  const attributes = new Set(pop.description.attributes.map((a) => a.name));
  const inputArrays: StateArrayRecord[] = [];
  for (const [name, a] of pop.state) {
    if (!attributes.has(name) && name.startsWith('_')) inputArrays.push({ name, dtype: dtypeOf(a), length: a.length });
  }
  return {
    id: pop.id,
    name: pop.name,
    size: pop.size,
    description: pop.description,
    stopCondition: pop.stopCondition,
    special: (pop as { special?: SpecialPopulation }).special,
    inputArrays,
  };
}

/** The record of a connected projection (throws, naming it, when it has no connectivity yet). */
export function projectionRecord(proj: Projection): ProjectionRecord {
  const c = proj.requireConnected();
  return {
    id: proj.id,
    name: proj.name,
    pre: proj.pre.population.id,
    post: proj.post.population.id,
    targets: [...proj.targets],
    description: proj.description,
    connectivity: {
      synapses: c.preRanks.length,
      dendrites: c.postRanks.length,
      delaySteps: typeof c.delaySteps === 'number' ? c.delaySteps : 'variable',
      maxDelay: c.maxDelay,
      singleWeight: c.singleWeight,
    },
    special: (proj as { special?: SpecialProjection }).special,
  };
}
