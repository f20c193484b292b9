/**
 * `BoldMonitor`: records the BOLD signal of one or more populations through a BOLD model
 * (ANNarchy's `ANNarchy.extensions.bold.BoldMonitor`). It creates one neuron of the model (a
 * population of size 1), projections from the recorded populations into the model's inputs
 * (wiring.ts) and a Monitor of the model's output, all with the public API: it runs on every
 * backend. The model neuron is disabled (its ODEs frozen) until `start()`, as in ANNarchy.
 */
import { NetworkError } from '../../errors.js';
import { checkOptions, describeValue, optionKeys } from '../../core/options.js';
import { Population } from '../../core/Population.js';
import { PopulationView } from '../../core/PopulationView.js';
import { Projection, type PopulationLike, type ProjectionBase } from '../../core/Projection.js';
import { Synapse } from '../../core/Synapse.js';
import { Monitor } from '../../core/Monitor.js';
import { BoldModel } from './BoldModel.js';
import { balloon_RN } from './models.js';
import { wireBoldModel, type BoldSource, type BoldWiring } from './wiring.js';

/** Options of {@link BoldMonitor} (ANNarchy's arguments in camelCase). */
export interface BoldMonitorOptions {
  /** The recorded populations (or views): all rate-coded, or all spiking. */
  populations: PopulationLike | readonly PopulationLike[];
  /** The BOLD model: an instance, or a built-in class (default `balloon_RN`). */
  boldModel?: BoldModel | (new () => BoldModel);
  /** Model input → variable of the recorded populations (default `{ I_CBF: 'r' }`). */
  mapping?: Readonly<Record<string, string>>;
  /**
   * Weight of each population's signal (one number for all, or one per population). Default: the
   * population's share of the recorded neurons, `size / Σ sizes`.
   */
  scaleFactor?: number | readonly number[];
  /**
   * Baseline period per population, in ms (one number for all, or one per population; 0 = none):
   * after `start()` the population's input is averaged over this period (the model receives 0
   * meanwhile), then replaced by its relative deviation from that mean.
   */
  normalizeInput?: number | readonly number[];
  /** Variables of the model to record besides its outputs. */
  recordedVariables?: string | readonly string[];
  /** Start recording (and the model's dynamics) at once. Default false, as in ANNarchy. */
  start?: boolean;
  /** Name of the model's population (default: the network's numbering). */
  name?: string;
}

/** The keys of {@link BoldMonitorOptions}. */
export const BOLD_MONITOR_OPTIONS = optionKeys<BoldMonitorOptions>()(['populations', 'boldModel', 'mapping', 'scaleFactor', 'normalizeInput', 'recordedVariables', 'start', 'name']);
const RENAMED = { bold_model: 'boldModel', scale_factor: 'scaleFactor', normalize_input: 'normalizeInput', recorded_variables: 'recordedVariables' };

/**
 * ```ts
 * const m = new BoldMonitor({ populations: [pop1, pop2], boldModel: balloon_RN, mapping: { I_CBF: 'r' },
 *                             recordedVariables: ['I_CBF'] });
 * await compile();
 * m.start();
 * await simulate(20000);
 * const bold = m.get('BOLD');   // one row (of one value) per step
 * ```
 */
export class BoldMonitor {
  /** The BOLD model as given. */
  readonly model: BoldModel;
  /**
   * The population (one neuron) that simulates the model: its parameters can be read and set
   * (`m.population.E_0`). With spiking recorded populations a model variable `r` is `r_bold` there.
   */
  readonly population: Population;
  /** The projections from the recorded populations into the model. */
  readonly projections: readonly Projection[];
  /** The recorded variables of the model (the outputs first). */
  readonly variables: readonly string[];
  readonly #monitor: Monitor;
  readonly #wiring: BoldWiring;
  readonly #baselines: readonly number[];

  constructor(options: BoldMonitorOptions) {
    const where = 'new BoldMonitor()';
    checkOptions(options, BOLD_MONITOR_OPTIONS, where, { renamed: RENAMED, unsupported: { copied: 'internal to ANNarchy', net_id: 'the network is the one of the recorded populations' } });
    if (options === undefined) throw new NetworkError(`${where}: give { populations } (a population or a list of populations)`);
    const pops = listOf<PopulationLike>(options.populations, 'populations', where);
    if (pops.length === 0 || pops.some((p) => !(p instanceof Population || p instanceof PopulationView))) {
      throw new NetworkError(`${where}: populations must be a Population or PopulationView, or a non-empty list of them, got ${describeValue(options.populations)}`);
    }
    const network = pops[0].population.network;
    if (pops.some((p) => p.population.network !== network)) throw new NetworkError(`${where}: the recorded populations belong to different networks`);
    if (network.compiled) throw new NetworkError(`${where}: the network is already compiled; create the BoldMonitor before compile()`);
    const kinds = new Set(pops.map((p) => p.population.description.type));
    if (kinds.size > 1) {
      throw new NetworkError(`${where}: the recorded populations mix rate-coded and spiking ones (${pops.map((p) => `'${p.name}': ${p.population.description.type}`).join(', ')}); `
        + `one BOLD model receives either kind: record them with two BoldMonitors, or give the spiking ones a rate-coded read-out`);
    }
    const kind = [...kinds][0];

    const model = modelOf(options.boldModel, where);
    const mapping = options.mapping ?? { I_CBF: 'r' };
    if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) throw new NetworkError(`${where}: mapping must be an object such as { I_CBF: 'r' }, got ${describeValue(mapping)}`);
    for (const [input, variable] of Object.entries(mapping)) {
      if (!model.inputs.includes(input)) throw new NetworkError(`${where}: the key '${input}' of mapping is not an input of the BOLD model '${model.name}' (its inputs: ${model.inputs.join(', ')})`);
      for (const p of pops) {
        if (typeof variable !== 'string' || !p.population.description.attributes.some((a) => a.name === variable)) {
          const shown = typeof variable === 'string' ? `'${variable}'` : describeValue(variable);
          throw new NetworkError(`${where}: mapping ${input} → ${shown}: population '${p.name}' has no attribute ${shown} `
            + `(it has: ${p.population.description.attributes.map((a) => a.name).join(', ')})`);
        }
      }
    }

