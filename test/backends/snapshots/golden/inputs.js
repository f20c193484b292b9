"use strict";

function proj0_transmit(step) {
  const FL = X[0];
  const t = step * dt;
  if (!FL.transmission) return;
  const post_g_exc = P[0].get('g_exc');
  const w = J[0].get('w');
  const _inv_ptr = J[0].get('_inv_ptr');
  const _inv_idx = J[0].get('_inv_idx');
  const _syn_dendrite = J[0].get('_syn_dendrite');
  const _post_rank = J[0].get('_post_rank');
  let _src, _ns;
  _src = P[2].get('_spiked'); _ns = P[2].get('_nspiked')[0];
  for (let s = 0; s < _ns; s++) {
    const rk_pre = _src[s];
    for (let m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const k = _inv_idx[m];
      const i = _syn_dendrite[k];
      const rk_post = _post_rank[i];
      post_g_exc[rk_post] = (post_g_exc[rk_post] + w[0]);
    }
  }
}

function proj1_transmit(step) {
  const FL = X[1];
  const t = step * dt;
  if (!FL.transmission) return;
  const post_g_exc = P[0].get('g_exc');
  const w = J[1].get('w');
  const _inv_ptr = J[1].get('_inv_ptr');
  const _inv_idx = J[1].get('_inv_idx');
  const _syn_dendrite = J[1].get('_syn_dendrite');
  const _post_rank = J[1].get('_post_rank');
  let _src, _ns;
  _src = P[3].get('_spiked'); _ns = P[3].get('_nspiked')[0];
  for (let s = 0; s < _ns; s++) {
    const rk_pre = _src[s];
    for (let m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const k = _inv_idx[m];
      const i = _syn_dendrite[k];
      const rk_post = _post_rank[i];
      post_g_exc[rk_post] = (post_g_exc[rk_post] + w[0]);
    }
  }
}

function proj2_transmit(step) {
  const FL = X[2];
  const t = step * dt;
  if (!FL.transmission) return;
  const post_g_exc = P[0].get('g_exc');
  const w = J[2].get('w');
  const _inv_ptr = J[2].get('_inv_ptr');
  const _inv_idx = J[2].get('_inv_idx');
  const _syn_dendrite = J[2].get('_syn_dendrite');
  const _post_rank = J[2].get('_post_rank');
  let _src, _ns;
  _src = P[5].get('_spiked'); _ns = P[5].get('_nspiked')[0];
  for (let s = 0; s < _ns; s++) {
    const rk_pre = _src[s];
    for (let m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const k = _inv_idx[m];
      const i = _syn_dendrite[k];
      const rk_post = _post_rank[i];
      post_g_exc[rk_post] = (post_g_exc[rk_post] + w[0]);
    }
  }
}

function proj3_transmit(step) {
  const FL = X[3];
  const t = step * dt;
  if (!FL.transmission) return;
  const post_g_exc = P[0].get('g_exc');
  const w = J[3].get('w');
  const _inv_ptr = J[3].get('_inv_ptr');
  const _inv_idx = J[3].get('_inv_idx');
  const _syn_dendrite = J[3].get('_syn_dendrite');
  const _post_rank = J[3].get('_post_rank');
  let _src, _ns;
  _src = P[7].get('_spiked'); _ns = P[7].get('_nspiked')[0];
  for (let s = 0; s < _ns; s++) {
    const rk_pre = _src[s];
    for (let m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const k = _inv_idx[m];
      const i = _syn_dendrite[k];
      const rk_post = _post_rank[i];
      post_g_exc[rk_post] = (post_g_exc[rk_post] + w[0]);
    }
  }
}

