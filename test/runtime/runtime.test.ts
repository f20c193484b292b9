// The runtime owns time (src/runtime/runtime.ts): driven directly, without the Network facade, it
// compiles the objects it is given, runs steps with callbacks before their steps, stops on a stop
// condition, and resets — with values computed by hand for tau·dr/dt = 1 − r (explicit Euler,
// dt = 1, tau = 10: r_n = 1 − 0.9ⁿ).
import { describe, it, expect } from 'vitest';
import { Network, Neuron } from '../../src/index.js';
import { Runtime } from '../../src/runtime/runtime.js';

const Leaky = new Neuron({ parameters: 'tau = 10.0', equations: 'tau * dr/dt = 1 - r' });

function setup() {
  const net = new Network({ dt: 1.0, seed: 1 });
  const pop = net.create(3, Leaky, { stopCondition: 'r > 0.5' });
  const runtime = new Runtime({ id: net.id, populations: [pop], projections: [], monitors: [] }, 1.0);
  return { net, pop, runtime };
}

async function compiled() {
  const s = setup();
  await s.runtime.compile({ backend: 'js', backendOptions: {}, seed: 1, constants: { names: [], values: [] }, functions: [] });
  return s;
}

describe('the runtime, driven directly', () => {
  it('compiles: plan, state and engine, with the table of arrays of the population', async () => {
    const { runtime, pop, net } = await compiled();
    expect(runtime.compiled).toBe(true);
    expect(net.compiled).toBe(false); // the facade was not involved
    expect(runtime.plan!.arrays.map((a) => `${a.name}:${a.length}`)).toEqual(['tau:3', 'r:3']);
    expect(runtime.plan!.schedule.map((k) => k.kind)).toEqual(['record-targets', 'neuron', 'after-neurons', 'record']);
    expect(Array.from(pop.state.get('r')!)).toEqual([0, 0, 0]);
  });

  it('simulate(n) runs n steps: r = 1 − 0.9ⁿ, callbacks before their steps', async () => {
    const { runtime, pop } = await compiled();
    const seen: number[][] = [];
    runtime.every({ period: 2 }, (n) => { seen.push([n, runtime.currentStep, pop.state.get('r')![0]]); });
    await runtime.simulate(5, false, 'error');
    expect(runtime.currentStep).toBe(5);
    expect(pop.state.get('r')![0]).toBeCloseTo(1 - 0.9 ** 5, 14);
    // Calls n = 0, 1, 2 before steps 0, 2, 4: r is then 0, 1 − 0.9², 1 − 0.9⁴.
    expect(seen.map(([n, step]) => [n, step])).toEqual([[0, 0], [1, 2], [2, 4]]);
    expect(seen[2][2]).toBeCloseTo(1 - 0.9 ** 4, 14);
    runtime.callbacksEnabled = false;
    await runtime.simulate(2, false, 'error');
    expect(seen).toHaveLength(3);
  });

  it('simulateUntil stops after the first step where the condition holds (0.9⁷ < 0.5 < 0.9⁶), reset goes back to step 0', async () => {
    const { runtime, pop } = await compiled();
    expect(await runtime.simulateUntil([pop], 100, false, 'error')).toBe(7);
    expect(runtime.currentStep).toBe(7);
    expect(pop.state.get('r')![0]).toBeCloseTo(1 - 0.9 ** 7, 14);
    runtime.reset({ populations: true, projections: false, synapses: false, monitors: true });
    expect(runtime.currentStep).toBe(0);
    expect(Array.from(pop.state.get('r')!)).toEqual([0, 0, 0]);
    expect(await runtime.simulateUntil([pop], 3, false, 'error')).toBe(3); // the limit
  });

  it('refuses to run before compile, and frees the state on dispose', async () => {
    const { runtime, pop } = setup();
    await expect(runtime.simulate(1, false, 'off')).rejects.toThrow(/not compiled: call compile\(\) first/);
    await runtime.compile({ backend: 'js', backendOptions: {}, seed: 1, constants: { names: [], values: [] }, functions: [] });
    runtime.dispose();
    expect(runtime.compiled).toBe(false);
    expect(() => pop.state.get('r')).toThrow(/disposed/);
  });
});
