/**
 * Which reader a file needs, from its name: `.json` (TensorFlow.js layers model), `.onnx`, `.keras`
 * (Keras 3) or `.h5` / `.hdf5` (Keras 2). Node.js: the files are read from disk.
 */
import { LoadError } from '../../io/network-io.js';
import type { AnnModel } from './layers.js';

export async function readModelFile(filename: string): Promise<AnnModel> {
  const where = `ANNtoSNNConverter.loadModel('${filename}')`;
  if (typeof filename !== 'string' || filename === '') throw new LoadError(`ANNtoSNNConverter.loadModel(): give the path of a model.json, .onnx or .h5 file`);
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const read = async (p: string) => {
    try {
      return new Uint8Array(await fs.readFile(p));
    } catch (e) {
      throw new LoadError(`${where}: cannot read '${p}' (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  };
  const ext = path.extname(filename).toLowerCase();
  if (ext === '.json') {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(await read(filename)));
    } catch (e) {
      if (e instanceof LoadError) throw e;
      throw new LoadError(`${where}: not valid JSON (${(e as Error).message})`);
    }
    const { readTfjsModel } = await import('./tfjs.js');
    return readTfjsModel(json, (p) => read(path.join(path.dirname(filename), p)), filename);
  }
  if (ext === '.onnx') {
    const { readOnnxModel } = await import('./onnx.js');
    return readOnnxModel(await read(filename), filename);
  }
  if (ext === '.h5' || ext === '.hdf5') {
    await read(filename); // a missing file is reported as such, before the HDF5 library is loaded
    const { readKerasH5 } = await import('./keras-h5.js');
    return readKerasH5(filename, filename);
  }
  if (ext === '.keras') {
    const { readKeras3 } = await import('./keras3.js');
    return readKeras3(await read(filename), filename);
  }
  throw new LoadError(`${where}: unknown file type '${ext}': give a TensorFlow.js model.json, an .onnx, a Keras .keras or .h5 file`);
}