function proj4_transmit(step) {
  const FL = X[4];
  const t = step * dt;
  if (!FL.transmission) return;
  const pre_r = P[4].get('r');
  const _sum = P[0].get('g_cur');
  const _post_rank = J[4].get('_post_rank');
  const _row_ptr = J[4].get('_row_ptr');
  const _pre_rank = J[4].get('_pre_rank');
  const _nd = _post_rank.length;
  for (let i = 0; i < _nd; i++) {
    const rk_post = _post_rank[i];
    const _k0 = _row_ptr[i];
    const _k1 = _row_ptr[i + 1];
    let _s0 = 0;
    let _s1 = 0;
    let _s2 = 0;
    let _s3 = 0;
    let _kq = _k0;
    while (_kq < (_k1 - 3)) {
      {
        const k = _kq;
        const rk_pre = _pre_rank[k];
        _s0 += pre_r[rk_pre];
      }
      {
        const k = (_kq + 1);
        const rk_pre = _pre_rank[k];
        _s1 += pre_r[rk_pre];
      }
      {
        const k = (_kq + 2);
        const rk_pre = _pre_rank[k];
        _s2 += pre_r[rk_pre];
      }
      {
        const k = (_kq + 3);
        const rk_pre = _pre_rank[k];
        _s3 += pre_r[rk_pre];
      }
      _kq = (_kq + 4);
    }
    if (_kq < _k1) {
      {
        const k = _kq;
        const rk_pre = _pre_rank[k];
        _s0 += pre_r[rk_pre];
      }
      if ((_kq + 1) < _k1) {
        {
          const k = (_kq + 1);
          const rk_pre = _pre_rank[k];
          _s1 += pre_r[rk_pre];
        }
        if ((_kq + 2) < _k1) {
          {
            const k = (_kq + 2);
            const rk_pre = _pre_rank[k];
            _s2 += pre_r[rk_pre];
          }
        }
      }
    }
    const _s = ((_s0 + _s1) + (_s2 + _s3));
    _sum[rk_post] += _s;
  }
}

function proj5_transmit(step) {
  const FL = X[5];
  const t = step * dt;
  if (!FL.transmission) return;
  const w = J[5].get('w');
  const pre_r = P[6].get('r');
  const _sum = P[1].get('_sum_exc');
  const _post_rank = J[5].get('_post_rank');
  const _row_ptr = J[5].get('_row_ptr');
  const _pre_rank = J[5].get('_pre_rank');
  const _nd = _post_rank.length;
  for (let i = 0; i < _nd; i++) {
    const rk_post = _post_rank[i];
    const _k0 = _row_ptr[i];
    const _k1 = _row_ptr[i + 1];
    let _s0 = 0;
    let _s1 = 0;
    let _s2 = 0;
    let _s3 = 0;
    let _kq = _k0;
    while (_kq < (_k1 - 3)) {
      {
        const k = _kq;
        const rk_pre = _pre_rank[k];
        _s0 += (w[0] * pre_r[rk_pre]);
      }
      {
        const k = (_kq + 1);
        const rk_pre = _pre_rank[k];
        _s1 += (w[0] * pre_r[rk_pre]);
      }
      {
        const k = (_kq + 2);
        const rk_pre = _pre_rank[k];
        _s2 += (w[0] * pre_r[rk_pre]);
      }
      {
        const k = (_kq + 3);
        const rk_pre = _pre_rank[k];
        _s3 += (w[0] * pre_r[rk_pre]);
      }
      _kq = (_kq + 4);
    }
    if (_kq < _k1) {
      {
        const k = _kq;
        const rk_pre = _pre_rank[k];
        _s0 += (w[0] * pre_r[rk_pre]);
      }
      if ((_kq + 1) < _k1) {
        {
          const k = (_kq + 1);
          const rk_pre = _pre_rank[k];
          _s1 += (w[0] * pre_r[rk_pre]);
        }
        if ((_kq + 2) < _k1) {
          {
            const k = (_kq + 2);
            const rk_pre = _pre_rank[k];
            _s2 += (w[0] * pre_r[rk_pre]);
          }
        }
      }
    }
    const _s = ((_s0 + _s1) + (_s2 + _s3));
    _sum[rk_post] += _s;
  }
}

