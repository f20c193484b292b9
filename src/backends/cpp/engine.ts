/**
 * The `cpp` engine: generated C++ built into a shared library, state in C memory.
 *
 * Memory: every array a kernel uses lives in C memory (64-byte aligned), and the population's or
 * projection's `state` map holds a typed-array *view* of it, so the runtime, the monitors and the
 * user read and write the kernels' memory with no copy. The runtime sometimes puts a new array in a
 * map (delay rings grown or reset, new spike times of a SpikeSourceArray, new TimedArray blocks):
 * before every run the engine compares each map entry with the view it bound, and adopts any new
 * array (copy into fresh C memory, view back into the map). Constants, enabled flags and the
 * projections' switches are copied into C memory before every run.
 *
 * An array of more than `viewLimit.bytes` (4 GiB: koffi aborts the process for a larger view) lives
 * in JavaScript memory instead: a typed array of its own, whose data's address C keeps (V8 never
 * moves the data of a typed array that large). The engine holds it in `#bound` for as long as C may
 * use it, and never frees it in C: the collector does, once no map, no user and no engine holds it.
 *
 * Steps: with no active hook a whole stretch runs in one native call. When monitors record only
 * spikes, it still does, and the library logs the spikes of the recorded populations into growable
 * native buffers that the engine hands to the monitors after the call. Otherwise (variables,
 * `sum()`, firing-rate windows) the engine calls the three native stages of each step and the
 * hooks between them.
 */
import { warnIfOversubscribed } from '../thread-count.js';
import type { Backend, BackendOptions, Engine, EngineInput } from '../../runtime/engine.js';
import { generateCpp, NET_SLOTS } from './generate.js';
import { buildLibrary, type BuiltLibrary } from './toolchain.js';
import { loadLibrary, viewLimit, type NativeLibrary } from './loader.js';
import { hasSpikeRing } from '../kernels/synapse-loops.js';
import { FLAGS_PER_PROJECTION, writeProjectionFlags } from '../kernels/switches.js';
import type { ArraySlot } from './arrays.js';
import { checkFits, formatBytes } from '../../runtime/memory.js';
import { InternalError, NetworkError } from '../../errors.js';
import { SynapseState } from '../../core/synapse-state.js';
import { RESTORED_ARRAYS } from './projection.js';

type Typed = Float64Array | Float32Array | Int32Array | Uint8Array;
const CTORS = { f64: Float64Array, f32: Float32Array, i32: Int32Array, u8: Uint8Array } as const;

/** One block of C memory: freed once, by `dispose()` or when no view of it is reachable any more. */
interface Allocation { lib: NativeLibrary; ptr: unknown; freed: boolean; live?: Set<Allocation> }

function freeAllocation(a: Allocation): void {
  if (a.freed) return;
  a.freed = true;
  a.live?.delete(a);
  a.lib.free(a.ptr);
}

/** Frees C memory once no view of it is reachable any more. */
const registry = new FinalizationRegistry<Allocation>(freeAllocation);

/** Frees the native network (rings, inverse arrays, spike logs) of an engine collected without `dispose()`. */
const networks = new FinalizationRegistry<{ lib: NativeLibrary; net: unknown }>(({ lib, net }) => lib.destroy(net));

export interface CppEngineInfo {
  library: BuiltLibrary;
  threads: number;
  /** Seconds spent generating the source. */
  generateSeconds: number;
  /** Projections whose post-major synapse arrays the engine may free between runs (`GeneratedSource.compact`). */
  compact?: readonly number[];
}

/** Whether every dendrite lists its pre-synaptic ranks in ascending order (what `nx_restore` writes back). */
function ascendingDendrites(rowPtr: Int32Array, preRanks: Int32Array): boolean {
  for (let i = 0; i + 1 < rowPtr.length; i++) {
    for (let k = rowPtr[i] + 1; k < rowPtr[i + 1]; k++) if (preRanks[k] < preRanks[k - 1]) return false;
  }
  return true;
}

/** A compact projection: the slots of its {@link RESTORED_ARRAYS}, and their lengths while they are freed. */
interface CompactArrays { map: SynapseState; slots: number[]; rowPtrSlot: number; freed?: number[] }

/** Arrays this small may live in V8's heap, which moves them: always copied into C memory. */
const LEND_MIN_BYTES = 4096;

