/**
 * Sequential host-side random streams for building networks (connectors, initial values, weights,
 * delays): Philox4x32-10 in counter mode, so a stream is a pure function of
 * `(seed, stream id, substream)` and its position, and streams never overlap the per-step draws of
 * `draws.ts`.
 *
 * Counter layout of a host stream: key = (seed mod 2^32, streamId mod 2^32),
 * counter = (block mod 2^32, floor(block / 2^32), 0xFFFFFFFF, substream). Counter word 2 is
 * 0xFFFFFFFF, a value the per-step draws (word 2 = floor(step / 2^32) with step < 2^53) never
 * take. Each block yields four 32-bit words, consumed in order.
 */
import type { RandomSource } from './types.js';
import { NetworkError } from '../errors.js';
import { philox4x32_10 } from './philox.js';
import { normalPairFromWords, u53 } from './draws.js';

const TWO32 = 4294967296;
/** Counter word 2 of host streams: out of reach of the per-step counters. */
const HOST_WORD2 = 0xffffffff;
/** Counter word 2 used to derive child substream ids (also out of reach of per-step draws). */
const CHILD_WORD2 = 0xfffffffe;

/** FNV-1a over the UTF-16 code units of a name: turns child names into 32-bit ids. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The consumption rules of a stream of Philox blocks, whatever counter names the blocks (implements
 * {@link RandomSource}): `uniform()` takes two words (53-bit formula of `draws.ts`), `integer(n)` one
 * word per try (rejection, unbiased) for n ≤ 2^32, `normal()` takes a whole block (four words,
 * realigned to a block boundary) and returns its two Box–Muller normals on successive calls.
 * Subclasses say which counter block `b` is ({@link BlockStream.fillBlock}).
 */
export abstract class BlockStream implements RandomSource {
  /** The next block to draw. */
  protected block = 0;
  /** The words of the current block. */
  protected readonly buf = new Uint32Array(4);
  /** Words of `buf` used (4: none left). */
  protected pos = 4;
  /** The second normal of a Box–Muller pair, NaN when none is pending. */
  protected spare = NaN;
  readonly #pair = new Float64Array(2);

  /** Writes block `b` of this stream (Philox of its counter) into `out`. */
  protected abstract fillBlock(b: number, out: Uint32Array): void;

  /** Back to the first word of the stream. */
  protected rewind(): void {
    this.block = 0;
    this.pos = 4;
    this.spare = NaN;
  }

  protected refill(): void {
    this.fillBlock(this.block++, this.buf);
    this.pos = 0;
  }

  /** The next unsigned 32-bit word. */
  nextU32(): number {
    if (this.pos >= 4) this.refill();
    return this.buf[this.pos++];
  }

  /** A float64 uniform in [0, 1) with 53 random bits (two words). */
  uniform(): number {
    const hi = this.nextU32();
    return u53(hi, this.nextU32());
  }

  /**
   * A standard normal: Box–Muller on one fresh block (the formula of `draws.ts`, bit-identical to
   * `normalPairAt` on the same words); the second value is kept for the next call.
   */
  normal(): number {
    if (!Number.isNaN(this.spare)) { const z = this.spare; this.spare = NaN; return z; }
    this.refill();
    this.pos = 4;
    const b = this.buf;
    normalPairFromWords(b[0], b[1], b[2], b[3], this.#pair);
    this.spare = this.#pair[1];
    return this.#pair[0];
  }

  /**
   * An integer uniform in [0, n), unbiased. For n ≤ 2^32: rejection on one word
   * (x < 2^32 − (2^32 mod n), then x mod n). Larger n (up to 2^53): floor(uniform() · n).
   */
  integer(n: number): number {
    if (!(n >= 1) || !Number.isFinite(n)) throw new NetworkError(`RandomStream.integer: n must be >= 1, got ${n}`);
    n = Math.floor(n);
    if (n <= TWO32) {
      const limit = TWO32 - (TWO32 % n);
      let x = this.nextU32();
      while (x >= limit) x = this.nextU32();
      return x % n;
    }
    const v = Math.floor(this.uniform() * n);
    return v >= n ? n - 1 : v;
  }

  /** Fills `out` with uniforms in [0, 1) (the same values as successive `uniform()` calls). */
  fillUniform(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
    return out;
  }

  /** Fills `out` with standard normals (the same values as successive `normal()` calls). */
  fillNormal(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }
}

/**
 * A deterministic, sequential random stream (see {@link BlockStream} for how draws consume it).
 * Counter of block b: (b mod 2^32, floor(b / 2^32), 0xFFFFFFFF, substream), key (seed, stream id).
 */
export class RandomStream extends BlockStream {
  /** The seed (reduced to an unsigned 32-bit integer). */
  readonly seed: number;
  /** The stream id: key word 1 (e.g. a population or projection id). */
  readonly streamId: number;
  /** The substream: counter word 3; 0 for a root stream, derived by {@link RandomStream.child}. */
  readonly substream: number;

