/**
 * The WGSL layout of the input populations' kernels (`../kernels/special.ts`: SpikeSourceArray,
 * TimedArray, Poisson, TimedPoisson; semantics in `ir/plan.ts`): one invocation per neuron, then one
 * invocation advances the shared counters. The Poisson waiting times are drawn in f32 (Philox
 * uniform with 24 bits, `log` in f32, log(1 − q) by its series for small q), so the spike trains
 * have the right law but are not the `js` trains; `_poisson_next` (a step number) is exact in f32 up
 * to 2^24 steps.
 *
 * DecodingProjection (`decodingParts`) in three passes, without float atomics: one invocation
 * scatters the weights of the previous step's spikes through the inverse indices into the ring
 * slot (the js order of the additions, spikes taken in the order of the list), one invocation per
 * dendrite adds its mean rate to the sum, one invocation advances the ring slot.
 */
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import { plainMem, type Layout } from './memory.js';
import { gateCheck, type Gate, type Kernel } from './kernel.js';
import { wgslDialect } from './spelling.js';
import { transmits } from './projection.js';
import { decodingParts, poissonParts, spikeSourceArrayParts, timedArrayParts, type SpecialTarget } from '../kernels/special.js';
import { bareIndex } from '../kernels/dialect.js';

/** Geometric waiting time (steps) of one Bernoulli(q) trial per step; "never" is 3e38. */
export const SPECIAL_WGSL = /* wgsl */ `fn nx_geom(q: f32, stream: u32, index: u32, draw: u32) -> f32 {
  if (!(q > 0.0)) { return 3.0e38; }
  if (q >= 1.0) { return 1.0; }
  let b = nrx_draw_block(SEED, stream, index, U.step_lo, U.step_hi, draw, 0u);
  let u = f32((b.x >> 8u) + 1u) * 5.9604644775390625e-8;
  let lq = select(log(1.0 - q), -(q + q * q * (0.5 + q / 3.0)), q < 0.01);
  return 1.0 + floor(log(u) / lq);
}`;

/**
 * The WGSL places of the special kernels: regions of the packed buffers, lengths as literals (a new
 * length is a new layout). A spike counter (buffer `A`) is read with `atomicLoad`; the kernels
 * append to the spike lists through `spikes`.
 */
function target(net: NetworkPlan, L: Layout): SpecialTarget {
  const el = (owner: 'pop' | 'proj', id: number, name: string, idx: string) => {
    const r = L.get(owner, id, name);
    const at = idx === '0' ? `${r.buf}[${r.offset}]` : `${r.buf}[${r.offset} + ${bareIndex(idx)}]`;
    return r.buf === 'A' ? `atomicLoad(&${at})` : at;
  };
  return {
    d: wgslDialect,
    el,
    length: (owner, id, name) => String(L.get(owner, id, name).length),
    spikes: (id) => ({ element: (k) => el('pop', id, '_spiked', k), count: `A[${L.off('pop', id, '_nspiked')}]` }),
    step: 'U.step',
    dt: 'DT',
    // dt / 1000 rounded once from the double, not computed in f32.
    perHz: String(net.dt / 1000),
    geom: (p, stream, drawId) => `nx_geom(${p}, ${stream}u, u32(i), ${drawId}u)`,
    // On the bits: NaN (reset) must differ from every rate, whatever the compiler assumes about NaN.
    changed: (a, b) => `bitcast<u32>(${a}) != bitcast<u32>(${b})`,
  };
}

/**
 * The kernels of a special population: `pop<id>_update`, one invocation per neuron, then, when the
 * input keeps counters (TimedArray, SpikeSourceArray), `pop<id>_counters`, one invocation.
 */
export function specialKernels(pop: PopulationPlan, net: NetworkPlan, L: Layout, gate: Gate): Kernel[] {
  const d = wgslDialect;
  const t = target(net, L);
  const per: string[] = ['let i = gi;', `if (i >= ${pop.size}) { return; }`, ...gateCheck(gate)];
  const once: string[] = [];
  const kind = pop.special!.kind;
  const timed = (into: string) => {
    const ta = timedArrayParts(pop, into, t);
    per.push(...d.block([...ta.read, ...d.ifBlock('_go', ta.copy)]));
    once.push(...d.block([...ta.read, ...ta.advance]));
  };
  switch (kind) {
    case 'timed-array': timed(pop.special!.into); break;
    case 'spike-source-array': {
      const p = spikeSourceArrayParts(pop, t);
      per.push(...p.read, ...p.neuron);
      once.push(...p.read, ...p.advance);
      break;
    }
    case 'poisson':
    case 'timed-poisson': {
      if (kind === 'timed-poisson') timed('rates');
      const p = poissonParts(pop, t);
      per.push(...p.before, ...p.neuron);
      break;
    }
  }
  const kernels: Kernel[] = [{ name: `pop${pop.id}_update`, stage: 1, mem: plainMem, dispatch: { threads: pop.size }, body: per }];
  if (once.length) kernels.push({ name: `pop${pop.id}_counters`, stage: 1, mem: plainMem, dispatch: { threads: 1 }, body: ['if (gi != 0) { return; }', ...gateCheck(gate), ...once] });
  return kernels;
}

/**
 * The passes of a DecodingProjection (`../kernels/special.ts` `decodingParts`), each returning at
 * once where the projection does not transmit (`transmits`: the call's `gate` on, transmission on): `proj<id>_decoding_count`, one invocation clearing the ring slot's column and
 * scattering the weights of the previous step's spikes into it; `proj<id>_transmit`, one invocation
 * per dendrite adding its mean rate over the window to the sum; `proj<id>_decoding_index`, one
 * invocation advancing the ring slot.
 */
export function decodingKernels(proj: ProjectionPlan, net: NetworkPlan, L: Layout, gate: Gate): Kernel[] {
  const p = decodingParts(proj, target(net, L));
  const nd = L.get('proj', proj.id, '_post_rank').length;
  const skip = `if (!(${transmits(proj, L, gate)})) { return; }`;
  const once = (name: string, body: string[]): Kernel => ({ name, stage: 0, mem: plainMem, dispatch: { threads: 1 }, body: ['if (gi != 0) { return; }', skip, ...p.read, ...body] });
  return [
    once(`proj${proj.id}_decoding_count`, p.count),
    {
      name: `proj${proj.id}_transmit`, stage: 0, mem: plainMem, dispatch: { threads: nd },
      body: ['let i = gi;', `if (i >= ${nd}) { return; }`, skip, ...p.read, ...p.dendrite],
    },
    once(`proj${proj.id}_decoding_index`, p.advance),
  ];
}
