// The wasm backend with precision 'float32' (ANNarchy's precision='float'): the models' real-valued
// attributes and the weights are Float32Arrays in the WebAssembly memory; the kernels compute in
// float64, loading an element with `f32.load` + `f64.promote_f32` and storing with `f32.demote_f64`
// + `f32.store` (round to nearest even: what a JavaScript Float32Array's store does), two at a time
// in the SIMD loops (`v128.load64_zero` + `f64x2.promote_low_f32x4`, `f32x4.demote_f64x2_zero` +
// `v128.store64_lane`; the lowering's own test: ./float32-lowering.test.ts). So the js and wasm
// (1 and 2 threads) networks hold the same bits:
// - the shared rate, spiking (LIF with uniform and per-synapse delays, STDP from Poisson input,
//   SpikeSourceArray) and Poisson networks, every state array compared after each chunk;
// - a COBA network above the element threshold, whose equations and draws are forked on 2 threads.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Synapse, Uniform, type BackendName } from '../../../src/index.js';
import { Convolution, Copy } from '../../../src/extensions/convolution/index.js';
import type { WasmEngine } from '../../../src/backends/wasm/engine.js';
import { snapshot, expectIdentical, rateNetwork, spikingNetwork, poissonNetwork, cobaAboveThreshold, type Builder } from '../../helpers/conformance.js';

/** Every network a test built, disposed after it even when it failed (their workers would count in the next tests). */
const built: Network[] = [];
afterEach(() => { for (const n of built.splice(0)) n.dispose(); });
/** `net`, disposed after the test. */
const held = (net: Network): Network => { built.push(net); return net; };

/** `build` with precision 'float32'. */
const float32 = (build: Builder): Builder => (backend) => {
  const b = build(backend);
  b.net.config({ precision: 'float32' });
  held(b.net);
  return b;
};

/** COBA above the element threshold (an odd size), delays on the inhibitory projection, in float32. */
const coba = float32((backend) => cobaAboveThreshold(backend, 1001));

/**
 * Builds on js and on wasm with each thread count; after each chunk (and its `after`), every array of
 * every network holds the js network's bits, and the spikes are js's. Returns the wasm networks.
 */
async function conformFloat32(build: Builder, ms: number, chunks: number, threads: number[]): Promise<Network[]> {
  const js = build('js');
  await js.net.compile();
  const nets = threads.map((t) => ({ t, b: build('wasm') }));
  for (const n of nets) await n.b.net.compile({ numThreads: n.t });
  for (let c = 0; c < chunks; c++) {
    await js.net.simulate(ms);
    const want = snapshot(js.net);
    const spikes = js.net.monitors.map((m) => m.get('spike'));
    for (const n of nets) {
      await n.b.net.simulate(ms);
      expectIdentical(want, snapshot(n.b.net), `${n.t} thread(s), after chunk ${c}`);
      n.b.net.monitors.forEach((m, k) => expect(m.get('spike'), `${n.t} thread(s): spikes`).toEqual(spikes[k]));
    }
    js.after?.(js.net, c);
    for (const n of nets) n.b.after?.(n.b.net, c);
  }
  // The weights and the populations' float attributes are float32 on both sides (int and bool
  // attributes stay float64): the test compares float32 bits.
  for (const net of [js.net, ...nets.map((n) => n.b.net)]) {
    for (const p of net.projections) if (p.state.has('w')) expect(p.state.get('w'), `${p.name}.w`).toBeInstanceOf(Float32Array);
    for (const p of net.populations) expect([...p.state.values()].filter((x) => x instanceof Float32Array).length, p.name).toBeGreaterThan(0);
  }
  return nets.map((n) => n.b.net);
}

