/**
 * Which analysis modules are attached to which host. Kept apart from the hosts' classes (a weak
 * map), so that the network's tag search can list them without the hosts knowing about analysis.
 */
import type { BehaviorHost } from '../host.js';
import type { SearchKey, Taggable } from '../tags.js';

const attached = new WeakMap<BehaviorHost, Taggable[]>();

/** Registers `module` on `host` (called by the AnalysisModule constructor). @internal */
export function attachAnalysisModule(host: BehaviorHost, module: Taggable): void {
  const list = attached.get(host);
  if (list) list.push(module); else attached.set(host, [module]);
}

/** Detaches `module` from `host`; false when it was not attached. @internal */
export function detachAnalysisModule(host: BehaviorHost, module: Taggable): boolean {
  const list = attached.get(host);
  const i = list?.indexOf(module) ?? -1;
  if (i < 0) return false;
  list!.splice(i, 1);
  return true;
}

/** The analysis modules attached to `host`, in order of attachment. */
export function attachedAnalysisModules(host: BehaviorHost): readonly Taggable[] {
  return attached.get(host) ?? [];
}

/** Analysis modules of every host of `net` answering to `key` (a tag or a class). @internal */
export function findAnalysisModules(net: { allObjects(): BehaviorHost[] }, key: SearchKey): Taggable[] {
  return net.allObjects().flatMap((h) => attachedAnalysisModules(h).filter((m) => m.matches(key)));
}
