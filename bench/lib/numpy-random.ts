/**
 * NumPy's legacy `RandomState` (MT19937, `uniform`, polar-method `normal`) in TypeScript, so that
 * benchmark networks drawn here are the same matrices the peer scripts draw with
 * `np.random.RandomState(seed)`. Only what the benchmarks need. `Math.log` may differ from glibc's
 * `log` by one ulp on a few percent of inputs, so normals can differ in their last bit.
 */
export class RandomState {
  readonly #mt = new Uint32Array(624);
  #pos = 624;
  #gauss: number | undefined;

  constructor(seed: number) {
    const mt = this.#mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i, modulo 2^32, without losing bits in float arithmetic
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  /** The next 32-bit output of MT19937. */
  nextU32(): number {
    const mt = this.#mt;
    if (this.#pos >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
        mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.#pos = 0;
    }
    let y = mt[this.#pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) from 53 bits: numpy's `random_sample`. */
  nextDouble(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  uniform(low: number, high: number, n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = low + (high - low) * this.nextDouble();
    return out;
  }

  /** numpy's legacy_gauss: the polar method, caching the second value. */
  gauss(): number {
    if (this.#gauss !== undefined) {
      const g = this.#gauss;
      this.#gauss = undefined;
      return g;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2.0 * this.nextDouble() - 1.0;
      x2 = 2.0 * this.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * Math.log(r2)) / r2);
    this.#gauss = f * x1;
    return f * x2;
  }

  normal(loc: number, scale: number, n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = loc + scale * this.gauss();
    return out;
  }
}
