/**
 * The options of a `Network` (`new Network(config)`, `setup()`, `compile()`, `simulateUntil()`,
 * `reset()`, `enableLearning()`) and their checks: plain data, so that `core/` objects and the
 * ANNarchy-4 functions share them. The `Network` class itself is in `network/Network.ts`: it
 * assembles core/, the runtime, io/ and report/, which `core/` never imports.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, describeValue, optionKeys } from './options.js';
import { UNSUPPORTED_SETUP_OPTIONS } from './annarchy-options.js';
import type { MethodName } from '../equations/description.js';
import type { Population } from './Population.js';

/** The backends: `js` (generated JavaScript), `cpp` (C++/OpenMP), `webgpu` (WGSL). */
export type BackendName = 'js' | 'wasm' | 'cpp' | 'webgpu';

/** What happens when a variable becomes NaN or ±Infinity after a simulation (see {@link NetworkConfig.checkNumerics}). */
export type NumericsMode = 'warn' | 'error' | 'off';

/** The accepted values of {@link NumericsMode}. */
export const NUMERICS_MODES: readonly NumericsMode[] = ['warn', 'error', 'off'];

/** The mode, or a `NetworkError` naming the accepted values. */
export function checkNumericsMode(value: unknown, where: string): NumericsMode {
  if (typeof value === 'string' && (NUMERICS_MODES as readonly string[]).includes(value)) return value as NumericsMode;
  throw new NetworkError(`${where}: checkNumerics must be one of ${NUMERICS_MODES.map((m) => `'${m}'`).join(', ')}, got ${typeof value === 'string' ? `'${value}'` : String(value)}`);
}

/** Settings of a network: `new Network(config)`, `net.config(config)` and `setup(config)` (ANNarchy's `setup()`). */
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
  /** Backend used by `compile()` (default 'wasm'; 'js' where WebAssembly is missing, with a warning). */
  backend?: BackendName;
  /** Threads of the `cpp` and `wasm` backends: an integer ≥ 1 (default 1; the same results whatever the number). */
  numThreads?: number;
  /** Progress bar of long `simulate()` calls in a terminal (default true; never under tests or without a TTY). */
  progress?: boolean;
  /**
   * After every `simulate()`/`simulateUntil()`, scan the variables for NaN and ±Infinity (one pass,
   * src/runtime/numerics.ts): 'warn' (default) warns once per variable, 'error' throws a
   * `NetworkError`, 'off' skips the scan. May be changed after compile.
   */
  checkNumerics?: NumericsMode;
  /**
   * Allows structural plasticity (default false, as ANNarchy's `structural_plasticity`): creating and
   * pruning synapses, by hand (`proj.createSynapse`, `dendrite.pruneSynapse`, …) or by the `creating`
   * and `pruning` rules of a Synapse (`proj.startCreating()`, `proj.startPruning()`). Projections then
   * keep one weight per synapse. Set before the projections are connected.
   */
  structuralPlasticity?: boolean;
  /**
   * Storage precision of the models' real-valued attributes (ANNarchy's `precision`): 'float64'
   * (default) or 'float32' (also spelled 'double' and 'float', as ANNarchy does). In float32, the
   * float attributes of every population and projection, weights included, are stored as float32
   * from `compile()` on: a value is rounded to the nearest float32 each time it is written, while
   * every expression is still computed in float64, so js, wasm and cpp give the same bits and the
   * weights take half the memory and memory traffic. Integer and boolean attributes keep their
   * values; webgpu computes in float32 in any case. Set before compile().
   */
  precision?: Precision | 'float' | 'double';
}

/**
 * Storage precision of the models' float attributes (see {@link NetworkConfig.precision}): with
 * 'float32' they are Float32Arrays from compile() on; every expression is still computed in float64
 * and rounded when stored, the same on every CPU backend.
 */
export type Precision = 'float64' | 'float32';

/** The accepted spellings of {@link NetworkConfig.precision}, ANNarchy's included. */
export const PRECISIONS: Readonly<Record<string, Precision>> = { float64: 'float64', double: 'float64', float32: 'float32', float: 'float32' };

