/**
 * The `js` kernels of the special populations and projections of `src/inputs/` (SpikeSourceArray,
 * TimedArray, constant-rate PoissonPopulation, TimedPoissonPopulation, DecodingProjection). Their
 * exact semantics, and the arrays they use, are specified next to `SpecialPopulation` and
 * `SpecialProjection` in `ir/plan.ts`; every kernel here is a direct transcription, meant to be
 * ported as is to other backends. A special population's kernel replaces its neuron kernel
 * (`pop<id>_update`), a special projection's kernel its transmission kernel (`proj<id>_transmit`).
 */
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import { randomStream } from '../../ir/streams.js';
import { drawBlock, u53Open0 } from '../../random/draws.js';
import { log } from '../../random/libm.js';
import { sharedTransmissionKernel } from './shared.js';

const BLOCK = new Uint32Array(4);

/**
 * Number of steps K ≥ 1 until the next success of one Bernoulli(q) trial per step (geometric law):
 * `1 + floor(log(u) / log(1 − q))` with u ∈ (0, 1] the draw (seed, stream, index, step, drawId).
 * q ≥ 1 gives 1, q ≤ 0 (or NaN) gives Infinity (never).
 */
export function geometricSteps(q: number, seed: number, stream: number, index: number, step: number, drawId: number): number {
  if (!(q > 0)) return Infinity;
  if (q >= 1) return 1;
  drawBlock(seed, stream, index, step, drawId, 0, BLOCK);
  const u = u53Open0(BLOCK[0], BLOCK[1]);
  return 1 + Math.floor(log(u) / log(1 - q));
}

/** Helpers the generated special kernels call (merged into the engine's `R`). */
export const specialRuntime = { geom: geometricSteps };

function timedArrayLines(pop: PopulationPlan, into: string): string[] {
  return [
    `  { const _buf = S.get('_ta_buffer'), _sch = S.get('_ta_schedule'), _per = S.get('_ta_period')[0];`,
    `    const _tt = S.get('_ta_t'), _bl = S.get('_ta_block'), _x = S.get('${into}'), _w = ${pop.size};`,
    '    if (_bl[0] < _sch.length && _tt[0] === _sch[_bl[0]]) { _x.set(_buf.subarray(_bl[0] * _w, (_bl[0] + 1) * _w)); _bl[0]++; }',
    '    if (_per > 0 && _tt[0] === _per - 1) { _tt[0] = 0; _bl[0] = 0; } else _tt[0]++; }',
  ];
}

function refractorySteps(pop: PopulationPlan): string {
  const r = pop.refractory;
  if (!r) return '0';
  if (r.kind === 'steps') return String(r.steps);
  const global = pop.description.attributes.find((a) => a.name === r.name)?.locality === 'global';
  return `Math.round(S.get('${r.name}')[${global ? '0' : 'i'}] / dt)`;
}

function poissonLines(pop: PopulationPlan): string[] {
  const stream = randomStream('pop', pop.id);
  const refr = refractorySteps(pop);
  return [
    "  const _spiked = S.get('_spiked'), _nspiked = S.get('_nspiked'), _last_spike = S.get('_last_spike');",
    "  const _rates = S.get('rates'), _next = S.get('_poisson_next'), _drawn = S.get('_poisson_rate');",
    `  const _q = dt / 1000, _rg = _rates.length === 1;`,
    '  let _ns = 0;',
    `  for (let i = 0; i < ${pop.size}; i++) {`,
    '    const r = _rg ? _rates[0] : _rates[i];',
    '    if (r !== _drawn[i]) {',
    '      // new rate (or reset): redraw the waiting time from now, after any refractory period (memoryless)',
    '      _drawn[i] = r;',
    `      const _from = Math.max(step, _last_spike[i] + ${refr} + 1);`,
    `      _next[i] = _from - 1 + R.geom(r * _q, SEED, ${stream}, i, step, 1);`,
    '    }',
    '    if (_next[i] <= step) {',
    '      _spiked[_ns++] = i; _last_spike[i] = step;',
    `      _next[i] = step + ${refr} + R.geom(r * _q, SEED, ${stream}, i, step, 0);`,
    '    }',
    '  }',
    '  _nspiked[0] = _ns;',
  ];
}

