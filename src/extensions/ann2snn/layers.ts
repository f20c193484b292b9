/**
 * The trained network as the converter reads it, whatever the file format: a chain of layers from
 * an input to the last layer, each with its kind and, for dense layers, the weight matrix
 * (post × pre, ANNarchy's orientation: row j holds the weights into unit j). Only what the
 * conversion can honour is accepted: a layer it cannot convert is refused with the reason, never
 * skipped silently.
 */
import { LoadError } from '../../io/network-io.js';

/** One layer of the trained network. */
export type AnnLayer =
  | { kind: 'input'; name: string; shape: number[] }
  | { kind: 'dense'; name: string; units: number; inputs: number; weights: Float64Array; activation: string }
  /**
   * A 2-D convolution with 'same' padding and stride 1 (Keras Conv2D, channels last): `weights` is the
   * bank (filters × kh × kw × channels, C order), applied with neurarchy's Convolution.
   */
  | { kind: 'conv2d'; name: string; filters: number; kernel: [number, number]; channels: number; weights: Float64Array; activation: string }
  /** 2-D pooling (Keras MaxPooling2D / AveragePooling2D, strides = pool size, 'valid'), with neurarchy's Pooling. */
  | { kind: 'pool2d'; name: string; operation: 'max' | 'mean'; pool: [number, number] }
  /** Layers that change nothing the spiking network computes (Dropout, Flatten, an activation applied by the neurons). */
  | { kind: 'pass'; name: string; className: string };

/** The layers, input first, as read from `source` (a file name, for messages). */
export interface AnnModel {
  source: string;
  format: 'tfjs' | 'onnx' | 'keras-h5' | 'keras3';
  layers: AnnLayer[];
}

/** Activations a hidden layer may have: the integrate-and-fire neurons approximate a ReLU. */
const HIDDEN_ACTIVATIONS = ['relu', 'linear'];
/** The read-out picks the largest activity, which a softmax does not change. */
const OUTPUT_ACTIVATIONS = ['relu', 'linear', 'softmax'];

/** Why the other convolution and pooling layers are refused. */
export const SPATIAL_LATER = "only Conv2D (padding 'same', strides 1, odd kernels, channels last, no bias) and MaxPooling2D / AveragePooling2D (strides = pool size, 'valid') are converted, with the Convolution and Pooling projections";

/** The layers with weights (dense and convolution), in order: what the normalisation scales. */
export type WeightedLayer = Extract<AnnLayer, { kind: 'dense' | 'conv2d' }>;

/** The weighted layers as rows (post-synaptic unit or filter) × inputs, for the normalisation. */
export function weightRows(l: WeightedLayer): { weights: Float64Array; pre: number; name: string } {
  return l.kind === 'dense' ? { weights: l.weights, pre: l.inputs, name: l.name } : { weights: l.weights, pre: l.kernel[0] * l.kernel[1] * l.channels, name: l.name };
}

/**
 * Checks that the chain can be converted: an input first, dense sizes that follow each other,
 * activations the spiking neurons reproduce. Throws a LoadError naming the layer and the fix.
 */
export function checkModel(model: AnnModel): void {
  const where = `ANNtoSNNConverter.loadModel('${model.source}')`;
  const [first] = model.layers;
  if (!first || first.kind !== 'input') throw new LoadError(`${where}: the first layer must be the input (a Keras Input / InputLayer, an ONNX graph input)`);
  let shape = [...first.shape];
  let size = shape.reduce((a, b) => a * b, 1);
  const dense = model.layers.filter((l): l is WeightedLayer => l.kind === 'dense' || l.kind === 'conv2d');
  if (dense.length === 0 || dense[dense.length - 1].kind !== 'dense') throw new LoadError(`${where}: the network must end with a dense layer (the read-out)`);
  for (const l of model.layers) {
    if (l.kind === 'pool2d') {
      const [h, w, c] = shape;
      if (shape.length !== 3 || h % l.pool[0] !== 0 || w % l.pool[1] !== 0) throw new LoadError(`${where}: layer '${l.name}' pools ${l.pool.join('×')} blocks of a [${shape}] input; the height and width must be multiples of the pool size`);
      shape = [h / l.pool[0], w / l.pool[1], c];
      size = shape.reduce((a, b) => a * b, 1);
      continue;
    }
    if (l.kind === 'pass' && l.className === 'Flatten') shape = [size];
    if (l.kind !== 'dense' && l.kind !== 'conv2d') continue;
    if (l.kind === 'conv2d') {
      if (shape.length !== 3 || shape[2] !== l.channels) throw new LoadError(`${where}: layer '${l.name}' convolves [height, width, ${l.channels}] inputs but the layer before gives [${shape}]`);
    } else if (l.inputs !== size) throw new LoadError(`${where}: layer '${l.name}' takes ${l.inputs} inputs but the layer before gives ${size}`);
    const last = l === dense[dense.length - 1];
    const allowed = last ? OUTPUT_ACTIVATIONS : HIDDEN_ACTIVATIONS;
    if (!allowed.includes(l.activation)) {
      throw new LoadError(`${where}: layer '${l.name}' has the activation '${l.activation}'; the integrate-and-fire neurons reproduce ${allowed.join(' or ')} (train with ${last ? "'softmax', 'relu' or 'linear' on the last layer" : "'relu' on the hidden layers"})`);
    }
    for (const w of l.weights) {
      if (!Number.isFinite(w)) throw new LoadError(`${where}: layer '${l.name}' has a weight that is NaN or infinite`);
    }
    shape = l.kind === 'dense' ? [l.units] : [shape[0], shape[1], l.filters];
    size = shape.reduce((a, b) => a * b, 1);
  }
}

/** A layer with a bias is refused (ANNarchy's converter has no bias either); an all-zero bias is accepted. */
export function refuseBias(bias: ArrayLike<number> | undefined, layer: string, source: string): void {
  if (!bias) return;
  for (let i = 0; i < bias.length; i++) {
    if (bias[i] !== 0) {
      throw new LoadError(`ANNtoSNNConverter.loadModel('${source}'): layer '${layer}' has a bias; the converted neurons have none (ANNarchy's converter neither): train the network without bias (Keras: useBias/use_bias: false; PyTorch: bias=False)`);
    }
  }
}

/** The post × pre matrix of a kernel stored input-major (Keras, and ONNX MatMul: shape [inputs, units]). */
export function transposeKernel(kernel: ArrayLike<number>, inputs: number, units: number): Float64Array {
  const w = new Float64Array(inputs * units);
  for (let i = 0; i < inputs; i++) for (let j = 0; j < units; j++) w[j * inputs + i] = kernel[i * units + j];
  return w;
}
