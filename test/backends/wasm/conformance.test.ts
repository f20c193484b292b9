// The `wasm` backend against the `js` backend: the same networks hold the same state after the same
// steps, BIT FOR BIT (every array of every population and projection), on the networks of the cpp
// conformance test (test/helpers/conformance.ts) and on models written to meet the corners of the
// wasm lowering: JavaScript's truthiness of NaN and -0, its min/max/clip, int and bool attributes,
// `modulo` of negative numbers, refractory periods of NaN and Infinity, integer division.
import { describe, it, expect } from 'vitest';
import { Network, Neuron, Uniform } from '../../../src/index.js';
import { Convolution, Copy } from '../../../src/extensions/convolution/index.js';
import { conform, snapshot, expectIdentical, rateNetwork, spikingNetwork, timedNetwork, drawsNetwork, axonNetwork, lateNetwork, poissonNetwork, type Builder } from '../../helpers/conformance.js';

const onWasm = (build: Builder, ms: number, chunks = 2) => conform('wasm', { backend: 'wasm' }, build, ms, chunks);

/** The kernels the step function takes from the WebAssembly module. */
function wasmKernelsOf(net: Network): string[] {
  return [...(net.source ?? '').matchAll(/const (\w+) = W\.\1;/g)].map((m) => m[1]);
}

