/**
 * What a backend gives the runtime once it has built a network: something that runs steps.
 * The runtime (callbacks, stop conditions, monitors, attribute access) is the same for every backend.
 */
import type { BackendName, NetworkPlan } from '../ir/plan.js';

/** Called by the engine at fixed points of every step (only when something listens). */
export interface StepHooks {
  /** After synaptic transmission, before the neuron update: monitors of `g_target` and `sum(target)`. */
  recordTargets(step: number): void;
  /** After the neuron update and spike emission (firing-rate windows). */
  afterNeurons(step: number): void;
  /** At the end of the step: monitors of variables and spikes. */
  record(step: number): void;
  /** Whether any hook has work; engines may skip calling them. */
  readonly active: boolean;
  /**
   * Whether a hook reads the state of projections (monitors of projections or dendrites): engines
   * that keep the state on a device then read projections back too, not only populations.
   */
  readonly readsProjections?: boolean;
  /**
   * Spike recording that an engine may do natively in batches. When `perStep` is false, the only
   * work of the hooks is recording the spikes of `populations()`: an engine may then skip the three
   * per-step hooks, record those spikes itself, and hand them over with `record` before `run()`
   * returns (for every population, pairs in step order). Engines without it call the hooks.
   */
  readonly spikes?: SpikeBatchHooks;
}

export interface SpikeBatchHooks {
  /** Whether some hook needs calling every step (variables, `sum()`, firing-rate windows). */
  readonly perStep: boolean;
  /**
   * Whether a hook writes the state (firing-rate windows write `r`). When false, the hooks only
   * read: an engine may run a batch of steps, keep copies of the state at the hook points, and call
   * the hooks afterwards on those copies (the webgpu engine does).
   */
  readonly writesState?: boolean;
  /** Ids of the populations whose spikes are being recorded. */
  populations(): number[];
  /** Spikes of population `popId`: `n` pairs (`steps[k]`, `ranks[k]`), steps ascending. */
  record(popId: number, steps: ArrayLike<number>, ranks: ArrayLike<number>, n: number): void;
}

/**
 * The state of one population or projection: its arrays by name (the names of `plan.arrays`).
 * The runtime may replace an array (delay rings that grow); an engine that keeps arrays elsewhere
 * (cpp's native memory) may replace an entry by its own view of the same values.
 */
export type StateMap = Map<string, Float64Array | Float32Array | Int32Array>;

/** A projection's switches, which the user may change between runs; engines read them at each run. */
export interface ProjectionSwitches {
  /** Synaptic transmission on (`proj.transmission`). */
  readonly transmission: boolean;
  /** Synaptic equations on (`proj.update`). */
  readonly update: boolean;
  /** Plasticity on (`proj.plasticity`). */
  readonly plasticity: boolean;
  /** Learning runs every `learningPeriod` steps, at `learningOffset` in the period (`enableLearning`). */
  readonly learningPeriod: number;
  readonly learningOffset: number;
  /** Axonal spikes transmitted (`proj.axonTransmission`). */
  readonly axonTransmission: boolean;
}

/**
 * Everything an engine is built from, as plain data: the plan, the state maps, the shared switch
 * arrays and the hooks; never the user-facing objects (an engine cannot reach a Population).
 */
export interface EngineInput {
  plan: NetworkPlan;
  /** The state maps by population id and by projection id (the same maps the user-facing objects read). */
  state: { readonly populations: readonly StateMap[]; readonly projections: readonly StateMap[] };
  /** Current values of the Constants, in `plan.constants` order (shared, updated in place). */
  constants: Float64Array;
  /** Whether each population is enabled (shared, updated in place). */
  enabled: Uint8Array;
  /** Each projection's switches, by projection id (live: read them when a run starts). */
  switches: readonly ProjectionSwitches[];
  hooks: StepHooks;
  /** The network's number, for messages (`network 2: …`). */
  networkId: number;
}

export interface Engine {
  readonly backend: BackendName;
  /** Runs `count` steps; the first one is step `start`. */
  run(start: number, count: number): void | Promise<void>;
  /** Whether population `popId`'s stop condition holds now. */
  stopCondition(popId: number, step: number): boolean;
  /** A projection's delays changed (values only: the ring sizes may grow). */
  delaysChanged(projId: number): void;
  /** @internal bytes of the arrays the engine keeps outside the state maps (derived copies of the synapses), for memory figures. */
  derivedBytes?(): number;
  /** The user wrote an attribute (backends holding device copies upload it). */
  attributeWritten?(owner: 'pop' | 'proj', id: number, name: string): void;
  /**
   * Why the network's state is undefined, after a run that failed part-way (a wasm worker thread that
   * died or threw during a step); undefined while it is not. The runtime then refuses every later
   * use of the state (reads, writes, save()).
   */
  stateLost?(): string | undefined;
  /** Generated source, for inspection and snapshot tests. */
  readonly source?: string;
  dispose?(): void;
  /**
   * Save/load of spikes in flight that a backend keeps outside the state arrays (variable spike
   * delays): the synapse indices due in 1, 2, … steps as CSR (`ptr` of length slots + 1, `syn`).
   */
  getPendingEvents?(projId: number): { ptr: Int32Array; syn: Int32Array } | undefined;
  setPendingEvents?(projId: number, events: { ptr: Int32Array; syn: Int32Array }): void;
}

/** What `compile()` hands a backend besides the engine input (`compile({ directory, compiler, … })`). */
export interface BackendOptions {
  /** `cpp`: where sources and the library go. */
  directory?: string;
  /** `cpp`: the compiler command. */
  compiler?: string;
  /** `cpp`: extra compiler flags. */
  compilerFlags?: string;
  /** `cpp`: OpenMP threads; `wasm`: threads over a shared memory (Node.js or Web Workers). */
  numThreads?: number;
}

export interface Backend {
  readonly name: BackendName;
  build(input: EngineInput): Promise<Engine>;
}
