/**
 * Logging a simulation for TensorBoard (ANNarchy's `Logger`, extensions/tensorboard): a toy of
 * ANNarchy's bar-learning model. An 8×8 input shows random horizontal and vertical bars (each
 * with probability 1/8) for 50 ms per trial; 4 leaky rate neurons learn their input weights with
 * Oja's rule. Every trial logs the mean output rate (scalar) and each neuron's rate (one chart,
 * `addScalars`); every 10 trials the weight distribution (histogram) and neuron 0's receptive
 * field (image); at the end a plot of the mean rate (figure) and the parameters with the final
 * rate (HParams). Then: `tensorboard --logdir runs`.
 *
 * Run: npx tsx examples/logger.ts [--trials 100] [--logdir runs] [--experiment bars]
 * Expected output: "logged 100 trials to runs/bars (6 event files: …)", "mean output rate in the
 * last trial: 0.787", then the command that shows them.
 */
import { Network, Neuron, Synapse, Uniform, InputArray, tracesSvg } from 'neurarchy';
import { Logger } from 'neurarchy/node';
import { parseArgs } from 'node:util';

const Leaky = new Neuron({
  name: 'leaky',
  parameters: 'tau = 10.0',
  equations: 'tau * dr/dt + r = sum(exc) : min = 0.0',
});

const Oja = new Synapse({
  name: 'Oja',
  parameters: 'tau = 2000.0 : projection\nalpha = 8.0 : projection',
  equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w',
});

/** Options of {@link run}. */
export interface LoggerExampleOptions {
  trials?: number;
  logdir?: string;
  experiment?: string;
  seed?: number;
}

/** What {@link run} logged. */
export interface LoggerExampleResult {
  /** The run's folder and its event files. */
  folder: string;
  files: string[];
  /** Mean output rate after each trial (the 'activity/mean rate' scalar). */
  meanRates: number[];
  /** Neuron 0's weights at the last logged receptive field. */
  field: Float64Array;
}

/** Runs the trials and logs them; returns what was logged. */
export async function run(options: LoggerExampleOptions = {}): Promise<LoggerExampleResult> {
  const { trials = 100, logdir = 'runs', experiment = 'bars', seed = 1 } = options;
  const net = new Network({ seed });
  const input = new InputArray([8, 8], { network: net });
  const out = net.create(4, Leaky);
  const proj = net.connect(input, out, 'exc', Oja);
  proj.connectAllToAll({ weights: new Uniform(0.0, 0.5) });
  await net.compile();

  const logger = new Logger({ logdir, experiment });
  const meanRates: number[] = [];
  let field = new Float64Array(64);
  let state = seed;
  const random = (): number => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  for (let trial = 0; trial < trials; trial++) {
    const bars = new Float64Array(64);
    for (let i = 0; i < 8; i++) {
      if (random() < 1 / 8) for (let j = 0; j < 8; j++) bars[i * 8 + j] = 1;   // row i
      if (random() < 1 / 8) for (let j = 0; j < 8; j++) bars[j * 8 + i] = 1;   // column i
    }
    input.r = bars;
    await net.simulate(50);
    const r = Array.from(out.r as ArrayLike<number>);
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    meanRates.push(mean);
    logger.addScalar('activity/mean rate', mean, trial);
    logger.addScalars('activity/neurons', Object.fromEntries(r.map((v, k) => [`neuron ${k}`, v])), trial);
    if (trial % 10 === 9 || trial === trials - 1) {
      const w = proj.w as Float64Array[];
      logger.addHistogram('weights', w.flatMap((row) => Array.from(row)), trial);
      field = Float64Array.from(w[0]);
      logger.addImage('receptive field/neuron 0', Object.assign(Float64Array.from(field), { shape: [8, 8] }), trial, { equalize: true });
    }
  }
  const svg = tracesSvg({ t: meanRates.map((_, k) => k), values: meanRates }, { title: 'Mean output rate', xLabel: 'trial', yLabel: 'r' });
  try {
    await logger.addFigure('activity/mean rate (plot)', svg, trials);
  } catch (e) {
    console.log(`figure not logged: ${(e as Error).message}`);
  }
  logger.addParameters({ tau: 10, eta: 1 / 2000, alpha: 8, trials }, { 'final mean rate': meanRates[meanRates.length - 1] });
  logger.close();
  return { folder: logger.currentLogdir, files: logger.files, meanRates, field };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: a } = parseArgs({
    strict: true,
    options: {
      trials: { type: 'string', default: '100' }, logdir: { type: 'string', default: 'runs' },
      experiment: { type: 'string', default: 'bars' }, help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/logger.ts [--trials 100] [--logdir runs] [--experiment bars]');
  } else {
    const s = await run({ trials: Number(a.trials), logdir: a.logdir, experiment: a.experiment });
    // The run's own file, one per key of addScalars, one for addParameters (tensorboardX's layout).
    console.log(`logged ${s.meanRates.length} trials to ${s.folder} (${s.files.length} event files: the run's, 4 for the neurons' rates, 1 for the parameters)`);
    console.log(`mean output rate in the last trial: ${s.meanRates[s.meanRates.length - 1].toFixed(3)}`);
    console.log(`see them with: tensorboard --logdir ${a.logdir}`);
  }
}
