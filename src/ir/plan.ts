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
import type { DenseRows } from './dense-rows.js';
import type { ProceduralRule } from '../connectors/procedural.js';
import type { NeuronDescription, SynapseDescription, GlobalOpUse } from '../equations/description.js';
import type { Expr } from '../equations/ast.js';
import type { SpecialPopulation, SpecialProjection } from '../core/records.js';
import type { Precision } from '../core/Network.js';
import type { InvariantValue } from './invariants.js';

export type { BackendName, Precision } from '../core/Network.js';

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
  /**
   * Values of the local equations that are the same for every neuron (`./invariants.ts`), computed
   * once per step after the global equations; `description`'s local section reads them by name.
   */
  invariants?: InvariantValue[];
}

/**
 * Input populations whose per-step code is not an equation (`src/inputs/`). A special population's
 * kernel runs *instead of* its neuron kernel (and its random-draw kernel); it reads and writes only
 * the arrays listed here, all in the population's `state`, so any backend can port it. Counters that
 * `reset()` restores are listed with their reset value (runtime/state.ts `resetSpecialState`).
 *
 * - `spike-source-array` (spiking): neuron i spikes at the steps `_ssa_steps[_ssa_ptr[i] .. _ssa_ptr[i+1])`
 *   (int32, sorted, CSR over neurons; several equal steps give one spike), counted from the last reset:
 *   each step, while `_ssa_next[i] < _ssa_ptr[i+1]` and `_ssa_steps[_ssa_next[i]] <= _ssa_t[0]`, a spike is
 *   emitted if the step equals `_ssa_t[0]` and `_ssa_next[i]` advances; then `_ssa_t[0]++`.
 *   Reset: `_ssa_t = 0`, `_ssa_next[i] = _ssa_ptr[i]`.
 * - `timed-array` (rate-coded, or the first half of `timed-poisson`): blocks `_ta_buffer` (float64,
 *   `nBlocks × size`), start steps `_ta_schedule` (int32, `nBlocks`), `_ta_period` (int32[1], −1 = none),
 *   counters `_ta_t`, `_ta_block` (int32[1]). Each step: if `_ta_block < nBlocks` and `_ta_t == _ta_schedule[_ta_block]`,
 *   copy block `_ta_block` into the attribute `into` and `_ta_block++`; then if `_ta_period > 0` and
 *   `_ta_t == _ta_period − 1`, `_ta_t = _ta_block = 0`, else `_ta_t++`. (ANNarchy's TimedArray; the last
 *   block stays when the schedule ends.) Reset: both counters 0.
 * - `poisson` (spiking; an optimisation, the description's equations `p = Uniform(0,1)*1000/dt`,
 *   `spike: p < rates` are the reference, a backend may run them instead): per neuron the step of its next
 *   spike `_poisson_next` (float64) is drawn as a geometric inter-spike interval: with per-step
 *   probability `q = rates[i]·dt/1000`, `K = 1 + floor(log(u) / log(1 − q))` (u ∈ (0,1] from
 *   `uniform53Open0(seed, randomStream('pop', id), i, step, drawId)`; q ≥ 1: K = 1; q ≤ 0: never), which is
 *   the law of the waiting time of one Bernoulli(q) trial per step, so the spike trains have exactly the
 *   distribution of the equations. `_poisson_rate` (float64) is the rate the pending interval was drawn with:
 *   when `rates[i]` differs (the user changed it, or after a reset: NaN), the interval is redrawn from the
 *   current step (drawId 1; memorylessness makes this exact). At a spike in step s (drawId 0):
 *   `_poisson_next = s + R + K` with R the refractory steps. Reset: `_poisson_rate = NaN`.
 * - `timed-poisson`: `timed-array` into `rates`, then `poisson`.
 */
export type { SpecialPopulation } from '../core/records.js';

