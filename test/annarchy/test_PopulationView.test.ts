// ANNarchy: tests/Neuron/test_PopulationView.py
// pop[:, 2] is pop.view(':', 2) in neurarchy; ranks are an Int32Array (ANNarchy: a numpy array).
import { it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, type Population } from '../../src/index.js';

describeFloat64Backends('test_PopulationView', (backend) => {
  let net: Network;
  let pop: Population;
  beforeAll(async () => {
    net = new Network();
    pop = net.create([8, 8], new Neuron({ parameters: 'tau = 10', equations: 'r += 1/tau * t' }));
    await net.compile(compileOptions(backend));
  });
  beforeEach(() => net.reset());

  it('test_get_r: r of column 2 is zero', () => {
    expect(Array.from(pop.view(':', 2).r as Float64Array)).toEqual(Array(8).fill(0));
  });
  it('test_set_r: r = 1 on column 2', () => {
    pop.view(':', 2).r = 1.0;
    expect(Array.from(pop.view(':', 2).r as Float64Array)).toEqual(Array(8).fill(1));
    expect((pop.r as Float64Array).reduce((a, b) => a + b, 0)).toBe(8);
  });
  it('test_rank_assignment_column: pop[:, 4]', () => {
    expect(Array.from(pop.view(':', 4).ranks)).toEqual([4, 12, 20, 28, 36, 44, 52, 60]);
  });
  it('test_rank_assignment_row: pop[2, :]', () => {
    expect(Array.from(pop.view(2, ':').ranks)).toEqual([16, 17, 18, 19, 20, 21, 22, 23]);
  });
  it('test_index_type: ranks are a typed array', () => {
    expect(pop.view(2, ':').ranks).toBeInstanceOf(Int32Array);
  });
});
