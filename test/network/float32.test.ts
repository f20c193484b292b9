// precision 'float32' (ANNarchy's `setup(precision='float')`): what it means for a user. The float
// attributes are stored as float32 from compile() on, each value rounded to the nearest float32 when
// written, while every expression is computed in float64 — on js, wasm and cpp alike, so a step can
// be computed by hand with Math.fround at each store. Integer attributes keep their values; the
// option is checked like every other; saves write float32 arrays and load into either precision.
import { describe, it, expect } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Synapse, NetworkError, setup, Uniform, type BackendName } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';

const compiler = await findCompiler();
const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');
const BACKENDS: [BackendName, boolean][] = [['js', false], ['wasm', false], ['cpp', !compiler]];
const f = Math.fround;

const Leaky = new Neuron({
  parameters: 'tau = 10.0\nI = 0.0',
  equations: 'tau * dr/dt = -r + I\nn = n + 1 : int',
});

describe.each(BACKENDS)("precision 'float32' on %s", (backend, skip) => {
  it.skipIf(skip)('explicit Euler computed in float64 and rounded at each store, as by hand', async () => {
    const net = new Network({ dt: 0.1, precision: 'float32', backend });
    const pop = net.create(2, Leaky);
    pop.I = [1 / 3, 0.7];
    pop.r = [0.1, 0.2];
    const m = net.monitor(pop, 'r');
    // Before compile, the values are the float64 ones written.
    expect(Array.from(pop.get('r') as Float64Array)).toEqual([0.1, 0.2]);
    await net.compile({ directory });
    // From compile on, float32: the written values rounded; the int attribute keeps float64.
    expect(pop.state.get('r')).toBeInstanceOf(Float32Array);
    expect(pop.state.get('n')).toBeInstanceOf(Float64Array);
    expect(Array.from(pop.get('r') as Float64Array)).toEqual([f(0.1), f(0.2)]);
    await net.simulate(5);
    const rows = m.get('r') as Float64Array[];
    for (const [i, I0, r0] of [[0, 1 / 3, 0.1], [1, 0.7, 0.2]]) {
      let r = f(r0);
      const I = f(I0);
      for (let s = 0; s < 50; s++) {
        r = f(r + 0.1 * ((-r + I) / 10.0));
        expect(rows[s][i], `neuron ${i}, step ${s}`).toBe(r);
      }
      // Not the float64 trajectory: the rounding is really there.
      let r64 = r0;
      for (let s = 0; s < 50; s++) r64 = r64 + 0.1 * ((-r64 + I0) / 10.0);
      expect(rows[49][i]).not.toBe(r64);
      expect(Math.abs(rows[49][i] - r64)).toBeLessThan(1e-6);
    }
    expect(Array.from(pop.get('n') as Float64Array)).toEqual([50, 50]);
    // A value written after compile is rounded when stored.
    pop.I = 0.1;
    expect((pop.get('I') as Float64Array)[0]).toBe(f(0.1));
    net.dispose();
  });

  it.skipIf(skip)('weights are float32: written, drawn and read back rounded; a procedural projection rounds its drawn weights as the stored one keeps them', async () => {
    const run = async (procedural: true | 'stored') => {
      const net = new Network({ dt: 0.1, seed: 3, precision: 'float32', backend });
      const N = new Neuron({ parameters: 'tau = 10.0', equations: 'tau * dv/dt = -v + g_exc + 1.2\n2.0 * dg_exc/dt = -g_exc', spike: 'v > 1.0', reset: 'v = 0.0' });
      const P = net.create(300, N);
      P.v = new Uniform(0.0, 1.0);
      const proj = net.connect(P, P, 'exc').connectFixedProbability({ probability: 0.1, weights: new Uniform(0.01, 0.03), delays: new Uniform(0.1, 1.0), procedural });
      const m = net.monitor(P, 'spike');
      await net.compile({ directory });
      await net.simulate(50);
      return { net, P, proj, spikes: m.get('spike') as Record<number, number[]> };
    };
    const stored = await run('stored');
    const w = stored.proj.state.get('w')!;
    expect(w).toBeInstanceOf(Float32Array);
    const procedural = await run(true);
    expect(Object.values(stored.spikes).flat().length).toBeGreaterThan(300);
    expect(procedural.spikes).toEqual(stored.spikes);
    expect(Array.from(procedural.P.get('g_exc') as Float64Array)).toEqual(Array.from(stored.P.get('g_exc') as Float64Array));
    stored.proj.w = 0.1;
    expect(stored.proj.flat()[0]).toBe(f(0.1));
    stored.net.dispose();
    procedural.net.dispose();
  });
});

