/**
 * Self-organising receptive fields with homeostatic STDP, the "SORF" model of Carlson et al. (2013)
 * as in ANNarchy's example: ON and OFF Poisson images (32×32, at most 28 Hz) of sinusoidal gratings
 * (1.2 cycles per half image, 40 orientations over 180°) drive two buffer layers of Izhikevich
 * neurons (AMPA, NMDA, GABA-A, GABA-B conductances, one-to-one), which project with homeostatic
 * STDP (target 10 Hz) onto 4 excitatory neurons; these excite 4 inhibitory neurons (homeostatic
 * anti-STDP, target 75 Hz) that inhibit them back. Each grating is shown for 2 s, then 0.5 s of
 * 1 Hz background; the order of the gratings is shuffled every epoch. dt = 1 ms.
 *
 * Learning makes the excitatory neurons orientation-selective. Prints the mean rates of the
 * excitatory and inhibitory neurons (10 s averages) during the last epoch, and for each excitatory
 * neuron its preferred orientation and the correlation of its ON weights with that grating's ON
 * image, before and after learning (see orientationTuning()).
 *
 * ANNarchy runs 20 epochs of 40 gratings (2000 s of simulated time); the defaults here are
 * 1 epoch of 4 gratings shown 1 s each (6 s), so the example runs in seconds: --epochs 20 --stimuli 40
 * --present 2000 is the full run (15 min with --backend cpp on two busy cores).
 *
 * Run: npm run build && npx tsx examples/annarchy/sorf.ts   (--help lists the flags)
 * Expected output: default run: mean weight–grating correlation after learning: 0.07 (random
 * weights, as before: a few seconds teach nothing). Full run (seed 1234): mean rate in the last
 * epoch: excitatory 10.0 Hz (target 10), inhibitory 39.1 Hz; the four neurons prefer 4.5°, 126°,
 * 85.5° and 171° (a spread of orientations: the inhibition makes them compete), weight–grating
 * correlation 0.04–0.08 before, 0.65–0.82 after, mean 0.70; --svg shows grating-shaped ON
 * weights. ANNarchy prints no statistic (its figures show the weights before and after learning).
 */
