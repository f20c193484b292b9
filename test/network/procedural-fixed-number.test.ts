// Procedural fixed-number-post connectivity in a network: a COBA network connected with
// connectFixedNumberPost({ procedural: true }) (nothing stored, each spike's row of exactly `number`
// synapses regenerated) gives the same spikes and the same conductances, bit for bit, as the same
// projections stored (`procedural: 'stored'`), on js, wasm and cpp (skipped without g++/clang++),
// and every backend the same as js: without delay, with a uniform delay, with delays drawn per
// synapse; recurrent without self-connections (consecutive candidates, and a view with gaps whose
// own index is read from `_proc_self`); uniform and clipped normal weights. The automatic choice of
// procedural connectivity when the stored synapses would not fit.
import { describe, it, expect, vi } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Normal, Uniform, type BackendName } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';
import { setAvailableMemoryForTests } from '../../src/core/memory.js';

const compiler = await findCompiler();
const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');

const COBA = new Neuron({
  parameters: 'El = -60.0 : population\nVt = -50.0 : population\ntau = 20.0 : population\nI = 20.0 : population',
  equations: 'tau * dv/dt = (El - v) + g_exc * (0.0 - v) + g_inh * (-80.0 - v) + I\n5.0 * dg_exc/dt = - g_exc\n10.0 * dg_inh/dt = - g_inh',
  spike: 'v > Vt', reset: 'v = El', refractory: 5.0,
});

type Procedural = true | 'stored';
type Delays = number | Uniform;

/** COBA at N = 600: excitatory rows of 48 onto all, inhibitory rows of 40 onto a view with gaps, 150 ms. */
async function coba(procedural: Procedural, backend: BackendName, delays: Delays) {
  const net = new Network({ dt: 0.1, seed: 42, backend });
  const P = net.create(600, COBA, { name: 'P' });
  P.v = new Normal(-55.0, 5.0);
  P.g_exc = new Normal(4.0, 1.5);
  P.g_inh = new Normal(20.0, 12.0);
  const gaps = P.view(Array.from({ length: 600 }, (_, i) => i).filter((i) => i % 4 !== 2));
  net.connect(P.slice(0, 480), P, 'exc').connectFixedNumberPost({ number: 48, weights: new Uniform(0.2, 0.5), delays, procedural });
  net.connect(P.slice(480), gaps, 'inh').connectFixedNumberPost({ number: 40, weights: new Normal(6, 2, { min: 2 }), delays: 1.0, procedural });
  const m = net.monitor(P, 'spike');
  await net.compile(backend === 'cpp' ? { directory } : {});
  await net.simulate(150);
  return { net, spikes: m.get('spike') as Record<number, number[]>, P };
}

function same(a: Awaited<ReturnType<typeof coba>>, b: Awaited<ReturnType<typeof coba>>) {
  expect(b.spikes).toEqual(a.spikes);
  for (const v of ['v', 'g_exc', 'g_inh']) expect(Array.from(b.P.get(v) as Float64Array)).toEqual(Array.from(a.P.get(v) as Float64Array));
}

const DELAYS: [string, Delays][] = [['no delay', 0], ['a uniform delay', 1.5], ['delays drawn per synapse', new Uniform(0.1, 2.0)]];
const BACKENDS: [BackendName, boolean][] = [['js', false], ['wasm', false], ['cpp', !compiler]];

describe.each(BACKENDS)('%s backend: procedural fixed-number-post = stored', (backend, skip) => {
  it.skipIf(skip).each(DELAYS)('%s: the same spikes and conductances bit for bit', async (_what, delays) => {
    const stored = await coba('stored', backend, delays);
    const procedural = await coba(true, backend, delays);
    let n = 0;
    for (const ts of Object.values(stored.spikes)) n += ts.length;
    expect(n).toBeGreaterThan(500);
    same(stored, procedural);
    if (backend !== 'js') same(await coba(true, 'js', delays), procedural);
  });
});

describe('procedural fixed-number-post chosen automatically', () => {
  it('when the stored synapses would not fit in memory, said on the console; procedural: false is refused instead', () => {
    setAvailableMemoryForTests(2e6);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const net = new Network({ dt: 0.1, seed: 1 });
      const Q = net.create(1000, COBA, { name: 'Q' });
      const big = net.connect(Q, Q, 'exc', undefined, { name: 'big' }).connectFixedNumberPost({ number: 500, weights: 0.1 });
      expect(big.connector).toBe('fixed number post 500 (procedural)');
      expect(big.nbSynapses).toBe(500000);
      expect(warn.mock.calls[0][0]).toMatch(/projection 'big'.connectFixedNumberPost\(\): about 500000 synapses would not fit in memory; they are made procedural/);
      expect(() => net.connect(Q, Q, 'exc').connectFixedNumberPost({ number: 500, weights: 0.1, procedural: false })).toThrow(/about 500,?000 synapses needs about .* or procedural connectivity/);
      // Small enough to store: stored, nothing said.
      expect(net.connect(Q, Q, 'exc').connectFixedNumberPost({ number: 10, weights: 0.1 }).connector).toBe('fixed number post 10');
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
      setAvailableMemoryForTests(undefined);
    }
  });
});
