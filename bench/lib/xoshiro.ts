/** The benchmarks' own construction generator (the microcircuit's synapses), apart from the library's Philox streams. */

/**
 * A small seeded generator for the construction draws (xoshiro128**, seeded through splitmix32):
 * fast enough for 10⁹ draws, independent of the library's streams, one stream per block of synapses.
 */
export class Xoshiro128 {
  private a: number; private b: number; private c: number; private d: number;
  private spare = NaN;

  /**
   * @param seed The seed.
   * @param stream Which of the seed's independent streams (default 0): splitmix32 starts from
   * the seed mixed with it, so that blocks drawn in parallel each have their own sequence.
   */
  constructor(seed: number, stream = 0) {
    let s = (seed ^ Math.imul(stream, 0x632be5ab)) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    // Kept as int32 (the same bits): values above 2³¹ would be stored as heap numbers, 4× slower.
    this.a = next() | 0; this.b = next() | 0; this.c = next() | 0; this.d = next() | 0;
  }

  /** A uniform 32-bit unsigned integer. */
  nextU32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a; this.d ^= this.b; this.b ^= this.c; this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** An integer in [0, n) (multiply-shift; bias below n/2³², negligible for n ≤ 10⁵). */
  int(n: number): number {
    return Math.floor((this.nextU32() * n) / 4294967296);
  }

  /** A double in (0, 1) with 53 random bits. */
  uniform(): number {
    return ((this.nextU32() >>> 5) * 67108864 + (this.nextU32() >>> 6) + 0.5) / 9007199254740992;
  }

  /** A standard normal (Marsaglia's polar method on 32-bit uniforms, both values used). */
  normal(): number {
    if (!Number.isNaN(this.spare)) { const z = this.spare; this.spare = NaN; return z; }
    let x: number, y: number, s: number;
    do {
      x = this.nextU32() * 4.656612873077393e-10 - 1;
      y = this.nextU32() * 4.656612873077393e-10 - 1;
      s = x * x + y * y;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = y * f;
    return x * f;
  }
}

/** `x` rotated left by `k` bits, as an int32 (the state stays in small integers, never heap numbers). */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
