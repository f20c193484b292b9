// Convolution and Pooling (issue 17): ANNarchy's test_Convolution and test_Pooling reproduced with
// their exact networks and expected arrays (reference annarchy.md §3, A14), on every backend.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, tolerance } from '../../helpers/backends.js';
import { Network, Neuron, type BackendName } from '../../../src/index.js';
import { Convolution, Pooling } from '../../../src/extensions/convolution/index.js';

const convFilter = [[-1.0, 0.0, 1.0], [-1.0, 0.1, 1.0], [-1.0, 0.5, 1.0]];
// numpy.moveaxis(bo_filters, 1, -1): bank[f][i][j][c] = raw[f][c][i][j]
const raw = [
  [[[1, 0, 0], [0, 1, 1], [0, 0, 1]], [[0, 1, 0], [0, 1, 1], [0, 1, 0]]],
  [[[1, 0, 0], [0, -1, -1], [0, 0, 1]], [[0, 0, 1], [0, 1, 1], [1, 0, 0]]],
];
const bank = raw.map((f) => [0, 1, 2].map((i) => [0, 1, 2].map((j) => [0, 1].map((c) => f[c][i][j]))));

/** numpy.reshape(arange(0, 1.2, 0.1), (3, 4)) — arange's values are start + i * step. */
const baseline = [0, 1, 2].map((i) => [0, 1, 2, 3].map((j) => (4 * i + j) * 0.1));

function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  // numpy.testing.assert_allclose: rtol 1e-7 (the backends' float32 tolerance on webgpu)
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(tolerance(1e-7 * Math.abs(expected[i]) + 1e-12, Math.max(1, Math.abs(expected[i])))));
}

const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flat(4) as number[] : Array.from(x as ArrayLike<number>));

async function convolutionNetwork() {
  const net = new Network({ dt: 1 });
  const neuron = new Neuron({ parameters: 'baseline = 0', equations: 'r = baseline' });
  const neuron2 = new Neuron({
    equations: `r = sum(exc) : init = 0.0
      rd = sum(exc_delay) : init = 0.0
      mr = sum(mex) : init = 0.0
      pr = sum(pex) : init = 0.0
      br = sum(bex) : init = 0.0`,
  });
  const pop0 = net.create([3, 4], neuron);
  const pop1 = net.create([3, 4], neuron2);
  const pop2 = net.create([3, 4, 2], neuron);
  const pop3 = net.create([3, 4, 2], neuron2);
  const proj0 = net.connect(new Convolution(pop0, pop1, 'exc')).connectFilter(convFilter);
  net.connect(new Convolution(pop0, pop1, 'mex', { operation: 'max' })).connectFilter(convFilter);
  net.connect(new Convolution(pop0, pop1, 'pex', { psp: 'w * pre.r * pre.r' })).connectFilter(convFilter);
  net.connect(new Convolution(pop2, pop1, 'bex')).connectFilter(bank[0]);
  net.connect(new Convolution(pop2, pop3, 'pex')).connectFilter(convFilter, { keepLastDimension: true });
  const ss = [0, 1, 2].flatMap((i) => [0, 1, 2, 3].map((j) => [i, j, 0]));
  net.connect(new Convolution(pop2, pop3, 'exc')).connectFilters(bank, { padding: 0.0, subsampling: ss });
  net.connect(new Convolution(pop0, pop1, 'exc_delay')).connectFilter(convFilter, { delays: 3.0 });
  await net.compile(compileFor());
  pop0.baseline = baseline;
  pop2.baseline = baseline.map((row) => row.map((b) => [b, b + 2]));
  await net.simulate(2);
  return { net, pop1, pop3, proj0 };
}

/** numpy.rollaxis(x, 2) of a (3, 4, 2) array, flattened: channel-major. */
const channels = (x: number[]) => [0, 1].flatMap((c) => Array.from({ length: 12 }, (_, n) => x[n * 2 + c]));

