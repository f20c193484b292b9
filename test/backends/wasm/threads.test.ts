// The wasm backend's threads (src/backends/wasm/threads.ts): with numThreads 2 and 3 the networks
// hold the same state as on one thread and on js, BIT FOR BIT, after every chunk (every array of
// every population and projection, and the spikes): a COBA network above cpp's element threshold
// (its neuron kernel's thread blocks, the spike walks into it and its Normal draws' fill forked), a rate-coded network whose weighted sum is above the
// synapse threshold (its dendrites forked) beside a population above the element threshold with
// global equations, global operations, functions and draws, and gap junctions (a spiking
// projection's continuous transmission, forked). Below the thresholds nothing forks.
// Save/load and reset with threads; dispose() ends the workers; a platform without threads is
// refused with a message naming numThreads, the reason and the fix; a worker's failure is an error
// on the main thread, not a hang.
import { describe, it, expect, vi, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Synapse, Normal, Uniform, type BackendName } from '../../../src/index.js';
import { NetworkError } from '../../../src/errors.js';
import { ELEMENT_THRESHOLD, SYNAPSE_THRESHOLD } from '../../../src/backends/cpp/parallel.js';
import { postRangeTuning, POST_RANGE_BLOCK_MIN_EVENTS } from '../../../src/backends/kernels/post-range.js';
import { CONTROL_BYTES, FORK, defineThreadFunctions } from '../../../src/backends/wasm/threads.js';
import { WorkerPool, liveWorkers, threadEnvironment, threadSupport } from '../../../src/backends/wasm/workers.js';
import { ModuleWriter, Code } from '../../../src/backends/wasm/encoder.js';
import { mathSources, moduleImports } from '../../../src/backends/wasm/module.js';
import { randomModule } from '../../../src/backends/wasm/random.js';
import type { WasmEngine } from '../../../src/backends/wasm/engine.js';
import { snapshot, expectIdentical, spikingNetwork, rateNetwork, cobaAboveThreshold } from '../../helpers/conformance.js';

type Build = (backend: BackendName) => Network;

/** COBA above the element threshold (an odd size: the last thread's share ends in a remainder). */
const coba = (backend: BackendName): Network => cobaAboveThreshold(backend, 10_001).net;

const Rate = new Neuron({
  name: 'rate_threads',
  parameters: `
    tau = 10.0
    baseline = -0.2
    gain = 1.5 : population
  `,
  equations: `
    level = 0.5 + 0.25 * cos(t / 7.0) : population
    tau * dmp/dt + mp = baseline + sum(exc) + level + Normal(0.0, 0.1) + Uniform(-0.05, 0.05) + 0.1 * mean(r) - 0.05 * max(r)
    r = if mp > 0.5: gain * squash(mp) else: pos(mp) : min = 0.0, max = 3.0
    k = ite(r > 1.0, k + 1, k) : int
  `,
  functions: 'squash(x) = x / (1.0 + fabs(x))',
});

/** Rate-coded: a big population (element threshold), a weighted sum above the synapse threshold, and a small one below it. */
function rate(backend: BackendName): Network {
  const net = new Network({ seed: 3, backend, dt: 1.0 });
  const big = net.create(ELEMENT_THRESHOLD + 3, Rate, { name: 'big' });
  big.baseline = new Uniform(-0.5, 0.5);
  const pre = net.create(400, Rate, { name: 'pre' });
  pre.baseline = Array.from({ length: 400 }, (_, i) => ((i * 7) % 11) * 0.15);
  const post = net.create(301, Rate, { name: 'post' });
  // 400 × 301 synapses, over SYNAPSE_THRESHOLD.
  net.connect(pre, post, 'exc', new Synapse({ psp: 'w * pre.r * pre.r' }), { name: 'dense' }).connectAllToAll({ weights: new Uniform(0, 0.01) });
  net.connect(post, pre, 'exc', undefined, { name: 'sparse' }).connectFixedProbability({ probability: 0.1, weights: new Uniform(0, 0.1), delays: 2.0 });
  net.connect(pre, big, 'exc', undefined, { name: 'toBig' }).connectFixedNumberPre({ number: 2, weights: 0.05 });
  return net;
}

