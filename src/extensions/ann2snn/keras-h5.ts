/**
 * Keras HDF5 files (`model.save('model.h5')`, Keras 2's format): the root attribute `model_config`
 * holds the model's JSON configuration and the group `model_weights/<layer>` the layer's weights,
 * named by its attribute `weight_names` (`dense/kernel:0`, `dense/bias:0`). Read with h5wasm (the
 * HDF5 C library compiled to WebAssembly), an optional peer dependency loaded only for `.h5` and
 * `.keras` files.
 */
import { LoadError } from '../../io/network-io.js';
import { kerasLayers } from './keras-topology.js';
import type { AnnModel } from './layers.js';

/** The parts of h5wasm's API the readers use. */
export interface H5Dataset { value: unknown; shape: number[] | null }
export interface H5Group { attrs: Record<string, { value: unknown }>; get(path: string): H5Group | H5Dataset | null; keys(): string[] }
interface H5File extends H5Group { close(): void }
interface H5Module { ready: Promise<unknown>; File: new (path: string, mode: string) => H5File }

/** h5wasm's Node build, ready; a LoadError saying how to install it when it is missing. */
export async function loadH5wasm(where: string): Promise<H5Module> {
  let h5: H5Module;
  try {
    h5 = ((await import('h5wasm/node' as string)) as { default: H5Module }).default;
  } catch {
    throw new LoadError(`${where}: reading Keras .h5 and .keras files needs the optional package h5wasm: npm install h5wasm@0.10.3 (or save the model for TensorFlow.js, or export it to ONNX)`);
  }
  await h5.ready;
  return h5;
}

/** The model stored in the Keras `.h5` file `path` (Node.js). */
export async function readKerasH5(path: string, source: string): Promise<AnnModel> {
  const where = `ANNtoSNNConverter.loadModel('${source}')`;
  const h5 = await loadH5wasm(where);
  const file = new h5.File(path, 'r');
  try {
    const config = file.attrs.model_config?.value;
    if (config === undefined) throw new LoadError(`${where}: the file has no 'model_config' attribute: it holds weights only (save_weights); save the whole model (model.save('model.h5'))`);
    const topology = JSON.parse(typeof config === 'string' ? config : new TextDecoder().decode(config as Uint8Array));
    const weightsRoot = (file.get('model_weights') ?? file) as H5Group;
    const layers = kerasLayers(topology, (layer) => {
      const group = weightsRoot.get(layer) as H5Group | null;
      if (!group) return {};
      const names = toStrings(group.attrs.weight_names?.value);
      const find = (kind: string) => {
        const name = names.find((n) => n.replace(/:0$/, '').split('/').pop() === kind);
        const ds = name === undefined ? null : (group.get(name) as H5Dataset | null);
        return ds ? { data: Float32Array.from(ds.value as ArrayLike<number>), shape: ds.shape ?? [] } : undefined;
      };
      return { kernel: find('kernel'), bias: find('bias')?.data };
    }, source);
    return { source, format: 'keras-h5', layers };
  } finally {
    file.close();
  }
}

function toStrings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : Array.from(v as ArrayLike<unknown>);
  return list.map((x) => (typeof x === 'string' ? x : new TextDecoder().decode(x as Uint8Array)));
}
