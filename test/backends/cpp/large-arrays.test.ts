// Arrays larger than koffi's view limit on the cpp backend (src/backends/cpp/loader.ts `viewLimit`):
// koffi 3.3.4 aborts the process for a view of more than 4 GiB, so the engine keeps such arrays in
// JavaScript memory and hands their address to C, and copies the spike logs out in pieces. The limit
// is lowered here to a few KB, so that small networks take that path: they must give the same bits as
// with the normal limit and as on js, over several simulate() calls, with attribute reads and
// writes, save/load and dispose. Skipped when no g++/clang++.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Synapse, Uniform, Normal, PoissonPopulation, NetworkError, type BackendName } from '../../../src/index.js';
import { conform, snapshot, expectIdentical, rateNetwork, spikingNetwork } from '../../helpers/conformance.js';
import { findCompiler } from '../../../src/backends/cpp/toolchain.js';
import { loadLibrary, viewLimit } from '../../../src/backends/cpp/loader.js';
import type { CppEngine } from '../../../src/backends/cpp/engine.js';

const compiler = await findCompiler();
if (!compiler) console.warn('test/backends/cpp/large-arrays: no g++ or clang++ found, skipped');
const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');

/** The lowered limit: 512 doubles. */
const LIMIT = 4096;
const NORMAL = viewLimit.bytes;

const Leaky = new Neuron({
  parameters: 'tau = 10.0\n baseline = 0.1',
  equations: 'tau * dr/dt + r = baseline + sum(exc) : min = 0.0',
});
/** Oja's rule: every weight of the dense projection changes every step. */
const Oja = new Synapse({
  parameters: 'tau = 2000.0\n alpha = 8.0',
  equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w',
  psp: 'w * pre.r',
});

const NPRE = 60, NPOST = 50;

/** A rate network whose dense projection (connectFromMatrix: 3000 weights, 24 000 bytes) exceeds the lowered limit. */
function denseRate(backend: BackendName) {
  const net = new Network({ seed: 3, backend, dt: 1.0 });
  const a = net.create(NPRE, Leaky, { name: 'A' });
  const b = net.create(NPOST, Leaky, { name: 'B' });
  a.baseline = Array.from({ length: NPRE }, (_, i) => ((i * 7) % 11) * 0.1);
  const rows = Array.from({ length: NPOST }, (_, i) => Array.from({ length: NPRE }, (_, j) => ((i * 31 + j * 17) % 23) / 230));
  net.connect(a, b, 'exc', Oja, { name: 'dense' }).connectFromMatrix(rows);
  return net;
}

const LIF = new Neuron({
  parameters: 'tau = 20.0\n Vt = -50.0\n Vr = -60.0\n I = 12.0',
  equations: 'tau * dv/dt = (-60.0 - v) + g_exc * (0.0 - v) + g_inh * (-80.0 - v) + I + 2.0 * Normal(0.0, 1.0)\n 5.0 * dg_exc/dt = -g_exc\n 10.0 * dg_inh/dt = -g_inh',
  spike: 'v > Vt', reset: 'v = Vr', refractory: 2.0,
});

/** COBA-like: 400 neurons, recurrent connectFixedProbability (≈16 000 synapses), Poisson input; only spikes are monitored (the native spike log). */
function coba(backend: BackendName) {
  const net = new Network({ seed: 9, backend, dt: 0.1 });
  const P = net.create(400, LIF, { name: 'P' });
  P.v = new Normal(-55.0, 5.0);
  net.connect(P.slice(0, 320), P, 'exc', undefined, { name: 'e' }).connectFixedProbability({ probability: 0.1, weights: new Uniform(0.1, 0.6) });
  net.connect(P.slice(320), P, 'inh', undefined, { name: 'i' }).connectFixedProbability({ probability: 0.1, weights: 4.0, delays: new Uniform(0.1, 2.0) });
  const inp = new PoissonPopulation(100, { rates: 40.0, name: 'inp', network: net });
  net.connect(inp, P, 'exc', undefined, { name: 'in' }).connectFixedProbability({ probability: 0.2, weights: 0.5 });
  const m = net.monitor(P, ['spike']);
  return { net, m };
}

/** The cpp library of a compiled network (the loader's cached object, the one its engine calls). */
function libraryOf(net: Network) {
  return loadLibrary((net.engine as CppEngine).info.library.path);
}

