/**
 * What `setImage` accepts, turned into {@link Pixels}: decoded pixels (`ImageData` or any
 * `{ data, width, height }`), browser images (`<img>`, `<canvas>`, `<video>`, `ImageBitmap`,
 * `OffscreenCanvas`, `VideoFrame`), encoded PNG/JPEG bytes, and, in Node.js, file paths.
 */
import { NetworkError } from '../../errors.js';
import { describeValue } from '../../core/options.js';
import { CHANNELS, checkPixels, type Mode, type Pixels } from './pixels.js';
import { decodeImage, decodeImageFile, type Decoded } from './decode.js';

/** Decoded 8-bit pixels: RGBA like `ImageData` unless `mode` says otherwise. */
export interface PixelData {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** Pillow's mode of `data`: 'L', 'LA', 'RGB' or 'RGBA' (default 'RGBA', as `ImageData`). */
  mode?: Mode;
}

/**
 * An image for `ImagePopulation.setImage`: a PNG/JPEG file path (Node.js), the bytes of a PNG or
 * JPEG file, decoded pixels ({@link PixelData}, e.g. an `ImageData`), or, in browsers, anything
 * `drawImage` accepts (`<img>`, `<canvas>`, `<video>`, `ImageBitmap`, `OffscreenCanvas`, `VideoFrame`).
 */
export type ImageSource = string | Uint8Array | ArrayBuffer | PixelData | CanvasImageSourceLike;

/** The browser image types, structurally (so that Node typings do not need the DOM library). */
export interface CanvasImageSourceLike {
  readonly width?: number | { baseVal?: unknown };
  naturalWidth?: number;
  videoWidth?: number;
  displayWidth?: number;
}

interface Canvas2D { drawImage(src: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } }
interface CanvasLike { getContext(kind: '2d', o?: object): Canvas2D | null; width: number; height: number }

/** The natural size of a browser image (an <img>'s own pixels, a <video>'s frame). */
function naturalSize(src: Record<string, unknown>): [number, number] | undefined {
  const pairs: [string, string][] = [['naturalWidth', 'naturalHeight'], ['videoWidth', 'videoHeight'], ['displayWidth', 'displayHeight'], ['width', 'height']];
  for (const [w, h] of pairs) {
    if (typeof src[w] === 'number' && typeof src[h] === 'number') return [src[w] as number, src[h] as number];
  }
  return undefined;
}

function newCanvas(width: number, height: number, where: string): CanvasLike {
  const g = globalThis as unknown as { OffscreenCanvas?: new (w: number, h: number) => CanvasLike; document?: { createElement(t: 'canvas'): CanvasLike } };
  if (g.OffscreenCanvas) return new g.OffscreenCanvas(width, height);
  if (g.document) { const c = g.document.createElement('canvas'); c.width = width; c.height = height; return c; }
  throw new NetworkError(`${where}: drawing a browser image needs a canvas (OffscreenCanvas or document), which this environment lacks; pass decoded pixels { data, width, height } instead`);
}

/** Draws a browser image at its natural size and reads its RGBA pixels. */
export function drawnPixels(src: unknown, where: string): Pixels {
  const size = naturalSize(src as Record<string, unknown>);
  if (!size || size[0] < 1 || size[1] < 1) {
    throw new NetworkError(`${where}: the image has no pixels yet (size ${size ? size.join('×') : 'unknown'}): wait until it has loaded (img.decode(), the video's 'loadeddata' event)`);
  }
  const [width, height] = size;
  const canvas = newCanvas(width, height, where);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new NetworkError(`${where}: could not get a 2-D canvas context to read the image`);
  ctx.drawImage(src, 0, 0);
  const data = ctx.getImageData(0, 0, width, height).data;
  return { width, height, mode: 'RGBA', data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

function isPixelData(x: unknown): x is PixelData {
  const p = x as PixelData;
  return typeof x === 'object' && x !== null && (p.data instanceof Uint8Array || p.data instanceof Uint8ClampedArray)
    && typeof p.width === 'number' && typeof p.height === 'number';
}

/** Decodes any {@link ImageSource}. */
export async function readSource(source: ImageSource, where: string): Promise<Decoded> {
  if (typeof source === 'string') return decodeImageFile(source, where);
  if (source instanceof ArrayBuffer) return decodeImage(new Uint8Array(source), 'the bytes given', where);
  if (source instanceof Uint8Array) return decodeImage(source, 'the bytes given', where);
  if (isPixelData(source)) {
    const mode = source.mode ?? 'RGBA';
    if (!(mode in CHANNELS)) throw new NetworkError(`${where}: mode must be 'L', 'LA', 'RGB' or 'RGBA', got ${describeValue(mode)}`);
    const data = new Uint8Array(source.data.buffer, source.data.byteOffset, source.data.byteLength);
    return { pixels: checkPixels({ width: source.width, height: source.height, mode, data }, where), palette: false };
  }
  if (typeof source === 'object' && source !== null && naturalSize(source as Record<string, unknown>)) {
    return { pixels: drawnPixels(source, where), palette: false };
  }
  throw new NetworkError(`${where}: cannot read an image from ${describeValue(source)}: give a PNG/JPEG file path (Node.js), the file's bytes, `
    + 'pixels { data, width, height } (e.g. an ImageData), or an <img>, <canvas>, <video> or ImageBitmap (browsers)');
}
