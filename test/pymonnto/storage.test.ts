// Storage of runs, save/load of behaviour networks, per-behaviour timing and analysis modules
// (PymoNNto's StorageManager, Save_Load, measure_behavior_execution_time and AnalysisModule;
// dossier §2.12–2.14). Files are checked from NumPy and configparser when Python with NumPy is
// present (skipped with the reason otherwise, as test/io does).
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AnalysisModule, Behavior, BehaviorStateError, DenseMatrix, EventRecorder, Network, NeuronGroup, Recorder,
  StaticClassification, StorageManager, SynapseGroup, WeightClassifierPre, afferent, analysisModule, analysisResults,
  behaviorNetworkFromNpz, behaviorNetworkToNpz, loadBehaviorNetwork, saveBehaviorNetwork, type BehaviorHost,
} from '../../src/behaviors/index.js';

function findNumpyPython(): string | undefined {
  for (const py of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(py, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0) return py;
  }
  return undefined;
}
const python = findNumpyPython();
if (!python) console.warn('[pymonnto storage] NumPy not found (tried /usr/bin/python3 and python3): skipping the NumPy reading checks');

const data = mkdtempSync(join(tmpdir(), 'pymonnto-storage-'));
afterAll(() => rmSync(data, { recursive: true, force: true }));

/** Leaky threshold units with normal and uniform noise (an odd group size leaves a normal pending). */
class Noisy extends Behavior {
  override initialize(n: NeuronGroup): void {
    n.vars.v = n.vector('uniform');
    n.vars.spike = new Uint8Array(n.size);
  }
  override iteration(n: NeuronGroup): void {
    const v = n.vars.v!, s = n.vars.spike!;
    const noise = n.vector('normal(0, 0.1)');
    const input = n.vector('uniform', { density: 0.1 });
    for (let i = 0; i < n.size; i++) {
      s[i] = v[i]! > 0.5 ? 1 : 0;
      v[i] = (s[i] ? 0 : 0.9 * v[i]!) + noise[i]! + input[i]!;
    }
  }
}

/** W += 0.01 on active pre × post, as a one-step Hebbian rule, on a sparse matrix with a mask. */
class Hebb extends Behavior {
  override initialize(s: SynapseGroup): void {
    s.W = s.matrix('uniform', { density: 0.3 });
    s.enabled = s.W.toDense().data.some((x) => x > 0) ? new DenseMatrix(s.dst.size, s.src.size, Uint8Array.from(s.W.toDense().data, (x) => (x > 0.5 ? 1 : 0))) : true;
  }
  override iteration(s: SynapseGroup): void {
    const W = s.W as DenseMatrix;
    const pre = s.src.vars.spike!, post = s.dst.vars.spike!;
    for (let i = 0; i < W.rows; i++) if (post[i]) for (let j = 0; j < W.cols; j++) if (pre[j]) W.data[i * W.cols + j]! += 0.01;
  }
}

function build(size = 37): { net: Network; ng: NeuronGroup; sg: SynapseGroup; rec: Recorder; ev: EventRecorder } {
  const net = new Network({ seed: 11 });
  const rec = new Recorder(['v', 'mean(v)'], { tag: 'rec' });
  const ev = new EventRecorder('spike', { tag: 'events' });
  const ng = new NeuronGroup({ net, tag: 'exc', size, behavior: { 1: new Noisy(), 8: rec, 9: ev } });
  const sg = new SynapseGroup({ net, src: ng, dst: ng, tag: 'GLU', behavior: { 2: new Hebb() } });
  return { net, ng, sg, rec, ev };
}

