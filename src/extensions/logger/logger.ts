/**
 * `Logger`: ANNarchy's TensorBoard extension (`ANNarchy.extensions.tensorboard.Logger`, a thin
 * layer over tensorboardX's SummaryWriter), writing TensorBoard event files directly: TFRecord
 * framing with masked CRC-32C around `Event` protocol buffers. Node.js only (it writes files).
 *
 * Each record is written to disk when it is added (no queue to lose if a script ends without
 * `close()`); `flush()` asks the system to commit the files. The folder layout is tensorboardX's,
 * so that TensorBoard shows the same runs: `addScalars` writes one sub-run per key,
 * `addParameters` one sub-run per call.
 */
import { mkdirSync, openSync, writeSync, fsyncSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { NetworkError } from '../../errors.js';
import { checkOptions, describeValue } from '../../core/options.js';
import { svgToPng } from '../../plot/node.js';
import { tfRecord } from './tfrecord.js';
import {
  fileVersionEvent, summaryEvent, scalarValue, imageValue, histogramValue, hparamsValues,
  type HParamValue,
} from './summaries.js';
import type { ProtoWriter } from './protobuf.js';
import { makeHistogram } from './histogram.js';
import { toPixels, splitImages, equalizeAll, type ImageInput } from './image-data.js';

export type { ImageInput } from './image-data.js';
export type { HParamValue } from './summaries.js';

/** Options of {@link Logger}. */
export interface LoggerOptions {
  /** Folder of all runs (default `'runs/'`), created if missing. */
  logdir?: string;
  /**
   * Sub-folder of this run (default: the date and host name, e.g. `Apr22_12-11-22_machine`, as
   * ANNarchy). Reusing a name appends to that run.
   */
  experiment?: string;
}

/** Options of {@link Logger.addImage}. */
export interface AddImageOptions {
  /** Maps the array's [min, max] to [0, 1] first (default false). */
  equalize?: boolean;
}

/** Options of {@link Logger.addImages}. */
export interface AddImagesOptions {
  /** Maps the [min, max] of all images to [0, 1] first (default false). */
  equalize?: boolean;
  /** With `equalize`: each image's own [min, max] instead (default false). */
  equalizePerImage?: boolean;
}

/** Options of {@link Logger.addHistogram}. */
export interface AddHistogramOptions {
  /** Number of equal-width bins between the smallest and largest value (default 30). */
  bins?: number;
}

/** Options of {@link Logger.addFigure}. */
export interface AddFigureOptions {
  /** Width of the PNG in px (default: the SVG's own width). */
  width?: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
let fileCounter = 0;

/** tensorboardX's default run name: `%b%d_%H-%M-%S_<hostname>` in local time. */
function defaultExperiment(now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[now.getMonth()]}${p(now.getDate())}_${p(now.getHours())}-${p(now.getMinutes())}-${p(now.getSeconds())}_${hostname()}`;
}

/** One event file in one run folder, opened on first use. */
class EventFile {
  #fd: number | undefined;
  path = '';
  constructor(readonly dir: string) {}

  write(event: Uint8Array): void {
    if (this.#fd === undefined) {
      mkdirSync(this.dir, { recursive: true });
      const now = Date.now() / 1000;
      const name = `events.out.tfevents.${String(Math.floor(now)).padStart(10, '0')}.${hostname()}.${process.pid}.${fileCounter++}`;
      this.path = join(this.dir, name);
      this.#fd = openSync(this.path, 'a');
      writeSync(this.#fd, tfRecord(fileVersionEvent(now)));
    }
    writeSync(this.#fd, tfRecord(event));
  }

  flush(): void { if (this.#fd !== undefined) fsyncSync(this.#fd); }
  close(): void { if (this.#fd !== undefined) { closeSync(this.#fd); this.#fd = undefined; } }
}

/**
 * Logs scalars, images, histograms, figures and hyperparameters of a simulation for TensorBoard
 * (`tensorboard --logdir runs`).
 *
 * ```ts
 * const logger = new Logger({ logdir: 'runs', experiment: 'trial1' });
 * for (let trial = 0; trial < 100; trial++) {
 *   await net.simulate(1000);
 *   logger.addScalar('Accuracy', accuracy, trial);
 * }
 * logger.close();
 * ```
 */
export class Logger {
  /** The folder of all runs. */
  readonly logdir: string;
  /** The folder of this run: `logdir/experiment`. */
  readonly currentLogdir: string;
  #main: EventFile;
  #subruns = new Map<string, EventFile>();
  #closed = false;

  constructor(options: LoggerOptions = {}) {
    checkOptions(options, ['logdir', 'experiment'] satisfies (keyof LoggerOptions)[], 'new Logger()');
    const { logdir = 'runs/', experiment } = options;
    if (typeof logdir !== 'string' || logdir === '') throw new NetworkError(`new Logger(): logdir must be a folder path, got ${describeValue(logdir)}`);
    if (experiment !== undefined && (typeof experiment !== 'string' || experiment === '')) {
      throw new NetworkError(`new Logger(): experiment must be a non-empty folder name, got ${describeValue(experiment)}`);
    }
    this.logdir = logdir;
    this.currentLogdir = join(logdir, experiment ?? defaultExperiment(new Date()));
    mkdirSync(this.currentLogdir, { recursive: true });
    this.#main = new EventFile(this.currentLogdir);
  }

  /** Paths of the event files written so far (the run's, then its sub-runs'). */
  get files(): string[] {
    return [this.#main, ...this.#subruns.values()].map((f) => f.path).filter((p) => p !== '');
  }

  #check(method: string, tag: unknown, step: unknown): void {
    if (this.#closed) throw new NetworkError(`Logger.${method}(): the logger is closed; create a new Logger to log more`);
    if (typeof tag !== 'string' || tag === '') throw new NetworkError(`Logger.${method}(): the tag must be a non-empty string, got ${describeValue(tag)}`);
    if (step !== undefined && !(Number.isSafeInteger(step) && (step as number) >= 0)) {
      throw new NetworkError(`Logger.${method}('${tag}'): step must be a whole number >= 0 (the x axis in TensorBoard), got ${describeValue(step)}`);
    }
  }

  #write(file: EventFile, step: number | undefined, values: ProtoWriter[]): void {
    file.write(summaryEvent(Date.now() / 1000, step ?? 0, values));
  }

  #subrun(name: string): EventFile {
    let f = this.#subruns.get(name);
    if (!f) { f = new EventFile(join(this.currentLogdir, name)); this.#subruns.set(name, f); }
    return f;
  }

  /** Logs one value, e.g. an accuracy after each trial: `addScalar('Accuracy', acc, trial)`. */
  addScalar(tag: string, value: number, step?: number): void {
    this.#check('addScalar', tag, step);
    if (typeof value !== 'number') throw new NetworkError(`Logger.addScalar('${tag}'): the value must be a number, got ${describeValue(value)}`);
    this.#write(this.#main, step, [scalarValue(tag, value)]);
  }

  /**
   * Logs several values on one chart: `addScalars('Rates', { exc: 12, inh: 30 }, trial)`. As
   * tensorboardX, each key is its own run (`<experiment>/<tag>_<key>`) holding the tag `tag`.
   */
  addScalars(tag: string, values: Record<string, number>, step?: number): void {
    this.#check('addScalars', tag, step);
    if (values === null || typeof values !== 'object' || Array.isArray(values) || Object.keys(values).length === 0) {
      throw new NetworkError(`Logger.addScalars('${tag}'): give an object of named numbers such as { exc: 1.5, inh: 3 }, got ${describeValue(values)}`);
    }
    for (const [key, v] of Object.entries(values)) {
      if (typeof v !== 'number') throw new NetworkError(`Logger.addScalars('${tag}'): value '${key}' must be a number, got ${describeValue(v)}`);
      this.#write(this.#subrun(`${tag.replaceAll('/', '_')}_${key}`), step, [scalarValue(tag, v)]);
    }
  }

  /**
   * Logs an image: an array of shape (height, width) (grey) or (height, width, 3) (RGB), nested or
   * flat with a `shape` (as `pop.r`). Values are 0..1 (or 0..255 in a Uint8Array);
   * `{ equalize: true }` rescales [min, max] to [0, 1]. Stored as PNG.
   */
  addImage(tag: string, img: ImageInput, step?: number, options: AddImageOptions = {}): void {
    this.#check('addImage', tag, step);
    checkOptions(options, ['equalize'] satisfies (keyof AddImageOptions)[], `Logger.addImage('${tag}')`);
    const px = toPixels(img, options.equalize ?? false, `Logger.addImage('${tag}')`);
    const png = new PNG({ width: px.width, height: px.height });
    for (let i = 0; i < px.width * px.height; i++) {
      for (let c = 0; c < 3; c++) png.data[4 * i + c] = px.data[px.channels * i + (px.channels === 1 ? 0 : c)];
      png.data[4 * i + 3] = 255;
    }
    this.#write(this.#main, step, [imageValue(tag, px.height, px.width, px.channels, new Uint8Array(PNG.sync.write(png, { colorType: px.channels === 1 ? 0 : 2 })))]);
  }

  /**
   * Logs a set of images, e.g. receptive fields, as one image: a grid of 8 per row (fewer if there
   * are fewer), as tensorboardX's `add_images` lays them out. `images` is an array of images of one
   * shape, (height, width) or (height, width, 3), or flat values with a `shape` (n, h, w[, 3]).
   */
  addImages(tag: string, images: ImageInput[] | (ArrayLike<number> & { shape: readonly number[] }), step?: number, options: AddImagesOptions = {}): void {
    this.#check('addImages', tag, step);
    const where = `Logger.addImages('${tag}')`;
    checkOptions(options, ['equalize', 'equalizePerImage'] satisfies (keyof AddImagesOptions)[], where);
    const list = splitImages(images, where);
    const { equalize = false, equalizePerImage = false } = options;
    // Equalising over all images at once: rescale the values before converting each one.
    const scaled = equalize && !equalizePerImage ? equalizeAll(list, where) : list;
    const pixels = scaled.map((img, k) => toPixels(img, equalize && equalizePerImage, `${where}, image ${k}`));
    const { height: h, width: w, channels } = pixels[0];
    pixels.forEach((p, k) => {
      if (p.height !== h || p.width !== w || p.channels !== channels) {
        throw new NetworkError(`${where}: image ${k} is (${p.height}, ${p.width}${p.channels === 3 ? ', 3' : ''}), image 0 is (${h}, ${w}${channels === 3 ? ', 3' : ''}): all images must have one shape`);
      }
    });
    const cols = Math.min(8, pixels.length), rows = Math.ceil(pixels.length / cols);
    const png = new PNG({ width: w * cols, height: h * rows });
    png.data.fill(0);
    pixels.forEach((p, k) => {
      const x0 = (k % cols) * w, y0 = Math.floor(k / cols) * h;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const o = 4 * ((y0 + y) * w * cols + x0 + x), i = y * w + x;
          for (let c = 0; c < 3; c++) png.data[o + c] = p.data[p.channels * i + (p.channels === 1 ? 0 : c)];
        }
      }
    });
    for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
    this.#write(this.#main, step, [imageValue(tag, h * rows, w * cols, channels, new Uint8Array(PNG.sync.write(png, { colorType: channels === 1 ? 0 : 2 })))]);
  }

  /** Logs the distribution of values, e.g. weights: `addHistogram('w', proj.w.flat(), trial)`. */
  addHistogram(tag: string, values: ArrayLike<number>, step?: number, options: AddHistogramOptions = {}): void {
    this.#check('addHistogram', tag, step);
    checkOptions(options, ['bins'] satisfies (keyof AddHistogramOptions)[], `Logger.addHistogram('${tag}')`);
    const bins = options.bins ?? 30;
    if (!Number.isSafeInteger(bins) || bins < 1) throw new NetworkError(`Logger.addHistogram('${tag}'): bins must be a whole number >= 1, got ${describeValue(bins)}`);
    if (values === null || typeof values !== 'object' || typeof values.length !== 'number' || values.length === 0) {
      throw new NetworkError(`Logger.addHistogram('${tag}'): give a non-empty array of numbers, got ${describeValue(values)}`);
    }
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i] !== 'number' || !Number.isFinite(values[i])) {
        throw new NetworkError(`Logger.addHistogram('${tag}'): value ${i} is ${describeValue(values[i])}; a histogram needs finite numbers`);
      }
    }
    this.#write(this.#main, step, [histogramValue(tag, makeHistogram(values, bins))]);
  }

  /**
   * Logs the parameters of a run and the metrics they gave, for TensorBoard's HParams dashboard
   * (once per run, usually at the end): `addParameters({ tau: 10, eta: 0.01 }, { accuracy: 0.93 })`.
   * As tensorboardX, it writes a sub-run named by the current time in seconds.
   */
  addParameters(params: Record<string, HParamValue>, metrics: Record<string, number>): void {
    if (this.#closed) throw new NetworkError('Logger.addParameters(): the logger is closed; create a new Logger to log more');
    for (const [what, obj] of [['params', params], ['metrics', metrics]] as const) {
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
        throw new NetworkError(`Logger.addParameters(): ${what} must be an object of named values, got ${describeValue(obj)}`);
      }
    }
    for (const [k, v] of Object.entries(params)) {
      if (!['number', 'string', 'boolean'].includes(typeof v)) {
        throw new NetworkError(`Logger.addParameters(): parameter '${k}' must be a number, a string or a boolean (what the HParams dashboard shows), got ${describeValue(v)}`);
      }
    }
    for (const [k, v] of Object.entries(metrics)) {
      if (typeof v !== 'number') throw new NetworkError(`Logger.addParameters(): metric '${k}' must be a number, got ${describeValue(v)}`);
    }
    const now = Date.now() / 1000;
    const run = this.#subrun(String(now));
    for (const v of hparamsValues(params, Object.keys(metrics), now)) this.#write(run, undefined, [v]);
    for (const [k, v] of Object.entries(metrics)) this.#write(run, undefined, [scalarValue(k, v)]);
  }

  /**
   * Logs a figure: the SVG string of one of neurarchy's plot functions (`tracesSvg`,
   * `rasterPlotSvg`, …) or a `figure(...)`. TensorBoard's image dashboard shows PNG, so the SVG is
   * rasterised with the optional package `@resvg/resvg-js` (an error says how to install it).
   */
  async addFigure(tag: string, fig: string | { svg: string }, step?: number, options: AddFigureOptions = {}): Promise<void> {
    this.#check('addFigure', tag, step);
    checkOptions(options, ['width'] satisfies (keyof AddFigureOptions)[], `Logger.addFigure('${tag}')`);
    const svg = typeof fig === 'string' ? fig : (fig as { svg?: unknown } | null)?.svg;
    if (typeof svg !== 'string' || !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg)) {
      throw new NetworkError(`Logger.addFigure('${tag}'): give the SVG string of a plot function (tracesSvg, rasterPlotSvg, …) or a figure(), got ${describeValue(fig)}`);
    }
    const pngBytes = await svgToPng(svg, options.width !== undefined ? { width: options.width } : {});
    const png = PNG.sync.read(Buffer.from(pngBytes));
    this.#write(this.#main, step, [imageValue(tag, png.height, png.width, 4, pngBytes)]);
  }

  /** Asks the system to commit what was written (records are written as they are added). */
  flush(): void {
    for (const f of [this.#main, ...this.#subruns.values()]) f.flush();
  }

  /** Flushes and closes the files; later `add*` calls are errors. Calling it twice is harmless. */
  close(): void {
    if (this.#closed) return;
    this.flush();
    for (const f of [this.#main, ...this.#subruns.values()]) f.close();
    this.#closed = true;
  }
}
