/**
 * The assertion groups of ANNarchy's population-monitor tests (tests/Monitor/test_Population.py in 4.8,
 * tests_python/Neuron/test_Monitor.py's test_PopulationMonitor1D in 5.0), shared by both ports.
 */
import { it, expect, beforeAll, beforeEach } from 'vitest';
import { compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse, type Monitor, type BackendName } from '../../src/index.js';
import { rows } from './helpers.js';

const ramp = (from: number, n: number, width: number, step = 1) => Array.from({ length: n }, (_, k) => Array(width).fill(from + k * step));

/** `annarchy5`: test_r_sim_10 reads with reshape = false, as ANNarchy 5's version does. */
export function populationMonitorSuite(backend: BackendName, annarchy5 = false): void {
  let net: Network;
  const M: Record<string, Monitor> = {};
  beforeAll(async () => {
    net = new Network();
    const neuron = new Neuron({ equations: 'r = t' });
    const neuron2 = new Neuron({ equations: 'v = v + 1.0', spike: 'v == 5.0', reset: 'v = 3.0' });
    const neuron3 = new Neuron({ equations: 'v = v + 1.0', spike: 'v == 3.0', reset: 'v = 1.0 ', refractory: 3.0 });
    const Oja = new Synapse({ parameters: 'tau = 5000.0\n alpha = 8.0', equations: 'w = t' });
    const pop1 = net.create(3, neuron);
    const pop2 = net.create(5, neuron);
    const pop3 = net.create(3, neuron2);
    const pop4 = net.create(3, neuron3);
    net.connect(pop1, pop2, 'exc', Oja).connectAllToAll({ weights: 1.0 });
    M.m = net.monitor(pop1, 'r');
    M.n = net.monitor(pop1.slice(0, 2), 'r');
    M.o = net.monitor(pop1, 'r', { period: 10.0 });
    M.p = net.monitor(pop1, 'r', { start: false });
    M.q = net.monitor(pop1.view([0]).concat(pop1.view([2])), 'r');
    M.r = net.monitor(pop2.slice(0, 2).concat(pop2.neuronAt(4)), 'r');
    M.s = net.monitor(pop3, ['v', 'spike']);
    M.t = net.monitor(pop4, ['v', 'spike']);
    await net.compile(compileOptions(backend));
  });
  beforeEach(() => net.reset());
  const data = (k: string, v = 'r') => rows((M[k].get() as Record<string, Float64Array[]>)[v]);

  it('test_r_sim_10: r = t of 3 neurons over 10 steps', async () => {
    await net.simulate(10);
    expect(annarchy5 ? rows(M.m.get('r', { reshape: false }) as Float64Array[]) : data('m')).toEqual(ramp(0, 10, 3));
  });
  it('test_r_first_neurons: a view of the first 2 neurons', async () => {
    await net.simulate(10);
    expect(data('n')).toEqual(ramp(0, 10, 2));
  });
  it('test_r_sim_100_p_10: period 10 ms over 100 steps', async () => {
    await net.simulate(100);
    expect(data('o')).toEqual(ramp(0, 10, 3, 10));
  });
  it('test_startrec: start: false, then start() after 10 ms', async () => {
    await net.simulate(10);
    M.p.start();
    await net.simulate(10);
    expect(data('p')).toEqual(ramp(10, 10, 3));
  });
  it('test_a_pauserec: pause() for 10 ms, resume() for 10 ms', async () => {
    M.m.pause();
    await net.simulate(10);
    M.m.resume();
    await net.simulate(10);
    expect(data('m')).toEqual(ramp(10, 10, 3));
  });
  it('test_r_after_5: the sample of step 5', async () => {
    await net.simulate(10);
    expect(data('m')[5]).toEqual([5, 5, 5]);
  });
  it('test_r_from_rank: the column of rank 1', async () => {
    await net.simulate(10);
    expect(data('m').map((row) => row[1])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it('test_popview: pop1[0] + pop1[2]', async () => {
    await net.simulate(10);
    expect(data('q')).toEqual(ramp(0, 10, 2));
  });
  it('test_popview2: pop2[:2] + pop2.neuron(4)', async () => {
    await net.simulate(10);
    expect(data('r')).toEqual(ramp(0, 10, 3));
  });
  it('test_spike: v == 5 spikes at steps 4, 6, 8', async () => {
    await net.simulate(10);
    expect(M.s.get('spike')[0]).toEqual([4, 6, 8]);
  });
  it('test_r_ref: refractory 3 ms freezes v after each spike', async () => {
    await net.simulate(10);
    expect(data('t', 'v')).toEqual([1, 2, 1, 1, 1, 1, 2, 1, 1, 1].map((x) => [x, x, x]));
  });
  it('test_spike_ref: spikes of rank 1 at steps 2 and 7', async () => {
    await net.simulate(10);
    expect(M.t.get('spike')[1]).toEqual([2, 7]);
  });
}
