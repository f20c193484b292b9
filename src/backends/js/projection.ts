/**
 * The kernels of a projection: rate-coded transmission (weighted sums), spike propagation with its
 * `pre_spike` code, continuous synaptic equations, and `post_spike` events.
 */
import { eventDecay, eventStatements as sharedEventStatements, type EventTarget } from '../kernels/events.js';
import { transmitsAxonSpikes } from '../kernels/axon.js';
import { slotAhead } from '../kernels/delays.js';
import { plasticityGuard, rateSumParts, continuousSumParts, spikeSource, preSpikeEvent, axonSpikeEvent, type WeightedSumParts } from '../kernels/transmission.js';
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import type { Assignment } from '../../equations/description.js';
import { renderExpr } from '../render.js';
import { jsSpelling, jsDialect } from './spelling.js';
import { renderSteps, indent, tempNames, plain, type StatementContext } from './statements.js';
import { synapseScope, type SynapseScope } from './synapse-scope.js';
import { js } from './names.js';
import { synapseAttribute, synapseLvalue } from '../synapse-writes.js';

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

/**
 * The js layout of a weighted sum (`../kernels/transmission.ts`): one loop over the dendrites in
 * order, the synapses of each in order (the order cpp follows, bit for bit). `local(n)` is the local
 * holding array `into[n]` of the post-synaptic population.
 */
function dendriteLoop(parts: WeightedSumParts, local: (n: number) => string): string[] {
  return [
    'for (let i = 0, nd = _post_rank.length; i < nd; i++) {',
    '  const rk_post = _post_rank[i];',
    '  const _k0 = _row_ptr[i], _k1 = _row_ptr[i + 1];',
    ...indent(parts.init),
    `  for (let k = _k0; k < _k1; k++) ${jsDialect.inlineBlock(['const rk_pre = _pre_rank[k];', ...parts.take])}`,
    ...indent(parts.deliver((_name, n) => `${local(n)}[rk_post]`, '(_k1 - _k0)')),
    '}',
  ];
}

/** Rate-coded transmission: `sum(target)` of every post-synaptic neuron. */
export function rateTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan): string {
  const scope = synapseScope(proj, net, { dtName: 'dt', temps: new Set() });
  const parts = rateSumParts(proj, { d: jsDialect, psp: () => renderExpr(proj.description.psp!, scope, jsSpelling) });
  const body = [
    `const _sum = P[${proj.post}].get('${parts.into[0]}');`,
    `const _row_ptr = J[${proj.id}].get('_row_ptr'), _post_rank = J[${proj.id}].get('_post_rank'), _pre_rank = J[${proj.id}].get('_pre_rank');`,
    ...scope.declarations(), ...scope.prologue(),
    ...dendriteLoop(parts, () => '_sum'),
  ];
  return [...header(`proj${proj.id}_transmit`, proj), '  if (!FL.transmission) return;', ...indent(body), '}'].join('\n');
}

/** The js places of the shared event parts (`../kernels/events.ts`). */
function eventTarget(proj: ProjectionPlan, ctx: StatementContext): EventTarget {
  return {
    d: jsDialect, ctx, elapsed: '_elapsed',
    lastEvent: () => '_last_event[k]',
    lastSpike: (side) => `P[${side === 'pre' ? proj.pre : proj.post}].get('_last_spike')[rk_${side}]`,
  };
}

/** Decay of the event-driven variables of synapse k up to event time `when`, then `_last_event[k] = when`. */
function eventDriven(proj: ProjectionPlan, _scope: SynapseScope, ctx: StatementContext, when: string): string[] {
  return eventDecay(proj, eventTarget(proj, ctx), when);
}

/** The statements of a spike event, `g_target` first (one per target), then the rest in order. */
function eventStatements(proj: ProjectionPlan, statements: readonly Assignment[], ctx: StatementContext, _net: NetworkPlan): string[] {
  return sharedEventStatements(proj, statements, eventTarget(proj, ctx));
}

