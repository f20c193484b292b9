/**
 * Recognises a neuron written with custom equations as a leaky integrate-and-fire neuron with
 * exponential synapses — the form of PyNN's `IF_cond_exp` / `IF_curr_exp` — by reading its
 * equations and probing the membrane equation numerically:
 *
 *     dv/dt = (v_rest - v)/tau_m + Σ_t s_t·g_t·(E_t - v)   (conductances)   or   + Σ_t k_t·g_t   (currents)
 *     tau_t · dg_t/dt = -g_t,   spike: v > v_thresh,   reset: v = v_reset,   refractory
 *
 * The probe evaluates dv/dt at a few points, solves for the coefficients and then checks the fit
 * at other points; a membrane equation of any other shape (quadratic, exponential, an adaptation
 * variable, random draws) is refused with the reason. Written this way, COBA and CUBA of
 * Vogels & Abbott (ANNarchy's examples, dimensionless conductances) are exported exactly: the
 * conductance scale becomes a weight factor (`cm·s_t`, µS per unit of `g_t`).
 */
import type { Population } from '../core/Population.js';
import type { Expr } from '../equations/ast.js';
import { splitDefinitions, parseDefinition, type Definition } from '../equations/definitions.js';
import { parseExpression } from '../equations/parser.js';
import { solveForDerivative, relaxation } from '../equations/methods.js';
import { evaluate } from '../equations/builtins.js';
import { substitute } from '../equations/algebra.js';
import { ExportError } from './errors.js';
import { attributeValues, at, uniform, type PerNeuron } from './values.js';

/** One synaptic input `g_<target>` of a recognised neuron. */
export interface LifInput {
  target: string;
  /** Decay time constant of `g_target` (ms). */
  tau: PerNeuron;
  /** Conductance: s in dv/dt += s·g·(E - v) (1/ms per unit of g); current: k in dv/dt += k·g (mV/ms per unit). */
  coefficient: PerNeuron;
  /** Reversal potential (mV), conductances only. */
  reversal?: PerNeuron;
}

/** A custom neuron read as a leaky integrate-and-fire neuron with exponential synapses. */
export interface LifForm {
  kind: 'conductance' | 'current';
  /** The membrane variable (the one of the spike condition). */
  membrane: string;
  tau_m: PerNeuron;
  /** Effective rest: the leak's reversal plus any constant input divided by the leak. */
  v_rest: PerNeuron;
  v_thresh: PerNeuron;
  v_reset: PerNeuron;
  tau_refrac: PerNeuron;
  inputs: LifInput[];
}

/** Refusal naming the population and the model. */
function refuse(pop: Population, reason: string): never {
  throw new ExportError(`exportPyNN: population '${pop.name}' (neuron '${pop.description.name}') has no PyNN standard cell type: ${reason}. ` +
    'Use a built-in model with a PyNN equivalent (IF_cond_exp, IF_curr_exp, IF_cond_alpha, IF_curr_alpha, EIF_cond_exp_isfa_ista, Izhikevich, HH_cond_exp), ' +
    'or write the neuron as a leaky integrate-and-fire neuron with exponentially decaying g_<target> (as COBA and CUBA are)');
}

