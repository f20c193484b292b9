/**
 * `PopulationView`: a subset of a population's neurons (a slice, a list of ranks, a row of a 2-D
 * population). Usable wherever a population is: projections, monitors, attribute reads and writes
 * (reads come back flat, in the order of the view's ranks).
 */
import { NetworkError } from '../errors.js';
import { checkValuesObject, describeValue } from './options.js';
import type { Population } from './handles.js'; // the classes' own types, without importing their modules (handles.ts)
import { rankFromCoordinates, coordinatesFromRank } from './geometry.js';
import { checkNestedShape, shaped, type AttributeInput, type ShapedArray } from './values.js';
import type { AttributeProperties } from './attribute-names.js';

/**
 * The class itself; user code sees it as {@link PopulationView}, the class plus the population's
 * attributes as properties (see Population.ts for the two levels).
 */
export class PopulationViewClass<A extends string = string> {
  // The runtime name stays `PopulationView` (error messages print `constructor.name`).
  static { Object.defineProperty(this, 'name', { value: 'PopulationView' }); }

  /** The population viewed. */
  readonly population: Population;
  /** Ranks of the view's neurons in the population, in the view's order. */
  readonly ranks: Int32Array;
  /** Shape of the view (`[size]` unless it keeps a sub-grid's shape). */
  readonly geometry: number[];

  /** Type level only, never set: the attribute names `A` of the population. */
  declare readonly attributeNames?: A;

  /** A view on the neurons of `population` with the given ranks (each an integer in [0, size)). */
  constructor(population: Population, ranks: Int32Array | readonly number[], geometry?: number[]) {
    this.population = population;
    this.ranks = checkedRanks(ranks, population, `view of population '${population.name}'`);
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

  /** Number of neurons in the view. */
  get size(): number { return this.ranks.length; }
  /** `population[view of size]`, for messages. */
  get name(): string { return `${this.population.name}[view of ${this.size}]`; }
  /** True for spiking neurons. */
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

  /** Sets several attributes of the view's neurons at once: `view.set({ v: 0, tau: 10 })`. */
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

  /** Coordinates of the neuron of rank `rank` in the population (`local`: rank and coordinates within the view). */
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

/**
 * A view whose population has the attributes `A`: the class's members plus one property per
 * attribute (`view.v`; read: values of the view's neurons, flat; write: number, array or
 * distribution). With `A = string` any property name is accepted, as an index signature.
 */
export type PopulationView<A extends string = string> = PopulationViewClass<A> & AttributeProperties<A, PopulationViewClass>;

/** `new PopulationView(population, ranks, geometry?)`: the attribute names are the population's. */
export interface PopulationViewConstructor {
  new <A extends string = string>(population: Population<A>, ranks: Int32Array | readonly number[], geometry?: number[]): PopulationView<A>;
  readonly prototype: PopulationView;
}

/** See {@link PopulationViewClass} (the members) and {@link PopulationView} (the type with attributes). */
export const PopulationView = PopulationViewClass as unknown as PopulationViewConstructor;

/**
 * The ranks of a view as an Int32Array, each checked before the conversion: `Int32Array.from`
 * would silently turn 1.5 into 1, NaN into 0 and 2^32 + 1 into 1.
 */
export function checkedRanks(ranks: unknown, population: Population, where: string): Int32Array {
  if (!Array.isArray(ranks) && !(ranks instanceof Int32Array)) {
    throw new NetworkError(`${where}: the ranks must be an array of integers, got ${describeValue(ranks)}`);
  }
  const list = ranks as ArrayLike<unknown>;
  for (let k = 0; k < list.length; k++) {
    const r = list[k];
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r >= population.size) {
      throw new NetworkError(`${where}: rank ${typeof r === 'number' ? r : describeValue(r)} (entry ${k}) is not a neuron of population '${population.name}': `
        + `ranks are integers from 0 to ${population.size - 1}`);
    }
  }
  return ranks instanceof Int32Array ? ranks : Int32Array.from(list as number[]);
}
