// Repeated arithmetic computed once (src/backends/kernels/shared-values.ts): which subexpressions
// an assignment shares, and that js, wasm (which share them as locals) and cpp (whose compiler
// shares them) still give the same bits, including under refractoriness and conditions.
import { describe, expect, it } from 'vitest';
import { Network, Neuron, Normal, Synapse, Uniform } from '../../src/index.js';
import type { BackendName } from '../../src/index.js';
import { parseExpression } from '../../src/equations/parser.js';
import { shareRepeats } from '../../src/backends/kernels/shared-values.js';
import type { Expr } from '../../src/equations/ast.js';
import { conform } from '../helpers/conformance.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';

const compiler = await findCompiler();

const parse = (text: string): Expr => parseExpression(text, { model: 'test', field: 'equations', line: 1, text });

/** Text of an expression with `_rep<k>` locals (enough to compare shapes). */
function show(e: Expr): string {
  switch (e.kind) {
    case 'num': return String(e.value);
    case 'sym': return e.name;
    case 'unary': return `(-${show(e.arg)})`;
    case 'binary': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'call': return `${e.name}(${e.args.map(show).join(', ')})`;
    case 'cond': return `ite(${show(e.test)}, ${show(e.then)}, ${show(e.else)})`;
    default: return e.kind;
  }
}

describe('shareRepeats', () => {
  it('shares a subexpression of two or more operations written twice, inner ones first', () => {
    const r = shareRepeats(parse('(a * b + c) * (a * b + c) - exp(a * b + c)'), '_rep')!;
    expect(r.locals.map((l) => `${l.name} = ${show(l.value)}`)).toEqual(['_rep0 = ((a * b) + c)']);
    expect(show(r.value)).toBe('((_rep0 * _rep0) - exp(_rep0))');
  });

  it('shares nested repeats once each, every local after the ones it reads (a cumulative sum)', () => {
    const r = shareRepeats(parse('ite(u >= e + e * l, 1, 0) + ite(u >= e + e * l + e * l * l, 1, 0) + ite(u >= e + e * l + e * l * l + e * l * l * l, 1, 0)'), '_rep')!;
    expect(r.locals.map((l) => `${l.name} = ${show(l.value)}`)).toEqual([
      '_rep0 = (e + (e * l))',
      '_rep1 = ((e * l) * l)',
      '_rep2 = (_rep0 + _rep1)',
    ]);
    expect(show(r.value)).toBe('((ite((u >= _rep0), 1, 0) + ite((u >= _rep2), 1, 0)) + ite((u >= (_rep2 + (_rep1 * l))), 1, 0))');
  });

  it('leaves alone a single operation written twice, draws, calls, divisions and -0 against 0', () => {
    expect(shareRepeats(parse('a * b + a * b'), '_rep')).toBeUndefined();
    expect(shareRepeats(parse('exp(a) * 2 + exp(a) * 2'), '_rep')).toBeUndefined();
    expect(shareRepeats(parse('a / b * c + a / b * c'), '_rep')).toBeUndefined();
    expect(shareRepeats(parse('(x + -0.0 * y) * (x + 0.0 * y)'), '_rep')).toBeUndefined();
  });
});

/** A neuron whose equations repeat arithmetic, under refractoriness and a condition, with noise. */
function repeating(backend: BackendName) {
  const net = new Network({ seed: 4, backend, dt: 0.1 });
  const p = net.create(203, new Neuron({
    parameters: 'a = 0.3\n b = 1.7 : population',
    equations: `
      n = Normal(0.0, 1.0)
      x = (v * a + b) * (v * a + b) * 0.01 - ite(v * a + b > 0.5, v * a + b, -(v * a + b)) * 0.02
      tau * dv/dt = -v + x + n + 2.0 : init = -0.5
      tau = 10.0 : population
    `,
    spike: 'v > 1.0', reset: 'v = -0.5', refractory: 2.0,
  }), { name: 'p' });
  p.a = new Normal(0.3, 0.1);
  return { net };
}

/** A rate network whose synapse repeats arithmetic of pre- and post-synaptic reads (min/max bounds too). */
function plastic(backend: BackendName) {
  const net = new Network({ seed: 8, backend });
  const pre = net.create(17, new Neuron({ parameters: 'phase = 0.0', equations: 'r = 0.5 + 0.4 * sin(0.01 * t + phase)' }), { name: 'pre' });
  pre.phase = new Uniform(0, 6);
  const post = net.create(9, new Neuron({ equations: 'r = tanh(sum(x))' }), { name: 'post' });
  net.connect(pre, post, 'x', new Synapse({
    equations: 'w = w + 0.01 * (pre.r * post.r - 0.25 * w) * (pre.r * post.r - 0.25 * w) - 0.001 * (pre.r * post.r - 0.25 * w) : min = -1.0, max = 1.0',
  }), { name: 'rep' }).connectAllToAll({ weights: new Uniform(-0.5, 0.5) });
  return { net };
}

describe('repeated arithmetic on every CPU backend', () => {
  it('a synapse\'s repeats (pre.r, post.r, bounds): js, wasm and the js bits', async () => {
    const { other, js } = await conform('wasm', { backend: 'wasm' }, (b) => plastic(b), 40, 2);
    expect(js.net.source).toContain('_rep0');
    expect(other.net.source).toContain('_rep0');
  });

  it('js and wasm read the repeats from locals and give the js bits', async () => {
    const { other, js } = await conform('wasm', { backend: 'wasm' }, (b) => repeating(b), 30, 3);
    expect(js.net.source).toContain('_rep0');
    expect(other.net.source).toContain('_rep0');
  });

  it.runIf(compiler !== undefined)('cpp (its compiler shares them) gives the same bits', async () => {
    const { other } = await conform('cpp', { backend: 'cpp' }, (b) => repeating(b), 30, 3);
    expect(other.net.source).not.toContain('_rep0');
  });
});
