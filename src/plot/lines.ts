/**
 * Line plots over time: recorded variables of selected neurons (`tracesSvg`) and population rates
 * (`populationRateSvg`).
 */
import { NetworkError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import { drawAxes, extent, linearScale, makeFrame, niceTicks, type Frame, type Scale } from './axes.js';
import { esc, num, svgDocument, PALETTE, PLOT_OPTIONS, type PlotOptions } from './svg.js';

/** Options of {@link tracesSvg}. */
export interface TracesOptions extends PlotOptions {
  /** Time range shown, ms (default: the range of `t`). */
  xRange?: [number, number];
  /** Value range shown (default: the values' range, widened to whole ticks). */
  yRange?: [number, number];
  /** Line colours, cycled (default: tab10). */
  colors?: string[];
  /** Line width in px (default 1.5). */
  lineWidth?: number;
}

/** The keys of {@link TracesOptions}. */
export const TRACES_OPTIONS = optionKeys<TracesOptions>()([...PLOT_OPTIONS, 'xRange', 'yRange', 'colors', 'lineWidth']);

/** Time series sharing one time axis. */
export interface TraceSeries {
  /** Time of each sample, ms. */
  t: ArrayLike<number>;
  /** One array of samples per trace (or a single array for one trace), each as long as `t`. */
  values: ArrayLike<number> | ArrayLike<number>[];
  /** Legend entries, one per trace (no legend when absent). */
  labels?: string[];
}

/**
 * Picks columns (neurons) out of a recording stored row-major as `(T, N)`, which is how monitors
 * return variables, giving one trace per selected neuron for {@link tracesSvg}.
 */
export function selectColumns(data: ArrayLike<number>, n: number, columns: number[]): Float64Array[] {
  const rows = Math.floor(data.length / n);
  return columns.map((c) => {
    if (!(c >= 0 && c < n)) throw new NetworkError(`selectColumns: column ${c} is outside 0…${n - 1}`);
    const out = new Float64Array(rows);
    for (let r = 0; r < rows; r++) out[r] = data[r * n + c]!;
    return out;
  });
}

function isArrayOfArrays(v: TraceSeries['values']): v is ArrayLike<number>[] {
  return Array.isArray(v) && (v.length === 0 || typeof v[0] !== 'number');
}

/**
 * Path data for one trace. Gaps (non-finite samples) break the line. When there are many more
 * samples than pixels, each pixel column keeps only its first, min, max and last samples, which
 * draws the same picture with a bounded path size.
 */
function tracePath(t: ArrayLike<number>, v: ArrayLike<number>, sx: Scale, sy: Scale, frame: Frame): string {
  const parts: string[] = [];
  let pen = false;
  const decimate = t.length > 4 * (frame.right - frame.left);
  let col = NaN;
  let bucket: number[] = [];
  const flush = (): void => {
    if (bucket.length === 0) return;
    let lo = bucket[0]!;
    let hi = bucket[0]!;
    for (const i of bucket) { if (v[i]! < v[lo]!) lo = i; if (v[i]! > v[hi]!) hi = i; }
    const keep = [...new Set([bucket[0]!, lo, hi, bucket[bucket.length - 1]!])].sort((a, b) => a - b);
    for (const i of keep) { parts.push(`${pen ? 'L' : 'M'}${num(sx(t[i]!))} ${num(sy(v[i]!))}`); pen = true; }
    bucket = [];
  };
  for (let i = 0; i < t.length; i++) {
    const ti = t[i]!;
    const vi = v[i]!;
    if (!Number.isFinite(ti) || !Number.isFinite(vi)) { flush(); pen = false; continue; }
    if (decimate) {
      const c = Math.floor(sx(ti));
      if (c !== col) { flush(); col = c; }
      bucket.push(i);
    } else {
      parts.push(`${pen ? 'L' : 'M'}${num(sx(ti))} ${num(sy(vi))}`);
      pen = true;
    }
  }
  flush();
  return parts.join('');
}

/**
 * Plots variables of selected neurons over time, one coloured line each, with an optional legend.
 * Axes default to `time (ms)` and `value`.
 */
export function tracesSvg(series: TraceSeries, opts: TracesOptions = {}): string {
  checkOptions(opts, TRACES_OPTIONS, 'tracesSvg()');
  const traces = isArrayOfArrays(series.values) ? series.values : [series.values];
  for (const [k, v] of traces.entries()) {
    if (v.length !== series.t.length) throw new NetworkError(`tracesSvg: trace ${k} has ${v.length} samples but t has ${series.t.length}`);
  }
  const labels = series.labels;
  const legendWidth = labels?.length ? Math.min(160, 28 + 7 * Math.max(...labels.map((l) => l.length))) : 0;
  const frame = makeFrame(opts, legendWidth);
  const [t0, t1] = opts.xRange ?? extent(series.t);
  const [v0, v1] = opts.yRange ?? extent(...traces);
  // Time axes end where the data end: widening them would leave blank margins.
  const xt = niceTicks(t0, t1, 6, false);
  const yt = niceTicks(v0, v1, 5);
  const sx = linearScale(xt.min, xt.max, frame.left, frame.right);
  const sy = linearScale(yt.min, yt.max, frame.bottom, frame.top);
  const colors = opts.colors ?? PALETTE;
  const width = opts.lineWidth ?? 1.5;
  const body = drawAxes(frame, { ticks: xt, label: opts.xLabel ?? 'time (ms)' }, { ticks: yt, label: opts.yLabel ?? 'value' }, opts.title);
  const clip = `clip${Math.round(frame.width)}x${Math.round(frame.height)}`;
  body.push(`<clipPath id="${clip}"><rect x="${num(frame.left)}" y="${num(frame.top)}" width="${num(frame.right - frame.left)}" height="${num(frame.bottom - frame.top)}"/></clipPath>`);
  traces.forEach((v, k) => {
    const color = colors[k % colors.length]!;
    body.push(`<path class="trace" clip-path="url(#${clip})" fill="none" stroke="${color}" stroke-width="${num(width)}" stroke-linejoin="round" d="${tracePath(series.t, v, sx, sy, frame)}"/>`);
  });
  if (labels?.length) {
    const x = frame.right + 12;
    labels.forEach((label, k) => {
      const y = frame.top + 8 + 18 * k;
      body.push(`<g class="legend"><path d="M${num(x)} ${num(y)}h18" stroke="${colors[k % colors.length]}" stroke-width="2.5"/>`
        + `<text x="${num(x + 24)}" y="${num(y)}" dominant-baseline="middle">${esc(label)}</text></g>`);
    });
  }
  return svgDocument(frame.width, frame.height, body);
}

/** Options of {@link populationRateSvg}. */
export interface PopulationRateOptions extends TracesOptions {
  /** Legend entry (e.g. the population's name). */
  label?: string;
}

/** The keys of {@link PopulationRateOptions}. */
export const POPULATION_RATE_OPTIONS = optionKeys<PopulationRateOptions>()([...TRACES_OPTIONS, 'label']);

/**
 * Plots a population rate over time, e.g. the result of `populationRate(spikes, {dt, smooth})`.
 * The rate axis starts at 0; axes default to `time (ms)` and `rate (Hz)`.
 */
export function populationRateSvg(
  series: { times: ArrayLike<number>; rate: ArrayLike<number> }, opts: PopulationRateOptions = {},
): string {
  checkOptions(opts, POPULATION_RATE_OPTIONS, 'populationRateSvg()');
  const { label, ...traces } = opts;
  const [, hi] = extent(series.rate);
  return tracesSvg(
    { t: series.times, values: [series.rate], labels: label ? [label] : undefined },
    { yLabel: 'rate (Hz)', yRange: [0, hi > 0 ? hi : 1], ...traces },
  );
}
