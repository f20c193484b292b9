/**
 * How C++ spells what differs from JavaScript, and the small helper prelude the generated kernels
 * call. Everything is written to give the same double as the `js` backend's spelling
 * (`../js/spelling.ts`): comparisons and logic produce 1.0/0.0, a value is "true" as in JS
 * (non-zero and not NaN), `exp`/`log`/`pow` are the fdlibm ports V8 itself uses (bit-identical), and
 * every operation stays fully parenthesised by the shared renderer.
 */
import type { Spelling } from '../render.js';
import { indent, spanEnd, type Dialect } from '../kernels/dialect.js';
import { tempName } from '../steps.js';

/**
 * Built-in functions: name in equations → C function. `exp` and `log` are the fdlibm ports of
 * `PHILOX_C_SOURCE`, the trigonometric and hyperbolic functions those of `fdlibm.ts` (V8's own
 * `Math.*`, bit for bit; `sin`/`cos`/`tan` for |x| < 823 550, `sinh`/`cosh` for |x| < 709.78);
 * `pow`/`power`/`^` the `pow` of the running V8 there too (`V8_POW`).
 */
const MATH: Record<string, string> = {
  exp: 'nrx_exp', log: 'nrx_log', sqrt: 'sqrt', sin: 'nx_sin', cos: 'nx_cos', tan: 'nx_tan',
  asin: 'nx_asin', acos: 'nx_acos', atan: 'nx_atan', sinh: 'nx_sinh', cosh: 'nx_cosh', tanh: 'nx_tanh',
  abs: 'fabs', fabs: 'fabs', floor: 'floor', ceil: 'ceil', round: 'round',
  pos: 'nx_pos', positive: 'nx_pos', neg: 'nx_neg', negative: 'nx_neg', clip: 'nx_clip', modulo: 'nx_modulo',
  power: 'nx_pow', pow: 'nx_pow', min: 'nx_min', max: 'nx_max', isnan: 'nx_isnan', isfinite: 'nx_isfinite',
  atan2: 'nx_atan2',
};

/** The helpers behind `nx_*` in generated code (C semantics equal to `jsBuiltins`). */
export const CPP_HELPERS = String.raw`/* ---- neurarchy helpers: the same semantics as the js backend's builtins ---- */
static inline bool nx_truthy(double x) { return x != 0.0 && x == x; }
/* An element of an attribute stored in float32 (setup({ precision: 'float32' })): read as a double,
   rounded to the nearest float when written, so that every expression is computed in double, as
   the js backend's Float32Array does; float * float would otherwise round each product. */
struct nx_f32 {
  float v;
  operator double() const { return (double)v; }
  nx_f32& operator=(double x) { v = (float)x; return *this; }
  nx_f32& operator+=(double x) { v = (float)((double)v + x); return *this; }
  nx_f32& operator-=(double x) { v = (float)((double)v - x); return *this; }
  nx_f32& operator*=(double x) { v = (float)((double)v * x); return *this; }
  nx_f32& operator/=(double x) { v = (float)((double)v / x); return *this; }
};
/* Four float64 lanes (GCC/Clang vector extensions): a loop's guard tested on four elements at once (forGuarded). */
typedef double __attribute__((vector_size(32))) nx_v4d;
typedef int64_t __attribute__((vector_size(32))) nx_v4l;
static inline nx_v4d nx_v4(const double* p) { nx_v4d v; __builtin_memcpy(&v, p, sizeof v); return v; }
typedef float __attribute__((vector_size(16))) nx_v4f;
/* Four floats to four doubles: lane by lane, which g++ compiles to one vcvtps2pd ymm (__builtin_convertvector gave two halves and an insert). */
static inline nx_v4d nx_v4(const nx_f32* p) { nx_v4f v; __builtin_memcpy(&v, p, sizeof v); return (nx_v4d){ (double)v[0], (double)v[1], (double)v[2], (double)v[3] }; }
/* Whether a lane is set: one vptest with AVX (g++ otherwise extracts the lanes and ors them: half the time of the Poisson inputs' scan). */
static inline bool nx_any4(nx_v4l m) {
#if defined(__AVX__)
  typedef long long L __attribute__((vector_size(32)));
  return !__builtin_ia32_ptestz256((L)m, (L)m);
#else
  return (m[0] | m[1] | m[2] | m[3]) != 0;
#endif
}
static inline double nx_pos(double x) { return x > 0.0 ? x : 0.0; }
static inline double nx_neg(double x) { return x < 0.0 ? x : 0.0; }
static inline double nx_clip(double x, double a, double b) { return x < a ? a : (x > b ? b : x); }
static inline double nx_modulo(double a, double b) { return fmod(trunc(a), trunc(b)); }
static inline double nx_min(double a, double b) { return a < b ? a : b; }
static inline double nx_max(double a, double b) { return a > b ? a : b; }
static inline double nx_isnan(double x) { return x != x ? 1.0 : 0.0; }
static inline double nx_isfinite(double x) { return (x == x && x != INFINITY && x != -INFINITY) ? 1.0 : 0.0; }
/* JS Math.pow, bit for bit: the pow of the V8 that runs the js backend (fdlibm.ts); x^2 inline, x * x on both. */
static inline double nx_pow(double x, double y) {
  if (y == 2.0) return x * x;
  return nx_v8_pow(x, y);
}
/* JS Math.round: half-way cases towards +Infinity. */
static inline double nx_jsround(double x) { double r = floor(x); return (x - r >= 0.5) ? r + 1.0 : r; }
/* ECMAScript ToInt32 for the values the runtime stores in int32 arrays (NaN and Infinity give 0). */
static inline int32_t nx_toi32(double x) {
  if (!(x == x) || x == INFINITY || x == -INFINITY) return 0;
  double t = trunc(x);
  if (t >= -2147483648.0 && t <= 2147483647.0) return (int32_t)t;
  double m = fmod(t, 4294967296.0); if (m < 0) m += 4294967296.0;
  return (int32_t)(uint32_t)m;
}
`;

