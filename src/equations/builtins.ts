/**
 * The built-in functions of the equation language, with their arity and exact float64 meaning, and
 * `evaluate`, a small reference interpreter over the AST. Code generators must agree with these
 * definitions; tests, parameter folding and TS-callable functions use `evaluate` directly.
 */
import type { Expr, GlobalOpName, Owner, RandomDistName } from './ast.js';
import type { FunctionDef } from './description.js';
import { EquationError } from '../errors.js';
import { foldArithmetic } from './algebra.js';

/** One built-in function. */
export interface BuiltinFunction {
  /** Accepted numbers of arguments. */
  arity: readonly number[];
  /** What it computes, in words (for reports and error messages). */
  meaning: string;
  /** The float64 semantics every backend reproduces. */
  fn: (...args: number[]) => number;
}

const pos = (x: number): number => (x > 0 ? x : 0);
const neg = (x: number): number => (x < 0 ? x : 0);
const unary = (meaning: string, fn: (x: number) => number): BuiltinFunction => ({ arity: [1], meaning, fn: fn as BuiltinFunction['fn'] });

/** Built-in functions by name (ANNarchy's, plus the C math functions it accepts). */
export const BUILTINS: ReadonlyMap<string, BuiltinFunction> = new Map<string, BuiltinFunction>([
  ['pos', unary('max(x, 0)', pos)],
  ['positive', unary('max(x, 0)', pos)],
  ['neg', unary('min(x, 0): the negative part, not its magnitude', neg)],
  ['negative', unary('min(x, 0): the negative part, not its magnitude', neg)],
  ['clip', { arity: [3], meaning: 'x clipped to [a, b]: a if x < a, b if x > b, else x', fn: (x, a, b) => (x < a ? a : x > b ? b : x) }],
  ['modulo', { arity: [2], meaning: 'C remainder of the truncated integers (modulo(-7, 3) = -1, modulo(6.4, 4) = 2)', fn: (a, b) => Math.trunc(a) % Math.trunc(b) }],
  ['power', { arity: [2], meaning: 'x^a for any real a', fn: (x, a) => Math.pow(x, a) }],
  ['pow', { arity: [2], meaning: 'x^a for any real a', fn: (x, a) => Math.pow(x, a) }],
  ['exp', unary('e^x', Math.exp)],
  ['log', unary('natural logarithm', Math.log)],
  ['sqrt', unary('square root', Math.sqrt)],
  ['sin', unary('sine', Math.sin)],
  ['cos', unary('cosine', Math.cos)],
  ['tan', unary('tangent', Math.tan)],
  ['asin', unary('arc sine', Math.asin)],
  ['acos', unary('arc cosine', Math.acos)],
  ['atan', unary('arc tangent', Math.atan)],
  ['atan2', { arity: [2], meaning: 'arc tangent of y/x, in the quadrant of (x, y)', fn: (y, x) => Math.atan2(y, x) }],
  ['sinh', unary('hyperbolic sine', Math.sinh)],
  ['cosh', unary('hyperbolic cosine', Math.cosh)],
  ['tanh', unary('hyperbolic tangent', Math.tanh)],
  ['abs', unary('absolute value', Math.abs)],
  ['fabs', unary('absolute value', Math.abs)],
  ['floor', unary('largest integer ≤ x', Math.floor)],
  ['ceil', unary('smallest integer ≥ x', Math.ceil)],
  ['round', unary('nearest integer, halves away from zero (C round)', (x) => (x < 0 ? -Math.round(-x) : Math.round(x)))],
  ['min', { arity: [2], meaning: 'the smaller of a and b', fn: (a, b) => (a < b ? a : b) }],
  ['max', { arity: [2], meaning: 'the larger of a and b', fn: (a, b) => (a > b ? a : b) }],
  ['isnan', unary('1 if x is NaN, else 0', (x) => (Number.isNaN(x) ? 1 : 0))],
  ['isfinite', unary('1 if x is finite, else 0', (x) => (Number.isFinite(x) ? 1 : 0))],
]);

/** Everything `evaluate` needs besides plain symbol values. */
export interface EvaluateOptions {
  /** User functions callable from the expression (their bodies are evaluated with their arguments only). */
  functions?: ReadonlyMap<string, FunctionDef>;
  attr?: (owner: 'pre' | 'post', name: string) => number;
  sum?: (owner: Owner, target: string | null) => number;
  globalop?: (op: GlobalOpName, owner: Owner, variable: string) => number;
  rand?: (dist: RandomDistName, args: number[], id: number) => number;
}

