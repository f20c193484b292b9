// Dossier §3.4 A6: simulateUntil with any/all conditions and and/or between populations.
import { it, expect } from 'vitest';
import { describeBackends, compileFor } from '../helpers/backends.js';
import { Network, Neuron } from '../../src/index.js';

async function build(condition = 'r > 5.0 : any') {
  const net = new Network({ seed: 3 });
  const neuron = new Neuron({ equations: 'r += 1' });
  const pop1 = net.create(15, neuron, { stopCondition: condition });
  const pop2 = net.create(15, neuron, { stopCondition: condition });
  pop2.r = Array.from({ length: 15 }, (_, i) => [-4, -3, -2][i % 3]);
  await net.compile(compileFor());
  return { net, pop1, pop2 };
}

describeBackends('simulateUntil (A6)', () => {
  it('one population: stops at the first step where a neuron exceeds 5 (returns ms)', async () => {
    const { net, pop2 } = await build();
    expect(await net.simulateUntil({ maxDuration: 15, populations: pop2 })).toBe(8);
    expect(net.getTime()).toBe(8);
  });
  it("'or' stops when either population holds", async () => {
    const { net, pop1, pop2 } = await build();
    expect(await net.simulateUntil({ maxDuration: 15, populations: [pop1, pop2], operator: 'or' })).toBe(6);
  });
  it("'and' (default) waits for both", async () => {
    const { net, pop1, pop2 } = await build();
    expect(await net.simulateUntil({ maxDuration: 15, populations: [pop1, pop2] })).toBe(8);
  });
  it("': all' waits for every neuron", async () => {
    const { net, pop2 } = await build('r > 5.0 : all');
    // the lowest start (-4) exceeds 5 after 10 steps
    expect(await net.simulateUntil({ maxDuration: 15, populations: pop2 })).toBe(10);
  });
  it('stops at maxDuration when the condition never holds, and returns ms at dt = 0.5', async () => {
    const net = new Network({ dt: 0.5 });
    const pop = net.create(2, new Neuron({ equations: 'r = 0' }), { stopCondition: 'r > 1' });
    await net.compile(compileFor());
    expect(await net.simulateUntil({ maxDuration: 10, populations: pop })).toBe(10);
    expect(net.getCurrentStep()).toBe(20);
  });
});
