/**
 * The ordered kernel calls of one step, in ANNarchy's order (`annarchy-semantics.md`,
 * ARCHITECTURE.md "One step"), with the arrays each call writes. Backends walk this list instead of
 * re-deriving the order; the table of arrays (`arrays.ts`) takes its `writtenBy` column from it.
 *
 * 1. clear the weighted sums; 2. transmission (rate sums, spikes through delays, continuous psp,
 * special projections); hook `record-targets`; 3. random draws; 4. neurons (equations, spike,
 * reset, refractoriness, axonal spikes; special inputs); hook `after-neurons`; 5. push delay rings;
 * 6. global operations; 7. synaptic equations; 8. post-synaptic events; 9. hook `record`.
 */
import type { Assignment } from '../equations/description.js';
import type { ArrayRef, KernelStep, PopulationPlan, ProjectionPlan } from './plan.js';

/** The arrays written by assignments of a synapse's event or update code (`post.x`, `g_target`, own variables). */
function assignmentWrites(list: readonly Assignment[], proj: ProjectionPlan): ArrayRef[] {
  const out: ArrayRef[] = [];
  for (const a of list) {
    if (a.owner === 'post' && a.target === 'g_target') {
      for (const t of proj.conductances) out.push({ owner: 'pop', id: proj.post, name: `g_${t}` });
    } else if (a.owner === 'post') out.push({ owner: 'pop', id: proj.post, name: a.target });
    else if (a.owner === 'pre') out.push({ owner: 'pop', id: proj.pre, name: a.target });
    else out.push({ owner: 'proj', id: proj.id, name: a.target });
  }
  return out;
}

/** The attributes a neuron's equations, reset and axonal reset write. */
function neuronAttributeWrites(pop: PopulationPlan): string[] {
  const d = pop.description;
  const names: string[] = [];
  for (const sec of d.sections) {
    for (const st of sec.steps) {
      if (st.kind === 'assign') names.push(st.target);
      else names.push(...st.updates.map((u) => u.target));
    }
  }
  names.push(...d.reset.map((a) => a.target), ...d.axonReset.map((a) => a.target));
  return names;
}

/** The synaptic attributes the per-step equations write. */
function synapseUpdateWrites(proj: ProjectionPlan): ArrayRef[] {
  const out: ArrayRef[] = [];
  for (const sec of proj.description.sections) {
    for (const st of sec.steps) {
      if (st.kind === 'assign') out.push(...assignmentWrites([st], proj));
      else out.push(...st.updates.map((u) => ({ owner: 'proj' as const, id: proj.id, name: u.target })));
    }
  }
  return out;
}

/** Event-driven variables brought up to date at an event, and the clock of their last event. */
function eventClockWrites(proj: ProjectionPlan): ArrayRef[] {
  const ev = proj.description.eventDriven;
  if (ev.length === 0) return [];
  return [...ev.map((v) => ({ owner: 'proj' as const, id: proj.id, name: v.name })), { owner: 'proj', id: proj.id, name: '_last_event' }];
}

function transmissionStep(proj: ProjectionPlan): KernelStep {
  const post = (name: string): ArrayRef => ({ owner: 'pop', id: proj.post, name });
  const own = (name: string): ArrayRef => ({ owner: 'proj', id: proj.id, name });
  let variant: string;
  let writes: ArrayRef[];
  if (proj.special?.kind === 'decoding') {
    variant = 'decoding';
    writes = [own('_dec_hist'), own('_dec_idx'), ...proj.targets.map((t) => post(`_sum_${t}`))];
  } else if (proj.special?.kind === 'shared') {
    // Shared weights (src/extensions/convolution): rate-coded into the sums, spiking into the conductances.
    variant = 'shared';
    writes = proj.type === 'rate' ? proj.targets.map((t) => post(`_sum_${t}`)) : proj.conductances.map((t) => post(`g_${t}`));
  } else if (proj.type === 'rate') {
    variant = 'rate';
    writes = proj.rateInto === 'sum' ? proj.targets.map((t) => post(`_sum_${t}`)) : proj.conductances.map((t) => post(`g_${t}`));
  } else {
    const d = proj.description;
    variant = 'spike';
    writes = [
      ...assignmentWrites(d.transmission, proj), ...eventClockWrites(proj),
      ...assignmentWrites(d.preSpike, proj), ...assignmentWrites(d.preAxonSpike, proj),
      ...(proj.continuous ? proj.conductances.map((t) => post(`g_${t}`)) : []),
    ];
  }
  return { kind: 'transmission', owner: 'proj', id: proj.id, enabledBy: proj.post, variant, writes: unique(writes) };
}

