/**
 * Raster plot: one short vertical tick per spike, all in a single `<path>` so that plots of
 * hundreds of thousands of spikes stay small and fast to render.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import { drawAxes, extent, makeFrame, niceTicks, linearScale } from './axes.js';
import { num, svgDocument, PLOT_OPTIONS, type PlotOptions } from './svg.js';

/** Options of {@link rasterPlotSvg}. */
export interface RasterPlotOptions extends PlotOptions {
  /** Time range shown, ms (default: the spikes' range, widened to whole ticks). */
  xRange?: [number, number];
  /** Rank range shown (default: 0 to the highest rank). */
  yRange?: [number, number];
  /** Colour of the spikes (default dark blue). */
  color?: string;
  /** Height of each spike mark in px (default: one rank, at least 1 and at most 6 px). */
  markerHeight?: number;
}

/** The keys of {@link RasterPlotOptions}. */
export const RASTER_PLOT_OPTIONS = optionKeys<RasterPlotOptions>()([...PLOT_OPTIONS, 'xRange', 'yRange', 'color', 'markerHeight']);

/**
 * Raster plot of spikes given as parallel arrays of times (ms) and ranks, e.g. the result of
 * `rasterPlot(spikes, {dt})`. Axes default to `time (ms)` and `neuron rank`. Spikes outside the
 * ranges are not drawn. The spike marks are the `M` segments of the path with class
 * `raster-spikes`.
 */
export function rasterPlotSvg(
  raster: { times: ArrayLike<number>; ranks: ArrayLike<number> }, opts: RasterPlotOptions = {},
): string {
  checkOptions(opts, RASTER_PLOT_OPTIONS, 'rasterPlotSvg()');
  const { times, ranks } = raster;
  if (times.length !== ranks.length) {
    throw new NetworkError(`rasterPlotSvg: ${times.length} times but ${ranks.length} ranks`);
  }
  const frame = makeFrame(opts);
  const [t0, t1] = opts.xRange ?? extent(times);
  const maxRank = ranks.length ? extent(ranks)[1] : 1;
  const [n0, n1] = opts.yRange ?? [0, Math.max(1, maxRank)];
  const xt = niceTicks(t0, t1, 6);
  const yt = niceTicks(n0, n1, 5);
  const sx = linearScale(xt.min, xt.max, frame.left, frame.right);
  const sy = linearScale(yt.min, yt.max, frame.bottom, frame.top);
  const perRank = Math.abs(sy(1) - sy(0));
  const h = opts.markerHeight ?? Math.min(6, Math.max(1, perRank));
  const parts: string[] = [];
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    const r = ranks[i]!;
    if (!(t >= xt.min && t <= xt.max && r >= yt.min && r <= yt.max)) continue;
    parts.push(`M${num(sx(t))} ${num(sy(r) + h / 2)}v${num(-h)}`);
  }
  const color = opts.color ?? '#1f3b73';
  const body = [
    ...drawAxes(frame, { ticks: xt, label: opts.xLabel ?? 'time (ms)' }, { ticks: yt, label: opts.yLabel ?? 'neuron rank' }, opts.title),
    `<path class="raster-spikes" stroke="${color}" stroke-width="1.2" fill="none" d="${parts.join('')}"/>`,
  ];
  return svgDocument(frame.width, frame.height, body);
}
