/**
 * The small per-step kernels around the neuron and synapse code (twins of `../js/phases.ts`):
 * clearing weighted sums and spike counters, random draws (Philox, `src/random/philox_wgsl.ts`),
 * global reductions (one workgroup, tree reduction), and the delay rings (copy, then one invocation
 * moves the ring index, so that no invocation reads an index another one is changing).
 */
import { reduction } from '../kernels/globalops.js';
import { emitsAxonSpikes } from '../kernels/axon.js';
import type { NetworkPlan, PopulationPlan } from '../../ir/plan.js';
import { randomDraws, drawValue, type DrawLibrary, type RandomDraw, type RandomOwner } from '../kernels/random.js';
import { ringParts, type RingTarget } from '../kernels/delays.js';
import { wgslSpelling, wgslDialect } from './spelling.js';
import { plainMem, type Layout } from './memory.js';
import { neuronScope, synapseScope } from './scope.js';
import { gateCheck, type Gate, type Kernel } from './kernel.js';

/** Clears the weighted sums of a population at the start of a step (where `gate`, the call's, is on). */
export function clearSumsKernel(pop: PopulationPlan, L: Layout, gate: Gate): Kernel | undefined {
  if (pop.sumTargets.length === 0) return undefined;
  return {
    name: `pop${pop.id}_clear`, stage: 0, mem: plainMem, dispatch: { threads: pop.size },
    body: ['let i = gi;', `if (i >= ${pop.size}) { return; }`, ...gateCheck(gate), ...pop.sumTargets.map((t) => `F[${L.off('pop', pop.id, `_sum_${t}`)} + i] = 0.0;`)],
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

/** The WGSL key of a draw at element `gi` of this step (`src/random/philox_wgsl.ts`; the step as two words). */
const key = (r: RandomDraw) => `SEED, ${r.stream >>> 0}u, u32(gi), U.step_lo, U.step_hi, ${r.drawId}u`;

/** The WGSL random library at element `gi`, in f32 (the same Philox words as js and cpp). */
const wgslDraws: DrawLibrary = {
  uniform: (r) => `nrx_uniform_f32(${key(r)})`,
  normal: (r) => `nrx_normal_f32(${key(r)})`,
  call: (dist, [a0, a1], r) => {
    switch (dist) {
      case 'Exponential': return `(-log(f32((nrx_draw_block(${key(r)}, 0u).x >> 8u) + 1u) * 5.9604644775390625e-8) / ${a0})`;
      case 'DiscreteUniform': return `min(${a1}, ${a0} + floor(nrx_uniform_f32(${key(r)}) * (${a1} - ${a0} + 1.0)))`;
      // These read the seed and the step (`U`) themselves (`random.ts`).
      case 'Gamma': return `nrx_gamma_f32(${a0}, ${a1}, ${r.stream >>> 0}u, u32(gi), ${r.drawId}u)`;
      case 'Binomial': return `nrx_binomial_f32(${a0}, ${a1}, ${r.stream >>> 0}u, u32(gi), ${r.drawId}u)`;
    }
  },
};

/**
 * Draws of every random use of a population or projection (`../kernels/random.ts`): one kernel per
 * use, one invocation per element, returning at once where `gate` (the call's) is off.
 */
export function randomKernels(owner: RandomOwner, net: NetworkPlan, L: Layout, gate: Gate): Kernel[] {
  const scope = owner.kind === 'pop'
    ? neuronScope(owner.plan, net, L, plainMem, new Set())
    : synapseScope(owner.plan, net, L, plainMem, { dtName: 'DT', temps: new Set() });
  return randomDraws(owner, scope, wgslSpelling).map((r) => {
    const out = L.get(owner.kind, owner.plan.id, r.array);
    const a = r.args.map((_, k) => `_a${k}`);
    return {
      name: `${owner.kind}${owner.plan.id}_random${r.drawId}`, stage: 1 as const, mem: plainMem, dispatch: { threads: out.length },
      body: [
        `if (gi >= ${out.length}) { return; }`,
        ...gateCheck(gate),
        'let i = gi; let k = gi;',
        ...r.args.map((v, k) => wgslDialect.declare(a[k], v)),
        `F[${out.offset} + gi] = ${drawValue(r, a, wgslDraws, wgslSpelling)};`,
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

/** The WGSL places of the ring parts: regions of the layout; a copy moves this invocation's element. */
function ringTarget(pop: PopulationPlan, L: Layout): RingTarget {
  const o = (name: string) => L.off('pop', pop.id, name);
  return {
    d: wgslDialect,
    el: (name, idx) => (idx === '0' ? `I[${o(name)}]` : `I[${o(name)} + ${idx}]`),
    length: (name) => String(L.get('pop', pop.id, name).length),
    spikeCount: () => `atomicLoad(&A[${o('_nspiked')}])`,
    copy: (ring, slot, width, src, count) => {
      const r = L.get('pop', pop.id, ring), x = L.get('pop', pop.id, src);
      return [`if (gi < ${count}) { ${r.buf}[${r.offset} + ${slot} * ${width} + gi] = ${x.buf}[${x.offset} + gi]; }`];
    },
  };
}

/**
 * Pushes this step's values of delayed variables and this step's spikes into the rings
 * (`../kernels/delays.ts`): a copy kernel into the next slots, then a one-invocation kernel that
 * advances the indices (no invocation reads an index another one changes).
 */
export function delayKernels(pop: PopulationPlan, L: Layout): Kernel[] {
  const parts = ringParts(pop, ringTarget(pop, L));
  if (!parts) return [];
  const widths = [...pop.delayedVariables.map((v) => L.get('pop', pop.id, v).length), ...(pop.spikeQueue ? [pop.size] : [])];
  return [
    { name: `pop${pop.id}_delay`, stage: 2, mem: plainMem, dispatch: { threads: Math.max(...widths) }, body: [...parts.next, ...parts.push] },
    { name: `pop${pop.id}_delay_bump`, stage: 2, mem: plainMem, dispatch: { threads: 1 }, body: ['if (gi != 0) { return; }', ...parts.next, ...parts.advance] },
  ];
}

/**
 * Batched spike recording (monitors of spikes only): appends this step's spike list to the
 * population's record and its count to the per-step counts, in one pass. Dispatched only while a
 * monitor records the population's spikes (`Kernel.record`).
 *
 * `_wg_rec_meta` is `[offset, offset, steps, first]`: the record's running offset twice (step `j`
 * of the batch reads slot `j & 1` and writes slot `1 - (j & 1)`, so that no invocation reads what
 * another writes in the same pass), the steps recorded, and the batch's first step (written by the
 * host with zero offsets at the start of every batch). When the record may not hold the next step's
 * spikes (every neuron may spike), the kernel sets `_wg_halt` to the next step: every kernel of the
 * later steps of the batch returns at once (`generate.ts` `haltCheck`), and the host, which reads the
 * steps recorded, submits the rest after handing the record over.
 */
export function recordKernels(pop: PopulationPlan, L: Layout): Kernel[] {
  if (!pop.spiking) return [];
  const o = (n: string) => L.off('pop', pop.id, n);
  const meta = o('_wg_rec_meta');
  const cap = L.get('pop', pop.id, '_wg_rec').length;
  return [
    { name: `pop${pop.id}_record`, stage: 2, mem: plainMem, dispatch: { threads: pop.size }, record: pop.id,
      body: [
        `let _j = U.step - I[${meta} + 3];`,
        `let _base = I[${meta} + (_j & 1)];`,
        `let _n = atomicLoad(&A[${o('_nspiked')}]);`,
        `if (gi < _n) { I[${o('_wg_rec')} + _base + gi] = I[${o('_spiked')} + gi]; }`,
        `if (gi == 0) { I[${meta} + 1 - (_j & 1)] = _base + _n; I[${o('_wg_rec_n')} + _j] = _n; I[${meta} + 2] = _j + 1;`,
        // The next step's spikes may not fit: halt the batch after this step (the host goes on from there).
        `  if (_base + _n + ${pop.size} > ${cap}) { I[${L.off('net', 0, '_wg_halt')}] = U.step + 1; } }`,
      ] },
  ];
}
