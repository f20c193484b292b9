// Continuous transmission in spiking synapses (ANNarchy's `psp` in a spiking synapse: gap junctions,
// NMDA-like currents): every step, in the transmission phase and after the spike events of the
// projection, Σ psp of each dendrite is added to g_target, like a rate-coded weighted sum.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, compileOptions, tolerance } from '../helpers/backends.js';
import { Network, Neuron, Synapse, EquationError, type BackendName } from '../../src/index.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';

const column = (m: Float64Array[], k: number) => m.map((r) => r[k]);

describeBackends('continuous transmission in spiking synapses (psp)', () => {
  // Two LIF-like neurons coupled both ways by a gap junction, dt = 1, explicit Euler:
  //   tau * dv/dt = E - v + g_gap   (tau = 4, E = 0, threshold never reached), psp = w * (pre.v - post.v), w = 0.5.
  // g_gap is read by no ODE, so it is cleared after every neuron update, and transmission at step n
  // reads the state at the end of step n − 1 (v0, v1 = 8, 0 initially):
  //   step 0: g0 = 0.5·(0 − 8) = −4,  g1 = +4;   v0 = 8 + (0 − 8 − 4)/4 = 5,         v1 = 0 + (0 − 0 + 4)/4 = 1
  //   step 1: g0 = 0.5·(1 − 5) = −2,  g1 = +2;   v0 = 5 + (−5 − 2)/4 = 3.25,         v1 = 1 + (−1 + 2)/4 = 1.25
  //   step 2: g0 = 0.5·(1.25 − 3.25) = −1, g1 = +1; v0 = 3.25 + (−3.25 − 1)/4 = 2.1875, v1 = 1.25 + (−1.25 + 1)/4 = 1.1875
  //   step 3: g0 = −0.5, g1 = +0.5;              v0 = 1.515625,                        v1 = 1.015625
  // In general the difference d = v0 − v1 halves each step (d' = d − (d + 2w·d)/4 = d/2) and the sum
  // s = v0 + v1 decays by 3/4 (the exchanged currents cancel): after n steps v0 = 4(0.75ⁿ + 0.5ⁿ),
  // v1 = 4(0.75ⁿ − 0.5ⁿ), and the g_gap delivered at step n is ∓4·0.5ⁿ. Every value is a dyadic
  // rational with fewer than 53 bits for these 20 steps: js and cpp must give them exactly.
  it('a two-neuron gap junction exchanges w·(v_pre − v_post) every step (hand-computed, exact)', async () => {
    const net = new Network({ dt: 1 });
    const LIF = new Neuron({
      name: 'LIF gap', parameters: 'tau = 4.0\nE = 0.0', equations: 'tau * dv/dt = E - v + g_gap', spike: 'v > 100.0', reset: 'v = E',
    });
    const pop = net.create(2, LIF);
    pop.v = [8, 0];
    const gap = new Synapse({ name: 'gap junction', psp: 'w * (pre.v - post.v)' });
    net.connect(pop, pop, 'gap', gap).connectAllToAll({ weights: 0.5 }); // 0 → 1 and 1 → 0, no self-connections
    const m = net.monitor(pop, ['v', 'g_gap']);
    await net.compile(compileFor());
    expect(net.plan!.projections[0].continuous).toBe(true);
    await net.simulate(20);
    const v = m.get('v') as Float64Array[];
    const g = m.get('g_gap') as Float64Array[];
    expect(v.length).toBe(20);
    const v0 = Array.from({ length: 20 }, (_, n) => 4 * (0.75 ** (n + 1) + 0.5 ** (n + 1)));
    const v1 = Array.from({ length: 20 }, (_, n) => 4 * (0.75 ** (n + 1) - 0.5 ** (n + 1)));
    const g1 = Array.from({ length: 20 }, (_, n) => 4 * 0.5 ** n);
    expect(v0.slice(0, 4)).toEqual([5, 3.25, 2.1875, 1.515625]); // the steps written out above
    expect(v1.slice(0, 4)).toEqual([1, 1.25, 1.1875, 1.015625]);
    for (let n = 0; n < 20; n++) {
      expect(Math.abs(v[n][0] - v0[n]), `v0 step ${n}`).toBeLessThanOrEqual(tolerance(0, 8));
      expect(Math.abs(v[n][1] - v1[n]), `v1 step ${n}`).toBeLessThanOrEqual(tolerance(0, 8));
      expect(Math.abs(g[n][0] + g1[n]), `g0 step ${n}`).toBeLessThanOrEqual(tolerance(0, 4));
      expect(Math.abs(g[n][1] - g1[n]), `g1 step ${n}`).toBeLessThanOrEqual(tolerance(0, 4));
    }
  });

  // Pre neuron: v = t (so pre.v at the transmission of step n is n − 1, 0 at step 0), one spike at
  // step 2, delivered at step 3. Synapse: psp = w·pre.v and pre_spike `g_target += 100·w; w += 1`,
  // w = 1. As in ANNarchy, a psp replaces the default `g_target += w`, the event code runs first and
  // the continuous sum after it, with the weight the event left:
  //   g_exc = [0, 0, 1·1, 100·1 + 2·2, 2·3, 2·4] = [0, 0, 1, 104, 6, 8].
  // With a uniform delay of 2 ms the spike arrives at step 4 and pre.v is read 2 steps late (the ring
  // starts from the initial 0): [0, 0, 0, 1·1, 100·1 + 2·2, 2·3] = [0, 0, 0, 1, 104, 6].
  for (const delays of [undefined, 2.0]) {
    it(`psp and pre_spike together: events first, then the continuous sum with the new weight${delays ? ' (uniform delay 2 ms)' : ''}`, async () => {
      const net = new Network({ dt: 1 });
      const pre = net.create(1, new Neuron({ equations: 'v = t', spike: 't == 2.0' }));
      const post = net.create(1, new Neuron({ equations: 'mp = g_exc', spike: 'mp > 1e9' }));
      const syn = new Synapse({ name: 'NMDA-like', psp: 'w * pre.v', preSpike: 'g_target += 100 * w\nw += 1' });
      const proj = net.connect(pre, post, 'exc', syn).connectAllToAll({ weights: 1.0, ...(delays ? { delays } : {}) });
      const m = net.monitor(post, 'g_exc');
      await net.compile(compileFor());
      await net.simulate(6);
      expect(column(m.get('g_exc') as Float64Array[], 0)).toEqual(delays ? [0, 0, 0, 1, 104, 6] : [0, 0, 1, 104, 6, 8]);
      expect(proj.flat('w')[0]).toBe(2);
    });
  }

  // Per-synapse delays: pre neurons v = a·t with a = 1 and 10, delays 1 and 3 ms (dt = 1) onto one
  // post neuron, psp = w·pre.v, w = 1: g_exc at step n = (n − 1) + 10·(n − 3), each term 0 before
  // its first value arrives: [0, 0, 1, 2, 13, 24, 35].
  it('per-synapse delays read each pre.v with its own delay', async () => {
    const net = new Network({ dt: 1 });
    const pre = net.create(2, new Neuron({ parameters: 'a = 1.0', equations: 'v = a * t', spike: 'v < -1.0' }));
    pre.a = [1, 10];
    const post = net.create(1, new Neuron({ equations: 'mp = g_exc', spike: 'mp > 1e9' }));
    const proj = net.connect(pre, post, 'exc', new Synapse({ psp: 'w * pre.v' })).connectAllToAll({ weights: 1.0 });
    proj.delay = [[1, 3]];
    const m = net.monitor(post, 'g_exc');
    await net.compile(compileFor());
    await net.simulate(7);
    expect(column(m.get('g_exc') as Float64Array[], 0)).toEqual([0, 0, 1, 2, 13, 24, 35]);
  });

  it('transmission off: no continuous input; on again: it resumes', async () => {
    const net = new Network({ dt: 1 });
    const pre = net.create(1, new Neuron({ equations: 'v = t', spike: 'v < -1.0' }));
    const post = net.create(1, new Neuron({ equations: 'mp = g_exc', spike: 'mp > 1e9' }));
    const proj = net.connect(pre, post, 'exc', new Synapse({ psp: 'w * pre.v' })).connectAllToAll({ weights: 2.0 });
    const m = net.monitor(post, 'g_exc');
    await net.compile(compileFor());
    proj.transmission = false;
    await net.simulate(3);
    proj.transmission = true;
    await net.simulate(2);
    expect(column(m.get('g_exc') as Float64Array[], 0)).toEqual([0, 0, 0, 2 * 2, 2 * 3]);
  });
});

