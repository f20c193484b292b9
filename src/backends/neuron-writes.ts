/**
 * What a neuron's equations write, shared by the backends: only the neuron's own attributes (of
 * neuron `i`, or element 0 for a global), and which writes refractoriness masks. The element itself
 * is spelled by the backend (`element(target, idx)`).
 */
import type { PopulationPlan } from '../ir/plan.js';
import type { Owner } from '../equations/ast.js';
import { InternalError } from '../errors.js';

/** The lvalue of `owner.target` in a neuron's equations; anything but an own attribute is an internal error. */
export function neuronLvalue<T = string>(pop: PopulationPlan, element: (target: string, idx: '0' | 'i') => T): (owner: Owner, target: string) => T {
  const attrs = new Map(pop.description.attributes.map((a) => [a.name, a]));
  return (owner, target) => {
    const a = attrs.get(target);
    if (owner !== 'self' || !a) throw new InternalError(`write to ${owner}.${target} in a neuron`);
    return element(target, a.locality === 'global' ? '0' : 'i');
  };
}

/** Refractoriness freezes everything but the conductances (names starting with g_). */
export function frozenWhenRefractory(target: string): boolean {
  return !target.startsWith('g_');
}
