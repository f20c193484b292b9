// ANNarchy: tests/Common/test_CustomFunc.py
// ANNarchy exposes a neuron's or synapse's own `functions` as methods of the compiled population /
// projection (`pop.transfer_function(x, t)`, `proj.hebb(x, y)`), applied element-wise. neurarchy has
// both forms: `pop.functions(name)` / `proj.functions(name)` (the counterpart of the global
// `functions(name)`), and `pop.transfer_function` itself (ANNarchy's spelling, used on typed arrays).
import { it, expect, beforeAll } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse, addFunction, type Population, type Projection } from '../../src/index.js';


describeFloat64Backends('test_CustomFunc', (backend) => {
  let pop: Population;
  let proj: Projection;
  beforeAll(async () => {
    addFunction('glob_pos(x) = pos(x)');
    const net = new Network();
    pop = net.create(10, new Neuron({
      equations: 'r = transfer_function(sum(exc), 0.0)',
      functions: 'transfer_function(x, t) = if x > t: if x > 2*t : (x - 2*t)^2 else: x - t else: 0.',
    }));
    net.create(10, new Neuron({ equations: 'r = glob_pos(sum(exc))' }));
    proj = net.connect(pop, pop, 'exc', new Synapse({ equations: 'w += hebb(pre.r, post.r)', functions: 'hebb(x, y) = x * y' }));
    proj.connectAllToAll({ weights: 1.0 });
    await net.compile(compileOptions(backend));
  });

  it('test_neuron: pop.transfer_function on typed arrays', () => {
    expect(Array.from(pop.transfer_function(new Float64Array([0, 1, 2, 3]), new Float64Array([2, 2, 2, 2])) as Float64Array)).toEqual([0, 0, 0, 1]);
  });
  it('test_neuron2: pop.transfer_function on plain arrays', () => {
    expect(Array.from(pop.functions('transfer_function')([0, 1, 2, 3], [2, 2, 2, 2]) as Float64Array)).toEqual([0, 0, 0, 1]);
  });
  it('test_synapse: proj.hebb on typed arrays', () => {
    expect(Array.from(proj.hebb(new Float64Array([0, 1, 2, 3]), new Float64Array([0, 1, 2, 3])) as Float64Array)).toEqual([0, 1, 4, 9]);
  });
  it('test_synapse2: proj.hebb on plain arrays', () => {
    expect(Array.from(proj.functions('hebb')([0, 1, 2, 3], [0, 1, 2, 3]) as Float64Array)).toEqual([0, 1, 4, 9]);
  });
  it('the network with local and global functions compiles and runs (ANNarchy: setUpClass)', async () => {
    expect(pop.size).toBe(10);
  });
});
