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
  /**
   * Workgroup counts written on the GPU by a preparation kernel, at slot `indirect` of the indirect
   * buffer ({@link indirectArgs}); `most` and `rows` from the slot's {@link SlotSize} where one was
   * derived. `generate.ts` turns it into a `bounded` dispatch where `most` is small enough
   * ({@link directDispatchTuning}); without `most` it stays indirect.
   */
  | { indirect: number; most?: number; rows?: number }
  /**
   * Dispatched directly with the bound of indirect slot `bounded` (`groups` × `rows` workgroups):
   * the kernel reads the slot's counts as its `nwg` and its workgroups beyond them return at once
   * (`generate.ts` `workgroupCounts`), so that it runs as the indirect dispatch would.
   */
  | { bounded: number; groups: number; rows: number };

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
  /**
   * Binds the indirect-argument buffer `IND` (read-write): the preparation kernels write it, and the
   * `bounded` dispatches read their counts from it (`boundedWhereSmall` sets it for them).
   */
  writesIndirect?: boolean;
  /** Batched spike recording of this population: dispatched only while its spikes are recorded. */
  record?: number;
  /** Module-scope declarations (workgroup memory). */
  decls?: string[];
  /**
   * Its only writes are atomic additions into post-synaptic neurons (and its own projection's
   * synapses), and nothing it reads is written by another such kernel: consecutive ones may share
   * one dispatch ({@link mergeCommuting}), in any order of their workgroups.
   */
  commutes?: boolean;
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

/** Workgroups of a direct dispatch `d` (undefined: indirect). */
export function workgroupsFor(d: Dispatch): [number, number] | undefined {
  if ('threads' in d) return grid(Math.ceil(d.threads / WG));
  if ('workgroups' in d) return grid(d.workgroups);
  if ('bounded' in d) return [d.groups, d.rows];
  return undefined;
}

/**
 * The size of an indirect slot, derived where its count is written: the slot's workgroups in x
 * are at most `most` (at most {@link indirectLimit}'s `groups`), its rows of workgroups (y) are
 * `rows`, always. The preparation kernel writes the count through {@link indirectArgs} and the
 * kernel gets its dispatch from {@link indirectDispatch}, both from one `SlotSize`, so the bound a
 * direct dispatch uses is the one the count was clamped to.
 */
export interface SlotSize {
  slot: number;
  most: number;
  rows: number;
}

/**
 * The largest workgroup count an indirect slot is given in x (WebGPU guarantees 65535 per
 * dimension). Every kernel dispatched from a slot strides its loops over `nwg.x` (spikes, dendrites),
 * so a count clamped below its elements loses none of them.
 * @internal tests lower it so that the stride loops, and their count in `bounded` dispatches, are exercised.
 */
export const indirectLimit = { groups: 65535 };

/** A slot of `slot` whose count in x reaches at most `most` (derived by the caller from the count's expression), `rows` rows. */
export function slotSize(slot: number, most: number, rows = 1): SlotSize {
  return { slot, most: Math.max(0, Math.min(Math.ceil(most), 65535)), rows };
}

/**
 * The lines of a preparation kernel writing slot `s`: `groups` workgroups (an i32 WGSL value, at
 * most `s.most` if the bound was derived right, clamped to it and to {@link indirectLimit} in any
 * case: the kernels' loops are strided) where `on`, else none; `s.rows` rows.
 */
export function indirectArgs(s: SlotSize, groups: string, on: string): string[] {
  const cap = Math.min(s.most, indirectLimit.groups);
  return [`IND[${3 * s.slot}] = select(0u, u32(min(${groups}, ${cap})), ${on});`, `IND[${3 * s.slot + 1}] = ${s.rows}u;`, `IND[${3 * s.slot + 2}] = 1u;`];
}

/** The dispatch of a kernel sized by slot `s` (indirect; `generate.ts` makes it `bounded` where `s.most` is small). */
export function indirectDispatch(s: SlotSize): Dispatch {
  return { indirect: s.slot, most: s.most, rows: s.rows };
}

/**
 * The largest bound (`SlotSize.most`) of a kernel dispatched directly instead of indirectly, per kind
 * of adapter. Dawn validates every indirect dispatch (on by default: `device.ts` `NODE_DAWN_FLAGS`)
 * with a pass of its own: on an H200, 220 µs an indirect dispatch against 3.2 µs a direct one
 * (2.5 µs indirect without validation; BENCHMARKS.md "On an NVIDIA H200"). A bounded dispatch
 * launches its bound's workgroups, those beyond the step's count returning at their first lines, so it
 * wins while `most` idle workgroups cost less than about 217 µs.
 * - `gpu`: 16 384, so an idle workgroup may cost up to 13 ns; a GPU launches workgroups far faster
 *   than that (thousands resident at once; an H200 holds 132 SMs × 32 workgroups of 64), so the
 *   bound should cost a few µs at most (not measured yet: `bench/gpu-dispatch.ts`, mode `bounded`,
 *   measures it). It covers COBA 4000 (3 200 excitatory neurons: every dispatch direct) and the
 *   microcircuit up to scale 0.7 (L4E: 21 915 neurons at full scale). Without validation
 *   (`skip_validation`, an opt-in) an indirect dispatch costs 2.5 µs, and the bound may cost more.
 * - `cpu` (SwiftShader, llvmpipe: `device.ts` `isCpuAdapter`): 0, every such kernel indirect. There
 *   an indirect dispatch costs 7.5 µs more than a direct one (13.4 against 5.9 µs, `bench/gpu-dispatch.ts
 *   --steps 300`), but an idle workgroup of the backend's kernels about 12 µs: COBA 4000 for 200 ms
 *   ran 80–114 s with its transmissions bounded (3 200 + 800 workgroups a step) against 3.1–5.8 s
 *   indirect (the CPU runs each workgroup's code; a tiny kernel's idle workgroup costs 0.6–1.7 µs).
 * @internal tests set both to 0 (every such kernel indirect) or large (every one direct).
 */
