/**
 * A strict zip reader for `.npz` archives (browser-safe). fflate's `unzipSync` neither verifies the
 * CRC-32 of an entry nor checks that the central directory and the local headers agree, so a
 * flipped byte in a saved network loaded as silently changed values. This reader checks every
 * structure it relies on and the CRC-32 of every entry, and bounds every size before allocating;
 * inflating deflated entries is still fflate's.
 *
 * Supported: stored (method 0) and deflated (method 8) entries, zip64 sizes and offsets (NumPy's
 * `np.savez` writes local headers with zip64 extra fields), data descriptors (flag bit 3: the
 * central directory's sizes and CRC are used). Refused: encryption, multi-disk archives, other
 * compression methods.
 */
import { inflateSync } from 'fflate';
import { NpyFormatError } from './npy.js';

/** A structural problem of the archive; `entry` names the entry when there is one. */
export class ZipError extends NpyFormatError {
  override name = 'ZipError';
  constructor(message: string, readonly entry?: string) { super(entry === undefined ? message : `entry '${entry}': ${message}`); }
}

const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (ISO 3309, the zip and PNG one) of `data`, as an unsigned number. */
export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const EOCD = 0x06054b50, CEN = 0x02014b50, LOC = 0x04034b50, EOCD64 = 0x06064b50, LOC64 = 0x07064b50;
const MAX32 = 0xffffffff;
/** Deflate cannot compress better than about 1032:1; a larger declared size is corrupt. */
const MAX_RATIO = 1032;

interface Central { name: string; nameBytes: Uint8Array; flags: number; method: number; crc: number; csize: number; usize: number; offset: number }

