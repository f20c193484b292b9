/**
 * NumPy `.npz` archives (what `np.savez` / `np.savez_compressed` write and ANNarchy saves
 * monitors and networks as): a zip file of `.npy` entries named `<key>.npy`. Built on fflate,
 * browser-safe (Uint8Array in and out).
 */
import { checkOptions } from '../core/options.js';
import { zipSync, type Zippable } from 'fflate';
import { readZip } from './zip.js';
import {
  encodeNpy, decodeNpy, NpyFormatError, type NpyArray, type NpyDtype,
} from './npy.js';

/** One array to store: flat C-order data, its shape (default `[data.length]`) and optional dtype. */
export interface NpzEntry {
  data: ArrayLike<number | bigint | boolean>;
  shape?: readonly number[];
  dtype?: NpyDtype;
}

/** Options of {@link encodeNpz}. */
export interface EncodeNpzOptions {
  /**
   * Deflate the entries like `np.savez_compressed`: `true` (level 6) or a level 1–9. Default
   * `false`/0: stored, like `np.savez`, which is fastest and what ANNarchy writes.
   */
  compress?: boolean | number;
}

// A fixed timestamp keeps archives byte-identical across runs (zip stores DOS times from 1980).
const MTIME = new Date(Date.UTC(2000, 0, 1));

/**
 * Encodes arrays as an `.npz` archive. Each key becomes the entry `<key>.npy`, so `np.load(f)[key]`
 * returns it. Throws {@link NpyFormatError} for an invalid entry (shape mismatch, bad dtype).
 */
export function encodeNpz(record: Record<string, NpzEntry>, opts: EncodeNpzOptions = {}): Uint8Array {
  checkOptions(opts, ['compress'] satisfies (keyof EncodeNpzOptions)[], 'encodeNpz()');
  const level = opts.compress === true ? 6 : opts.compress === false || opts.compress === undefined ? 0 : opts.compress;
  if (!Number.isInteger(level) || level < 0 || level > 9) {
    throw new NpyFormatError(`encodeNpz: compress must be a boolean or a level 0–9, got ${String(opts.compress)}`);
  }
  const files: Zippable = {};
  for (const [key, entry] of Object.entries(record)) {
    if (key === '') throw new NpyFormatError('encodeNpz: empty array name');
    let npy: Uint8Array;
    try {
      npy = encodeNpy(entry.data, entry.shape, { dtype: entry.dtype });
    } catch (e) {
      throw new NpyFormatError(`encodeNpz: array '${key}': ${(e as Error).message}`);
    }
    files[`${key}.npy`] = npy;
  }
  return zipSync(files, { level: level as 0 | 6, mtime: MTIME });
}

/**
 * Decodes an `.npz` archive into `{key: {data, shape, dtype}}`; the `.npy` suffix of entry names
 * is removed as `np.load` does. Reads both stored (`np.savez`) and deflated
 * (`np.savez_compressed`) archives. Throws {@link NpyFormatError} for input that is not a zip
 * (or is truncated or corrupt: the structure and the CRC-32 of every entry are verified, see
 * `zip.ts`), and for entries that are not valid `.npy` data.
 */
export function decodeNpz(bytes: Uint8Array): Record<string, NpyArray> {
  let files: Map<string, Uint8Array>;
  try {
    files = readZip(bytes);
  } catch (e) {
    throw new NpyFormatError(`decodeNpz: not a valid .npz (zip) archive: ${(e as Error).message}`);
  }
  const out: Record<string, NpyArray> = {};
  for (const [name, data] of files) {
    const key = name.endsWith('.npy') ? name.slice(0, -4) : name;
    if (key in out) throw new NpyFormatError(`decodeNpz: the archive holds '${key}' twice`);
    out[key] = decodeNpy(data, { name });
  }
  return out;
}