describe('wasm backend: bit-identical to js', () => {
  it('random draws of every distribution, population and synapse draws, logic, mean operation, stop conditions', async () => {
    const { other } = await onWasm(drawsNetwork, 25, 3);
    expect(wasmKernelsOf(other.net)).toEqual(expect.arrayContaining(['pop0_update', 'pop1_update', 'proj0_transmit', 'proj1_transmit']));
    const js = drawsNetwork('js'), wasm = drawsNetwork('wasm');
    await js.net.compile();
    await wasm.net.compile();
    const tj = await js.net.simulateUntil({ maxDuration: 500 });
    expect(await wasm.net.simulateUntil({ maxDuration: 500 })).toBe(tj);
    expect(tj).toBeLessThan(500);
  });

  it('rate-coded: Oja, delays (uniform, per synapse, changed after compile), global operations, conditionals, constants, functions', async () => {
    const { other } = await onWasm(rateNetwork, 60, 3);
    // Oja's equations, the uniform delay's and max operation's sums, mean/max/norm2 are wasm; the per-synapse delays' sum too (rate-coded: no ring of events).
    expect(wasmKernelsOf(other.net)).toEqual(expect.arrayContaining(['proj0_transmit', 'proj0_update', 'proj1_transmit', 'proj2_transmit', 'proj3_transmit', 'pop0_globalops', 'pop1_globalops']));
  });

  it('spiking: refractory, noise, spike delays (uniform, per synapse, changed), STDP from Poisson input, SpikeSourceArray, monitors', async () => {
    const { js, other } = await onWasm(spikingNetwork, 30, 2);
    const m = (n: Network) => n.monitors[0];
    expect(m(other.net).get('spike')).toEqual(m(js.net).get('spike'));
    const vj = m(js.net).get('v') as Float64Array[], vw = m(other.net).get('v') as Float64Array[];
    vj.forEach((row, s) => expect(Array.from(vw[s])).toEqual(Array.from(row)));
    // STDP's pre and post events, the uniform-delay source and the per-synapse delays' ring (ring.ts) are wasm.
    const kernels = wasmKernelsOf(other.net);
    const id = (name: string) => other.net.getProjection(name)!.id;
    expect(kernels).toEqual(expect.arrayContaining([`proj${id('stdp')}_transmit`, `proj${id('stdp')}_post`, `proj${id('i')}_transmit`, `proj${id('ev')}_transmit`]));
    // The inputs' kernels too (the Poisson geometric draw is the module's own, `defineGeometric`), and P's spike queue push.
    const pop = (name: string) => `pop${other.net.getPopulation(name)!.id}_update`;
    expect(kernels).toEqual(expect.arrayContaining([pop('poisson'), pop('ssa'), pop('P'), pop('P').replace('update', 'delay')]));
  });

  it('TimedArray inputs; reset() (delay rings re-created by the runtime are adopted)', async () => {
    await onWasm(timedNetwork, 17, 3);
    const js = rateNetwork('js'), wasm = rateNetwork('wasm');
    await js.net.compile();
    await wasm.net.compile();
    for (const b of [js, wasm]) { await b.net.simulate(20); b.net.reset(); await b.net.simulate(15); }
    expectIdentical(snapshot(js.net), snapshot(wasm.net), 'after reset');
  });

  it("JavaScript's number semantics in the lowering: truthiness of NaN and -0, min/max/clip with NaN, int and bool attributes, modulo, powers (squares multiplied), tanh/sinh/cosh (the module's own)", async () => {
    await onWasm((backend) => {
      const net = new Network({ seed: 8, backend, dt: 0.5, checkNumerics: 'off' }) // NaN on purpose;
      // 65 neurons: 32 pairs in the vector loop (./vector.ts) and one in its scalar remainder.
      const p = net.create(65, new Neuron({
        parameters: 'a = 0.0\n b = 0.0',
        equations: `
          nanv = if a > 10.0: 0.0 / 0.0 else: a
          z = if nanv: 1.0 else: 2.0
          negz = if -0.0 * a: 3.0 else: 4.0
          mn = min(nanv, b) + max(b, nanv) + clip(nanv, -1.0, 1.0) + clip(b, -0.5, 0.25)
          k = a * 7.3 - 3.0 : int
          flag = a > b : bool
          md = modulo(-7.5 + a, 3.0) + modulo(a - 20.0, 3.0) + modulo(k + 4, 3)
          pw = a^2.5 + power(b, 3) + a^0.5
          sq = (b * 1e155)^2 + pow(b * 1e-165, 2) + power(nanv, 2.0) + (a - 3.0)^2 + pow(-0.0 * b, 2)
          fin = isnan(nanv) + isfinite(1.0 / (a - b)) + round(a - 20.5) + floor(-a) + ceil(b) + sqrt(a) + fabs(b - a)
          hy = tanh(b * a - 3.0) + sinh(a * 2.0 - b) - cosh(nanv / 3.0) + tanh(b / 1000.0) : min = -1e300
          r = z + negz + mn + k + flag + md + pw + sq + fin + pos(b - 1.0) + neg(b - 1.0) + 1 / 2
        `,
      }), { name: 'numbers' });
      p.a = Float64Array.from({ length: 65 }, (_, i) => (i % 4 === 3 ? 20.5 : i * 0.37));
      p.b = new Uniform(-2.0, 2.0);
      return { net };
    }, 5, 2);
  });

  it('equations run two neurons at a time (f64x2) where they can, with the same bits: COBA, Izhikevich, calls per lane, squares in lanes', async () => {
    const { other } = await onWasm((backend) => {
      const net = new Network({ seed: 4, backend, dt: 0.1 });
      const coba = net.create(101, new Neuron({
        parameters: 'tau = 20.0 : population\n El = -60.0 : population\n Vt = -50.0 : population',
        equations: 'tau * dv/dt = (El - v) + g_exc * (0.0 - v) + 20.0 + Normal(0.0, 2.0)\n 5.0 * dg_exc/dt = -g_exc\n s = exp(-v / 40.0) + clip(v, -70.0, -55.0) : min = -100.0\n sq = 0.04 * v^2 + pow(v * 1e153, 2) + pow(v * 1e-170, 2.0)',
        spike: 'v > Vt', reset: 'v = El', refractory: 5.0,
      }), { name: 'coba' });
      coba.v = new Uniform(-70.0, -50.0);
      net.connect(coba, coba, 'exc', undefined, { name: 'rec' }).connectFixedProbability({ probability: 0.1, weights: 0.5 });
      // A chain of ite's: lanes would compute every branch; it stays one neuron at a time.
      const chain = Array.from({ length: 12 }, (_, k) => k).reduceRight((e, k) => `ite(u < ${(k + 1) / 13}, ${k} * u * u + 1.0, ${e})`, '12.0');
      net.create(9, new Neuron({ equations: `u = Uniform(0.0, 1.0)\n r = ${chain}` }), { name: 'chain' });
      return { net };
    }, 20, 2);
    expect(other.net.source).toMatch(/;; pop0_update \(equations two elements at a time: f64x2\)/);
    expect(other.net.source).toMatch(/;; pop1_update\n/);
  });

  it('Poisson inputs tested eight neurons at a time (gfor): rates changed in some neurons only, zero rates, refractory, a remainder of seven, a population of six (all remainder)', async () => {
    const { other } = await onWasm(poissonNetwork, 40, 3);
    expect(other.net.source).toMatch(/\(gfor i /);
    const spikes = other.net.monitors[0].get('spike') as Record<number, number[]>;
    // Neuron 9 fired at 300 Hz from 40 ms on: far more than at 49 Hz before; neuron 5 (0 Hz) never.
    expect(spikes[9].filter((s) => s >= 80).length).toBeGreaterThan(2 * spikes[9].filter((s) => s < 80).length);
    expect(spikes[5] ?? []).toEqual([]);
  });

  it('the step loop records spikes in the module, handing its log over when full (1.1 million spikes: 17 calls), as js records them', async () => {
    const build = (backend: 'js' | 'wasm') => {
      const net = new Network({ seed: 2, backend, dt: 1.0 });
      // Neuron i spikes at every step but those where (step + i) is a multiple of 7.
      const p = net.create(1000, new Neuron({ parameters: 'k = 0.0', equations: 'v = modulo(t + k, 7.0)', spike: 'v > 0.5' }), { name: 'all' });
      p.k = Float64Array.from({ length: 1000 }, (_, i) => i);
      const q = net.create(3, new Neuron({ equations: 'v = t', spike: 'v > 1000.0' }), { name: 'late' });
      return { net, m: net.monitor(p, 'spike'), late: net.monitor(q, 'spike') };
    };
    const js = build('js'), wasm = build('wasm');
    await js.net.compile();
    await wasm.net.compile();
    await js.net.simulate(1300);
    await wasm.net.simulate(1300);
    expect(wasm.net.source).toMatch(/;; run \(the step loop/);
    const sj = js.m.get('spike') as Record<number, number[]>, sw = wasm.m.get('spike') as Record<number, number[]>;
    let total = 0;
    for (let i = 0; i < 1000; i++) { expect(sw[i]).toEqual(sj[i]); total += sw[i].length; }
    expect(total).toBe(1000 * 1300 - Array.from({ length: 1000 }, (_, i) => Array.from({ length: 1300 }, (_, s) => (s + i) % 7 === 0).filter(Boolean).length).reduce((a, b) => a + b));
    expect(total).toBeGreaterThan(16 * 2 ** 16); // the log holds 2^16 spikes (run.ts logLength): 17 calls
    // get() empties the record (ANNarchy's default): read once.
    const late = wasm.late.get('spike') as Record<number, number[]>;
    expect(late).toEqual(js.late.get('spike'));
    expect(late[2]).toEqual(Array.from({ length: 299 }, (_, k) => 1001 + k)); // v = t > 1000 from step 1001 on
  });

  it('per-synapse delays: the ring grows its slots during a run, past the memory reserved (views re-made mid-run), as js', async () => {
    // 300 × 300 synapses, every pre neuron spiking at every step, delays of 1–50 steps: ≈ 2 million
    // synapses in flight (over 8 MB of slot lists against 3.6 MB of state): the memory grows inside runs.
    const { other } = await onWasm((backend) => {
      const net = new Network({ seed: 6, backend, dt: 1.0 });
      const pre = net.create(300, new Neuron({ equations: 'v = t', spike: 'v > -1.0' }), { name: 'pre' });
      const post = net.create(300, new Neuron({ equations: 'v = 0.5 * v + g_exc\n g_exc = 0.0', spike: 'v > 1000.0' }), { name: 'post' });
      net.connect(pre, post, 'exc', undefined, { name: 'ring' }).connectAllToAll({ weights: new Uniform(0.0, 0.001), delays: new Uniform(1.0, 50.0) });
      net.monitor(post.slice(0, 5), 'v');
      return { net };
    }, 30, 2);
    expect(other.net.engine!.getPendingEvents!(other.net.getProjection('ring')!.id)!.syn.length).toBeGreaterThan(2_000_000);
    // The state (≈ 40 bytes per synapse, 3.6 MB) and the reserve made the first memory; the rings grew it in the runs.
    expect(other.net.getPopulation('post')!.state.get('v')!.buffer.byteLength).toBeGreaterThan(12 * 2 ** 20);
  });

  it('steps past 2^31 (t, last spikes wrapped as an Int32Array wraps them, draws) as on js', async () => {
    await onWasm(lateNetwork, 1, 2);
  });

  it('refractory periods of NaN, Infinity, negative and fractional length (rounded and saturated as on js)', async () => {
    await onWasm((backend) => {
      const net = new Network({ seed: 3, backend, dt: 0.3 });
      const p = net.create(7, new Neuron({
        parameters: 'ref = 1.0',
        equations: 'v = v + 1.0',
        spike: 'v > 2.0', reset: 'v = 0.0', refractory: 'ref',
      }), { name: 'refr' });
      p.ref = [NaN, Infinity, -4.0, 0.45, 0.75, 1e12, 2.5];
      return { net };
    }, 6, 2);
  });

  it('a delay ring grown past the memory reserved at build (the memory grows; every view is re-made)', async () => {
    const build: Builder = (backend) => {
      const net = new Network({ seed: 1, backend, dt: 1.0 });
      const a = net.create(20000, new Neuron({ equations: 'r = sin(t + 0.001 * r) + Uniform(0.0, 0.1)' }), { name: 'a' });
      const b = net.create(10, new Neuron({ equations: 'r = sum(exc)' }), { name: 'b' });
      net.connect(a, b, 'exc', undefined, { name: 'delayed' }).connectFixedNumberPre({ number: 50, weights: 0.1, delays: 2.0 });
      return { net, after: (n, chunk) => { if (chunk === 0) n.getProjection('delayed')!.delay = 12.0; } };
    };
    const { other } = await onWasm(build, 15, 3);
    // The grown ring (12 slots × 20 000 neurons × 8 bytes) is more than the 1 MiB reserved for growth.
    expect((other.net.getPopulation('a')!.state.get('_delayed_r') as Float64Array).length).toBeGreaterThanOrEqual(12 * 20000);
  });

  it('Copy shares its weights with the convolution it copies (one place in memory, one view), also after they are set', async () => {
    await onWasm((backend) => {
      const net = new Network({ seed: 2, backend, dt: 1 });
      const input = () => new Neuron({ parameters: 'baseline = 0.0', equations: 'r = baseline + sin(t)' });
      const a = net.create([5], input(), { name: 'a' }), b = net.create([5], new Neuron({ equations: 'r = sum(exc)' }), { name: 'b' });
      const c = net.create([5], input(), { name: 'c' }), d = net.create([5], new Neuron({ equations: 'r = sum(exc)' }), { name: 'd' });
      a.baseline = [1, 2, 3, 4, 5];
      c.baseline = [5, 4, 3, 2, 1];
      const conv = net.connect(new Convolution(a, b, 'exc')).connectFilter([2, 1, 3]);
      net.connect(new Copy(c, d, 'exc')).copy(conv);
      return { net, after: () => { conv.weights = [0, 1, -1]; } };
    }, 3, 3);
  });

  it('weights written after compile reach the spike walk (its inverse-ordered copy is rebuilt)', async () => {
    const { other } = await onWasm((backend) => {
      const net = new Network({ seed: 6, backend, dt: 0.5 });
      const p = net.create(60, new Neuron({ equations: 'v = v + Uniform(0.0, 0.6) + g_exc\n g_exc = 0', spike: 'v > 3.0', reset: 'v = 0.0' }), { name: 'p' });
      net.connect(p, p, 'exc', undefined, { name: 'rec' }).connectFixedProbability({ probability: 0.3, weights: new Uniform(0.0, 0.2) });
      return { net, after: (n, chunk) => { const r = n.getProjection('rec')!; r.w = (r.w as Float64Array[]).map((row) => row.map((x) => (chunk === 0 ? 3 * x : -x))); } };
    }, 10, 3);
    expect(other.net.source).toContain('_ipost');
  });

  it('axonal spikes (axonSpike, axonReset, preAxonSpike)', async () => {
    await onWasm(axonNetwork, 20, 2);
  });

  it("precision 'float32' (float32 attributes and weights, rounded on every store): draws of every distribution, TimedArray, axonal spikes, late spikes", async () => {
    // The rate, spiking and Poisson networks on 1 and 2 threads: ./float32.test.ts.
    const f32 = (build: Builder): Builder => (backend) => { const b = build(backend); b.net.config({ precision: 'float32' }); return b; };
    for (const [build, ms] of [[drawsNetwork, 25], [timedNetwork, 17], [axonNetwork, 20], [lateNetwork, 20]] as const) {
      const { other } = await onWasm(f32(build), ms, 2);
      expect([...other.net.populations[0].state.values()].some((x) => x instanceof Float32Array)).toBe(true);
    }
  });

  it('attribute reads and writes are views of the WebAssembly memory', async () => {
    const { net } = timedNetwork('wasm');
    await net.compile();
    const out = net.getPopulation('out')!;
    const state = out.state.get('r') as Float64Array;
    expect(state.buffer).toBeInstanceOf(ArrayBuffer);
    await net.simulate(6);
    expect(out.state.get('r')).toBe(state);
    state[0] = 100;
    await net.simulate(1);
    expect((out.state.get('r') as Float64Array)[0]).toBe(0.5 * 100 + 3.0);
  });
});
