// Spikes in flight of per-synapse delays on the `webgpu` backend: they live in each projection's
// GPU ring, which save() must capture (getPendingEvents) and load() restore (setPendingEvents), in
// the js engine's layout so that files move between backends; and, as on js, the ring neither fills
// nor advances while the post-synaptic population is disabled. The input is a SpikeSourceArray, so
// the spikes are the same on every backend and the spikes in flight can be compared exactly;
// membrane potentials are compared within float32 accuracy. Skipped without an adapter.
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Uniform, SpikeSourceArray, type BackendName } from '../../../src/index.js';
import { probe, TOL, maxRelDiff } from './helpers.js';

const available = await probe('test/backends/webgpu (pending)');

const dir = mkdtempSync(path.join(os.tmpdir(), 'neurarchy-webgpu-save-'));

/** v is compared relative to |v| + 1e-2. */
const vDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => maxRelDiff(a, b, 1e-2);

const Leaky = new Neuron({
  parameters: 'tau = 10.0',
  equations: 'tau * dv/dt = -v + g_exc\n tau * dg_exc/dt = -g_exc',
  spike: 'v > 1000.0',
  reset: 'v = 0.0',
});

/** 40 input neurons firing often (by default), onto 10 leaky neurons through delays of 1 to 12 steps. */
const often = () => Array.from({ length: 40 }, (_, i) => Array.from({ length: 30 }, (_, k) => 0.5 * (1 + ((i * 3 + k * 7) % 13) + k * 8)));

async function build(backend: BackendName, { seed = 5, times = often(), fixedNumberPre = false } = {}) {
  const net = new Network({ seed, backend, dt: 0.5 });
  const src = new SpikeSourceArray(times, { name: 'src', network: net });
  const post = net.create(10, Leaky, { name: 'post' });
  const proj = net.connect(src, post, 'exc', undefined, { name: 'E' });
  const weights = new Uniform(0.1, 1.0), delays = new Uniform(0.5, 6.0);
  if (fixedNumberPre) proj.connectFixedNumberPre({ number: 8, weights, delays });
  else proj.connectFixedProbability({ probability: 0.5, weights, delays });
  await net.compile({ backend });
  return net;
}

const pendingOf = (net: Network) => net.engine!.getPendingEvents!(net.getProjection('E')!.id)!;
const v = (net: Network) => net.getPopulation('post')!.state.get('v')!;

