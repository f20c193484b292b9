/**
 * The WGSL layout of a shared-weight projection's transmission (Convolution, Pooling, Copy;
 * `../kernels/shared.ts` `windowParts`): one invocation per post-synaptic neuron walks its window in
 * the js order (float32, so close to js, not bit-equal).
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { wgslSpelling, wgslDialect } from './spelling.js';
import { plainMem, type Layout } from './memory.js';
import { synapseScope } from './scope.js';
import type { Gate, Kernel } from './kernel.js';
import { transmits } from './projection.js';
import { paddedPsp, sharedSpecial, windowParts } from '../kernels/shared.js';

/** The kernel `proj<id>_transmit` (stage 0, one invocation per post-synaptic neuron; `gate`: the call's). */
export function sharedTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, L: Layout, gate: Gate): Kernel {
  const { window: K, padding, indexed } = sharedSpecial(proj);
  const scope = synapseScope(proj, net, L, plainMem, { dtName: 'DT', temps: new Set(), delayedPre: true });
  const n = net.populations[proj.post].size;
  const o = (name: string) => L.off('proj', proj.id, name);
  const { sum, element } = windowParts(proj, {
    d: wgslDialect,
    psp: () => renderExpr(proj.description.psp!, scope, wgslSpelling),
    padded: () => renderExpr(paddedPsp(proj.description.psp!, padding ?? 0), scope, wgslSpelling),
    rank: `I[${o('_sh_pre')} + m * ${n} + i]`,
    weight: indexed ? `I[${o('_sh_widx')} + m * ${n} + i]` : `I[${o('_sh_wofs')} + i] + m`,
    lastSpike: (rk) => `I[${L.off('pop', proj.pre, '_last_spike')} + ${rk}]`,
    step: 'U.step',
  });
  return {
    name: `proj${proj.id}_transmit`, stage: 0, mem: plainMem, dispatch: { threads: n },
    body: [
      'let i = gi;',
      `if (i >= ${n} || !(${transmits(proj, L, gate)})) { return; }`,
      'let rk_post = i;',
      ...sum.init,
      ...wgslDialect.forRange('m', String(K), element),
      ...sum.deliver((out) => `F[${L.off('pop', proj.post, out)} + rk_post]`, String(K)),
    ],
  };
}
