/**
 * The dialect every shared kernel is written against: the few statement forms a kernel needs
 * (declarations, assignments, guards and selects, loops, spike emission, atomic adds), each spelled
 * by one small per-language table. A kernel of `kernels/` never writes a keyword, a brace or a type
 * itself; it calls these, so a new backend is its expression `Spelling` (`../render.ts`) plus one
 * `Dialect` (see `test/backends/toy/` for a backend in another syntax).
 *
 * Conventions: every function returns whole lines (no trailing newline) or a one-line fragment where
 * said; `cond` arguments are already conditions of the language (see `truthy`), values are values.
 */
import type { Spelling } from '../render.js';

/** The element type of a local or of an array element. */
export type ScalarType = 'float' | 'int' | 'index' | 'bool';

/** A list filled during a kernel (spikes, axonal spikes): its elements and its counter. */
export interface ListRef {
  /** The lvalue of element `idx`. */
  element(idx: string): string;
  /** The counter: a local of the kernel (one thread) or a counter in memory (atomic). */
  count: string;
}

export interface Dialect {
  /** The backend's name, for error messages. */
  readonly name: string;
  /** How expressions are spelled. */
  readonly expr: Spelling;
  /** A new local: immutable unless `mutable`; `type` defaults to the float type of the backend. */
  declare(name: string, value: string, options?: { mutable?: boolean; type?: ScalarType }): string;
  /** `lv = value` as one statement. */
  assign(lv: string, value: string): string;
  /** `lv += value` as one statement, where the language has the compound form (else `lv = (lv + value)` is printed). */
  addTo?(lv: string, value: string): string;
  /** A one-line conditional statement (`if (c) s`), `stmt` being one statement. */
  ifLine(cond: string, stmt: string): string;
  /** `if (cond) { … } [else { … }]`; `otherwise` may itself be an `if` (an else-if chain). */
  ifBlock(cond: string, then: string[], otherwise?: string[]): string[];
  /** A block of its own (a scope for locals): `{ … }` on several lines. */
  block(lines: string[]): string[];
  /** The same block on one line (short helpers such as bounds). */
  inlineBlock(stmts: string[]): string;
  /** `cond ? a : b` as a value. */
  select(cond: string, a: string, b: string): string;
  /** A comparison as a condition (`a < b`). */
  cmp(op: '<' | '<=' | '>' | '>=' | '==' | '!=', a: string, b: string): string;
  /** A value used as a condition (non-zero, and not NaN where the language needs it said). */
  truthy(value: string): string;
  /** Negation of a condition. */
  not(cond: string): string;
  /** Both conditions, the second evaluated only when the first holds (it may index past an end otherwise). */
  and(a: string, b: string): string;
  /** Either condition (parenthesised), the second evaluated only when the first does not hold. */
  or(a: string, b: string): string;
  /** The value truncated towards zero (attributes of type int). */
  trunc(value: string): string;
  /** `for (i = 0; i < n; i++) { body }`. */
  forRange(i: string, n: string, body: string[]): string[];
  /**
   * `for (i = 0; i < n; i++) { body }` where `body` does nothing for an element whose `guard` (a pure
   * condition on element `i`) is false: a backend may test the guards of several elements at once
   * and skip those elements (wasm: two lanes). Absent: the plain `forRange`.
   */
  forGuarded?(i: string, n: string, guard: string, body: string[]): string[];
  /** `for (i = from; i < to; i++) { body }`, `to` evaluated once (see `spanEnd`). */
  forSpan(i: string, from: string, to: string, body: string[]): string[];
  /** `while (cond) { body }`. */
  whileLoop(cond: string, body: string[]): string[];
  /** Spike emission: appends `value` (an index) to `list` (a local counter, or an atomic one on GPUs). */
  append(list: ListRef, value: string): string[];
  /**
   * A refractory period in steps from a period in steps as a float (`ms / dt`): rounded half up
   * and saturated to [0, 2^31 − 1] (an infinite period never ends; NaN or a negative one is none).
   */
  periodSteps(x: string): string;
  /** A step value (int64 on cpp) stored into an int32 element. */
  toInt(x: string): string;
  /** An integer value (a step, an index) in the float type. */
  toFloat(x: string): string;
  /**
   * A float value rounded to the nearest float32 and back (what storing it in a float32 array
   * gives: `setup({ precision: 'float32' })`), for values that stand for stored ones, e.g. the
   * weights a procedural projection draws.
   */
  roundToFloat32(x: string): string;
  /** The name of method temporary `name` as a local. */
  temp(name: string): string;
  /**
   * Whether memory takes one store of a finished value (GPU buffers): every write then goes
   * through a local `_nv`, its bounds applied there. Otherwise bounds are applied in place.
   */
  readonly singleStore?: boolean;
  /**
   * Whether the language's compiler computes a subexpression written twice only once (C++, WGSL).
   * Where it does not (js, wasm), an assignment reads its repeated arithmetic from locals
   * (`./shared-values.ts`).
   */
  readonly sharesRepeats?: boolean;
}

/** Indents every line by `n` levels (two spaces each). */
export function indent(lines: string[], n = 1): string[] {
  const pad = '  '.repeat(n);
  return lines.map((l) => pad + l);
}

/**
 * The end of a `forSpan` loop over `i`: `to` itself when it is a name (already a local), else a
 * local `_<i>1` to declare in the loop's head holding it (`to` is then evaluated once).
 */
export function spanEnd(i: string, to: string): { end: string; hoist?: string } {
  return /^[A-Za-z_]\w*$/.test(to) ? { end: to } : { end: `_${i}1`, hoist: to };
}

/**
 * An index for `arr[…]` or `off + …` without its outer parentheses: the indices of these kernels are
 * sums and products of ints, which need none there (a target's `el` may use it for readability).
 */
export function bareIndex(idx: string): string {
  if (!idx.startsWith('(') || !idx.endsWith(')')) return idx;
  let depth = 0;
  for (let k = 0; k < idx.length - 1; k++) {
    if (idx[k] === '(') depth++;
    else if (idx[k] === ')') depth--;
    if (depth === 0) return idx; // the first parenthesis closes before the end: `(a) + (b)`
  }
  return idx.slice(1, -1);
}
