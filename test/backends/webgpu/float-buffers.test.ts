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
import { Layout, plainMem, atomicMem } from '../../../src/backends/webgpu/memory.js';
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

/** 20 ms, a write of the last projection's weights (halved) through the projection, 10 ms more. */
async function runRate(backend: BackendName, slices = 3) {
  const b = rateNet(backend, 120, slices);
  await b.net.compile({ backend });
  await b.net.simulate(20);
  const last = b.projs[slices - 1];
  const w = last.get('w') as Float64Array[];
  last.set({ w: w.map((row) => row.map((v) => v / 2)) });
  await b.net.simulate(10);
  const out = {
    r: Array.from(b.pop.r as Float64Array), x: Array.from(b.pop.x as Float64Array),
    trace: (b.monitor.get('r') as Float64Array[]).map((row) => Array.from(row)),
    w1: (last.get('w') as Float64Array[]).map((row) => Array.from(row)),
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

/**
 * Deterministic input (SpikeSourceArray) onto LIF neurons through all-to-all STDP projections: two
 * of 400 synapses, or (`one`) one of 800.
 */
function stdpNet(backend: BackendName, one = false) {
  const net = new Network({ seed: 3, backend, dt: 0.1 });
  const times = Array.from({ length: 40 }, (_, i) => Array.from({ length: 6 }, (_, k) => 2.0 + (i * 0.9) % 17 + k * 19.0));
  const src = new SpikeSourceArray(times, { name: 'src', network: net });
  const post = net.create(20, LIF, { name: 'post' });
  post.v = -65.0;
  post.I = Array.from({ length: 20 }, (_, i) => 15.2 + i * 0.1);
  const rule = new STDP({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.02, A_minus: 0.021, w_max: 3.0 });
  const projs = one
    ? [net.connect(src, post, 'exc', rule, { name: 'stdp' }).connectAllToAll({ weights: 0.6, delays: 1.0 })]
    : [
      net.connect(src.slice(0, 20), post, 'exc', rule, { name: 'stdpA' }).connectAllToAll({ weights: 0.6, delays: 1.0 }),
      net.connect(src.slice(20), post, 'exc', rule, { name: 'stdpB' }).connectAllToAll({ weights: 0.5 }),
    ];
  const monitor = net.monitor(post, 'spike');
  return { net, projs, monitor };
}

async function runStdp(backend: BackendName, one = false) {
  const b = stdpNet(backend, one);
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

/** Compares a run spread over buffers with the one-buffer run and js: the same bits, and js within float32. */
function expectSameStdp(spread: Awaited<ReturnType<typeof runStdp>>, one: typeof spread, js: typeof spread, synapses: number) {
  expect(spread.spikes).toEqual(one.spikes);
  expect(spread.w).toEqual(one.w);
  expect(spread.spikes).toEqual(js.spikes);
  expect(maxRelDiff(js.w.flat(2), spread.w.flat(2))).toBeLessThan(TOL);
  let changed = 0;
  for (const v of spread.w.flat(2)) if (v !== 0.6 && v !== 0.5) changed++;
  expect(changed).toBeGreaterThan(synapses / 2);
  expect(Object.values(spread.spikes).reduce((n, l) => n + l.length, 0)).toBeGreaterThan(20);
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

  // One projection's 14 280 weights (57 120 bytes) in bindings of 40 000 bytes: the array spans two
  // float buffers (and its indices two connectivity buffers), reached through an accessor.
  it('the weights of one projection larger than a binding span two buffers: the bits of one buffer, and js within float32', async () => {
    const one = await runRate('webgpu', 1);
    limit(40_000);
    const spread = await runRate('webgpu', 1);
    expect(floatBuffers(spread.source)).toEqual(['W0', 'W1']);
    expect(spread.source).toMatch(/fn nx_r\d+\(k: i32\) -> f32 \{\n {2}if \(k >= 10000\) \{ return W1\[0 \+ k - 10000\]; \}\n {2}return W0\[0 \+ k\];/);
    expect(spread.source).toMatch(/fn nx_r\d+\(k: i32\) -> i32 \{/); // the pre-synaptic ranks too
    expect(spread.trace).toEqual(one.trace);
    expect(spread.r).toEqual(one.r);
    expect(spread.w1).toEqual(one.w1);
    const js = await runRate('js', 1);
    expect(maxRelDiff(js.r, spread.r, 1e-2)).toBeLessThan(TOL);
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
    expectSameStdp(spread, one, await runStdp('js'), 800);
  });

  // 800 synapses in one projection (3 200 bytes of each per-synapse array), bindings of 3 040 bytes:
  // every one of them spans two buffers and is written through its accessor.
  it('STDP weights of one projection larger than a binding: written across buffers, the same spikes and weights', async () => {
    const one = await runStdp('webgpu', true);
    limit(3_040);
    const spread = await runStdp('webgpu', true);
    expect(spread.source).toMatch(/fn nx_r\d+_st\(k: i32, v: f32\) \{/);
    expectSameStdp(spread, one, await runStdp('js', true), 800);
  });

  it('a network whose buffers exceed the storage buffers of a kernel is refused naming the limit', async () => {
    // Three buffers of weights and three of connectivity where 8 bindings leave room for four.
    limit(24_000, 8);
    await expect(runRate('webgpu')).rejects.toThrow(/needs more storage buffers than this GPU binds in one kernel \(maxStorageBuffersPerShaderStage 8: F, I, A, the indirect arguments and 4 buffers of at most 24000 bytes each.*\); the (float )?array '\w+' of projection 'J\d' \(\d+ bytes\) fits in none/);
    // The float arrays that stay in F (a population's) larger than a binding.
    limit(400);
    const net = new Network({ backend: 'webgpu' });
    net.create(200, RateNeuron, { name: 'big' });
    await expect(net.compile({ backend: 'webgpu' })).rejects.toThrow(/the network's float arrays that must share one storage buffer need \d+ bytes, more than this GPU's storage buffer limit \(400 bytes; the largest: '\w+' of population 'big' \(800 bytes\)/);
  });

  it('a monitor of plastic weights stored in float buffers records what it records with one buffer', async () => {
    const record = async () => {
      const b = stdpNet('webgpu');
      const m = b.net.monitor(b.projs[0], 'w', { period: 5 });
      await b.net.compile({ backend: 'webgpu' });
      await b.net.simulate(60);
      const rows = (m.get('w') as Float64Array[][]).map((t) => t.map((d) => Array.from(d)));
      b.net.dispose();
      return rows;
    };
    const one = await record();
    limit(3_400);
    const spread = await record();
    expect(spread.length).toBe(12);
    expect(spread).toEqual(one);
    expect(spread[11]).not.toEqual(spread[0]);
  });

  it('float arrays go to the first float buffer of their access with room; an array larger than one is cut into pieces', () => {
    const L = new Layout({
      separateFloat: (owner, _id, name) => (owner !== 'proj' ? undefined : name === 'x' ? 'written' : 'read'),
      splittable: (owner) => owner === 'proj',
      groupElements: 10, storageBuffers: 12,
    });
    const r = [L.add('proj', 0, 'w', 'f', 6), L.add('proj', 0, 'x', 'f', 6), L.add('proj', 1, 'w', 'f', 4), L.add('pop', 0, 'v', 'f', 3)];
    expect(r.map((x) => [x.buf, x.offset])).toEqual([['W0', 0], ['W1', 0], ['W0', 6], ['F', 0]]);
    expect(L.readFloat(plainMem, 'proj', 1, 'w', 'k')).toBe('W0[6 + k]');
    expect(L.readFloat(plainMem, 'pop', 0, 'v', 'i')).toBe('F[0 + i]');
    expect(() => L.off('proj', 0, 'x')).toThrow(/lives in W1: read it with Layout.readFloat/);
    // 25 elements: the room left in W1 (written: x), then a new buffer, then another.
    const big = L.add('proj', 2, 'x', 'f', 25);
    expect(big.parts!.map((p) => [p.buf, p.offset, p.start, p.length])).toEqual([['W1', 6, 0, 4], ['W2', 0, 4, 10], ['W3', 0, 14, 10], ['W4', 0, 24, 1]]);
    expect(L.groups.map((g) => [g.name, g.written, g.elements])).toEqual([['W0', false, 10], ['W1', true, 10], ['W2', true, 10], ['W3', true, 10], ['W4', true, 1]]);
    expect(L.readFloat(plainMem, 'proj', 2, 'x', 'k')).toBe(`${big.accessor}(k)`);
    expect(L.floatLocation(plainMem, 'proj', 2, 'x', 'k', false).store('v')).toBe(`${big.accessor}_st(k, v);`);
    expect(L.accessors()).toContain(`  if (k >= 24) { return W4[0 + k - 24]; }\n  if (k >= 14) { return W3[0 + k - 14]; }\n  if (k >= 4) { return W2[0 + k - 4]; }\n  return W1[6 + k];`);
    expect(() => L.floatLocation(atomicMem, 'proj', 2, 'x', 'k', true)).toThrow(/shared by several invocations/);
    // Past the buffers of a kernel (12 − F, I, A, IND: 8 groups), a piece is refused naming the array.
    expect(() => L.add('proj', 3, 'x', 'f', 45)).toThrow(/maxStorageBuffersPerShaderStage 12: .* 8 buffers of at most 40 bytes each.*the float array 'x' of proj 3 \(\d+ bytes in this piece\) fits in none/);
  });
});
