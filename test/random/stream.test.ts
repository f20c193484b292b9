import { describe, expect, it } from 'vitest';
import { RandomStream, seedFromTime } from '../../src/random/stream.js';
import { NetworkError } from '../../src/errors.js';
import { philox } from '../../src/random/philox.js';
import { normalPairFromWords, uniformAt } from '../../src/random/draws.js';

describe('RandomStream', () => {
  it('is Philox in counter mode with counter (block, 0, 0xFFFFFFFF, substream) and key (seed, stream)', () => {
    const s = new RandomStream(42, 3);
    const b0 = philox([0, 0, 0xffffffff, 0], [42, 3]);
    const b1 = philox([1, 0, 0xffffffff, 0], [42, 3]);
    expect([s.nextU32(), s.nextU32(), s.nextU32(), s.nextU32(), s.nextU32()]).toEqual([...b0, b1[0]]);
    expect(s.position).toBe(5);
    const t = new RandomStream(42, 3);
    expect(t.uniform()).toBe(((b0[0] >>> 11) * 2 ** 32 + b0[1]) / 2 ** 53);
    const pair = normalPairFromWords(b1[0], b1[1], b1[2], b1[3], new Float64Array(2));
    expect(t.normal()).toBe(pair[0]); // a normal starts a fresh block
    expect(t.normal()).toBe(pair[1]);
  });

  it('never overlaps the per-step draws of the same key', () => {
    const s = new RandomStream(5, 0);
    const host = new Set<number>();
    for (let i = 0; i < 2000; i++) host.add(s.uniform());
    let clash = 0;
    for (let i = 0; i < 2000; i++) if (host.has(uniformAt(5, 0, i, 0, 0))) clash++;
    expect(clash).toBe(0);
  });

  it('is deterministic for a seed; different seeds, streams and children differ', () => {
    const seq = (r: RandomStream) => Array.from({ length: 100 }, () => r.uniform());
    const a = seq(new RandomStream(7, 1));
    expect(seq(new RandomStream(7, 1))).toEqual(a);
    for (const other of [new RandomStream(8, 1), new RandomStream(7, 2), new RandomStream(7, 1).child(0), new RandomStream(7, 1).child('proj')]) {
      const b = seq(other);
      expect(b.filter((x, i) => x === a[i]).length).toBe(0);
    }
    const p = new RandomStream(7, 1);
    expect(seq(p.child('a'))).toEqual(seq(new RandomStream(7, 1).child('a')));
    expect(seq(p.child(1))).not.toEqual(seq(p.child(2)));
    expect(seq(p.child('1'))).not.toEqual(seq(p.child(1)));
    expect(seq(p.child(1).child(1))).not.toEqual(seq(p.child(1)));
    // deriving children does not move the parent
    expect(seq(p)).toEqual(a);
    // seeds are reduced modulo 2^32
    expect(seq(new RandomStream(7 + 2 ** 32, 1))).toEqual(a);
  });

  it('uniform, normal and integer have the right statistics (5 standard errors)', () => {
    const r = new RandomStream(99);
    const N = 100_000;
    let su = 0, sz = 0, szz = 0;
    for (let i = 0; i < N; i++) { su += r.uniform(); const z = r.normal(); sz += z; szz += z * z; }
    expect(Math.abs(su / N - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(sz / N)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(szz / N - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    // integer(n) with n not a power of two: chi-square-like check per bin
    const n = 7, counts = new Array<number>(n).fill(0);
    for (let i = 0; i < N; i++) counts[r.integer(n)]++;
    for (const c of counts) expect(Math.abs(c / N - 1 / n)).toBeLessThan(5 * Math.sqrt((1 / n) * (1 - 1 / n) / N));
    // n above 2^32 still lands in [0, n)
    for (let i = 0; i < 1000; i++) { const v = r.integer(2 ** 40 + 3); expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThan(2 ** 40 + 3); }
    expect(() => r.integer(0)).toThrow(NetworkError);
  });

  it('fillUniform equals successive uniform() calls', () => {
    const a = new RandomStream(3).fillUniform(new Float64Array(50));
    const r = new RandomStream(3);
    expect(Array.from(a)).toEqual(Array.from({ length: 50 }, () => r.uniform()));
  });

  it('choice(n, k) returns k distinct values of [0, n) with uniform inclusion frequencies (both algorithms)', () => {
    for (const [n, k] of [[20, 5], [20, 15], [1000, 10], [10, 10], [10, 0]]) {
      const r = new RandomStream(11, n * 100 + k);
      const trials = 20_000;
      const counts = new Array<number>(n).fill(0);
      for (let t = 0; t < trials; t++) {
        const c = r.choice(n, k);
        if (c.length !== k) throw new Error(`choice(${n}, ${k}) returned ${c.length} values`);
        const sorted = Array.from(c).sort((a, b) => a - b);
        for (let i = 0; i < k; i++) {
          // in range and strictly increasing once sorted: distinct
          if (!(sorted[i] >= 0 && sorted[i] < n && (i === 0 || sorted[i] > sorted[i - 1]))) throw new Error(`bad choice ${sorted}`);
          counts[sorted[i]]++;
        }
      }
      const p = k / n; // inclusion probability of each value
      if (p > 0 && p < 1) for (const c of counts) expect(Math.abs(c / trials - p)).toBeLessThan(5 * Math.sqrt(p * (1 - p) / trials));
      if (p === 1) for (const c of counts) expect(c).toBe(trials);
    }
    expect(() => new RandomStream(1).choice(3, 4)).toThrow(NetworkError);
    expect(() => new RandomStream(1.5)).toThrow(/the seed must be an integer \(used modulo 2\^32\), got 1\.5/);
    expect(new RandomStream(2 ** 32 + 3).seed).toBe(3);
  });

  it('shuffle gives every permutation of 3 elements with probability 1/6', () => {
    const r = new RandomStream(12);
    const counts = new Map<string, number>();
    const N = 60_000;
    for (let i = 0; i < N; i++) { const a = r.shuffle([0, 1, 2]); const key = a.join(''); counts.set(key, (counts.get(key) ?? 0) + 1); }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c / N - 1 / 6)).toBeLessThan(5 * Math.sqrt((1 / 6) * (5 / 6) / N));
    const typed = r.shuffle(Int32Array.from([1, 2, 3, 4, 5]));
    expect(Array.from(typed).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('seedFromTime gives 32-bit seeds that differ between calls', () => {
    const a = seedFromTime(), b = seedFromTime();
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 32).toBe(true);
    expect(a).not.toBe(b);
  });
});
