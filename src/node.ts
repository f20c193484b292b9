/**
 * `neurarchy/node`: the helpers that need Node.js (file system, native packages), kept out of the
 * main entry point so that browser bundles of `neurarchy` never pull them in.
 */
export { writeSvg, svgToPng, writePng, type PngOptions } from './plot/node.js';
/** ANNarchy's TensorBoard extension: `Logger` writes TensorBoard event files (Node.js only). */
export * from './extensions/logger/index.js';
/** ANNarchy's ANN-to-SNN conversion: `ANNtoSNNConverter` reads TensorFlow.js, ONNX and Keras .h5 files (Node.js only). */
export { ANNtoSNNConverter, type ANNtoSNNConverterOptions, type LoadModelOptions, type PredictOptions, type InputEncoding, type ReadOut, type AnnLayer, type AnnModel } from './extensions/ann2snn/index.js';
