/**
 * PymoNNto's Network: the root host. It owns the global order of behaviours, the iteration counter,
 * the seed, and the lists of neuron and synapse groups (which register themselves when created).
 *
 * Life cycle: build groups with behaviours → `await net.initialize()` → `await
 * net.simulateIterations(n)`. Steps pre-increment `net.iteration`, so behaviours see 1 during the
 * first step, as in PymoNNto.
 */
import { NeurarchyError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import type { Behavior } from './Behavior.js';
import { BehaviorHost, type BehaviorDict, type HostValue } from './host.js';
import { DenseMatrix } from './matrix.js';
import type { GroupNetwork, NeuronGroup } from './NeuronGroup.js';
import { RandomStream, seedFromTime } from '../random/stream.js';
import {
  INITIALIZE_OPTIONS, Schedule, SIMULATE_OPTIONS, type InitializeOptions, type ScheduleEntry, type ScheduleRow, type SimulateOptions,
} from './schedule.js';
import { settingsLayout, type MatrixLayout, type NetworkSettings } from './structure/layout.js';
import { BehaviorTimer } from './timing.js';
import { findAnalysisModules } from './analysis/registry.js';
import { fillSpec, type InitOptions, type InitSpec } from './spec.js';
import type { StateArray } from './arrays.js';
import type { SynapseGroup } from './SynapseGroup.js';
import { keyName, type SearchKey } from './tags.js';

/** Options of `new Network()`. */
export interface NetworkOptions {
  /**
   * Seed of every random draw of `vector`/`matrix` and of equation models (default: drawn from the
   * clock, kept in `net.seed`). Reduced modulo 2^32, as neurarchy's `RandomStream` does.
   */
  seed?: number;
  /** Tags of the network. */
  tag?: string;
  /** The network's own behaviours. */
  behavior?: BehaviorDict;
  /** PymoNNto's settings: `{ syn_dim: SxD }` (or `synapse_mode`) sets the layout of synapse matrices (see structure/layout.ts). */
  settings?: NetworkSettings;
}

/** The keys of {@link NetworkOptions}. */
export const NETWORK_OPTIONS = optionKeys<NetworkOptions>()(['seed', 'tag', 'behavior', 'settings']);

export {
  INITIALIZE_OPTIONS, SIMULATE_OPTIONS, type InitializeOptions, type SimulateOptions, type ScheduleRow,
} from './schedule.js';

type Thenable = PromiseLike<unknown>;
const isThenable = (x: unknown): x is Thenable =>
  typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';

/**
 * The root of a behaviour network. It implements what its groups see of it (`GroupNetwork`,
 * declared in NeuronGroup.ts since this module imports the groups).
 */
export class Network extends BehaviorHost implements GroupNetwork {
  /**
   * The network's attributes (state and quick access: `net.my_neurons`, see attributes.ts)
   * type-check as `any`; neuron and synapse groups are typed by their state instead.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attribute: string]: any;
  /** The network itself. */
  readonly network: Network = this;
  /** The seed actually used. */
  readonly seed: number;
  /** The layout of synapse matrices chosen by `settings` (default `'DxS'`); a synapse group may override it. */
  readonly matrixLayout: MatrixLayout;
  /** The iteration counter, shared with every host (read it as `net.iteration`). @internal */
  readonly counter = { iteration: 0 };
  /** Neuron groups, in order of creation. */
  readonly neuronGroups: NeuronGroup[] = [];
  /** Synapse groups, in order of creation. */
  readonly synapseGroups: SynapseGroup[] = [];
  /** Network-level state (recordable by a recorder attached to the network). */
  readonly vars: Record<string, StateArray> = {};
  /** Whether `initialize()` has run. */
  initialized = false;
  private readonly order = new Schedule();
  private hostCount = 0;
  private pending: Thenable[] = [];
  /** Set by {@link timeBehaviors}: every `iteration` call is timed while it is set. */
  behaviorTimer: BehaviorTimer | undefined;

  constructor(opts: NetworkOptions = {}) {
    super();
    checkOptions(opts, NETWORK_OPTIONS, 'new behaviors.Network()');
    this.matrixLayout = settingsLayout(opts.settings);
    if (opts.seed !== undefined && (typeof opts.seed !== 'number' || !Number.isSafeInteger(opts.seed))) {
      throw new NeurarchyError(`new behaviors.Network(): seed must be an integer (used modulo 2^32), got ${String(opts.seed)}`);
    }
    this.seed = (opts.seed === undefined ? seedFromTime() : opts.seed) >>> 0;
    if (opts.tag) this.addTag(opts.tag);
    this.addTag('Network');
    this.registerHost(this);
    this.attachBehaviors(opts.behavior);
  }

  /**
   * Gives a new host its random stream: neurarchy's Philox `RandomStream(seed, n)`, where n numbers
   * the hosts in order of creation (the network is 0). @internal
   */
  registerHost(host: BehaviorHost): void {
    host.rng = new RandomStream(this.seed, this.hostCount++);
  }

  /** Called by hosts. @internal */
  scheduleBehavior(key: number, host: BehaviorHost, behavior: Behavior): void {
    this.order.insert(key, host, behavior);
  }

  /** Called by hosts. @internal */
  unscheduleBehavior(behavior: Behavior): void {
    this.order.remove(behavior);
  }

  /** Keeps a promise returned by an `initialize` outside `net.initialize()`; awaited before the next step. @internal */
  track(result: unknown): void {
    if (isThenable(result)) this.pending.push(result);
  }

  /** The order of execution: every behaviour of every host, sorted by key, ties in insertion order. */
  get executionOrder(): readonly ScheduleEntry[] {
    return this.order.entries;
  }

  /** The order of execution in printable form (PymoNNto prints it as `str(net)`). */
  describeSchedule(): ScheduleRow[] {
    return this.order.entries.map((e) => ({
      key: e.key, host: e.host.tag, behavior: e.behavior.toString(), enabled: e.behavior.behaviorEnabled,
    }));
  }

  /** `[net, ...neuronGroups, ...synapseGroups]`. */
  allObjects(): BehaviorHost[] {
    return [this, ...this.neuronGroups, ...this.synapseGroups];
  }

  /**
   * Runs every behaviour's `initialize` in the order of execution, then those with
   * `initializeLast` (recorders) in a second pass, awaiting any that return a Promise. Synapse
   * groups' `src`/`dst` tags are resolved first, so a bad tag fails here.
   */
  async initialize(opts: InitializeOptions = {}): Promise<this> {
    checkOptions(opts, INITIALIZE_OPTIONS, 'net.initialize()');
    for (const s of this.synapseGroups) s.resolve();
    for (const last of [false, true]) {
      for (const e of this.order.entries) {
        if (e.behavior.initializeLast !== last) continue;
        const r = e.behavior.initialize(e.host);
        if (isThenable(r)) await r;
      }
    }
    this.initialized = true;
    if (opts.warnings ?? true) {
      for (const e of this.order.entries) {
        const unused = e.behavior.unusedParameters();
        if (unused.length) console.warn(`${e.host.tag}: ${e.behavior.toString()} never read the argument(s) ${unused.join(', ')}`);
      }
    }
    return this;
  }

  /** One step: `iteration += 1`, then every enabled behaviour in order. */
  async simulateIteration(): Promise<void> {
    const r = this.step();
    if (r) await r;
  }

  /**
   * Runs `n` steps and returns the elapsed wall time in ms. Synchronous behaviours run without any
   * await between them; a behaviour that returns a Promise is awaited before the next one.
   */
  async simulateIterations(n: number, opts: SimulateOptions = {}): Promise<number> {
    checkOptions(opts, SIMULATE_OPTIONS, 'net.simulateIterations()');
    if (!Number.isInteger(n) || n < 0) throw new NeurarchyError(`simulateIterations: ${n} is not a non-negative whole number of iterations`);
    if (!this.initialized) throw new NeurarchyError('simulateIterations: call `await net.initialize()` first');
    const batch = Math.max(1, opts.batchSize ?? 100);
    const wasRecording = this.recording;
    if (opts.disableRecording) this.recording = false;
    const start = performance.now();
    try {
      for (let k = 0; k < n; k++) {
        const r = this.step();
        if (r) await r;
        if (opts.onBatch && ((k + 1) % batch === 0 || k + 1 === n)) opts.onBatch(k + 1, n);
      }
    } finally {
      if (opts.disableRecording) this.recording = wasRecording;
    }
    return performance.now() - start;
  }

  /** Runs one step synchronously until a behaviour returns a Promise; returns the rest as a Promise. */
  private step(): Promise<void> | undefined {
    if (this.pending.length) return this.flushPending().then(() => this.step());
    this.counter.iteration++;
    const list = this.order.entries;
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      if (!e.runs || !e.behavior.behaviorEnabled) continue;
      const r = this.behaviorTimer ? this.behaviorTimer.run(e.key, e.host, e.behavior) : e.behavior.iteration(e.host);
      if (isThenable(r)) return this.finishStep(r, list, i + 1);
    }
    return undefined;
  }

  private async finishStep(r: Thenable, list: readonly ScheduleEntry[], from: number): Promise<void> {
    await r;
    for (let i = from; i < list.length; i++) {
      const e = list[i]!;
      if (!e.runs || !e.behavior.behaviorEnabled) continue;
      const x = this.behaviorTimer ? this.behaviorTimer.run(e.key, e.host, e.behavior) : e.behavior.iteration(e.host);
      if (isThenable(x)) await x;
    }
  }

  private async flushPending(): Promise<void> {
    const p = this.pending;
    this.pending = [];
    await Promise.all(p);
  }

  /**
   * Starts timing every behaviour's `iteration` (or stops, with `false`) and returns the timer:
   * `timer.table()` / `timer.format()` say which behaviour costs what per iteration (PymoNNto's
   * `measure_behavior_execution_time`). Timing again keeps the same timer and its totals.
   */
  timeBehaviors(on = true): BehaviorTimer {
    this.timerKept ??= new BehaviorTimer();
    this.behaviorTimer = on ? this.timerKept : undefined;
    return this.timerKept;
  }

  private timerKept: BehaviorTimer | undefined;

  /** Enables or disables behaviours tagged `tag` on every host (PymoNNto `set_behaviors`). */
  override setBehaviors(tag: string, enabled: boolean): this {
    for (const h of this.allObjects()) {
      for (const b of h.behaviors.values()) if (b.hasTag(tag)) b.behaviorEnabled = enabled;
    }
    return this;
  }

  /** Pauses every recorder of the network. */
  recordingOff(): this { this.recording = false; return this; }

  /** Resumes recording. */
  recordingOn(): this { this.recording = true; return this; }

  /** Empties every recorder (or those tagged `tag`). */
  clearRecorders(tag?: string): this {
    for (const r of this.find<{ clear?: () => void }>(tag ?? 'recorder')) r.clear?.();
    return this;
  }

  /**
   * Every object of the network answering to `key` (PymoNNto `net['key']`), searched in this
   * order: the network itself, its behaviours, each neuron group (itself, its behaviours, their
   * data), each synapse group. Strings match tags and recorded expressions (`'voltage'`,
   * `'mean(voltage)'`, `'spike.t'`), numbers match behaviour keys, classes match instances.
   */
  override find<T = unknown>(key: SearchKey): T[] {
    const out: unknown[] = super.find(key);
    for (const g of this.neuronGroups) out.push(...g.find(key));
    for (const s of this.synapseGroups) out.push(...s.find(key));
    out.push(...findAnalysisModules(this, key));
    return out as T[];
  }

  /**
   * The `index`-th recorded data set for `key` (an expression as written in a Recorder, or an
   * EventRecorder's `'spike'`, `'spike.t'`, `'spike.i'`). Throws, listing what is recorded, when
   * there is none. See `Recorder.get` for the shapes.
   */
  getRecorded(key: string, index = 0): DenseMatrix {
    const found = this.find(key).filter((x): x is DenseMatrix => x instanceof DenseMatrix);
    const m = found.at(index);
    if (!m) {
      const known = this.find<{ recordedKeys?: () => string[] }>('recorder').flatMap((r) => r.recordedKeys?.() ?? []);
      throw new NeurarchyError(
        `nothing recorded under ${keyName(key)}${found.length ? ` at index ${index} (${found.length} found)` : ''}; `
        + `recorded: ${known.length ? known.map((k) => `'${k}'`).join(', ') : 'nothing'}`,
      );
    }
    return m;
  }

  lookupVar(name: string): HostValue | undefined {
    if (name === 'iteration') return this.iteration;
    return this.vars[name];
  }

  varNames(): string[] {
    return ['iteration', ...Object.keys(this.vars)];
  }

  /** A network-wide array of `length` values (rarely needed: state usually lives on groups). */
  initValues(spec: InitSpec, opts: InitOptions = {}, length = 1): Float64Array {
    return fillSpec(new Float64Array(length), spec, this.rng, opts);
  }

  /** A summary line per host with its behaviours (what PymoNNto prints at initialisation). */
  override toString(): string {
    return this.allObjects().map((h) => {
      const bs = [...h.behaviors.entries()].map(([k, b]) => `${k}:${b.toString()}`).join(' ');
      return `${h.tags.join(',')}${'size' in h ? `(${String(h.size)})` : ''} ${bs}`.trim();
    }).join('\n');
  }
}
