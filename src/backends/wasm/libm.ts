/**
 * `tanh`, `sinh` and `cosh` (and the `expm1` they call) as WebAssembly functions that return the
 * very bits of V8's `Math.tanh`, `Math.sinh` and `Math.cosh` for every input.
 *
 * Why not import them from `Math` like `module.ts` does for `exp` or `sin`: V8 calls its C++
 * fdlibm port directly from WebAssembly only for a fixed list of `Math` functions, and these three
 * are not on it; each call then goes through a JavaScript wrapper (tens of nanoseconds). Computed
 * in the module they cost about what the C++ costs, without the wrapper.
 *
 * Why the bits are the same: V8's `Math.tanh/sinh/cosh/expm1` are `base::ieee754::tanh/sinh/cosh/
 * expm1` (fdlibm as modified by V8: `src/base/ieee754.cc`), and they are translated here operation
 * by operation — the same constants, the same tree of `+ − × ÷` (WebAssembly has no fused
 * multiply-add and rounds every f64 operation to nearest, like the C++ built for x86-64), the same
 * branches on the exponent word. Where V8's `sinh`/`cosh` call `ieee754::exp`, these call the
 * module's imported `Math.exp`, which is that same function. Reordering any operation here would
 * change bits; `test/backends/wasm/libm.test.ts` compares them with `Math` on a million inputs and
 * at every branch boundary (on x86-64; a V8 built with fused multiply-adds would round differently).
 */
// Algorithms and constants from fdlibm (Sun Microsystems, 1993; freely distributable with its notice) via V8's src/base/ieee754.cc.
import { Code, ModuleWriter, type ValType } from './encoder.js';
import { Locals, type Expr, lit, get, add, sub, mul, div, poly, assign, ret, highWord, lowWord, withHighWord } from './fexpr.js';

/** A function of the module: its index and its number of f64 parameters (a `lower.ts` `Callee`). */
export interface LibmFunction {
  index: number;
  arity: 1;
}

/** The functions `defineHyperbolic` adds, by the name the kernels call them. */
export type HyperbolicName = 'tanh' | 'sinh' | 'cosh' | 'expm1';

// ---------------------------------------------------------------------------------------------
// fdlibm's constants, as ieee754.cc writes them (the same doubles).

const ONE = 1.0;
const HALF = 0.5;
const HUGE = 1.0e300;
const TINY = 1.0e-300;
/** `expm1` overflows above this (0x40862E42 FEFA39EF). */
const O_THRESHOLD = 7.09782712893383973096e+02;
const LN2_HI = 6.93147180369123816490e-01; // 0x3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INVLN2 = 1.44269504088896338700e+00; // 0x3FF71547 652B82FE
// expm1's rational approximation, Q_n scaled by 2^n.
const Q1 = -3.33333333333331316428e-02; // 0xBFA11111 111110F4
const Q2 = 1.58730158725481460165e-03; // 0x3F5A01A0 19FE5585
const Q3 = -7.93650757867487942473e-05; // 0xBF14CE19 9EAADBB7
const Q4 = 4.00821782732936239552e-06; // 0x3ED0CFCA 86E65239
const Q5 = -2.01099218183624371326e-07; // 0xBE8AFDB7 6E09C32D
/** 2^1023, as V8 spells fdlibm's `0x1p1023` in `expm1`. */
const TWO1023 = 8.98846567431158e+307;
/** Above this |x|, sinh and cosh overflow. */
const HYPERBOLIC_OVERFLOW = 710.4758600739439;
/** 2^-28 (sinh's threshold for sinh(x) = x). */
const TWO_M28 = 3.725290298461914e-9;
/** 0x40862E42 00000000, ≈ log(maxdouble): sinh's bound for `exp(|x|)/2`. */
const LOG_MAXD = 709.7822265625;
const SHUGE = 1.0e307;

// ---------------------------------------------------------------------------------------------
// Expressions beyond random.ts's `+ − × ÷` (same style: each pushes one f64).

