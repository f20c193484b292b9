// proj.flat(name): the public flat view of a synaptic attribute (issue 15: bench and tests read
// weights through it rather than the internal storage). Checked against a closed form: a Hebbian
// rule dw/dt = eta * pre.r * post.r with constant rates gives, after n explicit Euler steps,
// w = w0 + n * dt * eta * pre.r * post.r, which differs for every (pre, post) pair, so a wrong
// order (not dendrite by dendrite, pre ranks within) or a missing synapse fails.
import { it, expect } from 'vitest';
import { Network, Neuron, Synapse, NetworkError } from '../../src/index.js';
import { describeBackends, compileOptions, closeDigits } from '../helpers/backends.js';

const Const = new Neuron({ parameters: 'c = 0.0', equations: 'r = c' });
const Hebb = new Synapse({
  parameters: 'eta = 0.01\n g = 1.0 : postsynaptic\n k = 3.0 : projection',
  equations: 'dw/dt = eta * pre.r * post.r',
});

describeBackends('proj.flat()', (backend) => {
  it('is every synapse of proj.get(name), dendrite by dendrite, and follows learning', async () => {
    const net = new Network({ dt: 0.5, seed: 3 });
    const pre = net.create(5, Const);
    const post = net.create(4, Const);
    pre.c = [1, 2, 3, 4, 5];
    post.c = [0.5, 1, 1.5, 2];
    const proj = net.connect(pre, post, 'exc', Hebb).connectFixedProbability({ probability: 0.6, weights: 0.25 });
    proj.g = [10, 20, 30, 40].slice(0, proj.size);
    await net.compile(compileOptions(backend));
    await net.simulate(10); // 20 steps; r is set at the first step, so 20 updates see the rates

    const w = proj.flat();
    expect(w).toBeInstanceOf(Float64Array);
    expect(w.length).toBe(proj.nbSynapses);
    expect(Array.from(w)).toEqual((proj.get('w') as Float64Array[]).flatMap((row) => Array.from(row)));
    let k = 0;
    proj.postRanks.forEach((post_, i) => {
      for (const pre_ of proj.preRanks[i]) {
        const expected = 0.25 + 20 * 0.5 * 0.01 * (pre_ + 1) * (0.5 * (post_ + 1));
        expect(w[k++]).toBeCloseTo(expected, closeDigits(12));
      }
    });
    expect(Array.from(proj.flat('g'))).toEqual([10, 20, 30, 40].slice(0, proj.size));
    expect(Array.from(proj.flat('k'))).toEqual([3]);
    // A copy: writing to it changes nothing in the network.
    w.fill(0);
    expect(proj.flat()[0]).not.toBe(0);
  });
});

it('repeats the shared weight of a single-weight projection once per synapse', () => {
  const net = new Network();
  const pop = net.create(3, Const);
  const proj = net.connect(pop, pop, 'exc').connectAllToAll(0.5);
  expect(proj.singleWeight).toBe(true);
  expect(Array.from(proj.flat())).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]); // 3 × 2 (no self-connections)
});

it('refuses an unknown attribute, naming the projection and the attributes it has', () => {
  const net = new Network();
  const pop = net.create(2, Const);
  const proj = net.connect(pop, pop, 'exc', Hebb, { name: 'hebb' }).connectAllToAll(0.5);
  expect(() => proj.flat('v')).toThrow(NetworkError);
  expect(() => proj.flat('v')).toThrow(/projection 'hebb' has no attribute 'v' \(it has: .*eta.*w/);
});
