/**
 * Creating the arrays of a population's or projection's attributes, filled with their initial
 * values: numbers, distributions (sampled now, per element) or references to another attribute or
 * to a Constant (`init = tau`).
 */
import { NetworkError } from '../errors.js';
import type { Attribute } from '../equations/description.js';
import type { NetworkLike } from './network-like.js';
import { makeDistribution } from './make-distribution.js';

/** Length of an attribute's array for an object with `counts` elements per locality. */
export type LocalityCounts = { local: number; semiglobal: number; global: number };

export function initialiseAttributes(
  attributes: readonly Attribute[], counts: number | LocalityCounts, state: Map<string, Float64Array>,
  network: NetworkLike, what: string,
): void {
  const sizes: LocalityCounts = typeof counts === 'number' ? { local: counts, semiglobal: counts, global: 1 } : counts;
  const pending: Attribute[] = [];
  for (const attr of attributes) {
    const arr = new Float64Array(sizes[attr.locality]);
    state.set(attr.name, arr);
    const init = attr.init;
    if (init.kind === 'number') arr.fill(init.value);
    else if (init.kind === 'random') arr.set(makeDistribution(init.dist, init.args).sample(arr.length, network.rng));
    else pending.push(attr);
  }
  // References are resolved after every plain value is set, in declaration order.
  for (const attr of pending) {
    const ref = (attr.init as { kind: 'ref'; name: string }).name;
    const arr = state.get(attr.name)!;
    const source = state.get(ref);
    if (source) {
      if (source.length === arr.length) arr.set(source);
      else if (source.length === 1) arr.fill(source[0]);
      else throw new NetworkError(`${what}: '${attr.name}' cannot be initialised from '${ref}' (different localities)`);
      continue;
    }
    const c = network.constantValue(ref);
    if (c === undefined) throw new NetworkError(`${what}: init value '${ref}' of '${attr.name}' is neither an attribute nor a Constant`);
    arr.fill(c);
  }
}
