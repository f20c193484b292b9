/**
 * PymoNNto's "Synapses and Input" program (seed 003) in neurarchy: the basic leaky threshold units
 * plus recurrent input through a GLUTAMATE synapse group with uniform weights of density 0.1
 * (`v += W·spike / N · 10`), a voltage recorder and a spike event recorder. Writes the voltage
 * traces and the raster (iteration × neuron index) as SVG.
 *
 * PymoNNto → here: `synapse.W = synapse.matrix('uniform', density=0.1)` keeps its form (a
 * `DenseMatrix`, dst × src); `synapse.enabled = synapse.W > 0` is `synapse.W.greater(0)`;
 * `My_Network['spike.t', 0]` is `net.getRecorded('spike.t').data`.
 *
 * Run: npm run build && npx tsx examples/pymonnto_synapses.ts [--out DIR]   (SVG plots into DIR, default out/)
 * Expected output: iterations: 1000; spikes: 543; mean rate: 0.0054 per neuron per iteration.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  Behavior, EventRecorder, Network, NeuronGroup, Recorder, SynapseGroup, addInPlace, afferent, type DenseMatrix,
} from 'neurarchy/behaviors';
import { rasterPlotSvg, selectColumns, tracesSvg } from 'neurarchy';
import { BasicBehavior } from './pymonnto_basic.js';

/** Creates the GLUTAMATE weights and adds the recurrent input every iteration. */
export class InputBehavior extends Behavior {
  override initialize(neurons: NeuronGroup): void {
    for (const synapse of neurons.synapses(afferent, 'GLUTAMATE')) {
      const W = synapse.matrix('uniform', { density: 0.1 });
      synapse.W = W;
      synapse.enabled = W.greater(0);
    }
  }

  override iteration(neurons: NeuronGroup): void {
    for (const synapse of neurons.synapses(afferent, 'GLUTAMATE')) {
      // PymoNNto: neurons.voltage += synapse.W.dot(synapse.src.spike) / synapse.src.size * 10
      addInPlace(neurons.voltage, synapse.W.dot(synapse.src.spike), 10 / synapse.src.size);
    }
  }
}

/** Builds and runs the seed's second program; returns the network. */
export async function runSynapses(iterations = 1000, seed = 1): Promise<Network> {
  const net = new Network({ seed });
  const myNeurons = new NeuronGroup({
    net, tag: 'my_neurons', size: 100, behavior: {
      1: new BasicBehavior(),
      2: new InputBehavior(),
      9: new Recorder(['voltage', 'np.mean(voltage)'], { tag: 'my_recorder' }),
      10: new EventRecorder('spike', { tag: 'my_event_recorder' }),
    },
  });
  new SynapseGroup({ net, src: myNeurons, dst: myNeurons, tag: 'GLUTAMATE' });
  await net.initialize();
  await net.simulateIterations(iterations);
  return net;
}

async function main(outDir: string): Promise<void> {
  const net = await runSynapses();
  const voltage: DenseMatrix = net.getRecorded('voltage', 0);
  const meanVoltage = net.getRecorded('np.mean(voltage)', 0).data;
  const threshold = (net.my_neurons as NeuronGroup).getBehavior(BasicBehavior)!.threshold;
  const t = Float64Array.from({ length: voltage.rows }, (_, k) => k + 1);
  const traces = [...selectColumns(voltage.data, voltage.cols, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), meanVoltage, new Float64Array(voltage.rows).fill(threshold)];
  const colors = [...Array<string>(10).fill('').map((_, k) => `hsl(${k * 36}, 60%, 55%)`), '#000000', '#555555'];
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'pymonnto_synapses_voltage.svg'), tracesSvg({ t, values: traces }, {
    xLabel: 'iterations', yLabel: 'voltage', colors, title: 'PymoNNto synapses: voltage of 10 neurons, mean (black), threshold',
  }));
  const times = net.getRecorded('spike.t', 0).data;
  const ranks = net.getRecorded('spike.i', 0).data;
  await writeFile(join(outDir, 'pymonnto_synapses_raster.svg'), rasterPlotSvg({ times, ranks }, {
    xLabel: 'iterations', yLabel: 'neuron index', title: 'PymoNNto synapses: spikes',
  }));
  console.log(`iterations: ${net.iteration}; spikes: ${times.length}; mean rate: ${(times.length / 100 / net.iteration).toFixed(4)} per neuron per iteration`);
  console.log(`wrote ${join(outDir, 'pymonnto_synapses_voltage.svg')} and ${join(outDir, 'pymonnto_synapses_raster.svg')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values } = parseArgs({ strict: true, options: { out: { type: 'string', default: 'out' }, help: { type: 'boolean', default: false } } });
  if (values.help) console.log('usage: npx tsx examples/pymonnto_synapses.ts [--out DIR]   (writes its SVG plots into DIR, default out)');
  else await main(values.out);
}
