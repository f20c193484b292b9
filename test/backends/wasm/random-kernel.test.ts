// The random kernels of the wasm module (src/backends/wasm/random-kernel.ts): Uniform and Normal
// arrays filled by direct calls of the random module's fills, no call out to JavaScript per step.
// Bit for bit the js backend's draws: literal and negative arguments, a global parameter changed
// between runs, a global draw, population and synapse draws, lengths that are not multiples of four;
// and the owners the js kernel keeps (another distribution, float32 storage, threads).
import { describe, expect, it } from 'vitest';
import { Network, Neuron, Synapse, Uniform } from '../../../src/index.js';
import type { BackendName } from '../../../src/index.js';
import { conform } from '../../helpers/conformance.js';

/** The kernels the step function takes from the WebAssembly module. */
const wasmKernelsOf = (net: Network) => [...(net.source ?? '').matchAll(/const (\w+) = W\.\1;/g)].map((m) => m[1]);

function drawing(backend: BackendName, extra = '') {
  const net = new Network({ seed: 9, backend });
  const p = net.create(37, new Neuron({
    parameters: 'sigma = 0.5 : population',
    equations: `n = Normal(-0.25, sigma)\n u = Uniform(-1.0, 2.5)\n g = Normal(1.0, 3.0) : population\n r = r + 0.1 * n + 0.01 * u + 0.001 * g${extra}`,
  }), { name: 'p' });
  const q = net.create(6, new Neuron({ equations: 'r = sum(x)' }), { name: 'q' });
  net.connect(p, q, 'x', new Synapse({ equations: 'e = Uniform(0.0, 0.25)', psp: "w * pre.r + e" }), { name: 'noisy' })
    .connectFixedProbability({ probability: 0.6, weights: new Uniform(0, 0.1) });
  return { net, after(n: Network, chunk: number) { if (chunk === 0) n.getPopulation('p')!.set({ sigma: 2.0 }); } };
}

describe('wasm random kernels', () => {
  it('fill Uniform and Normal arrays of populations and projections with the js bits (literals, negatives, a global parameter changed between runs, a global draw)', async () => {
    const { other } = await conform('wasm', { backend: 'wasm' }, (b) => drawing(b), 23, 3);
    expect(wasmKernelsOf(other.net)).toEqual(expect.arrayContaining(['pop0_random', 'proj0_random']));
    expect(other.net.source).toContain('(fill normal a__rand_');
    expect(other.net.source).toContain('(fill uniform a__rand_');
    expect(other.net.source).not.toContain("R.fill(");
  });

  it('leave an owner with another distribution, float32 storage or threads to the js kernel, with the same bits', async () => {
    const { other } = await conform('wasm', { backend: 'wasm' }, (b) => drawing(b, ' + 0.001 * Exponential(2.0)'), 11, 2);
    expect(wasmKernelsOf(other.net)).not.toContain('pop0_random');
    expect(wasmKernelsOf(other.net)).toContain('proj0_random');
    expect(other.net.source).toContain("R.fill(P[0].get('_rand_");
    const f32 = drawing('wasm');
    f32.net.config({ precision: 'float32' });
    await f32.net.compile();
    expect(wasmKernelsOf(f32.net)).not.toContain('pop0_random');
    const { other: threaded } = await conform('wasm', { backend: 'wasm', numThreads: 2 }, (b) => drawing(b), 7, 2);
    expect(wasmKernelsOf(threaded.net)).not.toContain('pop0_random');
    threaded.net.dispose();
  });
});
