/**
 * The table of arrays of the plan: every array of every population's and projection's state, with
 * its type, its length (and the formula that gives it), its role and the kernels that write it
 * (taken from the schedule, so that the two never disagree). Allocation (`runtime/state.ts`) and
 * the backends' memory layouts read the same names; the table is the one place that lists them.
 */
import type { ArrayDtype, ArrayPlan, ArrayRef, ArrayRole, KernelKind, KernelStep, PopulationPlan, Precision, ProjectionPlan } from './plan.js';
import type { PopulationRecord } from '../core/records.js';
import { isGlobalAttribute, type Attribute } from '../equations/description.js';

type Row = Omit<ArrayPlan, 'owner' | 'id' | 'writtenBy'>;

/** Formula and role of the arrays that input classes put in the state (`src/inputs/`). */
const INPUT_ARRAYS: Record<string, { formula: string; role: ArrayRole }> = {
  _ssa_ptr: { formula: 'size + 1', role: 'input-data' },
  _ssa_steps: { formula: 'data', role: 'input-data' },
  _ssa_next: { formula: 'size', role: 'input-counter' },
  _ssa_t: { formula: '1', role: 'input-counter' },
  _ta_buffer: { formula: 'blocks × size', role: 'input-data' },
  _ta_schedule: { formula: 'blocks', role: 'input-data' },
  _ta_period: { formula: '1', role: 'input-data' },
  _ta_t: { formula: '1', role: 'input-counter' },
  _ta_block: { formula: '1', role: 'input-counter' },
};

/** The element type of an attribute's array: float attributes follow the precision; int and bool keep float64 (exact integers). */
function attributeDtype(a: Attribute, precision: Precision): ArrayDtype {
  return precision === 'float32' && a.type === 'float' ? 'f32' : 'f64';
}

function populationRows(p: PopulationPlan, record: PopulationRecord | undefined, precision: Precision): Row[] {
  const d = p.description;
  const rows: Row[] = d.attributes.map((a) => ({
    name: a.name, dtype: attributeDtype(a, precision), length: a.locality === 'global' ? 1 : p.size, lengthFormula: a.locality === 'global' ? '1' : 'size',
    role: 'attribute', locality: a.locality,
  }));
  for (const a of record?.inputArrays ?? []) {
    const known = INPUT_ARRAYS[a.name];
    rows.push({ name: a.name, dtype: a.dtype, length: a.length, lengthFormula: known?.formula ?? 'data', role: known?.role ?? 'input-data' });
  }
  const one = (name: string, dtype: 'f64' | 'i32', role: ArrayRole): Row => ({ name, dtype, length: 1, lengthFormula: '1', role });
  const perNeuron = (name: string, dtype: 'f64' | 'i32', role: ArrayRole): Row => ({ name, dtype, length: p.size, lengthFormula: 'size', role });
  for (const t of p.sumTargets) rows.push(perNeuron(`_sum_${t}`, 'f64', 'sum'));
  for (const r of d.randoms) rows.push(r.locality === 'global' ? one(`_rand_${r.id}`, 'f64', 'random') : perNeuron(`_rand_${r.id}`, 'f64', 'random'));
  const ops = new Set<string>();
  for (const g of p.globalOps) ops.add(`_${g.op}_${g.variable}`);
  for (const name of ops) rows.push(one(name, 'f64', 'global-op'));
  if (p.spiking) {
    rows.push(perNeuron('_spiked', 'i32', 'spikes'), one('_nspiked', 'i32', 'spike-count'));
    rows.push(perNeuron('_last_spike', 'i32', 'last-spike'), perNeuron('_refr_left', 'i32', 'refractory'));
    if (d.axonSpike) rows.push(perNeuron('_axon_spiked', 'i32', 'spikes'), one('_naxon', 'i32', 'spike-count'));
  }
  if (p.special?.kind === 'poisson' || p.special?.kind === 'timed-poisson') {
    rows.push(perNeuron('_poisson_next', 'f64', 'input-counter'), perNeuron('_poisson_rate', 'f64', 'input-counter'));
  }
  if (p.delayedVariables.length) {
    rows.push(one('_delay_idx', 'i32', 'delay-counter'), one('_delay_len', 'i32', 'delay-counter'));
    for (const v of p.delayedVariables) {
      const global = isGlobalAttribute(d, v);
      const attr = d.attributes.find((a) => a.name === v);
      rows.push({
        name: `_delayed_${v}`, dtype: attr ? attributeDtype(attr, precision) : 'f64', length: p.maxDelay * (global ? 1 : p.size),
        lengthFormula: global ? 'maxDelay' : 'maxDelay × size', role: 'delay-ring',
      });
    }
  }
  if (p.spikeQueue) {
    rows.push({ name: '_spike_queue', dtype: 'i32', length: p.maxDelay * p.size, lengthFormula: 'maxDelay × size', role: 'spike-queue' });
    rows.push({ name: '_spike_queue_n', dtype: 'i32', length: p.maxDelay, lengthFormula: 'maxDelay', role: 'spike-queue-counter' });
    rows.push(one('_spike_queue_idx', 'i32', 'spike-queue-counter'));
  }
  return rows;
}

