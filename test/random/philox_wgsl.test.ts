import { describe, expect, it } from 'vitest';
import { PHILOX_WGSL_SOURCE, wgslMulhilo, wgslPhilox, wgslU24 } from '../../src/random/philox_wgsl.js';
import { philox } from '../../src/random/philox.js';
import { uniformF32At } from '../../src/random/draws.js';
import { RandomStream } from '../../src/random/stream.js';

describe('WGSL Philox (JS emulation of the 16-bit-split multiply)', () => {
  it('mulhilo equals the true 64-bit product (BigInt) on edge and random operands', () => {
    const r = new RandomStream(77);
    const cases: [number, number][] = [[0, 0], [0xffffffff, 0xffffffff], [0xd2511f53, 0xffffffff], [0xcd9e8d57, 0x80000000], [0xffff, 0xffff], [0x10000, 0xffff]];
    for (let i = 0; i < 50_000; i++) cases.push([r.nextU32(), r.nextU32()]);
    for (const [a, b] of cases) {
      const p = BigInt(a) * BigInt(b);
      const [hi, lo] = wgslMulhilo(a, b);
      if (hi !== Number(p >> 32n) || lo !== Number(p & 0xffffffffn)) throw new Error(`mulhilo(${a}, ${b})`);
    }
  });

  it('the emulated WGSL Philox passes the Random123 vectors and equals philox.ts', () => {
    expect(wgslPhilox([0, 0, 0, 0], [0, 0]).map((x) => x.toString(16))).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
    const r = new RandomStream(78);
    for (let i = 0; i < 5000; i++) {
      const c = [r.nextU32(), r.nextU32(), r.nextU32(), r.nextU32()], k = [r.nextU32(), r.nextU32()];
      expect(wgslPhilox(c, k)).toEqual(Array.from(philox(c, k)));
    }
  });

  it('the float32 uniform (x >> 8)·2^-24 equals uniformF32At and is exact in f32, in [0, 1)', () => {
    for (let i = 0; i < 2000; i++) {
      const w = wgslPhilox([i, 5, 0, 3], [9, 2]);
      expect(wgslU24(w[0])).toBe(uniformF32At(9, 2, i, 5, 3));
    }
    expect(wgslU24(0xffffffff)).toBe(1 - 2 ** -24);
    expect(wgslU24(0)).toBe(0);
  });

  it('the WGSL source mirrors the layout and constants', () => {
    for (const s of ['0xD2511F53u', '0xCD9E8D57u', '0x9E3779B9u', '0xBB67AE85u', 'fn nrx_mulhilo', 'fn nrx_philox4x32_10',
      '(sub << 16u) | (draw_id & 0xFFFFu)', 'f32(x >> 8u) * 5.9604644775390625e-8']) {
      expect(PHILOX_WGSL_SOURCE).toContain(s);
    }
    // 64-bit types do not exist in WGSL
    const code = PHILOX_WGSL_SOURCE.replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(u64|i64|f64)\b/);
  });
});
