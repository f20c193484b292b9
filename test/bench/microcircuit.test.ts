// The PD14 cortical microcircuit of the benchmark suite (bench/lib/microcircuit.ts), built at a
// tiny scale on js: the numbers that make it PD14's model — neurons per population, synapses per
// projection from the connection probabilities, the weight and delay distributions, the
// background — and the check of bench/lib/checks.ts.
import { describe, it, expect } from 'vitest';
import {
  buildMicrocircuit, microcircuitSizes, fullSynapseNumber, npRound, POPULATIONS, N_FULL, CONN_PROBS, K_EXT, PD14,
  pd14Neuron, POISSON_KMAX,
  DELIVERY_OFFSET_STEPS, FULL_MEAN_RATES, type Microcircuit,
} from '../../bench/lib/microcircuit.js';
import { checkRecord } from '../../bench/lib/checks.js';
import { Network } from '../../src/index.js';
import { drawBlock } from '../../bench/lib/microcircuit-blocks.js';

const P = POPULATIONS.length;

/** Stored synapses, summed weights and delay statistics per (target, source), read from the projections. */
function tally(b: Microcircuit) {
  const count = POPULATIONS.map(() => new Array<number>(P).fill(0));
  const wSum = POPULATIONS.map(() => new Array<number>(P).fill(0));
  const wrongSign: number[] = [];
  const delay = [{ sum: 0, wsum: 0, n: 0, min: Infinity }, { sum: 0, wsum: 0, n: 0, min: Infinity }]; // exc, inh sources
  const popOf = (rank: number) => { let i = P - 1; while (rank < b.sizes.offset[i]) i--; return i; };
  b.projections.forEach((proj, k) => {
    const s = POPULATIONS.indexOf(b.projectionInfo[k].source);
    const d = proj.delay as number; // one delay per projection (the fast path)
    expect(typeof d).toBe('number');
    expect(Math.round(d / b.dt)).toBe(b.projectionInfo[k].delaySteps);
    const w = proj.w as Float64Array[];
    proj.postRanks.forEach((post, i) => {
      const t = popOf(post);
      count[t][s] += w[i].length;
      for (const x of w[i]) { wSum[t][s] += x; if (Math.sign(x) !== (s % 2 === 0 ? 1 : -1)) wrongSign.push(x); }
      // A merged multapse stands for several drawn synapses, its weight for their sum: weighting by
      // |w| counts each drawn synapse once (weights are drawn independently of delays).
      const c = delay[s % 2];
      for (const x of w[i]) { c.sum += d * Math.abs(x); c.wsum += Math.abs(x); }
      c.n += w[i].length; c.min = Math.min(c.min, d);
    });
  });
  return { count, wSum, wrongSign, delay };
}

/** E[round(X/dt)·dt] for X normal(mu, sd) redrawn below dt, by numerical integration. */
function roundedTruncatedMean(mu: number, sd: number, dt: number): number {
  let num = 0, den = 0;
  const h = sd / 2000;
  for (let x = dt; x < mu + 10 * sd; x += h) {
    const p = Math.exp(-0.5 * ((x + h / 2 - mu) / sd) ** 2);
    num += p * Math.round((x + h / 2) / dt) * dt; den += p;
  }
  return num / den;
}

