/**
 * What every backend's shared-weight transmission kernel (Convolution, Pooling, Copy; `ir/plan.ts`
 * `SpecialProjection` `shared`) has in common: the psp a window entry outside the pre-synaptic
 * population evaluates (every `pre.x` replaced by the constant `padding`), the reduction of each
 * operation, and the arrays' names. Each backend spells the loop itself (`../<backend>/shared.ts`).
 */
import type { ProjectionPlan } from '../../ir/plan.js';
import type { Expr } from '../../equations/ast.js';
import { mapExpr } from '../../equations/algebra.js';
import { InternalError } from '../../errors.js';

/** The `shared` special of a projection (the caller checked the kind). */
export function sharedSpecial(proj: ProjectionPlan): { window: number; weights: number; padding: number | null; indexed: boolean; operation: string } {
  if (proj.special?.kind !== 'shared') throw new InternalError(`projection '${proj.name}' is not a shared-weight projection`);
  return proj.special;
}

/**
 * The psp of a window entry outside the population (`_sh_pre` = −1): the rate there is the constant
 * `padding`, so every `pre.x` reads it. (ANNarchy adds `padding` itself to the sum, whatever the psp
 * and the weight: a documented bug, not followed.)
 */
export function paddedPsp(psp: Expr, padding: number): Expr {
  return mapExpr(psp, (n) => (n.kind === 'attr' && n.owner === 'pre' ? { kind: 'num', value: padding, isInt: false } : n));
}

/**
 * The post-synaptic arrays a shared-weight projection adds into: `_sum_<target>` (rate-coded), or the
 * conductance `g_<target>` when pre and post spike (none when the neuron has no such conductance).
 */
export function sharedOutputs(proj: ProjectionPlan): string[] {
  return proj.type === 'rate' ? [`_sum_${proj.targets[0]}`] : proj.conductances.map((t) => `g_${t}`);
}

/** The reduction of an operation: its start value (`inf` spells +∞ in the backend) and how `_s` takes one more value `_p`. */
export function reduction(op: string, inf: string): { init: string; combine: 'add' | 'max' | 'min' } {
  if (op === 'max') return { init: `-${inf}`, combine: 'max' };
  if (op === 'min') return { init: inf, combine: 'min' };
  return { init: '0', combine: 'add' };
}
