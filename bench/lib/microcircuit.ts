/**
 * The cortical microcircuit of Potjans & Diesmann (2014), Cerebral Cortex 24(3):785–806 (PD14):
 * 77 169 current-based LIF neurons (NEST's `iaf_psc_exp`) in four layers × {E, I}, ≈0.3·10⁹
 * synapses, dt = 0.1 ms. Parameters as in the paper and in NEST's reference implementation
 * (`nest-simulator/pynest/examples/Potjans_2014/`, `network_params.py`, `helpers.py`,
 * `network.py`): connection probabilities (target × source), K_ext, neuron constants, weights
 * 87.8 pA ± 10 % (L4E → L23E doubled, inhibitory −4×), delays 1.5 ± 0.75 ms (exc) and
 * 0.8 ± 0.4 ms (inh), background 8 Hz × K_ext Poisson input or its DC equivalent.
 *
 * How it is built, and where it differs from NEST's implementation (all documented in
 * BENCHMARKS.md, "The cortical microcircuit"):
 *
 * - **One population of Σ N_i neurons** with the eight populations as contiguous slices
 *   (`pops.L23E`, …): one neuron kernel (which the cpp backend parallelises above 50 000 neurons)
 *   instead of eight.
 * - **Neuron: exact integration, as NEST's `iaf_psc_exp`.** The membrane update is written as the
 *   propagator assignment `v = E_L + (v − E_L)·P22 + P21·I_syn + P20·I_dc`; the PSCs decay
 *   exactly as `g_exc = g_exc * P11` (an assignment keeps `g_exc` from being cleared, as an ODE
 *   would, without an `exp` per neuron and step); the refractory clamp is a counter in the
 *   equations (the `refractory` keyword freezes every equation, the background current included,
 *   where NEST keeps the PSCs evolving).
 * - **Delivery offset.** This library adds an arriving spike to `g_target` before the neuron update
 *   of its arrival step; NEST adds it after the membrane update, so NEST's membrane feels it one
 *   step later. Every synapse therefore gets one step more than its drawn delay
 *   (`DELIVERY_OFFSET_STEPS`), which makes the timing of every PSP identical to NEST's.
 * - **Synapse numbers: NEST's "fixed total number" with multapses.** Each of the 64 population
 *   pairs gets K = round(K_full · scale · kScale) synapses, K_full = log(1 − p) / log(1 − 1/(N_pre·N_post))
 *   with the full-scale sizes (helpers.py), each synapse an independent uniform (pre, post) pair, so
 *   in-degrees are multinomial and a pair may be connected several times (multapses).
 * - **Storage: one projection per source population and delay**, onto the whole network. The
 *   library keeps per-synapse delays in a slow path (every event goes through a ring of synapse
 *   indices); a projection whose synapses share one delay takes its fast path. The library also
 *   stores at most one synapse per (pre, post) pair in a projection: multapses that share their
 *   delay step are stored as one synapse with the summed weight (exact for current-based
 *   synapses; `merged` counts them), those with different delays fall into different projections.
 *   Drawn synapses = stored + merged = Σ K exactly.
 * - **Delays** are drawn from the normal distribution and redrawn below dt (NEST's `redraw`,
 *   PD14's "normal_clipped"), then rounded to whole steps (as NEST rounds delays). The inhibitory
 *   0.8 ± 0.4 ms are the paper's (Table 5); NEST's current example uses 0.75 ± 0.375 ms.
 * - **Weights** are normal with sd = 10 % of the mean, redrawn when the sign flips.
 * - **Poisson background** is a per-neuron current `I_bg` that decays with tau_syn and jumps by
 *   w_ext · n each step, n ~ Poisson(K_ext·ν·dt) drawn by inversion of one uniform (NEST's
 *   `poisson_generator` draws the same Poisson count per target and step). The library's
 *   `Binomial(n, p)` takes only global arguments and costs ≈5× more per draw; counts above
 *   `POISSON_KMAX` = 16 (probability 5·10⁻¹⁰ per neuron and step at the largest λ, L6E's 2.32:
 *   about one count in 13 biological seconds of the whole network) are cut to 16.
 * - **Down-scaling** (`scale` < 1) keeps the in-degrees (the synapse count scales with the neuron
 *   count), as NEST's reference does with K_scaling = 1; it needs no compensation. With `kScale`
 *   < 1 the in-degrees shrink and, exactly as the reference, weights grow by 1/√kScale and a DC
 *   current restores the mean input (`adjust_weights_and_input_to_synapse_scaling`, with the
 *   reference's full-scale rates).
 */
