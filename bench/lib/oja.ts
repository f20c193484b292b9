/**
 * The seeds' network (ANNarchy's manual, first example; examples/oja.ts): two populations of N
 * leaky integrators `tau dmp/dt + mp = baseline + sum(exc)`, `r = pos(mp)` (tau = 10, baseline
 * = -0.2), pop1 → pop2 all-to-all with Oja's rule `tau dw/dt = pre.r·post.r − alpha·post.r²·w`
 * (tau = 5000, alpha = 8), w(0) ~ U(0, 1), dt = 1 ms. pop1 receives a fixed bump through its
 * baseline, baseline_i = exp(−(i − ⌊N/2⌋)²/200), exactly as bench/peers/oja.py does.
 */
import { Network, Neuron, Synapse, Uniform, type Monitor, type Population, type Projection } from '../../src/index.js';

export const LeakyIntegrator = new Neuron({
  name: 'LeakyIntegrator',
  parameters: 'tau = 10.0\n baseline = -0.2',
  equations: 'tau * dmp/dt + mp = baseline + sum(exc)\n r = pos(mp)',
});

export const Oja = new Synapse({
  name: 'Oja',
  parameters: 'tau = 5000.0\n alpha = 8.0',
  equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w',
});

export interface OjaNet { net: Network; pop1: Population; pop2: Population; proj: Projection; monitor: Monitor; N: number; dt: number }

export function buildOja(o: { N?: number; seed?: number } = {}): OjaNet {
  const N = o.N ?? 100, seed = o.seed ?? 1234;
  const net = new Network({ dt: 1.0, seed });
  const pop1 = net.create(N, LeakyIntegrator, { name: 'pop1' });
  const pop2 = net.create(N, LeakyIntegrator, { name: 'pop2' });
  const proj = net.connect(pop1, pop2, 'exc', Oja).connectAllToAll({ weights: new Uniform(0.0, 1.0) });
  const c = Math.floor(N / 2);
  pop1.baseline = Float64Array.from({ length: N }, (_, i) => Math.exp(-((i - c) ** 2) / 200));
  const monitor = net.monitor(pop2, 'r', { period: 100 });
  return { net, pop1, pop2, proj, monitor, N, dt: 1.0 };
}

/** The checks of bench/peers/oja.py: final weights, squared norm per dendrite (→ about 1/alpha), final rates. */
export function ojaStats(b: OjaNet) {
  const rows = b.proj.w as Float64Array[];
  let n = 0, s = 0, s2 = 0, lo = Infinity, hi = -Infinity, norm2 = 0;
  for (const row of rows) {
    for (const w of row) { n++; s += w; s2 += w * w; lo = Math.min(lo, w); hi = Math.max(hi, w); }
  }
  for (const row of rows) norm2 += row.reduce((a, w) => a + w * w, 0);
  const mean = (x: ArrayLike<number>) => Array.from(x).reduce((a, v) => a + v, 0) / x.length;
  const r2 = b.pop2.r as Float64Array;
  const trace = (b.monitor.get('r') as Float64Array[]).map((r) => Number(mean(r).toFixed(6)));
  return {
    w_mean: s / n, w_std: Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2)), w_min: lo, w_max: hi,
    w_norm2_mean: norm2 / b.N,
    r2_mean_end: mean(r2), r2_max_end: Math.max(...r2), r1_mean_end: mean(b.pop1.r as Float64Array),
    r2_mean_trace: trace,
  };
}
