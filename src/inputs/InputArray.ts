/** `InputArray`: a rate-coded population whose `r` is set by the user (and can be recorded). */
import { Neuron } from '../core/Neuron.js';
import { Population, type PopulationBase } from '../core/Population.js';
import type { NetworkLike } from '../core/network-like.js';
import { networkOf, geometryForm } from './common.js';
import { checkOptions } from '../core/options.js';

/**
 * A rate-coded population whose `r` is set by the user (ANNarchy's `InputArray`):
 * `const inp = new InputArray(10); inp.r = values;` — it can be recorded and projected from.
 */
// The attribute names of its neuron, for the type of `pop.<name>` (core/attribute-names.ts).
export class InputArray extends (Population as PopulationBase<'r'>) {
  /** `new InputArray(10)` or `new InputArray({ geometry: 10 })`. */
  constructor(args: { geometry: number | readonly number[]; name?: string; network?: NetworkLike });
  constructor(geometry: number | readonly number[], options?: { name?: string; network?: NetworkLike });
  constructor(a: number | readonly number[] | { geometry: number | readonly number[]; name?: string; network?: NetworkLike }, b?: { name?: string; network?: NetworkLike }) {
    const { geometry, options = {} } = geometryForm(a, b, 'new InputArray()');
    checkOptions(options, ['name', 'network'], 'new InputArray()');
    super(geometry, new Neuron({ name: 'InputArray', equations: 'r = r' }), { name: options.name, network: networkOf(options.network) });
    this.recreate = (net, name) => new InputArray(this.geometry, { name, network: net });
  }
}
