/**
 * One step of the network, written once: the backends walk the plan's ordered kernel calls
 * (`plan.schedule`, ANNarchy's order, `ir/schedule.ts`) instead of re-deriving the order. Each call
 * is gated by its population's enabled flag when the plan says so; a disabled spiking population
 * still empties its spike lists (so that nothing downstream sees old spikes). The runtime's hooks
 * split the step into four stages: cpp builds one native function per stage, js one function with
 * the hook calls between them, webgpu tags each compute pass with its stage (the host runs the
 * hooks between submissions).
 *
 * {@link scheduleStages} is the walk every backend shares: stages, and in each the runs of calls of
 * one kind, each call with its gate. A backend maps a call to its code: js and cpp a statement
 * ({@link stepStages}), webgpu one or more dispatches, with a run's preparation once before it
 * (`../webgpu/generate.ts`).
 */
import type { KernelKind, KernelStep, NetworkPlan, PopulationPlan } from '../../ir/plan.js';
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

/** The runtime's hooks, each run between two stages of a step. */
export type StepHook = 'record-targets' | 'after-neurons' | 'record';

/**
 * Consecutive scheduled calls of one kind. Backends that batch work across the calls of a kind
 * (webgpu: one kernel sizing the indirect dispatches of every spike projection, one emptying every
 * spike list) prepare it once per run, right before the run's calls.
 */
export interface ScheduledRun {
  kind: KernelKind;
  /** The calls in the plan's order; each carries its gate (`enabledBy`). */
  steps: KernelStep[];
}

/** The calls between two hooks of a step. */
export interface ScheduledStage {
  runs: ScheduledRun[];
  /** The hook the runtime runs after this stage; absent on the last stage (after `record`, empty in every plan so far). */
  hook?: StepHook;
}

/**
 * The plan's schedule split at its hooks into stages, and each stage into runs of one kind: the one
 * walk of a step that every backend maps to its code. Always one stage more than hooks.
 */
export function scheduleStages(plan: NetworkPlan): ScheduledStage[] {
  const stages: ScheduledStage[] = [{ runs: [] }];
  for (const s of plan.schedule) {
    const stage = stages[stages.length - 1];
    if (s.owner === 'net') {
      stage.hook = s.kind as StepHook;
      stages.push({ runs: [] });
      continue;
    }
    const last = stage.runs[stage.runs.length - 1];
    if (last?.kind === s.kind) last.steps.push(s);
    else stage.runs.push({ kind: s.kind, steps: [s] });
  }
  return stages;
}

/**
 * The spike lists (counters) a population's `neuron` call empties: also when the population is
 * disabled, so that transmission, monitors and rings never see spikes of an earlier step.
 */
export function spikeCounters(pop: PopulationPlan): string[] {
  return pop.spiking ? ['_nspiked', ...(emitsAxonSpikes(pop) ? ['_naxon'] : [])] : [];
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
  return scheduleStages(plan).map(({ runs }) => runs.flatMap(({ steps }) => steps.flatMap((s) => {
    if (s.kind !== 'clear-sums' && !calls(s)) return [];
    const body = s.kind === 'clear-sums' ? s.writes.map((w) => t.clear(w.id, w.name, true)) : [t.call(kernelName(s))];
    const pop = s.owner === 'pop' && s.kind === 'neuron' ? plan.populations[s.id] : undefined;
    const whenDisabled = pop ? spikeCounters(pop).map((n) => t.clear(pop.id, n, false)) : [];
    if (s.enabledBy === undefined) return body;
    if (whenDisabled.length) return d.ifBlock(t.enabled(s.enabledBy), body, whenDisabled);
    if (body.length === 1) return [d.ifLine(t.enabled(s.enabledBy), body[0])];
    return d.ifBlock(t.enabled(s.enabledBy), body);
  })));
}
