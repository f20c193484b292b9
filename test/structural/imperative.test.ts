// Structural plasticity by hand: dendrite(post).createSynapse / pruneSynapse and the projection's
// forms, between simulate() calls and inside every() callbacks, on every backend.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, closeDigits, isFloat32 } from '../helpers/backends.js';
import { Network, Neuron, Synapse } from '../../src/index.js';

const Input = new Neuron({ parameters: 'baseline = 0.0', equations: 'r = baseline' });
const Output = new Neuron({ equations: 'r = sum(exc)' });
/** `age` counts the steps since the synapse exists (init 10); `eta` is a per-dendrite parameter. */
const Counting = new Synapse({ parameters: 'eta = 0.5 : postsynaptic', equations: 'age = age + 1 : init = 10' });

function build(structuralPlasticity = true) {
  const net = new Network({ structuralPlasticity, seed: 1 });
  const pre = net.create(4, Input);
  const post = net.create(2, Output);
  pre.baseline = [1, 2, 3, 4];
  // post 0 ← pre 1, 3 (w 0.1, 0.3); post 1 ← pre 0 (w 1.0)
  const proj = net.connect(pre, post, 'exc', Counting).connectFromMatrix([[null, 0.1, null, 0.3], [1.0, null, null, null]]);
  return { net, pre, post, proj };
}

