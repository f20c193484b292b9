// Values of a projection's synaptic equations that are the same for every synapse and dendrite of a
// step (src/ir/invariants.ts), as a user meets them: a division by a projection-wide value is a
// multiplication by its reciprocal, computed once a step after the global equations, before the
// dendrites (Brian2 does the same); everything else computed once is the same operations on the
// same values, so the same bits as written. js, wasm and cpp agree to the bit, at any thread count.
import { describe, it, expect, afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Network, Neuron, Synapse, type BackendName, type Projection } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';
import { setInvariantHoisting } from '../../src/ir/invariants.js';
import { probe, TOL, maxRelDiff } from '../backends/webgpu/helpers.js';

const compiler = await findCompiler();
const directory = path.join(os.tmpdir(), 'neurarchy-test-cache');
const BACKENDS: [BackendName, boolean][] = [['js', false], ['wasm', false], ['cpp', !compiler]];
const dt = 0.1;

// Rates for which the reciprocal and the quotient differ in the last bit somewhere (checked below).
const PRE = [0.1, 0.7, 0.35];
const POST = [0.3, 0.45];
const W0 = 0.5;
const TAU = 7;

/** `pre`-`post` network of fixed rates, all-to-all (dendrite i = post i, its synapses pre 0, 1, 2) with `synapse`. */
function network(synapse: Synapse): { net: Network; proj: Projection } {
  const net = new Network({ dt });
  const pre = net.create(3, new Neuron({ parameters: 'r = 0.0' }));
  const post = net.create(2, new Neuron({ parameters: 'r = 0.0' }));
  pre.r = PRE; post.r = POST;
  const proj = net.connect(pre, post, 'exc', synapse).connectAllToAll(W0);
  return { net, proj };
}

/** The weights `[dendrite][synapse]` of `proj` as plain numbers. */
const weights = (proj: Projection) => (proj.w as Float64Array[]).map((row) => Array.from(row));
/** `f(w, pre.r, post.r)` for every synapse of `w` (`[dendrite][synapse]`). */
const each = (w: number[][], f: (w: number, pre: number, post: number) => number) => w.map((row, i) => row.map((x, j) => f(x, PRE[j], POST[i])));

/** One Euler step of `tau * dw/dt = pre.r * post.r - w` with the reciprocal of tau (the rewrite) and with the quotient (as written). */
const stepWith = {
  reciprocal: (w: number, pre: number, post: number, tau: number) => w + dt * ((pre * post - w) * (1 / tau)),
  quotient: (w: number, pre: number, post: number, tau: number) => w + dt * ((pre * post - w) / tau),
};

afterEach(() => { setInvariantHoisting(true); });