export class CppEngine implements Engine {
  readonly backend = 'cpp' as const;
  readonly source: string;
  readonly info: CppEngineInfo;
  readonly #lib: NativeLibrary;
  readonly #net: unknown;
  readonly #input: EngineInput;
  readonly #slots: ArraySlot[];
  /** The view bound to each slot. */
  readonly #bound: (Typed | undefined)[];
  /** Views this engine created, with their C pointer (for an array in JavaScript memory: the array itself, which koffi passes as its data's address). */
  readonly #owned = new WeakMap<Typed, unknown>();
  /** Arrays already adopted, by the original JS array (the same array in two maps gets one copy). */
  readonly #adopted = new WeakMap<Typed, Typed>();
  /** Whether the derived arrays (inverse post ranks, inverse-ordered weights) must be rebuilt before the next run. */
  #stale = true;
  /** The C block of each view this engine made in C memory (what freeing a compact projection's arrays frees). */
  readonly #blocks = new WeakMap<Typed, Allocation>();
  /** Views whose C memory was freed while the engine lives (a compact projection's arrays): never bound again. */
  readonly #freedViews = new WeakSet<Typed>();
  /**
   * Compact projections by id: after each `prepare` their post-major synapse arrays are freed (the
   * spike walk reads its pre-major copies, which hold every value) and the state map defers them;
   * the first read of one, or the next `prepare`, writes them back (`nx_restore`).
   */
  readonly #compact = new Map<number, CompactArrays>();
  /** The compact projection each of their slots belongs to. */
  readonly #compactBySlot = new Map<number, CompactArrays>();
  /**
   * JavaScript arrays of compact projections bound as they are for one prepare, not copied into C
   * memory (that prepare reads them; then they are dropped, or copied where they must stay): a
   * network's synapses are then never in memory three times while it compiles.
   */
  readonly #lent = new WeakSet<Typed>();
  /** C memory not freed yet (what `dispose()` frees; the collector frees blocks whose views died). */
  readonly #live = new Set<Allocation>();
  #disposed = false;

