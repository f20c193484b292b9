/**
 * The wasm places of the small per-step kernels around the neurons (`../kernels/globalops.ts`):
 * global operations (`mean(r)`, `max(v)`, …), one sequential loop in element order as on js.
 */
import type { PopulationPlan } from '../../ir/plan.js';
import { sequentialReduction } from '../kernels/globalops.js';
import { wasmDialect as d } from './spelling.js';
import { KernelText } from './text.js';

/** `pop<id>_globalops`: each distinct reduction of the population once, in the plan's order. */
export function globalOpsKernel(pop: PopulationPlan): KernelText | undefined {
  if (pop.globalOps.length === 0) return undefined;
  const k = new KernelText(`pop${pop.id}_globalops`);
  const seen = new Set<string>();
  for (const g of pop.globalOps) {
    const key = `_${g.op}_${g.variable}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const x = k.pop(`x${key}`, pop.id, g.variable);
    k.body.push(...sequentialReduction(g.op, d, (i) => `(aref ${x} ${i})`, `(length ${x})`, `(aref ${k.pop(key, pop.id, key)} 0)`));
  }
  return k;
}
