// Built-in neuron and synapse models (src/models) against trajectories computed here by hand-written
// loops that apply the numerical method of each equation (explicit Euler, or exponential Euler
// x += (1 − exp(−dt/τ))(x∞ − x) for linear ODEs), plus closed-form checks where one exists.
import { it, expect } from 'vitest';
import { describeBackends, compileFor, tolerance, closeDigits, onWebGpu } from '../helpers/backends.js';
import {
  Network, Neuron, SpikeSourceArray, IF_curr_exp, IF_cond_exp, IF_curr_alpha, IF_cond_alpha, Izhikevich,
  EIF_cond_exp_isfa_ista, EIF_cond_alpha_isfa_ista, HH_cond_exp, LeakyIntegrator, TsodyksMarkram,
} from '../../src/index.js';

type Model = 'IF_curr_exp' | 'IF_cond_exp' | 'IF_curr_alpha' | 'IF_cond_alpha' | 'EIF_exp' | 'EIF_alpha';

/** Runs `neuron` alone (optionally with excitatory spikes of weight w at `inputs` ms), returns v per step and spike steps. */
async function simulate(neuron: Neuron, dt: number, T: number, input?: { times: number[]; w: number }) {
  const net = new Network({ dt, seed: 1 });
  const pop = net.create(1, neuron);
  if (input) {
    const src = new SpikeSourceArray([input.times], { network: net });
    net.connect(src, pop, 'exc').connectAllToAll({ weights: input.w });
  }
  const m = net.monitor(pop, ['v', 'spike']);
  await net.compile(compileFor());
  await net.simulate(T);
  return { v: (m.get('v') as Float64Array[]).map((r) => r[0]), spikes: m.get('spike')[0] };
}

const E = (dt: number, tau: number) => 1 - Math.exp(-dt / tau);

/** Hand-written loop of the IF / EIF models (ANNarchy's equations, one ODE block per step). */
function handIF(model: Model, p: Record<string, number>, dt: number, steps: number, arrive: Map<number, number>) {
  let v = p.v_reset, ge = 0, gi = 0, ae = 0, ai = 0, w = 0, left = 0;
  const R = Math.round(p.tau_refrac / dt);
  const vs: number[] = [], spikes: number[] = [];
  const alpha = model.includes('alpha');
  const gmaxE = Math.exp((p.tau_syn_E - dt / 2) / p.tau_syn_E), gmaxI = Math.exp((p.tau_syn_I - dt / 2) / p.tau_syn_I);
  for (let k = 0; k < steps; k++) {
    ge += arrive.get(k) ?? 0;
    const inref = left > 0 ? 0 : 1;
    const se = alpha ? ae : ge, si = alpha ? ai : gi;
    let dv: number, dw = 0;
    if (model === 'IF_curr_exp' || model === 'IF_curr_alpha') {
      const steady = p.v_rest + (p.tau_m / p.cm) * (se - si + p.i_offset);
      dv = E(dt, p.tau_m) * (steady - v);
    } else if (model === 'IF_cond_exp' || model === 'IF_cond_alpha') {
      const f = p.cm / p.tau_m + se + si;
      const steady = (p.cm / p.tau_m * p.v_rest + se * p.e_rev_E + si * p.e_rev_I + p.i_offset) / f;
      dv = E(dt, p.cm / f) * (steady - v);
    } else {
      const I = se * (p.e_rev_E - v) + si * (p.e_rev_I - v) + p.i_offset;
      dv = dt * ((p.v_rest - v + p.delta_T * Math.exp((v - p.v_thresh) / p.delta_T)) + p.tau_m / p.cm * (I - w)) / p.tau_m;
      dw = dt * (p.a * (v - p.v_rest) / 1000.0 - w) / p.tau_w;
    }
    const nge = ge + E(dt, p.tau_syn_E) * (0 - ge), ngi = gi + E(dt, p.tau_syn_I) * (0 - gi);
    const nae = ae + E(dt, p.tau_syn_E) * (gmaxE * ge - ae), nai = ai + E(dt, p.tau_syn_I) * (gmaxI * gi - ai);
    if (inref) { v += dv; w += dw; }
    ge = nge; gi = ngi;
    if (alpha && inref) { ae = nae; ai = nai; } // alpha_* are not g_*: frozen during refractoriness, as ANNarchy
    const vth = model.startsWith('EIF') ? p.v_spike : p.v_thresh;
    if (!inref) left -= 1;
    else if (v > vth) { v = p.v_reset; w += p.b ?? 0; spikes.push(k); left = R; }
    vs.push(v);
  }
  return { v: vs, spikes };
}

