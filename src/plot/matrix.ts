/**
 * Heat map of a matrix (typically a projection's weights, post-synaptic rows × pre-synaptic
 * columns, as ANNarchy's `connectivity_matrix`) with a colour bar.
 */
import { NetworkError } from '../errors.js';
import { checkOptions, optionKeys } from '../core/options.js';
import { drawAxes, formatTick, linearScale, makeFrame, niceTicks, type AxisTicks } from './axes.js';
import { colormap, COLORMAPS, esc, num, svgDocument, PLOT_OPTIONS, type ColormapName, type PlotOptions } from './svg.js';

/** A dense matrix: an array of rows, or flat row-major data with its dimensions. */
export type MatrixInput = ArrayLike<number>[] | {
  /** The values, row after row. */
  data: ArrayLike<number>;
  /** Number of rows. */
  rows: number;
  /** Number of columns. */
  cols: number;
};

/** Options of {@link weightMatrixSvg}. */
export interface WeightMatrixOptions extends PlotOptions {
  /** Value mapped to the bottom of the colour map (default: the smallest finite value). */
  vmin?: number;
  /** Value mapped to the top of the colour map (default: the largest finite value). */
  vmax?: number;
  /** Colour map (default `'viridis'`; `'rdbu'` suits signed weights). */
  colormap?: ColormapName;
  /** Label of the colour bar (default `weight`). */
  colorbarLabel?: string;
  /**
   * Most cells drawn (default 62 500 = 250 × 250). Larger matrices are averaged over blocks first,
   * so the SVG stays a few MB at most; the axes still show the original ranks.
   */
  maxCells?: number;
}

/** The keys of {@link WeightMatrixOptions}. */
export const WEIGHT_MATRIX_OPTIONS = optionKeys<WeightMatrixOptions>()([...PLOT_OPTIONS, 'vmin', 'vmax', 'colormap', 'colorbarLabel', 'maxCells']);

function toFlat(m: MatrixInput): { data: ArrayLike<number>; rows: number; cols: number } {
  if (!Array.isArray(m)) {
    const { data, rows, cols } = m as { data: ArrayLike<number>; rows: number; cols: number };
    if (data.length !== rows * cols) throw new NetworkError(`weightMatrixSvg: ${rows}×${cols} matrix needs ${rows * cols} values, got ${data.length}`);
    return { data, rows, cols };
  }
  const rows = m.length;
  const cols = rows ? m[0]!.length : 0;
  const data = new Float64Array(rows * cols);
  m.forEach((row, r) => {
    if (row.length !== cols) throw new NetworkError(`weightMatrixSvg: row ${r} has ${row.length} values, row 0 has ${cols}`);
    for (let c = 0; c < cols; c++) data[r * cols + c] = row[c]!;
  });
  return { data, rows, cols };
}

/** Averages `by × bx` blocks, ignoring non-finite cells (a block without any stays NaN). */
function blockAverage(data: ArrayLike<number>, rows: number, cols: number, by: number, bx: number) {
  const R = Math.ceil(rows / by);
  const C = Math.ceil(cols / bx);
  const sum = new Float64Array(R * C);
  const cnt = new Float64Array(R * C);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = data[r * cols + c]!;
      if (!Number.isFinite(v)) continue;
      const k = Math.floor(r / by) * C + Math.floor(c / bx);
      sum[k]! += v;
      cnt[k]!++;
    }
  }
  for (let k = 0; k < sum.length; k++) sum[k] = cnt[k] ? sum[k]! / cnt[k]! : NaN;
  return { data: sum, rows: R, cols: C };
}

/** Ticks on integer indices `0…n−1`, placed at cell centres of a `[-0.5, n−0.5]` axis. */
function indexTicks(n: number): AxisTicks {
  const t = niceTicks(0, Math.max(1, n - 1), 5, false);
  return { min: -0.5, max: n - 0.5, step: Math.max(1, t.step), ticks: t.ticks.filter((v) => Number.isInteger(v) && v < n) };
}

/**
 * Heat map of a matrix with a colour bar. Row 0 is at the top; axes default to
 * `pre-synaptic rank` (columns) and `post-synaptic rank` (rows). Non-finite cells (no synapse) are
 * left blank. Horizontal runs of equal colour are merged into one rectangle.
 */
