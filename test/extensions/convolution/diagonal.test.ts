// DiagonalProjection (issue 17, ANNarchy's legacy 2-D form), hand-computed on every backend: pre
// (3, 4) with r = rank, filter [1, 10, 100] (centre 1) along the diagonal d = c − offset + slope · a.
import { describe, it, expect } from 'vitest';
import { describeBackends, compileFor, tolerance } from '../../helpers/backends.js';
import { Network, Neuron, type BackendName } from '../../../src/index.js';
import { DiagonalProjection, type DiagonalOptions } from '../../../src/extensions/convolution/index.js';

async function diagonal(options: DiagonalOptions): Promise<number[]> {
  const net = new Network({ dt: 1 });
  const a = net.create([3, 4], new Neuron({ parameters: 'baseline = 0', equations: 'r = baseline' }));
  const b = net.create([2, 4], new Neuron({ equations: 'r = sum(exc)' }));
  net.connect(new DiagonalProjection(a, b, 'exc')).connect([1, 10, 100], options);
  await net.compile(compileFor());
  a.baseline = Array.from({ length: 12 }, (_, k) => k);
  await net.simulate(2);
  return Array.from(b.r as ArrayLike<number>);
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `element ${i}`).toBeLessThanOrEqual(tolerance(1e-12, Math.max(1, Math.abs(expected[i])))));
}

describeBackends('DiagonalProjection: a filter along a diagonal band', (_backend: BackendName) => {
  it('slope 1: columns [1963, 1095, 397, 32] in every post row; slope −1: column 0 = 100, column 3 = 1895', async () => {
    // c = 0: row 0 (d 0) 10·0 + 100·1; row 1 (d 1) 4 + 50 + 600; row 2 (d 2) 9 + 100 + 1100
    expectClose(await diagonal({}), [1963, 1095, 397, 32, 1963, 1095, 397, 32]);
    const back = await diagonal({ slope: -1 });
    expectClose([back[0], back[3], back[4], back[7]], [100, 1895, 100, 1895]);
    // offset 1 shifts the diagonal one column left: column 1 reads what column 0 read with offset 0
    expectClose((await diagonal({ offset: 1 })).slice(1, 4), [1963, 1095, 397]);
  });
});

describe('DiagonalProjection: refusals', () => {
  it('non-2-D populations, a filter that is not 1-D, non-integer slopes', () => {
    const net = new Network({ dt: 1 });
    const r = new Neuron({ equations: 'r = sum(exc)' });
    const a = net.create([3, 4], r), b = net.create([2, 4], r), c = net.create(8, r);
    expect(() => new DiagonalProjection(a, c, 'exc', { name: 'd1' }).connect([1])).toThrow(/'d1'.connect\(\): both populations must have 2 dimensions/);
    expect(() => new DiagonalProjection(a, b, 'exc', { name: 'd2' }).connect([[1]])).toThrow(/'d2'.*must be 1-D/);
    expect(() => new DiagonalProjection(a, b, 'exc', { name: 'd3' }).connect([1], { slope: 0.5 })).toThrow(/'d3'.*offset and slope must be integers/);
  });
});
