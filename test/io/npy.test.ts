import { describe, expect, it } from 'vitest';
import { encodeNpy, decodeNpy, NpyFormatError, type NpyDtype } from '../../src/io/npy.js';

function headerText(bytes: Uint8Array): string {
  const len = bytes[8]! | (bytes[9]! << 8);
  return new TextDecoder('latin1').decode(bytes.subarray(10, 10 + len));
}

const samples: [NpyDtype, ArrayLike<number | bigint | boolean>, (a: ArrayLike<unknown>) => unknown[]][] = [
  ['<f8', Float64Array.from([1.5, -2.25, Math.PI, 1e300, -0, Infinity]), (a) => [...(a as Float64Array)]],
  ['<f4', Float32Array.from([1.5, -2.25, 3.1415927, 0, 1e-30, -7]), (a) => [...(a as Float32Array)]],
  ['<i4', Int32Array.from([0, -1, 2147483647, -2147483648, 42, 7]), (a) => [...(a as Int32Array)]],
  ['<i8', BigInt64Array.from([0n, -1n, 9007199254740993n, -(2n ** 63n), 2n ** 63n - 1n, 5n]), (a) => [...(a as BigInt64Array)]],
  ['|u1', Uint8Array.from([0, 1, 127, 128, 255, 9]), (a) => [...(a as Uint8Array)]],
  ['|b1', [true, false, false, true, true, false], (a) => [...(a as Uint8Array)].map(Boolean)],
];

describe('npy round trips', () => {
  for (const [dtype, data, read] of samples) {
    for (const shape of [[6], [1, 2, 3], [3, 2]]) {
      it(`${dtype} shape (${shape.join(',')})`, () => {
        const bytes = encodeNpy(data, shape);
        const out = decodeNpy(bytes);
        expect(out.dtype).toBe(dtype);
        expect(out.shape).toEqual(shape);
        expect(read(out.data)).toEqual(read(data as ArrayLike<unknown>).map((v) => v));
      });
    }
    it(`${dtype} scalar ()`, () => {
      const out = decodeNpy(encodeNpy([data[0]!] as ArrayLike<number>, [], { dtype }));
      expect(out.shape).toEqual([]);
      expect(out.data.length).toBe(1);
    });
  }

  it('header is 64-byte aligned, ends with a newline, and uses Python tuple syntax', () => {
    for (const shape of [[], [4], [2, 2], [1, 1, 1, 4]]) {
      const bytes = encodeNpy(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape);
      const len = bytes[8]! | (bytes[9]! << 8);
      expect((10 + len) % 64).toBe(0);
      const h = headerText(bytes);
      expect(h.endsWith('\n')).toBe(true);
      const expected = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
      expect(h).toContain(`'shape': ${expected}`);
      expect(h).toContain(`'fortran_order': False`);
    }
  });

  it('empty arrays and zero dimensions', () => {
    const out = decodeNpy(encodeNpy(new Float64Array(0), [0, 3]));
    expect(out.shape).toEqual([0, 3]);
    expect(out.data.length).toBe(0);
  });

  it('number[] defaults to <f8; integers can be written as <i8', () => {
    expect(decodeNpy(encodeNpy([1, 2, 3])).dtype).toBe('<f8');
    const out = decodeNpy(encodeNpy([1, -2, 3], [3], { dtype: '<i8' }));
    expect([...(out.data as BigInt64Array)]).toEqual([1n, -2n, 3n]);
  });

  it('decodes from an unaligned offset', () => {
    const bytes = encodeNpy(Float64Array.from([1, 2, 3]));
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect([...(decodeNpy(padded.subarray(3)).data as Float64Array)]).toEqual([1, 2, 3]);
  });
});

