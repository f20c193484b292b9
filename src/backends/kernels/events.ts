/**
 * The parts of the synaptic event kernels (pre-synaptic spikes, axonal spikes, post-synaptic spikes)
 * written once: the exact decay of `: event-driven` variables up to the event (`ir/event-driven.ts`)
 * and the event's statements (`g_target` expanded per target, `unless_post` guards). The loops that
 * find the synapses of an event (CSR rows, inverse indices, spike rings) stay with the backends.
 */
import type { ProjectionPlan } from '../../ir/plan.js';
import type { Assignment } from '../../equations/description.js';
import { renderExpr } from '../render.js';
import { eventDrivenDecay } from '../../ir/event-driven.js';
import { renderAssignment, type StatementContext } from './statements.js';
import type { Dialect } from './dialect.js';

/** What a backend provides to the event parts of projection `proj` (synapse `k`, neurons `rk_pre`/`rk_post`). */
export interface EventTarget {
  readonly d: Dialect;
  readonly ctx: StatementContext;
  /** The int32 element of the last spike step of the pre- or post-synaptic neuron. */
  lastSpike(side: 'pre' | 'post'): string;
  /** The int32 element `_last_event[k]` (declared by the call when the backend declares arrays on use). */
  lastEvent(): string;
  /** The local that the symbol `_elapsed` resolves to in `ctx.scope`. */
  elapsed: string;
}

/** Decay of the event-driven variables of synapse k up to event step `when`, then `_last_event[k] = when`. */
export function eventDecay(proj: ProjectionPlan, t: EventTarget, when: string): string[] {
  const ed = proj.description.eventDriven;
  if (ed.length === 0) return [];
  const { d } = t;
  const last = t.lastEvent();
  const lines = [d.declare(t.elapsed, d.toFloat(`(${when} - ${last})`))];
  for (const v of ed) lines.push(t.ctx.location('self', v.name).store(renderExpr(eventDrivenDecay(v), t.ctx.scope, d.expr)));
  lines.push(d.assign(last, d.toInt(when)));
  return lines;
}

/** The statements of an event, in order, `g_target` expanded into one write per target. */
export function eventStatements(proj: ProjectionPlan, statements: readonly Assignment[], t: EventTarget): string[] {
  const { d } = t;
  const out: string[] = [];
  for (const a of statements) {
    let lines = a.target === 'g_target'
      ? proj.conductances.flatMap((tgt) => renderAssignment({ ...a, target: `g_${tgt}` }, t.ctx, d))
      : renderAssignment(a, t.ctx, d);
    // `unless_post`: not when the post-synaptic neuron spiked in the same step.
    if (a.unlessPost) lines = d.ifBlock(d.cmp('!=', t.lastSpike('pre'), t.lastSpike('post')), lines);
    out.push(...lines);
  }
  return out;
}