describe.each(BACKENDS)('values of the synaptic equations computed once a step, on %s', (backend, skip) => {
  const compile = (net: Network, threads = 1) => net.compile({ backend, numThreads: threads, directory });

  it.skipIf(skip)('a division by a projection-wide parameter is a multiplication by its reciprocal', async () => {
    const { net, proj } = network(new Synapse({ parameters: `tau = ${TAU}.0 : projection`, equations: 'tau * dw/dt = pre.r * post.r - w' }));
    await compile(net);
    let w = each([[W0, W0, W0], [W0, W0, W0]], (x) => x);
    let written = w;
    for (let s = 0; s < 3; s++) {
      await net.simulate(dt);
      w = each(w, (x, a, b) => stepWith.reciprocal(x, a, b, TAU));
      written = each(written, (x, a, b) => stepWith.quotient(x, a, b, TAU));
      expect(weights(proj)).toEqual(w);
    }
    expect(written).not.toEqual(w); // the rewrite is visible in the bits, so the check above means something
  });

  it.skipIf(skip)('a per-synapse denominator stays a division', async () => {
    const { net, proj } = network(new Synapse({ parameters: `tau = ${TAU}.0`, equations: 'tau * dw/dt = pre.r * post.r - w' }));
    await compile(net);
    await net.simulate(dt);
    expect(weights(proj)).toEqual(each([[W0, W0, W0], [W0, W0, W0]], (x, a, b) => stepWith.quotient(x, a, b, TAU)));
  });

  it.skipIf(skip)('the semiglobal equations read the reciprocal too; post.r in a denominator stays a division', async () => {
    const { net, proj } = network(new Synapse({
      parameters: `tau = ${TAU}.0 : projection`,
      equations: 'y = post.r / tau : postsynaptic\n w = w / post.r + y',
    }));
    await compile(net);
    await net.simulate(dt);
    const y = POST.map((p) => p * (1 / TAU));
    expect(Array.from(proj.y as Float64Array)).toEqual(y);
    expect(POST.map((p) => p / TAU)).not.toEqual(y);
    expect(weights(proj)).toEqual(POST.map((p, i) => PRE.map(() => W0 / p + y[i])));
  });

  it.skipIf(skip)('a parameter set between runs is read again, a global variable after the global equations wrote it', async () => {
    const { net, proj } = network(new Synapse({
      parameters: `tau = ${TAU}.0 : projection`,
      equations: 'g = t + 0.2 : projection\n dw/dt = (pre.r * post.r - w) / (tau * g)',
    }));
    await compile(net);
    const start = each([[W0, W0, W0], [W0, W0, W0]], (x) => x);
    await net.simulate(dt); // step 0: t = 0, g = 0.2
    let w = each(start, (x, a, b) => stepWith.reciprocal(x, a, b, TAU * 0.2));
    expect(weights(proj)).toEqual(w);
    expect(each(start, (x, a, b) => stepWith.quotient(x, a, b, TAU * 0.2))).not.toEqual(w);
    proj.tau = 11.0;
    await net.simulate(dt); // step 1: t = 0.1, g = 0.1 + 0.2
    const before = w;
    w = each(before, (x, a, b) => stepWith.reciprocal(x, a, b, 11 * (0.1 + 0.2)));
    expect(weights(proj)).toEqual(w);
    expect(each(before, (x, a, b) => stepWith.quotient(x, a, b, 11 * (0.1 + 0.2)))).not.toEqual(w);
  });

  it.skipIf(skip)("what costs the same written or computed once gives the same bits: the exponential method's exp(-dt/tau)", async () => {
    const build = async (hoist: boolean) => {
      setInvariantHoisting(hoist);
      const built = network(new Synapse({ parameters: `tau = ${TAU}.0 : projection`, equations: 'tau * dw/dt = pre.r * post.r - w : exponential' }));
      await compile(built.net);
      setInvariantHoisting(true);
      return built;
    };
    const hoisted = await build(true);
    const written = await build(false);
    expect(hoisted.net.plan!.projections[0].invariants?.length).toBeGreaterThan(0);
    expect(written.net.plan!.projections[0].invariants).toBeUndefined();
    for (const b of [hoisted, written]) await b.net.simulate(1);
    expect(weights(hoisted.proj)).toEqual(weights(written.proj));
  });

  it.skipIf(skip || backend === 'js')('two threads give the bits of one (a projection above the threads\' threshold of 100 000 synapses)', async () => {
    const results: number[][] = [];
    for (const threads of [1, 2]) {
      const net = new Network({ dt });
      const pre = net.create(400, new Neuron({ parameters: 'r = 0.0' }));
      const post = net.create(300, new Neuron({ parameters: 'r = 0.0' }));
      pre.r = Array.from({ length: 400 }, (_, i) => PRE[i % 3] + i * 1e-4);
      post.r = Array.from({ length: 300 }, (_, i) => POST[i % 2] + i * 1e-4);
      const proj = net.connect(pre, post, 'exc', new Synapse({
        parameters: 'tau = 3.0 : projection\n alpha = 0.5 : projection',
        equations: 'y = post.r / tau : postsynaptic\n tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w + y',
      })).connectAllToAll(W0);
      await compile(net, threads);
      expect(net.plan!.projections[0].synapses).toBeGreaterThanOrEqual(100_000);
      await net.simulate(1);
      results.push((proj.w as Float64Array[]).flatMap((row) => Array.from(row)));
    }
    expect(results[1]).toEqual(results[0]);
  });
});

const gpu = await probe('test/network/synapse-invariants (webgpu)');

describe.skipIf(!gpu)('values of the synaptic equations computed once a step, on webgpu', () => {
  it('Oja with projection-wide parameters and a semiglobal variable: js within float32', async () => {
    const run = async (backend: BackendName) => {
      const net = new Network({ dt: 1.0, seed: 3 });
      const pre = net.create(20, new Neuron({ parameters: 'r = 0.0' }));
      const post = net.create(10, new Neuron({ parameters: 'r = 0.0' }));
      pre.r = Array.from({ length: 20 }, (_, i) => 0.2 + ((i * 7) % 11) * 0.1);
      post.r = Array.from({ length: 10 }, (_, i) => 0.3 + ((i * 5) % 7) * 0.1);
      const proj = net.connect(pre, post, 'exc', new Synapse({
        parameters: 'tau = 200.0 : projection\n alpha = 2.0 : projection',
        equations: 'y = post.r / tau : postsynaptic\n tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w + y',
      })).connectAllToAll(W0);
      await net.compile({ backend });
      await net.simulate(50);
      return { w: (proj.w as Float64Array[]).flatMap((row) => Array.from(row)), y: Array.from(proj.y as Float64Array), invariants: net.plan!.projections[0].invariants };
    };
    const js = await run('js'), wg = await run('webgpu');
    expect(wg.invariants?.length).toBeGreaterThan(0);
    expect(maxRelDiff(js.w, wg.w)).toBeLessThan(TOL);
    expect(maxRelDiff(js.y, wg.y)).toBeLessThan(TOL);
  });
});