/** `-e` (exact). */
const neg = (e: Expr): Expr => (c) => { e(c); c.op('f64.neg'); };
/** `fabs(e)` (exact). */
const abs = (e: Expr): Expr => (c) => { e(c); c.op('f64.abs'); };
/** A call of the f64 → f64 function `fn`. */
const call = (fn: number, e: Expr): Expr => (c) => { e(c); c.call(fn); };

/** Opens an `if` on the i32 comparison `local op k`. */
function ifInt(c: Code, local: number, op: 'i32.lt_s' | 'i32.ge_s' | 'i32.gt_s' | 'i32.le_s' | 'i32.eq' | 'i32.ne', k: number): void {
  c.get(local).i32(k).op(op).begin('if');
}

/** Opens an `if` on the f64 comparison `e op y`. */
function ifFloat(c: Code, e: Expr, op: 'f64.lt' | 'f64.le' | 'f64.gt', y: Expr): void {
  e(c); y(c); c.op(op).begin('if');
}

/** A function body: its extra locals and its code. */
interface Body { locals: ValType[]; code: Code }

// ---------------------------------------------------------------------------------------------
// The functions, each a wasm function of one f64 parameter (local 0, `x`).

/** `ieee754::expm1(x)`. */
function expm1Function(): Body {
  const x = 0; // reassigned by the reduction, as in fdlibm
  const L = new Locals(1);
  const hx = L.add('i32'), xsb = L.add('i32'), k = L.add('i32');
  const y = L.add('f64'), hi = L.add('f64'), lo = L.add('f64'), cc = L.add('f64'), t = L.add('f64'), e = L.add('f64');
  const hxs = L.add('f64'), hfx = L.add('f64'), r1 = L.add('f64'), twopk = L.add('f64');
  const c = new Code();
  highWord(c, x); c.set(hx);
  c.get(hx).i32(0x80000000 | 0).op('i32.and').set(xsb);
  c.get(hx).i32(0x7fffffff).op('i32.and').set(hx);
  // Huge and non-finite arguments.
  ifInt(c, hx, 'i32.ge_s', 0x4043687a); // |x| ≥ 56·ln2
  {
    ifInt(c, hx, 'i32.ge_s', 0x40862e42); // |x| ≥ 709.78…
    {
      ifInt(c, hx, 'i32.ge_s', 0x7ff00000);
      {
        c.get(hx).i32(0xfffff).op('i32.and');
        lowWord(c, x);
        c.op('i32.or').begin('if'); // NaN
        ret(c, add(get(x), get(x)));
        c.op('end');
        c.get(xsb).op('i32.eqz').begin('if', 'f64').get(x).op('else').f64(-1.0).op('end'); // ±∞ → ∞, −1
        c.op('return');
      }
      c.op('end');
      ifFloat(c, get(x), 'f64.gt', lit(O_THRESHOLD));
      ret(c, mul(lit(HUGE), lit(HUGE))); // overflow
      c.op('end');
    }
    c.op('end');
    c.get(xsb).begin('if'); // x < −56·ln2: −1
    {
      ifFloat(c, add(get(x), lit(TINY)), 'f64.lt', lit(0));
      ret(c, sub(lit(TINY), lit(ONE)));
      c.op('end');
    }
    c.op('end');
  }
  c.op('end');
  // Argument reduction: x = k·ln2 + (hi − lo), c the rounding error of hi − lo.
  ifInt(c, hx, 'i32.gt_s', 0x3fd62e42); // |x| > ln2/2
  {
    ifInt(c, hx, 'i32.lt_s', 0x3ff0a2b2); // and |x| < 1.5·ln2
    {
      c.get(xsb).op('i32.eqz').begin('if');
      assign(c, hi, sub(get(x), lit(LN2_HI)));
      assign(c, lo, lit(LN2_LO));
      c.i32(1).set(k);
      c.op('else');
      assign(c, hi, add(get(x), lit(LN2_HI)));
      assign(c, lo, lit(-LN2_LO));
      c.i32(-1).set(k);
      c.op('end');
    }
    c.op('else');
    {
      // k = (int)(invln2·x ± 0.5): truncation toward zero (|k| ≤ 1024 here, never saturates).
      mul(lit(INVLN2), get(x))(c);
      c.get(xsb).op('i32.eqz').begin('if', 'f64').f64(0.5).op('else').f64(-0.5).op('end');
      c.op('f64.add').truncSat().set(k);
      c.get(k).op('f64.convert_i32_s').set(t);
      assign(c, hi, sub(get(x), mul(get(t), lit(LN2_HI))));
      assign(c, lo, mul(get(t), lit(LN2_LO)));
    }
    c.op('end');
    assign(c, x, sub(get(hi), get(lo)));
    assign(c, cc, sub(sub(get(hi), get(x)), get(lo)));
  }
  c.op('else');
  {
    ifInt(c, hx, 'i32.lt_s', 0x3c900000); // |x| < 2^-54: x (with inexact)
    assign(c, t, add(lit(HUGE), get(x)));
    ret(c, sub(get(x), sub(get(t), add(lit(HUGE), get(x)))));
    c.op('end');
    c.i32(0).set(k);
  }
  c.op('end');
  // x is in the primary range.
  assign(c, hfx, mul(lit(HALF), get(x)));
  assign(c, hxs, mul(get(x), get(hfx)));
  assign(c, r1, add(lit(ONE), mul(get(hxs), poly(hxs, [Q1, Q2, Q3, Q4, Q5]))));
  assign(c, t, sub(lit(3.0), mul(get(r1), get(hfx))));
  assign(c, e, mul(get(hxs), div(sub(get(r1), get(t)), sub(lit(6.0), mul(get(x), get(t))))));
  c.get(k).op('i32.eqz').begin('if');
  ret(c, sub(get(x), sub(mul(get(x), get(e)), get(hxs)))); // c is 0
  c.op('end');
  withHighWord(c, (c) => { c.i32(0x3ff00000).get(k).i32(20).op('i32.shl').op('i32.add'); }); // 2^k
  c.set(twopk);
  assign(c, e, sub(mul(get(x), sub(get(e), get(cc))), get(cc)));
  assign(c, e, sub(get(e), get(hxs)));
  ifInt(c, k, 'i32.eq', -1);
  ret(c, sub(mul(lit(0.5), sub(get(x), get(e))), lit(0.5)));
  c.op('end');
  ifInt(c, k, 'i32.eq', 1);
  {
    ifFloat(c, get(x), 'f64.lt', lit(-0.25));
    ret(c, mul(lit(-2.0), sub(get(e), add(get(x), lit(0.5)))));
    c.op('end');
    ret(c, add(lit(ONE), mul(lit(2.0), sub(get(x), get(e)))));
  }
  c.op('end');
  // k ≤ −2 or k > 56: exp(x) − 1 suffices.
  c.get(k).i32(-2).op('i32.le_s').get(k).i32(56).op('i32.gt_s').op('i32.or').begin('if');
  {
    assign(c, y, sub(lit(ONE), sub(get(e), get(x))));
    ifInt(c, k, 'i32.eq', 1024);
    assign(c, y, mul(mul(get(y), lit(2.0)), lit(TWO1023)));
    c.op('else');
    assign(c, y, mul(get(y), get(twopk)));
    c.op('end');
    ret(c, sub(get(y), lit(ONE)));
  }
  c.op('end');
  ifInt(c, k, 'i32.lt_s', 20);
  {
    withHighWord(c, (c) => { c.i32(0x3ff00000).i32(0x200000).get(k).op('i32.shr_s').op('i32.sub'); }); // 1 − 2^-k
    c.set(t);
    assign(c, y, sub(get(t), sub(get(e), get(x))));
    assign(c, y, mul(get(y), get(twopk)));
  }
  c.op('else');
  {
    withHighWord(c, (c) => { c.i32(0x3ff).get(k).op('i32.sub').i32(20).op('i32.shl'); }); // 2^-k
    c.set(t);
    assign(c, y, sub(get(x), add(get(e), get(t))));
    assign(c, y, add(get(y), lit(ONE)));
    assign(c, y, mul(get(y), get(twopk)));
  }
  c.op('end');
  c.get(y);
  return { locals: L.types, code: c };
}

