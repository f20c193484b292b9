/**
 * `Synapse`: a synapse type written in ANNarchy's equation language. Whether it is rate-coded or
 * spiking is decided by the pre-synaptic population of the projection that uses it (as ANNarchy).
 */
import type { SynapseFields, SynapseSpec } from '../equations/spec.js';
import { checkModelFields } from '../equations/fields.js';
import type { SynapseAttributeNames, UnknownKeys } from './attribute-names.js';

let synapseCount = 0;

/**
 * `S` is the spec as written (`const`: its strings stay literal), `A` the attribute names read from
 * it (core/attribute-names.ts), from which the type of a population/projection knows `pop.v`. A
 * built-in model class gives `A` itself (`class Izhikevich extends Neuron<NeuronSpec, 'a' | …>`).
 */
export class Synapse<const S extends SynapseSpec = SynapseSpec, A extends string = SynapseAttributeNames<S>> {
  /** The fields as written by the user (`Parameter` / `Variable` objects written in the string form). */
  readonly spec: Readonly<SynapseFields>;
  /** The model's name (in messages and reports; default: a description of its kind). */
  readonly name: string;

  /** Type level only, never set: the attribute names `A` of this model (`string` when unknown). */
  declare readonly attributeNames?: A;

  /**
   * @param spec ANNarchy's fields in camelCase (`parameters`, `equations`, `psp`, `operation`,
   * `preSpike`, `postSpike`, `preAxonSpike`, `functions`, `name`, `description`). An unknown key
   * (`pre_spike` → `preSpike`), or a field of the wrong type, throws an EquationError naming the model.
   */
  constructor(spec: S & UnknownKeys<S, SynapseSpec> = {} as never) {
    synapseCount += 1;
    const checked = checkModelFields<SynapseFields>(spec, 'synapse', `Synapse ${synapseCount}`);
    this.spec = Object.freeze(checked.spec);
    this.name = checked.name;
  }
}
