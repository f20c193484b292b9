// Robustness of the equation language (issue 13): messages that show what is really there,
// lines without '=', distribution arguments inside equations, Constants (reserved names, created
// after setup()), and deep or long expressions.
import { describe, it, expect, afterEach } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import {
  EquationError, NetworkError, Network, Neuron, Constant, Population, Monitor, setup, compile, simulate, clear,
} from '../../src/index.js';

/** The EquationError thrown when a population of `spec` is created. */
function neuronError(spec: ConstructorParameters<typeof Neuron>[0]): EquationError {
  try {
    new Network().create(1, new Neuron({ name: 'M', ...spec }));
  } catch (e) {
    expect(e).toBeInstanceOf(EquationError);
    return e as EquationError;
  }
  throw new Error('no error thrown');
}

describe('lexer and messages', () => {
  it.each([
    ['zero-width space', 'r = 1\u200b', "'\\u200b'"],
    ['byte order mark', 'r = \ufeff1', "'\\ufeff'"],
    ['no-break space', 'r = 1\u00a0+ 2', "'\\u00a0'"],
    ['control character', 'r = 1\u0007', "'\\u0007'"],
  ])('an invisible character (%s) is shown escaped, never as itself', (_, equations, shown) => {
    const e = neuronError({ equations });
    expect(e.message).toContain(shown);
    expect(e.symbol).toBe(shown.slice(1, -1));
    expect(e.message).not.toMatch(/[\u200b\ufeff\u00a0\u0007]/);
    expect(e.line).toBe(1);
  });

  it('an emoji is one character (one code point), not two halves of a surrogate pair', () => {
    const e = neuronError({ equations: 'r = 1 + 😀' });
    expect(e.symbol).toBe('😀');
    expect(e.message).toContain("unexpected character '😀'");
  });

  it('a line without = is reported at its own line, not merged into the line above', () => {
    const e = neuronError({ equations: 'dv/dt = -v\nr = v\nv + 1' });
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/has no '='/);
    expect(neuronError({ parameters: 'tau = 10\nbaseline 2', equations: 'r = 1' }).line).toBe(2);
  });

  it('multi-line conditionals and broken expressions still continue the line above', () => {
    const n = new Neuron({ equations: 'r = if t > 2:\n  1.0\nelse:\n  2.0\nq = (1 +\n 2)\ns = 3\n  + 4' });
    const d = new Network().create(1, n).description;
    expect(d.attributes.map((a) => [a.name, a.source.line])).toEqual([['r', 1], ['q', 5], ['s', 7]]);
  });

  it.each([
    ['Normal(0, -1)', /sigma must be >= 0/], ['Uniform(1, 0)', /min must be smaller than max/],
    ['Binomial(3, 2)', /p must be in \[0, 1\]/], ['Exponential(-1)', /lambda must be > 0/], ['Gamma(0)', /must be > 0/],
  ])('%s inside an equation is refused like an initial value', (dist, message) => {
    const e = neuronError({ equations: `r = 1\ndv/dt = ${dist} - v` });
    expect(e.line).toBe(2);
    expect(e.field).toBe('equations');
    expect(e.message).toMatch(message);
  });
});

describe('Constants', () => {
  afterEach(() => clear());

  it.each(['dt', 't', 'pi', 'exp', 'sum', 'if'])('a Constant named %s is refused', (name) => {
    expect(() => new Constant(name, 1)).toThrow(NetworkError);
    expect(() => new Constant(name, 1)).toThrow(/reserved/);
    expect(() => new Network().constant(name, 1)).toThrow(/reserved/);
  });

  it('a Constant created after setup() is visible to the default network (module-level API)', async () => {
    setup({ dt: 0.5 });
    const k = new Constant('k_after_setup', 3);
    const pop = new Population({ geometry: 1, neuron: new Neuron({ equations: 'r = k_after_setup * 2 + t' }) });
    const m = new Monitor(pop, 'r');
    await compile();
    await simulate(1);
    expect((m.get('r') as Float64Array[]).map((row) => row[0])).toEqual([6, 6.5]);
    k.set(10);
    await simulate(0.5);
    expect((m.get('r') as Float64Array[])[0][0]).toBe(21);
  });

});

describeBackends('Constants created after the network', () => {
  afterEach(() => clear());

  it('a Constant created after new Network() is visible to it until it compiles; a local one shadows it', async () => {
    const net = new Network({ dt: 1 });
    const other = new Network({ dt: 1 });
    other.constant('late_c', 100);
    const c = new Constant('late_c', 2);
    const pop = net.create(1, new Neuron({ equations: 'r = late_c' }));
    const pop2 = other.create(1, new Neuron({ equations: 'r = late_c' }));
    await net.compile(compileFor());
    await other.compile(compileFor());
    await net.simulate(1);
    await other.simulate(1);
    expect(Array.from(pop.get('r') as Float64Array)).toEqual([2]);
    expect(Array.from(pop2.get('r') as Float64Array)).toEqual([100]);
    expect(net.getConstant('late_c')).toBe(c);
    // Created after compile: the compiled network's set stays as it was.
    new Constant('after_compile', 1);
    expect(net.getConstant('after_compile')).toBeUndefined();
  });
});
