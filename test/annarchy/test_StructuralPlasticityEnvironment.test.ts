// ANNarchy: tests/RateSynapse/test_StructuralPlasticityEnvironment.py (+ 5.0 additions from tests_python/RateSynapse/test_StructuralPlasticityEnvironment.py)
// Structural plasticity (pruneSynapse / createSynapse on dendrites, issue 16). ANNarchy defines
// test_create_single_synapse twice (the second replaces the first), so it is one test here.
import { describe, it, expect, beforeEach } from 'vitest';
import { Network, Neuron, Synapse, Uniform, type Projection } from '../../src/index.js';
import { expectAllClose } from './helpers.js';

describe('test_StructuralPlasticityEnvironment', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let proj: any, proj2: any, proj3: any;
  beforeEach(async () => {
    const net = new Network({ structuralPlasticity: true } as ConstructorParameters<typeof Network>[0]);
    const pop1 = net.create(8, new Neuron({ parameters: 'tau = 10', equations: 'r += 1/tau * t' }));
    proj = net.connect(pop1, pop1, 'exc').connectAllToAll({ weights: 1.0 }) as Projection;
    proj2 = net.connect(pop1, pop1, 'exc').connectOneToOne({ weights: 1.0 }) as Projection;
    proj3 = net.connect(pop1, pop1, 'exc', new Synapse({ parameters: 'tau = 20.0\n alpha = 0.0' })).connectOneToOne({ weights: 1.0 }) as Projection;
    proj3.alpha = new Uniform(0.1, 1);
    await net.compile();
  });
  it('test_prune_single_synapse: prune 2, 4, 6 from dendrite(3)', () => {
    expect(proj.dendrite(3).preRanks).toEqual([0, 1, 2, 4, 5, 6, 7]);
    for (const r of [2, 4, 6]) proj.dendrite(3).pruneSynapse(r);
    expect(proj.dendrite(3).preRanks).toEqual([0, 1, 5, 7]);
    expectAllClose(proj.dendrite(3).w, [1, 1, 1, 1]);
  });
  it('test_prune_multiple_synapses: pruneSynapses([2, 4, 6])', () => {
    proj.dendrite(3).pruneSynapses([2, 4, 6]);
    expect(proj.dendrite(3).preRanks).toEqual([0, 1, 5, 7]);
    expectAllClose(proj.dendrite(3).w, [1, 1, 1, 1]);
  });
  it('test_create_single_synapse: createSynapse(2|4|6, 2.0) on a one-to-one dendrite', () => {
    expect(proj2.dendrite(3).preRanks).toEqual([3]);
    for (const r of [2, 4, 6]) proj2.dendrite(3).createSynapse(r, 2.0);
    expect(proj2.dendrite(3).preRanks).toEqual([2, 3, 4, 6]);
    expectAllClose(proj2.dendrite(3).w, [2, 1, 2, 2]);
  });
  it('test_create_multiple_synapses: createSynapses([2, 4, 6], [2, 3, 4])', () => {
    proj2.dendrite(3).createSynapses([2, 4, 6], [2.0, 3.0, 4.0]);
    expect(proj2.dendrite(3).preRanks).toEqual([2, 3, 4, 6]);
    expectAllClose(proj2.dendrite(3).w, [2, 1, 3, 4]);
  });
  // ANNarchy 5.0 additions (its network has 10 neurons and a third projection with tau/alpha parameters)
  it('test_create_multiple_default_synapses_2 (5.0): successive createSynapses keep the ranks sorted', () => {
    proj2.dendrite(4).createSynapses([2, 6], [2.0, 4.0]);
    expect(proj2.dendrite(4).preRanks).toEqual([2, 4, 6]);
    expectAllClose(proj2.dendrite(4).w, [2, 1, 4]);
    proj2.dendrite(4).createSynapses([3, 5, 7], [3.0, 5.0, 7.0]);
    expect(proj2.dendrite(4).preRanks).toEqual([2, 3, 4, 5, 6, 7]);
  });
  it('test_create_multiple_modified_synapses (5.0): new synapses get the default tau and a drawn alpha', () => {
    expectAllClose(proj3.dendrite(3).tau, [20]);
    proj3.dendrite(3).createSynapses([2, 4, 6], [2.0, 3.0, 4.0]);
    expectAllClose(proj3.dendrite(3).tau, [20, 20, 20, 20]);
    // alpha was set from Uniform(0.1, 1) on the projection: created synapses draw from it too.
    const alpha = Array.from(proj3.dendrite(3).alpha as Float64Array);
    expect(alpha.every((a) => a >= 0.1 && a < 1.0)).toBe(true);
  });
  it('test_prune_complete_dendrite: the only synapse of dendrite(5) [semantics]', () => {
    proj2.dendrite(5).pruneSynapse(5);
    // [semantics] ANNarchy removes the emptied dendrite; neurarchy keeps it with no synapse, so that
    // dendrite positions (and Dendrite objects, monitors of dendrites) stay valid (README, "Semantics").
    expect(proj2.dendrite(5).preRanks).toEqual([]);
    expect(proj2.nbSynapses).toBe(7);
  });
});
