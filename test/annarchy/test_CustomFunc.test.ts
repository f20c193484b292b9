// ANNarchy: tests/Common/test_CustomFunc.py
// ANNarchy exposes a neuron's or synapse's own `functions` as methods of the compiled population /
// projection (`pop.transfer_function(x, t)`, `proj.hebb(x, y)`), applied element-wise. neurarchy has
// the global form (`functions('name')`) only; the four assertions call `pop.functions(name)` /
// `proj.functions(name)`, the counterpart of the global helper, which does not exist yet.
import { it, expect, beforeAll } from 'vitest';
import { describeBackends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse, addFunction, type Population, type Projection } from '../../src/index.js';
import { bug } from './helpers.js';

type Fn = (...args: (number | ArrayLike<number>)[]) => number | Float64Array;
const local = (obj: Population | Projection, name: string): Fn => (obj as unknown as { functions(n: string): Fn }).functions(name);
const MISSING = 'a model\'s own functions are not callable from TypeScript (pop.functions(name) / proj.functions(name) missing)';

describeBackends('test_CustomFunc', (backend) => {
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

  bug(MISSING, 'test_neuron: pop.transfer_function on typed arrays', () => {
    expect(Array.from(local(pop, 'transfer_function')(new Float64Array([0, 1, 2, 3]), new Float64Array([2, 2, 2, 2])) as Float64Array)).toEqual([0, 0, 0, 1]);
  });
  bug(MISSING, 'test_neuron2: pop.transfer_function on plain arrays', () => {
    expect(Array.from(local(pop, 'transfer_function')([0, 1, 2, 3], [2, 2, 2, 2]) as Float64Array)).toEqual([0, 0, 0, 1]);
  });
  bug(MISSING, 'test_synapse: proj.hebb on typed arrays', () => {
    expect(Array.from(local(proj, 'hebb')(new Float64Array([0, 1, 2, 3]), new Float64Array([0, 1, 2, 3])) as Float64Array)).toEqual([0, 1, 4, 9]);
  });
  bug(MISSING, 'test_synapse2: proj.hebb on plain arrays', () => {
    expect(Array.from(local(proj, 'hebb')([0, 1, 2, 3], [0, 1, 2, 3]) as Float64Array)).toEqual([0, 1, 4, 9]);
  });
  it('the network with local and global functions compiles and runs (ANNarchy: setUpClass)', async () => {
    expect(pop.size).toBe(10);
  });
});
