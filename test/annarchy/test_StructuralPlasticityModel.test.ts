// ANNarchy: tests/RateSynapse/test_StructuralPlasticityModel.py
// Synapses with `creating` / `pruning` conditions (issue 16): the network compiles, with and without delays.
import { describe, it, expect } from 'vitest';
import { Network, Synapse, LeakyIntegrator } from '../../src/index.js';

const spec = {
  parameters: 'tau_utility = 1000',
  equations: 'tau_utility * dutility/dt = pre.r * post.r : init=1.0',
  creating: 'pre.r * post.r > 0.9 : proba = 1.0, w = 1.0',
  pruning: 'utility < 0.0 : proba = 0.5',
  operation: 'max',
};

async function build(delays?: number) {
  const net = new Network({ structuralPlasticity: true } as ConstructorParameters<typeof Network>[0]);
  const v = net.create(5, new LeakyIntegrator());
  net.connect(v, v, 'exc', new Synapse(spec as ConstructorParameters<typeof Synapse>[0]))
    .connectFixedNumberPre({ number: 1, weights: 1.0, ...(delays ? { delays } : {}) });
  await net.compile();
  return net;
}

describe('test_StructuralPlasticityModel', () => {
  it('test_StructuralPlasticityModel.test_invoke_compile: creating/pruning conditions', async () => expect((await build()).compiled).toBe(true));
  it('test_StructuralPlasticityModelDelay.test_invoke_compile: the same with 2 ms delays', async () => expect((await build(2.0)).compiled).toBe(true));
});
