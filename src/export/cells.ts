/**
 * Populations → PyNN cell types. Built-in models with a PyNN standard type are mapped parameter by
 * parameter (neurarchy's built-ins already use PyNN's units: mV, ms, nF, µS, nA); custom
 * integrate-and-fire neurons are recognised by `lif.ts`; inputs become PyNN's spike sources.
 * Each mapping also says, per synaptic target, how a neurarchy weight becomes a PyNN weight
 * (a factor per post-synaptic neuron, and the receptor type), and which variables can be recorded.
 */
import type { Population } from '../core/Population.js';
import {
  IF_cond_exp, IF_curr_exp, IF_cond_alpha, IF_curr_alpha, EIF_cond_exp_isfa_ista, EIF_cond_alpha_isfa_ista, Izhikevich, HH_cond_exp,
} from '../models/neurons.js';
import { PoissonPopulation } from '../inputs/PoissonPopulation.js';
import { SpikeSourceArray } from '../inputs/SpikeSourceArray.js';
import { ExportError } from './errors.js';
import { recogniseLif } from './lif.js';
import { attributeValues, mapValues, combine, type PerNeuron } from './values.js';

/** How weights of one target reach a PyNN receptor. */
export interface ReceptorMapping {
  /** PyNN receptor type; 'by-sign' for current-based cells, where PyNN wants inhibition as negative weights on 'inhibitory'. */
  receptor: 'excitatory' | 'inhibitory' | 'by-sign';
  /** PyNN weight = factor[post] · neurarchy weight. */
  factor: PerNeuron;
}

/** A recordable variable: PyNN's name, and neurarchy value = PyNN value · factor. */
export interface Recordable { pynn: string; factor: PerNeuron }

/** A noise current per neuron: `stdev` nA redrawn every `dt` (Izhikevich's `noise·Normal(0, 1)`). */
export interface NoiseCurrent { stdev: PerNeuron }

/** The PyNN side of one population. */
export interface CellMapping {
  /** PyNN class name (`IF_cond_exp`, `SpikeSourcePoisson`, …). */
  type: string;
  /** Parameters in PyNN names and units. */
  parameters: Record<string, PerNeuron>;
  /** Initial values in PyNN names and units. */
  initial: Record<string, PerNeuron>;
  /** Spike times per neuron (SpikeSourceArray). */
  spikeTimes?: number[][];
  receptors: Map<string, ReceptorMapping>;
  recordables: Map<string, Recordable>;
  noise?: NoiseCurrent;
  conductanceBased: boolean;
  /** Custom current-based cells: the decay time constant of each target, set on tau_syn_E/I once the receptor of each target is known. */
  inputTaus?: Map<string, PerNeuron>;
  /** What the exporter changed or could not keep, in words (written in the script's header). */
  notes: string[];
}

/** Options that affect the cell mapping. */
export interface CellOptions {
  /** Membrane capacitance (nF) given to custom integrate-and-fire neurons, whose equations have none. */
  cm: number;
}

function refuse(pop: Population, reason: string): never {
  throw new ExportError(`exportPyNN: population '${pop.name}' (neuron '${pop.description.name}'): ${reason}`);
}

const values = (pop: Population, names: Record<string, string>): Record<string, PerNeuron> =>
  Object.fromEntries(Object.entries(names).map(([pynn, ours]) => [pynn, attributeValues(pop, ours)]));

const same = (names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, n]));

const IF_PARAMS = ['v_rest', 'cm', 'tau_m', 'tau_refrac', 'tau_syn_E', 'tau_syn_I', 'v_thresh', 'v_reset', 'i_offset'];
/** PyNN's HH_cond_exp parameter ← neurarchy's (the same units; only the leak conductance is spelled differently). */
const HH_PARAMS: Record<string, string> = {
  ...same(['gbar_Na', 'gbar_K', 'cm', 'v_offset', 'e_rev_Na', 'e_rev_K', 'e_rev_leak', 'e_rev_E', 'e_rev_I', 'tau_syn_E', 'tau_syn_I', 'i_offset']),
  g_leak: 'gleak',
};
/** hh_traub.mod's INITIAL block sets m = h = n = 0, and PyNN's NEURON cell detects spikes at v > 10 mV. */
const NEURON_HH_THRESHOLD = 10;

