/**
 * The step loop in WebAssembly: `run(start, count, mode)` runs the steps of a `simulate()` stretch
 * in one call, each step the plan's schedule (`../kernels/schedule.ts`, the order js and cpp walk):
 * the module's kernels called directly, the kernels still written in JavaScript (`./kernels.ts`)
 * and the runtime's hooks through imports. What the runtime's hooks need decides the mode:
 *
 * - `quiet`: nothing listens; no hook is called.
 * - `hooks`: the three hooks are called at their points of every step (monitors of variables,
 *   firing-rate windows), as the js step function calls them.
 * - `log`: only spikes are recorded (`SpikeBatchHooks`): the module appends (population, step,
 *   rank) triples to its log (`LOG`) for the populations flagged in `LOGON`, and stops early, before
 *   a step that might not fit, so that the engine hands the log over and calls again.
 *
 * `RUN[0]` holds the number of steps run, `RUN[1]` the log's length in int32s.
 */
import type { NetworkPlan } from '../../ir/plan.js';
import { stepStages } from '../kernels/schedule.js';
import { InternalError } from '../../errors.js';
import { wasmDialect as d } from './spelling.js';
import { KernelText } from './text.js';

/** What the runtime's hooks need during a run (the `mode` argument of `run`). */
export const RUN_MODE = { quiet: 0, hooks: 1, log: 2 } as const;

/** The runtime's hooks, as the module imports them (each takes the step). */
export const HOOKS = ['recordTargets', 'afterNeurons', 'record'] as const;

/** The name a kernel or hook is imported or defined under, as `run` calls it. */
export const hookName = (hook: (typeof HOOKS)[number]) => `H_${hook}`;

/** Int32s per logged spike: population, step offset in the call, rank. */
export const LOG_ENTRY = 3;

/**
 * The log's reserve: the most int32s one step can add (every neuron of every spiking population
 * spiking), which `run` keeps free before each step.
 */
export function logReserve(plan: NetworkPlan): number {
  return LOG_ENTRY * plan.populations.reduce((n, p) => n + (p.spiking ? p.size : 0), 0);
}

/**
 * The log's length in int32s: four steps' worst case, and at least 2^16 spikes (768 KiB), so that a
 * small network's memory stays small and a handover (a js loop over the log) comes every 2^16 spikes
 * or more.
 */
export function logLength(plan: NetworkPlan): number {
  const reserve = logReserve(plan);
  return reserve === 0 ? 1 : Math.max(LOG_ENTRY << 16, 4 * reserve);
}

/**
 * The `run` function's text: parameters `start` (f64, the first step), `count` (i32) and `mode`
 * (i32, `RUN_MODE`); `kernels` are the names the schedule may call (module kernels and imported js
 * kernels alike, each taking the step).
 */
export function runKernel(plan: NetworkPlan, kernels: ReadonlySet<string>): KernelText {
  const k = new KernelText('run');
  const en = k.net('EN', 'EN');
  const stages = stepStages(plan, {
    d,
    enabled: (id) => `(aref ${en} ${id})`,
    call: (name) => {
      if (!kernels.has(name)) throw new InternalError(`wasm backend: the schedule calls ${name}, which is neither a module kernel nor a js one`);
      return `(exec ${name} step)`;
    },
    clear: (id, name, whole) => {
      const local = k.pop(`pop${id}_${name}`, id, name);
      return whole ? `(for _z 0 (length ${local}) (set! (aref ${local} _z) f:0))` : `(set! (aref ${local} 0) 0)`;
    },
  });
  const log = k.net('LOG', 'LOG');
  const logOn = k.net('LOGON', 'LOGON');
  const record = plan.populations.filter((p) => p.spiking).map((p) => {
    const spiked = k.pop(`pop${p.id}__spiked`, p.id, '_spiked');
    const n = k.pop(`pop${p.id}__nspiked`, p.id, '_nspiked');
    return [
      `(when (aref ${logOn} ${p.id}) (for _j 0 (aref ${n} 0)`,
      `(set! (aref ${log} _lp) ${p.id}) (set! (aref ${log} (+ _lp 1)) _n) (set! (aref ${log} (+ _lp 2)) (aref ${spiked} _j)) (set! _lp (+ _lp ${LOG_ENTRY}))`,
      '))',
    ].join(' ');
  });
  const hook = (h: number) => (h < HOOKS.length ? [`(when (cmp == mode ${RUN_MODE.hooks}) (exec ${hookName(HOOKS[h])} step))`] : []);
  const runInfo = k.net('RUN', 'RUN');
  k.body = [
    '(var step f64 start)',
    '(var _n i32 0)',
    '(var _lp i32 0)',
    `(while (and (cmp < _n count) (cmp <= (+ _lp ${logReserve(plan)}) (length ${log})))`,
    ...stages.flatMap((lines, s) => [
      ...lines,
      ...hook(s),
      // Spikes are logged where the `record` hook would record them: after the step's last kernels before it.
      ...(s === HOOKS.length - 1 && record.length ? [`(when (cmp == mode ${RUN_MODE.log}) ${record.join(' ')})`] : []),
    ]),
    '(set! step (+ step f:1))',
    '(set! _n (+ _n 1))',
    ')',
    `(set! (aref ${runInfo} 0) _n)`,
    `(set! (aref ${runInfo} 1) _lp)`,
  ];
  return k;
}
