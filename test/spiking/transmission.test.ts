// Spike transmission, delays, event order, bounds in event code, event-driven traces, STDP window.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, tolerance, closeDigits } from '../helpers/backends.js';
import { Network, Neuron, Synapse, SpikeSourceArray, STDP } from '../../src/index.js';

const emitAt1 = new Neuron({ equations: '', spike: 't == 1.0' });
const receiver = new Neuron({ equations: 'g_exc = 0', spike: 'g_exc > 30' });
const rows = (m: Float64Array[]) => m.map((r) => Array.from(r));

describeBackends('spike transmission and delays (A9)', () => {
  async function a9(delays?: number, perSynapse?: number[][]) {
    const net = new Network({ dt: 1 });
    const inp = net.create(5, emitAt1);
    const out = net.create(2, receiver);
    const proj = net.connect(inp, out, 'exc').connectAllToAll({ weights: 1.0, ...(delays ? { delays } : {}) });
    if (perSynapse) proj.delay = perSynapse;
    const m = net.monitor(out, 'g_exc');
    await net.compile(compileFor());
    return { net, m, proj };
  }

  it('no delay: a spike at step 1 is in g_exc at step 2', async () => {
    const { net, m } = await a9();
    await net.simulate(5);
    expect(rows(m.get('g_exc') as Float64Array[])).toEqual([[0, 0], [0, 0], [5, 5], [0, 0], [0, 0]]);
  });

  it('uniform delay 3 ms: at step 4', async () => {
    const { net, m } = await a9(3.0);
    await net.simulate(6);
    expect(rows(m.get('g_exc') as Float64Array[])).toEqual([[0, 0], [0, 0], [0, 0], [0, 0], [5, 5], [0, 0]]);
  });

  it('per-synapse delays [[1,2,3,2,1],[3,2,1,2,3]]', async () => {
    const { net, m } = await a9(undefined, [[1, 2, 3, 2, 1], [3, 2, 1, 2, 3]]);
    await net.simulate(5);
    expect(rows(m.get('g_exc') as Float64Array[])).toEqual([[0, 0], [0, 0], [2, 1], [2, 2], [1, 2]]);
  });

  for (const kind of ['uniform', 'per-synapse'] as const) {
    it(`a delay of k steps delivers exactly k steps after the spike (${kind}, k = 1…7, dt = 0.5)`, async () => {
      const net = new Network({ dt: 0.5 });
      const src = new SpikeSourceArray([[3.0], [3.0], [3.0]], { network: net }); // spike at step 6
      const out = net.create(7, receiver);
      const projs = [0, 1, 2].map((j) => net.connect(src.slice(j, j + 1), out, 'exc'));
      // neuron k receives from source 0 with delay (k+1) steps, weight 1; sources 1 and 2 give 10 and 100 at 1 step
      if (kind === 'uniform') {
        for (let k = 0; k < 7; k++) net.connect(src.slice(0, 1), out.slice(k, k + 1), 'exc').connectAllToAll({ weights: 1, delays: (k + 1) * 0.5 });
      } else {
        net.connect(src.slice(0, 1), out, 'exc').connectAllToAll({ weights: 1 }).delay = Array.from({ length: 7 }, (_, k) => [(k + 1) * 0.5]);
      }
      projs[0].connectAllToAll({ weights: 0 });
      projs[1].connectAllToAll({ weights: 10 });
      projs[2].connectAllToAll({ weights: 100 });
      const m = net.monitor(out, 'g_exc');
      await net.compile(compileFor());
      await net.simulate(10);
      const g = m.get('g_exc') as Float64Array[];
      for (let k = 0; k < 7; k++) {
        const got = g.map((r) => r[k]);
        const expected = got.map((_, s) => (s === 7 ? 110 : 0) + (s === 6 + k + 1 ? 1 : 0));
        expect(got, `neuron ${k}`).toEqual(expected);
      }
    });
  }

  it('a uniform delay can be changed after compile', async () => {
    const { net, m, proj } = await a9(3.0);
    proj.delay = 2.0;
    await net.simulate(6);
    expect(rows(m.get('g_exc') as Float64Array[]).map((r) => r[0])).toEqual([0, 0, 0, 5, 0, 0]);
  });
});