/**
 * What PyNN's HH_cond_exp on NEURON does differently from the population: it starts the gates at
 * 0 (neurarchy: the population's m, n, h, by default h = 1) and counts a spike when v crosses
 * 10 mV (neurarchy: v_thresh, 0 by default). Rates agree (the spikes peak near +40 mV); the first
 * spike of a neuron starting with h = 1 comes earlier (2.52 instead of 2.95 ms under 1 nA).
 */
function hhNotes(pop: Population): string[] {
  const notes: string[] = [];
  const gates = ['m', 'n', 'h'].filter((g) => attributeValues(pop, g) !== 0);
  if (gates.length > 0) {
    notes.push(`population '${pop.name}': PyNN's HH_cond_exp on NEURON starts the gates m, n, h at 0; neurarchy's start from the population's values (${gates.join(', ')} not 0): ` +
      `the first milliseconds differ (set ${gates.map((g) => `${pop.name}.${g} = 0`).join(', ')} before compile() to compare traces)`);
  }
  const vt = attributeValues(pop, 'v_thresh');
  if (vt !== NEURON_HH_THRESHOLD) {
    notes.push(`population '${pop.name}': NEURON counts HH_cond_exp spikes when v crosses ${NEURON_HH_THRESHOLD} mV, neurarchy when it crosses v_thresh (${typeof vt === 'number' ? `${vt} mV` : 'per neuron'}): spike times differ by the upstroke between the two, counts agree`);
  }
  return notes;
}

const EIF_PARAMS = ['v_rest', 'cm', 'tau_m', 'tau_refrac', 'tau_syn_E', 'tau_syn_I', 'e_rev_E', 'e_rev_I', 'tau_w', 'a', 'b', 'i_offset', 'delta_T', 'v_thresh', 'v_reset', 'v_spike'];

/**
 * Non-zero initial conductances (`P.g_exc = Normal(4, 1.5)` in COBA) as PyNN's gsyn_exc/gsyn_inh
 * (µS = factor · neurarchy's value); zero ones are PyNN's default and left out.
 */
function initialConductances(pop: Population, list: [string, string, PerNeuron][]): Record<string, PerNeuron> {
  const out: Record<string, PerNeuron> = {};
  for (const [ours, pynn, factor] of list) {
    if (!pop.attributes.includes(ours)) continue;
    const v = attributeValues(pop, ours);
    if (v === 0) continue;
    out[pynn] = combine(pop.size, [v, factor], ([x, f]) => x * f);
  }
  return out;
}

/** The built-in models whose equations are PyNN's, by class. */
function builtin(pop: Population): CellMapping | undefined {
  const n = pop.neuron;
  const cond = (type: string, params: string[] | Record<string, string>, extra: Record<string, string> = {}): CellMapping => ({
    type,
    parameters: values(pop, Array.isArray(params) ? same(params) : params),
    initial: { ...values(pop, { v: 'v', ...extra }), ...initialConductances(pop, [['g_exc', 'gsyn_exc', 1], ['g_inh', 'gsyn_inh', 1]]) },
    receptors: new Map([['exc', { receptor: 'excitatory', factor: 1 }], ['inh', { receptor: 'inhibitory', factor: 1 }]]),
    recordables: new Map([['v', { pynn: 'v', factor: 1 }], ['g_exc', { pynn: 'gsyn_exc', factor: 1 }], ['g_inh', { pynn: 'gsyn_inh', factor: 1 }]]),
    conductanceBased: true,
    notes: [],
  });
  // Current-based: neurarchy adds g_exc and subtracts g_inh (both positive); PyNN wants inhibitory weights negative.
  const curr = (type: string): CellMapping => ({
    ...cond(type, IF_PARAMS),
    initial: values(pop, { v: 'v' }),
    receptors: new Map([['exc', { receptor: 'excitatory', factor: 1 }], ['inh', { receptor: 'inhibitory', factor: -1 }]]),
    recordables: new Map([['v', { pynn: 'v', factor: 1 }]]),
    conductanceBased: false,
  });
  if (n instanceof IF_cond_exp) return cond('IF_cond_exp', [...IF_PARAMS, 'e_rev_E', 'e_rev_I']);
  if (n instanceof IF_cond_alpha) return cond('IF_cond_alpha', [...IF_PARAMS, 'e_rev_E', 'e_rev_I']);
  if (n instanceof IF_curr_exp) return curr('IF_curr_exp');
  if (n instanceof IF_curr_alpha) return curr('IF_curr_alpha');
  if (n instanceof EIF_cond_exp_isfa_ista) return cond('EIF_cond_exp_isfa_ista', EIF_PARAMS, { w: 'w' });
  if (n instanceof EIF_cond_alpha_isfa_ista) return cond('EIF_cond_alpha_isfa_ista', EIF_PARAMS, { w: 'w' });
  if (n instanceof HH_cond_exp) {
    const mapping = cond('HH_cond_exp', HH_PARAMS);
    mapping.notes.push(...hhNotes(pop));
    return mapping;
  }
  if (n instanceof Izhikevich) return izhikevich(pop);
  return undefined;
}