describe('save/load of a behaviour network', () => {
  it('a network reloaded at iteration 50 continues exactly as the original (state, W, mask, random streams)', async () => {
    const a = build();
    await a.net.initialize();
    await a.net.simulateIterations(100);

    const b = build();
    await b.net.initialize();
    await b.net.simulateIterations(50);
    const file = join(data, 'net', 'state.npz');
    await saveBehaviorNetwork(b.net, file);

    const c = build();
    await c.net.initialize();
    await loadBehaviorNetwork(c.net, file);
    expect(c.net.iteration).toBe(50);
    expect(Array.from(c.ng.vars.v!)).toEqual(Array.from(b.ng.vars.v!));
    await c.net.simulateIterations(50);
    expect(c.net.iteration).toBe(100);
    expect(Array.from(c.ng.vars.v!)).toEqual(Array.from(a.ng.vars.v!));
    expect(Array.from((c.sg.W as DenseMatrix).data)).toEqual(Array.from((a.sg.W as DenseMatrix).data));
    expect(Array.from((c.sg.enabled as DenseMatrix<Uint8Array>).data)).toEqual(Array.from((a.sg.enabled as DenseMatrix<Uint8Array>).data));
    // The run is not trivial: spikes happened and the weights moved.
    expect(a.ev.t().length).toBeGreaterThan(50);
    expect((a.sg.W as DenseMatrix).data.reduce((x, y) => x + y, 0)).toBeGreaterThan((b.sg.W as DenseMatrix).data.reduce((x, y) => x + y, 0));
  });

  it('a file of another network is refused before anything changes, naming what differs', async () => {
    const b = build();
    await b.net.initialize();
    await b.net.simulateIterations(3);
    const bytes = behaviorNetworkToNpz(b.net);
    const other = build(36);
    await other.net.initialize();
    const before = Float64Array.from(other.ng.vars.v!);
    expect(() => behaviorNetworkFromNpz(other.net, bytes)).toThrow(BehaviorStateError);
    expect(() => behaviorNetworkFromNpz(other.net, bytes)).toThrow(/'exc' has size 36, 37 in the file/);
    expect(Array.from(other.ng.vars.v!)).toEqual(Array.from(before));
    expect(other.net.iteration).toBe(0);

    const extra = build();
    await extra.net.initialize();
    extra.ng.vars.theta = extra.ng.vector(1);
    expect(() => behaviorNetworkFromNpz(extra.net, bytes)).toThrow(/'exc': this network has vars theta that the file lacks/);
    const net2 = new Network({ seed: 11 });
    new NeuronGroup({ net: net2, tag: 'inh', size: 37 });
    expect(() => behaviorNetworkFromNpz(net2, bytes)).toThrow(/the file holds net 'Network', ng0 'exc', sg0 'GLU'; this network has net 'Network', ng0 'inh'/);
  });

  it('round-trips sparse weights, settings attributes (numbers, strings, booleans, lists) and the readable layout', async () => {
    const net = new Network({ seed: 5 });
    const a = new NeuronGroup({ net, tag: 'A', size: 6 });
    const sg = new SynapseGroup({ net, src: a, dst: a, tag: 'S' });
    await net.initialize();
    sg.W = sg.matrix('uniform', { density: 0.4, sparse: true });
    Object.assign(a.vars, { dt: 0.5, mode: 'train', learning: true, delays: [1, 2, 3] });
    const bytes = behaviorNetworkToNpz(net);

    const net2 = new Network({ seed: 5 });
    const a2 = new NeuronGroup({ net: net2, tag: 'A', size: 6 });
    const sg2 = new SynapseGroup({ net: net2, src: a2, dst: a2, tag: 'S' });
    await net2.initialize();
    sg2.W = sg2.matrix(0, { sparse: true });
    Object.assign(a2.vars, { dt: 1, mode: 'test', learning: false, delays: [] });
    behaviorNetworkFromNpz(net2, bytes);
    expect(Array.from(sg2.W.toDense().data)).toEqual(Array.from(sg.W.toDense().data));
    expect(sg2.W.countNonzero()).toBeGreaterThan(5);
    expect({ dt: a2.vars.dt, mode: a2.vars.mode, learning: a2.vars.learning, delays: a2.vars.delays }).toEqual({ dt: 0.5, mode: 'train', learning: true, delays: [1, 2, 3] });
  });

  it('refuses a state value it cannot save, naming it', async () => {
    const b = build();
    await b.net.initialize();
    (b.ng.vars as Record<string, unknown>).model = { a: 1 };
    expect(() => behaviorNetworkToNpz(b.net)).toThrow(/cannot save exc\.vars\.model: a Object is not a state array/);
  });
});

