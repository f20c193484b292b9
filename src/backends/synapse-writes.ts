/**
 * What a projection's code writes, shared by the backends: the attribute written (for its bounds
 * and type) and, for js and C++, where the write goes. Own attributes and `post.x` are written
 * where they are read; `pre.x` of a delayed rate projection goes to the neuron's current value,
 * never through the delay ring (`current` spells that element in the backend's language).
 */
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../ir/plan.js';
import { isGlobalAttribute, type Attribute } from '../equations/description.js';
import type { Owner } from '../equations/ast.js';
import type { SymbolResolver } from './render.js';

/** The attribute that `owner.target` names in a projection's code (own, pre- or post-synaptic). */
export function synapseAttribute(proj: ProjectionPlan, net: NetworkPlan): (owner: Owner, target: string) => Attribute | undefined {
  const pre = net.populations[proj.pre];
  const post = net.populations[proj.post];
  const own = new Map(proj.description.attributes.map((a) => [a.name, a]));
  return (owner, target) => {
    if (owner === 'self') return own.get(target);
    return (owner === 'pre' ? pre : post).description.attributes.find((a) => a.name === target);
  };
}

/** The lvalue of `owner.target` in a projection's code; `current(p, target, idx)` is element `idx` of `p`'s array `target`. */
export function synapseLvalue(
  proj: ProjectionPlan, net: NetworkPlan, scope: SymbolResolver,
  current: (p: PopulationPlan, target: string, idx: string) => string,
): (owner: Owner, target: string) => string {
  const pre = net.populations[proj.pre];
  const post = net.populations[proj.post];
  return (owner, target) => {
    if (owner === 'self') return scope.sym(target);
    if (owner === 'post' || proj.delay.kind === 'none' || proj.type === 'spike') return scope.attr(owner, target);
    // Writes go to the neuron's current value, never through a delay ring.
    const p = owner === 'pre' ? pre : post;
    const global = isGlobalAttribute(p.description, target);
    return current(p, target, global ? '0' : owner === 'pre' ? 'rk_pre' : 'rk_post');
  };
}
