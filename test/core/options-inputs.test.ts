/**
 * Input populations (issues 12, 13): unknown option keys refused; Poisson rates −5 or NaN refused
 * at creation and when written later (pop.rates, set, a view), leaving the previous rates.
 */
import { describe, it, expect } from 'vitest';
import {
  Network, NetworkError, PoissonPopulation, SpikeSourceArray, TimedArray, TimedPoissonPopulation,
  HomogeneousCorrelatedSpikeTrains, InputArray,
} from '../../src/index.js';

describe('input options', () => {
  it('refuse unknown keys with the nearest one', () => {
    const network = new Network();
    expect(() => new PoissonPopulation(3, { rate: 5, network } as never)).toThrow(/new PoissonPopulation\(\): unknown option 'rate' — did you mean 'rates'/);
    expect(() => new SpikeSourceArray([[1]], { nme: 'x', network } as never)).toThrow(/new SpikeSourceArray\(\): unknown option 'nme' — did you mean 'name'/);
    expect(() => new TimedArray({ rates: [[1]], schedul: 2, network } as never)).toThrow(/new TimedArray\(\): unknown option 'schedul' — did you mean 'schedule'/);
    expect(() => new TimedPoissonPopulation(2, { rates: [1, 2], schedule: [0, 5], perod: 10, network } as never)).toThrow(/did you mean 'period'/);
    expect(() => new HomogeneousCorrelatedSpikeTrains(2, { rates: 10, corr: 0.1, tau: 10, network, refractry: 1 } as never)).toThrow(/did you mean 'refractory'/);
    expect(() => new InputArray(2, { network, geometry: 2 } as never)).toThrow(/new InputArray\(\): unknown option 'geometry'/);
    const ta = new TimedArray({ rates: [[1, 2], [3, 4]], network });
    expect(() => ta.update([[1, 2]], { rest: false } as never)).toThrow(/update\(\): unknown option 'rest' — did you mean 'reset'/);
    expect(network.populations).toHaveLength(1);
  });
});

describe('PoissonPopulation rates', () => {
  it('refuses negative or NaN rates at creation', () => {
    const network = new Network();
    expect(() => new PoissonPopulation(3, { rates: -5, network })).toThrow(/new PoissonPopulation\(\): rates must be a finite number of Hz ≥ 0, got -5/);
    expect(() => new PoissonPopulation(3, { rates: NaN, network })).toThrow(NetworkError);
    expect(() => new PoissonPopulation(3, { rates: [1, -2, 3], network, name: 'p' })).toThrow(/PoissonPopulation 'p': rates of neuron 1 must be a finite number of Hz ≥ 0, got -2/);
    expect(() => new TimedPoissonPopulation(2, { rates: [1, [2, -1]], schedule: [0, 5], network, name: 'tp' })).toThrow(/TimedPoissonPopulation 'tp': rates must be finite numbers of Hz ≥ 0, got -1 \(block 1, neuron 1\)/);
  });
  it('refuses them when written later, keeping the previous rates', () => {
    const network = new Network();
    const pop = new PoissonPopulation(3, { rates: [1, 2, 3], network, name: 'in' });
    expect(() => { pop.rates = -5; }).toThrow(/PoissonPopulation 'in': rates of neuron 0 must be a finite number of Hz ≥ 0, got -5/);
    expect(() => { pop.rates = [4, Number.NaN, 6]; }).toThrow(/rates of neuron 1 .* got NaN/);
    expect(() => pop.slice(1, 3).set({ rates: [7, -1] })).toThrow(/rates of neuron 2/);
    expect(Array.from(pop.rates as Float64Array)).toEqual([1, 2, 3]);
    pop.rates = [10, 0, 20];
    expect(Array.from(pop.rates as Float64Array)).toEqual([10, 0, 20]);
  });
});
