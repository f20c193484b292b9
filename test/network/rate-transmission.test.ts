// Dossier §3.4 A7: weighted sums through populations and views, and the synaptic operations.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron, Synapse } from '../../src/index.js';
import { expectClose } from './helpers.js';

const input = new Neuron({ parameters: 'r = 0' });

describeBackends('rate-coded transmission (A7)', () => {
  it('views as pre, post and both', async () => {
    const net = new Network();
    const pop1 = net.create(8, input);
    const pop2 = net.create(6, new Neuron({ equations: "r = sum(prev) + sum(postv) + sum(bothv)" }));
    pop1.r = [0, 1, 2, 3, 4, 5, 6, 7];
    net.connect(pop1.slice(1, 4), pop2, 'prev').connectAllToAll(0.1);
    net.connect(pop1, pop2.slice(1, 3), 'postv').connectAllToAll(0.1);
    net.connect(pop1.slice(1, 4), pop2.slice(1, 3), 'bothv').connectAllToAll(0.1);
    await net.compile(compileFor());
    await net.simulate(1);
    expectClose(pop2.sum('prev'), [0.6, 0.6, 0.6, 0.6, 0.6, 0.6], 1e-12);
    expectClose(pop2.sum('postv'), [0, 2.8, 2.8, 0, 0, 0], 1e-12);
    expectClose(pop2.sum('bothv'), [0, 0.6, 0.6, 0, 0, 0], 1e-12);
  });

  it('sum(target) equals the matrix-vector product of the connectivity', async () => {
    const net = new Network({ seed: 11 });
    const pre = net.create(20, input);
    const post = net.create(7, new Neuron({ equations: 'r = sum(exc)' }));
    pre.r = Array.from({ length: 20 }, (_, i) => Math.sin(i));
    const proj = net.connect(pre, post, 'exc').connectFixedProbability({ probability: 0.5, weights: 0.25 });
    await net.compile(compileFor());
    await net.step();
    const W = proj.connectivityMatrix();
    const expected = W.map((row) => row.reduce((s, w, j) => s + w * Math.sin(j), 0));
    expectClose(post.sum('exc'), expected, 1e-12);
  });

  for (const [operation, reduce] of [
    ['max', (x: number[]) => Math.max(...x)],
    ['min', (x: number[]) => Math.min(...x)],
    ['mean', (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length],
  ] as const) {
    it(`operation '${operation}'`, async () => {
      const net = new Network();
      const pre = net.create([3, 3], input);
      const post = net.create(4, new Neuron({ equations: 'r = sum(exc)' }));
      const values = [0.3, -1, 2, 0.5, 7, 1, -3, 0, 4];
      pre.r = values;
      net.connect(pre, post, 'exc', new Synapse({ psp: 'pre.r * w', operation })).connectAllToAll(1.0);
      await net.compile(compileFor());
      await net.step();
      expectClose(post.sum('exc'), [0, 1, 2, 3].map(() => reduce(values)), 1e-12);
    });
  }

  it('the first step sees the initial r (transmission lags one step)', async () => {
    const net = new Network();
    const pre = net.create(1, new Neuron({ equations: 'r = 5' }));
    const post = net.create(1, new Neuron({ equations: 'r = sum(exc)' }));
    net.connect(pre, post, 'exc').connectAllToAll(1.0);
    await net.compile(compileFor());
    await net.step();
    expect(post.r[0]).toBe(0);
    await net.step();
    expect(post.r[0]).toBe(5);
  });
});
