/**
 * The runtime of one network: it owns time. Before compile it keeps the clock and the `every`
 * callbacks; `compile()` builds the plan from plain records (`core/records.ts` → `ir/`), allocates
 * the state, builds the engine from plain data (`EngineInput`); afterwards it runs steps (callbacks
 * before their steps, progress, stop conditions), resets, and relays the user's writes to the engine.
 *
 * The user-facing `Network` (`network/Network.ts`) builds populations, projections and monitors,
 * checks options, and delegates all of this here. Nothing here is reachable from `core/`.
 */
import { NetworkError } from '../errors.js';
import type { FunctionDef } from '../equations/description.js';
import { guardCompile } from '../equations/limits.js';
import type { Population } from '../core/Population.js';
import { Projection } from '../core/Projection.js';
import { Dendrite } from '../core/Dendrite.js';
import type { Monitor } from '../core/Monitor.js';
import { populationRecord, projectionRecord } from '../core/make-records.js';
import type { BackendName, NetworkPlan, Precision } from '../ir/plan.js';
import { buildPlan } from '../ir/build.js';
import { loadBackend, type BackendOptions } from '../backends/registry.js';
import type { Engine, StepHooks } from './engine.js';
import { allocatePopulation, allocateProjection, storeInPrecision, resizeDelayRings, growDelayRings, resetSpecialState, resetSynapseState, clearPendingEvents } from './state.js';
import { PeriodicCallback, stepsOf, type EveryOptions } from './callbacks.js';
import { FiringRateWindows } from './firing-rate.js';
import { startProgress } from './progress.js';
import { NumericsCheck, describeNonFinite, type NumericsMode } from './numerics.js';
import { disposedState, lostState } from './dispose.js';
import { SynapseState } from '../core/synapse-state.js';
import type { StateArray } from '../core/values.js';
import type { ConnectivityChange } from '../structural/change.js';
import { rewireProjection } from '../structural/rewire.js';
import { nextStructuralEvent, runStructuralRules } from '../structural/api.js';

/** The network a runtime serves: its objects (live lists) and its number, for messages. */
export interface RuntimeHost {
  readonly id: number;
  readonly populations: readonly Population[];
  readonly projections: readonly Projection[];
  readonly monitors: readonly Monitor[];
}

/** What `compile()` needs beyond the network's objects. */
export interface CompileRequest {
  backend: BackendName;
  /** Options handed to the backend (directory, compiler, flags, threads). */
  backendOptions: BackendOptions;
  seed: number;
  /** Storage precision of the float attributes (default 'float64'). */
  precision?: Precision;
  /** Constants the models read, with their current values, in the order of the engine's array. */
  constants: { names: string[]; values: number[] };
  /** Global functions the models call. */
  functions: FunctionDef[];
}

/** What `reset()` restores (see `ResetOptions` of the Network). */
export interface ResetRequest {
  populations: boolean;
  projections: boolean;
  synapses: boolean;
  monitors: boolean;
}

/**
 * The runtime of one network (created by the network, which hands it its live lists of objects):
 * the clock and callbacks from the start, the plan, state and engine after {@link compile}.
 */
export class Runtime {
  readonly #host: RuntimeHost;
  #dt: number;
  #step = 0;
  readonly #callbacks: PeriodicCallback[] = [];
  #callbacksEnabled = true;
  #engine?: Engine;
  #plan?: NetworkPlan;
  #constantNames: string[] = [];
  #constantValues = new Float64Array(0);
  #enabled = new Uint8Array(0);
  readonly #initial = new Map<object, Map<string, Float64Array>>();
  #firingRates?: FiringRateWindows;
  /** Windows asked for before compile() (ANNarchy's scripts call compute_firing_rate first), applied by compile(). */
  readonly #pendingFiringRates = new Map<Population, number>();
  readonly #numerics = new NumericsCheck();

  constructor(host: RuntimeHost, dt: number) {
    this.#host = host;
    this.#dt = dt;
  }

