/**
 * `joinWordsX4` (random-simd.ts): four lanes of `hi · 2^32 + lo + bias` as doubles, the unsigned
 * `lo` converted as the signed `lo ^ 2^31` plus 2^31 + bias. Compared bit for bit with the exact
 * integer (BigInt) on the words where a conversion could go wrong — lo at 0, 1, 2^31 − 1, 2^31,
 * 2^32 − 1; hi at 0 and its extremes, negative ones too (cos2pi's signed reduction) — and on random
 * words, every lane a different value, so that swapped lanes or crossed pairs fail.
 */
import { describe, expect, it } from 'vitest';
import { Code, ModuleWriter } from '../../../src/backends/wasm/encoder.js';
import { Locals } from '../../../src/backends/wasm/fexpr.js';
import { Splats, joinWordsX4 } from '../../../src/backends/wasm/random-simd.js';

/** Words in (hi[0..3] at byte 0, lo[0..3] at 16), doubles out at 32: `join0()` and `join1()` (bias 0 and 1). */
function joinModule(): { hi: Int32Array; lo: Uint32Array; out: Float64Array; join: [() => void, () => void] } {
  const w = new ModuleWriter();
  w.importMemory('env', 'memory', 1);
  for (const bias of [0, 1]) {
    const f = w.declare([], [], `join${bias}`);
    const L = new Locals(0);
    const pro = new Code(), c = new Code();
    const K = new Splats(L, pro);
    const out = [L.add('v128'), L.add('v128')] as const;
    joinWordsX4(c, K, L, (c) => { c.i32(0).vmem('v128.load', 0); }, (c) => { c.i32(0).vmem('v128.load', 16); }, out, bias);
    out.forEach((pair, k) => { c.i32(32).get(pair).vmem('v128.store', 16 * k); });
    pro.bytes.push(...c.bytes);
    w.define(f, L.types, pro);
  }
  const memory = new WebAssembly.Memory({ initial: 1 });
  const e = new WebAssembly.Instance(new WebAssembly.Module(w.emit() as BufferSource), { env: { memory } }).exports;
  return {
    hi: new Int32Array(memory.buffer, 0, 4), lo: new Uint32Array(memory.buffer, 16, 4), out: new Float64Array(memory.buffer, 32, 4),
    join: [e.join0 as () => void, e.join1 as () => void],
  };
}

/** The exact double of hi · 2^32 + lo + bias (an integer of at most 2^53 in magnitude here). */
const exact = (hi: number, lo: number, bias: number) => Number((BigInt(hi) << 32n) + BigInt(lo) + BigInt(bias));

describe('joinWordsX4 (four lanes of words joined into exact doubles)', () => {
  const m = joinModule();
  /** Joins four (hi, lo) lanes with both biases; the first lane that differs from `exact`, or none. */
  const check = (his: readonly number[], los: readonly number[]): string | undefined => {
    for (const bias of [0, 1]) {
      m.hi.set(his); m.lo.set(los); m.out.fill(Number.NaN);
      m.join[bias]();
      for (let l = 0; l < 4; l++) {
        const want = exact(his[l], los[l], bias);
        if (!Object.is(m.out[l], want)) return `bias ${bias} lane ${l}: hi ${his[l]} lo ${los[l]} gave ${m.out[l]}, exact ${want}`;
      }
    }
    return undefined;
  };

  it('is exact on the edge words, each in every lane', () => {
    const LO = [0, 1, 0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff];
    // u53's hi (x0 >>> 11): [0, 2^21); cos2pi's signed (x2 << 2) >> 13: [−2^19, 2^19).
    const HI = [0, 1, 2 ** 21 - 1, 2 ** 19 - 1, -1, -(2 ** 19), -(2 ** 19) + 1];
    let cases = 0;
    for (const hi of HI) for (const lo of LO) for (let lane = 0; lane < 4; lane++) {
      // The case in one lane, distinct others around it.
      const his = [hi, hi, hi, hi].map((h, l) => (l === lane ? h : (h + l + 1) % 2 ** 19));
      const los = [lo, lo, lo, lo].map((x, l) => (l === lane ? x : (x + 977 * (l + 1)) >>> 0));
      expect(check(his, los)).toBeUndefined();
      cases++;
    }
    expect(cases).toBe(HI.length * 8 * 4);
    // (2^21 − 1) · 2^32 + 2^32 − 1 + 1 = 2^53: the largest u1 numerator, exact.
    expect(check([2 ** 21 - 1, 0, 0, 0], [0xffffffff, 0, 0, 0])).toBeUndefined();
  });

  it('is exact on 20 000 groups of random words, lanes kept apart', () => {
    let state = 0x2545f491;
    const next = () => { state ^= state << 13; state ^= state >>> 17; state ^= state << 5; return state >>> 0; };
    for (let k = 0; k < 20000; k++) {
      const signed = k % 2 === 1;
      const his = [0, 1, 2, 3].map(() => (signed ? ((next() << 2) >> 13) : next() >>> 11));
      const los = [0, 1, 2, 3].map(() => next());
      const bad = check(his, los);
      if (bad) expect.fail(bad);
    }
  });

  it('writes each lane\'s double in lane order (a swap of lanes or pairs would not pass)', () => {
    const his = [1, 2, 3, 4], los = [10, 20, 30, 40];
    m.hi.set(his); m.lo.set(los);
    m.join[0]();
    expect([...m.out]).toEqual([0, 1, 2, 3].map((l) => exact(his[l], los[l], 0)));
    expect([...m.out]).not.toEqual([1, 0, 3, 2].map((l) => exact(his[l], los[l], 0)));
  });
});
