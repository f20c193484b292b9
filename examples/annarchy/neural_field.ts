/**
 * Neural field, ANNarchy's NeuralField example without its OpenGL window: a 20×20 noisy input
 * layer (`r = pos(baseline + Uniform(−0.5, 0.5))`) receives a Gaussian bubble (sigma 2 cells) that
 * turns around the centre of the layer on a circle of radius 5 cells, one revolution in 5 s (ANNarchy's
 * `BubbleWorld`, rewritten as an `every` callback that moves the bubble before each step). A 20×20
 * rate-coded field (`tau·dr/dt + r = sum(exc) + sum(inh) + noise`, r in [0, 1]) gets the input
 * one-to-one with a 20 ms delay and has difference-of-Gaussians lateral connections (local
 * excitation, wide inhibition). The field keeps a single bump of activity that ignores the input
 * noise and follows the bubble (20 ms late, the delay). dt = 1 ms.
 *
 * Run: npm run build && npx tsx examples/annarchy/neural_field.ts   (--help lists the flags)
 * Expected output: tracking error 0.15 cells (mean distance between the bump's centre and the
 * bubble's 20 ms earlier, after the first 500 ms; seed 1234), 100 % of the field's activity within
 * 4 cells of it; ANNarchy's example is visual only (the bump follows the bubble). `--svg FILE` draws
 * input and field at 8 times of the revolution.
 */
import { Network, Neuron, weightMatrixSvg, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Input neuron: its baseline plus uniform noise, rectified. */
export const InputNeuron = new Neuron({
  name: 'InputNeuron',
  parameters: 'baseline = 0.0',
  equations: 'r = pos(baseline + Uniform(-0.5, 0.5))',
});

/** Neural field neuron: leaky integration of its inputs and noise, clipped to [0, 1]. */
export const NeuralFieldNeuron = new Neuron({
  name: 'NeuralFieldNeuron',
  parameters: 'tau = 10.0 : population',
  equations: 'tau * dr/dt + r = sum(exc) + sum(inh) + Uniform(-0.5, 0.5) : min=0.0, max=1.0',
});

export interface NeuralFieldOptions {
  /** Side of the square layers (default 20). */
  N?: number;
  /** Simulated time in ms (default 5000, one revolution). */
  T?: number;
  /** Time of one revolution of the bubble in ms (default 5000). */
  period?: number;
  seed?: number;
  backend?: BackendName;
  /** Number of snapshots (input and field) taken at regular times (default 8). */
  snapshots?: number;
}

export interface NeuralFieldStats {
  /** Mean distance (cells) between the field's centre of activity and the bubble's centre 20 ms earlier, after 500 ms. */
  trackingError: number;
  /** Fraction of the field's activity within 4 cells of that bubble centre (after 500 ms). */
  focus: number;
  /** Snapshots: time (ms), input r and field r (N×N, row-major). */
  frames: { t: number; input: Float64Array; field: Float64Array }[];
}

/** Centre of the bubble (row, column) at step `k`: ANNarchy's BubbleWorld (angle += 1/period per step). */
function bubbleCentre(k: number, N: number, periodSteps: number): [number, number] {
  const angle = (k + 1) / periodSteps;
  const mid = N / 2;
  return [mid * (1.0 + 0.5 * Math.sin(2 * Math.PI * angle)), mid * (1.0 + 0.5 * Math.cos(2 * Math.PI * angle))];
}

/** Builds the layers, moves the bubble through them and measures how well the field follows it. */
export async function run(options: NeuralFieldOptions = {}): Promise<NeuralFieldStats> {
  const { N = 20, T = 5000, period = 5000, seed = 1234, backend = 'js', snapshots = 8 } = options;
  const net = new Network({ dt: 1.0, seed });
  const inp = net.create([N, N], InputNeuron, { name: 'input' });
  const field = net.create([N, N], NeuralFieldNeuron, { name: 'focus' });
  net.connect(inp, field, 'exc').connectOneToOne({ weights: 1.0, delays: 20.0 });
  net.connect(field, field, 'inh').connectDog({ ampPos: 0.2, sigmaPos: 0.1, ampNeg: 0.1, sigmaNeg: 0.7 });
  await net.compile({ backend });

  const baseline = new Float64Array(N * N);
  let step = 0;
  net.every({ period: 1.0 }, () => {
    const [cy, cx] = bubbleCentre(step++, N, period);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) baseline[i * N + j] = Math.exp(-((j - cx) ** 2 + (i - cy) ** 2) / 2.0 / 2.0 ** 2);
    inp.baseline = baseline;
  });

  const frames: NeuralFieldStats['frames'] = [];
  let error = 0, inside = 0, total = 0, samples = 0;
  const chunk = 10; // ms between measurements
  for (let t = chunk; t <= T; t += chunk) {
    await net.simulate(chunk);
    const r = field.r as Float64Array;
    if (Math.floor((t * snapshots) / T) > Math.floor(((t - chunk) * snapshots) / T)) frames.push({ t, input: Float64Array.from(inp.r as Float64Array), field: Float64Array.from(r) });
    if (t <= 500) continue;
    // The field sees the input 20 ms late: compare with where the bubble was then (its last step is t − 1).
    const [by, bx] = bubbleCentre(t - 1 - 20, N, period);
    let sum = 0, sy = 0, sx = 0, near = 0;
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        const v = r[i * N + j];
        sum += v; sy += v * i; sx += v * j;
        if ((i - by) ** 2 + (j - bx) ** 2 <= 16) near += v;
      }
    }
    if (sum > 0) error += Math.hypot(sy / sum - by, sx / sum - bx);
    else error += N; // no bump at all counts as lost
    inside += near; total += sum; samples++;
  }
  return { trackingError: error / samples, focus: total > 0 ? inside / total : 0, frames };
}

