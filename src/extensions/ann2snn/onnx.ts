/**
 * ONNX files (https://onnx.ai), decoded with `onnx-proto` (ONNX's protobuf messages compiled for
 * protobufjs; an optional peer dependency, loaded only for `.onnx` files). A chain of `Gemm` or `MatMul` nodes (what PyTorch and tf2onnx write for dense layers)
 * with `Relu`, `Softmax`, `Flatten`, `Reshape`, `Dropout` and `Identity` between them; weights are
 * initializers (float32).
 */
import { LoadError } from '../../io/network-io.js';
import { SPATIAL_LATER, refuseBias, transposeKernel, type AnnLayer, type AnnModel } from './layers.js';

const PASS = new Set(['Flatten', 'Reshape', 'Dropout', 'Identity', 'Relu', 'Softmax', 'LogSoftmax']);
const SPATIAL = new Set(['Conv', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'GlobalMaxPool', 'ConvTranspose']);
const FLOAT = 1;

interface Tensor { name?: string | null; dims?: (number | { toNumber(): number })[] | null; dataType?: number | null; floatData?: number[] | null; rawData?: Uint8Array | null }
interface Node { opType?: string | null; name?: string | null; input?: string[] | null; output?: string[] | null; attribute?: { name?: string | null; i?: number | { toNumber(): number } | null; f?: number | null }[] | null }
interface ValueInfo { name?: string | null; type?: { tensorType?: { shape?: { dim?: { dimValue?: number | { toNumber(): number } | null; dimParam?: string | null }[] | null } | null } | null } | null }

const num = (v: number | { toNumber(): number } | null | undefined) => (v === null || v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber());

