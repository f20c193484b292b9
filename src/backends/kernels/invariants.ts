/**
 * The values of a projection's synaptic equations that are the same for every dendrite and synapse
 * (`ProjectionPlan.invariants`, `ir/invariants.ts`) as the kernels of every backend declare them:
 * locals named as method temporaries, so that the scope of the equations resolves `_li<n>` to the
 * local (as it does a temporary) and never to an attribute or a constant.
 */
import type { ProjectionPlan } from '../../ir/plan.js';
import type { Dialect } from './dialect.js';
import { renderExpr, type SymbolResolver } from '../render.js';
import { tempNames } from '../steps.js';

/** The names the synaptic equations read as locals: the method temporaries of the three sections and the invariant values. */
export function synapseUpdateTemps(proj: ProjectionPlan): Set<string> {
  const names = tempNames(proj.description.sections.flatMap((s) => s.steps));
  for (const v of proj.invariants ?? []) names.add(v.name);
  return names;
}

/**
 * The declarations of the projection's invariant values in `scope` (the scope of the semiglobal and
 * local equations, given the names of {@link synapseUpdateTemps}): placed once after the global
 * equations (they may write what the values read) and before the dendrites.
 */
export function synapseInvariants(proj: ProjectionPlan, scope: SymbolResolver, d: Dialect): string[] {
  return (proj.invariants ?? []).map((v) => d.declare(d.temp(v.name), renderExpr(v.value, scope, d.expr)));
}
