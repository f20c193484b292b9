// ANNarchy: tests/SpikeSynapse/test_SpikingSynapse.py
// Three neurons that spike every step (v = 1 > 0), all-to-all onto themselves (two synapses per dendrite).
import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse, Izhikevich, Uniform, type Projection, type BackendName } from '../../src/index.js';

const SpkNeuron = new Neuron({ parameters: 'v = 1', equations: 'mp = g_exc', spike: 'v > 0' });

async function build(backend: BackendName, synapse: Synapse) {
  const net = new Network();
  const pop = net.create(3, SpkNeuron);
  const proj = net.connect(pop, pop, 'exc', synapse).connectAllToAll({ weights: 5.0 });
  await net.compile(compileOptions(backend));
  return { net, proj };
}

describeFloat64Backends('test_SpikingSynapse', (backend) => {
  describe('test_PreSpike', () => {
    let n: Awaited<ReturnType<typeof build>>;
    beforeAll(async () => { n = await build(backend, new Synapse({ parameters: 'g = 1.0', preSpike: 'w -= 1.0 : min=0.0' })); });
    beforeEach(() => n.net.reset());
    it('test_w: 5 → 1 after 5 ms (events of steps 0-3 arrive in steps 1-4) → 0 (bounded)', async () => {
      expect(Array.from(n.proj.dendrite(0).w as Float64Array)).toEqual([5, 5]);
      await n.net.simulate(5);
      expect(Array.from(n.proj.dendrite(0).w as Float64Array)).toEqual([1, 1]);
      await n.net.simulate(5);
      expect(Array.from(n.proj.dendrite(0).w as Float64Array)).toEqual([0, 0]);
    });
  });
  describe('test_PostSpike', () => {
    let n: Awaited<ReturnType<typeof build>>;
    beforeAll(async () => { n = await build(backend, new Synapse({ parameters: 'constant = 1.0', postSpike: 'w += 1.0 * constant : max=10.0' })); });
    beforeEach(() => n.net.reset());
    it('test_w: 5 → 10 after 5 ms (post events in their own step) → stays at the bound 10', async () => {
      expect(Array.from(n.proj.dendrite(0).w as Float64Array)).toEqual([5, 5]);
      await n.net.simulate(5);
      expect(Array.from(n.proj.dendrite(0).w as Float64Array)).toEqual([10, 10]);
      await n.net.simulate(5);
      expect(Array.from(n.proj.dendrite(0).w as Float64Array)).toEqual([10, 10]);
    });
  });
  describe('test_TimeDependentUpdate', () => {
    it('test_invoke_compile: STDP written with t_pre and t_post on 100 Izhikevich neurons', async () => {
      const net = new Network({ seed: 1 });
      const pop = net.create(100, new Izhikevich());
      const proj: Projection = net.connect(pop, pop, 'exc', new Synapse({
        parameters: 'tau_pre = 10.0 : projection\n tau_post = 10.0 : projection\n cApre = 0.01 : projection\n cApost = 0.0105 : projection\n wmax = 0.01 : projection',
        preSpike: 'g_target += w\n w = clip(w - cApost * exp((t_post - t)/tau_post) , 0.0 , wmax)',
        postSpike: 'w = clip(w + cApre * exp((t_pre - t)/tau_pre) , 0.0 , wmax)',
      })).connectAllToAll({ weights: new Uniform(-1.0, 1.0) });
      await net.compile(compileOptions(backend));
      net.reset();
      await net.simulate(10);
      // not asserted by ANNarchy: every weight stays finite; a weight touched by an event lies in [0, wmax]
      for (const d of proj.w as Float64Array[]) for (const w of d) expect(Number.isFinite(w)).toBe(true);
    });
  });
});
