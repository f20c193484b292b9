"use strict";

function proj0_transmit(step) {
  const FL = X[0];
  const t = step * dt;
  if (!FL.transmission) return;
  const w = J[0].get('w');
  const pre_r = P[0].get('r');
  const _sum = P[1].get('_sum_exc');
  const _post_rank = J[0].get('_post_rank');
  const _row_ptr = J[0].get('_row_ptr');
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
        _s0 += (w[k] * pre_r[rk_pre]);
      }
      {
        const k = (_kq + 1);
        const rk_pre = (k - _k0);
        _s1 += (w[k] * pre_r[rk_pre]);
      }
      {
        const k = (_kq + 2);
        const rk_pre = (k - _k0);
        _s2 += (w[k] * pre_r[rk_pre]);
      }
      {
        const k = (_kq + 3);
        const rk_pre = (k - _k0);
        _s3 += (w[k] * pre_r[rk_pre]);
      }
      _kq = (_kq + 4);
    }
    if (_kq < _k1) {
      {
        const k = _kq;
        const rk_pre = (k - _k0);
        _s0 += (w[k] * pre_r[rk_pre]);
      }
      if ((_kq + 1) < _k1) {
        {
          const k = (_kq + 1);
          const rk_pre = (k - _k0);
          _s1 += (w[k] * pre_r[rk_pre]);
        }
        if ((_kq + 2) < _k1) {
          {
            const k = (_kq + 2);
            const rk_pre = (k - _k0);
            _s2 += (w[k] * pre_r[rk_pre]);
          }
        }
      }
    }
    const _s = ((_s0 + _s1) + (_s2 + _s3));
    _sum[rk_post] += _s;
  }
}

function pop0_update(step) {
  const t = step * dt;
  const tau = P[0].get('tau');
  const baseline = P[0].get('baseline');
  const mp = P[0].get('mp');
  const r = P[0].get('r');
  const _sum_exc = P[0].get('_sum_exc');
  for (let i = 0; i < 3; i++) {
    {
      const _m_mp = ((baseline[i] + (_sum_exc[i]) - mp[i]) / tau[i]);
      mp[i] = (mp[i] + (dt * _m_mp));
    }
    r[i] = B.pos(mp[i]);
  }
}

function pop1_update(step) {
  const t = step * dt;
  const tau = P[1].get('tau');
  const baseline = P[1].get('baseline');
  const mp = P[1].get('mp');
  const r = P[1].get('r');
  const _sum_exc = P[1].get('_sum_exc');
  for (let i = 0; i < 2; i++) {
    {
      const _m_mp = ((baseline[i] + (_sum_exc[i]) - mp[i]) / tau[i]);
      mp[i] = (mp[i] + (dt * _m_mp));
    }
    r[i] = B.pos(mp[i]);
  }
}

function proj0_update(step) {
  const FL = X[0];
  const t = step * dt;
  if (!FL.transmission || !FL.update) return;
  if ((step - FL.learningOffset) % FL.learningPeriod !== 0) return;
  const _dt = dt * FL.learningPeriod;
  const pre_r = P[0].get('r');
  const post_r = P[1].get('r');
  const alpha = J[0].get('alpha');
  const w = J[0].get('w');
  const tau = J[0].get('tau');
  const _post_rank = J[0].get('_post_rank');
  const _row_ptr = J[0].get('_row_ptr');
  const _pre_rank = J[0].get('_pre_rank');
  const _nd = _post_rank.length;
  for (let i = 0; i < _nd; i++) {
    const rk_post = _post_rank[i];
    for (let k = _row_ptr[i], _k1 = _row_ptr[i + 1]; k < _k1; k++) {
      const rk_pre = _pre_rank[k];
      {
        const _m_w = (((pre_r[rk_pre] * post_r[rk_post]) - (alpha[k] * Math.pow(post_r[rk_post], 2) * w[k])) / tau[k]);
        if (FL.plasticity) {
          w[k] = (w[k] + (_dt * _m_w));
        }
      }
    }
  }
}

function step(step) {
  if (EN[0]) P[0].get('_sum_exc').fill(0);
  if (EN[1]) P[1].get('_sum_exc').fill(0);
  if (EN[1]) proj0_transmit(step);
  if (H.active) H.recordTargets(step);
  if (EN[0]) pop0_update(step);
  if (EN[1]) pop1_update(step);
  if (H.active) H.afterNeurons(step);
  if (EN[1]) proj0_update(step);
  if (H.active) H.record(step);
}

return { step, stop: {  } };