// The seeds' network: leaky integrators and Oja's learning rule (seed 000, ANNarchy's manual 2.1).
import { it, expect } from 'vitest';
import { describeBackends, compileFor, tolerance, closeDigits } from '../helpers/backends.js';
import { Network, Neuron, Synapse, Uniform } from '../../src/index.js';

const LeakyIntegratorNeuron = new Neuron({
  parameters: `
    tau = 10.0
    baseline = -0.2
  `,
  equations: `
    tau * dmp/dt  + mp = baseline + sum(exc)
    r = pos(mp)
  `,
});

const Oja = new Synapse({
  parameters: `
    tau = 5000.0
    alpha = 8.0
  `,
  equations: `
    tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w
  `,
});

describeBackends('leaky integrators + Oja (seed network)', () => {
  it('first steps equal a hand-written Euler loop of the same equations', async () => {
    const net = new Network({ seed: 7 });
    const pop1 = net.create(3, LeakyIntegratorNeuron, { name: 'pop1' });
    const pop2 = net.create(2, LeakyIntegratorNeuron, { name: 'pop2' });
    const proj = net.connect(pop1, pop2, 'exc', Oja).connectAllToAll({ weights: new Uniform(0, 1) });
    pop1.baseline = [1.0, 0.5, 2.0];
    await net.compile(compileFor());
    // Reference: explicit Euler with ANNarchy's schedule (sums from the previous r, synapses after neurons).
    const w = (proj.w as Float64Array[]).map((row) => Array.from(row));
    const mp1 = [0, 0, 0], r1 = [0, 0, 0], mp2 = [0, 0], r2 = [0, 0];
    for (let s = 0; s < 3; s++) {
      const sums = w.map((row) => row.reduce((acc, wij, j) => acc + r1[j] * wij, 0));
      [1.0, 0.5, 2.0].forEach((b, j) => { mp1[j] += 1.0 * ((b + 0 - mp1[j]) / 10.0); r1[j] = Math.max(mp1[j], 0); });
      for (let i = 0; i < 2; i++) { mp2[i] += 1.0 * ((-0.2 + sums[i] - mp2[i]) / 10.0); r2[i] = Math.max(mp2[i], 0); }
      for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) w[i][j] += 1.0 * ((r1[j] * r2[i] - 8.0 * r2[i] ** 2 * w[i][j]) / 5000.0);
      await net.step();
      Array.from(pop1.mp as Float64Array).forEach((x, j) => expect(Math.abs(x - mp1[j])).toBeLessThan(tolerance(1e-15, 2)));
      Array.from(pop2.mp as Float64Array).forEach((x, i) => expect(Math.abs(x - mp2[i])).toBeLessThan(tolerance(1e-15, 2)));
      (proj.w as Float64Array[]).forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - w[i][j])).toBeLessThan(tolerance(1e-15, 1))));
    }
    expect(pop1.r[0]).toBeCloseTo(1.0 * (1 - 0.9 ** 3), closeDigits(12, 1));
  });

  it("after learning, each dendrite's weights point along the input with squared norm 1/alpha (Oja's fixed point)", async () => {
    const net = new Network({ seed: 9 });
    const input = net.create(4, new Neuron({ parameters: 'r = 0' }));
    const out = net.create(1, new Neuron({ equations: 'r = sum(exc)' }));
    const proj = net.connect(input, out, 'exc', new Synapse({
      parameters: 'tau = 50.0\n alpha = 8.0',
      equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w',
    })).connectAllToAll({ weights: new Uniform(0.1, 0.5) });
    const x = [0.2, 0.4, 0.8, 0.4];
    input.r = x;
    await net.compile(compileFor());
    await net.simulate(20000);
    const w = Array.from((proj.w as Float64Array[])[0]);
    const norm2 = w.reduce((a, b) => a + b * b, 0);
    expect(norm2).toBeCloseTo(1 / 8, 6);
    const xn = Math.hypot(...x);
    const cos = w.reduce((a, wi, i) => a + wi * x[i], 0) / (Math.sqrt(norm2) * xn);
    expect(cos).toBeCloseTo(1, 9);
  });
});
