/**
 * Keras 3 archives (`model.save('model.keras')`, what ANNarchy's converter reads): a zip holding
 * `config.json` (the model's configuration) and `model.weights.h5`, where each layer's weights are
 * the datasets `0`, `1`, … of a group `…/<layer>/vars` (kernel first, then bias). Unzipped with
 * fflate, the HDF5 part read with h5wasm (optional dependency).
 */
import { unzipSync } from 'fflate';
import { LoadError } from '../../io/network-io.js';
import { kerasLayers } from './keras-topology.js';
import type { AnnModel } from './layers.js';
import { loadH5wasm, type H5Dataset, type H5Group } from './keras-h5.js';

/** The model in the bytes of a `.keras` archive. */
export async function readKeras3(bytes: Uint8Array, source: string): Promise<AnnModel> {
  const where = `ANNtoSNNConverter.loadModel('${source}')`;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new LoadError(`${where}: not a .keras archive (zip): ${(e as Error).message}`);
  }
  if (!files['config.json'] || !files['model.weights.h5']) throw new LoadError(`${where}: the archive has no config.json and model.weights.h5 (it holds: ${Object.keys(files).join(', ')})`);
  const topology = JSON.parse(new TextDecoder().decode(files['config.json']));
  const h5 = await loadH5wasm(where);
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neurarchy-keras-'));
  const file = path.join(dir, 'model.weights.h5');
  fs.writeFileSync(file, files['model.weights.h5']);
  const h5file = new h5.File(file, 'r');
  try {
    const vars = new Map<string, H5Group>();
    collectVars(h5file, '', vars);
    const layers = kerasLayers(topology, (layer) => {
      const group = vars.get(layer);
      if (!group) return {};
      const get = (k: string) => group.get(k) as H5Dataset | null;
      const kernel = get('0');
      const bias = get('1');
      return {
        kernel: kernel ? { data: Float32Array.from(kernel.value as ArrayLike<number>), shape: kernel.shape ?? [] } : undefined,
        bias: bias ? Float32Array.from(bias.value as ArrayLike<number>) : undefined,
      };
    }, source);
    return { source, format: 'keras3', layers };
  } finally {
    h5file.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every group `…/<layer>/vars`, by layer name (the path above it depends on the model's kind). */
function collectVars(group: H5Group, at: string, out: Map<string, H5Group>): void {
  for (const key of group.keys()) {
    const child = group.get(key) as H5Group | H5Dataset | null;
    if (!child || typeof (child as H5Group).keys !== 'function') continue;
    if (key === 'vars') {
      const layer = at.split('/').pop() ?? '';
      if (!out.has(layer)) out.set(layer, child as H5Group);
    } else {
      collectVars(child as H5Group, `${at}/${key}`, out);
    }
  }
}
