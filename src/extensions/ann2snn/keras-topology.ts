/**
 * The Keras model configuration (the JSON that Keras writes as `model_config` in `.h5` files and
 * TensorFlow.js as `modelTopology` in `model.json`): a Sequential or functional model whose
 * layers form a chain. Weights are looked up per layer by the caller (`kernelOf`).
 */
import { LoadError } from '../../io/network-io.js';
import { SPATIAL_LATER, refuseBias, transposeKernel, type AnnLayer } from './layers.js';

interface KerasLayerJson { class_name?: string; className?: string; config?: Record<string, unknown>; name?: string }

/** A layer's stored weights: `kernel` (shape [inputs, units]) and `bias`, when the layer has them. */
export type WeightLookup = (layer: string) => { kernel?: { data: ArrayLike<number>; shape: number[] }; bias?: ArrayLike<number> };

const PASS = new Set(['Dropout', 'Flatten', 'Activation', 'ReLU', 'Softmax', 'Reshape', 'GaussianNoise', 'AlphaDropout', 'SpatialDropout2D']);
const SPATIAL = new Set(['Conv2D', 'Convolution2D', 'MaxPooling2D', 'MaxPool2D', 'AveragePooling2D', 'AvgPool2D', 'Conv1D', 'Conv3D', 'DepthwiseConv2D', 'SeparableConv2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D']);

/** The layers of a Keras model configuration, input first. */
export function kerasLayers(topology: unknown, weights: WeightLookup, source: string): AnnLayer[] {
  const where = `ANNtoSNNConverter.loadModel('${source}')`;
  const top = topology as { model_config?: unknown; class_name?: string; config?: unknown };
  const model = (top && typeof top === 'object' && 'model_config' in top ? top.model_config : top) as { class_name?: string; config?: unknown } | undefined;
  if (!model || typeof model !== 'object') throw new LoadError(`${where}: no model configuration (modelTopology / model_config) found`);
  const config = model.config as { layers?: KerasLayerJson[] } | KerasLayerJson[] | undefined;
  const list = Array.isArray(config) ? config : config?.layers;
  if (!Array.isArray(list)) throw new LoadError(`${where}: the model configuration (class '${model.class_name}') has no list of layers`);
  const out: AnnLayer[] = [];
  let previous: string | undefined;
  for (const raw of list) {
    const className = raw.class_name ?? raw.className ?? '?';
    const cfg = (raw.config ?? {}) as Record<string, unknown>;
    const name = String(cfg.name ?? raw.name ?? className);
    // A functional model names each layer's inputs: the converter builds a chain, so a layer fed by
    // anything but the layer listed before it (branches, merges, skips) is refused.
    const inbound = inboundLayers((raw as { inbound_nodes?: unknown }).inbound_nodes);
    if (inbound !== undefined && previous !== undefined && (inbound.length !== 1 || inbound[0] !== previous)) {
      throw new LoadError(`${where}: layer '${name}' takes its input from ${inbound.map((l) => `'${l}'`).join(', ') || 'nothing'}, not from the layer before it ('${previous}'): the converter handles chains of layers only`);
    }
    previous = name;
    const batchShape = (cfg.batch_input_shape ?? cfg.batch_shape ?? cfg.batchInputShape) as (number | null)[] | undefined;
    if (className === 'InputLayer') {
      if (!Array.isArray(batchShape)) throw new LoadError(`${where}: the input layer '${name}' has no shape`);
      out.push({ kind: 'input', name, shape: inputShape(batchShape, name, where) });
      continue;
    }
    // A Sequential model may give its input shape on its first layer instead of an InputLayer.
    if (out.length === 0 && Array.isArray(batchShape)) out.push({ kind: 'input', name: `${name}_input`, shape: inputShape(batchShape, name, where) });
    if (className === 'Dense') {
      const units = Number(cfg.units);
      const w = weights(name);
      if (!w.kernel) throw new LoadError(`${where}: no kernel weights found for the dense layer '${name}'`);
      const [inputs, u] = w.kernel.shape;
      if (u !== units || w.kernel.shape.length !== 2) throw new LoadError(`${where}: the kernel of '${name}' has the shape [${w.kernel.shape}], expected [inputs, ${units}]`);
      refuseBias(w.bias, name, source);
      out.push({ kind: 'dense', name, units, inputs, weights: transposeKernel(w.kernel.data, inputs, units), activation: activationOf(cfg.activation) });
    } else if (PASS.has(className)) {
      if (className === 'Activation' || className === 'ReLU' || className === 'Softmax') {
        const act = className === 'Activation' ? activationOf(cfg.activation) : className.toLowerCase();
        const prev = [...out].reverse().find((l) => l.kind === 'dense' || l.kind === 'conv2d');
        // An activation written as its own layer acts on the dense (or convolution) layer before it.
        if (prev && (prev.kind === 'dense' || prev.kind === 'conv2d') && prev.activation === 'linear') prev.activation = act;
        else if (act !== 'linear' && !(prev && (prev.kind === 'dense' || prev.kind === 'conv2d') && prev.activation === act)) throw new LoadError(`${where}: the activation layer '${name}' (${act}) does not follow a dense layer without activation`);
      }
      out.push({ kind: 'pass', name, className });
    } else if (className === 'Conv2D' || className === 'Convolution2D') {
      out.push(conv2d(cfg, name, weights(name), source));
    } else if (className === 'MaxPooling2D' || className === 'MaxPool2D' || className === 'AveragePooling2D' || className === 'AvgPool2D') {
      out.push(pool2d(cfg, name, className.startsWith('Max') ? 'max' : 'mean', where));
    } else if (SPATIAL.has(className)) {
      throw new LoadError(`${where}: layer '${name}' is a ${className}: ${SPATIAL_LATER}`);
    } else if (className === 'BatchNormalization') {
      throw new LoadError(`${where}: layer '${name}' is a BatchNormalization, which would have to be folded into the weights (not done): train without it`);
    } else {
      throw new LoadError(`${where}: layer '${name}' is a ${className}, which the converter does not know (it converts Dense layers, and skips Dropout, Flatten and activations)`);
    }
  }
  return out;
}

