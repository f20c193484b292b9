/**
 * The parser of the initial-value language of `vector()` / `matrix()` (PymoNNto's `_get_mat`
 * strings, dossier §2.7): a small recursive descent over Python-like expressions. Nothing is ever
 * evaluated as code; the tree is compiled by `compile.ts`.
 *
 * Grammar (precedence low → high, as in Python):
 *
 * ```
 * spec       := compare
 * compare    := additive (('<' | '<=' | '>' | '>=' | '==' | '!=') additive)?
 * additive   := term (('+' | '-') term)*
 * term       := unary (('*' | '/' | '//' | '%') unary)*
 * unary      := ('-' | '+') unary | power
 * power      := primary ('**' unary)?                   -- right-associative, binds tighter than a unary on its left
 * primary    := number | 'True' | 'False' | name | name '(' args? ')' | '(' spec ')'
 * name       := identifier ('.' identifier)*             -- 'np.random.uniform' is 'uniform'
 * args       := arg (',' arg)* ','?
 * arg        := (identifier '=')? spec | a quoted string (only for same(…))
 * ```
 *
 * A name without parentheses is a call without arguments (`'uniform'` is `'uniform()'`), except the
 * constants `pi`, `e`, `inf`. Errors name the spec, the position (1-based column) and the fix.
 */
import { NeurarchyError } from '../../errors.js';

/** An initial-value spec the language does not accept. */
export class SpecError extends NeurarchyError {
  override name = 'SpecError';
}

/** A node of a parsed spec. `pos` is the 1-based column where it starts. */
export type SpecNode =
  | { kind: 'num'; value: number; pos: number }
  | { kind: 'str'; value: string; pos: number }
  | { kind: 'unary'; op: '-' | '+'; arg: SpecNode; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: SpecNode; right: SpecNode; pos: number }
  | { kind: 'call'; name: string; written: string; args: SpecArg[]; parens: boolean; pos: number };

/** A call argument, positional or named. */
export interface SpecArg {
  name: string | undefined;
  value: SpecNode;
  pos: number;
}

/** The binary operators. */
export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<' | '<=' | '>' | '>=' | '==' | '!=';

interface Token {
  kind: 'num' | 'ident' | 'op' | 'str' | 'end';
  text: string;
  pos: number;
}

const OPS = ['**', '//', '<=', '>=', '==', '!=', '+', '-', '*', '/', '%', '<', '>', '(', ')', ',', '=', '.'];

/** Throws a {@link SpecError} naming the spec and the column. */
export function specFail(spec: string, pos: number, why: string): never {
  throw new SpecError(`initial-value spec '${spec}', at column ${pos}: ${why}`);
}

function tokenize(spec: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < spec.length) {
    const c = spec[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const pos = i + 1;
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(spec.slice(i));
    if (num) { out.push({ kind: 'num', text: num[0], pos }); i += num[0].length; continue; }
    const id = /^[A-Za-z_]\w*/.exec(spec.slice(i));
    if (id) { out.push({ kind: 'ident', text: id[0], pos }); i += id[0].length; continue; }
    if (c === "'" || c === '"') {
      const end = spec.indexOf(c, i + 1);
      if (end < 0) specFail(spec, pos, `the string starting here has no closing ${c}`);
      out.push({ kind: 'str', text: spec.slice(i + 1, end), pos });
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => spec.startsWith(o, i));
    if (!op) specFail(spec, pos, `unexpected character '${c}' (the language has numbers, names, calls, + - * / // % ** and comparisons)`);
    out.push({ kind: 'op', text: op, pos });
    i += op.length;
  }
  out.push({ kind: 'end', text: '', pos: spec.length + 1 });
  return out;
}

/** Prefixes dropped from names: `np.`, `numpy.`, `random.` (`np.random.normal` is `normal`). */
const DROPPED_PREFIXES = new Set(['np', 'numpy', 'random']);

