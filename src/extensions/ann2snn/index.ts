/** ANN-to-SNN conversion (ANNarchy's `ANNarchy.extensions.ann_to_snn_conversion`). */
export { ANNtoSNNConverter, type ANNtoSNNConverterOptions, type LoadModelOptions, type PredictOptions, type InputEncoding, type ReadOut } from './ANNtoSNNConverter.js';
export { CPN, IB, PSO, IaF, IaF_TTKS, IaF_Acc } from './neurons.js';
export type { AnnLayer, AnnModel } from './layers.js';
