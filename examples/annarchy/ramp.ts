/**
 * Homeostatic STDP, the "Ramp" model of Carlson et al. (2013) as in ANNarchy's example (after the
 * CARLsim tutorial): 100 Poisson inputs with rates ramping from 0.2 to 20 Hz drive two Izhikevich
 * regular-spiking neurons through AMPA and NMDA conductances (one projection onto both targets).
 * The first neuron learns with nearest-neighbour STDP alone, the second with STDP plus synaptic
 * scaling towards a target rate of 35 Hz, using its firing rate averaged over 5 s (`post.r`,
 * `computeFiringRate(5000)`). dt = 1 ms.
 *
 * Without homeostasis every weight grows to w_max and the neuron fires at about 56 Hz; with it the
 * rate is pulled to 35 Hz and, over hundreds of seconds, the weights come to follow the input ramp
 * (fast inputs stronger). Prints the mean of each neuron's rate (5 s average, sampled every second)
 * over the run, its rate at the end, and the final weights.
 *
 * Run: npm run build && npx tsx examples/annarchy/ramp.ts   (--help lists the flags)
 * Expected output: default (100 s, seed 1234): Mean Firing Rate without homeostasis: 53.7 Hz; with
 * homeostasis: 34.6 Hz. With --T 1000000 (ANNarchy's 1000 s; 9 s with --backend cpp): 55.6 Hz and
 * 35.2 Hz, all weights at w_max without homeostasis, weights correlated 0.98 with the input rates
 * with it. ANNarchy prints 55.6 and 35.2 for the same 1000 s run.
 */
import { Network, Neuron, Synapse, PoissonPopulation, Uniform, tracesSvg, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Izhikevich regular-spiking neuron with AMPA and (voltage-dependent) NMDA conductances, midpoint. */
export const RSNeuron = new Neuron({
  name: 'RS neuron',
  parameters: `
    a = 0.02 : population
    b = 0.2 : population
    c = -65. : population
    d = 8. : population
    tau_ampa = 5. : population
    tau_nmda = 150. : population
    vrev = 0.0 : population
  `,
  equations: `
    # Inputs
    I = g_ampa * (vrev - v) + g_nmda * nmda(v, -80.0, 60.0) * (vrev -v)
    # Midpoint scheme
    dv/dt = (0.04 * v + 5.0) * v + 140.0 - u + I : init=-65., midpoint
    du/dt = a * (b*v - u) : init=-13., midpoint
    # Conductances
    tau_ampa * dg_ampa/dt = -g_ampa : exponential
    tau_nmda * dg_nmda/dt = -g_nmda : exponential
  `,
  spike: 'v >= 30.',
  reset: `
    v = c
    u += d
  `,
  functions: 'nmda(v, t, s) = ((v-t)/(s))^2 / (1.0 + ((v-t)/(s))^2)',
});

/** Nearest-neighbour STDP: the trace of the latest spike only (set, not incremented). */
export const nearestNeighbourStdp = new Synapse({
  name: 'nearest-neighbour STDP',
  parameters: `
    tau_plus = 20. : projection
    tau_minus = 60. : projection
    A_plus = 0.0002 : projection
    A_minus = 0.000066 : projection
    w_max = 0.03 : projection
  `,
  equations: `
    # Traces
    tau_plus  * dltp/dt = -ltp : exponential
    tau_minus * dltd/dt = -ltd : exponential
    # Nearest-neighbour
    w += if t_post >= t_pre: ltp else: - ltd : min=0.0, max=w_max
  `,
  preSpike: `
    g_target += w
    ltp = A_plus
  `,
  postSpike: 'ltd = A_minus',
});

/** The same STDP with synaptic scaling towards the target rate Rtarget (Carlson et al. 2013). */
export const homeoStdp = new Synapse({
  name: 'homeostatic STDP',
  parameters: `
    # STDP
    tau_plus = 20. : projection
    tau_minus = 60. : projection
    A_plus = 0.0002 : projection
    A_minus = 0.000066 : projection
    w_min = 0.0 : projection
    w_max = 0.03 : projection
    # Homeostatic regulation
    alpha = 0.1 : projection
    beta = 1.0 : projection
    gamma = 50. : projection
    Rtarget = 35. : projection
    T = 5000. : projection
  `,
  equations: `
    # Traces
    tau_plus  * dltp/dt = -ltp : exponential
    tau_minus * dltd/dt = -ltd : exponential
    # Homeostatic values
    R = post.r : postsynaptic
    K = R/(T*(1.+fabs(1. - R/Rtarget) * gamma)) : postsynaptic
    # Nearest-neighbour
    stdp = if t_post >= t_pre: ltp else: - ltd
    w += (alpha * w * (1- R/Rtarget) + beta * stdp ) * K : min=w_min, max=w_max
  `,
  preSpike: `
    g_target += w
    ltp = A_plus
  `,
  postSpike: 'ltd = A_minus',
});

export interface RampOptions {
  /** Simulated time in ms (default 100000; ANNarchy's example runs 1000000). */
  T?: number;
  seed?: number;
  backend?: BackendName;
}

export interface RampStats {
  /** Mean of the recorded rate r (Hz) over the run, without and with homeostasis (what ANNarchy prints). */
  meanRate: [number, number];
  /** Rate r at the end of the run (Hz). */
  finalRate: [number, number];
  /** Final weights (100 each) and their correlation with the input rates. */
  w: [Float64Array, Float64Array];
  correlation: [number, number];
  /** Fraction of the weights at w_max (0.03). */
  saturated: [number, number];
  /** r of both neurons, one value per second (plots). */
  rates: [Float64Array, Float64Array];
}

function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += x[i]!; my += y[i]!; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) { sxy += (x[i]! - mx) * (y[i]! - my); sxx += (x[i]! - mx) ** 2; syy += (y[i]! - my) ** 2; }
  return sxy / Math.sqrt(sxx * syy);
}