export function weightMatrixSvg(matrix: MatrixInput, opts: WeightMatrixOptions = {}): string {
  checkOptions(opts, WEIGHT_MATRIX_OPTIONS, 'weightMatrixSvg()');
  const full = toFlat(matrix);
  if (full.rows === 0 || full.cols === 0) throw new NetworkError('weightMatrixSvg: empty matrix');
  let vmin = opts.vmin ?? Infinity;
  let vmax = opts.vmax ?? -Infinity;
  if (opts.vmin === undefined || opts.vmax === undefined) {
    for (let i = 0; i < full.data.length; i++) {
      const v = full.data[i]!;
      if (!Number.isFinite(v)) continue;
      if (opts.vmin === undefined && v < vmin) vmin = v;
      if (opts.vmax === undefined && v > vmax) vmax = v;
    }
  }
  if (!Number.isFinite(vmin) || !Number.isFinite(vmax)) { vmin = 0; vmax = 1; }
  if (vmin === vmax) { vmin -= 0.5; vmax += 0.5; }

  const maxCells = opts.maxCells ?? 62_500;
  const scale = Math.sqrt((full.rows * full.cols) / maxCells);
  const by = scale > 1 ? Math.ceil(full.rows / Math.max(1, Math.floor(full.rows / scale))) : 1;
  const bx = scale > 1 ? Math.ceil(full.cols / Math.max(1, Math.floor(full.cols / scale))) : 1;
  const shown = by > 1 || bx > 1 ? blockAverage(full.data, full.rows, full.cols, by, bx) : full;

  const cmap = opts.colormap ?? 'viridis';
  const frame = makeFrame(opts, 78);
  const xt = indexTicks(full.cols);
  const yt = indexTicks(full.rows);
  const cw = (frame.right - frame.left) / shown.cols;
  const ch = (frame.bottom - frame.top) / shown.rows;

  const cells: string[] = [];
  for (let r = 0; r < shown.rows; r++) {
    let c = 0;
    while (c < shown.cols) {
      const v = shown.data[r * shown.cols + c]!;
      if (!Number.isFinite(v)) { c++; continue; }
      const color = colormap(cmap, (v - vmin) / (vmax - vmin));
      let end = c + 1;
      while (end < shown.cols) {
        const w = shown.data[r * shown.cols + end]!;
        if (!Number.isFinite(w) || colormap(cmap, (w - vmin) / (vmax - vmin)) !== color) break;
        end++;
      }
      // A quarter-pixel overlap hides the hairline seams renderers leave between adjacent cells.
      cells.push(`<rect x="${num(frame.left + c * cw)}" y="${num(frame.top + r * ch)}" width="${num((end - c) * cw + 0.25)}" height="${num(ch + 0.25)}" fill="${color}"/>`);
      c = end;
    }
  }

  const body = [
    `<g class="cells" shape-rendering="crispEdges">${cells.join('')}</g>`,
    ...drawAxes(frame,
      { ticks: xt, label: opts.xLabel ?? 'pre-synaptic rank', grid: false },
      { ticks: yt, label: opts.yLabel ?? 'post-synaptic rank', grid: false, reverse: true }, opts.title),
    ...colorbar(frame.right + 16, frame.top, frame.bottom, vmin, vmax, cmap, opts.colorbarLabel ?? 'weight'),
  ];
  return svgDocument(frame.width, frame.height, body);
}

function colorbar(x: number, top: number, bottom: number, vmin: number, vmax: number, cmap: ColormapName, label: string): string[] {
  const id = `cbar-${cmap}`;
  const n = COLORMAPS[cmap].length;
  const stops = Array.from({ length: 2 * n - 1 }, (_, k) => {
    const u = k / (2 * n - 2);
    // offset 0 is the top of the bar, which shows vmax.
    return `<stop offset="${num(u * 100)}%" stop-color="${colormap(cmap, 1 - u)}"/>`;
  });
  const w = 14;
  const t = niceTicks(vmin, vmax, 5, false);
  const sy = linearScale(vmin, vmax, bottom, top);
  const ticks = t.ticks.map((v) => `<path d="M${num(x + w)} ${num(sy(v))}h4" stroke="#333333"/>`
    + `<text x="${num(x + w + 7)}" y="${num(sy(v))}" dominant-baseline="middle" font-size="11">${esc(formatTick(v, t.step))}</text>`);
  return [
    `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${stops.join('')}</linearGradient></defs>`,
    `<g class="colorbar"><rect x="${num(x)}" y="${num(top)}" width="${w}" height="${num(bottom - top)}" fill="url(#${id})" stroke="#333333"/>${ticks.join('')}`
      + `<text transform="translate(${num(x + w + 52)} ${num((top + bottom) / 2)}) rotate(-90)" text-anchor="middle" font-size="11">${esc(label)}</text></g>`,
  ];
}
