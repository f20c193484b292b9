/**
 * The small per-step kernels around the neuron and synapse code (twins of `../js/phases.ts`):
 * clearing weighted sums and spike counters, random draws (Philox, `src/random/philox_wgsl.ts`),
 * global reductions (one workgroup, tree reduction), and the delay rings (copy, then one invocation
 * moves the ring index, so that no invocation reads an index another one is changing).
 */
import { reduction } from '../kernels/globalops.js';
import { emitsAxonSpikes } from '../kernels/axon.js';
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import type { RandomUse } from '../../equations/description.js';
import { renderExpr } from '../render.js';
import { wgslSpelling, wgslDialect } from './spelling.js';
import { plainMem, type Layout } from './memory.js';
import { neuronScope, synapseScope } from './scope.js';
import { randomStream } from '../../ir/streams.js';
import { enabledCheck } from './neuron.js';
import type { Kernel } from './kernel.js';
import { NetworkError } from '../../errors.js';

/** Clears the weighted sums of a population at the start of a step. */
export function clearSumsKernel(pop: PopulationPlan, L: Layout): Kernel | undefined {
  if (pop.sumTargets.length === 0) return undefined;
  return {
    name: `pop${pop.id}_clear`, stage: 0, mem: plainMem, dispatch: { threads: pop.size },
    body: ['let i = gi;', `if (i >= ${pop.size}) { return; }`, enabledCheck(L, pop.id), ...pop.sumTargets.map((t) => `F[${L.off('pop', pop.id, `_sum_${t}`)} + i] = 0.0;`)],
  };
}

/** Empties every spike list before the neuron updates (disabled populations emit nothing, as in `js`). */
export function clearCountersKernel(net: NetworkPlan, L: Layout): Kernel | undefined {
  const pops = net.populations.filter((p) => p.spiking);
  if (pops.length === 0) return undefined;
  return {
    name: 'clear_counters', stage: 1, mem: plainMem, dispatch: { threads: 1 },
    body: ['if (gi != 0) { return; }', ...pops.flatMap((p) => ['_nspiked', ...(emitsAxonSpikes(p) ? ['_naxon'] : [])]
      .map((c) => `atomicStore(&A[${L.off('pop', p.id, c)}], 0);`))],
  };
}

/** One draw of `u` for element `i` in f32 (the `_a<k>` locals hold the arguments). */
function drawExpr(u: RandomUse, stream: number, where: string): string {
  const tail = `SEED, ${stream >>> 0}u, u32(gi), U.step_lo, U.step_hi, ${u.id}u`;
  switch (u.dist) {
    case 'Uniform': return `(_a0 + (_a1 - _a0) * nrx_uniform_f32(${tail}))`;
    case 'Normal': return `(_a0 + _a1 * nrx_normal_f32(${tail}))`;
    case 'LogNormal': return `exp(_a0 + _a1 * nrx_normal_f32(${tail}))`;
    case 'Exponential': return `(-log(f32((nrx_draw_block(${tail}, 0u).x >> 8u) + 1u) * 5.9604644775390625e-8) / _a0)`;
    case 'DiscreteUniform': return `min(_a1, _a0 + floor(nrx_uniform_f32(${tail}) * (_a1 - _a0 + 1.0)))`;
    case 'Gamma': return `nrx_gamma_f32(_a0, _a1, ${stream >>> 0}u, u32(gi), ${u.id}u)`;
    case 'Binomial': return `nrx_binomial_f32(_a0, _a1, ${stream >>> 0}u, u32(gi), ${u.id}u)`;
    default: throw new NetworkError(`webgpu backend: ${where}: ${String(u.dist)}() draws are not supported on webgpu yet`);
  }
}

/** Draws of every random use of a population or projection (one invocation per element). */
export function randomKernels(owner: { kind: 'pop'; plan: PopulationPlan } | { kind: 'proj'; plan: ProjectionPlan }, net: NetworkPlan, L: Layout): Kernel[] {
  const uses: RandomUse[] = owner.plan.description.randoms;
  const scope = owner.kind === 'pop'
    ? neuronScope(owner.plan, net, L, plainMem, new Set())
    : synapseScope(owner.plan, net, L, plainMem, { dtName: 'DT', temps: new Set() });
  const stream = randomStream(owner.kind, owner.plan.id);
  const where = `${owner.kind === 'pop' ? 'population' : 'projection'} '${owner.plan.name}'`;
  return uses.map((u) => {
    const r = L.get(owner.kind, owner.plan.id, `_rand_${u.id}`);
    const args = u.args.map((a) => renderExpr(a, scope, wgslSpelling));
    if (u.dist === 'Gamma' && args.length < 2) args.push('1.0');
    return {
      name: `${owner.kind}${owner.plan.id}_random${u.id}`, stage: 1 as const, mem: plainMem, dispatch: { threads: r.length },
      body: [
        `if (gi >= ${r.length}) { return; }`,
        ...(owner.kind === 'pop' ? [enabledCheck(L, owner.plan.id)] : []),
        'let i = gi; let k = gi;',
        ...args.map((a, k) => `let _a${k}: f32 = ${a};`),
        `F[${r.offset} + gi] = ${drawExpr(u, stream, where)};`,
      ],
    };
  });
}