/**
 * Projections whose transmission is not the synapse's code (`src/inputs/`); the kernel replaces the
 * projection's transmission kernel.
 * - `decoding` (spiking pre → rate-coded post, ANNarchy's DecodingProjection): each step the weights of
 *   the arriving spikes (pre `_spiked`, no delay) are summed per dendrite into slot `_dec_idx[0]` of the
 *   ring `_dec_hist` (float64, `windowSteps × nDendrites`); `_sum_<target>[post] += (Σ ring column) /
 *   windowSteps · 1000/dt / (synapses of the dendrite)`; then `_dec_idx` advances. Reset: ring zeroed.
 * - `shared` (rate-coded, shared weights: Convolution, Pooling, Copy; `src/extensions/convolution/`): every
 *   post-synaptic neuron i reads a window of `window` (K) pre-synaptic ranks `_sh_pre[m·N + i]` (int32,
 *   `K × N`, N = post.size, window-major; −1 = outside the population, whose rate is the constant `padding`) with the weights
 *   `w[_sh_wofs[i] + m]` (`w` is the filter bank, `weights` values, shared by every neuron). The psp is
 *   evaluated with `rk_pre = _sh_pre[m·N + i]` and `k = _sh_wofs[i] + m`, m = 0 … K−1 in order (an entry −1 evaluates it with every
 *   `pre.x` replaced by `padding`), reduced by the operation (`operation`, which spiking synapses cannot declare themselves; sum; max from −∞, min from +∞; mean = sum / K)
 *   (`indexed`, Transpose: the weight index is `_sh_widx[m·N + i]` instead, any element of `w`)
 *   and added to `_sum_<target>[i]`. `pre.x` is read through the delay ring when the projection has a delay.
 *   Spiking pre and post (no delay): an element counts only when its pre-synaptic neuron spiked in the
 *   previous step (`_last_spike[rk_pre] == step − 1`; otherwise, and outside the population, it is 0),
 *   and the result is added to `g_<target>[i]` of each conductance the post-synaptic neuron has.
 */
export type { SpecialProjection } from '../core/records.js';

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
  /**
   * Values of the semiglobal and local equations that are the same for every dendrite and synapse
   * (`./invariants.ts`), computed once per step after the global equations, before the dendrites'
   * loop; `description`'s semiglobal and local sections read them by name. Only for projections
   * with per-step equations (`hasUpdate`), never special ones; the event code is as written.
   */
  invariants?: InvariantValue[];
  /** Spiking: post-synaptic events to process. */
  hasPostEvents: boolean;
  /**
   * Spiking projection whose synapse gives a `psp` (gap junctions, NMDA-like currents; ANNarchy's
   * continuous transmission): in the transmission phase, after the spike events of the step, the
   * rate-coded weighted sum `Σ psp` of each dendrite is added to `g_<target>` of its post-synaptic
   * neuron (every target the post neuron has). `pre.x` in the psp reads through the pre-synaptic
   * delay ring when the projection has delays, as a rate-coded sum does.
   */
  continuous: boolean;
  /**
   * The targets whose conductance `g_<target>` the post-synaptic (spiking) neuron has: `g_target`
   * statements and continuous sums write only these. A target the neuron lacks (a SpikeSourceArray as
   * the post-synaptic side of an STDP projection, as ANNarchy allows) receives nothing.
   */
  conductances: string[];
  /**
   * Rate-coded projections: where the weighted sum goes. `sum` (rate-coded post, or a spiking post whose
   * equations read `sum(target)`, e.g. a PoissonPopulation with `target`): `_sum_<target>`, cleared at the
   * start of each step. `conductance` (spiking post that does not read `sum(target)`, e.g. CurrentInjection):
   * added to `g_<target>`, which the neuron's equations decay or clear like any conductance.
   */
  rateInto: 'sum' | 'conductance';
  special?: SpecialProjection;
  /** Number of synapses (non-zero entries of the connectivity) at compile. */
  synapses: number;
  /** Structural plasticity may change the synapses after compile (the kernels stay): `synapses` is then only the count at compile. */
  rewirable?: boolean;
  /** Number of dendrites (post-synaptic neurons with at least one synapse) at compile. */
  dendrites: number;
  /**
   * A dense projection whose weighted sums take synapse `k`'s pre rank from its position `p` in the
   * row instead of loading `_pre_rank[k]` (`ir/dense-rows.ts`): `'all'`, dendrite `i` is post rank
   * `i` and holds every pre rank in order (`rk_pre = p`); `'all-but-self'`, every pre rank but `i`
   * (`rk_pre = p + (p >= i)`). The same synapses in the same order: the same bits. Set only for
   * weighted sums (rate-coded, continuous) of networks without structural plasticity, whose
   * connectivity is fixed at compile (`load()` refuses a file that would change the shape).
   */
  denseRows?: DenseRows;
  /**
   * Procedural connectivity (connectors/procedural.ts): no synapse is stored (`synapses` is 0); a
   * spike regenerates its row from the rule, whose candidates, geometric table and pre-synaptic
   * membership are the arrays `_proc_post`, `_proc_table`, `_proc_member`. Per-synapse delays read
   * the pre-synaptic spike queue at every delay instead of a ring of synapses in flight.
   */
  procedural?: ProceduralRule;
}

