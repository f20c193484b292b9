// The classes of core/ that name one another (a view its population, a dendrite its projection, a
// population its network) reach those types through core/handles.ts, so that their modules import
// one way only (issue 15). The types users see are the classes themselves, attributes included: the
// assertions below are checked by the type check (`npm run typecheck`), the calls by vitest.
import { describe, it, expect, expectTypeOf } from 'vitest';
import { Network, Neuron, Synapse, Population, Projection, PopulationView, IndividualNeuron, Dendrite, Monitor } from '../../src/index.js';
import type * as Handles from '../../src/core/handles.js';

const RATE = new Neuron({ parameters: { tau: 10 }, equations: ['tau * dv/dt + v = sum(exc)', 'r = pos(v)'] });
const HEBB = new Synapse({ parameters: 'eta = 0.01', equations: 'dw/dt = eta * pre.r * post.r' });
type RateNames = 'tau' | 'v' | 'r';
type HebbNames = 'eta' | 'w';

describe('the types reached through core/handles.ts', () => {
  it('are the classes themselves', () => {
    expectTypeOf<Handles.Population>().toEqualTypeOf<Population>();
    expectTypeOf<Handles.Population<RateNames>>().toEqualTypeOf<Population<RateNames>>();
    expectTypeOf<Handles.Projection<HebbNames>>().toEqualTypeOf<Projection<HebbNames>>();
    expectTypeOf<Handles.Monitor>().toEqualTypeOf<Monitor>();
  });

  it('view.population, neuron.population, dendrite.projection, synapse.projection and pop.network.populations keep the full types', () => {
    const net = new Network();
    const pop = net.create(4, RATE);
    const view = pop.slice(0, 2);
    expectTypeOf(view.population).toEqualTypeOf<Population>();
    expectTypeOf(view.population.view).toBeFunction();
    expectTypeOf(new PopulationView(pop, [1, 2])).toEqualTypeOf<PopulationView<RateNames>>();
    expect(view.population).toBe(pop);
    expect(view.population.slice(1, 3).ranks).toEqual(Int32Array.of(1, 2));

    const neuron = pop.neuronAt(3);
    expectTypeOf(neuron).toEqualTypeOf<IndividualNeuron>();
    expectTypeOf(neuron.population).toEqualTypeOf<Population>();
    expect(neuron.population).toBe(pop);
    expect(neuron).toBeInstanceOf(PopulationView);

    expectTypeOf(pop.network.populations).toEqualTypeOf<Population[]>();
    expectTypeOf(pop.network.getPopulation('x')).toEqualTypeOf<Population | undefined>();
    expect(pop.network.populations).toEqual([pop]);

    const proj = net.connect(pop, pop, 'exc', HEBB);
    proj.connectAllToAll({ weights: 0.5 });
    const dendrite = proj.dendrite(0);
    expectTypeOf(dendrite).toEqualTypeOf<Dendrite<HebbNames>>();
    expectTypeOf(dendrite.projection).toEqualTypeOf<Projection>();
    expectTypeOf(new Dendrite(proj, 0)).toEqualTypeOf<Dendrite<HebbNames>>();
    expect(dendrite.projection).toBe(proj);
    expect(dendrite.projection.dendrites).toHaveLength(4);
    const synapse = proj.synapse(1, 0);
    expectTypeOf(synapse.projection).toEqualTypeOf<Projection>();
    expect(synapse.projection).toBe(proj);
    expect(synapse.w).toBe(0.5);
  });
});
