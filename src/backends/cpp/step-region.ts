/**
 * One OpenMP region for the first two stages of a step, where they allow it: every thread walks its
 * post-synaptic range of each transmission (`proj<id>_share`), then integrates and tests its block of
 * each population (`pop<id>_share`), with no join in between: the block split is the ranges' split,
 * so a thread only reads back what it wrote. After the join the blocks' spikes are gathered in
 * neuron order (`pop<id>_gather`). The kernels are the ones each stage's own regions run
 * (`pop<id>_update`, `proj<id>_transmit`), so the values are theirs, bit for bit; only the forks
 * change: one a step instead of one per kernel (a fork and join of polling threads costs ≈ 1 µs,
 * a fifth of COBA 20 000's step on two threads). `nx_run` takes it; `nx_stage`, which the runtime
 * calls when it has hooks to run between the stages, keeps the stages' own kernels.
 */
import type { KernelStep, NetworkPlan } from '../../ir/plan.js';
import { scheduleStages, spikeCounters } from '../kernels/schedule.js';
import { runsInThreadBlocks } from '../kernels/thread-blocks.js';
import { sharesStepRegion, spikeTransmissionKernel } from './projection.js';
import type { ArrayTable } from './arrays.js';
import { drawsPerNeuron, randomKernel } from './phases.js';

/** The step region's kernels (the transmissions' shares) and `nx_step_region`, or undefined where the stages do not allow one. */
export interface StepRegion {
  kernels: string[];
  /** Source of `static void nx_step_region(Net* N, int64_t step)`: stages 0 and 1 of a step. */
  source: string;
}

/**
 * The step region of `plan` on `table.threads` threads: when stage 0 is only transmissions that
 * share it (`sharesStepRegion`) and stage 1 only neuron updates of populations in thread blocks
 * without global equations (those run once, before the blocks, on one thread) and their draws
 * (one per neuron: each thread draws its block's, keyed by element as the whole array's).
 */
export function stepRegion(plan: NetworkPlan, table: ArrayTable): StepRegion | undefined {
  const threads = table.threads;
  if (threads < 2) return undefined;
  const [first, second] = scheduleStages(plan);
  if (!first || !second) return undefined;
  const transmissions = first.runs.flatMap((r) => r.steps);
  const updates = second.runs.flatMap((r) => r.steps);
  if (updates.length === 0) return undefined;
  if (!transmissions.every((s) => s.kind === 'transmission' && s.owner === 'proj' && sharesStepRegion(plan.projections[s.id], plan, threads))) return undefined;
  const blocks = (id: number) => {
    const pop = plan.populations[id];
    return runsInThreadBlocks(pop, threads) && !pop.description.sections.some((sec) => sec.locality === 'global' && sec.steps.length > 0);
  };
  const shares = (s: KernelStep) => s.owner === 'pop' && blocks(s.id) && (s.kind === 'neuron' || (s.kind === 'random' && drawsPerNeuron(plan.populations[s.id])));
  if (!updates.every(shares)) return undefined;
  const neurons = updates.filter((s) => s.kind === 'neuron');

  const gate = (enabledBy: number | undefined, call: string) => (enabledBy === undefined ? call : `if (EN[${enabledBy}]) ${call}`);
  const region = [
    ...transmissions.map((s) => gate(s.enabledBy, `proj${s.id}_share(N, step, _t, _nt);`)),
    ...updates.map((s) => gate(s.enabledBy, s.kind === 'random' ? `pop${s.id}_random_share(N, step, _t, _nt);` : `pop${s.id}_share(N, step, _t, _nt, _count${s.id});`)),
  ];
  const after = neurons.flatMap((s) => {
    const gather = `pop${s.id}_gather(N, _count${s.id}, _blocks);`;
    if (s.enabledBy === undefined) return [gather];
    const clears = spikeCounters(plan.populations[s.id]).map((n) => `${table.ptr('pop', s.id, n)}[0] = 0;`);
    return [`if (EN[${s.enabledBy}]) ${gather} else { ${clears.join(' ')} }`];
  });
  const source = [
    'static void nx_step_region(Net* N, int64_t step) {',
    '  const uint8_t* EN = (const uint8_t*)N->a[NX_ENABLED]; (void)EN;',
    `  ${neurons.map((s) => `int32_t _count${s.id}[${threads}];`).join(' ')} int64_t _blocks = 1;`,
    `  #pragma omp parallel num_threads(${threads})`,
    '  {',
    '    const int64_t _nt = omp_get_num_threads(), _t = omp_get_thread_num();',
    '    if (_t == 0) _blocks = _nt;',
    ...region.map((l) => `    ${l}`),
    '  }',
    ...after.map((l) => `  ${l}`),
    '}',
  ].join('\n');
  const kernels = [
    ...transmissions.map((s) => spikeTransmissionKernel(plan.projections[s.id], plan, table, true)),
    ...updates.filter((s) => s.kind === 'random').map((s) => randomKernel({ kind: 'pop', plan: plan.populations[s.id] }, plan, table, true)!),
  ];
  return { kernels, source };
}
