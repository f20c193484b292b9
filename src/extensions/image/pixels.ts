/**
 * 8-bit images in Pillow's modes, and Pillow's conversions between them, so that an image becomes
 * the same rates as in ANNarchy (`np.array(im.convert("L")) / 255`). Browser-safe.
 */
import { NetworkError } from '../../errors.js';

/** Pillow's 8-bit modes: grey, grey + alpha, RGB, RGB + alpha. */
export type Mode = 'L' | 'LA' | 'RGB' | 'RGBA';

/** Channels per pixel of each mode. */
export const CHANNELS: Record<Mode, number> = { L: 1, LA: 2, RGB: 3, RGBA: 4 };

/** An 8-bit image: rows top to bottom, channels interleaved. */
export interface Pixels {
  width: number;
  height: number;
  mode: Mode;
  data: Uint8Array;
}

/** Checks the sizes of an image built from outside data. */
export function checkPixels(p: Pixels, where: string): Pixels {
  if (!Number.isSafeInteger(p.width) || !Number.isSafeInteger(p.height) || p.width < 1 || p.height < 1) {
    throw new NetworkError(`${where}: the image must be at least 1×1 pixel, got ${p.width}×${p.height}`);
  }
  const need = p.width * p.height * CHANNELS[p.mode];
  if (p.data.length !== need) throw new NetworkError(`${where}: a ${p.width}×${p.height} ${p.mode} image needs ${need} bytes, got ${p.data.length}`);
  return p;
}

/**
 * Pillow's RGB → L: ITU-R 601-2 luma in 16-bit fixed point,
 * `(R·19595 + G·38470 + B·7471 + 0x8000) >> 16` (Convert.c, `L24`).
 */
export function luma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16;
}

/** Pillow's `im.convert(mode)` between the four modes (alpha dropped or set to 255). */
export function convert(p: Pixels, mode: Mode): Pixels {
  if (p.mode === mode) return p;
  const n = p.width * p.height;
  const cin = CHANNELS[p.mode], cout = CHANNELS[mode];
  const out = new Uint8Array(n * cout);
  const src = p.data;
  for (let i = 0; i < n; i++) {
    const s = i * cin, d = i * cout;
    const grey = cin <= 2;
    const r = src[s], g = grey ? r : src[s + 1], b = grey ? r : src[s + 2];
    const a = cin === 2 ? src[s + 1] : cin === 4 ? src[s + 3] : 255;
    if (cout <= 2) out[d] = grey ? r : luma(r, g, b);
    else { out[d] = r; out[d + 1] = g; out[d + 2] = b; }
    if (cout === 2) out[d + 1] = a;
    if (cout === 4) out[d + 3] = a;
  }
  return { width: p.width, height: p.height, mode, data: out };
}

/** Pillow's `(a·b + 128) ≫ 8` rounding of a·b/255 (ImagingConvert's MULDIV255). */
function mulDiv255(a: number, b: number): number {
  const t = a * b + 128;
  return ((t >>> 8) + t) >>> 8;
}

/** RGBA → RGBa / LA → La: colour premultiplied by alpha, as Pillow resizes images with alpha. */
export function premultiply(p: Pixels): Uint8Array {
  const c = CHANNELS[p.mode];
  const out = Uint8Array.from(p.data);
  for (let i = 0; i < out.length; i += c) {
    const a = out[i + c - 1];
    for (let k = 0; k < c - 1; k++) out[i + k] = mulDiv255(out[i + k], a);
  }
  return out;
}

/** RGBa → RGBA / La → LA: Pillow's integer un-premultiplication, `min(255, 255·c / a)`. */
export function unpremultiply(data: Uint8Array, mode: Mode): Uint8Array {
  const c = CHANNELS[mode];
  for (let i = 0; i < data.length; i += c) {
    const a = data[i + c - 1];
    if (a === 0 || a === 255) continue;
    for (let k = 0; k < c - 1; k++) data[i + k] = Math.min(255, Math.floor((255 * data[i + k]) / a));
  }
  return data;
}