/**
 * PyNN's Izhikevich cell (NEURON: a point process on a 1 pF section, so 1 nA = 1000 mV/ms; synapses
 * are voltage jumps in mV). neurarchy's `I = g_exc - g_inh + noise·N(0,1) + i_offset` is cleared
 * every step, so a spike of weight w moves v by dt·w mV; the noise becomes one current source per
 * neuron whose value is redrawn every dt.
 */
function izhikevich(pop: Population): CellMapping {
  const raw = pop.neuron.spec.equations ?? '';
  const eq = typeof raw === 'string' ? raw : raw.join('\n');
  if (!/^\s*I = g_exc - g_inh \+ noise \* Normal\(0\.0, 1\.0\) \+ i_offset/.test(eq)) {
    refuse(pop, "Izhikevich with the 'conductance' option: PyNN's Izhikevich cell takes only g_exc (excitatory) and g_inh (inhibitory) voltage jumps");
  }
  if (attributeValues(pop, 'v_thresh') !== 30) refuse(pop, "Izhikevich with v_thresh ≠ 30 mV: PyNN's Izhikevich cell has a fixed threshold of 30 mV");
  if (attributeValues(pop, 'tau_refrac') !== 0) refuse(pop, "Izhikevich with tau_refrac ≠ 0: PyNN's Izhikevich cell has no refractory period");
  const CM = 0.001; // nF: PyNN's Izhikevich section (1 pF)
  const dt = pop.network.dt;
  const noise = attributeValues(pop, 'noise');
  return {
    type: 'Izhikevich',
    parameters: { ...values(pop, same(['a', 'b', 'c', 'd'])), i_offset: mapValues(attributeValues(pop, 'i_offset'), (x) => x * CM) },
    initial: values(pop, same(['v', 'u'])),
    receptors: new Map([['exc', { receptor: 'excitatory', factor: dt }], ['inh', { receptor: 'inhibitory', factor: -dt }]]),
    recordables: new Map([['v', { pynn: 'v', factor: 1 }], ['u', { pynn: 'u', factor: 1 }]]),
    noise: noise === 0 ? undefined : { stdev: mapValues(noise, (x) => x * CM) },
    conductanceBased: false,
    notes: noise === 0 ? [] : [`population '${pop.name}': Izhikevich noise·Normal(0, 1) exported as one NoisyCurrentSource per neuron (stdev noise·1 pA, redrawn every ${dt} ms); its draws differ from neurarchy's`],
  };
}

