/**
 * The one expression printer shared by every backend (tinygrad's renderer, Brian2's NodeRenderer):
 * it walks the AST and delegates only spellings (literals, function names, operators that differ)
 * to a small per-language table, and symbol access to a per-kernel resolver. Every operation is
 * fully parenthesised so the generated code evaluates in exactly the AST's order on every backend
 * (the basis of bit-identical results between `js` and `cpp`).
 */
import type { Expr, Owner, GlobalOpName } from '../equations/ast.js';

/** How a language spells what differs between JS, C++ and WGSL. */
export interface Spelling {
  /** A numeric literal (as a float unless the language needs otherwise). */
  number(value: number): string;
  bool(value: boolean): string;
  /** A built-in or user function call; `args` are already rendered. */
  call(name: string, args: string[]): string;
  power(base: string, exponent: string): string;
  not(arg: string): string;
  and(left: string, right: string): string;
  or(left: string, right: string): string;
  /** Conditional expression. */
  cond(test: string, then: string, otherwise: string): string;
  /** Comparisons must produce a value usable as a number (1/0) where the language needs it. */
  compare(op: '==' | '!=' | '<' | '<=' | '>' | '>=', left: string, right: string): string;
  /**
   * Arithmetic, for a language that is not infix (WebAssembly text: `(f64.add a b)`): called once
   * per operation, left to right. Infix languages leave it out and get `(a + b - c)`.
   */
  arith?(op: '+' | '-' | '*' | '/', left: string, right: string): string;
  /** Negation, for a language that is not infix; default `(-a)`. */
  neg?(arg: string): string;
  /** Any other binary operator of the AST (`%`), for a language that is not infix. */
  binary?(op: string, left: string, right: string): string;
}

/** How a kernel reads the symbols of the model it runs (arrays, hoisted locals, delayed buffers…). */
export interface SymbolResolver {
  /** A plain name: attribute of the model itself, `t`, `dt`, `pi`, a Constant, a temporary, a function parameter. */
  sym(name: string): string;
  /** `pre.x` / `post.x`. */
  attr(owner: 'pre' | 'post', name: string): string;
  /** `sum(target)` (`target === null` for `sum()`). */
  sum(owner: Owner, target: string | null): string;
  globalop(op: GlobalOpName, owner: Owner, variable: string): string;
  /** The current draw of random use `id`. */
  rand(id: number): string;
}

/** Renders `e` as source text of the target language. */
export function renderExpr(e: Expr, scope: SymbolResolver, sp: Spelling): string {
  const r = (x: Expr): string => renderExpr(x, scope, sp);
  switch (e.kind) {
    case 'num': return sp.number(e.value);
    case 'bool': return sp.bool(e.value);
    case 'sym': return scope.sym(e.name);
    case 'attr': return scope.attr(e.owner, e.name);
    case 'sum': return scope.sum(e.owner, e.target);
    case 'globalop': return scope.globalop(e.op, e.owner, e.variable);
    case 'rand': return scope.rand(e.id);
    case 'unary':
      if (e.op === 'not') return sp.not(r(e.arg));
      if (e.op === '-') return sp.neg ? sp.neg(r(e.arg)) : `(-${r(e.arg)})`;
      return r(e.arg);
    case 'binary': {
      if (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/') return renderChain(e, r, sp);
      const a = r(e.left);
      const b = r(e.right);
      switch (e.op) {
        case '^': return sp.power(a, b);
        case 'and': return sp.and(a, b);
        case 'or': return sp.or(a, b);
        case '==': case '!=': case '<': case '<=': case '>': case '>=': return sp.compare(e.op, a, b);
        default: return sp.binary ? sp.binary(e.op, a, b) : `(${a} ${e.op} ${b})`;
      }
    }
    case 'call': return sp.call(e.name, e.args.map(r));
    case 'cond': return sp.cond(r(e.test), r(e.then), r(e.else));
  }
}

/**
 * A chain of `+ -` (or of `* /`) along its left spine, without recursion (a generated model's
 * flat sum of thousands of terms is that deep), written `(a + b - c)`: JavaScript, C++ and WGSL
 * read it as `((a + b) - c)`, the AST's order, and their parsers handle long flat chains where
 * thousands of nested parentheses would exhaust their stack.
 */
function renderChain(e: Extract<Expr, { kind: 'binary' }>, r: (x: Expr) => string, sp: Spelling): string {
  const additive = e.op === '+' || e.op === '-';
  const sameLevel = (x: Expr): x is Extract<Expr, { kind: 'binary' }> =>
    x.kind === 'binary' && (additive ? x.op === '+' || x.op === '-' : x.op === '*' || x.op === '/');
  const rights: Extract<Expr, { kind: 'binary' }>[] = [];
  let node: Expr = e;
  while (sameLevel(node)) { rights.push(node); node = node.left; }
  if (sp.arith) {
    let acc = r(node);
    for (let i = rights.length - 1; i >= 0; i--) acc = sp.arith(rights[i].op as '+' | '-' | '*' | '/', acc, r(rights[i].right));
    return acc;
  }
  const parts = [r(node)];
  for (let i = rights.length - 1; i >= 0; i--) parts.push(rights[i].op, r(rights[i].right));
  return `(${parts.join(' ')})`;
}

/** One arithmetic operation on rendered operands (compound assignments): `(a op b)`, or the language's own form. */
export function renderArith(sp: Spelling, op: '+' | '-' | '*' | '/', a: string, b: string): string {
  return sp.arith ? sp.arith(op, a, b) : `(${a} ${op} ${b})`;
}
