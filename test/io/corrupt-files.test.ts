// Corrupted and hand-edited save files (issue 13): refused with a LoadError naming the entry, the
// network untouched; never a crash, a hang or a silently changed value. The big battery (≥ 400
// variants: bit flips, truncations, edited entries) runs in a child process per backend so that a
// native crash fails the test; the cases below run in this process and name the examples.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network, Neuron, Uniform, Normal, TimedArray, PoissonPopulation, DecodingProjection } from '../../src/index.js';
import { LoadError } from '../../src/io/network-io.js';
import { decodeNpz, encodeNpz } from '../../src/io/npz.js';
import { describeBackends, compileFor, currentBackend } from '../helpers/backends.js';
import { corruptFixture } from './corrupt-fixture.js';
import { EDITS, applyEdit } from './corrupt-edits.js';

const dir = mkdtempSync(join(tmpdir(), 'neurarchy-corrupt-'));
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

describeBackends('corrupted save files', (backend) => {
  it('the battery (bit flips, truncations, edited entries) in a child process: all refused or identical, no crash', () => {
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['test/io/corrupt-battery.ts', backend], { encoding: 'utf8', timeout: 240_000 });
    expect(r.signal, `the child was killed by ${r.signal} (a crash or a hang); stderr: ${r.stderr.slice(-2000)}`).toBeNull();
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { counts: Record<string, number>; problems: string[] };
    expect(out.problems).toEqual([]);
    // 265 npz flips + 150 json flips + 70 + 30 truncations + every edit in its formats + 4 valid edits
    expect(out.counts.variants).toBeGreaterThanOrEqual(600);
    expect(out.counts.acceptedEdited).toBe(4);
    // Flips are refused except in the few bytes nothing reads (timestamps, "version made by").
    expect(out.counts.acceptedIdentical).toBeLessThan(15);
  }, 300_000);

  it('every edited entry of the file is refused in this process too, naming the entry, the network untouched', async () => {
    const source = await corruptFixture(currentBackend());
    await source.simulate(15);
    const good = source.toNpz(), json = source.toJson();
    const net = await corruptFixture(currentBackend());
    net.fromNpz(good);
    const before = net.toNpz();
    for (const e of EDITS) {
      for (const file of [good, json]) {
        const format = typeof file === 'string' ? 'json' : 'npz';
        if (e.format && e.format !== format) continue;
        const variant = applyEdit(file, e);
        const load = () => (typeof variant === 'string' ? net.fromJson(variant) : net.fromNpz(variant));
        expect(load, `${format}: ${e.what}`).toThrow(LoadError);
        expect(load, `${format}: ${e.what}`).toThrow(e.names);
        expect(equal(net.toNpz(), before), `${format}: ${e.what} changed the network`).toBe(true);
      }
    }
    // and the original still loads and runs
    net.fromNpz(good);
    await net.simulate(2);
    expect(net.getCurrentStep()).toBe(source.getCurrentStep() + 4);
  });

  it('single population and projection loads are validated the same way', async () => {
    const source = await corruptFixture(currentBackend());
    await source.simulate(10);
    const good = source.toNpz();
    const net = await corruptFixture(currentBackend());
    const before = net.toNpz();
    const cases: [string, string, (rec: Record<string, { data: ArrayLike<number>; dtype: string; shape: number[] }>) => void, () => Promise<void>, RegExp][] = [
      ['pop.npz', 'P/_nspiked', (r) => { (r['P/_nspiked']!.data as Int32Array)[0] = 2 ** 31 - 1; }, () => net.getPopulation('P')!.load(join(dir, 'pop.npz')), /'P\/_nspiked'.*outside \[0, 60\]/],
      ['proj.npz', 'E/_pre_rank', (r) => { (r['E/_pre_rank']!.data as Int32Array)[0] = 60; }, () => net.getProjection('E')!.load(join(dir, 'proj.npz')), /'E\/_pre_rank'.*pre rank 60/],
      ['proj2.npz', 'E/_delay', (r) => { (r['E/_delay']!.data as Int32Array)[7] = 9; }, () => net.getProjection('E')!.load(join(dir, 'proj2.npz')), /'E\/_delay'.*element 7 is 9, outside \[1, 8\].*rings hold 8 steps/],
    ];
    for (const [file, , change, load, message] of cases) {
      const rec = decodeNpz(good) as never as Record<string, { data: ArrayLike<number>; dtype: string; shape: number[] }>;
      change(rec);
      writeFileSync(join(dir, file), encodeNpz(rec as never));
      await expect(load()).rejects.toThrow(LoadError);
      await expect(load()).rejects.toThrow(message);
      expect(equal(net.toNpz(), before), file).toBe(true);
    }
  });
});