/** Spike propagation: every synapse of every (delayed) pre-synaptic spike runs the `pre_spike` code. */
export function spikeTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan): string {
  const scope = synapseScope(proj, net, { dtName: 'dt', temps: new Set() });
  const ctx = synapseContext(proj, net, scope);
  const d = proj.description;
  const event = preSpikeEvent(proj, eventTarget(proj, ctx), 'step');
  const P = `P[${proj.pre}]`;
  const common = [
    `const _row_ptr = J[${proj.id}].get('_row_ptr'), _post_rank = J[${proj.id}].get('_post_rank'), _pre_rank = J[${proj.id}].get('_pre_rank');`,
    `const _inv_ptr = J[${proj.id}].get('_inv_ptr'), _inv_idx = J[${proj.id}].get('_inv_idx'), _syn_dendrite = J[${proj.id}].get('_syn_dendrite');`,
    ...(d.eventDriven.length ? [`const _last_event = J[${proj.id}].get('_last_event');`] : []),
  ];
  let loop: string[];
  if (proj.delay.kind === 'variable') {
    loop = [
      `const _src = ${P}.get('_spiked'), _ns = ${P}.get('_nspiked')[0], _delay = J[${proj.id}].get('_delay');`,
      'const _ring = FL.ring, _D = _ring.length, _ri = FL.ringIdx;',
      'for (let s = 0; s < _ns; s++) {',
      '  const rk_pre = _src[s];',
      `  for (let m = _inv_ptr[rk_pre]; m < _inv_ptr[rk_pre + 1]; m++) { const k = _inv_idx[m]; _ring[${slotAhead('_ri', '_delay[k]', '_D')}].push(k); }`,
      '}',
      'const _slot = _ring[_ri];',
      'for (let m = 0; m < _slot.length; m++) {',
      '  const k = _slot[m], i = _syn_dendrite[k], rk_pre = _pre_rank[k], rk_post = _post_rank[i];',
      ...indent(event, 1),
      '}',
      '_slot.length = 0;',
      'FL.ringIdx = (_ri + 1) % _D;',
    ];
  } else {
    loop = [
      'let _src, _ns;',
      ...spikeSource(proj, {
        d: jsDialect,
        now: () => [`_src = ${P}.get('_spiked'); _ns = ${P}.get('_nspiked')[0];`],
        queued: (slot) => [`_ns = ${P}.get('_spike_queue_n')[${slot}];`, `_src = ${P}.get('_spike_queue').subarray(${slot} * ${net.populations[proj.pre].size});`],
        queue: () => ({ delay: `J[${proj.id}].get('_delay_uniform')[0]`, newest: `${P}.get('_spike_queue_idx')[0]`, slots: `${P}.get('_spike_queue_n').length` }),
      }),
      'for (let s = 0; s < _ns; s++) {',
      '  const rk_pre = _src[s];',
      '  for (let m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {',
      '    const k = _inv_idx[m], i = _syn_dendrite[k], rk_post = _post_rank[i];',
      ...indent(event, 2),
      '  }',
      '}',
    ];
  }
  if (transmitsAxonSpikes(proj, net)) {
    // Axonal spikes of the previous step run `pre_axon_spike` (no delay, gated by axonTransmission).
    const axonEvent = axonSpikeEvent(proj, eventTarget(proj, ctx), 'step');
    loop.push(
      'if (FL.axonTransmission) {',
      `  const _asrc = ${P}.get('_axon_spiked'), _nas = ${P}.get('_naxon')[0];`,
      '  for (let s = 0; s < _nas; s++) {',
      '    const rk_pre = _asrc[s];',
      '    for (let m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {',
      '      const k = _inv_idx[m], i = _syn_dendrite[k], rk_post = _post_rank[i];',
      ...indent(axonEvent, 3),
      '    }',
      '  }',
      '}',
    );
  }
  const body = [...common, ...scope.declarations(), ...scope.prologue(), ...loop, ...continuousTransmission(proj, net)];
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
  return jsDialect.block([
    ...parts.into.map((name, n) => `const _g${n} = P[${proj.post}].get('${name}');`),
    ...scope.declarations(), ...scope.prologue(),
    ...dendriteLoop(parts, (n) => `_g${n}`),
  ]);
}

/** Continuous synaptic equations: global, then per dendrite, then per synapse. */
export function synapseUpdateKernel(proj: ProjectionPlan, net: NetworkPlan): string {
  const d = proj.description;
  const sec = (l: string) => d.sections.find((s) => s.locality === l)?.steps ?? [];
  const temps = new Set([...tempNames(sec('global')), ...tempNames(sec('semiglobal')), ...tempNames(sec('local'))]);
  const scope = synapseScope(proj, net, { dtName: '_dt', temps });
  const ctx = synapseContext(proj, net, scope);
  const g = renderSteps(sec('global'), ctx);
  const sg = renderSteps(sec('semiglobal'), ctx);
  const l = renderSteps(sec('local'), ctx);
  const body = [
    `const _row_ptr = J[${proj.id}].get('_row_ptr'), _post_rank = J[${proj.id}].get('_post_rank'), _pre_rank = J[${proj.id}].get('_pre_rank');`,
    ...scope.declarations(), ...scope.prologue(),
    ...g,
    'for (let i = 0, nd = _post_rank.length; i < nd; i++) {',
    '  const rk_post = _post_rank[i];',
    ...indent(sg),
    ...(l.length ? ['  for (let k = _row_ptr[i], _k1 = _row_ptr[i + 1]; k < _k1; k++) {', '    const rk_pre = _pre_rank[k];', ...indent(l, 2), '  }'] : []),
    '}',
  ];
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
  const d = proj.description;
  // Post events happen after this step's decay: their event time is step + 1 (see ir/event-driven.ts).
  const event = [...eventDriven(proj, scope, ctx, '(step + 1)'), ...eventStatements(proj, d.postSpike, ctx, net)];
  const body = [
    `const _row_ptr = J[${proj.id}].get('_row_ptr'), _post_rank = J[${proj.id}].get('_post_rank'), _pre_rank = J[${proj.id}].get('_pre_rank');`,
    `const _dend_of = J[${proj.id}].get('_dendrite_of_post');`,
    ...(d.eventDriven.length ? [`const _last_event = J[${proj.id}].get('_last_event');`] : []),
    `const _src = P[${proj.post}].get('_spiked'), _ns = P[${proj.post}].get('_nspiked')[0];`,
    ...scope.declarations(), ...scope.prologue(),
    'for (let s = 0; s < _ns; s++) {',
    '  const rk_post = _src[s], i = _dend_of[rk_post];',
    '  if (i < 0) continue;',
    '  for (let k = _row_ptr[i], _k1 = _row_ptr[i + 1]; k < _k1; k++) {',
    '    const rk_pre = _pre_rank[k];',
    ...indent(event, 2),
    '  }',
    '}',
  ];
  return [...header(`proj${proj.id}_post`, proj), '  if (!FL.transmission) return;', ...indent(body), '}'].join('\n');
}

export { js };
