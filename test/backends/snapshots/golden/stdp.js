"use strict";

function proj0_transmit(step) {
  const FL = X[0];
  const t = step * dt;
  if (!FL.transmission) return;
  const _last_event = J[0].get('_last_event');
  const x = J[0].get('x');
  const tau_plus = J[0].get('tau_plus');
  const y = J[0].get('y');
  const tau_minus = J[0].get('tau_minus');
  const post_g_exc = P[1].get('g_exc');
  const w = J[0].get('w');
  const A_plus = J[0].get('A_plus');
  const w_max = J[0].get('w_max');
  const w_min = J[0].get('w_min');
  const _inv_ptr = J[0].get('_inv_ptr');
  const _inv_idx = J[0].get('_inv_idx');
  const _syn_dendrite = J[0].get('_syn_dendrite');
  const _post_rank = J[0].get('_post_rank');
  let _src, _ns;
  _src = P[0].get('_spiked'); _ns = P[0].get('_nspiked')[0];
  for (let s = 0; s < _ns; s++) {
    const rk_pre = _src[s];
    for (let m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const k = _inv_idx[m];
      const i = _syn_dendrite[k];
      const rk_post = _post_rank[i];
      const _elapsed = (step - _last_event[k]);
      x[k] = (x[k] * Math.exp(((-(_elapsed * dt)) / tau_plus[0])));
      y[k] = (y[k] * Math.exp(((-(_elapsed * dt)) / tau_minus[0])));
      _last_event[k] = step;
      post_g_exc[rk_post] = (post_g_exc[rk_post] + w[k]);
      x[k] = (x[k] + (A_plus[0] * w_max[0]));
      if (FL.plasticity) {
        w[k] = B.clip((w[k] + y[k]), w_min[0], w_max[0]);
      }
    }
  }
}

function pop0_update(step) {
  const S = P[0];
  const _poisson_rate = S.get('_poisson_rate');
  const _poisson_next = S.get('_poisson_next');
  const _last_spike = S.get('_last_spike');
  const rates = S.get('rates');
  const _spiked = S.get('_spiked');
  const _nspiked = S.get('_nspiked');
  const _q = (dt / 1000);
  let _ns = 0;
  for (let i = 0; i < 20; i++) {
    const _r = rates[i];
    const _p = (_r * _q);
    if (_r !== _poisson_rate[i]) {
      _poisson_rate[i] = _r;
      const _from = B.max(step, (_last_spike[i] + 1));
      _poisson_next[i] = ((_from - 1) + R.geom(_p, SEED, 65536, i, step, 1));
    }
    if (_poisson_next[i] <= step) {
      _spiked[_ns++] = i;
      _last_spike[i] = step;
      _poisson_next[i] = (step + R.geom(_p, SEED, 65536, i, step, 0));
    }
  }
  _nspiked[0] = _ns;
}

function pop1_update(step) {
  const t = step * dt;
  const tau_m = P[1].get('tau_m');
  const tau_e = P[1].get('tau_e');
  const vt = P[1].get('vt');
  const vr = P[1].get('vr');
  const El = P[1].get('El');
  const Ee = P[1].get('Ee');
  const v = P[1].get('v');
  const g_exc = P[1].get('g_exc');
  const r = P[1].get('r');
  const _spiked = P[1].get('_spiked'), _nspiked = P[1].get('_nspiked');
  const _last_spike = P[1].get('_last_spike'), _refr_left = P[1].get('_refr_left');
  let _ns = 0;
  for (let i = 0; i < 1; i++) {
    {
      const _m_v = ((El[i] - v[i] + (g_exc[i] * (Ee[i] - vr[i]))) / tau_m[i]);
      const _m_g_exc = (-(g_exc[i] / tau_e[i]));
      v[i] = (v[i] + (dt * _m_v));
      g_exc[i] = (g_exc[i] + (dt * _m_g_exc));
    }
    if ((v[i] > vt[i] ? 1 : 0)) {
      v[i] = vr[i];
      _spiked[_ns++] = i;
      _last_spike[i] = step;
    }
  }
  _nspiked[0] = _ns;
}

function proj0_post(step) {
  const FL = X[0];
  const t = step * dt;
  if (!FL.transmission) return;
  const _src = P[1].get('_spiked'), _ns = P[1].get('_nspiked')[0];
  const _last_event = J[0].get('_last_event');
  const x = J[0].get('x');
  const tau_plus = J[0].get('tau_plus');
  const y = J[0].get('y');
  const tau_minus = J[0].get('tau_minus');
  const A_minus = J[0].get('A_minus');
  const w_max = J[0].get('w_max');
  const w = J[0].get('w');
  const w_min = J[0].get('w_min');
  const _dendrite_of_post = J[0].get('_dendrite_of_post');
  const _row_ptr = J[0].get('_row_ptr');
  const _pre_rank = J[0].get('_pre_rank');
  for (let s = 0; s < _ns; s++) {
    const rk_post = _src[s];
    const i = _dendrite_of_post[rk_post];
    if (i >= 0) {
      for (let k = _row_ptr[i], _k1 = _row_ptr[i + 1]; k < _k1; k++) {
        const rk_pre = _pre_rank[k];
        const _elapsed = ((step + 1) - _last_event[k]);
        x[k] = (x[k] * Math.exp(((-(_elapsed * dt)) / tau_plus[0])));
        y[k] = (y[k] * Math.exp(((-(_elapsed * dt)) / tau_minus[0])));
        _last_event[k] = (step + 1);
        y[k] = (y[k] - (A_minus[0] * w_max[0]));
        if (FL.plasticity) {
          w[k] = B.clip((w[k] + x[k]), w_min[0], w_max[0]);
        }
      }
    }
  }
}

function step(step) {
  if (EN[1]) proj0_transmit(step);
  if (H.active) H.recordTargets(step);
  if (EN[0]) {
    pop0_update(step);
  } else {
    P[0].get('_nspiked')[0] = 0;
  }
  if (EN[1]) {
    pop1_update(step);
  } else {
    P[1].get('_nspiked')[0] = 0;
  }
  if (H.active) H.afterNeurons(step);
  proj0_post(step);
  if (H.active) H.record(step);
}

return { step, stop: {  } };