describeBackends('Convolution: ANNarchy test_Convolution', (_backend: BackendName) => {
  it('reproduces sum, max, non-linear psp, bank, layer-wise and filter-bank values and the delay', async () => {
    const { net, pop1, pop3, proj0 } = await convolutionNetwork();
    expect(Array.from(proj0.weights)).toEqual(convFilter.flat());
    expect(proj0.size).toBe(12);
    expect(proj0.postRanks).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expectClose(flat(pop1.get('r')), [0.8, 0.66, 0.72, -0.42, 1.94, 1.1, 1.16, -1.18, 1.48, 0.49, 0.5, -1.49]);
    expectClose(flat(pop1.get('mr')), [0.5, 0.6, 0.7, 0.35, 0.9, 1.0, 1.1, 0.55, 0.9, 1.0, 1.1, 0.11]);
    expectClose(flat(pop1.get('pr')), [0.34, 0.366, 0.504, -0.146, 1.406, 1.03, 1.256, -0.746, 1.124, 0.641, 0.74, -1.239]);
    expectClose(flat(pop1.get('br')), [7.1, 7.7, 8.3, 5.3, 11.5, 12.2, 13.0, 9.0, 9.8, 10.7, 11.3, 7.5]);
    expectClose(channels(flat(pop3.get('pr'))), [
      0.8, 0.66, 0.72, -0.42, 1.94, 1.1, 1.16, -1.18, 1.48, 0.49, 0.5, -1.49,
      6.0, 1.86, 1.92, -3.22, 9.14, 2.3, 2.36, -5.98, 5.68, 0.69, 0.7, -5.29]);
    expectClose(channels(flat(pop3.get('r'))), [
      7.1, 7.7, 8.3, 5.3, 11.5, 12.2, 13.0, 9.0, 9.8, 10.7, 11.3, 7.5,
      4.5, 7.0, 7.2, 4.6, 7.0, 10.0, 10.4, 5.2, 6.5, 7.0, 7.2, 2.6]);
    // delays = 3 ms: still nothing after 2 steps, the same sums after 4
    expect(flat(pop1.get('rd'))).toEqual(new Array(12).fill(0));
    await net.simulate(2);
    expectClose(flat(pop1.get('rd')), [0.8, 0.66, 0.72, -0.42, 1.94, 1.1, 1.16, -1.18, 1.48, 0.49, 0.5, -1.49]);
  });
});

describeBackends('Pooling: ANNarchy test_Pooling', (_backend: BackendName) => {
  for (const delays of [0, 3]) {
    it(`mean pooling over the last dimension and over the first two${delays ? ', delays 3 ms' : ''}`, async () => {
      const net = new Network({ dt: 1 });
      const neuron = new Neuron({ parameters: 'baseline = 0', equations: 'r = baseline' });
      const neuron2 = new Neuron({ equations: 'r = sum(exc) : init = 0.0' });
      const pop1 = net.create([2, 3, 10], neuron);
      const pop2 = net.create([2, 3], neuron2);
      const pop3 = net.create([1, 1, 10], neuron2);
      net.connect(new Pooling(pop1, pop2, 'exc', { operation: 'mean' })).pooling({ extent: [1, 1, 10], delays });
      net.connect(new Pooling(pop1, pop3, 'exc', { operation: 'mean' })).pooling({ extent: [2, 3, 1], delays });
      await net.compile(compileFor());
      // moveaxis(reshape(arange(0, 6, 0.1), (10, 2, 3)), 0, -1): value at (i, j, k) = (6k + 3i + j) · 0.1
      pop1.baseline = [0, 1].map((i) => [0, 1, 2].map((j) => Array.from({ length: 10 }, (_, k) => (6 * k + 3 * i + j) * 0.1)));
      await net.simulate(2);
      if (delays) {
        expect(flat(pop2.get('r'))).toEqual(new Array(6).fill(0));
        expect(flat(pop3.get('r'))).toEqual(new Array(10).fill(0));
        await net.simulate(2);
      }
      expectClose(flat(pop2.get('r')), [2.7, 2.8, 2.9, 3.0, 3.1, 3.2]);
      expectClose(flat(pop3.get('r')), Array.from({ length: 10 }, (_, i) => 0.25 + 0.6 * i));
    });
  }
});
