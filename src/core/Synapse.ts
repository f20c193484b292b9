/**
 * `Synapse`: a synapse type written in ANNarchy's equation language. Whether it is rate-coded or
 * spiking is decided by the pre-synaptic population of the projection that uses it (as ANNarchy).
 */
import type { SynapseFields, SynapseSpec } from '../equations/spec.js';
import { checkModelFields } from '../equations/fields.js';

let synapseCount = 0;

export class Synapse {
  /** The fields as written by the user (`Parameter` / `Variable` objects written in the string form). */
  readonly spec: Readonly<SynapseFields>;
  readonly name: string;

  /**
   * @param spec ANNarchy's fields in camelCase (`parameters`, `equations`, `psp`, `operation`,
   * `preSpike`, `postSpike`, `preAxonSpike`, `functions`, `name`, `description`). An unknown key
   * (`pre_spike` → `preSpike`), or a field of the wrong type, throws an EquationError naming the model.
   */
  constructor(spec: SynapseSpec = {}) {
    synapseCount += 1;
    const checked = checkModelFields<SynapseFields>(spec, 'synapse', `Synapse ${synapseCount}`);
    this.spec = Object.freeze(checked.spec);
    this.name = checked.name;
  }
}
