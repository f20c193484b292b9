/**
 * PNG and JPEG bytes → {@link Pixels} in Pillow's mode for that file, with the npm packages pngjs
 * and jpeg-js (pure JavaScript). They are imported when first needed, through variable names so
 * that bundlers leave them out of the browser bundle (browsers decode images themselves).
 */
import { NetworkError } from '../../errors.js';
import type { Mode, Pixels } from './pixels.js';

/** A decoded file: its pixels, and whether Pillow would resize it with NEAREST (palette images). */
export interface Decoded {
  pixels: Pixels;
  /** Pillow opens palette PNGs in mode 'P', which `resize` always samples with NEAREST. */
  palette: boolean;
}

interface PngJs { PNG: { sync: { read(b: Uint8Array): { width: number; height: number; data: Uint8Array; colorType: number; palette: boolean; color: boolean; alpha: boolean; depth: number } } } }
interface JpegJs { decode(b: Uint8Array, o: { useTArray: true; formatAsRGBA: false }): { width: number; height: number; data: Uint8Array } }

async function load<T>(name: string, where: string): Promise<T> {
  try {
    const mod = (await import(/* @vite-ignore */ name)) as T & { default?: T };
    return (mod.default ?? mod) as T;
  } catch (e) {
    throw new NetworkError(`${where}: decoding image files needs the npm package ${name}, which could not be loaded (${(e as Error).message}); `
      + `install it (npm install ${name}) or, in a browser, pass an <img>, <canvas>, ImageBitmap or ImageData`);
  }
}

const isPng = (b: Uint8Array): boolean => b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array): boolean => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** Decodes PNG or JPEG bytes (`what` names the file in messages). */
export async function decodeImage(bytes: Uint8Array, what: string, where: string): Promise<Decoded> {
  if (isPng(bytes)) {
    const { PNG } = await load<PngJs>('pngjs', where);
    let png;
    // pngjs wants a Node Buffer (it only runs in Node, where Buffer is global).
    const NodeBuffer = (globalThis as unknown as { Buffer: { from(b: ArrayBufferLike, o: number, n: number): Uint8Array } }).Buffer;
    try { png = PNG.sync.read(NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)); } catch (e) {
      throw new NetworkError(`${where}: ${what} is not a valid PNG (${(e as Error).message})`);
    }
    // pngjs always gives RGBA (palettes expanded, 16-bit reduced to 8); keep what the mode needs.
    const mode: Mode = png.palette ? 'RGBA' : png.color ? (png.colorType & 4 ? 'RGBA' : 'RGB') : (png.colorType & 4 ? 'LA' : 'L');
    const pick = mode === 'RGBA' ? [0, 1, 2, 3] : mode === 'RGB' ? [0, 1, 2] : mode === 'LA' ? [0, 3] : [0];
    const n = png.width * png.height;
    const data = new Uint8Array(n * pick.length);
    for (let i = 0; i < n; i++) for (let k = 0; k < pick.length; k++) data[i * pick.length + k] = png.data[4 * i + pick[k]];
    return { pixels: { width: png.width, height: png.height, mode, data }, palette: png.palette };
  }
  if (isJpeg(bytes)) {
    const jpeg = await load<JpegJs>('jpeg-js', where);
    let img;
    try { img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false }); } catch (e) {
      throw new NetworkError(`${where}: ${what} is not a valid JPEG (${(e as Error).message})`);
    }
    // Grey JPEGs come out with R = G = B: the same rates as Pillow's mode 'L' after convert.
    return { pixels: { width: img.width, height: img.height, mode: 'RGB', data: img.data }, palette: false };
  }
  const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new NetworkError(`${where}: ${what} is neither a PNG nor a JPEG (it starts with ${head || 'nothing'}); `
    + 'neurarchy decodes PNG and JPEG files: convert the image, or pass decoded pixels { data, width, height }');
}

// A variable, not a literal: bundlers then leave the import alone.
const FS = 'node:fs/promises';

/** Reads and decodes an image file (Node.js). */
export async function decodeImageFile(path: string, where: string): Promise<Decoded> {
  let bytes: Uint8Array;
  try {
    const fs = await import(/* @vite-ignore */ FS) as { readFile(p: string): Promise<Uint8Array> };
    bytes = await fs.readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new NetworkError(`${where}: the image '${path}' does not exist`);
    if (err.code === undefined) throw new NetworkError(`${where}: reading the file '${path}' needs Node.js; in a browser pass an <img>, <canvas>, ImageBitmap or ImageData`);
    throw new NetworkError(`${where}: cannot read '${path}' (${err.message})`);
  }
  return decodeImage(bytes, `'${path}'`, where);
}
