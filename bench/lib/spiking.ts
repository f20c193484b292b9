/**
 * The four spiking benchmark networks, built with the equations of ANNarchy's examples exactly as
 * the peer scripts (../shared/bench/peers/*_annarchy.py) do. Shared by `bench/*.ts` and the tests
 * (test/spiking/networks.test.ts); the `examples/` scripts spell the same models out in full.
 */
import {
  Network, Neuron, Normal, Uniform, Izhikevich, STDP, PoissonPopulation,
  meanFr, coefficientOfVariation, type Population, type Projection, type Monitor, type BackendName,
} from '../../src/index.js';
import { RandomState } from './numpy-random.js';

export interface SpikingOptions {
  N?: number; seed?: number; backend?: BackendName; threads?: number; p?: number; dt?: number;
  /** COBA's projections with procedural connectivity (regenerated at each spike, none stored). */
  procedural?: boolean;
  /** Record the spikes of the first `record` neurons only (all when left out): at 10⁷ neurons a record of every one costs minutes. */
  record?: number;
}

export interface Built {
  net: Network;
  pop: Population;
  monitor: Monitor;
  projections: Projection[];
  N: number;
  NE: number;
  dt: number;
}

export const COBA = new Neuron({
  name: 'COBA',
  parameters: `
    El = -60.0          : population
    Vr = -60.0          : population
    Erev_exc = 0.0      : population
    Erev_inh = -80.0    : population
    Vt = -50.0          : population
    tau = 20.0          : population
    tau_exc = 5.0       : population
    tau_inh = 10.0      : population
    I = 20.0            : population
  `,
  equations: `
    tau * dv/dt = (El - v) + g_exc * (Erev_exc - v) + g_inh * (Erev_inh - v ) + I
    tau_exc * dg_exc/dt = - g_exc
    tau_inh * dg_inh/dt = - g_inh
  `,
  spike: 'v > Vt',
  reset: 'v = Vr',
  refractory: 5.0,
});

export const CUBA = new Neuron({
  name: 'CUBA',
  parameters: `
    El = -49.0      : population
    Vr = -60.0      : population
    Vt = -50.0      : population
    tau_m = 20.0    : population
    tau_exc = 5.0   : population
    tau_inh = 10.0  : population
  `,
  equations: `
    tau_m * dv/dt = (El - v) + g_exc + g_inh
    tau_exc * dg_exc/dt = - g_exc
    tau_inh * dg_inh/dt = - g_inh
  `,
  spike: 'v > Vt',
  reset: 'v = Vr',
  refractory: 5.0,
});

/** Vogels–Abbott COBA: N neurons (80 % exc), p = 80/N (0.02 at N = 4000), dt = 0.1 ms. */
export function buildCOBA(o: SpikingOptions = {}): Built {
  const N = o.N ?? 4000, NE = Math.floor(0.8 * N), dt = o.dt ?? 0.1, p = o.p ?? 80 / N;
  const net = new Network({ dt, seed: o.seed ?? 1234, backend: o.backend, numThreads: o.threads });
  const P = net.create(N, COBA);
  P.v = new Normal(-55.0, 5.0);
  P.g_exc = new Normal(4.0, 1.5);
  P.g_inh = new Normal(20.0, 12.0);
  const procedural = o.procedural ? { procedural: true } : {};
  const ce = net.connect(P.slice(0, NE), P, 'exc').connectFixedProbability({ weights: 0.6, probability: p, ...procedural });
  const ci = net.connect(P.slice(NE), P, 'inh').connectFixedProbability({ weights: 6.7, probability: p, ...procedural });
  const recorded = o.record && o.record < N ? P.slice(0, o.record) : P;
  return { net, pop: P, monitor: net.monitor(recorded, 'spike'), projections: [ce, ci], N, NE, dt };
}

/** Vogels–Abbott CUBA: El = −49 mV, we = 1.62 mV, wi = −9 mV, v0 ~ U(−60, −50). */
export function buildCUBA(o: SpikingOptions = {}): Built {
  const N = o.N ?? 4000, NE = Math.floor(0.8 * N), dt = o.dt ?? 0.1, p = o.p ?? 80 / N;
  const net = new Network({ dt, seed: o.seed ?? 1234, backend: o.backend, numThreads: o.threads });
  const P = net.create(N, CUBA);
  P.v = new Uniform(-60.0, -50.0);
  const we = 0.27 * 60.0 / 10.0;
  const wi = -4.5 * 20.0 / 10.0;
  const ce = net.connect(P.slice(0, NE), P, 'exc').connectFixedProbability({ weights: we, probability: p });
  const ci = net.connect(P.slice(NE), P, 'inh').connectFixedProbability({ weights: wi, probability: p });
  return { net, pop: P, monitor: net.monitor(P, 'spike'), projections: [ce, ci], N, NE, dt };
}

