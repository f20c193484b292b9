// ANNarchy idioms that must work as ANNarchy accepts them (issue 12): reset of synapses, setSeed,
// proj.synapse(pre, post), t_last, single-neuron values, LILBuilder, the GIF models.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, closeDigits } from '../helpers/backends.js';
import { Network, PoissonPopulation, Neuron, STDP, GIF_curr, GIF_curr_exp, type PopulationLike, type ShapedArray } from '../../src/index.js';

/** Poisson inputs onto 5 LIF neurons through STDP: weights move, spikes depend on them. */
function stdpNetwork() {
  const net = new Network({ dt: 0.5, seed: 7 });
  const lif = new Neuron({
    parameters: 'tau = 10.0\nv_th = 0.2',
    equations: 'tau * dv/dt = -v + g_exc',
    spike: 'v > v_th', reset: 'v = 0.0',
  });
  const inp = new PoissonPopulation(20, { rates: 80, network: net });
  const out = net.create(5, lif);
  const proj = net.connect(inp, out, 'exc', new STDP({ A_plus: 0.05, A_minus: 0.06, w_max: 1.0 }));
  proj.connectAllToAll({ weights: 0.3 });
  const m = net.monitor(out, 'spike');
  return { net, proj, m };
}

const weights = (w: unknown) => (w as Float64Array[]).map((row) => Array.from(row));

describeBackends('reset({ synapses: true })', () => {
  it('restores the weights of an STDP projection to their values at compile, and a rerun repeats the first run', async () => {
    const { net, proj, m } = stdpNetwork();
    await net.compile(compileFor());
    const initial = weights(proj.w);
    expect(initial.flat().every((x) => x === 0.3)).toBe(true);
    await net.simulate(200);
    const learned = weights(proj.w);
    const spikes1 = m.get('spike');
    expect(learned.flat().some((x) => x !== 0.3)).toBe(true); // STDP did change them
    expect(Object.values(spikes1).flat().length).toBeGreaterThan(0);

    // reset() alone (populations, monitors) keeps the learned weights, as ANNarchy.
    net.reset();
    expect(weights(proj.w)).toEqual(learned);
    net.reset({ synapses: true });
    expect(net.getCurrentStep()).toBe(0);
    expect(weights(proj.w)).toEqual(initial);
    // Inputs draw new random numbers after a reset: the rerun is compared with inputs frozen
    // (the Poisson streams continue), so only the learning is compared, from identical weights.
  });

  it('a deterministic learning run (spike times given) is repeated bit for bit after reset({ synapses: true })', async () => {
    const net = new Network({ dt: 1.0, seed: 1 });
    const { SpikeSourceArray } = await import('../../src/index.js');
    const pre = new SpikeSourceArray([[5, 30, 55], [12, 40], [20, 21, 70]], { network: net });
    const post = net.create(2, new Neuron({ parameters: 'tau = 5.0', equations: 'tau * dv/dt = -v + g_exc', spike: 'v > 0.15', reset: 'v = 0.0' }));
    const proj = net.connect(pre, post, 'exc', new STDP({ A_plus: 0.1, A_minus: 0.12, tau_plus: 10, tau_minus: 10, w_max: 1.0 }));
    proj.connectAllToAll({ weights: 0.5 });
    const m = net.monitor(post, 'spike');
    await net.compile(compileFor());
    await net.simulate(100);
    const first = weights(proj.w);
    const spikes = m.get('spike');
    expect(first.flat().some((x) => x !== 0.5)).toBe(true);
    expect(spikes[0].length).toBeGreaterThan(0);
    net.reset({ synapses: true });
    expect(weights(proj.w).flat().every((x) => x === 0.5)).toBe(true);
    await net.simulate(100);
    expect(weights(proj.w)).toEqual(first);
    expect(m.get('spike')).toEqual(spikes);
  });
});

describeBackends('reset() with spikes in flight', () => {
  it('spikes still travelling on variable delays at reset() are dropped: a rerun after reset({ synapses: true }) is identical', async () => {
    const { SpikeSourceArray, Uniform } = await import('../../src/index.js');
    const net = new Network({ dt: 1.0, seed: 1 });
    // Pre spikes at 97–99 ms are still in flight (delays 1–5 ms) when the first run ends at 100 ms.
    const pre = new SpikeSourceArray([[5, 30, 55, 98], [12, 40, 99], [20, 21, 70, 97]], { network: net });
    const post = net.create(2, new Neuron({ parameters: 'tau = 5.0', equations: 'tau * dv/dt = -v + g_exc', spike: 'v > 0.15', reset: 'v = 0.0' }));
    const proj = net.connect(pre, post, 'exc', new STDP({ A_plus: 0.1, A_minus: 0.12, tau_plus: 10, tau_minus: 10, w_max: 1.0 }));
    proj.connectAllToAll({ weights: 0.5, delays: new Uniform(1, 5) });
    const m = net.monitor(post, 'spike');
    await net.compile(compileFor());
    await net.simulate(100);
    const first = { w: weights(proj.w), spikes: m.get('spike') };
    net.reset({ synapses: true });
    await net.simulate(100);
    expect(m.get('spike')).toEqual(first.spikes);
    expect(weights(proj.w)).toEqual(first.w);
  });
});

