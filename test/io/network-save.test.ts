// Saving and loading networks: bit-for-bit round trips, continued simulations, mismatches.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Network, Neuron, Synapse, Uniform, Normal } from '../../src/index.js';
import { LoadError } from '../../src/io/network-io.js';
import { decodeNpz } from '../../src/io/npz.js';

const dir = mkdtempSync(join(tmpdir(), 'neurarchy-save-'));

const Leaky = new Neuron({
  parameters: 'tau = 10.0 : population\n baseline = -0.2',
  equations: 'tau * dmp/dt + mp = baseline + sum(exc) + 0.1 * Uniform(-1, 1)\n r = pos(mp)',
});
const Oja = new Synapse({
  parameters: 'tau = 500.0 : projection\n alpha = 8.0 : projection',
  equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w',
});

async function rateNet(seed = 7) {
  const net = new Network({ seed });
  const a = net.create(20, Leaky, { name: 'A' });
  const b = net.create(10, Leaky, { name: 'B' });
  a.baseline = new Uniform(0, 1);
  net.connect(a, b, 'exc', Oja, { name: 'AB' }).connectFixedProbability({ probability: 0.5, weights: new Uniform(0, 0.2), delays: new Uniform(1, 4) });
  net.connect(b, a, 'exc', undefined, { name: 'BA' }).connectAllToAll({ weights: 0.01, delays: 2 });
  await net.compile();
  return net;
}

const LIF = new Neuron({
  parameters: 'tau = 10.0 : population\n vt = -50.0 : population\n I = 0.0',
  equations: 'tau * dv/dt = -60.0 - v + g_exc - g_inh + I + 5.0 * Normal(0, 1)\n tau * dg_exc/dt = -g_exc\n tau * dg_inh/dt = -g_inh',
  spike: 'v > vt',
  reset: 'v = -60.0',
  refractory: 3.0,
});

async function spikingNet(seed = 11) {
  const net = new Network({ seed, dt: 0.5 });
  const p = net.create(100, LIF, { name: 'P' });
  p.v = new Uniform(-60, -50);
  p.I = new Normal(12, 2);
  net.connect(p.slice(0, 80), p, 'exc', undefined, { name: 'E' }).connectFixedProbability({ probability: 0.1, weights: 2.0, delays: new Uniform(0.5, 5) });
  net.connect(p.slice(80), p, 'inh', undefined, { name: 'I' }).connectFixedProbability({ probability: 0.1, weights: 5.0, delays: 3.0 });
  await net.compile();
  return net;
}

function snapshot(net: Network): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const o of [...net.populations, ...net.projections]) {
    for (const [k, a] of o.state) out.set(`${o.name}/${k}`, new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength)));
  }
  return out;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function expectSameState(a: Network, b: Network) {
  const sa = snapshot(a), sb = snapshot(b);
  expect([...sb.keys()].sort()).toEqual([...sa.keys()].sort());
  for (const [k, v] of sa) expect(same(sb.get(k)!, v), k).toBe(true);
  expect(b.getCurrentStep()).toBe(a.getCurrentStep());
}

describe.each([
  ['rate network with Oja and delays', rateNet, 'A', 'mp'],
  ['spiking network with delays', spikingNet, 'P', 'v'],
] as const)('%s', (_name, make, popName, variable) => {
  it.each(['npz', 'json'])('continues after save/load (%s) exactly as without stopping', async (fmt) => {
    const a = await make();
    await a.simulate(50 * a.dt);
    const file = join(dir, `${popName}.${fmt}`);
    await a.save(file);
    const ma = a.monitor(a.getPopulation(popName)!, [variable, ...(popName === 'P' ? ['spike'] : [])]);
    await a.simulate(50 * a.dt);

    const b = await make();
    await b.load(file);
    expect(b.getCurrentStep()).toBe(50);
    const mb = b.monitor(b.getPopulation(popName)!, [variable, ...(popName === 'P' ? ['spike'] : [])]);
    await b.simulate(50 * b.dt);
    expectSameState(a, b);
    const ra = ma.get(variable) as unknown as ArrayLike<number>[], rb = mb.get(variable) as unknown as ArrayLike<number>[];
    expect(JSON.stringify(rb)).toEqual(JSON.stringify(ra));
    if (popName === 'P') {
      const sa = ma.get('spike') as Record<number, number[]>;
      expect(mb.get('spike')).toEqual(sa);
      expect(Object.values(sa).flat().length).toBeGreaterThan(10);
    }
  });
});

