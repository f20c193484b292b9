// Dendrites, synapse access, learning switches (dossier §1.7.5–1.7.6, A16).
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron, Synapse } from '../../src/index.js';

const fixed = new Neuron({ parameters: 'r = 1.0' });
const sumNeuron = new Neuron({ equations: 'r = sum(exc)' });
const hebb = new Synapse({ parameters: 'eta = 0.1 : projection', equations: 'dw/dt = eta * pre.r * post.r\n trace = t' });

describeBackends('projection attributes and dendrites (A16)', () => {
  it('dendrite pre-ranks, per-dendrite and per-synapse writes', async () => {
    const net = new Network();
    const pop1 = net.create(5, fixed);
    const pop2 = net.create(8, sumNeuron);
    const proj = net.connect(pop1, pop2, 'exc').connectAllToAll({ weights: 1.0, forceMultipleWeights: true });
    await net.compile(compileFor());
    expect(proj.dendrite(5).preRanks).toEqual([0, 1, 2, 3, 4]);
    proj.dendrite(6).w = 2.0;
    proj.dendrite(6).synapse(2).set({ w: 3.0 });
    expect(Array.from(proj.dendrite(6).w as Float64Array)).toEqual([2, 2, 3, 2, 2]);
    expect(proj.synapse(2, 6).get('w')).toBe(3);
    expect(() => proj.dendrite(14)).toThrow(/no synapse onto post-synaptic neuron 14/);
    expect(proj.size).toBe(8);
    expect(proj.nbSynapses).toBe(40);
    expect(proj.nbSynapsesPerDendrite).toEqual(new Array(8).fill(5));
    await net.step();
    expect(pop2.sum('exc')[6]).toBe(2 + 2 + 3 + 2 + 2);
  });

  it('a number weight without plasticity is one shared value; per-synapse writes need forceMultipleWeights', async () => {
    const net = new Network();
    const pop = net.create(4, fixed);
    const proj = net.connect(pop, pop, 'exc').connectAllToAll(0.5);
    await net.compile(compileFor());
    expect(proj.singleWeight).toBe(true);
    expect(proj.w).toBe(0.5);
    expect(() => { proj.w = [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]; }).toThrow(/forceMultipleWeights/);
    proj.w = 0.25;
    expect(proj.w).toBe(0.25);
  });

  it('connectivityMatrix is post × pre with the fill value where there is no synapse', async () => {
    const net = new Network();
    const pre = net.create(3, fixed);
    const post = net.create(2, sumNeuron);
    const proj = net.connect(pre, post, 'exc').connectFromMatrix([[1, null, 2], [null, 3, null]]);
    await net.compile(compileFor());
    expect(proj.connectivityMatrix(-1).map((r) => Array.from(r))).toEqual([[1, -1, 2], [-1, 3, -1]]);
  });
});

describeBackends('transmission, update and plasticity switches (§1.7.6)', () => {
  async function build() {
    const net = new Network();
    const pre = net.create(2, fixed);
    const post = net.create(1, sumNeuron);
    const proj = net.connect(pre, post, 'exc', hebb).connectAllToAll(1.0);
    await net.compile(compileFor());
    await net.step();
    return { net, post, proj };
  }

  it('transmission off: nothing arrives and the synapses freeze', async () => {
    const { net, post, proj } = await build();
    proj.transmission = false;
    const w = Array.from((proj.w as Float64Array[])[0]);
    await net.simulate(3);
    expect(post.sum('exc')[0]).toBe(0);
    expect(Array.from((proj.w as Float64Array[])[0])).toEqual(w);
  });

  it('update off (disableLearning on rate-coded): equations frozen, transmission goes on', async () => {
    const { net, post, proj } = await build();
    proj.disableLearning();
    const trace = (proj.trace as Float64Array[])[0][0];
    const w = Array.from((proj.w as Float64Array[])[0]);
    await net.simulate(3);
    expect((proj.trace as Float64Array[])[0][0]).toBe(trace);
    expect(Array.from((proj.w as Float64Array[])[0])).toEqual(w);
    expect(post.sum('exc')[0]).toBe(w[0] + w[1]);
    proj.enableLearning();
    await net.step();
    expect((proj.trace as Float64Array[])[0][0]).toBe(4);
  });

  it('plasticity off: other synaptic variables update, w does not', async () => {
    const { net, proj } = await build();
    proj.plasticity = false;
    const w = Array.from((proj.w as Float64Array[])[0]);
    await net.simulate(3);
    expect(Array.from((proj.w as Float64Array[])[0])).toEqual(w);
    expect((proj.trace as Float64Array[])[0][0]).toBe(3);
  });

  it('enableLearning({ period }): equations run every period with dt × period', async () => {
    const net = new Network();
    const pre = net.create(1, fixed);
    const post = net.create(1, new Neuron({ parameters: 'r = 1.0' }));
    const proj = net.connect(pre, post, 'exc', new Synapse({ equations: 'dx/dt = 1.0' })).connectAllToAll(1.0);
    proj.enableLearning({ period: 5 });
    await net.compile(compileFor());
    await net.simulate(12); // runs at steps 0, 5, 10 with dt = 5
    expect((proj.x as Float64Array[])[0][0]).toBe(15);
  });
});

describeBackends('population views and coordinates (A17)', () => {
  it('row-major coordinates and views', () => {
    const net = new Network();
    const p3 = net.create([3, 3], fixed);
    expect(p3.coordinatesFromRank(2)).toEqual([0, 2]);
    expect(p3.coordinatesFromRank(6)).toEqual([2, 0]);
    expect(p3.rankFromCoordinates([2, 0])).toBe(6);
    const p8 = net.create([8, 8], fixed);
    expect(Array.from(p8.view(':', 4).ranks)).toEqual([4, 12, 20, 28, 36, 44, 52, 60]);
    expect(Array.from(p8.view(2, ':').ranks)).toEqual([16, 17, 18, 19, 20, 21, 22, 23]);
    expect(p8.neuronAt(2, 4).ranks[0]).toBe(20);
    expect(Array.from(p8.view([1, 4, 17]).ranks)).toEqual([1, 4, 17]);
    expect(Array.from(p8.slice(-3).ranks)).toEqual([61, 62, 63]);
  });

  it('writes through views touch only their neurons; global attributes cannot be set on a view', () => {
    const net = new Network();
    const pop = net.create(6, new Neuron({ parameters: 'g = 1.0 : population', equations: 'r = 0' }));
    pop.slice(2, 4).r = [7, 8];
    expect(Array.from(pop.r)).toEqual([0, 0, 7, 8, 0, 0]);
    expect(() => { pop.slice(0, 2).g = 3; }).toThrow(/global/);
  });

  it('reset restores the initial values and time', async () => {
    const net = new Network();
    const pop = net.create(2, new Neuron({ equations: 'r = r + 1 : init = 5' }));
    await net.compile(compileFor());
    await net.simulate(3);
    expect(Array.from(pop.r)).toEqual([8, 8]);
    net.reset();
    expect(net.getTime()).toBe(0);
    expect(Array.from(pop.r)).toEqual([5, 5]);
  });
});