const IF_DEFAULTS = { v_rest: -65.0, cm: 1.0, tau_m: 20.0, tau_refrac: 0.0, tau_syn_E: 5.0, tau_syn_I: 5.0, v_thresh: -50.0, v_reset: -65.0, i_offset: 0.0, e_rev_E: 0.0, e_rev_I: -70.0 };
const EIF_DEFAULTS = {
  v_rest: -70.6, cm: 0.281, tau_m: 9.3667, tau_refrac: 0.1, tau_syn_E: 5.0, tau_syn_I: 5.0, e_rev_E: 0.0, e_rev_I: -80.0,
  tau_w: 144.0, a: 4.0, b: 0.0805, i_offset: 0.0, delta_T: 2.0, v_thresh: -50.4, v_reset: -70.6, v_spike: -40.0,
};

/**
 * Spike steps exactly, v relative to max(1, |v|) within `tol` (float64), or on webgpu (float32)
 * within `tolerance(tol, f32Scale)`: `f32Scale` > 1 for models whose spike upswing (exponential in
 * EIF, quadratic in Izhikevich, the gates of HH) amplifies rounding differences of 1e-7 in the
 * steps before a spike; the spike steps themselves are still compared exactly.
 */
function compare(got: { v: number[]; spikes: number[] }, want: { v: number[]; spikes: number[] }, tol = 1e-9, f32Scale = 1) {
  tol = tolerance(tol, f32Scale);
  expect(got.spikes).toEqual(want.spikes);
  expect(got.v.length).toBe(want.v.length);
  let worst = 0;
  for (let k = 0; k < want.v.length; k++) worst = Math.max(worst, Math.abs(got.v[k] - want.v[k]) / Math.max(1, Math.abs(want.v[k])));
  expect(worst).toBeLessThan(tol);
}

describeBackends('built-in integrate-and-fire neurons', () => {
  it('IF_curr_exp under a constant current: exact exponential approach, first spike at 27.8 ms, ISI 29.8 ms', async () => {
    const dt = 0.1;
    const got = await simulate(new IF_curr_exp({ i_offset: 1.0, tau_refrac: 2.0 }), dt, 1000);
    // v(t) = −45 − 20 e^{−t/20} is reached exactly at every step; threshold −50 at t* = 20 ln 4 = 27.73 ms
    for (const k of [0, 10, 100, 250]) expect(got.v[k]).toBeCloseTo(-45 - 20 * Math.exp(-((k + 1) * dt) / 20), closeDigits(9, 65));
    expect(got.spikes[0]).toBe(277);
    expect(got.spikes[1] - got.spikes[0]).toBe(298); // 20 frozen steps + 278 steps to threshold
    expect(got.spikes.length).toBe(33);
    compare(got, handIF('IF_curr_exp', { ...IF_DEFAULTS, i_offset: 1.0, tau_refrac: 2.0 }, dt, 10000, new Map()));
  });

  const input = { times: [5, 5.5, 6, 20, 21, 22, 23, 24, 40, 41, 42, 43, 44, 45, 46, 47], w: 0.6 };
  const arrivals = (dt: number) => {
    const m = new Map<number, number>();
    for (const t of input.times) { const k = Math.round(t / dt) + 1; m.set(k, (m.get(k) ?? 0) + input.w); }
    return m;
  };
  const cases: [Model, () => Neuron, Record<string, number>][] = [
    ['IF_curr_exp', () => new IF_curr_exp({ i_offset: 0.6, tau_refrac: 1.0 }), { ...IF_DEFAULTS, i_offset: 0.6, tau_refrac: 1.0 }],
    ['IF_cond_exp', () => new IF_cond_exp({ i_offset: 0.6, tau_refrac: 1.0 }), { ...IF_DEFAULTS, i_offset: 0.6, tau_refrac: 1.0 }],
    ['IF_curr_alpha', () => new IF_curr_alpha({ i_offset: 0.6, tau_refrac: 1.0 }), { ...IF_DEFAULTS, i_offset: 0.6, tau_refrac: 1.0 }],
    ['IF_cond_alpha', () => new IF_cond_alpha({ i_offset: 0.6, tau_refrac: 1.0 }), { ...IF_DEFAULTS, i_offset: 0.6, tau_refrac: 1.0 }],
    ['EIF_exp', () => new EIF_cond_exp_isfa_ista({ i_offset: 1.0 }), { ...EIF_DEFAULTS, i_offset: 1.0 }],
    ['EIF_alpha', () => new EIF_cond_alpha_isfa_ista({ i_offset: 1.0 }), { ...EIF_DEFAULTS, i_offset: 1.0 }],
  ];
  for (const [name, make, params] of cases) {
    it(`${name}: constant current plus excitatory spikes, against the hand-written loop`, async () => {
      const dt = 0.1;
      const got = await simulate(make(), dt, 200, input);
      const want = handIF(name, params, dt, 2000, arrivals(dt));
      expect(want.spikes.length).toBeGreaterThan(1);
      compare(got, want, 1e-8, name.startsWith('EIF') ? 10 : 1);
    });
  }

  it('the COBA neuron without synapses (dossier D1): first spike at step 138, then every 189 steps, 53 spikes in 1 s', async () => {
    const coba = new Neuron({
      parameters: 'El = -60.0\n Vr = -60.0\n Vt = -50.0\n tau = 20.0\n I = 20.0',
      equations: 'tau * dv/dt = (El - v) + I : init = -60.0',
      spike: 'v > Vt', reset: 'v = Vr', refractory: 5.0,
    });
    const got = await simulate(coba, 0.1, 1000);
    expect(got.spikes[0]).toBe(138);
    expect(got.spikes[1] - got.spikes[0]).toBe(189);
    expect(got.spikes.length).toBe(53);
  });
});

