/**
 * The small per-step kernels around the neuron and synapse code, as C++ (twins of
 * `../js/phases.ts`): random draws, global reductions (sequential, in index order, so the sums are
 * the js sums), and pushing delayed values and spikes into their rings.
 */
import { sequentialReduction } from '../kernels/globalops.js';
import { indent } from '../kernels/dialect.js';
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import type { RandomUse } from '../../equations/description.js';
import { renderExpr } from '../render.js';
import { cppSpelling, cppDialect } from './spelling.js';
import { neuronScope } from './neuron.js';
import { synapseScope } from './synapse-scope.js';
import { KernelArrays, type ArrayTable } from './arrays.js';
import { randomStream } from '../../ir/streams.js';
import { parallelFor } from './parallel.js';

/** One draw of `dist` for element `i` (C expression), with the arguments `a0`, `a1`, … (the js `drawAt`). */
function drawExpr(u: RandomUse, stream: number): string {
  const tail = `SEED, ${stream}u, (uint32_t)i, (uint64_t)step, ${u.id}u`;
  switch (u.dist) {
    case 'Uniform': return `(_a0 + (_w * nrx_uniform_at(${tail})))`;
    case 'Normal': return `(_a0 + (_a1 * nrx_normal_at(${tail})))`;
    case 'LogNormal': return `nrx_exp(_a0 + (_a1 * nrx_normal_at(${tail})))`;
    case 'DiscreteUniform': return `nrx_discrete_uniform_at(_a0, _a1, ${tail})`;
    case 'Exponential': return `nrx_exponential_at(_a0, ${tail})`;
    case 'Gamma': return `nrx_gamma_at(_a0, _a1, ${tail})`;
    case 'Binomial': return `nrx_binomial_at(_a0, _a1, ${tail})`;
  }
}

/** Draws of every random use of a population or projection (one array per use, redrawn each step). */
export function randomKernel(owner: { kind: 'pop'; plan: PopulationPlan } | { kind: 'proj'; plan: ProjectionPlan }, net: NetworkPlan, table: ArrayTable): string | undefined {
  const uses: RandomUse[] = owner.plan.description.randoms;
  if (uses.length === 0) return undefined;
  const name = owner.kind === 'pop' ? `pop${owner.plan.id}_random` : `proj${owner.plan.id}_random`;
  const scope = owner.kind === 'pop'
    ? neuronScope(owner.plan, net, 'global', new Set(), new KernelArrays(table))
    : synapseScope(owner.plan, net, table, { dtName: 'dt', temps: new Set() });
  const stream = randomStream(owner.kind, owner.plan.id);
  const body: string[] = [];
  for (const u of uses) {
    const args = u.args.map((a) => renderExpr(a, scope, cppSpelling));
    if (u.dist === 'Gamma' && args.length < 2) args.push('1.0');
    const out = table.ptr(owner.kind, owner.plan.id, `_rand_${u.id}`);
    const n = table.len(owner.kind, owner.plan.id, `_rand_${u.id}`);
    const size = owner.kind === 'pop' ? (u.locality === 'global' ? 1 : owner.plan.size) : undefined;
    body.push(
      '{',
      ...args.map((a, k) => `  const double _a${k} = ${a};`),
      ...(u.dist === 'Uniform' ? ['  const double _w = _a1 - _a0;'] : []),
      `  double* _out = ${out}; const int64_t _n = ${n};`,
      ...parallelFor(table.threads, '_n', size).map((l) => `  ${l}`),
      u.dist === 'Normal' || u.dist === 'Uniform'
        // Batched, vectorisable draws (same bits as drawExpr; see random-batch.ts).
        ? `  for (int64_t _b = 0; _b < _n; _b += NX_RB) nx_${u.dist === 'Normal' ? 'normal' : 'uniform'}_block(_out + _b, _b, _n - _b < NX_RB ? _n - _b : NX_RB, _a0, ${u.dist === 'Normal' ? '_a1' : '_w'}, SEED, ${stream}u, (uint64_t)step, ${u.id}u);`
        : `  for (int64_t i = 0; i < _n; i++) _out[i] = ${drawExpr(u, stream)};`,
      '}',
    );
  }
  const decl = 'arrays' in scope ? scope.arrays.declarations() : [];
  return [
    `static void ${name}(Net* N, int64_t step) {`,
    '  const double* C = (const double*)N->a[NX_CONSTANTS];',
    '  const double t = (double)step * dt;',
    '  (void)C; (void)t;',
    ...decl.map((l) => `  ${l}`),
    ...body.map((l) => `  ${l}`),
    '}',
  ].join('\n');
}

/** Global operations (`mean(r)`, `max(v)`, …) after all neuron updates (`../kernels/globalops.ts`, sequential). */
export function globalOpsKernel(pop: PopulationPlan, table: ArrayTable): string | undefined {
  if (pop.globalOps.length === 0) return undefined;
  const lines = [`static void pop${pop.id}_globalops(Net* N, int64_t step) {`, '  (void)step;'];
  const seen = new Set<string>();
  for (const g of pop.globalOps) {
    const key = `_${g.op}_${g.variable}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(`  { const double* x = ${table.ptr('pop', pop.id, g.variable)}; const int64_t n = ${table.len('pop', pop.id, g.variable)};`);
    lines.push(...indent(sequentialReduction(g.op, cppDialect, (i) => `x[${i}]`, 'n', `${table.ptr('pop', pop.id, key)}[0]`), 2), '  }');
  }
  lines.push('}');
  return lines.join('\n');
}

/** Pushes this step's values of delayed variables, and this step's spikes, into the rings. */
export function delayKernel(pop: PopulationPlan, table: ArrayTable): string | undefined {
  if (pop.delayedVariables.length === 0 && !pop.spikeQueue) return undefined;
  const lines = [`static void pop${pop.id}_delay(Net* N, int64_t step) {`, '  (void)step;'];
  if (pop.delayedVariables.length) {
    lines.push(
      `  int32_t* _di = ${table.ptr('pop', pop.id, '_delay_idx')}; const int32_t _D = ${table.ptr('pop', pop.id, '_delay_len')}[0];`,
      '  const int32_t idx = (_di[0] + 1) % _D; _di[0] = idx;',
    );
    for (const v of pop.delayedVariables) {
      const n = table.len('pop', pop.id, v);
      lines.push(`  memcpy(${table.ptr('pop', pop.id, `_delayed_${v}`)} + (int64_t)idx * ${n}, ${table.ptr('pop', pop.id, v)}, sizeof(double) * ${n});`);
    }
  }
  if (pop.spikeQueue) {
    lines.push(
      `  int32_t* _qi = ${table.ptr('pop', pop.id, '_spike_queue_idx')}; int32_t* _qn = ${table.ptr('pop', pop.id, '_spike_queue_n')};`,
      `  const int32_t slot = (int32_t)((_qi[0] + 1) % ${table.len('pop', pop.id, '_spike_queue_n')}); _qi[0] = slot;`,
      `  const int32_t ns = ${table.ptr('pop', pop.id, '_nspiked')}[0]; _qn[slot] = ns;`,
      `  memcpy(${table.ptr('pop', pop.id, '_spike_queue')} + (int64_t)slot * ${pop.size}, ${table.ptr('pop', pop.id, '_spiked')}, sizeof(int32_t) * ns);`,
    );
  }
  lines.push('}');
  return lines.join('\n');
}
