/**
 * The small symbolic algebra the numerical methods need, as pure functions over `Expr`:
 * simplification that never changes a floating-point result except by the listed identities,
 * substitution, symbolic derivatives, and collection of an expression on one symbol.
 */
import type { BinaryOp, Expr } from './ast.js';
import { EquationError } from '../errors.js';

/* ---------- constructors ---------- */

const ZERO: Expr = { kind: 'num', value: 0, isInt: true };
const ONE: Expr = { kind: 'num', value: 1, isInt: true };

const isNum = (e: Expr, v?: number): e is Extract<Expr, { kind: 'num' }> => e.kind === 'num' && (v === undefined || e.value === v);
const isZero = (e: Expr): boolean => isNum(e, 0);
const isOne = (e: Expr): boolean => isNum(e, 1);

/** A negation, with its argument, or undefined (negative literals count: `-2` is `-(2)`). */
function negated(e: Expr): Expr | undefined {
  if (e.kind === 'unary' && e.op === '-') return e.arg;
  if (e.kind === 'num' && (e.value < 0 || Object.is(e.value, -0))) return { kind: 'num', value: -e.value, isInt: e.isInt };
  return undefined;
}

/** `-e`, simplified (exact in IEEE arithmetic: negation only flips the sign). */
export function negate(e: Expr): Expr {
  if (e.kind === 'num') return { kind: 'num', value: e.value === 0 ? 0 : -e.value, isInt: e.isInt };
  if (e.kind === 'unary' && e.op === '-') return e.arg;
  return { kind: 'unary', op: '-', arg: e };
}

/** `left op right`, simplified by `simplifyBinary`. */
export function mk(op: BinaryOp, left: Expr, right: Expr): Expr {
  return simplifyBinary(op, left, right);
}

/* ---------- simplification ---------- */

/**
 * The value of `a op b` for the arithmetic and comparison operators (comparisons give 1 or 0), as
 * every backend computes it; `undefined` for `and`/`or`, which are not folded here. Shared by
 * constant folding and by the reference evaluator of `builtins.ts`.
 */
export function foldArithmetic(op: BinaryOp, a: number, b: number): number | undefined {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '^': return Math.pow(a, b);
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '<': return a < b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    default: return undefined;
  }
}

const COMPARISON = new Set<BinaryOp>(['==', '!=', '<', '<=', '>', '>=']);

/**
 * One simplification step on `left op right` whose operands are already simplified: folding of
 * two literals (the same IEEE operation the program would do), `x+0`, `x-0`, `0-x`, `x*1`, `x*0`,
 * `x/1`, `0/x`, `x^1`, `x*(-1)`, `x/(-1)`, `x+(-y)`, `x-(-y)`, and signs taken out of products
 * and quotients (`(-x)*y` → `-(x*y)`). Nothing else is reordered.
 */
export function simplifyBinary(op: BinaryOp, left: Expr, right: Expr): Expr {
  if (left.kind === 'num' && right.kind === 'num') {
    const v = foldArithmetic(op, left.value, right.value);
    if (v !== undefined && Number.isFinite(v)) {
      if (COMPARISON.has(op)) return { kind: 'bool', value: v === 1 };
      const isInt = left.isInt && right.isInt && (op === '+' || op === '-' || op === '*' || op === '/') && Number.isInteger(v);
      return { kind: 'num', value: v === 0 ? 0 : v, isInt }; // -0 folds to 0
    }
  }
  switch (op) {
    case '+': {
      if (isZero(left)) return right;
      if (isZero(right)) return left;
      const nr = negated(right);
      if (nr) return { kind: 'binary', op: '-', left, right: nr };
      break;
    }
    case '-': {
      if (isZero(right)) return left;
      if (isZero(left)) return negate(right);
      const nr = negated(right);
      if (nr) return { kind: 'binary', op: '+', left, right: nr };
      break;
    }
    case '*': {
      if (isZero(left) || isZero(right)) return ZERO;
      if (isOne(left)) return right;
      if (isOne(right)) return left;
      if (isNum(left, -1)) return negate(right);
      if (isNum(right, -1)) return negate(left);
      return pullSign('*', left, right);
    }
    case '/': {
      if (isZero(left)) return ZERO;
      if (isOne(right)) return left;
      if (isNum(right, -1)) return negate(left);
      return pullSign('/', left, right);
    }
    case '^':
      if (isOne(right)) return left;
      break;
    case 'and':
      if (left.kind === 'bool' && right.kind === 'bool') return { kind: 'bool', value: left.value && right.value };
      break;
    case 'or':
      if (left.kind === 'bool' && right.kind === 'bool') return { kind: 'bool', value: left.value || right.value };
      break;
    default:
      break;
  }
  return { kind: 'binary', op, left, right };
}

/**
 * `left op right` for `*` and `/` with the signs of the operands taken out: `(-a)*(-b)` is `a*b`,
 * `(-a)/b` is `-(a/b)`. Exact in IEEE arithmetic, where the sign of a product or quotient never
 * depends on the rounding.
 */
