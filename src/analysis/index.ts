/**
 * Spike-train analysis: pure functions over spike data (`{rank: steps[]}`), usable on a live
 * monitor's `get('spike')` or on data loaded from a file. See `spikes.ts` for the unit conventions.
 */
export {
  type SpikeData, type SpikeTimeOptions, type WindowOptions, type Raster, rasterPlot,
  type SpikeRecordInfo, recordInfo,
} from './spikes.js';
export {
  type HistogramOptions, type Histogram, type NeuronHistogram, histogram,
  type MeanFrOptions, meanFr,
  type RateOptions, type RateSeries, type NeuronRates, populationRate, smoothedRate, lowPass,
} from './rates.js';
export {
  type IsiOptions, interSpikeInterval, type CvOptions, type CoefficientOfVariation, coefficientOfVariation,
} from './isi.js';
