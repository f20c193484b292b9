import { describe, expect, it } from 'vitest';
import { mulhi32, philox, philox4x32_10 } from '../../src/random/philox.js';

const hex = (w: ArrayLike<number>) => Array.from(w, (x) => (x >>> 0).toString(16).padStart(8, '0')).join(' ');

describe('Philox4x32-10', () => {
  // Random123 kat_vectors (also in TensorFlow's and other ports' test suites).
  it('passes the Random123 known-answer vectors', () => {
    expect(hex(philox([0, 0, 0, 0], [0, 0]))).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
    expect(hex(philox([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff])))
      .toBe('408f276d 41c83b0e a20bc7c6 6d5451fd');
    expect(hex(philox([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])))
      .toBe('d16cfe09 94fdcceb 5001e420 24126ea1');
  });

  it('computes the exact high half of 32x32-bit products (checked against BigInt)', () => {
    const cases = [[0, 0], [1, 1], [0xffffffff, 0xffffffff], [0xd2511f53, 0xffffffff], [0x80000000, 2], [0xcd9e8d57, 0x12345678]];
    let s = 12345;
    for (let i = 0; i < 20000; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0; const a = s;
      s = (Math.imul(s, 1103515245) + 12345) >>> 0; cases.push([a, s]);
    }
    for (const [a, b] of cases) {
      expect(mulhi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
    }
  });

  it('writes into the given array without allocating a new one', () => {
    const out = new Uint32Array(4);
    expect(philox4x32_10(0, 0, 0, 0, 0, 0, out)).toBe(out);
    expect(hex(out)).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
    // Negative or too large inputs are reduced modulo 2^32, like the C uint32_t arguments.
    expect(hex(philox4x32_10(-1, -1, -1, -1, -1, -1, out))).toBe('408f276d 41c83b0e a20bc7c6 6d5451fd');
  });
});
