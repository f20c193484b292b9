/**
 * Hybrid rate-coded / spiking network, as in ANNarchy's example (Fig. 4 of Vitay, Dinkelbach &
 * Hamker 2015): one rate-coded input neuron (`r = baseline`) sets the rate of 1000 Poisson neurons
 * (a `PoissonPopulation` whose rates are the sum of its `exc` inputs); a `DecodingProjection`
 * (10 ms window) turns their spikes back into rates in 1000 rate-coded neurons, neuron k decoding
 * the first k + 1 Poisson neurons (a user connection pattern built with `LILBuilder`). The input is
 * 0, 10, 50, 100 Hz for 250 ms each, dt = 0.1 ms.
 *
 * The decoded rate of neuron k is a Poisson count over (k + 1) neurons × 10 ms divided by that
 * exposure, so its mean normalised error |r − f| / f is the mean absolute deviation of a Poisson
 * variable of mean λ = (k + 1) f · 10 ms, divided by λ (about √(2 / (π λ)) for large λ: 0.080, 0.036
 * and 0.025 at 10, 50 and 100 Hz for k = 999). Prints, per block, the decoded mean rate and the
 * normalised error of neurons 9, 99 and 999 (the first 20 ms of each block, while the 10 ms window
 * fills, are left out; ANNarchy's figure includes them).
 *
 * Run: npm run build && npx tsx examples/annarchy/hybrid.ts   (--help lists the flags)
 * Expected output: input 100 Hz: decoded rate (1000 inputs) 99.4 Hz; normalised error (1000, 100,
 * 10 inputs) 0.029, 0.076, 0.225 (seed 1234; Poisson theory 0.025, 0.080, 0.250). ANNarchy prints no statistic (its figure c shows the
 * same error falling with the number of inputs).
 */
import { Network, Neuron, PoissonPopulation, DecodingProjection, LILBuilder, rasterPlot, rasterPlotSvg, type BackendName, type Population } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const inputNeuron = new Neuron({ name: 'input', parameters: 'baseline = 0.0', equations: 'r = baseline' });
const decoderNeuron = new Neuron({ name: 'decoder', equations: 'r = sum(exc)' });

/** Post-synaptic neuron k receives pre-synaptic neurons 0..k, all with the same weight. */
export function diagonal(pre: Population, post: Population, weight: number): LILBuilder {
  const lil = new LILBuilder();
  for (let k = 0; k < post.size; k++) lil.add(k, Array.from({ length: k + 1 }, (_, i) => i), [weight], [0]);
  return lil;
}

export interface HybridOptions {
  /** Poisson neurons and decoders (default 1000, at least 100). */
  N?: number;
  /** Duration of each of the four blocks (0, 10, 50, 100 Hz) in ms (default 250). */
  duration?: number;
  seed?: number;
  backend?: BackendName;
}

/** The decoders whose rates are recorded (neuron k decodes k + 1 inputs), for N neurons. */
export const decoders = (N: number): number[] => [0, 9, 99, N - 1];
export const RATES = [0, 10, 50, 100];

export interface HybridBlock {
  /** Input rate (Hz). */
  rate: number;
  /** Mean decoded rate of each decoder of decoders(N) (Hz). */
  decoded: number[];
  /** Mean of |r − rate| / rate for each decoder (NaN at 0 Hz). */
  error: number[];
}

export interface HybridStats {
  blocks: HybridBlock[];
  /** Mean firing rate of the Poisson neurons in each block (Hz). */
  poissonRates: number[];
  /** Decoded rate of the last neuron (N inputs), one value per step, and the Poisson spikes (plots). */
  decodedAll: Float64Array;
  spikes: ReturnType<typeof rasterPlot>;
}

const DT = 0.1;

/** Builds the network, plays the four input rates; returns the statistics. */
export async function run(options: HybridOptions = {}): Promise<HybridStats> {
  const { N = 1000, duration = 250, seed = 1234, backend = 'js' } = options;
  if (!(Number.isInteger(N) && N >= 100)) throw new RangeError(`hybrid: N must be an integer of at least 100, got ${N}`);
  const DECODERS = decoders(N);
  const net = new Network({ dt: DT, seed });
  const pop1 = net.create(1, inputNeuron);
  const pop2 = new PoissonPopulation(N, { target: 'exc', network: net });
  net.connect(pop1, pop2, 'exc').connectAllToAll({ weights: 1.0 });
  const pop3 = net.create(N, decoderNeuron);
  new DecodingProjection(pop2, pop3, 'exc', { window: 10.0 }).connectWithFunc(diagonal, 1.0);
  const m2 = net.monitor(pop2, 'spike');
  const m3 = net.monitor(pop3.view(DECODERS), 'r');
  await net.compile({ backend });
  for (const rate of RATES) {
    pop1.baseline = rate;
    await net.simulate(duration);
  }
  const spikes = m2.get('spike');
  const r = m3.get('r');
  const steps = Math.round(duration / DT);
  const skip = Math.round(20 / DT); // the 10 ms window fills (plus the step of transmission)
  const blocks: HybridBlock[] = RATES.map((rate, b) => {
    const rows = r.slice(b * steps + skip, (b + 1) * steps);
    const decoded = DECODERS.map((_, j) => rows.reduce((s, row) => s + row[j]!, 0) / rows.length);
    const error = DECODERS.map((_, j) => rate === 0 ? NaN : rows.reduce((s, row) => s + Math.abs(row[j]! - rate) / rate, 0) / rows.length);
    return { rate, decoded, error };
  });
  const poissonRates = RATES.map((_, b) => {
    let n = 0;
    for (const st of Object.values(spikes)) for (const s of st) if (s >= b * steps && s < (b + 1) * steps) n++;
    return n / N / (duration / 1000);
  });
  return { blocks, poissonRates, decodedAll: Float64Array.from(r, (row) => row[3]!), spikes: rasterPlot(spikes) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      N: { type: 'string', default: '1000' },
      duration: { type: 'string', default: '250' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/hybrid.ts [--N 1000] [--duration 250] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --N         Poisson neurons and decoders (default 1000)');
    console.log('  --duration  ms of each input rate, 0, 10, 50 and 100 Hz (default 250)');
    console.log('  --seed      random seed (default 1234)');
    console.log('  --backend   js, cpp or webgpu (default js)');
    console.log('  --svg       write the raster of the Poisson population to this SVG file');
  } else {
    const s = await run({ N: Number(a.N), duration: Number(a.duration), seed: Number(a.seed), backend: a.backend as BackendName });
    console.log(`hybrid network, ${a.duration} ms per input rate`);
    for (const [b, block] of s.blocks.entries()) {
      const err = block.rate === 0 ? '' : `; normalised error (${a.N}, 100, 10 inputs) ${block.error[3]!.toFixed(3)}, ${block.error[2]!.toFixed(3)}, ${block.error[1]!.toFixed(3)}`;
      console.log(`input ${block.rate} Hz: Poisson neurons ${s.poissonRates[b]!.toFixed(1)} Hz, decoded rate (${a.N} inputs) ${block.decoded[3]!.toFixed(1)} Hz${err}`);
    }
    if (a.svg) {
      writeFileSync(a.svg, rasterPlotSvg(s.spikes, { title: 'Hybrid network: Poisson population' }));
      console.log(`raster written to ${a.svg}`);
    }
  }
}
