// Dossier §3.4 A8: uniform and per-synapse delays on rate-coded projections, changed after compile.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron, Synapse, DiscreteUniform } from '../../src/index.js';

// r after steps 0, 1, 2, …: -1, 0, 2, 5, 9, 14, 20, …
const inputNeuron = new Neuron({ equations: 'glob_r = glob_r + t : init = -1, population\n r = r + t : init = -1' });
const output = new Neuron({ equations: 'r = sum(ff)' });

async function uniform(psp?: string) {
  const net = new Network({ seed: 5 });
  const inp = net.create(3, inputNeuron);
  const out = net.create(3, output);
  const proj = net.connect(inp, out, 'ff', psp ? new Synapse({ psp }) : undefined)
    .connectFixedNumberPre({ number: 1, weights: 1.0, delays: 10.0 });
  await net.compile(compileFor());
  return { net, out, proj };
}

describeBackends('rate-coded delays (A8)', () => {
  for (const psp of [undefined, 'pre.glob_r * w']) {
    it(`uniform delay of 10 ms (${psp ?? 'local pre.r'})`, async () => {
      const { net, out } = await uniform(psp);
      await net.simulate(10);
      expect(Array.from(out.sum('ff'))).toEqual([-1, -1, -1]);
      await net.simulate(1);
      expect(Array.from(out.sum('ff'))).toEqual([-1, -1, -1]);
      await net.simulate(4);
      expect(Array.from(out.sum('ff'))).toEqual([9, 9, 9]);
    });

    it(`delay changed to 5 ms after compile (${psp ?? 'local pre.r'})`, async () => {
      const { net, out, proj } = await uniform(psp);
      proj.delay = 5.0;
      expect(proj.delay).toBe(5);
      await net.simulate(5);
      expect(Array.from(out.sum('ff'))).toEqual([-1, -1, -1]);
      await net.simulate(1);
      expect(Array.from(out.sum('ff'))).toEqual([-1, -1, -1]);
      await net.simulate(4);
      expect(Array.from(out.sum('ff'))).toEqual([9, 9, 9]);
    });
  }

  it('per-synapse delays, set after compile', async () => {
    const net = new Network({ seed: 5 });
    const inp = net.create(3, inputNeuron);
    const out = net.create(3, output);
    const proj = net.connect(inp, out, 'ff').connectFixedNumberPre({ number: 1, weights: 1.0, delays: new DiscreteUniform(1, 5) });
    await net.compile(compileFor());
    proj.delay = [[3], [5], [2]];
    await net.simulate(5);
    expect(Array.from(out.sum('ff'))).toEqual([0, -1, 2]);
    net.reset();
    proj.delay = [[3], [3], [3]];
    await net.simulate(10);
    expect(Array.from(out.sum('ff'))).toEqual([20, 20, 20]);
  });

  it('a delay larger than at compile grows the rings and keeps history', async () => {
    const { net, out, proj } = await uniform();
    await net.simulate(5); // the 10-slot rings hold r of steps 0..4 and the initial -1
    proj.delay = 12.0;
    await net.simulate(8); // step 12 reads the end of step 0: -1
    expect(out.sum('ff')[0]).toBe(-1);
    await net.step(); // step 13 reads the end of step 1: 0
    expect(out.sum('ff')[0]).toBe(0);
    await net.step(); // step 14 reads the end of step 2: 2
    expect(out.sum('ff')[0]).toBe(2);
  });

  it('a negative delay is an error', () => {
    const net = new Network();
    const inp = net.create(3, inputNeuron);
    const out = net.create(3, output);
    expect(() => net.connect(inp, out, 'ff').connectAllToAll({ weights: 1, delays: -1 })).toThrow(/negative|delay/i);
  });
});
