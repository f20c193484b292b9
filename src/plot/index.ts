/**
 * Plots as standalone SVG strings, hand-written with no dependency and no DOM, so they work the
 * same in Node and browsers. Write them to disk (or convert to PNG) with `plot/node.ts`.
 */
export { type PlotOptions, type ColormapName, PALETTE, COLORMAPS, colormap, esc } from './svg.js';
export {
  type AxisTicks, type Scale, type Frame, type AxisSpec,
  niceStep, niceTicks, formatTick, linearScale, makeFrame, drawAxes, extent,
} from './axes.js';
export { type RasterPlotOptions, rasterPlotSvg } from './raster.js';
export {
  type TracesOptions, type TraceSeries, type PopulationRateOptions, tracesSvg, populationRateSvg, selectColumns,
} from './lines.js';
export { type MatrixInput, type WeightMatrixOptions, weightMatrixSvg } from './matrix.js';
export { type BinnedCounts, type HistogramPlotOptions, binValues, histogramSvg } from './histogram.js';
export { monitorRasterSvg, monitorTracesSvg } from './monitor.js';