/** Izhikevich (2003): 800 exc / 200 inh built-in Izhikevich neurons, all-to-all, dt = 1 ms. */
export function buildIzhikevich(o: SpikingOptions = {}): Built {
  const N = o.N ?? 1000, NE = Math.floor(0.8 * N), NI = N - NE, dt = o.dt ?? 1.0, seed = o.seed ?? 1234;
  const net = new Network({ dt, seed, backend: o.backend, numThreads: o.threads });
  const rng = new RandomState(seed);
  const re = rng.uniform(0, 1, NE);
  const ri = rng.uniform(0, 1, NI);
  const pop = net.create(N, Izhikevich);
  const Exc = pop.slice(0, NE);
  const Inh = pop.slice(NE);
  Exc.noise = 5.0; Inh.noise = 2.0;
  Exc.a = 0.02; Inh.a = ri.map((x) => 0.02 + 0.08 * x);
  Exc.b = 0.2; Inh.b = ri.map((x) => 0.25 - 0.05 * x);
  Exc.c = re.map((x) => -65.0 + 15.0 * x * x); Inh.c = -65.0;
  Exc.d = re.map((x) => 8.0 - 6.0 * x * x); Inh.d = 2.0;
  Exc.v = -65.0; Inh.v = -65.0;
  Exc.u = -65.0 * 0.2; Inh.u = Float64Array.from(ri, (x) => -65.0 * (0.25 - 0.05 * x));
  const pe = net.connect(Exc, pop, 'exc').connectAllToAll({ weights: new Uniform(0.0, 0.5) });
  const pi = net.connect(Inh, pop, 'inh').connectAllToAll({ weights: new Uniform(0.0, 1.0) });
  return { net, pop, monitor: net.monitor(pop, 'spike'), projections: [pe, pi], N, NE, dt };
}

export const STDP_IF = new Neuron({
  name: 'IF (Song, Miller & Abbott)',
  parameters: `
    tau_m = 10.0
    tau_e = 5.0
    vt = -54.0
    vr = -60.0
    El = -74.0
    Ee = 0.0
  `,
  equations: `
    tau_m * dv/dt = El - v + g_exc * (Ee - vr) : init = -60.0
    tau_e * dg_exc/dt = - g_exc
  `,
  spike: 'v > vt',
  reset: 'v = vr',
});

export const GMAX = 0.01;

/** Song, Miller & Abbott (2000): N Poisson inputs at 15 Hz → one LIF neuron through STDP, dt = 0.1 ms. */
export function buildSTDP(o: SpikingOptions & { rate?: number } = {}): Built & { input: Population; inputMonitor: Monitor } {
  const N = o.N ?? 1000, dt = o.dt ?? 0.1;
  const net = new Network({ dt, seed: o.seed ?? 1234, backend: o.backend, numThreads: o.threads });
  const input = new PoissonPopulation(N, { rates: o.rate ?? 15.0, name: 'Input', network: net });
  const out = net.create(1, STDP_IF, { name: 'Output' });
  const proj = net.connect(input, out, 'exc', new STDP({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.0105, w_max: GMAX }))
    .connectAllToAll({ weights: new Uniform(0.0, GMAX) });
  return {
    net, pop: out, monitor: net.monitor(out, 'spike'), projections: [proj], N, NE: N, dt,
    input, inputMonitor: net.monitor(input.slice(0, Math.min(100, N)), 'spike'),
  };
}

/** The peers' spike statistics: mean rate (Hz, all neurons) and mean CV of ISIs over neurons with ≥ 3 spikes. */
export function spikeStats(b: Built, T: number, spikes = b.monitor.get('spike')) {
  // The monitored neurons (all, or the first ones of the population: `record`).
  const size = Math.min(b.N, (spikes as { size?: number }).size ?? b.N), sizeE = Math.min(b.NE, size);
  const rate = meanFr(spikes, { dt: b.dt, duration: T, size });
  const exc = meanFr(Object.fromEntries(Object.entries(spikes).filter(([r]) => Number(r) < b.NE)), { dt: b.dt, duration: T, size: sizeE });
  const cv = coefficientOfVariation(spikes, { dt: b.dt });
  let total = 0;
  for (const s of Object.values(spikes)) total += (s as number[]).length;
  return { spikes: total, rate_hz: rate, rate_exc_hz: exc, cv_isi_mean: cv.mean, ...(size < b.N ? { recorded: size } : {}) };
}

/** Output rate (whole run, last 10 s), measured input rate and the final w/gmax statistics of the STDP benchmark. */
export function stdpStats(b: ReturnType<typeof buildSTDP>, T: number) {
  const out = (b.monitor.get('spike')[0] ?? []) as number[];
  let nIn = 0;
  for (const s of Object.values(b.inputMonitor.get('spike'))) nIn += (s as number[]).length;
  const Tsec = T / 1000;
  const last10 = out.filter((s) => s * b.dt >= T - 10000).length / Math.min(10, Tsec);
  return {
    out_spikes: out.length, out_rate_hz: out.length / Tsec, out_rate_last10s_hz: last10,
    in_rate_hz: nIn / Math.min(100, b.N) / Tsec, ...weightStats(b.projections[0]),
  };
}

/** w/gmax statistics of the STDP benchmark. */
export function weightStats(proj: Projection, gmax = GMAX) {
  const w = Array.from(proj.flat('w'), (x) => x / gmax);
  const hist = new Array<number>(10).fill(0);
  for (const x of w) hist[Math.min(9, Math.max(0, Math.floor(x * 10)))]++;
  return {
    w_mean_over_gmax: w.reduce((a, b) => a + b, 0) / w.length,
    w_frac_lt_0_1: w.filter((x) => x < 0.1).length / w.length,
    w_frac_gt_0_9: w.filter((x) => x > 0.9).length / w.length,
    w_hist10: hist,
  };
}
