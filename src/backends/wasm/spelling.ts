/**
 * How the wasm backend spells expressions and statements: s-expressions read by `./sexpr.ts` and
 * lowered to instructions by `./lower.ts` (which also lists the forms). Floats are written `f:<v>`
 * (`String(v)` reads back to the same double), integer literals bare; every operator is a form, so
 * the AST's order is the instructions' order, as on js and cpp.
 */
import type { Spelling } from '../render.js';
import type { Dialect, ScalarType } from '../kernels/dialect.js';

/** Equations' built-in functions the lowering knows; anything else is a user function `F_<name>`. */
const BUILTIN = new Set([
  'exp', 'log', 'sqrt', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'abs', 'fabs', 'floor', 'ceil',
  'round', 'pos', 'positive', 'neg', 'negative', 'clip', 'modulo', 'power', 'pow', 'min', 'max', 'isnan', 'isfinite', 'atan2',
]);

/** A float64 literal that reads back to the same bits (`-0` included). */
export function floatLiteral(v: number): string {
  return `f:${Object.is(v, -0) ? '-0' : String(v)}`;
}

export const wasmSpelling: Spelling = {
  number: floatLiteral,
  bool: (v) => (v ? '1' : '0'),
  call: (name, args) => `(call ${BUILTIN.has(name) ? name : `F_${name}`} ${args.join(' ')})`,
  power: (a, b) => `(call pow ${a} ${b})`,
  not: (a) => `(not ${a})`,
  and: (a, b) => `(and ${a} ${b})`,
  or: (a, b) => `(or ${a} ${b})`,
  cond: (c, a, b) => `(? ${c} ${a} ${b})`,
  compare: (op, a, b) => `(cmp ${op} ${a} ${b})`,
  arith: (op, a, b) => `(${op} ${a} ${b})`,
  neg: (a) => `(neg ${a})`,
  binary: (op, a, b) => `(${op} ${a} ${b})`,
};

const TYPE: Record<ScalarType, 'i32' | 'f64'> = { float: 'f64', int: 'i32', index: 'i32', bool: 'i32' };

/** The statement forms of the shared kernels (`../kernels/dialect.ts`) as s-expressions. */
export const wasmDialect: Dialect = {
  name: 'wasm',
  expr: wasmSpelling,
  declare: (name, value, o) => `(${o?.mutable ? 'var' : 'let'} ${name} ${TYPE[o?.type ?? 'float']} ${value})`,
  assign: (lv, v) => `(set! ${lv} ${v})`,
  addTo: (lv, v) => `(+= ${lv} ${v})`,
  ifLine: (c, s) => `(when ${c} ${s})`,
  ifBlock: (c, then, otherwise) => [`(if ${c} (do`, ...then, ')', ...(otherwise ? ['(do', ...otherwise, ')'] : []), ')'],
  block: (lines) => ['(do', ...lines, ')'],
  inlineBlock: (stmts) => `(do ${stmts.join(' ')})`,
  select: (c, a, b) => `(? ${c} ${a} ${b})`,
  cmp: (op, a, b) => `(cmp ${op} ${a} ${b})`,
  truthy: (v) => `(truthy ${v})`,
  not: (c) => `(not ${c})`,
  and: (a, b) => `(and ${a} ${b})`,
  trunc: (v) => `(trunc ${v})`,
  forRange: (i, n, body) => [`(for ${i} 0 ${n}`, ...body, ')'],
  forSpan: (i, from, to, body) => [`(for ${i} ${from} ${to}`, ...body, ')'],
  whileLoop: (c, body) => [`(while ${c}`, ...body, ')'],
  append: (list, v) => [`(set! ${list.element(list.count)} ${v})`, `(set! ${list.count} (+ ${list.count} 1))`],
  periodSteps: (x) => `(period-steps ${x})`,
  toFloat: (x) => `(float ${x})`,
  toInt: (x) => `(int ${x})`,
  temp: (name) => name,
};
