/**
 * Checking the options objects that public constructors and methods take. An unknown key is never
 * ignored: it is refused with the nearest known key (`pre_spike` → `preSpike`, `seeed` → `seed`),
 * and a key of ANNarchy's that neurarchy does not support (yet) is refused with the reason.
 */
import { NetworkError, type NeurarchyError } from '../errors.js';

/** What a caller knows beyond the list of accepted keys. */
export interface OptionRules {
  /** ANNarchy/Python spellings and old names → the key to use instead. */
  renamed?: Readonly<Record<string, string>>;
  /** Keys ANNarchy has that are not supported here → why, and what to do instead. */
  unsupported?: Readonly<Record<string, string>>;
  /** The error to throw (default NetworkError). */
  error?: new (message: string) => NeurarchyError;
}

/**
 * Throws unless `options` is undefined or a plain object whose keys are all in `allowed`.
 * `where` names the object and method for the message, e.g. `"new Monitor()"` or `"Population 'exc'"`.
 */
export function checkOptions(options: unknown, allowed: readonly string[], where: string, rules: OptionRules = {}): void {
  if (options === undefined) return;
  const Err = rules.error ?? NetworkError;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    const example = allowed.length > 0 ? ` such as { ${allowed[0]}: … }` : '';
    throw new Err(`${where}: the options must be an object, got ${describeValue(options)}: give an object${example} (accepted keys: ${allowed.join(', ') || 'none'}) or leave the argument out`);
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const unsupported = rules.unsupported?.[key];
    if (unsupported !== undefined) throw new Err(`${where}: option '${key}' is not supported: ${unsupported}`);
    const renamed = rules.renamed?.[key] ?? camelCaseMatch(key, allowed) ?? nearest(key, allowed);
    const hint = renamed !== undefined ? ` — did you mean '${renamed}'?` : '';
    throw new Err(`${where}: unknown option '${key}'${hint} (accepted: ${allowed.join(', ')})`);
  }
}

/**
 * The accepted keys of an options interface, checked by the compiler in both directions: every
 * listed key exists in `T`, and every key of `T` is listed (a field added to the interface and
 * forgotten here is a type error). Use: `const MONITOR_OPTIONS = optionKeys<MonitorOptions>()(['period', …])`.
 */
export function optionKeys<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { missingKeys: Exclude<keyof T, K[number]> }),
  ): K => keys;
}

/** The key that `snake_case` spells in camelCase, when it is accepted (`stop_condition` → `stopCondition`). */
function camelCaseMatch(key: string, allowed: readonly string[]): string | undefined {
  const camel = key.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  return camel !== key && allowed.includes(camel) ? camel : undefined;
}

/** The accepted key closest to `key` (case-insensitive edit distance at most 2, or a third of its length). */
export function nearest(key: string, candidates: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(k, c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

/** Levenshtein distance (one row of the table at a time). */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

/** A short description of a value for error messages: its type, and the value when it is short. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(value)}`;
}

/**
 * Names of populations and projections are keys of saved files (`<name>/<array>` in `.npz`): a
 * non-empty string without '/', and not `_network` (the network's own entries).
 */
export function checkObjectName(name: unknown, where: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new NetworkError(`${where}: name must be a non-empty string, got ${describeValue(name)}`);
  if (name.includes('/')) throw new NetworkError(`${where}: name ${JSON.stringify(name)} contains '/', which separates the name from the array in saved files: choose another name`);
  if (name === '_network') throw new NetworkError(`${where}: the name '_network' is reserved for the network's own entries in saved files`);
}

/** `set({ tau: 20, r: 0 })`: the values must be an object of attribute names (`set(5)` would set nothing). */
export function checkValuesObject(values: unknown, where: string): void {
  if (values === null || typeof values !== 'object' || Array.isArray(values) || ArrayBuffer.isView(values)) {
    throw new NetworkError(`${where}: give an object of attribute values such as { tau: 20 }, got ${describeValue(values)}`);
  }
}
