/**
 * Memory estimates made before anything big is allocated: a population of 10⁹ neurons, an
 * all-to-all of 10⁵ × 10⁵ or a delay ring of 10⁹ steps would otherwise allocate until the operating
 * system kills the process or V8 aborts (neither can be caught). The estimates count the arrays
 * that will exist at the peak (values, the copies kept for `reset()`, index arrays), compare them
 * with the memory this process can still get, and refuse with a `NetworkError` that gives both
 * numbers and what to do.
 *
 * Available memory: in Node, the free memory the system reports (`os.freemem()`, which is Linux's
 * MemAvailable), and the container's limit when one is set (`process.constrainedMemory()`); in a
 * browser, a conservative 2 GiB (browsers do not say, and a tab is killed well before the machine
 * runs out). Indices are int32 everywhere (ranks, synapse offsets, delay steps), so counts of 2³¹
 * and more are refused whatever the memory.
 */
import { NetworkError } from '../errors.js';

/** Largest count an int32 index holds: neurons of a population, synapses of a projection, delay steps. */
export const MAX_INDEX = 2 ** 31 - 1;

/** The limit assumed in a browser (and in any runtime that does not say how much memory is free). */
export const BROWSER_LIMIT = 2 * 1024 ** 3;

/** What can still be allocated, in bytes, and where that number comes from. */
export interface AvailableMemory {
  bytes: number;
  source: string;
}

let override: AvailableMemory | undefined;

/** @internal tests: pretend that `bytes` are available (undefined: measure again). */
export function setAvailableMemoryForTests(bytes: number | undefined): void {
  override = bytes === undefined ? undefined : { bytes, source: 'test limit' };
}

interface OsLike { freemem(): number; totalmem(): number }

function nodeOs(): OsLike | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return proc?.getBuiltinModule?.('node:os') as OsLike | undefined;
  } catch {
    return undefined;
  }
}

/** The memory this process can still allocate (see the file comment). */
export function availableMemory(): AvailableMemory {
  if (override) return override;
  const os = nodeOs();
  if (!os) return { bytes: BROWSER_LIMIT, source: 'the limit assumed outside Node (2 GiB)' };
  const free = os.freemem();
  const total = os.totalmem();
  const proc = globalThis as { process?: { constrainedMemory?: () => number; memoryUsage?: { rss(): number } } };
  const limit = proc.process?.constrainedMemory?.() ?? 0;
  if (limit > 0 && limit < total) {
    const rss = proc.process?.memoryUsage?.rss() ?? 0;
    const inContainer = Math.max(0, limit - rss);
    if (inContainer < free) return { bytes: inContainer, source: `the container's memory limit (${formatBytes(limit)}) less this process's ${formatBytes(rss)}` };
  }
  return { bytes: free, source: `free memory of this machine (${formatBytes(total)} in all)` };
}

/** `1.5 GB`, `320 MB`, … (powers of 1000, as memory sizes are usually read). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  return u === 0 ? `${Math.round(v)} bytes` : `${v.toPrecision(3)} ${units[u]}`;
}

/**
 * Throws a `NetworkError` when `bytes` more cannot fit. `what` names the object and the size
 * ("population 'exc' of 10⁹ neurons"), `advice` what to do instead.
 */
export function checkFits(bytes: number, what: string, advice: string): void {
  const available = availableMemory();
  if (!(bytes > available.bytes)) return;
  throw new NetworkError(
    `${what} needs about ${formatBytes(bytes)}, more than the ${formatBytes(available.bytes)} available `
    + `(${available.source}); it was refused before allocating anything. ${advice}`,
  );
}

/** Throws a `NetworkError` when `count` exceeds what an int32 index holds. */
export function checkIndexRange(count: number, what: string, advice: string): void {
  if (count <= MAX_INDEX) return;
  throw new NetworkError(`${what}: ${fmtCount(count)} is more than ${fmtCount(MAX_INDEX)} (2^31 − 1), the most that int32 indices address. ${advice}`);
}

/** A count for messages: exact below a million, else in scientific notation. */
export function fmtCount(n: number): string {
  return n < 1e6 ? String(Math.round(n)) : n.toExponential(2).replace('e+', 'e');
}

/** Per-element bytes of a population's state, at the peak of compile (see `populationBytes`). */
export interface PopulationShape {
  size: number;
  /** Attributes with one value per neuron. */
  localAttributes: number;
  spiking: boolean;
  /** Random draws with one value per neuron. */
  localRandoms: number;
}

/**
 * Bytes of a population's state: per neuron, the rank (4), each local attribute twice (8: the
 * value, and the initial value `reset()` restores), each per-neuron random draw (8) and, when
 * spiking, the spike list, last spike and refractory counter (12). Weighted sums and delay rings
 * are counted by `checkNetworkMemory` when the projections are known.
 */
export function populationBytes(s: PopulationShape): number {
  return s.size * (4 + 16 * s.localAttributes + 8 * s.localRandoms + (s.spiking ? 12 : 0));
}

const POPULATION_ADVICE = 'Use a smaller population (a smaller geometry), or split the model across several networks run one after the other.';