/** `ieee754::tanh(x)`, calling `expm1`. */
function tanhFunction(expm1: number): Body {
  const x = 0;
  const L = new Locals(1);
  const jx = L.add('i32'), ix = L.add('i32'), t = L.add('f64'), z = L.add('f64');
  const c = new Code();
  highWord(c, x); c.set(jx);
  c.get(jx).i32(0x7fffffff).op('i32.and').set(ix);
  ifInt(c, ix, 'i32.ge_s', 0x7ff00000); // ±∞ → ±1, NaN → NaN
  {
    ifInt(c, jx, 'i32.ge_s', 0);
    ret(c, add(div(lit(ONE), get(x)), lit(ONE)));
    c.op('end');
    ret(c, sub(div(lit(ONE), get(x)), lit(ONE)));
  }
  c.op('end');
  ifInt(c, ix, 'i32.lt_s', 0x40360000); // |x| < 22
  {
    ifInt(c, ix, 'i32.lt_s', 0x3e300000); // |x| < 2^-28: x
    ifFloat(c, add(lit(HUGE), get(x)), 'f64.gt', lit(ONE));
    ret(c, get(x));
    c.op('end');
    c.op('end');
    ifInt(c, ix, 'i32.ge_s', 0x3ff00000); // |x| ≥ 1
    assign(c, t, call(expm1, mul(lit(2.0), abs(get(x)))));
    assign(c, z, sub(lit(ONE), div(lit(2.0), add(get(t), lit(2.0)))));
    c.op('else');
    assign(c, t, call(expm1, mul(lit(-2.0), abs(get(x)))));
    assign(c, z, div(neg(get(t)), add(get(t), lit(2.0))));
    c.op('end');
  }
  c.op('else'); // |x| ≥ 22: ±1
  assign(c, z, sub(lit(ONE), lit(TINY)));
  c.op('end');
  c.get(jx).i32(0).op('i32.ge_s').begin('if', 'f64').get(z).op('else').get(z).op('f64.neg').op('end');
  return { locals: L.types, code: c };
}

