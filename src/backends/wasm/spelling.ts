/**
 * How the wasm backend spells expressions and statements: s-expressions read by `./sexpr.ts` and
 * lowered to instructions by `./lower.ts` (which also lists the forms). Floats are written `f:<v>`
 * (`String(v)` reads back to the same double), integer literals bare; every operator is a form, so
 * the AST's order is the instructions' order, as on js and cpp.
 */
import type { Spelling } from '../render.js';
import type { Dialect, ScalarType } from '../kernels/dialect.js';
import { BUILTINS } from '../../equations/builtins.js';

/** A float64 literal that reads back to the same bits (`-0` included). */
export function floatLiteral(v: number): string {
  return `f:${Object.is(v, -0) ? '-0' : String(v)}`;
}

export const wasmSpelling: Spelling = {
  number: floatLiteral,
  bool: (v) => (v ? '1' : '0'),
  call: (name, args) => `(call ${BUILTINS.has(name) ? name : `F_${name}`} ${args.join(' ')})`, // user functions are F_<name>
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

/**
 * A value in parentheses: the shared code writes some values as bare infix (`(a - b + c) % c`),
 * which must stay one argument of the form it goes into (`./sexpr.ts` reads `(x)` as `x`).
 */
const v = (x: string) => `(${x})`;

/** The statement forms of the shared kernels (`../kernels/dialect.ts`) as s-expressions. */
export const wasmDialect: Dialect = {
  name: 'wasm',
  expr: wasmSpelling,
  declare: (name, value, o) => `(${o?.mutable ? 'var' : 'let'} ${name} ${TYPE[o?.type ?? 'float']} ${v(value)})`,
  assign: (lv, x) => `(set! ${lv} ${v(x)})`,
  addTo: (lv, x) => `(+= ${lv} ${v(x)})`,
  ifLine: (c, s) => `(when ${v(c)} ${s})`,
  ifBlock: (c, then, otherwise) => [`(if ${v(c)} (do`, ...then, ')', ...(otherwise ? ['(do', ...otherwise, ')'] : []), ')'],
  block: (lines) => ['(do', ...lines, ')'],
  inlineBlock: (stmts) => `(do ${stmts.join(' ')})`,
  select: (c, a, b) => `(? ${v(c)} ${v(a)} ${v(b)})`,
  cmp: (op, a, b) => `(cmp ${op} ${v(a)} ${v(b)})`,
  truthy: (x) => `(truthy ${v(x)})`,
  not: (c) => `(not ${v(c)})`,
  and: (a, b) => `(and ${v(a)} ${v(b)})`,
  or: (a, b) => `(or ${v(a)} ${v(b)})`,
  trunc: (x) => `(trunc ${v(x)})`,
  forRange: (i, n, body) => [`(for ${i} 0 ${v(n)}`, ...body, ')'],
  forGuarded: (i, n, guard, body) => [`(gfor ${i} 0 ${v(n)} ${v(guard)} -`, ...body, ')'],
  forSpan: (i, from, to, body) => [`(for ${i} ${v(from)} ${v(to)}`, ...body, ')'],
  whileLoop: (c, body) => [`(while ${v(c)}`, ...body, ')'],
  append: (list, x) => [`(set! ${list.element(list.count)} ${v(x)})`, `(set! ${list.count} (+ ${list.count} 1))`],
  periodSteps: (x) => `(period-steps ${v(x)})`,
  toFloat: (x) => `(float ${v(x)})`,
  roundToFloat32: (x) => `(fround ${v(x)})`,
  toInt: (x) => `(int ${v(x)})`,
  temp: (name) => name,
};
