/**
 * Per-behaviour timing: which behaviour costs what per iteration (PymoNNto's
 * `simulate_iteration(measure_behavior_execution_time=True)`, which returns `{key: ms}`; here the
 * table says host and behaviour too, since one key usually holds a behaviour of every group).
 *
 * `net.timeBehaviors()` starts a {@link BehaviorTimer}; while it is attached, the network measures
 * every `iteration` call with `performance.now()` (about 0.1 µs each, paid only while timing).
 * A behaviour whose `iteration` returns a Promise is timed until it settles.
 */
import type { Behavior } from './Behavior.js';
import type { BehaviorHost } from './host.js';

/** One row of {@link BehaviorTimer.table}. */
export interface BehaviorTimeRow {
  /** The behaviour's key. */
  key: number;
  /** The host's tag. */
  host: string;
  /** The behaviour, as PymoNNto prints it (`ClassName(k=v)`). */
  behavior: string;
  /** Number of `iteration` calls timed. */
  calls: number;
  /** Total time in ms. */
  totalMs: number;
  /** Mean time per call in µs. */
  perCallUs: number;
  /** Share of the time of all timed behaviours, in [0, 1]. */
  share: number;
}

interface Slot { key: number; host: BehaviorHost; behavior: Behavior; calls: number; ms: number }

type Thenable = PromiseLike<unknown>;
const isThenable = (x: unknown): x is Thenable =>
  typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';

/** Accumulates the time of each behaviour's `iteration` calls. */
export class BehaviorTimer {
  private readonly slots = new Map<Behavior, Slot>();

  /** Runs `behavior.iteration(host)` and adds its duration to the behaviour's total. @internal */
  run(key: number, host: BehaviorHost, behavior: Behavior): void | Promise<void> {
    const t0 = performance.now();
    const r = behavior.iteration(host);
    if (isThenable(r)) {
      return Promise.resolve(r).then(() => { this.add(key, host, behavior, performance.now() - t0); });
    }
    this.add(key, host, behavior, performance.now() - t0);
    return r;
  }

  private add(key: number, host: BehaviorHost, behavior: Behavior, ms: number): void {
    let s = this.slots.get(behavior);
    if (!s) { s = { key, host, behavior, calls: 0, ms: 0 }; this.slots.set(behavior, s); }
    s.calls++;
    s.ms += ms;
  }

  /** Forgets every measurement. */
  reset(): this {
    this.slots.clear();
    return this;
  }

  /** Total ms per key, summed over hosts: PymoNNto's `{key: ms}`. */
  byKey(): Map<number, number> {
    const out = new Map<number, number>();
    for (const s of [...this.slots.values()].sort((a, b) => a.key - b.key)) out.set(s.key, (out.get(s.key) ?? 0) + s.ms);
    return out;
  }

  /** One row per timed behaviour, most expensive first. */
  table(): BehaviorTimeRow[] {
    const rows = [...this.slots.values()];
    const total = rows.reduce((a, s) => a + s.ms, 0);
    return rows
      .map((s) => ({
        key: s.key, host: s.host.tag, behavior: s.behavior.toString(), calls: s.calls, totalMs: s.ms,
        perCallUs: s.calls ? (1000 * s.ms) / s.calls : 0, share: total > 0 ? s.ms / total : 0,
      }))
      .sort((a, b) => b.totalMs - a.totalMs);
  }

  /** The table as aligned text (for `console.log`). */
  format(): string {
    const rows = this.table();
    const head = ['key', 'host', 'behavior', 'calls', 'total ms', 'µs/call', 'share'];
    const cells = rows.map((r) => [String(r.key), r.host, r.behavior.length > 48 ? `${r.behavior.slice(0, 47)}…` : r.behavior,
      String(r.calls), r.totalMs.toFixed(2), r.perCallUs.toFixed(1), `${(100 * r.share).toFixed(1)} %`]);
    const width = head.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c]!.length)));
    const line = (r: string[]): string => r.map((x, c) => (c >= 3 ? x.padStart(width[c]!) : x.padEnd(width[c]!))).join('  ');
    return [line(head), ...cells.map(line)].join('\n');
  }
}
