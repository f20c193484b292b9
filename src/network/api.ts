/**
 * ANNarchy-4-style module functions acting on the default network, so that scripts written as in
 * the seeds (`new Population(...)`, `compile()`, `simulate(1000)`) run unchanged.
 */
import { NetworkError } from '../errors.js';
import { Network, type NetworkConfig, type CompileOptions, type SimulateUntilOptions } from './Network.js';
import { defaultNetwork, resetDefaultNetwork } from '../core/default-network.js';
import type { EveryOptions } from '../runtime/callbacks.js';
import type { Projection } from '../core/Projection.js';
import type { Population } from '../core/Population.js';
import { clearFunctions } from '../core/functions.js';
import { clearGlobalConstants } from '../core/Constant.js';
import type { SaveSelection } from '../io/network-io.js';
import type { ReportOptions } from '../report/index.js';

/** The default network. */
export function magicNetwork(): Network {
  return defaultNetwork() as Network;
}

/** Configures the default network: `setup({ dt: 0.1, seed: 42 })`. */
export function setup(config: NetworkConfig): void { magicNetwork().config(config); }

/**
 * Seeds every random number of the default network (ANNarchy's `set_seed(seed)`; same as
 * `setup({ seed })`). Before `compile()`: the seed is part of what compile sets up.
 */
export function setSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new NetworkError(`setSeed(): the seed must be a non-negative integer, got ${String(seed)}`);
  if (magicNetwork().compiled) throw new NetworkError('setSeed(): the default network is already compiled; call setSeed() before compile() (or use new Network({ seed }))');
  magicNetwork().config({ seed });
}
/** Generates and loads the code of the default network (ANNarchy's `compile()`); `options.backend` picks wasm (default), js, cpp or webgpu. */
export function compile(options?: CompileOptions): Promise<void> { return magicNetwork().compile(options); }
/** Simulates the default network for `duration` ms (rounded up to whole steps). */
export function simulate(duration: number): Promise<void> { return magicNetwork().simulate(duration); }
/**
 * Simulates the default network until the populations' stop conditions hold (`stopCondition`,
 * ANNarchy's `stop_condition`) or `maxDuration` ms pass; resolves to the simulated duration in ms.
 */
export function simulateUntil(options: SimulateUntilOptions): Promise<number> { return magicNetwork().simulateUntil(options); }
/** Simulates the default network for one step. */
export function step(): Promise<void> { return magicNetwork().step(); }
/** Sets the default network's time to 0 and its values back to those at `compile()` (ANNarchy's `reset()`; options: `Network.reset`). */
export function reset(options?: Parameters<Network['reset']>[0]): void { magicNetwork().reset(options); }
/** Calls `fn(n)` every `period` ms during `simulate()` of the default network (ANNarchy's `@every`). */
export function every(options: EveryOptions, fn: (n: number) => unknown) { return magicNetwork().every(options, fn); }
/** Turns the `every()` callbacks of the default network back on. */
export function enableCallbacks(): void { magicNetwork().enableCallbacks(); }
/** Stops calling the `every()` callbacks of the default network (they stay registered). */
export function disableCallbacks(): void { magicNetwork().disableCallbacks(); }
/** Whether the default network calls its `every()` callbacks. */
export function callbacksEnabled(): boolean { return magicNetwork().callbacksEnabled(); }
/** Removes every `every()` callback of the default network. */
export function clearAllCallbacks(): void { magicNetwork().clearAllCallbacks(); }
/** Current time of the default network, in ms. */
export function getTime(): number { return magicNetwork().getTime(); }
/** Sets the current time of the default network (ms, rounded to the nearest step). */
export function setTime(t: number): void { magicNetwork().setTime(t); }
/** Current step of the default network. */
export function getCurrentStep(): number { return magicNetwork().getCurrentStep(); }
/** Sets the current step of the default network. */
export function setCurrentStep(s: number): void { magicNetwork().setCurrentStep(s); }
/** Turns learning on in `projections` (all when omitted), optionally every `period` ms from `offset`. */
export function enableLearning(projections?: Projection[], options?: { period?: number; offset?: number }): void { magicNetwork().enableLearning(projections, options); }
/** Turns learning off in `projections` (all when omitted), as `proj.disableLearning()` does. */
export function disableLearning(projections?: Projection[]): void { magicNetwork().disableLearning(projections); }
/** The population of the default network named `name`, if any. */
export function getPopulation(name: string): Population | undefined { return magicNetwork().getPopulation(name); }
/** The projection of the default network named `name`, if any. */
export function getProjection(name: string): Projection | undefined { return magicNetwork().getProjection(name); }
/** The populations of the default network, in creation order. */
export function populations(): Population[] { return magicNetwork().populations; }
/** The projections of the default network, in creation order. */
export function projections(): Projection[] { return magicNetwork().projections; }
/** The step size of the default network, in ms. */
export function dt(): number { return magicNetwork().dt; }
/** Saves the default network (`.npz`, or JSON for `.json`; Node). Keys: src/io/network-io.ts. */
export function save(filename: string, selection?: SaveSelection): Promise<void> { return magicNetwork().save(filename, selection); }
/** Loads the default network from a file written by `save`; throws and changes nothing on a mismatch. */
export function load(filename: string, selection?: SaveSelection): Promise<void> { return magicNetwork().load(filename, selection); }
/** Writes the parameters of the default network's populations and projections as JSON (Node; ANNarchy's `save_parameters`). */
export function saveParameters(filename: string): Promise<void> { return magicNetwork().saveParameters(filename); }
/** Sets the default network's parameters from a file written by `saveParameters` (ANNarchy's `load_parameters`). */
export function loadParameters(filename: string): Promise<void> { return magicNetwork().loadParameters(filename); }
/** Writes a report of the default network (Markdown, or LaTeX for `.tex`). */
export function report(options: ReportOptions): Promise<string> { return magicNetwork().report(options); }

/**
 * Forgets everything: a fresh default network, no global functions, no global constants
 * (ANNarchy's `clear()`, useful between scripts or tests).
 */
export function clear(): void {
  resetDefaultNetwork();
  clearFunctions();
  clearGlobalConstants();
}