import { Network, Neuron, Synapse, PoissonPopulation, Uniform, weightMatrixSvg, type BackendName } from 'neurarchy';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Izhikevich neuron with AMPA, NMDA, GABA-A and GABA-B conductances (ANNarchy's SORF neuron). */
export const RSNeuron = new Neuron({
  name: 'RS neuron (4 receptors)',
  parameters: `
    a = 0.02 : population
    b = 0.2 : population
    c = -65. : population
    d = 8. : population
    tau_ampa = 5. : population
    tau_nmda = 150. : population
    tau_gabaa = 6. : population
    tau_gabab = 150. : population
    vrev_ampa = 0.0 : population
    vrev_nmda = 0.0 : population
    vrev_gabaa = -70.0 : population
    vrev_gabab = -90.0 : population
  `,
  equations: `
    # Inputs
    I = g_ampa * (vrev_ampa - v) + g_nmda * nmda(v, -80.0, 60.0) * (vrev_nmda -v) + g_gabaa * (vrev_gabaa - v) + g_gabab * (vrev_gabab -v)
    # Midpoint scheme
    dv/dt = (0.04 * v + 5.0) * v + 140.0 - u + I : init=-65., min=-90., midpoint
    du/dt = a * (b*v - u) : init=-13., midpoint
    # Conductances
    tau_ampa * dg_ampa/dt = -g_ampa : exponential
    tau_nmda * dg_nmda/dt = -g_nmda : exponential
    tau_gabaa * dg_gabaa/dt = -g_gabaa : exponential
    tau_gabab * dg_gabab/dt = -g_gabab : exponential
  `,
  spike: 'v >= 30.',
  reset: `
    v = c
    u += d
    g_ampa = 0.0
    g_nmda = 0.0
    g_gabaa = 0.0
    g_gabab = 0.0
  `,
  functions: 'nmda(v, t, s) = ((v-t)/(s))^2 / (1.0 + ((v-t)/(s))^2)',
  refractory: 1.0,
});

/** Nearest-neighbour STDP with synaptic scaling towards Rtarget (ANNarchy's SORF values). */
export const homeoStdp = new Synapse({
  name: 'homeostatic STDP',
  parameters: `
    # STDP
    tau_plus  = 60. : projection
    tau_minus = 90. : projection
    A_plus  = 0.000045 : projection
    A_minus = 0.00003 : projection
    # Homeostatic regulation
    alpha = 0.1 : projection
    beta = 50.0 : projection
    gamma = 50.0 : projection
    Rtarget = 10. : projection
    T = 10000. : projection
  `,
  equations: `
    # Homeostatic values
    R = post.r : postsynaptic
    K = R/(T*(1.+fabs(1. - R/Rtarget) * gamma)) : postsynaptic
    # Nearest-neighbour
    stdp = if t_post >= t_pre: ltp else: - ltd
    w += (alpha * w * (1- R/Rtarget) + beta * stdp ) * K : min=0.0, max=10.0
    # Traces
    tau_plus  * dltp/dt = -ltp : exponential
    tau_minus * dltd/dt = -ltd : exponential
  `,
  preSpike: `
    g_target += w
    ltp = A_plus
  `,
  postSpike: 'ltd = A_minus',
});

const SIZE = 32;
const FREQ = 1.2;     // cycles per half image
const MAX_RATE = 28;  // Hz

/** The ON and OFF images (rectified positive and negative parts) of the grating at angle theta, row-major 32×32. */
export function grating(theta: number): { on: Float64Array; off: Float64Array } {
  const on = new Float64Array(SIZE * SIZE), off = new Float64Array(SIZE * SIZE);
  for (let i = 0; i < SIZE; i++) {      // row: y
    for (let j = 0; j < SIZE; j++) {    // column: x
      const x = -1 + 2 * j / (SIZE - 1), y = -1 + 2 * i / (SIZE - 1);
      const z = Math.sin(2 * Math.PI * (Math.cos(theta) * x + Math.sin(theta) * y) * FREQ);
      on[i * SIZE + j] = Math.max(z, 0);
      off[i * SIZE + j] = Math.max(-z, 0);
    }
  }
  return { on, off };
}

/**
 * Orientation tuning of a weight vector (the 1024 ON weights of one neuron): for each of `n`
 * orientations θ, the correlation coefficient of the weights with the ON image of the grating at θ.
 * Returns the orientation (degrees) of the largest correlation and that correlation (its
 * "selectivity": about 0.05 for random weights, 1 for weights shaped exactly like one grating).
 */
export function orientationTuning(w: ArrayLike<number>, n = 40): { preferred: number; selectivity: number; overlaps: number[] } {
  let mean = 0;
  for (let i = 0; i < w.length; i++) mean += w[i]!;
  mean /= w.length;
  let norm = 0;
  for (let i = 0; i < w.length; i++) norm += (w[i]! - mean) ** 2;
  const overlaps: number[] = [];
  for (let k = 0; k < n; k++) {
    const { on } = grating(Math.PI * k / n);
    let dot = 0, onNorm = 0, onMean = 0;
    for (let i = 0; i < on.length; i++) onMean += on[i]!;
    onMean /= on.length;
    for (let i = 0; i < on.length; i++) { dot += (w[i]! - mean) * (on[i]! - onMean); onNorm += (on[i]! - onMean) ** 2; }
    overlaps.push(norm > 0 ? dot / Math.sqrt(norm * onNorm) : 0); // correlation coefficient
  }
  const best = overlaps.indexOf(Math.max(...overlaps));
  return { preferred: 180 * best / n, selectivity: overlaps[best]!, overlaps };
}

export interface SorfOptions {
  /** Epochs (default 1; ANNarchy: 20). */
  epochs?: number;
  /** Gratings per epoch, evenly spaced over 180° (default 4; ANNarchy: 40). */
  stimuli?: number;
  /** Milliseconds each grating is shown (default 1000; ANNarchy: 2000) and of background after it (default 500). */
  present?: number;
  relax?: number;
  seed?: number;
  backend?: BackendName;
  /** Called after each epoch (1-based), e.g. to print progress. */
  onEpoch?: (epoch: number) => void;
}

export interface SorfStats {
  /** Mean rate (Hz, 10 s average sampled every second) of the excitatory and inhibitory neurons over the last epoch. */
  excRate: number; inhRate: number;
  /** Per excitatory neuron: preferred orientation (degrees) and the correlation of its ON weights with that grating, before and after learning. */
  preferred: number[];
  selectivityBefore: number[];
  selectivityAfter: number[];
  /** Final ON weights, one row of 1024 per excitatory neuron. */
  wOn: Float64Array[];
}

/** Builds the model, runs the learning procedure; returns the statistics. */
export async function run(options: SorfOptions = {}): Promise<SorfStats> {
  const { epochs = 1, stimuli = 4, present = 1000, relax = 500, seed = 1234, backend = 'js', onEpoch } = options;
  const net = new Network({ dt: 1.0, seed });
  const onPoiss = new PoissonPopulation([SIZE, SIZE], { rates: 1.0, network: net });
  const offPoiss = new PoissonPopulation([SIZE, SIZE], { rates: 1.0, network: net });
  const onBuffer = net.create([SIZE, SIZE], RSNeuron);
  const offBuffer = net.create([SIZE, SIZE], RSNeuron);
  net.connect(onPoiss, onBuffer, ['ampa', 'nmda']).connectOneToOne({ weights: new Uniform(0.2, 0.6) });
  net.connect(offPoiss, offBuffer, ['ampa', 'nmda']).connectOneToOne({ weights: new Uniform(0.2, 0.6) });
  const exc = net.create(4, RSNeuron);
  const inh = net.create(4, RSNeuron);
  exc.computeFiringRate(10000);
  inh.computeFiringRate(10000);
  const onExc = net.connect(onBuffer, exc, ['ampa', 'nmda'], homeoStdp).connectAllToAll({ weights: new Uniform(0.004, 0.015) });
  net.connect(offBuffer, exc, ['ampa', 'nmda'], homeoStdp).connectAllToAll({ weights: new Uniform(0.004, 0.015) });
  // Competition: excitatory → inhibitory with anti-STDP (negative amplitudes) and a 75 Hz target.
  const excInh = net.connect(exc, inh, ['ampa', 'nmda'], homeoStdp).connectAllToAll({ weights: new Uniform(0.116, 0.403) });
  excInh.Rtarget = 75.0;
  excInh.tau_plus = 51.0;
  excInh.tau_minus = 78.0;
  excInh.A_plus = -0.000041;
  excInh.A_minus = -0.000015;
  net.connect(inh, exc, ['gabaa', 'gabab']).connectAllToAll({ weights: new Uniform(0.065, 0.259) });
  const me = net.monitor(exc, 'r', { period: 1000 });
  const mi = net.monitor(inh, 'r', { period: 1000 });
  await net.compile({ backend });

  const rows = (): Float64Array[] => Array.from({ length: 4 }, (_, k) => Float64Array.from(onExc.dendrite(k).w as ArrayLike<number>));
  const before = rows().map((w) => orientationTuning(w).selectivity);
  const images = Array.from({ length: stimuli }, (_, s) => grating(Math.PI * s / stimuli));
  const order = Array.from({ length: stimuli }, (_, s) => s);
  for (let epoch = 0; epoch < epochs; epoch++) {
    // Shuffle the presentation order (Fisher–Yates with the network's generator).
    const u = new Uniform(0, 1).sample(stimuli, net.rng);
    for (let i = stimuli - 1; i > 0; i--) {
      const j = Math.floor(u[i]! * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    if (epoch === epochs - 1) { me.get('r'); mi.get('r'); } // keep only the last epoch's rates
    for (const s of order) {
      onPoiss.rates = images[s]!.on.map((x) => MAX_RATE * x);
      offPoiss.rates = images[s]!.off.map((x) => MAX_RATE * x);
      await net.simulate(present);
      onPoiss.rates = 1.0;
      offPoiss.rates = 1.0;
      await net.simulate(relax);
    }
    onEpoch?.(epoch + 1);
  }
  const meanOf = (r: Float64Array[]): number => r.reduce((s, row) => s + row.reduce((a, b) => a + b, 0) / row.length, 0) / r.length;
  const wOn = rows();
  const after = wOn.map((w) => orientationTuning(w));
  return {
    excRate: meanOf(me.get('r')), inhRate: meanOf(mi.get('r')),
    preferred: after.map((t) => t.preferred),
    selectivityBefore: before,
    selectivityAfter: after.map((t) => t.selectivity),
    wOn,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Flags (unknown ones are an error; --help lists them).
  const { values: a } = parseArgs({
    strict: true,
    options: {
      epochs: { type: 'string', default: '1' },
      stimuli: { type: 'string', default: '4' },
      present: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1234' },
      backend: { type: 'string', default: 'js' },
      svg: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (a.help) {
    console.log('usage: npx tsx examples/annarchy/sorf.ts [--epochs 1] [--stimuli 4] [--present 1000] [--seed 1234] [--backend js] [--svg FILE]');
    console.log('  --epochs   learning epochs (default 1; ANNarchy: 20)');
    console.log('  --stimuli  gratings per epoch (default 4; ANNarchy: 40)');
    console.log('  --present  ms per grating (default 1000; ANNarchy: 2000), each followed by 500 ms of background');
    console.log('  --seed     random seed (default 1234)');
    console.log('  --backend  js, cpp or webgpu (default js)');
    console.log('  --svg      write the final ON weights of the 4 excitatory neurons (32×32 each) to this SVG file');
  } else {
    const s = await run({ epochs: Number(a.epochs), stimuli: Number(a.stimuli), present: Number(a.present), seed: Number(a.seed), backend: a.backend as BackendName,
      onEpoch: (e) => { if (Number(a.epochs) > 1) console.log(`epoch ${e} done`); } });
    console.log(`SORF, ${a.epochs} epoch(s) of ${a.stimuli} gratings`);
    console.log(`mean rate in the last epoch: excitatory ${s.excRate.toFixed(1)} Hz (target 10), inhibitory ${s.inhRate.toFixed(1)} Hz (target 75)`);
    for (let k = 0; k < 4; k++) {
      console.log(`excitatory neuron ${k}: preferred orientation ${s.preferred[k]!.toFixed(1)}°, weight–grating correlation ${s.selectivityBefore[k]!.toFixed(2)} before, ${s.selectivityAfter[k]!.toFixed(2)} after`);
    }
    const mean = s.selectivityAfter.reduce((x, y) => x + y, 0) / 4;
    console.log(`mean weight–grating correlation after learning: ${mean.toFixed(2)}`);
    if (a.svg) {
      const m: number[][] = [];
      for (let i = 0; i < SIZE; i++) m.push(s.wOn.flatMap((w) => [...Array.from(w.subarray(i * SIZE, (i + 1) * SIZE)), NaN]).slice(0, -1));
      writeFileSync(a.svg, weightMatrixSvg(m, { title: 'SORF: ON weights of the 4 excitatory neurons', xLabel: 'x (the 4 neurons side by side)', yLabel: 'y' }));
      console.log(`weights written to ${a.svg}`);
    }
  }
}