    const total = pops.reduce((a, p) => a + p.size, 0);
    const scales = perPopulation(options.scaleFactor, pops.length, 'scaleFactor', where) ?? pops.map((p) => p.size / total);
    const baselines = perPopulation(options.normalizeInput, pops.length, 'normalizeInput', where) ?? pops.map(() => 0);
    baselines.forEach((b, i) => {
      if (b < 0) throw new NetworkError(`${where}: normalizeInput[${i}] must be 0 (none) or a period in ms, got ${b}`);
    });
    const sources: BoldSource[] = pops.map((_, index) => ({ index, scale: scales[index], baseline: baselines[index] }));
    const wiring = wireBoldModel(model, { ...mapping }, sources, pops.map((p) => p.size), kind);

    const recorded = [...model.outputs];
    for (const v of listOf<string>(options.recordedVariables ?? [], 'recordedVariables', where)) if (!recorded.includes(v)) recorded.push(v);
    const start = options.start ?? false;
    if (typeof start !== 'boolean') throw new NetworkError(`${where}: start must be true or false, got ${describeValue(start)}`);

    this.model = model;
    this.population = new Population({ geometry: 1, neuron: wiring.neuron, network: network as never, ...(options.name !== undefined ? { name: options.name } : {}) });
    const synapses = new Map<string, Synapse>();
    const synapseFor = (variable: string) => {
      let s = synapses.get(variable);
      if (!s) { s = new Synapse({ name: `BOLD input (${variable})`, psp: `w * pre.${variable}` }); synapses.set(variable, s); }
      return s;
    };
    this.projections = wiring.links.map((l) => {
      const proj = new BoldInput(pops[l.index], this.population, l.target, synapseFor(l.variable));
      return proj.connectAllToAll({ weights: l.weight });
    });
    this.variables = recorded;
    this.#monitor = new Monitor(this.population, recorded.map((v) => wiring.renamed.get(v) ?? v), { start });
    this.#wiring = wiring;
    this.#baselines = baselines;
    if (!start) this.population.disable();
    else this.beginBaselines();
  }

  /** Starts recording and the model's dynamics; the baseline periods (normalizeInput) begin now. */
  start(): void {
    this.#monitor.start();
    this.population.enable();
    this.beginBaselines();
  }

  /** Stops recording (the recorded data are freed, as ANNarchy's Monitor.stop) and freezes the model. */
  stop(): void {
    this.#monitor.stop();
    this.population.disable();
  }

  /** The recording of a variable of the model: one row (of one value) per step. */
  get(variable: string): Float64Array[] {
    if (!this.variables.includes(variable)) throw new NetworkError(`BoldMonitor.get(): '${variable}' is not recorded (recorded: ${this.variables.join(', ')}); add it to recordedVariables`);
    return this.#monitor.get(this.#wiring.renamed.get(variable) ?? variable) as Float64Array[];
  }

  /** Sets the end of each baseline period from the current time; before compile, from time 0. */
  private beginBaselines(): void {
    if (this.#wiring.baselineEnds.size === 0) return;
    const network = this.population.network;
    const step = network.compiled ? network.currentStep : 0;
    for (const [index, parameter] of this.#wiring.baselineEnds) {
      // Steps step … step+n-1 are averaged: the end sits half a step after the last one (no rounding ties).
      const n = Math.round(this.#baselines[index] / network.dt);
      this.population.set({ [parameter]: (step + n - 0.5) * network.dt });
    }
    for (const v of this.#wiring.baselineSums) this.population.set({ [v]: 0 });
  }
}

/** A projection into the BOLD model: spiking → BOLD is allowed (the model is then a spiking neuron, see wiring.ts). */
class BoldInput extends (Projection as ProjectionBase<string>) {
  protected override checkPopulationKinds(): void {}
}

function modelOf(given: unknown, where: string): BoldModel {
  if (given === undefined) return new balloon_RN();
  if (given instanceof BoldModel) return given;
  if (typeof given === 'function' && (given as { prototype?: unknown }).prototype instanceof BoldModel) return new (given as new () => BoldModel)();
  throw new NetworkError(`${where}: boldModel must be a BoldModel (e.g. new balloon_RN() or a custom new BoldModel({ … })) or a built-in class, got ${describeValue(given)}`);
}

function listOf<T>(value: T | readonly T[], field: string, where: string): T[] {
  if (value === undefined || value === null) throw new NetworkError(`${where}: '${field}' is required`);
  return Array.isArray(value) ? [...value] : [value as T];
}

function perPopulation(value: number | readonly number[] | undefined, n: number, field: string, where: string): number[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? [...value] : Array.from({ length: n }, () => value as number);
  if (list.length !== n) throw new NetworkError(`${where}: ${field} has ${list.length} values for ${n} populations (give one number, or one per population)`);
  list.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new NetworkError(`${where}: ${field}[${i}] must be a finite number, got ${describeValue(v)}`);
  });
  return list;
}
