/**
 * exportPyNN: what the script says (hand-checked conversions), what is refused (with the model and
 * the reason), the results reader, and — with `npm run test:mpi`, where PyNN, NEURON and OpenMPI are installed (.ci/run) —
 * the round trip: COBA, CUBA and the STDP network exported, run with `mpirun -np 1` and `-np 2`,
 * read back and compared with neurarchy's own run of the same network (same synapses:
 * connectivity 'exact'), Izhikevich too (PyNN timestep 0.1 ms); every exported built-in cell type;
 * a recorded trace; the example.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network, Neuron, IF_curr_exp, IF_cond_exp, IF_cond_alpha, IF_curr_alpha, EIF_cond_exp_isfa_ista, EIF_cond_alpha_isfa_ista, HH_cond_exp, PoissonPopulation, meanFr, Izhikevich, LeakyIntegrator, SpikeSourceArray, Population, Projection, TsodyksMarkram, clear } from '../../src/index.js';
import { pynnExport, exportPyNN, readPyNNResults, decodePyNNResults, ExportError } from '../../src/export/index.js';
import { decodeNpz, encodeNpz, type NpzEntry } from '../../src/io/npz.js';
import { coba, cuba, stdp, izhikevich } from './networks.js';
import { pynnUnavailable, runScript, spikeStats, weightStats } from './run-pynn.js';
import { run } from '../../examples/export.js';

describe('exportPyNN: the script', () => {
  it('reads COBA as IF_cond_exp: tau_m, effective rest, reversal potentials and weights scaled by cm/tau', () => {
    const b = coba(200, 100);
    const out = pynnExport(b.net, 'coba', { duration: 100 });
    // tau dv/dt = (El - v) + g_exc (0 - v) + g_inh (-80 - v) + I, tau = 20, El = -60, I = 20:
    // rest = El + I = -40 mV; conductances in units of the leak: w·cm/tau = 0.6 · 1/20 = 0.03 µS.
    expect(out.script).toContain('sim.IF_cond_exp(cm=1.0, tau_m=20.0, v_rest=-40.0, v_thresh=-50.0, v_reset=-60.0, tau_refrac=5.0, i_offset=0.0, tau_syn_E=5.0, tau_syn_I=10.0, e_rev_E=0.0, e_rev_I=-80.0)');
    const syn = decodeNpz(encode(out.data))['proj0/synapses'];
    expect(syn.shape[1]).toBe(4);
    expect(Number(syn.data[2])).toBeCloseTo(0.03, 12);
    expect(Number(syn.data[3])).toBe(0.2); // delay dt = 0.1 raised to 2·dt for MPI, and said so:
    expect(out.notes.some((n) => n.includes("projection 'proj0'") && n.includes('0.2 ms'))).toBe(true);
    expect(out.notes.some((n) => n.includes("initial conductances of 'P'") && n.includes('NEURON backend starts conductances at 0'))).toBe(true);
    const inh = decodeNpz(encode(out.data))['proj1/synapses'];
    expect(Number(inh.data[2])).toBeCloseTo(6.7 / 20, 12);
    // initial conductances go along, in µS
    expect(out.script).toMatch(/initialize\(v=DATA\["P\/init_v"\], gsyn_exc=DATA\["P\/init_gsyn_exc"\], gsyn_inh=DATA\["P\/init_gsyn_inh"\]\)/);
  });

  it('reads CUBA as IF_curr_exp: current weights cm·w/tau_m, inhibition on the inhibitory receptor with negative weights', () => {
    const out = pynnExport(cuba(200, 100).net, 'cuba', { duration: 100 });
    expect(out.script).toContain('sim.IF_curr_exp(cm=1.0, tau_m=20.0, v_rest=-49.0, v_thresh=-50.0, v_reset=-60.0, tau_refrac=5.0, i_offset=0.0, tau_syn_E=5.0, tau_syn_I=10.0)');
    const d = decodeNpz(encode(out.data));
    expect(Number(d['proj0/synapses'].data[2])).toBeCloseTo(1.62 / 20, 12);
    expect(Number(d['proj1/synapses'].data[2])).toBeCloseTo(-9 / 20, 12);
    expect(out.script).toMatch(/label="proj1"/);
    expect(out.script).toMatch(/receptor_type="inhibitory", label="proj1"/);
  });

  it('maps Izhikevich (1 pF section: i_offset in nA = 0.001·I, weights are dt·w mV jumps) and STDP with its bounds', () => {
    const izh = pynnExport(izhikevich(100).net, 'izh', { duration: 100 });
    expect(izh.notes.some((n) => n.includes("'P' at PyNN timestep 1 ms") && n.includes('{ timestep: 0.1 }'))).toBe(true);
    expect(izh.script).toContain('sim.Izhikevich(a=DATA["P/a"], b=DATA["P/b"], c=DATA["P/c"], d=DATA["P/d"], i_offset=0.0)');
    expect(izh.script).toContain('NoisyCurrentSource(mean=0.0, stdev=float(_stdev[_j])');
    const d = decodeNpz(encode(izh.data));
    expect(Array.from(d['P/noise_stdev'].data as Float64Array).slice(799, 801)).toEqual([0.005, 0.002]);
    const s = pynnExport(stdp(100, 1, 20).net, 'stdp', { duration: 100 });
    // IF: tau_m dv/dt = El - v + g_exc (Ee - vr): a current of (0 - -60)/10 = 6 mV/ms per unit, so w_max = 0.01 · 6 nA.
    expect(s.script).toContain('sim.IF_curr_exp(cm=1.0, tau_m=10.0, v_rest=-74.0, v_thresh=-54.0, v_reset=-60.0, tau_refrac=0.0, i_offset=0.0, tau_syn_E=5.0, tau_syn_I=5.0)');
    expect(s.script).toContain('sim.STDPMechanism(timing_dependence=sim.SpikePairRule(tau_plus=20.0, tau_minus=20.0, A_plus=0.01, A_minus=0.0105), weight_dependence=sim.AdditiveWeightDependence(w_min=0.0, w_max=0.06), dendritic_delay_fraction=0.0)');
    expect(s.script).toContain('sim.SpikeSourcePoisson(rate=15.0');
  });

  it("connectivity 'pynn' writes PyNN's connector for the same rule", () => {
    const out = pynnExport(coba(200, 100).net, 'coba', { duration: 100, connectivity: 'pynn' });
    expect(out.script).toContain('sim.Projection(pop0[DATA["proj0/pre_ranks"]], pop0, sim.FixedProbabilityConnector(p_connect=0.4, allow_self_connections=False, rng=RNG)');
    expect(out.script).toContain('synapse_type=sim.StaticSynapse(weight=0.03, delay=0.2)');
  });

  it('net.exportPyNN(file, options) writes the script and its side file next to it', async () => {
    const b = cuba(100, 50);
    const dir = mkdtempSync(join(tmpdir(), 'neurarchy-pynn-'));
    const files = await b.net.exportPyNN(join(dir, 'cuba.py'), { duration: 50 });
    expect(files.data).toBe(join(dir, 'cuba.data.npz'));
    expect(files.results).toBe(join(dir, 'cuba.results.npz'));
    expect(readFileSync(files.script, 'utf8')).toContain('DATA = np.load(os.path.join(HERE, "cuba.data.npz"))');
    expect(Object.keys(decodeNpz(readFileSync(files.data)))).toContain('proj0/synapses');
  });

  it('exportPyNN(file, options) exports the default network; spike sources and Tsodyks–Markram map to PyNN', async () => {
    clear();
    try {
      const src = new SpikeSourceArray([[5, 15], [10]], { name: 'S' });
      const post = new Population({ name: 'Q', geometry: 3, neuron: IF_cond_exp });
      new Projection({ pre: src, post, target: 'exc', synapse: new TsodyksMarkram({ U: 0.3, tau_rec: 200, tau_facil: 50 }) }).connectAllToAll({ weights: 0.01 });
      const dir = mkdtempSync(join(tmpdir(), 'neurarchy-pynn-'));
      const files = await exportPyNN(join(dir, 'default.py'), { duration: 50 });
      const script = readFileSync(files.script, 'utf8');
      expect(script).toContain('sim.SpikeSourceArray(spike_times=[sim.Sequence(_t[_p[j]:_p[j + 1]]) for j in range(len(_p) - 1)])');
      expect(script).toContain('sim.TsodyksMarkramSynapse(U=0.3, tau_rec=200.0, tau_facil=50.0)');
      const data = decodeNpz(readFileSync(files.data));
      expect(Array.from(data['S/spike_times'].data as Float64Array)).toEqual([5, 15, 10]);
      expect(Array.from(data['S/spike_ptr'].data as Int32Array)).toEqual([0, 2, 3]);
    } finally {
      clear();
    }
  });

  it('decodePyNNResults reads the results keys into monitor-shaped records (spike steps, rows, final weights)', () => {
    const bytes = encodeNpz({
      'meta/dt': { data: [0.1] }, 'meta/duration': { data: [100] }, 'meta/processes': { data: [2] },
      'm/spike/ranks': { data: Int32Array.of(3, 0, 3), dtype: '<i4' }, 'm/spike/times': { data: [12.3, 5.0, 7.1] }, 'm/spike/neurons': { data: Int32Array.of(0, 1, 2, 3), dtype: '<i4' },
      'm/v': { data: [-65, -64, -63, -62, -61, -60], shape: [3, 2] }, 'm/v/ranks': { data: Int32Array.of(0, 3), dtype: '<i4' },
      'p/pre': { data: Int32Array.of(0, 1), dtype: '<i4' }, 'p/post': { data: Int32Array.of(0, 0), dtype: '<i4' }, 'p/w': { data: [0.25, 0.5] },
    });
    const r = decodePyNNResults(bytes);
    expect([r.dt, r.duration, r.processes]).toEqual([0.1, 100, 2]);
    const spike = r.monitors.m.spike!;
    expect({ ...spike }).toEqual({ 0: [50], 3: [71, 123] });
    expect([spike.dt, spike.unit, spike.start, spike.stop, spike.size, spike.rankLimit]).toEqual([0.1, 'steps', 0, 1000, 4, 4]);
    // 3 spikes of 4 monitored neurons (2 silent) in 100 ms: meanFr reads dt, duration and size from the record.
    expect(meanFr(spike)).toBeCloseTo(7.5, 12);
    expect(Array.from(r.monitors.m.variables.v.ranks)).toEqual([0, 3]);
    expect(r.monitors.m.variables.v.rows.map((row) => Array.from(row))).toEqual([[-65, -64], [-63, -62], [-61, -60]]);
    expect(Array.from(r.projections.p.w)).toEqual([0.25, 0.5]);
    expect(() => decodePyNNResults(encodeNpz({ 'meta/dt': { data: [0.1] } }))).toThrow(/no 'meta\/duration' entry/);
  });

  it('maps HH_cond_exp (Traub\'s rates, as PyNN\'s) parameter by parameter, and says how NEURON starts and counts spikes', () => {
    const net = new Network({ dt: 0.01 });
    const h = net.create(10, new HH_cond_exp({ gleak: 0.02, i_offset: 0.5 }), { name: 'H' });
    h.gbar_Na = Array.from({ length: 10 }, (_, i) => 20 + i);
    const out = pynnExport(net, 'hh', { duration: 10 });
    expect(out.script).toContain('sim.HH_cond_exp(gbar_Na=DATA["H/gbar_Na"], gbar_K=6.0, cm=0.2, v_offset=-63.0, e_rev_Na=50.0, e_rev_K=-90.0, e_rev_leak=-65.0, e_rev_E=0.0, e_rev_I=-80.0, tau_syn_E=0.2, tau_syn_I=2.0, i_offset=0.5, g_leak=0.02)');
    expect(Array.from(decodeNpz(encode(out.data))['H/gbar_Na'].data as Float64Array)).toEqual(Array.from({ length: 10 }, (_, i) => 20 + i));
    expect(out.notes.some((n) => n.includes("population 'H'") && n.includes('starts the gates m, n, h at 0') && n.includes('(h not 0)') && n.includes('H.h = 0'))).toBe(true);
    expect(out.notes.some((n) => n.includes('crosses 10 mV') && n.includes('v_thresh (0 mV)'))).toBe(true);
    h.h = 0; h.v_thresh = 10;
    expect(pynnExport(net, 'hh', { duration: 10 }).notes.filter((n) => n.includes("population 'H'"))).toEqual([]);
  });

  it('refuses what has no PyNN equivalent, naming the object, the model and the reason', () => {
    const rate = new Network({ dt: 1 });
    rate.create(10, LeakyIntegrator, { name: 'R' });
    expect(() => pynnExport(rate, 'x', { duration: 10 })).toThrow(/population 'R' \(neuron 'LeakyIntegrator'\): rate-coded neurons have no PyNN equivalent/);
    const quad = new Network({ dt: 0.1 });
    quad.create(10, new Neuron({ name: 'QIF', equations: 'dv/dt = -v + 0.1 * v^2', spike: 'v > 10', reset: 'v = -10' }), { name: 'Q' });
    expect(() => pynnExport(quad, 'x', { duration: 10 })).toThrow(/population 'Q' \(neuron 'QIF'\) has no PyNN standard cell type: its membrane equation is not of the leaky integrate-and-fire form/);
    const adapt = new Network({ dt: 0.1 });
    adapt.create(10, new Neuron({ name: 'Adapt', equations: 'tau * dv/dt = -v - w\ndw/dt = -w', parameters: 'tau = 10.0', spike: 'v > 1', reset: 'v = 0' }), { name: 'A' });
    expect(() => pynnExport(adapt, 'x', { duration: 10 })).toThrow(/state variable 'w'/);
    const noisy = new Network({ dt: 0.1 });
    noisy.create(10, new Neuron({ name: 'Noisy', equations: 'tau * dv/dt = -v + Normal(0, 1)', parameters: 'tau = 10.0', spike: 'v > 1', reset: 'v = 0' }), { name: 'N' });
    expect(() => pynnExport(noisy, 'x', { duration: 10 })).toThrow(/draw random numbers/);
    const izh = new Network({ dt: 1 });
    izh.create(10, new Izhikevich({ v_thresh: 25 }), { name: 'I' });
    expect(() => pynnExport(izh, 'x', { duration: 10 })).toThrow(/fixed threshold of 30 mV/);
    const mixed = new Network({ dt: 0.1 });
    const m = mixed.create(5, IF_curr_exp, { name: 'm' });
    mixed.connect(m, m, 'exc').connectAllToAll({ weights: 1 });
    mixed.monitor(m, 'r', { name: 'rates' });
    expect(() => pynnExport(mixed, 'x', { duration: 10 })).toThrow(/monitor 'rates' records 'r' of population 'm', which has no PyNN equivalent in IF_curr_exp/);
    expect(() => pynnExport(mixed, 'x', { duration: 10, simulater: 'nest' } as never)).toThrow(/simulater/);
    const off = new Network({ dt: 0.1 });
    off.create(5, IF_cond_exp, { name: 'off' }).disable();
    expect(() => pynnExport(off, 'x', { duration: 10 })).toThrow(/population 'off' is disabled/);
    expect(() => pynnExport(mixed, 'x', { duration: 10 })).toThrow(ExportError);
  });
});

const encode = (data: Record<string, NpzEntry>): Uint8Array => encodeNpz(data);

const unavailable = pynnUnavailable();
if (unavailable) console.warn(`[PyNN export] skipping the NEURON/MPI round trip: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('exportPyNN: round trip through PyNN on NEURON under MPI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'neurarchy-pynn-'));
  const cases = [
    { name: 'coba', build: () => coba(1000, 500), rate: 0.1, cv: 0.1 },
    { name: 'cuba', build: () => cuba(1000, 500), rate: 0.15, cv: 0.15 },
  ];
  for (const c of cases) {
    it(`${c.name}: rate and CV of the PyNN run (1 and 2 ranks) within range of neurarchy's`, async () => {
      const b = c.build();
      const files = await exportPyNN(b.net, join(dir, `${c.name}.py`), { duration: b.duration });
      await b.net.compile();
      await b.net.simulate(b.duration);
      const size = 1000;
      const ours = spikeStats(b.monitor.get('spike'), b.net.dt, b.duration, size);
      const runs = [];
      for (const ranks of [1, 2]) {
        const results = join(dir, `${c.name}.np${ranks}.npz`);
        const r = runScript(files.script, ranks, results);
        expect(r.ok, r.output).toBe(true);
        const res = await readPyNNResults(results);
        expect(res.processes).toBe(ranks);
        const theirs = spikeStats(res.monitors.spikes.spike!, res.dt, res.duration, size);
        console.log(`[PyNN export] ${c.name}: neurarchy ${ours.rate.toFixed(2)} Hz CV ${ours.cv.toFixed(2)}; NEURON -np ${ranks}: ${theirs.rate.toFixed(2)} Hz CV ${theirs.cv.toFixed(2)} (${r.seconds.toFixed(1)} s)`);
        expect(Math.abs(theirs.rate - ours.rate) / ours.rate).toBeLessThan(c.rate);
        expect(Math.abs(theirs.cv - ours.cv) / ours.cv).toBeLessThan(c.cv);
        runs.push(res.monitors.spikes.spike!);
      }
      // PyNN distributes cells, not randomness: the same spikes whatever the number of ranks.
      expect(runs[1]).toEqual(runs[0]);
    }, 120_000);
  }

  it('stdp: output rate and weight distribution after 5 s of STDP, 1 and 2 ranks', async () => {
    const b = stdp(5000);
    const files = await exportPyNN(b.net, join(dir, 'stdp.py'), { duration: b.duration });
    await b.net.compile();
    await b.net.simulate(b.duration);
    const ours = weightStats(b.plastic!.flat('w'), b.gmax!);
    const oursRate = (b.monitor.get('spike')[0] ?? []).length / (b.duration / 1000);
    for (const ranks of [1, 2]) {
      const results = join(dir, `stdp.np${ranks}.npz`);
      const r = runScript(files.script, ranks, results);
      expect(r.ok, r.output).toBe(true);
      const res = await readPyNNResults(results);
      const theirs = weightStats(res.projections.plastic.w, b.gmax!);
      const theirRate = (res.monitors.spikes.spike![0] ?? []).length / (b.duration / 1000);
      console.log(`[PyNN export] stdp: neurarchy ${oursRate.toFixed(1)} Hz, w/gmax mean ${ours.mean.toFixed(3)}, <0.1 ${ours.low.toFixed(3)}, >0.9 ${ours.high.toFixed(3)}; ` +
        `NEURON -np ${ranks}: ${theirRate.toFixed(1)} Hz, mean ${theirs.mean.toFixed(3)}, <0.1 ${theirs.low.toFixed(3)}, >0.9 ${theirs.high.toFixed(3)} (${r.seconds.toFixed(1)} s)`);
      expect(res.projections.plastic.w.length).toBe(1000);
      expect(Math.abs(theirs.mean - ours.mean)).toBeLessThan(0.05);
      expect(Math.abs(theirs.low - ours.low)).toBeLessThan(0.05);
      expect(Math.abs(theirs.high - ours.high)).toBeLessThan(0.05);
      expect(Math.abs(theirRate - oursRate) / oursRate).toBeLessThan(0.2);
    }
  }, 240_000);

  it('recorded variables of a view come back with their ranks, in neurarchy units, close to neurarchy\'s trace', async () => {
    const net = new Network({ dt: 0.1, seed: 3 });
    const src = new SpikeSourceArray([[5, 15, 25], [10, 30]], { name: 'S', network: net });
    const post = net.create(3, IF_cond_exp, { name: 'Q' });
    post.i_offset = [0, 0.5, 1.2];
    net.connect(src, post, 'exc').connectAllToAll({ weights: 0.02, delays: 1.0 });
    const m = net.monitor(post.view([0, 2]), ['spike', 'v', 'g_exc'], { name: 'trace' });
    const files = await exportPyNN(net, join(dir, 'trace.py'), { duration: 50 });
    await net.compile();
    await net.simulate(50);
    const r = runScript(files.script, 1, join(dir, 'trace.results.npz'));
    expect(r.ok, r.output).toBe(true);
    const res = await readPyNNResults(join(dir, 'trace.results.npz'));
    const v = res.monitors.trace.variables.v, g = res.monitors.trace.variables.g_exc;
    expect(Array.from(v.ranks)).toEqual([0, 2]);
    expect(Array.from(g.ranks)).toEqual([0, 2]);
    const ours = m.get('v') as Float64Array[], oursG = m.get('g_exc') as Float64Array[];
    // PyNN samples t = 0, dt, …, T (501 rows); neurarchy records after each step (500 rows).
    expect(v.rows.length).toBeGreaterThanOrEqual(500);
    // Neuron 0 (no offset): EPSPs from rest; the conductance peaks at 2 spikes' worth just after 10 ms + delay.
    const at = (rows: Float64Array[], t: number, j: number) => rows[Math.round(t / 0.1)][j];
    for (const t of [3, 6.5, 11.5, 20, 40]) {
      expect(Math.abs(at(v.rows, t, 0) - at(ours, t - 0.1, 0))).toBeLessThan(0.3);
      expect(Math.abs(at(g.rows, t, 0) - at(oursG, t - 0.1, 0))).toBeLessThan(0.002);
    }
    // Neuron 2 fires from its offset current: the same number of spikes within one.
    const n2 = (res.monitors.trace.spike![2] ?? []).length, o2 = (m.get('spike')[2] ?? []).length;
    console.log(`[PyNN export] trace: neuron 2 fires ${o2} times in neurarchy, ${n2} in NEURON; v(20 ms) ${at(ours, 19.9, 0).toFixed(3)} vs ${at(v.rows, 20, 0).toFixed(3)} mV`);
    expect(o2).toBeGreaterThan(0);
    expect(Math.abs(n2 - o2)).toBeLessThanOrEqual(1);
  }, 60_000);

  it('built-in cells: IF_cond/curr_exp/alpha within 5 % of neurarchy\'s rate, EIF (exp, alpha) within 15 %', async () => {
    const net = new Network({ dt: 0.1, seed: 7 });
    const input = new PoissonPopulation(200, { rates: 20, name: 'In', network: net });
    const models = [
      ['ice', IF_cond_exp, 0.004, 0.05], ['ica', IF_cond_alpha, 0.004, 0.05], ['iue', IF_curr_exp, 0.3, 0.05], ['iua', IF_curr_alpha, 0.3, 0.05],
      ['eif', EIF_cond_exp_isfa_ista, 0.004, 0.15], ['eifa', EIF_cond_alpha_isfa_ista, 0.004, 0.15],
    ] as const;
    const monitors = models.map(([name, model, w]) => {
      const p = net.create(20, model, { name });
      net.connect(input, p, 'exc').connectFixedProbability({ probability: 0.5, weights: w, delays: 1.0 });
      return net.monitor(p, 'spike', { name: `m_${name}` });
    });
    const files = await exportPyNN(net, join(dir, 'builtins.py'), { duration: 1000 });
    await net.compile();
    await net.simulate(1000);
    const r = runScript(files.script, 1, join(dir, 'builtins.results.npz'));
    expect(r.ok, r.output).toBe(true);
    const res = await readPyNNResults(join(dir, 'builtins.results.npz'));
    models.forEach(([name, , , tolerance], i) => {
      const ours = meanFr(monitors[i].get('spike'), { dt: 0.1, duration: 1000, size: 20 });
      const theirs = meanFr(res.monitors[`m_${name}`].spike!, { size: 20 });
      console.log(`[PyNN export] ${name}: neurarchy ${ours.toFixed(1)} Hz, NEURON ${theirs.toFixed(1)} Hz`);
      expect(Math.abs(theirs - ours) / ours).toBeLessThan(tolerance);
    });
  }, 120_000);

  it('HH_cond_exp: a driven population fires at NEURON\'s rate (Traub\'s rates on both sides)', async () => {
    const net = new Network({ dt: 0.01, seed: 11 });
    const input = new PoissonPopulation(100, { rates: 20, name: 'In', network: net });
    const hh = net.create(20, HH_cond_exp, { name: 'hh' });
    // A range of drives (0.1 … 0.48 nA of offset, plus Poisson conductance input): from a few Hz to tonic firing.
    hh.i_offset = Array.from({ length: 20 }, (_, i) => 0.1 + 0.02 * i);
    hh.h = 0; // NEURON's hh_traub.mod starts m, n, h at 0
    net.connect(input, hh, 'exc').connectFixedProbability({ probability: 0.2, weights: 0.01, delays: 1.0 });
    const mon = net.monitor(hh, 'spike', { name: 'm_hh' });
    const files = await exportPyNN(net, join(dir, 'hh.py'), { duration: 1000 });
    await net.compile();
    await net.simulate(1000);
    const r = runScript(files.script, 1, join(dir, 'hh.results.npz'));
    expect(r.ok, r.output).toBe(true);
    const res = await readPyNNResults(join(dir, 'hh.results.npz'));
    const ours = meanFr(mon.get('spike'), { dt: 0.01, duration: 1000, size: 20 });
    const theirs = meanFr(res.monitors.m_hh.spike!, { size: 20 });
    console.log(`[PyNN export] HH_cond_exp: neurarchy ${ours.toFixed(1)} Hz, NEURON ${theirs.toFixed(1)} Hz (${r.seconds.toFixed(1)} s)`);
    expect(ours).toBeGreaterThan(5);
    expect(Math.abs(theirs - ours) / ours).toBeLessThan(0.05);
  }, 120_000);

  it('examples/export.ts: the script it writes runs, and its results read back next to neurarchy\'s run', async () => {
    const name = join(dir, 'example');
    const first = await run({ N: 400, T: 300, name });
    const r = runScript(`${name}.py`, 2, `${name}.results.npz`);
    expect(r.ok, r.output).toBe(true);
    const second = await run({ N: 400, T: 300, name, results: `${name}.results.npz` });
    expect(second.neurarchy).toEqual(first.neurarchy);
    expect(second.pynn!.processes).toBe(2);
    expect(Math.abs(second.pynn!.rate - first.neurarchy.rate) / first.neurarchy.rate).toBeLessThan(0.15);
  }, 120_000);

  // Izhikevich: 1000 neurons all-to-all (1 M synapses); PyNN's timestep 0.1 ms (see the export's note at 1 ms).
  it('izhikevich: rate and CV on 1 and 2 ranks with PyNN timestep 0.1 ms', async () => {
    const b = izhikevich(1000);
    const files = await exportPyNN(b.net, join(dir, 'izh.py'), { duration: b.duration, timestep: 0.1 });
    await b.net.compile();
    await b.net.simulate(b.duration);
    const ours = spikeStats(b.monitor.get('spike'), b.net.dt, b.duration, 1000);
    for (const ranks of [1, 2]) {
      const results = join(dir, `izh.np${ranks}.npz`);
      const r = runScript(files.script, ranks, results);
      expect(r.ok, r.output).toBe(true);
      const res = await readPyNNResults(results);
      const theirs = spikeStats(res.monitors.spikes.spike!, res.dt, res.duration, 1000);
      console.log(`[PyNN export] izhikevich: neurarchy ${ours.rate.toFixed(2)} Hz CV ${ours.cv.toFixed(2)}; NEURON -np ${ranks} (timestep 0.1): ${theirs.rate.toFixed(2)} Hz CV ${theirs.cv.toFixed(2)} (${r.seconds.toFixed(1)} s)`);
      expect(Math.abs(theirs.rate - ours.rate) / ours.rate).toBeLessThan(0.15);
      expect(Math.abs(theirs.cv - ours.cv) / ours.cv).toBeLessThan(0.2);
    }
  }, 400_000);
});
