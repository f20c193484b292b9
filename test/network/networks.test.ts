// Two networks in one process; the ANNarchy-4 module-level API on the default network; constants and functions.
import { it, expect, beforeEach } from 'vitest';
import { describeBackends, compileFor, closeDigits } from '../helpers/backends.js';
import {
  Network, Neuron, Population, Projection, Constant, addFunction, functions, compile, simulate, getTime, clear, setup,
  EquationError, NetworkError,
} from '../../src/index.js';

beforeEach(() => clear());

describeBackends('networks', () => {
  it('two networks do not interfere', async () => {
    const a = new Network({ dt: 1 });
    const b = new Network({ dt: 0.5 });
    const pa = a.create(2, new Neuron({ equations: 'r = t' }));
    const pb = b.create(3, new Neuron({ equations: 'r = 2 * t' }));
    await a.compile(compileFor());
    await b.compile(compileFor());
    await a.simulate(10);
    await b.simulate(4);
    expect(Array.from(pa.r)).toEqual([9, 9]);
    expect(Array.from(pb.r)).toEqual([7, 7, 7]);
    expect(a.getTime()).toBe(10);
    expect(b.getTime()).toBe(4);
  });

  it('ANNarchy-4 style scripts run on the default network', async () => {
    setup({ dt: 0.1 });
    const pop = new Population({ geometry: 4, neuron: new Neuron({ equations: 'r = t' }), name: 'pop1' });
    await compile(compileFor());
    await simulate(1);
    expect(getTime()).toBeCloseTo(1, 12);
    expect(pop.r[0]).toBeCloseTo(0.9, closeDigits(12));
  });

  it('changing a parameter after compile changes the dynamics without recompiling', async () => {
    const net = new Network();
    const pop = net.create(2, new Neuron({ parameters: 'a = 1.0', equations: 'r = a * t' }));
    await net.compile(compileFor());
    const source = net.source;
    await net.simulate(3);
    pop.a = [2, 3];
    await net.step();
    expect(Array.from(pop.r)).toEqual([6, 9]);
    expect(net.source).toBe(source);
  });

  it('Constants are usable in equations and take effect at the next step when changed', async () => {
    const gain = new Constant('gain', 2.0);
    const net = new Network();
    const pop = net.create(1, new Neuron({ equations: 'r = gain * 10' }));
    await net.compile(compileFor());
    await net.step();
    expect(pop.r[0]).toBe(20);
    gain.set(3.0);
    await net.step();
    expect(pop.r[0]).toBe(30);
  });

  it('addFunction makes a function usable in equations and from TypeScript', async () => {
    addFunction('sigmoid(x) = 1.0 / (1.0 + exp(-x))');
    const net = new Network();
    const pop = net.create(1, new Neuron({ parameters: 'x = 0.5', equations: 'r = sigmoid(x)' }));
    await net.compile(compileFor());
    await net.step();
    expect(pop.r[0]).toBeCloseTo(1 / (1 + Math.exp(-0.5)), closeDigits(15));
    const f = functions('sigmoid');
    expect(f(0)).toBe(0.5);
    expect(Array.from(f([0, 100]) as Float64Array)).toEqual([0.5, 1]);
  });

  it('model-local functions', async () => {
    const net = new Network();
    const pop = net.create(1, new Neuron({ functions: 'double(x) = 2 * x', equations: 'r = double(t) + 1' }));
    await net.compile(compileFor());
    await net.simulate(4);
    expect(pop.r[0]).toBe(7);
  });

  it('errors name the model, the line and the symbol, before any code is generated', () => {
    const net = new Network();
    const bad = new Neuron({ name: 'Broken', equations: 'tau * dv/dt = -v\n r = v + unknown_thing' });
    expect(() => net.create(1, bad)).toThrow(EquationError);
    expect(() => net.create(1, bad)).toThrow(/Broken.*line 1|unknown|tau/s);
  });

  it('misuse of the API is a NetworkError with a clear message', async () => {
    const net = new Network();
    const pop = net.create(3, new Neuron({ equations: 'r = 1' }));
    expect(() => { pop.r = [1, 2]; }).toThrow(/expected 3 values/);
    expect(() => pop.get('nope')).toThrow(NetworkError);
    const proj = new Projection(pop, pop, 'exc');
    await expect(net.compile(compileFor())).rejects.toThrow(/not connected/);
    proj.connectAllToAll(1);
    await net.compile(compileFor());
    expect(() => net.create(2, new Neuron({ equations: 'r = 1' }))).toThrow(/after compile/);
  });

  it('the same seed gives the same run', async () => {
    const run = async (seed: number) => {
      const net = new Network({ seed });
      const pop = net.create(5, new Neuron({ equations: 'r = Normal(0, 1) + Uniform(0, 1)' }));
      await net.compile(compileFor());
      await net.simulate(3);
      return Array.from(pop.r as Float64Array);
    };
    expect(await run(42)).toEqual(await run(42));
    expect(await run(42)).not.toEqual(await run(43));
  });
});