describeBackends('event code: bounds (A10), order of pre/post events, unless_post', () => {
  const SpkNeuron = new Neuron({ parameters: 'v = 1', equations: 'mp = g_exc', spike: 'v > 0' }); // fires every step

  it('pre_spike "w -= 1.0 : min=0.0": 4 decrements in 5 steps, then clipped at 0', async () => {
    const net = new Network({ dt: 1 });
    const pop = net.create(3, SpkNeuron);
    const proj = net.connect(pop, pop, 'exc', new Synapse({ parameters: 'g = 1.0', preSpike: 'w -= 1.0 : min=0.0' })).connectAllToAll({ weights: 5.0 });
    await net.compile(compileFor());
    expect(Array.from(proj.dendrite(0).w)).toEqual([5, 5]);
    await net.simulate(5);
    expect(Array.from(proj.dendrite(0).w)).toEqual([1, 1]);
    await net.simulate(5);
    expect(Array.from(proj.dendrite(0).w)).toEqual([0, 0]);
  });

  it('post_spike "w += 1.0 * constant : max=10.0": 5 increments in 5 steps, clipped at 10', async () => {
    const net = new Network({ dt: 1 });
    const pop = net.create(3, SpkNeuron);
    const proj = net.connect(pop, pop, 'exc', new Synapse({ parameters: 'constant = 1.0', postSpike: 'w += 1.0 * constant : max=10.0' })).connectAllToAll({ weights: 5.0 });
    await net.compile(compileFor());
    await net.simulate(5);
    expect(Array.from(proj.dendrite(0).w)).toEqual([10, 10]);
    await net.simulate(5);
    expect(Array.from(proj.dendrite(0).w)).toEqual([10, 10]);
  });

  async function sameStep(pre: string) {
    const net = new Network({ dt: 1 });
    const a = net.create(1, new Neuron({ equations: '', spike: 't == 5.0' }));
    const b = net.create(1, new Neuron({ equations: 'mp = g_exc', spike: 't == 5.0' }));
    const proj = net.connect(a, b, 'exc', new Synapse({ preSpike: pre, postSpike: 'w = 2.0 * w' })).connectAllToAll({ weights: 1.0 });
    await net.compile(compileFor());
    await net.simulate(10);
    return proj.flat('w')[0];
  }

  it('pre and post spiking in the same step: post_spike runs first (in the spike step), pre_spike one step later', async () => {
    expect(await sameStep('g_target += w\n w += 1.0')).toBe(3); // (1·2)+1, not (1+1)·2
  });

  it('unless_post skips the pre-synaptic statement when both spiked in the same step', async () => {
    expect(await sameStep('g_target += w\n w += 1.0 : unless_post')).toBe(2);
  });

  it('g_target += w uses the weight before the plasticity of the same event, wherever it is written', async () => {
    const net = new Network({ dt: 1 });
    const a = net.create(1, new Neuron({ equations: '', spike: 't == 1.0' }));
    const b = net.create(1, new Neuron({ equations: 'g_exc = 0', spike: 'g_exc > 100' }));
    const proj = net.connect(a, b, 'exc', new Synapse({ preSpike: 'w += 2.0\n g_target += w' })).connectAllToAll({ weights: 1.0 });
    const m = net.monitor(b, 'g_exc');
    await net.compile(compileFor());
    await net.simulate(4);
    expect((m.get('g_exc') as Float64Array[]).map((r) => r[0])).toEqual([0, 0, 1, 0]);
    expect(proj.flat('w')[0]).toBe(3);
  });
});

