/**
 * One compute kernel of a step: its WGSL body, how it is dispatched, and the memory view it uses.
 * `generate.ts` wraps each body into its own shader module (prelude, bindings, user functions).
 */
import type { KernelStep } from '../../ir/plan.js';
import type { Layout, Mem } from './memory.js';

/** Invocations per workgroup of every kernel. */
export const WG = 64;

export type Dispatch =
  /** One invocation per element (`gi` = element), as many workgroups as needed. */
  | { threads: number }
  /** One workgroup per item (`wg` = item; `li` = invocation in the workgroup). */
  | { workgroups: number }
  /** Workgroup counts written on the GPU by a preparation kernel, at `slot` of the indirect buffer. */
  | { indirect: number };

export interface Kernel {
  name: string;
  /**
   * 0: transmission, 1: random draws and neurons, 2: rings, global operations, plasticity (hooks run
   * between stages). `generate.ts` sets it from the stage of the scheduled call the pass belongs to
   * (`../kernels/schedule.ts`), whatever the builder wrote.
   */
  stage: 0 | 1 | 2;
  body: string[];
  mem: Mem;
  dispatch: Dispatch;
  /** Writes indirect dispatch arguments (binds `IND`). */
  writesIndirect?: boolean;
  /** Batched spike recording of this population: dispatched only while its spikes are recorded. */
  record?: number;
  /** Module-scope declarations (workgroup memory). */
  decls?: string[];
}

/**
 * The gate of a scheduled call (`KernelStep.enabledBy` of the plan's schedule, walked by
 * `../kernels/schedule.ts`): the WGSL value of the enabled flag of the population whose switch
 * turns the call's passes on, or undefined when the call always runs. `generate.ts` takes it from
 * the schedule and hands it to the kernel builders, which test it where their passes begin (or,
 * for an indirect dispatch, where its size is written).
 */
export type Gate = string | undefined;

/** The gate of scheduled call `s` in layout `L`. */
export function gateOf(s: KernelStep, L: Layout): Gate {
  return s.enabledBy === undefined ? undefined : `I[${L.get('net', 0, 'enabled').offset + s.enabledBy}]`;
}

/** The line returning from a pass whose gate is off (none for a call that always runs). */
export function gateCheck(gate: Gate): string[] {
  return gate === undefined ? [] : [`if (${gate} == 0) { return; }`];
}

/** Workgroups (x, y) for `n` workgroups within the 65535 per-dimension limit. */
export function grid(n: number): [number, number] {
  if (n <= 65535) return [n, 1];
  return [65535, Math.ceil(n / 65535)];
}

/** Workgroups for `threads` invocations. */
export function workgroupsFor(d: Dispatch): [number, number] | undefined {
  if ('threads' in d) return grid(Math.ceil(d.threads / WG));
  if ('workgroups' in d) return grid(d.workgroups);
  return undefined;
}
