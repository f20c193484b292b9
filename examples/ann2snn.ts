/**
 * ANN-to-SNN conversion (ANNarchy's `ANNtoSNNConverter`): a multi-layer perceptron trained without
 * biases (64 → 32 ReLU → 4 softmax, on 8×8 images of bars in four orientations) is read from its
 * TensorFlow.js files, turned into a spiking network (Poisson input, integrate-and-fire layers,
 * weights normalised layer by layer after Diehl et al. 2015) and asked to classify the 200 test
 * images, each presented for 1 s; the class is the output neuron that fired most. The trained
 * network and the images are the test fixtures made by test/fixtures/ann2snn/make-fixtures.ts;
 * --model also takes an .onnx file or a Keras .keras / .h5 file (with the optional package h5wasm).
 *
 * Run: npm run build && npx tsx examples/ann2snn.ts   (--help lists the flags)
 * Expected output: ANN accuracy 98.5 %; spiking network 97.5 % (195 of 200), the same class as the
 * ANN for 98.0 % of the images (seed 1, js and cpp alike; about 3 s of CPU). With --duration 200:
 * 95.5 %; with --encoding PSO --max-f 1 --duration 200 (phase coding): 100 %.
 */
import { ANNtoSNNConverter, type InputEncoding, type ReadOut } from 'neurarchy/node';
import type { BackendName } from 'neurarchy';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface Ann2SnnOptions {
  model?: string; data?: string; duration?: number; encoding?: InputEncoding; readOut?: ReadOut; maxF?: number; seed?: number; backend?: BackendName; samples?: number;
}
export interface Ann2SnnStats { annAccuracy: number; snnAccuracy: number; agreement: number; correct: number; samples: number }

const FIXTURES = new URL('../test/fixtures/ann2snn/', import.meta.url);

export async function run(options: Ann2SnnOptions = {}): Promise<Ann2SnnStats> {
  const {
    model = new URL('tfjs/model.json', FIXTURES).pathname, data = new URL('data.json', FIXTURES).pathname,
    duration = 1000, encoding = 'CPN', readOut = 'spike_count', maxF, seed = 1, backend = 'js', samples,
  } = options;
  const set = JSON.parse(readFileSync(data, 'utf8')) as { x: number[][]; y: number[]; annPredictions: number[] };
  const n = samples ?? set.x.length;
  const snn = new ANNtoSNNConverter({ inputEncoding: encoding, hiddenNeuron: 'IaF', readOut, seed, ...(maxF !== undefined ? { maxF } : {}), ...(readOut === 'time_to_k_spikes' ? { k: 3 } : {}) });
  await snn.loadModel(model, { backend });
  const predictions = await snn.predict(set.x.slice(0, n), { durationPerSample: duration });
  const correct = predictions.filter((p, i) => p === set.y[i]).length;
  return {
    annAccuracy: set.annPredictions.slice(0, n).filter((p, i) => p === set.y[i]).length / n,
    snnAccuracy: correct / n,
    agreement: predictions.filter((p, i) => p === set.annPredictions[i]).length / n,
    correct, samples: n,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: a } = parseArgs({
    strict: true,
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      duration: { type: 'string', default: '1000' },
      encoding: { type: 'string', default: 'CPN' },
      'read-out': { type: 'string', default: 'spike_count' },
      'max-f': { type: 'string' },
      samples: { type: 'string' },
      seed: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'js' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/ann2snn.ts [--model FILE] [--data FILE] [--duration 1000] [--encoding CPN] [--read-out spike_count] [--max-f 100] [--samples N] [--seed 1] [--backend js]');
    console.log('  --model     model.json (TensorFlow.js), .keras, .h5 or .onnx (default: the test fixture)');
    console.log('  --data      JSON { x: images (values 0–1), y: labels, annPredictions } (default: the fixture\'s 200 test images)');
    console.log('  --duration  ms per image (default 1000)');
    console.log('  --encoding  CPN (Poisson), PSO (phase) or IB (bursting)');
    console.log('  --read-out  spike_count, time_to_first_spike, time_to_k_spikes (k = 3) or membrane_potential');
    console.log('  --max-f     rate in Hz of an input of 1.0 (default 100)');
    console.log('  --samples   classify only the first N images');
    console.log('  --seed      random seed (default 1)');
    console.log('  --backend   js, cpp or webgpu (default js)');
  } else {
    const s = await run({
      model: a.model, data: a.data, duration: Number(a.duration), encoding: a.encoding as InputEncoding, readOut: a['read-out'] as ReadOut,
      maxF: a['max-f'] !== undefined ? Number(a['max-f']) : undefined, samples: a.samples !== undefined ? Number(a.samples) : undefined,
      seed: Number(a.seed), backend: a.backend as BackendName,
    });
    console.log(`ANN accuracy ${(100 * s.annAccuracy).toFixed(1)} %`);
    console.log(`spiking network ${(100 * s.snnAccuracy).toFixed(1)} % (${s.correct} of ${s.samples}), the same class as the ANN for ${(100 * s.agreement).toFixed(1)} % of the images`);
  }
}