/** The model in an ONNX file's bytes. */
export async function readOnnxModel(bytes: Uint8Array, source: string): Promise<AnnModel> {
  const where = `ANNtoSNNConverter.loadModel('${source}')`;
  let onnx: typeof import('onnx-proto').onnx;
  try {
    onnx = (await import('onnx-proto')).default.onnx;
  } catch {
    throw new LoadError(`${where}: reading ONNX files needs the optional package onnx-proto: npm install onnx-proto@8.0.1 (or save the model for TensorFlow.js)`);
  }
  let graph: { node?: Node[] | null; initializer?: Tensor[] | null; input?: ValueInfo[] | null } | null | undefined;
  try {
    graph = onnx.ModelProto.decode(bytes).graph as typeof graph;
  } catch (e) {
    throw new LoadError(`${where}: not an ONNX model (${(e as Error).message})`);
  }
  if (!graph) throw new LoadError(`${where}: the ONNX model has no graph`);
  const initializers = new Map<string, { data: Float32Array; shape: number[] }>();
  for (const t of graph.initializer ?? []) initializers.set(t.name ?? '', tensorData(t, where));
  const inputs = (graph.input ?? []).filter((i) => !initializers.has(i.name ?? ''));
  if (inputs.length !== 1) throw new LoadError(`${where}: the graph has ${inputs.length} data inputs; the converter takes a network with one input`);
  const dims = inputs[0].type?.tensorType?.shape?.dim ?? [];
  const shape = dims.slice(1).map((d) => num(d.dimValue));
  if (shape.length === 0 || shape.some((d) => d <= 0)) throw new LoadError(`${where}: the input '${inputs[0].name}' needs a fixed shape after the batch dimension, got [${dims.map((d) => d.dimParam || num(d.dimValue))}]`);
  const layers: AnnLayer[] = [{ kind: 'input', name: inputs[0].name ?? 'input', shape }];
  const nodes = graph.node ?? [];
  // The converter builds a chain: each node must read the tensor the node before it wrote.
  let current = inputs[0].name ?? '';
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k];
    const op = node.opType ?? '';
    const name = node.name || (node.output ?? [])[0] || `${op}_${k}`;
    if (SPATIAL.has(op)) throw new LoadError(`${where}: node '${name}' is a ${op}: ONNX convolution and pooling nodes are not converted (channels first); export the model from Keras, where ${SPATIAL_LATER}`);
    const data = (node.input ?? []).filter((i) => !initializers.has(i) && i !== '');
    if (data.length !== 1 || data[0] !== current) {
      throw new LoadError(`${where}: node '${name}' (${op}) reads ${data.map((d) => `'${d}'`).join(', ') || 'no tensor'}, not the output of the node before it ('${current}'): the converter handles chains of layers only`);
    }
    current = (node.output ?? [])[0] ?? '';
    const attr = (a: string) => node.attribute?.find((x) => x.name === a);
    if (op === 'Gemm' || op === 'MatMul') {
      const weight = (node.input ?? []).map((i) => initializers.get(i)).find((t) => t !== undefined);
      if (!weight || weight.shape.length !== 2) throw new LoadError(`${where}: node '${name}' (${op}) has no 2-D weight initializer`);
      const transB = op === 'Gemm' && num(attr('transB')?.i) === 1;
      if (op === 'Gemm' && (num(attr('transA')?.i) === 1 || (attr('alpha') && attr('alpha')!.f !== 1))) throw new LoadError(`${where}: node '${name}' (Gemm) with transA or alpha ≠ 1 is not a dense layer the converter reads`);
      const [inputs_, units] = transB ? [weight.shape[1], weight.shape[0]] : weight.shape;
      const w = transB ? Float64Array.from(weight.data) : transposeKernel(weight.data, inputs_, units);
      if (op === 'Gemm' && (node.input ?? []).length > 2) refuseBias(initializers.get(node.input![2])?.data ?? [1], name, source);
      // A bias written as a following Add of an initializer (MatMul + Add) is a bias too.
      const next = nodes[k + 1];
      if (next?.opType === 'Add' && (next.input ?? []).some((i) => initializers.has(i))) refuseBias(initializers.get((next.input ?? []).find((i) => initializers.has(i))!)!.data, name, source);
      layers.push({ kind: 'dense', name, units, inputs: inputs_, weights: w, activation: 'linear' });
    } else if (PASS.has(op)) {
      if (op === 'Relu' || op === 'Softmax' || op === 'LogSoftmax') {
        const prev = layers[layers.length - 1];
        const act = op === 'Relu' ? 'relu' : 'softmax';
        if (prev.kind !== 'dense' || prev.activation !== 'linear') throw new LoadError(`${where}: node '${name}' (${op}) does not follow a dense layer directly`);
        prev.activation = act;
      }
      layers.push({ kind: 'pass', name, className: op });
    } else if (op === 'Add' && (node.input ?? []).some((i) => initializers.has(i))) {
      // a bias added after a MatMul: accepted only when it is zero
      refuseBias(initializers.get((node.input ?? []).find((i) => initializers.has(i))!)!.data, name, source);
      layers.push({ kind: 'pass', name, className: op });
    } else {
      throw new LoadError(`${where}: node '${name}' is a ${op}, which the converter does not know (it converts Gemm/MatMul without bias, Relu, Softmax, and skips Flatten, Reshape, Dropout, Identity)`);
    }
  }
  return { source, format: 'onnx', layers };
}

function tensorData(t: Tensor, where: string): { data: Float32Array; shape: number[] } {
  const shape = (t.dims ?? []).map(num);
  const n = shape.reduce((a, b) => a * b, 1);
  if (t.dataType !== FLOAT) return { data: new Float32Array(0), shape: [] }; // integer shapes of Reshape and the like
  let data: Float32Array;
  if (t.rawData && t.rawData.byteLength > 0) {
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    data = Float32Array.from({ length: t.rawData.byteLength / 4 }, (_, i) => view.getFloat32(4 * i, true));
  } else {
    data = Float32Array.from(t.floatData ?? []);
  }
  if (data.length !== n) throw new LoadError(`${where}: initializer '${t.name}' holds ${data.length} values for the shape [${shape}]`);
  return { data, shape };
}
