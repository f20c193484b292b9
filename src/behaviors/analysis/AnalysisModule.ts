/**
 * PymoNNto's AnalysisModule (dossier §2.14): an on-demand computation attached to a group or a
 * synapse group. It is not in the step loop: call `module.exec(args)` when you want its result
 * (after a run, between runs, from a GUI). Each call's result is kept under a key made of the
 * class name and the arguments, so several parametrisations can be compared; listeners hear of
 * every new result and of progress.
 *
 * Subclass it and override `execute(host, args)` (and optionally `initialize(host)`, which runs
 * when the module is attached). Modules are found by tag like everything else (`net.find('classifier')`);
 * the class name is always a tag.
 *
 * | PymoNNto | here |
 * |---|---|
 * | `AnalysisModule(parent, **kwargs)`, reachable as `parent.ClassName` | `new MyModule(parent, kwargs)`; `analysisModule(parent, MyModule)` |
 * | `module(**kw)` / `module.exec(**kw)` | `module.exec(kw)` |
 * | `get_results()` / `last_call_result()` / `remove_result(k)` / `clear_results()` | `results()` / `lastCallResult()` / `removeResult(k)` / `clearResults()` |
 * | `set_update_notifier(fn)` / `remove_update_notifier(fn)` | `onUpdate(fn)` / `offUpdate(fn)` |
 * | `add_progress_update_function(fn)` / `update_progress(p)` | `onProgress(fn)` / `updateProgress(p)` |
 * | `parent.get_all_analysis_module_results(tag)` | `analysisResults(parent, tag)` |
 */
import { NeurarchyError } from '../../errors.js';
import type { BehaviorHost } from '../host.js';
import { Taggable, type ClassKey } from '../tags.js';
import { attachAnalysisModule, attachedAnalysisModules, detachAnalysisModule } from './registry.js';

/** Arguments of a module: its constructor's (`tag` is reserved) and each `exec` call's. */
export type AnalysisArgs = Record<string, unknown>;

/** Base of analysis modules; `R` is the type of a result. */
export abstract class AnalysisModule<R = unknown, A extends AnalysisArgs = AnalysisArgs> extends Taggable {
  /** The group or synapse group analysed. */
  readonly parent: BehaviorHost;
  /** The constructor's arguments. */
  readonly kwargs: Readonly<AnalysisArgs>;
  private readonly stored = new Map<string, R>();
  private last: R | undefined;
  private readonly updateListeners = new Set<(m: this) => void>();
  private readonly progressListeners = new Set<(fraction: number) => void>();

  constructor(parent: BehaviorHost, kwargs: AnalysisArgs & { tag?: string } = {}) {
    super();
    if (!parent || typeof (parent as { find?: unknown }).find !== 'function') {
      throw new NeurarchyError(`new ${new.target.name}(): the first argument must be the NeuronGroup, SynapseGroup or Network to analyse`);
    }
    this.parent = parent;
    this.kwargs = { ...kwargs };
    if (typeof kwargs.tag === 'string') this.addTag(kwargs.tag);
    this.addTag(new.target.name);
    attachAnalysisModule(parent, this);
    this.initialize(parent);
  }

  /** Runs once, when the module is attached. */
  protected initialize(parent: BehaviorHost): void {
    void parent;
  }

  /** The computation. */
  protected abstract execute(parent: BehaviorHost, args: A): R;

  /**
   * Runs the analysis on the parent with `args`, stores the result under
   * `ClassName({"arg":value,…})` (replacing an earlier result with the same arguments), tells the
   * update listeners, and returns it.
   */
  exec(args: A = {} as A): R {
    const result = this.execute(this.parent, args);
    this.stored.set(this.resultKey(args), result);
    this.last = result;
    for (const f of this.updateListeners) f(this);
    return result;
  }

  /** The key a call with `args` stores its result under. */
  resultKey(args: A = {} as A): string {
    return `${this.constructor.name}(${Object.keys(args).length ? JSON.stringify(args) : ''})`;
  }

  /** Every stored result by key, in order of first computation. */
  results(): ReadonlyMap<string, R> {
    return this.stored;
  }

  /** The result of the latest `exec`; throws when there was none. */
  lastCallResult(): R {
    if (this.last === undefined) throw new NeurarchyError(`${this.tag} on '${this.parent.tag}': no result yet; call exec() first`);
    return this.last;
  }

  /** Forgets one stored result; false when there was none under `key`. */
  removeResult(key: string): boolean {
    return this.stored.delete(key);
  }

  /** Forgets every stored result. */
  clearResults(): this {
    this.stored.clear();
    this.last = undefined;
    return this;
  }

  /** Calls `fn(module)` after every `exec`. */
  onUpdate(fn: (m: this) => void): this { this.updateListeners.add(fn); return this; }

  /** Stops calling `fn`. */
  offUpdate(fn: (m: this) => void): this { this.updateListeners.delete(fn); return this; }

  /** Calls `fn(fraction)` when a long `execute` reports progress. */
  onProgress(fn: (fraction: number) => void): this { this.progressListeners.add(fn); return this; }

  /** Reports progress in [0, 1] to the listeners (call it from `execute`). */
  protected updateProgress(fraction: number): void {
    for (const f of this.progressListeners) f(fraction);
  }

  /** Detaches the module from its parent. */
  remove(): void {
    detachAnalysisModule(this.parent, this);
  }

  override toString(): string {
    return `${this.constructor.name}(${Object.entries(this.kwargs).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})`;
  }
}

/** The analysis modules attached to `host` (all, or those answering to a tag or class). */
export function analysisModules<T extends AnalysisModule = AnalysisModule>(host: BehaviorHost, which?: string | ClassKey<T>): T[] {
  const all = attachedAnalysisModules(host) as AnalysisModule[];
  return (which === undefined ? all : all.filter((m) => m.matches(which))) as T[];
}

/** The first module of `host` answering to `which`, or undefined (PymoNNto `parent.ClassName`). */
export function analysisModule<T extends AnalysisModule>(host: BehaviorHost, which: string | ClassKey<T>): T | undefined {
  return analysisModules<T>(host, which)[0];
}

/**
 * Every stored result of the modules of `host` tagged `tag`, by result key (PymoNNto
 * `get_all_analysis_module_results(tag)`).
 */
export function analysisResults(host: BehaviorHost, tag: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const m of analysisModules(host, tag)) for (const [k, v] of m.results()) out.set(k, v);
  return out;
}