function neuronStep(pop: PopulationPlan): KernelStep {
  const own = (name: string): ArrayRef => ({ owner: 'pop', id: pop.id, name });
  const spikes = ['_spiked', '_nspiked', '_last_spike'];
  let names: string[];
  switch (pop.special?.kind) {
    case 'spike-source-array': names = [...spikes, '_ssa_next', '_ssa_t']; break;
    case 'timed-array': names = [pop.special.into, '_ta_t', '_ta_block']; break;
    case 'poisson': names = [...spikes, '_poisson_next', '_poisson_rate']; break;
    case 'timed-poisson': names = ['rates', '_ta_t', '_ta_block', ...spikes, '_poisson_next', '_poisson_rate']; break;
    default:
      names = neuronAttributeWrites(pop);
      if (pop.spiking) names.push(...spikes, ...(pop.refractory ? ['_refr_left'] : []));
      if (pop.spiking && pop.description.axonSpike) names.push('_axon_spiked', '_naxon');
  }
  return { kind: 'neuron', owner: 'pop', id: pop.id, enabledBy: pop.id, variant: pop.special?.kind ?? 'equations', writes: unique(names.map(own)) };
}

function unique(refs: ArrayRef[]): ArrayRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.owner}:${r.id}:${r.name}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The kernel calls of one step, in order. */
export function planSchedule(pops: readonly PopulationPlan[], projs: readonly ProjectionPlan[]): KernelStep[] {
  const out: KernelStep[] = [];
  const hook = (kind: 'record-targets' | 'after-neurons' | 'record'): KernelStep => ({ kind, owner: 'net', id: 0, writes: [] });
  for (const p of pops) {
    if (p.sumTargets.length === 0) continue;
    out.push({ kind: 'clear-sums', owner: 'pop', id: p.id, enabledBy: p.id, writes: p.sumTargets.map((t) => ({ owner: 'pop', id: p.id, name: `_sum_${t}` })) });
  }
  for (const proj of projs) out.push(transmissionStep(proj));
  out.push(hook('record-targets'));
  // Special populations draw their own numbers inside their kernel, if any.
  for (const p of pops) {
    if (p.special || p.description.randoms.length === 0) continue;
    out.push({ kind: 'random', owner: 'pop', id: p.id, enabledBy: p.id, writes: p.description.randoms.map((r) => ({ owner: 'pop', id: p.id, name: `_rand_${r.id}` })) });
  }
  for (const proj of projs) {
    if (proj.description.randoms.length === 0) continue;
    out.push({ kind: 'random', owner: 'proj', id: proj.id, writes: proj.description.randoms.map((r) => ({ owner: 'proj', id: proj.id, name: `_rand_${r.id}` })) });
  }
  for (const p of pops) out.push(neuronStep(p));
  out.push(hook('after-neurons'));
  for (const p of pops) {
    if (p.delayedVariables.length === 0 && !p.spikeQueue) continue;
    const names = [
      ...(p.delayedVariables.length ? ['_delay_idx', ...p.delayedVariables.map((v) => `_delayed_${v}`)] : []),
      ...(p.spikeQueue ? ['_spike_queue', '_spike_queue_n', '_spike_queue_idx'] : []),
    ];
    out.push({ kind: 'delay', owner: 'pop', id: p.id, writes: names.map((name) => ({ owner: 'pop', id: p.id, name })) });
  }
  for (const p of pops) {
    if (p.globalOps.length === 0) continue;
    out.push({ kind: 'global-ops', owner: 'pop', id: p.id, writes: unique(p.globalOps.map((g) => ({ owner: 'pop', id: p.id, name: `_${g.op}_${g.variable}` }))) });
  }
  for (const proj of projs) {
    if (proj.hasUpdate) out.push({ kind: 'synapse-update', owner: 'proj', id: proj.id, enabledBy: proj.post, writes: unique(synapseUpdateWrites(proj)) });
  }
  for (const proj of projs) {
    if (!proj.hasPostEvents) continue;
    out.push({ kind: 'post-events', owner: 'proj', id: proj.id, writes: unique([...eventClockWrites(proj), ...assignmentWrites(proj.description.postSpike, proj)]) });
  }
  out.push(hook('record'));
  return out;
}
