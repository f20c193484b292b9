/**
 * Stand-in for `src/equations/parser.ts` (being written concurrently) with the same signature:
 * a small recursive-descent parser of the expression subset that recorder expressions use —
 * numbers, names, `pre.x`/`post.x`, calls, unary `- + not`, binary `^ ** * / + - < <= > >= == !=
 * and or`, parentheses. Single-variable `mean/max/min/norm1/norm2(x)` become `globalop` nodes as in
 * the equation language. To be replaced by the shared parser once it exists.
 */
import type { BinaryOp, Expr, GlobalOpName } from '../equations/ast.js';
import { EquationError } from '../errors.js';

type Token = { t: 'num'; v: number; isInt: boolean } | { t: 'id'; v: string } | { t: 'op'; v: string };

const GLOBAL_OPS = new Set<string>(['mean', 'max', 'min', 'norm1', 'norm2']);

function tokenize(text: string, fail: (m: string, s?: string) => never): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_]\w*)|(\*\*|<=|>=|==|!=|[-+*/^<>(),.]))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return fail('unexpected character', text.slice(pos).trim()[0]);
    pos = re.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'num', v: Number(m[1]), isInt: !/[.eE]/.test(m[1]) });
    else if (m[2] !== undefined) out.push({ t: 'id', v: m[2] });
    else out.push({ t: 'op', v: m[3]! });
  }
  return out;
}

/** Parses one expression; errors are EquationErrors located at `where`. */
export function parseExpression(text: string, where: { model: string; field?: string; line?: number }): Expr {
  const fail = (message: string, symbol?: string): never => {
    throw new EquationError(message, { ...where, symbol, text });
  };
  const toks = tokenize(text, fail);
  let k = 0;
  const peek = (): Token | undefined => toks[k];
  const isOp = (v: string): boolean => { const p = peek(); return p !== undefined && p.t !== 'num' && p.v === v; };
  const expect = (v: string): void => { if (!isOp(v)) fail(`expected '${v}'`, peek() ? String(peek()!.v) : 'end'); k++; };

  const levels: string[][] = [['or'], ['and'], ['<', '<=', '>', '>=', '==', '!='], ['+', '-'], ['*', '/']];
  const binary = (lvl: number): Expr => {
    if (lvl === levels.length) return unary();
    let left = binary(lvl + 1);
    for (;;) {
      const op = levels[lvl]!.find((o) => isOp(o));
      if (!op) return left;
      k++;
      left = { kind: 'binary', op: op as BinaryOp, left, right: binary(lvl + 1) };
    }
  };
  const unary = (): Expr => {
    if (isOp('-') || isOp('+')) { const op = String(toks[k++]!.v) as '-' | '+'; return { kind: 'unary', op, arg: unary() }; }
    if (isOp('not')) { k++; return { kind: 'unary', op: 'not', arg: unary() }; }
    return power();
  };
  const power = (): Expr => {
    const base = primary();
    if (isOp('^') || isOp('**')) { k++; return { kind: 'binary', op: '^', left: base, right: unary() }; }
    return base;
  };
  const primary = (): Expr => {
    const tok = toks[k++];
    if (!tok) return fail('unexpected end of expression');
    if (tok.t === 'num') return { kind: 'num', value: tok.v, isInt: tok.isInt };
    if (tok.t === 'op') {
      if (tok.v !== '(') return fail('unexpected operator', tok.v);
      const e = binary(0);
      expect(')');
      return e;
    }
    const name = tok.v;
    if (name === 'True' || name === 'true') return { kind: 'bool', value: true };
    if (name === 'False' || name === 'false') return { kind: 'bool', value: false };
    if ((name === 'pre' || name === 'post') && isOp('.')) {
      k++;
      const attr = toks[k++];
      if (!attr || attr.t !== 'id') return fail(`expected a name after '${name}.'`);
      return { kind: 'attr', owner: name, name: attr.v };
    }
    if (isOp('.')) return fail(`'${name}.' is not allowed here (only pre. and post.)`, name);
    if (!isOp('(')) return { kind: 'sym', name };
    k++;
    const args: Expr[] = [];
    if (!isOp(')')) {
      args.push(binary(0));
      while (isOp(',')) { k++; args.push(binary(0)); }
    }
    expect(')');
    const a0 = args[0];
    if (args.length === 1 && GLOBAL_OPS.has(name) && a0) {
      if (a0.kind === 'sym') return { kind: 'globalop', op: name as GlobalOpName, owner: 'self', variable: a0.name };
      if (a0.kind === 'attr') return { kind: 'globalop', op: name as GlobalOpName, owner: a0.owner, variable: a0.name };
    }
    return { kind: 'call', name, args };
  };
  if (toks.length === 0) return fail('empty expression');
  const e = binary(0);
  if (k < toks.length) fail('unexpected token', String(toks[k]!.v));
  return e;
}
