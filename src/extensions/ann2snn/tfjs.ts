/**
 * TensorFlow.js layers models: `model.json` (the Keras topology and a weights manifest) and the
 * binary weight files it lists, little-endian float32 values concatenated in manifest order
 * (https://www.tensorflow.org/js/guide/save_load). Read by hand: JSON plus typed arrays.
 */
import { LoadError } from '../../io/network-io.js';
import { kerasLayers } from './keras-topology.js';
import type { AnnModel } from './layers.js';

interface ManifestEntry { name: string; shape: number[]; dtype?: string; quantization?: unknown }
interface ModelJson { format?: string; modelTopology?: unknown; weightsManifest?: { paths: string[]; weights: ManifestEntry[] }[] }

/**
 * The model of a parsed `model.json` and a reader of the files it names (relative to it).
 */
export async function readTfjsModel(json: unknown, readFile: (path: string) => Promise<Uint8Array>, source: string): Promise<AnnModel> {
  const where = `ANNtoSNNConverter.loadModel('${source}')`;
  const model = json as ModelJson;
  if (!model || typeof model !== 'object' || !model.modelTopology) throw new LoadError(`${where}: not a TensorFlow.js layers model (no modelTopology)`);
  if (model.format !== undefined && model.format !== 'layers-model') throw new LoadError(`${where}: format '${model.format}' is not 'layers-model' (graph models cannot be converted: save the Keras model with tfjs.converters.save_keras_model or model.save())`);
  const tensors = new Map<string, { data: Float32Array; shape: number[] }>();
  for (const group of model.weightsManifest ?? []) {
    const parts = await Promise.all(group.paths.map((p) => readFile(p)));
    const total = parts.reduce((a, p) => a + p.byteLength, 0);
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const p of parts) { bytes.set(p, at); at += p.byteLength; }
    let offset = 0;
    for (const w of group.weights) {
      if (w.quantization !== undefined) throw new LoadError(`${where}: weight '${w.name}' is quantised; save the model without quantisation`);
      if ((w.dtype ?? 'float32') !== 'float32') throw new LoadError(`${where}: weight '${w.name}' has the dtype '${w.dtype}'; only float32 weights are read`);
      const n = w.shape.reduce((a, b) => a * b, 1);
      if (offset + 4 * n > bytes.byteLength) throw new LoadError(`${where}: the weight files are shorter than the manifest says (weight '${w.name}')`);
      const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 4 * n);
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = view.getFloat32(4 * i, true);
      tensors.set(w.name.replace(/:0$/, ''), { data, shape: w.shape });
      offset += 4 * n;
    }
    if (offset !== bytes.byteLength) throw new LoadError(`${where}: the weight files hold ${bytes.byteLength} bytes, the manifest describes ${offset}`);
  }
  const find = (layer: string, kind: string) => {
    for (const [name, t] of tensors) {
      const parts = name.split('/');
      if (parts.includes(layer) && parts[parts.length - 1] === kind) return t;
    }
    return undefined;
  };
  const layers = kerasLayers(model.modelTopology, (layer) => ({ kernel: find(layer, 'kernel'), bias: find(layer, 'bias')?.data }), source);
  return { source, format: 'tfjs', layers };
}
