// ANNtoSNNConverter (issue 17): a trained MLP (test/fixtures/ann2snn, made by make-fixtures.ts)
// read from TensorFlow.js, ONNX and Keras .h5 files, converted, and the spiking network's accuracy
// against the ANN's on the same 200 test images; the weight normalisation of Diehl et al. (2015)
// and the spike-by-spike behaviour of the IaF layers by hand; the refusals.
import { it, expect, describe } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeBackends, compileFor, onWebGpu, isFloat32 } from '../../helpers/backends.js';
import type { BackendName } from '../../../src/index.js';
import { ANNtoSNNConverter, type AnnModel } from '../../../src/extensions/ann2snn/index.js';
import { readModelFile } from '../../../src/extensions/ann2snn/read-model.js';

const FIX = path.join(path.dirname(new URL(import.meta.url).pathname), '../../fixtures/ann2snn');
const data = JSON.parse(fs.readFileSync(path.join(FIX, 'data.json'), 'utf8')) as { x: number[][]; y: number[]; annPredictions: number[]; annAccuracy: number };
const accuracy = (p: number[]) => p.filter((c, i) => c === data.y[i]).length / p.length;

let h5Missing: string | undefined;
try { await import('h5wasm/node' as string); } catch (e) { h5Missing = `h5wasm is not installed (${(e as Error).message})`; }

describe('ANNtoSNNConverter: the three file formats', () => {
  it('TensorFlow.js, ONNX and Keras .h5 files of the same network give the same layers and float32 weights', async () => {
    const tfjs = await readModelFile(path.join(FIX, 'tfjs/model.json'));
    const onnx = await readModelFile(path.join(FIX, 'model.onnx'));
    const kinds = (m: AnnModel) => m.layers.map((l) => l.kind);
    expect(kinds(tfjs)).toEqual(['input', 'pass', 'dense', 'dense']);
    expect(kinds(onnx)).toEqual(['input', 'pass', 'dense', 'pass', 'dense', 'pass']);
    const dense = (m: AnnModel) => m.layers.flatMap((l) => (l.kind === 'dense' ? [l] : []));
    expect(tfjs.layers[0]).toMatchObject({ kind: 'input', shape: [8, 8] });
    expect(onnx.layers[0]).toMatchObject({ kind: 'input', shape: [8, 8] });
    for (const [a, b] of dense(tfjs).map((l, i) => [l, dense(onnx)[i]] as const)) {
      expect([a.units, a.inputs]).toEqual([b.units, b.inputs]);
      expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    }
    expect(dense(tfjs).map((l) => [l.units, l.inputs, l.activation])).toEqual([[32, 64, 'relu'], [4, 32, 'softmax']]);
    expect(dense(onnx).map((l) => l.activation)).toEqual(['relu', 'softmax']);
    // The weights are the float32 values of the weight file, in Keras's input-major order.
    const bin = new DataView(fs.readFileSync(path.join(FIX, 'tfjs/weights.bin')).buffer.slice(0));
    const w1 = dense(tfjs)[0].weights;
    for (const [j, i] of [[0, 0], [5, 17], [31, 63]]) expect(w1[j * 64 + i]).toBe(bin.getFloat32(4 * (i * 32 + j), true));
    // An ANN forward pass with these weights reproduces the fixture script's predictions.
    const [d1, d2] = dense(tfjs);
    const forward = (x: number[]) => {
      const h = Array.from({ length: 32 }, (_, j) => Math.max(0, x.reduce((s, v, i) => s + d1.weights[j * 64 + i] * v, 0)));
      const o = Array.from({ length: 4 }, (_, j) => h.reduce((s, v, i) => s + d2.weights[j * 32 + i] * v, 0));
      return o.indexOf(Math.max(...o));
    };
    expect(data.x.map(forward)).toEqual(data.annPredictions);
    expect(data.annAccuracy).toBeCloseTo(0.985, 10);
  });

  it.skipIf(h5Missing !== undefined)('Keras 2 .h5 and Keras 3 .keras files (through h5wasm) give the same weights as the TensorFlow.js file', async () => {
    const tfjs = await readModelFile(path.join(FIX, 'tfjs/model.json'));
    const h5 = await readModelFile(path.join(FIX, 'model.h5'));
    expect(h5.layers.map((l) => l.kind)).toEqual(['input', 'pass', 'dense', 'dense']);
    const w = (m: AnnModel) => m.layers.flatMap((l) => (l.kind === 'dense' ? [Array.from(l.weights)] : []));
    expect(w(h5)).toEqual(w(tfjs));
    const keras3 = await readModelFile(path.join(FIX, 'model.keras'));
    expect(keras3.layers.map((l) => l.kind)).toEqual(['input', 'pass', 'dense', 'dense']);
    expect(keras3.layers[0]).toMatchObject({ kind: 'input', shape: [8, 8] });
    expect(w(keras3)).toEqual(w(tfjs));
  }, 30000);
  if (h5Missing) console.warn(`ANNtoSNNConverter .h5 test skipped: ${h5Missing}`);
});