function spikeSourceArrayLines(pop: PopulationPlan): string[] {
  return [
    "  const _spiked = S.get('_spiked'), _nspiked = S.get('_nspiked'), _last_spike = S.get('_last_spike');",
    "  const _ptr = S.get('_ssa_ptr'), _st = S.get('_ssa_steps'), _nx = S.get('_ssa_next'), _tt = S.get('_ssa_t');",
    '  const _t0 = _tt[0];',
    '  let _ns = 0;',
    `  for (let i = 0; i < ${pop.size}; i++) {`,
    '    let k = _nx[i];',
    '    const e = _ptr[i + 1];',
    '    if (k < e && _st[k] <= _t0) {',
    '      let fire = false;',
    '      while (k < e && _st[k] <= _t0) { if (_st[k] === _t0) fire = true; k++; }',
    '      _nx[i] = k;',
    '      if (fire) { _spiked[_ns++] = i; _last_spike[i] = step; }',
    '    }',
    '  }',
    '  _nspiked[0] = _ns;',
    '  _tt[0] = _t0 + 1;',
  ];
}

/** Source of `function pop<id>_update(step)` for a special population. */
export function specialPopulationKernel(pop: PopulationPlan, net: NetworkPlan): string {
  void net;
  const special = pop.special!;
  const lines = [`function pop${pop.id}_update(step) {`, `  const S = P[${pop.id}];`];
  switch (special.kind) {
    case 'spike-source-array': lines.push(...spikeSourceArrayLines(pop)); break;
    case 'timed-array': lines.push(...timedArrayLines(pop, special.into)); break;
    case 'poisson': lines.push(...poissonLines(pop)); break;
    case 'timed-poisson': lines.push(...timedArrayLines(pop, 'rates'), ...poissonLines(pop)); break;
  }
  lines.push('}');
  return lines.join('\n');
}

/** Source of `function proj<id>_transmit(step)` for a special projection. */
export function specialProjectionKernel(proj: ProjectionPlan, net: NetworkPlan): string {
  const special = proj.special!;
  void net;
  switch (special.kind) {
    case 'shared': return sharedTransmissionKernel(proj, net);
    case 'decoding': {
      const W = special.windowSteps;
      return [
        `function proj${proj.id}_transmit(step) {`,
        `  const FL = X[${proj.id}];`,
        '  if (!FL.transmission) return;',
        `  const S = J[${proj.id}];`,
        "  const _row_ptr = S.get('_row_ptr'), _post_rank = S.get('_post_rank'), _inv_ptr = S.get('_inv_ptr'), _inv_idx = S.get('_inv_idx'), _syn_dendrite = S.get('_syn_dendrite');",
        `  const w = S.get('w'), _single = ${proj.singleWeight ? 'true' : 'false'};`,
        "  const _hist = S.get('_dec_hist'), _di = S.get('_dec_idx'), nd = _post_rank.length;",
        `  const _src = P[${proj.pre}].get('_spiked'), _ns = P[${proj.pre}].get('_nspiked')[0];`,
        `  const _sum = P[${proj.post}].get('_sum_${proj.targets[0]}');`,
        '  const slot = _di[0], base = slot * nd;',
        '  _hist.fill(0, base, base + nd);',
        '  for (let s = 0; s < _ns; s++) {',
        '    const rk_pre = _src[s];',
        '    for (let m = _inv_ptr[rk_pre]; m < _inv_ptr[rk_pre + 1]; m++) { const k = _inv_idx[m]; _hist[base + _syn_dendrite[k]] += _single ? w[0] : w[k]; }',
        '  }',
        '  for (let i = 0; i < nd; i++) {',
        '    let a = 0;',
        `    for (let b = 0; b < ${W}; b++) a += _hist[b * nd + i];`,
        `    _sum[_post_rank[i]] += a / ${W} * 1000 / dt / (_row_ptr[i + 1] - _row_ptr[i]);`,
        '  }',
        `  _di[0] = (slot + 1) % ${W};`,
        '}',
      ].join('\n');
    }
  }
}
