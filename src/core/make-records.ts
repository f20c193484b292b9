/**
 * The plain records of `records.ts`, read from the user-facing objects at compile. Apart from
 * `records.ts` so that the plan (`ir/`), which imports the record types, never reaches `Population`.
 */
import type { StateArray } from './values.js';
import type { Population } from './Population.js';
import type { Projection } from './Projection.js';
import type { PopulationRecord, ProjectionRecord, SpecialPopulation, SpecialProjection, StateArrayRecord } from './records.js';

function dtypeOf(a: StateArray): 'f64' | 'i32' {
  return a instanceof Int32Array ? 'i32' : 'f64';
}

/** The record of `pop` (its state's non-attribute arrays are an input class's data). */
export function populationRecord(pop: Population): PopulationRecord {
  const attributes = new Set(pop.description.attributes.map((a) => a.name));
  const inputArrays: StateArrayRecord[] = [];
  for (const [name, a] of pop.state) {
    if (!attributes.has(name) && name.startsWith('_')) inputArrays.push({ name, dtype: dtypeOf(a), length: a.length });
  }
  return {
    id: pop.id,
    name: pop.name,
    size: pop.size,
    description: pop.description,
    stopCondition: pop.stopCondition,
    special: (pop as { special?: SpecialPopulation }).special,
    inputArrays,
  };
}

/** The record of a connected projection (throws, naming it, when it has no connectivity yet). */
export function projectionRecord(proj: Projection): ProjectionRecord {
  const c = proj.requireConnected();
  return {
    id: proj.id,
    name: proj.name,
    pre: proj.pre.population.id,
    post: proj.post.population.id,
    targets: [...proj.targets],
    description: proj.description,
    connectivity: {
      synapses: c.preRanks.length,
      dendrites: c.postRanks.length,
      delaySteps: typeof c.delaySteps === 'number' ? c.delaySteps : 'variable',
      maxDelay: c.maxDelay,
      singleWeight: c.singleWeight,
      ...(c.procedural ? { procedural: c.procedural } : {}),
      csr: c,
      rewirable: proj.network.structuralPlasticity,
    },
    special: (proj as { special?: SpecialProjection }).special,
  };
}
