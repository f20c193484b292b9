/**
 * What a user writes to define a neuron or a synapse: ANNarchy's fields, unchanged.
 */

/** A parameter given in the dictionary form (`parameters: { tau: 10 }`): global by default, as in ANNarchy 5. */
export type ParameterValue = number | boolean;

export interface NeuronSpec {
  /** Multi-line string (one `name = value : flags` per line; local unless flagged) or a dictionary (global). */
  parameters?: string | Record<string, ParameterValue>;
  /** Multi-line string or list of lines: ODEs and assignments with `: flags`. */
  equations?: string | string[];
  /** Spike condition: its presence makes the neuron spiking. */
  spike?: string;
  /** Statements executed when the neuron spikes. */
  reset?: string | string[];
  axonSpike?: string;
  axonReset?: string | string[];
  /** Refractory period in ms, or the name of a parameter/variable that holds it. */
  refractory?: number | string;
  /** Model-local functions, one `f(x, y) = expr` per line. */
  functions?: string;
  name?: string;
  description?: string;
}

export interface SynapseSpec {
  parameters?: string | Record<string, ParameterValue>;
  equations?: string | string[];
  /** Rate-coded: the per-synapse contribution to `sum(target)` (default `w * pre.r`). */
  psp?: string;
  /** Rate-coded: how contributions combine ('sum' by default). */
  operation?: 'sum' | 'max' | 'min' | 'mean';
  /** Spiking: statements run when a pre-synaptic spike arrives (default `g_target += w`). */
  preSpike?: string | string[];
  /** Spiking: statements run when the post-synaptic neuron spikes. */
  postSpike?: string | string[];
  preAxonSpike?: string | string[];
  functions?: string;
  name?: string;
  description?: string;
}