function pullSign(op: '*' | '/', left: Expr, right: Expr): Expr {
  const nl = negated(left);
  const nr = negated(right);
  if (nl && nr) return simplifyBinary(op, nl, nr);
  if (nl) return negate(simplifyBinary(op, nl, right));
  if (nr) return negate(simplifyBinary(op, left, nr));
  return { kind: 'binary', op, left, right };
}

/** Simplifies bottom-up (see `simplifyBinary`; also `--x`, `+x`, `-literal`, constant conditions). */
export function simplify(expr: Expr): Expr {
  switch (expr.kind) {
    case 'unary': {
      const arg = simplify(expr.arg);
      if (expr.op === '+') return arg;
      if (expr.op === '-') return negate(arg);
      if (arg.kind === 'bool') return { kind: 'bool', value: !arg.value };
      return { kind: 'unary', op: 'not', arg };
    }
    case 'binary':
      return simplifyBinary(expr.op, simplify(expr.left), simplify(expr.right));
    case 'call':
      return { kind: 'call', name: expr.name, args: expr.args.map(simplify) };
    case 'rand':
      return { ...expr, args: expr.args.map(simplify) };
    case 'cond': {
      const test = simplify(expr.test);
      if (test.kind === 'bool') return simplify(test.value ? expr.then : expr.else);
      return { kind: 'cond', test, then: simplify(expr.then), else: simplify(expr.else) };
    }
    default:
      return expr;
  }
}

/* ---------- traversal ---------- */

/** The direct sub-expressions of `e`. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'unary': return [e.arg];
    case 'binary': return [e.left, e.right];
    case 'call': case 'rand': return e.args;
    case 'cond': return [e.test, e.then, e.else];
    default: return [];
  }
}

/** Calls `visit` on `e` and every node below it, parents first. */
export function walk(e: Expr, visit: (node: Expr) => void): void {
  visit(e);
  for (const c of children(e)) walk(c, visit);
}

/** Rebuilds `e` bottom-up with `f` applied to each node after its children. */
export function mapExpr(e: Expr, f: (node: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'unary': return f({ kind: 'unary', op: e.op, arg: mapExpr(e.arg, f) });
    case 'binary': return f({ kind: 'binary', op: e.op, left: mapExpr(e.left, f), right: mapExpr(e.right, f) });
    case 'call': return f({ kind: 'call', name: e.name, args: e.args.map((a) => mapExpr(a, f)) });
    case 'rand': return f({ ...e, args: e.args.map((a) => mapExpr(a, f)) });
    case 'cond': return f({ kind: 'cond', test: mapExpr(e.test, f), then: mapExpr(e.then, f), else: mapExpr(e.else, f) });
    default: return f(e);
  }
}

/** Names of every `sym` node in `expr` (not `pre.x`/`post.x`, not function names). */
export function symbolsOf(expr: Expr): Set<string> {
  const out = new Set<string>();
  walk(expr, (n) => { if (n.kind === 'sym') out.add(n.name); });
  return out;
}

/** Whether `expr` reads symbol `name`. */
export function dependsOn(expr: Expr, name: string): boolean {
  let found = false;
  walk(expr, (n) => { if (n.kind === 'sym' && n.name === name) found = true; });
  return found;
}

/** Replaces symbols by expressions (all at once: replacements are not substituted again). */
export function substitute(expr: Expr, map: ReadonlyMap<string, Expr> | Readonly<Record<string, Expr>>): Expr {
  const get = map instanceof Map ? (k: string) => map.get(k) : (k: string) => (Object.prototype.hasOwnProperty.call(map, k) ? (map as Record<string, Expr>)[k] : undefined);
  return mapExpr(expr, (n) => (n.kind === 'sym' ? get(n.name) ?? n : n));
}

/** Structural equality (ids of random draws included). */
export function exprEquals(a: Expr, b: Expr): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/* ---------- collection on one symbol ---------- */

/** `expr = a * name + b` with `a` and `b` free of `name`. */
export interface LinearForm {
  a: Expr;
  b: Expr;
}

/**
 * Writes `expr` as `a*name + b` (a, b free of `name`, simplified), or returns null when `expr`
 * is not linear in `name` (products of two terms in `name`, `name` in a denominator, a power, a
 * function call or a condition).
 */
