/**
 * Exact integration of `: event-driven` synaptic variables, as an expression every backend renders.
 *
 * Timing (a deliberate difference from ANNarchy, whose pre events decay to t−1 and post events to
 * t, a one-step asymmetry — bug B7 of the dossier): a pre-synaptic event processed in step s happens
 * at event time s (before that step's synaptic update), a post-synaptic event processed in step s at
 * event time s + 1 (after it). With these times, an event-driven trace is exactly the same trace
 * integrated exactly every step, and the STDP window is symmetric.
 */
import type { Expr } from '../equations/ast.js';
import type { EventDrivenVariable } from '../equations/description.js';

/** `steady + (x - steady) * exp(-(_elapsed * dt) / tau)` where `_elapsed` is the number of steps since the last event. */
export function eventDrivenDecay(v: EventDrivenVariable): Expr {
  const x: Expr = { kind: 'sym', name: v.name };
  const elapsed: Expr = { kind: 'binary', op: '*', left: { kind: 'sym', name: '_elapsed' }, right: { kind: 'sym', name: 'dt' } };
  const decay: Expr = { kind: 'call', name: 'exp', args: [{ kind: 'binary', op: '/', left: { kind: 'unary', op: '-', arg: elapsed }, right: v.tau }] };
  const isZero = v.steady.kind === 'num' && v.steady.value === 0;
  if (isZero) return { kind: 'binary', op: '*', left: x, right: decay };
  return { kind: 'binary', op: '+', left: v.steady, right: { kind: 'binary', op: '*', left: { kind: 'binary', op: '-', left: x, right: v.steady }, right: decay } };
}
