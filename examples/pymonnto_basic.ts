/**
 * PymoNNto's "Basic Code Structure" and "Behavior" program (seed 003) in neurarchy: 100 leaky
 * threshold units with sparse random input, a recorder of the voltage and of its mean, and the
 * voltage traces of the first 10 neurons with the mean (black) and the threshold as SVG.
 *
 * PymoNNto → here: the behaviour is written as in PymoNNto, with state as attributes
 * (`neurons.voltage`, `neurons.spike`; NumPy's `v > th`, `v[mask] = 0`, `v *= 0.9` are the helpers
 * `greater`, `setWhere`, `scaleInPlace`); `np.mean(voltage)` is `mean(voltage)`;
 * `My_Network['n.voltage', 0, 'np']` is `net.getRecorded('voltage')` (iterations × neurons);
 * `My_Network.my_neurons` works as it is; `My_Neurons['Basic_Behavior', 0]` is
 * `getBehavior(BasicBehavior)`.
 *
 * Run: npm run build && npx tsx examples/pymonnto_basic.ts [--out DIR]   (SVG plots into DIR, default out/)
 * Expected output: iterations: 1000; mean voltage over the run: 0.0155.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  Behavior, Network, NeuronGroup, Recorder, SynapseGroup, addInPlace, greater, scaleInPlace, setWhere,
} from 'neurarchy/behaviors';
import { selectColumns, tracesSvg } from 'neurarchy';

/** Spikes above a threshold, resets, decays by 0.9 per iteration, and gets sparse uniform noise. */
export class BasicBehavior extends Behavior {
  threshold = 0.5;

  override initialize(neurons: NeuronGroup): void {
    neurons.voltage = neurons.vector();
    this.threshold = this.parameter('threshold', 0.5);
  }

  override iteration(neurons: NeuronGroup): void {
    neurons.spike = greater(neurons.voltage, this.threshold);
    setWhere(neurons.voltage, neurons.spike, 0.0); // reset
    scaleInPlace(neurons.voltage, 0.9); // voltage decay
    addInPlace(neurons.voltage, neurons.vector('uniform', { density: 0.01 })); // noise
  }
}

/** Builds and runs the seed's basic program; returns the network. */
export async function runBasic(iterations = 1000, seed = 1): Promise<Network> {
  const net = new Network({ seed });
  new NeuronGroup({
    net, tag: 'my_neurons', size: 100, behavior: {
      1: new BasicBehavior(),
      9: new Recorder(['voltage', 'np.mean(voltage)'], { tag: 'my_recorder' }),
    },
  });
  new SynapseGroup({ net, src: 'my_neurons', dst: 'my_neurons', tag: 'GLUTAMATE' });
  await net.initialize();
  await net.simulateIterations(iterations);
  return net;
}

async function main(outDir: string): Promise<void> {
  const net = await runBasic();
  const voltage = net.getRecorded('voltage', 0); // iterations × neurons
  const meanVoltage = net.getRecorded('np.mean(voltage)', 0).data; // one value per iteration
  const neurons: NeuronGroup = net.my_neurons; // PymoNNto's quick access by tag
  const threshold = neurons.getBehavior(BasicBehavior)!.threshold;
  const t = Float64Array.from({ length: voltage.rows }, (_, k) => k + 1);
  const traces = [...selectColumns(voltage.data, voltage.cols, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), meanVoltage, new Float64Array(voltage.rows).fill(threshold)];
  const colors = [...Array<string>(10).fill('').map((_, k) => `hsl(${k * 36}, 60%, 55%)`), '#000000', '#555555'];
  const svg = tracesSvg({ t, values: traces }, { xLabel: 'iterations', yLabel: 'voltage', colors, title: 'PymoNNto basic: voltage of 10 neurons, mean (black), threshold' });
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'pymonnto_basic_voltage.svg'), svg);
  console.log(`iterations: ${net.iteration}; mean voltage over the run: ${(meanVoltage.reduce((a, b) => a + b, 0) / meanVoltage.length).toFixed(4)}`);
  console.log(`wrote ${join(outDir, 'pymonnto_basic_voltage.svg')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values } = parseArgs({ strict: true, options: { out: { type: 'string', default: 'out' }, help: { type: 'boolean', default: false } } });
  if (values.help) console.log('usage: npx tsx examples/pymonnto_basic.ts [--out DIR]   (writes its SVG plots into DIR, default out)');
  else await main(values.out);
}