describe.skipIf(!compiler)('cpp backend: arrays beyond koffi\'s view limit', () => {
  beforeEach(() => { viewLimit.bytes = LIMIT; });
  afterEach(() => { viewLimit.bytes = NORMAL; vi.restoreAllMocks(); });

  it('a dense projection beyond the limit: the same bits as with the normal limit and as js, with weight reads and writes', async () => {
    const js = denseRate('js');
    await js.compile();
    // The normal limit first: it also builds and loads the library, so that its allocations can be watched below.
    viewLimit.bytes = NORMAL;
    const normal = denseRate('cpp');
    await normal.compile({ directory });
    viewLimit.bytes = LIMIT;
    const lib = libraryOf(normal);
    const alloc = vi.spyOn(lib, 'alloc');
    const view = vi.spyOn(lib, 'view');
    const large = denseRate('cpp');
    await large.compile({ directory });
    expect(libraryOf(large)).toBe(lib);
    // The weights (and the other per-synapse arrays) are not in C memory: no block and no view beyond the limit.
    const requested = alloc.mock.calls.map(([bytes]) => bytes);
    expect(requested.length).toBeGreaterThan(0);
    expect(Math.max(...requested)).toBeLessThanOrEqual(LIMIT);
    expect(Math.max(...view.mock.calls.map(([, bytes]) => bytes))).toBeLessThanOrEqual(LIMIT);
    const w = large.getProjection('dense')!.state.get('w') as Float64Array;
    expect(w.byteLength).toBeGreaterThan(LIMIT);

    const nets = [js, normal, large];
    for (let chunk = 0; chunk < 3; chunk++) {
      for (const n of nets) await n.simulate(20);
      expectIdentical(snapshot(js), snapshot(normal), `normal limit, chunk ${chunk}`);
      expectIdentical(snapshot(js), snapshot(large), `lowered limit, chunk ${chunk}`);
      // Reads of the big array: the same weights, row by row.
      const wj = js.getProjection('dense')!.w as Float64Array[];
      const wl = large.getProjection('dense')!.w as Float64Array[];
      expect(wl.length).toBe(NPOST);
      for (let i = 0; i < NPOST; i++) expect(Array.from(wl[i])).toEqual(Array.from(wj[i]));
      // Writes: the whole projection, then one dendrite.
      for (const n of nets) {
        if (chunk === 0) n.getProjection('dense')!.w = new Uniform(0.0, 0.05);
        if (chunk === 1) n.getProjection('dense')!.dendrites[7].w = 0.2;
      }
    }
    expect(alloc.mock.calls.every(([bytes]) => bytes <= LIMIT)).toBe(true);
    expect(view.mock.calls.every(([, bytes]) => bytes <= LIMIT)).toBe(true);
    for (const n of [normal, large]) n.dispose();
  });

  it('the conformance networks (plasticity, delays, spikes, monitors, attribute and delay writes) stay bit-identical to js', async () => {
    await conform('cpp', { directory }, rateNetwork, 20, 3);
    await conform('cpp', { directory }, spikingNetwork, 10, 2);
  });

  it('a spiking network with per-synapse arrays beyond the limit, compiled afresh: same state and spikes as js; spike logs copied in pieces', async () => {
    const js = coba('js');
    const cpp = coba('cpp');
    await js.net.compile();
    await cpp.net.compile({ directory });
    for (let chunk = 0; chunk < 3; chunk++) {
      await js.net.simulate(40);
      await cpp.net.simulate(40);
      expectIdentical(snapshot(js.net), snapshot(cpp.net), `chunk ${chunk}`);
    }
    const sj = js.m.get('spike') as Record<number, number[]>;
    // More spikes than one piece of the log holds (LIMIT / 8 steps, LIMIT / 4 ranks).
    expect(Object.values(sj).flat().length).toBeGreaterThan(LIMIT / 4);
    expect(cpp.m.get('spike')).toEqual(sj);
    expect((cpp.net.getProjection('e')!.state.get('w') as Float64Array).byteLength).toBeGreaterThan(LIMIT);
    cpp.net.dispose();
  });

  it('save/load through npz continues identically', async () => {
    const a = denseRate('cpp');
    await a.compile({ directory });
    await a.simulate(15);
    const bytes = a.toNpz();
    await a.simulate(15);

    const b = denseRate('cpp');
    await b.compile({ directory });
    b.getProjection('dense')!.w = 0.0;
    await b.simulate(3);
    b.fromNpz(bytes);
    await b.simulate(15);
    expectIdentical(snapshot(a), snapshot(b), 'after load');
    a.dispose();
    b.dispose();
  });

  it('dispose() releases the network once; its arrays are no longer reachable through the network', async () => {
    const net = denseRate('cpp');
    await net.compile({ directory });
    await net.simulate(5);
    const kept = net.getProjection('dense')!.state.get('w') as Float64Array;
    const copy = kept.slice();
    net.dispose();
    net.dispose();
    expect(() => net.getProjection('dense')!.state.get('w')).toThrow(NetworkError);
    // An array kept by the user stays valid (JavaScript memory, not freed by C).
    expect(Array.from(kept)).toEqual(Array.from(copy));
    // Collecting the other engines' arrays must free nothing twice.
    (globalThis as { gc?: () => void }).gc?.();
  });
});
