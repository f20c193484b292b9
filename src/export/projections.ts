/**
 * Projections → PyNN projections: the synapse type (StaticSynapse, STDPMechanism with SpikePairRule
 * and AdditiveWeightDependence, TsodyksMarkramSynapse), the receptor, and the synapses themselves —
 * either the exact list neurarchy drew (FromListConnector over whole populations, the default) or
 * PyNN's own connector (`connectivity: 'pynn'`: same rule, other random draws).
 */
import type { Projection } from '../core/Projection.js';
import type { PopulationView } from '../core/PopulationView.js';
import type { Population } from '../core/Population.js';
import type { Expr } from '../equations/ast.js';
import { STDP, TsodyksMarkram } from '../models/synapses.js';
import { ExportError } from './errors.js';
import type { CellMapping } from './cells.js';
import { at, uniform, type PerNeuron } from './values.js';

/** The PyNN synapse type of a projection, in Python source form. */
export interface SynapseMapping {
  /** `sim.StaticSynapse(…)`, `sim.STDPMechanism(…)`, … with its parameters written in; weight and delay when given (Python expressions). */
  python: (weightDelay?: { weight: string; delay: string }) => string;
  plastic: boolean;
}

/** The synapses of a projection, in PyNN units, ready for the script and the side file. */
export interface ProjectionMapping {
  name: string;
  /** The neurarchy target (`exc`, `inh`, …). */
  target: string;
  pre: Population;
  post: Population;
  receptor: 'excitatory' | 'inhibitory';
  synapse: SynapseMapping;
  /** neurarchy weight = PyNN weight / factor[post] (to read plastic weights back). */
  factor: PerNeuron;
  /** Exact synapses: population ranks, PyNN weights (µS or nA or mV) and delays (ms). */
  list?: { pre: Int32Array; post: Int32Array; weight: Float64Array; delay: Float64Array };
  /** PyNN connector form (`connectivity: 'pynn'`). */
  connector?: { python: string; preView?: Int32Array; postView?: Int32Array; weight: number; delay: number };
  /** Largest delay (ms), for `sim.setup(max_delay=…)`. */
  maxDelay: number;
  notes: string[];
}

function refuse(proj: Projection, reason: string): never {
  throw new ExportError(`exportPyNN: projection '${proj.name}' (${proj.pre.population.name} → ${proj.post.population.name}, synapse '${proj.description.name}'): ${reason}`);
}

const isSym = (e: Expr, name: string): boolean => e.kind === 'sym' && e.name === name;

/** One projection-wide value of a synaptic parameter (PyNN takes one per projection here). */
function projectionValue(proj: Projection, name: string): number {
  const v = proj.get(name);
  if (typeof v === 'number') return v;
  const flat = Array.isArray(v) ? v.flatMap((d) => Array.from(d)) : Array.from(v as Float64Array);
  const u = uniform(flat);
  if (u === undefined) refuse(proj, `'${name}' differs between synapses; the export writes one value per projection`);
  return u;
}

const py = (x: number): string => (Number.isInteger(x) ? `${x}.0` : String(x));
const weightDelay = (wd?: { weight: string; delay: string }): string => (wd ? `, weight=${wd.weight}, delay=${wd.delay}` : '');
const staticSynapse = (wd?: { weight: string; delay: string }): string => `sim.StaticSynapse(${weightDelay(wd).slice(2)})`;

