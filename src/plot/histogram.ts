/**
 * Histogram of values (weights, ISIs, rates) as bars.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import { drawAxes, extent, linearScale, makeFrame, niceTicks } from './axes.js';
import { num, svgDocument, PLOT_OPTIONS, type PlotOptions } from './svg.js';

/** Counts of values per bin. */
export interface BinnedCounts {
  /** `bins + 1` ascending bin edges. */
  edges: Float64Array;
  /** Values in each bin. */
  counts: Int32Array;
}

/**
 * Bins values like `numpy.histogram`: `bins` equal bins over `range` (default: the values' range),
 * or explicit ascending edges. Bins are half-open `[a, b)` except the last, which includes its right
 * edge; values outside the range and non-finite values are ignored.
 */
export function binValues(values: ArrayLike<number>, bins: number | ArrayLike<number> = 20, range?: [number, number]): BinnedCounts {
  let edges: Float64Array;
  if (typeof bins === 'number') {
    if (!Number.isInteger(bins) || bins < 1) throw new NetworkError(`binValues: bins must be a positive integer, got ${bins}`);
    let [lo, hi] = range ?? extent(values);
    if (lo === hi) { lo -= 0.5; hi += 0.5; }
    edges = new Float64Array(bins + 1);
    for (let k = 0; k <= bins; k++) edges[k] = lo + ((hi - lo) * k) / bins;
  } else {
    edges = Float64Array.from(bins);
    if (edges.length < 2) throw new NetworkError('binValues: need at least two bin edges');
    for (let k = 1; k < edges.length; k++) {
      if (!(edges[k]! > edges[k - 1]!)) throw new NetworkError('binValues: bin edges must be strictly ascending');
    }
  }
  const n = edges.length - 1;
  const counts = new Int32Array(n);
  const lo = edges[0]!;
  const hi = edges[n]!;
  const uniform = typeof bins === 'number';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= lo && v <= hi)) continue;
    let k: number;
    if (uniform) {
      k = Math.min(n - 1, Math.floor(((v - lo) / (hi - lo)) * n));
      // Guard against rounding putting a value one bin off its edges.
      while (k > 0 && v < edges[k]!) k--;
      while (k < n - 1 && v >= edges[k + 1]!) k++;
    } else {
      let a = 0;
      let b = n - 1;
      while (a < b) { const m = (a + b + 1) >> 1; if (edges[m]! <= v) a = m; else b = m - 1; }
      k = a;
    }
    counts[k]!++;
  }
  return { edges, counts };
}

/** Options of {@link histogramSvg}. */
export interface HistogramPlotOptions extends PlotOptions {
  /** Number of equal bins (default 20) or explicit bin edges. */
  bins?: number | ArrayLike<number>;
  /** Range of the equal bins (default: the values' range). */
  range?: [number, number];
  /** Bar colour. */
  color?: string;
}

/** The keys of {@link HistogramPlotOptions}. */
export const HISTOGRAM_PLOT_OPTIONS = optionKeys<HistogramPlotOptions>()([...PLOT_OPTIONS, 'bins', 'range', 'color']);

/**
 * Histogram of values as adjacent bars. `bins`: a number of equal bins over `range` (default: the
 * values' extent) or the bin edges; each bin holds [left, right), the last one its right edge too;
 * values outside the range and non-finite values are ignored. Axes default to
 * `value` and `count`; pass e.g. `xLabel: 'ISI (ms)'` or `'weight'`.
 */
export function histogramSvg(values: ArrayLike<number>, opts: HistogramPlotOptions = {}): string {
  checkOptions(opts, HISTOGRAM_PLOT_OPTIONS, 'histogramSvg()');
  const { edges, counts } = binValues(values, opts.bins ?? 20, opts.range);
  const frame = makeFrame(opts);
  const xt = niceTicks(edges[0]!, edges[edges.length - 1]!, 6, false);
  const yt = niceTicks(0, Math.max(1, ...counts), 5);
  const sx = linearScale(xt.min, xt.max, frame.left, frame.right);
  const sy = linearScale(yt.min, yt.max, frame.bottom, frame.top);
  const bars: string[] = [];
  counts.forEach((c, k) => {
    if (c === 0) return;
    const x0 = sx(edges[k]!);
    const x1 = sx(edges[k + 1]!);
    bars.push(`<rect x="${num(x0)}" y="${num(sy(c))}" width="${num(Math.max(0.5, x1 - x0))}" height="${num(frame.bottom - sy(c))}"/>`);
  });
  const body = [
    ...drawAxes(frame, { ticks: xt, label: opts.xLabel ?? 'value' }, { ticks: yt, label: opts.yLabel ?? 'count' }, opts.title),
    `<g class="bars" fill="${opts.color ?? '#4c72b0'}" stroke="#ffffff" stroke-width="0.5">${bars.join('')}</g>`,
  ];
  return svgDocument(frame.width, frame.height, body);
}