/** `ieee754::sinh(x)`, calling `expm1` and `exp`. */
function sinhFunction(expm1: number, exp: number): Body {
  const x = 0;
  const L = new Locals(1);
  const h = L.add('f64'), ax = L.add('f64'), t = L.add('f64'), w = L.add('f64');
  const c = new Code();
  c.get(x).f64(0).op('f64.lt').begin('if', 'f64').f64(-0.5).op('else').f64(0.5).op('end').set(h);
  assign(c, ax, abs(get(x)));
  ifFloat(c, get(ax), 'f64.lt', lit(22)); // |x| < 22: h·(E + E/(E + 1)), E = expm1(|x|)
  {
    ifFloat(c, get(ax), 'f64.lt', lit(TWO_M28));
    ret(c, get(x));
    c.op('end');
    assign(c, t, call(expm1, get(ax)));
    ifFloat(c, get(ax), 'f64.lt', lit(1));
    ret(c, mul(get(h), sub(mul(lit(2), get(t)), div(mul(get(t), get(t)), add(get(t), lit(1))))));
    c.op('end');
    ret(c, mul(get(h), add(get(t), div(get(t), add(get(t), lit(1))))));
  }
  c.op('end');
  ifFloat(c, get(ax), 'f64.lt', lit(LOG_MAXD));
  ret(c, mul(get(h), call(exp, get(ax))));
  c.op('end');
  ifFloat(c, get(ax), 'f64.le', lit(HYPERBOLIC_OVERFLOW)); // h·exp(|x|/2)·exp(|x|/2) without overflowing early
  assign(c, w, call(exp, mul(lit(0.5), get(ax))));
  assign(c, t, mul(get(h), get(w)));
  ret(c, mul(get(t), get(w)));
  c.op('end');
  mul(get(x), lit(SHUGE))(c); // ±∞ or NaN
  return { locals: L.types, code: c };
}

