/**
 * The network plan: what `compile()` hands to a backend. It says which arrays exist, how the
 * connectivity is stored, and in which order the kernels of one step run. Backends consume only
 * this (plus the descriptions it embeds), never the user-facing objects; values are not part of the
 * plan — they live in the state arrays that the plan names, so changing a value never recompiles.
 *
 * Array naming (keys of a population's or projection's `state` map):
 * - attributes by their name (`v`, `tau`, `w`): float64; local = one per neuron (projection: per
 *   synapse), semiglobal = one per dendrite, global = length 1;
 * - `_sum_<target>`: rate-coded weighted sums (per neuron);
 * - `_<op>_<var>`: global operation results (length 1), e.g. `_mean_r`;
 * - `_rand_<id>`: per-step random draws (per element of the locality, or 1);
 * - spiking populations: `_spiked` (int32, ranks that spiked this step; count in `_nspiked[0]`),
 *   `_last_spike` (int32 step of the last spike, −10000 initially), `_refractory` (int32 steps per
 *   neuron), `_refr_left` (int32 steps left);
 * - delays: `_delayed_<var>` (float64 ring of `maxDelay` copies of a rate variable, slot `_delay_idx[0]`
 *   is the newest), `_spike_queue` (int32 ring of `maxDelay × size` ranks) with `_spike_queue_n`
 *   (counts per slot);
 * - projections: `_row_ptr`, `_post_rank`, `_pre_rank` (int32 CSR, post-major), `_delay` (int32 steps
 *   per synapse when delays vary), `_inv_ptr`/`_inv_idx` (int32: for each pre neuron, the synapse
 *   indices it projects to, for spike propagation), `_syn_dendrite` (int32 dendrite index of each synapse),
 *   `_last_event` (int32 step of the last event per synapse, event-driven variables).
 */
import type { NeuronDescription, SynapseDescription, GlobalOpUse } from '../equations/description.js';
import type { Expr } from '../equations/ast.js';

export type BackendName = 'js' | 'cpp' | 'webgpu';

export interface PopulationPlan {
  id: number;
  name: string;
  size: number;
  description: NeuronDescription;
  spiking: boolean;
  /** Rate-coded: the `_sum_<target>` arrays to allocate and clear at the start of each step (targets of incoming projections). */
  sumTargets: string[];
  /** Rate-coded: `sum()` present (sum of every target). */
  sumAll: boolean;
  /** Refractory period: steps (rounded, not truncated: ANNarchy's truncation is a documented bug) or an attribute holding ms. */
  refractory?: { kind: 'steps'; steps: number } | { kind: 'attribute'; name: string };
  /** Global operations to compute after the neuron update, own ones and those requested by synapses. */
  globalOps: GlobalOpUse[];
  /** Rate variables other populations read with a delay, and the ring length needed. */
  delayedVariables: string[];
  /** Spiking: ring of past spikes needed by uniform-delay projections. */
  spikeQueue: boolean;
  /** Largest delay (steps) among outgoing projections (1 = no delay). */
  maxDelay: number;
  stopCondition?: { condition: Expr; mode: 'any' | 'all' };
  /** Built-in input populations run a fixed kernel instead of (or before) the neuron equations. */
  special?: SpecialPopulation;
}

/** Input populations whose per-step code is not (only) equations. */
export type SpecialPopulation =
  | { kind: 'spike-source-array' }
  | { kind: 'timed-array' }
  | { kind: 'poisson-constant' };

export type DelayPlan =
  | { kind: 'none' }
  | { kind: 'uniform'; steps: number }
  | { kind: 'variable'; maxSteps: number };

export interface ProjectionPlan {
  id: number;
  name: string;
  pre: number;
  post: number;
  targets: string[];
  description: SynapseDescription;
  /** 'rate' or 'spike', from the pre-synaptic population. */
  type: 'rate' | 'spike';
  /** `w` stored as one value. */
  singleWeight: boolean;
  delay: DelayPlan;
  /** Projections with per-step synaptic equations (global/semiglobal/local sections non-empty). */
  hasUpdate: boolean;
  /** Spiking: post-synaptic events to process. */
  hasPostEvents: boolean;
}

export interface NetworkPlan {
  dt: number;
  seed: number;
  populations: PopulationPlan[];
  projections: ProjectionPlan[];
  /** Names of the Constants, in the order of the network's constant array. */
  constants: string[];
  /** Global functions (addFunction) called by the models. */
  functions: { name: string; params: string[]; body: Expr }[];
}
