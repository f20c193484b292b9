/**
 * One step of the network, written once: the backends walk the plan's ordered kernel calls
 * (`plan.schedule`, ANNarchy's order, `ir/schedule.ts`) instead of re-deriving the order. Each call
 * is gated by its population's enabled flag when the plan says so; a disabled spiking population
 * still empties its spike lists (so that nothing downstream sees old spikes). The runtime's hooks
 * split the step into four stages: cpp builds one native function per stage, js one function with
 * the hook calls between them.
 */
import type { KernelStep, NetworkPlan } from '../../ir/plan.js';
import type { Dialect } from './dialect.js';
import { emitsAxonSpikes } from './axon.js';

/** The function name of a scheduled kernel (every backend names them alike). */
export function kernelName(s: KernelStep): string {
  const own = `${s.owner}${s.id}`;
  switch (s.kind) {
    case 'transmission': return `${own}_transmit`;
    case 'random': return `${own}_random`;
    case 'neuron': return `${own}_update`;
    case 'delay': return `${own}_delay`;
    case 'global-ops': return `${own}_globalops`;
    case 'synapse-update': return `${own}_update`;
    case 'post-events': return `${own}_post`;
    default: return `${own}_${s.kind}`;
  }
}

/** What a backend provides to the step walker. */
export interface StepTarget {
  readonly d: Dialect;
  /** The condition that population `popId` is enabled. */
  enabled(popId: number): string;
  /** The statement that calls kernel `name`. */
  call(name: string): string;
  /** The statement that zeroes array `name` of population `popId` (`_sum_*`: the whole array; counters: element 0). */
  clear(popId: number, name: string, whole: boolean): string;
}

/**
 * The statements of one step in four stages, split where the runtime's hooks run: before
 * `record-targets`, before `after-neurons`, before `record`, after it. `calls` filters the kernels
 * a backend generates (a kernel it has no code for is skipped).
 */
export function stepStages(plan: NetworkPlan, t: StepTarget, calls: (s: KernelStep) => boolean = () => true): string[][] {
  const { d } = t;
  const stages: string[][] = [[]];
  for (const s of plan.schedule) {
    if (s.owner === 'net') { stages.push([]); continue; }
    if (s.kind !== 'clear-sums' && !calls(s)) continue;
    const body = s.kind === 'clear-sums' ? s.writes.map((w) => t.clear(w.id, w.name, true)) : [t.call(kernelName(s))];
    const pop = s.owner === 'pop' ? plan.populations[s.id] : undefined;
    const whenDisabled = s.kind === 'neuron' && pop?.spiking
      ? ['_nspiked', ...(emitsAxonSpikes(pop) ? ['_naxon'] : [])].map((n) => t.clear(pop.id, n, false))
      : [];
    const out = stages[stages.length - 1];
    if (s.enabledBy === undefined) out.push(...body);
    else if (whenDisabled.length) out.push(...d.ifBlock(t.enabled(s.enabledBy), body, whenDisabled));
    else if (body.length === 1) out.push(d.ifLine(t.enabled(s.enabledBy), body[0]));
    else out.push(...d.ifBlock(t.enabled(s.enabledBy), body));
  }
  return stages;
}