describeBackends('ANNtoSNNConverter: the converted MLP classifies like the ANN', (backend: BackendName) => {
  it.skipIf(onWebGpu(backend, '200 samples × 1000 steps with a reset each take minutes on a CPU adapter', true))(
    'CPN input, IaF layers, spike count over 1 s: accuracy within 3 points of the ANN\'s 98.5 % on 200 images', async () => {
      const snn = new ANNtoSNNConverter({ inputEncoding: 'CPN', hiddenNeuron: 'IaF', readOut: 'spike_count', seed: 1 });
      await snn.loadModel(path.join(FIX, 'tfjs/model.json'), compileFor());
      const predictions = await snn.predict(data.x, { durationPerSample: 1000 });
      const acc = accuracy(predictions);
      console.log(`ANN ${(100 * data.annAccuracy).toFixed(1)} %, SNN [${backend}] ${(100 * acc).toFixed(1)} %`);
      expect(acc).toBeGreaterThanOrEqual(data.annAccuracy - 0.03);
      // it is the ANN's decisions that are reproduced, not only the accuracy
      expect(predictions.filter((p, i) => p === data.annPredictions[i]).length / 200).toBeGreaterThanOrEqual(0.95);
    }, 120000);
});

describeBackends('ANNtoSNNConverter: the same spikes on every backend', () => {
  it('the first 10 images at 300 ms each get the classes they get on js (webgpu, float32: at least 9 of 10)', async () => {
    const snn = new ANNtoSNNConverter({ seed: 1 });
    await snn.loadModel(path.join(FIX, 'tfjs/model.json'), compileFor());
    const p = await snn.predict(data.x.slice(0, 10), { durationPerSample: 300 });
    const js = [0, 0, 2, 3, 0, 1, 2, 3, 0, 0]; // js and cpp: the same Philox draws, the same float64 sums
    expect(p.filter((c, i) => c === js[i]).length).toBeGreaterThanOrEqual(isFloat32() ? 9 : 10);
  }, 60000);
});

describe('ANNtoSNNConverter: the other encodings and read-outs (js, 100 images, 200 ms each)', () => {
  const cases: [string, ConstructorParameters<typeof ANNtoSNNConverter>[0], number][] = [
    ['IB (Izhikevich bursts)', { inputEncoding: 'IB' }, 0.9],
    ['PSO with maxF 1 (phases 0.5, 1, 2 … of the threshold: a pixel above 0.5 fires once per cycle)', { inputEncoding: 'PSO', maxF: 1 }, 0.9],
    ['membrane_potential', { readOut: 'membrane_potential' }, 0.85],
    ['time_to_first_spike', { readOut: 'time_to_first_spike' }, 0.75],
    ['time_to_k_spikes, k = 3', { readOut: 'time_to_k_spikes', k: 3 }, 0.85],
  ];
  for (const [what, options, floor] of cases) {
    it(`${what}: above ${100 * floor} % (chance: 25 %)`, async () => {
      const snn = new ANNtoSNNConverter({ ...options, seed: 3 });
      await snn.loadModel(path.join(FIX, 'tfjs/model.json'));
      const acc = accuracy(await snn.predict(data.x.slice(0, 100), { durationPerSample: 200 }));
      expect(acc).toBeGreaterThan(floor);
    }, 60000);
  }
});

