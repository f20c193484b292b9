/**
 * `Neuron`: a neuron type written in ANNarchy's equation language. It is only a description; the
 * equations are analysed when a population uses it (errors name the model, field and line).
 */
import type { NeuronFields, NeuronSpec } from '../equations/spec.js';
import { checkModelFields } from '../equations/fields.js';

let neuronCount = 0;

export class Neuron {
  /** The fields as written by the user (`Parameter` / `Variable` objects written in the string form). */
  readonly spec: Readonly<NeuronFields>;
  /** Name used in error messages and reports. */
  readonly name: string;

  /**
   * @param spec ANNarchy's fields in camelCase (`parameters`, `equations`, `spike`, `reset`,
   * `axonSpike`, `axonReset`, `refractory`, `functions`, `name`, `description`). An unknown key, or
   * a field of the wrong type, throws an EquationError naming the model and the field.
   */
  constructor(spec: NeuronSpec = {}) {
    neuronCount += 1;
    const checked = checkModelFields<NeuronFields>(spec, 'neuron', `Neuron ${neuronCount}`);
    this.spec = Object.freeze(checked.spec);
    this.name = checked.name;
  }

  /** True when the neuron has a spike condition. */
  get isSpiking(): boolean {
    return this.spec.spike !== undefined && this.spec.spike.trim() !== '';
  }
}