/**
 * Reads every file entry of a zip archive, verifying structure and CRC-32. Directory entries
 * (names ending in `/`) are skipped. Throws {@link ZipError} on anything inconsistent.
 */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  const u16 = (o: number) => v.getUint16(o, true);
  const u32 = (o: number) => v.getUint32(o, true);
  const u64 = (o: number) => {
    const x = v.getBigUint64(o, true);
    if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError(`a zip64 size or offset (${x}) is out of range`);
    return Number(x);
  };

  // End of central directory: the last signature whose comment reaches exactly the end of the file.
  let eocd = -1;
  for (let p = len - 22; p >= Math.max(0, len - 22 - 0xffff); p--) {
    if (u32(p) === EOCD && p + 22 + u16(p + 20) === len) { eocd = p; break; }
  }
  if (eocd < 0) throw new ZipError(len < 22 ? `${len} bytes: too short to be a zip archive` : 'no end-of-central-directory record (truncated, or not a zip archive)');
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw new ZipError('multi-disk archives are not supported');
  let count = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  let cdEnd = eocd;
  if (u16(eocd + 8) !== count) throw new ZipError('the end-of-central-directory record has inconsistent entry counts');
  if (count === 0xffff || cdSize === MAX32 || cdOffset === MAX32) {
    const loc = eocd - 20;
    if (loc < 0 || u32(loc) !== LOC64) throw new ZipError('zip64 archive without its zip64 end-of-central-directory locator');
    const rec = u64(loc + 8);
    if (rec + 56 > loc || u32(rec) !== EOCD64) throw new ZipError('the zip64 end-of-central-directory record is missing or misplaced');
    count = u64(rec + 32);
    cdSize = u64(rec + 40);
    cdOffset = u64(rec + 48);
    cdEnd = rec;
  }
  if (cdOffset + cdSize !== cdEnd) throw new ZipError(`the central directory (offset ${cdOffset}, ${cdSize} bytes) does not end where the end record starts (${cdEnd})`);

  const entries: Central[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdEnd || u32(p) !== CEN) throw new ZipError(`central directory entry ${i} is missing or damaged`);
    const nameLen = u16(p + 28), extraLen = u16(p + 30), commentLen = u16(p + 32);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > cdEnd) throw new ZipError(`central directory entry ${i} runs past the directory`);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = new TextDecoder().decode(nameBytes);
    let usize = u32(p + 24), csize = u32(p + 20), offset = u32(p + 42);
    if (usize === MAX32 || csize === MAX32 || offset === MAX32) {
      const z = findExtra(v, p + 46 + nameLen, extraLen, 1);
      if (!z) throw new ZipError('zip64 sizes without a zip64 extra field', name);
      let q = z.start;
      const take = () => { if (q + 8 > z.end) throw new ZipError('zip64 extra field too short', name); const x = u64(q); q += 8; return x; };
      if (usize === MAX32) usize = take();
      if (csize === MAX32) csize = take();
      if (offset === MAX32) offset = take();
    }
    if (u16(p + 34) !== 0 && u16(p + 34) !== 0xffff) throw new ZipError('multi-disk archives are not supported', name);
    entries.push({ name, nameBytes, flags: u16(p + 8), method: u16(p + 10), crc: u32(p + 16), csize, usize, offset });
    p = next;
  }
  if (p !== cdEnd) throw new ZipError(`the central directory holds ${cdEnd - p} bytes beyond its ${count} entries`);

  const out = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (out.has(e.name)) throw new ZipError('the archive holds this entry twice', e.name);
    if (e.flags & 1) throw new ZipError('encrypted entries are not supported', e.name);
    if (e.method !== 0 && e.method !== 8) throw new ZipError(`compression method ${e.method} is not supported (stored or deflated only)`, e.name);
    const h = e.offset;
    if (h + 30 > cdOffset || u32(h) !== LOC) throw new ZipError(`no local header at offset ${h}`, e.name);
    const nameLen = u16(h + 26), extraLen = u16(h + 28);
    const start = h + 30 + nameLen + extraLen;
    if (nameLen !== e.nameBytes.length || !e.nameBytes.every((b, i) => bytes[h + 30 + i] === b)) throw new ZipError('the local header names another entry', e.name);
    if (u16(h + 6) !== e.flags || u16(h + 8) !== e.method) throw new ZipError('the local header and the central directory disagree (flags or method)', e.name);
    if (!(e.flags & 8)) {
      const lc = u32(h + 18), lu = u32(h + 22);
      if (u32(h + 14) !== e.crc) throw new ZipError('the local header and the central directory disagree (CRC-32)', e.name);
      if ((lc !== MAX32 && lc !== e.csize) || (lu !== MAX32 && lu !== e.usize)) throw new ZipError('the local header and the central directory disagree (sizes)', e.name);
    }
    if (start + e.csize > cdOffset) throw new ZipError(`the data (${e.csize} bytes at offset ${start}) run past the end of the entries`, e.name);
    const raw = bytes.subarray(start, start + e.csize);
    let data: Uint8Array;
    if (e.method === 0) {
      if (e.csize !== e.usize) throw new ZipError(`a stored entry has ${e.csize} bytes stored but ${e.usize} declared`, e.name);
      data = raw;
    } else {
      if (e.usize > e.csize * MAX_RATIO + 64) throw new ZipError(`declared size ${e.usize} is impossible for ${e.csize} deflated bytes`, e.name);
      try {
        data = inflateSync(raw, { out: new Uint8Array(e.usize) });
      } catch (err) {
        throw new ZipError(`the deflated data are corrupt (${(err as Error).message})`, e.name);
      }
      if (data.length !== e.usize) throw new ZipError(`inflated to ${data.length} bytes, ${e.usize} declared`, e.name);
    }
    const c = crc32(data);
    if (c !== e.crc) throw new ZipError(`CRC-32 mismatch (stored ${hex(e.crc)}, data ${hex(c)}): the file is corrupt`, e.name);
    if (!e.name.endsWith('/')) out.set(e.name, data);
  }
  return out;
}

function hex(x: number): string { return `0x${x.toString(16).padStart(8, '0')}`; }

/** The extra field `id` inside `[from, from + length)`, as a byte range. */
function findExtra(v: DataView, from: number, length: number, id: number): { start: number; end: number } | undefined {
  let q = from;
  const end = from + length;
  while (q + 4 <= end) {
    const tag = v.getUint16(q, true), size = v.getUint16(q + 2, true);
    if (q + 4 + size > end) return undefined;
    if (tag === id) return { start: q + 4, end: q + 4 + size };
    q += 4 + size;
  }
  return undefined;
}
