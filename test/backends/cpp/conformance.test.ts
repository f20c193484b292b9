// The `cpp` backend against the `js` backend: the same networks, built on both, must hold the same
// state after the same steps, BIT FOR BIT (every array of every population and projection: attributes,
// weighted sums, random draws, delay rings, spike lists). Also: thread-count independence, the
// library cache, and the errors when no compiler can build the code. Skipped when no g++/clang++.
import { describe, it, expect, beforeAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Synapse, Uniform, NetworkError, addFunction, type BackendName } from '../../../src/index.js';
import { conform as conformOn, snapshot, expectIdentical, rateNetwork, spikingNetwork, timedNetwork, drawsNetwork, axonNetwork, lateNetwork, poissonNetwork, type Builder, type Built } from '../../helpers/conformance.js';
import { findCompiler } from '../../../src/backends/cpp/toolchain.js';
import type { CppEngine } from '../../../src/backends/cpp/engine.js';

const compiler = await findCompiler();
if (!compiler) console.warn('test/backends/cpp: no g++ or clang++ found, the cpp backend tests are skipped');
const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');

/** js against cpp (`cpp` is the network on cpp). */
async function conform(build: Builder, ms: number, chunks = 2) {
  const { js, other } = await conformOn('cpp', { directory }, build, ms, chunks);
  return { js, cpp: other };
}

