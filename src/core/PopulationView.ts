/**
 * `PopulationView`: a subset of a population's neurons (a slice, a list of ranks, a row of a 2-D
 * population). Usable wherever a population is: projections, monitors, attribute reads and writes
 * (reads come back flat, in the order of the view's ranks).
 */
import { NetworkError } from '../errors.js';
import { checkValuesObject } from './options.js';
import { checkNestedShape, type Population } from './Population.js';
import { rankFromCoordinates, coordinatesFromRank } from './geometry.js';
import { shaped, type AttributeInput, type ShapedArray } from './values.js';

export class PopulationView {
  readonly population: Population;
  readonly ranks: Int32Array;
  readonly geometry: number[];

  [attribute: string]: any;

  constructor(population: Population, ranks: Int32Array, geometry?: number[]) {
    for (const r of ranks) {
      if (!Number.isInteger(r) || r < 0 || r >= population.size) throw new NetworkError(`rank ${r} out of range for population '${population.name}' of size ${population.size}`);
    }
    this.population = population;
    this.ranks = ranks;
    this.geometry = geometry ?? [ranks.length];
    for (const attr of population.description.attributes) {
      const name = attr.name;
      if (name in this) continue;
      Object.defineProperty(this, name, {
        get: () => this.get(name),
        set: (v: AttributeInput) => this.setAttribute(name, v),
        enumerable: true,
      });
    }
  }

  get size(): number { return this.ranks.length; }
  get name(): string { return `${this.population.name}[view of ${this.size}]`; }
  get isSpiking(): boolean { return this.population.isSpiking; }

  /** Values of an attribute for the view's neurons (flat, in rank order of the view), or the population's global value. */
  get(name: string): ShapedArray | number {
    const attr = this.population.attribute(name);
    const arr = this.population.f64(name);
    if (attr.locality === 'global') return arr[0];
    const out = new Float64Array(this.ranks.length);
    for (let k = 0; k < this.ranks.length; k++) out[k] = arr[this.ranks[k]];
    return shaped(out, [this.ranks.length]);
  }

  set(values: Record<string, AttributeInput>): void {
    checkValuesObject(values, `${this.name}.set()`);
    for (const [name, value] of Object.entries(values)) this.setAttribute(name, value);
  }

  /** Writes the view's neurons; a nested array must have the view's shape. */
  private setAttribute(name: string, value: AttributeInput): void {
    checkNestedShape(value, this.geometry, `${this.name}, attribute '${name}'`);
    this.population.setAttribute(name, value, this.ranks);
  }

  /** Time in ms of each neuron's last spike, in the view's rank order (ANNarchy's `t_last`; spiking populations). */
  get t_last(): ShapedArray | number {
    const all = this.population.lastSpikeTimes();
    return shaped(Array.from(this.ranks, (r) => all[r]), [this.ranks.length]);
  }

  /** `sum(target)` of the view's neurons. */
  sum(target: string): ShapedArray {
    const all = this.population.sum(target);
    return shaped(Array.from(this.ranks, (r) => all[r]), [this.ranks.length]);
  }

  /** Rank in the population of the neuron at `coords`; with `local`, coordinates are relative to the view's geometry. */
  rankFromCoordinates(coords: readonly number[], local = false): number {
    if (local) return this.ranks[rankFromCoordinates(this.geometry, coords)];
    return rankFromCoordinates(this.population.geometry, coords);
  }

  coordinatesFromRank(rank: number, local = false): number[] {
    if (local) {
      const k = this.ranks.indexOf(rank);
      if (k < 0) throw new NetworkError(`rank ${rank} is not in this view`);
      return coordinatesFromRank(this.geometry, k);
    }
    return coordinatesFromRank(this.population.geometry, rank);
  }

  /** Union of two views of the same population (ANNarchy's `v1 + v2`); the geometry becomes flat. */
  concat(other: PopulationView | Population): PopulationView {
    const otherPop = (other as PopulationView).population ?? other;
    if (otherPop !== this.population) throw new NetworkError('only views of the same population can be combined');
    const set = new Set<number>([...this.ranks, ...other.ranks]);
    return new PopulationView(this.population, Int32Array.from([...set].sort((a, b) => a - b)));
  }
}