/** `ieee754::cosh(x)`, calling `expm1` and `exp`. */
function coshFunction(expm1: number, exp: number): Body {
  const x = 0;
  const L = new Locals(1);
  const ix = L.add('i32'), t = L.add('f64'), w = L.add('f64');
  const c = new Code();
  highWord(c, x); c.i32(0x7fffffff).op('i32.and').set(ix);
  ifInt(c, ix, 'i32.lt_s', 0x3fd62e43); // |x| < ln2/2: 1 + expm1(|x|)²/(2·exp(|x|))
  {
    assign(c, t, call(expm1, abs(get(x))));
    assign(c, w, add(lit(ONE), get(t)));
    ifInt(c, ix, 'i32.lt_s', 0x3c800000); // |x| < 2^-55
    ret(c, get(w));
    c.op('end');
    ret(c, add(lit(ONE), div(mul(get(t), get(t)), add(get(w), get(w)))));
  }
  c.op('end');
  ifInt(c, ix, 'i32.lt_s', 0x40360000); // |x| < 22: (exp(|x|) + 1/exp(|x|))/2
  assign(c, t, call(exp, abs(get(x))));
  ret(c, add(mul(lit(HALF), get(t)), div(lit(HALF), get(t))));
  c.op('end');
  ifInt(c, ix, 'i32.lt_s', 0x40862e42); // |x| < log(maxdouble)
  ret(c, mul(lit(HALF), call(exp, abs(get(x)))));
  c.op('end');
  ifFloat(c, abs(get(x)), 'f64.le', lit(HYPERBOLIC_OVERFLOW));
  assign(c, w, call(exp, mul(lit(HALF), abs(get(x)))));
  assign(c, t, mul(lit(HALF), get(w)));
  ret(c, mul(get(t), get(w)));
  c.op('end');
  ifInt(c, ix, 'i32.ge_s', 0x7ff00000); // ±∞ → ∞, NaN → NaN
  ret(c, mul(get(x), get(x)));
  c.op('end');
  mul(lit(HUGE), lit(HUGE))(c); // overflow
  return { locals: L.types, code: c };
}

/**
 * Declares and defines `tanh`, `sinh`, `cosh` and `expm1` (f64 → f64) in `w`, bit for bit V8's
 * `Math.tanh`, `Math.sinh`, `Math.cosh` and `Math.expm1` (see the module comment).
 *
 * @param w - the module; its imports must all be declared already (this declares functions).
 * @param exp - index of the module's imported `Math.exp` (f64 → f64), which `sinh` and `cosh`
 *   call as V8's do; any other exponential would change their bits.
 * @param exportNames - names to export some of the functions under (for tests); none by default.
 * @returns each function's index and arity, usable as a kernel callee.
 */
export function defineHyperbolic(w: ModuleWriter, exp: number, exportNames: Partial<Record<HyperbolicName, string>> = {}): Record<HyperbolicName, LibmFunction> {
  const declare = (name: HyperbolicName): LibmFunction => ({ index: w.declare(['f64'], ['f64'], exportNames[name]), arity: 1 });
  const fn: Record<HyperbolicName, LibmFunction> = { expm1: declare('expm1'), tanh: declare('tanh'), sinh: declare('sinh'), cosh: declare('cosh') };
  const bodies: [LibmFunction, Body][] = [
    [fn.expm1, expm1Function()],
    [fn.tanh, tanhFunction(fn.expm1.index)],
    [fn.sinh, sinhFunction(fn.expm1.index, exp)],
    [fn.cosh, coshFunction(fn.expm1.index, exp)],
  ];
  for (const [f, body] of bodies) w.define(f.index, body.locals, body.code);
  return fn;
}

