/**
 * The kernels of a projection: rate-coded transmission (weighted sums), spike propagation with its
 * `pre_spike` code, continuous synaptic equations, and `post_spike` events.
 */
import { eventDecay, eventStatements, type EventTarget } from '../kernels/events.js';
import { transmitsAxonSpikes } from '../kernels/axon.js';
import { plasticityGuard, rateSumParts, continuousSumParts, spikeSource, preSpikeEvent, axonSpikeEvent, type SpikeSourceTarget } from '../kernels/transmission.js';
import { proceduralTemps, proceduralWalk, type ProceduralDraws } from '../kernels/procedural.js';
import { dendriteSumLoop, inverseWalk, ringWalk, synapseUpdateLoop, postSpikeWalk, type LoopTarget, type SynapseRing } from '../kernels/synapse-loops.js';
import { invariantDeclarations, synapseUpdateTemps } from '../kernels/invariants.js';
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { jsSpelling, jsDialect } from './spelling.js';
import { renderSteps, indent, plain, type StatementContext } from './statements.js';
import { synapseScope, type SynapseScope } from './synapse-scope.js';
import { js } from './names.js';
import { synapseAttribute, synapseLvalue } from '../synapse-writes.js';
import { bareIndex } from '../kernels/dialect.js';

function header(name: string, proj: ProjectionPlan): string[] {
  return [`function ${name}(step) {`, `  const FL = X[${proj.id}];`, '  const t = step * dt;'];
}

function synapseContext(proj: ProjectionPlan, net: NetworkPlan, scope: SynapseScope): StatementContext {
  return {
    scope,
    location: (owner, target) => plain(synapseLvalue(proj, net, scope, (p, target, idx) => `P[${p.id}].get('${target}')[${idx}]`)(owner, target)),
    attribute: synapseAttribute(proj, net),
    guard: (owner, target) => plasticityGuard(owner, target, 'branch', 'FL.plasticity'),
  };
}

/** The js places of the shared loops (`../kernels/synapse-loops.ts`): arrays are `const` locals of the scope. */
function loopTarget(scope: SynapseScope): LoopTarget {
  return { d: jsDialect, el: (name, i) => `${scope.array(name)}[${bareIndex(i)}]`, dendrites: () => `${scope.array('_post_rank')}.length` };
}

/** The js ring of synapses in flight (per-synapse delays): `FL.ring`, an array of `_D` arrays of synapse indices. */
const jsRing: SynapseRing = {
  read: ['const _ring = FL.ring, _D = _ring.length, _ri = FL.ringIdx;'],
  push: (slot, k) => `_ring[${slot}].push(${k});`,
  current: ['const _slot = _ring[_ri], _sn = _slot.length;'],
  element: (m) => `_slot[${m}]`,
  advance: ['_slot.length = 0;', 'FL.ringIdx = (_ri + 1) % _D;'],
};

/** The js draws of a procedural row: the engine's functions (`FL.procedural`, connectors/procedural.ts), hoisted as `_pr`, `_pg`, `_pw`, `_pd`. */
const jsDraws: ProceduralDraws = {
  rowStart: (pre) => [`_pr(${pre});`],
  gap: () => '_pg()',
  weight: (pre, m) => `_pw(${pre}, ${m})`,
  delay: (pre, m) => `_pd(${pre}, ${m})`,
  weightLocal: 'w',
};

/** Rate-coded transmission: `sum(target)` of every post-synaptic neuron. */
export function rateTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan): string {
  const scope = synapseScope(proj, net, { dtName: 'dt', temps: new Set() });
  const parts = rateSumParts(proj, { d: jsDialect, psp: () => renderExpr(proj.description.psp!, scope, jsSpelling) });
  const sum = scope.popArray('_sum', proj.post, parts.into[0]);
  const loop = dendriteSumLoop(loopTarget(scope), parts, (_n, i) => `${sum}[${i}]`);
  const body = [...scope.declarations(), ...scope.prologue(), ...loop];
  return [...header(`proj${proj.id}_transmit`, proj), '  if (!FL.transmission) return;', ...indent(body), '}'].join('\n');
}

/** The js places of the shared event parts (`../kernels/events.ts`); `_last_event` is declared on use. */
function eventTarget(proj: ProjectionPlan, ctx: StatementContext, scope: SynapseScope): EventTarget {
  return {
    d: jsDialect, ctx, elapsed: '_elapsed',
    lastEvent: () => `${scope.array('_last_event')}[k]`,
    lastSpike: (side) => `P[${side === 'pre' ? proj.pre : proj.post}].get('_last_spike')[rk_${side}]`,
  };
}

