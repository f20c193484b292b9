import { describe, it, expect } from 'vitest';
import { BUILTINS, evaluate, parseExpression, parseFunctionDefinition, type FunctionDef } from '../../src/equations/index.js';
import { EquationError } from '../../src/errors.js';

const ev = (text: string, env: Record<string, number> = {}) => evaluate(parseExpression(text, { model: 'builtins' }), env);

describe('built-in functions (float64 semantics every backend reproduces)', () => {
  it('modulo truncates both arguments and keeps C\'s sign rule; it is a function, not a macro', () => {
    expect(ev('modulo(-7, 3)')).toBe(-1);
    expect(ev('modulo(7, -3)')).toBe(1);
    expect(ev('modulo(6.4, 4)')).toBe(2);
    expect(ev('3 * modulo(7, 4)')).toBe(9);
  });
  it('power is x^a for any real a', () => {
    expect(ev('power(2, 2.5)')).toBe(Math.pow(2, 2.5));
    expect(ev('power(3, 0)')).toBe(1);
    expect(ev('power(4, -0.5)')).toBe(0.5);
    expect(ev('2^0.5')).toBe(Math.SQRT2);
  });
  it('pos/positive, neg/negative (the negative part), clip, min, max', () => {
    expect([ev('pos(-2)'), ev('positive(3)'), ev('neg(-2)'), ev('negative(3)')]).toEqual([0, 3, -2, 0]);
    expect([ev('clip(-5, -1, 1)'), ev('clip(0.5, -1, 1)'), ev('clip(5, -1, 1)')]).toEqual([-1, 0.5, 1]);
    expect([ev('min(2, 3)'), ev('max(2, 3)')]).toEqual([2, 3]);
  });
  it('round halves away from zero (C round); floor, ceil, abs, fabs', () => {
    expect([ev('round(2.5)'), ev('round(-2.5)'), ev('round(-2.4)'), ev('floor(-1.5)'), ev('ceil(-1.5)'), ev('abs(-3)'), ev('fabs(-3)')]).toEqual([3, -3, -2, -2, -1, 3, 3]);
  });
  it('isnan / isfinite are 1 or 0', () => {
    expect([ev('isnan(0/0)'), ev('isnan(1)'), ev('isfinite(1/0)'), ev('isfinite(2)')]).toEqual([1, 0, 0, 1]);
  });
  it('the C math functions', () => {
    const x = 0.3;
    for (const f of ['exp', 'log', 'sqrt', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh'] as const) {
      expect(ev(`${f}(x)`, { x })).toBe(Math[f](x));
    }
    expect(ev('atan2(1, -1)')).toBe(Math.atan2(1, -1));
  });
  it('every built-in has its arity', () => {
    expect(BUILTINS.get('clip')!.arity).toEqual([3]);
    expect(BUILTINS.get('min')!.arity).toEqual([2]);
    expect(() => ev('exp(1, 2)')).toThrow(/takes 1 argument/);
  });
});

describe('evaluate', () => {
  it('real division, comparisons and logic as 1/0, lazy conditions', () => {
    expect(ev('1/2')).toBe(0.5);
    expect([ev('2 > 1'), ev('2 < 1'), ev('1 == 1.0'), ev('1 != 1')]).toEqual([1, 0, 1, 0]);
    expect([ev('True and False'), ev('True or False'), ev('not 0'), ev('not 2')]).toEqual([0, 1, 1, 0]);
    expect(ev('ite(x > 0, 1/x, 0)', { x: 0 })).toBe(0);
    expect(ev('pi')).toBe(Math.PI);
  });
  it('reads neighbours, sums and global operations from env keys or callbacks', () => {
    expect(ev('pre.r * 2 + sum(exc) + post.sum(inh) + mean(r)', { 'pre.r': 1, 'sum(exc)': 10, 'post.sum(inh)': 100, 'mean(r)': 1000 })).toBe(1112);
    const e = parseExpression('pre.v - post.v + Uniform(0, 1)', { model: 'x' });
    expect(evaluate(e, {}, { attr: (o) => (o === 'pre' ? 5 : 3), rand: (d, args) => args[1] })).toBe(3);
  });
  it('calls user functions with their arguments only (plus Constants from env)', () => {
    const sig = parseFunctionDefinition('sigmoid(x) = 1.0 / (1.0 + exp(-k * x))');
    const functions = new Map<string, FunctionDef>([['sigmoid', sig]]);
    expect(evaluate(parseExpression('sigmoid(2)', { model: 'x' }), { k: 1 }, { functions })).toBe(1 / (1 + Math.exp(-2)));
  });
  it('fails on unknown names with an EquationError naming them', () => {
    expect(() => ev('x + 1')).toThrow(EquationError);
    expect(() => ev('x + 1')).toThrow(/'x'/);
    expect(() => ev('nofunc(1)')).toThrow(/unknown function 'nofunc'/);
  });
});
