// ANNarchy: tests/Common/test_BuiltinFunctions.py
// One network (a single neuron evaluating modulo, power and clip), reset before each test, as ANNarchy's class does.
import { it, expect, beforeAll, beforeEach } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, type Monitor } from '../../src/index.js';
import { rows } from './helpers.js';

describeFloat64Backends('test_BuiltinFunctions', (backend) => {
  let net: Network;
  let mon: Monitor;
  beforeAll(async () => {
    net = new Network();
    const pop = net.create(1, new Neuron({
      parameters: 'base = 2.0',
      equations: `
        r = modulo(t,3)
        pr = power(base,3)
        clip_below = clip(-2, -1, 1)
        clip_within = clip(0, -1, 1)
        clip_above = clip(2, -1, 1)`,
    }));
    mon = net.monitor(pop, ['r', 'pr', 'clip_below', 'clip_within', 'clip_above']);
    await net.compile(compileOptions(backend));
  });
  beforeEach(() => net.reset());

  it('test_modulo: modulo(t, 3) over 10 steps', async () => {
    await net.simulate(10);
    expect(rows(mon.get('r') as Float64Array[])).toEqual([[0], [1], [2], [0], [1], [2], [0], [1], [2], [0]]);
  });
  it('test_integer_power: power(2, 3) = 8', async () => {
    await net.simulate(1);
    expect(rows(mon.get('pr') as Float64Array[])).toEqual([[8]]);
  });
  it('test_clip_below: clip(-2, -1, 1) = -1', async () => {
    await net.simulate(1);
    expect(rows(mon.get('clip_below') as Float64Array[])).toEqual([[-1]]);
  });
  it('test_clip_within: clip(0, -1, 1) = 0', async () => {
    await net.simulate(1);
    expect(rows(mon.get('clip_within') as Float64Array[])).toEqual([[0]]);
  });
  it('test_clip_above: clip(2, -1, 1) = 1', async () => {
    await net.simulate(1);
    expect(rows(mon.get('clip_above') as Float64Array[])).toEqual([[1]]);
  });
});
