/**
 * `IndividualNeuron`: one neuron of a population (ANNarchy's `IndividualNeuron`, from
 * `pop.neuronAt(rank)` or `pop.view(i, j)` with one index per dimension). Its attributes read as
 * numbers (`pop.neuronAt(3).v`), not as one-element arrays; it is a one-neuron `PopulationView`
 * everywhere else (projections, monitors, writes).
 */
import type { Population } from './handles.js'; // the classes' own types, without importing their modules (handles.ts)
import { PopulationView } from './PopulationView.js';

/**
 * One neuron of a population (ANNarchy's `IndividualNeuron`), from `pop.neuronAt(rank)` or
 * `pop.view(i, j)`: its attributes read and write as numbers (`pop.neuronAt(3).v`).
 */
export class IndividualNeuron extends PopulationView {
  constructor(population: Population, rank: number) {
    super(population, Int32Array.of(rank), [1]);
  }

  /** Rank of the neuron in its population. */
  get rank(): number { return this.ranks[0]; }

  /** Coordinates of the neuron in the population's geometry. */
  get coordinates(): number[] { return this.population.coordinatesFromRank(this.rank); }

  /** Value of an attribute for this neuron (a number; `: population` attributes give the population's value). */
  override get(name: string): number {
    const attr = this.population.attribute(name);
    const arr = this.population.f64(name);
    return attr.locality === 'global' ? arr[0] : arr[this.rank];
  }

  /** Time in ms of the neuron's last spike (ANNarchy's `t_last`; −10000·dt before its first spike). */
  override get t_last(): number { return this.population.lastSpikeTimes()[this.rank]; }

  override toString(): string { return `neuron ${this.rank} of population '${this.population.name}'`; }
}
