/**
 * The small per-step kernels around the neuron and synapse code, as C++ (twins of
 * `../js/phases.ts`): random draws, global reductions (sequential, in index order, so the sums are
 * the js sums), and pushing delayed values and spikes into their rings.
 */
import { sequentialReduction } from '../kernels/globalops.js';
import { indent } from '../kernels/dialect.js';
import type { NetworkPlan, PopulationPlan } from '../../ir/plan.js';
import { randomDraws, drawValue, type DrawLibrary, type RandomDraw, type RandomOwner } from '../kernels/random.js';
import { ringParts, type RingTarget } from '../kernels/delays.js';
import { cppSpelling, cppDialect } from './spelling.js';
import { neuronScope } from './neuron.js';
import { synapseScope } from './synapse-scope.js';
import { C_TYPE, KernelArrays, type ArrayTable } from './arrays.js';
import { parallelFor, threadRange } from './parallel.js';
import { InternalError } from '../../errors.js';

/** The C key of a draw at element `i` of this step (`src/random/philox_c.ts`). */
const key = (r: RandomDraw) => `SEED, ${r.stream}u, (uint32_t)i, (uint64_t)step, ${r.drawId}u`;

/** The C random library at element `i`: the `_at` functions, the same bits as the js `drawAt`. */
const cppDraws: DrawLibrary = {
  uniform: (r) => `nrx_uniform_at(${key(r)})`,
  normal: (r) => `nrx_normal_at(${key(r)})`,
  call: (dist, args, r) => {
    const fn = { DiscreteUniform: 'discrete_uniform', Exponential: 'exponential', Gamma: 'gamma', Binomial: 'binomial' }[dist];
    return `nrx_${fn}_at(${args.join(', ')}, ${key(r)})`;
  },
};

/**
 * Draws of every random use of a population or projection (`../kernels/random.ts`), one block per
 * use. Uniform and Normal draws take the batched strategy (`random-batch.ts`: vectorisable blocks of
 * Philox, the same bits as `cppDraws`); the others one draw per element. With `share`,
 * `pop<id>_random_share(N, step, _t, _nt)` draws only thread `_t`'s block of the elements (the
 * thread blocks' split, `neuron.ts`), for a step's one region (`step-region.ts`): every draw is
 * keyed by its element, so the blocks' draws are the whole array's.
 */
export function randomKernel(owner: RandomOwner, net: NetworkPlan, table: ArrayTable, share = false): string | undefined {
  if (owner.plan.description.randoms.length === 0) return undefined;
  const name = owner.kind === 'pop' ? `pop${owner.plan.id}_random` : `proj${owner.plan.id}_random`;
  const scope = owner.kind === 'pop'
    ? neuronScope(owner.plan, net, 'global', new Set(), new KernelArrays(table))
    : synapseScope(owner.plan, net, table, { dtName: 'dt', temps: new Set() });
  const body: string[] = [];
  for (const r of randomDraws(owner, scope, cppSpelling)) {
    const a = r.args.map((_, k) => `_a${k}`);
    const out = table.ptr(owner.kind, owner.plan.id, r.array);
    const n = table.len(owner.kind, owner.plan.id, r.array);
    const size = owner.kind === 'pop' ? (r.use.locality === 'global' ? 1 : owner.plan.size) : undefined;
    if (share && (owner.kind !== 'pop' || size !== owner.plan.size)) throw new InternalError(`cpp backend: ${name} draws a value shared by the blocks`);
    const [lo, hi] = share ? ['_lo', '_hi'] : ['0', '_n'];
    const batched = `nx_${r.dist === 'Normal' ? 'normal' : 'uniform'}_block(_out + _b, _b, ${hi} - _b < NX_RB ? ${hi} - _b : NX_RB, _a0, ${r.dist === 'Normal' ? '_a1' : '_w'}, SEED, ${r.stream}u, (uint64_t)step, ${r.drawId}u);`;
    body.push(...cppDialect.block([
      ...r.args.map((v, k) => cppDialect.declare(a[k], v)),
      ...(r.dist === 'Uniform' ? [cppDialect.declare('_w', '_a1 - _a0')] : []),
      `double* _out = ${out}; const int64_t _n = ${n};`,
      ...(share && size !== undefined ? ['(void)_n;', threadRange(size)] : parallelFor(table.threads, '_n', size)),
      r.dist === 'Normal' || r.dist === 'Uniform'
        ? `for (int64_t _b = ${lo}; _b < ${hi}; _b += NX_RB) ${batched}`
        : `for (int64_t i = ${lo}; i < ${hi}; i++) _out[i] = ${drawValue(r, a, cppDraws, cppSpelling)};`,
    ]));
  }
  const decl = 'arrays' in scope ? scope.arrays.declarations() : [];
  return [
    share ? `static void ${name}_share(Net* N, int64_t step, int64_t _t, int64_t _nt) {` : `static void ${name}(Net* N, int64_t step) {`,
    '  const double* C = (const double*)N->a[NX_CONSTANTS];',
    '  const double t = (double)step * dt;',
    '  (void)C; (void)t;',
    ...decl.map((l) => `  ${l}`),
    ...body.map((l) => `  ${l}`),
    '}',
  ].join('\n');
}

/** Whether every draw of population `pop` is one per neuron (none population-wide): its draws can be split in thread blocks. */
export function drawsPerNeuron(pop: PopulationPlan): boolean {
  return pop.description.randoms.every((r) => r.locality !== 'global');
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
    lines.push(`  { const auto* x = ${table.ptr('pop', pop.id, g.variable)}; const int64_t n = ${table.len('pop', pop.id, g.variable)};`);
    lines.push(...indent(sequentialReduction(g.op, cppDialect, (i) => `x[${i}]`, 'n', `${table.ptr('pop', pop.id, key)}[0]`), 2), '  }');
  }
  lines.push('}');
  return lines.join('\n');
}

/** The C places of the ring parts: the slots of the array table; copies are `memcpy`s. */
function ringTarget(pop: PopulationPlan, table: ArrayTable): RingTarget {
  const ptr = (name: string) => table.ptr('pop', pop.id, name);
  return {
    d: cppDialect,
    el: (name, idx) => `${ptr(name)}[${idx}]`,
    length: (name) => table.len('pop', pop.id, name),
    spikeCount: () => `${ptr('_nspiked')}[0]`,
    copy: (ring, slot, width, src, count) => {
      const dst = ptr(ring);
      const type = C_TYPE[table.slots[table.slot('pop', pop.id, ring)].type];
      return [`memcpy(${dst} + (int64_t)${slot} * ${width}, ${ptr(src)}, sizeof(${type}) * ${count});`];
    },
  };
}

/** Pushes this step's values of delayed variables, and this step's spikes, into the rings (`../kernels/delays.ts`). */
export function delayKernel(pop: PopulationPlan, table: ArrayTable): string | undefined {
  const parts = ringParts(pop, ringTarget(pop, table));
  if (!parts) return undefined;
  return [`static void pop${pop.id}_delay(Net* N, int64_t step) {`, '  (void)step;', ...indent([...parts.next, ...parts.push, ...parts.advance]), '}'].join('\n');
}
