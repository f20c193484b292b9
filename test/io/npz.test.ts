import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { encodeNpz, decodeNpz } from '../../src/io/npz.js';
import { encodeNpy, NpyFormatError } from '../../src/io/npy.js';
import { crc32 } from '../../src/io/zip.js';

/** The first Python that can import NumPy, or undefined. */
function findNumpyPython(): string | undefined {
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', 'import numpy'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return undefined;
}
const python = findNumpyPython();
if (!python) console.warn('[npz interop] NumPy not found (tried /usr/bin/python3 and python3): skipping the NumPy interoperability tests');

const record = {
  f8: { data: Float64Array.from([0.5, -1, Math.PI, 1e-300, 6, 7]), shape: [2, 3] },
  f4: { data: Float32Array.from([1.5, 2.5, -3.25]), shape: [3] },
  i4: { data: Int32Array.from([1, -2, 2147483647, 4, 5, 6, 7, 8]), shape: [2, 2, 2] },
  i8: { data: BigInt64Array.from([-(2n ** 62n), 3n]), shape: [2] },
  u1: { data: Uint8Array.from([0, 255]), shape: [2] },
  b1: { data: [true, false, true], shape: [3] },
  scalar: { data: [42.0], shape: [] },
};

describe('npz round trips', () => {
  for (const compress of [false, true]) {
    it(`all dtypes, compress=${compress}`, () => {
      const out = decodeNpz(encodeNpz(record, { compress }));
      expect(Object.keys(out).sort()).toEqual(Object.keys(record).sort());
      expect(out.f8!.shape).toEqual([2, 3]);
      expect([...(out.f8!.data as Float64Array)]).toEqual([...record.f8.data]);
      expect(out.f4!.dtype).toBe('<f4');
      expect([...(out.i4!.data as Int32Array)]).toEqual([...record.i4.data]);
      expect(out.i4!.shape).toEqual([2, 2, 2]);
      expect([...(out.i8!.data as BigInt64Array)]).toEqual([...record.i8.data]);
      expect(out.b1!.dtype).toBe('|b1');
      expect([...out.b1!.data]).toEqual([1, 0, 1]);
      expect(out.scalar!.shape).toEqual([]);
      expect(out.scalar!.data[0]).toBe(42);
    });
  }
  it('is deterministic and compression shrinks redundant data', () => {
    const big = { z: { data: new Float64Array(10_000), shape: [100, 100] } };
    expect(encodeNpz(big)).toEqual(encodeNpz(big));
    expect(encodeNpz(big, { compress: true }).length).toBeLessThan(encodeNpz(big).length / 10);
  });
});

describe('npz errors', () => {
  const good = encodeNpz(record);
  it('rejects non-zip and truncated input', () => {
    expect(() => decodeNpz(new TextEncoder().encode('hello, not a zip file at all'))).toThrow(NpyFormatError);
    expect(() => decodeNpz(good.subarray(0, good.length - 30))).toThrow(/not a valid .npz/);
    expect(() => decodeNpz(new Uint8Array(0))).toThrow(NpyFormatError);
  });
  it('rejects corrupt compressed data', () => {
    const zipped = encodeNpz({ a: { data: new Float64Array(1000).map((_, i) => i % 7), shape: [1000] } }, { compress: true });
    const bad = zipped.slice();
    for (let i = 60; i < 120; i++) bad[i] = 0xff; // inside the deflate stream
    expect(() => decodeNpz(bad)).toThrow(NpyFormatError);
  });
  it('names the entry whose npy is corrupt', () => {
    const npy = encodeNpy(Float64Array.from([1, 2, 3]));
    const zip = zipSync({ 'x.npy': npy.subarray(0, npy.length - 8) }, { level: 0 });
    expect(() => decodeNpz(zip)).toThrow(/x\.npy.*truncated/);
  });
  it('reports invalid entries when encoding', () => {
    expect(() => encodeNpz({ w: { data: [1, 2, 3], shape: [2] } })).toThrow(/array 'w'/);
    expect(() => encodeNpz({}, { compress: 12 })).toThrow(/level/);
  });
});