describe('ANNtoSNNConverter: normalisation and spikes by hand', () => {
  /** 1 input → 2 hidden → 2 outputs, with weights chosen so that every number below is exact. */
  const tiny = (w1: number[], w2: number[]): AnnModel => ({
    source: 'tiny', format: 'tfjs',
    layers: [
      { kind: 'input', name: 'in', shape: [1] },
      { kind: 'dense', name: 'hidden', units: 2, inputs: 1, weights: Float64Array.from(w1), activation: 'relu' },
      { kind: 'dense', name: 'out', units: 2, inputs: 2, weights: Float64Array.from(w2), activation: 'softmax' },
    ],
  });

  it('Diehl et al.: projection l is scaled by (l + 2) / max over neurons of the sum of positive inputs; thresholds drop 0.05 per layer', async () => {
    const snn = new ANNtoSNNConverter();
    const net = await snn.build(tiny([0.5, 0.25], [1, -3, 0.5, 0.25]));
    const [input, hidden, out] = net.populations;
    expect(input.size).toBe(1);
    // layer 1: max(0.5, 0.25) = 0.5 → ×4; layer 2: max(1, 0.75) = 1 → ×3
    expect(net.projections[0].connectivityMatrix()).toEqual([Float64Array.of(2), Float64Array.of(1)]);
    expect(net.projections[1].connectivityMatrix()).toEqual([Float64Array.of(3, -9), Float64Array.of(1.5, 0.75)]);
    expect(hidden.get('vt')).toBeCloseTo(1 - 0.05 * 1, 15); // the hidden layer is layer 1 of the model
    expect(out.get('vt')).toBe(1); // the read-out keeps its threshold
    const scaled = new ANNtoSNNConverter();
    const net2 = await scaled.build(tiny([0.5, 0.25], [1, -3, 0.5, 0.25]), { scaleFactor: [1, 0.5] });
    expect(net2.projections[0].connectivityMatrix()).toEqual([Float64Array.of(1), Float64Array.of(0.5)]);
    expect(net2.projections[1].connectivityMatrix()).toEqual([Float64Array.of(0.5, -1.5), Float64Array.of(0.25, 0.125)]);
  });

  it('an input of 1 with maxF 1000 spikes every step; IaF neurons add their weights spike by spike', async () => {
    // input rate 1000 Hz at dt = 1: p = U·1000 < 1000 always. Hidden 0: +2 per step > 0.95 → a spike
    // every step from step 1; hidden 1: +1 per step → also every step (1 > 0.95). Output 0:
    // 3 − 9 < 0 → never; output 1: 1.5 + 0.75 > 1 → every step from step 2.
    const snn = new ANNtoSNNConverter({ maxF: 1000, readOut: 'spike_count' });
    const net = await snn.build(tiny([0.5, 0.25], [1, -3, 0.5, 0.25]));
    const [, hidden, out] = net.populations;
    const mh = net.monitor(hidden, 'spike');
    const mo = net.monitor(out, 'spike');
    expect(await snn.predict([[1]], { durationPerSample: 10 })).toEqual([1]);
    expect(mh.get('spike')).toEqual({ 0: [1, 2, 3, 4, 5, 6, 7, 8, 9], 1: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
    expect(mo.get('spike')).toEqual({ 0: [], 1: [2, 3, 4, 5, 6, 7, 8, 9] });
    // v is clamped at −2 (min): output 0 receives −6 per step
    expect(Array.from(out.get('v') as Float64Array)).toEqual([-2, 0]);
    // the populations are reset between samples, the thresholds are not
    expect(await snn.predict([[0]], { durationPerSample: 10, multiple: true })).toEqual([[0, 1]]);
    expect(hidden.get('vt')).toBeCloseTo(0.95, 15);
  });
});

describe('ANNtoSNNConverter: refusals name the layer and the fix', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ann2snn-'));
  const variant = (edit: (m: { modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } } }) => void) => {
    const m = JSON.parse(fs.readFileSync(path.join(FIX, 'tfjs/model.json'), 'utf8'));
    edit(m);
    const dir = fs.mkdtempSync(path.join(tmp, 'm'));
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(m));
    fs.copyFileSync(path.join(FIX, 'tfjs/weights.bin'), path.join(dir, 'weights.bin'));
    return path.join(dir, 'model.json');
  };
  const load = (file: string) => new ANNtoSNNConverter().loadModel(file);

  it('convolution and pooling the Convolution/Pooling projections cannot reproduce, biases, activations, unknown layers', async () => {
    await expect(load(variant((m) => { m.modelTopology.config.layers.splice(1, 0, { class_name: 'Conv2D', config: { name: 'conv2d' } }); })))
      .rejects.toThrow(/layer 'conv2d' is a Conv2D with padding 'valid'.*: only Conv2D \(padding 'same'.* with the Convolution and Pooling projections/);
    await expect(load(variant((m) => { m.modelTopology.config.layers.splice(1, 0, { class_name: 'MaxPooling2D', config: { name: 'pool' } }); })))
      .rejects.toThrow(/layer 'pool' pools 2×2 blocks of a \[64\] input; the height and width must be multiples of the pool size/);
    await expect(load(variant((m) => { m.modelTopology.config.layers[1].config.activation = 'sigmoid'; })))
      .rejects.toThrow(/layer 'dense' has the activation 'sigmoid'.*'relu' on the hidden layers/);
    await expect(load(variant((m) => { m.modelTopology.config.layers.splice(2, 0, { class_name: 'BatchNormalization', config: { name: 'bn' } }); })))
      .rejects.toThrow(/'bn' is a BatchNormalization/);
    await expect(load(variant((m) => { m.modelTopology.config.layers.splice(2, 0, { class_name: 'LSTM', config: { name: 'lstm' } }); })))
      .rejects.toThrow(/'lstm' is a LSTM, which the converter does not know/);
    // A functional model whose second dense layer skips the first: not a chain.
    const functional = (skip: boolean) => variant((m) => {
      const t = m.modelTopology as unknown as { class_name: string; config: { layers: { class_name: string; config: Record<string, unknown>; inbound_nodes?: unknown }[] } };
      t.class_name = 'Functional';
      const [flatten, dense, dense1] = t.config.layers;
      t.config.layers = [{ class_name: 'InputLayer', config: { name: 'input_1', batch_input_shape: [null, 8, 8] }, inbound_nodes: [] }, flatten, dense, dense1];
      delete flatten.config.batch_input_shape;
      flatten.inbound_nodes = [[['input_1', 0, 0, {}]]];
      dense.inbound_nodes = [[['flatten', 0, 0, {}]]];
      // Keras 3's form for the last layer
      dense1.inbound_nodes = [{ args: [{ class_name: '__keras_tensor__', config: { keras_history: [skip ? 'flatten' : 'dense', 0, 0] } }], kwargs: {} }];
    });
    await expect(load(functional(true))).rejects.toThrow(/layer 'dense_1' takes its input from 'flatten', not from the layer before it \('dense'\): .*chains/);
    expect((await new ANNtoSNNConverter().loadModel(functional(false))).populations.map((p) => p.size)).toEqual([64, 32, 4]);
    const biased = variant((m) => {
      const mm = m as unknown as { weightsManifest: { weights: { name: string; shape: number[] }[] }[] };
      mm.weightsManifest[0].weights.push({ name: 'dense_1/bias', shape: [4] });
    });
    fs.appendFileSync(path.join(path.dirname(biased), 'weights.bin'), Buffer.from(Float32Array.of(0.1, 0, 0, 0).buffer));
    await expect(load(biased)).rejects.toThrow(/layer 'dense_1' has a bias.*use_bias: false/);
  });

  it('files: unknown type, missing file, short weight file, a broken .keras archive, ONNX convolutions', async () => {
    await expect(load(path.join(tmp, 'model.pt'))).rejects.toThrow(/unknown file type '.pt'/);
    await expect(load(path.join(tmp, 'nothing.onnx'))).rejects.toThrow(/cannot read .*ENOENT/);
    fs.writeFileSync(path.join(tmp, 'm.keras'), 'not a zip');
    await expect(load(path.join(tmp, 'm.keras'))).rejects.toThrow(/not a .keras archive/);
    const short = variant(() => {});
    fs.writeFileSync(path.join(path.dirname(short), 'weights.bin'), new Uint8Array(100));
    await expect(load(short)).rejects.toThrow(/shorter than the manifest says/);
    const { onnx } = (await import('onnx-proto')).default;
    const conv = onnx.ModelProto.encode(onnx.ModelProto.create({ graph: {
      node: [{ opType: 'Conv', name: 'conv1', input: ['x', 'W'], output: ['y'] }],
      input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 1 }, { dimValue: 8 }, { dimValue: 8 }] } } } }],
    } })).finish();
    fs.writeFileSync(path.join(tmp, 'conv.onnx'), conv);
    await expect(load(path.join(tmp, 'conv.onnx'))).rejects.toThrow(/node 'conv1' is a Conv: ONNX convolution and pooling nodes are not converted .*export the model from Keras/);
    // the fixture's graph with its second dense layer reading the flattened input: not a chain
    const model = onnx.ModelProto.decode(fs.readFileSync(path.join(FIX, 'model.onnx')));
    model.graph!.node![3].input![0] = 'flat';
    fs.writeFileSync(path.join(tmp, 'skip.onnx'), onnx.ModelProto.encode(model).finish());
    await expect(load(path.join(tmp, 'skip.onnx'))).rejects.toThrow(/node '\/fc2\/MatMul' \(MatMul\) reads 'flat', not the output of the node before it \('hr'\)/);
  });

  it('options', () => {
    expect(() => new ANNtoSNNConverter({ inputEncoding: 'rate' as never })).toThrow(/inputEncoding must be 'CPN', 'poisson', 'PSO' or 'IB'/);
    expect(() => new ANNtoSNNConverter({ readOut: 'time_to_k_spikes' })).toThrow(/needs k/);
    expect(() => new ANNtoSNNConverter({ read_out: 'spike_count' } as never)).toThrow(/unknown option 'read_out'.*readOut/);
    expect(() => new ANNtoSNNConverter().getNetwork()).toThrow(/call loadModel\(\) first/);
  });
});
