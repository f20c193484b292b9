// net.dispose(): the compiled state is freed (cpp: C memory and the native network; webgpu: the
// device; js: the arrays), and every later use of the network, its populations and projections is
// a NetworkError that says so, never a crash or a read of freed memory. Monitors keep their data.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron, NetworkError } from '../../src/index.js';

const LIF = new Neuron({
  parameters: 'tau = 10.0\n I = 20.0',
  equations: 'tau * dv/dt = -v + I + g_exc\n tau * dg_exc/dt = -g_exc',
  spike: 'v > 15.0',
  reset: 'v = 0.0',
});

async function built() {
  const net = new Network({ dt: 0.5, seed: 3 });
  const pop = net.create(20, LIF, { name: 'lif' });
  const proj = net.connect(pop, pop, 'exc', undefined, { name: 'rec' }).connectFixedProbability({ probability: 0.2, weights: 0.5, delays: 2 });
  const m = net.monitor(pop, ['v', 'spike']);
  await net.compile(compileFor());
  return { net, pop, proj, m };
}

describeBackends('dispose', () => {
  it('frees the state; later uses are NetworkErrors naming the object; monitors keep their data', async () => {
    const { net, pop, proj, m } = await built();
    await net.simulate(20);
    const v = Float64Array.from(pop.v as Float64Array);
    expect(v.some((x) => x !== 0)).toBe(true);
    net.dispose();
    expect(net.disposed).toBe(true);
    await expect(net.simulate(1)).rejects.toThrow(/the network was disposed/);
    await expect(net.compile()).rejects.toThrow(NetworkError);
    expect(() => net.reset()).toThrow(/disposed/);
    expect(() => pop.v).toThrow(/population 'lif' belongs to a network that was disposed/);
    expect(() => { pop.v = 1; }).toThrow(NetworkError);
    expect(() => proj.w).toThrow(/projection 'rec' belongs to a network that was disposed/);
    expect(() => net.create(3, LIF)).toThrow(/disposed/);
    expect(() => net.toNpz()).toThrow(NetworkError);
    // What the monitor recorded is JS memory of its own: still there, and equal to the last state.
    const rows = m.get('v') as Float64Array[];
    expect(rows.length).toBe(40);
    expect(Array.from(rows[39])).toEqual(Array.from(v));
    net.dispose(); // twice: nothing
  });

  it('a disposed network does not disturb another one', async () => {
    const a = await built();
    const b = await built();
    a.net.dispose();
    await b.net.simulate(20);
    const c = await built();
    await c.net.simulate(20);
    expect(Array.from(b.pop.v as Float64Array)).toEqual(Array.from(c.pop.v as Float64Array));
    b.net.dispose();
    c.net.dispose();
  });

  it('a network disposed before compile refuses compile()', async () => {
    const net = new Network();
    net.create(2, LIF);
    net.dispose();
    await expect(net.compile(compileFor())).rejects.toThrow(/cannot compile\(\): the network was disposed/);
  });
});

it('dispose() after compile keeps the numbers of an identical network that was never disposed (js)', async () => {
  const a = await built();
  await a.net.simulate(10);
  const before = Float64Array.from(a.pop.v as Float64Array);
  a.net.dispose();
  const b = await built();
  await b.net.simulate(10);
  expect(Array.from(b.pop.v as Float64Array)).toEqual(Array.from(before));
});
