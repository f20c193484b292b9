/**
 * `Network`: populations, projections and monitors simulated together, as ANNarchy 5's Network
 * (`net.create`, `net.connect`, `net.monitor`, `net.compile`, `net.simulate`). Two networks in one
 * process are independent. The ANNarchy-4 module-level functions (`compile()`, `simulate()`) act on
 * a default network (see `api.ts`).
 */
import { NetworkError } from '../errors.js';
import { checkOptions, describeValue, optionKeys } from './options.js';
import { UNSUPPORTED_SETUP_OPTIONS, UNSUPPORTED_COMPILE_OPTIONS } from './annarchy-options.js';
import type { MethodName, NeuronDescription, SynapseDescription, FunctionDef } from '../equations/description.js';
import { analyseNeuron, analyseSynapse } from '../equations/index.js';
import type { BackendName } from '../ir/plan.js';
import { buildPlan } from '../ir/build.js';
import { populationRecord, projectionRecord } from './records.js';
import { guardCompile } from '../equations/limits.js';
import type { Engine, StepHooks, Backend } from '../runtime/engine.js';
import { allocatePopulation, allocateProjection, resizeDelayRings, growDelayRings, resetSpecialState, resetSynapseState, clearPendingEvents } from '../runtime/state.js';
import { PeriodicCallback, stepsOf, type EveryOptions } from '../runtime/callbacks.js';
import { FiringRateWindows } from '../runtime/firing-rate.js';
import { RandomStream, seedFromTime } from '../random/stream.js';
import { Constant, globalConstantList, type ConstantListener } from './Constant.js';
import { globalFunctionMap } from './functions.js';
import { Neuron } from './Neuron.js';
import { Synapse } from './Synapse.js';
import { durationSteps } from './durations.js';
import { Population, POPULATION_OPTIONS, type PopulationOptions, type NeuronArg } from './Population.js';
import type { ModelArgNames } from './attribute-names.js';
import { PopulationView } from './PopulationView.js';
import { Dendrite } from './Dendrite.js';
import { Projection, populationByName, type PopulationLike } from './Projection.js';
import { Monitor, type Monitorable, type MonitorOptions } from './Monitor.js';
import type { NetworkLike } from './network-like.js';
import { setDefaultNetworkFactory } from './default-network.js';
import { loadBackend } from '../backends/registry.js';
import { networkToNpz, networkFromNpz, networkToJson, networkFromJson, type SaveSelection } from '../io/network-io.js';
import { parametersToJson, parametersFromJson } from '../io/parameters.js';
import { writeBytes, readBytes, formatOf } from '../io/files.js';
import { startProgress } from '../runtime/progress.js';
import { NumericsCheck, checkNumericsMode, describeNonFinite, type NumericsMode } from '../runtime/numerics.js';
import { disposedState } from '../runtime/dispose.js';
import { report, type ReportOptions } from '../report/index.js';

export interface NetworkConfig {
  /** Step size in ms (default 1.0, ANNarchy's default). */
  dt?: number;
  /**
   * Seed of every random number (default: drawn from the clock): an integer ≥ 0. Seeds are used
   * modulo 2^32 (2^32 + 1 gives the same numbers as 1); integers beyond 2^53 are refused.
   */
  seed?: number;
  /** Default numerical method for equations without a method flag (default 'explicit'). */
  method?: MethodName;
  /** Backend used by `compile()` (default 'js'). */
  backend?: BackendName;
  /** Threads of the `cpp` backend: an integer ≥ 1 (default 1). */
  numThreads?: number;
  /** Progress bar of long `simulate()` calls in a terminal (default true; never under tests or without a TTY). */
  progress?: boolean;
  /**
   * After every `simulate()`/`simulateUntil()`, scan the variables for NaN and ±Infinity (one pass,
   * src/runtime/numerics.ts): 'warn' (default) warns once per variable, 'error' throws a
   * `NetworkError`, 'off' skips the scan. May be changed after compile.
   */
  checkNumerics?: NumericsMode;
}

/** The keys of {@link NetworkConfig} (`setup()`, `new Network()`, `net.config()`). */
export const NETWORK_CONFIG_OPTIONS = optionKeys<NetworkConfig>()(['dt', 'seed', 'method', 'backend', 'numThreads', 'progress', 'checkNumerics']);

export interface CompileOptions {
  backend?: BackendName;
  /** `cpp`: where sources and the library go. */
  directory?: string;
  compiler?: string;
  compilerFlags?: string;
  numThreads?: number;
  /** Accepted for ANNarchy's `compile(silent=True)`: `compile()` prints nothing in any case. */
  silent?: boolean;
}

/** The keys of {@link CompileOptions}. */
export const COMPILE_OPTIONS = optionKeys<CompileOptions>()(['backend', 'directory', 'compiler', 'compilerFlags', 'numThreads', 'silent']);

export interface SimulateUntilOptions {
  /** Longest duration in ms (finite, ≥ 0). */
  maxDuration: number;
  /** Populations whose stop conditions are checked (default: all that have one). */
  populations?: Population | Population[];
  /** 'and' (default): stop when every population's condition holds; 'or': when any does. */
  operator?: 'and' | 'or';
}

/** The keys of {@link SimulateUntilOptions}. */
export const SIMULATE_UNTIL_OPTIONS = optionKeys<SimulateUntilOptions>()(['maxDuration', 'populations', 'operator']);

