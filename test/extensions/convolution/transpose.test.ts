// Transpose (issue 17): the reverse of a rate-coded projection with the original's weight array,
// hand-computed on every backend, following weights written after compile; refusals.
import { describe, it, expect } from 'vitest';
import { describeBackends, compileFor, tolerance } from '../../helpers/backends.js';
import { Network, Neuron, Projection, Synapse, type BackendName } from '../../../src/index.js';
import { Transpose, Convolution } from '../../../src/extensions/convolution/index.js';

const Input = () => new Neuron({ parameters: 'baseline = 0', equations: 'r = baseline' });
const Lower = () => new Neuron({ parameters: 'baseline = 0', equations: 'r = baseline\n back = sum(fb)' });
const flat = (x: unknown): number[] => Array.from(x as ArrayLike<number>);

function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `element ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance(1e-12, Math.max(1, Math.abs(expected[i])))));
}

describeBackends('Transpose: the reverse direction with the same weights', (_backend: BackendName) => {
  it('W = [[1, 2, –], [4, 5, 6]] (a → b) transposed: a.back = Wᵀ · b.r; weights written after compile reach both', async () => {
    const net = new Network({ dt: 1 });
    const a = net.create(3, Lower());
    const b = net.create(2, Input());
    // rows = post (b), columns = pre (a); null: no synapse
    const fwd = net.connect(new Projection(a, b, 'exc')).connectFromMatrix([[1, 2, null], [4, 5, 6]]);
    const t = net.connect(new Transpose(fwd, 'fb')).transpose();
    expect(t.pre.population).toBe(b);
    expect(t.post.population).toBe(a);
    expect(t.sharedWeights()).toBe(fwd.state.get('w')); // one weight array
    await net.compile(compileFor());
    b.baseline = [10, 100];
    await net.simulate(2);
    expectClose(flat(a.back), [1 * 10 + 4 * 100, 2 * 10 + 5 * 100, 6 * 100]);
    fwd.w = 0.5;
    await net.simulate(1);
    expectClose(flat(a.back), [55, 55, 50]);
  });
});

describe('Transpose: refusals', () => {
  it('plastic, delayed, shared-weight or unconnected originals', () => {
    const net = new Network({ dt: 1 });
    const a = net.create(3, Input()), b = net.create(3, new Neuron({ equations: 'r = sum(exc) + sum(fb)' }));
    const hebb = new Synapse({ parameters: 'eta = 0.01', equations: 'dw/dt = eta * pre.r * post.r' });
    const plastic = net.connect(new Projection(a, b, 'exc', hebb, { name: 'plastic' })).connectAllToAll({ weights: 1 });
    expect(() => new Transpose(plastic, 'fb').transpose()).toThrow(/'plastic' is plastic .* not supported/);
    const delayed = net.connect(new Projection(a, b, 'exc', undefined, { name: 'delayed' })).connectAllToAll({ weights: 1, delays: 3 });
    expect(() => new Transpose(delayed, 'fb').transpose()).toThrow(/'delayed' has delays; ANNarchy transposes projections without delays only/);
    const conv = net.connect(new Convolution(a, b, 'exc', { name: 'conv' })).connectFilter([1, 1, 1]);
    expect(() => new Transpose(conv, 'fb').transpose()).toThrow(/'conv' shares its weights .* only an ordinary projection can be transposed/);
    const later = net.connect(new Projection(a, b, 'exc', undefined, { name: 'later' }));
    expect(() => new Transpose(later, 'fb').transpose()).toThrow(/'later' is not connected yet/);
    expect(() => new Transpose('x' as never, 'fb')).toThrow(/the first argument must be the projection to transpose/);
  });
});