/** The precision a configured spelling means, or a `NetworkError` naming the accepted spellings. */
export function checkPrecision(value: unknown, where: string): Precision {
  const p = typeof value === 'string' ? PRECISIONS[value] : undefined;
  if (p && Object.hasOwn(PRECISIONS, value as string)) return p;
  throw new NetworkError(`${where}: precision must be one of ${Object.keys(PRECISIONS).map((k) => `'${k}'`).join(', ')}, got ${describeValue(value)}`);
}

/** The keys of {@link NetworkConfig} (`setup()`, `new Network()`, `net.config()`). */
export const NETWORK_CONFIG_OPTIONS = optionKeys<NetworkConfig>()(['dt', 'seed', 'method', 'backend', 'numThreads', 'progress', 'checkNumerics', 'structuralPlasticity', 'precision']);

/** Options of `net.compile()` and `compile()`. */
export interface CompileOptions {
  /** The backend for this compilation (default: the network's `backend`). */
  backend?: BackendName;
  /** `cpp`: where sources and the library go. */
  directory?: string;
  /** `cpp`: the C++ compiler command (default: `g++`, else `clang++`). */
  compiler?: string;
  /** `cpp`: the optimisation flags, replacing the defaults. */
  compilerFlags?: string;
  /** `cpp` and `wasm`: threads (default: the network's `numThreads`). */
  numThreads?: number;
  /** Accepted for ANNarchy's `compile(silent=True)`: `compile()` prints nothing in any case. */
  silent?: boolean;
}

/** The keys of {@link CompileOptions}. */
export const COMPILE_OPTIONS = optionKeys<CompileOptions>()(['backend', 'directory', 'compiler', 'compilerFlags', 'numThreads', 'silent']);

/** Options of `net.simulateUntil()` (ANNarchy's `simulate_until`). */
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

/** The numerical methods `method` accepts (every {@link MethodName}). */
export const METHODS = optionKeys<Record<MethodName, unknown>>()(['explicit', 'implicit', 'semiimplicit', 'exponential', 'midpoint', 'rk4', 'event-driven']);
/** The backends `backend` accepts. */
export const BACKENDS = optionKeys<Record<BackendName, unknown>>()(['js', 'wasm', 'cpp', 'webgpu']);

/** A step size in ms: finite and > 0. */
export function checkDt(dt: number): number {
  if (typeof dt !== 'number' || !(dt > 0) || !Number.isFinite(dt)) throw new NetworkError(`dt must be a positive number of ms, got ${describeValue(dt)}`);
  return dt;
}

/** Checks every key and value of a configuration before anything is changed. */
export function checkConfig(config: NetworkConfig, where: string): void {
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
  if (config.precision !== undefined) checkPrecision(config.precision, where);
  if (config.structuralPlasticity !== undefined && typeof config.structuralPlasticity !== 'boolean') {
    throw new NetworkError(`${where}: structuralPlasticity must be true or false, got ${describeValue(config.structuralPlasticity)}`);
  }
}

/** Seeds are integers ≥ 0 (used modulo 2^32): 1.5 would silently give the stream of 1. */
export function checkSeed(seed: unknown, where: string): void {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new NetworkError(`${where}: seed must be an integer ≥ 0 (used modulo 2^32), got ${describeValue(seed)}`);
  }
}

export function checkThreads(n: unknown, where: string): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new NetworkError(`${where}: numThreads must be an integer ≥ 1, got ${describeValue(n)}`);
  }
}

export function checkChoice(value: unknown, choices: readonly string[], where: string, key: string): void {
  if (typeof value !== 'string' || !choices.includes(value)) {
    throw new NetworkError(`${where}: ${key} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describeValue(value)}`);
  }
}

/** A duration or time in ms: finite and ≥ 0 (Infinity would loop for ever, NaN runs nothing). */
export function checkDuration(value: unknown, where: string, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new NetworkError(`${where}: ${what} must be a finite number of ms ≥ 0, got ${describeValue(value)}`);
  }
}