describe.skipIf(!compiler)('cpp backend: bit-identical to js', () => {
  it('random draws of every distribution, population draws, synapse draws, logic, mean operation', async () => {
    await conform(drawsNetwork, 25, 3);
  });

  it('simulateUntil with a stop condition stops at the same step', async () => {
    const js = drawsNetwork('js'), cpp = drawsNetwork('cpp');
    await js.net.compile();
    await cpp.net.compile({ directory });
    const tj = await js.net.simulateUntil({ maxDuration: 500 });
    const tc = await cpp.net.simulateUntil({ maxDuration: 500 });
    expect(tc).toBe(tj);
    expect(tj).toBeLessThan(500);
    expectIdentical(snapshot(js.net), snapshot(cpp.net), 'after simulateUntil');
  });

  beforeAll(() => { addFunction('unused_global(x) = 2.0 * x'); });

  it('rate-coded: Oja, delays (uniform, per synapse, changed after compile), global operations, conditionals, draws, constants, functions', async () => {
    const { cpp } = await conform(rateNetwork, 60, 3);
    expect(cpp.net.source).toContain('extern "C"');
  });

  it('Poisson inputs tested four neurons at a time (forGuarded: nx_v4 lanes): partial rate changes, zero rates, a remainder, a population rate', async () => {
    const { cpp } = await conform(poissonNetwork, 40, 3);
    expect(cpp.net.source).toMatch(/nx_any4\(/);
  });

  it('spiking: refractory, noise, spike delays (uniform, per synapse, changed), STDP from Poisson input, SpikeSourceArray, monitors', async () => {
    const { js, cpp } = await conform(spikingNetwork, 30, 2);
    const m = (n: Network) => n.monitors[0];
    expect(m(cpp.net).get('spike')).toEqual(m(js.net).get('spike'));
    const vj = m(js.net).get('v') as Float64Array[], vc = m(cpp.net).get('v') as Float64Array[];
    expect(vc.length).toBe(vj.length);
    vj.forEach((row, s) => expect(Array.from(vc[s])).toEqual(Array.from(row)));
    const gj = m(js.net).get('g_exc') as Float64Array[], gc = m(cpp.net).get('g_exc') as Float64Array[];
    gj.forEach((row, s) => expect(Array.from(gc[s])).toEqual(Array.from(row)));
  });

  it('spike-only monitors are recorded natively in batches: views, two monitors, pause/resume, every callbacks, Poisson input', async () => {
    const build = (backend: BackendName) => {
      const b = spikingNetwork(backend);
      b.net.monitors[0].stop(); // leave only spike monitors: the engine's batched path
      const P = b.net.getPopulation('P')!;
      const whole = b.net.monitor(P, 'spike');
      const view = b.net.monitor(P.slice(100, 180), 'spike');
      const input = b.net.monitor(b.net.getPopulation('poisson')!, 'spike');
      const late = b.net.monitor(P.slice(0, 40), 'spike', { start: false });
      return { ...b, whole, view, input, late };
    };
    const js = build('js'), cpp = build('cpp');
    await js.net.compile();
    await cpp.net.compile({ directory });
    const calls: Record<string, number[]> = { js: [], cpp: [] };
    for (const [name, b] of [['js', js], ['cpp', cpp]] as const) {
      b.net.every({ period: 7.3 }, (n) => { calls[name].push(n); if (n === 2) b.view.pause(); if (n === 4) b.view.resume(); });
      await b.net.simulate(25);
      b.late.start();
      await b.net.simulate(12.5);
    }
    expect(calls.cpp).toEqual(calls.js);
    for (const key of ['whole', 'view', 'input', 'late'] as const) {
      const sj = js[key].get('spike'), sc = cpp[key].get('spike');
      expect(sc, key).toEqual(sj);
      expect(cpp[key].times(), key).toEqual(js[key].times());
    }
    expect(Object.values(js.whole.get('spike', { keep: true })).flat().length).toBe(0); // emptied by get()
    expectIdentical(snapshot(js.net), snapshot(cpp.net), 'after the batched run');
  });

  it('batched Normal and Uniform draws (vectorised, blocks with a remainder, global draws) give the js bits', async () => {
    await conform((backend) => {
      const net = new Network({ seed: 77, backend });
      net.create(1000, new Neuron({
        parameters: 'm = 0.5 : population',
        equations: 'x = Normal(m, 2.0)\n y = Uniform(-1.0, 3.0)\n z = Normal(0.0, 1.0) : population\n r = r + x * y + z',
      }), { name: 'noisy' });
      net.create(37, new Neuron({ equations: 'r = Normal(-1.0, 0.5) + Uniform(0.0, 1.0)' }), { name: 'small' });
      return { net };
    }, 20, 2);
  });

  it('sin, cos, tan, atan, atan2, asin, acos, tanh, sinh, cosh give the js bits (fdlibm ports)', async () => {
    const { js } = await conform((backend) => {
      const net = new Network({ seed: 4, backend });
      const p = net.create(600, new Neuron({
        parameters: 'a = 0.0\n k = 0.0',
        equations: 's = sin(a + 0.37 * t) + cos(a * 1e-3 - t)\n c = cos(k * pi / 2 + 1e-9 * t) - sin(k * pi / 2 - 1e-7 * t)\n h = tanh(a * 1e-5 + 0.01 * t) + sinh(a * 1e-4 - t) + cosh(k * 0.3 + 1e-3 * t) + tanh(1e-9 * a)\n q = tan(a + t) + atan(a * 1e-3 - t) + atan2(k - 3.0, a * 1e-5 + t) + asin(sin(a)) + acos(cos(a * 1e-3 + t))\n r = s + c + h + q',
      }), { name: 'trig' });
      p.a = new Uniform(-8e5, 8e5);
      p.k = Float64Array.from({ length: 600 }, (_, i) => Math.round((i - 300) * 1.7));
      return { net };
    }, 15, 2);
    expect(Array.from(js.net.getPopulation('trig')!.state.get('r') as Float64Array).every(Number.isFinite)).toBe(true);
  });

  it('axonal spikes (axonSpike, axonReset, preAxonSpike)', async () => {
    await conform(axonNetwork, 20, 2);
  });

  it('steps past 2^31 (t, t_last, STDP event times) as on js', async () => {
    await conform(lateNetwork, 1, 2);
  });

  it('TimedArray inputs', async () => {
    await conform(timedNetwork, 17, 3);
  });

  it('reset() restores the state in C memory (delay rings re-created by the runtime are adopted)', async () => {
    const js = rateNetwork('js'), cpp = rateNetwork('cpp');
    await js.net.compile();
    await cpp.net.compile({ directory });
    for (const b of [js, cpp]) { await b.net.simulate(20); b.net.reset(); await b.net.simulate(15); }
    expectIdentical(snapshot(js.net), snapshot(cpp.net), 'after reset');
  });

  it('attribute reads and writes are zero-copy views of C memory', async () => {
    const { net } = timedNetwork('cpp');
    await net.compile({ directory });
    const out = net.getPopulation('out')!;
    const state = out.state.get('r') as Float64Array;
    expect(state.buffer.byteLength).toBeGreaterThanOrEqual(24);
    await net.simulate(6);
    expect(out.state.get('r')).toBe(state); // same view: the kernels wrote into it
    state[0] = 100;
    await net.simulate(1);
    expect((out.state.get('r') as Float64Array)[0]).toBe(0.5 * 100 + 3.0);
  });
});

describe.skipIf(!compiler)('cpp backend: threads, cache, errors', () => {
  // Large enough for the parallel loops (≥ 20 000 neurons, ≥ 100 000 synapses).
  function bigNetwork(backend: BackendName, numThreads = 1): Built {
    const net = new Network({ seed: 9, backend, numThreads });
    const N = new Neuron({
      parameters: 'tau = 10.0',
      equations: 'tau * dmp/dt + mp = sum(exc) + Normal(0.0, 1.0)\n r = pos(mp)',
    });
    const a = net.create(20_000, N, { name: 'big' });
    const b = net.create(400, N, { name: 'small' });
    net.connect(a, b, 'exc', new Synapse({ parameters: 'tau = 1000.0', equations: 'tau * dw/dt = pre.r * post.r - post.r * post.r * w' }), { name: 'dense' })
      .connectFixedProbability({ probability: 0.02, weights: new Uniform(0, 0.01) });
    net.connect(b, a, 'exc', undefined, { name: 'back' }).connectFixedProbability({ probability: 0.02, weights: 0.05 });
    // Above the element threshold: the neuron loop and the batched draws run on both threads.
    net.create(60_000, new Neuron({ equations: 'r = 0.5 * r + Normal(0.0, 1.0) * Uniform(0.0, 1.0)' }), { name: 'wide' });
    return { net };
  }

  it('1 and 2 threads give the same bits (and the same as js)', async () => {
    const one = bigNetwork('cpp', 1), two = bigNetwork('cpp', 2), js = bigNetwork('js');
    await one.net.compile({ directory });
    await two.net.compile({ directory, numThreads: 2 });
    await js.net.compile();
    expect((two.net.engine as CppEngine).info.threads).toBe(2);
    expect(two.net.source).toContain('#pragma omp parallel for');
    expect(two.net.source).toMatch(/#pragma omp parallel for[^\n]*\n\s*for \(int64_t _b = 0; _b < _n; _b \+= NX_RB\) nx_normal_block/);
    for (const b of [one, two, js]) await b.net.simulate(20);
    expectIdentical(snapshot(one.net), snapshot(two.net), '1 vs 2 threads');
    expectIdentical(snapshot(js.net), snapshot(one.net), 'js vs cpp');
  });

  it('an unchanged model is not compiled again', async () => {
    const a = timedNetwork('cpp');
    await a.net.compile({ directory });
    const b = timedNetwork('cpp');
    await b.net.compile({ directory });
    const info = (b.net.engine as CppEngine).info;
    expect(info.library.cached).toBe(true);
    expect(info.library.seconds).toBe(0);
  });

  it('a missing compiler is a NetworkError naming the command and advising the js backend', async () => {
    const { net } = timedNetwork('cpp');
    const p = net.compile({ directory, compiler: 'no-such-g++' });
    await expect(p).rejects.toThrow(NetworkError);
    await expect(p).rejects.toThrow(/no-such-g\+\+.*js/s);
  });

  it('a compiler error names the command and the first compiler message', async () => {
    const { net } = timedNetwork('cpp');
    const p = net.compile({ directory, compilerFlags: '-O2 -fno-such-flag-for-sure' });
    await expect(p).rejects.toThrow(NetworkError);
    await expect(p).rejects.toThrow(/fno-such-flag-for-sure[\s\S]*command: .*g\+\+|command:[\s\S]*js/);
  });
});
