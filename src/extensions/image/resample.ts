/**
 * Pillow's `Image.resize(size)` with its default filter (BICUBIC since Pillow 7), reproduced to
 * the byte: ANNarchy's ImagePopulation resizes with it. It is a separable convolution with the
 * Keys cubic (a = −0.5) whose support grows with the reduction factor (antialiasing), the weights
 * normalised per output pixel and rounded to 22-bit fixed point, a horizontal pass then a vertical
 * pass, each rounding to 8 bits (libImaging/Resample.c). Images with alpha are resized
 * premultiplied, as Pillow does. Browser-safe.
 */
import { CHANNELS, premultiply, unpremultiply, type Pixels } from './pixels.js';

const PRECISION_BITS = 32 - 8 - 2;
const ONE = 2 ** PRECISION_BITS;

/** Keys' cubic convolution kernel with a = −0.5 (support 2). */
function bicubic(x: number): number {
  const a = -0.5;
  if (x < 0) x = -x;
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

interface Coefficients {
  /** First input index and count of inputs of each output. */
  bounds: Int32Array;
  /** ksize fixed-point weights per output. */
  weights: Int32Array;
  ksize: number;
}

/** Resample.c `precompute_coeffs` + `normalize_coeffs_8bpc` for the box [0, inSize). */
function coefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterscale = Math.max(scale, 1);
  const support = 2 * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const ss = 1 / filterscale;
    // C's (int) cast truncates toward zero.
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) { k[x] = bicubic((x + xmin - center + 0.5) * ss); ww += k[x]; }
    for (let x = 0; x < ksize; x++) {
      const w = x < xmax ? (ww !== 0 ? k[x] / ww : k[x]) : 0;
      weights[xx * ksize + x] = Math.trunc(w < 0 ? -0.5 + w * ONE : 0.5 + w * ONE);
    }
    bounds[2 * xx] = xmin;
    bounds[2 * xx + 1] = xmax;
  }
  return { bounds, weights, ksize };
}

/** Resample.c `clip8`: fixed point → 0..255. */
function clip8(v: number): number {
  if (v >= ONE * 256) return 255;
  if (v <= 0) return 0;
  return Math.floor(v / ONE);
}

/**
 * One pass along x (`stride` 1 between neighbours) or y: `lines` lines of `inSize` pixels → of
 * `outSize` pixels, `c` channels each. The fixed-point sums stay below 2^31 as in C, so doubles
 * hold them exactly.
 */
function pass(src: Uint8Array, width: number, height: number, c: number, horizontal: boolean, co: Coefficients, outW: number, outH: number, rowOffset: number): Uint8Array {
  const out = new Uint8Array(outW * outH * c);
  const { bounds, weights, ksize } = co;
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const o = horizontal ? x : y;
      const min = bounds[2 * o], n = bounds[2 * o + 1];
      for (let ch = 0; ch < c; ch++) {
        let ss = ONE / 2;
        for (let j = 0; j < n; j++) {
          const idx = horizontal ? ((y + rowOffset) * width + min + j) : ((min + j) * width + x);
          ss += src[idx * c + ch] * weights[o * ksize + j];
        }
        out[(y * outW + x) * c + ch] = clip8(ss);
      }
    }
  }
  void height;
  return out;
}

/** `im.resize((width, height))` with Pillow's default BICUBIC filter. */
export function resize(p: Pixels, width: number, height: number): Pixels {
  if (p.width === width && p.height === height) return p;
  const c = CHANNELS[p.mode];
  const alpha = p.mode === 'LA' || p.mode === 'RGBA';
  let data = alpha ? premultiply(p) : p.data;
  const horiz = coefficients(p.width, width);
  const vert = coefficients(p.height, height);
  let w = p.width, h = p.height;
  if (width !== p.width) {
    // Only the rows that the vertical pass reads are resampled horizontally.
    const first = vert.bounds[0];
    const last = vert.bounds[2 * height - 2] + vert.bounds[2 * height - 1];
    const rows = height !== p.height ? last - first : p.height;
    const offset = height !== p.height ? first : 0;
    data = pass(data, w, h, c, true, horiz, width, rows, offset);
    if (height !== p.height) for (let i = 0; i < height; i++) vert.bounds[2 * i] -= first;
    w = width; h = rows;
  }
  if (height !== p.height) data = pass(data, w, h, c, false, vert, width, height, 0);
  if (alpha) data = unpremultiply(data === p.data ? Uint8Array.from(data) : data, p.mode);
  return { width, height, mode: p.mode, data };
}

/**
 * `im.resize(size)` of a palette image, which Pillow always samples with NEAREST, through its
 * affine scaling (Geometry.c, ImagingScaleAffine): the source coordinate starts at ½·in/out and
 * grows by in/out per output pixel, *accumulated* in double precision and truncated, so that
 * positions landing on an integer follow Pillow's rounding, not the exact product.
 */
export function resizeNearest(p: Pixels, width: number, height: number): Pixels {
  if (p.width === width && p.height === height) return p;
  const c = CHANNELS[p.mode];
  const out = new Uint8Array(width * height * c);
  const positions = (inSize: number, outSize: number): Int32Array => {
    const a = inSize / outSize;
    const tab = new Int32Array(outSize);
    let o = a * 0.5;
    for (let k = 0; k < outSize; k++) { tab[k] = Math.min(inSize - 1, Math.trunc(o)); o += a; }
    return tab;
  };
  const xs = positions(p.width, width), ys = positions(p.height, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = (ys[y] * p.width + xs[x]) * c;
      for (let k = 0; k < c; k++) out[(y * width + x) * c + k] = p.data[s + k];
    }
  }
  return { width, height, mode: p.mode, data: out };
}
