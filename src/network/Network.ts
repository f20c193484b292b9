/**
 * `Network`: populations, projections and monitors simulated together, as ANNarchy 5's Network
 * (`net.create`, `net.connect`, `net.monitor`, `net.compile`, `net.simulate`). Two networks in one
 * process are independent. The ANNarchy-4 module-level functions (`compile()`, `simulate()`) act on
 * a default network (see `api.ts`).
 *
 * This class assembles the layers: it builds the objects of `core/`, checks the options
 * (`core/Network.ts`), and hands time to the runtime (`runtime/runtime.ts`: compile, the step loop,
 * callbacks, stop conditions, reset), files to `io/` and descriptions to `report/`. `core/` reaches
 * it only through the `NetworkLike` interface.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, describeValue, optionKeys } from '../core/options.js';
import { UNSUPPORTED_COMPILE_OPTIONS } from '../core/annarchy-options.js';
import type { MethodName, NeuronDescription, SynapseDescription, FunctionDef } from '../equations/description.js';
import { analyseNeuron, analyseSynapse } from '../equations/index.js';
import type { NetworkPlan } from '../ir/plan.js';
import type { Engine } from '../runtime/engine.js';
import { Runtime } from '../runtime/runtime.js';
import type { ConnectivityChange } from '../structural/change.js';
import { structuralOperations } from '../structural/api.js';
import type { PeriodicCallback, EveryOptions } from '../runtime/callbacks.js';
import { RandomStream, seedFromTime } from '../random/stream.js';
import { Constant, globalConstantList, type ConstantListener } from '../core/Constant.js';
import { globalFunctionMap } from '../core/functions.js';
import { Neuron } from '../core/Neuron.js';
import { Synapse } from '../core/Synapse.js';
import { durationSteps } from '../core/durations.js';
import { Population, POPULATION_OPTIONS, type PopulationOptions, type NeuronArg } from '../core/Population.js';
import type { ModelArgNames } from '../core/attribute-names.js';
import { PopulationView } from '../core/PopulationView.js';
import { Dendrite } from '../core/Dendrite.js';
import { Projection, populationByName, type PopulationLike } from '../core/Projection.js';
import { Monitor, type Monitorable, type MonitorOptions } from '../core/Monitor.js';
import type { NetworkLike, StructuralOperations } from '../core/network-like.js';
import { setDefaultNetworkFactory } from '../core/default-network.js';
import { defaultBackend } from '../backends/default.js';
import {
  checkConfig, checkDt, checkChoice, checkThreads, checkDuration, checkNumericsMode, checkPrecision, BACKENDS,
  COMPILE_OPTIONS, SIMULATE_UNTIL_OPTIONS, RESET_OPTIONS, LEARNING_OPTIONS,
  type BackendName, type NumericsMode, type NetworkConfig, type CompileOptions, type SimulateUntilOptions,
  type ResetOptions, type LearningOptions, type Precision,
} from '../core/Network.js';
import { networkToNpz, networkFromNpz, networkToJson, networkFromJson, type SaveSelection } from '../io/network-io.js';
import { parametersToJson, parametersFromJson } from '../io/parameters.js';
import { writeBytes, readBytes, formatOf } from '../io/files.js';
import { saveObject, loadObject } from '../io/object-io.js';
import { connectivityFromFile, connectivityToJson, connectivityToNpz } from '../io/connectivity-io.js';
import type { Connectivity } from '../connectors/types.js';
import { report, type ReportOptions } from '../report/index.js';
import { exportPyNN, type ExportPyNNOptions, type PyNNExportFiles } from '../export/pynn.js';
import { copyNetworkInto, copyConfig } from './copy.js';

export {
  NETWORK_CONFIG_OPTIONS, COMPILE_OPTIONS, SIMULATE_UNTIL_OPTIONS, RESET_OPTIONS, LEARNING_OPTIONS,
  type NetworkConfig, type CompileOptions, type SimulateUntilOptions, type ResetOptions, type LearningOptions,
} from '../core/Network.js';

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
  readonly #neuronCache = new WeakMap<Neuron, NeuronDescription>();
  readonly #synapseCache = new Map<Synapse, Map<string, SynapseDescription>>();
  readonly #runtime: Runtime;
  #seed: number;
  #method: MethodName;
  #backend: BackendName;
  #numThreads: number;
  #rng: RandomStream;
  #checkNumerics: NumericsMode = 'warn';
  #structuralPlasticity: boolean;
  #precision: Precision;
  #disposed = false;
  static #count = 0;
  /** Number of the network in this process (0, 1, …, in order of creation), for messages. */
  readonly id = Network.#count++;

  constructor(config: NetworkConfig = {}) {
    checkConfig(config, 'new Network()');
    // The runtime owns time: the clock, the callbacks, and after compile the engine.
    this.#runtime = new Runtime({
      id: this.id,
      populations: this.#populations, projections: this.#projections, monitors: this.#monitors,
    }, checkDt(config.dt ?? 1.0));
    this.#seed = config.seed ?? seedFromTime();
    this.#method = config.method ?? 'explicit';
    this.#backend = config.backend ?? defaultBackend();
    this.#numThreads = config.numThreads ?? 1;
    this.#rng = new RandomStream(this.#seed, 0);
    this.progress = config.progress ?? true;
    this.#structuralPlasticity = config.structuralPlasticity ?? false;
    this.#precision = config.precision === undefined ? 'float64' : checkPrecision(config.precision, 'new Network()');
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
    if (config.dt !== undefined) this.#runtime.dt = checkDt(config.dt);
    if (config.seed !== undefined) { this.#seed = config.seed; this.#rng = new RandomStream(this.#seed, 0); }
    if (config.method !== undefined) this.#method = config.method;
    if (config.backend !== undefined) this.#backend = config.backend;
    if (config.numThreads !== undefined) this.#numThreads = config.numThreads;
    if (config.structuralPlasticity !== undefined) this.#structuralPlasticity = config.structuralPlasticity;
    if (config.precision !== undefined) this.#precision = checkPrecision(config.precision, 'setup()/net.config()');
  }

  /** Step size in ms. */
  get dt(): number { return this.#runtime.dt; }
  /** Seed of every random number of the network (set with `new Network({ seed })` or `setSeed()`). */
  get seed(): number { return this.#seed; }
  /** Default numerical method of the equations (`explicit` unless configured). */
  get method(): MethodName { return this.#method; }
  /** Backend used by `compile()` unless its options say otherwise. */
  get backend(): BackendName { return this.#backend; }
  /** Threads of the `cpp` backend. */
  get numThreads(): number { return this.#numThreads; }
  /** What happens when a variable becomes NaN or ±Infinity (see {@link NetworkConfig.checkNumerics}). */
  get checkNumerics(): NumericsMode { return this.#checkNumerics; }
  /** Storage precision of the float attributes from compile() on (see {@link NetworkConfig.precision}). */
  get precision(): Precision { return this.#precision; }
  /** Whether structural plasticity is allowed (see {@link NetworkConfig.structuralPlasticity}). */
  get structuralPlasticity(): boolean { return this.#structuralPlasticity; }
  /** @internal Applies a change of a projection's synapses (src/structural/rewire.ts). */
  rewire(proj: Projection, change: ConnectivityChange): void { this.#runtime.rewire(proj, change); }
  /** @internal The structural plasticity methods of its projections and dendrites (src/structural/api.ts). */
  get structuralOperations(): StructuralOperations { return structuralOperations; }
  /** Whether {@link dispose} was called. */
  get disposed(): boolean { return this.#disposed; }
  /** Host-side random numbers (initial values, connectivity), seeded by the network's seed. */
  get rng(): RandomStream { return this.#rng; }
  /** True once `compile()` has run. */
  get compiled(): boolean { return this.#runtime.compiled; }
  /** Current step (an integer; time is `currentStep × dt`). */
  get currentStep(): number { return this.#runtime.currentStep; }
  /** The populations, in creation order. */
  get populations(): Population[] { return [...this.#populations]; }
  /** The projections, in creation order. */
  get projections(): Projection[] { return [...this.#projections]; }
  /** The monitors, in creation order. */
  get monitors(): Monitor[] { return [...this.#monitors]; }
  /** @internal the running engine (after compile). */
  get engine(): Engine | undefined { return this.#runtime.engine; }

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

  /** The constant named `name` known to this network, if any. */
  getConstant(name: string): Constant | undefined { return this.#liveConstants.get(name); }
  /**
   * A new network with the same populations, projections (the same synapses and weights, copied),
   * monitors and local constants, the current values of every attribute, the same configuration
   * (`overrides` on top, e.g. `{ seed }`) and time 0; not compiled (ANNarchy 5's `net.copy()`, which
   * instead runs the subclass's constructor again: see src/network/copy.ts). On the cpp
   * backend its `compile()` loads the cached library of this network rather than building one.
   */
  copy(overrides: NetworkConfig = {}): Network {
    checkConfig(overrides, `network ${this.id}.copy()`);
    const copy = new Network(copyConfig(this, overrides));
    const localConstants = [...this.#constants.values()].filter((c) => !c.global).map((c) => ({ name: c.name, value: c.value }));
    copyNetworkInto({ network: this, localConstants }, copy);
    return copy;
  }

  /** The population named `name`, if any. */
  getPopulation(name: string): Population | undefined { return this.#populations.find((p) => p.name === name); }
  /** The projection named `name`, if any. */
  getProjection(name: string): Projection | undefined { return this.#projections.find((p) => p.name === name); }
  /** The monitor named `name` (its `name` option), if any. */
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
    this.#runtime.attributeWritten(owner, owner instanceof Population ? 'pop' : 'proj', name);
  }

  /** @internal */
  populationEnabledChanged(pop: Population): void {
    this.#runtime.populationEnabledChanged(pop);
  }

  /** @internal */
  constantChanged(name: string, value: number): void {
    this.#runtime.constantChanged(name, value);
  }

  /** Names of the Constants the compiled models read (their listeners are removed by dispose()). */
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
    for (const n of this.#constantNames) this.#constants.get(n)!.addListener(this);
    const fmap = globalFunctionMap();
    await this.#runtime.compile({
      backend: options.backend ?? this.#backend,
      backendOptions: { ...options, numThreads: this.#numThreads },
      seed: this.#seed,
      precision: this.#precision,
      constants: { names: this.#constantNames, values: this.#constantNames.map((n) => this.#liveConstants.get(n)!.value) },
      functions: [...usedFunctions].map((f) => fmap.get(f)!),
    });
  }

  /** @internal the compiled plan. */
  get plan(): NetworkPlan | undefined { return this.#runtime.plan; }

  private requireEngine(): Engine {
    this.assertNotDisposed('simulate');
    return this.#runtime.requireEngine();
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
    this.requireEngine();
    checkDuration(duration, 'simulate()', 'duration');
    await this.#runtime.simulate(this.#runtime.stepsOf(duration), this.progress, this.#checkNumerics);
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
    this.#runtime.dispose();
    for (const n of this.#constantNames) this.#constants.get(n)?.removeListener(this);
  }

  /** One step. */
  async step(): Promise<void> {
    this.requireEngine();
    await this.#runtime.step();
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
    this.requireEngine();
    const pops = options.populations === undefined ? this.#populations.filter((p) => p.stopCondition)
      : Array.isArray(options.populations) ? options.populations : [options.populations];
    for (const p of pops) if (!p.stopCondition) throw new NetworkError(`simulateUntil(): population '${p.name}' has no stopCondition`);
    const steps = await this.#runtime.simulateUntil(pops, this.#runtime.stepsOf(options.maxDuration), options.operator === 'or', this.#checkNumerics);
    return steps * this.#runtime.dt;
  }

  /** Registers `fn(n)` to be called every `period` ms during `simulate()`. */
  every(options: EveryOptions, fn: (n: number) => unknown): PeriodicCallback {
    return this.#runtime.every(options, fn);
  }
  /** Calls the `every()` callbacks again (after `disableCallbacks()`). */
  enableCallbacks(): void { this.#runtime.callbacksEnabled = true; }
  /** Stops calling the `every()` callbacks (they stay registered). */
  disableCallbacks(): void { this.#runtime.callbacksEnabled = false; }
  /** Whether the `every()` callbacks are called. */
  callbacksEnabled(): boolean { return this.#runtime.callbacksEnabled; }
  /** Removes every `every()` callback. */
  clearAllCallbacks(): void { this.#runtime.clearAllCallbacks(); }

  /** Time in ms (step × dt). */
  getTime(): number { return this.#runtime.currentStep * this.#runtime.dt; }
  /** Sets the time in ms (finite, ≥ 0), rounded to the nearest step. */
  setTime(t: number): void {
    checkDuration(t, 'setTime()', 'time');
    this.#runtime.currentStep = Math.round(t / this.#runtime.dt);
  }
  /** Current step (an integer). */
  getCurrentStep(): number { return this.#runtime.currentStep; }
  /** Sets the current step (an integer ≥ 0). */
  setCurrentStep(step: number): void {
    if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 0) {
      throw new NetworkError(`setCurrentStep(): the step must be an integer ≥ 0, got ${describeValue(step)}`);
    }
    this.#runtime.currentStep = step;
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
    this.#runtime.reset({
      populations: options.populations ?? true, projections: options.projections ?? false,
      synapses: options.synapses ?? false, monitors: options.monitors ?? true,
    });
  }

  /** @internal */
  resetPopulation(pop: Population, attributes?: string[]): void {
    this.#runtime.resetPopulation(pop, attributes);
  }

  /** @internal */
  computeFiringRate(pop: Population, window: number): void {
    if (!pop.isSpiking) throw new NetworkError(`computeFiringRate(): population '${pop.name}' is not spiking`);
    this.#runtime.computeFiringRate(pop, durationSteps(window, this.#runtime.dt, `population '${pop.name}'.computeFiringRate()`, 'window', 1));
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

  /** Disables learning in every projection (or the given ones). */
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
  /** Restores from JSON text written by `toJson()`; on a mismatch throws and changes nothing. */
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
  /** Writes this network as a PyNN 0.10 script for NEURON or NEST, one machine or MPI (`exportPyNN`, docs/guides/export.md). */
  exportPyNN(filename: string, options: ExportPyNNOptions): Promise<PyNNExportFiles> { return exportPyNN(this, filename, options); }

  /** Writes a description of the model (Markdown, or LaTeX for `.tex`; src/report). Returns the text. */
  report(options: ReportOptions): Promise<string> {
    checkOptions(options, REPORT_OPTIONS, 'report()', { unsupported: REPORT_UNSUPPORTED });
    if (options === undefined || typeof options.filename !== 'string') throw new NetworkError('report(): give { filename } (.md for Markdown, .tex for LaTeX)');
    return report(this, options);
  }

  /** @internal `pop.save()`, `proj.save()` (io/object-io.ts). */
  saveObject(obj: Population | Projection, filename: string): Promise<void> { return saveObject(obj, filename, this.engine); }
  /** @internal `pop.load()`, `proj.load()`. */
  loadObject(obj: Population | Projection, filename: string): Promise<void> { return loadObject(obj, filename, this.engine); }

  /** @internal `proj.connectFromFile()` (io/connectivity-io.ts): `.json` as JSON, else `.npz`. */
  async readConnectivity(filename: string, pre: Population | PopulationView, post: Population | PopulationView): Promise<Connectivity> {
    const bytes = await readBytes(filename);
    const data = formatOf(filename) === 'json' ? new TextDecoder().decode(bytes) : bytes;
    return connectivityFromFile(data, filename, pre, post);
  }

  /** @internal `proj.saveConnectivity()`. */
  async saveConnectivity(proj: Projection, filename: string): Promise<void> {
    await writeBytes(filename, formatOf(filename) === 'json' ? connectivityToJson(proj) : connectivityToNpz(proj));
  }

  /** Generated source of the compiled network (for inspection). */
  get source(): string | undefined { return this.#runtime.engine?.source; }
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

function checkSelection(selection: SaveSelection | undefined, where: string): void {
  checkOptions(selection, SAVE_SELECTION_OPTIONS, where, {
    unsupported: { pickle_encoding: 'neurarchy reads .npz and .json files, never pickles', pickleEncoding: 'neurarchy reads .npz and .json files, never pickles' },
  });
}

setDefaultNetworkFactory(() => new Network());
