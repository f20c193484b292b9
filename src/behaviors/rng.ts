/**
 * A small seeded random generator for the behaviour layer: xoshiro128** seeded through
 * splitmix32. It implements neurarchy's {@link RandomSource}, so it can be swapped for the
 * project-wide counter-based stream (`src/random/`) without touching the behaviours.
 *
 * Every host (network, neuron group, synapse group) owns one stream derived from
 * `(network seed, host number)`, so draws are reproducible for a given seed and the same order of
 * construction and calls.
 */
import type { RandomSource } from '../random/types.js';

/** One step of splitmix32: returns the next state and a well-mixed 32-bit output. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

const TWO_POW_32 = 4294967296;

/** xoshiro128** over four 32-bit words; uniforms carry 53 random bits. */
export class SeededRandom implements RandomSource {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** The second value of the last Box–Muller pair, or NaN. */
  private spare = NaN;

  /**
   * @param seed any finite number (integers up to 2^53 are used exactly).
   * @param stream a second integer that selects an independent stream for the same seed.
   */
  constructor(seed: number, stream = 0) {
    if (!Number.isFinite(seed)) throw new RangeError(`SeededRandom: the seed must be a finite number, got ${seed}`);
    const lo = Math.floor(seed) >>> 0;
    const hi = Math.floor(Math.abs(seed) / TWO_POW_32) >>> 0;
    let st = lo ^ Math.imul(hi, 0x27d4eb2d) ^ Math.imul(stream + 1, 0x165667b1);
    let out: number;
    [st, out] = splitmix32(st); this.s0 = out;
    [st, out] = splitmix32(st ^ hi); this.s1 = out;
    [st, out] = splitmix32(st ^ stream); this.s2 = out;
    [st, out] = splitmix32(st); this.s3 = out;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A float64 uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A standard normal draw (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = NaN;
      return v;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log is finite
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** An integer uniform in [0, n). */
  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Fills `out` with uniforms in [0, 1). */
  fillUniform(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A fresh seed when the user gives none (recorded on the network so that a run can be repeated). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
