/**
 * `Neuron`: a neuron type written in ANNarchy's equation language. It is only a description; the
 * equations are analysed when a population uses it (errors name the model, field and line).
 */
import type { NeuronFields, NeuronSpec } from '../equations/spec.js';
import { checkModelFields } from '../equations/fields.js';
import type { NeuronAttributeNames, UnknownKeys } from './attribute-names.js';

let neuronCount = 0;

/**
 * `S` is the spec as written (`const`: its strings stay literal), `A` the attribute names read from
 * it (core/attribute-names.ts), from which the type of a population/projection knows `pop.v`. A
 * built-in model class gives `A` itself (`class Izhikevich extends Neuron<NeuronSpec, 'a' | …>`).
 */
export class Neuron<const S extends NeuronSpec = NeuronSpec, A extends string = NeuronAttributeNames<S>> {
  /** The fields as written by the user (`Parameter` / `Variable` objects written in the string form). */
  readonly spec: Readonly<NeuronFields>;
  /** Name used in error messages and reports. */
  readonly name: string;

  /** Type level only, never set: the attribute names `A` of this model (`string` when unknown). */
  declare readonly attributeNames?: A;

  /**
   * @param spec ANNarchy's fields in camelCase (`parameters`, `equations`, `spike`, `reset`,
   * `axonSpike`, `axonReset`, `refractory`, `functions`, `name`, `description`). An unknown key, or
   * a field of the wrong type, throws an EquationError naming the model and the field.
   */
  constructor(spec: S & UnknownKeys<S, NeuronSpec> = {} as never) {
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