describeBackends('Izhikevich', (backend) => {
  function hand(p: { a: number; b: number; c: number; d: number; I: number }, dt: number, steps: number) {
    let v = p.c, u = p.b * p.c;
    const vs: number[] = [], spikes: number[] = [];
    for (let k = 0; k < steps; k++) {
      const dv = 0.04 * v * v + 5.0 * v + 140.0 - u + p.I;
      const du = p.a * (p.b * v - u);
      v += dt * dv; u += dt * du;
      if (v > 30) { v = p.c; u += p.d; spikes.push(k); }
      vs.push(v);
    }
    return { v: vs, spikes };
  }
  for (const [label, p, dt] of [
    ['regular spiking (defaults)', { a: 0.02, b: 0.2, c: -65, d: 8, I: 10 }, 0.1],
    ['chattering', { a: 0.02, b: 0.2, c: -50, d: 2, I: 10 }, 0.1],
    ['fast spiking, dt = 1 ms', { a: 0.1, b: 0.2, c: -65, d: 2, I: 5 }, 1.0],
  ] as const) {
    // At dt = 1 ms, explicit Euler jumps across the quadratic upswing: spike steps depend on the last
    // bits (float32 gives steps 213, 237, 262 where float64 gives 214, 240, 264).
    const f64Only = dt === 1.0 && onWebGpu(backend, `Izhikevich ${label}: spike steps depend on float64 rounding`);
    it.skipIf(f64Only)(`${label}: initial v = c, u = b·c; explicit Euler on (v, u) in one block`, async () => {
      const got = await simulate(new Izhikevich({ a: p.a, b: p.b, c: p.c, d: p.d, i_offset: p.I }), dt, 300);
      const want = hand(p, dt, Math.round(300 / dt));
      expect(want.spikes.length).toBeGreaterThan(2);
      compare(got, want, 1e-9, 1000);
    });
  }
});