/** Element type of a state array: `f64` is a Float64Array, `f32` a Float32Array, `i32` an Int32Array. */
export type ArrayDtype = 'f64' | 'f32' | 'i32';


/**
 * What an array is for (see the naming list at the top of this file):
 * - `attribute`: a parameter or variable of the model (`v`, `tau`, `w`);
 * - `sum`: `_sum_<target>`, a rate-coded weighted sum, cleared each step;
 * - `global-op`: `_<op>_<var>`, the result of a global operation;
 * - `random`: `_rand_<id>`, the draws of one random use, redrawn each step;
 * - `spikes` / `spike-count`: `_spiked` and `_nspiked` (`_axon_spiked`, `_naxon` for axonal spikes);
 * - `last-spike`, `refractory`: `_last_spike`, `_refr_left`;
 * - `delay-ring` / `delay-counter`: `_delayed_<var>` and its `_delay_idx`, `_delay_len`;
 * - `spike-queue` / `spike-queue-counter`: `_spike_queue` and `_spike_queue_n`, `_spike_queue_idx`;
 * - `connectivity`: `_row_ptr`, `_post_rank`, `_pre_rank` (CSR, post-major);
 * - `derived-index`: computed from the connectivity at compile (`derivedFrom`): `_syn_dendrite`,
 *   `_dendrite_of_post`, `_inv_ptr`/`_inv_idx` (the inverse, pre-major index of spike propagation);
 * - `delay`: `_delay_uniform` (steps, 0 when delays vary), `_delay` (steps per synapse);
 * - `event-clock`: `_last_event`, the step of the last event of each synapse (event-driven variables);
 * - `input-data`: arrays an input class fills (`_ssa_steps`, `_ta_buffer`, …), read-only for kernels;
 * - `input-counter`: the counters and rings of special kernels (`_ssa_next`, `_ta_t`, `_poisson_next`,
 *   `_dec_hist`, …), restored by `reset()`.
 */
export type ArrayRole =
  | 'attribute' | 'sum' | 'global-op' | 'random' | 'spikes' | 'spike-count' | 'last-spike' | 'refractory'
  | 'delay-ring' | 'delay-counter' | 'spike-queue' | 'spike-queue-counter' | 'connectivity' | 'derived-index'
  | 'delay' | 'event-clock' | 'input-data' | 'input-counter';