describeBackends('event-driven variables', () => {
  it('equal the same trace integrated exactly every step (pre and post events)', async () => {
    const net = new Network({ dt: 0.5 });
    const preTimes = [1, 2.5, 3, 7, 7.5, 20, 21, 40];
    const postTimes = [2, 3, 6, 7.5, 25, 41];
    const pre = new SpikeSourceArray([preTimes], { network: net });
    const postSrc = net.create(1, new Neuron({ equations: 'mp = g_exc', spike: postTimes.map((t) => `(t == ${t.toFixed(1)})`).join(' or ') }));
    const body = (method: string) => new Synapse({
      parameters: 'tau = 7.0 : projection\n tau2 = 11.0 : projection',
      equations: `tau * dx/dt = -x : ${method}\n tau2 * dy/dt = 0.3 - y : ${method}`,
      preSpike: 'g_target += w\n x += 1.0\n y += 0.5\n xpre = x\n ypre = y',
      postSpike: 'x += 2.0\n y -= 0.25\n xpost = x\n ypost = y',
    });
    const ed = net.connect(pre, postSrc, 'exc', body('event-driven')).connectAllToAll({ weights: 0.0 });
    const ex = net.connect(pre, postSrc, 'exc', body('exponential')).connectAllToAll({ weights: 0.0 });
    await net.compile(compileFor());
    const seen: number[][] = [];
    for (let s = 0; s < 100; s++) {
      await net.step();
      const a = ['xpre', 'ypre', 'xpost', 'ypost'].map((n) => ed.flat(n)[0]);
      const b = ['xpre', 'ypre', 'xpost', 'ypost'].map((n) => ex.flat(n)[0]);
      for (let q = 0; q < 4; q++) expect(Math.abs(a[q] - b[q]), `step ${s} ${q}`).toBeLessThan(tolerance(1e-12, 3));
      seen.push(a);
    }
    expect(seen[99][0]).toBeGreaterThan(0); // events happened
    expect(seen[99][2]).toBeGreaterThan(0);
  });
});

describeBackends('STDP window with neurarchy\'s symmetric event timing (dossier D2, deliberately not ANNarchy\'s t−1)', () => {
  const rule = new Synapse({
    parameters: 'tau_plus = 20.0 : projection\n tau_minus = 20.0 : projection\n A_plus = 0.01 : projection\n A_minus = 0.01 : projection\n w_max = 2.0 : projection',
    equations: 'tau_plus * dx/dt = -x : event-driven\n tau_minus * dy/dt = -y : event-driven',
    preSpike: 'g_target += w\n x += A_plus * w_max\n w = clip(w - y, 0.0, w_max)',
    postSpike: 'y += A_minus * w_max\n w = clip(w + x, 0.0, w_max)',
  });
  async function dw(tPre: number) {
    const net = new Network({ dt: 1 });
    const pre = new SpikeSourceArray([[tPre]], { network: net });
    const post = net.create(1, new Neuron({ equations: 'mp = g_exc', spike: 't == 50.0' }));
    const proj = net.connect(pre, post, 'exc', rule).connectAllToAll({ weights: 1.0 });
    await net.compile(compileFor());
    await net.simulate(120);
    return proj.flat('w')[0] - 1;
  }
  it('LTP decays over exactly t_post − t_pre steps, LTD over t_pre − t_post', async () => {
    // float32 (webgpu): w ≈ 1 holds dw to half an ulp of 1 (6e-8); 1e-6 allows ~16 ulps of w.
    for (const t of [0, 30, 49]) expect(await dw(t)).toBeCloseTo(0.02 * Math.exp(-(50 - t) / 20), closeDigits(14, 0.1));
    for (const t of [50, 51, 70, 100]) expect(await dw(t)).toBeCloseTo(-0.02 * Math.exp(-(t - 50) / 20), closeDigits(14, 0.1));
  });

  it('the built-in STDP (y negative, LTD = w + y) gives the same window', async () => {
    const net = new Network({ dt: 1 });
    const pre = new SpikeSourceArray([[10], [60]], { network: net });
    const post = net.create(1, new Neuron({ equations: 'mp = g_exc', spike: 't == 40.0' }));
    const proj = net.connect(pre, post, 'exc', new STDP({ A_plus: 0.01, A_minus: 0.01, w_max: 2.0 })).connectAllToAll({ weights: 1.0 });
    await net.compile(compileFor());
    await net.simulate(100);
    const w = proj.flat('w');
    expect(w[0] - 1).toBeCloseTo(0.02 * Math.exp(-30 / 20), closeDigits(14, 0.1));
    expect(w[1] - 1).toBeCloseTo(-0.02 * Math.exp(-20 / 20), closeDigits(14, 0.1));
  });
});