describeBackends('rate-coded state and input counters', () => {
  /** TimedArray T (3 blocks, period) → R (rate, read with delays by R2), Poisson Q → R by a DecodingProjection. */
  async function rateNet() {
    const net = new Network({ seed: 4, dt: 1 });
    const t = new TimedArray({ rates: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], schedule: 2, period: 10, name: 'T', network: net });
    const rate = new Neuron({ equations: 'r = sum(exc) + sum(dec)' });
    const r = net.create(3, rate, { name: 'R' });
    const r2 = net.create(3, rate, { name: 'R2' });
    const q = new PoissonPopulation(4, { rates: 100, name: 'Q', network: net });
    net.connect(t, r, 'exc', undefined, { name: 'TR' }).connectOneToOne({ weights: 1 });
    net.connect(r, r2, 'exc', undefined, { name: 'RR' }).connectAllToAll({ weights: 0.5, delays: new Uniform(1, 4) });
    new DecodingProjection(q, r, 'dec', { window: 3, name: 'QR' }).connectAllToAll({ weights: 1 });
    await net.compile(compileFor());
    return net;
  }

  it.each([
    ['T/_ta_block', 4, /'T\/_ta_block'.*element 0 is 4, outside \[0, 3\]/],
    ['T/_ta_t', -1, /'T\/_ta_t'.*outside \[0, 9\]/],
    ['T/_ta_period', 0, /'T\/_ta_period': period 0 steps/],
    ['R/_delay_idx', 4, /'R\/_delay_idx'.*element 0 is 4, outside \[0, 3\]/],
    ['R/_delay_len', 99, /'R\/_delay_len': ring length 99, the network's delay rings have 4 slots/],
    ['QR/_dec_idx', 3, /'QR\/_dec_idx'.*outside \[0, 2\]/],
    ['RR/_delay', 5, /'RR\/_delay'.*element 0 is 5, outside \[1, 4\]/],
  ] as const)('%s = %d is refused', async (key, value, message) => {
    const a = await rateNet();
    await a.simulate(7);
    const good = a.toNpz();
    const b = await rateNet();
    b.fromNpz(good);
    expect(equal(b.toNpz(), good)).toBe(true);
    const before = b.toNpz();
    const rec = decodeNpz(good);
    (rec[key]!.data as Int32Array)[0] = value;
    expect(() => b.fromNpz(encodeNpz(rec as never))).toThrow(message);
    expect(equal(b.toNpz(), before)).toBe(true);
    // the untouched file continues exactly as the network that saved it
    await a.simulate(5);
    await b.simulate(5);
    expect(equal(b.toNpz(), a.toNpz())).toBe(true);
  });
});