describe.skipIf(!available)('webgpu backend: spikes in flight', () => {
  it('getPendingEvents gives the js engine\'s events', async () => {
    const js = await build('js'), gpu = await build('webgpu');
    for (const steps of [17, 40]) {
      await js.simulate(steps * js.dt);
      await gpu.simulate(steps * gpu.dt);
      const a = pendingOf(js), b = pendingOf(gpu);
      expect(a.syn.length).toBeGreaterThan(0);
      expect(Array.from(b.syn)).toEqual(Array.from(a.syn));
      expect(Array.from(b.ptr)).toEqual(Array.from(a.ptr));
    }
  });

  it.each(['npz', 'json'])('save/load (%s) continues like an uninterrupted run; files move between js and webgpu', async (fmt) => {
    const ref = await build('js');
    await ref.simulate(100 * ref.dt);

    const a = await build('webgpu');
    await a.simulate(37 * a.dt);
    const file = path.join(dir, `gpu.${fmt}`);
    await a.save(file);
    await a.simulate(63 * a.dt);
    expect(vDiff(v(ref), v(a))).toBeLessThan(TOL);

    // webgpu → webgpu: a fresh network that loads the file (after running on its own first)
    const b = await build('webgpu');
    await b.simulate(5 * b.dt);
    await b.load(file);
    expect(b.getCurrentStep()).toBe(37);
    await b.simulate(63 * b.dt);
    expect(Array.from(pendingOf(b).syn)).toEqual(Array.from(pendingOf(a).syn));
    expect(vDiff(v(a), v(b))).toBeLessThan(TOL);

    // webgpu → js
    const c = await build('js');
    await c.load(file);
    await c.simulate(63 * c.dt);
    expect(vDiff(v(ref), v(c))).toBeLessThan(TOL);

    // js → webgpu
    const j = await build('js');
    await j.simulate(37 * j.dt);
    const jsFile = path.join(dir, `js.${fmt}`);
    await j.save(jsFile);
    const d = await build('webgpu');
    await d.load(jsFile);
    await d.simulate(63 * d.dt);
    expect(vDiff(v(ref), v(d))).toBeLessThan(TOL);

    // Without the spikes in flight, the continuation differs: the test sees them.
    const e = await build('webgpu');
    await e.load(jsFile);
    e.engine!.setPendingEvents!(e.getProjection('E')!.id, { ptr: new Int32Array(1), syn: new Int32Array(0) });
    await e.simulate(63 * e.dt);
    expect(vDiff(v(ref), v(e))).toBeGreaterThan(1e-3);
  });

  it('spikes in flight that no delay can produce are refused, not dropped', async () => {
    const gpu = await build('webgpu');
    const id = gpu.getProjection('E')!.id;
    const delay = gpu.getProjection('E')!.state.get('_delay')!;
    const k = Array.from(delay).findIndex((d) => d === 1);
    // a synapse of delay 1 cannot be due in 3 steps
    expect(() => gpu.engine!.setPendingEvents!(id, { ptr: Int32Array.of(0, 0, 0, 1), syn: Int32Array.of(k) })).toThrow(/cannot be restored/);
  });

  it('a disabled post-synaptic population drops spikes and holds those in flight, as on js', async () => {
    const js = await build('js'), gpu = await build('webgpu');
    for (const net of [js, gpu]) {
      const post = net.getPopulation('post')!;
      await net.simulate(23 * net.dt);
      post.disable();
      await net.simulate(9 * net.dt);
      post.enable();
      await net.simulate(30 * net.dt);
    }
    expect(vDiff(v(js), v(gpu))).toBeLessThan(TOL);
    expect(Array.from(pendingOf(gpu).syn)).toEqual(Array.from(pendingOf(js).syn));
    // and it made a difference
    const plain = await build('js');
    await plain.simulate(62 * plain.dt);
    expect(vDiff(v(js), v(plain))).toBeGreaterThan(1e-3);
  });

  it('load() of other connectivity (same sizes) reaches the GPU: connectivity is re-uploaded after a signal only', async () => {
    // Same numbers of synapses, other ranks and delays: a file of seed 6 loaded into a network of seed 5.
    const ref = await build('js', { seed: 6, fixedNumberPre: true });
    await ref.simulate(20 * ref.dt);
    const file = path.join(dir, 'seed6.npz');
    await ref.save(file);
    await ref.simulate(40 * ref.dt);
    const gpu = await build('webgpu', { fixedNumberPre: true });
    await gpu.simulate(20 * gpu.dt);
    const before = Array.from(gpu.getProjection('E')!.state.get('_pre_rank')!);
    await gpu.load(file);
    expect(Array.from(gpu.getProjection('E')!.state.get('_pre_rank')!)).not.toEqual(before);
    await gpu.simulate(40 * gpu.dt);
    expect(vDiff(v(ref), v(gpu))).toBeLessThan(TOL);
    // proj.delay = … after a run (a signalled in-place write of _delay), at a time without spikes
    // in flight (a spike reaches a synapse at the delay it has when emitted on js, when delivered on webgpu).
    const gap = Array.from({ length: 40 }, (_, i) => [1 + (i % 5) * 0.5, 15 + (i % 7) * 0.5, 18 + (i % 3) * 0.5]);
    const js2 = await build('js', { times: gap }), gpu2 = await build('webgpu', { times: gap });
    for (const net of [js2, gpu2]) {
      await net.simulate(25 * net.dt);
      net.getProjection('E')!.delay = 2.0;
      await net.simulate(30 * net.dt);
    }
    expect(vDiff(v(js2), v(gpu2))).toBeLessThan(TOL);
  });
});
