// Structural plasticity in a spiking network with per-synapse delays, event-driven learning,
// monitors of the projection and save/load: js and cpp give the same synapses and the same bits;
// spikes in flight follow their synapse; a file saved after rewiring loads into a fresh network.
import { it, expect, describe } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describeBackends, compileFor, compileOptions, isFloat32, onWebGpu } from '../helpers/backends.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';
import { Network, Neuron, Synapse, Uniform } from '../../src/index.js';

const LIF = new Neuron({
  parameters: 'tau = 10.0\n I = 1.2',
  equations: 'tau * dv/dt = -v + I + g_exc : init = 0.0\n g_exc = 0.0',
  spike: 'v > 1.0', reset: 'v = 0.0',
});
const Plastic = new Synapse({
  parameters: 'tau_x = 20.0',
  equations: 'tau_x * dx/dt = -x : event-driven',
  preSpike: 'g_target += w\n x += 1.0',
  postSpike: 'w = clip(w + 0.01 * x, 0.0, 1.0)',
  creating: 'pre.v > 0.6 and post.v > 0.6 : proba = 0.3, w = 0.2, d = 2.0',
  pruning: 'x < Uniform(0.0, 0.2) : proba = 0.2',
});

async function build(compile: Parameters<Network['compile']>[0]) {
  const net = new Network({ structuralPlasticity: true, seed: 2024 });
  const pop = net.create(24, LIF);
  pop.I = new Uniform(0.9, 1.6);
  const proj = net.connect(pop, pop, 'exc', Plastic).connectFixedProbability({ probability: 0.25, weights: 0.3, delays: new Uniform(1, 5) });
  const mw = net.monitor(proj, 'w', { period: 10 });
  const ms = net.monitor(pop, 'spike');
  await net.compile(compile);
  proj.startCreating({ period: 10 });
  proj.startPruning({ period: 15 });
  return { net, pop, proj, mw, ms };
}

function fingerprint(r: Awaited<ReturnType<typeof build>>) {
  return {
    preRanks: r.proj.preRanks,
    w: r.proj.flat('w'), x: r.proj.flat('x'), v: Float64Array.from(r.pop.v as Float64Array),
    delay: r.proj.delay,
    monitored: (r.mw.get('w', { keep: true }) as Float64Array[][]).map((row) => row.map((d) => Array.from(d))),
    spikes: r.ms.get('spike', { keep: true }),
  };
}

/** js ≡ cpp needs a C++ compiler, and cpp among the selected backends (NEURARCHY_BACKENDS, default: all). */
const selected = process.env.NEURARCHY_BACKENDS;
const hasCompiler = (await findCompiler()) !== undefined && (!selected || selected.includes('cpp'));

describe('structural plasticity: js and cpp agree bit for bit', () => {
  it.skipIf(!hasCompiler)('same synapses created and pruned at the same steps, same values afterwards, on 1 and 2 threads (skipped without a C++ compiler or cpp)', async () => {
    const runs: Record<string, ReturnType<typeof fingerprint>> = {};
    const configs: [string, Parameters<Network['compile']>[0]][] = [
      ['js', compileOptions('js')], ['cpp', compileOptions('cpp')], ['cpp2', { ...compileOptions('cpp'), numThreads: 2 }],
    ];
    for (const [name, options] of configs) {
      const r = await build(options);
      await r.net.simulate(200);
      runs[name] = fingerprint(r);
    }
    const { js, cpp, cpp2 } = runs;
    // Two OpenMP threads: the same run (rules are evaluated on the host, with keyed draws).
    expect(cpp2).toEqual(cpp);
    // The rules did something, and the network spiked.
    const initial = 24 * 24 * 0.25;
    expect(js.preRanks.flat().length).not.toBe(Math.round(initial));
    expect(Object.values(js.spikes).flat().length).toBeGreaterThan(100);
    expect(cpp.preRanks).toEqual(js.preRanks);
    expect(cpp.w).toEqual(js.w);
    expect(cpp.x).toEqual(js.x);
    expect(cpp.v).toEqual(js.v);
    expect(cpp.delay).toEqual(js.delay);
    expect(cpp.spikes).toEqual(js.spikes);
    expect(cpp.monitored).toEqual(js.monitored);
  });
  if (!hasCompiler) console.log('structural plasticity js ≡ cpp: skipped (no C++ compiler found, or cpp not in NEURARCHY_BACKENDS)');
});