/**
 * Inputs through every branch of the four functions (zeros, tiny, the thresholds, a spread of
 * magnitudes) and 4 096 more, deterministic, where the functions are used most (|x| < 25, and
 * magnitudes from 2^-40 to 2^10): an engine whose `Math.tanh` is another algorithm (Debian's
 * Chromium: its results differ from Node 20's on some inputs, which the branch points alone missed)
 * fails on some of them.
 */
function probes(): number[] {
  const xs = [0, -0, 5e-324, 1e-300, 2 ** -28, 0.25, 0.3465735902799726, 0.5, 1, 1.0397207708399179, 2, 10, 22, 38.8, 88.7, 709.78, 710.47, 711, 1e308, Infinity, NaN];
  for (let k = -60; k <= 30; k++) xs.push(1.37 * 2 ** (k / 3));
  let s = 0x9e3779b9;
  const next = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 2 ** 32; };
  for (let k = 0; k < 3072; k++) xs.push(50 * next() - 25);
  for (let k = 0; k < 1024; k++) xs.push((1 + next()) * 2 ** Math.floor(50 * next() - 40));
  return xs.flatMap((x) => [x, -x]);
}

/** Whether `defineHyperbolic`'s functions give `Math`'s bits on this engine (cached per process). */
let exact: boolean | undefined;

/**
 * Whether this JavaScript engine's `Math.tanh`, `Math.sinh`, `Math.cosh` are the fdlibm functions
 * translated here, checked once per process by running both on inputs through every branch: a V8
 * built with fused multiply-adds (or another engine) rounds some of them differently, and there the
 * kernels import `Math`'s functions instead (slower, never different from js).
 */
export function hyperbolicMatchesMath(): boolean {
  if (exact !== undefined) return exact;
  const w = new ModuleWriter();
  const exp = w.importFunction('math', 'exp', ['f64'], ['f64']);
  defineHyperbolic(w, exp, { tanh: 'tanh', sinh: 'sinh', cosh: 'cosh', expm1: 'expm1' });
  const own = new WebAssembly.Instance(new WebAssembly.Module(w.emit() as BufferSource), { math: { exp: Math.exp } }).exports as Record<HyperbolicName, (x: number) => number>;
  const names: HyperbolicName[] = ['tanh', 'sinh', 'cosh', 'expm1'];
  exact = probes().every((x) => names.every((f) => Object.is(own[f](x), Math[f](x))));
  return exact;
}

/** Whether `Math.pow(x, 2)` is `x · x` on this engine (cached per process). */
let squares: boolean | undefined;

/**
 * Whether this JavaScript engine's `Math.pow(x, 2)` is `x · x` bit for bit, checked once per process
 * on zeros, infinities, NaN, subnormals, the edges of overflow and underflow of the square and
 * 8 192 inputs of every magnitude. V8's `Math.pow` is fdlibm's `__ieee754_pow`, which returns
 * `x*x` for y = 2 after its NaN and y = 0 cases (whose results are the same); an engine with
 * another `pow` may differ, and there the kernels keep calling the imported `Math.pow`. The
 * kernels then square without a call (≈ 12 ns each from WebAssembly), and in both lanes of a pair
 * loop.
 */
export function squareMatchesPow(): boolean {
  if (squares !== undefined) return squares;
  const xs = [0, 1, 2, 3, 0.1, 1e-160, 1.4916681462400413e-154, 1.3407807929942596e154, 1.3407807929942597e154, 1e308, Number.MAX_VALUE, Infinity, NaN, 5e-324, 2.2250738585072014e-308];
  let s = 0x2545f491;
  const next = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 2 ** 32; };
  for (let k = 0; k < 4096; k++) xs.push((1 + next()) * 2 ** Math.floor(2100 * next() - 1075));
  for (let k = 0; k < 4096; k++) xs.push(200 * next() - 100);
  const bits = new BigUint64Array(2), f = new Float64Array(bits.buffer);
  squares = xs.every((x) => [x, -x].every((y) => {
    f[0] = Math.pow(y, 2);
    f[1] = y * y;
    return bits[0] === bits[1];
  }));
  return squares;
}
