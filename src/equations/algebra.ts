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

/**
 * Simplifies bottom-up (see `simplifyBinary`; also `--x`, `+x`, `-literal`, constant conditions).
 * Without recursion (`foldExpr`): a flat sum of thousands of terms is as deep as it is long.
 */
export function simplify(expr: Expr): Expr {
  return foldExpr<Expr>(expr, (e, kids) => {
    switch (e.kind) {
      case 'unary': {
        const arg = kids[0];
        if (e.op === '+') return arg;
        if (e.op === '-') return negate(arg);
        if (arg.kind === 'bool') return { kind: 'bool', value: !arg.value };
        return { kind: 'unary', op: 'not', arg };
      }
      case 'binary':
        return simplifyBinary(e.op, kids[0], kids[1]);
      case 'call':
        return { kind: 'call', name: e.name, args: kids };
      case 'rand':
        return { ...e, args: kids };
      case 'cond': {
        const [test, then, otherwise] = kids;
        if (test.kind === 'bool') return test.value ? then : otherwise;
        return { kind: 'cond', test, then, else: otherwise };
      }
      default:
        return e;
    }
  });
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

/**
 * Calls `visit` on `e` and every node below it, parents first, children in order. Iterative (an
 * explicit stack), so that any depth is fine.
 */
export function walk(e: Expr, visit: (node: Expr) => void): void {
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/**
 * Computes a value for every node from the values of its children (post-order), without
 * recursion: `f(node, childValues)`, children in the order of `children(node)`.
 */
export function foldExpr<T>(e: Expr, f: (node: Expr, kids: T[]) => T): T {
  // Each frame: the node, its children, and the values computed so far.
  const frames: { node: Expr; kids: Expr[]; values: T[] }[] = [{ node: e, kids: children(e), values: [] }];
  for (;;) {
    const top = frames[frames.length - 1];
    if (top.values.length < top.kids.length) {
      const next = top.kids[top.values.length];
      frames.push({ node: next, kids: children(next), values: [] });
      continue;
    }
    const value = f(top.node, top.values);
    frames.pop();
    if (frames.length === 0) return value;
    frames[frames.length - 1].values.push(value);
  }
}

/** Node `n` with its direct sub-expressions replaced by `kids` (in the order of `children(n)`). */
export function withChildren(n: Expr, kids: Expr[]): Expr {
  switch (n.kind) {
    case 'unary': return { kind: 'unary', op: n.op, arg: kids[0] };
    case 'binary': return { kind: 'binary', op: n.op, left: kids[0], right: kids[1] };
    case 'call': return { kind: 'call', name: n.name, args: kids };
    case 'rand': return { ...n, args: kids };
    case 'cond': return { kind: 'cond', test: kids[0], then: kids[1], else: kids[2] };
    default: return n;
  }
}

/** Rebuilds `e` bottom-up with `f` applied to each node after its children (any depth). */
export function mapExpr(e: Expr, f: (node: Expr) => Expr): Expr {
  return foldExpr<Expr>(e, (n, kids) => f(withChildren(n, kids)));
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

/** Structural equality (ids of random draws included), without recursion. */
export function exprEquals(a: Expr, b: Expr): boolean {
  const stack: [Expr, Expr][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x.kind !== y.kind) return false;
    const same = (() => {
      switch (x.kind) {
        case 'num': { const v = (y as typeof x).value; return (x.value === v || (Number.isNaN(x.value) && Number.isNaN(v))) && x.isInt === (y as typeof x).isInt; }
        case 'bool': return x.value === (y as typeof x).value;
        case 'sym': return x.name === (y as typeof x).name;
        case 'attr': return x.owner === (y as typeof x).owner && x.name === (y as typeof x).name;
        case 'sum': return x.owner === (y as typeof x).owner && x.target === (y as typeof x).target;
        case 'globalop': return x.op === (y as typeof x).op && x.owner === (y as typeof x).owner && x.variable === (y as typeof x).variable;
        case 'rand': return x.dist === (y as typeof x).dist && x.id === (y as typeof x).id;
        case 'unary': case 'binary': return x.op === (y as typeof x).op;
        case 'call': return x.name === (y as typeof x).name;
        case 'cond': return true;
      }
    })();
    if (!same) return false;
    const kx = children(x);
    const ky = children(y);
    if (kx.length !== ky.length) return false;
    for (let i = 0; i < kx.length; i++) stack.push([kx[i], ky[i]]);
  }
  return true;
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
  if (isAdditive(expr)) {
    // A flat sum: along its left spine without recursion, combined from the left as before.
    return foldAdditive(expr, name, (e) => linearIn(e, name), (op, l, r) => (l && r ? { a: mk(op, l.a, r.a), b: mk(op, l.b, r.b) } : null),
      (e) => ({ a: ZERO, b: e }));
  }
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

type Binary = Extract<Expr, { kind: 'binary' }>;

/** Whether `e` is `a + b` or `a - b` (not a type guard: the other binary operators stay possible). */
const isAdditive = (e: Expr): boolean => e.kind === 'binary' && (e.op === '+' || e.op === '-');

/**
 * The left spine of a flat sum `((x0 ± x1) ± x2) …`, processed without recursion as the recursive
 * definition `rec(l ± r) = combine(±, rec(l), leaf(r))` would: spine nodes that do not depend on
 * `name` are `free(node)` whole (as `linearIn` and `derivative` treat them), the bottom node and
 * every right operand go to `leaf`.
 */
function foldAdditive<T>(expr: Expr, name: string, leaf: (e: Expr) => T, combine: (op: '+' | '-', l: T, r: T) => T, free: (e: Expr) => T): T {
  const spine: Binary[] = [];
  let bottom: Expr = expr;
  while (isAdditive(bottom)) { spine.push(bottom as Binary); bottom = (bottom as Binary).left; }
  // Which spine nodes depend on `name`, bottom-up (a node depends when its left part or its right operand does).
  const depends: boolean[] = new Array(spine.length);
  let below = dependsOn(bottom, name);
  for (let k = spine.length - 1; k >= 0; k--) {
    below = below || dependsOn(spine[k].right, name);
    depends[k] = below;
  }
  // The deepest spine node that still depends is where the recursion would stop descending.
  let k = spine.length - 1;
  while (k >= 0 && !depends[k]) k--;
  let acc: T;
  if (k === spine.length - 1) acc = leaf(bottom);
  else acc = free(spine[k + 1]);
  for (; k >= 0; k--) acc = combine(spine[k].op as '+' | '-', acc, leaf(spine[k].right));
  return acc;
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
  if (isAdditive(expr)) return foldAdditive(expr, name, d, (op, l, r) => mk(op, l, r), () => ZERO);
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
