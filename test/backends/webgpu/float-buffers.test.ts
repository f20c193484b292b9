// The float buffers (src/backends/webgpu/memory.ts `GroupBuffer`, `W<n>`): when the float arrays
// exceed one storage binding (2 GiB on NVIDIA's Vulkan driver: the dense rate network's 3.6 GB of
// weights at N = 30 000), the projections' per-synapse float arrays move out of `F` into float
// buffers of their own, each array within one. With the binding limit lowered (`bindingLimit`), the
// same network must compute exactly what it computes with every float in `F` (same adapter, same
// kernels, same order: the same bits), and what js computes within float32's accuracy; a network
// that does not fit even so is refused naming the limit.
import { describe, it, expect, afterEach } from 'vitest';
import { Network, Neuron, STDP, SpikeSourceArray, type BackendName, type Projection } from '../../../src/index.js';
import { RateNeuron } from '../../../bench/lib/rate.js';
import { RandomState } from '../../../bench/lib/numpy-random.js';
import { bindingLimit } from '../../../src/backends/webgpu/build.js';
import type { WebGpuEngine } from '../../../src/backends/webgpu/engine.js';
import { Layout } from '../../../src/backends/webgpu/memory.js';
import { probe, TOL, maxRelDiff } from './helpers.js';

const available = await probe('test/backends/webgpu/float-buffers');
afterEach(() => { delete bindingLimit.bytes; delete bindingLimit.buffers; });

/** Sets the lowered limits (`undefined`: the adapter's). */
function limit(bytes?: number, buffers?: number) {
  if (bytes === undefined) delete bindingLimit.bytes; else bindingLimit.bytes = bytes;
  if (buffers === undefined) delete bindingLimit.buffers; else bindingLimit.buffers = buffers;
}

