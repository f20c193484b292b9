/**
 * `Neuron`: a neuron type written in ANNarchy's equation language. It is only a description; the
 * equations are analysed when a population uses it (errors name the model, field and line).
 */
import type { NeuronSpec } from '../equations/spec.js';

let neuronCount = 0;

export class Neuron {
  /** The fields as written by the user. */
  readonly spec: Readonly<NeuronSpec>;
  /** Name used in error messages and reports. */
  readonly name: string;

  constructor(spec: NeuronSpec = {}) {
    this.spec = Object.freeze({ ...spec });
    neuronCount += 1;
    this.name = spec.name ?? `Neuron ${neuronCount}`;
  }

  /** True when the neuron has a spike condition. */
  get isSpiking(): boolean {
    return this.spec.spike !== undefined && this.spec.spike.trim() !== '';
  }
}