describeBackends('structural plasticity: delays, monitors, save/load', (backend) => {
  it('spikes in flight follow their synapse when others are pruned or created in front of it', async () => {
    const net = new Network({ structuralPlasticity: true });
    // pre 0 and 1 spike at step 0 only (v jumps to 2 once); post integrates g_exc.
    const pre = net.create(3, new Neuron({ equations: 'v = if t == 0.0 : 2.0 else : 0.0', spike: 'v > 1.0' }));
    const post = net.create(1, new Neuron({ equations: 'acc = acc + g_exc\n g_exc = 0.0', spike: 'acc > 10000' }));
    const proj = net.connect(pre, post, 'exc').connectFromMatrix([[1.0, 10.0, 100.0]], { delays: [[2, 4, 6]] });
    const m = net.monitor(post, 'acc');
    await net.compile(compileFor());
    await net.simulate(2); // spikes of step 0 are in flight: pre 0 arrives at step 2, pre 1 at 4, pre 2 at 6
    proj.pruneSynapse(0, 0); // in flight: removed
    proj.dendrite(0).createSynapse(0, 1000.0, 1.0); // in front of the others: their indices move
    await net.simulate(6);
    const r = (m.get('acc') as Float64Array[]).map((row) => row[0]);
    // pre 0's spike (pruned synapse) never arrives; 10 at step 4, 100 at step 6; the new synapse saw no spike.
    expect(r).toEqual([0, 0, 0, 0, 10, 10, 110, 110]);
  });

  it('a monitor of the projection records rows of the synapses that exist at each sample', async () => {
    const net = new Network({ structuralPlasticity: true });
    const pop = net.create(3, new Neuron({ equations: 'r = 1.0' }));
    const proj = net.connect(pop, pop, 'exc', new Synapse({ equations: 'w = w + 1.0' })).connectFromMatrix([[null, 0, null], [null, null, 0], [0, null, null]]);
    const m = net.monitor(proj, 'w');
    const md = net.monitor(proj.dendrite(1), 'w');
    await net.compile(compileFor());
    await net.simulate(2);
    proj.dendrite(1).createSynapse(0, 10.0);
    await net.simulate(1);
    const rows = m.get('w') as Float64Array[][];
    expect(rows.map((row) => row.map((d) => Array.from(d)))).toEqual([
      [[1], [1], [1]], [[2], [2], [2]], [[3], [11, 3], [3]],
    ]);
    expect((md.get('w') as Float64Array[]).map((row) => Array.from(row))).toEqual([[1], [2], [11, 3]]);
  });

  it.skipIf(onWebGpu(backend, 'save/load after rewiring: 10 s on a CPU adapter (layout rebuilt at every rule period)', true))('a file saved after rewiring loads into a fresh network built with the same code, which then continues the same way', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neurarchy-structural-'));
    const file = path.join(dir, 'net.npz');
    const a = await build(compileFor());
    await a.net.simulate(60);
    await a.net.save(file);
    const saved = a.proj.preRanks;
    await a.net.simulate(40);
    const b = await build(compileFor());
    await b.net.load(file);
    expect(b.proj.preRanks).not.toEqual(b.proj.preRanks.length === 0 ? [] : saved.map(() => []));
    expect(b.proj.preRanks).toEqual(saved);
    await b.net.simulate(40);
    const fa = fingerprint(a), fb = fingerprint(b);
    expect(fb.preRanks).toEqual(fa.preRanks);
    expect(fb.w).toEqual(fa.w);
    // float32 (webgpu): an ulp may differ where the device fused an operation the host did not.
    if (isFloat32()) fb.v.forEach((v, i) => expect(v).toBeCloseTo(fa.v[i], 5));
    else expect(fb.v).toEqual(fa.v);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a load refused for another reason (dt) leaves the synapses and values as they were', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neurarchy-structural-'));
    const file = path.join(dir, 'net.npz');
    const make = async (dt: number) => {
      const net = new Network({ structuralPlasticity: true, dt });
      const pop = net.create(3, new Neuron({ equations: 'r = 1.0' }));
      const proj = net.connect(pop, pop, 'exc', new Synapse({ equations: 'x = x + 1' })).connectFromMatrix([[null, 0.5, null], [0.5, null, null], [null, 0.5, null]]);
      await net.compile(compileFor());
      return { net, proj };
    };
    const a = await make(1.0);
    a.proj.dendrite(0).createSynapse(2, 3.0);
    a.proj.pruneSynapse(2, 1);
    await a.net.simulate(2);
    await a.net.save(file);
    const b = await make(0.5);
    await b.net.simulate(1);
    const before = { preRanks: b.proj.preRanks, x: b.proj.flat('x'), w: b.proj.flat('w') };
    await expect(b.net.load(file)).rejects.toThrow(/dt is 1 ms in the file, 0.5 ms in the network/);
    expect({ preRanks: b.proj.preRanks, x: b.proj.flat('x'), w: b.proj.flat('w') }).toEqual(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