/** Reads `pop`'s neuron as a {@link LifForm}, or throws an ExportError that says why it is not one. */
export function recogniseLif(pop: Population): LifForm {
  const desc = pop.description;
  const spec = pop.neuron.spec;
  const model = desc.name;
  if (desc.randoms.length > 0) refuse(pop, 'its equations draw random numbers (noise), which PyNN cells do not have');
  if (desc.globalOps.length > 0) refuse(pop, 'its equations use global operations (mean, max, …)');
  if (desc.constants.length > 0) refuse(pop, `its equations read Constants (${desc.constants.join(', ')})`);
  if (desc.axonSpike) refuse(pop, 'it has an axon_spike condition');
  const ids = { next: 0 };
  const defs: Definition[] = splitDefinitions(spec.equations).map((d) => parseDefinition(d, 'equations', model, ids));
  // Spike condition `v > threshold`: names the membrane variable.
  const spikeText = (spec.spike ?? '').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean).join(' ');
  const spike = parseExpression(spikeText, { model, field: 'spike', line: 1, text: spikeText });
  if (spike.kind !== 'binary' || (spike.op !== '>' && spike.op !== '>=') || spike.left.kind !== 'sym') {
    refuse(pop, `its spike condition '${spikeText}' is not of the form 'v > threshold'`);
  }
  const membrane = spike.left.name;
  const resets = splitDefinitions(spec.reset).map((d) => parseDefinition(d, 'reset', model, ids));
  const reset = resets[0]?.statement;
  if (resets.length !== 1 || reset.kind !== 'assign' || reset.op !== '=' || reset.target.kind !== 'sym' || reset.target.name !== membrane) {
    refuse(pop, `its reset must be exactly '${membrane} = value' (PyNN cells reset only the membrane), got '${spec.reset ?? ''}'`);
  }

  const params = new Map<string, PerNeuron>();
  for (const a of desc.attributes) if (a.role === 'parameter') params.set(a.name, attributeValues(pop, a.name));
  const aliases: { name: string; value: Expr }[] = [];
  const odes = new Map<string, Expr>();
  for (const d of defs) {
    const s = d.statement;
    if (d.flags.min !== undefined || d.flags.max !== undefined) refuse(pop, `line '${d.source.text}' has min/max bounds`);
    if (s.kind === 'ode') odes.set(s.variable, solveForDerivative(s.lhs, s.rhs, s.variable, model, d.source));
    else if (s.target.kind === 'sym' && s.op === '=') aliases.push({ name: s.target.name, value: s.value });
    else refuse(pop, `line '${d.source.text}' is not an ODE or a plain assignment`);
  }
  const targets = desc.targets;
  if (targets.length > 2) refuse(pop, `it has ${targets.length} synaptic targets (${targets.join(', ')}); PyNN cells have two (excitatory, inhibitory)`);
  const conductances = new Set(targets.map((t) => `g_${t}`));
  for (const v of odes.keys()) {
    if (v !== membrane && !conductances.has(v)) refuse(pop, `it has a state variable '${v}' besides the membrane '${membrane}' and the synaptic inputs (PyNN's IF cells have none)`);
  }
  if (!odes.has(membrane)) refuse(pop, `the membrane '${membrane}' of the spike condition has no ODE`);
  // Aliases are expanded in order (each into the later ones), so every expression reads only parameters and state.
  const expanded = aliases.map((a, i) => ({ ...a, value: aliases.slice(0, i).reduceRight((acc, b) => substitute(acc, { [b.name]: b.value }), a.value) }));
  const full = (e: Expr): Expr => expanded.reduceRight((acc, a) => substitute(acc, { [a.name]: a.value }), e);

  const size = pop.size;
  const perNeuron = [...params.values()].some((v) => typeof v !== 'number');
  const count = perNeuron ? size : 1;
  const env = (i: number): Record<string, number> => {
    const e: Record<string, number> = { dt: pop.network.dt, t: 0 };
    for (const [k, v] of params) e[k] = at(v, i);
    return e;
  };
  const ev = (e: Expr, scope: Record<string, number>, what: string): number => {
    try {
      return evaluate(full(e), scope, { functions: new Map(desc.functions.map((f) => [f.name, f])) });
    } catch (err) {
      return refuse(pop, `${what} cannot be evaluated from parameters alone (${(err as Error).message})`);
    }
  };
  const collect = (f: (i: number, scope: Record<string, number>) => number): PerNeuron => {
    if (count === 1) return f(0, env(0));
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = f(i, env(i));
    return uniform(out) ?? out;
  };

  const thresholdExpr = spike.right;
  const v_thresh = collect((_, s) => ev(thresholdExpr, s, 'the spike threshold'));
  const v_reset = collect((_, s) => ev(reset.value, s, 'the reset value'));
  const refr = desc.refractory;
  const tau_refrac: PerNeuron = !refr ? 0 : refr.kind === 'number' ? refr.value : attributeValues(pop, refr.name);

  const taus = new Map<string, PerNeuron>();
  for (const t of targets) {
    const g = `g_${t}`;
    const f = odes.get(g);
    if (!f) refuse(pop, `'${g}' has no ODE: neurarchy clears it every step (an instantaneous synapse), which PyNN's IF cells do not have; write 'tau * d${g}/dt = -${g}'`);
    const rel = relaxation(full(f), g);
    if (rel === null || rel === 'constant') refuse(pop, `the ODE of '${g}' is not an exponential decay 'tau * d${g}/dt = -${g}'`);
    collect((_, s) => {
      const steady = ev(rel.steady, s, `the rest value of '${g}'`);
      if (steady !== 0) refuse(pop, `'${g}' decays towards ${steady}, not 0`);
      return 0;
    });
    taus.set(t, collect((_, s) => ev(rel.tau, s, `the time constant of '${g}'`)));
  }

  // The membrane equation, probed at chosen points of (v, g_t).
  const fv = odes.get(membrane) as Expr;
  const F = (s: Record<string, number>, v: number, g: Record<string, number>): number => {
    const scope = { ...s, [membrane]: v };
    for (const t of targets) scope[`g_${t}`] = g[t] ?? 0;
    return ev(fv, scope, `the ODE of '${membrane}'`);
  };
  const zero: Record<string, number> = {};
  let kind: LifForm['kind'] | undefined;
  const coeff = new Map<string, Float64Array>(), rev = new Map<string, Float64Array>();
  for (const t of targets) { coeff.set(t, new Float64Array(count)); rev.set(t, new Float64Array(count)); }
  const tauM = new Float64Array(count), rest = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const s = env(i);
    const c0 = F(s, 0, zero);
    const a = F(s, 1, zero) - c0;
    if (!(a < 0)) refuse(pop, `the membrane equation has no leak (d${membrane}/dt does not decrease with ${membrane})`);
    tauM[i] = -1 / a;
    rest[i] = c0 / -a;
    const model: ((v: number, g: Record<string, number>) => number)[] = [];
    for (const t of targets) {
      const k0 = F(s, 0, { [t]: 1 }) - c0;
      const k1 = F(s, 1, { [t]: 1 }) - F(s, 1, zero);
      const slope = k0 - k1;
      const isCond = Math.abs(slope) > 1e-12 * Math.max(1, Math.abs(k0));
      const k: LifForm['kind'] = isCond ? 'conductance' : 'current';
      if (kind !== undefined && kind !== k) refuse(pop, 'it mixes conductance-based and current-based inputs; a PyNN cell has one kind');
      kind = k;
      coeff.get(t)![i] = isCond ? slope : k0;
      rev.get(t)![i] = isCond ? k0 / slope : NaN;
      model.push(isCond ? (v, g) => slope * (g[t] ?? 0) * (k0 / slope - v) : (_v, g) => k0 * (g[t] ?? 0));
    }
    // The fit must hold everywhere, not only where it was measured.
    for (const [v, gs] of [[-63.7, 2.9], [-51.3, 17.3], [12.5, 0.37]] as const) {
      const g = Object.fromEntries(targets.map((t, j) => [t, gs * (j + 1.3)]));
      const want = F(s, v, g);
      const got = c0 + a * v + model.reduce((acc, m) => acc + m(v, g), 0);
      if (!(Math.abs(want - got) <= 1e-9 * Math.max(1, Math.abs(want)))) {
        refuse(pop, `its membrane equation is not of the leaky integrate-and-fire form (leak + g·(E - v) or + g terms): at ${membrane} = ${v} it gives ${want}, the linear form ${got}`);
      }
    }
  }
  // Probing adds rounding noise (tau_m = 20.00000000000007): 12 significant digits are exact for any model written by hand.
  const tidy = (x: number): number => Number(x.toPrecision(12));
  const collapse = (a: Float64Array): PerNeuron => {
    const t = a.map(tidy);
    return count === 1 ? t[0] : uniform(t) ?? t;
  };
  return {
    kind: kind ?? 'current',
    membrane,
    tau_m: collapse(tauM),
    v_rest: collapse(rest),
    v_thresh, v_reset, tau_refrac,
    inputs: targets.map((t) => ({
      target: t,
      tau: taus.get(t)!,
      coefficient: collapse(coeff.get(t)!),
      reversal: kind === 'conductance' ? collapse(rev.get(t)!) : undefined,
    })),
  };
}
