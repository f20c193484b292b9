// Robustness of the equation language (issue 13): messages that show what is really there,
// lines without '=', distribution arguments inside equations, Constants (reserved names, created
// after setup()), and deep or long expressions.
import { describe, it, expect, afterEach } from 'vitest';
import { describeBackends, compileFor, closeDigits } from '../helpers/backends.js';
import { compileError } from '../../src/equations/limits.js';
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

describe('deep expressions: nesting is limited, flat chains are not', () => {
  const deep = 10000;
  it.each([
    ['parentheses', `r = ${'('.repeat(deep)}1${')'.repeat(deep)}`, '('],
    ['calls', `r = ${'exp('.repeat(deep)}0${')'.repeat(deep)}`, 'exp'],
    ['ite', `r = ${'ite(t > 1, 1, '.repeat(deep)}0${')'.repeat(deep)}`, 'ite'],
    ['powers', `r = ${Array.from({ length: deep }, () => '1').join(' ^ ')}`, '^'],
    ['unary minus', `r = ${'-'.repeat(deep)}1`, '-'],
    ['not', `r = ite(${'not '.repeat(deep)}True, 1, 0)`, 'not'],
  ])('%s nested 10000 deep are refused with an EquationError (no RangeError)', (_, equations, symbol) => {
    const e = neuronError({ equations });
    expect(e.message).toMatch(/nested too deeply \(more than 200 levels/);
    expect(e.symbol).toBe(symbol);
    expect(e.line).toBe(1);
    expect(e.message.length).toBeLessThan(1000); // the 10000-character line is cut in the message
  });

  it('a stack overflow at the compile boundary becomes an EquationError naming the model with the deepest expression', () => {
    const net = new Network();
    const shallow = net.create(1, new Neuron({ name: 'Shallow', equations: 'r = 1' })).description;
    const deeper = net.create(1, new Neuron({ name: 'Deeper', equations: 'r = exp(exp(t + 1))' })).description;
    const e = compileError(new RangeError('Maximum call stack size exceeded'), [shallow, deeper]);
    expect(e).toBeInstanceOf(EquationError);
    expect((e as EquationError).model).toBe('Deeper');
    expect((e as Error).message).toMatch(/too large or too deeply nested/);
    const other = new RangeError('Invalid array length');
    expect(compileError(other, [shallow])).toBe(other);
  });

  it('a parameter value and an init= of 20000 terms are folded to their number', () => {
    const long = Array.from({ length: 20000 }, (_, k) => `${k % 5}`).join(' + ');
    const d = new Network().create(1, new Neuron({ parameters: `tau = ${long}`, equations: `r = tau : init=${long}` })).description;
    expect(d.attributes.map((a) => a.init)).toEqual([{ kind: 'number', value: 40000 }, { kind: 'number', value: 40000 }]);
  });

  it('200 levels are accepted', () => {
    const d = new Network().create(1, new Neuron({ equations: `r = ${'('.repeat(199)}2${')'.repeat(199)}` })).description;
    expect(d.attributes.map((a) => a.name)).toEqual(['r']);
  });
});

describeBackends('flat chains of 5000 terms compile and compute the left-to-right value', (backend) => {
  // WGSL compilers (Tint) refuse expressions deeper than 512: on webgpu 400 terms, and 5000 are refused cleanly (below).
  const N = backend === 'webgpu' ? 400 : 5000;
  // a·k with alternating signs, and products/quotients, in the order written (left-associative).
  const sumText = Array.from({ length: N }, (_, k) => `${k % 2 ? '-' : '+'} a*${k + 1}`).join(' ');
  const chainText = Array.from({ length: N }, (_, k) => (k % 3 === 2 ? `/ b` : `* b`)).join(' ');

  it('r = a sum of 5000 terms, p = a product/quotient of 5000 factors', async () => {
    const net = new Network({ dt: 0.5 });
    const pop = net.create(2, new Neuron({
      parameters: 'a = 0.001 : population\nb = 1.0001 : population',
      equations: `r = t ${sumText}\np = 1.5 ${chainText}`,
    }));
    await net.compile(compileFor());
    await net.simulate(2);
    // The same operations in the same order, in JavaScript (t = 1.5 in the last of the 4 steps).
    let r = 1.5;
    for (let k = 0; k < N; k++) r = k % 2 ? r - 0.001 * (k + 1) : r + 0.001 * (k + 1);
    let p = 1.5;
    for (let k = 0; k < N; k++) p = k % 3 === 2 ? p / 1.0001 : p * 1.0001;
    if (N === 5000) expect(r).toBeCloseTo(1.5 - 2.5, 10);
    if (backend === 'webgpu') {
      // float32: rounding errors grow with the number of operations and the size of the terms.
      const close = (got: Float64Array, want: number, scale: number) => Array.from(got).forEach((x) => expect(x).toBeCloseTo(want, closeDigits(15, scale)));
      close(pop.get('r') as Float64Array, r, 0.001 * N * N);
      close(pop.get('p') as Float64Array, p, p * N);
      return;
    }
    expect(Array.from(pop.get('r') as Float64Array)).toEqual([r, r]);
    expect(Array.from(pop.get('p') as Float64Array)).toEqual([p, p]);
  }, 300_000);

  it.skipIf(backend !== 'webgpu')('webgpu: a sum of 5000 terms is refused with an EquationError naming the model', async () => {
    const net = new Network();
    const long = Array.from({ length: 5000 }, (_, k) => `+ v*${k}`).join(' ');
    net.create(1, new Neuron({ name: 'LongSum', equations: `dv/dt = -v\nr = v ${long}` }));
    const e = await net.compile(compileFor()).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(EquationError);
    expect((e as EquationError).model).toBe('LongSum');
    expect((e as Error).message).toMatch(/too deep for the webgpu backend/);
  }, 300_000);

  it.each(['explicit', 'exponential'])('an ODE with 5000 terms (%s)', async (method) => {
    const net = new Network({ dt: 0.5 });
    const pop = net.create(1, new Neuron({ parameters: 'a = 0.001 : population\ntau = 10.0', equations: `tau * dv/dt = -v ${sumText} : ${method}\nr = v` }));
    const m = net.monitor(pop, 'v');
    await net.compile(compileFor());
    await net.simulate(1);
    let S = 0;
    for (let k = 0; k < N; k++) S = k % 2 ? S - 0.001 * (k + 1) : S + 0.001 * (k + 1);
    const v = (m.get('v') as Float64Array[]).map((row) => row[0]);
    // dv/dt = (S - v)/tau from v = 0, dt/tau = 0.05: explicit Euler gives 0.05 S, the exponential method S (1 - e^-0.05)
    const expected = method === 'explicit' ? 0.05 * S : S * (1 - Math.exp(-0.05));
    expect(v[0]).toBeCloseTo(expected, closeDigits(12, 0.05 * 0.001 * N * N));
  }, 300_000);
});