/** What `reset()` restores (ANNarchy's `reset(populations, projections, synapses, monitors)`). */
export interface ResetOptions {
  /** Populations back to their initial values, spikes and delay buffers cleared (default true). */
  populations?: boolean;
  /** Synaptic attributes back to their values at compile, except `w` (default false). */
  projections?: boolean;
  /** Every synaptic attribute, `w` included, and the event-driven clocks (default false). */
  synapses?: boolean;
  /** Monitors emptied (default true). */
  monitors?: boolean;
}

/** The keys of {@link ResetOptions}. */
export const RESET_OPTIONS = optionKeys<ResetOptions>()(['populations', 'projections', 'synapses', 'monitors']);

/** Options of `enableLearning()` (ANNarchy's `enable_learning(period, offset)`). */
export interface LearningOptions {
  /** The synaptic equations run every `period` ms (default: every step). */
  period?: number;
  /** The offset of those steps inside the period, in ms (default 0). */
  offset?: number;
}

/** The keys of {@link LearningOptions}. */
export const LEARNING_OPTIONS = optionKeys<LearningOptions>()(['period', 'offset']);

/** The keys of {@link SaveSelection} (`save()`, `load()`, `toNpz()`, …). */
export const SAVE_SELECTION_OPTIONS = optionKeys<SaveSelection>()(['populations', 'projections']);
/** The keys of {@link ReportOptions}. */
export const REPORT_OPTIONS = optionKeys<ReportOptions>()(['filename', 'title']);
const REPORT_UNSUPPORTED = {
  standalone: 'the report is always a complete document',
  gather_subprojections: 'not supported: each projection is described on its own',
  author: 'not yet: write the author into the file after the report',
  date: 'not yet: write the date into the file after the report',
};

/** The numerical methods `method` accepts (every {@link MethodName}). */
const METHODS = optionKeys<Record<MethodName, unknown>>()(['explicit', 'implicit', 'semiimplicit', 'exponential', 'midpoint', 'rk4', 'event-driven']);
/** The backends `backend` accepts. */
const BACKENDS = optionKeys<Record<BackendName, unknown>>()(['js', 'cpp', 'webgpu']);

/**
 * Populations, projections and monitors simulated together (ANNarchy 5's `Network`):
 * `net.create(…)`, `net.connect(…)`, `net.monitor(…)`, then `await net.compile()` and
 * `await net.simulate(ms)`. Networks in one process are independent; the module-level functions
 * (`compile()`, `simulate()`, …) act on a default one.
 */
export class Network implements NetworkLike, ConstantListener {
  /** Show a progress bar for long `simulate()` calls in a terminal (see runtime/progress.ts). */
  progress: boolean;
  readonly #populations: Population[] = [];
  readonly #projections: Projection[] = [];
  readonly #monitors: Monitor[] = [];
  readonly #constants = new Map<string, Constant>();
  readonly #callbacks: PeriodicCallback[] = [];
  readonly #neuronCache = new WeakMap<Neuron, NeuronDescription>();
  readonly #synapseCache = new Map<Synapse, Map<string, SynapseDescription>>();
  #callbacksEnabled = true;
  #dt: number;
  #seed: number;
  #method: MethodName;
  #backend: BackendName;
  #numThreads: number;
  #rng: RandomStream;
  #engine?: Engine;
  #step = 0;
  #constantValues = new Float64Array(0);
  #enabled = new Uint8Array(0);
  #initial = new Map<object, Map<string, Float64Array>>();
  #firingRates?: FiringRateWindows;
  /** Windows asked for before compile() (ANNarchy's scripts call compute_firing_rate first), applied by compile(). */
  readonly #pendingFiringRates = new Map<Population, number>();
  #checkNumerics: NumericsMode = 'warn';
  readonly #numerics = new NumericsCheck();
  #disposed = false;
  static #count = 0;
  /** Number of the network in this process (0, 1, …, in order of creation), for messages. */
  readonly id = Network.#count++;

  constructor(config: NetworkConfig = {}) {
    checkConfig(config, 'new Network()');
    this.#dt = checkDt(config.dt ?? 1.0);
    this.#seed = config.seed ?? seedFromTime();
    this.#method = config.method ?? 'explicit';
    this.#backend = config.backend ?? 'js';
    this.#numThreads = config.numThreads ?? 1;
    this.#rng = new RandomStream(this.#seed, 0);
    this.progress = config.progress ?? true;
    if (config.checkNumerics !== undefined) this.#checkNumerics = checkNumericsMode(config.checkNumerics, 'new Network()');
    for (const c of globalConstantList()) this.#constants.set(c.name, c);
  }

