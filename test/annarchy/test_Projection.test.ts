// ANNarchy: tests/RateSynapse/test_Projection.py (+ 5.0 additions from tests_python/RateSynapse/test_Projection.py)
// The weights come as a scipy sparse matrix (pre × post) in ANNarchy; here as the same matrix in
// coordinate form ({ shape, row, col, data }).
import { it, expect, beforeAll, beforeEach, describe } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse, type Projection, type Population } from '../../src/index.js';
import { expectAllClose } from './helpers.js';

describeFloat64Backends('test_Projection', (backend) => {
  describe('test_Projection', () => {
    let net: Network;
    let proj: Projection;
    beforeAll(async () => {
      net = new Network();
      const simple = new Neuron({ parameters: 'r=0' });
      const pop1 = net.create(8, simple);
      const pop2 = net.create(4, simple);
      // post 1 receives 0.2 from all 8 pre neurons, post 3 receives 0.5 from pre 2..5
      const row: number[] = [], col: number[] = [], data: number[] = [];
      for (let i = 0; i < 8; i++) { row.push(i); col.push(1); data.push(0.2); }
      for (let i = 2; i < 6; i++) { row.push(i); col.push(3); data.push(0.5); }
      proj = net.connect(pop1, pop2, 'exc', new Synapse({ parameters: 'tau = 5000.0\n alpha = 8.0 : postsynaptic', equations: 'dw/dt = -w' }));
      proj.connectFromSparse({ shape: [8, 4], row, col, data });
      await net.compile(compileOptions(backend));
    });
    beforeEach(() => net.reset());
    it('test_get_w: rows of the two dendrites', () => {
      const w = proj.w as Float64Array[];
      expectAllClose(w[0], 0.2);
      expect(w[0].length).toBe(8);
      expectAllClose(w[1], 0.5);
      expect(w[1].length).toBe(4);
    });
    it('test_get_dendrite_w: through dendrite(1) and dendrite(3)', () => {
      expectAllClose(proj.dendrite(1).w, 0.2);
      expectAllClose(proj.dendrite(3).w, 0.5);
    });
    it('test_get_tau: per-synapse tau', () => {
      const tau = proj.tau as Float64Array[];
      expectAllClose(tau[0], 5000);
      expectAllClose(tau[1], 5000);
    });
    it("test_get_tau_2: get('tau')", () => {
      const tau = proj.get('tau') as Float64Array[];
      expectAllClose(tau[0], 5000);
      expectAllClose(tau[1], 5000);
    });
    it('test_get_alpha: postsynaptic alpha', () => expectAllClose(proj.alpha, 8.0));
    it("test_get_alpha_2: get('alpha')", () => expectAllClose(proj.get('alpha'), 8.0));
    it('test_get_size: two dendrites', () => expect(proj.size).toBe(2));
    it('test_get_post_ranks: [1, 3]', () => expect(proj.postRanks).toEqual([1, 3]));
  });

  describe('test_SliceProjections', () => {
    let net: Network;
    let pop1: Population, pop2: Population;
    beforeAll(async () => {
      net = new Network();
      pop1 = net.create(8, new Neuron({ parameters: 'r=0.0' }));
      pop2 = net.create(6, new Neuron({ equations: 'p = sum(prev)\n q = sum(postv)\n r = sum(bothv)' }));
      const preSlice = pop1.slice(1, 4);
      const postSlice = pop2.slice(1, 3);
      net.connect(preSlice, pop2, 'prev').connectAllToAll({ weights: 0.1 });
      net.connect(pop1, postSlice, 'postv').connectAllToAll({ weights: 0.1 });
      net.connect(preSlice, postSlice, 'bothv').connectAllToAll({ weights: 0.1 });
      await net.compile(compileOptions(backend));
    });
    beforeEach(async () => {
      net.reset({ populations: true, projections: true });
      net.disableLearning();
      pop1.r = Array.from({ length: 8 }, (_, i) => i);
      await net.simulate(1);
    });
    it('test_compile', () => expect(net.compiled).toBe(true));
    it('test_pre_view: pre-synaptic view 1:4 onto all: 0.1 * (1 + 2 + 3)', () => expectAllClose(pop2.sum('prev'), 0.6, 1e-12));
    it('test_post_view: all onto post view 1:3: 0.1 * 28 on ranks 1 and 2', () => expectAllClose(pop2.sum('postv'), [0, 2.8, 2.8, 0, 0, 0], 1e-12));
    it('test_both_view: view onto view', () => expectAllClose(pop2.sum('bothv'), [0, 0.6, 0.6, 0, 0, 0], 1e-12));
  });
});

// ANNarchy 5.0 (tests_python/RateSynapse/test_Projection.py) adds test_ModifiedProjection: the same
// sparse weights with a synapse holding local, postsynaptic and projection attributes, one variable
// initialised from a parameter (init = loc_var).
describeFloat64Backends('test_Projection (5.0 additions)', (backend) => {
  describe('test_ModifiedProjection', () => {
    let net: Network;
    let proj: Projection;
    beforeAll(async () => {
      net = new Network();
      const simple = new Neuron({ parameters: 'r=0' });
      const pop1 = net.create(8, simple);
      const pop2 = net.create(4, simple);
      const row: number[] = [], col: number[] = [], data: number[] = [];
      for (let i = 0; i < 8; i++) { row.push(i); col.push(1); data.push(0.2); }
      for (let i = 2; i < 6; i++) { row.push(i); col.push(3); data.push(0.5); }
      proj = net.connect(pop1, pop2, 'exc', new Synapse({
        parameters: 'loc_var        = 5000.0\n semi_glob_var  = 8.0    : postsynaptic\n glob_var       = 8.0    : projection',
        equations: 'dx/dt = -x              : init = loc_var\n dw/dt = -w',
      }));
      proj.connectFromSparse({ shape: [8, 4], row, col, data });
      await net.compile(compileOptions(backend));
    });
    beforeEach(() => net.reset());
    const rowsOf = (name: string) => proj.get(name) as Float64Array[];
    it('test_get_w', () => { expectAllClose(rowsOf('w')[0], 0.2); expectAllClose(rowsOf('w')[1], 0.5); });
    it('test_get_dendrite_w', () => { expectAllClose(proj.dendrite(1).w, 0.2); expectAllClose(proj.dendrite(3).w, 0.5); });
    it('test_get_loc_var', () => { expectAllClose((proj.loc_var as Float64Array[])[0], 5000); expectAllClose((proj.loc_var as Float64Array[])[1], 5000); });
    it("test_get_loc_var_2: get('loc_var')", () => { expectAllClose(rowsOf('loc_var')[0], 5000); expectAllClose(rowsOf('loc_var')[1], 5000); });
    it('test_get_loc_var_from_other: x initialised from loc_var', () => { expectAllClose((proj.x as Float64Array[])[0], 5000); expectAllClose(rowsOf('x')[0], 5000); });
    it('test_get_semi_glob_var', () => expectAllClose(proj.semi_glob_var, 8.0));
    it("test_get_semi_glob_var_2: get('semi_glob_var')", () => expectAllClose(proj.get('semi_glob_var'), 8.0));
    it('test_get_glob_var', () => expectAllClose(proj.glob_var, 8.0));
    it("test_get_glob_var_2: get('glob_var')", () => expectAllClose(proj.get('glob_var'), 8.0));
    it('test_get_size', () => expect(proj.size).toBe(2));
    it('test_get_post_ranks', () => expect(proj.postRanks).toEqual([1, 3]));
  });
});
