// ANN-to-SNN conversion of convolution and pooling layers (issue 17, through the Convolution and
// Pooling projections between spiking populations): the Keras Conv2D / MaxPooling2D layers read,
// and a small convolutional network that tells a vertical bar from a horizontal one, converted.
import { describe, it, expect } from 'vitest';
import { describeBackends, compileFor, onWebGpu } from '../../helpers/backends.js';
import type { BackendName } from '../../../src/index.js';
import { ANNtoSNNConverter } from '../../../src/extensions/ann2snn/index.js';
import { kerasLayers } from '../../../src/extensions/ann2snn/keras-topology.js';
import type { AnnModel } from '../../../src/extensions/ann2snn/layers.js';

// Keras kernel [kh][kw][channels][filters]: filter 0 finds vertical lines, filter 1 horizontal ones.
const vertical = [[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]];
const horizontal = [[-1, -1, -1], [2, 2, 2], [-1, -1, -1]];
const kerasKernel = Float64Array.from({ length: 18 }, (_, e) => (e % 2 === 0 ? vertical : horizontal)[Math.floor(e / 6)][Math.floor(e / 2) % 3]);

const topology = {
  class_name: 'Sequential',
  config: {
    layers: [
      { class_name: 'InputLayer', config: { name: 'image', batch_input_shape: [null, 6, 6, 1] } },
      { class_name: 'Conv2D', config: { name: 'conv', filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: 'same', activation: 'relu', use_bias: false } },
      { class_name: 'MaxPooling2D', config: { name: 'pool', pool_size: [2, 2], padding: 'valid' } },
      { class_name: 'Flatten', config: { name: 'flatten' } },
      { class_name: 'Dense', config: { name: 'out', units: 2, activation: 'softmax', use_bias: false } },
    ],
  },
};
// Dense kernel [18 inputs (y, x, channel)][2 units]: class c sums feature map c.
const denseKernel = Float64Array.from({ length: 36 }, (_, e) => (Math.floor(e / 2) % 2 === e % 2 ? 1 : 0));
const lookup = (name: string) => (name === 'conv' ? { kernel: { data: kerasKernel, shape: [3, 3, 1, 2] } } : name === 'out' ? { kernel: { data: denseKernel, shape: [18, 2] } } : {});

const bar = (kind: 'vertical' | 'horizontal') => Array.from({ length: 36 }, (_, k) => ((kind === 'vertical' ? k % 6 : Math.floor(k / 6)) === 2 ? 1 : 0));

describe('ANNtoSNNConverter: Keras convolution layers', () => {
  it('Conv2D (same, stride 1) → a bank [filters][kh][kw][channels]; MaxPooling2D → 2×2 max', () => {
    const layers = kerasLayers(topology, lookup, 'model.json');
    expect(layers.map((l) => l.kind)).toEqual(['input', 'conv2d', 'pool2d', 'pass', 'dense']);
    const conv = layers[1] as Extract<AnnModel['layers'][number], { kind: 'conv2d' }>;
    expect(conv).toMatchObject({ filters: 2, kernel: [3, 3], channels: 1, activation: 'relu' });
    expect(Array.from(conv.weights)).toEqual([...vertical.flat(), ...horizontal.flat()]);
    expect(layers[2]).toEqual({ kind: 'pool2d', name: 'pool', operation: 'max', pool: [2, 2] });
    const bad = structuredClone(topology);
    (bad.config.layers[1].config as Record<string, unknown>).padding = 'valid';
    expect(() => kerasLayers(bad, lookup, 'model.json')).toThrow(/layer 'conv' is a Conv2D with padding 'valid'/);
  });
});

describeBackends('ANNtoSNNConverter: a converted convolutional network', (backend: BackendName) => {
  it.skipIf(onWebGpu(backend, 'a spiking run of 2 × 300 steps with resets', true))('tells a vertical bar (class 0) from a horizontal one (class 1)', async () => {
    const model: AnnModel = { source: 'bars', format: 'tfjs', layers: kerasLayers(topology, lookup, 'bars') };
    const snn = new ANNtoSNNConverter({ seed: 3 });
    const net = await snn.build(model, { backend: compileFor().backend, ...(compileFor().directory ? { directory: compileFor().directory } : {}) });
    expect(net.projections.map((p) => p.constructor.name)).toEqual(['Convolution', 'Pooling', 'Projection']);
    // multiple: ties come back as several classes, so a run without output spikes cannot pass by chance
    expect(await snn.predict([bar('vertical'), bar('horizontal')], { durationPerSample: 300, multiple: true })).toEqual([[0], [1]]);
  });
});
