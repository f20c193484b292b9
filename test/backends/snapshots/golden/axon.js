"use strict";

function proj0_transmit(step) {
  const FL = X[0];
  const t = step * dt;
  if (!FL.transmission) return;
  const post_g_exc = P[1].get('g_exc');
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
  const post_g_ax = P[1].get('g_ax');
  const _inv_ptr = J[1].get('_inv_ptr');
  const _inv_idx = J[1].get('_inv_idx');
  const _syn_dendrite = J[1].get('_syn_dendrite');
  const _post_rank = J[1].get('_post_rank');
  const w = J[1].get('w');
  let _src, _ns;
  _src = P[0].get('_spiked'); _ns = P[0].get('_nspiked')[0];
  for (let s = 0; s < _ns; s++) {
    const rk_pre = _src[s];
    for (let m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
      const k = _inv_idx[m];
      const i = _syn_dendrite[k];
      const rk_post = _post_rank[i];
      post_g_ax[rk_post] = (post_g_ax[rk_post] + 0);
    }
  }
  if (FL.axonTransmission) {
    const _asrc = P[0].get('_axon_spiked'), _nas = P[0].get('_naxon')[0];
    for (let s = 0; s < _nas; s++) {
      const rk_pre = _asrc[s];
      for (let m = _inv_ptr[rk_pre], _m1 = _inv_ptr[rk_pre + 1]; m < _m1; m++) {
        const k = _inv_idx[m];
        const i = _syn_dendrite[k];
        const rk_post = _post_rank[i];
        post_g_ax[rk_post] = (post_g_ax[rk_post] + w[0]);
      }
    }
  }
}

function pop0_update(step) {
  const t = step * dt;
  const v = P[0].get('v');
  const a = P[0].get('a');
  const r = P[0].get('r');
  const _spiked = P[0].get('_spiked'), _nspiked = P[0].get('_nspiked');
  const _last_spike = P[0].get('_last_spike'), _refr_left = P[0].get('_refr_left');
  let _ns = 0;
  const _axon_spiked = P[0].get('_axon_spiked'), _naxon = P[0].get('_naxon');
  let _nas = 0;
  for (let i = 0; i < 2; i++) {
    const _inref = !(_refr_left[i] > 0);
    if (_inref) {
      v[i] = (v[i] + 1);
    }
    if (_inref) {
      a[i] = (a[i] + 1);
    }
    if (_refr_left[i] > 0) {
      _refr_left[i] = (_refr_left[i] - 1);
    } else {
      if ((v[i] >= 6 ? 1 : 0)) {
        v[i] = 0;
        _spiked[_ns++] = i;
        _last_spike[i] = step;
        _refr_left[i] = 2;
      }
    }
    if ((B.modulo(t, 2) === 0 ? 1 : 0)) {
      a[i] = 100;
      _axon_spiked[_nas++] = i;
    }
  }
  _nspiked[0] = _ns;
  _naxon[0] = _nas;
}

function pop1_update(step) {
  const t = step * dt;
  const g_exc = P[1].get('g_exc');
  const g_ax = P[1].get('g_ax');
  const r = P[1].get('r');
  const _spiked = P[1].get('_spiked'), _nspiked = P[1].get('_nspiked');
  const _last_spike = P[1].get('_last_spike'), _refr_left = P[1].get('_refr_left');
  let _ns = 0;
  for (let i = 0; i < 2; i++) {
    g_exc[i] = 0;
    g_ax[i] = 0;
    if ((g_exc[i] > 100 ? 1 : 0)) {
      _spiked[_ns++] = i;
      _last_spike[i] = step;
    }
  }
  _nspiked[0] = _ns;
}

function step(step) {
  if (EN[1]) proj0_transmit(step);
  if (EN[1]) proj1_transmit(step);
  if (H.active) H.recordTargets(step);
  if (EN[0]) {
    pop0_update(step);
  } else {
    P[0].get('_nspiked')[0] = 0;
    P[0].get('_naxon')[0] = 0;
  }
  if (EN[1]) {
    pop1_update(step);
  } else {
    P[1].get('_nspiked')[0] = 0;
  }
  if (H.active) H.afterNeurons(step);
  if (H.active) H.record(step);
}

return { step, stop: {  } };