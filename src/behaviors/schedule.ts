/**
 * The network's single order of execution (PymoNNto's `sorted_behavior_execution_list`, dossier
 * §2.5): every behaviour of every host in one list sorted by key, ties in insertion order. A new
 * behaviour goes after the last entry whose key is ≤ its own, so hosts created earlier (and
 * behaviours added earlier) run first among equal keys. The list is replaced, never mutated, so a
 * behaviour that adds or removes behaviours during a step does not disturb the running step.
 */
import { hasIteration, type Behavior } from './Behavior.js';
import type { BehaviorHost } from './host.js';

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
