/**
 * NumPy `.npy` codec (format 1.0 written; 1.0, 2.0 and 3.0 read), browser-safe: bytes in, bytes out.
 *
 * Layout: magic `\x93NUMPY`, major/minor version bytes, header length (u16 LE for 1.0, u32 LE for
 * 2.0/3.0), an ASCII Python dict `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`
 * padded with spaces and a final `\n` so that the data start at a multiple of 64 bytes, then the raw
 * data in C order.
 */
import { NeurarchyError } from '../errors.js';

/** A malformed, truncated or unsupported `.npy`/`.npz` file, or data that cannot be encoded. */
export class NpyFormatError extends NeurarchyError {
  /** `'NpyFormatError'`, the class's name (also in the message's first line when printed). */
  override name = 'NpyFormatError';
}

/** The dtypes written by {@link encodeNpy}. */
export type NpyDtype = '<f8' | '<f4' | '<i4' | '<i8' | '|u1' | '|b1';

/** Typed arrays the codec reads into and writes from. */
export type NpyData =
  | Float64Array | Float32Array | Int32Array | BigInt64Array | Uint8Array
  | Int8Array | Int16Array | Uint16Array | Uint32Array | BigUint64Array;

/** A decoded array: flat data in C order, its shape and its (normalised, little-endian) dtype. */
export interface NpyArray {
  /** The values, flat in C (row-major) order. */
  data: NpyData;
  /** The array's shape (`[]` for a scalar). */
  shape: number[];
  /** Dtype as NumPy writes it on a little-endian machine (e.g. `'<f8'`, `'|b1'`). */
  dtype: string;
}

interface Kind {
  size: number;
  make: (n: number) => NpyData;
  /** Reads one element at `offset` (used only for big-endian input). */
  get?: (v: DataView, offset: number, little: boolean) => number | bigint;
}

// Element types keyed by kind + size; '|b1' decodes to 0/1 bytes in a Uint8Array.
const KINDS: Record<string, Kind> = {
  f8: { size: 8, make: (n) => new Float64Array(n), get: (v, o, l) => v.getFloat64(o, l) },
  f4: { size: 4, make: (n) => new Float32Array(n), get: (v, o, l) => v.getFloat32(o, l) },
  i8: { size: 8, make: (n) => new BigInt64Array(n), get: (v, o, l) => v.getBigInt64(o, l) },
  u8: { size: 8, make: (n) => new BigUint64Array(n), get: (v, o, l) => v.getBigUint64(o, l) },
  i4: { size: 4, make: (n) => new Int32Array(n), get: (v, o, l) => v.getInt32(o, l) },
  u4: { size: 4, make: (n) => new Uint32Array(n), get: (v, o, l) => v.getUint32(o, l) },
  i2: { size: 2, make: (n) => new Int16Array(n), get: (v, o, l) => v.getInt16(o, l) },
  u2: { size: 2, make: (n) => new Uint16Array(n), get: (v, o, l) => v.getUint16(o, l) },
  i1: { size: 1, make: (n) => new Int8Array(n) },
  u1: { size: 1, make: (n) => new Uint8Array(n) },
  b1: { size: 1, make: (n) => new Uint8Array(n) },
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Options of {@link encodeNpy}. */
export interface EncodeNpyOptions {
  /**
   * Dtype to write. Default: from the typed array (Float64Array → `<f8`, Float32Array → `<f4`,
   * Int32Array → `<i4`, BigInt64Array → `<i8`, Uint8Array → `|u1`), `<f8` for `number[]`,
   * `|b1` for `boolean[]`. Set `'|b1'` to write a Uint8Array as booleans, or `'<i8'` to write
   * integer numbers as int64.
   */
  dtype?: NpyDtype;
}

function defaultDtype(data: ArrayLike<number | bigint | boolean>): NpyDtype {
  if (data instanceof Float64Array) return '<f8';
  if (data instanceof Float32Array) return '<f4';
  if (data instanceof Int32Array) return '<i4';
  if (data instanceof BigInt64Array) return '<i8';
  if (data instanceof Uint8Array) return '|u1';
  if (data.length > 0 && typeof data[0] === 'boolean') return '|b1';
  if (ArrayBuffer.isView(data)) {
    throw new NpyFormatError(`encodeNpy: ${data.constructor.name} has no default dtype; pass { dtype }`);
  }
  return '<f8';
}

function checkShape(shape: readonly number[], where: string): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new NpyFormatError(`${where}: invalid dimension ${d} in shape (${shape.join(', ')})`);
    n *= d;
  }
  return n;
}

function pythonShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * Encodes a flat C-order array as `.npy` (format 1.0, or 2.0 if the header exceeds 64 KiB).
 * `shape` defaults to `[data.length]`; `[]` writes a scalar (one element). Throws
 * {@link NpyFormatError} when the element count does not match the shape or a value does not fit
 * the dtype (non-integers or out-of-range values for `<i4`/`<i8`/`|u1`).
 */
