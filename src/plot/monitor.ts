/**
 * Plots straight from a `Monitor`: `monitorRasterSvg(m)` (its spikes) and
 * `monitorTracesSvg(m, variable, ranks)` (a recorded variable of selected neurons). Browser-safe;
 * write the string with `plot/node.ts` `writeSvg` in Node. Both read the data with `keep: true`,
 * so the monitor's buffers are left as they are.
 */
import { NetworkError } from '../errors.js';
import type { Monitor } from '../core/Monitor.js';
import { rasterPlot } from '../analysis/index.js';
import { rasterPlotSvg, type RasterPlotOptions } from './raster.js';
import { tracesSvg, type TracesOptions } from './lines.js';

/** Raster plot (time in ms, neuron rank) of a monitor recording `'spike'`. */
export function monitorRasterSvg(monitor: Monitor, opts: RasterPlotOptions = {}): string {
  if (!monitor.variables.includes('spike')) throw new NetworkError(`monitorRasterSvg: the monitor does not record 'spike' (it records: ${monitor.variables.join(', ')})`);
  const dt = monitor.network.dt;
  return rasterPlotSvg(rasterPlot(monitor.get('spike', { keep: true }), { dt }), opts);
}

/** Times (ms) of the samples of `variable`: the recording windows, every `period`. */
function sampleTimes(monitor: Monitor, variable: string, n: number): Float64Array {
  const dt = monitor.network.dt;
  const p = Math.max(1, Math.round(monitor.period / dt));
  const w = monitor.times()[variable] ?? { start: [], stop: [] };
  const t = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < w.start.length && k < n; i++) {
    const stop = i < w.stop.length ? w.stop[i]! : Infinity;
    for (let s = w.start[i]!; s < stop && k < n; s += p) t[k++] = s * dt;
  }
  for (; k < n; k++) t[k] = (k ? t[k - 1]! : 0) + p * dt;
  return t;
}

/**
 * Traces of `variable` for neurons `ranks` (default: up to the first 5) of a monitored population,
 * one line each with a legend; time in ms on the x axis.
 */
export function monitorTracesSvg(monitor: Monitor, variable: string, ranks?: number[], opts: TracesOptions = {}): string {
  if (!monitor.variables.includes(variable)) throw new NetworkError(`monitorTracesSvg: the monitor does not record '${variable}' (it records: ${monitor.variables.join(', ')})`);
  const rows = monitor.get(variable, { keep: true, reshape: false }) as Float64Array[];
  const width = rows[0]?.length ?? 0;
  const sel = ranks ?? Array.from({ length: Math.min(5, width) }, (_, i) => i);
  for (const r of sel) if (!(r >= 0 && r < width)) throw new NetworkError(`monitorTracesSvg: rank ${r} out of range (0..${width - 1})`);
  const t = sampleTimes(monitor, variable, rows.length);
  const values = sel.map((r) => Float64Array.from(rows, (row) => row[r]!));
  return tracesSvg({ t, values, labels: sel.map((r) => `${variable}[${r}]`) }, { yLabel: variable, ...opts });
}
