/**
 * The input populations of `src/inputs/` on the GPU (SpikeSourceArray, TimedArray, Poisson,
 * TimedPoisson), transcribing `../js/special.ts` (semantics in `ir/plan.ts`): one invocation per
 * neuron, then one invocation advances the shared counters. The Poisson waiting times are drawn
 * in f32 (Philox uniform with 24 bits, `log` in f32, log(1 − q) by its series for small q), so the
 * spike trains have the right law but are not the `js` trains; `_poisson_next` (a step number) is
 * exact in f32 up to 2^24 steps. (DecodingProjection: `projection.ts`.)
 */
import type { NetworkPlan, PopulationPlan } from '../../ir/plan.js';
import { plainMem, type Layout } from './memory.js';
import { randomStream } from '../../ir/streams.js';
import { enabledCheck, emitSpike, refractorySteps } from './neuron.js';
import type { Kernel } from './kernel.js';

/** Geometric waiting time (steps) of one Bernoulli(q) trial per step; "never" is 3e38. */
export const SPECIAL_WGSL = /* wgsl */ `fn nx_geom(q: f32, stream: u32, index: u32, draw: u32) -> f32 {
  if (!(q > 0.0)) { return 3.0e38; }
  if (q >= 1.0) { return 1.0; }
  let b = nrx_draw_block(SEED, stream, index, U.step_lo, U.step_hi, draw, 0u);
  let u = f32((b.x >> 8u) + 1u) * 5.9604644775390625e-8;
  let lq = select(log(1.0 - q), -(q + q * q * (0.5 + q / 3.0)), q < 0.01);
  return 1.0 + floor(log(u) / lq);
}`;

export function specialKernels(pop: PopulationPlan, net: NetworkPlan, L: Layout): Kernel[] {
  const o = (n: string) => L.off('pop', pop.id, n);
  const per: string[] = ['let i = gi;', `if (i >= ${pop.size}) { return; }`, enabledCheck(L, pop.id)];
  const once: string[] = [];
  const kind = pop.special!.kind;
  const timed = (into: string) => {
    const nb = L.get('pop', pop.id, '_ta_schedule').length;
    per.push(`{ let _bl = I[${o('_ta_block')}]; if (_bl < ${nb} && I[${o('_ta_t')}] == I[${o('_ta_schedule')} + _bl]) { F[${o(into)} + i] = F[${o('_ta_buffer')} + _bl * ${pop.size} + i]; } }`);
    once.push(
      `{ let _bl = I[${o('_ta_block')}]; let _tt = I[${o('_ta_t')}];`,
      `  if (_bl < ${nb} && _tt == I[${o('_ta_schedule')} + _bl]) { I[${o('_ta_block')}] = _bl + 1; }`,
      `  let _per = I[${o('_ta_period')}];`,
      `  if (_per > 0 && _tt == _per - 1) { I[${o('_ta_t')}] = 0; I[${o('_ta_block')}] = 0; } else { I[${o('_ta_t')}] = _tt + 1; } }`,
    );
  };
  switch (kind) {
    case 'timed-array': timed((pop.special as { into: string }).into); break;
    case 'spike-source-array':
      per.push(
        `let _t0 = I[${o('_ssa_t')}];`,
        `var k = I[${o('_ssa_next')} + i];`,
        `let e = I[${o('_ssa_ptr')} + i + 1];`,
        `if (k < e && I[${o('_ssa_steps')} + k] <= _t0) {`,
        '  var fire = false;',
        `  loop { if (!(k < e)) { break; } let st = I[${o('_ssa_steps')} + k]; if (st > _t0) { break; } if (st == _t0) { fire = true; } k = k + 1; }`,
        `  I[${o('_ssa_next')} + i] = k;`,
        '  if (fire) {', ...emitSpike(pop, L).map((l) => `    ${l}`), '  }',
        '}',
      );
      once.push(`I[${o('_ssa_t')}] = I[${o('_ssa_t')}] + 1;`);
      break;
  }
  if (kind === 'poisson' || kind === 'timed-poisson') {
    if (kind === 'timed-poisson') timed('rates');
    const refr = refractorySteps(pop, L) ?? '0';
    const stream = randomStream('pop', pop.id);
    const rates = L.get('pop', pop.id, 'rates');
    per.push(
      `let r = F[${rates.offset} + ${rates.length === 1 ? '0' : 'i'}];`,
      `let _q = r * ${String(net.dt / 1000)};`,
      // Bit comparison: NaN (reset) must differ from every rate, whatever the compiler assumes about NaN.
      `if (bitcast<u32>(r) != bitcast<u32>(F[${o('_poisson_rate')} + i])) {`,
      `  F[${o('_poisson_rate')} + i] = r;`,
      `  let _from = max(f32(U.step), f32(I[${o('_last_spike')} + i] + ${refr} + 1));`,
      `  F[${o('_poisson_next')} + i] = _from - 1.0 + nx_geom(_q, ${stream}u, u32(i), 1u);`,
      '}',
      `if (F[${o('_poisson_next')} + i] <= f32(U.step)) {`,
      ...emitSpike(pop, L).map((l) => `  ${l}`),
      `  F[${o('_poisson_next')} + i] = f32(U.step) + f32(${refr}) + nx_geom(_q, ${stream}u, u32(i), 0u);`,
      '}',
    );
  }
  const kernels: Kernel[] = [{ name: `pop${pop.id}_update`, stage: 1, mem: plainMem, dispatch: { threads: pop.size }, body: per }];
  if (once.length) kernels.push({ name: `pop${pop.id}_counters`, stage: 1, mem: plainMem, dispatch: { threads: 1 }, body: ['if (gi != 0) { return; }', enabledCheck(L, pop.id), ...once] });
  return kernels;
}
