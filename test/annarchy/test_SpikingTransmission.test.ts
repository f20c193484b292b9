// ANNarchy: tests/SpikeSynapse/test_SpikingTransmission.py
// Five neurons spike at t == 1 onto two receivers whose g_exc is recorded (and cleared every step).
import { it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, DiscreteUniform, type BackendName } from '../../src/index.js';
import { rows } from './helpers.js';

async function run(backend: BackendName, delays: number | DiscreteUniform | undefined, steps: number, setDelays?: number[][]) {
  const net = new Network();
  const inPop = net.create(5, new Neuron({ spike: 't==1' }));
  const outPop = net.create(2, new Neuron({ equations: 'g_exc = 0', spike: 'g_exc>30' }));
  const proj = net.connect(inPop, outPop, 'exc').connectAllToAll({ weights: 1.0, ...(delays !== undefined ? { delays } : {}) });
  const m = net.monitor(outPop, ['g_exc']);
  await net.compile(compileOptions(backend));
  net.reset({ populations: true, projections: true });
  if (setDelays) proj.delay = setDelays;
  await net.simulate(steps);
  return rows(m.get('g_exc') as Float64Array[]);
}

describeFloat64Backends('test_SpikingTransmission', (backend) => {
  it('test_SpikeTransmissionNoDelay.test_non_delay: the 5 events of t = 1 arrive at t = 2', async () => {
    expect(await run(backend, undefined, 5)).toEqual([[0, 0], [0, 0], [5, 5], [0, 0], [0, 0]]);
  });
  it('test_SpikeTransmissionUniformDelay.test_uniform_delay: 3 ms of delay, at t = 4', async () => {
    expect(await run(backend, 3.0, 6)).toEqual([[0, 0], [0, 0], [0, 0], [0, 0], [5, 5], [0, 0]]);
  });
  it('test_SpikeTransmissionNonUniformDelay.test_nonuniform_delay: delays set per synapse', async () => {
    expect(await run(backend, new DiscreteUniform(2, 10), 5, [[1, 2, 3, 2, 1], [3, 2, 1, 2, 3]])).toEqual([[0, 0], [0, 0], [2, 1], [2, 2], [1, 2]]);
  });
});
