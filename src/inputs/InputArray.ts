/** `InputArray`: a rate-coded population whose `r` is set by the user (and can be recorded). */
import { Neuron } from '../core/Neuron.js';
import { Population } from '../core/Population.js';
import type { NetworkLike } from '../core/network-like.js';
import { networkOf } from './common.js';
import { checkOptions } from '../core/options.js';

export class InputArray extends Population {
  constructor(geometry: number | readonly number[], options: { name?: string; network?: NetworkLike } = {}) {
    checkOptions(options, ['name', 'network'], 'new InputArray()');
    super(geometry, new Neuron({ name: 'InputArray', equations: 'r = r' }), { name: options.name, network: networkOf(options.network) });
  }
}
