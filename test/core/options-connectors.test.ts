/**
 * Connector options (issues 12, 13): unknown keys refused with the camelCase spelling, ANNarchy's
 * storage options with the reason, `weights: null` refused (it became weight 1), NaN in
 * connectFromMatrix documented as "no synapse" like null.
 */
import { describe, it, expect } from 'vitest';
import { Network, Neuron, NetworkError, Uniform } from '../../src/index.js';

const Leaky = new Neuron({ parameters: 'tau = 10.0', equations: 'tau * dr/dt + r = sum(exc)' });

function proj() {
  const net = new Network({ seed: 5 });
  const a = net.create(3, Leaky);
  const b = net.create(2, Leaky);
  return net.connect(a, b, 'exc', undefined, { name: 'ab' });
}

describe('connector options', () => {
  it('refuses unknown keys, naming the projection and the method', () => {
    expect(() => proj().connectAllToAll({ allow_self_connections: true } as never)).toThrow(/projection 'ab'\.connectAllToAll\(\): unknown option 'allow_self_connections' — did you mean 'allowSelfConnections'/);
    expect(() => proj().connectFixedProbability({ probabilty: 0.5 } as never)).toThrow(/connectFixedProbability\(\): unknown option 'probabilty' — did you mean 'probability'/);
    expect(() => proj().connectFixedNumberPre({ number: 1, force_multiple_weights: true } as never)).toThrow(/did you mean 'forceMultipleWeights'/);
    expect(() => proj().connectOneToOne({ allowSelfConnections: true } as never)).toThrow(/connectOneToOne\(\): unknown option 'allowSelfConnections' \(accepted: weights, delays, forceMultipleWeights\)/);
    expect(() => proj().connectGaussian({ amp: 1, sigma: 0.5, weights: 2 } as never)).toThrow(/connectGaussian\(\): unknown option 'weights'/);
    expect(() => proj().connectDog({ amp_pos: 1 } as never)).toThrow(/did you mean 'ampPos'/);
    expect(() => proj().connectFromMatrix([[1, 2, 3], [4, 5, 6]], { pre_post: true } as never)).toThrow(/did you mean 'prePost'/);
    expect(() => proj().connectFromSparse({ rows: [], cols: [], values: [] } as never, { delay: 1 } as never)).toThrow(/connectFromSparse\(\): unknown option 'delay' — did you mean 'delays'/);
    expect(() => proj().fixedProbability({ probability: 0.5, storage_format: 'csr' } as never)).toThrow(/option 'storage_format' is not supported: .*one format/);
    expect(() => proj().connectAllToAll({ storageOrder: 'pre_to_post' } as never)).toThrow(/'storageOrder' is not supported/);
    expect(() => proj().connectFixedProbability(undefined as never)).toThrow(/connectFixedProbability\(\): give the options \(probability, /);
  });
  it('refuses weights: null and delays: null (they became 1 and 0)', () => {
    expect(() => proj().connectAllToAll({ weights: null } as never)).toThrow(/projection 'ab'\.connectAllToAll\(\): weights is null: give a number, an array or a distribution, or leave weights out for the default \(1\)/);
    expect(() => proj().connectFixedProbability({ probability: 1, weights: null } as never)).toThrow(NetworkError);
    expect(() => proj().connectOneToOne({ delays: null } as never)).toThrow(/delays is null/);
  });
  it('accepts what it documents: numbers, distributions, weights left out', () => {
    const p = proj().connectAllToAll({ weights: new Uniform(0, 1), allowSelfConnections: true });
    expect(p.nbSynapses).toBe(6);
    expect(proj().connectAllToAll().get('w')).toBe(1);
    expect(proj().connectAllToAll(0.5).get('w')).toBe(0.5);
  });
  it('connectFromMatrix: null and NaN both mean no synapse, 0 is a synapse', () => {
    const p = proj().connectFromMatrix([[1, null, 0], [Number.NaN, 2, 3]]);
    expect(p.preRanks).toEqual([[0, 2], [1, 2]]);
    expect(p.connectivityMatrix(Number.NaN).map((r) => Array.from(r))).toEqual([[1, Number.NaN, 0], [Number.NaN, 2, 3]]);
    expect(() => proj().connectFromMatrix([[1, Infinity, 0], [1, 2, 3]])).toThrow(/weight Infinity at \(post 0, pre 1\) is not a finite number/);
  });
});