/** Builds and simulates both neurons; returns their statistics. */
export async function run(options: RampOptions = {}): Promise<RampStats> {
  const { T = 100000, seed = 1234, backend = 'js' } = options;
  const net = new Network({ dt: 1.0, seed });
  const inputRates = Array.from({ length: 100 }, (_, i) => 0.2 + i * (20.0 - 0.2) / 99);
  const inp = new PoissonPopulation(100, { rates: inputRates, network: net });
  const pop1 = net.create(1, RSNeuron);
  pop1.computeFiringRate(5000.0);
  const pop2 = net.create(1, RSNeuron);
  pop2.computeFiringRate(5000.0);
  const proj1 = net.connect(inp, pop1, ['ampa', 'nmda'], nearestNeighbourStdp).connectAllToAll({ weights: new Uniform(0.01, 0.03) });
  const proj2 = net.connect(inp, pop2, ['ampa', 'nmda'], homeoStdp).connectAllToAll({ weights: new Uniform(0.01, 0.03) });
  const m1 = net.monitor(pop1, 'r', { period: 1000 });
  const m2 = net.monitor(pop2, 'r', { period: 1000 });
  await net.compile({ backend });
  await net.simulate(T);
  const r1 = Float64Array.from(m1.get('r'), (row) => row[0]!);
  const r2 = Float64Array.from(m2.get('r'), (row) => row[0]!);
  const mean = (x: Float64Array): number => x.reduce((s, v) => s + v, 0) / x.length;
  const w1 = Float64Array.from(proj1.dendrite(0).w as ArrayLike<number>);
  const w2 = Float64Array.from(proj2.dendrite(0).w as ArrayLike<number>);
  return {
    meanRate: [mean(r1), mean(r2)],
    finalRate: [r1[r1.length - 1]!, r2[r2.length - 1]!],
    w: [w1, w2],
    correlation: [pearson(w1, inputRates), pearson(w2, inputRates)],
    saturated: [w1.filter((x) => x >= 0.03 * (1 - 1e-9)).length / 100, w2.filter((x) => x >= 0.03 * (1 - 1e-9)).length / 100],
    rates: [r1, r2],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      T: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/ramp.ts [--T 100000] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --T        simulated time in ms (default 100000; ANNarchy runs 1000000)');
    console.log('  --seed     random seed (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write both rates over time to FILE and the final weights to FILE with -w before .svg');
  } else {
    const s = await run({ T: Number(a.T), seed: Number(a.seed), backend: a.backend as BackendName });
    console.log(`Ramp (homeostatic STDP), ${Number(a.T) / 1000} s`);
    console.log(`Mean Firing Rate without homeostasis: ${s.meanRate[0].toFixed(1)} Hz, at the end ${s.finalRate[0].toFixed(1)} Hz (ANNarchy, 1000 s: 55.6)`);
    console.log(`Mean Firing Rate with homeostasis: ${s.meanRate[1].toFixed(1)} Hz, at the end ${s.finalRate[1].toFixed(1)} Hz (ANNarchy, 1000 s: 35.2)`);
    console.log(`final weights at w_max: ${(100 * s.saturated[0]).toFixed(0)} % without, ${(100 * s.saturated[1]).toFixed(0)} % with homeostasis; correlation of the weights with the input rates with homeostasis: ${s.correlation[1].toFixed(2)}`);
    if (a.svg) {
      const t = Array.from(s.rates[0], (_, k) => k + 1);
      writeFileSync(a.svg, tracesSvg({ t, values: [s.rates[0], s.rates[1]], labels: ['without homeostasis', 'with homeostasis'] }, { title: 'Ramp: firing rate', xLabel: 'time (s)', yLabel: 'rate (Hz)' }));
      const wFile = a.svg.replace(/(\.svg)?$/, '-w.svg');
      const idx = Array.from({ length: 100 }, (_, k) => k);
      writeFileSync(wFile, tracesSvg({ t: idx, values: [s.w[0], s.w[1]], labels: ['without homeostasis', 'with homeostasis'] }, { title: 'Ramp: final weights', xLabel: 'input neuron', yLabel: 'w' }));
      console.log(`rates written to ${a.svg}, weights to ${wFile}`);
    }
  }
}