describe("wasm with precision 'float32': bit-identical to js on 1 and 2 threads", () => {
  it('rate-coded: Oja, uniform and per-synapse delays, max operation, global operations, attribute and delay changes', async () => {
    const nets = await conformFloat32(float32(rateNetwork), 30, 2, [1, 2]);
    expect(nets[0].source).toMatch(/\(equations two elements at a time: f64x2\)/);
  });

  it('spiking: LIF with noise and refractoriness, spike delays (uniform, per synapse, changed), STDP from Poisson input, SpikeSourceArray, monitors', async () => {
    await conformFloat32(float32(spikingNetwork), 25, 2, [1, 2]);
  });

  it('Poisson inputs (rates changed between runs)', async () => {
    await conformFloat32(float32(poissonNetwork), 30, 2, [1, 2]);
  });

  it('COBA above the element threshold: its equations and spike test (thread blocks) and Normal draws forked on 2 threads', async () => {
    const nets = await conformFloat32(coba, 3, 2, [1, 2]);
    expect((nets[1].engine as WasmEngine).forks).toBeGreaterThan(0);
    expect(nets[1].source).toMatch(/;; pop0_blocks \(a share .*f64x2/);
  });

  it('save/load, reset() and weights written after compile (their inverse-ordered float32 copy rebuilt) continue as js does', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'neurarchy-wasm-float32-')), 'walk.npz');
    const [js, a, b] = [walk('js'), walk('wasm'), walk('wasm')];
    await js.compile();
    await a.compile();
    await b.compile({ numThreads: 2 });
    // Weights that are not float32 values: each is rounded when stored.
    const write = (n: Network) => { const r = n.getProjection('rec')!; r.w = (r.w as Float32Array[]).map((row) => Array.from(row, (x) => 3 * x + 0.01)); };
    for (const n of [js, a]) { await n.simulate(10); write(n); await n.simulate(5); }
    expect(a.source).toContain('_iw');
    await a.save(file);
    await b.load(file);
    expect(b.getProjection('rec')!.state.get('w')).toBeInstanceOf(Float32Array);
    for (const n of [js, a, b]) await n.simulate(10);
    expectIdentical(snapshot(js), snapshot(a), 'after the write');
    expectIdentical(snapshot(js), snapshot(b), 'loaded, 2 threads');
    for (const n of [js, a]) { n.reset(); await n.simulate(8); }
    expectIdentical(snapshot(js), snapshot(a), 'after reset');
  });
});

/** Spikes walked through the inverse-ordered copy of weights no kernel writes (`_iw`), and a ring of per-synapse delays. */
function walk(backend: BackendName): Network {
  const net = new Network({ seed: 6, backend, dt: 0.5, precision: 'float32' });
  const p = net.create(60, new Neuron({ equations: 'v = v + Uniform(0.0, 0.6) + g_exc\n g_exc = 0', spike: 'v > 3.0', reset: 'v = 0.0' }), { name: 'p' });
  net.connect(p, p, 'exc', undefined, { name: 'rec' }).connectFixedProbability({ probability: 0.3, weights: new Uniform(0.0, 0.2) });
  net.connect(p, p, 'exc', undefined, { name: 'late' }).connectFixedProbability({ probability: 0.2, weights: new Uniform(0.0, 0.3), delays: new Uniform(0.5, 4.0) });
  net.monitor(p, 'spike');
  return held(net);
}

/** Structural plasticity by hand (the runtime rebuilds the projection's arrays, in float32 again). */
function rewired(backend: BackendName): Network {
  const net = new Network({ seed: 3, backend, dt: 1.0, precision: 'float32', structuralPlasticity: true });
  const pre = net.create(30, new Neuron({ parameters: 'baseline = 0.0', equations: 'r = baseline + 0.1 * sin(t / 3.0)' }), { name: 'pre' });
  pre.baseline = Array.from({ length: 30 }, (_, i) => 0.1 * i);
  const post = net.create(20, new Neuron({ equations: 'tau = 7.0\n tau * dr/dt + r = sum(exc)' }), { name: 'post' });
  net.connect(pre, post, 'exc', new Synapse({ equations: 'dw/dt = 0.01 * pre.r * post.r - 0.001 * w\n age = age + 1' }), { name: 'plastic' })
    .connectFixedProbability({ probability: 0.3, weights: new Uniform(0.0, 0.2) });
  return held(net);
}

