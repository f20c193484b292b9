/**
 * The user's functions (`addFunction`, a model's `functions`) as every backend compiles them: each
 * name once, the network's first then the populations' and the projections', and the resolver of a
 * function body (its parameters, `pi`, Constants; anything else is an internal error: the parser
 * refuses pre/post, sums, global operations and draws in functions).
 */
import type { NetworkPlan } from '../../ir/plan.js';
import type { SymbolResolver } from '../render.js';
import { InternalError } from '../../errors.js';

/** A function as the plan holds it: name, parameters, body. */
export type PlanFunction = NetworkPlan['functions'][number];

/** Every function of the plan, each name once (a name defined by several models is the same function). */
export function userFunctions(plan: NetworkPlan): PlanFunction[] {
  const seen = new Set<string>();
  return [...plan.functions, ...plan.populations.flatMap((p) => p.description.functions), ...plan.projections.flatMap((p) => p.description.functions)]
    .filter((f) => (seen.has(f.name) ? false : (seen.add(f.name), true)));
}

/** How a backend spells a function's parameters, `pi` and Constant number `index`. */
export interface FunctionSpelling {
  param(name: string): string;
  pi: string;
  constant(index: number): string;
}

/** The resolver of function `f`'s body; a name that is none of these is left as it is. */
export function functionScope(f: PlanFunction, plan: NetworkPlan, s: FunctionSpelling): SymbolResolver {
  const params = new Set(f.params);
  const refused = (what: string) => (): never => { throw new InternalError(`${what} in function ${f.name}`); };
  return {
    sym: (n) => (params.has(n) ? s.param(n) : n === 'pi' ? s.pi : plan.constants.includes(n) ? s.constant(plan.constants.indexOf(n)) : n),
    attr: refused('pre/post'),
    sum: refused('sum()'),
    globalop: refused('a global operation'),
    rand: refused('a random draw'),
  };
}
