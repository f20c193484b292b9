/**
 * How JavaScript spells what differs between languages, and the small helper library the
 * generated kernels call (ANNarchy's built-in functions).
 */
import type { Spelling } from '../render.js';
import { indent, spanEnd, type Dialect } from '../kernels/dialect.js';

/** Built-in functions: name in equations → JS expression prefix. Helpers live in `jsBuiltins`. */
const MATH: Record<string, string> = {
  exp: 'Math.exp', log: 'Math.log', sqrt: 'Math.sqrt', sin: 'Math.sin', cos: 'Math.cos', tan: 'Math.tan',
  asin: 'Math.asin', acos: 'Math.acos', atan: 'Math.atan', sinh: 'Math.sinh', cosh: 'Math.cosh', tanh: 'Math.tanh',
  abs: 'Math.abs', fabs: 'Math.abs', floor: 'Math.floor', ceil: 'Math.ceil', round: 'B.round',
  pos: 'B.pos', positive: 'B.pos', neg: 'B.neg', negative: 'B.neg', clip: 'B.clip', modulo: 'B.modulo',
  power: 'Math.pow', pow: 'Math.pow', min: 'B.min', max: 'B.max', isnan: 'B.isnan', isfinite: 'B.isfinite',
  atan2: 'Math.atan2',
};

/** The helpers behind `B.*` in generated code. Written to match C's semantics (see docs). */
export const jsBuiltins = {
  pos: (x: number) => (x > 0 ? x : 0),
  neg: (x: number) => (x < 0 ? x : 0),
  clip: (x: number, a: number, b: number) => (x < a ? a : x > b ? b : x),
  /** C-style remainder of the truncated integers: modulo(-7, 3) = -1, modulo(6.4, 4) = 2. */
  modulo: (a: number, b: number) => Math.trunc(a) % Math.trunc(b),
  /** Round half away from zero, as C's round(). */
  round: (x: number) => (x < 0 ? -Math.round(-x) : Math.round(x)),
  min: (a: number, b: number) => (a < b ? a : b),
  max: (a: number, b: number) => (a > b ? a : b),
  isnan: (x: number) => (Number.isNaN(x) ? 1 : 0),
  isfinite: (x: number) => (Number.isFinite(x) ? 1 : 0),
};

export const jsSpelling: Spelling = {
  number: (v) => (Object.is(v, -0) ? '(-0)' : v < 0 ? `(${String(v)})` : String(v)),
  bool: (v) => (v ? '1' : '0'),
  call: (name, args) => `${MATH[name] ?? `F_${name}`}(${args.join(', ')})`,
  power: (a, b) => `Math.pow(${a}, ${b})`,
  not: (a) => `(${a} ? 0 : 1)`,
  and: (a, b) => `((${a}) && (${b}) ? 1 : 0)`,
  or: (a, b) => `((${a}) || (${b}) ? 1 : 0)`,
  cond: (c, a, b) => `(${c} ? ${a} : ${b})`,
  compare: (op, a, b) => {
    const js = op === '==' ? '===' : op === '!=' ? '!==' : op;
    return `(${a} ${js} ${b} ? 1 : 0)`;
  },
};

/** How JavaScript spells the statements of the shared kernels (`../kernels/dialect.ts`). */
export const jsDialect: Dialect = {
  name: 'js',
  expr: jsSpelling,
  declare: (name, value, o) => `${o?.mutable ? 'let' : 'const'} ${name} = ${value};`,
  assign: (lv, v) => `${lv} = ${v};`,
  addTo: (lv, v) => `${lv} += ${v};`,
  ifLine: (c, s) => `if (${c}) ${s}`,
  ifBlock: (c, then, otherwise) => [`if (${c}) {`, ...indent(then), ...(otherwise ? ['} else {', ...indent(otherwise)] : []), '}'],
  block: (lines) => ['{', ...indent(lines), '}'],
  inlineBlock: (stmts) => `{ ${stmts.join(' ')} }`,
  select: (c, a, b) => `${c} ? ${a} : ${b}`,
  cmp: (op, a, b) => `${a} ${op === '==' ? '===' : op === '!=' ? '!==' : op} ${b}`,
  truthy: (v) => v,
  not: (c) => `!(${c})`,
  and: (a, b) => `${a} && ${b}`,
  or: (a, b) => `(${a} || ${b})`,
  trunc: (v) => `Math.trunc(${v})`,
  forRange: (i, n, body) => [`for (let ${i} = 0; ${i} < ${n}; ${i}++) {`, ...indent(body), '}'],
  forSpan: (i, from, to, body) => {
    const { end, hoist } = spanEnd(i, to);
    return [`for (let ${i} = ${from}${hoist ? `, ${end} = ${hoist}` : ''}; ${i} < ${end}; ${i}++) {`, ...indent(body), '}'];
  },
  whileLoop: (c, body) => [`while (${c}) {`, ...indent(body), '}'],
  append: (list, v) => [`${list.element(`${list.count}++`)} = ${v};`],
  periodSteps: (x) => `Math.max(0, Math.min(Math.round(${x}), 2147483647))`,
  toFloat: (x) => x,
  roundToFloat32: (x) => `Math.fround(${x})`,
  toInt: (x) => x,
  temp: (name) => name,
};