describeBackends('single neurons, single synapses, t_last', () => {
  /** Neuron 0: v grows by 1 per ms and spikes above 1.2 (steps 2, 5, 8, … at dt 0.5); neuron 1 never spikes. */
  function ramp() {
    const net = new Network({ dt: 0.5, seed: 1 });
    const pop = net.create(2, new Neuron({ parameters: 'a = 1.0', equations: 'dv/dt = a', spike: 'v > 1.2', reset: 'v = 0.0' }));
    pop.a = [1, 0];
    return { net, pop };
  }

  it('pop.t_last: time of the last spike in ms (−10000·dt before any), per neuron a number', async () => {
    const { net, pop } = ramp();
    expect(Array.from(pop.t_last)).toEqual([-5000, -5000]);
    await net.compile(compileFor());
    await net.simulate(5); // spikes at steps 2, 5, 8
    expect(Array.from(pop.t_last)).toEqual([4, -5000]);
    expect(pop.t_last.shape).toEqual([2]);
    expect(pop.neuronAt(0).t_last).toBe(4);
    expect(Array.from(pop.slice(0, 1).t_last as ShapedArray)).toEqual([4]); // a view: an array, even of one neuron
    net.reset();
    expect(pop.neuronAt(0).t_last).toBe(-5000);
    const rate = new Network({ dt: 0.5 }).create(1, new Neuron({ equations: 'r = 1.0' }));
    expect(() => rate.t_last).toThrow(/rate-coded: t_last/);
  });

  it('one neuron (neuronAt, view with one index per dimension) reads numbers; views of several stay arrays', async () => {
    const net = new Network({ dt: 1, seed: 1 });
    const pop = net.create([2, 3], new Neuron({ parameters: 'tau = 10.0 : population\nb = 0.0', equations: 'r = b' }));
    pop.b = [0, 1, 2, 10, 11, 12];
    const n = pop.neuronAt(1, 2);
    expect(n.rank).toBe(5);
    expect(n.b).toBe(12);
    expect(n.tau).toBe(10);
    expect(pop.neuronAt(4).b).toBe(11);
    expect(pop.view(1, 0).b).toBe(10);
    n.b = 7;
    expect(Array.from(pop.b)).toEqual([0, 1, 2, 10, 11, 7]);
    expect(Array.from(pop.view(1, ':').b)).toEqual([10, 11, 7]);
    expect(Array.from(pop.view([4]).b)).toEqual([11]); // a list of ranks stays a view
    await net.compile(compileFor());
    await net.step();
    expect(pop.neuronAt(1, 2).r).toBe(7);
  });

  it('proj.synapse(pre, post).w reads and writes one weight, used by the next transmission', async () => {
    const { SpikeSourceArray } = await import('../../src/index.js');
    const net = new Network({ dt: 1, seed: 1 });
    const pre = new SpikeSourceArray([[3], [3], [3]], { network: net });
    const post = net.create(2, new Neuron({ equations: 'dv/dt = g_exc', spike: 'v > 100.0', reset: 'v = 0.0' }));
    const proj = net.connect(pre, post, 'exc', new (await import('../../src/index.js')).Synapse({ parameters: 'tau = 2.0 : postsynaptic', preSpike: 'g_target += w' }));
    proj.connectAllToAll({ weights: 0.1, forceMultipleWeights: true });
    const m = net.monitor(post, 'g_exc');
    await net.compile(compileFor());
    const syn = proj.synapse(2, 1);
    expect(syn.w).toBe(0.1);
    expect([syn.preRank, syn.postRank]).toEqual([2, 1]);
    syn.w = 0.7;
    expect(Array.from(proj.dendrite(1).w)).toEqual([0.1, 0.1, 0.7]);
    expect(proj.synapse(2, 0).w).toBe(0.1);
    expect(syn.tau).toBe(2); // a semiglobal value reads as the dendrite's
    expect(() => { syn.tau = 3; }).toThrow(/one value per dendrite/);
    expect(() => proj.synapse(5, 0)).toThrow(/no synapse from pre-synaptic neuron 5/);
    await net.simulate(6);
    const g = m.get('g_exc');
    const peak = (i: number) => Math.max(...g.map((row) => row[i]));
    expect(peak(0)).toBeCloseTo(0.3, closeDigits(12));
    expect(peak(1)).toBeCloseTo(0.9, closeDigits(12));
  });
});