describe('save/load', () => {
  it('round-trips every array bit for bit, and the keys are documented ones', async () => {
    const a = await spikingNet();
    await a.simulate(20);
    const bytes = a.toNpz();
    const rec = decodeNpz(bytes);
    for (const k of ['P/v', 'P/tau', 'P/_last_spike', 'P/_refr_left', 'E/w', 'E/_row_ptr', 'E/_post_rank', 'E/_pre_rank', 'E/_delay', '_network/step', '_network/seed']) expect(rec[k], k).toBeDefined();
    expect(rec['P/_last_spike'].dtype).toBe('<i4');
    const c = await spikingNet();
    c.fromNpz(bytes);
    expectSameState(a, c);
  });

  it('an uncompiled network saves attributes and connectivity, and loads them', async () => {
    const make = (seed: number) => {
      const net = new Network({ seed });
      const p = net.create(5, LIF, { name: 'P' });
      p.v = new Uniform(-60, -50);
      net.connect(p, p, 'exc', undefined, { name: 'E' }).connectAllToAll({ weights: new Uniform(0, 1) });
      return net;
    };
    const a = make(1), b = make(2);
    b.fromJson(a.toJson());
    expect(Array.from(b.getPopulation('P')!.v as Float64Array)).toEqual(Array.from(a.getPopulation('P')!.v as Float64Array));
    expect(b.getProjection('E')!.flat('w')).toEqual(a.getProjection('E')!.flat('w'));
  });

  it('single populations and projections save and load', async () => {
    const a = await rateNet();
    await a.simulate(10);
    await a.getPopulation('A')!.save(join(dir, 'A.npz'));
    await a.getProjection('AB')!.save(join(dir, 'AB.json'));
    const b = await rateNet();
    await b.getPopulation('A')!.load(join(dir, 'A.npz'));
    await b.getProjection('AB')!.load(join(dir, 'AB.json'));
    expect(Array.from(b.getPopulation('A')!.mp as Float64Array)).toEqual(Array.from(a.getPopulation('A')!.mp as Float64Array));
    expect(b.getProjection('AB')!.flat('w')).toEqual(a.getProjection('AB')!.flat('w'));
    expect(b.getCurrentStep()).toBe(0);
    // a whole-network file works for one population too
    await a.save(join(dir, 'whole.npz'));
    const c = await rateNet();
    await c.getPopulation('B')!.load(join(dir, 'whole.npz'));
    expect(Array.from(c.getPopulation('B')!.mp as Float64Array)).toEqual(Array.from(a.getPopulation('B')!.mp as Float64Array));
  });
});

