/**
 * What a user writes to define a neuron or a synapse: ANNarchy's fields, unchanged.
 */
import type { Parameter, Variable } from './attributes.js';

/** A parameter given in the dictionary form (`parameters: { tau: 10 }`): global by default, as in ANNarchy 5. */
export type ParameterValue = number | boolean;

/** The fields of `new Neuron({ … })`, as ANNarchy's `Neuron(parameters=…, equations=…, spike=…, …)`. */
export interface NeuronSpec {
  /**
   * Multi-line string (one `name = value : flags` per line; local unless flagged) or a dictionary
   * (global, or as given by a `Parameter`).
   */
  parameters?: string | Record<string, ParameterValue | Parameter>;
  /** Multi-line string or list of lines: ODEs and assignments with `: flags`, or `Variable`s. */
  equations?: string | Variable | readonly (string | Variable)[];
  /** Spike condition: its presence makes the neuron spiking. */
  spike?: string;
  /** Statements executed when the neuron spikes. */
  reset?: string | string[];
  /** Condition of an axonal spike (ANNarchy's `axon_spike`): transmitted like a spike, without the neuron's reset. */
  axonSpike?: string;
  /** Statements executed on an axonal spike (ANNarchy's `axon_reset`). */
  axonReset?: string | string[];
  /** Refractory period in ms, or the name of a parameter/variable that holds it. */
  refractory?: number | string;
  /** Model-local functions, one `f(x, y) = expr` per line. */
  functions?: string;
  /** The model's name, in messages and reports. */
  name?: string;
  /** A description of the model, for reports. */
  description?: string;
}

/** The fields of `new Synapse({ … })`, as ANNarchy's `Synapse(parameters=…, equations=…, pre_spike=…, …)`. */
export interface SynapseSpec {
  /** As for neurons: a multi-line string (one `name = value : flags` per line) or a dictionary. */
  parameters?: string | Record<string, ParameterValue | Parameter>;
  /** Synaptic equations (per synapse unless flagged `: postsynaptic` or `: projection`), or `Variable`s. */
  equations?: string | Variable | readonly (string | Variable)[];
  /** Rate-coded: the per-synapse contribution to `sum(target)` (default `w * pre.r`). */
  psp?: string;
  /** Rate-coded: how contributions combine ('sum' by default). */
  operation?: 'sum' | 'max' | 'min' | 'mean';
  /** Spiking: statements run when a pre-synaptic spike arrives (default `g_target += w`). */
  preSpike?: string | string[];
  /** Spiking: statements run when the post-synaptic neuron spikes. */
  postSpike?: string | string[];
  /** Spiking: statements run when an axonal spike of the pre-synaptic neuron arrives (ANNarchy's `pre_axon_spike`). */
  preAxonSpike?: string | string[];
  /** Model-local functions, one `f(x, y) = expr` per line. */
  functions?: string;
  /**
   * Structural plasticity (needs `structuralPlasticity: true` in the network's config): the condition
   * under which an existing synapse is removed, `'w < 0.0 : proba = 0.5'` (ANNarchy's `pruning`),
   * evaluated at the period given to `proj.startPruning()`.
   */
  pruning?: string;
  /**
   * Structural plasticity: the condition under which a missing synapse is created, with its weight
   * and delay, `'pre.r * post.r > 0.9 : proba = 0.1, w = 0.01, d = 2.0'` (ANNarchy's `creating`),
   * evaluated at the period given to `proj.startCreating()`.
   */
  creating?: string;
  /** The model's name, in messages and reports. */
  name?: string;
  /** A description of the model, for reports. */
  description?: string;
}

/**
 * A neuron's fields as the analysis reads them: `Parameter` and `Variable` objects already written
 * in the string form (`new Neuron()` does it, see `fields.ts`).
 */
export type NeuronFields = Omit<NeuronSpec, 'parameters' | 'equations'> & {
  parameters?: string | Record<string, ParameterValue>;
  equations?: string | readonly string[];
};

/** A synapse's fields as the analysis reads them (see {@link NeuronFields}). */
export type SynapseFields = Omit<SynapseSpec, 'parameters' | 'equations'> & {
  parameters?: string | Record<string, ParameterValue>;
  equations?: string | readonly string[];
};
