/**
 * `ImagePopulation`: ANNarchy's image extension (`ANNarchy.extensions.image.ImagePopulation`), a
 * rate-coded population whose `r` holds an image, one neuron per pixel (and per colour channel),
 * in [0, 1]. Built on the public Population API: `setImage` only writes `r`.
 *
 * As ANNarchy (Pillow): an image of another size is resized to the geometry with Pillow's
 * default filter (bicubic, antialiased when reducing; palette PNGs nearest), *then* converted to
 * luminance (grey geometries, ITU-R 601-2 luma) or RGB, and divided by 255.
 */
import { Neuron } from '../../core/Neuron.js';
import { Population, type PopulationBase } from '../../core/Population.js';
import type { NetworkLike } from '../../core/network-like.js';
import { checkOptions, describeValue } from '../../core/options.js';
import { NetworkError } from '../../errors.js';
import { networkOf, geometryForm } from '../../inputs/common.js';
import { convert } from './pixels.js';
import { resize, resizeNearest } from './resample.js';
import { readSource, type ImageSource } from './sources.js';
import type { Decoded } from './decode.js';

/** Options of {@link ImagePopulation} and {@link VideoPopulation}. */
export interface ImagePopulationOptions {
  /** Unique name in the network. */
  name?: string;
  /** The network it belongs to (default: the global default network). */
  network?: NetworkLike;
}

/** (height, width) or (height, width, 1) → grey (height, width); (height, width, 3) → colour. */
export function imageGeometry(geometry: unknown, where: string): number[] {
  const g = typeof geometry === 'number' ? [geometry] : geometry;
  if (!Array.isArray(g) || !g.every((d) => Number.isSafeInteger(d) && d >= 1)) {
    throw new NetworkError(`${where}: the geometry must be (height, width) for grey images or (height, width, 3) for colour, got ${describeValue(geometry)}`);
  }
  if (g.length < 2) throw new NetworkError(`${where}: the geometry of an image population must be 2-D (height, width) or 3-D (height, width, 3), got [${g.join(', ')}]`);
  if (g.length > 3 || (g.length === 3 && g[2] !== 1 && g[2] !== 3)) {
    throw new NetworkError(`${where}: the third dimension of an image population must be 1 (grey) or 3 (colour), got [${g.join(', ')}]`);
  }
  return g.length === 3 && g[2] === 1 ? [g[0], g[1]] : [...g];
}

/**
 * A population of `r = image / 255`: `new ImagePopulation([480, 640])` (grey) or
 * `new ImagePopulation([480, 640, 3])` (RGB), then `await pop.setImage('image.png')`.
 * Rank order is row-major: pixel (y, x), channel c is rank `(y·width + x)·3 + c`.
 */
export class ImagePopulation extends (Population as PopulationBase<'r'>) {
  #warnedSizes = new Set<string>();

  /** `new ImagePopulation([h, w])` or `new ImagePopulation({ geometry: [h, w, 3], name })`. */
  constructor(args: { geometry: readonly number[] } & ImagePopulationOptions);
  constructor(geometry: readonly number[], options?: ImagePopulationOptions);
  constructor(a: readonly number[] | ({ geometry: readonly number[] } & ImagePopulationOptions), b?: ImagePopulationOptions) {
    const where = `new ${new.target.name}()`;
    const { geometry, options = {} } = geometryForm<ImagePopulationOptions>(a, b, where);
    checkOptions(options, ['name', 'network'] satisfies (keyof ImagePopulationOptions)[], where);
    super(imageGeometry(geometry, where), new Neuron({ name: new.target.name, equations: 'r = r' }),
      { name: options.name, network: networkOf(options.network) });
    const Cls = new.target as unknown as new (g: readonly number[], o: ImagePopulationOptions) => Population;
    this.recreate = (net, name) => new Cls(this.geometry, { name, network: net });
  }

  /** Height and width of the images, in pixels. */
  get imageHeight(): number { return this.geometry[0]; }
  /** Width of the images, in pixels. */
  get imageWidth(): number { return this.geometry[1]; }
  /** True for a (height, width, 3) population. */
  get isColour(): boolean { return this.geometry.length === 3; }

  /**
   * Sets an image into `r`: a PNG/JPEG file path (Node.js), the bytes of such a file, pixels
   * `{ data, width, height, mode? }` (an `ImageData`), or in browsers an `<img>`, `<canvas>`,
   * `<video>` or `ImageBitmap`. Images of another size are resized as ANNarchy does.
   */
  async setImage(source: ImageSource): Promise<void> {
    const where = `${this.constructor.name} '${this.name}'.setImage()`;
    this.applyImage(await readSource(source, where), true);
  }

  /** @internal Resizes, converts and writes decoded pixels into `r`. */
  protected applyImage(img: Decoded, warn: boolean): void {
    const [h, w] = this.geometry;
    let px = img.pixels;
    if (px.width !== w || px.height !== h) {
      const size = `${px.width}×${px.height}`;
      if (warn && !this.#warnedSizes.has(size)) {
        this.#warnedSizes.add(size);
        console.warn(`neurarchy: ${this.constructor.name} '${this.name}': the image is ${size} pixels, the population ${w}×${h}: it is resized (Pillow's ${img.palette ? 'nearest' : 'bicubic'} filter, as ANNarchy)`);
      }
      px = img.palette ? resizeNearest(px, w, h) : resize(px, w, h);
    }
    const out = convert(px, this.isColour ? 'RGB' : 'L');
    const r = new Float64Array(out.data.length);
    for (let i = 0; i < r.length; i++) r[i] = out.data[i] / 255;
    this.set({ r });
  }
}