describeBackends('HH_cond_exp', () => {
  // neurarchy's HH_cond_exp uses Traub's h-gate closing rate bh = 4/(1 + exp((40 − v + v_offset)/5)) (PyNN/NEURON,
  // NEST, Brian 2), not ANNarchy's transcription 4/(1 + exp(10 − v + v_offset)), with which the neuron sat in
  // depolarisation block and never fired: this reference loop used ANNarchy's rate and checked 0 spikes until the
  // model was corrected (test/models/hh-traub.test.ts checks the corrected model against PyNN's first-spike time).
  it('exponential Euler on n, m, h, v in one block (Traub\'s rates): spikes on upward crossings of v_thresh', async () => {
    const dt = 0.05, T = 100;
    const p = { gbar_Na: 20.0, gbar_K: 6.0, gleak: 0.01, cm: 0.2, v_offset: -63.0, e_rev_Na: 50.0, e_rev_K: -90.0, e_rev_leak: -65.0, i_offset: 2.0 };
    let v = p.e_rev_leak, n = 0, m = 0, h = 1;
    const vs: number[] = [], spikes: number[] = [];
    for (let k = 0; k < Math.round(T / dt); k++) {
      const prev = v, o = p.v_offset;
      const an = 0.032 * (15.0 - v + o) / (Math.exp((15.0 - v + o) / 5.0) - 1.0);
      const am = 0.32 * (13.0 - v + o) / (Math.exp((13.0 - v + o) / 4.0) - 1.0);
      const ah = 0.128 * Math.exp((17.0 - v + o) / 18.0);
      const bn = 0.5 * Math.exp((10.0 - v + o) / 40.0);
      const bm = 0.28 * (v - o - 40.0) / (Math.exp((v - o - 40.0) / 5.0) - 1.0);
      const bh = 4.0 / (1.0 + Math.exp((40.0 - v + o) / 5.0));
      const f = p.gleak + p.gbar_K * n ** 4 + p.gbar_Na * m ** 3 * h;
      const vinf = (p.gleak * p.e_rev_leak + p.gbar_K * n ** 4 * p.e_rev_K + p.gbar_Na * m ** 3 * h * p.e_rev_Na + p.i_offset) / f;
      const nn = n + E(dt, 1 / (an + bn)) * (an / (an + bn) - n);
      const nm = m + E(dt, 1 / (am + bm)) * (am / (am + bm) - m);
      const nh = h + E(dt, 1 / (ah + bh)) * (ah / (ah + bh) - h);
      v = v + E(dt, p.cm / f) * (vinf - v);
      n = nn; m = nm; h = nh;
      if (v > 0 && prev <= 0) spikes.push(k);
      vs.push(v);
    }
    const got = await simulate(new HH_cond_exp({ i_offset: 2.0 }), dt, T);
    // 2 nA into 0.2 nF: a regular train of 19 spikes in 100 ms (measured with this loop), peaks above +30 mV.
    expect(spikes.length).toBe(19);
    expect(Math.max(...vs)).toBeGreaterThan(30);
    // On webgpu (float32) the spike steps are the same, but rounding moves each upstroke by a fraction of a
    // step, where v climbs tens of mV per step: v is compared within 0.1 relative there (0.062 measured).
    compare(got, { v: vs, spikes }, 1e-7, 1e4);
  });
});

describeBackends('LeakyIntegrator (rate-coded)', () => {
  it('tau dv/dt + v = B with the exponential method is exact: v = B (1 − e^{−t/tau}), r = pos(v − T)', async () => {
    const net = new Network({ dt: 1 });
    const pop = net.create(1, new LeakyIntegrator({ B: 2.0, T: 0.5 }));
    const m = net.monitor(pop, ['v', 'r']);
    await net.compile(compileFor());
    await net.simulate(30);
    const v = (m.get('v') as Float64Array[]).map((x) => x[0]);
    const r = (m.get('r') as Float64Array[]).map((x) => x[0]);
    v.forEach((x, k) => expect(x).toBeCloseTo(2 * (1 - Math.exp(-(k + 1) / 10)), closeDigits(12, 2)));
    r.forEach((x, k) => expect(x).toBeCloseTo(Math.max(0, v[k] - 0.5), closeDigits(12, 2)));
  });
});

describeBackends('TsodyksMarkram', () => {
  it('g_target += w·u·x with u, x decaying exactly between spikes (event-driven)', async () => {
    const net = new Network({ dt: 1 });
    const times = [10, 20, 25, 60, 61, 200];
    const src = new SpikeSourceArray([times], { network: net });
    const post = net.create(1, new Neuron({ equations: 'mp = g_exc', spike: 'mp > 1000' }));
    const P = { tau_rec: 100.0, tau_facil: 50.0, U: 0.2 };
    net.connect(src, post, 'exc', new TsodyksMarkram(P)).connectAllToAll({ weights: 3.0 });
    const m = net.monitor(post, 'g_exc');
    await net.compile(compileFor());
    await net.simulate(250);
    const g = (m.get('g_exc') as Float64Array[]).map((r) => r[0]);
    let x = 1, u = P.U, last = 0;
    const want = new Array<number>(250).fill(0);
    for (const t of times) {
      const s = t + 1; // processed one step after the spike
      x = 1 + (x - 1) * Math.exp(-(s - last) / P.tau_rec);
      u = P.U + (u - P.U) * Math.exp(-(s - last) / P.tau_facil);
      want[s] = 3.0 * u * x;
      x *= 1 - u;
      u += P.U * (1 - u);
      last = s;
    }
    g.forEach((val, k) => expect(val, `step ${k}`).toBeCloseTo(want[k], closeDigits(12, 1)));
  });

  it('rejects tau_facil <= 0', () => {
    expect(() => new TsodyksMarkram({ tau_facil: 0 })).toThrow(/tau_facil/);
  });
});