/** Refuses a population that int32 ranks cannot address or that cannot fit in memory. */
export function checkPopulationMemory(s: PopulationShape, name: string | undefined): void {
  const what = `population${name !== undefined ? ` '${name}'` : ''} of ${fmtCount(s.size)} neurons`;
  checkIndexRange(s.size, what, POPULATION_ADVICE);
  checkFits(populationBytes(s), what, POPULATION_ADVICE);
}

const SYNAPSE_ADVICE = 'Use fewer synapses (a lower probability, fixedNumberPre/Post with a small number, smaller populations), '
  + 'one shared weight (a number, without forceMultipleWeights, for a synapse without plasticity) instead of one per synapse, '
  + 'or procedural connectivity (connectFixedProbability or connectFixedNumberPost({ …, procedural: true }): nothing stored per synapse).';

/** Whether `expected` synapses of `bytesPerSynapse` each can be indexed and fit in memory (what {@link checkSynapseCount} checks, without throwing). */
export function synapsesFit(expected: number, bytesPerSynapse: number): boolean {
  return expected <= MAX_INDEX && !(expected * bytesPerSynapse > availableMemory().bytes);
}

/**
 * Refuses `expected` synapses of `bytesPerSynapse` each (`expected`: the exact count, or the
 * expected count p·N_pre·N_post of a random pattern) when int32 offsets cannot index them or they
 * cannot fit in memory. `what` names the pattern or the projection.
 */
export function checkSynapseCount(expected: number, what: string, bytesPerSynapse: number): void {
  const desc = `${what}: about ${fmtCount(expected)} synapses`;
  checkIndexRange(expected, desc, SYNAPSE_ADVICE);
  checkFits(expected * bytesPerSynapse, desc, SYNAPSE_ADVICE);
}

/**
 * Bytes per synapse that a projection still allocates once its connector has run: each attribute
 * with one value per synapse twice (the value, and the initial value `reset()` restores), the
 * dendrite index of each synapse (4) and, when the pre-synaptic population spikes, the inverse
 * index and the event clock (8).
 */
export function projectionBytesPerSynapse(localAttributes: number, spiking: boolean): number {
  return 16 * localAttributes + 4 + (spiking ? 8 : 0);
}

/**
 * Refuses a delay (in steps) that int32 steps cannot hold or whose ring cannot fit: `ringBytes` is
 * the memory of the ring at that length (`length × bytes per slot`).
 */
export function checkDelayMemory(steps: number, ringBytes: number, what: string): void {
  const advice = 'Delays are kept in a ring with one slot per step of delay: use a shorter delay or a larger dt.';
  if (!(steps <= MAX_INDEX)) {
    throw new NetworkError(`${what}: a delay of ${fmtCount(steps)} steps is more than ${fmtCount(MAX_INDEX)} (2^31 − 1), the most an int32 step count holds. ${advice}`);
  }
  checkFits(ringBytes, `${what}: the delay ring of ${fmtCount(steps)} steps`, advice);
}

/** What the projection checks read of a projection. */
export interface ProjectionShape {
  readonly name: string;
  readonly description: { readonly attributes: readonly { readonly locality: string }[] };
  readonly pre: { readonly population: { readonly size: number; readonly isSpiking: boolean } };
}

/**
 * Bytes of the delay ring of `steps` slots that a projection needs: a spiking pre-synaptic
 * population keeps the ranks that spiked in each of the last `steps` steps (int32 per neuron and
 * step) or, with per-synapse delays, a list of synapses per step (≈ 32 bytes per empty slot); a
 * rate-coded one keeps a float64 copy of `r` per neuron and step.
 */
export function delayRingBytes(p: ProjectionShape, steps: number, perSynapseDelays: boolean): number {
  const pre = p.pre.population;
  if (pre.isSpiking) return perSynapseDelays ? 32 * steps : 4 * steps * pre.size;
  return 8 * steps * pre.size;
}

/** Refuses a delay of `steps` that int32 cannot hold or whose ring cannot fit (the projection named). */
export function checkDelayRing(p: ProjectionShape, steps: number, perSynapseDelays: boolean): void {
  if (steps <= 1) return;
  checkDelayMemory(steps, delayRingBytes(p, steps, perSynapseDelays), `projection '${p.name}'`);
}

/**
 * Before a projection stores the synapses its connector built: its per-synapse attributes and
 * indices (`nnz` synapses) and its delay ring must fit.
 */
export function checkProjectionMemory(p: ProjectionShape, nnz: number, maxDelay: number, perSynapseDelays: boolean): void {
  const local = p.description.attributes.filter((a) => a.locality === 'local').length;
  checkSynapseCount(nnz, `projection '${p.name}'`, projectionBytesPerSynapse(local, p.pre.population.isSpiking));
  checkDelayRing(p, maxDelay, perSynapseDelays);
}

/** The shape of a population of `size` neurons described by `d`. */
export function populationShape(size: number, d: { type: string; attributes: readonly { locality: string }[]; randoms: readonly { locality: string }[] }): PopulationShape {
  return {
    size,
    localAttributes: d.attributes.filter((a) => a.locality === 'local').length,
    localRandoms: d.randoms.filter((r) => r.locality !== 'global').length,
    spiking: d.type === 'spike',
  };
}
