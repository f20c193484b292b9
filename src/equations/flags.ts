/**
 * The `: flags` at the end of a definition line (`dv/dt = -v/tau : init=-65.0, min=-90, exponential`).
 *
 * A line is split at its last top-level `:` when what follows is a list of known flags. When it
 * is not, the `:` belongs to an `if … : … else: …` — unless the line has more `:` than its
 * conditionals account for (two per `else`), in which case the list was meant as flags and its
 * first unknown entry is reported.
 */
import type { MethodName, ValueType } from './description.js';
import { fail, type TextLocation } from './lexer.js';

/** Every flag name (the spellings users may write). */
export const FLAG_NAMES: ReadonlySet<string> = new Set([
  'init', 'min', 'max', 'population', 'postsynaptic', 'projection', 'explicit', 'implicit', 'semiimplicit',
  'exponential', 'midpoint', 'rk4', 'runge-kutta4', 'exact', 'event-driven', 'unless_refractory', 'int', 'bool',
  'float', 'unless_post',
]);

/** Flags that take a value (`init=…`, `min=…`, `max=…`). */
const VALUED = new Set(['init', 'min', 'max']);

const METHOD_FLAGS: Record<string, MethodName> = {
  explicit: 'explicit', implicit: 'implicit', semiimplicit: 'semiimplicit', exponential: 'exponential',
  midpoint: 'midpoint', rk4: 'rk4', 'runge-kutta4': 'rk4', exact: 'event-driven', 'event-driven': 'event-driven',
};

/** The flags of one line, decoded (value texts are parsed later, by whoever knows their context). */
export interface Flags {
  init?: string;
  min?: string;
  max?: string;
  /** `population` / `projection` (global) or `postsynaptic` (semiglobal), as written. */
  locality?: 'population' | 'projection' | 'postsynaptic';
  method?: MethodName;
  type?: ValueType;
  unlessPost?: boolean;
  /** Names as written, in order (for "flag X is not allowed here" checks). */
  written: string[];
}

/** Offsets of the `:` and `,` at parenthesis depth 0 in `text`. */
function topLevel(text: string, char: ':' | ','): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === char && depth === 0) out.push(i);
  }
  return out;
}

/** Splits `text` at its top-level commas. */
export function splitTopLevel(text: string, char: ':' | ',' = ','): string[] {
  const cuts = topLevel(text, char);
  const parts: string[] = [];
  let start = 0;
  for (const c of cuts) { parts.push(text.slice(start, c)); start = c + 1; }
  parts.push(text.slice(start));
  return parts;
}

/** Name of one flag item (`init = 0` → `init`). */
function itemName(item: string): string {
  const eq = item.indexOf('=');
  return (eq >= 0 ? item.slice(0, eq) : item).trim();
}

/** Counts the `else` keywords of `text`. */
function countElse(text: string): number {
  return (text.match(/\belse\b/g) ?? []).length;
}

/** A definition line without its flags, and its flag items (undefined when it has none). */
export interface SplitLine {
  body: string;
  flags?: string[];
}

/** Separates a definition line into its equation and its flag items. */
export function splitFlags(line: string, where: TextLocation): SplitLine {
  const colons = topLevel(line, ':');
  if (colons.length === 0) return { body: line.trim() };
  const last = colons[colons.length - 1];
  const rest = line.slice(last + 1).trim();
  const items = splitTopLevel(rest).map((s) => s.trim());
  const hasIf = /\bif\b/.test(line.slice(0, last));
  // Every `else` of a conditional accounts for two colons; a colon beyond those starts the flags.
  if (hasIf && colons.length <= 2 * countElse(line)) return { body: line.trim() };
  if (rest === '') fail("empty flag list after ':'", where, line, ':');
  const bad = items.find((it) => !FLAG_NAMES.has(itemName(it)));
  if (bad !== undefined) {
    const name = itemName(bad) || bad;
    const hint = hasIf ? "; or an 'if' without 'else'" : '';
    fail(`unknown flag '${name}' (known flags: ${[...FLAG_NAMES].join(', ')}${hint})`, where, line, name);
  }
  return { body: line.slice(0, last).trim(), flags: items };
}

/** Decodes flag items; duplicate or conflicting flags are errors. */
export function parseFlags(items: readonly string[], where: TextLocation, line: string): Flags {
  const flags: Flags = { written: [] };
  for (const item of items) {
    const name = itemName(item);
    const eq = item.indexOf('=');
    if (flags.written.includes(name)) fail(`flag '${name}' given twice`, where, line, name);
    flags.written.push(name);
    if (VALUED.has(name)) {
      const value = eq >= 0 ? item.slice(eq + 1).trim() : '';
      if (value === '') fail(`flag '${name}' needs a value (${name}=…)`, where, line, name);
      flags[name as 'init' | 'min' | 'max'] = value;
      continue;
    }
    if (eq >= 0) fail(`flag '${name}' takes no value`, where, line, name);
    if (name === 'population' || name === 'projection' || name === 'postsynaptic') {
      if (flags.locality) fail(`two locality flags ('${flags.locality}' and '${name}')`, where, line, name);
      flags.locality = name;
    } else if (name in METHOD_FLAGS) {
      if (flags.method) fail(`two numerical methods ('${flags.method}' and '${name}')`, where, line, name);
      flags.method = METHOD_FLAGS[name];
    } else if (name === 'int' || name === 'bool' || name === 'float') {
      if (flags.type) fail(`two types ('${flags.type}' and '${name}')`, where, line, name);
      flags.type = name;
    } else if (name === 'unless_post') {
      flags.unlessPost = true;
    }
    // unless_refractory: accepted, no effect (ANNarchy ≥ 4.5).
  }
  return flags;
}

/** Fails when a flag of `flags` is not in `allowed`, saying where it belongs instead. */
export function checkAllowed(flags: Flags, allowed: ReadonlySet<string>, context: string, where: TextLocation, line: string): void {
  for (const name of flags.written) {
    if (!allowed.has(name)) fail(`flag '${name}' is not allowed ${context}`, where, line, name);
  }
}