import { availableParallelism } from 'node:os';
import { Network, Neuron, Normal, type BackendName, type Monitor, type Population, type PopulationView, type Projection } from '../../src/index.js';
import type { Block, BlockJob } from './microcircuit-blocks.js';
import { drawBlocks } from './block-workers.js';

/** Population names, in NEST's order (the order of every table below). */
export const POPULATIONS = ['L23E', 'L23I', 'L4E', 'L4I', 'L5E', 'L5I', 'L6E', 'L6I'] as const;
/** One of {@link POPULATIONS}. */
export type PopulationName = (typeof POPULATIONS)[number];

/** Neurons per population at full scale (PD14 Table 5; `N_full`). */
export const N_FULL = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948] as const;

/** Connection probabilities, `CONN_PROBS[target][source]` (PD14 Table 5; `conn_probs`). */
export const CONN_PROBS: readonly (readonly number[])[] = [
  [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
  [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
  [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0],
  [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
  [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
  [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0],
  [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
  [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443],
];

/** External (background) in-degrees (PD14 Table 5; `K_ext`). */
export const K_EXT = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100] as const;

/**
 * Mean rates (Hz) of the full-scale model with Poisson background, as NEST's reference gives them
 * (`full_mean_rates` in network_params.py): used for the DC compensation of `kScale` < 1, and as
 * the centre of the rate checks (bench/lib/checks.ts).
 */
export const FULL_MEAN_RATES = [0.971, 2.868, 4.746, 5.396, 8.142, 9.078, 0.991, 7.523] as const;

/** The model constants (PD14 Tables 4–5, NEST's `iaf_psc_exp` units: mV, pA, pF, ms, Hz). */
export const PD14 = {
  tau_m: 10.0, C_m: 250.0, E_L: -65.0, V_th: -50.0, V_reset: -65.0, t_ref: 2.0, tau_syn: 0.5,
  /** Mean excitatory PSC amplitude (pA); the external inputs use it too. */
  w_mean: 87.8,
  /** Relative standard deviation of the weights. */
  w_rel_sd: 0.1,
  /** Relative inhibitory strength. */
  g: -4.0,
  /** Excitatory / inhibitory delays, mean and sd (ms). */
  d_exc: 1.5, d_exc_sd: 0.75, d_inh: 0.8, d_inh_sd: 0.4,
  /** Rate of each external input (Hz). */
  bg_rate: 8.0,
  /** Initial membrane potential, normal (mV) ('original' initial conditions of the reference). */
  V0_mean: -58.0, V0_sd: 10.0,
} as const;

/** Steps added to every drawn delay so that PSPs start exactly when NEST's do (see the file comment). */
export const DELIVERY_OFFSET_STEPS = 1;

/** Options of {@link buildMicrocircuit}. */
export interface MicrocircuitOptions {
  /** Scale of the neuron numbers (1 = 77 169 neurons); synapse numbers follow, in-degrees stay. Default 1. */
  scale?: number;
  /** Scale of the in-degrees (NEST's K_scaling), compensated as the reference does. Default 1. */
  kScale?: number;
  /** Seed of the connectivity, weights, delays, initial potentials and background draws. Default 1234. */
  seed?: number;
  /** Backend the network will compile for (the benchmark script passes it to `compile()`). */
  backend?: BackendName;
  /** Threads of the cpp backend. */
  threads?: number;
  /** 'poisson' (default): 8 Hz × K_ext Poisson input; 'dc': its mean as a constant current. */
  background?: 'poisson' | 'dc';
  /** Time step (ms). Default 0.1, PD14's. */
  dt?: number;
  /** Record the spikes of every neuron (default true; the monitor starts paused unless `recordFromStart`). */
  record?: boolean;
  /** Start the spike monitor at compile time (default false: call `monitor.start()` after the transient). */
  recordFromStart?: boolean;
  /**
   * Worker threads drawing the synapses (default: the machine's cores); 0 draws them in this
   * thread. The synapses are the same for any number (each block of synapses has its own stream).
   */
  workers?: number;
}

/** Numbers derived from the scales: what the builder creates and what the tests check. */
export interface MicrocircuitSizes {
  /** Neurons per population: round(N_full · scale) (NumPy's rounding, half to even). */
  n: number[];
  /** First rank of each population in the one population. */
  offset: number[];
  /** Synapses per projection, `k[target][source]` = round(K_full · scale · kScale). */
  k: number[][];
  /** External in-degree per population: round(K_ext · kScale). */
  kExt: number[];
  /** Mean weight (pA), `w[target][source]`, signed, after the 1/√kScale adjustment. */
  w: number[][];
  /** Weight of the external inputs (pA), after the 1/√kScale adjustment. */
  wExt: number;
  /** DC current per population (pA): the background mean in 'dc' mode plus the kScale compensation. */
  dc: number[];
}

/** NumPy's `round` (half to even), which the reference uses for every count. */
export function npRound(x: number): number {
  const r = Math.round(x);
  return (Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r) + 0; // + 0: no −0
}

/** K_full of one projection: log(1 − p) / log(1 − 1/(N_pre·N_post)), written as helpers.py writes it. */
export function fullSynapseNumber(p: number, nPre: number, nPost: number): number {
  const prod = nPre * nPost;
  return Math.log(1 - p) / Math.log((prod - 1) / prod);
}

/** Sizes, synapse numbers, weights and DC currents for the given scales and background (NEST's `__derive_parameters`). */
export function microcircuitSizes(scale = 1, kScale = 1, background: 'poisson' | 'dc' = 'poisson'): MicrocircuitSizes {
  if (!(scale > 0) || !(kScale > 0) || kScale > 1) throw new Error(`microcircuit: scale must be > 0 and kScale in (0, 1], got ${scale}, ${kScale}`);
  const P = POPULATIONS.length;
  const n = N_FULL.map((x) => npRound(x * scale));
  const offset = n.map((_, i) => n.slice(0, i).reduce((a, b) => a + b, 0));
  const kFull = CONN_PROBS.map((row, t) => row.map((p, s) => fullSynapseNumber(p, N_FULL[s], N_FULL[t])));
  const k = kFull.map((row) => row.map((x) => npRound(x * scale * kScale)));
  const kExt = K_EXT.map((x) => npRound(x * kScale));
  const wFull = CONN_PROBS.map((row, t) => row.map((_, s) => PD14.w_mean * (s % 2 === 1 ? PD14.g : 1) * (t === 0 && s === 2 ? 2 : 1)));
  const sq = Math.sqrt(kScale);
  const w = wFull.map((row) => row.map((x) => x / sq));
  const wExt = PD14.w_mean / sq;
  // DC in place of the Poisson input: ν · K_ext · w · tau_syn (pA), with the scaled K_ext as the reference.
  const dc = Array.from({ length: P }, (_, t) => (background === 'dc' ? PD14.bg_rate * kExt[t] * PD14.w_mean * PD14.tau_syn * 0.001 : 0));
  if (kScale !== 1) {
    for (let t = 0; t < P; t++) {
      let rec = 0;
      for (let s = 0; s < P; s++) rec += wFull[t][s] * (kFull[t][s] / N_FULL[t]) * FULL_MEAN_RATES[s];
      dc[t] += 0.001 * PD14.tau_syn * (1 - sq) * rec;
      if (background === 'poisson') dc[t] += 0.001 * PD14.tau_syn * (1 - sq) * PD14.w_mean * K_EXT[t] * PD14.bg_rate;
    }
  }
  return { n, offset, k, kExt, w, wExt, dc };
}

/** Poisson counts above this are drawn as this (probability 5·10⁻¹⁰ per neuron and step at λ = 2.32). */
export const POISSON_KMAX = 16;

/**
 * Poisson(λ) by inversion of one uniform `U_bg` ∈ [0, 1), as an expression of the equation
 * language: the number of k < `kmax` with U ≥ F_k, F_k = Σ_{i≤k} e^(−λ) λ^i/i! the CDF, written
 * cumulatively (F_0 = `emlam` = e^(−λ), p_k = p_(k−1) · (λ · 1/k), F_k = F_(k−1) + p_k, `lam` = λ
 * per neuron). Each F_k repeats F_(k−1) verbatim: C++ compilers compute it once, and so do js and
 * wasm, whose assignments read repeated arithmetic from locals (`src/backends/kernels/shared-values.ts`).
 * Branch-free, the neuron loop stays one vectorised loop, where a chain of `ite`s taken up to the
 * result mispredicted a branch or two a neuron and step and kept the loop scalar (the microcircuit at
 * scale 0.3, cpp: RTF 4.3 with that chain, 2.9 with this sum; wasm at scale 0.2: 5.3 and 4.3).
 */
export function poissonInversion(kmax = POISSON_KMAX): string {
  const cdf: string[] = [];
  let p = 'emlam';
  for (let k = 0; k < kmax; k++) {
    if (k > 0) p = `(${p} * (lam * ${(1 / k).toPrecision(17)}))`;
    cdf.push(k === 0 ? p : `(${cdf[k - 1]} + ${p})`);
  }
  return `(${cdf.map((f) => `ite(U_bg >= ${f}, 1, 0)`).join(' + ')})`;
}

/**
 * The neuron: NEST's `iaf_psc_exp` integrated exactly (propagators P22, P21, P20, P11 computed for
 * dt), with the refractory clamp as a counter so that the currents keep decaying, and, with
 * `poisson`, the background current `I_bg`, which jumps by w_ext · Poisson(λ) per step with
 * λ = K_ext·ν·dt (`lam`, per neuron; `emlam` = exp(−λ)) — NEST's `poisson_generator`, whose
 * per-target draws are Poisson counts per step.
 */
export function pd14Neuron(dt: number, poisson: boolean): Neuron {
  const { tau_m, C_m, tau_syn } = PD14;
  const P22 = Math.exp(-dt / tau_m);
  const P11 = Math.exp(-dt / tau_syn);
  const P21 = (tau_m * tau_syn) / (C_m * (tau_syn - tau_m)) * (P11 - P22);
  const P20 = (tau_m / C_m) * (1 - P22);
  const refSteps = Math.round(PD14.t_ref / dt);
  const f = (x: number) => x.toPrecision(17);
  return new Neuron({
    name: 'iaf_psc_exp (PD14)',
    parameters: `
      E_L = ${PD14.E_L} : population
      V_th = ${PD14.V_th} : population
      V_reset = ${PD14.V_reset} : population
      P22 = ${f(P22)} : population
      P21 = ${f(P21)} : population
      P20 = ${f(P20)} : population
      P11 = ${f(P11)} : population
      ref_steps = ${refSteps} : population
      I_dc = 0.0
      ${poisson ? `lam = 0.0
      emlam = 1.0
      w_ext = ${PD14.w_mean} : population` : ''}
    `,
    equations: `
      v = ite(refr > 0, V_reset, E_L + (v - E_L) * P22 + P21 * (g_exc + g_inh${poisson ? ' + I_bg' : ''}) + P20 * I_dc) : init = ${PD14.E_L}
      ${poisson ? `U_bg = Uniform(0.0, 1.0)
      I_bg = I_bg * P11 + w_ext * ${poissonInversion()}` : ''}
      refr = ite(refr > 0, refr - 1, 0)
      g_exc = g_exc * P11
      g_inh = g_inh * P11
    `,
    spike: 'v >= V_th',
    reset: 'v = V_reset\n refr = ref_steps',
  });
}

/** The network and what the benchmark, the checks and the tests read from it. */
export interface Microcircuit {
  net: Network;
  /** All neurons, populations in the order of {@link POPULATIONS}. */
  pop: Population;
  /** The eight populations, as slices of `pop`. */
  pops: Record<PopulationName, PopulationView>;
  /** Every projection: one per source population and delay, onto the whole network (see the file comment). */
  projections: Projection[];
  /** For each projection: its source population and its delay in steps (drawn delay + `DELIVERY_OFFSET_STEPS`). */
  projectionInfo: { source: PopulationName; delaySteps: number }[];
  /**
   * `merged[target][source]`: multapses stored as one synapse with the summed weight because they
   * also share their delay; stored synapses + merged = `sizes.k`.
   */
  merged: number[][];
  /** Spike monitor of every neuron (undefined with `record: false`). */
  monitor?: Monitor;
  sizes: MicrocircuitSizes;
  N: number;
  dt: number;
  background: 'poisson' | 'dc';
  /** Seconds spent drawing and connecting the synapses. */
  connect_s: number;
}

/**
 * Builds the microcircuit (see the file comment for every modelling decision). The network is not
 * compiled; `backend`/`threads` are stored in the network for `compile()`.
 */
export async function buildMicrocircuit(o: MicrocircuitOptions = {}): Promise<Microcircuit> {
  const scale = o.scale ?? 1, kScale = o.kScale ?? 1, seed = o.seed ?? 1234, dt = o.dt ?? 0.1;
  const background = o.background ?? 'poisson';
  if (background !== 'poisson' && background !== 'dc') throw new Error(`buildMicrocircuit: background must be 'poisson' or 'dc', got '${String(background)}'`);
  if (!(scale > 0) || !(kScale > 0)) throw new Error(`buildMicrocircuit: scale and kScale must be positive numbers, got ${scale} and ${kScale}`);
  const poisson = background === 'poisson';
  const sizes = microcircuitSizes(scale, kScale, background);
  const N = sizes.n.reduce((a, b) => a + b, 0);
  const net = new Network({ dt, seed, backend: o.backend, numThreads: o.threads });
  const pop = net.create(N, pd14Neuron(dt, poisson), { name: 'microcircuit' });
  const pops = Object.fromEntries(POPULATIONS.map((name, i) => [name, pop.slice(sizes.offset[i], sizes.offset[i] + sizes.n[i])])) as Record<PopulationName, PopulationView>;
  const perNeuron = (values: number[]) => {
    const a = new Float64Array(N);
    POPULATIONS.forEach((_, i) => a.fill(values[i], sizes.offset[i], sizes.offset[i] + sizes.n[i]));
    return a;
  };
  pop.I_dc = perNeuron(sizes.dc);
  if (poisson) {
    const lam = sizes.kExt.map((k) => k * PD14.bg_rate * dt * 1e-3);
    pop.lam = perNeuron(lam);
    pop.emlam = perNeuron(lam.map((l) => Math.exp(-l)));
    pop.w_ext = sizes.wExt;
  }
  pop.v = new Normal(PD14.V0_mean, PD14.V0_sd);

  const t0 = performance.now();
  const projections: Projection[] = [];
  const projectionInfo: Microcircuit['projectionInfo'] = [];
  const P = POPULATIONS.length;
  const merged = POPULATIONS.map(() => new Array<number>(P).fill(0));
  // The blocks of each source, in source order; a source is connected once its blocks are all drawn.
  const jobs: BlockJob[] = [];
  const expected = new Array<number>(P).fill(0);
  for (let s = 0; s < P; s++) {
    const meanD = s % 2 === 0 ? PD14.d_exc : PD14.d_inh, sdD = s % 2 === 0 ? PD14.d_exc_sd : PD14.d_inh_sd;
    for (let t = 0; t < P; t++) {
      const K = sizes.k[t][s];
      if (K === 0) continue;
      const w = sizes.w[t][s];
      jobs.push({ seed, t, s, K, nPre: sizes.n[s], nPost: sizes.n[t], w, sdW: Math.abs(w) * PD14.w_rel_sd, meanD, sdD, dt, offsetSteps: DELIVERY_OFFSET_STEPS });
      expected[s]++;
    }
  }
  const drawn: Block[][] = POPULATIONS.map(() => []);
  const connected: { s: number; projections: Projection[]; steps: number[] }[] = [];
  await drawBlocks(jobs, o.workers ?? defaultWorkers(), (block) => {
    merged[block.t][block.s] = block.merged;
    const blocks = drawn[block.s];
    blocks.push(block);
    if (blocks.length < expected[block.s]) return;
    drawn[block.s] = [];
    const steps = [...new Set(blocks.flatMap((b) => b.steps))].sort((x, y) => x - y);
    const byTarget = [...blocks].sort((x, y) => x.t - y.t);
    const made = steps.map((st) => connectStep(net, pops[POPULATIONS[block.s]], pop, block.s, st, byTarget, sizes, N, dt));
    connected.push({ s: block.s, projections: made, steps });
  });
  // Projections in source order, then by delay (the order of their names and of `projectionInfo`).
  for (const c of connected.sort((x, y) => x.s - y.s)) {
    c.projections.forEach((p, i) => { projections.push(p); projectionInfo.push({ source: POPULATIONS[c.s], delaySteps: c.steps[i] }); });
  }
  const connect_s = (performance.now() - t0) / 1000;
  const monitor = o.record === false ? undefined : net.monitor(pop, 'spike', { start: o.recordFromStart ?? false });
  return { net, pop, pops, projections, projectionInfo, merged, monitor, sizes, N, dt, background, connect_s };
}

/** Worker threads for the synapses: the machine's cores. */
function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * The projection of source `s`'s synapses of delay step `st` onto the whole network: the blocks'
 * rows of that step, target after target, as one CSC matrix (pre × all neurons, columns in rank
 * order), handed over without an object per synapse.
 */
function connectStep(net: Network, pre: PopulationView, post: Population, s: number, st: number, blocks: Block[], sizes: MicrocircuitSizes, N: number, dt: number): Projection {
  const parts = blocks.map((b) => ({ b, i: b.steps.indexOf(st) })).filter((x) => x.i >= 0);
  const nnz = parts.reduce((n, { b, i }) => n + b.pre[i].length, 0);
  const indptr = new Int32Array(N + 1), indices = new Int32Array(nnz), data = new Float64Array(nnz);
  let k = 0;
  for (const { b, i } of parts) {
    const off = sizes.offset[b.t], ptr = b.ptr[i];
    for (let j = 0; j < sizes.n[b.t]; j++) indptr[off + j + 1] = ptr[j + 1] - ptr[j];
    indices.set(b.pre[i], k); data.set(b.w[i], k);
    k += b.pre[i].length;
  }
  for (let j = 0; j < N; j++) indptr[j + 1] += indptr[j];
  const target = s % 2 === 0 ? 'exc' : 'inh';
  return net.connect(pre, post, target, undefined, { name: `${POPULATIONS[s]}_d${st}` })
    .connectFromSparse({ format: 'csc', shape: [pre.size, N], indptr, indices, data }, { delays: st * dt });
}

/**
 * Mean rate (Hz) of each population over `durationMs` of recorded spikes (all neurons, silent ones
 * included), plus the whole network's.
 */
export function populationRates(b: Microcircuit, durationMs: number, spikes = b.monitor?.get('spike') ?? {}): Record<string, number> {
  const counts = new Float64Array(POPULATIONS.length);
  for (const [rank, times] of Object.entries(spikes)) {
    const r = Number(rank);
    let i = POPULATIONS.length - 1;
    while (r < b.sizes.offset[i]) i--;
    counts[i] += (times as ArrayLike<number>).length;
  }
  const out: Record<string, number> = {};
  POPULATIONS.forEach((name, i) => { out[`rate_${name}`] = counts[i] / b.sizes.n[i] / (durationMs / 1000); });
  out.rate_hz = counts.reduce((a, c) => a + c, 0) / b.N / (durationMs / 1000);
  return out;
}

/**
 * Synapse memory: the bytes of the arrays the projections hold (connectivity: post ranks, row
 * pointers, pre ranks, delays in steps; attributes: `w`; after compile, also every derived
 * per-synapse or per-dendrite array the backend keeps in the projection's state, and the derived
 * copies it keeps outside (`Engine.derivedBytes`: the cpp spike walks' inverse post ranks and
 * weights)), against the storage floor of n_syn × (4 B index + 8 B float64 weight, 4 B in float32,
 * + 4 B int32 delay) per synapse. Counted as held now: arrays a backend freed between runs (the cpp
 * backend's compact projections, `SynapseState`) are not read, which would write them back.
 */
export function synapseMemory(b: Microcircuit, precision: 'float64' | 'float32' = 'float64'): { n_syn: number; syn_bytes: number; syn_bytes_per_syn: number; syn_floor_bytes: number; syn_over_floor: number; syn_derived_bytes: number } {
  let bytes = 0, nSyn = 0, floor = 0;
  // An array reachable twice (the connectivity's and the state's) is counted once.
  const seen = new Map<ArrayBufferLike, Set<number>>();
  const add = (a: unknown) => {
    if (!ArrayBuffer.isView(a)) return;
    const at = seen.get(a.buffer) ?? new Set<number>();
    if (at.has(a.byteOffset)) return;
    at.add(a.byteOffset);
    seen.set(a.buffer, at);
    bytes += a.byteLength;
  };
  for (const p of b.projections) {
    nSyn += p.nbSynapses;
    // An int32 index, a weight (8 bytes, or 4 in precision 'float32') and an int32 delay per synapse.
    floor += p.nbSynapses * (8 + (precision === 'float32' ? 4 : 8));
    const c = p.connectivity;
    // The pre ranks read through the state map once a backend freed them (not read here: see above).
    const ownPreRanks = c && !Object.getOwnPropertyDescriptor(c, 'preRanks')?.get;
    if (c) { add(c.postRanks); add(c.rowPtr); if (ownPreRanks) add(c.preRanks); if (typeof c.delaySteps !== 'number') add(c.delaySteps); }
    // Map's own iteration: the arrays held now, without writing freed ones back.
    for (const a of Map.prototype.values.call(p.state)) add(a);
  }
  const derived = b.net.engine?.derivedBytes?.() ?? 0;
  bytes += derived;
  return { n_syn: nSyn, syn_bytes: bytes, syn_bytes_per_syn: bytes / nSyn, syn_floor_bytes: floor, syn_over_floor: bytes / floor, syn_derived_bytes: derived };
}