/** Input (top row) and field (bottom row) snapshots side by side, one-cell gaps, as one heat map. */
function framesMatrix(frames: NeuralFieldStats['frames'], N: number): { data: Float64Array; rows: number; cols: number } {
  const cols = frames.length * (N + 1) - 1, rows = 2 * N + 1;
  const data = new Float64Array(rows * cols).fill(NaN);
  frames.forEach((f, k) => {
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        data[i * cols + k * (N + 1) + j] = Math.min(f.input[i * N + j], 1);
        data[(N + 1 + i) * cols + k * (N + 1) + j] = f.field[i * N + j];
      }
    }
  });
  return { data, rows, cols };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      T: { type: 'string', default: '5000' },
      period: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/neural_field.ts [--T 5000] [--period 5000] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --T        simulated time in ms (default 5000)');
    console.log('  --period   time of one revolution of the bubble in ms (default 5000)');
    console.log('  --seed     random seed (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write 8 snapshots (input above, field below) to this SVG file');
  } else {
    const s = await run({ T: Number(a.T), period: Number(a.period), seed: Number(a.seed), backend: a.backend as BackendName });
    console.log(`Neural field 20x20, ${a.T} ms, bubble period ${a.period} ms`);
    console.log(`tracking error ${s.trackingError.toFixed(2)} cells, ${(100 * s.focus).toFixed(0)} % of the field's activity within 4 cells of the bubble`);
    if (a.svg) {
      const title = `Input (top) and field (bottom) at ${s.frames.map((f) => f.t).join(', ')} ms`;
      writeFileSync(a.svg, weightMatrixSvg(framesMatrix(s.frames, 20), { title, vmin: 0, vmax: 1, colorbarLabel: 'r', xLabel: 'column (21 per snapshot)', yLabel: 'row: input 0-19, field 21-40', width: 1100, height: 420 }));
      console.log(`snapshots written to ${a.svg}`);
    }
  }
}