/** Global operations (`mean(r)`, `max(v)`, …): one workgroup of 64 invocations per operation. */
export function globalOpsKernels(pop: PopulationPlan, L: Layout): Kernel[] {
  const seen = new Set<string>();
  const kernels: Kernel[] = [];
  for (const g of pop.globalOps) {
    const key = `_${g.op}_${g.variable}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const x = L.get('pop', pop.id, g.variable);
    // The shared recipe (`../kernels/globalops.ts`) in a workgroup tree: 64 strided partial reductions, then halving.
    const r = reduction(g.op, wgslDialect);
    kernels.push({
      name: `pop${pop.id}${key}`, stage: 2, mem: plainMem, dispatch: { workgroups: 1 },
      decls: ['var<workgroup> red: array<f32, 64>;'],
      body: [
        `var a: f32 = ${r.init};`,
        `for (var j = li; j < ${x.length}; j = j + 64) { let v = F[${x.offset} + j]; a = ${r.combine('a', r.term('v'))}; }`,
        'red[li] = a;',
        'workgroupBarrier();',
        'for (var st: i32 = 32; st > 0; st = st / 2) {',
        `  if (li < st) { red[li] = ${r.combine('red[li]', 'red[li + st]')}; }`,
        '  workgroupBarrier();',
        '}',
        `if (li == 0) { F[${L.off('pop', pop.id, key)}] = ${r.finish('red[0]', String(x.length))}; }`,
      ],
    });
  }
  return kernels;
}

/**
 * Pushes this step's values of delayed variables and this step's spikes into the rings: a copy
 * kernel into the next slot, then a one-invocation kernel that advances the indices.
 */
export function delayKernels(pop: PopulationPlan, L: Layout): Kernel[] {
  const copy: string[] = [];
  const bump: string[] = [];
  const o = (n: string) => L.off('pop', pop.id, n);
  let threads = 0;
  if (pop.delayedVariables.length) {
    copy.push(`{ let _idx = (I[${o('_delay_idx')}] + 1) % I[${o('_delay_len')}];`);
    for (const v of pop.delayedVariables) {
      const x = L.get('pop', pop.id, v);
      threads = Math.max(threads, x.length);
      copy.push(`  if (gi < ${x.length}) { F[${o(`_delayed_${v}`)} + _idx * ${x.length} + gi] = F[${x.offset} + gi]; }`);
    }
    copy.push('}');
    bump.push(`I[${o('_delay_idx')}] = (I[${o('_delay_idx')}] + 1) % I[${o('_delay_len')}];`);
  }
  const spikeRing = (q: string, qn: string, qi: string) => {
    const D = L.get('pop', pop.id, qn).length;
    threads = Math.max(threads, pop.size);
    copy.push(
      `{ let _slot = (I[${o(qi)}] + 1) % ${D}; let _ns = atomicLoad(&A[${o('_nspiked')}]);`,
      `  if (gi < _ns) { I[${o(q)} + _slot * ${pop.size} + gi] = I[${o('_spiked')} + gi]; } }`,
    );
    bump.push(`{ let _slot = (I[${o(qi)}] + 1) % ${D}; I[${o(qi)}] = _slot; I[${o(qn)} + _slot] = atomicLoad(&A[${o('_nspiked')}]); }`);
  };
  if (pop.spikeQueue) spikeRing('_spike_queue', '_spike_queue_n', '_spike_queue_idx');
  if (copy.length === 0) return [];
  return [
    { name: `pop${pop.id}_delay`, stage: 2, mem: plainMem, dispatch: { threads }, body: copy },
    { name: `pop${pop.id}_delay_bump`, stage: 2, mem: plainMem, dispatch: { threads: 1 }, body: ['if (gi != 0) { return; }', ...bump] },
  ];
}

/**
 * Batched spike recording (monitors of spikes only): appends this step's spike list to the
 * population's record and its count to the per-step counts. Dispatched only while a monitor records
 * the population's spikes (`Kernel.record`).
 */
export function recordKernels(pop: PopulationPlan, L: Layout): Kernel[] {
  if (!pop.spiking) return [];
  const o = (n: string) => L.off('pop', pop.id, n);
  const meta = o('_wg_rec_meta');
  const n = `atomicLoad(&A[${o('_nspiked')}])`;
  return [
    { name: `pop${pop.id}_record`, stage: 2, mem: plainMem, dispatch: { threads: pop.size }, record: pop.id,
      body: [`if (gi < ${n}) { I[${o('_wg_rec')} + I[${meta}] + gi] = I[${o('_spiked')} + gi]; }`] },
    { name: `pop${pop.id}_record_count`, stage: 2, mem: plainMem, dispatch: { threads: 1 }, record: pop.id,
      body: ['if (gi != 0) { return; }', `let _n = ${n};`, `I[${o('_wg_rec_n')} + I[${meta} + 1]] = _n;`, `I[${meta}] = I[${meta}] + _n;`, `I[${meta} + 1] = I[${meta} + 1] + 1;`] },
  ];
}