describe('PD14 microcircuit (bench/lib/microcircuit.ts)', () => {
  it('synapse numbers follow the connection probabilities: ≈0.3·10⁹ at full scale, K_full ≈ −ln(1−p)·N_pre·N_post', () => {
    let total = 0;
    for (let t = 0; t < P; t++) {
      for (let s = 0; s < P; s++) {
        const K = fullSynapseNumber(CONN_PROBS[t][s], N_FULL[s], N_FULL[t]);
        // log(1−p)/log(1−1/M) = −ln(1−p)·M·(1 − 1/(2M) − …): equal to within one synapse.
        expect(Math.abs(K - -Math.log(1 - CONN_PROBS[t][s]) * N_FULL[s] * N_FULL[t])).toBeLessThan(1);
        total += npRound(K);
      }
    }
    expect(total).toBe(298880968);
    const full = microcircuitSizes(1);
    expect(full.n.reduce((a, c) => a + c, 0)).toBe(77169);
    expect(full.k[0][2]).toBe(npRound(fullSynapseNumber(0.0437, 21915, 20683)));
    // The L4E → L23E weight is doubled, inhibitory ones are −4×.
    expect(full.w[0][2]).toBeCloseTo(2 * 87.8, 10);
    expect(full.w[3][1]).toBeCloseTo(-4 * 87.8, 10);
    expect(full.w[5][4]).toBeCloseTo(87.8, 10);
    // NumPy's rounding: 106.5 → 106 (half to even).
    expect(npRound(106.5)).toBe(106);
    expect(npRound(107.5)).toBe(108);
  });

  it('DC background and in-degree scaling follow the reference implementation', () => {
    const dc = microcircuitSizes(1, 1, 'dc');
    // ν·K_ext·w·tau_syn: 8 Hz · 1600 · 87.8 pA · 0.5 ms = 561.92 pA for L2/3e.
    expect(dc.dc[0]).toBeCloseTo(561.92, 9);
    dc.dc.forEach((x, i) => expect(x).toBeCloseTo(8 * K_EXT[i] * 87.8 * 0.5e-3, 9));
    expect(microcircuitSizes(1, 1, 'poisson').dc).toEqual(new Array(P).fill(0));
    const half = microcircuitSizes(0.5, 0.25);
    expect(half.wExt).toBeCloseTo(87.8 * 2, 10);
    expect(half.w[0][0]).toBeCloseTo(87.8 * 2, 10);
    expect(half.kExt).toEqual(K_EXT.map((k) => npRound(k / 4)));
    expect(half.k[0][0]).toBe(npRound(fullSynapseNumber(0.1009, 20683, 20683) * 0.125));
    // The compensating DC restores the mean input that the smaller in-degrees and larger weights
    // change (helpers.py): 0.001·tau_syn·(1 − √k)·(Σ_s w_ts·K_ts/N_t·ν_s + w·K_ext·ν_bg).
    for (let t = 0; t < P; t++) {
      let rec = 0;
      for (let s = 0; s < P; s++) {
        const w = 87.8 * (s % 2 ? -4 : 1) * (t === 0 && s === 2 ? 2 : 1);
        rec += w * fullSynapseNumber(CONN_PROBS[t][s], N_FULL[s], N_FULL[t]) / N_FULL[t] * FULL_MEAN_RATES[s];
      }
      expect(half.dc[t]).toBeCloseTo(0.001 * 0.5 * (1 - 0.5) * (rec + 87.8 * K_EXT[t] * 8), 9);
    }
  });

  it('builds at scale 0.005 on js: neurons, synapses per projection, weights, delays, background; runs 20 ms', async () => {
    const scale = 0.005;
    const b = await buildMicrocircuit({ scale, seed: 7, record: false, workers: 0 });
    // Neurons per population.
    expect(b.sizes.n).toEqual(N_FULL.map((n) => npRound(n * scale)));
    POPULATIONS.forEach((name, i) => expect(b.pops[name].size).toBe(b.sizes.n[i]));
    expect(b.pop.size).toBe(b.N);

    const { count, wSum, wrongSign, delay } = tally(b);
    let drawn = 0, stored = 0;
    for (let t = 0; t < P; t++) {
      for (let s = 0; s < P; s++) {
        const K = npRound(fullSynapseNumber(CONN_PROBS[t][s], N_FULL[s], N_FULL[t]) * scale);
        expect(b.sizes.k[t][s]).toBe(K);
        // Every drawn synapse is stored, alone or merged into a multapse with the same delay.
        expect(count[t][s] + b.merged[t][s], `${POPULATIONS[s]} → ${POPULATIONS[t]}`).toBe(K);
        drawn += K; stored += count[t][s];
        if (K >= 200) {
          // Summed weights are kept by merging: the mean over the K drawn synapses is the model's
          // mean, within 4 standard errors (sd 10 % of the mean).
          const mean = wSum[t][s] / K, w = b.sizes.w[t][s];
          expect(Math.abs(mean - w), `${POPULATIONS[s]} → ${POPULATIONS[t]}`).toBeLessThan((4 * 0.1 * Math.abs(w)) / Math.sqrt(K) + 1e-9);
        }
      }
    }
    expect(wrongSign).toEqual([]);
    expect(stored).toBe(b.projections.reduce((a, p) => a + p.nbSynapses, 0));
    expect(drawn).toBe(b.sizes.k.flat().reduce((a, c) => a + c, 0));

    // Delays: normal (1.5 ± 0.75 ms exc, 0.8 ± 0.4 ms inh) redrawn below dt, rounded to steps, plus
    // the delivery offset; means over the drawn synapses within 4 standard errors.
    const off = DELIVERY_OFFSET_STEPS * b.dt;
    const expExc = roundedTruncatedMean(PD14.d_exc, PD14.d_exc_sd, b.dt) + off;
    const expInh = roundedTruncatedMean(PD14.d_inh, PD14.d_inh_sd, b.dt) + off;
    expect(expExc).toBeGreaterThan(1.6); expect(expExc).toBeLessThan(1.7); // 1.55 (truncation) + 0.1
    expect(Math.abs(delay[0].sum / delay[0].wsum - expExc)).toBeLessThan((4 * PD14.d_exc_sd) / Math.sqrt(delay[0].n) + 0.01);
    expect(Math.abs(delay[1].sum / delay[1].wsum - expInh)).toBeLessThan((4 * PD14.d_inh_sd) / Math.sqrt(delay[1].n) + 0.01);
    expect(delay[0].min).toBeCloseTo(b.dt * (1 + DELIVERY_OFFSET_STEPS), 10);
    expect(delay[1].min).toBeCloseTo(b.dt * (1 + DELIVERY_OFFSET_STEPS), 10);

    // Background: λ = K_ext · 8 Hz · dt per neuron, e^λ beside it, w_ext = 87.8 pA, no DC.
    const lam = b.pop.lam as Float64Array, emlam = b.pop.emlam as Float64Array, idc = b.pop.I_dc as Float64Array;
    POPULATIONS.forEach((_, i) => {
      const r = b.sizes.offset[i];
      expect(lam[r]).toBeCloseTo(K_EXT[i] * 8 * 1e-4, 12);
      expect(lam[r + b.sizes.n[i] - 1]).toBeCloseTo(K_EXT[i] * 8 * 1e-4, 12);
      expect(emlam[r]).toBeCloseTo(Math.exp(-K_EXT[i] * 8 * 1e-4), 12);
    });
    expect(b.pop.w_ext).toBe(87.8);
    expect(Array.from(idc).every((x) => x === 0)).toBe(true);

    // 20 ms: the background current's mean settles at w·λ/(1 − e^(−dt/tau_syn)) per neuron
    // (≈ 9.8 nA at L2/3e): within 5 % over each population, the Poisson draws being right.
    await b.net.compile({ backend: 'js' });
    await b.net.simulate(20);
    const ibg = b.pop.I_bg as Float64Array;
    const p11 = Math.exp(-b.dt / PD14.tau_syn);
    POPULATIONS.forEach((name, i) => {
      const expected = 87.8 * K_EXT[i] * 8e-4 / (1 - p11);
      let m = 0;
      for (let r = b.sizes.offset[i]; r < b.sizes.offset[i] + b.sizes.n[i]; r++) m += ibg[r];
      m /= b.sizes.n[i];
      // sd of I_bg per neuron ≈ w·sqrt(λ/(1 − P11²)); the mean over n neurons is within 5 sd/√n.
      const sd = 87.8 * Math.sqrt(K_EXT[i] * 8e-4 / (1 - p11 * p11));
      expect(Math.abs(m - expected), name).toBeLessThan((5 * sd) / Math.sqrt(b.sizes.n[i]));
    });
    const v = b.pop.v as Float64Array;
    expect(v.every((x) => Number.isFinite(x) && x < PD14.V_th + 1e-9)).toBe(true);
  }, 30000);

  // With P11 = 0 the current is w_ext · count after every step; no neuron fires (V_th out of reach).
  async function backgroundCounts(backend: 'js' | 'wasm', n: number, steps: number, lam: number): Promise<Float64Array> {
    const net = new Network({ dt: 0.1, seed: 3 });
    const pop = net.create(n, pd14Neuron(0.1, true));
    pop.lam = lam; pop.emlam = Math.exp(-lam); pop.P11 = 0; pop.V_th = 1e9;
    await net.compile({ backend });
    const counts = new Float64Array(n * steps);
    for (let s = 0; s < steps; s++) {
      await net.simulate(0.1);
      (pop.I_bg as Float64Array).forEach((x, r) => {
        const c = Math.round(x / PD14.w_mean);
        expect(x).toBe(PD14.w_mean * c);
        counts[s * n + r] = c;
      });
    }
    return counts;
  }

  it('the background counts are Poisson(λ): their frequencies match the pmf at L6E\'s λ = 2.32', async () => {
    const n = 4000, steps = 25, lam = K_EXT[6] * 8 * 1e-4;
    const counts = new Array<number>(POISSON_KMAX + 1).fill(0);
    for (const c of await backgroundCounts('js', n, steps, lam)) counts[c]++;
    const total = n * steps;
    let pmf = Math.exp(-lam);
    for (let k = 0; k <= 9; k++) {
      if (k > 0) pmf *= lam / k;
      // Each frequency within 5 binomial standard deviations of the pmf.
      expect(Math.abs(counts[k] / total - pmf), `k = ${k}`).toBeLessThan(5 * Math.sqrt((pmf * (1 - pmf)) / total));
    }
    const mean = counts.reduce((a, c, k) => a + c * k, 0) / total;
    expect(Math.abs(mean - lam)).toBeLessThan(5 * Math.sqrt(lam / total));
  });

  it('the counts are the same on js and wasm (its repeated sums shared as locals), cut at POISSON_KMAX', async () => {
    // λ = 6 reaches counts of 16 and more (≈ 0.04 % of draws), so the cut is tested too.
    for (const lam of [K_EXT[6] * 8 * 1e-4, 6]) {
      const js = await backgroundCounts('js', 2000, 10, lam), wasm = await backgroundCounts('wasm', 2000, 10, lam);
      expect(Array.from(wasm)).toEqual(Array.from(js));
      if (lam === 6) expect(Math.max(...js)).toBe(POISSON_KMAX);
    }
  });

  it('draws the same synapses on worker threads as in this thread (each block has its own stream)', async () => {
    const here = await buildMicrocircuit({ scale: 0.003, seed: 11, record: false, workers: 0 });
    const pool = await buildMicrocircuit({ scale: 0.003, seed: 11, record: false, workers: 2 });
    expect(pool.projectionInfo).toEqual(here.projectionInfo);
    expect(pool.merged).toEqual(here.merged);
    here.projections.forEach((p, k) => {
      const q = pool.projections[k];
      expect(q.name).toBe(p.name);
      expect(Array.from(q.postRanks)).toEqual(Array.from(p.postRanks));
      expect(q.preRanks.map((r) => Array.from(r))).toEqual(p.preRanks.map((r) => Array.from(r)));
      expect((q.w as Float64Array[]).map((r) => Array.from(r))).toEqual((p.w as Float64Array[]).map((r) => Array.from(r)));
    });
  }, 60000);

  it('a block: rows sorted by pre, multapses with one delay step merged (weights summed), others kept apart', () => {
    // 4000 pairs on 10 × 10 neurons: about 40 per pair, so multapses of every kind.
    const job = { seed: 3, t: 1, s: 2, K: 4000, nPre: 10, nPost: 10, w: -2, sdW: 0.2, meanD: 0.8, sdD: 0.4, dt: 0.1, offsetSteps: 1 };
    const b = drawBlock(job);
    let stored = 0, wSum = 0;
    b.steps.forEach((st, i) => {
      expect(st).toBeGreaterThanOrEqual(2); // a delay of at least dt, plus the offset
      const { ptr, pre, w } = { ptr: b.ptr[i], pre: b.pre[i], w: b.w[i] };
      expect(ptr.length).toBe(11);
      for (let j = 0; j < 10; j++) {
        // Strictly increasing pre indices: at most one synapse per (pre, post) and step.
        for (let k = ptr[j] + 1; k < ptr[j + 1]; k++) expect(pre[k]).toBeGreaterThan(pre[k - 1]);
      }
      stored += pre.length;
      for (const x of w) { expect(x).toBeLessThan(0); wSum += x; }
    });
    expect(stored + b.merged).toBe(job.K);
    expect(b.merged).toBeGreaterThan(0);
    // Summing keeps the total weight: K draws of mean −2 (sd 0.2), within 5 standard errors.
    expect(Math.abs(wSum / job.K + 2)).toBeLessThan((5 * 0.2) / Math.sqrt(job.K));
    // The same job, the same block.
    const again = drawBlock(job);
    expect(again.steps).toEqual(b.steps);
    expect(again.w.map((a) => Array.from(a))).toEqual(b.w.map((a) => Array.from(a)));
  });

  it('the rate check: full-scale rates pass, a silent or runaway population fails, short runs have no expectation', () => {
    const rates = { rate_L23E: 0.97, rate_L23I: 2.87, rate_L4E: 4.75, rate_L4I: 5.4, rate_L5E: 8.14, rate_L5I: 9.08, rate_L6E: 0.99, rate_L6I: 7.52 };
    const r = { model: 'microcircuit', scale: 1, kScale: 1, sim_ms: 1000, presim_ms: 500, rtf: 10, ...rates };
    expect(checkRecord(r).ok).toBe(true);
    expect(checkRecord({ ...r, rate_L5E: 0 }).ok).toBe(false);
    expect(checkRecord({ ...r, sim_ms: 100 }).ok).toBeNull();
    expect(checkRecord({ ...r, scale: 0.01 }).ok).toBeNull();
    expect(checkRecord({ ...r, scale: 0.1, rate_L23E: 12 }).ok).toBe(false);
    expect(checkRecord({ ...r, scale: 0.1 }).ok).toBe(true);
  });
});