describe('issue 13 examples', () => {
  it('a JSON step of 1.5 is a LoadError, not a raw RangeError', async () => {
    const net = await corruptFixture('js');
    const doc = JSON.parse(net.toJson());
    doc.arrays['_network/step'].data = [1.5];
    expect(() => net.fromJson(JSON.stringify(doc))).toThrow(/'_network\/step': element 0 \(1\.5\) is not a 64-bit integer/);
    doc.arrays['_network/step'].data = ['7'];
    net.fromJson(JSON.stringify(doc));
    expect(net.getCurrentStep()).toBe(7);
  });

  it('a flipped byte in a stored weight is refused by the CRC-32 of its entry', async () => {
    const net = await corruptFixture('js');
    const bytes = net.toNpz();
    const before = net.toNpz();
    // find the raw float64 bytes of the first weight of E inside the (stored) archive
    const w0 = new Uint8Array(Float64Array.of((net.getProjection('E')!.state.get('w') as Float64Array)[0]!).buffer);
    let at = -1;
    for (let i = 0; i < bytes.length - 8 && at < 0; i++) if (w0.every((b, k) => bytes[i + k] === b)) at = i;
    expect(at).toBeGreaterThan(0);
    const bad = bytes.slice();
    bad[at + 7]! ^= 0x01;
    expect(() => net.fromNpz(bad)).toThrow(/entry 'E\/w\.npy': CRC-32 mismatch/);
    expect(equal(net.toNpz(), before)).toBe(true);
  });

  it('a missing file is a LoadError naming it', async () => {
    const net = new Network();
    await expect(net.load(join(dir, 'nope', 'missing.npz'))).rejects.toThrow(/cannot read '.*missing\.npz'/);
    await expect(net.load(join(dir, 'nope', 'missing.npz'))).rejects.toThrow(LoadError);
  });

  it('loadParameters refuses malformed structures with a LoadError', async () => {
    const net = await corruptFixture('js');
    const file = join(dir, 'params.json');
    for (const [doc, message] of [
      [[1, 2], /not a parameters object/],
      [{ populations: null }, /'populations' is not an object/],
      [{ populations: { P: 5 } }, /population 'P': not an object of parameter values/],
      [{ populations: { P: { tau: '10' } } }, /population 'P', 'tau': "10" is not a number/],
      [{ population: {} }, /unknown key 'population'/],
    ] as const) {
      writeFileSync(file, JSON.stringify(doc));
      await expect(net.loadParameters(file), JSON.stringify(doc)).rejects.toThrow(message);
      await expect(net.loadParameters(file)).rejects.toThrow(LoadError);
    }
    expect(net.getPopulation('P')!.tau).toBe(10);
  });
});

describe('file writers create missing folders (issue 12)', () => {
  it('save, pop.save, saveParameters, report and saveConnectivity write into folders that do not exist yet', async () => {
    const net = await corruptFixture('js');
    const root = join(dir, 'fresh');
    await net.save(join(root, 'a', 'state.npz'));
    await net.save(join(root, 'b', 'state.json'));
    await net.getPopulation('P')!.save(join(root, 'c', 'd', 'P.npz'));
    await net.saveParameters(join(root, 'e', 'params.json'));
    await net.report({ filename: join(root, 'f', 'model.md') });
    await net.getProjection('E')!.saveConnectivity(join(root, 'g', 'E.npz'));
    for (const f of ['a/state.npz', 'b/state.json', 'c/d/P.npz', 'e/params.json', 'f/model.md', 'g/E.npz']) expect(existsSync(join(root, f)), f).toBe(true);
    const other = await corruptFixture('js');
    await other.load(join(root, 'a', 'state.npz'));
    expect(equal(other.toNpz(), net.toNpz())).toBe(true);
    expect(readFileSync(join(root, 'f', 'model.md'), 'utf8')).toContain('P');
  });

  it('a folder that cannot be created is a NetworkError naming the file', async () => {
    const net = await corruptFixture('js');
    writeFileSync(join(dir, 'plain-file'), 'x');
    await expect(net.save(join(dir, 'plain-file', 'state.npz'))).rejects.toThrow(/cannot write '.*plain-file\/state\.npz': .*(ENOTDIR|EEXIST)/);
  });
});

const LIF = new Neuron({
  parameters: 'tau = 10.0 : population\n I = 0.0',
  equations: 'tau * dv/dt = -60.0 - v + g_exc + I + 3.0 * Normal(0, 1)\n tau * dg_exc/dt = -g_exc',
  spike: 'v > -50.0',
  reset: 'v = -60.0',
});

