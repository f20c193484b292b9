// ANNarchy: tests/SpikeSynapse/test_SpikingDelays.py
// This file is never imported by ANNarchy's test package (dead code). Its first class is spiking;
// the others are line-for-line copies of tests/RateSynapse/test_RateDelays.py (rate-coded neurons),
// ported in test_RateDelays.test.ts and listed here as n/a. In test_SpikingNoDelay, the expectations
// of test_all_to_all / test_fixed_number_pre (sum = W · v after one step) are those of the rate-coded
// file: for spiking neurons the events of step 0 reach g_target in step 1, so neurarchy asserts that
// (g = 0 after one step, W · [v > 0] after two, read from a monitor since g is cleared after the update).
import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Uniform, type Population, type Projection, type Monitor } from '../../src/index.js';
import { expectAllClose, skipNA, column } from './helpers.js';

const COPY = (cls: string) => `dead copy of RateSynapse/test_RateDelays.py ${cls}, ported in test_RateDelays.test.ts`;

describeFloat64Backends('test_SpikingDelays', (backend) => {
  describe('test_SpikingNoDelay', () => {
    let net: Network;
    let pop1: Population, pop2: Population;
    let proj2: Projection, proj3: Projection;
    let m: Monitor;
    beforeAll(async () => {
      net = new Network({ seed: 3 });
      pop1 = net.create([3, 3], new Neuron({ parameters: 'v=0.0', spike: 'v>0' }));
      pop2 = net.create([3, 3], new Neuron({ equations: 'v += g_one2one', spike: 'v>30' }));
      const pop3 = net.create(4, new Neuron({ equations: 'v += g_all2all + g_fnp', spike: 'v>30' }));
      net.connect(pop1, pop2, 'one2one').connectOneToOne({ weights: 1.0, forceMultipleWeights: true });
      proj2 = net.connect(pop1, pop3, 'all2all').connectAllToAll({ weights: new Uniform(0, 1) });
      proj3 = net.connect(pop1, pop3, 'fnp').connectFixedNumberPre({ number: 5, weights: new Uniform(0, 1) });
      m = net.monitor(pop3, ['g_all2all', 'g_fnp']);
      await net.compile(compileOptions(backend));
    });
    beforeEach(() => net.reset());
    const v = [1, 0, 1, 1, 0, 0, 1, 0, 1];
    it('test_one_to_one: v of the receivers equals the senders\' 0/1 after two steps', async () => {
      pop1.v = v;
      await net.simulate(2);
      expect(Array.from(pop2.v as Float64Array)).toEqual(v);
    });
    for (const [name, target, p] of [['test_all_to_all', 'g_all2all', () => proj2], ['test_fixed_number_pre', 'g_fnp', () => proj3]] as const) {
      it(`${name}: g is W · [v > 0] one step after the spikes [semantics]`, async () => {
        const values = v.map((x, i) => x * (0.25 + 0.05 * i));
        pop1.v = values;
        await net.simulate(2);
        const W = p().connectivityMatrix();
        const expected = W.map((row) => row.reduce((a, w, j) => a + (values[j] > 0 ? w : 0), 0));
        const g = m.get(target) as Float64Array[];
        expectAllClose(Array.from(g[0]), [0, 0, 0, 0]);
        expectAllClose(Array.from(g[1]), expected, 1e-12);
        expect(column(g).length).toBe(2);
      });
    }
  });
  for (const t of ['test_get_delay', 'test_set_delay', 'test_configured_delay_local', 'test_configured_delay_global', 'test_modified_delay_local', 'test_modified_delay_global']) {
    skipNA(COPY('test_UniformDelay'), `test_SpikingUniformDelay.${t}`);
  }
  for (const t of ['test_configured_nonuniform_delay', 'test_modified_nonuniform_delay']) skipNA(COPY('test_NonuniformDelay'), `test_SpikingNonuniformDelay.${t}`);
  for (const t of ['test_max', 'test_min', 'test_mean']) skipNA(COPY('test_SynapseOperations'), `test_SynapseOperations.${t}`);
  skipNA(COPY('test_SynapticAccess'), 'test_SynapticAccess.test_compile');
});
