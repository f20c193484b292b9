/**
 * The `js` transmission kernel of a shared-weight projection (Convolution, Pooling, Copy): for every
 * post-synaptic neuron, the psp over its window of pre-synaptic ranks with the filter's weights,
 * reduced by the operation (semantics in `ir/plan.ts`, `SpecialProjection` `shared`).
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { jsSpelling } from './spelling.js';
import { indent } from './statements.js';
import { synapseScope } from './synapse-scope.js';
import { paddedPsp, reduction, sharedOutputs, sharedSpecial } from '../kernels/shared.js';

/** Source of `function proj<id>_transmit(step)`. */
export function sharedTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan): string {
  const { window: K, padding, indexed } = sharedSpecial(proj);
  const scope = synapseScope(proj, net, { dtName: 'dt', temps: new Set() });
  const psp = renderExpr(proj.description.psp!, scope, jsSpelling);
  const spiking = proj.type === 'spike';
  // Spikes: an element counts when its neuron spiked in the previous step (none outside the population).
  const value = spiking ? `(rk_pre >= 0 && _ls[rk_pre] === step - 1 ? ${psp} : 0)`
    : padding === null ? psp : `(rk_pre >= 0 ? ${psp} : ${renderExpr(paddedPsp(proj.description.psp!, padding), scope, jsSpelling)})`;
  const outs = sharedOutputs(proj);
  const op = sharedSpecial(proj).operation;
  const r = reduction(op, 'Infinity');
  const take = r.combine === 'add' ? `_s += ${value};` : `{ const _p = ${value}; if (_p ${r.combine === 'max' ? '>' : '<'} _s) _s = _p; }`;
  const body = [
    ...outs.map((o, j) => `const _sum${j} = P[${proj.post}].get('${o}');`),
    ...(spiking ? [`const _ls = P[${proj.pre}].get('_last_spike');`] : []),
    `const _sh_pre = J[${proj.id}].get('_sh_pre'), _sh_wofs = J[${proj.id}].get('_sh_wofs')${indexed ? `, _sh_widx = J[${proj.id}].get('_sh_widx')` : ''};`,
    ...scope.declarations(), ...scope.prologue(),
    `for (let i = 0, n = _sh_wofs.length; i < n; i++) {`,
    '  const rk_post = i, _w0 = _sh_wofs[i];',
    `  let _s = ${r.init};`,
    `  for (let m = 0; m < ${K}; m++) {`,
    `    const rk_pre = _sh_pre[m * n + i], k = ${indexed ? '_sh_widx[m * n + i]' : '_w0 + m'};`,
    `    ${take}`,
    '  }',
    ...outs.map((_, j) => (op === 'mean' ? `  _sum${j}[rk_post] += _s / ${K};` : `  _sum${j}[rk_post] += _s;`)),
    '}',
  ];
  return [`function proj${proj.id}_transmit(step) {`, `  const FL = X[${proj.id}];`, '  const t = step * dt;', '  if (!FL.transmission) return;', ...indent(body), '}'].join('\n');
}