/** The synapse type: static, STDP or Tsodyks–Markram; anything else is refused with the reason. */
function mapSynapse(proj: Projection, weightScale: number | undefined): SynapseMapping {
  const d = proj.description;
  const type = proj.synapseType;
  // Delays are axonal in neurarchy (as in ANNarchy): dendritic_delay_fraction=0, which NEURON under MPI also requires.
  if (type instanceof STDP) {
    if (!proj.plasticity) return { python: staticSynapse, plastic: false };
    if (weightScale === undefined) refuse(proj, 'STDP onto neurons whose weight scale differs between neurons: w_min/w_max cannot be converted to one PyNN value');
    const [lo, hi] = [projectionValue(proj, 'w_min') * weightScale, projectionValue(proj, 'w_max') * weightScale];
    if (lo < 0 || hi < 0) refuse(proj, 'STDP with negative bounds: PyNN weights keep one sign');
    return {
      python: (wd) => `sim.STDPMechanism(timing_dependence=sim.SpikePairRule(tau_plus=${py(projectionValue(proj, 'tau_plus'))}, tau_minus=${py(projectionValue(proj, 'tau_minus'))}, ` +
        `A_plus=${py(projectionValue(proj, 'A_plus'))}, A_minus=${py(projectionValue(proj, 'A_minus'))}), ` +
        `weight_dependence=sim.AdditiveWeightDependence(w_min=${py(lo)}, w_max=${py(hi)}), dendritic_delay_fraction=0.0${weightDelay(wd)})`,
      plastic: true,
    };
  }
  if (type instanceof TsodyksMarkram) {
    return {
      python: (wd) => `sim.TsodyksMarkramSynapse(U=${py(projectionValue(proj, 'U'))}, tau_rec=${py(projectionValue(proj, 'tau_rec'))}, tau_facil=${py(projectionValue(proj, 'tau_facil'))}${weightDelay(wd)})`,
      plastic: false,
    };
  }
  // A static spiking synapse: `g_target += w` and nothing else.
  const t = d.transmission;
  const onlyW = d.attributes.every((a) => a.name === 'w');
  if (d.type !== 'spike') refuse(proj, 'rate-coded projections have no PyNN equivalent');
  if (t.length === 1 && t[0].op === '+=' && isSym(t[0].value, 'w') && d.preSpike.length === 0 && d.postSpike.length === 0
    && d.preAxonSpike.length === 0 && d.sections.every((s) => s.steps.length === 0) && !d.plastic && !d.psp && onlyW) {
    return { python: staticSynapse, plastic: false };
  }
  return refuse(proj, 'custom synapse equations have no PyNN equivalent (exported synapses: the default g_target += w, STDP, TsodyksMarkram/STP)');
}

/** A view's ranks as a slice when contiguous (`pop[a:b]`), for readable scripts. */
export function viewRanks(side: Population | PopulationView): Int32Array | undefined {
  const pop = side.population;
  if (side === pop) return undefined;
  return Int32Array.from(side.ranks);
}

export interface ProjectionOptions {
  connectivity: 'exact' | 'pynn';
  minDelay: number;
}

