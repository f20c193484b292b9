/**
 * The twenty assertion groups of ANNarchy's Population tests (tests/Neuron/test_Population.py in 4.8,
 * split into tests_python/Neuron/test_Population{1D,2D,3D}.py in 5.0), shared by the ports of both.
 */
import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import { compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Parameter, Uniform, type Population, type BackendName, type PopulationView } from '../../src/index.js';
import { expectAllClose } from './helpers.js';

export interface PopulationCase {
  cls: string;
  geometry: number[];
  coordinates: [number, number[]][];
  /** the view of test_set_tau_popview / test_set_r_2, and the ranks it selects */
  view: (p: Population) => PopulationView;
  viewRanks: number[];
  /** the rank read in test_get_neuron_r */
  neuronR: number;
}

export const CASES: PopulationCase[] = [
  { cls: 'test_Population1D', geometry: [3], coordinates: [[1, [1]]], view: (p) => p.view('1:3'), viewRanks: [1, 2], neuronR: 0 },
  { cls: 'test_Population2D', geometry: [3, 3], coordinates: [[2, [0, 2]], [6, [2, 0]]], view: (p) => p.view('1:3', 1), viewRanks: [4, 7], neuronR: 0 },
  { cls: 'test_Population3D', geometry: [3, 3, 3], coordinates: [[2, [0, 0, 2]], [6, [0, 2, 0]], [18, [2, 0, 0]]], view: (p) => p.view('0:3', 1, '1:3'), viewRanks: [4, 5, 13, 14, 22, 23], neuronR: 18 },
  { cls: 'test_Population2x3D', geometry: [3, 2], coordinates: [[2, [1, 0]], [5, [2, 1]]], view: (p) => p.view('0:2', 1), viewRanks: [1, 3], neuronR: 0 },
];

/** The twenty assertion groups of one class (shared with the ANNarchy 5 split files). */
export function populationSuite(backend: BackendName, c: PopulationCase, annarchy5 = false): void {
  describe(c.cls, () => {
    let net: Network;
    let pop1: Population, pop2: Population, pop3: Population;
    const n = c.geometry.reduce((a, b) => a * b, 1);
    const filled = (v: number, ranks: number[] = [], w = v) => Array.from({ length: n }, (_, k) => (ranks.includes(k) ? w : v));
    beforeAll(async () => {
      net = new Network();
      // ANNarchy 5's 1-D file writes the models in the dictionary form, with a Parameter object and an
      // init taken from another parameter (a third population)
      const dict = annarchy5 && c.geometry.length === 1;
      pop1 = net.create(c.geometry, new Neuron(dict
        ? { parameters: { tau: new Parameter(10, { locality: 'local' }) }, equations: 'r += t/tau' }
        : { parameters: 'tau = 10', equations: 'r += t/tau' }));
      pop2 = net.create(c.geometry, new Neuron(dict
        ? { parameters: { tau: 10 }, equations: 'r += t/tau : init = 1.0' }
        : { parameters: 'tau = 10: population', equations: 'r += t/tau : init = 1.0' }));
      if (dict) pop3 = net.create(c.geometry, new Neuron({ parameters: { tau: 10, r_init: 1.0 }, equations: 'r += t/tau : init = r_init' }));
      await net.compile(compileOptions(backend));
    });
    beforeEach(() => net.reset());
    const flat = (x: unknown) => Array.from(x as Float64Array);

    it('test_coordinates_from_rank', () => { for (const [r, xy] of c.coordinates) expect(pop1.coordinatesFromRank(r)).toEqual(xy); });
    it('test_rank_from_coordinates', () => { for (const [r, xy] of c.coordinates) expect(pop1.rankFromCoordinates(xy)).toBe(r); });
    it('test_get_tau: tau shaped like the geometry', () => {
      expect(flat(pop1.tau)).toEqual(filled(10));
      expect(Array.from((pop1.tau as Float64Array & { shape: number[] }).shape)).toEqual(c.geometry);
    });
    it("test_get_tau2: get('tau')", () => expect(flat(pop1.get('tau'))).toEqual(filled(10)));
    it('test_get_neuron_tau: neuron(1).tau', () => expectAllClose(pop1.neuronAt(...(c.geometry.length === 1 ? [1] : pop1.coordinatesFromRank(1))).tau, 10));
    it('test_set_tau: tau = 5', () => { pop1.tau = 5.0; expect(flat(pop1.tau)).toEqual(filled(5)); });
    it("test_set_tau_2: set({ tau })", () => { pop1.set({ tau: c.cls === 'test_Population1D' ? 7.0 : 5.0 }); expect(flat(pop1.tau)).toEqual(filled(c.cls === 'test_Population1D' ? 7 : 5)); });
    if (c.cls === 'test_Population1D') {
      it('test_set_neuron_tau: neuron(1).tau = 20', () => { pop1.neuronAt(1).tau = 20; expectAllClose(pop1.neuronAt(1).tau, 20); });
    }
    it('test_set_tau_popview: tau = 5 through a view', () => { c.view(pop1).tau = 5.0; expect(flat(pop1.tau)).toEqual(filled(10, c.viewRanks, 5)); });
    it('test_get_tau_population: one value for a population parameter', () => expect(pop2.tau).toBe(10));
    it('test_popattributes: attributes, parameters, variables', () => {
      expect(pop1.attributes).toEqual(['tau', 'r']);
      expect(pop1.parameters).toEqual(['tau']);
      expect(pop1.variables).toEqual(['r']);
    });
    it('test_get_r: variables start at 0', () => expect(flat(pop1.r)).toEqual(filled(0)));
    it("test_get_r2: get('r')", () => expect(flat(pop1.get('r'))).toEqual(filled(0)));
    it('test_get_neuron_r: one neuron', () => expectAllClose(pop1.neuronAt(...pop1.coordinatesFromRank(c.neuronR)).r, 0));
    it('test_get_r_with_init: init = 1.0', () => expect(flat(pop2.r)).toEqual(filled(1)));
    if (annarchy5 && c.geometry.length === 1) it('test_get_r_with_init2: init = r_init (a parameter)', () => expect(flat(pop3.r)).toEqual(filled(1)));
    it('test_set_r: r = 1', () => { pop1.r = 1.0; expect(flat(pop1.r)).toEqual(filled(1)); });
    it('test_set_r_2: r = 2 through a view', () => { c.view(pop1).r = 2.0; expect(flat(pop1.r)).toEqual(filled(0, c.viewRanks, 2)); });
    it('test_set_r_uniform: r drawn from Uniform(0, 1)', () => {
      pop1.r = new Uniform(0.0, 1.0);
      const r = flat(pop1.r);
      expect(r.some((x) => x >= 0) && r.every((x) => x <= 1)).toBe(true);
      expect(new Set(r).size).toBe(n);
    });
    it('test_set_r3: set({ r: 1 })', () => { pop1.set({ r: 1.0 }); expect(flat(pop1.r)).toEqual(filled(1)); });
    it('test_reset: reset() restores tau', () => {
      pop1.tau = 5.0;
      expect(flat(pop1.tau)).toEqual(filled(5));
      net.reset();
      expect(flat(pop1.tau)).toEqual(filled(10));
    });
  });
}

