/**
 * PymoNNto's 2024 benchmark models A and B (Vieth et al., Front. Neuroinform. 18:1331220; dossier
 * §4.2) in neurarchy's equation language, for `model_a_equations.ts` and `model_b_equations.ts`:
 * the same networks as the behaviour versions (`bench/pymonnto_stdp.ts`, `model_b.ts`), compiled
 * for js, cpp or webgpu. Dense all-to-all recurrent connectivity with self-connections (PymoNNto's
 * square weight matrix), N² synapses, dt = 1 ms.
 *
 * Model A: v = 0.9·v + U(0, 1) + g_exc, spike when v > 6, reset 0; w ~ U(0, 1)/N; on a post spike,
 * w += 0.001 when the pre neuron spiked in the previous step (`t_pre == t − dt`), clipped to [0, 1].
 * (`t_pre` is the pre neuron's last spike: when it spikes again in step t the pair is missed, which
 * the behaviour version counts; at 1.2 % activity this is one pair in a hundred.)
 * Model B: Izhikevich (a = 0.02, b = 0.04, c = −65, d = 2, v ≥ 30), I = 15 + N(0, 1) + g_exc/N,
 * v(0) ~ N(−65, 7), u(0) ~ N(12, 7); neuron traces x (τ = 20 ms, +1 per spike); w ~ U(0, 1);
 * pre spike: w −= A−·post.x·w, post spike: w += A+·pre.x·(1 − w), A+ = 0.01, A− = 0.012, w in [0, 1].
 *
 * Semantics shared with the behaviour versions: explicit Euler with dt = 1; a spike of step t
 * reaches g_exc in step t + 1; pre-spike depression uses post.x before the neuron update of t + 1,
 * post-spike potentiation pre.x after the update of t.
 */
import { Network, Neuron, Normal, Synapse, Uniform, type BackendName, type Monitor, type Projection } from '../../src/index.js';

export interface PymonntoBuilt { net: Network; proj: Projection; monitor: Monitor; N: number; dt: number }

export const MODEL_A_NEURON = new Neuron({
  name: 'model A LIF',
  parameters: 'threshold = 6.0 : population',
  equations: 'v = 0.9 * v + Uniform(0.0, 1.0) + g_exc',
  spike: 'v > threshold',
  reset: 'v = 0.0',
});

export const MODEL_A_SYNAPSE = new Synapse({
  name: 'one-step STDP',
  parameters: 'eta = 0.001 : projection',
  postSpike: 'w = clip(w + ite(t_pre == t - dt, eta, 0.0), 0.0, 1.0)',
});

export const MODEL_B_NEURON = new Neuron({
  name: 'model B Izhikevich',
  parameters: `
    a = 0.02 : population
    b = 0.04 : population
    c = -65.0 : population
    d = 2.0 : population
    I0 = 15.0 : population
    N = 10000.0 : population
    tau = 20.0 : population
  `,
  equations: `
    I = I0 + Normal(0.0, 1.0) + g_exc / N
    dv/dt = 0.04 * v * v + 5.0 * v + 140.0 - u + I
    du/dt = a * (b * v - u)
    dx/dt = -x / tau
  `,
  spike: 'v >= 30.0',
  reset: `
    v = c
    u += d
    x += 1.0
  `,
});

export const MODEL_B_SYNAPSE = new Synapse({
  name: 'soft-bounded trace STDP',
  parameters: `
    Ap = 0.01 : projection
    Am = 0.012 : projection
  `,
  preSpike: `
    g_target += w
    w = clip(w - Am * post.x * w, 0.0, 1.0)
  `,
  postSpike: 'w = clip(w + Ap * pre.x * (1.0 - w), 0.0, 1.0)',
});

export interface BuildOptions { N: number; seed: number; backend?: BackendName; threads?: number }

/** Model A, N neurons. */
export function buildModelA(o: BuildOptions): PymonntoBuilt {
  const net = new Network({ dt: 1, seed: o.seed, backend: o.backend, numThreads: o.threads });
  const pop = net.create(o.N, MODEL_A_NEURON);
  const proj = net.connect(pop, pop, 'exc', MODEL_A_SYNAPSE).connectAllToAll({ weights: new Uniform(0, 1 / o.N), allowSelfConnections: true });
  return { net, proj, monitor: net.monitor(pop, 'spike'), N: o.N, dt: 1 };
}

/** Model B, N neurons. */
export function buildModelB(o: BuildOptions): PymonntoBuilt {
  const net = new Network({ dt: 1, seed: o.seed, backend: o.backend, numThreads: o.threads });
  const pop = net.create(o.N, MODEL_B_NEURON);
  pop.N = o.N;
  pop.v = new Normal(-65, 7);
  pop.u = new Normal(12, 7);
  const proj = net.connect(pop, pop, 'exc', MODEL_B_SYNAPSE).connectAllToAll({ weights: new Uniform(0, 1), allowSelfConnections: true });
  return { net, proj, monitor: net.monitor(pop, 'spike'), N: o.N, dt: 1 };
}

/** Mean of a projection's weights, dendrite by dendrite (no copy of all N² weights). */
export function meanWeight(proj: Projection): number {
  let s = 0, n = 0;
  for (const d of proj.dendrites) { const w = d.w as ArrayLike<number>; for (let k = 0; k < w.length; k++) s += w[k]!; n += w.length; }
  return s / n;
}

/** Spikes, active fraction per step (overall and in the second half), weight drift. */
export function pymonntoStats(b: PymonntoBuilt, T: number, w0: number): Record<string, number> {
  // ANNarchy's spike record: neuron rank → the steps at which it spiked.
  const spikes = Object.values(b.monitor.get('spike') as unknown as Record<number, number[]>);
  let total = 0, late = 0;
  const half = T / 2;
  for (const times of spikes) for (const t of times) { total++; if (t >= half) late++; }
  const w1 = meanWeight(b.proj);
  return {
    spikes: total, active_fraction: total / b.N / T, active_fraction_late: late / b.N / (T - half), rate_hz: (total / b.N / T) * 1000,
    mean_weight_start: w0, mean_weight_end: w1, mean_weight_change: w1 - w0,
  };
}
