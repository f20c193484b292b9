/**
 * The plain records `compile()` builds the network plan from (`ir/build.ts`): what the plan needs of
 * each population and projection, as data, so that `ir/` never reads the user-facing objects and
 * `core/` never imports `ir/`. The records hold no values of attributes (those stay in the state
 * maps): only sizes, descriptions, connectivity shapes and the arrays input classes put in the state.
 */
import type { ProceduralRule } from '../connectors/procedural.js';
import type { NeuronDescription, SynapseDescription } from '../equations/description.js';

/** A special input population's kernel (specified in `ir/plan.ts`, next to its re-export). */
export type SpecialPopulation =
  | { kind: 'spike-source-array' }
  | { kind: 'timed-array'; into: string }
  | { kind: 'poisson' }
  | { kind: 'timed-poisson' };

/** A special projection's transmission kernel (specified in `ir/plan.ts`). */
export type SpecialProjection =
  | { kind: 'decoding'; windowSteps: number }
  | { kind: 'shared'; window: number; weights: number; padding: number | null; indexed: boolean; operation: 'sum' | 'max' | 'min' | 'mean' };

/** The CSR arrays of a connectivity (post-major, ranks of the whole populations). */
export interface CsrRanks {
  readonly rowPtr: ArrayLike<number>;
  readonly postRanks: ArrayLike<number>;
  readonly preRanks: ArrayLike<number>;
}

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
  /** Procedural connectivity: the rule that regenerates the synapses (none stored). */
  procedural?: ProceduralRule;
  /** The stored CSR arrays (not copied), for the plan's dense-row test (`ir/dense-rows.ts`). */
  csr?: CsrRanks;
  /** The network allows structural plasticity: the synapses may change after compile. */
  rewirable?: boolean;
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
