// ANNarchy: tests/Common/test_SimulateUntil.py
// pop2.r starts in {-4, -3, -2} (ANNarchy draws DiscreteUniform(-4, -2) with a seed; 15 draws contain -2,
// which is what the expected stop times depend on), so the values are set by hand here.
import { it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, type BackendName } from '../../src/index.js';

async function build(backend: BackendName, bothConditions: boolean) {
  const net = new Network();
  const simple = new Neuron({ equations: 'r += 1' });
  const pop1 = net.create(15, simple, bothConditions ? { stopCondition: 'r > 5.0 : any' } : {});
  const pop2 = net.create(15, simple, { stopCondition: 'r > 5.0 : any' });
  pop2.r = Array.from({ length: 15 }, (_, i) => [-4, -3, -2][i % 3]);
  await net.compile(compileOptions(backend));
  return { net, pop1, pop2 };
}

describeFloat64Backends('test_SimulateUntil', (backend) => {
  // simulate_until returns ms in neurarchy, steps/dt in ANNarchy [semantics]: identical at dt = 1.
  it('test_SingleCondition.test_early_stopping: only pop2 is tracked, stops at 8 ms', async () => {
    const { net, pop2 } = await build(backend, false);
    expect(await net.simulateUntil({ maxDuration: 15, populations: pop2 })).toBe(8);
  });
  it("test_TwoConditionWithOr.test_early_stopping: 'or' stops at 6 ms", async () => {
    const { net, pop1, pop2 } = await build(backend, true);
    expect(await net.simulateUntil({ maxDuration: 15, populations: [pop1, pop2], operator: 'or' })).toBe(6);
  });
  it("test_TwoConditionWithAnd.test_early_stopping: 'and' stops at 8 ms", async () => {
    const { net, pop1, pop2 } = await build(backend, true);
    expect(await net.simulateUntil({ maxDuration: 15, populations: [pop1, pop2], operator: 'and' })).toBe(8);
  });
});
