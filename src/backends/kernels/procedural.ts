/**
 * The spike walk of a procedural projection (connectors/procedural.ts) written once: each spike's
 * row is regenerated — the candidates `_proc_post` visited by gaps (geometric for a fixed-probability
 * rule; a fixed-number rule's thinned Bernoulli row, the same loop: the backend's `gap` differs), each kept synapse `m`
 * drawing its weight (and delay) — and the synapse's `pre_spike` code runs with `w` a local. Spikes
 * in emission order and the synapses of each in ascending post rank, as the stored form's inverse
 * walk visits them, so the same network stored (`procedural: 'stored'`) adds in the same order.
 *
 * Per-synapse delays keep no ring of synapses in flight: the pre-synaptic spike queue is read at
 * every delay d from the largest down to 1 (the spikes whose synapses of delay d arrive now), each
 * row regenerated and only its synapses of delay d run — the order in which the stored form's ring
 * delivers them (earlier spikes first). A spike is regenerated once per possible delay.
 *
 * The draws themselves are each backend's (`ProceduralDraws`): the same Philox blocks and formulas.
 * A GPU spreads the loops (`LoopTarget.spread.spikes`, {@link ProceduralSpread}): one invocation per
 * spike, each regenerating its row in order (the gaps come one after the other), and the delays of
 * per-synapse delays in parallel; each (spike, delay) is still walked once.
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { spreadLoops, type LoopTarget } from './synapse-loops.js';
import { spikeSource, spikeSourceAt, type SpikeSourceTarget } from './transmission.js';
import { renderArith } from '../render.js';

/** How a backend draws the values of synapse `m` (an int local) of the row of pre-synaptic rank `pre`. */
export interface ProceduralDraws {
  /**
   * Lines that start the gaps of row `pre` (before its first {@link ProceduralDraws.gap}); `self`
   * (an int value) is, for a fixed-number rule without self-connections, `pre`'s index among the
   * candidates (any value outside [0, candidates) when it is none of them), else `-1`.
   */
  rowStart(pre: string, self: string): string[];
  /** The next geometric gap of row `pre`, started (an int value; each use draws). */
  gap(pre: string): string;
  /** The weight of synapse `m` (a float value); asked only when the weights are drawn. */
  weight(pre: string, m: string): string;
  /** The delay of synapse `m` in steps (an int value); asked only for per-synapse delays. */
  delay(pre: string, m: string): string;
  /** The name of the local holding the synapse's weight (the name `w` resolves to in the kernel's scope). */
  weightLocal: string;
}

const idx = { type: 'index' } as const;

/** The names a procedural projection's event code reads as locals of the walk: `w` when it is drawn (a number weight stays the array's one value). */
export function proceduralTemps(proj: ProjectionPlan): string[] {
  return proj.procedural !== undefined && typeof proj.procedural.weights !== 'number' ? ['w'] : [];
}

/** The walk over one row: `event` for each kept synapse (with `w` declared when drawn): not onto itself, of delay `delayIs` when given. */
function rowWalk(proj: ProjectionPlan, net: NetworkPlan, t: LoopTarget, draws: ProceduralDraws, event: string[], delayIs?: string): string[] {
  const { d } = t;
  const rule = proj.procedural!;
  const conds: string[] = [];
  if (rule.removeSelf) conds.push(d.cmp('!=', 'rk_post', 'rk_pre'));
  if (delayIs) conds.push(d.cmp('==', draws.delay('rk_pre', '_m'), delayIs));
  const body = [
    // Drawn as the stored form draws them, and in float32 precision rounded as the stored form keeps them.
    ...(typeof rule.weights === 'number' ? [] : [d.declare(draws.weightLocal, net.precision === 'float32' ? d.roundToFloat32(draws.weight('rk_pre', '_m')) : draws.weight('rk_pre', '_m'))]),
    ...event,
  ];
  return [
    ...draws.rowStart('rk_pre', selfIndex(proj, t)),
    d.declare('_m', '0', { mutable: true, type: 'int' }),
    d.declare('_j', draws.gap('rk_pre'), { mutable: true, type: 'int' }),
    ...d.whileLoop(d.cmp('<', '_j', '_nc'), [
      d.declare('rk_post', rule.consecutiveFrom !== undefined ? renderArith(d.expr, '+', String(rule.consecutiveFrom), '_j') : t.el('_proc_post', '_j'), idx),
      ...(conds.length ? d.ifBlock(conds.reduce((a, b) => d.and(a, b)), body) : body),
      d.assign('_m', renderArith(d.expr, '+', '_m', '1')),
      d.assign('_j', renderArith(d.expr, '+', renderArith(d.expr, '+', '_j', '1'), draws.gap('rk_pre'))),
    ]),
  ];
}

