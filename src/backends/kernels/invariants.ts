/**
 * The values of a population's or a projection's per-element equations that are the same for every
 * element (`PopulationPlan.invariants`, `ProjectionPlan.invariants`, `ir/invariants.ts`) as the
 * kernels of every backend declare them: locals named as method temporaries, so that the scope of
 * the equations resolves `_li<n>` to the local (as it does a temporary) and never to an attribute or
 * a constant.
 */
import type { ProjectionPlan } from '../../ir/plan.js';
import type { InvariantValue } from '../../ir/invariants.js';
import type { UpdateSection } from '../../equations/description.js';
import type { Dialect } from './dialect.js';
import { renderExpr, type SymbolResolver } from '../render.js';
import { tempNames } from '../steps.js';

/** The names equations of `sections` read as locals: their method temporaries and the invariant values. */
export function localNames(sections: readonly UpdateSection[], invariants: readonly InvariantValue[] | undefined): Set<string> {
  const names = tempNames(sections.flatMap((s) => s.steps));
  for (const v of invariants ?? []) names.add(v.name);
  return names;
}

/** The names the synaptic equations read as locals: the method temporaries of the three sections and the invariant values. */
export function synapseUpdateTemps(proj: ProjectionPlan): Set<string> {
  return localNames(proj.description.sections, proj.invariants);
}

/**
 * The declarations of invariant values in `scope` (the scope of the per-element equations, given
 * the names of {@link localNames}): placed once after the global equations (they may write what the
 * values read) and before the elements' loop.
 */
export function invariantDeclarations(invariants: readonly InvariantValue[] | undefined, scope: SymbolResolver, d: Dialect): string[] {
  return (invariants ?? []).map((v) => d.declare(d.temp(v.name), renderExpr(v.value, scope, d.expr)));
}