describe.skipIf(!python)('NumPy interoperability', () => {
  it('NumPy reads our npz (stored and deflated)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurarchy-npz-'));
    try {
      writeFileSync(join(dir, 'ours.npz'), encodeNpz(record));
      writeFileSync(join(dir, 'ours_c.npz'), encodeNpz(record, { compress: true }));
      const script = `
import numpy as np, json, sys
out = {}
for name in ['ours.npz', 'ours_c.npz']:
    f = np.load(sys.argv[1] + '/' + name)
    out[name] = {k: {'dtype': f[k].dtype.str, 'shape': list(f[k].shape), 'values': f[k].ravel().tolist()} for k in f.files}
print(json.dumps(out))
`;
      const r = spawnSync(python!, ['-c', script, dir], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const got = JSON.parse(r.stdout) as Record<string, Record<string, { dtype: string; shape: number[]; values: unknown[] }>>;
      for (const file of Object.values(got)) {
        expect(file.f8).toEqual({ dtype: '<f8', shape: [2, 3], values: [...record.f8.data] });
        expect(file.f4).toEqual({ dtype: '<f4', shape: [3], values: [1.5, 2.5, -3.25] });
        expect(file.i4).toEqual({ dtype: '<i4', shape: [2, 2, 2], values: [...record.i4.data] });
        expect(file.i8!.dtype).toBe('<i8');
        expect(file.i8!.values).toEqual([-(2 ** 62), 3]);
        expect(file.u1).toEqual({ dtype: '|u1', shape: [2], values: [0, 255] });
        expect(file.b1).toEqual({ dtype: '|b1', shape: [3], values: [true, false, true] });
        expect(file.scalar).toEqual({ dtype: '<f8', shape: [], values: [42] });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('we read np.savez and np.savez_compressed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurarchy-npz-'));
    try {
      const script = `
import numpy as np, sys
d = sys.argv[1]
arrays = dict(
    f8=np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 7,
    f4=np.array([1.5, -2.5], dtype=np.float32),
    i4=np.array([[1, -2], [3, 4]], dtype=np.int32),
    i8=np.array([2**40, -5], dtype=np.int64),
    u1=np.array([7, 255], dtype=np.uint8),
    b1=np.array([True, False, True]),
    scalar=np.float64(2.5),
    fort=np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)),
)
np.savez(d + '/plain.npz', **arrays)
np.savez_compressed(d + '/compressed.npz', **arrays)
`;
      const r = spawnSync(python!, ['-c', script, dir], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      for (const name of ['plain.npz', 'compressed.npz']) {
        const out = decodeNpz(new Uint8Array(readFileSync(join(dir, name))));
        expect(out.f8!.shape).toEqual([2, 3, 4]);
        expect(out.f8!.dtype).toBe('<f8');
        expect([...(out.f8!.data as Float64Array)]).toEqual(Array.from({ length: 24 }, (_, i) => i / 7));
        expect([...(out.f4!.data as Float32Array)]).toEqual([1.5, -2.5]);
        expect([...(out.i4!.data as Int32Array)]).toEqual([1, -2, 3, 4]);
        expect(out.i4!.shape).toEqual([2, 2]);
        expect([...(out.i8!.data as BigInt64Array)]).toEqual([2n ** 40n, -5n]);
        expect([...out.u1!.data]).toEqual([7, 255]);
        expect(out.b1!.dtype).toBe('|b1');
        expect([...out.b1!.data]).toEqual([1, 0, 1]);
        expect(out.scalar!.shape).toEqual([]);
        expect(out.scalar!.data[0]).toBe(2.5);
        expect([...(out.fort!.data as Float64Array)]).toEqual([0, 1, 2, 3, 4, 5]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the zip layer is verified (io/zip.ts)', () => {
  const bytes = encodeNpz({ a: { data: Float64Array.of(1, 2, 3) }, b: { data: Int32Array.of(7) } });
  it('CRC-32 is the standard one', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
  it('a flipped data byte fails the CRC-32 of its entry', () => {
    const bad = bytes.slice();
    const at = bytes.findIndex((_, i) => bytes[i] === 0 && bytes[i + 6] === 0xf0 && bytes[i + 7] === 0x3f); // 1.0 as <f8
    expect(at).toBeGreaterThan(0);
    bad[at + 6]! ^= 0x10;
    expect(() => decodeNpz(bad)).toThrow(/entry 'a\.npy': CRC-32 mismatch/);
  });
  it('a zip comment is fine, trailing garbage is not', () => {
    const comment = new TextEncoder().encode('saved by a test');
    const withComment = new Uint8Array(bytes.length + comment.length);
    withComment.set(bytes);
    withComment.set(comment, bytes.length);
    new DataView(withComment.buffer).setUint16(bytes.length - 2, comment.length, true);
    expect(Array.from(decodeNpz(withComment).a!.data as Float64Array)).toEqual([1, 2, 3]);
    const trailing = new Uint8Array(bytes.length + 3);
    trailing.set(bytes);
    expect(() => decodeNpz(trailing)).toThrow(/no end-of-central-directory record/);
  });
  it('the local header must name the entry of the central directory', () => {
    const bad = bytes.slice();
    bad[30]! ^= 0x20; // first byte of the first local name: 'a' → 'A'
    expect(() => decodeNpz(bad)).toThrow(/entry 'a\.npy': the local header names another entry/);
  });
  it('an archive that holds a name twice is refused', () => {
    const twice = zipSync({ 'x.npy': encodeNpy([1]), 'x': encodeNpy([2]) });
    expect(() => decodeNpz(twice)).toThrow(/holds 'x' twice/);
  });
  it('an impossible deflated size is refused before allocating', () => {
    const z = encodeNpz({ a: { data: new Float64Array(1000) } }, { compress: true });
    // central directory entry: uncompressed size at +24
    const cen = z.findIndex((_, i) => z[i] === 0x50 && z[i + 1] === 0x4b && z[i + 2] === 1 && z[i + 3] === 2);
    const bad = z.slice();
    new DataView(bad.buffer).setUint32(cen + 24, 0x7fffffff, true);
    expect(() => decodeNpz(bad)).toThrow(/disagree \(sizes\)/);
    new DataView(bad.buffer).setUint32(22, 0x7fffffff, true); // the local header's too
    expect(() => decodeNpz(bad)).toThrow(/declared size 2147483647 is impossible for \d+ deflated bytes/);
  });
});