/** Parses a spec string into a tree (throws {@link SpecError}). */
export function parseSpecText(spec: string): SpecNode {
  const toks = tokenize(spec);
  let k = 0;
  const peek = (): Token => toks[k]!;
  const next = (): Token => toks[k++]!;
  const isOp = (text: string): boolean => peek().kind === 'op' && peek().text === text;
  const describe = (t: Token): string => (t.kind === 'end' ? 'the end' : `'${t.text}'`);
  const expect = (text: string, fix: string): Token => {
    if (!isOp(text)) specFail(spec, peek().pos, `expected '${text}' but found ${describe(peek())}; ${fix}`);
    return next();
  };

  const compare = (): SpecNode => {
    const left = additive();
    const t = peek();
    if (t.kind === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(t.text)) {
      next();
      return { kind: 'binary', op: t.text as BinaryOp, left, right: additive(), pos: t.pos };
    }
    return left;
  };
  const additive = (): SpecNode => {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const t = next();
      left = { kind: 'binary', op: t.text as BinaryOp, left, right: term(), pos: t.pos };
    }
    return left;
  };
  const term = (): SpecNode => {
    let left = unary();
    while (isOp('*') || isOp('/') || isOp('//') || isOp('%')) {
      const t = next();
      left = { kind: 'binary', op: t.text as BinaryOp, left, right: unary(), pos: t.pos };
    }
    return left;
  };
  const unary = (): SpecNode => {
    if (isOp('-') || isOp('+')) {
      const t = next();
      return { kind: 'unary', op: t.text as '-' | '+', arg: unary(), pos: t.pos };
    }
    const base = primary();
    if (isOp('**')) {
      const t = next();
      return { kind: 'binary', op: '**', left: base, right: unary(), pos: t.pos };
    }
    return base;
  };
  const primary = (): SpecNode => {
    const t = peek();
    if (t.kind === 'num') { next(); return { kind: 'num', value: Number(t.text), pos: t.pos }; }
    if (t.kind === 'str') {
      specFail(spec, t.pos, `a string ('${t.text}') is only an argument of same(tag, attribute)`);
    }
    if (isOp('(')) {
      next();
      const inner = compare();
      expect(')', 'close the parenthesis');
      return inner;
    }
    if (t.kind !== 'ident') {
      specFail(spec, t.pos, `expected a number, a name or '(' but found ${describe(t)}`);
    }
    next();
    const parts = [t.text];
    while (isOp('.')) {
      next();
      const p = peek();
      if (p.kind !== 'ident') specFail(spec, p.pos, `expected a name after '.', found ${describe(p)}`);
      parts.push(next().text);
    }
    const written = parts.join('.');
    while (parts.length > 1 && DROPPED_PREFIXES.has(parts[0]!)) parts.shift();
    if (parts.length > 1) specFail(spec, t.pos, `'${written}' is not a known name (only np., numpy. and random. prefixes are read)`);
    const name = parts[0]!;
    if (name === 'True' || name === 'False') return { kind: 'num', value: name === 'True' ? 1 : 0, pos: t.pos };
    if (!isOp('(')) return { kind: 'call', name, written, args: [], parens: false, pos: t.pos };
    next();
    const args: SpecArg[] = [];
    while (!isOp(')')) {
      const a = peek();
      let argName: string | undefined;
      if (a.kind === 'ident' && toks[k + 1]!.kind === 'op' && toks[k + 1]!.text === '=') {
        argName = a.text;
        k += 2;
      }
      const v = peek();
      const value: SpecNode = v.kind === 'str' ? (next(), { kind: 'str', value: v.text, pos: v.pos }) : compare();
      args.push({ name: argName, value, pos: a.pos });
      if (isOp(',')) { next(); continue; }
      if (!isOp(')')) specFail(spec, peek().pos, `expected ',' or ')' in the arguments of ${written}(…), found ${describe(peek())}`);
    }
    next();
    return { kind: 'call', name, written, args, parens: true, pos: t.pos };
  };

  if (toks.length === 1) specFail(spec, 1, "the spec is empty; write e.g. 'zeros', 'uniform(0, 1)' or a number");
  const tree = compare();
  if (peek().kind !== 'end') {
    specFail(spec, peek().pos, `unexpected ${describe(peek())} after a complete expression (an operator is missing?)`);
  }
  return tree;
}
