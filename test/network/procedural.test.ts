// Procedural connectivity in a network: a projection connected with `procedural: true` (nothing
// stored, each spike's row regenerated) gives the same spikes and the same conductances, bit for
// bit, as the same projection stored (`procedural: 'stored'`), on js, wasm and cpp (skipped without
// g++/clang++): without delay, with a uniform delay, and with delays drawn per synapse; from views
// of one population; with uniform and clipped normal weights. Then what a procedural projection
// refuses, each with the reason and the fix.
import { describe, it, expect, vi } from 'vitest';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { Network, Synapse, Normal, Uniform, LogNormal, STDP, type BackendName } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';
import { reportMarkdown } from '../../src/report/index.js';
import { setAvailableMemoryForTests } from '../../src/core/memory.js';
import { COBA, cobaPopulation, describeProceduralEqualsStored, directory, type Delays, type Procedural } from './procedural-fixtures.js';

const compiler = await findCompiler();

/** COBA at N = 600 (views as pre-synaptic sides), compiled unless `compile` is false. */
async function build(backend: BackendName, compile = true, procedural: Procedural = true, delays: Delays = new Uniform(0.1, 1.0)) {
  const { net, P } = cobaPopulation(backend);
  net.connect(P.slice(0, 480), P, 'exc').connectFixedProbability({ probability: 0.08, weights: new Uniform(0.2, 0.5), delays, procedural });
  net.connect(P.slice(480), P, 'inh').connectFixedProbability({ probability: 0.08, weights: new Normal(6, 2, { min: 2 }), delays: 1.0, procedural });
  if (compile) await net.compile(backend === 'cpp' ? { directory } : {});
  return { net, P };
}

/** COBA at N = 600 (views as pre-synaptic sides), 150 ms: about 2 000 spikes. */
async function coba(procedural: Procedural, backend: BackendName, delays: Delays) {
  const { net, P } = await build(backend, false, procedural, delays);
  const m = net.monitor(P, 'spike');
  await net.compile(backend === 'cpp' ? { directory } : {});
  await net.simulate(150);
  return { net, spikes: m.get('spike') as Record<number, number[]>, P };
}

describeProceduralEqualsStored('procedural = stored', coba);

describe('a procedural network saved, loaded and copied', () => {
  it.skipIf(!compiler).each(['js', 'cpp'] as const)('%s: continued after save/load it equals one that never stopped; a copy runs the same', async (backend) => {
    const whole = await coba(true, backend, new Uniform(0.1, 1.0));
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'neurarchy-procedural-')), 'net.npz');
    const first = await build(backend);
    await first.net.simulate(80);
    await first.net.save(file);
    const second = await build(backend);
    await second.net.load(file);
    await second.net.simulate(70);
    for (const v of ['v', 'g_exc', 'g_inh']) expect(Array.from(second.P.get(v) as Float64Array)).toEqual(Array.from(whole.P.get(v) as Float64Array));
    const copied = (await build(backend, false)).net.copy();
    await copied.compile(backend === 'cpp' ? { directory } : {});
    await copied.simulate(150);
    expect(Array.from(copied.getPopulation('P')!.get('v') as Float64Array)).toEqual(Array.from(whole.P.get('v') as Float64Array));
  });
});

