/**
 * Text and TeX forms of expressions, for error messages, reports and tests. `exprToString` writes
 * ANNarchy syntax that parses back to the same tree (`parseExpression(exprToString(e))` ≡ `e`,
 * except that a negative literal comes back as the negation of a positive one and random draws
 * get fresh ids); conditions are written `ite(c, a, b)`.
 */
import type { BinaryOp, Expr } from './ast.js';
import { derivativeOf } from './parser.js';

/** Binding strength of each form, lowest first (Python's order). */
const PREC = { or: 1, and: 2, not: 3, cmp: 4, add: 5, mul: 6, unary: 7, pow: 8, atom: 9 } as const;

function binaryPrec(op: BinaryOp): number {
  switch (op) {
    case 'or': return PREC.or;
    case 'and': return PREC.and;
    case '+': case '-': return PREC.add;
    case '*': case '/': return PREC.mul;
    case '^': return PREC.pow;
    default: return PREC.cmp;
  }
}

function precOf(e: Expr): number {
  switch (e.kind) {
    case 'num': return e.value < 0 || Object.is(e.value, -0) ? PREC.unary : PREC.atom;
    case 'unary': return e.op === 'not' ? PREC.not : PREC.unary;
    case 'binary': return binaryPrec(e.op);
    default: return PREC.atom;
  }
}

/** A number as the parser reads it back: integers without a point when `isInt`, floats always with one. */
export function formatNumber(value: number, isInt: boolean): string {
  if (Number.isNaN(value)) return '(0.0 / 0.0)';
  if (!Number.isFinite(value)) return value > 0 ? '(1.0 / 0.0)' : '(-1.0 / 0.0)';
  const s = String(value);
  if (isInt && Number.isInteger(value)) return s;
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** ANNarchy-syntax text of `expr` with the fewest parentheses that keep its tree. */
export function exprToString(expr: Expr): string {
  const wrap = (e: Expr, needParens: boolean): string => (needParens ? `(${exprToString(e)})` : exprToString(e));
  switch (expr.kind) {
    case 'num': return formatNumber(expr.value, expr.isInt);
    case 'bool': return expr.value ? 'True' : 'False';
    case 'sym': return expr.name;
    case 'attr': return `${expr.owner}.${expr.name}`;
    case 'sum': return `${expr.owner === 'self' ? '' : `${expr.owner}.`}sum(${expr.target ?? ''})`;
    case 'globalop': return `${expr.op}(${expr.owner === 'self' ? '' : `${expr.owner}.`}${expr.variable})`;
    case 'rand': return `${expr.dist}(${expr.args.map(exprToString).join(', ')})`;
    case 'call': return `${expr.name}(${expr.args.map(exprToString).join(', ')})`;
    case 'cond': return `ite(${exprToString(expr.test)}, ${exprToString(expr.then)}, ${exprToString(expr.else)})`;
    case 'unary': {
      const p = precOf(expr.arg);
      if (expr.op === 'not') return `not ${wrap(expr.arg, p < PREC.not)}`;
      return `${expr.op}${wrap(expr.arg, p <= PREC.unary)}`;
    }
    case 'binary': {
      const p = binaryPrec(expr.op);
      const lp = precOf(expr.left);
      const rp = precOf(expr.right);
      if (expr.op === '^') return `${wrap(expr.left, lp <= PREC.pow)}^${wrap(expr.right, rp <= PREC.pow)}`;
      if (p === PREC.cmp) return `${wrap(expr.left, lp <= p)} ${expr.op} ${wrap(expr.right, rp <= p)}`;
      // Left-associative: the right operand needs parentheses at equal strength; a unary minus
      // on the right is parenthesised for readability (`a - (-b)`).
      return `${wrap(expr.left, lp < p)} ${expr.op} ${wrap(expr.right, rp <= p || rp === PREC.unary)}`;
    }
  }
}

/* ---------- TeX ---------- */

const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi',
  'Sigma', 'Phi', 'Psi', 'Omega']);

const TEX_FUNCTIONS = new Set(['exp', 'log', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'arcsin', 'arccos', 'arctan', 'min', 'max']);

