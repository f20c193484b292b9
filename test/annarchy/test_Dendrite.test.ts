// ANNarchy: tests/RateSynapse/test_Dendrite.py
// ANNarchy's tests share one network and run in alphabetical order without resetting projections, so
// some expectations build on earlier tests (test_set_alpha_2 expects test_set_alpha's 9.0); here each
// test does its own prerequisite writes on a fresh network. dendrite(6)[2].w is dendrite(6).synapse(2).
import { describe, it, expect, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse, NetworkError, type Projection, type BackendName } from '../../src/index.js';
import { expectAllClose } from './helpers.js';

async function build(backend: BackendName, oja: boolean) {
  const net = new Network();
  const pop1 = net.create(5, new Neuron({ parameters: 'tau = 10', equations: 'r += 1/tau * t' }));
  const pop2 = net.create(8, new Neuron({ parameters: 'tau = 10: population', equations: 'r += 1/tau * t: init = 1.0' }));
  const synapse = oja
    ? new Synapse({ parameters: 'tau = 5000.0 : postsynaptic\n alpha = 8.0', equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w' })
    : undefined;
  const proj = net.connect(pop1, pop2, 'exc', synapse).connectAllToAll({ weights: 1.0, ...(oja ? {} : { forceMultipleWeights: true }) });
  await net.compile(compileOptions(backend));
  return proj;
}

const arr = (x: unknown) => Array.from(x as Float64Array);

describeFloat64Backends('test_Dendrite', (backend) => {
  for (const [cls, oja] of [['test_DendriteDefaultSynapse', false], ['test_DendriteModifiedSynapse', true]] as const) {
    describe(cls, () => {
      let proj: Projection;
      beforeEach(async () => { proj = await build(backend, oja); });
      it('test_none: dendrite(14) of an 8-neuron post population is an error', () => {
        expect(() => proj.dendrite(14)).toThrow(NetworkError);
      });
      it('test_pre_ranks: dendrite(5).preRanks', () => expect(proj.dendrite(5).preRanks).toEqual([0, 1, 2, 3, 4]));
      it('test_dendrite_size: dendrite(3).size', () => expect(proj.dendrite(3).size).toBe(5));
      it('test_get_dendrite_weights: dendrite(7).w', () => expect(arr(proj.dendrite(7).w)).toEqual([1, 1, 1, 1, 1]));
      it('test_set_weights: dendrite(6).w = 2', () => {
        proj.dendrite(6).w = 2.0;
        expect(arr(proj.dendrite(6).w)).toEqual([2, 2, 2, 2, 2]);
      });
      it('test_set_weights_2: dendrite(6)[2].w = 3 (after test_set_weights)', () => {
        proj.dendrite(6).w = 2.0;
        proj.dendrite(6).synapse(2).set({ w: 3.0 });
        expect(arr(proj.dendrite(6).w)).toEqual([2, 2, 3, 2, 2]);
        expect(arr((proj.w as Float64Array[])[5])).toEqual([1, 1, 1, 1, 1]);
      });
      if (!oja) return;
      it('test_get_dendrite_tau: postsynaptic tau of dendrite(1)', () => expectAllClose(proj.dendrite(1).tau, 5000));
      it('test_get_dendrite_alpha: dendrite(0).alpha per synapse', () => expect(arr(proj.dendrite(0).alpha)).toEqual([8, 8, 8, 8, 8]));
      it('test_set_tau: proj.tau = 6000 reaches every dendrite', () => {
        proj.tau = 6000.0;
        expectAllClose(proj.dendrite(0).tau, 6000);
      });
      it('test_set_tau_2: dendrite(1).tau = 7000 changes only that dendrite', () => {
        const old = arr(proj.tau);
        old[1] = 7000;
        proj.dendrite(1).tau = 7000.0;
        expectAllClose(proj.dendrite(1).tau, 7000);
        expect(arr(proj.tau)).toEqual(old);
      });
      it('test_set_alpha: dendrite(4).alpha = 9', () => {
        proj.dendrite(4).alpha = 9.0;
        expect(arr(proj.dendrite(4).alpha)).toEqual([9, 9, 9, 9, 9]);
      });
      it('test_set_alpha_2: dendrite(4)[1].alpha = 10 (after test_set_alpha)', () => {
        proj.dendrite(4).alpha = 9.0;
        proj.dendrite(4).synapse(1).set({ alpha: 10.0 });
        expect(arr(proj.dendrite(4).alpha)).toEqual([9, 10, 9, 9, 9]);
      });
      it('test_set_with_dict: dendrite(1).set({ tau: 7000 })', () => {
        const expected = arr(proj.tau);
        expected[1] = 7000;
        proj.dendrite(1).set({ tau: 7000 });
        expect(arr(proj.tau)).toEqual(expected);
      });
      it("test_get_by_name: dendrite(1).get('tau')", () => expectAllClose(proj.dendrite(1).get('tau'), 5000));
    });
  }
});
