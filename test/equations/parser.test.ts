import { describe, it, expect } from 'vitest';
import { parseExpression, exprToString, evaluate, type Expr } from '../../src/equations/index.js';
import { EquationError } from '../../src/errors.js';

const where = { model: 'Model A', field: 'equations', line: 3 };
const p = (text: string): Expr => parseExpression(text, where);
/** Fully parenthesised form, to read the tree in assertions. */
function tree(e: Expr): string {
  switch (e.kind) {
    case 'num': return String(e.value);
    case 'bool': return e.value ? 'T' : 'F';
    case 'sym': return e.name;
    case 'attr': return `${e.owner}.${e.name}`;
    case 'sum': return `${e.owner}:sum(${e.target ?? ''})`;
    case 'globalop': return `${e.op}[${e.owner}.${e.variable}]`;
    case 'rand': return `${e.dist}#${e.id}(${e.args.map(tree).join(',')})`;
    case 'unary': return `(${e.op} ${tree(e.arg)})`;
    case 'binary': return `(${tree(e.left)} ${e.op} ${tree(e.right)})`;
    case 'call': return `${e.name}(${e.args.map(tree).join(',')})`;
    case 'cond': return `(${tree(e.test)} ? ${tree(e.then)} : ${tree(e.else)})`;
  }
}
const t = (text: string) => tree(p(text));

