/**
 * Text and TeX forms of expressions, for error messages, reports and tests. `exprToString` writes
 * ANNarchy syntax that parses back to the same tree (`parseExpression(exprToString(e))` ≡ `e`,
 * except that a negative literal comes back as the negation of a positive one and random draws
 * get fresh ids); conditions are written `ite(c, a, b)`.
 */
import type { BinaryOp, Expr } from './ast.js';
import { derivativeOf } from './parser.js';
import { foldExpr } from './algebra.js';

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

/** ANNarchy-syntax text of `expr` with the fewest parentheses that keep its tree (any depth: no recursion). */
export function exprToString(expr: Expr): string {
  return foldExpr<string>(expr, (e, kids) => {
    const wrap = (text: string, needParens: boolean): string => (needParens ? `(${text})` : text);
    switch (e.kind) {
      case 'num': return formatNumber(e.value, e.isInt);
      case 'bool': return e.value ? 'True' : 'False';
      case 'sym': return e.name;
      case 'attr': return `${e.owner}.${e.name}`;
      case 'sum': return `${e.owner === 'self' ? '' : `${e.owner}.`}sum(${e.target ?? ''})`;
      case 'globalop': return `${e.op}(${e.owner === 'self' ? '' : `${e.owner}.`}${e.variable})`;
      case 'rand': return `${e.dist}(${kids.join(', ')})`;
      case 'call': return `${e.name}(${kids.join(', ')})`;
      case 'cond': return `ite(${kids[0]}, ${kids[1]}, ${kids[2]})`;
      case 'unary': {
        const p = precOf(e.arg);
        if (e.op === 'not') return `not ${wrap(kids[0], p < PREC.not)}`;
        return `${e.op}${wrap(kids[0], p <= PREC.unary)}`;
      }
      case 'binary': {
        const p = binaryPrec(e.op);
        const lp = precOf(e.left);
        const rp = precOf(e.right);
        const [left, right] = kids;
        if (e.op === '^') return `${wrap(left, lp <= PREC.pow)}^${wrap(right, rp <= PREC.pow)}`;
        if (p === PREC.cmp) return `${wrap(left, lp <= p)} ${e.op} ${wrap(right, rp <= p)}`;
        // Left-associative: the right operand needs parentheses at equal strength; a unary minus
        // on the right is parenthesised for readability (`a - (-b)`).
        return `${wrap(left, lp < p)} ${e.op} ${wrap(right, rp <= p || rp === PREC.unary)}`;
      }
    }
  });
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

/** TeX (math mode) of `expr`, for reports (any depth: no recursion). */
export function exprToTex(expr: Expr): string {
  return foldExpr<string>(expr, (e, kids) => {
    const paren = (text: string, need: boolean): string => (need ? `\\left(${text}\\right)` : text);
    const args = `\\left(${kids.join(', ')}\\right)`;
    switch (e.kind) {
      case 'num': return formatNumber(e.value, true).replace(/e\+?(-?\d+)$/, ' \\cdot 10^{$1}');
      case 'bool': return e.value ? '\\mathrm{True}' : '\\mathrm{False}';
      case 'sym': return nameToTex(e.name);
      case 'attr': return `${nameToTex(e.name)}^{\\mathrm{${e.owner}}}`;
      case 'sum': return `\\sum${e.owner === 'self' ? '' : `^{\\mathrm{${e.owner}}}`}_{${e.target === null ? '' : `\\mathrm{${e.target}}`}} w \\cdot r`;
      case 'globalop': return `\\mathrm{${e.op}}\\left(${nameToTex(e.variable)}${e.owner === 'self' ? '' : `^{\\mathrm{${e.owner}}}`}\\right)`;
      case 'rand': return `\\mathrm{${e.dist}}${args}`;
      case 'call': {
        const name = e.name === 'asin' ? 'arcsin' : e.name === 'acos' ? 'arccos' : e.name === 'atan' ? 'arctan' : e.name;
        if (name === 'sqrt' && kids.length === 1) return `\\sqrt{${kids[0]}}`;
        if ((name === 'abs' || name === 'fabs') && kids.length === 1) return `\\left|${kids[0]}\\right|`;
        return `${TEX_FUNCTIONS.has(name) ? `\\${name}` : `\\mathrm{${name.replace(/_/g, '\\_')}}`}${args}`;
      }
      case 'cond':
        return `\\begin{cases} ${kids[1]} & \\text{if } ${kids[0]} \\\\ ${kids[2]} & \\text{otherwise} \\end{cases}`;
      case 'unary':
        if (e.op === 'not') return `\\lnot ${paren(kids[0], precOf(e.arg) < PREC.not)}`;
        return `${e.op}${paren(kids[0], precOf(e.arg) <= PREC.unary)}`;
      case 'binary': {
        if (e.op === '/') return `\\frac{${kids[0]}}{${kids[1]}}`;
        if (e.op === '^') return `{${paren(kids[0], precOf(e.left) <= PREC.pow)}}^{${kids[1]}}`;
        const p = binaryPrec(e.op);
        const left = paren(kids[0], precOf(e.left) < p || (p === PREC.cmp && precOf(e.left) === p));
        const right = paren(kids[1], precOf(e.right) <= p || precOf(e.right) === PREC.unary);
        return `${left} ${TEX_OPS[e.op]} ${right}`;
      }
    }
  });
}
