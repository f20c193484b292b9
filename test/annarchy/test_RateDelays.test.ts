// ANNarchy: tests/RateSynapse/test_RateDelays.py
// Random inputs come from a small seeded generator instead of numpy.random; the expected sums are
// computed from proj.connectivityMatrix() as ANNarchy's test does with numpy.
import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse, Uniform, DiscreteUniform, type Population, type Projection } from '../../src/index.js';
import { expectAllClose } from './helpers.js';

function randomValues(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; });
}
/** numpy.sum(W * pre_r, axis=1) */
const weightedSums = (W: Float64Array[], r: number[]) => W.map((row) => row.reduce((a, w, j) => a + w * r[j], 0));

/** r = [-1, 0, 2, 5, 9, 14, 20, …] (r += t from -1), locally and as a population variable */
const INPUT = new Neuron({ equations: 'glob_r = glob_r + t : init = -1, population\n r = r + t : init = -1' });

describeFloat64Backends('test_RateDelays', (backend) => {
  describe('test_NoDelay', () => {
    let net: Network;
    let pop1: Population, pop2: Population, pop3: Population;
    let proj: Projection, proj2: Projection, proj3: Projection;
    beforeAll(async () => {
      net = new Network({ seed: 1 });
      pop1 = net.create([17, 17], new Neuron({ parameters: 'r=0.0' }));
      pop2 = net.create([17, 17], new Neuron({ equations: 'r =  sum(one2one)' }));
      pop3 = net.create(4, new Neuron({ equations: 'r =  sum(all2all) + sum(fnp)' }));
      proj = net.connect(pop1, pop2, 'one2one').connectOneToOne({ weights: new Uniform(0, 1) });
      proj2 = net.connect(pop1, pop3, 'all2all').connectAllToAll({ weights: new Uniform(0, 1) });
      proj3 = net.connect(pop1, pop3, 'fnp').connectFixedNumberPre({ number: 5, weights: new Uniform(0, 1) });
      await net.compile(compileOptions(backend));
    });
    beforeEach(() => net.reset());
    for (const [name, target, which] of [['test_one_to_one', 'one2one', 0], ['test_all_to_all', 'all2all', 1], ['test_fixed_number_pre', 'fnp', 2]] as const) {
      it(`${name}: sum(${target}) equals W · r after one step`, async () => {
        const r = randomValues(289, which + 11);
        const p = [proj, proj2, proj3][which];
        const expected = weightedSums(p.connectivityMatrix(), r);
        pop1.r = r;
        await net.simulate(1);
        expectAllClose((which === 0 ? pop2 : pop3).sum(target), expected, 1e-12);
      });
    }
  });

  describe('test_UniformDelay', () => {
    let net: Network;
    let pop2: Population;
    let proj: Projection, proj2: Projection;
    beforeAll(async () => {
      net = new Network();
      const pop1 = net.create(3, INPUT);
      pop2 = net.create(3, new Neuron({ equations: 'r = sum(ff)' }));
      proj = net.connect(pop1, pop2, 'ff').connectOneToOne({ weights: 1.0, delays: 10.0 });
      proj2 = net.connect(pop1, pop2, 'ff_glob', new Synapse({ psp: 'pre.glob_r * w' })).connectOneToOne({ weights: 1.0, delays: 10.0 });
    });
    beforeAll(async () => { await net.compile(compileOptions(backend)); });
    // ANNarchy's reset() leaves delays as they are, and its tests run alphabetically, so
    // test_set_delay's 2.0 is still in place for the next tests; here every test sets its delay.
    beforeEach(() => { net.reset(); proj.delay = 10.0; proj2.delay = 10.0; });
    it('test_get_delay: 10 ms', () => expect(proj.delay).toBe(10.0));
    it('test_set_delay: proj.delay = 2', () => { proj.delay = 2.0; expect(proj.delay).toBe(2.0); });
    const sequence = (target: string, first: number) => async () => {
      await net.simulate(first);
      expectAllClose(pop2.sum(target), -1.0);
      await net.simulate(1);
      expectAllClose(pop2.sum(target), -1.0);
      await net.simulate(4);
      expectAllClose(pop2.sum(target), 9.0);
    };
    it('test_configured_delay_local: -1 for 11 steps, then r of 4 steps earlier (9)', sequence('ff', 10));
    it('test_configured_delay_global: the same through pre.glob_r', sequence('ff_glob', 10));
    it('test_modified_delay_local: proj.delay = 5', async () => { proj.delay = 5.0; await sequence('ff', 5)(); });
    it('test_modified_delay_global: proj2.delay = 5', async () => { proj2.delay = 5.0; await sequence('ff_glob', 5)(); });
  });

  describe('test_NonuniformDelay', () => {
    let net: Network;
    let pop2: Population;
    let proj: Projection;
    beforeAll(async () => {
      net = new Network();
      const pop1 = net.create(3, new Neuron({ equations: 'r = r + t : init = -1' }));
      pop2 = net.create(3, new Neuron({ equations: 'r = sum(ff)' }));
      proj = net.connect(pop1, pop2, 'ff').connectOneToOne({ weights: 1.0, delays: new DiscreteUniform(1, 5) });
      await net.compile(compileOptions(backend));
    });
    beforeEach(() => { net.reset(); proj.delay = [[3], [5], [2]]; });
    it('test_configured_nonuniform_delay: delays 3, 5, 2 after 5 ms', async () => {
      await net.simulate(5);
      expectAllClose(pop2.sum('ff'), [0.0, -1.0, 2.0]);
    });
    it('test_modified_nonuniform_delay: delays all 3 after 10 ms', async () => {
      proj.delay = [[3.0], [3.0], [3.0]];
      await net.simulate(10);
      expectAllClose(pop2.sum('ff'), [20.0, 20.0, 20.0]);
    });
  });

  describe('test_SynapseOperations', () => {
    let net: Network;
    let pop1: Population, pop2: Population;
    beforeAll(async () => {
      net = new Network();
      pop1 = net.create([3, 3], new Neuron({ parameters: 'r=0.0' }));
      pop2 = net.create(4, new Neuron({ equations: 'r = sum(p1) + sum(p2)' }));
      for (const [target, operation] of [['p1', 'max'], ['p2', 'min'], ['p3', 'mean']] as const) {
        net.connect(pop1, pop2, target, new Synapse({ psp: 'pre.r * w', operation })).connectAllToAll({ weights: 1.0 });
      }
      await net.compile(compileOptions(backend));
    });
    beforeEach(() => net.reset());
    for (const [name, target, f] of [
      ['test_max', 'p1', (v: number[]) => Math.max(...v)],
      ['test_min', 'p2', (v: number[]) => Math.min(...v)],
      ['test_mean', 'p3', (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length],
    ] as const) {
      it(`${name}: sum(${target}) over 9 random pre-synaptic rates`, async () => {
        const r = randomValues(9, name.length + 3);
        pop1.r = r;
        await net.simulate(1);
        expectAllClose(pop2.sum(target), f(r), 1e-15);
      });
    }
  });

  describe('test_SynapticAccess', () => {
    it('test_compile: covariance rule with mean(pre.r) and mean(post.r)', async () => {
      const net = new Network();
      const neuron = new Neuron({ parameters: 'r=0' });
      const pre = net.create(6, neuron);
      const post = net.create(1, neuron);
      const proj = net.connect(pre, post, 'exc', new Synapse({
        parameters: 'tau = 5000.0',
        equations: 'tau * dw/dt = (pre.r - mean(pre.r) ) * (post.r - mean(post.r) )',
      })).connectAllToAll({ weights: 1.0 });
      await net.compile(compileOptions(backend));
      // not in ANNarchy's test: one step of the rule with r_pre = 0..5, r_post = 2 (mean(post.r) = 2, so no change)
      pre.r = [0, 1, 2, 3, 4, 5];
      post.r = 2;
      await net.simulate(1);
      expectAllClose((proj.w as Float64Array[])[0], 1.0, 1e-15);
    });
  });
});
