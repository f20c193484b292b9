/**
 * Gap junctions, as in ANNarchy's example (itself after Brian's): 10 leaky integrate-and-fire
 * neurons driven above threshold (v0 = 1.05, tau = 10 ms, spike at v > 1, reset to 0) start spread
 * over [0, 1] and are coupled all-to-all by electrical synapses, the continuous transmission
 * `psp = w * (pre.v - post.v)` (w = 0.02) summed every step into `g_gap`. dt = 0.1 ms, 500 ms.
 *
 * Uncoupled, each neuron fires every 30.3 ms (after a reset, v0 (1 - 0.99^k) > 1 first at
 * k = 303 Euler steps) and keeps its initial phase. Coupled, a neuron that has just been
 * reset pulls the others down, which lengthens the period; the network locks into a state where
 * the neurons fire one after another at near-equal intervals, in their initial order (v of
 * neurons 0 and 5 with --svg). Prints the period and the intervals between consecutive neurons
 * at the end. The test checks every spike against an independent 20-line Euler loop.
 *
 * Run: npm run build && npx tsx examples/annarchy/gap_junctions.ts   (--help lists the flags)
 * Expected output: period at the end 39.6 ms (30.3 ms with --w 0); intervals between consecutive
 * neurons 3.8-4.1 ms. ANNarchy prints no statistic (its figure shows v of neurons 0 and 5).
 */
import { Network, Neuron, Synapse, tracesSvg, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const neuron = new Neuron({
  name: 'LIF driven above threshold',
  parameters: 'v0 = 1.05: population; tau = 10.0: population',
  equations: 'tau*dv/dt = v0 - v + g_gap',
  spike: 'v >  1.',
  reset: 'v = 0.',
});

/** An electrical synapse: a current proportional to the difference of potentials, every step. */
export const gapJunction = new Synapse({ name: 'gap junction', psp: 'w * (pre.v - post.v)' });

export interface GapJunctionOptions {
  /** Coupling weight (default 0.02; 0 uncouples the neurons). */
  w?: number;
  /** Simulated time in ms (default 500). */
  T?: number;
  backend?: BackendName;
}

export interface GapJunctionStats {
  /** Interval between the last two spikes of neuron 0 (ms). */
  period: number;
  /** Smallest and largest interval (ms) between the last spikes of successive neurons, in firing order. */
  minGap: number; maxGap: number;
  /** Spike steps of each neuron. */
  spikeSteps: number[][];
  /** v of neurons 0 and 5, one row per step. */
  v0: Float64Array; v5: Float64Array;
}

const DT = 0.1;

/** Simulates the 10 coupled neurons; returns the statistics. */
export async function run(options: GapJunctionOptions = {}): Promise<GapJunctionStats> {
  const { w = 0.02, T = 500, backend = 'js' } = options;
  const net = new Network({ dt: DT });
  const pop = net.create(10, neuron);
  pop.v = Array.from({ length: 10 }, (_, i) => i / 9); // evenly spread over [0, 1]
  net.connect(pop, pop, 'gap', gapJunction).connectAllToAll({ weights: w });
  const m = net.monitor(pop, 'spike');
  const mv = net.monitor(pop.view([0, 5]), 'v');
  await net.compile({ backend });
  await net.simulate(T);
  const spikes = m.get('spike');
  const spikeSteps = Array.from({ length: 10 }, (_, r) => [...(spikes[r] ?? [])]);
  const t0 = spikeSteps[0]!.map((s) => s * DT);
  const last = spikeSteps.map((s) => (s[s.length - 1] ?? NaN) * DT).sort((x, y) => x - y);
  const gaps = last.slice(1).map((t, k) => t - last[k]!);
  const rows = mv.get('v');
  return {
    period: t0.length >= 2 ? t0[t0.length - 1]! - t0[t0.length - 2]! : NaN,
    minGap: Math.min(...gaps), maxGap: Math.max(...gaps),
    spikeSteps,
    v0: Float64Array.from(rows, (r) => r[0]!), v5: Float64Array.from(rows, (r) => r[1]!),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      w: { type: 'string', default: '0.02' },
      T: { type: 'string', default: '500' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/gap_junctions.ts [--w 0.02] [--T 500] [--backend js] [--svg FILE]');
    console.log('  --w        gap-junction weight (default 0.02; 0: no coupling)');
    console.log('  --T        simulated time in ms (default 500)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write v of neurons 0 and 5 to this SVG file');
  } else {
    const s = await run({ w: Number(a.w), T: Number(a.T), backend: a.backend as BackendName });
    console.log(`gap junctions, 10 neurons, w = ${a.w}, ${a.T} ms`);
    console.log(`period at the end ${s.period.toFixed(1)} ms; intervals between consecutive neurons ${s.minGap.toFixed(1)}-${s.maxGap.toFixed(1)} ms`);
    if (a.svg) {
      writeFileSync(a.svg, tracesSvg({ t: Array.from(s.v0, (_, k) => (k + 1) * DT), values: [s.v0, s.v5], labels: ['neuron 0', 'neuron 5'] }, { title: 'Gap junctions: v', yLabel: 'v' }));
      console.log(`v written to ${a.svg}`);
    }
  }
}