/** A learning rule with equations per synapse, per dendrite and per projection (Oja's, with a trace), writing only its own attributes. */
const Learn = new Synapse({
  name: 'learn_threads',
  parameters: 'tau = 500.0\n alpha = 8.0',
  equations: `
    g = mean(post.r) * 0.5 : projection
    trace = 0.9 * trace + 0.1 * post.r : postsynaptic
    tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w + 0.001 * g : min = -1.0
    e = e + (w * trace - e) / 50.0
  `,
});

/** Synaptic equations over the synapse threshold (400 × 301 synapses) and under it (a sparse one). */
function plastic(backend: BackendName): Network {
  const net = new Network({ seed: 9, backend, dt: 1.0 });
  const pre = net.create(400, Rate, { name: 'pre' });
  pre.baseline = Array.from({ length: 400 }, (_, i) => ((i * 7) % 11) * 0.15);
  const post = net.create(301, Rate, { name: 'post' });
  net.connect(pre, post, 'exc', Learn, { name: 'learn' }).connectAllToAll({ weights: new Uniform(0, 0.01) });
  net.connect(post, pre, 'exc', Learn, { name: 'sparse' }).connectFixedProbability({ probability: 0.1, weights: new Uniform(0, 0.1) });
  return net;
}

/** Spiking with continuous transmission (gap junctions, 500 × 499 synapses, over the synapse threshold) and spikes. */
function gaps(backend: BackendName): Network {
  const net = new Network({ seed: 5, backend, dt: 0.5 });
  const LIF = new Neuron({
    parameters: 'tau = 10.0 : population\n I = 0.0', equations: 'tau * dv/dt = -60.0 - v + g_gap + g_exc + I + 2.0 * Normal(0.0, 1.0)\n tau * dg_exc/dt = -g_exc',
    spike: 'v > -50.0', reset: 'v = -60.0', refractory: 2.0,
  });
  const P = net.create(500, LIF, { name: 'P' });
  P.v = new Uniform(-60.0, -50.0);
  P.I = new Normal(10.0, 3.0);
  net.connect(P, P, 'gap', new Synapse({ psp: 'w * (pre.v - post.v)' }), { name: 'gap' }).connectAllToAll({ weights: new Uniform(0.0, 0.002) });
  net.connect(P, P, 'exc', undefined, { name: 'exc' }).connectFixedProbability({ probability: 0.05, weights: 1.0, delays: 1.0 });
  net.monitor(P, 'spike');
  return net;
}

/** Builds on js and on wasm with 1, 2 and 3 threads; after each chunk every network holds the js network's state. */
async function conformThreads(build: Build, ms: number, chunks: number, threads = [1, 2, 3]): Promise<Network[]> {
  const js = build('js');
  await js.compile();
  const nets = threads.map((t) => ({ t, net: build('wasm') }));
  for (const n of nets) await n.net.compile({ numThreads: n.t });
  for (let c = 0; c < chunks; c++) {
    await js.simulate(ms);
    const want = snapshot(js);
    // A monitor's get() hands its records over (and forgets them): once per chunk and network.
    const spikes = js.monitors.map((m) => m.get('spike'));
    for (const n of nets) {
      await n.net.simulate(ms);
      expectIdentical(want, snapshot(n.net), `${n.t} threads, after chunk ${c}`);
      n.net.monitors.forEach((m, k) => expect(m.get('spike'), `${n.t} threads: spikes`).toEqual(spikes[k]));
    }
  }
  js.dispose();
  return nets.map((n) => n.net);
}

