// The seed is not compiled into the C++ source (it is set at run time, nx_set_seed): networks that
// differ only in seed share one compiled library (one g++ run, one mapped library), still draw
// different numbers, are reproducible, and equal the js backend bit for bit for the same seed.
// Skipped when no g++/clang++.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Uniform, type BackendName } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';
import type { CppEngine } from '../../src/backends/cpp/engine.js';

const compiler = await findCompiler();

const Noisy = new Neuron({
  parameters: 'tau = 10.0',
  equations: 'tau * dv/dt = -v + g_exc + 2.0 * Normal(0, 1) + Uniform(0, 1)\n g_exc = 0.0',
  spike: 'v > 0.5',
  reset: 'v = 0.0',
});

async function run(seed: number, backend: BackendName, directory: string) {
  const net = new Network({ seed, dt: 0.5, backend });
  const pop = net.create(50, Noisy, { name: 'P' });
  pop.v = new Uniform(-0.5, 0.5);
  net.connect(pop, pop, 'exc').connectFixedProbability({ probability: 0.1, weights: 0.1 });
  await net.compile(backend === 'cpp' ? { directory } : {});
  await net.simulate(50);
  const v = Float64Array.from(pop.v as Float64Array);
  const library = backend === 'cpp' ? (net.engine as CppEngine).info.library : undefined;
  net.dispose();
  return { v, library };
}

describe.skipIf(!compiler)('cpp: the seed at run time', () => {
  it('two seeds, one library; different numbers; each bit-identical to js and reproducible', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'neurarchy-seed-'));
    const a = await run(1, 'cpp', directory);
    const b = await run(2, 'cpp', directory);
    expect(a.library!.cached).toBe(false);
    expect(b.library!.cached).toBe(true);
    expect(b.library!.path).toBe(a.library!.path);
    expect(readdirSync(directory).filter((f) => f.endsWith('.so'))).toHaveLength(1);
    expect(Array.from(a.v)).not.toEqual(Array.from(b.v));
    const a2 = await run(1, 'cpp', directory);
    expect(Array.from(a2.v)).toEqual(Array.from(a.v));
    expect(Array.from((await run(1, 'js', directory)).v)).toEqual(Array.from(a.v));
    expect(Array.from((await run(2, 'js', directory)).v)).toEqual(Array.from(b.v));
    // A seed beyond 2^32 is used modulo 2^32, as on js.
    expect(Array.from((await run(2 + 2 ** 32, 'cpp', directory)).v)).toEqual(Array.from(b.v));
  });
});
