/**
 * `net.copy()`: a new network of the same populations, projections (the same synapses, weights and
 * delays: copied, not drawn again), monitors and local constants, with the current values of every
 * attribute (not the internal state: refractory counters, spikes in flight and delay buffers start
 * empty), the same configuration (dt, seed, method, backend, threads) and time 0. It is not
 * compiled: `compile()` it; on the cpp backend the library is found in the cache by its content
 * hash, so a copy costs no compilation.
 *
 * ANNarchy 5's `net.copy(*args)` runs the constructor of the `Network` subclass again, which draws
 * the connectivity again with the copy's seed; here a network is built imperatively, so the copy
 * copies what exists. To draw it again, call the function that builds the network (what
 * `parallelRun()` does in each worker).
 */
import { NetworkError } from '../errors.js';
import { Population } from '../core/Population.js';
import { PopulationView } from '../core/PopulationView.js';
import { Projection, type PopulationLike } from '../core/Projection.js';
import { Dendrite } from '../core/Dendrite.js';
import { Monitor } from '../core/Monitor.js';
import type { Connectivity } from '../connectors/types.js';
import type { NetworkConfig } from '../core/Network.js';
import type { Synapse } from '../core/Synapse.js';

/**
 * What a copy reads of the source network and calls on the new one: a `Network` (network/Network.ts,
 * which imports this module; an interface keeps the two from importing each other).
 */
export interface CopyableNetwork extends Required<Pick<NetworkConfig, 'dt' | 'seed' | 'method' | 'backend' | 'numThreads' | 'checkNumerics' | 'progress' | 'structuralPlasticity' | 'precision'>> {
  readonly id: number;
  readonly compiled: boolean;
  readonly populations: readonly Population[];
  readonly projections: readonly Projection[];
  readonly monitors: readonly Monitor[];
  constant(name: string, value: number): unknown;
  create(population: Population): Population;
  connect(pre: PopulationLike, post: PopulationLike, target: string | string[], synapse: Synapse, options: { name?: string }): Projection;
}

/** What a copy needs of a network besides its public objects: its local constants. */
export interface CopySource {
  network: CopyableNetwork;
  localConstants: { name: string; value: number }[];
}

/** Builds the copy into `target` (a new, empty network made by the caller with the source's configuration). */
export function copyNetworkInto(source: CopySource, target: CopyableNetwork): void {
  const net = source.network;
  const where = `network ${net.id}.copy()`;
  for (const c of source.localConstants) target.constant(c.name, c.value);
  const pops = new Map<Population, Population>();
  for (const p of net.populations) {
    const copy = target.create(p);
    // After compile the values live in the engine, not in the population's initial arrays.
    if (net.compiled) for (const a of p.description.attributes) copy.set({ [a.name]: p.get(a.name) as number | Float64Array });
    pops.set(p, copy);
  }
  const side = (s: PopulationLike): PopulationLike => {
    if (s instanceof PopulationView) return new PopulationView(pops.get(s.population)!, s.ranks, s.geometry);
    const copy = pops.get(s as Population);
    if (!copy) throw new NetworkError(`${where}: population '${s.name}' is not in the network`);
    return copy;
  };
  const projs = new Map<Projection, Projection>();
  for (const proj of net.projections) {
    if (proj.constructor !== Projection) {
      throw new NetworkError(`${where}: ${proj.constructor.name} '${proj.name}' cannot be copied (only plain Projections are): build the network again with the code that made it`);
    }
    const copy = target.connect(side(proj.pre), side(proj.post), proj.targets, proj.synapseType, { name: proj.name });
    if (proj.connectivity) copyConnectivity(proj, copy);
    copy.update = proj.update;
    copy.plasticity = proj.plasticity;
    copy.learningPeriod = proj.learningPeriod;
    copy.learningOffset = proj.learningOffset;
    projs.set(proj, copy);
  }
  for (const m of net.monitors) {
    const o = m.object;
    const object = o instanceof Projection ? projs.get(o)!
      : o instanceof Dendrite ? projs.get(o.projection)!.dendrite(o.postRank)
        : side(o as PopulationLike);
    new Monitor(object as Population, m.variables, { period: m.period, periodOffset: m.periodOffset, start: m.started && (m.recording || !net.compiled), name: m.name });
  }
}

/** The same synapses, delays and synaptic values in `copy` (through the connectors' common path). */
function copyConnectivity(proj: Projection, copy: Projection): void {
  const c = proj.connectivity!;
  if (c.procedural) {
    // The same rule regenerates the same synapses; a number weight may have been changed since.
    (copy as unknown as { storeProcedural(rule: typeof c.procedural, label: string): void }).storeProcedural(c.procedural, `copy of projection '${proj.name}' (procedural)`);
    if (c.singleWeight) copy.state.get('w')![0] = proj.network.compiled ? proj.get('w') as number : proj.state.get('w')![0];
    if (typeof c.delaySteps === 'number') copy.delay = c.delaySteps * proj.network.dt;
    copyOtherValues(proj, copy);
    return;
  }
  // After compile the values live in the engine: read them through the projection.
  const w = proj.network.compiled ? proj.flat('w') : proj.state.get('w')!;
  const dt = proj.network.dt;
  const delays = typeof c.delaySteps === 'number' ? c.delaySteps * dt : Float64Array.from(c.delaySteps, (s) => s * dt);
  const synapses: Connectivity = {
    postRanks: c.postRanks.slice(), rowPtr: c.rowPtr.slice(), preRanks: c.preRanks.slice(),
    weights: c.singleWeight ? w[0] : Float64Array.from(w), delays,
  };
  // `apply` is the connectors' private entry (checks, delays to steps, single or per-synapse weights).
  (copy as unknown as { apply(s: Connectivity, o: { forceMultipleWeights: boolean }, label: string): void })
    .apply(synapses, { forceMultipleWeights: !c.singleWeight }, `copy of projection '${proj.name}'`);
  copyOtherValues(proj, copy);
}

/** The synapse's attributes other than `w` (current values after compile). */
function copyOtherValues(proj: Projection, copy: Projection): void {
  for (const a of proj.description.attributes) {
    if (a.name === 'w') continue;
    if (proj.network.compiled) copy.set({ [a.name]: proj.get(a.name) as number | Float64Array[] });
    else {
      const src = proj.state.get(a.name);
      const dst = copy.state.get(a.name);
      if (src && dst && src.length === dst.length) (dst as Float64Array).set(src as Float64Array);
    }
  }
}

/** The configuration of a copy: the source's, with `overrides` on top. */
export function copyConfig(net: CopyableNetwork, overrides: NetworkConfig): NetworkConfig {
  return {
    dt: net.dt, seed: net.seed, method: net.method, backend: net.backend, numThreads: net.numThreads,
    checkNumerics: net.checkNumerics, progress: net.progress, structuralPlasticity: net.structuralPlasticity, precision: net.precision, ...overrides,
  };
}