function proj6_transmit(step) {
  if (!X[6].transmission) return;
  const S = J[6];
  const _syn_dendrite = S.get('_syn_dendrite');
  const _dec_hist = S.get('_dec_hist');
  const _row_ptr = S.get('_row_ptr');
  const _post_rank = S.get('_post_rank');
  const pop1_sum_exc = P[1].get('_sum_exc');
  const _dec_idx = S.get('_dec_idx');
  const pop2_nspiked = P[2].get('_nspiked');
  const pop2_spiked = P[2].get('_spiked');
  const _inv_ptr = S.get('_inv_ptr');
  const _inv_idx = S.get('_inv_idx');
  const w = S.get('w');
  const _slot = _dec_idx[0];
  const _nd = _post_rank.length;
  const _base = (_slot * _nd);
  for (let i = 0; i < _nd; i++) {
    _dec_hist[_base + i] = 0;
  }
  const _n = pop2_nspiked[0];
  for (let s = 0; s < _n; s++) {
    const _rk = pop2_spiked[s];
    const _m0 = _inv_ptr[_rk];
    const _mn = (_inv_ptr[_rk + 1] - _m0);
    for (let m = 0; m < _mn; m++) {
      const _kk = _inv_idx[_m0 + m];
      _dec_hist[_base + _syn_dendrite[_kk]] = (_dec_hist[_base + _syn_dendrite[_kk]] + w[0]);
    }
  }
  for (let i = 0; i < _nd; i++) {
    let _a = 0;
    for (let b = 0; b < 3; b++) {
      _a = (_a + _dec_hist[(b * _nd) + i]);
    }
    pop1_sum_exc[_post_rank[i]] = (pop1_sum_exc[_post_rank[i]] + ((((_a / 3) * 1000) / dt) / (_row_ptr[i + 1] - _row_ptr[i])));
  }
  _dec_idx[0] = (_slot + 1) < 3 ? (_slot + 1) : 0;
}

function pop7_random(step) {
  const tau = P[7].get('tau');
  const mu = P[7].get('mu');
  const sigma = P[7].get('sigma');
  const x = P[7].get('x');
  R.fill(P[7].get('_rand_0'), 'Normal', [0, 1], SEED, 65543, step, 0);
  R.fill(P[7].get('_rand_1'), 'Uniform', [0, 1], SEED, 65543, step, 1);
}

function pop0_update(step) {
  const t = step * dt;
  const v = P[0].get('v');
  const g_exc = P[0].get('g_exc');
  const g_cur = P[0].get('g_cur');
  const r = P[0].get('r');
  const _spiked = P[0].get('_spiked'), _nspiked = P[0].get('_nspiked');
  const _last_spike = P[0].get('_last_spike'), _refr_left = P[0].get('_refr_left');
  let _ns = 0;
  for (let i = 0; i < 4; i++) {
    const _inref = !(_refr_left[i] > 0);
    if (_inref) {
      v[i] = (v[i] + g_exc[i] + g_cur[i]);
    }
    g_exc[i] = 0;
    g_cur[i] = 0;
    if (_refr_left[i] > 0) {
      _refr_left[i] = (_refr_left[i] - 1);
    } else {
      if ((v[i] > 1 ? 1 : 0)) {
        v[i] = 0;
        _spiked[_ns++] = i;
        _last_spike[i] = step;
        _refr_left[i] = 2;
      }
    }
  }
  _nspiked[0] = _ns;
}

function pop1_update(step) {
  const t = step * dt;
  const r = P[1].get('r');
  const _sum_exc = P[1].get('_sum_exc');
  for (let i = 0; i < 4; i++) {
    r[i] = (_sum_exc[i]);
  }
}