describeBackends('saveConnectivity / connectFromFile', () => {
  /** Two populations; E connected by `connect` (a connector, or a file). */
  function build(connect: (proj: ReturnType<Network['connect']>) => unknown) {
    const net = new Network({ seed: 9, dt: 0.25 });
    const a = net.create(30, LIF, { name: 'A' });
    const b = net.create(20, LIF, { name: 'B' });
    a.I = new Normal(12, 1);
    b.I = 9.5;
    const proj = net.connect(a, b, 'exc', undefined, { name: 'E' });
    return { net, proj, done: connect(proj) };
  }

  it.each(['npz', 'json'])('round trip (%s): identical connectivity, weights and delays, and the same spikes', async (format) => {
    const A = build((p) => p.connectFixedProbability({ probability: 0.3, weights: new Uniform(0.5, 3), delays: new Uniform(0.25, 3) }));
    const file = join(dir, `conn-${currentBackend()}.${format}`);
    await A.proj.saveConnectivity(file);
    const B = build((p) => p.connectFromFile(file));
    await B.done;
    await A.net.compile(compileFor());
    await B.net.compile(compileFor());
    for (const k of ['_row_ptr', '_post_rank', '_pre_rank', 'w', '_delay']) {
      expect(Array.from(B.proj.state.get(k)!), k).toEqual(Array.from(A.proj.state.get(k)!));
    }
    // the rings are sized by the longest delay in the file (the sampler's bound is not saved)
    expect(B.proj.connectivity!.maxDelay).toBe(Math.max(...B.proj.state.get('_delay')!));
    expect(A.proj.state.get('_pre_rank')!.length).toBeGreaterThan(100);
    const ma = A.net.monitor(A.net.getPopulation('B')!, 'spike'), mb = B.net.monitor(B.net.getPopulation('B')!, 'spike');
    await A.net.simulate(60);
    await B.net.simulate(60);
    const sa = ma.get('spike') as Record<number, number[]>;
    expect(Object.values(sa).flat().length).toBeGreaterThan(20);
    expect(mb.get('spike')).toEqual(sa);
  });

  it('the .npz holds one row per synapse: post and pre ranks, w and delay in ms', async () => {
    const A = build((p) => p.connectFromMatrix([[1, null], [null, 2]].concat(Array.from({ length: 18 }, () => [null, null])).map((r) => [...r, ...Array(28).fill(null)]), { delays: 1.0 }));
    const file = join(dir, 'small.npz');
    await A.proj.saveConnectivity(file);
    const rec = decodeNpz(new Uint8Array(readFileSync(file)));
    const col = (k: string) => Array.from(rec[k]!.data as ArrayLike<number>);
    expect(col('post_ranks')).toEqual([0, 1]);
    expect(col('pre_ranks')).toEqual([0, 1]);
    expect(col('w')).toEqual([1, 2]);
    expect(col('delay')).toEqual([1, 1]);
    expect(rec.pre_ranks!.dtype).toBe('<i4');
  });

  it('files that would build an invalid connectivity are refused with a LoadError naming the column', async () => {
    const rows = { post_ranks: [0, 1, 1], pre_ranks: [2, 3, 4], w: [1, 1, 1], delay: [1, 1, 1] };
    const cases: [Partial<Record<keyof typeof rows, (number | string)[]>>, RegExp][] = [
      [{ pre_ranks: [2, 30, 4] }, /'pre_ranks'\[1\] = 30 is not a neuron of the pre-synaptic side \('A', 30 neurons\)/],
      [{ post_ranks: [0, 1, -1] }, /'post_ranks'\[2\] = -1/],
      [{ pre_ranks: [2, 3, 3] }, /from pre rank 3 to post rank 1 is in the file twice/],
      [{ w: [1, 'NaN', 1] }, /invalid weight NaN/],
      [{ delay: [1, -1, 1] }, /invalid delay -1/],
      [{ delay: [1, 1] }, /'delay' has 2 values, 'pre_ranks' 3/],
      [{ pre_ranks: [2, 3.5, 4] }, /'pre_ranks'\[1\] = 3.5 is not an integer rank/],
    ];
    for (const [change, message] of cases) {
      const file = join(dir, 'bad-conn.json');
      writeFileSync(file, JSON.stringify({ format: 'neurarchy-connectivity', version: 1, ...rows, ...change }));
      const { done } = build((p) => p.connectFromFile(file));
      await expect(done, JSON.stringify(change)).rejects.toThrow(message);
      await expect(done).rejects.toThrow(LoadError);
    }
    // a view: ranks outside it are refused
    const net = new Network();
    const a = net.create(10, LIF, { name: 'A' });
    const file = join(dir, 'view.json');
    writeFileSync(file, JSON.stringify({ format: 'neurarchy-connectivity', version: 1, post_ranks: [0], pre_ranks: [7], w: [1], delay: [0] }));
    await expect(net.connect(a.slice(0, 5), a, 'exc').connectFromFile(file)).rejects.toThrow(/'pre_ranks'\[0\] = 7 is not a neuron of the pre-synaptic side \('A', 5 neurons\)/);
    // and an npz that is not a connectivity file
    writeFileSync(join(dir, 'state.npz'), net.toNpz());
    await expect(net.connect(a, a, 'exc').connectFromFile(join(dir, 'state.npz'))).rejects.toThrow(/the file has no 'post_ranks'.*saveConnectivity/);
  });
});
