// Shared-weight projections between spiking populations (issue 17): each spike of the previous step
// adds its filter weight to the conductance of the neurons whose window holds it; max pooling of
// spikes; hand-computed on every backend; delays refused.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, tolerance } from '../../helpers/backends.js';
import { Network, Neuron, SpikeSourceArray, type BackendName } from '../../../src/index.js';
import { Convolution, Pooling } from '../../../src/extensions/convolution/index.js';

/** Sums its conductance over the run (g_exc is cleared after every step). */
const Counter = () => new Neuron({ name: 'counter', equations: 'v = v + g_exc\n g_exc = 0', spike: 'v > 1e12', reset: 'v = 0' });

function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `element ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance(1e-12, Math.max(1, Math.abs(expected[i])))));
}

describeBackends('Convolution and Pooling of spikes', (_backend: BackendName) => {
  it('filter [1, 10, 100]: a spike of neuron 2 adds 100, 10, 1 to posts 1, 2, 3; two spikes of neuron 0 add 10 and 1 twice', async () => {
    const net = new Network({ dt: 1 });
    const src = net.create(new SpikeSourceArray([[1, 3], [], [2], [], []]));
    const out = net.create(5, Counter());
    const pooled = net.create(1, Counter());
    net.connect(new Convolution(src, out, 'exc')).connectFilter([1, 10, 100]);
    const p = net.connect(new Pooling(src, pooled, 'exc', { operation: 'max' })).pooling({ extent: [5] });
    await net.compile(compileFor());
    await net.simulate(10);
    // post i, element m reads pre i + m − 1: pre 0 → post 0 (w[1] = 10), post 1 (w[0] = 1); pre 2 → posts 1, 2, 3 (100, 10, 1)
    expectClose(Array.from(out.v as ArrayLike<number>), [2 * 10, 2 * 1 + 100, 10, 1, 0]);
    // max pooling over the 5 inputs: 1 in each of the 3 steps after a spike
    expect(p.extent).toEqual([5]);
    expectClose(Array.from(pooled.v as ArrayLike<number>), [3]);
  });
});

it('spiking shared-weight projections refuse delays', () => {
  const net = new Network({ dt: 1 });
  const src = net.create(new SpikeSourceArray([[1], [2]]));
  const out = net.create(2, Counter());
  expect(() => new Convolution(src, out, 'exc', { name: 'late' }).connectFilter([1], { delays: 2 })).toThrow(/'late'.connectFilter\(\): spiking shared-weight projections have no delays/);
});
