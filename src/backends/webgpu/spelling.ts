/**
 * How WGSL spells what differs from JavaScript (the shared printer is `../render.ts`), and the
 * helper prelude the generated shaders call. Every value is an `f32`: comparisons and logic give
 * 1.0/0.0 and a value is "true" when it is non-zero, as in the `js` backend. Differences that
 * remain (documented in the README): f32 instead of f64, FMA contraction by the shader compiler,
 * WGSL's `exp`/`log`/division accuracy, and NaN handling (WGSL may assume no NaN is produced).
 */
import type { Spelling } from '../render.js';
import { indent, spanEnd, type Dialect } from '../kernels/dialect.js';
import { tempName } from '../steps.js';

const MATH: Record<string, string> = {
  exp: 'exp', log: 'log', sqrt: 'sqrt', sin: 'sin', cos: 'cos', tan: 'tan',
  asin: 'asin', acos: 'acos', atan: 'atan', sinh: 'sinh', cosh: 'cosh', tanh: 'tanh',
  abs: 'abs', fabs: 'abs', floor: 'floor', ceil: 'ceil', round: 'nx_round',
  pos: 'nx_pos', positive: 'nx_pos', neg: 'nx_neg', negative: 'nx_neg', clip: 'nx_clip', modulo: 'nx_modulo',
  power: 'nx_pow', pow: 'nx_pow', min: 'nx_min', max: 'nx_max', isnan: 'nx_isnan', isfinite: 'nx_isfinite',
  atan2: 'atan2',
};

/** The largest finite float32. */
const F32_MAX = 3.4028234663852886e38;

/**
 * A WGSL f32 literal. WGSL has no literal for infinities and NaN, and refuses them in constant
 * expressions: they come from bits held in a private variable (evaluated at run time).
 */
export function wgslNumber(v: number): string {
  if (Number.isNaN(v)) return 'nx_nan()';
  if (v === Infinity || v > F32_MAX) return 'nx_inf()';
  if (v === -Infinity || v < -F32_MAX) return '(-nx_inf())';
  if (Object.is(v, -0)) return '(-0.0f)';
  const s = `${String(v)}f`;
  return v < 0 ? `(${s})` : s;
}

/** The helpers behind `nx_*` (C/JS semantics of the `js` backend's builtins, in f32). */
export const WGSL_HELPERS = /* wgsl */ `// ---- neurarchy helpers (src/backends/webgpu/spelling.ts) ----
var<private> NX_INF_BITS: u32 = 0x7f800000u;
fn nx_inf() -> f32 { return bitcast<f32>(NX_INF_BITS); }
fn nx_nan() -> f32 { return bitcast<f32>(NX_INF_BITS | 0x400000u); }
fn nx_truthy(x: f32) -> bool { return x != 0.0; }
fn nx_b(c: bool) -> f32 { return select(0.0, 1.0, c); }
fn nx_pos(x: f32) -> f32 { return select(0.0, x, x > 0.0); }
fn nx_neg(x: f32) -> f32 { return select(0.0, x, x < 0.0); }
fn nx_clip(x: f32, a: f32, b: f32) -> f32 { return select(select(x, b, x > b), a, x < a); }
fn nx_min(a: f32, b: f32) -> f32 { return select(b, a, a < b); }
fn nx_max(a: f32, b: f32) -> f32 { return select(b, a, a > b); }
fn nx_modulo(a: f32, b: f32) -> f32 { let bi = i32(trunc(b)); if (bi == 0) { return 0.0; } return f32(i32(trunc(a)) % bi); }
fn nx_round(x: f32) -> f32 { return sign(x) * floor(abs(x) + 0.5); }
// NaN and infinity tests on the bits: the shader compiler may fold x != x to false.
fn nx_isnan(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u); }
fn nx_isfinite(x: f32) -> f32 { return nx_b((bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u); }
// A refractory period in steps, rounded half up, saturated to [0, 2^31 - 1] (NaN: none).
fn nx_period_steps(x: f32) -> i32 { let r = floor(x + 0.5); if (r >= 2147483648.0) { return 2147483647; } if (r > 0.0) { return i32(r); } return 0; }
// WGSL's pow is undefined for x < 0: integer exponents keep the sign rule of C's pow.
fn nx_pow(x: f32, y: f32) -> f32 {
  if (y == 2.0) { return x * x; }
  if (x >= 0.0) { return pow(x, y); }
  if (y != floor(y)) { return nx_nan(); }
  let m = pow(-x, y);
  return select(m, -m, (i32(y) & 1) == 1);
}
`;