/**
 * The layers a functional model's layer reads, from its `inbound_nodes` (Keras 2:
 * `[[['dense', 0, 0, {}]]]`; Keras 3: `[{ args: [{ config: { keras_history: ['dense', 0, 0] } }] }]`);
 * undefined for Sequential models, which have none.
 */
function inboundLayers(nodes: unknown): string[] | undefined {
  if (!Array.isArray(nodes)) return undefined;
  const names = new Set<string>();
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) {
      // Keras 2: [layerName, nodeIndex, tensorIndex, kwargs]
      if (typeof x[0] === 'string' && typeof x[1] === 'number') { names.add(x[0]); return; }
      x.forEach(visit);
    } else if (x && typeof x === 'object') {
      const history = (x as { keras_history?: unknown }).keras_history;
      if (Array.isArray(history) && typeof history[0] === 'string') { names.add(history[0]); return; }
      Object.values(x).forEach(visit);
    }
  };
  visit(nodes);
  return [...names];
}

/** A pair from a Keras size (`3` or `[3, 3]`). */
function pair(x: unknown, fallback: [number, number]): [number, number] {
  if (x === undefined || x === null) return fallback;
  const a = Array.isArray(x) ? x : [x, x];
  return [Number(a[0]), Number(a[1])];
}

/** A Conv2D layer that the Convolution projection reproduces ('same', stride 1, odd kernel, channels last). */
function conv2d(cfg: Record<string, unknown>, name: string, w: ReturnType<WeightLookup>, source: string): AnnLayer {
  const where = `ANNtoSNNConverter.loadModel('${source}')`;
  const strides = pair(cfg.strides, [1, 1]), dilation = pair(cfg.dilation_rate ?? cfg.dilationRate, [1, 1]);
  const padding = String(cfg.padding ?? 'valid'), format = String(cfg.data_format ?? cfg.dataFormat ?? 'channels_last');
  if (padding !== 'same' || strides.some((s) => s !== 1) || dilation.some((d) => d !== 1) || format !== 'channels_last') {
    throw new LoadError(`${where}: layer '${name}' is a Conv2D with padding '${padding}', strides [${strides}], dilation [${dilation}], ${format}: ${SPATIAL_LATER}`);
  }
  if (!w.kernel || w.kernel.shape.length !== 4) throw new LoadError(`${where}: no kernel of shape [kh, kw, channels, filters] found for the Conv2D layer '${name}'`);
  const [kh, kw, channels, filters] = w.kernel.shape;
  if (kh % 2 === 0 || kw % 2 === 0) throw new LoadError(`${where}: layer '${name}' has a ${kh}×${kw} kernel: ${SPATIAL_LATER}`);
  refuseBias(w.bias, name, source);
  // Keras stores [kh][kw][channels][filters]; the bank is [filters][kh][kw][channels].
  const bank = new Float64Array(w.kernel.data.length);
  const per = kh * kw * channels;
  for (let e = 0; e < per; e++) for (let f = 0; f < filters; f++) bank[f * per + e] = w.kernel.data[e * filters + f];
  return { kind: 'conv2d', name, filters, kernel: [kh, kw], channels, weights: bank, activation: activationOf(cfg.activation) };
}

/** A MaxPooling2D / AveragePooling2D layer with strides equal to the pool size and 'valid' padding. */
function pool2d(cfg: Record<string, unknown>, name: string, operation: 'max' | 'mean', where: string): AnnLayer {
  const pool = pair(cfg.pool_size ?? cfg.poolSize, [2, 2]);
  const strides = pair(cfg.strides, pool);
  const padding = String(cfg.padding ?? 'valid');
  if (strides[0] !== pool[0] || strides[1] !== pool[1] || padding !== 'valid') {
    throw new LoadError(`${where}: layer '${name}' pools ${pool.join('×')} with strides [${strides}] and padding '${padding}': ${SPATIAL_LATER}`);
  }
  return { kind: 'pool2d', name, operation, pool };
}

function inputShape(batchShape: (number | null)[], name: string, where: string): number[] {
  const shape = batchShape.slice(1);
  if (shape.length === 0 || shape.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d <= 0)) {
    throw new LoadError(`${where}: the input '${name}' has the shape [${batchShape.map(String)}]; every dimension but the batch must be a positive number`);
  }
  return shape as number[];
}

function activationOf(a: unknown): string {
  if (a === undefined || a === null) return 'linear';
  if (typeof a === 'string') return a;
  // Keras 3 may serialise an activation as { class_name, config: { name } } or a registered name.
  const o = a as { config?: { name?: string }; class_name?: string };
  return String(o.config?.name ?? o.class_name ?? 'unknown').toLowerCase();
}