  /** Step size in ms (changeable until compile). */
  get dt(): number { return this.#dt; }
  set dt(dt: number) { this.#dt = dt; }
  get compiled(): boolean { return this.#engine !== undefined; }
  get engine(): Engine | undefined { return this.#engine; }
  get plan(): NetworkPlan | undefined { return this.#plan; }

  /* ---- compiling ---- */

  /** Builds the plan, the state and the engine. */
  async compile(request: CompileRequest): Promise<void> {
    const host = this.#host;
    const pops = host.populations, projs = host.projections;
    this.#constantNames = [...request.constants.names];
    this.#constantValues = Float64Array.from(request.constants.values);
    // A stack exhausted by a huge expression becomes an EquationError naming the model (limits.ts).
    const models = () => [...pops.map((p) => p.description), ...projs.map((p) => p.description)];
    const plan = await guardCompile(models, () => buildPlan({
      dt: this.#dt, seed: request.seed, precision: request.precision, populations: pops.map(populationRecord), projections: projs.map(projectionRecord),
      constants: this.#constantNames, functions: request.functions,
    }));
    for (const pop of pops) allocatePopulation(plan, pop);
    for (const proj of projs) allocateProjection(plan, proj);
    storeInPrecision(plan, pops, projs);
    this.#enabled = Uint8Array.from(pops, (p) => (p.enabled ? 1 : 0));
    this.#firingRates = new FiringRateWindows(pops, this.#dt);
    for (const [pop, window] of this.#pendingFiringRates) this.#firingRates.set(pop, window);
    const backend = await loadBackend(request.backend, request.backendOptions);
    this.#engine = await guardCompile(models, () => backend.build({
      plan,
      state: { populations: pops.map((p) => p.state), projections: projs.map((p) => p.state) },
      constants: this.#constantValues, enabled: this.#enabled, switches: projs, hooks: this.#makeHooks(),
      networkId: host.id,
    }));
    this.#plan = plan;
    // After the engine's build, which copies the state and changes no value.
    this.#snapshotInitialValues();
    for (const m of host.monitors) m.compiled();
  }

  #makeHooks(): StepHooks {
    const monitors = this.#host.monitors;
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

  /**
   * The values reset() puts back. Arrays the engine took out of a projection's state (the cpp
   * backend's compact projections, `SynapseState`) are copied when they are first put back: no
   * kernel writes them, so until then they hold these values, and a write reads them first. The
   * microcircuit's 3·10⁸ weights are then not held twice.
   */
  #snapshotInitialValues(): void {
    // A typed copy, not Float64Array.from (its iterator path took 1.3 s for the 5.9·10⁷ weights of the microcircuit at scale 0.2).
    const copy = (arr: ArrayLike<number>) => (arr instanceof Float64Array ? arr.slice() : new Float64Array(arr));
    for (const obj of [...this.#host.populations, ...this.#host.projections]) {
      const snap = new Map<string, Float64Array>();
      const st = obj.state;
      const deferred = st instanceof SynapseState ? obj.description.attributes.filter((a) => st.defers(a.name)).map((a) => a.name) : [];
      for (const a of obj.description.attributes) {
        if (deferred.includes(a.name)) continue;
        const arr = st.get(a.name);
        if (arr) snap.set(a.name, copy(arr));
      }
      if (deferred.length > 0 && st instanceof SynapseState) {
        st.afterRestore(() => { for (const n of deferred) { const arr = st.peek(n); if (arr) snap.set(n, copy(arr)); } });
      }
      this.#initial.set(obj, snap);
    }
  }

  /** The engine, or the error of a network not compiled. */
  requireEngine(): Engine {
    if (!this.#engine) throw new NetworkError('the network is not compiled: call compile() first');
    return this.#engine;
  }

  /* ---- time ---- */

  get currentStep(): number { return this.#step; }
  set currentStep(step: number) { this.#step = step; }

  /** Registers `fn(n)` to be called every `period` ms during `simulate()`. */
  every(options: EveryOptions, fn: (n: number) => unknown): PeriodicCallback {
    const cb = new PeriodicCallback(options, fn, this.#dt);
    this.#callbacks.push(cb);
    return cb;
  }
  get callbacksEnabled(): boolean { return this.#callbacksEnabled; }
  set callbacksEnabled(on: boolean) { this.#callbacksEnabled = on; }
  clearAllCallbacks(): void { this.#callbacks.length = 0; }

  /** Runs `n` steps, calling `every` callbacks before their steps; `progress` shows a bar in a terminal. */
  async simulate(n: number, progress: boolean, checkNumerics: NumericsMode): Promise<void> {
    const engine = this.requireEngine();
    const bar = progress ? startProgress(n, this.#dt) : undefined;
    const from = this.#step;
    try {
      await this.#simulateSteps(engine, n, bar ? (done) => bar.update(done) : undefined);
    } finally {
      bar?.finish();
    }
    this.checkValues(from, checkNumerics);
  }

  async #simulateSteps(engine: Engine, n: number, onProgress?: (done: number) => void): Promise<void> {
    const active = this.#callbacksEnabled ? this.#callbacks.filter((c) => c.enabled) : [];
    if (active.length === 0) { await this.#runSteps(engine, n, onProgress); return; }
    const calls = new Map<number, { cb: PeriodicCallback; n: number }[]>();
    for (const cb of active) cb.callSteps(n).forEach((s, k) => {
      if (!calls.has(s)) calls.set(s, []);
      calls.get(s)!.push({ cb, n: k });
    });
    const times = [...calls.keys()].sort((a, b) => a - b);
    let done = 0;
    for (const s of times) {
      await this.#runSteps(engine, s - done);
      done = s;
      // Callbacks due at the same step run in the order they were declared.
      for (const { cb, n: k } of calls.get(s)!.sort((a, b) => this.#callbacks.indexOf(a.cb) - this.#callbacks.indexOf(b.cb))) await cb.fn(k);
    }
    await this.#runSteps(engine, n - done);
  }

  /**
   * Runs `count` steps, stopping at the end of each step where a structural rule runs (ANNarchy's
   * structural phase, after the synapse update: here after the step's monitors recorded it) to
   * rewire on the host.
   */
  async #runSteps(engine: Engine, count: number, onProgress?: (done: number) => void): Promise<void> {
    const projs = this.#host.projections;
    let done = 0;
    while (done < count) {
      const event = nextStructuralEvent(projs, this.#step);
      const k = Math.min(count - done, event - this.#step + 1);
      const before = done;
      await this.#runPlain(engine, k, onProgress ? (n) => onProgress(before + n) : undefined);
      done += k;
      if (this.#step - 1 === event) {
        runStructuralRules(projs, { step: event, seed: this.#plan!.seed, dt: this.#dt }, (p, change) => this.rewire(p, change));
      }
    }
  }

  async #runPlain(engine: Engine, count: number, onProgress?: (done: number) => void): Promise<void> {
    if (count <= 0) return;
    if (!onProgress) { await this.#run(engine, count); this.#step += count; return; }
    // With a progress bar: chunks of about 1% (at least 1000 steps) between updates.
    const chunk = Math.max(1000, Math.ceil(count / 100));
    for (let done = 0; done < count;) {
      const k = Math.min(chunk, count - done);
      await this.#run(engine, k);
      this.#step += k;
      done += k;
      onProgress(done);
    }
  }

  /**
   * The engine's run; when it fails leaving the state undefined (`Engine.stateLost`), every state
   * map is replaced by one refusing use (`lostState`), so that no read or save() returns values of a
   * step half done. Monitors keep their records: every sample in them is of a step that completed.
   */
  async #run(engine: Engine, count: number): Promise<void> {
    try {
      await engine.run(this.#step, count);
    } catch (e) {
      const why = engine.stateLost?.();
      if (why) this.#refuseStates((what) => lostState(what, why));
      throw e;
    }
  }

  /** One step (no callbacks, as ANNarchy's `step()`). */
  async step(): Promise<void> {
    await this.#runSteps(this.requireEngine(), 1);
  }

  /**
   * Runs steps until the stop conditions of `pops` hold (`or`: any, else all), checked after every
   * step, or `max` steps. Returns the number of steps run.
   */
  async simulateUntil(pops: readonly Population[], max: number, or: boolean, checkNumerics: NumericsMode): Promise<number> {
    const engine = this.requireEngine();
    const from = this.#step;
    let k = 0;
    while (k < max) {
      await this.#runSteps(engine, 1);
      k++;
      const hits = pops.map((p) => engine.stopCondition(p.id, this.#step));
      if (pops.length > 0 && (or ? hits.some(Boolean) : hits.every(Boolean))) break;
    }
    this.checkValues(from, checkNumerics);
    return k;
  }

  /** Steps of a duration in ms (ceil, tolerant to float error). */
  stepsOf(durationMs: number): number { return stepsOf(durationMs, this.#dt); }

  /** The check of `checkNumerics` after a simulation that started at step `from`. */
  checkValues(from: number, mode: NumericsMode): void {
    if (mode === 'off') return;
    const found = this.#numerics.scan(this.#host.populations, this.#host.projections, mode === 'warn');
    if (found.length === 0) return;
    const messages = found.map((v) => describeNonFinite(v, this.#step, this.#dt, from));
    if (mode === 'error') throw new NetworkError(messages[0] + (found.length > 1 ? ` (${found.length - 1} other variable(s) too)` : ''));
    for (const m of messages) console.warn(`neurarchy: ${m}`);
  }

  /* ---- reset ---- */

  /** Time 0, initial values, spikes and delay rings cleared, monitors emptied (as `ResetRequest` says). */
  reset(options: ResetRequest): void {
    this.requireEngine();
    this.#step = 0;
    const host = this.#host;
    if (options.populations) {
      for (const p of host.populations) this.resetPopulation(p);
      for (const p of host.projections) clearPendingEvents(this.#engine!, p.id);
    }
    if (options.synapses) {
      for (const p of host.projections) {
        this.#restore(p);
        resetSynapseState(this.#plan!, p);
        // Backends keep derived copies of the weights (cpp's inverse-ordered copy): signal the writes
        // (not of arrays still taken out of the state: never written since compile, nothing was restored).
        const st = p.state;
        for (const a of p.description.attributes) if (!(st instanceof SynapseState && st.defers(a.name))) this.attributeWritten(p, 'proj', a.name);
      }
    } else if (options.projections) for (const p of host.projections) this.#restore(p, undefined, (n) => n !== 'w');
    if (options.monitors) for (const m of host.monitors) m.reset();
    // Restored values may diverge again: report them again.
    this.#numerics.clear();
  }

  /** A population back to its initial values (or only `attributes`), spikes and rings cleared. */
  resetPopulation(pop: Population, attributes?: string[]): void {
    if (!this.compiled) return;
    this.#restore(pop, attributes);
    const s = pop.state;
    (s.get('_nspiked') as Int32Array | undefined)?.fill(0);
    (s.get('_last_spike') as Int32Array | undefined)?.fill(-10000);
    (s.get('_refr_left') as Int32Array | undefined)?.fill(0);
    for (const t of this.#plan!.populations[pop.id].sumTargets) (s.get(`_sum_${t}`) as Float64Array).fill(0);
    resizeDelayRings(this.#plan!, pop, this.#plan!.populations[pop.id].maxDelay);
    resetSpecialState(this.#plan!, pop);
  }

  #restore(obj: Population | Projection, attributes?: string[], keep: (n: string) => boolean = () => true): void {
    const snap = this.#initial.get(obj);
    if (!snap) return;
    for (const [name, values] of snap) {
      if (attributes && !attributes.includes(name)) continue;
      if (!keep(name)) continue;
      (obj.state.get(name) as Float64Array).set(values);
    }
  }

  /* ---- what the user changes between runs ---- */

  /** `r` of a spiking population as its firing rate over `windowSteps` steps (before compile: at compile). */
  computeFiringRate(pop: Population, windowSteps: number): void {
    if (!this.#engine) this.#pendingFiringRates.set(pop, windowSteps * this.#dt);
    else this.#firingRates!.set(pop, windowSteps * this.#dt);
  }

  /** After a user write to an attribute (or `proj.delay = …`: `_delay`). */
  attributeWritten(obj: Population | Projection, owner: 'pop' | 'proj', name: string): void {
    if (name === '_delay' && owner === 'proj') { this.#delaysChanged(obj as Projection); return; }
    this.#engine?.attributeWritten?.(owner, obj.id, name);
    // Projections that share this array (Copy, Transpose: src/extensions/convolution) hold it too (device copies).
    const arr = owner === 'proj' ? obj.state.get(name) : undefined;
    if (arr) for (const p of this.#host.projections) if (p !== obj && p.state.get(name) === arr) this.#engine?.attributeWritten?.('proj', p.id, name);
  }

  /**
   * Applies a change of `proj`'s synapses (src/structural/rewire.ts): host arrays rebuilt, the values
   * `reset()` restores gathered the same way, then the engine told as after a user write (delays
   * grown, derived arrays rebuilt, device copies re-uploaded) and the monitors of the projection.
   */
  rewire(proj: Projection, change: ConnectivityChange): void {
    for (const m of this.#host.monitors) m.connectivityChanged(proj, 'before');
    rewireProjection(proj, change, { plan: this.#plan, engine: this.#engine, step: this.#step, initial: this.#initial.get(proj) });
    // The rebuilt arrays are float64: back to the storage precision before any kernel reads them.
    if (this.#plan) storeInPrecision(this.#plan, this.#host.populations, this.#host.projections);
    if (this.#engine) {
      this.#delaysChanged(proj);
      for (const a of proj.description.attributes) this.#engine.attributeWritten?.('proj', proj.id, a.name);
    }
    for (const m of this.#host.monitors) m.connectivityChanged(proj, 'after');
  }

  /** After `proj.delay = …`: new uniform value in the state, rings grown to the new maximum. */
  #delaysChanged(proj: Projection): void {
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

  populationEnabledChanged(pop: Population): void {
    if (this.#enabled.length > pop.id) this.#enabled[pop.id] = pop.enabled ? 1 : 0;
  }

  constantChanged(name: string, value: number): void {
    const i = this.#constantNames.indexOf(name);
    if (i >= 0) this.#constantValues[i] = value;
  }

  /** Frees the engine and replaces every state map by one that refuses use (runtime/dispose.ts). */
  dispose(): void {
    const engine = this.#engine;
    this.#engine = undefined;
    this.#refuseStates(disposedState);
    this.#initial.clear();
    engine?.dispose?.();
  }

  /** Replaces the state map of every population and projection by `refusing(what)` (runtime/dispose.ts). */
  #refuseStates(refusing: (what: string) => Map<string, StateArray>): void {
    for (const p of this.#host.populations) p.state = refusing(`population '${p.name}'`);
    for (const p of this.#host.projections) p.state = refusing(`projection '${p.name}'`);
  }
}
