/**
 * The neuron kernel of a population, written once: the global equations, the local equations under
 * refractoriness, the refractory countdown, the spike condition, the reset and spike emission, and
 * axonal spikes (ANNarchy's update and spike_gather fused: both only touch neuron i). A backend
 * gives the places (`NeuronTarget`: arrays, spike lists, the step) and lays the parts out: one loop
 * (js), one invocation per neuron (webgpu), or a vectorisable loop then a spike loop (cpp, see its
 * `spikeLoopStrategies`).
 */
import type { PopulationPlan } from '../../ir/plan.js';
import type { SymbolResolver } from '../render.js';
import { renderArith, renderExpr } from '../render.js';
import { renderAssignment, renderSteps, type StatementContext } from './statements.js';
import type { Dialect, ListRef } from './dialect.js';
import { invariantDeclarations, localNames } from './invariants.js';
import { emitsAxonSpikes } from './axon.js';

/** What a backend provides for the neuron kernel of `pop`. */
export interface NeuronTarget {
  readonly d: Dialect;
  /** The resolver of global or local code. */
  scope(mode: 'global' | 'local'): SymbolResolver;
  /** The statement context; `refractory` masks the writes of the local equations with the `_inref` guard. */
  context(scope: SymbolResolver, mode: 'global' | 'local', refractory: boolean): StatementContext;
  /** The lvalue of element `idx` of an int32 array of the population (`_refr_left`, `_last_spike`). */
  el(name: '_refr_left' | '_last_spike', idx: string): string;
  /** The spike list or the axonal spike list. */
  list(kind: 'spike' | 'axon'): ListRef;
  /** The current step as an int32 value. */
  step: string;
  /** How `dt` is spelled in this kernel. */
  dt: string;
}

/** The parts of a neuron kernel, each a list of lines of the backend's language (for neuron `i`). */
export interface NeuronParts {
  /** The global equations (before the neurons). */
  global: string[];
  /**
   * The invariant values of the local equations (`PopulationPlan.invariants`), declared once before
   * the neurons, after the global attributes are read: the local scope reads them as locals.
   */
  invariants: string[];
  /** `_inref`: whether neuron i is not refractory (before the local equations), when refractoriness applies. */
  inref: string[];
  /** The local equations (writes masked by `_inref`). */
  local: string[];
  /** The spike test of neuron i with what an emitting neuron does (absent for rate-coded neurons or no `spike`). */
  spike?: { cond: string; onSpike: string[] };
  /** The refractory countdown and the spike test, as one statement chain (after the local equations). */
  emit: string[];
  /** Axonal spikes: an extra event tested whatever the refractoriness (ANNarchy's axon_spike). */
  axon: string[];
  /** The axonal spike's condition (when `axon` is not empty). */
  axonCond?: string;
  refractory: boolean;
}

/** The temporaries' names of both sections and the invariant values' names (they resolve to themselves). */
export function neuronTemps(pop: PopulationPlan): Set<string> {
  return localNames(pop.description.sections, pop.invariants);
}

/** Builds the parts of `pop`'s neuron kernel. */
export function neuronParts(pop: PopulationPlan, t: NeuronTarget): NeuronParts {
  const d = pop.description;
  const { d: L } = t;
  const section = (loc: 'global' | 'local') => d.sections.find((s) => s.locality === loc)?.steps ?? [];
  const refractory = pop.spiking && pop.refractory !== undefined;
  const g = t.scope('global');
  const l = t.scope('local');
  const lctx = t.context(l, 'local', false);
  const refr = refractory || pop.refractory ? t.el('_refr_left', 'i') : '';
  const parts: NeuronParts = {
    global: renderSteps(section('global'), t.context(g, 'global', false), L),
    invariants: invariantDeclarations(pop.invariants, l, L),
    inref: refractory ? [L.declare('_inref', L.not(L.cmp('>', refr, '0')), { type: 'bool' })] : [],
    local: renderSteps(section('local'), t.context(l, 'local', refractory), L),
    emit: [],
    axon: [],
    refractory,
  };
  if (pop.spiking && d.spike) {
    const period = refractoryPeriod(pop, L, (name) => l.sym(name), t.dt);
    const onSpike = [
      ...d.reset.flatMap((a) => renderAssignment(a, lctx, L)),
      ...L.append(t.list('spike'), 'i'),
      L.assign(t.el('_last_spike', 'i'), t.step),
      ...(period ? [L.assign(refr, period)] : []),
    ];
    const cond = L.truthy(renderExpr(d.spike.condition, l, L.expr));
    parts.spike = { cond, onSpike };
    const test = L.ifBlock(cond, onSpike);
    parts.emit = refractory ? L.ifBlock(L.cmp('>', refr, '0'), [L.assign(refr, renderArith(L.expr, '-', refr, '1'))], test) : test;
  }
  if (emitsAxonSpikes(pop) && d.axonSpike) {
    const cond = L.truthy(renderExpr(d.axonSpike.condition, l, L.expr));
    parts.axonCond = cond;
    parts.axon = L.ifBlock(cond, [...d.axonReset.flatMap((a) => renderAssignment(a, lctx, L)), ...L.append(t.list('axon'), 'i')]);
  }
  return parts;
}

/**
 * The refractory period of population `pop` in steps, an int value (a constant, or the attribute
 * holding it in ms, read by `read`, divided by `dt` and rounded and saturated by the dialect's
 * `periodSteps`); undefined when the population has none. Neurons and Poisson inputs share it.
 */
export function refractoryPeriod(pop: PopulationPlan, d: Dialect, read: (name: string) => string, dt: string): string | undefined {
  const r = pop.refractory;
  if (!r) return undefined;
  return r.kind === 'steps' ? String(r.steps) : d.periodSteps(renderArith(d.expr, '/', read(r.name), dt));
}