/**
 * The index of `rk_pre` among the candidates that a fixed-number row without self-connections
 * skips (connectors/procedural.ts `ChosenGaps`): `rk_pre − first` of consecutive candidates (out of
 * range when it is none), else read from `_proc_self`; `-1` for any other rule.
 */
function selfIndex(proj: ProjectionPlan, t: LoopTarget): string {
  const rule = proj.procedural!;
  if (rule.kind !== 'number' || !rule.removeSelf) return '-1';
  if (rule.consecutiveFrom !== undefined) return renderArith(t.d.expr, '-', 'rk_pre', String(rule.consecutiveFrom));
  return rule.selfIndices ? t.el('_proc_self', 'rk_pre') : '-1';
}

/**
 * The spikes `src(s)`, s in [0, ns), each row regenerated (members of the pre-synaptic side only);
 * the loop over the spikes is the target's `spread.spikes` where it has one (a GPU: one invocation
 * per spike, each walking its row in order), else the dialect's.
 */
function spikesWalk(proj: ProjectionPlan, net: NetworkPlan, t: LoopTarget, draws: ProceduralDraws, src: (s: string) => string, ns: string, event: string[], delayIs?: string): string[] {
  const { d } = t;
  const row = rowWalk(proj, net, t, draws, event, delayIs);
  return spreadLoops(t).spikes('s', ns, [
    d.declare('rk_pre', src('s'), idx),
    ...(proj.procedural!.preMember ? d.ifBlock(d.cmp('!=', t.el('_proc_member', 'rk_pre'), '0'), row) : row),
  ]);
}

/**
 * How a backend spreads the delays of a per-synapse-delay walk over parallel invocations (a GPU:
 * one row of workgroups per delay); absent, the delays are a sequential loop. Only the order
 * between delays changes: each (spike, delay) pair is walked once either way.
 */
export interface ProceduralSpread {
  /** The loop over `dq` in [0, n) (delay `n − dq`, from the largest down). */
  delays?(dq: string, n: string, body: string[]): string[];
}

/**
 * The procedural spike walk of `proj`: the spikes its (uniform) delay chooses, or for per-synapse
 * delays the spike queue at every delay; `source` makes the spikes the source (the backend's arrays,
 * as for the stored walk: `_src`-like locals the caller declares), `src(s)` spike `s` of the chosen
 * source and `ns` their number. `spread` lays the loop over the delays out in parallel (see
 * {@link ProceduralSpread}).
 */
export function proceduralWalk(proj: ProjectionPlan, net: NetworkPlan, t: LoopTarget, draws: ProceduralDraws, source: SpikeSourceTarget, src: (s: string) => string, ns: string, event: string[], spread: ProceduralSpread = {}): string[] {
  const { d } = t;
  const head = d.declare('_nc', String(proj.procedural!.candidates.length), idx);
  if (proj.delay.kind !== 'variable') return [head, ...spikeSource(proj, source), ...spikesWalk(proj, net, t, draws, src, ns, event)];
  const max = proj.delay.maxSteps;
  const delays = spread.delays ?? ((dq: string, n: string, body: string[]) => d.forRange(dq, n, body));
  // Delays from the largest down: the spikes of each, then their synapses of that delay.
  return [head, ...delays('_dq', String(max), [
    d.declare('_dd', renderArith(d.expr, '-', String(max), '_dq'), { type: 'int' }),
    ...spikeSourceAt(source, '_dd'),
    ...spikesWalk(proj, net, t, draws, src, ns, event, '_dd'),
  ])];
}