function pop2_update(step) {
  const S = P[2];
  const _poisson_rate = S.get('_poisson_rate');
  const _poisson_next = S.get('_poisson_next');
  const _last_spike = S.get('_last_spike');
  const rates = S.get('rates');
  const _spiked = S.get('_spiked');
  const _nspiked = S.get('_nspiked');
  const _q = (dt / 1000);
  let _ns = 0;
  for (let i = 0; i < 4; i++) {
    const _r = rates[i];
    const _p = (_r * _q);
    if (_r !== _poisson_rate[i]) {
      _poisson_rate[i] = _r;
      const _from = B.max(step, (_last_spike[i] + 1));
      _poisson_next[i] = ((_from - 1) + R.geom(_p, SEED, 65538, i, step, 1));
    }
    if (_poisson_next[i] <= step) {
      _spiked[_ns++] = i;
      _last_spike[i] = step;
      _poisson_next[i] = (step + R.geom(_p, SEED, 65538, i, step, 0));
    }
  }
  _nspiked[0] = _ns;
}

function pop3_update(step) {
  const S = P[3];
  const _ssa_steps = S.get('_ssa_steps');
  const _ssa_t = S.get('_ssa_t');
  const _ssa_next = S.get('_ssa_next');
  const _ssa_ptr = S.get('_ssa_ptr');
  const _spiked = S.get('_spiked');
  const _last_spike = S.get('_last_spike');
  const _nspiked = S.get('_nspiked');
  const _t0 = _ssa_t[0];
  let _ns = 0;
  for (let i = 0; i < 4; i++) {
    let _k = _ssa_next[i];
    const _e = _ssa_ptr[i + 1];
    if (_k < _e && _ssa_steps[_k] <= _t0) {
      while (_k < _e && _ssa_steps[_k] <= _t0) {
        _k = (_k + 1);
      }
      _ssa_next[i] = _k;
      if (_ssa_steps[_k - 1] === _t0) {
        _spiked[_ns++] = i;
        _last_spike[i] = step;
      }
    }
  }
  _nspiked[0] = _ns;
  _ssa_t[0] = (_t0 + 1);
}

function pop4_update(step) {
  const S = P[4];
  const _ta_block = S.get('_ta_block');
  const _ta_t = S.get('_ta_t');
  const _ta_schedule = S.get('_ta_schedule');
  const r = S.get('r');
  const _ta_buffer = S.get('_ta_buffer');
  const _ta_period = S.get('_ta_period');
  {
    const _bl = _ta_block[0];
    const _tt = _ta_t[0];
    const _go = _bl < _ta_schedule.length && _tt === _ta_schedule[_bl];
    if (_go) {
      for (let i = 0; i < 4; i++) {
        r[i] = _ta_buffer[(_bl * 4) + i];
      }
    }
    if (_go) _ta_block[0] = (_bl + 1);
    const _per = _ta_period[0];
    if (_per > 0 && _tt === (_per - 1)) {
      _ta_t[0] = 0;
      _ta_block[0] = 0;
    } else {
      _ta_t[0] = (_tt + 1);
    }
  }
}