/** Truth value of a number, as the generated JavaScript tests it (0 and NaN are false). */
const truthy = (x: number): boolean => (x ? true : false);

const isArithmetic = (op: string): op is '+' | '-' | '*' | '/' => op === '+' || op === '-' || op === '*' || op === '/';

function evalError(message: string, symbol: string): never {
  throw new EquationError(message, { model: 'expression', symbol });
}

/**
 * Evaluates `expr` in float64 with the symbol values of `env` (`pi` defaults to π). Booleans and
 * comparisons are 1/0; `and`/`or`/`not`/conditionals test against 0 (NaN is false). Attributes of
 * neighbours, sums, global operations and draws are read from `options`, or from `env` under the
 * keys `pre.x`, `sum(exc)`, `mean(r)`.
 */
export function evaluate(expr: Expr, env: Readonly<Record<string, number>>, options: EvaluateOptions = {}): number {
  const ev = (e: Expr): number => evaluate(e, env, options);
  switch (expr.kind) {
    case 'num': return expr.value;
    case 'bool': return expr.value ? 1 : 0;
    case 'sym': {
      const v = env[expr.name];
      if (v !== undefined) return v;
      if (expr.name === 'pi') return Math.PI;
      return evalError(`no value for '${expr.name}'`, expr.name);
    }
    case 'attr': {
      if (options.attr) return options.attr(expr.owner, expr.name);
      const v = env[`${expr.owner}.${expr.name}`];
      return v !== undefined ? v : evalError(`no value for '${expr.owner}.${expr.name}'`, `${expr.owner}.${expr.name}`);
    }
    case 'sum': {
      if (options.sum) return options.sum(expr.owner, expr.target);
      const key = `${expr.owner === 'self' ? '' : `${expr.owner}.`}sum(${expr.target ?? ''})`;
      const v = env[key];
      return v !== undefined ? v : evalError(`no value for '${key}'`, key);
    }
    case 'globalop': {
      if (options.globalop) return options.globalop(expr.op, expr.owner, expr.variable);
      const key = `${expr.op}(${expr.owner === 'self' ? '' : `${expr.owner}.`}${expr.variable})`;
      const v = env[key];
      return v !== undefined ? v : evalError(`no value for '${key}'`, key);
    }
    case 'rand':
      if (!options.rand) return evalError(`random draw ${expr.dist}(…) cannot be evaluated here`, expr.dist);
      return options.rand(expr.dist, expr.args.map(ev), expr.id);
    case 'unary': {
      const a = ev(expr.arg);
      return expr.op === '-' ? -a : expr.op === '+' ? a : truthy(a) ? 0 : 1;
    }
    case 'binary': {
      if (isArithmetic(expr.op)) {
        // A flat chain `((a + b) - c) * d …` along its left spine, without recursion, in the same order.
        const spine: Extract<Expr, { kind: 'binary' }>[] = [];
        let node: Expr = expr;
        while (node.kind === 'binary' && isArithmetic(node.op)) { spine.push(node); node = node.left; }
        let acc = ev(node);
        for (let k = spine.length - 1; k >= 0; k--) acc = foldArithmetic(spine[k].op, acc, ev(spine[k].right))!;
        return acc;
      }
      if (expr.op === 'and') return truthy(ev(expr.left)) && truthy(ev(expr.right)) ? 1 : 0;
      if (expr.op === 'or') return truthy(ev(expr.left)) || truthy(ev(expr.right)) ? 1 : 0;
      const value = foldArithmetic(expr.op, ev(expr.left), ev(expr.right));
      if (value !== undefined) return value;
      return evalError(`unknown operator '${expr.op as string}'`, expr.op as string);
    }
    case 'call': {
      const user = options.functions?.get(expr.name);
      if (user) {
        if (user.params.length !== expr.args.length) evalError(`${expr.name} takes ${user.params.length} argument(s), got ${expr.args.length}`, expr.name);
        const inner: Record<string, number> = {};
        user.params.forEach((p, i) => { inner[p] = ev(expr.args[i]); });
        for (const k of Object.keys(env)) if (!(k in inner)) inner[k] = env[k];
        return evaluate(user.body, inner, options);
      }
      const b = BUILTINS.get(expr.name);
      if (!b) return evalError(`unknown function '${expr.name}'`, expr.name);
      if (!b.arity.includes(expr.args.length)) evalError(`${expr.name} takes ${b.arity.join(' or ')} argument(s), got ${expr.args.length}`, expr.name);
      return b.fn(...expr.args.map(ev));
    }
    case 'cond':
      return truthy(ev(expr.test)) ? ev(expr.then) : ev(expr.else);
  }
}