/** The fork/joins a network's engine has done (`WasmEngine.forks`). */
const forks = (net: Network) => (net.engine as WasmEngine).forks;
const forked = (net: Network) => [...(net.source ?? '').matchAll(/^;; (\w+) \(a share/gm)].map((m) => m[1]);

afterEach(() => { vi.restoreAllMocks(); postRangeTuning.blockMinEvents = POST_RANGE_BLOCK_MIN_EVENTS; });

/** Waits (10 s at most) until `n` workers are alive, and checks that it is so. */
async function exits(n: number): Promise<void> {
  const until = Date.now() + 10_000;
  while (liveWorkers() > n && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  expect(liveWorkers()).toBe(n);
}

describe('wasm threads: bit-identical to one thread and to js', () => {
  it('COBA above the element threshold: the neuron kernel forked (thread blocks: equations and spike test) and the spike walks into it (post ranges), 2 and 3 threads', async () => {
    postRangeTuning.blockMinEvents = 0; // the walks fork every step
    const nets = await conformThreads(coba, 3, 2);
    expect(forked(nets[0])).toEqual([]);
    expect(forked(nets[1])).toEqual(['pop0_blocks', 'proj0_walk', 'proj1_walk']);
    // Four fork/joins a step (60 steps) with threads: the Normal draws' fill, the blocks, the two
    // post-range spike walks into them (one from the delayed spike queue); none on one thread.
    expect(nets.map(forks)).toEqual([0, 240, 240]);
    for (const n of nets) n.dispose();
  });

  it('the rate network is over the thresholds', () => {
    expect(400 * 301).toBeGreaterThanOrEqual(SYNAPSE_THRESHOLD);
  });

  it('rate-coded: a weighted sum above the synapse threshold and a big population with global equations, operations, functions and draws', async () => {
    const nets = await conformThreads(rate, 15, 2);
    const ids = (name: string) => nets[1].getProjection(name)!.id;
    expect(forked(nets[1])).toEqual(expect.arrayContaining(['pop0_equations', `proj${ids('dense')}_sums`, `proj${ids('sparse')}_sums`]));
    // Per step (30): the big population's Normal and Uniform fills and equations, the dense sum and
    // toBig's (2 × 50 003 synapses); the sparse sum (under the threshold) stays on the main thread.
    expect(nets.map(forks)).toEqual([0, 150, 150]);
    for (const n of nets) n.dispose();
  });

  it('spiking with continuous transmission (gap junctions) over the synapse threshold: its sums forked', async () => {
    const nets = await conformThreads(gaps, 10, 2);
    expect(forked(nets[1])).toEqual(['proj0_continuous']);
    // Every step (40): the gap junctions' sums; the exc projection has no continuous part.
    expect(nets.map(forks)).toEqual([0, 40, 40]);
    for (const n of nets) n.dispose();
  });

  it('synaptic equations (per synapse, per dendrite, per projection) over the synapse threshold: their dendrites forked', async () => {
    const nets = await conformThreads(plastic, 12, 2);
    expect(forked(nets[1])).toEqual(expect.arrayContaining(['proj0_equations', 'proj1_equations']));
    // Per step (24): the dense projection's sum and equations; the sparse one's (under the threshold) stay on the main thread.
    expect(nets.map(forks)).toEqual([0, 48, 48]);
    for (const n of nets) n.dispose();
  });

  it('below the thresholds: the same results, and no kernel forked', async () => {
    const nets = await conformThreads((b) => spikingNetwork(b).net, 20, 2, [2]);
    expect(nets[0].source).not.toContain(`(exec ${FORK}`);
    expect(forks(nets[0])).toBe(0);
    nets[0].dispose();
    // A rate-coded sum is forked only when the projection has the synapses (a run-time test, as cpp's).
    const rates = await conformThreads((b) => rateNetwork(b).net, 20, 2, [2]);
    expect(rates[0].source).toMatch(new RegExp(`\\(exec ${FORK} \\d+ step \\(length \\w+\\) \\(cmp >= .* ${SYNAPSE_THRESHOLD}\\)\\)`));
    expect(forks(rates[0])).toBe(0);
    rates[0].dispose();
  });
});

describe('wasm threads: the network around them', () => {
  it('save/load and reset with threads continue as one thread and js do', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'neurarchy-wasm-threads-'));
    const file = path.join(dir, 'rate.npz');
    const [a, b] = [rate('wasm'), rate('wasm')];
    await a.compile({ numThreads: 2 });
    await b.compile({ numThreads: 3 });
    const js = rate('js');
    await js.compile();
    await a.simulate(5);
    await a.save(file);
    await a.simulate(5);
    await b.load(file);
    await b.simulate(5);
    await js.simulate(10);
    expectIdentical(snapshot(js), snapshot(a), 'continued');
    expect(b.getCurrentStep()).toBe(a.getCurrentStep());
    expectIdentical(snapshot(a), snapshot(b), 'loaded');
    for (const n of [a, js]) { n.reset(); await n.simulate(7); }
    expectIdentical(snapshot(js), snapshot(a), 'after reset');
    for (const n of [a, b, js]) n.dispose();
  });

  it('dispose() ends the workers (they never keep the process alive)', async () => {
    await exits(0); // the earlier tests' workers, ended by their dispose()
    const before = liveWorkers();
    const net = rate('wasm');
    await net.compile({ numThreads: 3 });
    expect(liveWorkers()).toBe(before + 2);
    await net.simulate(2);
    net.dispose();
    await exits(before);
  });

  it('refuses numThreads > 1 where the platform has no threads, naming numThreads, the reason and the fix', async () => {
    vi.spyOn(threadEnvironment, 'probe').mockResolvedValue({ ok: false, reason: 'this JavaScript engine has no SharedArrayBuffer', fix: 'use numThreads: 1 (one thread, the same results)' });
    const net = rateNetwork('wasm').net;
    await expect(net.compile({ numThreads: 2 })).rejects.toThrow(/network \d+: numThreads: 2 needs threads, and this JavaScript engine has no SharedArrayBuffer; use numThreads: 1/);
    await expect(net.compile({ numThreads: 2 })).rejects.toBeInstanceOf(NetworkError);
    // One thread never asks.
    const one = rateNetwork('wasm').net;
    await one.compile({ numThreads: 1 });
    await one.simulate(2);
  });

  it('the capability check: a page that is not cross-origin isolated, an engine without SharedArrayBuffer', async () => {
    expect(await threadSupport()).toEqual({ ok: true });
    vi.stubGlobal('SharedArrayBuffer', undefined);
    vi.stubGlobal('crossOriginIsolated', false);
    const page = await threadSupport();
    expect(page.ok).toBe(false);
    expect(page).toMatchObject({ reason: expect.stringMatching(/not cross-origin isolated/), fix: expect.stringMatching(/Cross-Origin-Opener-Policy: same-origin.*Cross-Origin-Embedder-Policy: require-corp/) });
    vi.stubGlobal('crossOriginIsolated', undefined);
    expect(await threadSupport()).toMatchObject({ ok: false, reason: expect.stringMatching(/no SharedArrayBuffer/) });
    vi.unstubAllGlobals();
  });
});

