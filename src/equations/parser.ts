/**
 * Recursive-descent parser of ANNarchy expressions into the `Expr` tree.
 *
 * Precedence, lowest first (Python's): `if c: a else: b` (whole right-hand side only) < `or` <
 * `and` < `not` < comparisons (`== != < <= > >= is`, `is not`; not chained) < `+ -` < `* /` <
 * unary `- +` < power `^` / `**` (right-associative; `-x^2` is `-(x^2)`, `2^-1` is allowed).
 * Calls with a meaning of their own become their own nodes: `sum(t)`, `ite(c, a, b)`,
 * one-argument `mean/max/min/norm1/norm2(x)`, random distributions (`Uniform(a, b)` …), `pre.x`.
 */
import type { BinaryOp, Expr, GlobalOpName, RandomDistName } from './ast.js';
import { fail, tokenize, type TextLocation, type Token } from './lexer.js';

export type { TextLocation } from './lexer.js';

/** A counter shared by every parse of one model, so that random draws get unique ids. */
export interface IdCounter {
  next: number;
}

export interface ParseOptions {
  /** Ids for `rand` nodes (default: a fresh counter starting at 0). */
  randomIds?: IdCounter;
  /** Read `dX/dt` as the derivative symbol of X (`derivativeSymbol`); only on the left of an ODE. */
  derivatives?: boolean;
  /** Accept `if c: a else: b` as the whole expression (default true). */
  allowIf?: boolean;
}

/** Name of the symbol standing for `dX/dt` in a parsed ODE left side. It can never be an identifier. */
export function derivativeSymbol(name: string): string {
  return `d${name}/dt`;
}

/** The variable whose derivative `symbol` stands for, or undefined when it is not a derivative symbol. */
export function derivativeOf(symbol: string): string | undefined {
  return symbol.startsWith('d') && symbol.endsWith('/dt') ? symbol.slice(1, -3) : undefined;
}

/** Global operations, recognised when called with a single argument. */
export const GLOBAL_OPS: ReadonlySet<string> = new Set<GlobalOpName>(['mean', 'max', 'min', 'norm1', 'norm2']);

/** Random distributions and how many arguments each takes ([min, max]). */
export const DISTRIBUTIONS: ReadonlyMap<RandomDistName, readonly [number, number]> = new Map<RandomDistName, readonly [number, number]>([
  ['Uniform', [2, 2]], ['DiscreteUniform', [2, 2]], ['Normal', [2, 2]], ['LogNormal', [2, 2]],
  ['Exponential', [1, 1]], ['Gamma', [1, 2]], ['Binomial', [2, 2]],
]);

const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);

/**
 * How deeply parentheses, calls, powers (`a^b^c` nests to the right), unary operators and
 * conditionals may nest in one expression. Flat chains (`a + b + … `, `a * b * …`) do not count:
 * they may have any length. Deeper nesting is refused with an EquationError (it would exhaust the
 * stack of the parser, of the analysis or of the compiler of the generated code); no hand-written
 * or generated model needs more.
 */
export const MAX_NESTING = 200;

/** Parses one expression. Errors are EquationErrors at `where` naming the offending token. */
export function parseExpression(text: string, where: TextLocation, options: ParseOptions = {}): Expr {
  return new Parser(text, where, options).parseWhole();
}

class Parser {
  private readonly toks: Token[];
  private k = 0;
  private readonly ids: IdCounter;
  /** Current nesting (see MAX_NESTING). */
  private depth = 0;

  constructor(private readonly text: string, private readonly where: TextLocation, private readonly options: ParseOptions) {
    this.toks = tokenize(text, where);
    this.ids = options.randomIds ?? { next: 0 };
  }

  parseWhole(): Expr {
    if (this.peek().kind === 'eof') this.error('empty expression', '');
    const e = this.isKw('if') && this.options.allowIf !== false ? this.parseIf() : this.parseOr();
    if (this.peek().kind !== 'eof') this.unexpected(this.peek());
    return e;
  }

  /* ---------- token helpers ---------- */

