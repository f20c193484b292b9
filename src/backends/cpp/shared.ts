/**
 * The C++ layout of a shared-weight projection's transmission (Convolution, Pooling, Copy;
 * `../kernels/shared.ts` `windowParts`): the js window order per neuron and the same operations in
 * double precision, so both give identical bits. Blocks of BLOCK neurons: for each window element,
 * the ranks of the block's neurons are contiguous (`_sh_pre` is window-major), so the inner loop is a
 * vectorisable gather into the block's accumulators; blocks in parallel when the work is large.
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { cppSpelling, cppDialect } from './spelling.js';
import { indent } from './statements.js';
import { synapseScope } from './synapse-scope.js';
import type { ArrayTable } from './arrays.js';
import { parallelFor, SYNAPSE_THRESHOLD } from './parallel.js';
import { FLAGS, FLAGS_PER_PROJECTION } from '../kernels/switches.js';
import { paddedPsp, sharedSpecial, windowParts } from '../kernels/shared.js';

/** Post-synaptic neurons per block (accumulators on the stack: 2 KiB, in L1). */
const BLOCK = 256;

/** Source of `static void proj<id>_transmit(Net* N, int64_t step)`. */
export function sharedTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable): string {
  const { window: K, padding, weights, indexed } = sharedSpecial(proj);
  const scope = synapseScope(proj, net, table, { dtName: 'dt', temps: new Set() });
  const n = net.populations[proj.post].size;
  const need = (local: string, name: string) => scope.arrays.need(local, 'proj', proj.id, name);
  const { sum, element } = windowParts(proj, {
    d: cppDialect,
    psp: () => renderExpr(proj.description.psp!, scope, cppSpelling),
    padded: () => renderExpr(paddedPsp(proj.description.psp!, padding ?? 0), scope, cppSpelling),
    rank: '_row[ii]',
    // One filter (not a bank): every offset is 0, so k = m, one weight for the whole inner loop.
    weight: indexed ? `${need('_sh_widx', '_sh_widx')}[m * ${n} + i]` : weights === K ? 'm' : `${need('_sh_wofs', '_sh_wofs')}[i] + m`,
    lastSpike: (rk) => `${scope.arrays.need('_ls', 'pop', proj.pre, '_last_spike')}[${rk}]`,
    step: 'step',
  });
  const shPre = need('_sh_pre', '_sh_pre');
  const sums = sum.into.map((o, j) => scope.arrays.need(`_sum${j}`, 'pop', proj.post, o));
  const B = BLOCK;
  const body = [
    ...scope.declarations(), ...scope.prologue(),
    ...parallelFor(table.threads, '', n * K, SYNAPSE_THRESHOLD),
    `for (int64_t _b = 0; _b < ${n}; _b += ${B}) {`,
    `  const int64_t _nb = ${n} - _b < ${B} ? ${n} - _b : ${B};`,
    `  double _acc[${B}];`,
    `  for (int64_t ii = 0; ii < _nb; ii++) _acc[ii] = ${sum.start};`,
    `  for (int64_t m = 0; m < ${K}; m++) {`,
    `    const int32_t* _row = ${shPre} + m * ${n} + _b;`,
    '    for (int64_t ii = 0; ii < _nb; ii++) {',
    '      const int64_t i = _b + ii, rk_post = i; (void)rk_post;',
    '      double _s = _acc[ii];',
    ...indent(element, 3),
    '      _acc[ii] = _s;',
    '    }',
    '  }',
    ...indent(cppDialect.forRange('ii', '_nb', sum.deliver((_name, j) => `${sums[j]}[_b + ii]`, String(K), '_acc[ii]'))),
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
