/**
 * BOLD monitoring of a spiking network with two inputs (after ANNarchy's BOLD notebooks and Maith
 * et al. 2022): 200 Poisson inputs (20 Hz) drive 100 Izhikevich neurons; each neuron exposes its
 * excitatory synaptic input as `syn`. A BoldMonitor with `balloon_two_inputs` maps both the
 * blood-flow input `I_CBF` and the oxygen-metabolism input `I_CMRO2` to the population's mean
 * `syn`, normalised over the first 2 s (relative change from the baseline). At 5 s the input rate
 * triples for 1 s. The blood flow (an under-damped oscillator) overshoots and undershoots; the
 * metabolism (critically damped, ten times faster) follows the input closely; the BOLD signal
 * comes from their mismatch. dt = 1 ms.
 *
 * Run: npm run build && npx tsx examples/annarchy/bold_two_inputs.ts   (--help lists the flags)
 * Expected output: (seed 1, js and cpp alike) input during the pulse 2.02 (relative change of syn);
 * firing rate 18.1 Hz before, 41.7 Hz during the pulse; blood flow f_in peak 2.57 at 2.32 s after the
 * onset; BOLD peak 1.558 % at 4.40 s, undershoot -1.436 % at 9.37 s after the onset.
 */
import { Network, Neuron, PoissonPopulation, BoldMonitor, balloon_two_inputs, tracesSvg, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Izhikevich regular-spiking neuron; `syn` is the excitatory input of the step. */
export const Izhikevich = new Neuron({
  name: 'Izhikevich (syn)',
  parameters: `
    a = 0.02 : population
    b = 0.2 : population
    c = -65.0 : population
    d = 8.0 : population
  `,
  equations: `
    syn = g_exc
    dv/dt = 0.04 * v^2 + 5.0 * v + 140.0 - u + syn : init = -65.0
    du/dt = a * (b * v - u) : init = -13.0
  `,
  spike: 'v >= 30.0',
  reset: `
    v = c
    u += d
  `,
});

export interface BoldTwoInputsOptions { T?: number; seed?: number; backend?: BackendName }
export interface BoldTwoInputsStats {
  input: number; rateBefore: number; rateDuring: number;
  flowPeak: number; flowPeakTime: number;
  peak: number; peakTime: number; undershoot: number; undershootTime: number;
  bold: Float64Array; flow: Float64Array;
}

const ONSET = 5000;

export async function run(options: BoldTwoInputsOptions = {}): Promise<BoldTwoInputsStats> {
  const { T = 20000, seed = 1, backend = 'js' } = options;
  const net = new Network({ dt: 1.0, seed });
  const inp = new PoissonPopulation(200, { rates: 20.0, network: net });
  const pop = net.create(100, Izhikevich);
  net.connect(inp, pop, 'exc').connectFixedProbability({ probability: 0.1, weights: 10.0 });
  const spikes = net.monitor(pop, 'spike');
  const m = new BoldMonitor({
    populations: pop, boldModel: balloon_two_inputs, mapping: { I_CBF: 'syn', I_CMRO2: 'syn' },
    normalizeInput: 2000, recordedVariables: ['I_CBF', 'f_in', 'BOLD'],
  });
  await net.compile({ backend });
  m.start();
  await net.simulate(ONSET);
  const before = spikes.get('spike');
  inp.rates = 60.0;
  await net.simulate(1000);
  const during = spikes.get('spike');
  inp.rates = 20.0;
  await net.simulate(T - ONSET - 1000);
  const count = (s: Record<number, number[]>) => Object.values(s).reduce((n, l) => n + l.length, 0);
  const bold = Float64Array.from(m.get('BOLD'), (row) => row[0]!);
  const flow = Float64Array.from(m.get('f_in'), (row) => row[0]!);
  const iCbf = m.get('I_CBF').slice(ONSET + 1, ONSET + 1000).map((row) => row[0]!);
  const argmax = (x: Float64Array, from = 0) => { let k = from; for (let i = from; i < x.length; i++) if (x[i]! > x[k]!) k = i; return k; };
  const p = argmax(bold);
  let u = p;
  for (let i = p; i < bold.length; i++) if (bold[i]! < bold[u]!) u = i;
  const f = argmax(flow);
  return {
    input: iCbf.reduce((a, b) => a + b, 0) / iCbf.length,
    rateBefore: count(before) / 100 / (ONSET / 1000), rateDuring: count(during) / 100,
    flowPeak: flow[f]!, flowPeakTime: f - ONSET,
    peak: bold[p]!, peakTime: p - ONSET, undershoot: bold[u]!, undershootTime: u - ONSET, bold, flow,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: a } = parseArgs({
    strict: true,
    options: {
      T: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/bold_two_inputs.ts [--T 20000] [--seed 1] [--backend js] [--svg FILE]');
    console.log('  --T        simulated time in ms (default 20000; the pulse is at 5000–6000)');
    console.log('  --seed     random seed (default 1)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the BOLD signal and the blood flow to FILE');
  } else {
    const s = await run({ T: Number(a.T), seed: Number(a.seed), backend: a.backend as BackendName });
    console.log(`BOLD monitoring, balloon_two_inputs, spiking network, input ×3 for 1 s at ${ONSET / 1000} s`);
    console.log(`input during the pulse ${s.input.toFixed(2)} (relative change of syn); firing rate ${s.rateBefore.toFixed(1)} Hz before, ${s.rateDuring.toFixed(1)} Hz during the pulse`);
    console.log(`blood flow f_in peak ${s.flowPeak.toFixed(2)} at ${(s.flowPeakTime / 1000).toFixed(2)} s after the onset`);
    console.log(`BOLD peak ${(100 * s.peak).toFixed(3)} % at ${(s.peakTime / 1000).toFixed(2)} s, undershoot ${(100 * s.undershoot).toFixed(3)} % at ${(s.undershootTime / 1000).toFixed(2)} s after the onset`);
    if (a.svg) {
      const t = Array.from(s.bold, (_, k) => k / 1000);
      writeFileSync(a.svg, tracesSvg({ t, values: [Array.from(s.bold, (b) => 100 * b), Array.from(s.flow, (x) => x - 1)], labels: ['BOLD (%)', 'f_in − 1'] }, { title: 'balloon_two_inputs: input ×3 for 1 s', xLabel: 'time (s)', yLabel: '' }));
      console.log(`written to ${a.svg}`);
    }
  }
}
