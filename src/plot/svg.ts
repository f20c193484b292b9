/**
 * SVG building blocks shared by the plots: escaping, number formatting, the document wrapper and
 * colours. Plain strings, no DOM, so the same code runs in Node and in browsers.
 */
import { NetworkError } from '../errors.js';
import { optionKeys } from '../core/options.js';

/** Escapes text for XML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Formats a coordinate with at most two decimals: enough for screen pixels, and it keeps large
 * plots small. Non-finite values are a bug in the caller, so they throw instead of writing `NaN`.
 */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new NetworkError(`plot: non-finite coordinate ${x}`);
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Size and text options every plot accepts. */
export interface PlotOptions {
  /** Width of the picture in px (default 640). */
  width?: number;
  /** Height of the picture in px (default 400). */
  height?: number;
  /** Title above the plot. */
  title?: string;
  /** Label of the horizontal axis (each plot has a sensible default such as `time (ms)`). */
  xLabel?: string;
  /** Label of the vertical axis. */
  yLabel?: string;
}

/** The keys of {@link PlotOptions}, shared by every plot's options. */
export const PLOT_OPTIONS = optionKeys<PlotOptions>()(['width', 'height', 'title', 'xLabel', 'yLabel']);

/** Wraps plot elements into a standalone SVG document with a white background. */
export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" `
      + `viewBox="0 0 ${num(width)} ${num(height)}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect x="0" y="0" width="${num(width)}" height="${num(height)}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** Categorical colours for lines (Matplotlib's tab10), readable on white and for most colour-blind viewers. */
export const PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
  '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
];

/** Colour maps for heat maps: control points, evenly spaced from 0 to 1. */
export const COLORMAPS: Record<'viridis' | 'gray' | 'rdbu', readonly string[]> = {
  viridis: ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'],
  gray: ['#000000', '#ffffff'],
  // Diverging blue–white–red, for signed weights (centre the range on 0 with vmin = -vmax).
  rdbu: ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'],
};

/**
 * Name of a colour map: `'viridis'` (perceptually uniform, the default), `'gray'` (black to white)
 * or `'rdbu'` (diverging blue–white–red, for signed weights: centre the range on 0 with vmin = -vmax).
 */
export type ColormapName = keyof typeof COLORMAPS;

function hex(c: string): [number, number, number] {
  return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
}

/** Colour of `u ∈ [0, 1]` (clamped) on a colour map, by linear interpolation between control points. */
export function colormap(name: ColormapName, u: number): string {
  const stops = COLORMAPS[name];
  const x = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = hex(stops[i]!);
  const b = hex(stops[i + 1]!);
  const ch = (k: number): string => Math.round(a[k]! + (b[k]! - a[k]!) * f).toString(16).padStart(2, '0');
  return `#${ch(0)}${ch(1)}${ch(2)}`;
}