  /**
   * @param seed any integer up to 2^53 in magnitude; reduced modulo 2^32 (a fraction is refused: 1.5 would give the stream of 1).
   * @param streamId the stream id (modulo 2^32); streams of one seed are independent.
   * @param substream counter word 3 (normally left at 0; children get derived values).
   */
  constructor(seed: number, streamId = 0, substream = 0) {
    super();
    if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new NetworkError(`RandomStream: the seed must be an integer (used modulo 2^32), got ${typeof seed === 'number' ? seed : typeof seed}`);
    this.seed = seed >>> 0;
    this.streamId = Math.trunc(streamId) >>> 0;
    this.substream = Math.trunc(substream) >>> 0;
  }

  protected fillBlock(b: number, out: Uint32Array): void {
    philox4x32_10(b >>> 0, Math.floor(b / TWO32) >>> 0, HOST_WORD2, this.substream, this.seed, this.streamId, out);
  }

  /** Number of 32-bit words consumed so far (position in the stream). */
  get position(): number {
    return this.block * 4 - (4 - this.pos);
  }

  /**
   * Where the stream is: the next block, the words used of the current one, and a pending second
   * normal of a Box–Muller pair (NaN when none). Saved with a network so that a reloaded one draws
   * exactly what the original would have drawn next.
   */
  getState(): { block: number; pos: number; spare: number } {
    return { block: this.block, pos: this.pos, spare: this.spare };
  }

  /** Returns to a state from {@link getState} (of a stream with the same seed, id and substream). */
  setState(s: { block: number; pos: number; spare: number }): void {
    if (!Number.isSafeInteger(s.block) || s.block < 0 || !Number.isInteger(s.pos) || s.pos < 0 || s.pos > 4 || (s.pos < 4 && s.block === 0)) {
      throw new NetworkError(`RandomStream.setState: not a stream state (block ${s.block}, word ${s.pos})`);
    }
    if (s.pos < 4) { this.block = s.block - 1; this.refill(); }
    this.block = s.block;
    this.pos = s.pos;
    this.spare = s.spare;
  }

  /**
   * Shuffles `a` in place (Fisher–Yates, `a.length − 1` calls to `integer`); every permutation is
   * equally likely.
   *
   * @returns `a`.
   */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  /**
   * `k` distinct integers of [0, n), every k-subset equally likely (sampling without replacement,
   * as `fixed_number_pre` needs). When k > n/4, a partial Fisher–Yates over [0, n) (O(n) memory,
   * the result in random order); otherwise Robert Floyd's algorithm (O(k) memory; the order of the
   * result is not uniformly random — sort it or shuffle it if that matters).
   */
  choice(n: number, k: number): Int32Array {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new NetworkError(`RandomStream.choice: n must be an integer in [0, 2^31), got ${n}`);
    if (!Number.isInteger(k) || k < 0 || k > n) throw new NetworkError(`RandomStream.choice: cannot choose ${k} of ${n} without replacement`);
    const out = new Int32Array(k);
    if (k * 4 > n) {
      const all = new Int32Array(n);
      for (let i = 0; i < n; i++) all[i] = i;
      for (let i = 0; i < k; i++) {
        const j = i + this.integer(n - i);
        const t = all[i]; all[i] = all[j]; all[j] = t;
        out[i] = all[i];
      }
      return out;
    }
    const seen = new Set<number>();
    let m = 0;
    for (let j = n - k; j < n; j++) {
      const t = this.integer(j + 1);
      const v = seen.has(t) ? j : t;
      seen.add(v);
      out[m++] = v;
    }
    return out;
  }

  /**
   * An independent child stream, named by a number or a string (e.g. a projection's name). The
   * child keeps the key (seed, streamId) and gets substream = first word of
   * Philox(counter = (substream, id, 0xFFFFFFFE, 0), key): children of one parent differ unless
   * two 32-bit derived ids collide (probability 2^-32 per pair). Deriving a child does not move the
   * parent's position.
   */
  child(id: number | string): RandomStream {
    const h = typeof id === 'string' ? hashName(id) : Math.trunc(id) >>> 0;
    const w = philox4x32_10(this.substream, h, CHILD_WORD2, typeof id === 'string' ? 1 : 0, this.seed, this.streamId, new Uint32Array(4));
    return new RandomStream(this.seed, this.streamId, w[0]);
  }
}

let seedCounter = 0;

/**
 * A 32-bit seed from the clock, for networks created without a seed (ANNarchy then seeds from
 * time too). Mixes `Date.now()`, the high-resolution timer and a call counter through Philox, so
 * two calls in the same millisecond still differ.
 */
export function seedFromTime(): number {
  const now = Date.now();
  const hr = typeof performance !== 'undefined' ? performance.now() : 0;
  const w = philox4x32_10(now >>> 0, Math.floor(now / TWO32) >>> 0, Math.floor(hr * 1e6) >>> 0, seedCounter++, 0x5eed, 0x7153, new Uint32Array(4));
  return w[0];
}