describeBackends('structural plasticity: creating and pruning by hand', () => {
  it('a created synapse is inserted in pre-rank order, takes the model initial values, and transmits from the next step', async () => {
    const { net, post, proj } = build();
    await net.compile(compileFor());
    await net.simulate(2);
    // r(post 0) = 0.1·2 + 0.3·4 = 1.4 ; every synapse has aged 2 steps.
    expect(post.r[0]).toBeCloseTo(1.4, closeDigits(12));
    expect(Array.from(proj.dendrite(0).age as Float64Array)).toEqual([12, 12]);
    proj.dendrite(0).createSynapse(2, 0.5);
    expect(proj.dendrite(0).preRanks).toEqual([1, 2, 3]);
    // (webgpu: the host holds the device's float32 values after a run.)
    expect(Array.from(proj.dendrite(0).w as Float64Array)).toEqual([0.1, 0.5, 0.3].map((x) => (isFloat32() ? Math.fround(x) : x)));
    // The new synapse has the model's initial value, the others keep theirs.
    expect(Array.from(proj.dendrite(0).age as Float64Array)).toEqual([12, 10, 12]);
    expect(proj.dendrite(0).eta).toBe(0.5);
    expect(proj.nbSynapses).toBe(4);
    await net.simulate(1);
    // Transmits at once: 1.4 + 0.5·3 = 2.9; learns (ages) with the others.
    expect(post.r[0]).toBeCloseTo(2.9, closeDigits(12));
    expect(Array.from(proj.dendrite(0).age as Float64Array)).toEqual([13, 11, 13]);
    // Pruning: the next step's sum no longer has it.
    proj.pruneSynapse(0, 1);
    expect(proj.preRanks).toEqual([[2, 3], [0]]);
    expect(Array.from(proj.dendrite(0).age as Float64Array)).toEqual([11, 13]);
    await net.simulate(1);
    expect(post.r[0]).toBeCloseTo(0.5 * 3 + 0.3 * 4, closeDigits(12));
    expect(post.r[1]).toBeCloseTo(1.0, closeDigits(12));
    expect(Array.from(proj.dendrite(0).age as Float64Array)).toEqual([12, 14]);
  });

  it("ANNarchy's test: pruning 2, 4, 8, 6 of dendrite 3 of an all-to-all projection leaves [0, 1, 5, 7, 9]", async () => {
    const net = new Network({ structuralPlasticity: true });
    const pop = net.create(10, Input);
    const proj = net.connect(pop, pop, 'exc').connectAllToAll(1.0);
    await net.compile(compileFor());
    expect(proj.dendrite(3).preRanks).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    proj.dendrite(3).pruneSynapse(2);
    proj.dendrite(3).pruneSynapse(4);
    proj.dendrite(3).pruneSynapses([8, 6]);
    expect(proj.dendrite(3).preRanks).toEqual([0, 1, 5, 7, 9]);
    expect(Array.from(proj.dendrite(3).w as Float64Array)).toEqual([1, 1, 1, 1, 1]);
    proj.dendrite(3).createSynapses([2, 4, 6], [2, 2, 2]);
    expect(proj.dendrite(3).preRanks).toEqual([0, 1, 2, 4, 5, 6, 7, 9]);
    expect(Array.from(proj.dendrite(3).w as Float64Array)).toEqual([1, 1, 2, 2, 1, 2, 1, 1]);
    // The other dendrites are untouched.
    expect(proj.dendrite(2).preRanks).toEqual([0, 1, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('inside every() callbacks: a synapse created before step 3 transmits at step 3', async () => {
    const { net, post, proj } = build();
    const m = net.monitor(post, 'r');
    net.every({ period: 3 }, (n) => { if (n === 1) proj.createSynapse(1, 3, 1.0); });
    await net.compile(compileFor());
    await net.simulate(5);
    const r1 = (m.get('r') as Float64Array[]).map((row) => row[1]);
    // Step 0 reads pre.r before its first update (0); post 1 ← pre 0 (1.0 · 1) until step 2; from step 3 also ← pre 3 (1.0 · 4).
    expect(r1).toEqual([0, 1, 1, 5, 5]);
  });

  it('reset() keeps the synapses and restores the values of the kept and the created ones', async () => {
    const { net, proj } = build();
    await net.compile(compileFor());
    await net.simulate(3);
    proj.dendrite(1).createSynapse(2, 0.7);
    await net.simulate(2);
    net.reset({ synapses: true });
    expect(proj.preRanks).toEqual([[1, 3], [0, 2]]);
    expect(Array.from(proj.dendrite(1).w as Float64Array)).toEqual([1, 0.7]);
    expect(Array.from(proj.dendrite(1).age as Float64Array)).toEqual([10, 10]);
  });
});

describeBackends('structural plasticity: rate-coded delays', () => {
  it('a created synapse with a longer delay reads pre.r that many steps back once the grown ring has filled', async () => {
    const make = async (both: boolean) => {
      const net = new Network({ structuralPlasticity: true });
      const pre = net.create(2, new Neuron({ parameters: 'k = 1.0', equations: 'r = t * k' }));
      pre.k = [1, 2];
      const post = net.create(1, Output);
      const proj = net.connect(pre, post, 'exc').connectFromMatrix([[1.0, both ? 10.0 : null]], { delays: [[2, both ? 5 : 2]] });
      const m = net.monitor(post, 'r');
      await net.compile(compileFor());
      return { net, proj, m };
    };
    const a = await make(false), b = await make(true);
    await a.net.simulate(10);
    a.proj.createSynapse(0, 1, 10.0, 5);
    await a.net.simulate(12);
    await b.net.simulate(22);
    const ra = (a.m.get('r') as Float64Array[]).map((row) => row[0]), rb = (b.m.get('r') as Float64Array[]).map((row) => row[0]);
    // sum at step n = r0(n - 2) + 10 · r1(n - 5), with r0 = t, r1 = 2t (b, connected from the start).
    expect(rb[15]).toBeCloseTo(13 + 10 * 2 * 10, 9);
    // a: pre's ring held 2 steps when the synapse came; the 3 older slots it grew to take the oldest
    // value it had (r1(8) = 16, as after proj.delay = …), then the true values: equal to b from step 13.
    expect(ra.slice(10, 13)).toEqual([8 + 160, 9 + 160, 10 + 160]);
    expect(ra.slice(13)).toEqual(rb.slice(13));
  });
});

describeBackends('structural plasticity: errors', () => {
  it('without structuralPlasticity the methods say how to enable it', async () => {
    const { net, proj } = build(false);
    await net.compile(compileFor());
    expect(() => proj.dendrite(0).createSynapse(2, 0.5)).toThrow(/structural plasticity is off.*structuralPlasticity: true/);
    expect(() => proj.pruneSynapse(0, 1)).toThrow(/structural plasticity is off/);
  });

  it('bad ranks, existing or missing synapses and dendrites are refused, naming the projection', async () => {
    const { net, proj } = build();
    await net.compile(compileFor());
    expect(() => proj.dendrite(0).createSynapse(1, 0.5)).toThrow(/synapse 1 → 0 exists already/);
    expect(() => proj.dendrite(0).createSynapse(7, 0.5)).toThrow(/7 is not the rank of a pre-synaptic neuron of projection 'proj0'/);
    expect(() => proj.dendrite(0).pruneSynapse(0)).toThrow(/there is no synapse 0 → 0 to prune/);
    expect(() => proj.dendrite(0).createSynapse(2, Number.NaN)).toThrow(/finite number/);
    // A uniform-delay projection accepts only its own delay for created synapses.
    expect(() => proj.dendrite(0).createSynapse(2, 0.5, 3)).toThrow(/one delay for all synapses/);
    // Nothing changed.
    expect(proj.preRanks).toEqual([[1, 3], [0]]);
  });
});
