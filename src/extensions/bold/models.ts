/**
 * The built-in BOLD models of ANNarchy's BOLD extension (`PredefinedModels.py`), with ANNarchy's
 * equations and parameter values. The four balloon variants follow the naming of Stephan et al.
 * (2007): C/R = classical/revised coefficients k_1..k_3, N/L = non-linear/linear BOLD equation.
 * Time constants are in seconds (`second = 1000` ms), as in ANNarchy.
 *
 * Buxton et al. (1998) Magn. Reson. Med. 39:855; Friston et al. (2000) NeuroImage 12:466;
 * Stephan et al. (2007) NeuroImage 38:387; Maith et al. (2021) Eur. J. Neurosci. 53:2278;
 * Maith et al. (2022) Front. Neuroinform. 16:790966.
 */
import { EquationError } from '../../errors.js';
import { checkOptions } from '../../core/options.js';
import { BoldModel, modelError } from './BoldModel.js';

/** Parameters of the four balloon variants (Friston et al. 2000; epsilon from Obata et al. 2004). */
export interface BalloonParameters {
  /** Input coefficient. */
  phi?: number;
  /** Signal decay (1/s). */
  kappa?: number;
  /** Feedback regulation (1/s²). */
  gamma?: number;
  /** Oxygen extraction fraction at rest. */
  E_0?: number;
  /** Transit time (s). */
  tau?: number;
  /** Vessel stiffness (Grubb's exponent). */
  alpha?: number;
  /** Resting venous blood volume fraction. */
  V_0?: number;
  /** Frequency offset at the outer surface of the magnetised vessel for fully deoxygenated blood, at 1.5 T (Hz). */
  v_0?: number;
  /** Echo time (s). */
  TE?: number;
  /** Ratio of intra- and extravascular signal. */
  epsilon?: number;
  /** Slope of the intravascular relaxation rate against oxygen saturation (revised coefficients only). */
  r_0?: number;
}

const DEFAULTS: Required<BalloonParameters> = {
  phi: 1.0, kappa: 1 / 1.54, gamma: 1 / 2.46, E_0: 0.34, tau: 0.98, alpha: 0.33,
  V_0: 0.02, v_0: 40.3, TE: 40 / 1000, epsilon: 1.43, r_0: 25,
};

/** The blood-flow and balloon part shared by the four variants (one input, I_CBF). */
const BALLOON = `
  I_CBF    = sum(I_CBF)                                              : init=0
  ds/dt    = (phi * I_CBF - kappa * s - gamma * (f_in - 1))/second   : init=0
  df_in/dt = s / second                                              : init=1, min=0.01
  E        = 1 - (1 - E_0)**(1 / f_in)                               : init=0.3424
  dq/dt    = (f_in * E / E_0 - (q / v) * f_out)/(tau*second)         : init=1, min=0.01
  dv/dt    = (f_in - f_out)/(tau*second)                             : init=1, min=0.01
  f_out    = v**(1 / alpha)                                          : init=1, min=0.01
`;
const CLASSIC = `
  k_1 = (1 - V_0) * 4.3 * v_0 * E_0 * TE
  k_2 = 2 * E_0
  k_3 = 1 - epsilon
`;
const REVISED = `
  k_1 = 4.3 * v_0 * E_0 * TE
  k_2 = epsilon * r_0 * E_0 * TE
  k_3 = 1 - epsilon
`;
const NONLINEAR = 'BOLD = V_0 * (k_1 * (1 - q) + k_2 * (1 - (q / v)) + k_3 * (1 - v)) : init=0';
const LINEAR = 'BOLD = V_0 * ((k_1 + k_2) * (1 - q) + (k_3 - k_2) * (1 - v)) : init=0';

function balloonParameters(given: BalloonParameters | undefined, revised: boolean, where: string): string {
  const keys = Object.keys(DEFAULTS).filter((k) => revised || k !== 'r_0');
  checkOptions(given, keys, where, { error: modelError(where) });
  const values = { ...DEFAULTS, ...given };
  const lines = ['second = 1000.0 : population'];
  for (const k of keys) {
    const v = values[k as keyof BalloonParameters];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new EquationError(`${where}: '${k}' must be a finite number, got ${String(v)}`, { model: where, field: 'parameters', symbol: k });
    lines.push(`${k} = ${v} : population`);
  }
  return lines.join('\n');
}

function balloon(given: BalloonParameters | undefined, revised: boolean, linear: boolean, name: string, description: string): ConstructorParameters<typeof BoldModel>[0] {
  return {
    parameters: balloonParameters(given, revised, `new ${name}()`),
    equations: `${BALLOON}${revised ? REVISED : CLASSIC}\n${linear ? LINEAR : NONLINEAR}`,
    inputs: 'I_CBF', output: 'BOLD', name, description,
  };
}

/** Balloon model, revised coefficients, non-linear BOLD equation (Stephan et al. 2007): the default model of BoldMonitor. */
export class balloon_RN extends BoldModel {
  constructor(parameters?: BalloonParameters) {
    super(balloon(parameters, true, false, 'balloon_RN', 'BOLD computation with revised coefficients and non-linear BOLD equation (Stephan et al., 2007).'));
  }
}

