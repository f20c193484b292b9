/**
 * The WGSL transmission kernel of a shared-weight projection (Convolution, Pooling, Copy), the twin
 * of `../js/shared.ts` (semantics in `ir/plan.ts`, `SpecialProjection` `shared`): one invocation per
 * post-synaptic neuron walks its window in the js order (float32, so close to js, not bit-equal).
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { wgslSpelling } from './spelling.js';
import { plainMem, type Layout } from './memory.js';
import { synapseScope } from './scope.js';
import type { Gate, Kernel } from './kernel.js';
import { transmits } from './projection.js';
import { paddedPsp, reduction, sharedOutputs, sharedSpecial } from '../kernels/shared.js';

/** The kernel `proj<id>_transmit` (stage 0, one invocation per post-synaptic neuron; `gate`: the call's). */
export function sharedTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, L: Layout, gate: Gate): Kernel {
  const { window: K, padding, indexed } = sharedSpecial(proj);
  const scope = synapseScope(proj, net, L, plainMem, { dtName: 'DT', temps: new Set(), delayedPre: true });
  const psp = renderExpr(proj.description.psp!, scope, wgslSpelling);
  const n = net.populations[proj.post].size;
  const o = (name: string) => L.off('proj', proj.id, name);
  const go = transmits(proj, L, gate);
  const op = sharedSpecial(proj).operation;
  const r = reduction(op, 'nx_inf()');
  // Spikes: an element counts when its neuron spiked in the previous step (none outside the population).
  const value = proj.type === 'spike'
    ? ['var _p: f32 = 0.0;', `if (rk_pre >= 0 && I[${L.off('pop', proj.pre, '_last_spike')} + rk_pre] == U.step - 1) { _p = ${psp}; }`]
    : padding === null
    ? [`let _p: f32 = ${psp};`]
    : ['var _p: f32;', `if (rk_pre >= 0) { _p = ${psp}; } else { _p = ${renderExpr(paddedPsp(proj.description.psp!, padding), scope, wgslSpelling)}; }`];
  const take = r.combine === 'add' ? '_s = _s + _p;' : `_s = ${r.combine}(_s, _p);`;
  const ats = sharedOutputs(proj).map((out) => `F[${L.off('pop', proj.post, out)} + rk_post]`);
  return {
    name: `proj${proj.id}_transmit`, stage: 0, mem: plainMem, dispatch: { threads: n },
    body: [
      'let i = gi;',
      `if (i >= ${n} || !(${go})) { return; }`,
      'let rk_post = i;',
      `let _w0 = I[${o('_sh_wofs')} + i];`,
      `var _s: f32 = ${r.init === '0' ? '0.0' : `(${r.init})`};`,
      `for (var m = 0; m < ${K}; m = m + 1) {`,
      `  let rk_pre = I[${o('_sh_pre')} + m * ${n} + i];`,
      indexed ? `  let k = I[${o('_sh_widx')} + m * ${n} + i];` : '  let k = _w0 + m;',
      ...value.map((l) => `  ${l}`),
      `  ${take}`,
      '}',
      ...ats.map((at) => (op === 'mean' ? `${at} = ${at} + _s / f32(${K});` : `${at} = ${at} + _s;`)),
    ],
  };
}