describe('StorageManager with a network', () => {
  it('stores parameters, recorders and the network state in a run folder that NumPy reads', async ({ skip }) => {
    const { net, ng, rec, ev } = build();
    await net.initialize();
    await net.simulateIterations(40);
    const sm = await StorageManager.open('basic', { dataFolder: data, printMsg: false });
    sm.saveParamDict({ size: ng.size, seed: net.seed, model: 'noisy' });
    sm.saveRecorder(rec);
    sm.saveRecorder(ev);
    sm.saveNetwork(net);
    sm.saveNp('weights', (net.get<SynapseGroup>('GLU', 0)!.W as DenseMatrix).data, [37, 37]);
    sm.saveObj('summary', { spikes: ev.t().length });

    // Read back from TypeScript.
    const back = sm.loadNpz('rec');
    expect(back.v!.shape).toEqual([40, 37]);
    expect(back['mean(v)']!.shape).toEqual([40]);
    expect(Array.from(back.iteration!.data as Int32Array)).toEqual(Array.from({ length: 40 }, (_, k) => k + 1));
    expect(sm.loadNp('weights').shape).toEqual([37, 37]);
    expect(sm.loadObj<{ spikes: number }>('summary').spikes).toBe(ev.t().length);
    expect(sm.loadStr('network')).toContain('exc,NeuronGroup,ng(37) 1:Noisy() 8:Recorder');

    if (!python) skip();
    const script = `
import sys, configparser, functools, operator, numpy as np
p = sys.argv[1]
seq = lambda a: functools.reduce(operator.add, np.asarray(a).ravel().tolist(), 0.0)  # left to right, as the TypeScript sums
c = configparser.ConfigParser(); c.optionxform = str; c.read(p + '/config.ini')
r = np.load(p + '/rec.npz'); e = np.load(p + '/events.npz'); n = np.load(p + '/network.npz'); w = np.load(p + '/weights.npy')
print(c['Parameters']['size'], c['Parameters']['model'], r['v'].shape, r['mean(v)'].shape, repr(seq(r['v'][-1])),
      len(e['spike.t']), int(e['spike.i'].max()), int(n['ng0.v'].shape[0]), repr(seq(n['ng0.v'])), w.shape, repr(seq(w)))
`;
    const r = spawnSync(python!, ['-c', script, sm.path], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const last = rec.get('v');
    const sumLast = Array.from(last.data.subarray(39 * 37)).reduce((x, y) => x + y, 0);
    const W = (net.get<SynapseGroup>('GLU', 0)!.W as DenseMatrix).data;
    const py = (x: number): string => (Number.isInteger(x) ? `${x}.0` : String(x));
    expect(r.stdout.trim()).toBe([
      '37', 'noisy', '(40, 37)', '(40,)', py(sumLast), String(ev.t().length), String(Math.max(...ev.i())), '37',
      py(ng.vars.v!.reduce((x: number, y: number) => x + y, 0)), '(37, 37)', py(W.reduce((x, y) => x + y, 0)),
    ].join(' '));
  });
});

/** Spins for about `us` microseconds per call. */
class Spin extends Behavior {
  private us = 100;
  override initialize(): void { this.us = this.parameter('us', 100); }
  override iteration(): void {
    const us = this.us;
    const end = performance.now() + us / 1000;
    while (performance.now() < end) { /* busy */ }
  }
}

describe('per-behaviour timing', () => {
  it('says which behaviour costs what per iteration; only while timing', async () => {
    const net = new Network({ seed: 1 });
    new NeuronGroup({ net, tag: 'A', size: 1, behavior: { 1: new Spin({ us: 1500 }), 2: new Spin({ us: 15 }) } });
    new NeuronGroup({ net, tag: 'B', size: 1, behavior: { 1: new Spin({ us: 150 }) } });
    await net.initialize();
    await net.simulateIterations(5); // not timed
    const timer = net.timeBehaviors();
    const wall = await net.simulateIterations(40);
    net.timeBehaviors(false);
    await net.simulateIterations(5); // not timed
    const rows = timer.table();
    // Most expensive first; each row measured at least its spin time, and all together at most the run's wall time.
    expect(rows.map((r) => `${r.host}:${r.key}`)).toEqual(['A:1', 'B:1', 'A:2']);
    expect(rows.every((r) => r.calls === 40)).toBe(true);
    expect(rows[0]!.perCallUs).toBeGreaterThanOrEqual(1500);
    expect(rows[1]!.perCallUs).toBeGreaterThanOrEqual(150);
    expect(rows[2]!.perCallUs).toBeGreaterThanOrEqual(15);
    expect(rows.reduce((x, r) => x + r.totalMs, 0)).toBeLessThanOrEqual(wall);
    expect(rows.reduce((x, r) => x + r.share, 0)).toBeCloseTo(1, 12);
    // PymoNNto's {key: ms}: key 1 sums both groups.
    const byKey = timer.byKey();
    expect(byKey.get(1)).toBeCloseTo(rows[0]!.totalMs + rows[1]!.totalMs, 9);
    expect(timer.format().split('\n')[1]).toMatch(/^1\s+A\s+Spin\(us=1500\)\s+40\s/);
  });
});

describe('analysis modules', () => {
  it('StaticClassification and WeightClassifierPre attach to a group, store results by arguments, and are found by tag', async () => {
    const net = new Network({ seed: 2 });
    const inp = new NeuronGroup({ net, tag: 'inp', size: 20 });
    const out = new NeuronGroup({ net, tag: 'out', size: 6 });
    const sg = new SynapseGroup({ net, src: inp, dst: out, tag: 'FF' });
    await net.initialize();
    // Neurons 0, 2, 4 listen to inputs 0–9, neurons 1, 3, 5 to inputs 10–19 (plus small noise).
    const W = sg.matrix('uniform(0, 0.1)');
    for (let i = 0; i < 6; i++) for (let j = 0; j < 20; j++) if ((j < 10) === (i % 2 === 0)) W.data[i * 20 + j]! += 1 + 0.1 * j;
    sg.W = W;

    const weights = new WeightClassifierPre(out, { synapses: 'FF' });
    const seen: number[] = [];
    weights.onUpdate((m) => seen.push(m.lastCallResult().length));
    expect(Array.from(weights.exec())).toEqual([0, 1, 0, 1, 0, 1]);
    // A threshold of 0 merges nothing: every neuron its own class.
    expect(Array.from(weights.exec({ threshold: 0 }))).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...weights.results().keys()]).toEqual(['WeightClassifierPre()', 'WeightClassifierPre({"threshold":0})']);
    expect(seen).toEqual([6, 6]);

    const fixed = new StaticClassification(out, { classes: [5, 5, 7, 7, 5, 9] });
    expect(Array.from(fixed.exec())).toEqual([0, 0, 1, 1, 0, 2]);
    expect(net.find('classifier')).toEqual([weights, fixed]);
    expect(analysisModule(out, WeightClassifierPre)).toBe(weights);
    expect([...analysisResults(out, 'classifier').keys()]).toEqual(['WeightClassifierPre()', 'WeightClassifierPre({"threshold":0})', 'StaticClassification()']);
    expect(() => new StaticClassification(out, { classes: [1, 2] }).exec()).toThrow(/one entry per neuron \(6\), got 2/);
    expect(() => new WeightClassifierPre(inp, { synapses: 'FF' }).exec()).toThrow(/no afferent synapse group tagged 'FF'/);
    void afferent;
  });

  it('a user module: mean rate of a group from its recorded spikes, with progress', async () => {
    class MeanRate extends AnalysisModule<number, { from?: number }> {
      protected execute(parent: BehaviorHost, args: { from?: number }): number {
        const ev = parent.get<EventRecorder>('events', 0)!;
        const t = ev.t().filter((x) => x > (args.from ?? 0));
        this.updateProgress(1);
        return t.length / (parent as NeuronGroup).size / (parent.iteration - (args.from ?? 0));
      }
    }
    const { net, ng, ev } = build();
    await net.initialize();
    await net.simulateIterations(60);
    const m = new MeanRate(ng, { tag: 'rates' });
    const progress: number[] = [];
    m.onProgress((p) => progress.push(p));
    expect(m.exec()).toBeCloseTo(ev.t().length / 37 / 60, 12);
    expect(m.exec({ from: 30 })).toBeCloseTo(ev.t().filter((x) => x > 30).length / 37 / 30, 12);
    expect(progress).toEqual([1, 1]);
    expect(net.get('rates', 0)).toBe(m);
    m.remove();
    expect(net.find('rates')).toEqual([]);
  });
});
