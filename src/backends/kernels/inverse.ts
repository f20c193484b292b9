/**
 * The derived arrays of a spike walk through the inverse indices (cpp's `N->inv[id]`, wasm's
 * derived slots): the post-synaptic rank of every inverse entry, and the weights in inverse order
 * where no kernel writes them, so that a spike reads its synapses contiguously instead of through
 * three dependent random loads. Which projections get them is decided here, once for every backend.
 */
import type { ProjectionPlan } from '../../ir/plan.js';
import type { Assignment } from '../../equations/description.js';

/** Whether a projection's weights are per synapse and written by no kernel (then spikes read an inverse-ordered copy). */
export function mirrorsWeights(proj: ProjectionPlan): boolean {
  const d = proj.description;
  const w = d.attributes.find((a) => a.name === 'w');
  if (!w || w.locality !== 'local' || proj.singleWeight) return false;
  const writesW = (a: Assignment) => a.owner === 'self' && a.target === 'w';
  if ([...d.transmission, ...d.preSpike, ...d.postSpike, ...d.preAxonSpike].some(writesW)) return false;
  if (d.eventDriven.some((v) => v.name === 'w')) return false;
  return d.sections.every((sec) => sec.steps.every((st) => (st.kind === 'ode' ? st.updates.every((u) => u.target !== 'w') : !writesW(st))));
}

/** Whether a projection's spike walk reads the derived inverse arrays: spiking, not special, no per-synapse delays. */
export function hasInverse(proj: ProjectionPlan): boolean {
  return proj.type === 'spike' && !proj.special && !proj.procedural && proj.delay.kind !== 'variable';
}