// A network that spikes, with gap junctions and a synapse with both psp and pre_spike (two targets,
// a delay): js and cpp must agree bit for bit (the cpp loop is the js loop, in the same order).
it.skipIf((await findCompiler()) === undefined)('js and cpp give the same bits on a spiking network with gap junctions', async () => {
  async function run(backend: BackendName) {
    const net = new Network({ dt: 0.1, seed: 7 });
    const N = new Neuron({
      parameters: 'tau = 10.0\nv0 = -60.0', equations: 'tau * dv/dt = v0 - v + g_gap + g_exc + 12.0',
      spike: 'v > -50.0', reset: 'v = v0', refractory: 2.0,
    });
    const pop = net.create(40, N);
    pop.v = Array.from({ length: 40 }, (_, i) => -60 + 9 * Math.sin(i));
    net.connect(pop, pop, 'gap', new Synapse({ psp: 'w * (pre.v - post.v)' })).connectAllToAll({ weights: 0.01 });
    net.connect(pop, pop, ['gap', 'exc'], new Synapse({ psp: '0.001 * w * (pre.v + 60.0)', preSpike: 'g_target += w' }))
      .connectFixedProbability({ probability: 0.3, weights: 0.2, delays: 0.3 });
    const m = net.monitor(pop, ['v', 'spike']);
    await net.compile(compileOptions(backend));
    await net.simulate(100);
    return { v: m.get('v') as Float64Array[], spikes: m.get('spike') };
  }
  const js = await run('js');
  const cpp = await run('cpp');
  const count = Object.values(js.spikes as Record<string, number[]>).reduce((a, s) => a + s.length, 0);
  expect(count).toBeGreaterThan(40); // the network fires
  expect(cpp.spikes).toEqual(js.spikes);
  for (let s = 0; s < js.v.length; s++) expect(Array.from(cpp.v[s]), `step ${s}`).toEqual(Array.from(js.v[s]));
});

it('a spiking synapse allows only the operation sum (as ANNarchy): max is refused when the projection is created', () => {
  const net = new Network({ dt: 1 });
  const pop = net.create(2, new Neuron({ equations: 'v = t + g_gap', spike: 'v > 100.0' }));
  const max = new Synapse({ name: 'max gap', psp: 'w * pre.v', operation: 'max' });
  expect(() => net.connect(pop, pop, 'gap', max)).toThrow(EquationError);
  expect(() => net.connect(pop, pop, 'gap', max)).toThrow(/only 'sum'.*max gap.*operation/);
  expect(net.projections).toHaveLength(0);
});
