/**
 * Node-only helpers for plots: write SVG files, and PNG through the optional `@resvg/resvg-js`
 * package. Kept apart from the SVG code so that `plot/index.ts` stays browser-safe.
 */
import { NetworkError } from '../errors.js';
import { checkOptions } from '../core/options.js';
import { writeBytes } from '../io/files.js';

/** Writes an SVG string to `path` (UTF-8), creating missing parent folders. */
export async function writeSvg(path: string, svg: string): Promise<void> {
  await writeBytes(path, svg);
}

/** Options of {@link svgToPng}. */
export interface PngOptions {
  /** Width of the PNG in px (default: the SVG's own width). */
  width?: number;
}

interface ResvgModule {
  Resvg: new (svg: string, opts?: unknown) => { render(): { asPng(): Uint8Array } };
}

/**
 * Renders an SVG string to PNG bytes with `@resvg/resvg-js`, which neurarchy does not depend on.
 * Throws an error saying how to install it when it is missing.
 */
export async function svgToPng(svg: string, opts: PngOptions = {}): Promise<Uint8Array> {
  checkOptions(opts, ['width'] satisfies (keyof PngOptions)[], 'svgToPng()');
  // A variable module name keeps TypeScript from requiring the package's types at build time.
  const name = '@resvg/resvg-js';
  let mod: ResvgModule;
  try {
    mod = (await import(name)) as ResvgModule;
  } catch (e) {
    throw new NetworkError(
      `PNG output needs the optional package @resvg/resvg-js, which could not be loaded `
      + `(${(e as Error).message}). Install it with: npm install @resvg/resvg-js — or write SVG with writeSvg().`,
    );
  }
  const fitTo = opts.width ? { mode: 'width', value: opts.width } : { mode: 'original' };
  const png = new mod.Resvg(svg, { fitTo, font: { loadSystemFonts: true } }).render().asPng();
  return new Uint8Array(png);
}

/** Renders an SVG string to a PNG file (needs `@resvg/resvg-js`, see {@link svgToPng}). */
export async function writePng(path: string, svg: string, opts: PngOptions = {}): Promise<void> {
  await writeBytes(path, await svgToPng(svg, opts));
}
