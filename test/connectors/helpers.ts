/** Test helpers: a small seeded RandomSource (mulberry32) and neuron-set builders. */
import type { RandomSource, Sampler } from '../../src/random/types.js';
import type { Connectivity, NeuronSet } from '../../src/connectors/index.js';

/** A deterministic mulberry32 random source. */
export class TestRng implements RandomSource {
  private s: number;
  constructor(seed = 1) { this.s = seed >>> 0; }
  uniform(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  normal(): number {
    const u = 1 - this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }
  integer(n: number): number { return Math.floor(this.uniform() * n); }
  fillUniform(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
    return out;
  }
}

/** A sampler returning start, start+1, … (one per call to sample's slots), to check the order of draws. */
export class CountingSampler implements Sampler {
  next: number;
  constructor(start = 0) { this.next = start; }
  sample(count: number): Float64Array {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = this.next++;
    return out;
  }
}

/** A uniform sampler in [min, max) with an upper bound. */
export class UniformSampler implements Sampler {
  constructor(readonly min: number, readonly max: number) {}
  sample(count: number, rng: RandomSource): Float64Array {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = this.min + (this.max - this.min) * rng.uniform();
    return out;
  }
  upperBound(): number { return this.max; }
}

/** An unbounded normal sampler (upperBound → undefined). */
export class NormalSampler implements Sampler {
  constructor(readonly mu: number, readonly sigma: number) {}
  sample(count: number, rng: RandomSource): Float64Array {
    return Float64Array.from({ length: count }, () => this.mu + this.sigma * rng.normal());
  }
  upperBound(): number | undefined { return undefined; }
}

let nextId = 0;

/** A whole population (all ranks) of the given geometry; `token` identifies the population. */
export function population(geometry: number | number[], token: object = {}): NeuronSet {
  const g = typeof geometry === 'number' ? [geometry] : geometry;
  const size = g.reduce((a, b) => a * b, 1);
  return { ranks: Int32Array.from({ length: size }, (_, i) => i), populationSize: size, populationGeometry: g, samePopulationAs: token, populationId: nextId++ };
}

/** A view of `pop` restricted to `ranks`. */
export function view(pop: NeuronSet, ranks: number[]): NeuronSet {
  return { ...pop, ranks: Int32Array.from(ranks) };
}

/** The dendrites as a list of [post rank, pre ranks[]]. */
export function rowsOf(c: Connectivity): Array<[number, number[]]> {
  return Array.from(c.postRanks, (p, i) => [p, Array.from(c.preRanks.subarray(c.rowPtr[i], c.rowPtr[i + 1]))]);
}

/** Dense (post size × pre size) matrix of weights, `fill` where there is no synapse. */
export function denseWeights(c: Connectivity, postSize: number, preSize: number, fill = 0): number[][] {
  const m = Array.from({ length: postSize }, () => new Array<number>(preSize).fill(fill));
  for (let i = 0; i < c.postRanks.length; i++) {
    for (let k = c.rowPtr[i]; k < c.rowPtr[i + 1]; k++) m[c.postRanks[i]][c.preRanks[k]] = typeof c.weights === 'number' ? c.weights : c.weights[k];
  }
  return m;
}