export function linearIn(expr: Expr, name: string): LinearForm | null {
  if (!dependsOn(expr, name)) return { a: ZERO, b: expr };
  switch (expr.kind) {
    case 'sym': return { a: ONE, b: ZERO };
    case 'unary': {
      if (expr.op === 'not') return null;
      const f = linearIn(expr.arg, name);
      if (!f) return null;
      return expr.op === '-' ? { a: negate(f.a), b: negate(f.b) } : f;
    }
    case 'binary': {
      const { op, left, right } = expr;
      if (op === '+' || op === '-') {
        const l = linearIn(left, name);
        const r = linearIn(right, name);
        if (!l || !r) return null;
        return { a: mk(op, l.a, r.a), b: mk(op, l.b, r.b) };
      }
      if (op === '*') {
        if (!dependsOn(left, name)) {
          const r = linearIn(right, name);
          return r && { a: mk('*', left, r.a), b: mk('*', left, r.b) };
        }
        if (!dependsOn(right, name)) {
          const l = linearIn(left, name);
          return l && { a: mk('*', l.a, right), b: mk('*', l.b, right) };
        }
        return null;
      }
      if (op === '/') {
        if (dependsOn(right, name)) return null;
        const l = linearIn(left, name);
        return l && { a: mk('/', l.a, right), b: mk('/', l.b, right) };
      }
      if (op === '^' && isOne(right)) return linearIn(left, name);
      return null;
    }
    default:
      return null;
  }
}

/* ---------- derivatives ---------- */

function derivError(message: string, symbol: string): never {
  throw new EquationError(message, { model: 'expression', symbol });
}

const c = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name, args });
const cond = (test: Expr, then: Expr, otherwise: Expr): Expr => ({ kind: 'cond', test, then, else: otherwise });
const num = (v: number): Expr => ({ kind: 'num', value: v, isInt: Number.isInteger(v) });

/** d/dx of a one-argument function at `u`, times nothing (the chain rule is applied by the caller). */
function outerDerivative(name: string, u: Expr): Expr | undefined {
  switch (name) {
    case 'exp': return c('exp', u);
    case 'log': return mk('/', ONE, u);
    case 'sqrt': return mk('/', ONE, mk('*', num(2), c('sqrt', u)));
    case 'sin': return c('cos', u);
    case 'cos': return negate(c('sin', u));
    case 'tan': return mk('/', ONE, mk('^', c('cos', u), num(2)));
    case 'asin': return mk('/', ONE, c('sqrt', mk('-', ONE, mk('^', u, num(2)))));
    case 'acos': return negate(mk('/', ONE, c('sqrt', mk('-', ONE, mk('^', u, num(2))))));
    case 'atan': return mk('/', ONE, mk('+', ONE, mk('^', u, num(2))));
    case 'sinh': return c('cosh', u);
    case 'cosh': return c('sinh', u);
    case 'tanh': return mk('-', ONE, mk('^', c('tanh', u), num(2)));
    default: return undefined;
  }
}

/**
 * The symbolic derivative of `expr` with respect to symbol `name` (simplified). Piecewise
 * functions (`pos`, `clip`, `abs`, `min`, `max`, conditions) differentiate piecewise; calls with
 * no derivative (`modulo`, `floor`, `round`, user functions, random draws…) that depend on
 * `name` are an error.
 */
export function derivative(expr: Expr, name: string): Expr {
  if (!dependsOn(expr, name)) return ZERO;
  const d = (e: Expr): Expr => derivative(e, name);
  switch (expr.kind) {
    case 'sym': return ONE;
    case 'unary':
      if (expr.op === 'not') return ZERO;
      return expr.op === '-' ? negate(d(expr.arg)) : d(expr.arg);
    case 'binary': {
      const { op, left: u, right: v } = expr;
      switch (op) {
        case '+': case '-': return mk(op, d(u), d(v));
        case '*': return mk('+', mk('*', d(u), v), mk('*', u, d(v)));
        case '/': return mk('/', mk('-', mk('*', d(u), v), mk('*', u, d(v))), mk('^', v, num(2)));
        case '^': {
          if (!dependsOn(v, name)) return mk('*', mk('*', v, mk('^', u, mk('-', v, ONE))), d(u));
          // u^v = exp(v log u): (u^v) (v' log u + v u'/u)
          return mk('*', expr, mk('+', mk('*', d(v), c('log', u)), mk('/', mk('*', v, d(u)), u)));
        }
        default: return ZERO; // comparisons and logic are piecewise constant
      }
    }
    case 'cond': return cond(expr.test, d(expr.then), d(expr.else));
    case 'call': {
      const [u, v, w] = expr.args;
      const outer = expr.args.length === 1 ? outerDerivative(expr.name, u) : undefined;
      if (outer) return mk('*', outer, d(u));
      switch (expr.name) {
        case 'pos': case 'positive': return cond(mk('>', u, ZERO), d(u), ZERO);
        case 'neg': case 'negative': return cond(mk('<', u, ZERO), d(u), ZERO);
        case 'abs': case 'fabs': return cond(mk('<', u, ZERO), negate(d(u)), d(u));
        case 'clip': return cond(mk('<', u, v), d(v), cond(mk('>', u, w), d(w), d(u)));
        case 'min': return cond(mk('<', u, v), d(u), d(v));
        case 'max': return cond(mk('>', u, v), d(u), d(v));
        case 'power': case 'pow': return derivative({ kind: 'binary', op: '^', left: u, right: v }, name);
      }
      return derivError(`cannot differentiate ${expr.name}(…) with respect to '${name}'`, expr.name);
    }
    default:
      return derivError(`cannot differentiate this ${expr.kind} with respect to '${name}'`, name);
  }
}
