// Saving and loading on the engines that keep state outside the state arrays — cpp (native memory)
// and wasm (the module's memory): spikes in flight of per-synapse delays live in the engine's ring
// (getPendingEvents/setPendingEvents), and the engine's derived arrays (the inverse-ordered weights
// spike propagation reads) must follow what load() and attribute writes put there. A simulation
// continued after load() equals one that never stopped, bit for bit, and equals the js backend.
// cpp is skipped when no g++/clang++.
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Uniform, Normal, type BackendName } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';
import { snapshot, expectIdentical } from '../helpers/conformance.js';

const compiler = await findCompiler();
const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');
const dir = mkdtempSync(path.join(os.tmpdir(), 'neurarchy-engine-save-'));

const LIF = new Neuron({
  parameters: 'tau = 10.0 : population\n vt = -50.0 : population\n I = 0.0',
  equations: 'tau * dv/dt = -60.0 - v + g_exc - g_inh + I + 5.0 * Normal(0, 1)\n tau * dg_exc/dt = -g_exc\n tau * dg_inh/dt = -g_inh',
  spike: 'v > vt',
  reset: 'v = -60.0',
  refractory: 3.0,
});

/** Per-synapse delays (spikes in flight), a uniform delay, and per-synapse weights without delay. */
async function spikingNet(backend: BackendName, seed = 11) {
  const net = new Network({ seed, dt: 0.5, backend });
  const p = net.create(100, LIF, { name: 'P' });
  p.v = new Uniform(-60, -50);
  p.I = new Normal(12, 2);
  net.connect(p.slice(0, 80), p, 'exc', undefined, { name: 'E' }).connectFixedProbability({ probability: 0.1, weights: 2.0, delays: new Uniform(0.5, 5) });
  net.connect(p.slice(80), p, 'inh', undefined, { name: 'I' }).connectFixedProbability({ probability: 0.1, weights: 5.0, delays: 3.0 });
  net.connect(p.slice(0, 80), p, 'exc', undefined, { name: 'W' }).connectFixedProbability({ probability: 0.05, weights: new Uniform(0.5, 3.0) });
  await net.compile(backend === 'cpp' ? { directory } : {});
  return net;
}

function expectSameState(a: Network, b: Network) {
  expectIdentical(snapshot(a), snapshot(b), 'after load');
  expect(b.getCurrentStep()).toBe(a.getCurrentStep());
}

describe.each([['cpp', !compiler], ['wasm', false]] as const)('%s backend: save and load', (backend, skip) => {
  it.skipIf(skip)('spikes in flight (per-synapse delays) are saved and restored', async () => {
    const a = await spikingNet(backend);
    await a.simulate(40 * a.dt);
    const pending = a.engine!.getPendingEvents!(a.getProjection('E')!.id)!;
    expect(pending.syn.length).toBeGreaterThan(0);
    const js = await spikingNet('js');
    await js.simulate(40 * js.dt);
    const expected = js.engine!.getPendingEvents!(js.getProjection('E')!.id)!;
    expect(Array.from(pending.syn)).toEqual(Array.from(expected.syn));
    expect(Array.from(pending.ptr.subarray(0, expected.ptr.length))).toEqual(Array.from(expected.ptr));
    expect(a.engine!.getPendingEvents!(a.getProjection('I')!.id)).toBeUndefined();
  });

  it.skipIf(skip).each(['npz', 'json'])('a simulation continued after save/load (%s) equals one that never stopped, and equals js', async (fmt) => {
    const a = await spikingNet(backend);
    await a.simulate(40 * a.dt);
    const file = path.join(dir, `P-${backend}.${fmt}`);
    await a.save(file);
    const ma = a.monitor(a.getPopulation('P')!, ['v', 'spike']);
    await a.simulate(60 * a.dt);

    const b = await spikingNet(backend);
    // Make the engine build its derived arrays from other weights first: load() must replace them.
    b.getProjection('W')!.w = 0.0;
    await b.simulate(5 * b.dt);
    await b.load(file);
    expect(b.getCurrentStep()).toBe(40);
    const mb = b.monitor(b.getPopulation('P')!, ['v', 'spike']);
    await b.simulate(60 * b.dt);
    expectSameState(a, b);
    const sa = ma.get('spike') as Record<number, number[]>;
    expect(mb.get('spike')).toEqual(sa);
    expect(Object.values(sa).flat().length).toBeGreaterThan(10);
    expect(JSON.stringify(mb.get('v'))).toEqual(JSON.stringify(ma.get('v')));

    // The js backend, loading the file this backend wrote, continues the same way.
    const c = await spikingNet('js');
    await c.load(file);
    await c.simulate(60 * c.dt);
    expectSameState(a, c);
  });

  it.skipIf(skip)('a file written by the js backend continues identically', async () => {
    const a = await spikingNet('js');
    await a.simulate(40 * a.dt);
    const file = path.join(dir, `from-js-${backend}.npz`);
    await a.save(file);
    await a.simulate(60 * a.dt);
    const b = await spikingNet(backend);
    await b.load(file);
    await b.simulate(60 * b.dt);
    expectSameState(a, b);
  });

  it.skipIf(skip)('weights written after compile (projection, dendrite, synapse) reach the kernels', async () => {
    const a = await spikingNet('js');
    const b = await spikingNet(backend);
    for (const net of [a, b]) {
      await net.simulate(20 * net.dt);
      net.getProjection('W')!.w = new Uniform(1.0, 4.0);
      await net.simulate(20 * net.dt);
      const d = net.getProjection('W')!.dendrites[3];
      d.w = 10.0;
      await net.simulate(20 * net.dt);
      const e = net.getProjection('W')!.dendrites[5];
      e.synapse(e.preRanks[0]).set({ w: 25.0 });
      await net.simulate(20 * net.dt);
    }
    expectSameState(a, b);
  });
});
