/**
 * ANNarchy-4-style module functions acting on the default network, so that scripts written as in
 * the seeds (`new Population(...)`, `compile()`, `simulate(1000)`) run unchanged.
 */
import { NetworkError } from '../errors.js';
import { Network, type NetworkConfig, type CompileOptions, type SimulateUntilOptions } from './Network.js';
import { defaultNetwork, resetDefaultNetwork } from './default-network.js';
import type { EveryOptions } from '../runtime/callbacks.js';
import type { Projection } from './Projection.js';
import type { Population } from './Population.js';
import { clearFunctions } from './functions.js';
import { clearGlobalConstants } from './Constant.js';
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
export function compile(options?: CompileOptions): Promise<void> { return magicNetwork().compile(options); }
export function simulate(duration: number): Promise<void> { return magicNetwork().simulate(duration); }
export function simulateUntil(options: SimulateUntilOptions): Promise<number> { return magicNetwork().simulateUntil(options); }
export function step(): Promise<void> { return magicNetwork().step(); }
export function reset(options?: Parameters<Network['reset']>[0]): void { magicNetwork().reset(options); }
export function every(options: EveryOptions, fn: (n: number) => unknown) { return magicNetwork().every(options, fn); }
export function enableCallbacks(): void { magicNetwork().enableCallbacks(); }
export function disableCallbacks(): void { magicNetwork().disableCallbacks(); }
export function callbacksEnabled(): boolean { return magicNetwork().callbacksEnabled(); }
export function clearAllCallbacks(): void { magicNetwork().clearAllCallbacks(); }
export function getTime(): number { return magicNetwork().getTime(); }
export function setTime(t: number): void { magicNetwork().setTime(t); }
export function getCurrentStep(): number { return magicNetwork().getCurrentStep(); }
export function setCurrentStep(s: number): void { magicNetwork().setCurrentStep(s); }
export function enableLearning(projections?: Projection[], options?: { period?: number; offset?: number }): void { magicNetwork().enableLearning(projections, options); }
export function disableLearning(projections?: Projection[]): void { magicNetwork().disableLearning(projections); }
export function getPopulation(name: string): Population | undefined { return magicNetwork().getPopulation(name); }
export function getProjection(name: string): Projection | undefined { return magicNetwork().getProjection(name); }
export function populations(): Population[] { return magicNetwork().populations; }
export function projections(): Projection[] { return magicNetwork().projections; }
export function dt(): number { return magicNetwork().dt; }
/** Saves the default network (`.npz`, or JSON for `.json`; Node). Keys: src/io/network-io.ts. */
export function save(filename: string, selection?: SaveSelection): Promise<void> { return magicNetwork().save(filename, selection); }
/** Loads the default network from a file written by `save`; throws and changes nothing on a mismatch. */
export function load(filename: string, selection?: SaveSelection): Promise<void> { return magicNetwork().load(filename, selection); }
export function saveParameters(filename: string): Promise<void> { return magicNetwork().saveParameters(filename); }
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
