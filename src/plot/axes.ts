/**
 * Axes shared by every plot: "nice" tick steps (1, 2 or 5 × 10^k), linear scales, the plot frame
 * with margins, and the SVG for ticks, grid, labels and title.
 */
import { esc, num, type PlotOptions } from './svg.js';

/** The step among 1, 2, 5 × 10^k closest above `span / target`, so about `target` intervals fit. */
export function niceStep(span: number, target = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  // Thresholds at the geometric means between candidates pick the closest step on a log scale.
  const f = norm <= Math.SQRT2 ? 1 : norm <= Math.sqrt(10) ? 2 : norm <= Math.sqrt(50) ? 5 : 10;
  return f * mag;
}

/** A numeric axis: its (possibly widened) domain and tick values. */
export interface AxisTicks {
  /** Lower end of the axis. */
  min: number;
  /** Upper end of the axis. */
  max: number;
  /** Tick spacing. */
  step: number;
  /** Tick values, ascending, inside `[min, max]`. */
  ticks: number[];
}

/**
 * Ticks for the range `[min, max]`. With `extend` (default true) the domain grows outwards to whole
 * steps so the axis starts and ends on a tick: 0–1000 gives 0, 200, …, 1000; 3–97 gives 0, 20, …,
 * 100. An empty range (`min == max`) is widened by one unit on each side of the value.
 */
export function niceTicks(min: number, max: number, target = 5, extend = true): AxisTicks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) { min = 0; max = 1; }
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.5;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, target);
  // A tolerance of 1e-9 step absorbs floating-point noise such as 0.30000000000000004.
  const eps = step * 1e-9;
  if (extend) {
    min = Math.floor(min / step + 1e-9) * step;
    max = Math.ceil(max / step - 1e-9) * step;
  }
  const ticks: number[] = [];
  for (let k = Math.ceil((min - eps) / step); k * step <= max + eps; k++) ticks.push(roundTo(k * step, step));
  return { min, max, step, ticks };
}

function decimals(step: number): number {
  return Math.max(0, Math.min(12, -Math.floor(Math.log10(step) + 1e-9)));
}

function roundTo(v: number, step: number): number {
  const d = decimals(step);
  const r = Number(v.toFixed(d));
  return Object.is(r, -0) ? 0 : r;
}

/** Formats a tick value with exactly the decimals its step needs (0.2 → "0.2", 200 → "200"). */
export function formatTick(v: number, step: number): string {
  const a = Math.abs(v);
  // Very large or small values read better in exponent form; toPrecision drops float noise.
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) return Number(v.toPrecision(6)).toExponential().replace('e+', 'e');
  return roundTo(v, step).toFixed(decimals(step));
}

/** A linear map from data values to pixels. */
export type Scale = (v: number) => number;

/** Linear scale from the domain `[d0, d1]` to the pixel range `[r0, r1]`. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** The drawing area of a plot inside the picture. */
export interface Frame {
  width: number;
  height: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Builds the frame from the options; `extraRight` reserves room for a legend or colour bar. */
export function makeFrame(opts: PlotOptions, extraRight = 0): Frame {
  const width = opts.width ?? 640;
  const height = opts.height ?? 400;
  const top = opts.title ? 36 : 16;
  return { width, height, left: 68, top, right: width - 20 - extraRight, bottom: height - 48 };
}

/** How to draw one axis. */
export interface AxisSpec {
  ticks: AxisTicks;
  label: string;
  /** Draw light grid lines at the ticks (default true). */
  grid?: boolean;
  /** Vertical axes only: put `min` at the top (matrix rows), not at the bottom. */
  reverse?: boolean;
}

/** SVG elements for the frame box, grid, ticks, tick labels, axis labels and title. */
export function drawAxes(frame: Frame, x: AxisSpec, y: AxisSpec, title?: string): string[] {
  const { left, right, top, bottom } = frame;
  const sx = linearScale(x.ticks.min, x.ticks.max, left, right);
  const sy = y.reverse ? linearScale(y.ticks.min, y.ticks.max, top, bottom) : linearScale(y.ticks.min, y.ticks.max, bottom, top);
  const grid: string[] = [];
  const marks: string[] = [];
  const labels: string[] = [];
  for (const t of x.ticks.ticks) {
    const px = num(sx(t));
    if (x.grid !== false) grid.push(`M${px} ${num(top)}V${num(bottom)}`);
    marks.push(`M${px} ${num(bottom)}v5`);
    labels.push(`<text x="${px}" y="${num(bottom + 18)}" text-anchor="middle">${esc(formatTick(t, x.ticks.step))}</text>`);
  }
  for (const t of y.ticks.ticks) {
    const py = num(sy(t));
    if (y.grid !== false) grid.push(`M${num(left)} ${py}H${num(right)}`);
    marks.push(`M${num(left)} ${py}h-5`);
    labels.push(`<text x="${num(left - 8)}" y="${py}" text-anchor="end" dominant-baseline="middle">${esc(formatTick(t, y.ticks.step))}</text>`);
  }
  const out = [
    `<g class="grid" stroke="#e6e6e6" stroke-width="1" fill="none"><path d="${grid.join('')}"/></g>`,
    `<g class="axes" stroke="#333333" stroke-width="1" fill="none">`
      + `<rect x="${num(left)}" y="${num(top)}" width="${num(right - left)}" height="${num(bottom - top)}"/>`
      + `<path d="${marks.join('')}"/></g>`,
    `<g class="tick-labels" fill="#333333">${labels.join('')}</g>`,
    `<text class="x-label" x="${num((left + right) / 2)}" y="${num(frame.height - 10)}" text-anchor="middle">${esc(x.label)}</text>`,
    `<text class="y-label" transform="translate(16 ${num((top + bottom) / 2)}) rotate(-90)" text-anchor="middle" dominant-baseline="middle">${esc(y.label)}</text>`,
  ];
  if (title) {
    out.push(`<text class="title" x="${num((left + right) / 2)}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  }
  return out;
}

/** Smallest and largest finite value of the arrays (`[0, 1]` when there is none). */
export function extent(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}
