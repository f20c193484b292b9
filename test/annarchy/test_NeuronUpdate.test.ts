// ANNarchy: tests/Neuron/test_NeuronUpdate.py
import { it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, type Population, type Monitor } from '../../src/index.js';
import { column } from './helpers.js';

describeFloat64Backends('test_NeuronUpdate', (backend) => {
  let net: Network;
  let local: Population, global: Population, mixed: Population;
  let m: Monitor;
  beforeAll(async () => {
    net = new Network({ seed: 1 });
    local = net.create(3, new Neuron({ equations: 'noise = Uniform(0,1)\n r = t' }));
    global = net.create(3, new Neuron({ equations: 'noise = Uniform(0,1) : population\n glob_r = t : population\n r = t' }));
    mixed = net.create(3, new Neuron({ parameters: 'glob_par = 1.0: population', equations: 'r = t + glob_par' }));
    const bound = net.create(3, new Neuron({ parameters: 'min_r=1.0: population\n max_r=3.0: population', equations: 'r = t : min=min_r, max=max_r' }));
    m = net.monitor(bound, 'r');
    await net.compile(compileOptions(backend));
  });
  beforeEach(() => net.reset());

  it('test_single_update_local: r = t is 4 after 5 ms', async () => {
    await net.simulate(5);
    expect(Array.from(local.r as Float64Array)).toEqual([4, 4, 4]);
  });
  it('test_single_update_global: glob_r = t is 4 after 5 ms', async () => {
    await net.simulate(5);
    expect(global.glob_r).toBe(4);
  });
  it('test_single_update_mixed: r = t + glob_par is 5 after 5 ms', async () => {
    await net.simulate(5);
    expect(Array.from(mixed.r as Float64Array)).toEqual([5, 5, 5]);
  });
  it('test_bound_update: r = t clipped to [1, 3]', async () => {
    await net.simulate(5);
    expect(column(m.get('r') as Float64Array[])).toEqual([1, 1, 2, 3, 3]);
  });
});