function pop5_update(step) {
  const S = P[5];
  const _ta_block = S.get('_ta_block');
  const _ta_t = S.get('_ta_t');
  const _ta_schedule = S.get('_ta_schedule');
  const rates = S.get('rates');
  const _ta_buffer = S.get('_ta_buffer');
  const _ta_period = S.get('_ta_period');
  const _poisson_rate = S.get('_poisson_rate');
  const _poisson_next = S.get('_poisson_next');
  const _last_spike = S.get('_last_spike');
  const _spiked = S.get('_spiked');
  const _nspiked = S.get('_nspiked');
  {
    const _bl = _ta_block[0];
    const _tt = _ta_t[0];
    const _go = _bl < _ta_schedule.length && _tt === _ta_schedule[_bl];
    if (_go) {
      for (let i = 0; i < 4; i++) {
        rates[i] = _ta_buffer[(_bl * 4) + i];
      }
    }
    if (_go) _ta_block[0] = (_bl + 1);
    const _per = _ta_period[0];
    if (_per > 0 && _tt === (_per - 1)) {
      _ta_t[0] = 0;
      _ta_block[0] = 0;
    } else {
      _ta_t[0] = (_tt + 1);
    }
  }
  const _q = (dt / 1000);
  let _ns = 0;
  for (let i = 0; i < 4; i++) {
    const _r = rates[i];
    const _p = (_r * _q);
    if (_r !== _poisson_rate[i]) {
      _poisson_rate[i] = _r;
      const _from = B.max(step, (_last_spike[i] + 1));
      _poisson_next[i] = ((_from - 1) + R.geom(_p, SEED, 65541, i, step, 1));
    }
    if (_poisson_next[i] <= step) {
      _spiked[_ns++] = i;
      _last_spike[i] = step;
      _poisson_next[i] = (step + R.geom(_p, SEED, 65541, i, step, 0));
    }
  }
  _nspiked[0] = _ns;
}

function pop6_update(step) {
  const t = step * dt;
  const r = P[6].get('r');
  for (let i = 0; i < 4; i++) {
    r[i] = r[i];
  }
}

function pop7_update(step) {
  const t = step * dt;
  const tau = P[7].get('tau');
  const mu = P[7].get('mu');
  const sigma = P[7].get('sigma');
  const x = P[7].get('x');
  const p = P[7].get('p');
  const r = P[7].get('r');
  const _rand_0 = P[7].get('_rand_0');
  const _rand_1 = P[7].get('_rand_1');
  const _spiked = P[7].get('_spiked'), _nspiked = P[7].get('_nspiked');
  const _last_spike = P[7].get('_last_spike'), _refr_left = P[7].get('_refr_left');
  x[0] = (x[0] + ((dt * (mu[0] - x[0]) / tau[0]) + (Math.sqrt((dt / tau[0])) * sigma[0] * _rand_0[0])));
  const tau_g = tau[0];
  const mu_g = mu[0];
  const sigma_g = sigma[0];
  const x_g = x[0];
  const _li0 = (1 / dt);
  let _ns = 0;
  for (let i = 0; i < 4; i++) {
    p[i] = (_rand_1[i] * 1000 * _li0);
    if ((p[i] < x_g ? 1 : 0)) {
      _spiked[_ns++] = i;
      _last_spike[i] = step;
    }
  }
  _nspiked[0] = _ns;
}

function step(step) {
  if (EN[1]) P[1].get('_sum_exc').fill(0);
  if (EN[0]) proj0_transmit(step);
  if (EN[0]) proj1_transmit(step);
  if (EN[0]) proj2_transmit(step);
  if (EN[0]) proj3_transmit(step);
  if (EN[0]) proj4_transmit(step);
  if (EN[1]) proj5_transmit(step);
  if (EN[1]) proj6_transmit(step);
  if (H.active) H.recordTargets(step);
  if (EN[7]) pop7_random(step);
  if (EN[0]) {
    pop0_update(step);
  } else {
    P[0].get('_nspiked')[0] = 0;
  }
  if (EN[1]) pop1_update(step);
  if (EN[2]) {
    pop2_update(step);
  } else {
    P[2].get('_nspiked')[0] = 0;
  }
  if (EN[3]) {
    pop3_update(step);
  } else {
    P[3].get('_nspiked')[0] = 0;
  }
  if (EN[4]) pop4_update(step);
  if (EN[5]) {
    pop5_update(step);
  } else {
    P[5].get('_nspiked')[0] = 0;
  }
  if (EN[6]) pop6_update(step);
  if (EN[7]) {
    pop7_update(step);
  } else {
    P[7].get('_nspiked')[0] = 0;
  }
  if (H.active) H.afterNeurons(step);
  if (H.active) H.record(step);
}

return { step, stop: {  } };