// What the procedural-connectivity network tests share: the COBA neuron and population they build,
// the delays and backends they run, and the check "procedural = stored, bit for bit, and every
// backend = js" (test/network/procedural.test.ts, procedural-fixed-number.test.ts).
import { describe, it, expect } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Normal, Uniform, type BackendName, type Population } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';

const compiler = await findCompiler();
export const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');

export const COBA = new Neuron({
  parameters: 'El = -60.0 : population\nVt = -50.0 : population\ntau = 20.0 : population\nI = 20.0 : population',
  equations: 'tau * dv/dt = (El - v) + g_exc * (0.0 - v) + g_inh * (-80.0 - v) + I\n5.0 * dg_exc/dt = - g_exc\n10.0 * dg_inh/dt = - g_inh',
  spike: 'v > Vt', reset: 'v = El', refractory: 5.0,
});

export type Procedural = true | 'stored';
export type Delays = number | Uniform;

/** A network of 600 COBA neurons `P` with their initial values drawn (dt 0.1 ms, seed 42), not yet connected. */
export function cobaPopulation(backend: BackendName): { net: Network; P: Population } {
  const net = new Network({ dt: 0.1, seed: 42, backend });
  const P = net.create(600, COBA, { name: 'P' });
  P.v = new Normal(-55.0, 5.0);
  P.g_exc = new Normal(4.0, 1.5);
  P.g_inh = new Normal(20.0, 12.0);
  return { net, P };
}

/** What a run gives to compare: the spikes of `P` and `P` itself. */
export interface CobaRun { spikes: Record<number, number[]>; P: Population }

/** `b` has `a`'s spikes and the same v, g_exc and g_inh, bit for bit. */
export function sameRun(a: CobaRun, b: CobaRun): void {
  expect(b.spikes).toEqual(a.spikes);
  for (const v of ['v', 'g_exc', 'g_inh']) expect(Array.from(b.P.get(v) as Float64Array)).toEqual(Array.from(a.P.get(v) as Float64Array));
}

const DELAYS: [string, Delays][] = [['no delay', 0], ['a uniform delay', 1.5], ['delays drawn per synapse', new Uniform(0.1, 2.0)]];
const BACKENDS: [BackendName, boolean][] = [['js', false], ['wasm', false], ['cpp', !compiler]];

/**
 * On js, wasm and cpp (skipped without a compiler), for each kind of delay: the procedural network
 * that `run` builds and simulates gives the stored one's spikes and conductances, bit for bit, and
 * js's; the stored network fires enough for that to mean something.
 */
export function describeProceduralEqualsStored(what: string, run: (procedural: Procedural, backend: BackendName, delays: Delays) => Promise<CobaRun>): void {
  describe.each(BACKENDS)(`%s backend: ${what}`, (backend, skip) => {
    it.skipIf(skip).each(DELAYS)('%s: the same spikes and conductances bit for bit', async (_what, delays) => {
      const stored = await run('stored', backend, delays);
      const procedural = await run(true, backend, delays);
      let n = 0;
      for (const ts of Object.values(stored.spikes)) n += ts.length;
      expect(n).toBeGreaterThan(500);
      sameRun(stored, procedural);
      if (backend !== 'js') sameRun(await run(true, 'js', delays), procedural);
    });
  });
}
