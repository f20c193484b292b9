/**
 * Non-linear synapse, ANNarchy's PyNN example (after Brian's "nonlinear synapses"): two regular
 * input neurons (`dv/dt = 0.1`, spike above 1, so one spike every 10 ms, the second one starting
 * half-way) drive one integrator `dv/dt = 0.1·(g_exc − v)` through NMDA-like synapses whose
 * conductance saturates: `tau·dx/dt = −x`, `tau·dg/dt = −g + x·(1 − g)`, `x += w` at each spike,
 * transmitted continuously as `psp = g` (weights 1 and 10), dt = 0.1 ms, 100 ms. The strong synapse
 * saturates near 1, the weak one settles about half-way; the integrator follows their sum.
 *
 * Run: npm run build && npx tsx examples/annarchy/non_linear_synapse.ts   (--help lists the flags)
 * Expected output: largest g: 0.520 (w = 1) and 0.930 (w = 10), v at the end 1.405; ANNarchy's
 * plotted traces (notebook PyNN, 4.8): g peaks near 0.52 and 0.93, v ends near 1.40.
 */
import { Network, Neuron, Synapse, tracesSvg, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** A neuron that fires regularly: v climbs by 0.1 per ms and resets above 1. */
export const Linear = new Neuron({ name: 'Linear', equations: 'dv/dt = 0.1', spike: 'v > 1.0', reset: 'v = 0.0' });
/** Integrates its excitatory conductance (it never reaches its threshold of 2 here). */
export const Integrator = new Neuron({ name: 'Integrator', equations: 'dv/dt = 0.1*(g_exc - v)', spike: 'v > 2.0', reset: 'v = 0.0' });

/** ANNarchy's non-linear (NMDA-like) synapse: a saturating conductance g driven by a trace x. */
export const NMDA = new Synapse({
  name: 'NMDA',
  parameters: 'tau = 10.0 : projection',
  equations: `
    tau * dx/dt = -x
    tau * dg/dt = -g +  x * (1 - g)
  `,
  preSpike: 'x += w',
  psp: 'g',
});

export interface NonLinearOptions {
  /** Simulated time in ms (default 100). */
  T?: number;
  backend?: BackendName;
}

export interface NonLinearStats {
  /** g of the synapse with w = 1 and of the one with w = 10, after each step. */
  g1: Float64Array;
  g10: Float64Array;
  /** The integrator's v after each step. */
  v: Float64Array;
}

/** Builds and simulates the three neurons; returns the recorded traces. */
export async function run(options: NonLinearOptions = {}): Promise<NonLinearStats> {
  const { T = 100, backend = 'js' } = options;
  const net = new Network({ dt: 0.1 });
  const input = net.create(2, Linear);
  input.v = [0.0, 0.5];
  const neuron = net.create(1, Integrator);
  const proj = net.connect(input, neuron, 'exc', NMDA).connectFromMatrix([[1.0, 10.0]]);
  const mv = net.monitor(neuron, 'v');
  const mg = net.monitor(proj, 'g');
  await net.compile({ backend });
  await net.simulate(T);
  const g = mg.get('g'); // one row per step: one array per dendrite (here one, with the two synapses)
  return {
    g1: Float64Array.from(g, (row) => row[0][0]),
    g10: Float64Array.from(g, (row) => row[0][1]),
    v: Float64Array.from(mv.get('v'), (row) => row[0]),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      T: { type: 'string', default: '100' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/non_linear_synapse.ts [--T 100] [--backend js] [--svg FILE]');
    console.log('  --T        simulated time in ms (default 100)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the conductances and v to this SVG file');
  } else {
    const s = await run({ T: Number(a.T), backend: a.backend as BackendName });
    console.log(`Non-linear synapses, ${a.T} ms`);
    console.log(`largest g: ${Math.max(...s.g1).toFixed(3)} (w = 1) and ${Math.max(...s.g10).toFixed(3)} (w = 10), v at the end ${s.v[s.v.length - 1].toFixed(3)}`);
    if (a.svg) {
      const t = Float64Array.from(s.v, (_, k) => 0.1 * (k + 1));
      writeFileSync(a.svg, tracesSvg({ t, values: [s.g1, s.g10, s.v], labels: ['g (w = 1)', 'g (w = 10)', 'v'] }, { title: 'Non-linear synapses' }));
      console.log(`traces written to ${a.svg}`);
    }
  }
}