export function encodeNpy(
  data: ArrayLike<number | bigint | boolean>, shape?: readonly number[], opts: EncodeNpyOptions = {},
): Uint8Array {
  const dims = shape ? [...shape] : [data.length];
  const n = checkShape(dims, 'encodeNpy');
  if (n !== data.length) {
    throw new NpyFormatError(`encodeNpy: shape ${pythonShape(dims)} holds ${n} elements but the data have ${data.length}`);
  }
  const dtype = opts.dtype ?? defaultDtype(data);
  const kind = KINDS[dtype.slice(1)];
  if (!kind || !['<f8', '<f4', '<i4', '<i8', '|u1', '|b1'].includes(dtype)) {
    throw new NpyFormatError(`encodeNpy: unsupported dtype '${dtype}' (use <f8 <f4 <i4 <i8 |u1 |b1)`);
  }
  let header = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${pythonShape(dims)}, }`;
  let lenBytes = 2;
  let pre = 10;
  if (header.length + 1 + pre > 0xffff) { lenBytes = 4; pre = 12; }
  const total = Math.ceil((pre + header.length + 1) / 64) * 64;
  header = header.padEnd(total - pre - 1, ' ') + '\n';

  const out = new Uint8Array(total + n * kind.size);
  out.set(MAGIC, 0);
  out[6] = lenBytes === 2 ? 1 : 2;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (lenBytes === 2) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[pre + i] = header.charCodeAt(i);
  writeData(view, total, data, dtype, n);
  return out;
}

function toInteger(v: number | bigint | boolean, i: number, lo: number, hi: number, dtype: string): number {
  const x = typeof v === 'boolean' ? Number(v) : Number(v);
  if (!Number.isInteger(x) || x < lo || x > hi) {
    throw new NpyFormatError(`encodeNpy: element ${i} (${String(v)}) does not fit dtype ${dtype}`);
  }
  return x;
}

function writeData(view: DataView, off: number, data: ArrayLike<number | bigint | boolean>, dtype: NpyDtype, n: number): void {
  switch (dtype) {
    case '<f8': for (let i = 0; i < n; i++) view.setFloat64(off + 8 * i, Number(data[i]), true); break;
    case '<f4': for (let i = 0; i < n; i++) view.setFloat32(off + 4 * i, Number(data[i]), true); break;
    case '<i4': for (let i = 0; i < n; i++) view.setInt32(off + 4 * i, toInteger(data[i]!, i, -(2 ** 31), 2 ** 31 - 1, dtype), true); break;
    case '|u1': for (let i = 0; i < n; i++) view.setUint8(off + i, toInteger(data[i]!, i, 0, 255, dtype)); break;
    case '|b1': for (let i = 0; i < n; i++) view.setUint8(off + i, data[i] ? 1 : 0); break;
    case '<i8':
      for (let i = 0; i < n; i++) {
        const v = data[i]!;
        const b = typeof v === 'bigint' ? v : BigInt(toInteger(v, i, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, dtype));
        if (b < -(2n ** 63n) || b >= 2n ** 63n) throw new NpyFormatError(`encodeNpy: element ${i} (${b}) does not fit dtype <i8`);
        view.setBigInt64(off + 8 * i, b, true);
      }
      break;
  }
}

/** Options of {@link decodeNpy}. */
export interface DecodeNpyOptions {
  /** Name used in error messages (e.g. the npz entry). */
  name?: string;
}

interface Header { descr: string; fortran: boolean; shape: number[] }

/**
 * Parses the header dict strictly: exactly the keys `descr`, `fortran_order` and `shape`, once each,
 * with a quoted string, `True`/`False` and a tuple of non-negative integers; then only padding
 * spaces and the final newline. A flipped byte anywhere in the header is refused, not guessed at.
 */
function parseHeader(text: string, where: string): Header {
  const bad = (why: string): never => { throw new NpyFormatError(`${where}: malformed header (${why}): ${JSON.stringify(text.trimEnd())}`); };
  if (!text.endsWith('\n')) bad('it does not end with a newline');
  const body = text.slice(0, -1).replace(/ +$/, '');
  const m = /^\{(.*?),?\s*\}$/s.exec(body.trim());
  if (!m) bad('not a {…} dict');
  const fields = new Map<string, string>();
  // Split at the commas that are not inside the shape tuple.
  const re = /\s*'([a-z_]+)'\s*:\s*('[^']*'|True|False|\([^()]*\))\s*(,|$)/gy;
  let consumed = 0;
  for (let f = re.exec(m![1]!); f; f = re.exec(m![1]!)) {
    if (fields.has(f[1]!)) bad(`'${f[1]}' twice`);
    fields.set(f[1]!, f[2]!);
    consumed = re.lastIndex;
    if (f[3] === '') break;
  }
  if (consumed !== m![1]!.length) bad(`cannot read ${JSON.stringify(m![1]!.slice(consumed, consumed + 20))}`);
  const keys = [...fields.keys()].sort().join(',');
  if (keys !== 'descr,fortran_order,shape') bad(`keys ${keys || 'none'}, expected descr, fortran_order, shape`);
  const descr = fields.get('descr')!, fortran = fields.get('fortran_order')!, shapeText = fields.get('shape')!;
  if (!descr.startsWith("'")) bad('descr is not a string');
  if (fortran !== 'True' && fortran !== 'False') bad('fortran_order is not True or False');
  if (!shapeText.startsWith('(')) bad('shape is not a tuple');
  const parts = shapeText.slice(1, -1).split(',').map((x) => x.trim());
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  else if (parts.length === 1 && parts[0] !== '') bad('a one-element shape tuple needs a trailing comma');
  if (parts.length === 1 && parts[0] === '') parts.pop();
  if (parts.some((x) => !/^\d+L?$/.test(x))) bad('shape holds something other than non-negative integers');
  const shape = parts.map((x) => Number(x.replace(/L$/, '')));
  checkShape(shape, where);
  return { descr: descr.slice(1, -1), fortran: fortran === 'True', shape };
}

/**
 * Decodes a `.npy` file. Numeric dtypes `f8 f4 i8 u8 i4 u4 i2 u2 i1 u1 b1` in either byte order are
 * read (int64 into a BigInt64Array, bool into 0/1 bytes); Fortran-ordered arrays are transposed to C
 * order. Throws {@link NpyFormatError} on a bad magic string, a header longer than the input,
 * unsupported dtypes (strings, objects, structured), a malformed header and data whose length is
 * not exactly `shape · itemsize`.
 */
export function decodeNpy(bytes: Uint8Array, opts: DecodeNpyOptions = {}): NpyArray {
  const where = opts.name ? `decodeNpy(${opts.name})` : 'decodeNpy';
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new NpyFormatError(`${where}: not a .npy file (bad magic string)`);
  }
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new NpyFormatError(`${where}: unsupported .npy format version ${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pre = major === 1 ? 10 : 12;
  if (bytes.length < pre) throw new NpyFormatError(`${where}: truncated header`);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (pre + headerLen > bytes.length) {
    throw new NpyFormatError(`${where}: header length ${headerLen} runs past the end of the data (${bytes.length} bytes)`);
  }
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(pre, pre + headerLen));
  const { descr, fortran, shape } = parseHeader(text, where);

  const m = /^([<>|=])([a-z])(\d+)$/.exec(descr);
  const kind = m ? KINDS[m[2]! + m[3]!] : undefined;
  if (!m || !kind) throw new NpyFormatError(`${where}: unsupported dtype '${descr}'`);
  // '=' is native order, which NumPy writes only for 1-byte types in practice: treat as little.
  const little = m[1] !== '>';
  const n = checkShape(shape, where);
  const start = pre + headerLen;
  const need = n * kind.size;
  if (bytes.length - start !== need) {
    const what = bytes.length - start < need ? 'data truncated' : 'data longer than the shape';
    throw new NpyFormatError(`${where}: ${what}: shape ${pythonShape(shape)} × ${kind.size} bytes needs ${need} bytes, found ${bytes.length - start}`);
  }
  let data = kind.make(n);
  if (kind.size === 1 || (little && LITTLE_ENDIAN_HOST)) {
    // Copy to a fresh, aligned buffer: the input may sit at any offset (e.g. inside a zip).
    new Uint8Array(data.buffer).set(bytes.subarray(start, start + need));
  } else {
    const get = kind.get!;
    const arr = data as unknown as { [i: number]: number | bigint };
    for (let i = 0; i < n; i++) arr[i] = get(view, start + i * kind.size, little);
  }
  if (m[2] === 'b') for (let i = 0; i < n; i++) data[i] = data[i] ? 1 : 0;
  if (fortran && shape.length > 1) data = fortranToC(data, shape);
  const dtype = kind.size === 1 ? `|${m[2]}1` : `<${m[2]}${m[3]}`;
  return { data, shape, dtype };
}

/** Reorders Fortran-order (first index fastest) data into C order (last index fastest). */
function fortranToC(src: NpyData, shape: number[]): NpyData {
  const n = src.length;
  const out = new (src.constructor as new (len: number) => NpyData)(n);
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  // Walk the C-order positions while keeping the matching Fortran offset.
  const fStride = new Array<number>(rank);
  let s = 1;
  for (let d = 0; d < rank; d++) { fStride[d] = s; s *= shape[d]!; }
  const dst = out as unknown as { [i: number]: number | bigint };
  const from = src as unknown as { [i: number]: number | bigint };
  let f = 0;
  for (let c = 0; c < n; c++) {
    dst[c] = from[f]!;
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]!++;
      f += fStride[d]!;
      if (idx[d]! < shape[d]!) break;
      f -= fStride[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

/** Number of elements of a shape (1 for a scalar `[]`). */
export function shapeSize(shape: readonly number[]): number {
  return checkShape(shape, 'shapeSize');
}
