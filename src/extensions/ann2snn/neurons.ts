/**
 * The neuron models of ANNarchy's ANN-to-SNN converter (`InputEncoding.py`, `ReadOut.py`), with
 * its equations and parameter values. Every spiking model keeps ANNarchy's `mask` trace (+1/mask_tau
 * per spike, decaying with mask_tau), the pre-synaptic signal of the convolution and pooling
 * projections to come; dense layers transmit the spikes themselves (`g_exc += w`).
 */
import { Neuron } from '../../core/Neuron.js';

/** Input encoding: custom Poisson neuron, a spike with probability `rates`·dt/1000 per step. */
export const CPN = new Neuron({
  name: 'custom poisson neuron',
  parameters: `
    rates = 0.0
    mask_tau = 20.0
  `,
  equations: `
    p = (Uniform(0.0, 1.0) * 1000.0) / dt
    dmask/dt = -mask/mask_tau : init=0.0
  `,
  spike: 'p < rates',
  reset: 'mask += 1.0/mask_tau',
});

/** Input encoding: intrinsically bursting Izhikevich neuron (Izhikevich 2003) driven by `rates`. */
export const IB = new Neuron({
  name: 'intrinsically bursting',
  parameters: `
    a = 0.02
    b = 0.2
    c = -55.0
    d = 4.0
    v_thresh = 30.0
    rates = 0.0
    mask_tau = 20
  `,
  equations: `
    dv/dt = 0.04 * v^2 + 5.0 * v + 140.0 - u + rates : init = -55.0
    du/dt = a * (b*v - u) : init = -13.0
    dmask/dt = -mask/mask_tau : init = 0.0
  `,
  spike: 'v > v_thresh',
  reset: `
    v = c
    u += d
    mask += 1.0/mask_tau
  `,
});

/**
 * Input encoding: phase shift oscillation (Kim et al. 2018; Park et al. 2019): the threshold is
 * modulated by Π(t) = 2^(mod(t − 1, k) − 1), as ANNarchy's code computes it (its docstring writes
 * 2^−(1 + mod(t, k)), which with inputs scaled to 0–100 would fire at every step for any non-zero
 * pixel; the code's phases 0.5 … 2^(k−2) encode the intensity).
 */
export const PSO = new Neuron({
  name: 'phase shift oscillation',
  parameters: `
    k = 8
    vt = 1
    rates = 0
    mask_tau = 20.0
  `,
  equations: `
    p = pow(2, (-1 + (modulo(t - 1, k))))
    vt_new = p * vt
    v = rates : init = 0
    dmask/dt = -mask/mask_tau : init = 0.0
  `,
  spike: 'v > vt_new',
  reset: 'mask += 1.0/mask_tau',
});

/** Hidden layers: integrate-and-fire without leak; each arriving spike adds its (normalised) weight. */
export const IaF = new Neuron({
  name: 'IaF neuron',
  parameters: `
    vt = 1          : population
    vr = 0          : population
    mask_tau = 20.0 : population
  `,
  equations: `
    dv/dt    = g_exc          : init = 0.0, min = -2.0
    dmask/dt = -mask/mask_tau : init = 0.0
  `,
  spike: 'v > vt',
  reset: `
    v = vr
    mask += 1.0/mask_tau
  `,
});

/**
 * Read-out for `time_to_k_spikes` (and, with k = 1, `time_to_first_spike`): counts its spikes in
 * `sc`; the simulation stops when one reaches `k`. ANNarchy declares `sc` a parameter that the
 * reset increments; neurarchy's reset cannot assign parameters, so `sc` is a variable that stays
 * constant between spikes (`dsc/dt = 0`).
 */
export const IaF_TTKS = new Neuron({
  name: 'IaF neuron (time to k spikes)',
  parameters: `
    k = 0           : population
    vt = 1          : population
    vr = 0          : population
  `,
  equations: `
    dv/dt = g_exc   : init = 0.0, min = -2.0
    dsc/dt = 0.0    : init = 0.0
  `,
  spike: 'v > vt',
  reset: `
    v = vr
    sc += 1
  `,
});

/** Read-out for `membrane_potential`: accumulates its input and never spikes. */
export const IaF_Acc = new Neuron({
  name: 'IaF neuron (accumulator)',
  equations: 'dv/dt = g_exc : init = 0.0, min = -2.0',
  spike: 'v < -10000',
  reset: '',
});
