// Random draws whose arguments are model parameters (found while moving the draws into
// src/backends/kernels/random.ts): a projection-level parameter in a synapse's draw, and population
// parameters whose names the js backend must rename (`k`, and `R`, the name of its random library).
// Before the fix the js backend failed with "sigma is not defined" / "a_k is not defined".
import { describe, it, expect } from 'vitest';
import { Network, Neuron, Synapse, type BackendName } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';

const backends: BackendName[] = (await findCompiler()) ? ['js', 'cpp'] : ['js'];

const Source = new Neuron({ parameters: 'r0 = 1.0', equations: 'r = r0' });
const Sum = new Neuron({ equations: 'r = sum(exc)' });
const NoisyPsp = new Synapse({ parameters: 'sigma = 0.0 : projection', equations: 'x = Normal(0, sigma)', psp: 'w * pre.r + x' });
const Draws = new Neuron({ parameters: 'k = 2.0 : population\n R = 4.0 : population\n up = 5.0 : population', equations: 'a = Uniform(0, k)\n b = Uniform(R, up)\n r = a + b' });

async function noisySum(backend: BackendName, sigma: number): Promise<Float64Array> {
  const net = new Network({ seed: 7, backend });
  const pre = net.create(20, Source);
  const post = net.create(10, Sum);
  const proj = net.connect(pre, post, 'exc', NoisyPsp).connectAllToAll({ weights: 0.25 });
  proj.sigma = sigma;
  await net.compile();
  await net.simulate(3);
  const r = Float64Array.from(post.r as Float64Array);
  net.dispose();
  return r;
}

describe('random draws with parameters as arguments', () => {
  it.each(backends)('%s: a projection parameter in a synapse draw (sigma 0: the exact sum; 0.5: noisy)', async (backend) => {
    // 20 inputs at rate 1 with w = 0.25: the sum is 5 when the draw has no spread.
    expect(Array.from(await noisySum(backend, 0))).toEqual(new Array(10).fill(5));
    const noisy = await noisySum(backend, 0.5);
    // Σ of 20 draws N(0, 0.5²): standard deviation √20 · 0.5 ≈ 2.24 around 5.
    expect(noisy.every((v) => Math.abs(v - 5) < 5 * Math.sqrt(20) * 0.5)).toBe(true);
    expect(new Set(noisy).size).toBe(10);
  });

  it.each(backends)('%s: population parameters named k and R bound the draws', async (backend) => {
    const net = new Network({ seed: 3, backend });
    const pop = net.create(2000, Draws);
    await net.compile();
    await net.simulate(1);
    const a = pop.a as Float64Array;
    const b = pop.b as Float64Array;
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(2);
    expect(Math.min(...b)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...b)).toBeLessThan(5);
    // Means of 2000 uniform draws: 1 and 4.5, within 4 standard errors (0.577/√2000 ≈ 0.013 for a).
    expect(Math.abs(a.reduce((s, v) => s + v, 0) / 2000 - 1)).toBeLessThan(0.052);
    expect(Math.abs(b.reduce((s, v) => s + v, 0) / 2000 - 4.5)).toBeLessThan(0.026);
    net.dispose();
  });

  it.skipIf(backends.length < 2)('js and cpp draw the same numbers', async () => {
    expect(Array.from(await noisySum('cpp', 0.5))).toEqual(Array.from(await noisySum('js', 0.5)));
  });
});
