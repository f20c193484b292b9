/**
 * The C++ kernels of the special populations and projections of `src/inputs/` (SpikeSourceArray,
 * TimedArray, Poisson, TimedPoisson, DecodingProjection): direct transcriptions of
 * `../js/special.ts`, whose semantics `ir/plan.ts` specifies.
 */
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import type { ArrayTable } from './arrays.js';
import { randomStream } from '../../ir/streams.js';
import { FLAGS, FLAGS_PER_PROJECTION } from './projection.js';
import { sharedTransmissionKernel } from './shared.js';

/** The geometric waiting time of `../js/special.ts` (`geometricSteps`), with the same fdlibm log. */
export const SPECIAL_HELPERS = String.raw`static inline double nx_geom(double q, uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  if (!(q > 0.0)) return INFINITY;
  if (q >= 1.0) return 1.0;
  uint32_t b[4];
  nrx_draw_block(seed, stream, index, step, draw_id, 0, b);
  const double u = nrx_u53_open0(b[0], b[1]);
  return 1.0 + floor(nrx_log(u) / nrx_log(1.0 - q));
}
`;

function timedArrayLines(pop: PopulationPlan, into: string, T: ArrayTable): string[] {
  const p = (n: string) => T.ptr('pop', pop.id, n);
  return [
    `  { const double* _buf = ${p('_ta_buffer')}; const int32_t* _sch = ${p('_ta_schedule')}; const int64_t _nb = ${T.len('pop', pop.id, '_ta_schedule')};`,
    `    const int32_t _per = ${p('_ta_period')}[0]; int32_t* _tt = ${p('_ta_t')}; int32_t* _bl = ${p('_ta_block')};`,
    `    double* _x = ${p(into)}; const int64_t _w = ${pop.size};`,
    '    if (_bl[0] < _nb && _tt[0] == _sch[_bl[0]]) { memcpy(_x, _buf + (int64_t)_bl[0] * _w, sizeof(double) * _w); _bl[0]++; }',
    '    if (_per > 0 && _tt[0] == _per - 1) { _tt[0] = 0; _bl[0] = 0; } else _tt[0]++; }',
  ];
}

function refractorySteps(pop: PopulationPlan, T: ArrayTable): string {
  const r = pop.refractory;
  if (!r) return '0.0';
  if (r.kind === 'steps') return `${r.steps}.0`;
  const global = pop.description.attributes.find((a) => a.name === r.name)?.locality === 'global';
  return `nx_jsround(${T.ptr('pop', pop.id, r.name)}[${global ? '0' : 'i'}] / dt)`;
}

function poissonLines(pop: PopulationPlan, T: ArrayTable): string[] {
  const stream = randomStream('pop', pop.id);
  const p = (n: string) => T.ptr('pop', pop.id, n);
  const refr = refractorySteps(pop, T);
  return [
    `  { int32_t* _spiked = ${p('_spiked')}; int32_t* _nspiked = ${p('_nspiked')}; int32_t* _last_spike = ${p('_last_spike')};`,
    `  const double* _rates = ${p('rates')}; double* _next = ${p('_poisson_next')}; double* _drawn = ${p('_poisson_rate')};`,
    `  const double _q = dt / 1000.0; const bool _rg = ${T.len('pop', pop.id, 'rates')} == 1;`,
    '  int32_t _ns = 0;',
    `  for (int64_t i = 0; i < ${pop.size}; i++) {`,
    '    const double r = _rg ? _rates[0] : _rates[i];',
    '    if (r != _drawn[i]) {',
    '      _drawn[i] = r;',
    `      const double _from = nx_max((double)step, (double)_last_spike[i] + ${refr} + 1.0);`,
    `      _next[i] = _from - 1.0 + nx_geom(r * _q, SEED, ${stream}u, (uint32_t)i, (uint64_t)step, 1u);`,
    '    }',
    '    if (_next[i] <= (double)step) {',
    '      _spiked[_ns++] = (int32_t)i; _last_spike[i] = (int32_t)step;',
    `      _next[i] = (double)step + ${refr} + nx_geom(r * _q, SEED, ${stream}u, (uint32_t)i, (uint64_t)step, 0u);`,
    '    }',
    '  }',
    '  _nspiked[0] = _ns; }',
  ];
}

