/**
 * The network's single order of execution (PymoNNto's `sorted_behavior_execution_list`, dossier
 * §2.5): every behaviour of every host in one list sorted by key, ties in insertion order. A new
 * behaviour goes after the last entry whose key is ≤ its own, so hosts created earlier (and
 * behaviours added earlier) run first among equal keys. The list is replaced, never mutated, so a
 * behaviour that adds or removes behaviours during a step does not disturb the running step.
 */
import { optionKeys } from '../core/options.js';
import { hasIteration, type Behavior } from './Behavior.js';
import type { BehaviorHost } from './host.js';

/*
 * The options of running the order (`net.initialize`, `net.simulateIterations`) and its printed
 * form are declared here, below the groups, so that the network's interface in NeuronGroup.ts
 * (`GroupNetwork`) can name them; Network.ts re-exports them.
 */

/** Options of `initialize`. */
export interface InitializeOptions {
  /** Warn (console.warn) about constructor arguments that no behaviour read (default true). */
  warnings?: boolean;
}

/** The keys of {@link InitializeOptions}. */
export const INITIALIZE_OPTIONS = optionKeys<InitializeOptions>()(['warnings']);

/** Options of `simulateIterations`. */
export interface SimulateOptions {
  /** Steps per batch for `onBatch` (default 100). */
  batchSize?: number;
  /** Called after each batch with the steps done so far and the total. */
  onBatch?: (done: number, total: number) => void;
  /** Pause every recorder during this run (PymoNNto `disable_recording`). */
  disableRecording?: boolean;
}

/** The keys of {@link SimulateOptions}. */
export const SIMULATE_OPTIONS = optionKeys<SimulateOptions>()(['batchSize', 'onBatch', 'disableRecording']);

/** One line of `net.describeSchedule()`. */
export interface ScheduleRow {
  key: number;
  host: string;
  behavior: string;
  enabled: boolean;
}

/** One entry of the order. */
export interface ScheduleEntry {
  readonly key: number;
  readonly host: BehaviorHost;
  readonly behavior: Behavior;
  /** False for behaviours whose `iteration` is the no-op default (they are never called). */
  readonly runs: boolean;
}

/** The sorted list, copy-on-write. */
export class Schedule {
  private list: readonly ScheduleEntry[] = [];

  /** The current entries, in order of execution. */
  get entries(): readonly ScheduleEntry[] {
    return this.list;
  }

  /** Inserts after the last entry with a key ≤ `key`. */
  insert(key: number, host: BehaviorHost, behavior: Behavior): void {
    let at = this.list.length;
    while (at > 0 && this.list[at - 1]!.key > key) at--;
    const next = this.list.slice();
    next.splice(at, 0, { key, host, behavior, runs: hasIteration(behavior) });
    this.list = next;
  }

  /** Removes the entry of `behavior` (no-op when absent). */
  remove(behavior: Behavior): void {
    this.list = this.list.filter((e) => e.behavior !== behavior);
  }
}
