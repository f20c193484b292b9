/**
 * Axonal spikes (ANNarchy's `axon_spike`, `axon_reset`, `pre_axon_spike`): the one gate every
 * backend uses. A population emits them when it is spiking and has an `axon_spike` condition (then,
 * and only then, it has the `_axon_spiked`/`_naxon` arrays); a projection transmits them when its
 * synapse has `pre_axon_spike` code and its pre-synaptic population emits them. The emission itself
 * is part of the shared neuron kernel (`neuron.ts`); transmission is gated at run time by the
 * projection's `axonTransmission` switch.
 */
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../../ir/plan.js';

/** Whether `pop` emits axonal spikes (and has their list and counter). */
export function emitsAxonSpikes(pop: PopulationPlan): boolean {
  return pop.spiking && pop.description.axonSpike !== undefined;
}

/** Whether `proj` runs `pre_axon_spike` code for axonal spikes of its pre-synaptic population. */
export function transmitsAxonSpikes(proj: ProjectionPlan, net: NetworkPlan): boolean {
  return proj.type === 'spike' && !proj.special && proj.description.preAxonSpike.length > 0 && emitsAxonSpikes(net.populations[proj.pre]);
}
