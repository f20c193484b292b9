// ANNarchy: tests/SpikeSynapse/test_SpikingSliceProjections.py
// Never imported by ANNarchy's test package (dead code, no views despite its name). Its expectations
// (sum = 0.05 and 0.1 after two steps) were copied from the STP/STDP test, but these projections use
// the default synapse (g_target += w) with 25 inputs of w = 0.1 that all spike at step 0 (v = 0 > T):
// g = 2.5 in step 1, cleared after the update as in ANNarchy. neurarchy asserts that [semantics].
import { it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, type Population, type Monitor } from '../../src/index.js';
import { column, expectAllClose } from './helpers.js';

describeFloat64Backends('test_SpikingSliceProjections', (backend) => {
  let net: Network;
  let inp: Population, out: Population;
  let m: Monitor;
  beforeAll(async () => {
    net = new Network();
    const LIF = new Neuron({
      parameters: 'tau = 10.0  : population\n Er = -60.0  : population\n Ee = 0.0    : population\n T = -45.0   : population',
      equations: 'tau * dv/dt = (Er - v) + (g_STP + g_STDP) * (Ee - v) : init = 0.0',
      spike: 'v > T',
      reset: 'v = Er',
      refractory: 5.0,
    });
    inp = net.create([5, 5], LIF);
    out = net.create([5, 5], LIF);
    net.connect(inp, out, 'STP').connectAllToAll({ weights: 0.1 });
    net.connect(inp, out, 'STDP').connectAllToAll({ weights: 0.1 });
    m = net.monitor(out.neuronAt(0, 0), ['g_STP', 'g_STDP']);
    await net.compile(compileOptions(backend));
  });
  beforeEach(() => { net.reset({ populations: true, projections: true }); inp.r = 1.0; });
  it('test_SpikingPopulationView.test_compile', () => expect(net.compiled).toBe(true));
  for (const target of ['STP', 'STDP']) {
    it(`test_SpikingPopulationView.test_get_exc_${target}: g_${target} = 25 × 0.1 in step 1, cleared after it [semantics]`, async () => {
      await net.simulate(2);
      expectAllClose(column(m.get(`g_${target}`) as Float64Array[]), [0, 2.5], 1e-12);
      expectAllClose(out.sum(target), 0);
    });
  }
});
