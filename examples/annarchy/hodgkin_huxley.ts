/**
 * Hodgkin–Huxley neuron, as in ANNarchy's example: one neuron with sodium, potassium and leak
 * currents (parameters of Börgers et al. 2010), the gating variables n, m, h and V integrated with
 * the midpoint method, dt = 0.02 ms. After 100 ms at rest a 1 ms current pulse of 200 µA/cm²
 * triggers one action potential; then 100 ms more with no input. A spike is the upward crossing of
 * 30 mV (the spike condition compares V with its value at the previous step, `prev_V`).
 *
 * Run: npm run build && npx tsx examples/annarchy/hodgkin_huxley.ts   (--help lists the flags)
 * Expected output: spikes after the pulse: 1, at 100.44 ms; peak V 42.3 mV; resting V -70.00 mV
 * before the pulse (the fixed point of the equations). ANNarchy prints no statistic (its figure shows V, n, m, h from 90 to 120 ms: one action potential).
 */
import { Network, Neuron, tracesSvg, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** ANNarchy's Hodgkin–Huxley neuron (equations and parameters unchanged). */
export const HH = new Neuron({
  name: 'HodgkinHuxley',
  parameters: `
    C = 1.0 # Capacitance
    VL = -59.387 # Leak voltage
    VK = -82.0 # Potassium reversal voltage
    VNa = 45.0 # Sodium reversal voltage
    gK = 36.0 # Maximal Potassium conductance
    gNa = 120.0 # Maximal Sodium conductance
    gL = 0.3 # Leak conductance
    vt = 30.0 # Threshold for spike emission
    I = 0.0 # External current
  `,
  equations: `
    # Previous membrane potential
    prev_V = V

    # Voltage-dependency parameters
    an = 0.01 * (V + 60.0) / (1.0 - exp(-0.1* (V + 60.0) ) )
    am = 0.1 * (V + 45.0) / (1.0 - exp (- 0.1 * ( V + 45.0 )))
    ah = 0.07 * exp(- 0.05 * ( V + 70.0 ))

    bn = 0.125 * exp (- 0.0125 * (V + 70.0))
    bm = 4.0 *  exp (- (V + 70.0) / 80.0)
    bh = 1.0/(1.0 + exp (- 0.1 * ( V + 40.0 )) )

    # Alpha/Beta functions
    dn/dt = an * (1.0 - n) - bn * n : init = 0.3, midpoint
    dm/dt = am * (1.0 - m) - bm * m : init = 0.0, midpoint
    dh/dt = ah * (1.0 - h) - bh * h : init = 0.6, midpoint

    # Membrane equation
    C * dV/dt = gL * (VL - V ) + gK * n**4 * (VK - V) + gNa * m**3 * h * (VNa - V) + I : midpoint
  `,
  // Upward crossing of the threshold; there is nothing to reset.
  spike: '(V > vt) and (prev_V <= vt)',
});

export interface HodgkinHuxleyOptions {
  /** Amplitude of the 1 ms pulse (default 200). */
  current?: number;
  backend?: BackendName;
}

export interface HodgkinHuxleyStats {
  /** Spike times (ms) during the whole run, and those after the pulse onset (100 ms). */
  spikeTimes: number[];
  spikesAfterPulse: number[];
  /** Largest V (mV) after the pulse onset. */
  peak: number;
  /** V just before the pulse (mV): the resting potential. */
  rest: number;
  /** Recorded V, n, m, h, one row per step (dt = 0.02 ms). */
  V: Float64Array; n: Float64Array; m: Float64Array; h: Float64Array;
}

export const DT = 0.02;

/** Simulates 100 ms at rest, the 1 ms pulse, 100 ms after; returns the statistics. */
export async function run(options: HodgkinHuxleyOptions = {}): Promise<HodgkinHuxleyStats> {
  const { current = 200.0, backend = 'js' } = options;
  const net = new Network({ dt: DT });
  const pop = net.create(1, HH);
  pop.V = -50.0;
  const mon = net.monitor(pop, ['spike', 'V', 'n', 'm', 'h']);
  await net.compile({ backend });
  await net.simulate(100.0);
  pop.I = current;
  await net.simulate(1.0);
  pop.I = 0.0;
  await net.simulate(100.0);
  const column = (name: string): Float64Array => Float64Array.from(mon.get(name), (row) => row[0]!);
  const V = column('V');
  const spikeTimes = (mon.get('spike')[0] ?? []).map((s) => s * DT);
  const pulse = Math.round(100.0 / DT);
  let peak = -Infinity;
  for (let k = pulse; k < V.length; k++) peak = Math.max(peak, V[k]!);
  return {
    spikeTimes, spikesAfterPulse: spikeTimes.filter((t) => t >= 100.0), peak, rest: V[pulse - 1]!,
    V, n: column('n'), m: column('m'), h: column('h'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      current: { type: 'string', default: '200' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/hodgkin_huxley.ts [--current 200] [--backend js] [--svg FILE]');
    console.log('  --current  amplitude of the 1 ms pulse at 100 ms (default 200)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write V, and n, m, h (FILE with -gates before .svg), from 90 to 120 ms');
  } else {
    const s = await run({ current: Number(a.current), backend: a.backend as BackendName });
    console.log(`Hodgkin-Huxley neuron, pulse of ${a.current} for 1 ms at 100 ms`);
    console.log(`spikes before the pulse: ${s.spikeTimes.length - s.spikesAfterPulse.length}, resting V ${s.rest.toFixed(2)} mV`);
    console.log(`spikes after the pulse: ${s.spikesAfterPulse.length}, at ${s.spikesAfterPulse.map((t) => t.toFixed(2)).join(', ') || 'no time'} ms; peak V ${s.peak.toFixed(1)} mV`);
    if (a.svg) {
      const from = Math.round(90 / DT), to = Math.round(120 / DT);
      const t = Array.from({ length: to - from }, (_, k) => (from + k) * DT);
      writeFileSync(a.svg, tracesSvg({ t, values: s.V.subarray(from, to) }, { title: 'Hodgkin-Huxley: V', yLabel: 'V (mV)' }));
      const gates = a.svg.replace(/(\.svg)?$/, '-gates.svg');
      writeFileSync(gates, tracesSvg({ t, values: [s.n.subarray(from, to), s.m.subarray(from, to), s.h.subarray(from, to)], labels: ['n', 'm', 'h'] }, { title: 'Hodgkin-Huxley: gating variables' }));
      console.log(`V written to ${a.svg}, n, m, h to ${gates}`);
    }
  }
}