describe("the option 'precision'", () => {
  it("accepts 'float64', 'float32' and ANNarchy's 'double' and 'float'; refuses others naming the accepted ones", () => {
    expect(new Network({ precision: 'float' }).precision).toBe('float32');
    expect(new Network({ precision: 'double' }).precision).toBe('float64');
    expect(new Network().precision).toBe('float64');
    expect(() => new Network({ precision: 'half' as 'float' })).toThrow(NetworkError);
    expect(() => new Network({ precision: 'half' as 'float' })).toThrow(/precision must be one of 'float64', 'double', 'float32', 'float', got the string "half"/);
    expect(() => new Network({ precision: 'toString' as 'float' })).toThrow(/precision must be one of/);
    const net = new Network();
    net.config({ precision: 'float32' });
    expect(net.precision).toBe('float32');
    expect(net.copy().precision).toBe('float32');
    expect(net.copy({ precision: 'float64' }).precision).toBe('float64');
  });

  it('cannot change after compile; compile() and dtype point to setup()', async () => {
    const net = new Network({ backend: 'js' });
    net.create(1, Leaky);
    await expect(net.compile({ precision: 'float' } as never)).rejects.toThrow(/setup\(\{ precision: 'float32' \}\)/);
    await net.compile();
    expect(() => net.config({ precision: 'float32' })).toThrow(/before compile\(\)/);
    expect(() => setup({ dtype: 'float32' } as never)).toThrow(/setup\(\{ precision: 'float32' \}\)/);
  });
});

describe("saving a network in precision 'float32'", () => {
  it('writes its float attributes as <f4, loads them back exactly, and loads a float64 save rounding each value', async () => {
    const build = (precision: 'float32' | 'float64') => {
      const net = new Network({ dt: 0.1, seed: 5, precision, backend: 'js' });
      const pop = net.create(3, Leaky, { name: 'pop' });
      pop.r = [0.1, 0.2, 0.3];
      net.connect(pop, pop, 'exc', new Synapse({ psp: 'w * pre.r' }), { name: 'rec' }).connectAllToAll({ weights: new Uniform(0, 1) });
      return net;
    };
    const a = build('float32');
    await a.compile();
    await a.simulate(2);
    const json = JSON.parse(a.toJson()) as { arrays?: Record<string, { dtype: string }> } & Record<string, unknown>;
    const text = JSON.stringify(json);
    expect(text).toMatch(/"dtype":"<f4"/);
    const b = build('float32');
    await b.compile();
    b.fromJson(a.toJson());
    expect(Array.from(b.getPopulation('pop')!.get('r') as Float64Array)).toEqual(Array.from(a.getPopulation('pop')!.get('r') as Float64Array));
    expect(b.getProjection('rec')!.flat()).toEqual(a.getProjection('rec')!.flat());
    // A float64 save into a float32 network: each value rounded, as any write.
    const c = build('float64');
    await c.compile();
    await c.simulate(2);
    b.fromJson(c.toJson());
    expect(Array.from(b.getPopulation('pop')!.get('r') as Float64Array)).toEqual(Array.from(c.getPopulation('pop')!.get('r') as Float64Array, f));
    for (const n of [a, b, c]) n.dispose();
  });
});
