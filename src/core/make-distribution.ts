/**
 * Building a distribution object from the name and literal arguments written in an equation's
 * `init=` flag (e.g. `init = Uniform(-1, 1)`).
 */
import type { RandomDistName } from '../equations/ast.js';
import type { Sampler } from '../random/types.js';
import { Uniform, DiscreteUniform, Normal, LogNormal, Exponential, Gamma, Binomial } from './distributions.js';

export function makeDistribution(dist: RandomDistName, args: readonly number[]): Sampler {
  switch (dist) {
    case 'Uniform': return new Uniform(args[0], args[1]);
    case 'DiscreteUniform': return new DiscreteUniform(args[0], args[1]);
    case 'Normal': return new Normal(args[0], args[1]);
    case 'LogNormal': return new LogNormal(args[0], args[1]);
    case 'Exponential': return new Exponential(args[0]);
    case 'Gamma': return new Gamma(args[0], args[1] ?? 1);
    case 'Binomial': return new Binomial(args[0], args[1]);
  }
}
