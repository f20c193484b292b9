/**
 * The transmission kernel of a shared-weight projection (Convolution, Pooling, Copy; `ir/plan.ts`
 * `SpecialProjection` `shared`) written once: per post-synaptic neuron `i`, the reduction of its
 * window's `K` elements in window order (`windowParts`), each element's value (the psp, the padded
 * psp outside the pre-synaptic population, or for spikes the psp where the neuron spiked in the
 * previous step), and the arrays it adds into. Each backend lays out the loops
 * (`../<backend>/shared.ts`: js one loop per neuron, cpp blocks of neurons, webgpu one invocation
 * per neuron).
 */
import type { ProjectionPlan } from '../../ir/plan.js';
import type { Expr } from '../../equations/ast.js';
import { mapExpr } from '../../equations/algebra.js';
import { InternalError } from '../../errors.js';
import { renderArith } from '../render.js';
import type { Dialect } from './dialect.js';
import { weightedSum, type WeightedSumParts } from './transmission.js';

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

/** What a backend provides to the window of neuron `i` (window element `m`). */
export interface WindowTarget {
  readonly d: Dialect;
  /** The psp of element `m` (with `rk_pre` and `k` declared), and the padded psp where there is padding. */
  psp(): string;
  padded(): string;
  /** The pre-synaptic rank of element `m` (−1 outside the population): `_sh_pre[m · n + i]`. */
  rank: string;
  /** The weight index of element `m`: `_sh_widx[m · n + i]`, or the neuron's filter offset plus `m`. */
  weight: string;
  /** The step of neuron `rk_pre`'s last spike (spiking projections), and the current step, int values. */
  lastSpike(rk: string): string;
  step: string;
}

/** The parts of a window's reduction: `sum` (into `sharedOutputs`; the mean divides by `K`) and `element`, element `m`'s lines. */
export interface WindowParts {
  sum: WeightedSumParts;
  /** `rk_pre` (a valid rank: 0 stands for an element outside the population) and `k` declared, then the value taken into `_s`. */
  element: string[];
}

/**
 * The window of a shared-weight projection: element `m` counts its psp; outside the population it
 * counts the padded psp (rate-coded with padding) or nothing; spiking, it counts where the neuron
 * spiked in the previous step. The rank is clamped to a valid one and the value selected, so the
 * element has no branch (a psp has no side effects): the same value as a branch.
 */
export function windowParts(proj: ProjectionPlan, t: WindowTarget): WindowParts {
  const { d } = t;
  const { padding, operation } = sharedSpecial(proj);
  const clamp = proj.type === 'spike' || padding !== null;
  const inside = d.cmp('>=', '_raw', '0');
  const value = () => proj.type === 'spike'
    ? d.select(d.and(inside, d.cmp('==', t.lastSpike('rk_pre'), renderArith(d.expr, '-', t.step, '1'))), t.psp(), d.expr.number(0))
    : padding !== null ? d.select(inside, t.psp(), t.padded()) : t.psp();
  const sum = weightedSum(operation, sharedOutputs(proj), { d, psp: value });
  return {
    sum,
    element: [
      ...(clamp ? [d.declare('_raw', t.rank, { type: 'int' }), d.declare('rk_pre', d.select(d.cmp('<', '_raw', '0'), '0', '_raw'), { type: 'index' })] : [d.declare('rk_pre', t.rank, { type: 'index' })]),
      d.declare('k', t.weight, { type: 'index' }),
      ...sum.take,
    ],
  };
}
