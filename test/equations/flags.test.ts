import { describe, it, expect } from 'vitest';
import { splitFlags, parseFlags, splitDefinitions, parseDefinition, exprToString } from '../../src/equations/index.js';
import { EquationError } from '../../src/errors.js';

const where = { model: 'Flags', field: 'equations', line: 2 };
const flagsOf = (line: string) => {
  const split = splitFlags(line, where);
  return { body: split.body, flags: parseFlags(split.flags ?? [], where, line) };
};

describe('splitting a line at its flags', () => {
  it('every flag is recognised', () => {
    const f = (items: string) => flagsOf(`dv/dt = -v : ${items}`).flags;
    expect(f('init=-65.0').init).toBe('-65.0');
    expect(f('init = Uniform(0, 1), min=0.0').init).toBe('Uniform(0, 1)');
    expect(f('min = w_min, max = clip(a, b, c)')).toMatchObject({ min: 'w_min', max: 'clip(a, b, c)' });
    expect(f('population').locality).toBe('population');
    expect(f('projection').locality).toBe('projection');
    expect(f('postsynaptic').locality).toBe('postsynaptic');
    for (const m of ['explicit', 'implicit', 'semiimplicit', 'exponential', 'midpoint', 'rk4', 'event-driven'] as const) {
      expect(f(m).method).toBe(m);
    }
    expect(f('runge-kutta4').method).toBe('rk4');
    expect(f('exact').method).toBe('event-driven');
    expect(f('int').type).toBe('int');
    expect(f('bool').type).toBe('bool');
    expect(f('float').type).toBe('float');
    expect(f('unless_post').unlessPost).toBe(true);
    expect(f('unless_refractory').written).toEqual(['unless_refractory']);
    expect(f('init=0, min=0, max=1, population, exponential, int').written).toEqual(['init', 'min', 'max', 'population', 'exponential', 'int']);
  });

  it('the colons of a conditional are not flags; a colon after the conditional is', () => {
    expect(flagsOf('r = if t < 5: 1 else: 0').flags.written).toEqual([]);
    expect(flagsOf('r = if t < 5: 1 else: 0').body).toBe('r = if t < 5: 1 else: 0');
    const nested = flagsOf('r = if t < 5: 1 else: if t > 7: 2 else: 0 : init = 3, max = 2');
    expect(nested.body).toBe('r = if t < 5: 1 else: if t > 7: 2 else: 0');
    expect(nested.flags).toMatchObject({ init: '3', max: '2' });
    expect(flagsOf('x = a : min = 0').body).toBe('x = a');
  });

  it('an unknown flag is an error naming it', () => {
    for (const [line, bad] of [['dv/dt = -v : init=0, exponentiel', 'exponentiel'], ['x = a : population, local', 'local'], ['x = a:b', 'b'], ['x = 1 : blah=3', 'blah']]) {
      let err: unknown;
      try { flagsOf(line); } catch (e) { err = e; }
      expect(err, line).toBeInstanceOf(EquationError);
      expect((err as EquationError).symbol).toBe(bad);
      expect((err as EquationError).message).toContain(`unknown flag '${bad}'`);
      expect((err as EquationError).line).toBe(2);
    }
  });

  it('duplicate and conflicting flags are errors', () => {
    expect(() => flagsOf('x = 1 : init=0, init=1')).toThrow(/given twice/);
    expect(() => flagsOf('dx/dt = 1 : explicit, rk4')).toThrow(/two numerical methods/);
    expect(() => flagsOf('x = 1 : population, projection')).toThrow(/two locality flags/);
    expect(() => flagsOf('x = 1 : int, bool')).toThrow(/two types/);
    expect(() => flagsOf('x = 1 : init')).toThrow(/needs a value/);
    expect(() => flagsOf('x = 1 : population=2')).toThrow(/takes no value/);
    expect(() => flagsOf('x = 1 :')).toThrow(/empty flag list/);
  });
});

describe('definition lines', () => {
  it('newlines and ; separate definitions, # starts a comment, line numbers are kept', () => {
    const lines = splitDefinitions(`
      tau = 10.0   # membrane time constant
      a = 1 ; b = 2
      # only a comment
      c = 3`);
    expect(lines).toEqual([
      { text: 'tau = 10.0', line: 2 }, { text: 'a = 1', line: 3 }, { text: 'b = 2', line: 3 }, { text: 'c = 3', line: 5 },
    ]);
  });
  it('a list of lines works as a multi-line string', () => {
    expect(splitDefinitions(['x = 1', 'y = 2 ; z = 3'])).toEqual([{ text: 'x = 1', line: 1 }, { text: 'y = 2', line: 2 }, { text: 'z = 3', line: 2 }]);
  });
  it('lines without an assignment continue a multi-line conditional; flags after the last line', () => {
    const lines = splitDefinitions(`
      r = if t <= 5:
            0
          else:
            if t >= 7:
              2
            else:
              1 : init = 4, max = 3
      s = 1`);
    expect(lines.map((l) => l.line)).toEqual([2, 9]);
    const def = parseDefinition(lines[0], 'equations', 'M', { next: 0 });
    expect(def.statement.kind === 'assign' && exprToString(def.statement.value)).toBe('ite(t <= 5, 0, ite(t >= 7, 2, 1))');
    expect(def.flags).toMatchObject({ init: '4', max: '3' });
  });

  it('identifies ODEs in any form linear in the derivative, assignments and increments', () => {
    const kind = (text: string) => {
      const st = parseDefinition({ text, line: 1 }, 'equations', 'M', { next: 0 }).statement;
      return st.kind === 'ode' ? `ode ${st.variable}` : `${st.op} ${exprToString(st.target)}`;
    };
    expect(kind('tau * dmp/dt + mp = baseline + sum(exc)')).toBe('ode mp');
    expect(kind('dx/dt = -x')).toBe('ode x');
    expect(kind('tau*dv/dt + v - A = 0')).toBe('ode v');
    expect(kind('r = pos(mp)')).toBe('= r');
    expect(kind('u += d')).toBe('+= u');
    expect(kind('x -= 1')).toBe('-= x');
    expect(kind('x *= (1 - u)')).toBe('*= x');
    expect(kind('x /= 2')).toBe('/= x');
    expect(kind('post.x += 1')).toBe('+= post.x');
    expect(kind('spiked = (v > 1) == True')).toBe('= spiked');
  });
  it('refuses malformed definitions', () => {
    const parse = (text: string) => parseDefinition({ text, line: 4 }, 'equations', 'M', { next: 0 });
    expect(() => parse('v > 1')).toThrow(/expected an assignment/);
    expect(() => parse('a + b = 1')).toThrow(/must be a single name/);
    expect(() => parse('dv/dt + du/dt = 1')).toThrow(/only one derivative per line/);
    expect(() => parse('dv/dt += 1')).toThrow(/written with '='/);
    expect(() => parse('x = ')).toThrow(/nothing on the right/);
  });
});