function spikeSourceArrayLines(pop: PopulationPlan, T: ArrayTable): string[] {
  const p = (n: string) => T.ptr('pop', pop.id, n);
  return [
    `  int32_t* _spiked = ${p('_spiked')}; int32_t* _nspiked = ${p('_nspiked')}; int32_t* _last_spike = ${p('_last_spike')};`,
    `  const int32_t* _ptr = ${p('_ssa_ptr')}; const int32_t* _st = ${p('_ssa_steps')}; int32_t* _nx = ${p('_ssa_next')}; int32_t* _tt = ${p('_ssa_t')};`,
    '  const int32_t _t0 = _tt[0];',
    '  int32_t _ns = 0;',
    `  for (int64_t i = 0; i < ${pop.size}; i++) {`,
    '    int32_t k = _nx[i];',
    '    const int32_t e = _ptr[i + 1];',
    '    if (k < e && _st[k] <= _t0) {',
    '      bool fire = false;',
    '      while (k < e && _st[k] <= _t0) { if (_st[k] == _t0) fire = true; k++; }',
    '      _nx[i] = k;',
    '      if (fire) { _spiked[_ns++] = (int32_t)i; _last_spike[i] = (int32_t)step; }',
    '    }',
    '  }',
    '  _nspiked[0] = _ns;',
    '  _tt[0] = _t0 + 1;',
  ];
}

export function specialPopulationKernel(pop: PopulationPlan, net: NetworkPlan, T: ArrayTable): string {
  void net;
  const special = pop.special!;
  const lines = [`static void pop${pop.id}_update(Net* N, int64_t step) {`, '  (void)step;'];
  switch (special.kind) {
    case 'spike-source-array': lines.push(...spikeSourceArrayLines(pop, T)); break;
    case 'timed-array': lines.push(...timedArrayLines(pop, special.into, T)); break;
    case 'poisson': lines.push(...poissonLines(pop, T)); break;
    case 'timed-poisson': lines.push(...timedArrayLines(pop, 'rates', T), ...poissonLines(pop, T)); break;
  }
  lines.push('}');
  return lines.join('\n');
}

export function specialProjectionKernel(proj: ProjectionPlan, net: NetworkPlan, T: ArrayTable): string {
  const special = proj.special!;
  void net;
  const p = (n: string) => T.ptr('proj', proj.id, n);
  switch (special.kind) {
    case 'shared': return sharedTransmissionKernel(proj, net, T);
    case 'decoding': {
      const W = special.windowSteps;
      return [
        `static void proj${proj.id}_transmit(Net* N, int64_t step) {`,
        '  (void)step;',
        `  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + ${FLAGS_PER_PROJECTION * proj.id};`,
        `  if (!FL[${FLAGS.transmission}]) return;`,
        `  const int32_t* _row_ptr = ${p('_row_ptr')}; const int32_t* _post_rank = ${p('_post_rank')}; const int32_t* _inv_ptr = ${p('_inv_ptr')}; const int32_t* _inv_idx = ${p('_inv_idx')}; const int32_t* _syn_dendrite = ${p('_syn_dendrite')};`,
        `  const double* w = ${p('w')}; const bool _single = ${proj.singleWeight ? 'true' : 'false'};`,
        `  double* _hist = ${p('_dec_hist')}; int32_t* _di = ${p('_dec_idx')}; const int64_t nd = ${T.len('proj', proj.id, '_post_rank')};`,
        `  const int32_t* _src = ${T.ptr('pop', proj.pre, '_spiked')}; const int64_t _ns = ${T.ptr('pop', proj.pre, '_nspiked')}[0];`,
        `  double* _sum = ${T.ptr('pop', proj.post, `_sum_${proj.targets[0]}`)};`,
        '  const int64_t slot = _di[0], base = slot * nd;',
        '  for (int64_t i = 0; i < nd; i++) _hist[base + i] = 0.0;',
        '  for (int64_t s = 0; s < _ns; s++) {',
        '    const int64_t rk_pre = _src[s];',
        '    for (int64_t m = _inv_ptr[rk_pre]; m < _inv_ptr[rk_pre + 1]; m++) { const int64_t k = _inv_idx[m]; _hist[base + _syn_dendrite[k]] += _single ? w[0] : w[k]; }',
        '  }',
        '  for (int64_t i = 0; i < nd; i++) {',
        '    double a = 0.0;',
        `    for (int64_t b = 0; b < ${W}; b++) a += _hist[b * nd + i];`,
        `    _sum[_post_rank[i]] += a / ${W}.0 * 1000.0 / dt / (double)(_row_ptr[i + 1] - _row_ptr[i]);`,
        '  }',
        `  _di[0] = (int32_t)((slot + 1) % ${W});`,
        '}',
      ].join('\n');
    }
  }
}
