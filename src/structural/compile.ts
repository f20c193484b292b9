/**
 * A rule's condition as a JavaScript function of one candidate synapse, generated from the AST by
 * the js backend's printer (the same spelling as the js kernels: the same values), once per
 * evaluation of the rule (so that it reads the state arrays of that moment). Interpreting the AST
 * costs microseconds per candidate, and a creating rule tests every (post, pre) pair: a 1000 × 1000
 * projection is a million candidates at each period.
 *
 * Conditions that call user functions, or draw from a distribution whose arguments are not
 * constants, are left to the interpreter (`evaluate.ts`), which handles everything.
 */
import { evaluate, type Expr, type RandomDistName } from '../equations/index.js';
import { walk } from '../equations/algebra.js';
import { renderExpr } from '../backends/render.js';
import { jsSpelling, jsBuiltins } from '../backends/js/spelling.js';
import type { Projection } from '../core/Projection.js';

/** A compiled condition: truthy when candidate synapse `k` (dendrite `i`, `pre` → `post`, draw index `index`) satisfies it. */
export type CompiledCondition = (k: number, i: number, pre: number, post: number, index: number) => unknown;

/** What the generated code reads, besides the candidate. */
export interface ConditionInputs {
  proj: Projection;
  /** `t` and `dt` in ms. */
  t: number;
  dt: number;
  /** Draw of random use `id` of the condition (distribution `dist`, arguments `args`) for candidate `index`. */
  draw(dist: RandomDistName, args: number[], id: number, index: number): number;
}

/** Built-in functions the js spelling knows (anything else would be a user function `F_name`). */
const MATH_NAMES: Record<string, true> = Object.fromEntries(
  ['exp', 'log', 'sqrt', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'abs', 'fabs', 'floor', 'ceil', 'round',
    'pos', 'positive', 'neg', 'negative', 'clip', 'modulo', 'power', 'pow', 'min', 'max', 'isnan', 'isfinite'].map((n) => [n, true]),
);

/** The compiled condition, or undefined when it must be interpreted. */
export function compileCondition(condition: Expr, inputs: ConditionInputs): CompiledCondition | undefined {
  const { proj } = inputs;
  // User functions are left to the interpreter; random draws need arguments known now (numbers, t, dt, Constants).
  const draws = new Map<number, { dist: RandomDistName; args: number[] }>();
  let interpret = false;
  walk(condition, (n) => {
    if (n.kind === 'call' && !(n.name in MATH_NAMES)) interpret = true;
    if (n.kind !== 'rand') return;
    try {
      const env: Record<string, number> = { t: inputs.t, dt: inputs.dt };
      walk(n, (m) => { if (m.kind === 'sym') { const c = proj.network.constantValue(m.name); if (c !== undefined) env[m.name] = c; } });
      draws.set(n.id, { dist: n.dist, args: n.args.map((a) => evaluate(a, env)) });
    } catch {
      interpret = true;
    }
  });
  if (interpret) return undefined;
  const arrays: ArrayLike<number>[] = [];
  const ref = (a: ArrayLike<number>): string => { arrays.push(a); return `A[${arrays.length - 1}]`; };
  let unknown = false;
  const scope = {
    sym: (name: string): string => {
      if (name === 't') return `(${inputs.t})`;
      if (name === 'dt') return `(${inputs.dt})`;
      if (name === 'pi') return 'Math.PI';
      if (proj.description.attributes.some((a) => a.name === name)) {
        const loc = proj.storageLocality(name);
        return `${ref(proj.f64(name))}[${loc === 'local' ? 'k' : loc === 'semiglobal' ? 'i' : '0'}]`;
      }
      const c = proj.network.constantValue(name);
      if (c === undefined) { unknown = true; return '0'; }
      return `(${c})`;
    },
    attr: (owner: 'pre' | 'post', name: string): string => {
      const arr = (owner === 'pre' ? proj.pre : proj.post).population.state.get(name);
      if (!arr) { unknown = true; return '0'; }
      return `${ref(arr)}[${owner}]`;
    },
    sum: (): string => { unknown = true; return '0'; },
    globalop: (): string => { unknown = true; return '0'; },
    rand: (id: number): string => `D(${id}, index)`,
  };
  const body = renderExpr(condition, scope, jsSpelling);
  if (unknown) return undefined;
  // Generated from the AST (never from user text), as the js backend's kernels.
  const make = new Function('A', 'B', 'D', `"use strict"; return (k, i, pre, post, index) => ${body};`) as
    (A: ArrayLike<number>[], B: typeof jsBuiltins, D: (id: number, index: number) => number) => CompiledCondition;
  return make(arrays, jsBuiltins, (id, index) => { const d = draws.get(id)!; return inputs.draw(d.dist, d.args, id, index); });
}