/** A name in TeX: Greek letters as symbols, one subscript after the first underscore. */
export function nameToTex(name: string): string {
  const d = derivativeOf(name);
  if (d !== undefined) return `\\frac{d${nameToTex(d)}}{dt}`;
  const part = (s: string): string => {
    if (GREEK.has(s)) return `\\${s}`;
    if (s.length === 1) return s;
    return `\\mathrm{${s.replace(/_/g, '\\_')}}`;
  };
  const k = name.indexOf('_');
  if (k > 0 && k < name.length - 1) return `${part(name.slice(0, k))}_{${part(name.slice(k + 1))}}`;
  return part(name);
}

const TEX_OPS: Partial<Record<BinaryOp, string>> = {
  '+': '+', '-': '-', '*': '\\cdot', '==': '=', '!=': '\\neq', '<': '<', '<=': '\\leq', '>': '>', '>=': '\\geq',
  and: '\\land', or: '\\lor',
};

/** TeX (math mode) of `expr`, for reports. */
export function exprToTex(expr: Expr): string {
  const paren = (e: Expr, need: boolean): string => (need ? `\\left(${exprToTex(e)}\\right)` : exprToTex(e));
  const args = (xs: Expr[]): string => `\\left(${xs.map(exprToTex).join(', ')}\\right)`;
  switch (expr.kind) {
    case 'num': return formatNumber(expr.value, true).replace(/e\+?(-?\d+)$/, ' \\cdot 10^{$1}');
    case 'bool': return expr.value ? '\\mathrm{True}' : '\\mathrm{False}';
    case 'sym': return nameToTex(expr.name);
    case 'attr': return `${nameToTex(expr.name)}^{\\mathrm{${expr.owner}}}`;
    case 'sum': return `\\sum${expr.owner === 'self' ? '' : `^{\\mathrm{${expr.owner}}}`}_{${expr.target === null ? '' : `\\mathrm{${expr.target}}`}} w \\cdot r`;
    case 'globalop': return `\\mathrm{${expr.op}}\\left(${nameToTex(expr.variable)}${expr.owner === 'self' ? '' : `^{\\mathrm{${expr.owner}}}`}\\right)`;
    case 'rand': return `\\mathrm{${expr.dist}}${args(expr.args)}`;
    case 'call': {
      const name = expr.name === 'asin' ? 'arcsin' : expr.name === 'acos' ? 'arccos' : expr.name === 'atan' ? 'arctan' : expr.name;
      if (name === 'sqrt' && expr.args.length === 1) return `\\sqrt{${exprToTex(expr.args[0])}}`;
      if ((name === 'abs' || name === 'fabs') && expr.args.length === 1) return `\\left|${exprToTex(expr.args[0])}\\right|`;
      return `${TEX_FUNCTIONS.has(name) ? `\\${name}` : `\\mathrm{${name.replace(/_/g, '\\_')}}`}${args(expr.args)}`;
    }
    case 'cond':
      return `\\begin{cases} ${exprToTex(expr.then)} & \\text{if } ${exprToTex(expr.test)} \\\\ ${exprToTex(expr.else)} & \\text{otherwise} \\end{cases}`;
    case 'unary':
      if (expr.op === 'not') return `\\lnot ${paren(expr.arg, precOf(expr.arg) < PREC.not)}`;
      return `${expr.op}${paren(expr.arg, precOf(expr.arg) <= PREC.unary)}`;
    case 'binary': {
      if (expr.op === '/') return `\\frac{${exprToTex(expr.left)}}{${exprToTex(expr.right)}}`;
      if (expr.op === '^') return `{${paren(expr.left, precOf(expr.left) <= PREC.pow)}}^{${exprToTex(expr.right)}}`;
      const p = binaryPrec(expr.op);
      const left = paren(expr.left, precOf(expr.left) < p || (p === PREC.cmp && precOf(expr.left) === p));
      const right = paren(expr.right, precOf(expr.right) <= p || precOf(expr.right) === PREC.unary);
      return `${left} ${TEX_OPS[expr.op]} ${right}`;
    }
  }
}
