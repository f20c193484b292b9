/**
 * The wasm places of the small per-step kernels around the neurons: global operations (`mean(r)`,
 * `max(v)`, …, `../kernels/globalops.ts`), one sequential loop in element order as on js; the pushes
 * of this step's values and spikes into the delay rings (`../kernels/delays.ts`), element by element.
 */
import type { PopulationPlan } from '../../ir/plan.js';
import { sequentialReduction } from '../kernels/globalops.js';
import { ringParts } from '../kernels/delays.js';
import { isGlobalAttribute } from '../../equations/description.js';
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

/** `pop<id>_delay`: this step's delayed variables and spikes into their rings' next slots, then the rings advance. */
export function delayKernel(pop: PopulationPlan): KernelText | undefined {
  const k = new KernelText(`pop${pop.id}_delay`);
  const a = (name: string) => k.pop(name, pop.id, name);
  const parts = ringParts(pop, {
    d,
    el: (name, idx) => `(aref ${a(name)} ${idx})`,
    // Rings grow at run time (the runtime replaces them): their slot counts are read; a variable's width is fixed.
    length: (name) => (name === '_spike_queue_n' ? `(length ${a(name)})` : String(isGlobalAttribute(pop.description, name) ? 1 : pop.size)),
    spikeCount: () => `(aref ${a('_nspiked')} 0)`,
    copy: (ring, slot, width, src, count) => [
      `(let _at${ring} i32 (* (${slot}) ${width}))`,
      `(for _c 0 (${count}) (set! (aref ${a(ring)} (+ _at${ring} _c)) (aref ${a(src)} _c)))`,
    ],
  });
  if (!parts) return undefined;
  k.body = [...parts.next, ...parts.push, ...parts.advance];
  return k;
}