describe('what a procedural projection refuses', () => {
  function net() {
    const n = new Network({ dt: 0.1, seed: 1 });
    const P = n.create(50, COBA, { name: 'P' });
    return { n, P };
  }

  it('synapses that need stored values: plastic ones, per-synapse variables, forceMultipleWeights', () => {
    const { n, P } = net();
    expect(() => n.connect(P, P, 'exc', new STDP()).connectFixedProbability({ probability: 0.1, procedural: true }))
      .toThrow(/connectFixedProbability\(\): procedural connectivity stores no synapse, so the synapse 'STDP' cannot keep its per-synapse variable .*procedural: 'stored'/);
    const Tagged = new Synapse({ parameters: 'x = 1.0', preSpike: 'g_target += w * x' });
    expect(() => n.connect(P, P, 'exc', Tagged).connectFixedProbability({ probability: 0.1, procedural: true }))
      .toThrow(/cannot keep its per-synapse parameter 'x'/);
    expect(() => n.connect(P, P, 'exc').connectFixedProbability({ probability: 0.1, procedural: true, forceMultipleWeights: true }))
      .toThrow(/forceMultipleWeights/);
    expect(() => n.connect(P, P, 'exc', new STDP()).connectFixedNumberPost({ number: 5, procedural: true }))
      .toThrow(/connectFixedNumberPost\(\): procedural connectivity stores no synapse, so the synapse 'STDP' cannot keep its per-synapse variable .*procedural: 'stored'/);
    expect(() => n.connect(P, P, 'exc').connectAllToAll({ weights: 1, procedural: true } as never))
      .toThrow(/connectAllToAll\(\): option 'procedural' is not supported: only connectFixedProbability and connectFixedNumberPost regenerate their synapses/);
    expect(() => n.connect(P, P, 'exc').connectFixedProbability({ probability: 0.1, procedural: 'yes' as never }))
      .toThrow(/procedural must be true, false or 'stored', got the string "yes"/);
  });

  it('the numbers of synapses and dendrites are counted by drawing the rows: those of the stored twin', async () => {
    const a = await build('js', false, true), b = await build('js', false, 'stored');
    for (let i = 0; i < 2; i++) {
      expect(a.net.projections[i].nbSynapses).toBe(b.net.projections[i].nbSynapses);
      expect(a.net.projections[i].size).toBe(b.net.projections[i].size);
    }
    expect(a.net.projections[0].nbSynapses).toBeGreaterThan(0.07 * 480 * 600);
  });

  it('reading or writing what is not stored; a number weight stays readable', async () => {
    const { n, P } = net();
    const drawn = n.connect(P, P, 'exc', undefined, { name: 'drawn' }).connectFixedProbability({ probability: 0.1, weights: new Uniform(0, 1), delays: new Uniform(0.5, 2), procedural: true });
    const fixed = n.connect(P, P, 'inh', undefined, { name: 'fixed' }).connectFixedProbability({ probability: 0.1, weights: 2, procedural: true });
    const why = /projection 'drawn' has procedural connectivity: its synapses are regenerated at each spike, not stored, so .* procedural: 'stored'/;
    expect(() => drawn.get('w')).toThrow(why);
    expect(() => drawn.dendrites).toThrow(why);
    expect(() => drawn.connectivityMatrix()).toThrow(why);
    expect(() => drawn.delay).toThrow(why);
    expect(() => { drawn.w = 0.5; }).toThrow(/so its 'w' cannot be written/);
    expect(() => { drawn.delay = 2; }).toThrow(/delays drawn at every spike: they cannot be changed/);
    expect(fixed.w).toBe(2);
    expect(() => n.monitor(drawn, 'w')).toThrow(/its 'w' cannot be recorded/);
    const report = reportMarkdown(n);
    expect(report).toContain('fixed probability 0.1 (procedural): density 10 %');
    expect(report).toContain('w ~ Uniform(0, 1)');
    await expect(drawn.saveConnectivity(path.join(os.tmpdir(), 'never.json'))).rejects.toThrow(/cannot be saved by saveConnectivity/);
  });

  it('a pattern that would not fit in memory becomes procedural when its synapse allows it, and says so', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    setAvailableMemoryForTests(2e6);
    try {
      const { n, P } = net();
      const Q = n.create(1000, COBA, { name: 'Q' });
      const big = n.connect(Q, Q, 'exc', undefined, { name: 'big' }).connectFixedProbability({ probability: 0.5, weights: 0.1 });
      expect(big.connector).toBe('fixed probability 0.5 (procedural)');
      expect(warn.mock.calls[0][0]).toMatch(/projection 'big'.connectFixedProbability\(\): about 500000 synapses would not fit in memory; they are made procedural/);
      expect(() => n.connect(Q, Q, 'exc').connectFixedProbability({ probability: 0.5, weights: 0.1, procedural: false }))
        .toThrow(/about 500,?000 synapses needs about .* or procedural connectivity/);
      expect(() => n.connect(Q, Q, 'exc', new STDP()).connectFixedProbability({ probability: 0.5 })).toThrow(/needs about/);
      expect(n.connect(P, P, 'exc').connectFixedProbability({ probability: 0.1 }).nbSynapses).toBeGreaterThan(0);
    } finally {
      setAvailableMemoryForTests(undefined);
    }
  });

  it('webgpu draws Uniform and Normal only, and says so before asking for a device', async () => {
    // (Its rows, weights and delays: test/backends/webgpu/procedural.test.ts, where an adapter is found.)
    const { n, P } = net();
    n.connect(P, P, 'exc').connectFixedProbability({ probability: 0.1, weights: new LogNormal(0, 0.5), procedural: true });
    await expect(n.compile({ backend: 'webgpu' })).rejects.toThrow(/projection 'proj0': the webgpu backend draws procedural weights from a Uniform or a Normal only, not LogNormal.*; use backend 'js' or 'wasm', or procedural: 'stored'/);
  });

  it.skipIf(!compiler)('cpp draws Uniform and Normal only; js and wasm any distribution', async () => {
    const make = async (backend: BackendName) => {
      const n = new Network({ dt: 0.1, seed: 3 });
      const P = n.create(100, COBA, { name: 'P' });
      P.v = new Uniform(-60, -50);
      n.connect(P, P, 'exc').connectFixedProbability({ probability: 0.1, weights: new LogNormal(0, 0.5), procedural: true });
      await n.compile({ backend, ...(backend === 'cpp' ? { directory } : {}) });
      return n;
    };
    await expect(make('cpp')).rejects.toThrow(/the cpp backend draws procedural weights from a Uniform or a Normal only, not LogNormal/);
    const a = await make('js'), b = await make('wasm');
    await a.simulate(50);
    await b.simulate(50);
    expect(Array.from(b.getPopulation('P')!.get('v') as Float64Array)).toEqual(Array.from(a.getPopulation('P')!.get('v') as Float64Array));
  });
});
