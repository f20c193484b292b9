/**
 * Built-in synapse models with ANNarchy's names, equations and defaults (dossier §1.13). The second
 * type argument of each `Synapse<SynapseSpec, …>` lists the attribute names (`proj.w`, core/attribute-names.ts).
 */
import { Synapse } from '../core/Synapse.js';
import type { SynapseSpec } from '../equations/spec.js';
import { checkModelArguments, checkModelParameters, modelParameterError } from './parameters.js';

/** Parameter lines `name = value` of model `model` from defaults overridden by the user's values. */
function block(model: string, defaults: Record<string, number>, values: Record<string, number | undefined>, flags: Record<string, string>): string {
  checkModelParameters(model, defaults, values);
  return Object.entries(defaults).map(([k, d]) => {
    const v = values[k] ?? d;
    return `${k} = ${Number.isInteger(v) ? `${v}.0` : v}${flags[k] ? ` : ${flags[k]}` : ''}`;
  }).join('\n');
}

const HEBB = { eta: 0.01 };
/** Rate-coded Hebbian learning: `dw/dt = eta * pre.r * post.r` (w ≥ 0). */
export class Hebb extends Synapse<SynapseSpec, keyof typeof HEBB | 'w'> {
  constructor(p: Partial<typeof HEBB> = {}) {
    checkModelArguments('Hebb', p);
    super({ name: 'Hebb', parameters: block('Hebb', HEBB, p, { eta: 'projection' }), equations: 'dw/dt = eta * pre.r * post.r : min=0.0, explicit' });
  }
}

const OJA = { eta: 0.01, alpha: 1.0 };
/** Oja's rule: `dw/dt = eta * (pre.r * post.r - alpha * post.r^2 * w)` (w ≥ 0). */
export class Oja extends Synapse<SynapseSpec, keyof typeof OJA | 'w'> {
  constructor(p: Partial<typeof OJA> = {}) {
    checkModelArguments('Oja', p);
    super({
      name: 'Oja', parameters: block('Oja', OJA, p, { eta: 'projection', alpha: 'projection' }),
      equations: 'dw/dt = eta * ( pre.r * post.r - alpha * post.r^2 * w ) : min=0.0, explicit',
    });
  }
}

const IBCM_P = { eta: 0.01, tau: 2000.0 };
/** Intrator & Cooper BCM with a sliding threshold per post-synaptic neuron. */
export class IBCM extends Synapse<SynapseSpec, keyof typeof IBCM_P | 'theta' | 'w'> {
  constructor(p: Partial<typeof IBCM_P> = {}) {
    checkModelArguments('IBCM', p);
    super({
      name: 'IBCM', parameters: block('IBCM', IBCM_P, p, { eta: 'projection', tau: 'projection' }),
      equations: `tau * dtheta/dt + theta = post.r^2 : postsynaptic, exponential
        dw/dt = eta * post.r * (post.r - theta) * pre.r : min=0.0, explicit`,
    });
  }
}

const STDP_P = { tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.01, w_min: 0.0, w_max: 1.0 };
/** Online STDP (Song & Abbott) with event-driven traces; `y` is negative, LTD is `w + y`. */
export class STDP extends Synapse<SynapseSpec, keyof typeof STDP_P | 'x' | 'y' | 'w'> {
  constructor(p: Partial<typeof STDP_P> = {}) {
    checkModelArguments('STDP', p);
    super({
      name: 'STDP',
      parameters: block('STDP', STDP_P, p, Object.fromEntries(Object.keys(STDP_P).map((k) => [k, 'projection']))),
      equations: `tau_plus  * dx/dt = -x : event-driven
        tau_minus * dy/dt = -y : event-driven`,
      preSpike: `g_target += w
        x += A_plus * w_max
        w = clip(w + y, w_min , w_max)`,
      postSpike: `y -= A_minus * w_max
        w = clip(w + x, w_min , w_max)`,
    });
  }
}

const TM = { tau_rec: 100.0, tau_facil: 0.01, U: 0.5 };
/** Tsodyks–Markram short-term plasticity (ANNarchy's `STP`, also exported under that name). */
export class TsodyksMarkram extends Synapse<SynapseSpec, keyof typeof TM | 'x' | 'u' | 'w'> {
  constructor(p: Partial<typeof TM> = {}) {
    // `new STP()` is the same model under ANNarchy's name: its errors and reports say `STP`.
    const model = new.target === STP ? 'STP' : 'TsodyksMarkram';
    checkModelArguments(model, p);
    if ((p.tau_facil ?? TM.tau_facil) <= 0) throw modelParameterError(model, 'tau_facil', `must be positive (it divides the facilitation equation), got ${p.tau_facil}`);
    super({
      name: model,
      parameters: block(model, TM, p, { tau_rec: 'projection', tau_facil: 'projection' }),
      equations: `dx/dt = (1 - x)/tau_rec : init = 1.0, event-driven
        du/dt = (U - u)/tau_facil : init = U, event-driven`,
      preSpike: `g_target += w * u * x
        x *= (1 - u)
        u += U * (1 - u)`,
    });
  }
}

/**
 * ANNarchy's name for {@link TsodyksMarkram}: the same model (an STP is a TsodyksMarkram), a class of
 * its own so that `listStandardSynapses()` names it `STP` as ANNarchy does.
 */
export class STP extends TsodyksMarkram {}
