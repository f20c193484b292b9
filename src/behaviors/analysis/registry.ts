/**
 * Which analysis modules are attached to which host. Kept apart from the hosts' classes (a weak
 * map), so that the network's tag search can list them without the hosts knowing about analysis.
 */
import type { SearchKey, Taggable } from '../tags.js';

/*
 * Hosts are keys of a weak map, typed `object`: host.ts reads this registry, so this module does not
 * name the host class (the import graph goes one way).
 */
const attached = new WeakMap<object, Taggable[]>();

/** Registers `module` on `host` (called by the AnalysisModule constructor). @internal */
export function attachAnalysisModule(host: object, module: Taggable): void {
  const list = attached.get(host);
  if (list) list.push(module); else attached.set(host, [module]);
}

/** Detaches `module` from `host`; false when it was not attached. @internal */
export function detachAnalysisModule(host: object, module: Taggable): boolean {
  const list = attached.get(host);
  const i = list?.indexOf(module) ?? -1;
  if (i < 0) return false;
  list!.splice(i, 1);
  return true;
}

/** The analysis modules attached to `host`, in order of attachment. */
export function attachedAnalysisModules(host: object): readonly Taggable[] {
  return attached.get(host) ?? [];
}

/** Analysis modules of every host of `net` answering to `key` (a tag or a class). @internal */
export function findAnalysisModules(net: { allObjects(): readonly object[] }, key: SearchKey): Taggable[] {
  return net.allObjects().flatMap((h) => attachedAnalysisModules(h).filter((m) => m.matches(key)));
}