describeBackends('LILBuilder for connectWithFunc, GIF models', () => {
  it('a user connection function returning a LILBuilder (ANNarchy\'s LILConnectivity)', async () => {
    const { LILBuilder, LILConnectivity } = await import('../../src/index.js');
    expect(LILConnectivity).toBe(LILBuilder);
    const net = new Network({ dt: 1, seed: 1 });
    const a = net.create(4, new Neuron({ parameters: 'b = 1.0', equations: 'r = b' }));
    const b = net.create(4, new Neuron({ equations: 'r = sum(exc)' }));
    a.b = [1, 2, 3, 4];
    // Each post neuron i receives from i and i+1 (mod 4), weights 1 and 0.5.
    const shifted = (pre: PopulationLike, post: PopulationLike, w: number) => {
      const lil = new LILBuilder();
      for (let i = 0; i < post.size; i++) lil.add(i, [i, (i + 1) % pre.size], [w, w / 2]);
      return lil;
    };
    const probe = shifted(a, b, 1);
    expect(probe.postRank).toEqual([0, 1, 2, 3]);
    expect(probe.preRank[3]).toEqual([3, 0]);
    expect(probe.w[0]).toEqual([1, 0.5]);
    expect(probe.uniformDelay).toBe(0);
    expect(probe.nbSynapses).toBe(8);
    const proj = net.connect(a, b, 'exc').connectWithFunc(shifted, 1);
    expect(proj.nbSynapses).toBe(8);
    await net.compile(compileFor());
    await net.simulate(2);
    // r_post[i] = b[i] + b[i+1]/2
    expect(Array.from(b.r)).toEqual([1 + 1, 2 + 1.5, 3 + 2, 4 + 0.5]);
  });

  it('GIF_curr: u relaxes to u_r + R·I_ext by explicit Euler, v to u_th; escape noise with a huge c fires every step', async () => {
    const net = new Network({ dt: 1, seed: 3 });
    const quiet = net.create(1, new GIF_curr({ c: 0 }));
    const loud = net.create(1, new GIF_curr_exp({ c: 1e9 }));
    const mq = net.monitor(quiet, ['u', 'v']);
    const ml = net.monitor(loud, ['v', 'spike']);
    await net.compile(compileFor());
    await net.simulate(5);
    // R = tau_m/C_m = 0.04, R·I_ext = 15: u_n = −50 − 15·0.9^n (dt/tau_m = 0.1); v stays at u_th.
    const u = mq.get('u').map((r) => r[0]);
    u.forEach((x, k) => expect(x).toBeCloseTo(-50 - 15 * 0.9 ** (k + 1), closeDigits(10, 65)));
    mq.get('v').forEach((r) => expect(r[0]).toBeCloseTo(-50, closeDigits(12, 50)));
    // Spike every step: v_{n+1} = v_n − (v_n − u_th)·dt/tau_v + J_v/tau_v (the reset adds 1 mV).
    expect(ml.get('spike')[0]).toEqual([0, 1, 2, 3, 4]);
    let v = -50;
    for (const row of ml.get('v')) { v = v - (v + 50) / 1000 + 1; expect(row[0]).toBeCloseTo(v, closeDigits(10, 50)); }
  });
});

describeBackends('setSeed', () => {
  it('seeds the default network (ANNarchy\'s set_seed): same seed, same Poisson spikes', async () => {
    const api = await import('../../src/index.js');
    const run = async (seed: number) => {
      api.clear();
      api.setSeed(seed);
      expect(api.magicNetwork().seed).toBe(seed);
      const p = new api.PoissonPopulation(50, { rates: 100 });
      const m = new api.Monitor(p, 'spike');
      await api.compile(compileFor());
      await api.simulate(50);
      expect(() => api.setSeed(1)).toThrow(/already compiled/);
      return m.get('spike');
    };
    const a = await run(42);
    const b = await run(42);
    const c = await run(43);
    expect(Object.values(a).flat().length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    api.clear();
    expect(() => api.setSeed(-1)).toThrow(/non-negative integer/);
    expect(() => api.setSeed(1.5)).toThrow(/non-negative integer/);
  });
});
