/**
 * The C++ transmission kernel of a shared-weight projection (Convolution, Pooling, Copy), the twin
 * of `../js/shared.ts` (semantics in `ir/plan.ts`, `SpecialProjection` `shared`): the same window
 * order and the same operations in double precision, so both give identical bits. The window length
 * is a constant of the generated code (the compiler unrolls a 3×3 window); parallel over
 * post-synaptic neurons (each writes its own sum) when the work is large.
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { cppSpelling } from './spelling.js';
import { indent } from './statements.js';
import { synapseScope } from './synapse-scope.js';
import type { ArrayTable } from './arrays.js';
import { parallelFor, SYNAPSE_THRESHOLD } from './parallel.js';
import { FLAGS, FLAGS_PER_PROJECTION } from './projection.js';
import { paddedPsp, reduction, sharedSpecial } from '../kernels/shared.js';

/** Source of `static void proj<id>_transmit(Net* N, int64_t step)`. */
export function sharedTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable): string {
  const { window: K, padding } = sharedSpecial(proj);
  const scope = synapseScope(proj, net, table, { dtName: 'dt', temps: new Set() });
  const psp = renderExpr(proj.description.psp!, scope, cppSpelling);
  const value = padding === null ? psp : `(rk_pre >= 0 ? ${psp} : ${renderExpr(paddedPsp(proj.description.psp!, padding), scope, cppSpelling)})`;
  const shPre = scope.arrays.need('_sh_pre', 'proj', proj.id, '_sh_pre');
  const shW = scope.arrays.need('_sh_wofs', 'proj', proj.id, '_sh_wofs');
  const sum = scope.arrays.need('_sum', 'pop', proj.post, `_sum_${proj.targets[0]}`);
  const n = net.populations[proj.post].size;
  const op = proj.description.operation;
  const r = reduction(op, 'INFINITY');
  const take = r.combine === 'add' ? `_s += ${value};` : `{ const double _p = ${value}; if (_p ${r.combine === 'max' ? '>' : '<'} _s) _s = _p; }`;
  const body = [
    ...scope.declarations(), ...scope.prologue(),
    ...parallelFor(table.threads, '', n * K, SYNAPSE_THRESHOLD),
    `for (int64_t i = 0; i < ${n}; i++) {`,
    `  const int64_t rk_post = i, _w0 = ${shW}[i], _e = i * ${K}; (void)rk_post; (void)_w0;`,
    `  double _s = ${r.init === '0' ? '0.0' : r.init};`,
    `  for (int64_t m = 0; m < ${K}; m++) {`,
    `    const int64_t rk_pre = ${shPre}[_e + m], k = _w0 + m; (void)rk_pre; (void)k;`,
    `    ${take}`,
    '  }',
    op === 'mean' ? `  ${sum}[rk_post] += _s / ${K}.0;` : `  ${sum}[rk_post] += _s;`,
    '}',
  ];
  return [
    `static void proj${proj.id}_transmit(Net* N, int64_t step) {`,
    `  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + ${FLAGS_PER_PROJECTION * proj.id};`,
    '  const double* C = (const double*)N->a[NX_CONSTANTS];',
    '  const double t = (double)step * dt;',
    '  (void)C; (void)t;',
    `  if (!FL[${FLAGS.transmission}]) return;`,
    ...indent(body),
    '}',
  ].join('\n');
}
