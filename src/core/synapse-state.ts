/**
 * The state map of a projection. A backend may keep some of its arrays in another form between
 * runs: the cpp backend frees a static projection's post-major synapse arrays (pre ranks, weights,
 * the derived indices), whose values its spike walk holds in pre-major copies, and writes them back
 * when they are needed. Every read of the map (`get`, `has`, `delete` of one of those names, any
 * iteration) puts them back first, so the runtime, monitors, save() and the user-facing getters
 * never see the difference: only the memory they took is gone while nothing reads them. (`size`
 * counts the arrays held now.)
 */
import type { StateArray } from './values.js';

export class SynapseState extends Map<string, StateArray> {
  /** The names taken out, the backend's function that puts them back (`set`), and the map's order before. */
  #deferred?: { names: ReadonlySet<string>; restore: () => void; order: string[] };
  readonly #onDefer?: (names: ReadonlySet<string>) => void;
  /** Called once, after the next time the deferred arrays are put back. */
  #afterRestore: (() => void)[] = [];

  /** `onDefer`: told which names a backend took out (the projection then reads its pre ranks through the map). */
  constructor(onDefer?: (names: ReadonlySet<string>) => void) {
    super();
    this.#onDefer = onDefer;
  }

  /**
   * @internal (backends) takes `names` out of the map; the first read that needs them calls
   * `restore`, which must `set` every one of them again (or throw, leaving them deferred).
   */
  defer(names: readonly string[], restore: () => void): void {
    this.#ensure();
    const order = [...super.keys()];
    for (const n of names) super.delete(n);
    const set = new Set(names);
    this.#deferred = { names: set, restore, order };
    this.#onDefer?.(set);
  }

  /** @internal (backends) whether arrays are taken out now. */
  get deferred(): boolean { return this.#deferred !== undefined; }

  /** @internal whether `name` is taken out now. */
  defers(name: string): boolean { return this.#deferred?.names.has(name) ?? false; }

  /**
   * @internal `fn` runs once, right after the deferred arrays are next put back: before any write
   * into them (a write reads the array from this map first). The runtime copies its reset() values then.
   */
  afterRestore(fn: () => void): void { this.#afterRestore.push(fn); }

  /** @internal (backends) puts the deferred arrays back now. */
  undefer(): void { this.#ensure(); }

  /** @internal (backends) an array as the map holds it now, without putting deferred ones back. */
  peek(name: string): StateArray | undefined { return super.get(name); }

  /** Puts the deferred arrays back where `name` is one of them (any name: undefined). */
  #ensure(name?: string): void {
    const d = this.#deferred;
    if (!d || (name !== undefined && !d.names.has(name))) return;
    // Not deferred while `restore` sets them (its `set`s must not restore again); still deferred if it throws.
    this.#deferred = undefined;
    try {
      d.restore();
    } catch (e) {
      this.#deferred = d;
      throw e;
    }
    // The order the map had (what save() writes, what iteration sees), whatever was set meanwhile after it.
    const entries = new Map(super.entries());
    super.clear();
    for (const k of [...d.order, ...entries.keys()]) if (entries.has(k) && !super.has(k)) super.set(k, entries.get(k)!);
    const after = this.#afterRestore;
    this.#afterRestore = [];
    for (const fn of after) fn();
  }

  override get(name: string): StateArray | undefined { this.#ensure(name); return super.get(name); }
  // A write of a deferred name puts the others back first: a later restore would overwrite it.
  override set(name: string, value: StateArray): this { this.#ensure(name); return super.set(name, value); }
  override clear(): void { this.#ensure(); super.clear(); }
  override has(name: string): boolean { this.#ensure(name); return super.has(name); }
  override delete(name: string): boolean { this.#ensure(name); return super.delete(name); }
  override keys(): MapIterator<string> { this.#ensure(); return super.keys(); }
  override values(): MapIterator<StateArray> { this.#ensure(); return super.values(); }
  override entries(): MapIterator<[string, StateArray]> { this.#ensure(); return super.entries(); }
  override forEach(fn: (value: StateArray, key: string, map: Map<string, StateArray>) => void, thisArg?: unknown): void { this.#ensure(); super.forEach(fn, thisArg); }
  override [Symbol.iterator](): MapIterator<[string, StateArray]> { this.#ensure(); return super[Symbol.iterator](); }
}