describe('wasm threads: failures are errors, not hangs', () => {
  /** The random module over a shared memory, which every worker instantiates. */
  const random = WebAssembly.compile(randomModule(true, true) as BufferSource);

  /** A module with the thread functions of `threads.ts` and one job that traps on every thread but the main one. */
  function trappingModule(exportWorker: boolean): { bytes: Uint8Array; memory: WebAssembly.Memory; ctrl: number } {
    const w = new ModuleWriter();
    w.importMemory('env', 'memory', 1, 16);
    const job = w.declare(['f64', 'i32', 'i32'], []);
    const fns = { jobs: [job], fork: w.declare(['f64', 'f64', 'f64', 'f64'], [], 'fork'), dispatch: w.declare(['i32', 'f64', 'i32', 'i32'], []), worker: w.declare(['i32', 'i32'], [], exportWorker ? 'worker' : undefined) };
    const body = new Code();
    body.get(1).begin('if').op('unreachable').op('end'); // lo > 0: not the main thread's share
    w.define(job, [], body);
    const ctrl = 1024;
    defineThreadFunctions(w, fns, 2, ctrl);
    return { bytes: w.emit(), memory: new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true }), ctrl };
  }

  /** The networks of the tests below, disposed after each even when it failed (their workers would count in the next tests). */
  const started: Network[] = [];
  afterEach(() => { for (const n of started.splice(0)) n.dispose(); });

  /** The network after `ms` ms on 2 threads, and its engine. */
  async function running(ms: number): Promise<{ net: Network; engine: WasmEngine }> {
    const net = coba('wasm');
    started.push(net);
    await net.compile({ numThreads: 2 });
    await net.simulate(ms);
    return { net, engine: net.engine as WasmEngine };
  }

  const died = /wasm backend, network \d+: worker thread 1 of 2 \(numThreads: 2\) died during step (\d+) \(it exited \(exit code 1\): it was terminated, or it ended itself\); the step stopped part-way, so the network's state is undefined: .*Build the network and compile it again, or load\(\) a file saved before; or use numThreads: 1/;
  const refused = /wasm backend, network \d+: worker thread 1 of 2 \(numThreads: 2\) died during step \d+; its state is undefined, so it runs no more: build the network and compile it again, or load\(\) a file saved before/;
  const lost = /population 'P': the network's state is undefined since worker thread 1 of 2 \(numThreads: 2\) died during step \d+ \(wasm backend, network \d+\): that step stopped part-way\. Its values are not read, written or saved: build and compile the network again, or load\(\) a file saved before the failure/;

  it('a worker killed during a run: the run fails at once with a NetworkError naming the backend, the thread, the step and what happened; later runs, state reads and save() are refused; monitors keep their records; the other workers end', { timeout: 30_000 }, async () => {
    await exits(0); // the earlier tests' workers, ended by their dispose() (asynchronously)
    const { net, engine } = await running(0.5);
    expect(liveWorkers()).toBe(1);
    const stepped = net.getCurrentStep();
    const P = net.getPopulation('P')!;
    engine.killWorker(1); // lands while the long run below is under way
    const t0 = performance.now();
    const error = await net.simulate(100_000).then(() => undefined, (e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(10_000); // 10^6 steps would take minutes
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(died);
    expect(Number(died.exec((error as Error).message)![1])).toBeGreaterThanOrEqual(stepped);
    await expect(net.simulate(1)).rejects.toThrow(refused);
    await expect(net.simulate(1)).rejects.toBeInstanceOf(NetworkError);
    // The state of a step half done is never read, written or saved.
    expect(() => P.v).toThrow(lost);
    expect(() => { P.v = 0; }).toThrow(lost);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'neurarchy-wasm-failed-')), 'state.npz');
    await expect(net.save(file)).rejects.toThrow(lost);
    // The spike monitor keeps the spikes of the steps completed before the failed simulate().
    const spikes = net.monitors[0].get('spike') as Record<number, number[]>;
    const steps = Object.values(spikes).flat();
    expect(steps.length).toBeGreaterThan(0);
    expect(Math.max(...steps)).toBeLessThan(stepped);
    expect(net.getCurrentStep()).toBe(stepped);
    await exits(0); // the failure closed the pool
    net.dispose();
  });

  it('a worker killed between runs: the next run fails with the NetworkError, not a hang; the state, intact, is still read and saved', { timeout: 30_000 }, async () => {
    const { net, engine } = await running(0.5);
    const P = net.getPopulation('P')!;
    const v = Float64Array.from(P.v as ArrayLike<number>);
    engine.killWorker(1);
    for (const until = Date.now() + 10_000; !engine.workerFailed && Date.now() < until;) await new Promise((r) => setTimeout(r, 5));
    await expect(net.simulate(10)).rejects.toThrow(/wasm backend, network \d+: worker thread 1 of 2 \(numThreads: 2\) died between runs \(it exited \(exit code 1\).*\), so the network runs no more; its state, that of the last run, which completed, is intact: read it or save\(\) it, then build the network and compile it again \(or use numThreads: 1\)/);
    await expect(net.simulate(10)).rejects.toThrow(/worker thread 1 of 2 \(numThreads: 2\) died between runs; it runs no more; its state, that of the last run, which completed, may still be read and saved/);
    expect(net.getCurrentStep()).toBe(5);
    expectIdentical(new Map([['v', v]]), new Map([['v', Float64Array.from(P.v as ArrayLike<number>)]]), 'v after the failure');
    // Saved, then loaded into a new network on one thread: it goes on from the same state.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'neurarchy-wasm-failed-')), 'state.npz');
    await net.save(file);
    const again = coba('wasm');
    started.push(again);
    await again.compile();
    await again.load(file);
    expect(again.getCurrentStep()).toBe(5);
    const attrs = (n: Network) => new Map(['v', 'g_exc', 'g_inh'].map((a) => [a, Float64Array.from(n.getPopulation('P')!.state.get(a)!)]));
    expectIdentical(attrs(net), attrs(again), 'loaded');
    net.dispose();
  });

  it("the workers' Math functions, rebuilt from their source, compute what the main thread's do", () => {
    const xs = [-7.5, -2.5, -0.5, -0, 0, 0.49999999999999994, 0.5, 1.5, 2.5, 3, 6.4, 1e300, NaN, Infinity];
    const main = moduleImports(new WebAssembly.Memory({ initial: 1 }), {}, {} as never, {} as never).math as Record<string, (...x: number[]) => number>;
    const sources = mathSources();
    expect(sources.map(([name]) => name).sort()).toEqual(Object.keys(main).sort());
    for (const [name, source] of sources) {
      // A fresh function from the text alone (a worker has nothing else): no closure, no helper.
      const f = new Function(`return (${source});`)() as (...x: number[]) => number;
      expect(typeof f, name).toBe('function');
      for (const a of xs) for (const b of [-3, 2, 0.5]) expect(Object.is(f(a, b), main[name](a, b)), `${name}(${a}, ${b})`).toBe(true);
    }
  });

  it('a worker that cannot start fails compile-time start-up with a NetworkError', async () => {
    const m = trappingModule(false);
    const before = liveWorkers();
    await expect(WorkerPool.start(await WebAssembly.compile(m.bytes as BufferSource), await random, m.memory, m.ctrl, 2, mathSources(), 'test')).rejects.toThrow(/test: thread 1 failed to start: .*worker/);
    await exits(before);
  });

  it('a worker that traps in a job: the join traps on the main thread, and the pool says what the worker reported', async () => {
    const m = trappingModule(true);
    const module = await WebAssembly.compile(m.bytes as BufferSource);
    const pool = await WorkerPool.start(module, await random, m.memory, m.ctrl, 2, mathSources(), 'test');
    const instance = await WebAssembly.instantiate(module, { env: { memory: m.memory } });
    expect(pool.failure()).toBeUndefined();
    // Ten elements: the main thread's share is [0, 8), the worker's [8, 10).
    expect(() => (instance.exports.fork as (...x: number[]) => void)(0, 0, 10, 1)).toThrow(WebAssembly.RuntimeError);
    expect(pool.failure()).toMatchObject({ thread: 1, died: false, message: expect.stringMatching(/unreachable/) });
    pool.close();
    await pool.exited;
    expect(m.ctrl + CONTROL_BYTES).toBeLessThanOrEqual(65536); // the control block fits the test's page
  });
});