describe('mismatching files fail and change nothing', () => {
  async function expectUnchanged(net: Network, act: () => Promise<void> | void, message: RegExp | typeof LoadError) {
    const before = snapshot(net);
    const step = net.getCurrentStep();
    await expect(async () => act()).rejects.toThrow(message);
    const after = snapshot(net);
    for (const [k, v] of before) expect(same(after.get(k)!, v), k).toBe(true);
    expect(net.getCurrentStep()).toBe(step);
  }

  it('missing population', async () => {
    const small = new Network({ seed: 1 });
    small.create(20, Leaky, { name: 'A' });
    await small.compile();
    const net = await rateNet();
    await net.simulate(5);
    await expectUnchanged(net, () => net.fromNpz(small.toNpz()), /population 'B' is not in the file/);
  });

  it('other population size', async () => {
    const other = new Network({ seed: 1 });
    other.create(21, Leaky, { name: 'A' });
    other.create(10, Leaky, { name: 'B' });
    await other.compile();
    const net = new Network({ seed: 1 });
    net.create(20, Leaky, { name: 'A' });
    net.create(10, Leaky, { name: 'B' });
    await net.compile();
    await net.simulate(3);
    await expectUnchanged(net, () => net.fromNpz(other.toNpz()), /population 'A', 'mp': 21 values in the file, 20 in the network/);
  });

  it('other connectivity size', async () => {
    const a = await spikingNet(11);
    const b = await spikingNet(12); // fixed probability: another number of synapses
    expect(a.getProjection('E')!.state.get('_pre_rank')!.length).not.toBe(b.getProjection('E')!.state.get('_pre_rank')!.length);
    await b.simulate(5);
    await expectUnchanged(b, () => b.fromNpz(a.toNpz()), /projection 'E', '\w+': \d+ values in the file, \d+ in the network \(connectivity differs\)/);
  });

  it('truncated and corrupt files, and JSON garbage', async () => {
    const net = await rateNet();
    const bytes = net.toNpz();
    await net.simulate(5);
    await expectUnchanged(net, () => net.fromNpz(bytes.subarray(0, bytes.length >> 1)), LoadError);
    const corrupt = bytes.slice();
    corrupt.fill(7, 100, 300);
    await expectUnchanged(net, () => net.fromNpz(corrupt), LoadError);
    await expectUnchanged(net, () => net.fromJson('{"format": "x"'), /not valid JSON/);
    writeFileSync(join(dir, 'empty.npz'), new Uint8Array(0));
    await expectUnchanged(net, () => net.load(join(dir, 'empty.npz')), LoadError);
  });
});

describe('parameters', () => {
  it('saveParameters/loadParameters write and read the global parameters as ANNarchy', async () => {
    const a = await rateNet();
    a.getPopulation('A')!.tau = 3.5;
    a.getProjection('AB')!.alpha = 2.0;
    const file = join(dir, 'params.json');
    await a.saveParameters(file);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(doc).sort()).toEqual(['constants', 'network', 'populations', 'projections']);
    expect(doc.populations.A).toEqual({ tau: 3.5 });
    expect(doc.projections.AB).toEqual({ tau: 500, alpha: 2 });
    const b = await rateNet();
    await b.loadParameters(file);
    expect(b.getPopulation('A')!.tau).toBe(3.5);
    expect(b.getProjection('AB')!.alpha).toBe(2);
    writeFileSync(file, JSON.stringify({ populations: { Z: { tau: 1 } } }));
    await expect(b.loadParameters(file)).rejects.toThrow(/population 'Z' is not in the network/);
  });
});

describe('NumPy reads our .npz', () => {
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0);
  it.skipIf(!python)('numpy.load gives the saved arrays bit for bit', async () => {
    const net = await spikingNet();
    await net.simulate(10);
    const file = join(dir, 'numpy.npz');
    await net.save(file);
    const script = `import numpy as np, json, sys
f = np.load(sys.argv[1])
out = {k: {'dtype': f[k].dtype.str, 'hex': f[k].tobytes().hex()} for k in ['P/v', 'P/_last_spike', 'E/w', 'E/_row_ptr', 'E/_delay', '_network/step']}
print(json.dumps(out))`;
    const r = spawnSync(python!, ['-c', script, file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout);
    const hex = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
    expect(got['P/v']).toEqual({ dtype: '<f8', hex: hex(net.getPopulation('P')!.state.get('v')!) });
    expect(got['P/_last_spike']).toEqual({ dtype: '<i4', hex: hex(net.getPopulation('P')!.state.get('_last_spike')!) });
    expect(got['E/w'].hex).toBe(hex(net.getProjection('E')!.state.get('w')!));
    expect(got['E/_row_ptr'].hex).toBe(hex(net.getProjection('E')!.state.get('_row_ptr')!));
    expect(got['_network/step'].dtype).toBe('<i8');
  });
  if (!python) it('numpy not available: interoperability test skipped', () => { console.warn('NumPy not found (tried /usr/bin/python3, python3): skipping the numpy.load test'); });
});