/** Float buffers the kernels read or write, in name order. */
const floatBuffers = (source: string) => [...new Set(source.match(/\bW\d+(?=\[)/g) ?? [])].sort();

/**
 * The rate network of bench/rate.ts (dense J ~ N(0, 1/N) from NumPy's RandomState, no
 * self-connection, tanh rate units, g = 1.5, dt = 1 ms), its rows split by pre-synaptic slices into
 * `slices` projections, so that the weights of one network can spread over several buffers.
 */
function rateNet(backend: BackendName, N = 120, slices = 3) {
  const rng = new RandomState(1234);
  const x0 = rng.uniform(-1.0, 1.0, N);
  const J = rng.normal(0.0, 1.0 / Math.sqrt(N), N * N); // J[post, pre]
  for (let i = 0; i < N; i++) J[i * N + i] = NaN;
  const net = new Network({ dt: 1.0, seed: 1234, backend });
  const pop = net.create(N, RateNeuron, { name: 'rate' });
  pop.x = x0;
  pop.r = x0.map(Math.tanh);
  const m = N / slices;
  const projs: Projection[] = [];
  for (let s = 0; s < slices; s++) {
    const data = new Float64Array(N * m);
    for (let i = 0; i < N; i++) for (let j = 0; j < m; j++) data[i * m + j] = J[i * N + s * m + j];
    projs.push(net.connect(pop.slice(s * m, (s + 1) * m), pop, 'exc', undefined, { name: `J${s}` }).connectFromMatrix({ data, shape: [N, m] }));
  }
  const monitor = net.monitor(pop.slice(0, 10), 'r');
  return { net, pop, projs, monitor };
}

/** 20 ms, a write of J1's weights (halved) through the projection, 10 ms more. */
async function runRate(backend: BackendName) {
  const b = rateNet(backend);
  await b.net.compile({ backend });
  await b.net.simulate(20);
  const w = b.projs[1].get('w') as Float64Array[];
  b.projs[1].set({ w: w.map((row) => row.map((v) => v / 2)) });
  await b.net.simulate(10);
  const out = {
    r: Array.from(b.pop.r as Float64Array), x: Array.from(b.pop.x as Float64Array),
    trace: (b.monitor.get('r') as Float64Array[]).map((row) => Array.from(row)),
    w1: (b.projs[1].get('w') as Float64Array[]).map((row) => Array.from(row)),
    source: backend === 'webgpu' ? (b.net.engine as WebGpuEngine).source : '',
  };
  b.net.dispose();
  return out;
}

const LIF = new Neuron({
  parameters: 'tau = 20.0 : population\n El = -65.0 : population\n Vt = -50.0 : population\n I = 0.0',
  equations: 'tau * dv/dt = El - v + I + g_exc\n g_exc = 0.0',
  spike: 'v > Vt',
  reset: 'v = El',
  refractory: 2.0,
});

/** Deterministic input (SpikeSourceArray) onto LIF neurons through two all-to-all STDP projections. */
function stdpNet(backend: BackendName) {
  const net = new Network({ seed: 3, backend, dt: 0.1 });
  const times = Array.from({ length: 40 }, (_, i) => Array.from({ length: 6 }, (_, k) => 2.0 + (i * 0.9) % 17 + k * 19.0));
  const src = new SpikeSourceArray(times, { name: 'src', network: net });
  const post = net.create(20, LIF, { name: 'post' });
  post.v = -65.0;
  post.I = Array.from({ length: 20 }, (_, i) => 15.2 + i * 0.1);
  const rule = new STDP({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.02, A_minus: 0.021, w_max: 3.0 });
  const a = net.connect(src.slice(0, 20), post, 'exc', rule, { name: 'stdpA' }).connectAllToAll({ weights: 0.6, delays: 1.0 });
  const b = net.connect(src.slice(20), post, 'exc', rule, { name: 'stdpB' }).connectAllToAll({ weights: 0.5 });
  const monitor = net.monitor(post, 'spike');
  return { net, projs: [a, b], monitor };
}

async function runStdp(backend: BackendName) {
  const b = stdpNet(backend);
  await b.net.compile({ backend });
  await b.net.simulate(120);
  const out = {
    spikes: b.monitor.get('spike'),
    w: b.projs.map((p) => (p.get('w') as Float64Array[]).map((row) => Array.from(row))),
    source: backend === 'webgpu' ? (b.net.engine as WebGpuEngine).source : '',
  };
  b.net.dispose();
  return out;
}

describe.skipIf(!available)('webgpu: per-synapse float arrays in several storage buffers', () => {
  // Each projection's 4 760 weights (19 040 bytes) fit in a binding of 40 000 bytes, the three
  // together (with the rest of F) do not: two float buffers (and four of connectivity).
  it('the dense rate network with its weights over two buffers gives the bits of one buffer, and js within float32', async () => {
    const one = await runRate('webgpu');
    expect(floatBuffers(one.source)).toEqual([]);
    limit(40_000);
    const spread = await runRate('webgpu');
    expect(floatBuffers(spread.source)).toEqual(['W0', 'W1']);
    expect(spread.source).toMatch(/var<storage, read> W0: array<f32>;/); // static weights: read-only
    expect(spread.trace).toEqual(one.trace);
    expect(spread.r).toEqual(one.r);
    expect(spread.x).toEqual(one.x);
    expect(spread.w1).toEqual(one.w1);
    const js = await runRate('js');
    expect(spread.trace.length).toBe(30);
    expect(maxRelDiff(js.r, spread.r, 1e-2)).toBeLessThan(TOL);
    expect(maxRelDiff(js.x, spread.x, 1e-2)).toBeLessThan(TOL);
    expect(maxRelDiff(js.w1.flat(), spread.w1.flat())).toBeLessThan(TOL);
  });

  // 400 synapses a projection (1 600 bytes of w, and as much of each trace), a binding of 3 400 bytes.
  it('STDP weights in read-write float buffers: the same spikes and final weights as in one buffer, and as js', async () => {
    const one = await runStdp('webgpu');
    expect(floatBuffers(one.source)).toEqual([]);
    limit(3_400);
    const spread = await runStdp('webgpu');
    expect(floatBuffers(spread.source).length).toBeGreaterThanOrEqual(2);
    expect(spread.source).toMatch(/var<storage, read_write> W0: array<f32>;/);
    expect(spread.spikes).toEqual(one.spikes);
    expect(spread.w).toEqual(one.w);
    const js = await runStdp('js');
    expect(spread.spikes).toEqual(js.spikes);
    expect(maxRelDiff(js.w.flat(2), spread.w.flat(2))).toBeLessThan(TOL);
    let changed = 0;
    for (const v of spread.w.flat(2)) if (v !== 0.6 && v !== 0.5) changed++;
    expect(changed).toBeGreaterThan(400);
    expect(Object.values(spread.spikes).reduce((n, l) => n + l.length, 0)).toBeGreaterThan(20);
  });

  it('a network whose buffers exceed the storage buffers of a kernel is refused naming the limit', async () => {
    // Six groups (four of connectivity, two of weights) where 8 bindings leave room for four.
    limit(40_000, 8);
    await expect(runRate('webgpu')).rejects.toThrow(/needs more storage buffers than this GPU binds in one kernel \(maxStorageBuffersPerShaderStage 8: F, I, A, the indirect arguments and 4 buffers of at most 40000 bytes each.*\); the array '\w+' of projection 'J\d' \(\d+ bytes\) fits in none/);
    // One projection's weights larger than a binding.
    limit(12_000);
    await expect(runRate('webgpu')).rejects.toThrow(/the (float )?array '\w+' of projection 'J0' needs 19040 bytes, more than this GPU's storage buffer limit \(12000 bytes\)/);
  });

  it('float arrays go to the first float buffer of their access with room; F keeps the rest', () => {
    const L = new Layout({
      separateFloat: (owner, _id, name) => (owner !== 'proj' ? undefined : name === 'w' ? 'read' : 'written'),
      groupElements: 10, storageBuffers: 8,
    });
    const r = [L.add('proj', 0, 'w', 'f', 6), L.add('proj', 0, 'x', 'f', 6), L.add('proj', 1, 'w', 'f', 4), L.add('pop', 0, 'v', 'f', 3)];
    expect(r.map((x) => [x.buf, x.offset])).toEqual([['W0', 0], ['W1', 0], ['W0', 6], ['F', 0]]);
    expect(L.groups.map((g) => [g.name, g.written, g.elements])).toEqual([['W0', false, 10], ['W1', true, 6]]);
    expect(L.float('proj', 1, 'w')).toEqual({ buf: 'W0', off: '6' });
    expect(() => L.off('proj', 0, 'x')).toThrow(/lives in W1: read it with Layout.float/);
  });
});