/**
 * The kernels of one step, in ANNarchy's order (see {@link KernelStep}):
 * `clear-sums` (weighted sums to 0), `transmission` (rate sums, spike delivery, continuous psp, special
 * projections), `record-targets` (hook: monitors of `g_target`, `sum()`), `random` (per-step draws),
 * `neuron` (equations, spike emission, reset, refractoriness, axonal spikes; or a special input's
 * kernel), `after-neurons` (hook: firing-rate windows), `delay` (push delayed variables and spikes
 * into rings), `global-ops` (mean, max, …), `synapse-update` (synaptic equations, plasticity),
 * `post-events` (post-synaptic spike events), `record` (hook: monitors).
 */
export type KernelKind =
  | 'clear-sums' | 'transmission' | 'record-targets' | 'random' | 'neuron' | 'after-neurons'
  | 'delay' | 'global-ops' | 'synapse-update' | 'post-events' | 'record';

/** One array of the state: `owner`/`id` say whose `state` map holds it, `name` its key there. */
export interface ArrayRef {
  owner: 'pop' | 'proj';
  id: number;
  name: string;
}

/** One row of the table of arrays ({@link NetworkPlan.arrays}). */
export interface ArrayPlan extends ArrayRef {
  dtype: ArrayDtype;
  /** Number of elements at compile (delay rings may grow later: `proj.delay = …`). */
  length: number;
  /**
   * How the length follows from the network: `1`, `size` (neurons of the population), `synapses`,
   * `dendrites`, `pre.size + 1`, `post.size`, `maxDelay`, `maxDelay × size`, `window × dendrites`,
   * `blocks × size`, `data` (an input's data, whatever its length).
   */
  lengthFormula: string;
  role: ArrayRole;
  /** Attributes: one value per neuron/synapse (`local`), per dendrite (`semiglobal`) or one (`global`). */
  locality?: 'local' | 'semiglobal' | 'global';
  /** The kernels of the schedule that write it (empty: written only at compile, by the runtime or the user). */
  writtenBy: KernelKind[];
  /** Derived arrays: the arrays of the same owner they are computed from, at compile and when the connectivity changes. */
  derivedFrom?: string[];
}

/**
 * One kernel call of a step ({@link NetworkPlan.schedule}). `owner: 'net'` marks the runtime's hooks
 * (`record-targets`, `after-neurons`, `record`), which run only when something listens.
 */
export interface KernelStep {
  kind: KernelKind;
  owner: 'pop' | 'proj' | 'net';
  /** Population or projection id (0 for hooks). */
  id: number;
  /**
   * The population whose enabled flag gates the call (`pop.enabled`, ANNarchy's `disable()`): the
   * population itself, or a projection's post-synaptic population; absent when the call always runs.
   * A disabled spiking population's `neuron` call still empties its spike lists.
   */
  enabledBy?: number;
  /**
   * Which form of the kernel: transmission `rate`, `spike` (with `continuous` psp transmission after
   * the events when {@link ProjectionPlan.continuous}), `decoding`; neuron `equations` or the special
   * input's kind (`spike-source-array`, `timed-array`, `poisson`, `timed-poisson`).
   */
  variant?: string;
  /** Every array the call writes (possibly in another owner's state: transmission writes the post-synaptic `g_target`). */
  writes: ArrayRef[];
}

export interface NetworkPlan {
  dt: number;
  seed: number;
  /** Storage precision of the float attributes (their rows of {@link arrays} are `f32` in float32). */
  precision: Precision;
  populations: PopulationPlan[];
  projections: ProjectionPlan[];
  /** Names of the Constants, in the order of the network's constant array. */
  constants: string[];
  /** Global functions (addFunction) called by the models. */
  functions: { name: string; params: string[]; body: Expr }[];
  /**
   * Every array of the state of every population and projection, in allocation order (populations,
   * then projections; attributes first), with its type, length, role and the kernels that write it.
   * Engine-owned arrays (the spike rings of per-synapse delays, device copies) are not listed.
   */
  arrays: ArrayPlan[];
  /** The ordered kernel calls of one step (ANNarchy's order, `annarchy-semantics.md`). */
  schedule: KernelStep[];
}