  /** Changes configuration before compile (ANNarchy's `setup()` / `net.config()`). */
  config(config: NetworkConfig = {}): void {
    checkConfig(config, 'setup()/net.config()');
    if (config.progress !== undefined) this.progress = config.progress;
    if (config.checkNumerics !== undefined) this.#checkNumerics = checkNumericsMode(config.checkNumerics, 'setup()/config()');
    const keys = Object.keys(config);
    // Options of the run, not of the generated code: changeable after compile.
    if (keys.length > 0 && keys.every((k) => k === 'progress' || k === 'checkNumerics')) return;
    if (this.compiled) throw new NetworkError('setup()/config() must be called before compile()');
    if (config.dt !== undefined) this.#dt = checkDt(config.dt);
    if (config.seed !== undefined) { this.#seed = config.seed; this.#rng = new RandomStream(this.#seed, 0); }
    if (config.method !== undefined) this.#method = config.method;
    if (config.backend !== undefined) this.#backend = config.backend;
    if (config.numThreads !== undefined) this.#numThreads = config.numThreads;
  }

  get dt(): number { return this.#dt; }
  get seed(): number { return this.#seed; }
  get method(): MethodName { return this.#method; }
  get backend(): BackendName { return this.#backend; }
  get numThreads(): number { return this.#numThreads; }
  /** What happens when a variable becomes NaN or ±Infinity (see {@link NetworkConfig.checkNumerics}). */
  get checkNumerics(): NumericsMode { return this.#checkNumerics; }
  /** Whether {@link dispose} was called. */
  get disposed(): boolean { return this.#disposed; }
  get rng(): RandomStream { return this.#rng; }
  get compiled(): boolean { return this.#engine !== undefined; }
  get currentStep(): number { return this.#step; }
  get populations(): Population[] { return [...this.#populations]; }
  get projections(): Projection[] { return [...this.#projections]; }
  get monitors(): Monitor[] { return [...this.#monitors]; }
  /** @internal the running engine (after compile). */
  get engine(): Engine | undefined { return this.#engine; }

  /* ---- building ---- */

  /** Creates a population in this network. */
  create<P extends Population>(population: P): P;
  /** Creates a population in this network; its type knows the neuron's attribute names (`pop.v`). */
  create<const N extends NeuronArg>(geometry: number | readonly number[], neuron: N, options?: Omit<PopulationOptions, 'network'>): Population<ModelArgNames<N>>;
  /**
   * Creates a population in this network, or adds one built outside it (ANNarchy 5's
   * `net.create(PoissonPopulation(…))`): a population of another network is copied in (same class,
   * name and current values; see `Population.copyTo`), one of this network is returned as is.
   */
  create(geometry: number | readonly number[] | Population, neuron?: Neuron | (new () => Neuron), options: Omit<PopulationOptions, 'network'> = {}): Population {
    if (geometry instanceof Population) {
      if (neuron !== undefined) throw new NetworkError('create(population): a population object comes alone (its neuron is already set)');
      return geometry.network === this ? geometry : geometry.copyTo(this);
    }
    // Spreading a non-object (`create(3, neuron, 5)`) would give {} silently; the keys are Population's to check.
    if (options === null || typeof options !== 'object' || Array.isArray(options)) checkOptions(options, POPULATION_OPTIONS, `network ${this.id}.create()`);
    if ('network' in options && (options as PopulationOptions).network !== this) {
      throw new NetworkError(`network ${this.id}.create(): the population is created in this network; remove 'network' (or call create() on the other network)`);
    }
    return new Population(geometry as number | readonly number[], neuron as Neuron, { ...options, network: this });
  }

  /** Creates a projection in this network (pre and post must belong to it). */
  connect<P extends Projection>(projection: P): P;
  /** Creates a projection in this network; its type knows the synapse's attribute names (`proj.w`). */
  connect(pre: PopulationLike | string, post: PopulationLike | string, target: string | string[], synapse?: undefined, options?: { name?: string }): Projection<'w'>;
  connect<const S extends Synapse>(pre: PopulationLike | string, post: PopulationLike | string, target: string | string[], synapse?: S, options?: { name?: string }): Projection<ModelArgNames<S>>;
  /**
   * Creates a projection in this network; `pre` and `post` are populations (or views) of it, or
   * their names. A projection object built on this network's populations (ANNarchy 5's
   * `net.connect(CurrentInjection(…))`) is returned as is.
   */
  connect(pre: PopulationLike | string | Projection, post?: PopulationLike | string, target?: string | string[], synapse?: Synapse, options: { name?: string } = {}): Projection {
    if (pre instanceof Projection) {
      if (post !== undefined) throw new NetworkError('connect(projection): a projection object comes alone');
      if (pre.network !== this) throw new NetworkError(`connect(): projection '${pre.name}' belongs to another network: build it on this network's populations`);
      return pre;
    }
    const side = (p: PopulationLike | string | undefined, role: string) => (typeof p === 'string' ? populationByName(this, p, `connect(): ${role}`) : p) as PopulationLike;
    const preSide = side(pre as PopulationLike | string, 'pre');
    if (preSide?.population?.network !== this) throw new NetworkError('connect(): the pre-synaptic population belongs to another network');
    return new Projection(preSide, side(post, 'post'), target as string | string[], synapse, options);
  }

  /** Creates a monitor in this network. */
  monitor<T extends Monitorable, const V extends string>(object: T, variables: V | readonly V[], options: MonitorOptions = {}): Monitor<T, V> {
    const owner = networkOf(object);
    if (owner !== undefined && owner !== this) {
      const other = owner instanceof Network ? `network ${owner.id}` : 'another network';
      const what = object instanceof Dendrite ? `a dendrite of projection '${object.projection.name}'` : `${object.constructor.name} '${object.name}'`;
      throw new NetworkError(`network ${this.id}.monitor(): ${what} belongs to ${other}, not to network ${this.id}: call monitor() on the network that owns it`);
    }
    return new Monitor(object, variables, options);
  }

  /** A Constant local to this network (shadows a global one of the same name). */
  constant(name: string, value: number): Constant {
    if (this.compiled) throw new NetworkError(`constant '${name}' must be created before compile()`);
    const c = new Constant(name, value, { global: false });
    this.#constants.set(name, c);
    return c;
  }

  /**
   * The network's Constants: its own (`net.constant()`) and the global ones, including those created
   * after the network (ANNarchy scripts call `setup()` first, then create constants) — until
   * compile, which fixes the set.
   */
  get #liveConstants(): Map<string, Constant> {
    if (!this.compiled) {
      for (const c of globalConstantList()) {
        const mine = this.#constants.get(c.name);
        if (!mine || mine.global) this.#constants.set(c.name, c);
      }
    }
    return this.#constants;
  }

  getConstant(name: string): Constant | undefined { return this.#liveConstants.get(name); }
  getPopulation(name: string): Population | undefined { return this.#populations.find((p) => p.name === name); }
  getProjection(name: string): Projection | undefined { return this.#projections.find((p) => p.name === name); }
  getMonitor(name: string): Monitor | undefined { return this.#monitors.find((m) => m.name === name); }

  /* ---- NetworkLike (used by populations, projections, monitors) ---- */

  /** @internal */
  analyseNeuron(neuron: Neuron): NeuronDescription {
    let d = this.#neuronCache.get(neuron);
    if (!d) {
      d = analyseNeuron(neuron.spec, this.analysisContext(neuron.name));
      this.#neuronCache.set(neuron, d);
    }
    return d;
  }

  /** @internal */
  analyseSynapse(synapse: Synapse, preType: 'rate' | 'spike'): SynapseDescription {
    let byType = this.#synapseCache.get(synapse);
    if (!byType) { byType = new Map(); this.#synapseCache.set(synapse, byType); }
    let d = byType.get(preType);
    if (!d) {
      d = analyseSynapse(synapse.spec, preType, this.analysisContext(synapse.name));
      byType.set(preType, d);
    }
    return d;
  }

  private analysisContext(name: string) {
    return {
      name,
      defaultMethod: this.#method,
      constants: new Set(this.#liveConstants.keys()),
      globalFunctions: globalFunctionMap() as ReadonlyMap<string, FunctionDef>,
    };
  }

  /** @internal */
  constantValue(name: string): number | undefined { return this.#liveConstants.get(name)?.value; }

  /** @internal */
  registerPopulation(pop: Population, name?: string): number {
    this.assertNotCompiled('add a population');
    checkUniqueName(name ?? `pop${this.#populations.length}`, name !== undefined, this.#populations, 'population', this.#projections);
    this.#populations.push(pop);
    return this.#populations.length - 1;
  }

  /** @internal */
  registerProjection(proj: Projection, name?: string): number {
    this.assertNotCompiled('add a projection');
    checkUniqueName(name ?? `proj${this.#projections.length}`, name !== undefined, this.#projections, 'projection', this.#populations);
    this.#projections.push(proj);
    return this.#projections.length - 1;
  }

  /** @internal */
  registerMonitor(monitor: Monitor): void {
    this.#monitors.push(monitor);
  }

  /** @internal */
  attributeWritten(owner: Population | Projection, name: string): void {
    if (name === '_delay' && owner instanceof Projection) { this.delaysChanged(owner); return; }
    this.#engine?.attributeWritten?.(owner instanceof Population ? 'pop' : 'proj', owner.id, name);
  }

  /** After `proj.delay = …`: new uniform value in the state, rings grown to the new maximum. */
  private delaysChanged(proj: Projection): void {
    if (!this.#engine || !this.#plan) return;
    const c = proj.requireConnected();
    if (typeof c.delaySteps === 'number') (proj.state.get('_delay_uniform') as Int32Array)[0] = c.delaySteps;
    else {
      // The setter wrote the connectivity's delays in place; an engine that keeps its own copy (cpp) put it in the state.
      const kept = proj.state.get('_delay') as Int32Array | undefined;
      if (kept && kept !== c.delaySteps) kept.set(c.delaySteps);
    }
    const plan = this.#plan.projections[proj.id];
    if (plan.delay.kind === 'variable') plan.delay.maxSteps = Math.max(plan.delay.maxSteps, c.maxDelay);
    // Rings of delayed pre.x (rate-coded sums, continuous transmission) and of spikes (uniform delays).
    if (plan.type === 'rate' || plan.delay.kind === 'uniform' || plan.continuous) growDelayRings(this.#plan, proj.pre.population, c.maxDelay);
    this.#engine.delaysChanged(proj.id);
    this.#engine.attributeWritten?.('proj', proj.id, '_delay');
  }

  /** @internal */
  populationEnabledChanged(pop: Population): void {
    if (this.#enabled.length > pop.id) this.#enabled[pop.id] = pop.enabled ? 1 : 0;
  }

  /** @internal */
  constantChanged(name: string, value: number): void {
    const i = this.#constantNames.indexOf(name);
    if (i >= 0) this.#constantValues[i] = value;
  }

  #constantNames: string[] = [];

  /* ---- compiling ---- */

  /** Generates and loads the code of the network. Values are not compiled in: changing them later never recompiles. */
  async compile(options: CompileOptions = {}): Promise<void> {
    checkOptions(options, COMPILE_OPTIONS, 'compile()', { unsupported: UNSUPPORTED_COMPILE_OPTIONS });
    if (options.backend !== undefined) checkChoice(options.backend, BACKENDS, 'compile()', 'backend');
    if (options.numThreads !== undefined) checkThreads(options.numThreads, 'compile()');
    for (const key of ['directory', 'compiler', 'compilerFlags'] as const) {
      const v = options[key];
      if (v !== undefined && (typeof v !== 'string' || (key !== 'compilerFlags' && v.trim() === ''))) {
        throw new NetworkError(`compile(): ${key} must be a ${key === 'compilerFlags' ? 'string such as \'-O3 -march=native\'' : key === 'compiler' ? 'command such as \'g++\'' : 'folder path such as \'build/neurarchy\''} (or leave it out), got ${describeValue(v)}`);
      }
    }
    if (options.silent !== undefined && typeof options.silent !== 'boolean') {
      throw new NetworkError(`compile(): silent must be true or false, got ${describeValue(options.silent)}`);
    }
    this.assertNotDisposed('compile()');
    if (this.compiled) return;
    if (options.numThreads !== undefined) this.#numThreads = options.numThreads;
    for (const proj of this.#projections) proj.requireConnected();
    const usedConstants = new Set<string>();
    const usedFunctions = new Set<string>();
    for (const d of [...this.#populations.map((p) => p.description), ...this.#projections.map((p) => p.description)]) {
      d.constants.forEach((c) => usedConstants.add(c));
      d.globalFunctions.forEach((f) => usedFunctions.add(f));
    }
    this.#constantNames = [...usedConstants];
    this.#constantValues = Float64Array.from(this.#constantNames, (n) => this.#liveConstants.get(n)!.value);
    for (const n of this.#constantNames) this.#constants.get(n)!.addListener(this);
    const fmap = globalFunctionMap();
    // A stack exhausted by a huge expression becomes an EquationError naming the model (limits.ts).
    const models = () => [...this.#populations.map((p) => p.description), ...this.#projections.map((p) => p.description)];
    const plan = await guardCompile(models, () => buildPlan({
      dt: this.#dt, seed: this.#seed, populations: this.#populations.map(populationRecord), projections: this.#projections.map(projectionRecord),
      constants: this.#constantNames, functions: [...usedFunctions].map((f) => fmap.get(f)!),
    }));
    for (const pop of this.#populations) allocatePopulation(plan, pop);
    for (const proj of this.#projections) allocateProjection(plan, proj);
    this.#enabled = Uint8Array.from(this.#populations, (p) => (p.enabled ? 1 : 0));
    this.#firingRates = new FiringRateWindows(this.#populations, this.#dt);
    for (const [pop, window] of this.#pendingFiringRates) this.#firingRates.set(pop, window);
    this.snapshotInitialValues();
    const backend: Backend = await loadBackend(options.backend ?? this.#backend, { ...options, numThreads: this.#numThreads });
    this.#engine = await guardCompile(models, () => backend.build({
      plan,
      state: { populations: this.#populations.map((p) => p.state), projections: this.#projections.map((p) => p.state) },
      constants: this.#constantValues, enabled: this.#enabled, switches: this.#projections, hooks: this.makeHooks(),
      networkId: this.id,
    }));
    this.#plan = plan;
    for (const m of this.#monitors) m.compiled();
  }

  #plan?: ReturnType<typeof buildPlan>;
  /** @internal the compiled plan. */
  get plan() { return this.#plan; }

  private makeHooks(): StepHooks {
    const monitors = this.#monitors;
    const rates = () => this.#firingRates!;
    return {
      get active() { return monitors.length > 0 || rates().active; },
      get readsProjections() { return monitors.some((m) => m.object instanceof Projection || m.object instanceof Dendrite); },
      recordTargets: (step) => { for (const m of monitors) m.recordTargets(step); },
      afterNeurons: (step) => { rates().update(step); },
      record: (step) => { for (const m of monitors) m.record(step); },
      spikes: {
        get perStep() { return rates().active || monitors.some((m) => m.needsEveryStep); },
        get writesState() { return rates().active; },
        populations: () => [...new Set(monitors.map((m) => m.spikePopulation).filter((p): p is number => p !== undefined))],
        record: (popId, steps, ranks, n) => { for (const m of monitors) if (m.spikePopulation === popId) m.recordSpikes(steps, ranks, n); },
      },
    };
  }

  private snapshotInitialValues(): void {
    for (const obj of [...this.#populations, ...this.#projections]) {
      const snap = new Map<string, Float64Array>();
      for (const a of obj.description.attributes) {
        const arr = obj.state.get(a.name);
        if (arr) snap.set(a.name, Float64Array.from(arr));
      }
      this.#initial.set(obj, snap);
    }
  }

  private requireEngine(): Engine {
    this.assertNotDisposed('simulate');
    if (!this.#engine) throw new NetworkError('the network is not compiled: call compile() first');
    return this.#engine;
  }

  private assertNotDisposed(what: string): void {
    if (this.#disposed) throw new NetworkError(`cannot ${what}: the network was disposed (net.dispose()). Build and compile a new network.`);
  }

  private assertNotCompiled(what: string): void {
    this.assertNotDisposed(what);
    if (this.compiled) throw new NetworkError(`cannot ${what} after compile()`);
  }

  /* ---- simulating ---- */

  /** Simulates `duration` ms (ceil(duration/dt) steps), calling `every` callbacks before their steps. */
  async simulate(duration: number): Promise<void> {
    const engine = this.requireEngine();
    checkDuration(duration, 'simulate()', 'duration');
    const n = stepsOf(duration, this.#dt);
    const bar = this.progress ? startProgress(n, this.#dt) : undefined;
    const from = this.#step;
    try {
      await this.simulateSteps(engine, n, bar ? (done) => bar.update(done) : undefined);
    } finally {
      bar?.finish();
    }
    this.checkValues(from);
  }

  /** The check of {@link NetworkConfig.checkNumerics} after a simulation that started at step `from`. */
  private checkValues(from: number): void {
    const mode = this.#checkNumerics;
    if (mode === 'off') return;
    const found = this.#numerics.scan(this.#populations, this.#projections, mode === 'warn');
    if (found.length === 0) return;
    const messages = found.map((v) => describeNonFinite(v, this.#step, this.#dt, from));
    if (mode === 'error') throw new NetworkError(messages[0] + (found.length > 1 ? ` (${found.length - 1} other variable(s) too)` : ''));
    for (const m of messages) console.warn(`neurarchy: ${m}`);
  }

  /**
   * Frees what the compiled network holds: cpp, the native memory of its state and library
   * bookkeeping; webgpu, the device and its buffers; js, the arrays. Afterwards the network, its
   * populations and projections refuse every use with a `NetworkError` (monitors keep what they
   * recorded). Calling it twice does nothing. A network that is garbage-collected without it is
   * freed the same way (later, when the collector runs).
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const engine = this.#engine;
    this.#engine = undefined;
    for (const p of this.#populations) p.state = disposedState(`population '${p.name}'`);
    for (const p of this.#projections) p.state = disposedState(`projection '${p.name}'`);
    this.#initial.clear();
    for (const n of this.#constantNames) this.#constants.get(n)?.removeListener(this);
    engine?.dispose?.();
  }

  private async simulateSteps(engine: Engine, n: number, onProgress?: (done: number) => void): Promise<void> {
    const active = this.#callbacksEnabled ? this.#callbacks.filter((c) => c.enabled) : [];
    if (active.length === 0) { await this.runSteps(engine, n, onProgress); return; }
    const calls = new Map<number, { cb: PeriodicCallback; n: number }[]>();
    for (const cb of active) cb.callSteps(n).forEach((s, k) => {
      if (!calls.has(s)) calls.set(s, []);
      calls.get(s)!.push({ cb, n: k });
    });
    const times = [...calls.keys()].sort((a, b) => a - b);
    let done = 0;
    for (const s of times) {
      await this.runSteps(engine, s - done);
      done = s;
      // Callbacks due at the same step run in the order they were declared.
      for (const { cb, n: k } of calls.get(s)!.sort((a, b) => this.#callbacks.indexOf(a.cb) - this.#callbacks.indexOf(b.cb))) await cb.fn(k);
    }
    await this.runSteps(engine, n - done);
  }

  private async runSteps(engine: Engine, count: number, onProgress?: (done: number) => void): Promise<void> {
    if (count <= 0) return;
    if (!onProgress) { await engine.run(this.#step, count); this.#step += count; return; }
    // With a progress bar: chunks of about 1% (at least 1000 steps) between updates.
    const chunk = Math.max(1000, Math.ceil(count / 100));
    for (let done = 0; done < count;) {
      const k = Math.min(chunk, count - done);
      await engine.run(this.#step, k);
      this.#step += k;
      done += k;
      onProgress(done);
    }
  }

  /** One step. */
  async step(): Promise<void> {
    await this.runSteps(this.requireEngine(), 1);
  }

  /**
   * Simulates until the stop conditions hold (checked after every step, so at least one step) or
   * `maxDuration` ms have passed. Returns the simulated duration in ms (ANNarchy returns steps/dt, a
   * bug we do not copy).
   */
  async simulateUntil(options: SimulateUntilOptions): Promise<number> {
    checkOptions(options, SIMULATE_UNTIL_OPTIONS, 'simulateUntil()', {
      renamed: { population: 'populations', max_duration: 'maxDuration' },
      unsupported: { measure_time: 'time the call with performance.now()', measureTime: 'time the call with performance.now()' },
    });
    if (options === undefined) throw new NetworkError('simulateUntil(): give the options { maxDuration } (ms)');
    checkDuration(options.maxDuration, 'simulateUntil()', 'maxDuration');
    if (options.operator !== undefined) checkChoice(options.operator, ['and', 'or'], 'simulateUntil()', 'operator');
    const engine = this.requireEngine();
    const pops = options.populations === undefined ? this.#populations.filter((p) => p.stopCondition)
      : Array.isArray(options.populations) ? options.populations : [options.populations];
    for (const p of pops) if (!p.stopCondition) throw new NetworkError(`simulateUntil(): population '${p.name}' has no stopCondition`);
    const max = stepsOf(options.maxDuration, this.#dt);
    const or = options.operator === 'or';
    const from = this.#step;
    let k = 0;
    while (k < max) {
      await this.runSteps(engine, 1);
      k++;
      const hits = pops.map((p) => engine.stopCondition(p.id, this.#step));
      if (pops.length > 0 && (or ? hits.some(Boolean) : hits.every(Boolean))) break;
    }
    this.checkValues(from);
    return k * this.#dt;
  }

  /** Registers `fn(n)` to be called every `period` ms during `simulate()`. */
  every(options: EveryOptions, fn: (n: number) => unknown): PeriodicCallback {
    const cb = new PeriodicCallback(options, fn, this.#dt);
    this.#callbacks.push(cb);
    return cb;
  }
  enableCallbacks(): void { this.#callbacksEnabled = true; }
  disableCallbacks(): void { this.#callbacksEnabled = false; }
  callbacksEnabled(): boolean { return this.#callbacksEnabled; }
  clearAllCallbacks(): void { this.#callbacks.length = 0; }

  /** Time in ms (step × dt). */
  getTime(): number { return this.#step * this.#dt; }
  /** Sets the time in ms (finite, ≥ 0), rounded to the nearest step. */
  setTime(t: number): void {
    checkDuration(t, 'setTime()', 'time');
    this.#step = Math.round(t / this.#dt);
  }
  getCurrentStep(): number { return this.#step; }
  /** Sets the current step (an integer ≥ 0). */
  setCurrentStep(step: number): void {
    if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 0) {
      throw new NetworkError(`setCurrentStep(): the step must be an integer ≥ 0, got ${describeValue(step)}`);
    }
    this.#step = step;
  }

  /**
   * Sets time to 0, restores initial values, clears spikes, delay rings and monitors.
   * `projections`: synaptic attributes back to their values at compile, except `w`; `synapses`:
   * every synaptic attribute, `w` included, and the event-driven clocks (see runtime/state.ts
   * `resetSynapseState`), so a learning run can be repeated exactly.
   */
  reset(options: ResetOptions = {}): void {
    checkOptions(options, RESET_OPTIONS, 'reset()', {
      unsupported: { reseed_rng: 'not yet: reset() keeps the random streams where they are', reseedRng: 'not yet: reset() keeps the random streams where they are' },
    });
    this.requireEngine();
    this.#step = 0;
    if (options.populations ?? true) {
      for (const p of this.#populations) this.resetPopulation(p);
      for (const p of this.#projections) clearPendingEvents(this.#engine!, p.id);
    }
    if (options.synapses ?? false) {
      for (const p of this.#projections) {
        this.restore(p);
        resetSynapseState(this.#plan!, p);
        // Backends keep derived copies of the weights (cpp's inverse-ordered copy): signal the writes.
        for (const a of p.description.attributes) this.attributeWritten(p, a.name);
      }
    } else if (options.projections ?? false) for (const p of this.#projections) this.restore(p, undefined, (n) => n !== 'w');
    if (options.monitors ?? true) for (const m of this.#monitors) m.reset();
    // Restored values may diverge again: report them again.
    this.#numerics.clear();
  }

  /** @internal */
  resetPopulation(pop: Population, attributes?: string[]): void {
    if (!this.compiled) return;
    this.restore(pop, attributes);
    const s = pop.state;
    (s.get('_nspiked') as Int32Array | undefined)?.fill(0);
    (s.get('_last_spike') as Int32Array | undefined)?.fill(-10000);
    (s.get('_refr_left') as Int32Array | undefined)?.fill(0);
    for (const t of this.#plan!.populations[pop.id].sumTargets) (s.get(`_sum_${t}`) as Float64Array).fill(0);
    resizeDelayRings(this.#plan!, pop, this.#plan!.populations[pop.id].maxDelay);
    resetSpecialState(this.#plan!, pop);
  }

  private restore(obj: Population | Projection, attributes?: string[], keep: (n: string) => boolean = () => true): void {
    const snap = this.#initial.get(obj);
    if (!snap) return;
    for (const [name, values] of snap) {
      if (attributes && !attributes.includes(name)) continue;
      if (!keep(name)) continue;
      (obj.state.get(name) as Float64Array).set(values);
    }
  }

  /** @internal */
  computeFiringRate(pop: Population, window: number): void {
    if (!pop.isSpiking) throw new NetworkError(`computeFiringRate(): population '${pop.name}' is not spiking`);
    const steps = durationSteps(window, this.#dt, `population '${pop.name}'.computeFiringRate()`, 'window', 1);
    if (!this.#engine) this.#pendingFiringRates.set(pop, steps * this.#dt);
    else this.#firingRates!.set(pop, steps * this.#dt);
  }

  /** @internal */
  lastSpikes(pop: Population): number[] {
    const n = (pop.state.get('_nspiked') as Int32Array | undefined)?.[0] ?? 0;
    return Array.from((pop.state.get('_spiked') as Int32Array | undefined)?.subarray(0, n) ?? []);
  }

  /** Enables learning in every projection (or the given ones). */
  enableLearning(projections?: Projection[], options: LearningOptions = {}): void {
    checkOptions(options, LEARNING_OPTIONS, 'enableLearning()');
    for (const p of projections ?? this.#projections) p.enableLearning(options);
  }

  disableLearning(projections?: Projection[]): void {
    for (const p of projections ?? this.#projections) p.disableLearning();
  }

  /* ---- saving and loading (src/io/network-io.ts documents the keys) ---- */

  /** Constants known to this network (global ones and its own). */
  get constants(): Constant[] { return [...this.#liveConstants.values()]; }

  /** The state (attributes, connectivity, internal arrays, step) as `.npz` bytes (browser-safe). */
  toNpz(selection?: SaveSelection, options: { compress?: boolean | number } = {}): Uint8Array {
    checkSelection(selection, 'toNpz()');
    checkOptions(options, ['compress'], 'toNpz()');
    return networkToNpz(this, selection, options);
  }
  /** Restores from `.npz` bytes; on a mismatch throws and changes nothing. */
  fromNpz(bytes: Uint8Array, selection?: SaveSelection): void { checkSelection(selection, 'fromNpz()'); networkFromNpz(this, bytes, selection); }
  /** The state as JSON text (small networks). */
  toJson(selection?: SaveSelection): string { checkSelection(selection, 'toJson()'); return networkToJson(this, selection); }
  fromJson(text: string, selection?: SaveSelection): void { checkSelection(selection, 'fromJson()'); networkFromJson(this, text, selection); }

  /** Writes the state to `filename` (Node): `.json` as JSON, anything else as `.npz`. */
  async save(filename: string, selection?: SaveSelection): Promise<void> {
    await writeBytes(filename, formatOf(filename) === 'json' ? this.toJson(selection) : this.toNpz(selection));
  }

  /** Reads the state from `filename` (Node); on a mismatch throws and changes nothing. */
  async load(filename: string, selection?: SaveSelection): Promise<void> {
    const bytes = await readBytes(filename);
    if (formatOf(filename) === 'json') this.fromJson(new TextDecoder().decode(bytes), selection);
    else this.fromNpz(bytes, selection);
  }

  /** Writes the global parameters and constants as JSON (ANNarchy's `save_parameters`). */
  async saveParameters(filename: string): Promise<void> { await writeBytes(filename, parametersToJson(this)); }
  /** Reads global parameters and constants written by {@link saveParameters}. */
  async loadParameters(filename: string): Promise<void> { parametersFromJson(this, new TextDecoder().decode(await readBytes(filename))); }

  /** Writes a description of the model (Markdown, or LaTeX for `.tex`; src/report). Returns the text. */
  report(options: ReportOptions): Promise<string> {
    checkOptions(options, REPORT_OPTIONS, 'report()', { unsupported: REPORT_UNSUPPORTED });
    if (options === undefined || typeof options.filename !== 'string') throw new NetworkError('report(): give { filename } (.md for Markdown, .tex for LaTeX)');
    return report(this, options);
  }

  /** Generated source of the compiled network (for inspection). */
  get source(): string | undefined { return this.#engine?.source; }
}

/**
 * Names identify objects in `getPopulation()` and in saved files (`<name>/<array>`): no two
 * populations or projections share one, including a default name (`pop1`) that a user name took.
 */
function checkUniqueName(name: string, given: boolean, existing: readonly { name: string }[], kind: string, others: readonly { name: string }[]): void {
  const clash = others.findIndex((o) => o.name === name);
  if (clash >= 0) {
    const otherKind = kind === 'population' ? 'projection' : 'population';
    throw new NetworkError(`a ${otherKind} is already named '${name}' (${otherKind} ${clash}): a ${kind} cannot share it, their arrays would share the keys '${name}/…' of saved files${given ? '' : `: give this ${kind} a name`}`);
  }
  const other = existing.findIndex((o) => o.name === name);
  if (other < 0) return;
  throw new NetworkError(given
    ? `a ${kind} named '${name}' already exists in this network (${kind} ${other}): choose another name`
    : `${kind} ${existing.length} would get the default name '${name}', which ${kind} ${other} already has: give this ${kind} a name`);
}

/** The network of a monitorable object (undefined for anything else: the Monitor constructor says what is wrong). */
function networkOf(object: unknown): NetworkLike | undefined {
  if (object instanceof Projection) return object.network;
  if (object instanceof Population || object instanceof PopulationView) return object.population.network;
  if (object instanceof Dendrite) return object.projection.network;
  return undefined;
}

function checkDt(dt: number): number {
  if (typeof dt !== 'number' || !(dt > 0) || !Number.isFinite(dt)) throw new NetworkError(`dt must be a positive number of ms, got ${describeValue(dt)}`);
  return dt;
}

function checkSelection(selection: SaveSelection | undefined, where: string): void {
  checkOptions(selection, SAVE_SELECTION_OPTIONS, where, {
    unsupported: { pickle_encoding: 'neurarchy reads .npz and .json files, never pickles', pickleEncoding: 'neurarchy reads .npz and .json files, never pickles' },
  });
}

/** Checks every key and value of a configuration before anything is changed. */
function checkConfig(config: NetworkConfig, where: string): void {
  checkOptions(config, NETWORK_CONFIG_OPTIONS, where, { unsupported: UNSUPPORTED_SETUP_OPTIONS });
  if (config === undefined) return;
  if (config.dt !== undefined) checkDt(config.dt);
  if (config.seed !== undefined) checkSeed(config.seed, where);
  if (config.method !== undefined) checkChoice(config.method, METHODS, where, 'method');
  if (config.backend !== undefined) checkChoice(config.backend, BACKENDS, where, 'backend');
  if (config.numThreads !== undefined) checkThreads(config.numThreads, where);
  if (config.progress !== undefined && typeof config.progress !== 'boolean') {
    throw new NetworkError(`${where}: progress must be true or false, got ${describeValue(config.progress)}`);
  }
}

/** Seeds are integers ≥ 0 (used modulo 2^32): 1.5 would silently give the stream of 1. */
function checkSeed(seed: unknown, where: string): void {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new NetworkError(`${where}: seed must be an integer ≥ 0 (used modulo 2^32), got ${describeValue(seed)}`);
  }
}

function checkThreads(n: unknown, where: string): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new NetworkError(`${where}: numThreads must be an integer ≥ 1, got ${describeValue(n)}`);
  }
}

function checkChoice(value: unknown, choices: readonly string[], where: string, key: string): void {
  if (typeof value !== 'string' || !choices.includes(value)) {
    throw new NetworkError(`${where}: ${key} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describeValue(value)}`);
  }
}

/** A duration or time in ms: finite and ≥ 0 (Infinity would loop for ever, NaN runs nothing). */
function checkDuration(value: unknown, where: string, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new NetworkError(`${where}: ${what} must be a finite number of ms ≥ 0, got ${describeValue(value)}`);
  }
}

setDefaultNetworkFactory(() => new Network());
