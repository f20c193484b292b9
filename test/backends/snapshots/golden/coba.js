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
  _src = P[0].get('_spiked'); _ns = P[0].get('_nspiked')[0];
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
  const post_g_inh = P[0].get('g_inh');
  const w = J[1].get('w');
  const _inv_ptr = J[1].get('_inv_ptr');
  const _inv_idx = J[1].get('_inv_idx');
  const _syn_dendrite = J[1].get('_syn_dendrite');
  const _post_rank = J[1].get('_post_rank');
  let _src, _ns;
  _src = P[0].get('_spiked'); _ns = P[0].get('_nspiked')[0];
  for (let s = 0; s < _ns; s++) {
    const rk_pre = _src[s];
    for (let m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const k = _inv_idx[m];
      const i = _syn_dendrite[k];
      const rk_post = _post_rank[i];
      post_g_inh[rk_post] = (post_g_inh[rk_post] + w[0]);
    }
  }
}

function pop0_update(step) {
  const t = step * dt;
  const El = P[0].get('El');
  const Vr = P[0].get('Vr');
  const Erev_exc = P[0].get('Erev_exc');
  const Erev_inh = P[0].get('Erev_inh');
  const Vt = P[0].get('Vt');
  const tau = P[0].get('tau');
  const tau_exc = P[0].get('tau_exc');
  const tau_inh = P[0].get('tau_inh');
  const I = P[0].get('I');
  const v = P[0].get('v');
  const g_exc = P[0].get('g_exc');
  const g_inh = P[0].get('g_inh');
  const r = P[0].get('r');
  const _spiked = P[0].get('_spiked'), _nspiked = P[0].get('_nspiked');
  const _last_spike = P[0].get('_last_spike'), _refr_left = P[0].get('_refr_left');
  const El_g = El[0];
  const Vr_g = Vr[0];
  const Erev_exc_g = Erev_exc[0];
  const Erev_inh_g = Erev_inh[0];
  const Vt_g = Vt[0];
  const tau_g = tau[0];
  const tau_exc_g = tau_exc[0];
  const tau_inh_g = tau_inh[0];
  const I_g = I[0];
  const _li0 = (1 / tau_g);
  const _li1 = (1 / tau_exc_g);
  const _li2 = (1 / tau_inh_g);
  let _ns = 0;
  for (let i = 0; i < 100; i++) {
    const _inref = !(_refr_left[i] > 0);
    {
      const _m_v = ((El_g - v[i] + (g_exc[i] * (Erev_exc_g - v[i])) + (g_inh[i] * (Erev_inh_g - v[i])) + I_g) * _li0);
      const _m_g_exc = (-(g_exc[i] * _li1));
      const _m_g_inh = (-(g_inh[i] * _li2));
      if (_inref) {
        v[i] = (v[i] + (dt * _m_v));
      }
      g_exc[i] = (g_exc[i] + (dt * _m_g_exc));
      g_inh[i] = (g_inh[i] + (dt * _m_g_inh));
    }
    if (_refr_left[i] > 0) {
      _refr_left[i] = (_refr_left[i] - 1);
    } else {
      if ((v[i] > Vt_g ? 1 : 0)) {
        v[i] = Vr_g;
        _spiked[_ns++] = i;
        _last_spike[i] = step;
        _refr_left[i] = 50;
      }
    }
  }
  _nspiked[0] = _ns;
}

function step(step) {
  if (EN[0]) proj0_transmit(step);
  if (EN[0]) proj1_transmit(step);
  if (H.active) H.recordTargets(step);
  if (EN[0]) {
    pop0_update(step);
  } else {
    P[0].get('_nspiked')[0] = 0;
  }
  if (H.active) H.afterNeurons(step);
  if (H.active) H.record(step);
}

return { step, stop: {  } };