/** Spike propagation: every synapse of every (delayed) pre-synaptic spike runs the `pre_spike` code. */
export function spikeTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan): string {
  const scope = synapseScope(proj, net, { dtName: 'dt', temps: new Set(proceduralTemps(proj)) });
  const ctx = synapseContext(proj, net, scope);
  const t = loopTarget(scope);
  const event = preSpikeEvent(proj, eventTarget(proj, ctx, scope), 'step');
  const P = `P[${proj.pre}]`;
  const source: SpikeSourceTarget = {
    d: jsDialect,
    now: () => [`_src = ${P}.get('_spiked'); _ns = ${P}.get('_nspiked')[0];`],
    queued: (slot) => [`_ns = ${P}.get('_spike_queue_n')[${slot}];`, `_src = ${P}.get('_spike_queue').subarray(${slot} * ${net.populations[proj.pre].size});`],
    queue: () => ({ delay: `J[${proj.id}].get('_delay_uniform')[0]`, newest: `${P}.get('_spike_queue_idx')[0]`, slots: `${P}.get('_spike_queue_n').length` }),
  };
  const loop = proj.procedural ? [
    'let _src, _ns;',
    'const _pr = FL.procedural.row, _pg = FL.procedural.gap, _pw = FL.procedural.weight, _pd = FL.procedural.delaySteps;',
    ...proceduralWalk(proj, net, t, jsDraws, source, (s) => `_src[${s}]`, '_ns', event),
  ] : proj.delay.kind === 'variable'
    ? [`const _src = ${P}.get('_spiked'), _ns = ${P}.get('_nspiked')[0];`, ...ringWalk(t, jsRing, (s) => `_src[${s}]`, '_ns', event)]
    : [
      'let _src, _ns;',
      ...spikeSource(proj, source),
      ...inverseWalk(t, (s) => `_src[${s}]`, '_ns', event),
    ];
  if (transmitsAxonSpikes(proj, net)) {
    // Axonal spikes of the previous step run `pre_axon_spike` (no delay, gated by axonTransmission).
    const axonEvent = axonSpikeEvent(proj, eventTarget(proj, ctx, scope), 'step');
    loop.push(...jsDialect.ifBlock('FL.axonTransmission', [
      `const _asrc = ${P}.get('_axon_spiked'), _nas = ${P}.get('_naxon')[0];`,
      ...inverseWalk(t, (s) => `_asrc[${s}]`, '_nas', axonEvent),
    ]));
  }
  const continuous = continuousTransmission(proj, net);
  const body = [...scope.declarations(), ...scope.prologue(), ...loop, ...continuous];
  return [...header(`proj${proj.id}_transmit`, proj), '  if (!FL.transmission) return;', ...indent(body), '}'].join('\n');
}

/**
 * Continuous transmission of a spiking projection (`../kernels/transmission.ts`), after its spike
 * events, laid out as a rate-coded sum. In a block of its own: its scope reads `pre.x` through the
 * delay ring.
 */
function continuousTransmission(proj: ProjectionPlan, net: NetworkPlan): string[] {
  const scope = synapseScope(proj, net, { dtName: 'dt', temps: new Set(), delayedPre: true });
  const parts = continuousSumParts(proj, { d: jsDialect, psp: () => renderExpr(proj.description.psp!, scope, jsSpelling) });
  if (!parts) return [];
  const g = parts.into.map((name, n) => scope.popArray(`_g${n}`, proj.post, name));
  const loop = dendriteSumLoop(loopTarget(scope), parts, (n, i) => `${g[n]}[${i}]`);
  return jsDialect.block([...scope.declarations(), ...scope.prologue(), ...loop]);
}

/** Continuous synaptic equations: global, then per dendrite, then per synapse. */
export function synapseUpdateKernel(proj: ProjectionPlan, net: NetworkPlan): string {
  const d = proj.description;
  const sec = (l: string) => d.sections.find((s) => s.locality === l)?.steps ?? [];
  const scope = synapseScope(proj, net, { dtName: '_dt', temps: synapseUpdateTemps(proj) });
  const ctx = synapseContext(proj, net, scope);
  const invariants = invariantDeclarations(proj.invariants, scope, jsDialect);
  const loop = synapseUpdateLoop(loopTarget(scope), renderSteps(sec('global'), ctx), invariants, renderSteps(sec('semiglobal'), ctx), renderSteps(sec('local'), ctx), false);
  const body = [...scope.declarations(), ...scope.prologue(), ...loop];
  return [
    ...header(`proj${proj.id}_update`, proj),
    '  if (!FL.transmission || !FL.update) return;',
    '  if ((step - FL.learningOffset) % FL.learningPeriod !== 0) return;',
    '  const _dt = dt * FL.learningPeriod;',
    ...indent(body), '}',
  ].join('\n');
}

/** `post_spike` code, run in the step of the post-synaptic spike for every synapse of its dendrite. */
export function postEventKernel(proj: ProjectionPlan, net: NetworkPlan): string {
  const scope = synapseScope(proj, net, { dtName: 'dt', temps: new Set() });
  const ctx = synapseContext(proj, net, scope);
  const t = eventTarget(proj, ctx, scope);
  // Post events happen after this step's decay: their event time is step + 1 (see ir/event-driven.ts).
  const event = [...eventDecay(proj, t, '(step + 1)'), ...eventStatements(proj, proj.description.postSpike, t)];
  const loop = postSpikeWalk(loopTarget(scope), (s) => `_src[${s}]`, '_ns', event);
  const body = [
    `const _src = P[${proj.post}].get('_spiked'), _ns = P[${proj.post}].get('_nspiked')[0];`,
    ...scope.declarations(), ...scope.prologue(), ...loop,
  ];
  return [...header(`proj${proj.id}_post`, proj), '  if (!FL.transmission) return;', ...indent(body), '}'].join('\n');
}

export { js };