  private peek(offset = 0): Token {
    return this.toks[Math.min(this.k + offset, this.toks.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.k++;
    return t;
  }

  private isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'op' && t.text === text;
  }

  private isKw(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'kw' && t.text === text;
  }

  private expectOp(text: string, context: string): Token {
    if (!this.isOp(text)) {
      const t = this.peek();
      if (t.kind === 'eof') this.error(`missing '${text}' ${context}`, text);
      this.unexpected(t, `expected '${text}' ${context}`);
    }
    return this.next();
  }

  private error(message: string, symbol: string): never {
    fail(message, this.where, this.text, symbol);
  }

  /** A token that cannot come here; names implicit multiplication when that is what it looks like. */
  private unexpected(t: Token, expected?: string): never {
    if (t.kind === 'eof') this.error(`unexpected end of expression${expected ? ` (${expected})` : ''}`, '');
    const prev = this.k > 0 ? this.toks[this.k - 1] : undefined;
    const startsOperand = t.kind === 'num' || t.kind === 'ident' || (t.kind === 'op' && t.text === '(')
      || (t.kind === 'kw' && (t.text === 'True' || t.text === 'False'));
    const prevEndsOperand = prev !== undefined && (prev.kind === 'num' || prev.kind === 'ident' || (prev.kind === 'op' && prev.text === ')')
      || (prev.kind === 'kw' && (prev.text === 'True' || prev.text === 'False')));
    if (startsOperand && prevEndsOperand) {
      this.error(`'${t.text}' follows '${prev!.text}' without an operator (implicit multiplication is not allowed; write ${prev!.text} * ${t.text})`, t.text);
    }
    if (t.kind === 'op' && t.text === ')') this.error("unbalanced parentheses: ')' without '('", ')');
    if (t.kind === 'op' && t.text === ':') this.error("unexpected ':' (conditionals are written 'if c: a else: b' as the whole right-hand side; flags go after the last ':')", ':');
    if (t.kind === 'op' && t.text === '=') this.error("unexpected '=' (use '==' for equality)", '=');
    this.error(`unexpected '${t.text}'${expected ? ` (${expected})` : ''}`, t.text);
  }

  /** Runs `parse` one nesting level deeper, refusing more than MAX_NESTING levels. */
  private nested<T>(symbol: string, parse: () => T): T {
    if (++this.depth > MAX_NESTING) {
      this.error(`expression nested too deeply (more than ${MAX_NESTING} levels of parentheses, calls, powers, unary operators or conditionals); split it with intermediate variables`, symbol);
    }
    const result = parse();
    this.depth--;
    return result;
  }

  /* ---------- grammar ---------- */

  /** `if c: a else: b`, with `if` allowed again after `:` of either branch. */
  private parseIf(): Expr {
    this.next(); // if
    const test = this.parseOr();
    this.expectOp(':', "after the condition of 'if'");
    const then = this.isKw('if') ? this.nested('if', () => this.parseIf()) : this.parseOr();
    if (!this.isKw('else')) {
      const t = this.peek();
      if (t.kind === 'eof') this.error("'if' without 'else'", 'if');
      this.unexpected(t, "expected 'else'");
    }
    this.next();
    this.expectOp(':', "after 'else'");
    const otherwise = this.isKw('if') ? this.nested('if', () => this.parseIf()) : this.parseOr();
    return { kind: 'cond', test, then, else: otherwise };
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isKw('or')) {
      this.next();
      left = { kind: 'binary', op: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isKw('and')) {
      this.next();
      left = { kind: 'binary', op: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.isKw('not')) {
      this.next();
      return { kind: 'unary', op: 'not', arg: this.nested('not', () => this.parseNot()) };
    }
    return this.parseComparison();
  }

  /** The comparison operator at the cursor (consumed), or undefined. */
  private comparisonOp(): BinaryOp | undefined {
    const t = this.peek();
    if (t.kind === 'op' && COMPARISONS.has(t.text)) { this.next(); return t.text as BinaryOp; }
    if (this.isKw('is')) {
      this.next();
      if (this.isKw('not')) { this.next(); return '!='; }
      return '==';
    }
    return undefined;
  }

  private parseComparison(): Expr {
    const left = this.parseAdditive();
    const start = this.peek();
    const op = this.comparisonOp();
    if (!op) return left;
    const right = this.parseAdditive();
    const again = this.peek();
    if (this.comparisonOp()) {
      this.error(`chained comparison '${start.text} … ${again.text}' is ambiguous; write (a ${start.text} b) and (b ${again.text} c)`, again.text);
    }
    return { kind: 'binary', op, left, right };
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text as BinaryOp;
      left = { kind: 'binary', op, left, right: this.parseMultiplicative() };
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next().text as BinaryOp;
      left = { kind: 'binary', op, left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const op = this.next().text as '-' | '+';
      return { kind: 'unary', op, arg: this.nested(op, () => this.parseUnary()) };
    }
    return this.parsePower();
  }

  private parsePower(): Expr {
    const base = this.parsePrimary();
    if (this.isOp('^') || this.isOp('**')) {
      this.next();
      return { kind: 'binary', op: '^', left: base, right: this.nested('^', () => this.parseUnary()) };
    }
    return base;
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    if (t.kind === 'num') {
      this.next();
      return { kind: 'num', value: t.value!, isInt: t.isInt! };
    }
    if (t.kind === 'kw') {
      if (t.text === 'True' || t.text === 'False') { this.next(); return { kind: 'bool', value: t.text === 'True' }; }
      if (t.text === 'if') this.error("'if' is only allowed as the whole right-hand side; use ite(cond, a, b) inside expressions", 'if');
      this.unexpected(t, 'expected a value');
    }
    if (t.kind === 'op' && t.text === '(') {
      this.next();
      if (this.isOp(')')) this.error('empty parentheses', '()');
      const inner = this.nested('(', () => this.parseOr());
      if (!this.isOp(')')) {
        if (this.peek().kind === 'eof') this.error("unbalanced parentheses: missing ')'", '(');
        this.unexpected(this.peek(), "expected ')'");
      }
      this.next();
      return inner;
    }
    if (t.kind === 'ident') return this.parseName();
    this.unexpected(t, 'expected a value');
  }

  private parseName(): Expr {
    const t = this.next();
    const name = t.text;
    if (name === 'pre' || name === 'post') return this.parseNeighbour(name);
    if (this.isOp('.')) this.error(`'.' is only allowed after 'pre' or 'post' (found '${name}.')`, `${name}.`);
    if (this.options.derivatives && name.length > 1 && name.startsWith('d') && this.isOp('/') && this.peek(1).kind === 'ident' && this.peek(1).text === 'dt') {
      this.next();
      this.next();
      return { kind: 'sym', name: derivativeSymbol(name.slice(1)) };
    }
    if (!this.isOp('(')) return { kind: 'sym', name };
    return this.parseCall(name);
  }

  /** `pre.x`, `post.x`, `pre.sum(t)`, `post.sum()`. */
  private parseNeighbour(owner: 'pre' | 'post'): Expr {
    if (!this.isOp('.')) this.error(`'${owner}' must be followed by '.name' (e.g. ${owner}.r)`, owner);
    this.next();
    const t = this.next();
    if (t.kind !== 'ident') this.error(`expected an attribute name after '${owner}.'`, `${owner}.${t.text}`);
    if (this.isOp('(')) {
      if (GLOBAL_OPS.has(t.text)) {
        // `post.mean(r)` is another spelling of `mean(post.r)`.
        this.next();
        const v = this.next();
        if (v.kind !== 'ident' || !this.isOp(')')) this.error(`${owner}.${t.text}() takes the name of a variable, e.g. ${owner}.${t.text}(r)`, `${owner}.${t.text}`);
        this.next();
        return { kind: 'globalop', op: t.text as GlobalOpName, owner, variable: v.text };
      }
      if (t.text !== 'sum') this.error(`'${owner}.${t.text}(…)': only ${owner}.sum(target) and global operations (${owner}.mean(r), …) can be called`, `${owner}.${t.text}`);
      return { kind: 'sum', owner, target: this.parseSumTarget(`${owner}.sum`) };
    }
    if (this.isOp('.')) this.error(`unexpected '.' after '${owner}.${t.text}'`, `${owner}.${t.text}.`);
    return { kind: 'attr', owner, name: t.text };
  }

  /** `(name)` or `()` after `sum`. */
  private parseSumTarget(what: string): string | null {
    this.next(); // (
    if (this.isOp(')')) { this.next(); return null; }
    const t = this.next();
    if (t.kind !== 'ident' || !this.isOp(')')) this.error(`${what}() takes the name of a target, e.g. ${what}(exc)`, what);
    this.next();
    return t.text;
  }

  private parseArguments(name: string): Expr[] {
    this.next(); // (
    const args: Expr[] = [];
    if (this.isOp(')')) { this.next(); return args; }
    for (;;) {
      args.push(this.nested(name, () => this.parseOr()));
      if (this.isOp(',')) { this.next(); continue; }
      if (this.isOp(')')) { this.next(); return args; }
      if (this.peek().kind === 'eof') this.error(`unbalanced parentheses: missing ')' after the arguments of ${name}`, name);
      this.unexpected(this.peek(), `expected ',' or ')' in the arguments of ${name}`);
    }
  }

  private parseCall(name: string): Expr {
    if (name === 'sum') return { kind: 'sum', owner: 'self', target: this.parseSumTarget('sum') };
    const args = this.parseArguments(name);
    if (name === 'ite') {
      if (args.length !== 3) this.error(`ite(cond, a, b) takes 3 arguments, got ${args.length}`, 'ite');
      return { kind: 'cond', test: args[0], then: args[1], else: args[2] };
    }
    if (GLOBAL_OPS.has(name) && args.length === 1) return this.globalOp(name as GlobalOpName, args[0]);
    if (GLOBAL_OPS.has(name) && name !== 'min' && name !== 'max') {
      this.error(`${name}(x) takes one variable, got ${args.length} arguments`, name);
    }
    const arity = DISTRIBUTIONS.get(name as RandomDistName);
    if (arity) {
      if (args.length < arity[0] || args.length > arity[1]) {
        const expected = arity[0] === arity[1] ? `${arity[0]}` : `${arity[0]} or ${arity[1]}`;
        this.error(`${name} takes ${expected} argument(s), got ${args.length}`, name);
      }
      return { kind: 'rand', dist: name as RandomDistName, args, id: this.ids.next++ };
    }
    return { kind: 'call', name, args };
  }

  private globalOp(op: GlobalOpName, arg: Expr): Expr {
    if (arg.kind === 'sym') return { kind: 'globalop', op, owner: 'self', variable: arg.name };
    if (arg.kind === 'attr') return { kind: 'globalop', op, owner: arg.owner, variable: arg.name };
    this.error(`${op}(x) is a global operation over a variable: its argument must be a variable name (or pre.x / post.x)`, op);
  }
}
