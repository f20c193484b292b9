/**
 * Bar learning, ANNarchy's BarLearning example without its GUI: an 8×8 input layer shows random
 * horizontal and vertical bars (each row and each column lit with probability 1/8 per trial) to an
 * 8×4 layer of leaky rate neurons (`tau·dr/dt + r = sum(exc) − sum(inh)`, r ≥ 0). Feed-forward
 * weights learn with Oja's rule (tau 2000 ms, alpha 8, weights may go down to −10), lateral
 * inhibitory weights with Oja's rule too (alpha 0.3), which decorrelates the features. Each trial
 * lasts 50 ms (dt = 1 ms). After enough trials each feature neuron's receptive field is a single
 * bar, and together they cover the 16 bars (Földiák 1990's problem).
 *
 * Selectivity is measured per feature neuron: the contrast of a bar is the mean weight on its 8
 * pixels minus the mean weight on the 56 others; a neuron is selective when its best bar's contrast
 * is more than twice the second best's (before learning 3 of 32 neurons pass by chance).
 *
 * Run: npm run build && npx tsx examples/annarchy/bar_learning.ts   (--help lists the flags)
 * Expected output: selective features: 27 of 32, bars learned: 16 of 16, median contrast ratio 4.8
 * after 2000 trials (seed 1234; 26 of 32 and 13 bars after 1000); ANNarchy's example is visual only
 * (its receptive fields converge to single bars). `--svg FILE` draws the 32 receptive fields.
 */
import { Network, Neuron, Synapse, Uniform, weightMatrixSvg, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Input neuron: r is set from outside. */
export const InputNeuron = new Neuron({ name: 'InputNeuron', parameters: 'r = 0.0' });

/** Leaky rate neuron, excited by the input and inhibited by its neighbours. */
export const LeakyNeuron = new Neuron({
  name: 'LeakyNeuron',
  parameters: 'tau = 10.0 : population',
  equations: 'tau * dr/dt + r = sum(exc) - sum(inh) : min=0.0',
});

/** Oja's rule with a lower bound on the weights. */
export const Oja = new Synapse({
  name: 'Oja',
  parameters: `
    tau = 2000.0 : projection
    alpha = 8.0 : projection
    min_w = 0.0 : projection
  `,
  equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w : min=min_w',
});

export interface BarLearningOptions {
  /** Number of trials of 50 ms (default 2000). */
  trials?: number;
  seed?: number;
  backend?: BackendName;
}

export interface BarLearningStats {
  /**
   * Per feature neuron: index of its best bar (0–7 rows, 8–15 columns), and how much that bar
   * stands out: its contrast (mean weight on the bar minus mean weight off it) over the second
   * best bar's (Infinity when no other bar has a positive contrast).
   */
  best: number[];
  ratio: number[];
  /** Feature neurons whose best bar stands out (ratio > 2), and the distinct bars they prefer. */
  selective: number;
  bars: number;
  /** Receptive fields: 32 arrays of 64 weights (input row-major). */
  fields: Float64Array[];
}

/** The 8 pixels of bar `b` (rows 0–7, then columns 8–15) of an 8×8 layer, as flat ranks. */
function barPixels(b: number): number[] {
  return Array.from({ length: 8 }, (_, k) => (b < 8 ? b * 8 + k : k * 8 + (b - 8)));
}

/** Builds the network, runs the trials and measures the receptive fields. */
export async function run(options: BarLearningOptions = {}): Promise<BarLearningStats> {
  const { trials = 2000, seed = 1234, backend = 'js' } = options;
  const net = new Network({ dt: 1.0, seed });
  const input = net.create([8, 8], InputNeuron, { name: 'Input' });
  const feature = net.create([8, 4], LeakyNeuron, { name: 'Feature' });
  const ff = net.connect(input, feature, 'exc', Oja).connectAllToAll({ weights: new Uniform(-0.5, 0.5) });
  ff.min_w = -10.0;
  const lat = net.connect(feature, feature, 'inh', Oja).connectAllToAll({ weights: new Uniform(0.0, 1.0) });
  lat.alpha = 0.3;
  await net.compile({ backend });

  const r = new Float64Array(64);
  for (let trial = 0; trial < trials; trial++) {
    r.fill(0);
    for (let h = 0; h < 8; h++) if (net.rng.uniform() < 1 / 8) for (const k of barPixels(h)) r[k] = 1;
    for (let w = 0; w < 8; w++) if (net.rng.uniform() < 1 / 8) for (const k of barPixels(8 + w)) r[k] = 1;
    input.r = r;
    await net.simulate(50);
  }

  // Receptive fields, indexed by input rank whatever the order of the stored synapses.
  const w = ff.w as Float64Array[];
  const fields = ff.postRanks.map((_, d) => {
    const f = new Float64Array(64);
    ff.preRanks[d].forEach((pre, k) => { f[pre] = w[d][k]; });
    return f;
  });
  const best: number[] = [], ratio: number[] = [];
  for (const f of fields) {
    // Contrast of a bar: mean weight on its 8 pixels minus mean weight on the 56 others.
    const total = f.reduce((acc, x) => acc + x, 0);
    const contrast = Array.from({ length: 16 }, (_, bar) => {
      const on = barPixels(bar).reduce((acc, k) => acc + f[k], 0);
      return on / 8 - (total - on) / 56;
    });
    const order = contrast.map((c, bar) => [c, bar] as const).sort((x, y) => y[0] - x[0]);
    best.push(order[0][1]);
    ratio.push(order[1][0] > 0 ? order[0][0] / order[1][0] : Infinity);
  }
  const chosen = best.filter((_, k) => ratio[k] > 2);
  return { best, ratio, selective: chosen.length, bars: new Set(chosen).size, fields };
}

/** The 32 receptive fields as an 8×4 grid of 8×8 tiles with one-cell gaps. */
function fieldsMatrix(fields: Float64Array[]): { data: Float64Array; rows: number; cols: number } {
  const rows = 8 * 9 - 1, cols = 4 * 9 - 1;
  const data = new Float64Array(rows * cols).fill(NaN);
  fields.forEach((f, n) => {
    const [ti, tj] = [Math.floor(n / 4), n % 4]; // feature (ti, tj) of the 8×4 layer
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) data[(ti * 9 + i) * cols + tj * 9 + j] = f[i * 8 + j];
  });
  return { data, rows, cols };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      trials: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/bar_learning.ts [--trials 2000] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --trials   trials of 50 ms (default 2000)');
    console.log('  --seed     random seed (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the 32 receptive fields to this SVG file');
  } else {
    const s = await run({ trials: Number(a.trials), seed: Number(a.seed), backend: a.backend as BackendName });
    const median = [...s.ratio].sort((x, y) => x - y)[16];
    console.log(`Bar learning, ${a.trials} trials of 50 ms`);
    console.log(`selective features: ${s.selective} of 32 (best bar's contrast > 2 × the second's), bars learned: ${s.bars} of 16, median contrast ratio ${median.toFixed(1)}`);
    if (a.svg) {
      writeFileSync(a.svg, weightMatrixSvg(fieldsMatrix(s.fields), { title: 'Receptive fields of the 8×4 feature neurons', colormap: 'rdbu', xLabel: 'input column (tiles of 8)', yLabel: 'input row (tiles of 8)' }));
      console.log(`receptive fields written to ${a.svg}`);
    }
  }
}
