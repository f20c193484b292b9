"use strict";

function proj0_transmit(step) {
  const FL = X[0];
  const t = step * dt;
  if (!FL.transmission) return;
  const w = J[0].get('w');
  const pre_r_ring = P[0].get('_delayed_r');
  const _didx = P[0].get('_delay_idx')[0];
  const _D = P[0].get('_delay_len')[0];
  const _dsteps = J[0].get('_delay_uniform')[0];
  const _sum = P[1].get('_sum_ff');
  const _post_rank = J[0].get('_post_rank');
  const _row_ptr = J[0].get('_row_ptr');
  const _pre_rank = J[0].get('_pre_rank');
  const _dslot = (_didx - (_dsteps - 1) + _D) % _D;
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
        _s0 += (w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
      }
      {
        const k = (_kq + 1);
        const rk_pre = _pre_rank[k];
        _s1 += (w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
      }
      {
        const k = (_kq + 2);
        const rk_pre = _pre_rank[k];
        _s2 += (w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
      }
      {
        const k = (_kq + 3);
        const rk_pre = _pre_rank[k];
        _s3 += (w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
      }
      _kq = (_kq + 4);
    }
    if (_kq < _k1) {
      {
        const k = _kq;
        const rk_pre = _pre_rank[k];
        _s0 += (w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
      }
      if ((_kq + 1) < _k1) {
        {
          const k = (_kq + 1);
          const rk_pre = _pre_rank[k];
          _s1 += (w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
        }
        if ((_kq + 2) < _k1) {
          {
            const k = (_kq + 2);
            const rk_pre = _pre_rank[k];
            _s2 += (w[0] * pre_r_ring[_dslot * 3 + rk_pre]);
          }
        }
      }
    }
    const _s = ((_s0 + _s1) + (_s2 + _s3));
    _sum[rk_post] += _s;
  }
}

function proj1_transmit(step) {
  const FL = X[1];
  const t = step * dt;
  if (!FL.transmission) return;
  const pre_glob_r_ring = P[0].get('_delayed_glob_r');
  const _didx = P[0].get('_delay_idx')[0];
  const _D = P[0].get('_delay_len')[0];
  const _delay = J[1].get('_delay');
  const w = J[1].get('w');
  const _sum = P[1].get('_sum_fb');
  const _post_rank = J[1].get('_post_rank');
  const _row_ptr = J[1].get('_row_ptr');
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
        const rk_pre = (k - _k0);
        _s0 += (pre_glob_r_ring[((_didx - (_delay[k] - 1) + _D) % _D)] * w[0]);
      }
      {
        const k = (_kq + 1);
        const rk_pre = (k - _k0);
        _s1 += (pre_glob_r_ring[((_didx - (_delay[k] - 1) + _D) % _D)] * w[0]);
      }
      {
        const k = (_kq + 2);
        const rk_pre = (k - _k0);
        _s2 += (pre_glob_r_ring[((_didx - (_delay[k] - 1) + _D) % _D)] * w[0]);
      }
      {
        const k = (_kq + 3);
        const rk_pre = (k - _k0);
        _s3 += (pre_glob_r_ring[((_didx - (_delay[k] - 1) + _D) % _D)] * w[0]);
      }
      _kq = (_kq + 4);
    }
    if (_kq < _k1) {
      {
        const k = _kq;
        const rk_pre = (k - _k0);
        _s0 += (pre_glob_r_ring[((_didx - (_delay[k] - 1) + _D) % _D)] * w[0]);
      }
      if ((_kq + 1) < _k1) {
        {
          const k = (_kq + 1);
          const rk_pre = (k - _k0);
          _s1 += (pre_glob_r_ring[((_didx - (_delay[k] - 1) + _D) % _D)] * w[0]);
        }
        if ((_kq + 2) < _k1) {
          {
            const k = (_kq + 2);
            const rk_pre = (k - _k0);
            _s2 += (pre_glob_r_ring[((_didx - (_delay[k] - 1) + _D) % _D)] * w[0]);
          }
        }
      }
    }
    const _s = ((_s0 + _s1) + (_s2 + _s3));
    _sum[rk_post] += _s;
  }
}

function pop0_random(step) {
  const glob_r = P[0].get('glob_r');
  R.fill(P[0].get('_rand_0'), 'Uniform', [0, 1], SEED, 65536, step, 0);
}

function pop0_update(step) {
  const t = step * dt;
  const glob_r = P[0].get('glob_r');
  const r = P[0].get('r');
  const _rand_0 = P[0].get('_rand_0');
  glob_r[0] = (glob_r[0] + t);
  const glob_r_g = glob_r[0];
  for (let i = 0; i < 3; i++) {
    r[i] = (r[i] + t + _rand_0[i]);
  }
}

function pop1_update(step) {
  const t = step * dt;
  const r = P[1].get('r');
  const _sum_ff = P[1].get('_sum_ff');
  const _sum_fb = P[1].get('_sum_fb');
  const _mean_r_g = P[1].get('_mean_r')[0];
  for (let i = 0; i < 3; i++) {
    r[i] = ((_sum_ff[i]) + (_sum_fb[i]) + _mean_r_g);
  }
}

function pop0_delay(step) {
  const S = P[0];
  const _idx = (S.get('_delay_idx')[0] + 1) % S.get('_delay_len')[0];
  S.get('_delayed_r').set(S.get('r'), _idx * 3);
  S.get('_delayed_glob_r').set(S.get('glob_r'), _idx * 1);
  S.get('_delay_idx')[0] = _idx;
}

function pop1_globalops(step) {
  const S = P[1];
  { const x = S.get('r'), n = x.length;
    {
      let a = 0;
      for (let i = 0; i < n; i++) {
        a = (a + x[i]);
      }
      S.get('_mean_r')[0] = (a / n);
    }
  }
}

function step(step) {
  if (EN[1]) {
    P[1].get('_sum_ff').fill(0);
    P[1].get('_sum_fb').fill(0);
  }
  if (EN[1]) proj0_transmit(step);
  if (EN[1]) proj1_transmit(step);
  if (H.active) H.recordTargets(step);
  if (EN[0]) pop0_random(step);
  if (EN[0]) pop0_update(step);
  if (EN[1]) pop1_update(step);
  if (H.active) H.afterNeurons(step);
  pop0_delay(step);
  pop1_globalops(step);
  if (H.active) H.record(step);
}

return { step, stop: {  } };