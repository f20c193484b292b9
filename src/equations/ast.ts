/**
 * The expression tree of neurarchy's equation language.
 *
 * One closed set of node kinds (a discriminated union). The parser produces it, every rewrite
 * (numerical methods, simplification, substitution) is a pure function over it, and every backend
 * renders it through the shared printer in `backends/render.ts`. User text is never evaluated.
 */

/** Binary operators, with ANNarchy's meaning (`^` and `**` are both power, `/` is real division). */
export type BinaryOp =
  | '+' | '-' | '*' | '/' | '^'
  | '==' | '!=' | '<' | '<=' | '>' | '>='
  | 'and' | 'or';

/** Unary operators. */
export type UnaryOp = '-' | '+' | 'not';

/** Global reductions over a population variable (computed after the neuron update). */
export type GlobalOpName = 'mean' | 'max' | 'min' | 'norm1' | 'norm2';

/** Random distributions usable inside equations (drawn afresh every step). */
export type RandomDistName =
  | 'Uniform' | 'DiscreteUniform' | 'Normal' | 'LogNormal' | 'Exponential' | 'Gamma' | 'Binomial';

/** Which object an attribute reference points to, seen from the model being described. */
export type Owner = 'self' | 'pre' | 'post';

export type Expr =
  /** A numeric literal. `isInt` is true when written without a decimal point or exponent. */
  | { kind: 'num'; value: number; isInt: boolean }
  | { kind: 'bool'; value: boolean }
  /**
   * An identifier. Before analysis any name; after analysis only names that are attributes of the
   * model (`owner: 'self'`), or the special names `t`, `dt`, `pi`, `t_last`, `t_pre`, `t_post`,
   * a Constant's name, a user-function parameter (inside a function body), or a method temporary
   * (names starting with `_`, created by the numerical methods).
   */
  | { kind: 'sym'; name: string }
  /** `pre.x` / `post.x` inside a synapse. */
  | { kind: 'attr'; owner: 'pre' | 'post'; name: string }
  /**
   * `sum(exc)` in a neuron (owner 'self'), `pre.sum(exc)` / `post.sum(exc)` in a synapse;
   * `target === null` is `sum()`, the sum over every target.
   */
  | { kind: 'sum'; owner: Owner; target: string | null }
  /** `mean(r)` in a neuron, `mean(pre.r)` / `max(post.v)` in a synapse. */
  | { kind: 'globalop'; op: GlobalOpName; owner: Owner; variable: string }
  /**
   * A random draw. `id` is unique within one model description; the value is redrawn every step
   * for each element (neuron, synapse, or once for the population when the equation is global).
   */
  | { kind: 'rand'; dist: RandomDistName; args: Expr[]; id: number }
  | { kind: 'unary'; op: UnaryOp; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  /** A built-in function (see `functions.ts`) or a user function (global or model-local). */
  | { kind: 'call'; name: string; args: Expr[] }
  /** `if c: a else: b` and `ite(c, a, b)`. */
  | { kind: 'cond'; test: Expr; then: Expr; else: Expr };

export type ExprKind = Expr['kind'];
export type ExprOf<K extends ExprKind> = Extract<Expr, { kind: K }>;

/* Small constructors, used by the parser, the algebra and the tests. */
export const num = (value: number, isInt = Number.isInteger(value)): Expr => ({ kind: 'num', value, isInt });
export const sym = (name: string): Expr => ({ kind: 'sym', name });
export const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
export const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name, args });
export const neg = (arg: Expr): Expr => ({ kind: 'unary', op: '-', arg });