/** Maps one projection; `cells` gives the mapping of each population. */
export function mapProjection(proj: Projection, cells: Map<Population, CellMapping>, options: ProjectionOptions): ProjectionMapping {
  if (proj.targets.length !== 1) refuse(proj, `several targets (${proj.targets.join(', ')}): a PyNN projection has one receptor type`);
  const pre = proj.pre.population, post = proj.post.population;
  const postCell = cells.get(post)!;
  if (pre.description.type !== 'spike') refuse(proj, 'rate-coded projections have no PyNN equivalent');
  const target = proj.target;
  const rec = postCell.receptors.get(target);
  if (!rec) refuse(proj, `the post-synaptic cell ${postCell.type} has no input for target '${target}' (targets: ${[...postCell.receptors.keys()].join(', ') || 'none'})`);
  const c = proj.requireStored('its synapses', 'exported');
  const n = c.preRanks.length;
  const w = proj.f64('w');
  const preR = Int32Array.from(c.preRanks);
  const postR = new Int32Array(n);
  for (let i = 0; i < c.postRanks.length; i++) postR.fill(c.postRanks[i], c.rowPtr[i], c.rowPtr[i + 1]);
  const weight = new Float64Array(n);
  for (let k = 0; k < n; k++) weight[k] = at(rec.factor, postR[k]) * (c.singleWeight ? w[0] : w[k]);
  const nonNegative = weight.every((x) => x >= 0), nonPositive = weight.every((x) => x <= 0);
  let receptor: 'excitatory' | 'inhibitory';
  if (rec.receptor === 'by-sign') {
    if (!nonNegative && !nonPositive) refuse(proj, 'weights of both signs onto a current-based cell: PyNN needs excitatory weights ≥ 0 and inhibitory ≤ 0; split the projection by sign');
    receptor = nonNegative ? 'excitatory' : 'inhibitory';
  } else {
    receptor = rec.receptor;
    const ok = receptor === 'excitatory' || postCell.conductanceBased ? nonNegative : nonPositive;
    if (!ok) refuse(proj, `weights of the wrong sign for PyNN's ${receptor} receptor of ${postCell.type} (conductances and excitatory weights are ≥ 0, current-based inhibitory weights ≤ 0)`);
  }
  const notes: string[] = [];
  const dt = proj.network.dt;
  const delays = new Float64Array(n);
  if (typeof c.delaySteps === 'number') delays.fill(c.delaySteps * dt);
  else for (let k = 0; k < n; k++) delays[k] = c.delaySteps[k] * dt;
  let raised = 0;
  for (let k = 0; k < n; k++) if (delays[k] < options.minDelay - 1e-12) { delays[k] = options.minDelay; raised++; }
  if (raised > 0) notes.push(`projection '${proj.name}': ${raised} of ${n} delays raised to the minimum delay ${options.minDelay} ms (NEURON and NEST under MPI need delays ≥ min_delay; neurarchy's ${typeof c.delaySteps === 'number' ? c.delaySteps * dt : 'shortest'} ms)`);
  const scale = uniform(typeof rec.factor === 'number' ? [rec.factor] : rec.factor);
  const synapse = mapSynapse(proj, scale === undefined ? undefined : Math.abs(scale));
  const maxDelay = n > 0 ? delays.reduce((a, b) => Math.max(a, b), 0) : options.minDelay;
  const base = { name: proj.name, target, pre, post, receptor, synapse, factor: rec.factor, maxDelay, notes };
  if (options.connectivity === 'exact') {
    return { ...base, list: { pre: preR, post: postR, weight, delay: delays } };
  }
  return { ...base, connector: pynnConnector(proj, weight, delays) };
}

/** PyNN's connector for the rule that built the projection (its random draws are PyNN's). */
function pynnConnector(proj: Projection, weight: Float64Array, delays: Float64Array): NonNullable<ProjectionMapping['connector']> {
  const wu = uniform(weight), du = uniform(delays);
  if (wu === undefined || du === undefined) refuse(proj, "connectivity: 'pynn' needs one weight and one delay for the whole projection (the drawn values are not a PyNN distribution); use connectivity: 'exact'");
  const rule = proj.connector ?? '';
  const c = proj.requireConnected();
  const same = proj.pre.population === proj.post.population;
  let self = false;
  if (same) for (let i = 0; i < c.postRanks.length && !self; i++) for (let k = c.rowPtr[i]; k < c.rowPtr[i + 1]; k++) if (c.preRanks[k] === c.postRanks[i]) { self = true; break; }
  const selfArg = same ? `, allow_self_connections=${self ? 'True' : 'False'}` : '';
  let python: string;
  let m: RegExpMatchArray | null;
  if (rule === 'all-to-all') python = `sim.AllToAllConnector(${selfArg.slice(2)})`;
  else if (rule === 'one-to-one') python = 'sim.OneToOneConnector()';
  else if ((m = rule.match(/^fixed probability ([0-9.eE+-]+)$/))) python = `sim.FixedProbabilityConnector(p_connect=${m[1]}${selfArg}, rng=RNG)`;
  else if ((m = rule.match(/^fixed number (pre|post) ([0-9]+)$/))) python = `sim.FixedNumber${m[1] === 'pre' ? 'Pre' : 'Post'}Connector(n=${m[2]}${selfArg}, rng=RNG)`;
  else return refuse(proj, `its connector (${rule || 'unknown'}) has no PyNN equivalent for connectivity: 'pynn'; use connectivity: 'exact'`);
  return { python, preView: viewRanks(proj.pre), postView: viewRanks(proj.post), weight: wu, delay: du };
}