  constructor(input: EngineInput, lib: NativeLibrary, source: string, slots: ArraySlot[], info: CppEngineInfo) {
    this.#input = input;
    this.#lib = lib;
    this.source = source;
    this.#slots = slots;
    this.info = info;
    if (lib.numSlots() !== slots.length) throw new InternalError('cpp backend: the library does not match the generated slot table');
    // The state is copied into C memory (the JS arrays are dropped afterwards): both exist at once.
    let bytes = 0;
    for (let k = 3; k < slots.length; k++) bytes += (this.#map(slots[k]).get(slots[k].name) as Typed | undefined)?.byteLength ?? 0;
    checkFits(bytes, 'cpp backend: the copy of the network\'s state into native memory', "Use a smaller model, or the js backend (compile({ backend: 'js' })), which needs no copy.");
    this.#net = lib.create();
    // The engine is the unregister token: `dispose()` frees the same native network itself.
    networks.register(this, { lib, net: this.#net }, this);
    lib.setSeed(this.#net, input.plan.seed);
    this.#bound = new Array(slots.length).fill(undefined);
    // The engine's own arrays.
    this.#bindOwn(NET_SLOTS.constants, new Float64Array(Math.max(1, input.constants.length)));
    this.#bindOwn(NET_SLOTS.enabled, new Uint8Array(Math.max(1, input.enabled.length)));
    this.#bindOwn(NET_SLOTS.flags, new Int32Array(Math.max(1, FLAGS_PER_PROJECTION * input.switches.length)));
    for (const id of info.compact ?? []) this.#makeCompact(id);
    this.#sync();
  }

  /**
   * Zeroed memory for `length` elements that C can use; `what` names the array for the message when
   * the system refuses it. C memory with a view over it, or, beyond koffi's view limit, a typed
   * array in JavaScript memory (no `block`: nothing to free in C).
   */
  #allocView(type: ArraySlot['type'], length: number, what: string): { view: Typed; ptr: unknown; block?: Allocation } {
    const Ctor = CTORS[type];
    const bytes = length * Ctor.BYTES_PER_ELEMENT;
    const refused = () => new NetworkError(`cpp backend, network ${this.#input.networkId}: the system refused ${formatBytes(bytes)} of ${bytes > viewLimit.bytes ? 'memory' : 'native memory'} for ${what} (out of memory). `
      + "Free memory (dispose() networks no longer used), use a smaller model, or the js backend (compile({ backend: 'js' })).");
    if (bytes > viewLimit.bytes) {
      let view: Typed;
      try {
        view = new Ctor(length);
      } catch (e) {
        // V8 throws a RangeError when it cannot allocate the buffer: the same case as a null from alloc.
        if (e instanceof RangeError) throw refused();
        throw e;
      }
      this.#owned.set(view, view);
      return { view, ptr: view };
    }
    const ptr = this.#lib.alloc(bytes);
    // Reachable by a user: a model that fits the estimate of checkFits but not the memory left now.
    if (!ptr) throw refused();
    const buffer = this.#lib.view(ptr, Math.max(8, bytes));
    const view = new Ctor(buffer, 0, length);
    const a: Allocation = { lib: this.#lib, ptr, freed: false, live: this.#live };
    this.#live.add(a);
    registry.register(buffer, a, a);
    this.#owned.set(view, ptr);
    this.#blocks.set(view, a);
    return { view, ptr, block: a };
  }

  /** C memory for one call's temporary arrays, freed by `use`'s end (not left to the collector). */
  #withTemp<T>(type: ArraySlot['type'], length: number, use: (t: { view: Typed; ptr: unknown }) => T): T {
    const t = this.#allocView(type, length, 'a temporary array of spike events');
    try {
      return use(t);
    } finally {
      if (t.block) { registry.unregister(t.block); freeAllocation(t.block); }
    }
  }

  #bindOwn(slot: number, initial: Typed): void {
    const { view, ptr } = this.#allocView(this.#slots[slot].type, initial.length, `the network's array '${this.#slots[slot].name}'`);
    view.set(initial as never);
    this.#bound[slot] = view;
    this.#lib.bind(this.#net, slot, ptr, view.length);
  }

  /** `array 'r' of population 'pop0'`, for messages. */
  #describe(s: ArraySlot): string {
    const owner = s.owner === 'pop' ? this.#input.plan.populations[s.id] : this.#input.plan.projections[s.id];
    return `array '${s.name}' of ${s.owner === 'pop' ? 'population' : 'projection'} '${owner?.name ?? s.id}'`;
  }

  #map(s: ArraySlot): Map<string, unknown> {
    return (s.owner === 'pop' ? this.#input.state.populations[s.id] : this.#input.state.projections[s.id]) as Map<string, unknown>;
  }

  /** Copies the runtime's switches into C memory and adopts every array the runtime replaced. */
  #sync(): void {
    const input = this.#input;
    (this.#bound[NET_SLOTS.constants] as Float64Array).set(input.constants);
    (this.#bound[NET_SLOTS.enabled] as Uint8Array).set(input.enabled);
    const flags = this.#bound[NET_SLOTS.flags] as Int32Array;
    writeProjectionFlags(input.switches, flags);
    for (let k = 3; k < this.#slots.length; k++) {
      const s = this.#slots[k];
      const map = this.#map(s);
      const compact = this.#compactBySlot.get(k);
      // A compact projection's freed arrays: written back before any prepare (below) or read.
      if (compact?.freed) continue;
      const arr = map.get(s.name) as Typed | undefined;
      if (arr === this.#bound[k]) continue;
      if (arr === undefined) throw new InternalError(`cpp backend: array '${s.name}' of ${s.owner} ${s.id} does not exist`);
      const Ctor = CTORS[s.type];
      if (!(arr instanceof Ctor)) throw new InternalError(`cpp backend: array '${s.name}' of ${s.owner} ${s.id} is a ${arr.constructor.name}, expected ${Ctor.name}`);
      if (this.#freedViews.has(arr)) throw new InternalError(`cpp backend: the freed ${this.#describe(s)} was put back in its state map`);
      let view = this.#owned.has(arr) ? arr : this.#adopted.get(arr);
      if (view && this.#freedViews.has(view)) view = undefined;
      this.#stale = true;
      if (!view && compact && arr.byteLength >= LEND_MIN_BYTES) {
        // Read in place by this sync's prepare (a synchronous call: nothing moves or collects it meanwhile).
        this.#lent.add(arr);
        this.#bound[k] = arr;
        this.#lib.bind(this.#net, k, arr, arr.length);
        continue;
      }
      this.#adopt(k, map, arr, view);
    }
    if (this.#stale) {
      // prepare reads the post-major arrays: write back the freed ones first, free them again after.
      for (const c of this.#compact.values()) c.map.undefer();
      this.#lib.prepare(this.#net);
      this.#stale = false;
      for (const id of this.#compact.keys()) this.#freeCompact(id);
    }
  }

  /** Binds slot `k` to `view`, or to a copy of `arr` in C memory: the state map holds what is bound. */
  #adopt(k: number, map: Map<string, unknown>, arr: Typed, view?: Typed): void {
    const s = this.#slots[k];
    if (!view) {
      view = this.#allocView(s.type, arr.length, this.#describe(s)).view;
      view.set(arr as never);
      this.#adopted.set(arr, view);
    }
    map.set(s.name, view);
    this.#bound[k] = view;
    this.#lib.bind(this.#net, k, this.#owned.get(view), view.length);
  }

  /** Makes projection `id` compact where its connectivity allows writing its arrays back exactly. */
  #makeCompact(id: number): void {
    const map = this.#input.state.projections[id];
    if (!(map instanceof SynapseState)) return;
    const slotOf = (name: string) => this.#slots.findIndex((s) => s.owner === 'proj' && s.id === id && s.name === name);
    const slots = RESTORED_ARRAYS.map(slotOf), rowPtrSlot = slotOf('_row_ptr');
    if (slots.some((k) => k < 0) || rowPtrSlot < 0) return;
    const c: CompactArrays = { map, slots, rowPtrSlot };
    this.#compact.set(id, c);
    for (const k of slots) this.#compactBySlot.set(k, c);
  }

  /**
   * Frees the post-major arrays of compact projection `id` (after a prepare: its pre-major copies
   * hold every value): arrays this engine holds in C memory or lent for the prepare, each bound to
   * one slot, where every dendrite lists its pre ranks in ascending order (what `nx_restore` writes
   * back; checked at every free, as a load() may bring other connectivity). Else lent arrays are copied.
   */
  #freeCompact(id: number): void {
    const c = this.#compact.get(id)!;
    if (c.freed) return;
    const views = c.slots.map((k) => this.#bound[k]);
    const alone = (v: Typed | undefined) => v !== undefined && (this.#blocks.has(v) || this.#lent.has(v)) && this.#bound.indexOf(v) === this.#bound.lastIndexOf(v);
    const rowPtr = this.#bound[c.rowPtrSlot], preRanks = views[0];
    if (!views.every(alone) || !(rowPtr instanceof Int32Array) || !(preRanks instanceof Int32Array) || preRanks.length === 0 || !ascendingDendrites(rowPtr, preRanks)) {
      c.slots.forEach((k, i) => { if (this.#lent.has(views[i]!)) { this.#lent.delete(views[i]!); this.#adopt(k, c.map, views[i]!); } });
      return;
    }
    c.map.defer(RESTORED_ARRAYS, this.#restorer(id));
    c.freed = views.map((v) => v!.length);
    c.slots.forEach((k, i) => {
      const v = views[i]!;
      this.#lib.bind(this.#net, k, null, 0);
      this.#bound[k] = undefined;
      // A lent array is the user's or the runtime's JavaScript memory: only dropped from the map.
      if (this.#lent.delete(v)) return;
      const block = this.#blocks.get(v)!;
      this.#freedViews.add(v);
      registry.unregister(block);
      freeAllocation(block);
    });
  }

  /**
   * The state map's function that writes projection `id`'s arrays back, made in a scope of its own:
   * a closure made in `#freeCompact` would share its context, which holds the freed views' arrays.
   */
  #restorer(id: number): () => void {
    return () => this.#restoreCompact(id);
  }

  /** Writes compact projection `id`'s freed arrays back into fresh C memory (`nx_restore`) and into its state map. */
  #restoreCompact(id: number): void {
    const c = this.#compact.get(id)!;
    const what = `projection '${this.#input.plan.projections[id].name}'`;
    if (this.#disposed) throw new NetworkError(`${what} belongs to a network that was disposed (net.dispose()): its synapses are freed.`);
    if (!c.freed) return;
    const made: { view: Typed; ptr: unknown; block?: Allocation }[] = [];
    try {
      c.slots.forEach((k, i) => {
        const m = this.#allocView(this.#slots[k].type, c.freed![i], this.#describe(this.#slots[k]));
        made.push(m);
        this.#lib.bind(this.#net, k, m.ptr, m.view.length);
      });
      if (this.#lib.restore(this.#net, id) !== 0) {
        throw new NetworkError(`cpp backend, network ${this.#input.networkId}: the system refused memory to write back the synapses of ${what} (out of memory). Free memory (dispose() networks no longer used), or use a smaller model.`);
      }
    } catch (e) {
      for (const [i, m] of made.entries()) {
        this.#lib.bind(this.#net, c.slots[i], null, 0);
        if (m.block) { registry.unregister(m.block); freeAllocation(m.block); }
      }
      throw e;
    }
    c.slots.forEach((k, i) => {
      c.map.set(this.#slots[k].name, made[i].view as Float64Array | Float32Array | Int32Array);
      this.#bound[k] = made[i].view;
    });
    c.freed = undefined;
  }

  run(start: number, count: number): void {
    this.#sync();
    const hooks = this.#input.hooks;
    const lib = this.#lib;
    const net = this.#net;
    if (!hooks.active) { lib.run(net, start, count); return; }
    const batch = hooks.spikes;
    if (batch && !batch.perStep) {
      // Only spikes are recorded: the library logs them itself, one native call for the whole run.
      const pops = batch.populations();
      for (const p of pops) lib.logOn(net, p, true);
      try {
        lib.run(net, start, count);
      } finally {
        for (const p of pops) {
          lib.logOn(net, p, false);
          const got = lib.logTake(net, p);
          if (got) batch.record(p, got.steps, got.ranks, got.steps.length);
        }
      }
      return;
    }
    for (let s = start, end = start + count; s < end; s++) {
      lib.stage(net, 0, s);
      if (hooks.active) hooks.recordTargets(s);
      lib.stage(net, 1, s);
      if (hooks.active) hooks.afterNeurons(s);
      lib.stage(net, 2, s);
      if (hooks.active) hooks.record(s);
    }
  }

  stopCondition(popId: number, step: number): boolean {
    this.#sync();
    return this.#lib.stop(this.#net, popId, step) !== 0;
  }

  /** @internal the spike walks' inverse copies in C memory (not in any state map). */
  derivedBytes(): number {
    return this.#lib.derivedBytes(this.#net);
  }

  delaysChanged(projId: number): void {
    const plan = this.#input.plan.projections[projId];
    if (plan.delay.kind === 'variable') this.#lib.growRing(this.#net, projId, plan.delay.maxSteps);
  }

  attributeWritten(owner: 'pop' | 'proj', _id: number, _name: string): void {
    // Weights (and, through load(), connectivity) may have changed: rebuild the derived arrays.
    // (`proj.delay = …`: the runtime has copied the new delays into the state's `_delay`, this engine's view.)
    if (owner === 'proj') this.#stale = true;
  }

  getPendingEvents(projId: number): { ptr: Int32Array; syn: Int32Array } | undefined {
    if (!hasSpikeRing(this.#input.plan.projections[projId])) return undefined;
    const slots = this.#lib.ringSlots(this.#net, projId);
    const n = this.#lib.ringCount(this.#net, projId);
    return this.#withTemp('i32', slots + 1, (ptr) => this.#withTemp('i32', Math.max(1, n), (syn) => {
      this.#lib.ringGet(this.#net, projId, ptr.ptr, syn.ptr);
      return { ptr: (ptr.view as Int32Array).slice(), syn: (syn.view as Int32Array).slice(0, n) };
    }));
  }

  setPendingEvents(projId: number, events: { ptr: Int32Array; syn: Int32Array }): void {
    if (!hasSpikeRing(this.#input.plan.projections[projId])) return;
    const slots = events.ptr.length - 1;
    this.#withTemp('i32', slots + 1, (ptr) => this.#withTemp('i32', Math.max(1, events.syn.length), (syn) => {
      ptr.view.set(events.ptr);
      syn.view.set(events.syn);
      this.#lib.ringSet(this.#net, projId, ptr.ptr, syn.ptr, slots);
    }));
  }

  /**
   * Frees the native network and every block of C memory of the state. The runtime has replaced
   * the state maps first (runtime/dispose.ts), so no view of the freed memory is handed out again.
   * Arrays in JavaScript memory are left to the collector (C no longer uses them once the network is destroyed).
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    networks.unregister(this);
    this.#lib.destroy(this.#net);
    for (const a of [...this.#live]) { registry.unregister(a); freeAllocation(a); }
    this.#bound.fill(undefined);
  }
}

/** Creates the `cpp` backend for the given compile options. */
export function createCppBackend(options: BackendOptions): Backend {
  return {
    name: 'cpp',
    async build(input: EngineInput): Promise<Engine> {
      const threads = Math.max(1, Math.floor(options.numThreads ?? 1));
      await warnIfOversubscribed(threads, 'cpp', input.networkId);
      const t0 = performance.now();
      const { source, slots, compact } = generateCpp(input.plan, { threads });
      const generateSeconds = (performance.now() - t0) / 1000;
      const library = await buildLibrary(source, {
        directory: options.directory, compiler: options.compiler, compilerFlags: options.compilerFlags, threads,
      });
      const lib = loadLibrary(library.path);
      return new CppEngine(input, lib, source, slots, { library, threads, generateSeconds, compact });
    },
  };
}
