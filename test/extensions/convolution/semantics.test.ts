// Convolution, Pooling and Copy (issue 17), hand-computed cases on every backend: constant and
// border padding (the padded rate goes through the psp, unlike ANNarchy's B8), even filter sizes,
// sub-sampling, 1-D and 4-D geometries, max/min/mean, max over negative values, Copy sharing the
// weights, and the same larger network bit-identical on js and cpp.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, compileOptions, tolerance, isFloat32 } from '../../helpers/backends.js';
import { Network, Neuron, type BackendName, type CompileOptions } from '../../../src/index.js';
import { Convolution, Pooling, Copy, type FilterArray, type FilterOptions, type ConvolutionOptions } from '../../../src/extensions/convolution/index.js';

const Input = () => new Neuron({ parameters: 'baseline = 0', equations: 'r = baseline' });
const Output = () => new Neuron({ equations: 'r = sum(exc)' });
const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flat(4) as number[] : Array.from(x as ArrayLike<number>));

/** `sum(exc)` of a post population of geometry `post` after 2 steps, input rates `rates` on geometry `pre`. */
async function convolve(pre: number[], post: number[], rates: number[], filter: FilterArray, options: FilterOptions = {}, conv: ConvolutionOptions = {}, compile: CompileOptions = compileFor()): Promise<number[]> {
  const net = new Network({ dt: 1 });
  const a = net.create(pre, Input());
  const b = net.create(post, Output());
  net.connect(new Convolution(a, b, 'exc', conv)).connectFilter(filter, options);
  await net.compile(compile);
  a.baseline = rates;
  await net.simulate(2);
  return flat(b.get('r'));
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `element ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance(1e-12, Math.max(1, Math.abs(expected[i])))));
}

const R5 = [1, 2, 3, 4, 5];

describeBackends('Convolution: hand-computed windows', (_backend: BackendName) => {
  it('1-D filter [2, 1, 3]: zero, constant (through the psp: 2·10, not ANNarchy\'s +10) and border padding', async () => {
    expectClose(await convolve([5], [5], R5, [2, 1, 3]), [7, 13, 19, 25, 13]);
    expectClose(await convolve([5], [5], R5, [2, 1, 3], { padding: 10 }), [27, 13, 19, 25, 43]);
    expectClose(await convolve([5], [5], R5, [2, 1, 3], { padding: 'border' }), [9, 13, 19, 25, 28]);
  });

  it('even filter [1, 10]: centre at index 0 (ANNarchy: n/2 − 1)', async () => {
    expectClose(await convolve([5], [5], R5, [1, 10]), [21, 32, 43, 54, 5]);
  });

  it('sub-sampling 4×4 → 2×2: window centres at (2i, 2j); 3×3 ones sum the neighbourhood', async () => {
    const r = Array.from({ length: 16 }, (_, k) => k);
    expectClose(await convolve([4, 4], [2, 2], r, [[1]]), [0, 2, 8, 10]);
    // centre (0,0): 0+1+4+5; (0,2): 1+2+3+5+6+7; (2,0): 4+5+8+9+12+13; (2,2): 5+6+7+9+10+11+13+14+15
    const ones = [[1, 1, 1], [1, 1, 1], [1, 1, 1]];
    expectClose(await convolve([4, 4], [2, 2], r, ones), [10, 24, 51, 90]);
    // explicit centres (the last row and column of 2×2 blocks)
    expectClose(await convolve([4, 4], [2, 2], r, [[1]], { subsampling: [[1, 1], [1, 3], [3, 1], [3, 3]] }), [5, 7, 13, 15]);
  });

  it('4-D geometry (2,2,2,2) with a (1,1,1,2) filter: r + 10·r(next in the last dimension)', async () => {
    const r = Array.from({ length: 16 }, (_, k) => k);
    const expected = r.map((x, k) => (k % 2 === 0 ? x + 10 * (x + 1) : x));
    expectClose(await convolve([2, 2, 2, 2], [2, 2, 2, 2], r, [[[[1, 10]]]]), expected);
  });

  it('operations: max over negative rates starts at −∞ (ANNarchy starts at 0), padding takes part; min; mean divides by the window size', async () => {
    const neg = [-1, -2, -3];
    expectClose(await convolve([3], [3], neg, [1, 1, 1], { padding: -100 }, { operation: 'max' }), [-1, -1, -2]);
    expectClose(await convolve([3], [3], neg, [1, 1, 1], {}, { operation: 'max' }), [0, -1, 0]);
    expectClose(await convolve([3], [3], neg, [1, 1, 1], {}, { operation: 'min' }), [-2, -3, -3]);
    expectClose(await convolve([3], [3], neg, [1, 1, 1], {}, { operation: 'mean' }), [-1, -2, -5 / 3]);
    // a non-linear psp sees the padded rate too: (pre.r + 1)² with padding 0 contributes w·1 outside
    expectClose(await convolve([3], [3], [1, 2, 3], [1, 1, 1], {}, { psp: 'w * (pre.r + 1) * (pre.r + 1)' }), [1 + 4 + 9, 4 + 9 + 16, 9 + 16 + 1]);
  });
});

describeBackends('Pooling: hand-computed blocks', (_backend: BackendName) => {
  it('2×2 max, min and mean of a 4×4 map, extent inferred', async () => {
    const r = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3];
    const run = async (operation: 'max' | 'min' | 'mean') => {
      const net = new Network({ dt: 1 });
      const a = net.create([4, 4], Input());
      const b = net.create([2, 2], Output());
      const p = net.connect(new Pooling(a, b, 'exc', { operation })).pooling();
      expect(p.extent).toEqual([2, 2]);
      await net.compile(compileFor());
      a.baseline = r;
      await net.simulate(2);
      return flat(b.get('r'));
    };
    // blocks: {3,1,5,9} {4,1,2,6} {5,3,9,7} {5,8,9,3}
    expectClose(await run('max'), [9, 6, 9, 9]);
    expectClose(await run('min'), [1, 1, 3, 3]);
    expectClose(await run('mean'), [4.5, 3.25, 6, 6.25]);
  });
});

describeBackends('Copy: shares the windows and the one weight array', (_backend: BackendName) => {
  it('a copy between other populations gives the same sums, and follows weights set after compile', async () => {
    const net = new Network({ dt: 1 });
    const a = net.create([5], Input()), b = net.create([5], Output());
    const c = net.create([5], Input()), d = net.create([5], Output());
    const conv = net.connect(new Convolution(a, b, 'exc')).connectFilter([2, 1, 3]);
    const copy = net.connect(new Copy(c, d, 'exc')).copy(conv);
    expect(copy.filterShape).toEqual([3]);
    expect(copy.sharedWeights()).toBe(conv.sharedWeights()); // one array in memory
    await net.compile(compileFor());
    a.baseline = R5;
    c.baseline = [5, 4, 3, 2, 1];
    await net.simulate(2);
    expectClose(flat(b.get('r')), [7, 13, 19, 25, 13]);
    expectClose(flat(d.get('r')), [5 + 3 * 4, 2 * 5 + 4 + 3 * 3, 2 * 4 + 3 + 3 * 2, 2 * 3 + 2 + 3 * 1, 2 * 2 + 1]);
    conv.weights = [0, 1, 0];
    await net.simulate(1);
    expectClose(flat(b.get('r')), R5);
    expectClose(flat(d.get('r')), [5, 4, 3, 2, 1]);
  });
});

describeBackends('Convolution: the same network as on js', (backend: BackendName) => {
  it('a 5×5 filter bank with border padding and a delay on a 20×20×2 map: identical bits on cpp', async () => {
    // deterministic pseudo-random values (a linear congruential sequence)
    let s = 12345;
    const next = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648 - 0.5; };
    const rates = Array.from({ length: 800 }, next);
    const filters = [0, 1, 2].map(() => Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => [next(), next()])));
    const run = async (compile: CompileOptions) => {
      const net = new Network({ dt: 1 });
      const a = net.create([20, 20, 2], Input());
      const b = net.create([10, 10, 3], Output());
      net.connect(new Convolution(a, b, 'exc', { psp: 'w * pre.r * pre.r + 0.5 * w' })).connectFilters(filters, { padding: 'border', delays: 2 });
      await net.compile(compile);
      a.baseline = rates;
      await net.simulate(4);
      return flat(b.get('r'));
    };
    const here = await run(compileFor());
    const js = backend === 'js' ? here : await run(compileOptions('js'));
    expect(here.some((x) => x !== 0)).toBe(true);
    if (isFloat32()) expectClose(here, js);
    else expect(new Float64Array(here)).toEqual(new Float64Array(js));
  });
});
