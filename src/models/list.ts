/**
 * ANNarchy's `list_standard_neurons()` / `list_standard_synapses()`: the built-in model classes, in
 * ANNarchy's order (kept out of models/index.ts, whose exports are all model classes).
 */
import {
  LeakyIntegrator, Izhikevich, IF_curr_exp, IF_cond_exp, IF_curr_alpha, IF_cond_alpha, HH_cond_exp,
  EIF_cond_alpha_isfa_ista, EIF_cond_exp_isfa_ista, GIF_curr, GIF_curr_exp,
} from './neurons.js';
import { STP, STDP, Hebb, Oja, IBCM } from './synapses.js';

/** Each class under its ANNarchy name: a minified bundle renames classes, and `.name` must not change. */
function named<T extends object>(classes: Record<string, T>): T[] {
  return Object.entries(classes).map(([name, cls]) => {
    if ((cls as { name?: string }).name !== name) Object.defineProperty(cls, 'name', { value: name });
    return cls;
  });
}

/**
 * The built-in neuron classes (`.name` gives ANNarchy's name): ANNarchy's nine in its order, then
 * `GIF_curr` and `GIF_curr_exp` (added in ANNarchy 5.0.2). Each can be given to a population as is
 * (`neuron: Izhikevich`) or instantiated with parameters.
 */
export function listStandardNeurons() {
  return named({
    LeakyIntegrator, Izhikevich, IF_curr_exp, IF_cond_exp, IF_curr_alpha, IF_cond_alpha, HH_cond_exp,
    EIF_cond_alpha_isfa_ista, EIF_cond_exp_isfa_ista, GIF_curr, GIF_curr_exp,
  });
}

/** The built-in synapse classes, as ANNarchy's `list_standard_synapses()`: STP, STDP, Hebb, Oja, IBCM. */
export function listStandardSynapses() {
  return named({ STP, STDP, Hebb, Oja, IBCM });
}
