/**
 * The TensorBoard logging extension (ANNarchy's `ANNarchy.extensions.tensorboard`). Node.js only:
 * the Logger writes event files.
 */
export {
  Logger, type LoggerOptions, type AddImageOptions, type AddImagesOptions, type AddHistogramOptions, type AddFigureOptions,
  type ImageInput, type HParamValue,
} from './logger.js';