/**
 * Balloon model, revised coefficients, linear BOLD equation. ANNarchy's code for this variant writes
 * `tau*dq/dt` and `tau*dv/dt` without `second` (tau in ms, 1000 times faster than the three other
 * variants), while its documentation gives `/(tau*second)` like the others: neurarchy follows the
 * documentation.
 */
export class balloon_RL extends BoldModel {
  constructor(parameters?: BalloonParameters) {
    super(balloon(parameters, true, true, 'balloon_RL', 'BOLD computation with revised coefficients and linear BOLD equation (Stephan et al., 2007).'));
  }
}

/** Balloon model, classical coefficients, non-linear BOLD equation. */
export class balloon_CN extends BoldModel {
  constructor(parameters?: Omit<BalloonParameters, 'r_0'>) {
    super(balloon(parameters, false, false, 'balloon_CN', 'BOLD computation with classic coefficients and non-linear BOLD equation (Stephan et al., 2007).'));
  }
}

/** Balloon model, classical coefficients, linear BOLD equation. */
export class balloon_CL extends BoldModel {
  constructor(parameters?: Omit<BalloonParameters, 'r_0'>) {
    super(balloon(parameters, false, true, 'balloon_CL', 'BOLD computation with classic coefficients and linear BOLD equation (Stephan et al., 2007).'));
  }
}

/**
 * Two inputs (Maith et al. 2022): `I_CBF` drives blood flow (an under-damped oscillator, hence the
 * post-stimulus undershoot) and `I_CMRO2` the oxygen metabolism `r` (critically damped, ten times
 * faster), then the balloon with revised coefficients and the non-linear BOLD equation (Buxton et
 * al. 2004 for the outflow's viscoelastic delay tau_out).
 */
export class balloon_two_inputs extends BoldModel {
  constructor() {
    super({
      parameters: `
        kappa_CBF   = 0.7650920556760059
        gamma_CBF   = 1/2.46
        kappa_CMRO2 = 4.032389192727559
        gamma_CMRO2 = 10/2.46
        phi_CBF     = 1.0
        phi_CMRO2   = 1.0
        E_0         = 0.34
        tau         = 0.98
        alpha       = 0.33
        V_0         = 0.02
        v_0         = 40.3
        TE          = 40/1000.
        epsilon     = 1
        r_0         = 25
        tau_out1    = 0
        tau_out2    = 20
        second      = 1000
      `,
      equations: `
        I_CBF              = sum(I_CBF)                                                   : init=0
        second*ds_CBF/dt   = phi_CBF * I_CBF - kappa_CBF * s_CBF - gamma_CBF * (f_in - 1) : init=0
        second*df_in/dt    = s_CBF                                                        : init=1, min=0.01
        I_CMRO2            = sum(I_CMRO2)                                                 : init=0
        second*ds_CMRO2/dt = phi_CMRO2 * I_CMRO2 * (gamma_CMRO2 / gamma_CBF) - kappa_CMRO2 * s_CMRO2 - gamma_CMRO2 * (r - 1) : init=0
        second*dr/dt       = s_CMRO2                                                      : init=1, min=0.01
        dv                 = f_in - v**(1 / alpha)
        tau_out            = if dv>0: tau_out1 else: tau_out2
        f_out              = v**(1/alpha) + tau_out * dv / (tau + tau_out)                : init=1, min=0.01
        dq/dt              = (r - (q / v) * f_out) / (second*tau)                         : init=1, min=0.01
        dv/dt              = dv / (tau + tau_out) / second                                : init=1, min=0.01
        k_1                = 4.3 * v_0 * E_0 * TE
        k_2                = epsilon * r_0 * E_0 * TE
        k_3                = 1 - epsilon
        BOLD               = V_0 * (k_1 * (1 - q) + k_2 * (1 - (q / v)) + k_3 * (1 - v))  : init=0
      `,
      inputs: ['I_CBF', 'I_CMRO2'], output: 'BOLD', name: 'balloon_two_inputs',
      description: 'BOLD model with two inputs (CBF-driving and CMRO2-driving), revised coefficients, non-linear BOLD equation (Maith et al., 2022).',
    });
  }
}

/** The balloon model of Maith et al. (2021). */
export class balloon_maith2021 extends BoldModel {
  constructor() {
    super({
      parameters: `
        second = 1000.0
        phi    = 1.0
        kappa  = 0.665
        gamma  = 0.412
        E_0    = 0.3424
        tau    = 1.0368
        alpha  = 0.3215
        V_0    = 0.02
      `,
      equations: `${BALLOON}
        k_1      = 7 * E_0
        k_2      = 2
        k_3      = 2 * E_0 - 0.2
        BOLD     = V_0 * (k_1 * (1 - q) + k_2 * (1 - (q / v)) + k_3 * (1 - v)) : init=0
      `,
      inputs: 'I_CBF', output: 'BOLD', name: 'balloon_maith2021', description: 'BOLD computation from Maith et al. (2021).',
    });
  }
}