/** A custom leaky integrate-and-fire neuron as IF_cond_exp / IF_curr_exp with capacitance `cm`. */
function customLif(pop: Population, options: CellOptions): CellMapping {
  const f = recogniseLif(pop);
  const cm = options.cm;
  const size = pop.size;
  const byName = (name: string) => f.inputs.find((x) => x.target === name);
  const conductance = f.kind === 'conductance';
  // Conductances: 'exc' (or the first target) is PyNN's excitatory receptor, 'inh' (or the second) the inhibitory one.
  const [first, second] = [byName('exc') ?? f.inputs.find((x) => x.target !== 'inh'), byName('inh') ?? f.inputs.find((x) => x.target !== 'exc')];
  const receptors = new Map<string, ReceptorMapping>();
  const parameters: Record<string, PerNeuron> = {
    cm, tau_m: f.tau_m, v_rest: f.v_rest, v_thresh: f.v_thresh, v_reset: f.v_reset, tau_refrac: f.tau_refrac, i_offset: 0,
    tau_syn_E: 5.0, tau_syn_I: 5.0,
  };
  const recordables = new Map<string, Recordable>([[f.membrane, { pynn: 'v', factor: 1 }]]);
  const notes: string[] = [];
  const initial: Record<string, PerNeuron> = { v: attributeValues(pop, f.membrane) };
  if (conductance) {
    parameters.e_rev_E = 0; parameters.e_rev_I = -70;
    for (const [input, receptor, suffix] of [[first, 'excitatory', 'E'], [second, 'inhibitory', 'I']] as const) {
      if (!input) continue;
      parameters[`tau_syn_${suffix}`] = input.tau;
      parameters[`e_rev_${suffix}`] = input.reversal as PerNeuron;
      const factor = combine(size, [input.coefficient], ([s]) => cm * s);
      receptors.set(input.target, { receptor, factor });
      const pynn = receptor === 'excitatory' ? 'gsyn_exc' : 'gsyn_inh';
      recordables.set(`g_${input.target}`, { pynn, factor: combine(size, [factor], ([x]) => 1 / x) });
      Object.assign(initial, initialConductances(pop, [[`g_${input.target}`, pynn, factor]]));
    }
  } else {
    // Current-based: the receptor follows the sign of each projection's weights (decided per projection).
    for (const input of f.inputs) {
      if (attributeValues(pop, `g_${input.target}`) !== 0) refuse(pop, `g_${input.target} starts at a non-zero value; the export of current-based cells starts synaptic currents at 0 (set it to 0, or let the network settle before recording)`);
      receptors.set(input.target, { receptor: 'by-sign', factor: combine(size, [input.coefficient], ([k]) => cm * k) });
    }
  }
  notes.push(`population '${pop.name}': neuron '${pop.description.name}' exported as ${conductance ? 'IF_cond_exp' : 'IF_curr_exp'} with cm = ${cm} nF ` +
    `(weights scaled by cm·coefficient; rest potential includes any constant input)`);
  return {
    type: conductance ? 'IF_cond_exp' : 'IF_curr_exp',
    parameters, initial, receptors, recordables, conductanceBased: conductance, notes,
    inputTaus: conductance ? undefined : new Map(f.inputs.map((x) => [x.target, x.tau])),
  };
}

/** The PyNN cell type of a population, or an ExportError naming the population, the model and the reason. */
export function mapPopulation(pop: Population, options: CellOptions): CellMapping {
  if (pop.description.type !== 'spike') refuse(pop, 'rate-coded neurons have no PyNN equivalent (PyNN simulates spiking neurons only)');
  if (pop instanceof PoissonPopulation) {
    if (pop.special?.kind !== 'poisson') refuse(pop, 'a PoissonPopulation whose rates are an equation or come from a target has no PyNN equivalent (SpikeSourcePoisson has constant rates)');
    const r = pop.description.refractory;
    if (r && !(r.kind === 'number' && r.value === 0)) refuse(pop, 'a PoissonPopulation with a refractory period: use SpikeSourcePoissonRefractory by hand, it is not available on every PyNN backend');
    return {
      type: 'SpikeSourcePoisson', parameters: { rate: attributeValues(pop, 'rates'), start: 0, duration: 1e12 }, initial: {},
      receptors: new Map(), recordables: new Map(), conductanceBased: false, notes: [],
    };
  }
  if (pop instanceof SpikeSourceArray) {
    return { type: 'SpikeSourceArray', parameters: {}, initial: {}, spikeTimes: pop.spikeTimes, receptors: new Map(), recordables: new Map(), conductanceBased: false, notes: [] };
  }
  if (pop.neuron.name === 'Poisson' || pop.neuron.name === 'SpikeSourceArray' || (pop as { special?: unknown }).special !== undefined) {
    refuse(pop, `the input '${pop.constructor.name}' has no PyNN equivalent (exported inputs: PoissonPopulation with constant rates, SpikeSourceArray)`);
  }
  return builtin(pop) ?? customLif(pop, options);
}
