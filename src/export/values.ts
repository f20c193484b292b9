/**
 * Reading attribute values of populations for export: a parameter or variable is one number for
 * the population, or one per neuron. The exporter writes uniform values as literals and the
 * others as arrays in the side file, so a value is kept as the smallest of the two.
 */
import type { Population } from '../core/Population.js';

/** One number for every neuron, or one per neuron (length = population size). */
export type PerNeuron = number | Float64Array;

/** Attribute `name` of `pop` (parameters and variables as they are now, before or after compile). */
export function attributeValues(pop: Population, name: string): PerNeuron {
  const v = pop.get(name);
  if (typeof v === 'number') return v;
  const flat = Float64Array.from(v as ArrayLike<number>);
  return uniform(flat) ?? flat;
}

/** The common value when every element is the same number, else undefined. */
export function uniform(a: ArrayLike<number>): number | undefined {
  if (a.length === 0) return undefined;
  const x = a[0];
  for (let i = 1; i < a.length; i++) if (a[i] !== x && !(Number.isNaN(a[i]) && Number.isNaN(x))) return undefined;
  return x;
}

/** Element `i` of a per-neuron value. */
export function at(v: PerNeuron, i: number): number {
  return typeof v === 'number' ? v : v[i];
}

/** `f` applied element-wise, collapsed to one number when the result is uniform. */
export function mapValues(v: PerNeuron, f: (x: number, i: number) => number): PerNeuron {
  if (typeof v === 'number') return f(v, 0);
  const out = Float64Array.from(v, f);
  return uniform(out) ?? out;
}

/** Combines several per-neuron values element-wise (size = population size). */
export function combine(size: number, inputs: PerNeuron[], f: (xs: number[], i: number) => number): PerNeuron {
  if (inputs.every((x) => typeof x === 'number')) return f(inputs as number[], 0);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = f(inputs.map((x) => at(x, i)), i);
  return uniform(out) ?? out;
}
