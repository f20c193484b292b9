// ANNarchy: tests/Common/test_RandomVariables.py
import { it, expect } from 'vitest';
import { describeFloat64Backends, compileOptions } from '../helpers/backends.js';
import { Network, Neuron, Synapse, LeakyIntegrator } from '../../src/index.js';

describeFloat64Backends('test_RandomVariables', (backend) => {
  async function neurons() {
    const net = new Network({ seed: 1 });
    const local = net.create(3, new Neuron({ equations: 'r = Uniform(0,1)' }));
    const global = net.create(3, new Neuron({ equations: 'r = Uniform(0,1) : population' }));
    await net.compile(compileOptions(backend));
    await net.simulate(1);
    return { local, global };
  }
  it('test_NeuronRandomVariables.test_LocalNeuronRandomVariable: in [0, 1], not all 0, not all equal', async () => {
    const r = Array.from((await neurons()).local.r as Float64Array);
    for (const x of r) { expect(x).toBeGreaterThanOrEqual(0); expect(x).toBeLessThanOrEqual(1); }
    expect(r.every((x) => Math.abs(x) < 1e-7)).toBe(false);
    expect(Math.max(...r)).not.toBe(Math.min(...r));
  });
  it('test_NeuronRandomVariables.test_GlobalNeuronRandomVariable: one value in [0, 1], not 0', async () => {
    const r = (await neurons()).global.r as number;
    expect(typeof r).toBe('number');
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThanOrEqual(1);
    expect(r).not.toBeCloseTo(0, 7);
  });
  it('test_SynapseRandomVariables.test_LocalSynapseRandomVariable: w = Normal(1, 0.001) within 0.01 of 1, not all equal', async () => {
    const net = new Network({ seed: 1 });
    const v = net.create(5, new LeakyIntegrator());
    const proj = net.connect(v, v, 'exc', new Synapse({ equations: 'w = Normal(1.0, 0.001)' }));
    proj.connectFixedNumberPre({ number: 1, weights: 0.0 });
    await net.compile(compileOptions(backend));
    await net.simulate(1);
    const w = (proj.w as Float64Array[]).flatMap((d) => Array.from(d));
    expect(w.length).toBe(5);
    for (const x of w) expect(Math.abs(x - 1)).toBeLessThanOrEqual(0.01);
    expect(Math.max(...w)).not.toBe(Math.min(...w));
  });
});
