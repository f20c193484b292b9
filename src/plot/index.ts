/**
 * Plots as standalone SVG strings, hand-written with no dependency and no DOM, so they work the
 * same in Node and browsers. Write them to disk (or convert to PNG) with `plot/node.ts`.
 *
 * This is the public plot API that the package root re-exports: the plot functions, their options
 * and `selectColumns` (which turns a recorded (T, N) array into the series `tracesSvg` draws). The
 * helpers the plots are drawn with (axes and ticks in `axes.ts`, colours and escaping in `svg.ts`,
 * binning in `histogram.ts`) are imported from their modules by the plots, the notebook display
 * and the tests; they are not part of the package's API.
 */
export type { PlotOptions, ColormapName } from './svg.js';
export { type RasterPlotOptions, rasterPlotSvg } from './raster.js';
export {
  type TracesOptions, type TraceSeries, type PopulationRateOptions, tracesSvg, populationRateSvg, selectColumns,
} from './lines.js';
export { type MatrixInput, type WeightMatrixOptions, weightMatrixSvg } from './matrix.js';
export { type HistogramPlotOptions, histogramSvg } from './histogram.js';
export { monitorRasterSvg, monitorTracesSvg } from './monitor.js';