function projectionRows(p: ProjectionPlan, pops: readonly PopulationPlan[], precision: Precision): Row[] {
  const d = p.description;
  const counts = { local: p.synapses, semiglobal: p.dendrites, global: 1 };
  const formulas = { local: 'synapses', semiglobal: 'dendrites', global: '1' };
  const rows: Row[] = d.attributes.map((a) => {
    // Shared weights (Convolution, Pooling, Copy): `w` is the filter bank, one copy for every neuron.
    if (a.name === 'w' && p.special?.kind === 'shared') return { name: 'w', dtype: attributeDtype(a, precision), length: p.special.weights, lengthFormula: 'filter', role: 'attribute', locality: 'global' };
    const locality = a.name === 'w' && p.singleWeight ? 'global' : a.locality;
    return { name: a.name, dtype: attributeDtype(a, precision), length: counts[locality], lengthFormula: formulas[locality], role: 'attribute', locality };
  });
  const row = (name: string, dtype: 'f64' | 'i32', length: number, lengthFormula: string, role: ArrayRole, derivedFrom?: string[]): Row =>
    (derivedFrom ? { name, dtype, length, lengthFormula, role, derivedFrom } : { name, dtype, length, lengthFormula, role });
  rows.push(
    row('_row_ptr', 'i32', p.dendrites + 1, 'dendrites + 1', 'connectivity'),
    row('_post_rank', 'i32', p.dendrites, 'dendrites', 'connectivity'),
    row('_pre_rank', 'i32', p.synapses, 'synapses', 'connectivity'),
    row('_syn_dendrite', 'i32', p.synapses, 'synapses', 'derived-index', ['_row_ptr']),
    row('_dendrite_of_post', 'i32', pops[p.post].size, 'post.size', 'derived-index', ['_post_rank']),
  );
  if (p.type === 'spike') {
    rows.push(
      row('_inv_ptr', 'i32', pops[p.pre].size + 1, 'pre.size + 1', 'derived-index', ['_pre_rank']),
      row('_inv_idx', 'i32', p.synapses, 'synapses', 'derived-index', ['_pre_rank']),
    );
    if (d.eventDriven.length) rows.push(row('_last_event', 'i32', p.synapses, 'synapses', 'event-clock'));
  }
  rows.push(row('_delay_uniform', 'i32', 1, '1', 'delay'));
  if (p.delay.kind === 'variable') rows.push(row('_delay', 'i32', p.synapses, 'synapses', 'delay'));
  if (p.special?.kind === 'decoding') {
    rows.push(
      row('_dec_hist', 'f64', p.special.windowSteps * p.dendrites, 'window × dendrites', 'input-counter'),
      row('_dec_idx', 'i32', 1, '1', 'input-counter'),
    );
  }
  if (p.special?.kind === 'shared') {
    const n = pops[p.post].size;
    rows.push(
      row('_sh_pre', 'i32', n * p.special.window, 'window × post.size', 'connectivity'),
      row('_sh_wofs', 'i32', n, 'post.size', 'connectivity'),
    );
    if (p.special.indexed) rows.push(row('_sh_widx', 'i32', n * p.special.window, 'window × post.size', 'connectivity'));
  }
  if (p.procedural) {
    rows.push(
      row('_proc_post', 'i32', p.procedural.candidates.length, 'data', 'connectivity'),
      row('_proc_table', 'i32', p.procedural.table.length + p.procedural.buckets.length, 'data', 'connectivity'),
    );
    if (p.procedural.preMember) rows.push(row('_proc_member', 'i32', pops[p.pre].size, 'pre.size', 'connectivity'));
    if (p.procedural.selfIndices) rows.push(row('_proc_self', 'i32', pops[p.pre].size, 'pre.size', 'connectivity'));
  }
  for (const r of d.randoms) rows.push(row(`_rand_${r.id}`, 'f64', counts[r.locality], formulas[r.locality], 'random'));
  return rows;
}

/** Adds the `writtenBy` column from the schedule. */
function withWriters(owner: 'pop' | 'proj', id: number, rows: Row[], writers: Map<string, KernelKind[]>): ArrayPlan[] {
  return rows.map((r) => ({ owner, id, ...r, writtenBy: writers.get(`${owner}:${id}:${r.name}`) ?? [] }));
}

/** The table of arrays: populations then projections, each in allocation order. */
export function planArrays(
  pops: readonly PopulationPlan[], projs: readonly ProjectionPlan[], records: readonly PopulationRecord[], schedule: readonly KernelStep[],
  precision: Precision = 'float64',
): ArrayPlan[] {
  const writers = new Map<string, KernelKind[]>();
  const key = (r: ArrayRef) => `${r.owner}:${r.id}:${r.name}`;
  for (const k of schedule) {
    for (const w of k.writes) {
      const list = writers.get(key(w)) ?? [];
      if (!list.includes(k.kind)) list.push(k.kind);
      writers.set(key(w), list);
    }
  }
  return [
    ...pops.flatMap((p) => withWriters('pop', p.id, populationRows(p, records.find((r) => r.id === p.id), precision), writers)),
    ...projs.flatMap((p) => withWriters('proj', p.id, projectionRows(p, pops, precision), writers)),
  ];
}