describe('precedence and associativity (Python / ANNarchy)', () => {
  const table: [string, string][] = [
    ['a + b * c', '(a + (b * c))'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b / c', '((a / b) / c)'],
    ['a / b * c', '((a / b) * c)'],
    ['-x^2', '(- (x ^ 2))'],
    ['-x**2', '(- (x ^ 2))'],
    ['a^b^c', '(a ^ (b ^ c))'],
    ['2^-1', '(2 ^ (- 1))'],
    ['-a * b', '((- a) * b)'],
    ['a * -b', '(a * (- b))'],
    ['--a', '(- (- a))'],
    ['+a', '(+ a)'],
    ['a < b + 1', '(a < (b + 1))'],
    ['not a == b', '(not (a == b))'],
    ['not a and b', '((not a) and b)'],
    ['a or b and c', '(a or (b and c))'],
    ['a and b or c and d', '((a and b) or (c and d))'],
    ['a is b', '(a == b)'],
    ['a is not b', '(a != b)'],
    ['(v > T) and (prev_v <= T)', '((v > T) and (prev_v <= T))'],
    ['tau * (a + b)', '(tau * (a + b))'],
    ['x >= 1 or x != 2', '((x >= 1) or (x != 2))'],
  ];
  for (const [text, expected] of table) it(`${text}  →  ${expected}`, () => expect(t(text)).toBe(expected));

  it('evaluates like Python', () => {
    expect(evaluate(p('-2^2'), {})).toBe(-4);
    expect(evaluate(p('2^3^2'), {})).toBe(512);
    expect(evaluate(p('2**-1'), {})).toBe(0.5);
    expect(evaluate(p('1/2'), {})).toBe(0.5); // real division, not C's integer division
    expect(evaluate(p('7 - 3 - 2'), {})).toBe(2);
    expect(evaluate(p('not 1 > 2 and 3 > 2'), {})).toBe(1);
  });
});

describe('literals and names', () => {
  it('numbers: integers, decimals, leading point, exponents', () => {
    expect(p('1')).toEqual({ kind: 'num', value: 1, isInt: true });
    expect(p('1.5')).toEqual({ kind: 'num', value: 1.5, isInt: false });
    expect(p('.5')).toEqual({ kind: 'num', value: 0.5, isInt: false });
    expect(p('1e-3')).toEqual({ kind: 'num', value: 0.001, isInt: false });
    expect(p('2.5E+2')).toEqual({ kind: 'num', value: 250, isInt: false });
    expect(p('1.')).toEqual({ kind: 'num', value: 1, isInt: false });
  });
  it('True / False', () => {
    expect(p('True')).toEqual({ kind: 'bool', value: true });
    expect(t('x == False')).toBe('(x == F)');
  });
  it('pre.x, post.x, sums', () => {
    expect(p('pre.r')).toEqual({ kind: 'attr', owner: 'pre', name: 'r' });
    expect(t('post.sum(exc) + pre.sum(inh) + sum(exc) + sum()')).toBe('(((post:sum(exc) + pre:sum(inh)) + self:sum(exc)) + self:sum())');
  });
  it('global operations: one argument; min/max with two are functions', () => {
    expect(t('mean(r)')).toBe('mean[self.r]');
    expect(t('max(post.v) + norm1(pre.r) + norm2(x)')).toBe('((max[post.v] + norm1[pre.r]) + norm2[self.x])');
    expect(t('max(a, b)')).toBe('max(a,b)');
    expect(t('min(a, 0.0)')).toBe('min(a,0)');
  });
  it('random distributions get ids unique within a counter', () => {
    const ids = { next: 0 };
    const a = parseExpression('Uniform(0, 1) + Normal(0, 1)', where, { randomIds: ids });
    const b = parseExpression('Gamma(2) * Exponential(1) + Binomial(10, 0.5) + LogNormal(0, 1) + DiscreteUniform(1, 6)', where, { randomIds: ids });
    expect(tree(a)).toBe('(Uniform#0(0,1) + Normal#1(0,1))');
    expect(tree(b)).toBe('((((Gamma#2(2) * Exponential#3(1)) + Binomial#4(10,0.5)) + LogNormal#5(0,1)) + DiscreteUniform#6(1,6))');
    expect(ids.next).toBe(7);
  });
  it('ite(c, a, b) anywhere and if/else as the whole right side, nested', () => {
    expect(t('1 + ite(t > 5, 1, 0)')).toBe('(1 + ((t > 5) ? 1 : 0))');
    expect(t('if t <= 5: 0 else: if t >= 7: 2 else: 1')).toBe('((t <= 5) ? 0 : ((t >= 7) ? 2 : 1))');
    expect(t('if a: if b: 1 else: 2 else: 3')).toBe('(a ? (b ? 1 : 2) : 3)');
    const e = p('if t <= 5: 0 else: if t >= 7: 2 else: 1');
    expect([4, 5, 6, 7, 8].map((x) => evaluate(e, { t: x }))).toEqual([0, 0, 1, 2, 2]);
  });
  it('derivatives only when asked (ODE left sides)', () => {
    expect(t('dv/dt')).toBe('(dv / dt)');
    expect(tree(parseExpression('tau * dv/dt + v', where, { derivatives: true }))).toBe('((tau * dv/dt) + v)');
  });
});

describe('errors name the model, the line and the token', () => {
  const cases: [string, string, RegExp][] = [
    ['tau mp', 'mp', /implicit multiplication/],
    ['2x', '2x', /implicit multiplication/],
    ['2 (x + 1)', '(', /implicit multiplication/],
    ['a $ b', '$', /unexpected character/],
    ["x'", "'", /derivatives are written dx\/dt/],
    ['a % b', '%', /modulo/],
    ['a & b', '&', /'and'/],
    ['(a + b', '(', /missing '\)'/],
    ['a + b)', ')', /unbalanced/],
    ['f(a, b', 'f', /missing '\)'/],
    ['a + b c', 'c', /implicit multiplication/],
    ['a:b', ':', /unexpected ':'/],
    ['a +', '', /unexpected end/],
    ['a < b < c', '<', /chained comparison/],
    ['1 + if a: b else: c', 'if', /whole right-hand side/],
    ['if a: b', 'if', /without 'else'/],
    ['x.y', 'x.', /only allowed after 'pre' or 'post'/],
    ['pre', 'pre', /followed by '.name'/],
    ['pre.f(x)', 'pre.f', /only pre.sum/],
    ['sum(1)', 'sum', /name of a target/],
    ['mean(x + 1)', 'mean', /must be a variable name/],
    ['norm1(a, b)', 'norm1', /takes one variable/],
    ['Uniform(1)', 'Uniform', /takes 2 argument/],
    ['ite(a, b)', 'ite', /3 arguments/],
    ['a = b', '=', /'=='/],
    ['', '', /empty expression/],
  ];
  for (const [text, symbol, message] of cases) {
    it(JSON.stringify(text), () => {
      let err: unknown;
      try { p(text); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(EquationError);
      const e = err as EquationError;
      expect(e.message).toMatch(message);
      expect(e.message).toContain('Model A');
      expect(e.message).toContain('line 3');
      expect(e.model).toBe('Model A');
      expect(e.line).toBe(3);
      expect(e.symbol ?? '').toBe(symbol);
    });
  }
});

describe('printing', () => {
  it('prints ANNarchy syntax with minimal parentheses', () => {
    for (const s of ['a + b * c', '(a + b) * c', 'a - (b - c)', '-x^2', '(-x)^2', 'a^(b^c)', '(a^b)^c', 'not (a and b)',
      'pre.r * post.r - alpha * post.r^2 * w', 'sum(exc) - sum(inh)', 'mean(r)', 'Uniform(0.0, 1.0)', 'a / (b * c)', '1.0e-5 * x']) {
      expect(exprToString(p(s))).toBe(s.replace('1.0e-5', '0.00001'));
    }
    expect(exprToString(p('if a > 0: 1 else: 2'))).toBe('ite(a > 0, 1, 2)');
    expect(exprToString(p('a * -b'))).toBe('a * (-b)');
  });
});
