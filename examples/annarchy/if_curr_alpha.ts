/**
 * IF_curr_alpha, ANNarchy's PyNN example (PyNN's "simple network"): a Poisson train at 100 Hz
 * (a `SpikeSourceArray` with exponentially distributed intervals, drawn once) drives two
 * integrate-and-fire neurons with alpha-shaped current synapses (built-in `IF_curr_alpha`,
 * tau_syn 2 ms, threshold −50 mV, refractory 2 ms) through weights of 1 nA, dt = 0.1 ms, 1 s. Both
 * neurons receive the same input, so their traces are identical; each input spike gives a PSP of a
 * few mV and the neuron fires when several arrive close together.
 *
 * ANNarchy draws the input with NumPy's generator (seed 26278342); neurarchy draws it with the
 * network's generator, so the train, and the spike count, differ from ANNarchy's for a given seed.
 *
 * Run: npm run build && npx tsx examples/annarchy/if_curr_alpha.ts   (--help lists the flags)
 * Expected output: input rate 100.0 Hz, output spikes: 9 per neuron (seed 1234), mean v -57.59 mV;
 * ANNarchy's plotted trace (notebook PyNN, 4.8) shows about 11 spikes in the second.
 */
import { Network, IF_curr_alpha, SpikeSourceArray, Exponential, tracesSvg, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface IfCurrAlphaOptions {
  /** Simulated time in ms (default 1000). */
  T?: number;
  /** Input rate in Hz (default 100). */
  rate?: number;
  seed?: number;
  backend?: BackendName;
}

export interface IfCurrAlphaStats {
  /** Input spike times (ms) within the run. */
  input: number[];
  /** Spike steps of each of the two neurons. */
  spikes: number[][];
  /** v of the first neuron after each step. */
  v: Float64Array;
}

/** Draws the input train, builds and simulates the network; returns spikes and trace. */
export async function run(options: IfCurrAlphaOptions = {}): Promise<IfCurrAlphaStats> {
  const { T = 1000, rate = 100, seed = 1234, backend = 'js' } = options;
  const net = new Network({ dt: 0.1, seed });
  // Twice as many intervals as expected in T: the train outlasts the run (as ANNarchy's).
  const intervals = new Exponential(rate / 1000).sample(Math.round((2 * T * rate) / 1000), net.rng);
  const times: number[] = [];
  let t = 0;
  for (const isi of intervals) { t += isi; times.push(t); }
  const input = new SpikeSourceArray(times, { network: net });
  const output = net.create(2, IF_curr_alpha);
  output.set({ tau_refrac: 2.0, v_thresh: -50.0, tau_syn_E: 2.0, tau_syn_I: 2.0 });
  net.connect(input, output, 'exc').connectAllToAll({ weights: 1.0 });
  const m = net.monitor(output, ['spike', 'v']);
  await net.compile({ backend });
  await net.simulate(T);
  const spikes = m.get('spike', { keep: true });
  return {
    input: times.filter((x) => x < T),
    spikes: [spikes[0] ?? [], spikes[1] ?? []],
    v: Float64Array.from(m.get('v'), (row) => row[0]),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      T: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/if_curr_alpha.ts [--T 1000] [--rate 100] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --T        simulated time in ms (default 1000)');
    console.log('  --rate     input rate in Hz (default 100)');
    console.log('  --seed     random seed (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the membrane potential to this SVG file');
  } else {
    const T = Number(a.T);
    const s = await run({ T, rate: Number(a.rate), seed: Number(a.seed), backend: a.backend as BackendName });
    const meanV = s.v.reduce((acc, x) => acc + x, 0) / s.v.length;
    console.log(`IF_curr_alpha, ${T} ms: input rate ${(s.input.length / (T / 1000)).toFixed(1)} Hz`);
    console.log(`output spikes: ${s.spikes[0].length} per neuron (the two neurons ${s.spikes[0].join() === s.spikes[1].join() ? 'agree' : 'DIFFER'}), mean v ${meanV.toFixed(2)} mV`);
    if (a.svg) {
      const t = Float64Array.from(s.v, (_, k) => 0.1 * (k + 1));
      writeFileSync(a.svg, tracesSvg({ t, values: s.v }, { yLabel: 'Vm (mV)', title: 'IF_curr_alpha: simple network' }));
      console.log(`trace written to ${a.svg}`);
    }
  }
}
