/**
 * Built-in neuron models with ANNarchy's names, equations and defaults (dossier §1.12). Each is a
 * `Neuron` subclass whose constructor takes the parameter values (`new Izhikevich({ a: 0.02 })`);
 * the class itself can be given to a population (`neuron: Izhikevich`) for the defaults. Parameters
 * are per neuron unless marked `: population`, as in ANNarchy's string definitions. The second type
 * argument of each `Neuron<NeuronSpec, …>` lists the attribute names, so that `pop.v` type-checks and
 * `pop.slise()` does not (core/attribute-names.ts); `g_${string}` where an option may name conductances.
 */
import { Neuron } from '../core/Neuron.js';
import type { NeuronSpec } from '../equations/spec.js';
import { checkModelArguments, checkModelParameters } from './parameters.js';

/** Parameter lines `name = value` of model `model` from defaults overridden by the user's values. */
function parameterBlock(model: string, defaults: Record<string, number>, values: Record<string, number | undefined>, flags: Record<string, string> = {}): string {
  checkModelParameters(model, defaults, values);
  return Object.entries(defaults)
    .map(([k, d]) => `${k} = ${formatNumber(values[k] ?? d)}${flags[k] ? ` : ${flags[k]}` : ''}`)
    .join('\n');
}

/** An equation literal (finite: checked by `checkModelParameters` for the user's values). */
function formatNumber(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

type Params<T extends Record<string, number>> = Partial<T>;

const LEAKY = { tau: 10.0, B: 0.0, T: 0.0 };
/** Rate-coded leaky integrator: `tau dv/dt + v = sum(exc) - sum(inh) + B`, `r = pos(v - T)` (exponential method). */
export class LeakyIntegrator extends Neuron<NeuronSpec, keyof typeof LEAKY | 'v' | 'r'> {
  constructor(p: Params<typeof LEAKY> & { sum?: string; noise?: string } = {}) {
    checkModelArguments('LeakyIntegrator', p);
    const { sum, noise, ...values } = p;
    super({
      name: 'LeakyIntegrator',
      parameters: parameterBlock('LeakyIntegrator', LEAKY, values, { tau: 'population', T: 'population' }),
      equations: `tau * dv/dt + v = ${sum ?? 'sum(exc) - sum(inh)'} + B${noise ? ` + ${noise}` : ''} : exponential
        r = pos(v - T)`,
    });
  }
}

const IZHIKEVICH = { a: 0.02, b: 0.2, c: -65.0, d: 8.0, v_thresh: 30.0, i_offset: 0.0, noise: 0.0, tau_refrac: 0.0 };
/** Izhikevich (2003), regular spiking defaults; explicit Euler on v and u in one block. */
export class Izhikevich extends Neuron<NeuronSpec, keyof typeof IZHIKEVICH | 'I' | 'v' | 'u' | 'r' | 'g_exc' | 'g_inh' | `g_${string}`> {
  constructor(p: Params<typeof IZHIKEVICH> & { conductance?: string } = {}) {
    checkModelArguments('Izhikevich', p);
    const { conductance, ...values } = p;
    // ANNarchy: v starts at c and u at b·c (the constructor's values).
    const c = values.c ?? IZHIKEVICH.c, b = values.b ?? IZHIKEVICH.b;
    super({
      name: 'Izhikevich',
      parameters: parameterBlock('Izhikevich', IZHIKEVICH, values),
      equations: `I = ${conductance ?? 'g_exc - g_inh'} + noise * Normal(0.0, 1.0) + i_offset
        dv/dt = 0.04 * v^2 + 5.0 * v + 140.0 - u + I : init = ${formatNumber(c)}
        du/dt = a * (b*v - u) : init = ${formatNumber(b * c)}`,
      spike: 'v > v_thresh',
      reset: 'v = c\nu += d',
      refractory: 'tau_refrac',
    });
  }
}

const IF_CURR = { v_rest: -65.0, cm: 1.0, tau_m: 20.0, tau_refrac: 0.0, tau_syn_E: 5.0, tau_syn_I: 5.0, v_thresh: -50.0, v_reset: -65.0, i_offset: 0.0 };
const IF_COND = { ...IF_CURR, e_rev_E: 0.0, e_rev_I: -70.0 };

/** Integrate-and-fire, exponential current synapses. */
export class IF_curr_exp extends Neuron<NeuronSpec, keyof typeof IF_CURR | 'v' | 'r' | 'g_exc' | 'g_inh'> {
  constructor(p: Params<typeof IF_CURR> = {}) {
    checkModelArguments('IF_curr_exp', p);
    super({
      name: 'IF_curr_exp',
      parameters: parameterBlock('IF_curr_exp', IF_CURR, p),
      equations: `cm * dv/dt = cm/tau_m*(v_rest -v) + g_exc - g_inh + i_offset : exponential, init=v_reset
        tau_syn_E * dg_exc/dt = - g_exc : exponential
        tau_syn_I * dg_inh/dt = - g_inh : exponential`,
      spike: 'v > v_thresh', reset: 'v = v_reset', refractory: 'tau_refrac',
    });
  }
}

/** Integrate-and-fire, exponential conductance synapses. */
export class IF_cond_exp extends Neuron<NeuronSpec, keyof typeof IF_COND | 'v' | 'r' | 'g_exc' | 'g_inh'> {
  constructor(p: Params<typeof IF_COND> = {}) {
    checkModelArguments('IF_cond_exp', p);
    super({
      name: 'IF_cond_exp',
      parameters: parameterBlock('IF_cond_exp', IF_COND, p),
      equations: `cm * dv/dt = cm/tau_m*(v_rest -v) + g_exc * (e_rev_E - v) + g_inh * (e_rev_I - v) + i_offset : exponential, init=v_reset
        tau_syn_E * dg_exc/dt = - g_exc : exponential
        tau_syn_I * dg_inh/dt = - g_inh : exponential`,
      spike: 'v > v_thresh', reset: 'v = v_reset', refractory: 'tau_refrac',
    });
  }
}

const ALPHA = `gmax_exc = exp((tau_syn_E - dt/2.0)/tau_syn_E)
        gmax_inh = exp((tau_syn_I - dt/2.0)/tau_syn_I)`;
const ALPHA_ODES = `tau_syn_E * dg_exc/dt = - g_exc : exponential
        tau_syn_I * dg_inh/dt = - g_inh : exponential
        tau_syn_E * dalpha_exc/dt = gmax_exc * g_exc - alpha_exc : exponential
        tau_syn_I * dalpha_inh/dt = gmax_inh * g_inh - alpha_inh : exponential`;

/** Integrate-and-fire, alpha-shaped current synapses. */
export class IF_curr_alpha extends Neuron<NeuronSpec, keyof typeof IF_CURR | 'gmax_exc' | 'gmax_inh' | 'alpha_exc' | 'alpha_inh' | 'v' | 'r' | 'g_exc' | 'g_inh'> {
  constructor(p: Params<typeof IF_CURR> = {}) {
    checkModelArguments('IF_curr_alpha', p);
    super({
      name: 'IF_curr_alpha',
      parameters: parameterBlock('IF_curr_alpha', IF_CURR, p),
      equations: `${ALPHA}
        cm * dv/dt = cm/tau_m*(v_rest -v) + alpha_exc - alpha_inh + i_offset : exponential, init=v_reset
        ${ALPHA_ODES}`,
      spike: 'v > v_thresh', reset: 'v = v_reset', refractory: 'tau_refrac',
    });
  }
}

/** Integrate-and-fire, alpha-shaped conductance synapses. */
export class IF_cond_alpha extends Neuron<NeuronSpec, keyof typeof IF_COND | 'gmax_exc' | 'gmax_inh' | 'alpha_exc' | 'alpha_inh' | 'v' | 'r' | 'g_exc' | 'g_inh'> {
  constructor(p: Params<typeof IF_COND> = {}) {
    checkModelArguments('IF_cond_alpha', p);
    super({
      name: 'IF_cond_alpha',
      parameters: parameterBlock('IF_cond_alpha', IF_COND, p),
      equations: `${ALPHA}
        cm * dv/dt = cm/tau_m*(v_rest -v) + alpha_exc * (e_rev_E - v) + alpha_inh * (e_rev_I - v) + i_offset : exponential, init=v_reset
        ${ALPHA_ODES}`,
      spike: 'v > v_thresh', reset: 'v = v_reset', refractory: 'tau_refrac',
    });
  }
}

const EIF = {
  v_rest: -70.6, cm: 0.281, tau_m: 9.3667, tau_refrac: 0.1, tau_syn_E: 5.0, tau_syn_I: 5.0, e_rev_E: 0.0, e_rev_I: -80.0,
  tau_w: 144.0, a: 4.0, b: 0.0805, i_offset: 0.0, delta_T: 2.0, v_thresh: -50.4, v_reset: -70.6, v_spike: -40.0,
};

/** Adaptive exponential integrate-and-fire (Brette & Gerstner 2005), exponential conductances. */
export class EIF_cond_exp_isfa_ista extends Neuron<NeuronSpec, keyof typeof EIF | 'I' | 'v' | 'w' | 'r' | 'g_exc' | 'g_inh'> {
  constructor(p: Params<typeof EIF> = {}) {
    checkModelArguments('EIF_cond_exp_isfa_ista', p);
    super({
      name: 'EIF_cond_exp_isfa_ista',
      parameters: parameterBlock('EIF_cond_exp_isfa_ista', EIF, p),
      equations: `I = g_exc * (e_rev_E - v) + g_inh * (e_rev_I - v) + i_offset
        tau_m * dv/dt = (v_rest - v +  delta_T * exp((v-v_thresh)/delta_T)) + tau_m/cm*(I - w) : init=v_reset
        tau_w * dw/dt = a * (v - v_rest) / 1000.0 - w
        tau_syn_E * dg_exc/dt = - g_exc : exponential
        tau_syn_I * dg_inh/dt = - g_inh : exponential`,
      spike: 'v > v_spike', reset: 'v = v_reset\nw += b', refractory: 'tau_refrac',
    });
  }
}

/** Adaptive exponential integrate-and-fire, alpha conductances. */
export class EIF_cond_alpha_isfa_ista extends Neuron<NeuronSpec, keyof typeof EIF | 'gmax_exc' | 'gmax_inh' | 'alpha_exc' | 'alpha_inh' | 'I' | 'v' | 'w' | 'r' | 'g_exc' | 'g_inh'> {
  constructor(p: Params<typeof EIF> = {}) {
    checkModelArguments('EIF_cond_alpha_isfa_ista', p);
    super({
      name: 'EIF_cond_alpha_isfa_ista',
      parameters: parameterBlock('EIF_cond_alpha_isfa_ista', EIF, p),
      equations: `${ALPHA}
        I = alpha_exc * (e_rev_E - v) + alpha_inh * (e_rev_I - v) + i_offset
        tau_m * dv/dt = (v_rest - v +  delta_T * exp((v-v_thresh)/delta_T)) + tau_m/cm*(I - w) : init=v_reset
        tau_w * dw/dt = a * (v - v_rest) / 1000.0 - w
        ${ALPHA_ODES}`,
      spike: 'v > v_spike', reset: 'v = v_reset\nw += b', refractory: 'tau_refrac',
    });
  }
}

const HH = {
  gbar_Na: 20.0, gbar_K: 6.0, gleak: 0.01, cm: 0.2, v_offset: -63.0, e_rev_Na: 50.0, e_rev_K: -90.0, e_rev_leak: -65.0,
  e_rev_E: 0.0, e_rev_I: -80.0, tau_syn_E: 0.2, tau_syn_I: 2.0, i_offset: 0.0, v_thresh: 0.0,
};

/**
 * Hodgkin–Huxley (Traub & Miles 1991), exponential conductances; spikes on upward threshold
 * crossings. ANNarchy's equations, except the h-gate closing rate: ANNarchy writes
 * `bh = 4/(1 + exp(10 - v + v_offset))`, a transcription slip (with it h closes near −53 mV, before
 * m opens, and the neuron sits in depolarisation block without a spike); neurarchy uses Traub's
 * `4/(1 + exp((40 - v + v_offset)/5))`, as PyNN's HH_cond_exp (NEURON's hh_traub.mod), NEST's
 * hh_cond_exp_traub and Brian 2's example do, so the same parameters fire as in those simulators.
 */
export class HH_cond_exp extends Neuron<NeuronSpec, keyof typeof HH | 'prev_v' | 'an' | 'am' | 'ah' | 'bn' | 'bm' | 'bh' | 'n' | 'm' | 'h' | 'v' | 'r' | 'g_exc' | 'g_inh'> {
  constructor(p: Params<typeof HH> = {}) {
    checkModelArguments('HH_cond_exp', p);
    super({
      name: 'HH_cond_exp',
      parameters: parameterBlock('HH_cond_exp', HH, p),
      equations: `prev_v = v
        an = 0.032 * (15.0 - v + v_offset) / (exp((15.0 - v + v_offset)/5.0) - 1.0)
        am = 0.32  * (13.0 - v + v_offset) / (exp((13.0 - v + v_offset)/4.0) - 1.0)
        ah = 0.128 * exp((17.0 - v + v_offset)/18.0)
        bn = 0.5   * exp ((10.0 - v + v_offset)/40.0)
        bm = 0.28  * (v - v_offset - 40.0) / (exp((v - v_offset - 40.0)/5.0) - 1.0)
        bh = 4.0/(1.0 + exp((40.0 - v + v_offset)/5.0))
        dn/dt = an * (1.0 - n) - bn * n : init = 0.0, exponential
        dm/dt = am * (1.0 - m) - bm * m : init = 0.0, exponential
        dh/dt = ah * (1.0 - h) - bh * h : init = 1.0, exponential
        cm * dv/dt = gleak*(e_rev_leak -v) + gbar_K * n**4 * (e_rev_K - v) + gbar_Na * m**3 * h * (e_rev_Na - v) + g_exc * (e_rev_E - v) + g_inh * (e_rev_I - v) + i_offset : exponential, init=e_rev_leak
        tau_syn_E * dg_exc/dt = - g_exc : exponential
        tau_syn_I * dg_inh/dt = - g_inh : exponential`,
      spike: '(v > v_thresh) and (prev_v <= v_thresh)',
      reset: '',
    });
  }
}

const GIF = {
  C_m: 250.0, tau_m: 10.0, tau_v: 1000.0, J_v: 1000.0, u_r: -65.0, u_th: -50.0, c: 10.0, delta_u: 5.0, I_ext: 375.0,
  refractory_period: 0.0,
};
const GIF_EXP = { ...GIF, tau_g_exc: 5.0, tau_g_inh: 5.0 };
/** Every GIF parameter is one value for the population, as ANNarchy's dict of parameters makes them global. */
const globalFlags = (defaults: Record<string, number>) => Object.fromEntries(Object.keys(defaults).map((k) => [k, 'population']));

/**
 * The GIF equations shared by both variants (ANNarchy 5.0.2's `GIF_curr`, Schwalger et al. 2017):
 * a membrane `u` driven by `I_ext` and the input current, a moving threshold `v` that jumps by
 * `J_v/tau_v` at each spike, and an escape noise of intensity `c·exp((u − v)/delta_u)` (Hz).
 * `R = tau_m/C_m` is a parameter computed from the values given, as ANNarchy does.
 */
function gifSpec(name: string, defaults: Record<string, number>, p: { current?: string }, extra: string) {
  const { current, ...rest } = p;
  const values = rest as Record<string, number | undefined>;
  const v = { ...defaults, ...Object.fromEntries(Object.entries(values).filter(([, x]) => x !== undefined)) } as Record<string, number>;
  return {
    name,
    parameters: `${parameterBlock(name, defaults, values, globalFlags(defaults))}\nR = ${formatNumber(v.tau_m / v.C_m)} : population`,
    equations: `tau_m * du/dt = -u + u_r + R*I_ext + ${current ?? 'R*(g_exc - g_inh)'} : init = ${formatNumber(v.u_r)}
      tau_v * dv/dt = -(v - u_th) : init = ${formatNumber(v.u_th)}
      Lambda = c * exp((u - v)/delta_u)
      p = Uniform(0.0, 1.0) * 1000.0 / dt${extra}`,
    spike: 'p < Lambda',
    reset: 'u = u_r\nv += J_v/tau_v',
    refractory: 'refractory_period',
  };
}

/**
 * Generalized integrate-and-fire with escape noise (ANNarchy's `GIF_curr`, added in 5.0.2):
 * instantaneous current input (`g_exc`, `g_inh` are reset every step). `current` replaces the
 * input term `R*(g_exc - g_inh)`.
 */
export class GIF_curr extends Neuron<NeuronSpec, keyof typeof GIF | 'R' | 'u' | 'v' | 'Lambda' | 'p' | 'r' | 'g_exc' | 'g_inh' | `g_${string}`> {
  constructor(p: Params<typeof GIF> & { current?: string } = {}) {
    checkModelArguments('GIF_curr', p);
    super(gifSpec('GIF_curr', GIF, p, ''));
  }
}

/** `GIF_curr` with exponentially decaying current synapses (`tau_g_exc`, `tau_g_inh`, explicit Euler). */
export class GIF_curr_exp extends Neuron<NeuronSpec, keyof typeof GIF_EXP | 'R' | 'u' | 'v' | 'Lambda' | 'p' | 'r' | 'g_exc' | 'g_inh' | `g_${string}`> {
  constructor(p: Params<typeof GIF_EXP> & { current?: string } = {}) {
    checkModelArguments('GIF_curr_exp', p);
    super(gifSpec('GIF_curr_exp', GIF_EXP, p, `
      tau_g_exc * dg_exc/dt = -g_exc
      tau_g_inh * dg_inh/dt = -g_inh`));
  }
}
