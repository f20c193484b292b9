import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseExpression, exprToString, exprToTex, mapExpr, type Expr, type BinaryOp } from '../../src/equations/index.js';

const where = { model: 'roundtrip' };
const NAMES = ['v', 'tau', 'g_exc', 'x1', 'A_plus', 'mp', 'r', 't', 'dt'];
const OPS: BinaryOp[] = ['+', '-', '*', '/', '^', '==', '!=', '<', '<=', '>', '>=', 'and', 'or'];

/** Random trees in the image of the parser (no negative literals: `-2` reads back as `-(2)`). */
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      fc.integer({ min: 0, max: 1e9 }).map((v): Expr => ({ kind: 'num', value: v, isInt: true })),
      fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }).map((v): Expr => ({ kind: 'num', value: v === 0 ? 0 : v, isInt: false })),
      fc.boolean().map((v): Expr => ({ kind: 'bool', value: v })),
      fc.constantFrom(...NAMES).map((name): Expr => ({ kind: 'sym', name })),
      fc.tuple(fc.constantFrom<'pre' | 'post'>('pre', 'post'), fc.constantFrom('r', 'v')).map(([owner, name]): Expr => ({ kind: 'attr', owner, name })),
      fc.tuple(fc.constantFrom<'self' | 'pre' | 'post'>('self', 'pre', 'post'), fc.constantFrom('exc', 'inh', null)).map(([owner, target]): Expr => ({ kind: 'sum', owner, target })),
      fc.tuple(fc.constantFrom<'mean' | 'max' | 'min' | 'norm1' | 'norm2'>('mean', 'max', 'min', 'norm1', 'norm2'), fc.constantFrom<'self' | 'pre' | 'post'>('self', 'pre', 'post'))
        .map(([op, owner]): Expr => ({ kind: 'globalop', op, owner, variable: 'r' })),
    ),
    fc.tuple(fc.constantFrom<'-' | '+' | 'not'>('-', '+', 'not'), tie('e')).map(([op, arg]): Expr => ({ kind: 'unary', op, arg })),
    fc.tuple(fc.constantFrom(...OPS), tie('e'), tie('e')).map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right })),
    fc.tuple(fc.constantFrom('exp', 'f', 'clip'), fc.array(tie('e'), { minLength: 1, maxLength: 3 })).map(([name, args]): Expr => ({ kind: 'call', name, args })),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([test, then, otherwise]): Expr => ({ kind: 'cond', test, then, else: otherwise })),
    fc.tuple(fc.constantFrom<'Uniform' | 'Normal'>('Uniform', 'Normal'), tie('e'), tie('e')).map(([dist, a, b]): Expr => ({ kind: 'rand', dist, args: [a, b], id: 0 })),
  ),
})).e;

const withoutIds = (e: Expr): Expr => mapExpr(e, (n) => (n.kind === 'rand' ? { ...n, id: 0 } : n));

describe('exprToString / parseExpression round trip', () => {
  it('parse(print(e)) is e for random trees (fast-check)', () => {
    fc.assert(fc.property(exprArb, (e) => {
      const text = exprToString(e);
      expect(withoutIds(parseExpression(text, where))).toEqual(e);
    }), { numRuns: 2000 });
  });

  it('print(parse(s)) is a fixed point of printing', () => {
    fc.assert(fc.property(exprArb, (e) => {
      const once = exprToString(parseExpression(exprToString(e), where));
      expect(exprToString(parseExpression(once, where))).toBe(once);
    }), { numRuns: 500 });
  });

  it('keeps the integer / float distinction of literals', () => {
    expect(exprToString(parseExpression('1 + 1.0 + 2e3 + 0.5', where))).toBe('1 + 1.0 + 2000.0 + 0.5');
  });
});

describe('exprToTex', () => {
  it('writes fractions, powers, Greek names, subscripts, conditions', () => {
    expect(exprToTex(parseExpression('(E_L - v)/tau', where))).toBe('\\frac{E_{L} - v}{\\tau}');
    expect(exprToTex(parseExpression('alpha * post.r^2', where))).toBe('\\alpha \\cdot {r^{\\mathrm{post}}}^{2}');
    expect(exprToTex(parseExpression('sqrt(x) + exp(-x)', where))).toBe('\\sqrt{x} + \\exp\\left(-x\\right)');
    expect(exprToTex(parseExpression('ite(v > 0, 1, 0)', where))).toContain('\\begin{cases}');
    expect(exprToTex(parseExpression('tau * dv/dt', where, { derivatives: true }))).toBe('\\tau \\cdot \\frac{dv}{dt}');
  });
});
