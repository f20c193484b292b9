/**
 * `Synapse`: a synapse type written in ANNarchy's equation language. Whether it is rate-coded or
 * spiking is decided by the pre-synaptic population of the projection that uses it (as ANNarchy).
 */
import type { SynapseSpec } from '../equations/spec.js';

let synapseCount = 0;

export class Synapse {
  readonly spec: Readonly<SynapseSpec>;
  readonly name: string;

  constructor(spec: SynapseSpec = {}) {
    this.spec = Object.freeze({ ...spec });
    synapseCount += 1;
    this.name = spec.name ?? `Synapse ${synapseCount}`;
  }
}
