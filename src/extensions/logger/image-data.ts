/**
 * Arrays given to `Logger.addImage` → 8-bit pixels, as tensorboardX's `image()` does: a
 * `Uint8Array`/`Uint8ClampedArray` is taken as 0..255; any other numbers as 0..1, multiplied by
 * 255, clipped to [0, 255] and truncated (numpy's `astype(uint8)`). `equalize` first maps
 * [min, max] to [0, 1] (ANNarchy's option).
 */
import { NetworkError } from '../../errors.js';
import { flatten } from '../../core/values.js';

/** An image: nested arrays `[h][w]` / `[h][w][3]`, or flat values with a `shape` (as `pop.r`). */
export type ImageInput = ArrayLike<number> & { shape: readonly number[] } | ArrayLike<ArrayLike<number>> | ArrayLike<ArrayLike<ArrayLike<number>>>;

export interface Pixels {
  height: number;
  width: number;
  channels: 1 | 3;
  /** Row-major, channel last. */
  data: Uint8Array;
}

function shapeOf(x: unknown): number[] {
  const withShape = (x as { shape?: unknown }).shape;
  if (Array.isArray(withShape)) return withShape.map(Number);
  const shape: number[] = [];
  let cur = x;
  while (cur !== null && typeof cur === 'object' && typeof (cur as ArrayLike<unknown>).length === 'number') {
    shape.push((cur as ArrayLike<unknown>).length);
    cur = (cur as ArrayLike<unknown>)[0];
  }
  return shape;
}

/** Checks the shape ((h, w) or (h, w, 3)) and converts to 8-bit pixels. */
export function toPixels(img: unknown, equalize: boolean, where: string): Pixels {
  if (img === null || typeof img !== 'object' || typeof (img as ArrayLike<unknown>).length !== 'number') {
    throw new NetworkError(`${where}: the image must be an array of shape (height, width) or (height, width, 3), got ${typeof img}`);
  }
  const shape = shapeOf(img);
  if (!(shape.length === 2 || (shape.length === 3 && shape[2] === 3))) {
    throw new NetworkError(`${where}: images must be of shape (height, width) or (height, width, 3), got (${shape.join(', ')})`);
  }
  const [height, width] = shape;
  const channels = (shape[2] ?? 1) as 1 | 3;
  const bytes = img instanceof Uint8Array || img instanceof Uint8ClampedArray;
  const flat: ArrayLike<number> = ArrayBuffer.isView(img) ? (img as unknown as ArrayLike<number>) : flatten(img as ArrayLike<unknown>);
  if (flat.length !== height * width * channels) {
    throw new NetworkError(`${where}: the image has ${flat.length} values, its shape (${shape.join(', ')}) needs ${height * width * channels}`);
  }
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (!Number.isFinite(v)) throw new NetworkError(`${where}: value ${i} of the image is ${v}; pixels must be finite numbers`);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const data = new Uint8Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    let v = flat[i];
    if (equalize) v = hi > lo ? (v - lo) / (hi - lo) : 0;
    const scaled = bytes && !equalize ? v : v * 255;
    data[i] = Math.trunc(Math.min(255, Math.max(0, scaled)));
  }
  return { height, width, channels, data };
}

/** The images of `addImages`: an array of images, or flat values with a shape (n, h, w[, 3]). */
export function splitImages(images: unknown, where: string): ImageInput[] {
  const shape = (images as { shape?: unknown } | null)?.shape;
  if (Array.isArray(shape) && ArrayBuffer.isView(images)) {
    if (!(shape.length === 3 || (shape.length === 4 && shape[3] === 3))) {
      throw new NetworkError(`${where}: a flat array of images needs the shape (n, height, width) or (n, height, width, 3), got (${shape.join(', ')})`);
    }
    const [n, ...one] = shape as number[];
    const size = one.reduce((a, b) => a * b, 1);
    const flat = images as unknown as Float64Array;
    return Array.from({ length: n }, (_, k) => Object.assign(Float64Array.from(flat.subarray(k * size, (k + 1) * size)), { shape: one }));
  }
  if (!Array.isArray(images) || images.length === 0) {
    throw new NetworkError(`${where}: give a non-empty array of images (each (height, width) or (height, width, 3)), got ${images === null ? 'null' : typeof images}`);
  }
  return images as ImageInput[];
}

/** Rescales the values of all images together so that their joint [min, max] becomes [0, 1]. */
export function equalizeAll(images: ImageInput[], where: string): ImageInput[] {
  const flats = images.map((img, k) => {
    if (img === null || typeof img !== 'object') throw new NetworkError(`${where}: image ${k} is not an array`);
    const shape = shapeOf(img);
    return { shape, values: ArrayBuffer.isView(img) ? Array.from(img as unknown as ArrayLike<number>) : flatten(img as ArrayLike<unknown>) };
  });
  let lo = Infinity, hi = -Infinity;
  for (const { values } of flats) for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return flats.map(({ shape, values }) => Object.assign(Float64Array.from(values, (v) => (hi > lo ? (v - lo) / (hi - lo) : 0)), { shape }));
}