export const directDispatchTuning = { gpu: 16384, cpu: 0 };

/**
 * Whether consecutive `bounded` kernels that commute are merged into one dispatch ({@link mergeCommuting}),
 * and the most kernels one merged dispatch holds: its shader module holds all their bodies, and
 * compilers take longer than linearly on one huge function (SwiftShader had not built the
 * microcircuit at scale 0.01 with its transmissions in one module after 15 minutes); the
 * microcircuit's 296 row walks take 10.
 * @internal tests switch it off to compare.
 */
export const mergeTuning = { enabled: true, maxParts: 32 };

/**
 * `kernels` with every run of consecutive `bounded` kernels of one stage that commute (`commutes`:
 * spike transmissions adding into neurons), one row each, the same memory view, no module-scope
 * declarations and no barriers, merged into one dispatch of their bounds side by side (at most 65 535
 * workgroups and `mergeTuning.maxParts` kernels): each part's workgroups run its body as its own
 * dispatch would (`mergedKernel`). The microcircuit's hundreds of transmissions a step become a few dispatches.
 */
export function mergeCommuting(kernels: Kernel[]): Kernel[] {
  if (!mergeTuning.enabled) return kernels;
  const out: Kernel[] = [];
  let run: Kernel[] = [];
  const flush = () => {
    out.push(...(run.length > 1 ? [mergedKernel(run)] : run));
    run = [];
  };
  for (const k of kernels) {
    const d = k.dispatch;
    const ok = k.commutes === true && 'bounded' in d && d.rows === 1 && !k.decls?.length && !k.body.some((l) => l.includes('workgroupBarrier'));
    const fits = run.length > 0 && run.length < mergeTuning.maxParts && run[0].stage === k.stage && run[0].mem === k.mem
      && groupsOf(run) + (d as { groups: number }).groups <= 65535;
    if (!ok || !fits) flush();
    if (ok) run.push(k);
    else out.push(k);
  }
  flush();
  return out;
}

/** The workgroups of `bounded` kernels side by side. */
function groupsOf(run: Kernel[]): number {
  return run.reduce((n, k) => n + (k.dispatch as { groups: number }).groups, 0);
}

/**
 * One kernel for the `bounded` kernels `run`: `wid.x` picks the part; within it `wid`, `gid`,
 * `nwg` (the part's slot), `gi` and `wg` are redeclared as the part's own dispatch has them (WGSL
 * lets a block's declaration hide the function's), the workgroups beyond its count return, and the
 * part's body runs.
 */
function mergedKernel(run: Kernel[]): Kernel {
  const body = ['let _wx = wid.x;'];
  let from = 0;
  for (const k of run) {
    const d = k.dispatch as { bounded: number; groups: number };
    const a = 3 * d.bounded;
    body.push(
      `if (_wx < ${from + d.groups}u) {`,
      `  let wid = vec3<u32>(_wx - ${from}u, 0u, 0u);`,
      `  let gid = vec3<u32>(wid.x * ${WG}u + lid.x, 0u, 0u);`,
      `  let nwg = vec3<u32>(IND[${a}], IND[${a + 1}], IND[${a + 2}]);`,
      `  let gi = i32(gid.x);`,
      '  let wg = i32(wid.x);',
      '  if (wid.x >= nwg.x || wid.y >= nwg.y) { return; }',
      ...k.body.map((l) => `  ${l}`),
      '  return;',
      '}',
    );
    from += d.groups;
  }
  const name = run.length <= 4 ? run.map((k) => k.name).join('+') : `${run[0].name}+${run.length - 2}_more+${run[run.length - 1].name}`;
  return { name, stage: run[0].stage, mem: run[0].mem, dispatch: { workgroups: from }, writesIndirect: true, body };
}

/** Kernel `k` dispatched directly with the bound of its slot where it is at most `maxGroups` (and one was derived); else `k`. */
export function boundedWhereSmall(k: Kernel, maxGroups: number): Kernel {
  const d = k.dispatch;
  if (!('indirect' in d) || d.most === undefined || d.most > maxGroups) return k;
  return { ...k, dispatch: { bounded: d.indirect, groups: d.most, rows: d.rows ?? 1 }, writesIndirect: true };
}
