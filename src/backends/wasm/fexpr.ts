/**
 * Hand-written float64 functions in instructions (`./random.ts`, `./random-simd.ts`, `./libm.ts`):
 * locals numbered after a function's parameters, float64 expressions as trees (so that a formula
 * reads like its JavaScript or C original and the order of its operations is that of its
 * parentheses), and the high and low words of doubles (fdlibm's word access, as i64
 * reinterpretation).
 */
import type { Code, ValType } from './encoder.js';

/** The extra locals of one function, numbered after its parameters. */
export class Locals {
  readonly types: ValType[] = [];
  readonly #first: number;

  constructor(params: number) { this.#first = params; }

  /** A new local of type `t`; returns its index. */
  add(t: ValType): number {
    this.types.push(t);
    return this.#first + this.types.length - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// f64 expressions as trees, so that the formulas below read like their JavaScript originals and
// the order of the floating-point operations is the one of the parentheses, visibly.

/** Emits code that pushes one f64. */
export type Expr = (c: Code) => void;

/** A constant. */
export const lit = (v: number): Expr => (c) => { c.f64(v); };
/** A local. */
export const get = (local: number): Expr => (c) => { c.get(local); };
const binary = (op: 'f64.add' | 'f64.sub' | 'f64.mul' | 'f64.div') => (x: Expr, y: Expr): Expr => (c) => { x(c); y(c); c.op(op); };
/** `x + y`. */
export const add = binary('f64.add');
/** `x - y`. */
export const sub = binary('f64.sub');
/** `x * y`. */
export const mul = binary('f64.mul');
/** `x / y`. */
export const div = binary('f64.div');

/** Horner form `k[0] + z·(k[1] + z·(… + z·k[n]))`, nested exactly as fdlibm writes its polynomials. */
export function poly(z: number, k: readonly number[]): Expr {
  return k.length === 1 ? lit(k[0]) : add(lit(k[0]), mul(get(z), poly(z, k.slice(1))));
}

/** Computes `e` into `local`. */
export function assign(c: Code, local: number, e: Expr): void { e(c); c.set(local); }

/** `return e` from the current function. */
export function ret(c: Code, e: Expr): void { e(c); c.op('return'); }

// ---------------------------------------------------------------------------------------------
// Words of doubles and integers: the `F64`/`U32` aliasing of libm.ts, as i64 reinterpretation.

/** Pushes the high (sign and exponent) 32-bit word of the double in `x`, as an i32. */
export function highWord(c: Code, x: number): void {
  c.get(x).op('i64.reinterpret_f64').i64(32n).op('i64.shr_u').op('i32.wrap_i64');
}

/** Pushes the low 32-bit word of the double in `x`, as an i32. */
export function lowWord(c: Code, x: number): void {
  c.get(x).op('i64.reinterpret_f64').op('i32.wrap_i64');
}

/**
 * Pushes the double whose high word is the i32 `hi` pushes and whose low word is that of the double
 * in `x` (libm.ts: `F64[0] = x; U32[HI] = hi; F64[0]`), or a zero low word when `x` is undefined.
 */
export function withHighWord(c: Code, hi: (c: Code) => void, x?: number): void {
  hi(c);
  c.op('i64.extend_i32_u').i64(32n).op('i64.shl');
  if (x !== undefined) c.get(x).op('i64.reinterpret_f64').i64(0xffffffffn).op('i64.and').op('i64.or');
  c.op('f64.reinterpret_i64');
}

