/**
 * The C++ transmission kernel of a shared-weight projection (Convolution, Pooling, Copy), the twin
 * of `../js/shared.ts` (semantics in `ir/plan.ts`, `SpecialProjection` `shared`): the same window
 * order per neuron and the same operations in double precision, so both give identical bits. Blocks of BLOCK neurons: for each window element,
 * the ranks of the block's neurons are contiguous (`_sh_pre` is window-major), so the inner loop is a
 * vectorisable gather into the block's accumulators; blocks in parallel when the work is large.
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { renderExpr } from '../render.js';
import { cppSpelling } from './spelling.js';
import { indent } from './statements.js';
import { synapseScope } from './synapse-scope.js';
import type { ArrayTable } from './arrays.js';
import { parallelFor, SYNAPSE_THRESHOLD } from './parallel.js';
import { FLAGS, FLAGS_PER_PROJECTION } from '../kernels/switches.js';
import { paddedPsp, reduction, sharedOutputs, sharedSpecial } from '../kernels/shared.js';

/** Post-synaptic neurons per block (accumulators on the stack: 2 KiB, in L1). */
const BLOCK = 256;

/** Source of `static void proj<id>_transmit(Net* N, int64_t step)`. */
export function sharedTransmissionKernel(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable): string {
  const { window: K, padding, weights, indexed } = sharedSpecial(proj);
  const scope = synapseScope(proj, net, table, { dtName: 'dt', temps: new Set() });
  const psp = renderExpr(proj.description.psp!, scope, cppSpelling);
  const shPre = scope.arrays.need('_sh_pre', 'proj', proj.id, '_sh_pre');
  const shW = scope.arrays.need('_sh_wofs', 'proj', proj.id, '_sh_wofs');
  const shI = indexed ? scope.arrays.need('_sh_widx', 'proj', proj.id, '_sh_widx') : '';
  const sums = sharedOutputs(proj).map((o, j) => scope.arrays.need(`_sum${j}`, 'pop', proj.post, o));
  const spiking = proj.type === 'spike';
  const ls = spiking ? scope.arrays.need('_ls', 'pop', proj.pre, '_last_spike') : '';
  const n = net.populations[proj.post].size;
  const op = sharedSpecial(proj).operation;
  const r = reduction(op, 'INFINITY');
  const B = BLOCK;
  const acc = r.combine === 'add' ? '_acc[ii] = _acc[ii] + _p;' : `_acc[ii] = _p ${r.combine === 'max' ? '>' : '<'} _acc[ii] ? _p : _acc[ii];`;
  // Padding: the rank is clamped to a valid one and the padded psp selected, so the loop has no
  // branch (psp has no side effects); the same value as js's branch.
  // Spikes: an element counts when its neuron spiked in the previous step (none outside the population).
  const load = spiking
    ? ['const int32_t _raw = _row[ii];', 'const int64_t rk_pre = _raw < 0 ? 0 : _raw;', `const double _p = (_raw >= 0 && ${ls}[rk_pre] == step - 1) ? ${psp} : 0.0;`]
    : padding === null
    ? ['const int64_t rk_pre = _row[ii];', `const double _p = ${psp};`]
    : ['const int32_t _raw = _row[ii];', 'const int64_t rk_pre = _raw < 0 ? 0 : _raw;', `const double _p = _raw >= 0 ? ${psp} : ${renderExpr(paddedPsp(proj.description.psp!, padding), scope, cppSpelling)};`];
  const body = [
    ...scope.declarations(), ...scope.prologue(),
    ...parallelFor(table.threads, '', n * K, SYNAPSE_THRESHOLD),
    `for (int64_t _b = 0; _b < ${n}; _b += ${B}) {`,
    `  const int64_t _nb = ${n} - _b < ${B} ? ${n} - _b : ${B};`,
    `  double _acc[${B}];`,
    `  for (int64_t ii = 0; ii < _nb; ii++) _acc[ii] = ${r.init === '0' ? '0.0' : r.init};`,
    `  for (int64_t m = 0; m < ${K}; m++) {`,
    `    const int32_t* _row = ${shPre} + m * ${n} + _b;`,
    '    for (int64_t ii = 0; ii < _nb; ii++) {',
    // One filter (not a bank): every offset is 0, so k = m, one weight for the whole inner loop.
    `      const int64_t i = _b + ii, rk_post = i, k = ${indexed ? `${shI}[m * ${n} + i]` : weights === K ? 'm' : `${shW}[i] + m`}; (void)rk_post; (void)k;`,
    ...load.map((l) => `      ${l}`),
    '      (void)rk_pre;',
    `      ${acc}`,
    '    }',
    '  }',
    ...sums.map((sum) => `  for (int64_t ii = 0; ii < _nb; ii++) ${sum}[_b + ii] += ${op === 'mean' ? `_acc[ii] / ${K}.0` : '_acc[ii]'};`),
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