describe('npy errors', () => {
  const good = encodeNpy(Float64Array.from([1, 2, 3, 4]), [2, 2]);
  it('bad magic', () => {
    const bad = good.slice();
    bad[1] = 0;
    expect(() => decodeNpy(bad)).toThrow(/bad magic/);
    expect(() => decodeNpy(new Uint8Array(3))).toThrow(NpyFormatError);
  });
  it('header length beyond data', () => {
    expect(() => decodeNpy(good.subarray(0, 40))).toThrow(/header length/);
  });
  it('data shorter than shape × itemsize', () => {
    expect(() => decodeNpy(good.subarray(0, good.length - 1))).toThrow(/truncated.*needs 32 bytes, found 31/);
  });
  it('unsupported dtype and malformed header', () => {
    const text = "{'descr': '<U5', 'fortran_order': False, 'shape': (1,), }";
    const bytes = new Uint8Array(64 + 20);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 54, 0]);
    bytes.set(new TextEncoder().encode(text.slice(0, 53) + '\n'), 10);
    // a header cut short (no closing brace) is malformed, not guessed at
    expect(() => decodeNpy(bytes)).toThrow(/malformed header/);
    const long = new Uint8Array(128 + 20);
    long.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 118, 0]);
    long.set(new TextEncoder().encode(text.padEnd(117) + '\n'), 10);
    expect(() => decodeNpy(long)).toThrow(/unsupported dtype '<U5'/);
    bytes.set(new TextEncoder().encode('{garbage'.padEnd(53) + '\n'), 10);
    expect(() => decodeNpy(bytes)).toThrow(/malformed header/);
  });
  it('encoding mismatches', () => {
    expect(() => encodeNpy([1, 2, 3], [2, 2])).toThrow(/holds 4 elements but the data have 3/);
    expect(() => encodeNpy([1.5], [1], { dtype: '<i4' })).toThrow(/does not fit/);
    expect(() => encodeNpy([256], [1], { dtype: '|u1' })).toThrow(/does not fit/);
    expect(() => encodeNpy([1], [-1])).toThrow(/invalid dimension/);
  });
});

describe('npy reading other layouts', () => {
  function handMade(descr: string, fortran: boolean, shape: string, payload: Uint8Array): Uint8Array {
    const header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shape}, }`.padEnd(117) + '\n';
    const out = new Uint8Array(128 + payload.length);
    out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]);
    out.set(new TextEncoder().encode(header), 10);
    out.set(payload, 128);
    return out;
  }
  it('big-endian data', () => {
    const payload = new Uint8Array(16);
    const v = new DataView(payload.buffer);
    v.setFloat64(0, 1.25, false);
    v.setFloat64(8, -3, false);
    const out = decodeNpy(handMade('>f8', false, '(2,)', payload));
    expect([...(out.data as Float64Array)]).toEqual([1.25, -3]);
    expect(out.dtype).toBe('<f8');
  });
  it('Fortran order is transposed to C order', () => {
    // 2×3 matrix [[0,1,2],[3,4,5]] stored column-major: 0,3,1,4,2,5
    const payload = new Uint8Array(Int32Array.from([0, 3, 1, 4, 2, 5]).buffer);
    const out = decodeNpy(handMade('<i4', true, '(2, 3)', payload));
    expect([...(out.data as Int32Array)]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(out.shape).toEqual([2, 3]);
  });
});

describe('npy headers are read strictly', () => {
  const good = encodeNpy(Float64Array.of(1, 2, 3));
  const header = (b: Uint8Array) => new TextDecoder('latin1').decode(b.subarray(10, 10 + (b[8]! | (b[9]! << 8))));
  const withHeader = (text: string) => {
    const b = good.slice();
    const h = header(good);
    expect(text.length, 'same header length').toBe(h.length);
    b.set(new TextEncoder().encode(text), 10);
    return b;
  };
  it('reads its own header', () => {
    expect(header(good)).toMatch(/^\{'descr': '<f8', 'fortran_order': False, 'shape': \(3,\), \} +\n$/);
    expect(Array.from(decodeNpy(good).data as Float64Array)).toEqual([1, 2, 3]);
  });
  it.each([
    ["'descr': '<f8'", "'descx': '<f8'", /keys/],
    ["False", "Fals ", /malformed header/],
    ["(3,)", "(3.)", /malformed header/],
    ["(3,), }", "(1e1,)}", /malformed header/],
    ["(3,), }", "(-3,) }", /malformed header/],
    ["(3,)", "(4,)", /data truncated/],
    ["(3,)", "(2,)", /data longer than the shape/],
    ["(3,)", "(3) ", /trailing comma/],
    ["'<f8'", "'<f7'", /unsupported dtype/],
  ])('%s changed to %s is refused', (from, to, message) => {
    expect(() => decodeNpy(withHeader(header(good).replace(from, to)))).toThrow(message);
  });
  it('a header without its final newline is refused', () => {
    const h = header(good);
    expect(() => decodeNpy(withHeader(h.slice(0, -1) + ' '))).toThrow(/newline/);
  });
});
