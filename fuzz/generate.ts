/**
 * The valid models the mutants start from: the built-in neurons and synapses of src/models, driven
 * so that they spike in a short run, and the models of the examples. Each base comes with the
 * network it runs in (`build` in models battery), so an unmutated base is accepted on every backend.
 */
import * as N from '../src/index.js';

export type Kind = 'neuron' | 'synapse';

/** A model description, as plain data (fields may be mutated to any type). */
export type Spec = Record<string, unknown>;

export interface Base {
  kind: Kind;
  /** Where it comes from (for the report). */
  origin: string;
  spec: Spec;
  /** Synapses: the pre-synaptic population is rate-coded or spiking. */
  pre?: 'rate' | 'spike';
}

function specOf(model: N.Neuron | N.Synapse): Spec {
  return { ...model.spec };
}

/** A built-in neuron with `overrides` when it has those parameters (so that it fires in a short run). */
function builtIn(ctor: new (p?: Record<string, number>) => N.Neuron, overrides: Record<string, number>): N.Neuron {
  try { return new ctor(overrides); } catch { return new ctor(); }
}

const NEURONS: Array<[string, () => Spec]> = [
  ['models/LeakyIntegrator', () => specOf(new N.LeakyIntegrator({ B: 0.5 }))],
  ['models/Izhikevich', () => specOf(builtIn(N.Izhikevich as never, { i_offset: 10 }))],
  ['models/IF_curr_exp', () => specOf(builtIn(N.IF_curr_exp as never, { i_offset: 2 }))],
  ['models/IF_cond_exp', () => specOf(builtIn(N.IF_cond_exp as never, { i_offset: 2 }))],
  ['models/IF_curr_alpha', () => specOf(builtIn(N.IF_curr_alpha as never, { i_offset: 2 }))],
  ['models/IF_cond_alpha', () => specOf(builtIn(N.IF_cond_alpha as never, { i_offset: 2 }))],
  ['models/EIF_cond_exp_isfa_ista', () => specOf(builtIn(N.EIF_cond_exp_isfa_ista as never, { i_offset: 2 }))],
  ['models/EIF_cond_alpha_isfa_ista', () => specOf(builtIn(N.EIF_cond_alpha_isfa_ista as never, { i_offset: 2 }))],
  ['models/HH_cond_exp', () => specOf(builtIn(N.HH_cond_exp as never, { i_offset: 2 }))],
  ['examples/coba.ts COBA', () => ({
    parameters: `
    El = -60.0          : population
    Vr = -60.0          : population
    Erev_exc = 0.0      : population
    Erev_inh = -80.0    : population
    Vt = -50.0          : population
    tau = 20.0          : population
    tau_exc = 5.0       : population
    tau_inh = 10.0      : population
    I = 20.0            : population
  `,
    equations: `
    tau * dv/dt = (El - v) + g_exc * (Erev_exc - v) + g_inh * (Erev_inh - v ) + I
    tau_exc * dg_exc/dt = - g_exc
    tau_inh * dg_inh/dt = - g_inh
  `,
    spike: 'v > Vt', reset: 'v = Vr', refractory: 5.0,
  })],
  ['examples/oja.ts LeakyIntegratorNeuron', () => ({
    parameters: 'tau = 10.0\nbaseline = -0.2',
    equations: 'tau * dmp/dt + mp = baseline + sum(exc)\nr = pos(mp)',
  })],
  ['examples/pymonnto_mixed.ts LIF', () => ({
    parameters: 'tau = 10.0\nv_thresh = 1.0\nI = 1.5',
    equations: 'tau * dv/dt = -v + g_exc + I', spike: 'v > v_thresh', reset: 'v = 0.0', refractory: 2.0,
  })],
  ['ANNarchy manual: Izhikevich with functions', () => ({
    parameters: 'a = 0.02\nb = 0.2\nc = -65.0\nd = 8.0\nI = 10.0 : population',
    equations: ['dv/dt = f(v) - u + I : init = -65.0, min = -90.0', 'du/dt = a * (b*v - u) : init = -13.0'],
    functions: 'f(x) = 0.04 * x^2 + 5.0 * x + 140.0',
    spike: 'v >= 30.0', reset: ['v = c', 'u += d'], refractory: 'd',
  })],
];

/** The populations a synapse mutant connects (never mutated). */
export const RATE_NEURON = new N.Neuron({
  name: 'FuzzRatePre',
  parameters: 'tau = 10.0\nB = 0.5',
  equations: 'tau * dv/dt + v = B + sum(exc) - sum(inh)\nr = pos(v)',
});
export const SPIKE_NEURON = new N.Neuron({
  name: 'FuzzSpikingPre',
  parameters: 'tau = 5.0\nI = 2.0\nvt = 1.0',
  equations: 'tau * dv/dt = I - v + g_exc - g_inh\ndg_exc/dt = -g_exc / 5.0\ndg_inh/dt = -g_inh / 10.0',
  spike: 'v > vt', reset: 'v = 0.0', refractory: 1.0,
});

const SYNAPSES: Array<[string, 'rate' | 'spike', () => Spec]> = [
  ['models/Hebb', 'rate', () => specOf(new N.Hebb())],
  ['models/Oja', 'rate', () => specOf(new N.Oja())],
  ['models/IBCM', 'rate', () => specOf(new N.IBCM())],
  ['models/STDP', 'spike', () => specOf(new N.STDP())],
  ['models/TsodyksMarkram', 'spike', () => specOf(new N.TsodyksMarkram())],
  ['examples/oja.ts Oja', 'rate', () => ({ parameters: 'tau = 5000.0\nalpha = 8.0', equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w' })],
  ['rate psp and max', 'rate', () => ({ parameters: 'g = 2.0', psp: 'g * w * pre.r', operation: 'max' })],
  ['spiking pre/post with trace', 'spike', () => ({
    parameters: 'tau_t = 10.0 : projection\neta = 0.01',
    equations: 'tau_t * dtrace/dt = -trace : event-driven',
    preSpike: 'g_target += w\ntrace += 1.0', postSpike: 'w = clip(w + eta * trace, 0.0, 1.0)',
  })],
];

export const BASES: Base[] = [
  ...NEURONS.map(([origin, make]): Base => ({ kind: 'neuron', origin, spec: make() })),
  ...SYNAPSES.map(([origin, pre, make]): Base => ({ kind: 'synapse', origin, spec: make(), pre })),
];

/** The fields a neuron or synapse description has (every one gets mutated). */
export const FIELDS: Record<Kind, readonly string[]> = {
  neuron: ['parameters', 'equations', 'spike', 'reset', 'axonSpike', 'axonReset', 'refractory', 'functions', 'name', 'description'],
  synapse: ['parameters', 'equations', 'psp', 'operation', 'preSpike', 'postSpike', 'preAxonSpike', 'functions', 'name', 'description'],
};
