// Values that are the same for every neuron of a step (src/ir/invariants.ts), as a user meets them:
// a division by a population-wide value is a multiplication by its reciprocal, computed once a step
// after the global equations (Brian2 does the same); everything else computed once is the same
// operations on the same values, so the same bits as written. js, wasm and cpp agree to the bit.
import { describe, it, expect, afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, type BackendName } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';
import { setInvariantHoisting } from '../../src/ir/invariants.js';

const compiler = await findCompiler();
const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');
const BACKENDS: [BackendName, boolean][] = [['js', false], ['wasm', false], ['cpp', !compiler]];
const dt = 0.1;

/** One Euler step of `tau * dr/dt = -r + I` with the reciprocal of tau (the rewrite) and with the quotient (as written). */
const stepWith = {
  reciprocal: (r: number, I: number, tau: number) => r + dt * ((-r + I) * (1 / tau)),
  quotient: (r: number, I: number, tau: number) => r + dt * ((-r + I) / tau),
};

// Values for which the two differ in the last bit, so that the tests below tell them apart.
const R0 = [0.1, 0.7, 0.35];
const I0 = [1 / 3, 0.2, 2 / 7];

afterEach(() => { setInvariantHoisting(true); });

describe.each(BACKENDS)('values computed once a step, on %s', (backend, skip) => {
  const compile = (net: Network, threads = 1) => net.compile({ backend, numThreads: threads, directory });

  it.skipIf(skip)('a division by a population-wide parameter is a multiplication by its reciprocal', async () => {
    const net = new Network({ dt });
    const pop = net.create(3, new Neuron({ parameters: 'tau = 3.0 : population\nI = 0.0', equations: 'tau * dr/dt = -r + I' }));
    pop.r = R0; pop.I = I0;
    const m = net.monitor(pop, 'r');
    await compile(net);
    await net.simulate(0.3);
    const rows = (m.get('r') as Float64Array[]).map((row) => Array.from(row));
    let r = [...R0];
    let written = [...R0];
    for (const row of rows) {
      r = r.map((x, i) => stepWith.reciprocal(x, I0[i], 3));
      written = written.map((x, i) => stepWith.quotient(x, I0[i], 3));
      expect(row).toEqual(r);
    }
    expect(written).not.toEqual(r); // the rewrite is visible in the bits, so the check above means something
  });

  it.skipIf(skip)('a per-neuron denominator stays a division', async () => {
    const net = new Network({ dt });
    const pop = net.create(3, new Neuron({ parameters: 'tau = 3.0\nI = 0.0', equations: 'tau * dr/dt = -r + I' }));
    pop.r = R0; pop.I = I0;
    await compile(net);
    await net.simulate(0.1);
    expect(Array.from(pop.get('r') as Float64Array)).toEqual(R0.map((x, i) => stepWith.quotient(x, I0[i], 3)));
  });

  it.skipIf(skip)('a parameter set between runs is read again, a global variable after the global equations wrote it', async () => {
    const net = new Network({ dt });
    const pop = net.create(3, new Neuron({
      parameters: 'tau = 3.0 : population\nI = 0.0',
      equations: 'g = t + 2.5 : population\ndr/dt = (-r + I) / (tau * g)',
    }));
    pop.r = R0; pop.I = I0;
    await compile(net);
    await net.simulate(0.1); // step 0: t = 0, g = 2.5
    let r = R0.map((x, i) => x + dt * ((-x + I0[i]) * (1 / (3 * 2.5))));
    expect(Array.from(pop.get('r') as Float64Array)).toEqual(r);
    pop.tau = 7.0;
    await net.simulate(0.1); // step 1: t = 0.1, g = 2.6
    r = r.map((x, i) => x + dt * ((-x + I0[i]) * (1 / (7 * (0.1 + 2.5)))));
    expect(Array.from(pop.get('r') as Float64Array)).toEqual(r);
  });

  it.skipIf(skip)("what costs the same written or computed once gives the same bits: the exponential method's exp(-dt/tau)", async () => {
    const build = async (hoist: boolean) => {
      setInvariantHoisting(hoist);
      const net = new Network({ dt });
      const pop = net.create(3, new Neuron({ parameters: 'tau = 3.0 : population\nI = 0.0', equations: 'tau * dr/dt = -r + I : exponential' }));
      pop.r = R0; pop.I = I0;
      await compile(net);
      setInvariantHoisting(true);
      return { net, pop };
    };
    const hoisted = await build(true);
    const written = await build(false);
    const invariants = hoisted.net.plan!.populations[0].invariants ?? [];
    expect(invariants.length).toBeGreaterThan(0);
    expect(written.net.plan!.populations[0].invariants).toBeUndefined();
    for (const b of [hoisted, written]) await b.net.simulate(1);
    expect(Array.from(hoisted.pop.get('r') as Float64Array)).toEqual(Array.from(written.pop.get('r') as Float64Array));
  });

  it.skipIf(skip || backend === 'js')('two threads give the bits of one', async () => {
    const results: number[][] = [];
    for (const threads of [1, 2]) {
      const net = new Network({ dt });
      const pop = net.create(5000, new Neuron({ parameters: 'tau = 3.0 : population\nI = 0.0', equations: 'tau * dr/dt = -r + I' }));
      pop.r = Array.from({ length: 5000 }, (_, i) => R0[i % 3] + i * 1e-4);
      pop.I = Array.from({ length: 5000 }, (_, i) => I0[i % 3]);
      await compile(net, threads);
      await net.simulate(1);
      results.push(Array.from(pop.get('r') as Float64Array));
    }
    expect(results[1]).toEqual(results[0]);
  });
});
