// Procedural fixed-number-post connectivity in a network: a COBA network connected with
// connectFixedNumberPost({ procedural: true }) (nothing stored, each spike's row of exactly `number`
// synapses regenerated) gives the same spikes and the same conductances, bit for bit, as the same
// projections stored (`procedural: 'stored'`), on js, wasm and cpp (skipped without g++/clang++),
// and every backend the same as js: without delay, with a uniform delay, with delays drawn per
// synapse; recurrent without self-connections (consecutive candidates, and a view with gaps whose
// own index is read from `_proc_self`); uniform and clipped normal weights. The automatic choice of
// procedural connectivity when the stored synapses would not fit.
import { describe, it, expect, vi } from 'vitest';
import { Network, Normal, Uniform, type BackendName } from '../../src/index.js';
import { setAvailableMemoryForTests } from '../../src/core/memory.js';
import { COBA, cobaPopulation, describeProceduralEqualsStored, directory, type Delays, type Procedural } from './procedural-fixtures.js';

/** COBA at N = 600: excitatory rows of 48 onto all, inhibitory rows of 40 onto a view with gaps, 150 ms. */
async function coba(procedural: Procedural, backend: BackendName, delays: Delays) {
  const { net, P } = cobaPopulation(backend);
  const gaps = P.view(Array.from({ length: 600 }, (_, i) => i).filter((i) => i % 4 !== 2));
  net.connect(P.slice(0, 480), P, 'exc').connectFixedNumberPost({ number: 48, weights: new Uniform(0.2, 0.5), delays, procedural });
  net.connect(P.slice(480), gaps, 'inh').connectFixedNumberPost({ number: 40, weights: new Normal(6, 2, { min: 2 }), delays: 1.0, procedural });
  const m = net.monitor(P, 'spike');
  await net.compile(backend === 'cpp' ? { directory } : {});
  await net.simulate(150);
  return { net, spikes: m.get('spike') as Record<number, number[]>, P };
}

describeProceduralEqualsStored('procedural fixed-number-post = stored', coba);

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
