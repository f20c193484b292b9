/**
 * The js layout of a shared-weight projection's transmission (Convolution, Pooling, Copy;
 * `../kernels/shared.ts` `windowParts`): one loop over the post-synaptic neurons, each reducing its
 * window in window order.
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { jsSpelling, jsDialect } from './spelling.js';
import { indent } from './statements.js';
import { synapseScope } from './synapse-scope.js';
import { paddedPsp, sharedSpecial, windowParts } from '../kernels/shared.js';

/** Source of `function proj<id>_transmit(step)`. */
export function sharedTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan): string {
  const { window: K, padding, indexed } = sharedSpecial(proj);
  const scope = synapseScope(proj, net, { dtName: 'dt', temps: new Set() });
  const n = net.populations[proj.post].size;
  const shPre = scope.array('_sh_pre');
  const shW = scope.array('_sh_wofs');
  const { sum, element } = windowParts(proj, {
    d: jsDialect,
    psp: () => renderExpr(proj.description.psp!, scope, jsSpelling),
    padded: () => renderExpr(paddedPsp(proj.description.psp!, padding ?? 0), scope, jsSpelling),
    rank: `${shPre}[m * ${n} + i]`,
    weight: indexed ? `${scope.array('_sh_widx')}[m * ${n} + i]` : `${shW}[i] + m`,
    lastSpike: (rk) => `${scope.popArray('_ls', proj.pre, '_last_spike')}[${rk}]`,
    step: 'step',
  });
  const outs = sum.into.map((o, j) => scope.popArray(`_sum${j}`, proj.post, o));
  const loop = jsDialect.forRange('i', String(n), [
    'const rk_post = i;',
    ...sum.init,
    ...jsDialect.forRange('m', String(K), element),
    ...sum.deliver((_name, j) => `${outs[j]}[rk_post]`, String(K)),
  ]);
  const body = [...scope.declarations(), ...scope.prologue(), ...loop];
  return [`function proj${proj.id}_transmit(step) {`, `  const FL = X[${proj.id}];`, '  const t = step * dt;', '  if (!FL.transmission) return;', ...indent(body), '}'].join('\n');
}