export const wgslSpelling: Spelling = {
  number: wgslNumber,
  bool: (v) => (v ? '1.0f' : '0.0f'),
  call: (name, args) => `${MATH[name] ?? `F_${name}`}(${args.join(', ')})`,
  power: (a, b) => `nx_pow(${a}, ${b})`,
  not: (a) => `nx_b(!nx_truthy(${a}))`,
  and: (a, b) => `nx_b(nx_truthy(${a}) && nx_truthy(${b}))`,
  or: (a, b) => `nx_b(nx_truthy(${a}) || nx_truthy(${b}))`,
  cond: (c, a, b) => `select(${b}, ${a}, nx_truthy(${c}))`,
  compare: (op, a, b) => `nx_b(${a} ${op} ${b})`,
};

const WGSL_TYPES = { float: 'f32', int: 'i32', index: 'i32', bool: 'bool' } as const;

/** How WGSL spells the statements of the shared kernels (`../kernels/dialect.ts`). */
export const wgslDialect: Dialect = {
  name: 'webgpu',
  expr: wgslSpelling,
  declare: (name, value, o) => `${o?.mutable ? 'var' : 'let'} ${name}: ${WGSL_TYPES[o?.type ?? 'float']} = ${value};`,
  assign: (lv, v) => `${lv} = ${v};`,
  ifLine: (c, s) => `if (${c}) { ${s} }`,
  ifBlock: (c, then, otherwise) => [`if (${c}) {`, ...indent(then), ...(otherwise ? ['} else {', ...indent(otherwise)] : []), '}'],
  block: (lines) => ['{', ...indent(lines), '}'],
  inlineBlock: (stmts) => `{ ${stmts.join(' ')} }`,
  select: (c, a, b) => `select(${b}, ${a}, ${c})`,
  cmp: (op, a, b) => `${a} ${op} ${b}`,
  truthy: (v) => `nx_truthy(${v})`,
  not: (c) => `!(${c})`,
  and: (a, b) => `${a} && ${b}`,
  or: (a, b) => `(${a} || ${b})`,
  trunc: (v) => `trunc(${v})`,
  forRange: (i, n, body) => [`for (var ${i}: i32 = 0; ${i} < ${n}; ${i}++) {`, ...indent(body), '}'],
  forSpan: (i, from, to, body) => {
    // WGSL's for-initialiser declares one variable: a hoisted end is a `let` of a block around the loop.
    const { end, hoist } = spanEnd(i, to);
    const loop = [`for (var ${i}: i32 = ${from}; ${i} < ${end}; ${i}++) {`, ...indent(body), '}'];
    return hoist ? ['{', `  let ${end}: i32 = ${hoist};`, ...indent(loop), '}'] : loop;
  },
  whileLoop: (c, body) => [`while (${c}) {`, ...indent(body), '}'],
  // Invocations run concurrently: a slot of the list is taken with an atomic add (the engine sorts the list).
  append: (list, v) => [`let _slot = atomicAdd(&${list.count}, 1);`, `${list.element('_slot')} = ${v};`],
  // Saturated as the js kernel's Math.max(0, Math.min(Math.round(x), 2^31 − 1)) (x ≥ 2^31 − 1 first: i32() of it is undefined).
  periodSteps: (x) => `nx_period_steps(${x})`,
  toFloat: (x) => `f32(${x})`,
  // Already float32: every float of the webgpu backend is.
  roundToFloat32: (x) => x,
  toInt: (x) => x,
  temp: tempName,
  sharesRepeats: true,
  singleStore: true,
};
