/**
 * The kernels of the special inputs of `src/inputs/` written once: TimedArray (and the first half of
 * TimedPoissonPopulation), the geometric-waiting-time PoissonPopulation, SpikeSourceArray and
 * DecodingProjection. Their semantics, and the arrays they read and write, are specified next to
 * `SpecialPopulation` and `SpecialProjection` in `ir/plan.ts`; here they are spelled once against the
 * `Dialect`, in parts a backend lays out: the per-element part (neuron `i`, dendrite `i`) in one loop
 * (js, cpp) or one invocation per element (webgpu), the counters once per step after it. A backend
 * gives the places (`SpecialTarget`): array elements, lengths, the spike list, the step, and the
 * two operations whose spelling is not an expression of the language (the geometric draw, and
 * whether a rate changed, NaN included).
 */
import type { PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import { randomStream } from '../../random/streams.js';
import { renderArith } from '../render.js';
import type { Dialect, ListRef } from './dialect.js';
import { InternalError } from '../../errors.js';
import { isGlobalAttribute } from '../../equations/description.js';
import { refractoryPeriod } from './neuron.js';

/** What a backend provides to the special kernels. */
export interface SpecialTarget {
  readonly d: Dialect;
  /** The lvalue of element `idx` (an int value) of array `name` of population or projection `id`. */
  el(owner: 'pop' | 'proj', id: number, name: string, idx: string): string;
  /** The number of elements of that array, as an int value: input data may change length between runs. */
  length(owner: 'pop' | 'proj', id: number, name: string): string;
  /** The spike list of population `id` (its counter as the backend keeps it: a local, or an atomic one). */
  spikes(id: number): ListRef;
  /** The current step, an integer value (stored into int32 elements through `d.toInt`). */
  step: string;
  /** How `dt` is spelled (ms). */
  dt: string;
  /** The spike probability per step of a rate of 1 Hz, `dt / 1000`, in the float type. */
  perHz: string;
  /**
   * The geometric waiting time (steps, a float; "never" is +∞ or the largest float) of one
   * Bernoulli(`p`) trial per step, drawn for neuron `i` in the current step from random stream
   * `stream` with draw number `drawId` (the backend's `geom` helper).
   */
  geom(p: string, stream: number, drawId: 0 | 1): string;
  /** Whether float `a` differs from float `b`, a NaN differing from every value (a reset stores NaN). */
  changed(a: string, b: string): string;
  /**
   * The same places read four elements from `i` at once (float64 arrays only), for the guard of a
   * `Dialect.forGuarded` loop whose dialect takes vectors (cpp); absent where the dialect tests the
   * scalar guard on several elements itself (wasm).
   */
  lanes?(): SpecialTarget;
}

/** `a + b` of int values (indices, steps, counters). */
function add(t: SpecialTarget, a: string, b: string): string {
  return renderArith(t.d.expr, '+', a, b);
}

/** The parts of a TimedArray step copying its blocks into attribute `into` of population `pop`. */
export interface TimedArrayParts {
  /** The counters read (`_bl`, `_tt`) and `_go`: whether a block starts this step (nothing written yet). */
  read: string[];
  /** Under `_go`: element `i` of the starting block copied into the attribute. */
  copy: string[];
  /** After the copy, once: the block index and the clock advanced (the clock wraps with the period). */
  advance: string[];
}

/** TimedArray (`ir/plan.ts` `timed-array`): the block starting this step replaces `into`, then the counters advance. */
export function timedArrayParts(pop: PopulationPlan, into: string, t: SpecialTarget): TimedArrayParts {
  const { d } = t;
  const el = (name: string, idx: string) => t.el('pop', pop.id, name, idx);
  const block = el('_ta_block', '0');
  const clock = el('_ta_t', '0');
  return {
    read: [
      d.declare('_bl', block, { type: 'index' }),
      d.declare('_tt', clock, { type: 'int' }),
      // The last block stays when the schedule ends: no block starts past it.
      d.declare('_go', d.and(d.cmp('<', '_bl', t.length('pop', pop.id, '_ta_schedule')), d.cmp('==', '_tt', el('_ta_schedule', '_bl'))), { type: 'bool' }),
    ],
    copy: [d.assign(el(into, 'i'), el('_ta_buffer', add(t, renderArith(d.expr, '*', '_bl', String(pop.size)), 'i')))],
    advance: [
      d.ifLine('_go', d.assign(block, d.toInt(add(t, '_bl', '1')))),
      d.declare('_per', el('_ta_period', '0'), { type: 'int' }),
      ...d.ifBlock(
        d.and(d.cmp('>', '_per', '0'), d.cmp('==', '_tt', renderArith(d.expr, '-', '_per', '1'))),
        [d.assign(clock, '0'), d.assign(block, '0')],
        [d.assign(clock, add(t, '_tt', '1'))],
      ),
    ],
  };
}

/** The parts of a Poisson step: `before` once (before the neurons), `neuron` for neuron `i`. */
export interface PoissonParts {
  before: string[];
  neuron: string[];
  /**
   * Whether `neuron` does anything for neuron `i` (its rate changed, or its next spike is due): a
   * pure condition, false for almost every neuron and step, that a backend may test several
   * neurons at a time (`Dialect.forGuarded`).
   */
  guard: string;
}

/** The refractory period of a Poisson population in steps, as a float (the neuron kernel's rounding and saturation), if any. */
function refractorySteps(pop: PopulationPlan, t: SpecialTarget): string | undefined {
  const period = refractoryPeriod(pop, t.d, (name) => t.el('pop', pop.id, name, isGlobalAttribute(pop.description, name) ? '0' : 'i'), t.dt);
  return period === undefined ? undefined : t.d.toFloat(period);
}

/**
 * PoissonPopulation (`ir/plan.ts` `poisson`): neuron i keeps the step of its next spike. A new rate
 * (or a reset) redraws the waiting time from now, after any refractory period (memorylessness makes
 * this exact); a spike draws the next one after the refractory period.
 */
export function poissonParts(pop: PopulationPlan, t: SpecialTarget): PoissonParts {
  const { d } = t;
  const el = (name: string, idx: string) => t.el('pop', pop.id, name, idx);
  const stream = randomStream('pop', pop.id);
  const refr = refractorySteps(pop, t);
  const global = isGlobalAttribute(pop.description, 'rates');
  const drawn = el('_poisson_rate', 'i');
  const next = el('_poisson_next', 'i');
  const last = el('_last_spike', 'i');
  const step = d.toFloat(t.step);
  const one = d.expr.number(1);
  const plusRefr = (x: string) => (refr === undefined ? x : renderArith(d.expr, '+', x, refr));
  const from = d.expr.call('max', [step, renderArith(d.expr, '+', plusRefr(d.toFloat(last)), one)]);
  const rate = el('rates', global ? '0' : 'i');
  return {
    before: [d.declare('_q', t.perHz)],
    guard: d.or(t.changed(rate, drawn), d.cmp('<=', next, step)),
    neuron: [
      d.declare('_r', rate),
      d.declare('_p', renderArith(d.expr, '*', '_r', '_q')),
      ...d.ifBlock(t.changed('_r', drawn), [
        d.assign(drawn, '_r'),
        d.declare('_from', from),
        d.assign(next, renderArith(d.expr, '+', renderArith(d.expr, '-', '_from', one), t.geom('_p', stream, 1))),
      ]),
      ...d.ifBlock(d.cmp('<=', next, step), [
        ...d.append(t.spikes(pop.id), 'i'),
        d.assign(last, d.toInt(t.step)),
        d.assign(next, renderArith(d.expr, '+', plusRefr(step), t.geom('_p', stream, 0))),
      ]),
    ],
  };
}

/** The parts of a SpikeSourceArray step: `read` once before the neurons, `neuron` for neuron i, `advance` once after. */
export interface SpikeSourceArrayParts {
  read: string[];
  neuron: string[];
  advance: string[];
}

/**
 * SpikeSourceArray (`ir/plan.ts` `spike-source-array`): neuron i passes its spike steps up to the
 * clock `_t0` and spikes when the last one passed is `_t0` (the steps are sorted: equal steps give
 * one spike, steps already past, after new spike times, none); then the clock advances.
 */
export function spikeSourceArrayParts(pop: PopulationPlan, t: SpecialTarget): SpikeSourceArrayParts {
  const { d } = t;
  const el = (name: string, idx: string) => t.el('pop', pop.id, name, idx);
  const due = d.and(d.cmp('<', '_k', '_e'), d.cmp('<=', el('_ssa_steps', '_k'), '_t0'));
  return {
    read: [d.declare('_t0', el('_ssa_t', '0'), { type: 'int' })],
    neuron: [
      d.declare('_k', el('_ssa_next', 'i'), { mutable: true, type: 'int' }),
      d.declare('_e', el('_ssa_ptr', add(t, 'i', '1')), { type: 'int' }),
      ...d.ifBlock(due, [
        ...d.whileLoop(due, [d.assign('_k', add(t, '_k', '1'))]),
        d.assign(el('_ssa_next', 'i'), '_k'),
        ...d.ifBlock(d.cmp('==', el('_ssa_steps', renderArith(d.expr, '-', '_k', '1')), '_t0'), [
          ...d.append(t.spikes(pop.id), 'i'),
          d.assign(el('_last_spike', 'i'), d.toInt(t.step)),
        ]),
      ]),
    ],
    advance: [d.assign(el('_ssa_t', '0'), add(t, '_t0', '1'))],
  };
}

/** The parts of a DecodingProjection step (`_slot`, `_nd` are declared by `read`). */
export interface DecodingParts {
  /** The ring slot of this step and the number of dendrites. */
  read: string[];
  /** The slot's column cleared, then the weights of the pre-synaptic spikes of this step added per dendrite. */
  count: string[];
  /** For dendrite `i`: the mean rate over the window added to the post-synaptic sum. */
  dendrite: string[];
  /** Once, after the dendrites: the ring slot advanced. */
  advance: string[];
}

/**
 * DecodingProjection (`ir/plan.ts` `decoding`): the weights of the arriving spikes (pre `_spiked`,
 * through the inverse indices) summed per dendrite into the ring slot, then per dendrite
 * `Σ ring column / window · 1000 / dt / synapses` added to `_sum_<target>`.
 */
export function decodingParts(proj: ProjectionPlan, t: SpecialTarget): DecodingParts {
  if (proj.special?.kind !== 'decoding') throw new InternalError(`projection '${proj.name}' is not a decoding projection`);
  const { d } = t;
  const W = proj.special.windowSteps;
  const el = (name: string, idx: string) => t.el('proj', proj.id, name, idx);
  const hist = (idx: string) => el('_dec_hist', idx);
  const cell = hist(add(t, '_base', el('_syn_dendrite', '_kk')));
  const rows = d.toFloat(renderArith(d.expr, '-', el('_row_ptr', add(t, 'i', '1')), el('_row_ptr', 'i')));
  const mean = [['/', d.expr.number(W)], ['*', d.expr.number(1000)], ['/', t.dt], ['/', rows]] as const;
  const sum = t.el('pop', proj.post, `_sum_${proj.targets[0]}`, el('_post_rank', 'i'));
  return {
    read: [
      d.declare('_slot', el('_dec_idx', '0'), { type: 'index' }),
      d.declare('_nd', t.length('proj', proj.id, '_post_rank'), { type: 'index' }),
      d.declare('_base', renderArith(d.expr, '*', '_slot', '_nd'), { type: 'index' }),
    ],
    count: [
      ...d.forRange('i', '_nd', [d.assign(hist(add(t, '_base', 'i')), d.expr.number(0))]),
      d.declare('_n', t.el('pop', proj.pre, '_nspiked', '0'), { type: 'index' }),
      ...d.forRange('s', '_n', [
        d.declare('_rk', t.el('pop', proj.pre, '_spiked', 's'), { type: 'index' }),
        d.declare('_m0', el('_inv_ptr', '_rk'), { type: 'index' }),
        d.declare('_mn', renderArith(d.expr, '-', el('_inv_ptr', add(t, '_rk', '1')), '_m0'), { type: 'index' }),
        ...d.forRange('m', '_mn', [
          d.declare('_kk', el('_inv_idx', add(t, '_m0', 'm')), { type: 'index' }),
          d.assign(cell, renderArith(d.expr, '+', cell, el('w', proj.singleWeight ? '0' : '_kk'))),
        ]),
      ]),
    ],
    dendrite: [
      d.declare('_a', d.expr.number(0), { mutable: true }),
      ...d.forRange('b', String(W), [d.assign('_a', renderArith(d.expr, '+', '_a', hist(add(t, renderArith(d.expr, '*', 'b', '_nd'), 'i'))))]),
      d.assign(sum, renderArith(d.expr, '+', sum, mean.reduce((acc, [op, v]) => renderArith(d.expr, op, acc, v), '_a'))),
    ],
    advance: [d.assign(el('_dec_idx', '0'), d.toInt(d.select(d.cmp('<', add(t, '_slot', '1'), String(W)), add(t, '_slot', '1'), '0')))],
  };
}

/**
 * The sequential layout (js, cpp) of a special population's kernel body: the TimedArray block
 * copied in one loop, the neurons in one loop with the spike counter a local of the kernel
 * (`t.spikes(id).count`, declared here and stored into `_nspiked` after the loop).
 */
export function sequentialPopulationBody(pop: PopulationPlan, t: SpecialTarget): string[] {
  const { d } = t;
  const special = pop.special!;
  const neurons = (body: string[], guard?: string) => {
    const count = t.spikes(pop.id).count;
    const n = String(pop.size);
    const loop = guard !== undefined && d.forGuarded ? d.forGuarded('i', n, guard, body) : d.forRange('i', n, body);
    return [d.declare(count, '0', { mutable: true, type: 'int' }), ...loop, d.assign(t.el('pop', pop.id, '_nspiked', '0'), count)];
  };
  const timed = (into: string) => {
    const ta = timedArrayParts(pop, into, t);
    return d.block([...ta.read, ...d.ifBlock('_go', d.forRange('i', String(pop.size), ta.copy)), ...ta.advance]);
  };
  const poisson = () => {
    const p = poissonParts(pop, t);
    return [...p.before, ...neurons(p.neuron, t.lanes ? poissonParts(pop, t.lanes()).guard : p.guard)];
  };
  switch (special.kind) {
    case 'spike-source-array': {
      const p = spikeSourceArrayParts(pop, t);
      return [...p.read, ...neurons(p.neuron), ...p.advance];
    }
    case 'timed-array': return timed(special.into);
    case 'poisson': return poisson();
    case 'timed-poisson': return [...timed('rates'), ...poisson()];
  }
}

/** The sequential layout (js, cpp) of a DecodingProjection's kernel body (after the transmission switch). */
export function sequentialDecodingBody(proj: ProjectionPlan, t: SpecialTarget): string[] {
  const p = decodingParts(proj, t);
  return [...p.read, ...p.count, ...t.d.forRange('i', '_nd', p.dendrite), ...p.advance];
}
