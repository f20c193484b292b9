/**
 * Hand-written behaviours and equation-defined models in one PymoNNto-style network:
 *
 * - `input` (100 neurons): a hand-written behaviour emits Poisson-like spikes (probability `rate`
 *   per iteration, from the group's seeded stream);
 * - `output` (50 neurons): a conductance LIF written in neurarchy's equation language and run as a
 *   behaviour (`NeuronModel`): generated code, one step per iteration, `output.vars.v` is the
 *   kernel's own array;
 * - `input → output`: weights set by a hand-written behaviour (`synapse.matrix(...)`), transmission
 *   and online STDP from the equation language (`SynapseModel(new STDP(...))`), so `synapse.W`
 *   changes in place;
 * - a hand-written homeostasis behaviour on `output` adapting each threshold, and the recorders.
 *
 * Order of execution (one list across the groups, sorted by key): 1 input spikes, 2 output
 * threshold adaptation, 3 output neurons (generated), 4 synapses (generated), 9/10 recorders.
 * Writes the output voltages, the raster of both groups and the weight histogram before/after as SVG.
 *
 * Run: npm run build && npx tsx examples/pymonnto_mixed.ts [--out DIR]   (SVG plots into DIR, default out/)
 * Expected output: input rate 0.0504, output rate 0.0084 spikes per neuron per iteration; mean weight 0.1524 → 0.1545.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  Behavior, EventRecorder, Network, NeuronGroup, NeuronModel, Recorder, SynapseGroup, SynapseModel, type DenseMatrix,
} from 'neurarchy/behaviors';
import { Neuron, STDP, histogramSvg, rasterPlotSvg, selectColumns, tracesSvg } from 'neurarchy';

/** spike = 1 with probability `rate` per iteration. */
class PoissonInput extends Behavior {
  private rate = 0.05;
  private draw = new Float64Array(0);
  override initialize(n: NeuronGroup): void {
    this.rate = this.parameter('rate', 0.05);
    this.draw = new Float64Array(n.size);
    n.vars.spike = new Uint8Array(n.size);
  }
  override iteration(n: NeuronGroup): void {
    n.fill(this.draw, 'uniform');
    const s = n.vars.spike!;
    for (let i = 0; i < n.size; i++) s[i] = this.draw[i]! < this.rate ? 1 : 0;
  }
}

/** Each neuron's threshold moves towards a target rate (a PymoNNto-style intrinsic plasticity). */
class Homeostasis extends Behavior {
  private target = 0.02;
  private eta = 0.01;
  override initialize(): void {
    this.target = this.parameter('target', 0.02);
    this.eta = this.parameter('eta', 0.01);
  }
  override iteration(n: NeuronGroup): void {
    const th = n.vars.v_thresh!; // the equation model's parameter array, written in place
    const s = n.vars.spike!;
    for (let i = 0; i < n.size; i++) th[i]! += this.eta * (s[i]! - this.target);
  }
}

/** Uniform initial weights, dense dst × src. */
class InitWeights extends Behavior {
  override initialize(s: SynapseGroup): void {
    s.W = s.matrix('uniform(0, 0.3)');
  }
}

const LIF = new Neuron({
  name: 'conductance LIF',
  parameters: 'tau = 10.0\nv_thresh = 1.0',
  equations: 'tau * dv/dt = -v + g_exc',
  spike: 'v > v_thresh',
  reset: 'v = 0.0',
  refractory: 2.0,
});

/** Builds and runs the mixed network; returns it with the weights before the run. */
export async function runMixed(iterations = 1000, seed = 1): Promise<{ net: Network; w0: Float64Array; syn: SynapseGroup }> {
  const net = new Network({ seed });
  const input = new NeuronGroup({
    net, tag: 'input', size: 100,
    behavior: { 1: new PoissonInput({ rate: 0.05 }), 10: new EventRecorder('spike', { tag: 'input_spikes' }) },
  });
  const output = new NeuronGroup({
    net, tag: 'output', size: 50,
    behavior: {
      2: new Homeostasis({ target: 0.02, eta: 0.01 }),
      3: new NeuronModel(LIF, { init: { v: 'uniform(0, 1)' } }),
      9: new Recorder(['v', 'mean(v_thresh)'], { tag: 'output_rec' }),
      10: new EventRecorder('spike', { tag: 'output_spikes' }),
    },
  });
  const syn = new SynapseGroup({
    net, src: input, dst: output, tag: 'GLU',
    behavior: { 0: new InitWeights(), 4: new SynapseModel(new STDP({ w_max: 0.5, A_plus: 0.01, A_minus: 0.0105 })) },
  });
  await net.initialize();
  const w0 = Float64Array.from((syn.W as DenseMatrix).data);
  await net.simulateIterations(iterations);
  return { net, w0, syn };
}

async function main(outDir: string): Promise<void> {
  const { net, w0, syn } = await runMixed();
  console.log(net.describeSchedule().map((r) => `${r.key}\t${r.host}\t${r.behavior}`).join('\n'));
  const v = net.getRecorded('v', 0);
  const t = Float64Array.from({ length: v.rows }, (_, k) => k + 1);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'pymonnto_mixed_voltage.svg'), tracesSvg({ t, values: selectColumns(v.data, v.cols, [0, 1, 2, 3, 4]) }, {
    xLabel: 'iterations', yLabel: 'v', title: 'NeuronModel (conductance LIF) in a behaviour network: v of 5 output neurons',
  }));
  const inT = net.getRecorded('spike.t', 0).data;
  const inI = net.getRecorded('spike.i', 0).data;
  const outT = net.getRecorded('spike.t', 1).data;
  const outI = net.getRecorded('spike.i', 1).data;
  const times = Float64Array.from([...inT, ...outT]);
  const ranks = Float64Array.from([...inI, ...Array.from(outI, (i) => i + 100)]);
  await writeFile(join(outDir, 'pymonnto_mixed_raster.svg'), rasterPlotSvg({ times, ranks }, {
    xLabel: 'iterations', yLabel: 'neuron (0–99 input, 100–149 output)', title: 'Hand-written Poisson input → equation-defined LIF',
  }));
  const w1 = (syn.W as DenseMatrix).data;
  await writeFile(join(outDir, 'pymonnto_mixed_weights.svg'), histogramSvg(w1, {
    bins: 25, range: [0, 0.5], xLabel: 'w', yLabel: 'synapses', title: 'Weights after STDP (SynapseModel), initially U(0, 0.3)',
  }));
  const mean = (a: ArrayLike<number>): number => Array.from(a).reduce((x, y) => x + y, 0) / a.length;
  const thresh = net.getRecorded('mean(v_thresh)', 0).data;
  console.log(`input rate ${(inT.length / 100 / net.iteration).toFixed(4)}, output rate ${(outT.length / 50 / net.iteration).toFixed(4)} spikes per neuron per iteration`);
  console.log(`mean weight ${mean(w0).toFixed(4)} → ${mean(w1).toFixed(4)}; mean threshold ${thresh[0]!.toFixed(3)} → ${thresh[thresh.length - 1]!.toFixed(3)}`);
  console.log(`wrote ${['voltage', 'raster', 'weights'].map((k) => join(outDir, `pymonnto_mixed_${k}.svg`)).join(', ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values } = parseArgs({ strict: true, options: { out: { type: 'string', default: 'out' }, help: { type: 'boolean', default: false } } });
  if (values.help) console.log('usage: npx tsx examples/pymonnto_mixed.ts [--out DIR]   (writes its SVG plots into DIR, default out)');
  else await main(values.out);
}