function cNumber(v: number): string {
  if (Number.isNaN(v)) return '(double)NAN';
  if (v === Infinity) return '(double)INFINITY';
  if (v === -Infinity) return '(-(double)INFINITY)';
  if (Object.is(v, -0)) return '(-0.0)';
  let s = String(v);
  if (!/[.eE]/.test(s)) s += '.0';
  return v < 0 ? `(${s})` : s;
}

export const cppSpelling: Spelling = {
  number: cNumber,
  bool: (v) => (v ? '1.0' : '0.0'),
  call: (name, args) => `${MATH[name] ?? `F_${name}`}(${args.join(', ')})`,
  power: (a, b) => `nx_pow(${a}, ${b})`,
  not: (a) => `(nx_truthy(${a}) ? 0.0 : 1.0)`,
  and: (a, b) => `((nx_truthy(${a}) && nx_truthy(${b})) ? 1.0 : 0.0)`,
  or: (a, b) => `((nx_truthy(${a}) || nx_truthy(${b})) ? 1.0 : 0.0)`,
  cond: (c, a, b) => `(nx_truthy(${c}) ? ${a} : ${b})`,
  compare: (op, a, b) => `((${a} ${op} ${b}) ? 1.0 : 0.0)`,
};

/** A C literal for a double (`dt`, π): exact, since the shortest round-trip decimal parses back to the same double. */
export const cDouble = cNumber;

const C_TYPES = { float: 'double', int: 'int32_t', index: 'int64_t', bool: 'bool' } as const;

/** How C++ spells the statements of the shared kernels (`../kernels/dialect.ts`). */
export const cppDialect: Dialect = {
  name: 'cpp',
  expr: cppSpelling,
  declare: (name, value, o) => `${o?.mutable ? '' : 'const '}${C_TYPES[o?.type ?? 'float']} ${name} = ${value};`,
  assign: (lv, v) => `${lv} = ${v};`,
  addTo: (lv, v) => `${lv} += ${v};`,
  ifLine: (c, s) => `if (${c}) ${s}`,
  ifBlock: (c, then, otherwise) => [`if (${c}) {`, ...indent(then), ...(otherwise ? ['} else {', ...indent(otherwise)] : []), '}'],
  block: (lines) => ['{', ...indent(lines), '}'],
  inlineBlock: (stmts) => `{ ${stmts.join(' ')} }`,
  select: (c, a, b) => `${c} ? ${a} : ${b}`,
  cmp: (op, a, b) => `${a} ${op} ${b}`,
  truthy: (v) => `nx_truthy(${v})`,
  not: (c) => `!(${c})`,
  and: (a, b) => `${a} && ${b}`,
  or: (a, b) => `(${a} || ${b})`,
  trunc: (v) => `trunc(${v})`,
  forRange: (i, n, body) => [`for (int64_t ${i} = 0; ${i} < ${n}; ${i}++) {`, ...indent(body), '}'],
  // `guard` is four lanes from `i` (`SpecialTarget.lanes`): the body runs for the four when one holds.
  forGuarded: (i, n, guard, body) => [
    `for (int64_t _b${i} = 0; _b${i} + 4 <= ${n}; _b${i} += 4) {`,
    `  { const int64_t ${i} = _b${i}; if (!nx_any4(${guard})) continue; }`,
    `  for (int64_t ${i} = _b${i}; ${i} < _b${i} + 4; ${i}++) {`, ...indent(body, 2), '  }',
    '}',
    `for (int64_t ${i} = ${n} - ${n} % 4; ${i} < ${n}; ${i}++) {`, ...indent(body), '}',
  ],
  forSpan: (i, from, to, body) => {
    const { end, hoist } = spanEnd(i, to);
    return [`for (int64_t ${i} = ${from}${hoist ? `, ${end} = ${hoist}` : ''}; ${i} < ${end}; ${i}++) {`, ...indent(body), '}'];
  },
  whileLoop: (c, body) => [`while (${c}) {`, ...indent(body), '}'],
  append: (list, v) => [`${list.element(`${list.count}++`)} = (int32_t)${v};`],
  periodSteps: (x) => `nx_refr_steps(${x})`,
  toFloat: (x) => `(double)${x}`,
  roundToFloat32: (x) => `(double)(float)(${x})`,
  toInt: (x) => `(int32_t)(${x})`,
  temp: tempName,
  sharesRepeats: true,
};