describe("wasm with precision 'float32': arrays the runtime rebuilds", () => {
  it('synapses created and pruned between runs (rebuilt arrays adopted as float32 slots), as js', async () => {
    const [js, one, two] = [rewired('js'), rewired('wasm'), rewired('wasm')];
    await js.compile();
    await one.compile();
    await two.compile({ numThreads: 2 });
    for (let c = 0; c < 3; c++) {
      for (const n of [js, one, two]) {
        await n.simulate(7);
        const p = n.getProjection('plastic')!;
        const d = p.dendrite(c);
        const free = Array.from({ length: 30 }, (_, i) => i).find((i) => !d.preRanks.includes(i))!;
        d.createSynapse(free, 0.123456789);
        p.pruneSynapse(c + 5, p.dendrite(c + 5).preRanks[0]);
      }
    }
    for (const n of [js, one, two]) await n.simulate(5);
    expect(one.getProjection('plastic')!.state.get('w')).toBeInstanceOf(Float32Array);
    expectIdentical(snapshot(js), snapshot(one), '1 thread');
    expectIdentical(snapshot(js), snapshot(two), '2 threads');
  });
});

/**
 * The kernels wasm still takes from js, over float32 views of its memory: a convolution and a Copy
 * of it (shared weights), a procedural projection's spike walk (its drawn weights rounded as
 * stored ones), a stop condition.
 */
function imported(backend: BackendName): Network {
  const net = new Network({ seed: 8, backend, dt: 0.5, precision: 'float32' });
  const input = () => new Neuron({ parameters: 'baseline = 0.0', equations: 'r = baseline + sin(t / 3.0)' });
  const a = net.create([7], input(), { name: 'a' }), b = net.create([7], new Neuron({ equations: 'r = sum(exc) / 3.0' }), { name: 'b' });
  const c = net.create([7], input(), { name: 'c' }), e = net.create([7], new Neuron({ equations: 'r = sum(exc) * 0.1' }), { name: 'e' });
  a.baseline = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
  c.baseline = [0.7, 0.1, 0.3, 0.9, 0.5, 0.2, 0.4];
  const conv = net.connect(new Convolution(a, b, 'exc')).connectFilter([0.2, 0.7, -0.3]);
  net.connect(new Copy(c, e, 'exc')).copy(conv);
  const P = net.create(200, new Neuron({
    parameters: 'tau = 10.0',
    equations: 'tau * dv/dt = -v + g_exc + 1.2 + Uniform(-0.5, 0.5)\n 3.0 * dg_exc/dt = -g_exc',
    spike: 'v > 1.0', reset: 'v = 0.0',
  }), { name: 'P', stopCondition: 'v > 0.999 : any' });
  net.connect(P, P, 'exc').connectFixedProbability({ probability: 0.1, weights: new Uniform(0.05, 0.2), delays: 1.0, procedural: true });
  net.monitor(P, 'spike');
  return held(net);
}

describe("wasm with precision 'float32': the kernels it imports from js", () => {
  it('convolution and Copy, a procedural spike walk, a stop condition: as js', async () => {
    const [js, wasm] = [imported('js'), imported('wasm')];
    await js.compile();
    await wasm.compile();
    const tj = await js.simulateUntil({ maxDuration: 200 });
    expect(await wasm.simulateUntil({ maxDuration: 200 })).toBe(tj);
    expect(tj).toBeLessThan(200);
    for (const n of [js, wasm]) await n.simulate(20);
    expectIdentical(snapshot(js), snapshot(wasm), 'after the runs');
    expect(wasm.monitors[0].get('spike')).toEqual(js.monitors[0].get('spike'));
    expect(wasm.getPopulation('b')!.state.get('r')).toBeInstanceOf(Float32Array);
  });
});
