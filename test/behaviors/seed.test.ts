import { describe, expect, it } from 'vitest';
import {
  Behavior, LIFBehavior, Network, NeuronGroup, Recorder, EventRecorder, squaredGrid, makeGeometry,
  greater, less, setWhere, where, sum, mean, nonzero, countNonzero, clipInPlace,
} from '../../src/behaviors/index.js';
import { BasicBehavior, runBasic } from '../../examples/pymonnto_basic.js';
import { InputBehavior, runSynapses } from '../../examples/pymonnto_synapses.js';

describe("the seed's basic program", () => {
  it('runs 1000 iterations with threshold/reset/decay/noise dynamics consistent with its definition', async () => {
    const net = await runBasic(1000, 3);
    expect(net.iteration).toBe(1000);
    const V = net.getRecorded('voltage', 0); // 1000 × 100
    expect(V.shape).toEqual([1000, 100]);
    const th = net.get<NeuronGroup>('my_neurons', 0)!.getBehavior(BasicBehavior)!.threshold;
    expect(th).toBe(0.5);
    let noiseEvents = 0;
    const bad: string[] = [];
    for (let t = 1; t < V.rows; t++) {
      for (let i = 0; i < V.cols; i++) {
        const prev = V.get(t - 1, i);
        const cur = V.get(t, i);
        // the increment over the decayed (or reset) value is the noise: 0, or uniform in [0, 1)
        const base = prev > th ? 0 : 0.9 * prev;
        const noise = cur - base;
        if (!(noise > -1e-12 && noise < 1)) bad.push(`t=${t} i=${i}: increment ${noise}`);
        if (noise > 1e-12) noiseEvents++;
        // a neuron that spiked holds only this step's noise: never above 1, and above threshold only by noise
        if (prev > th && !(cur < 1)) bad.push(`t=${t} i=${i}: ${cur} after a spike`);
      }
    }
    expect(bad).toEqual([]);
    // noise density 0.01 over 999 × 100 entries: Binomial mean 999, sd ≈ 31.5; ±6 sd.
    expect(Math.abs(noiseEvents - 999)).toBeLessThan(190);
    // the recorded mean equals the mean of the recorded voltages
    const m = net.getRecorded('np.mean(voltage)', 0);
    for (const t of [0, 500, 999]) expect(m.data[t]).toBeCloseTo(mean(V.row(t)), 12);
  });

  it('the synapse program: spikes are the neurons above threshold at the previous step', async () => {
    const net = await runSynapses(300, 2);
    const V = net.getRecorded('voltage');
    const t = net.getRecorded('spike.t').data;
    const i = net.getRecorded('spike.i').data;
    expect(t.length).toBeGreaterThan(0);
    const expected: string[] = [];
    for (let k = 1; k < V.rows; k++) for (let n = 0; n < V.cols; n++) if (V.get(k - 1, n) > 0.5) expected.push(`${k + 1}:${n}`);
    const got = Array.from(t, (x, k) => `${x}:${i[k]}`).filter((s) => Number(s.split(':')[0]) > 1);
    expect(got).toEqual(expected);
    const syn = net.get('GLUTAMATE', 0) as { W: { countNonzero(): number; shape: number[] }; enabled: unknown };
    expect(syn.W.shape).toEqual([100, 100]);
    // density 0.1 of 10 000 entries: Binomial sd = 30; ±6 sd
    expect(Math.abs(syn.W.countNonzero() - 1000)).toBeLessThan(180);
    expect(net.get<NeuronGroup>('my_neurons', 0)!.getBehavior(InputBehavior)).toBeDefined();
  });

  it('is reproducible for a seed', async () => {
    const a = await runSynapses(100, 9);
    const b = await runSynapses(100, 9);
    expect(a.getRecorded('voltage').data).toEqual(b.getRecorded('voltage').data);
  });
});

describe('tags', () => {
  it('find by tag, by behaviour key and by class; get(tag, i) and undefined when absent', async () => {
    const net = new Network({ seed: 1, tag: 'net' });
    const g = new NeuronGroup({ net, tag: 'exc,main', geometry: squaredGrid(12), behavior: { 1: new BasicBehavior({ tag: 'dyn' }), 9: new Recorder('voltage') } });
    const h = new NeuronGroup({ net, size: 2, behavior: { 1: new BasicBehavior() } });
    expect(g.tags).toEqual(['exc', 'main', 'NeuronGroup', 'ng']);
    expect(h.tag).toBe('NeuronGroup_2');
    expect(net.get('main', 0)).toBe(g);
    expect(net.get('ng')).toEqual([g, h]);
    expect(net.find(1)).toEqual([g.getBehavior(1), h.getBehavior(1)]);
    expect(net.find(BasicBehavior)).toHaveLength(2);
    expect(net.find(NeuronGroup)).toEqual([g, h]);
    expect(g.getBehavior('dyn')).toBe(g.getBehavior(BasicBehavior));
    expect(g.getBehavior('BasicBehavior')).toBe(g.getBehavior(1));
    expect(net.get('nothing', 0)).toBeUndefined();
    expect(net.get('nothing')).toEqual([]);
    expect(g.size).toBe(12);
    expect(Array.from(g.vars.x!)).toEqual([-1.5, -0.5, 0.5, 1.5, -1.5, -0.5, 0.5, 1.5, -1.5, -0.5, 0.5, 1.5]);
    expect(Array.from(g.id)).toHaveLength(12);
    expect(makeGeometry([3, 4]).y[11]).toBe(1.5);
    expect(net.toString()).toContain('exc,main,NeuronGroup,ng(12) 1:BasicBehavior(tag=\'dyn\') 9:Recorder(');
  });
});

describe('array helpers', () => {
  it('do what their NumPy counterparts do', () => {
    const v = new Float64Array([0.2, 0.7, 0.5, 0.9]);
    const m = greater(v, 0.5);
    expect(Array.from(m)).toEqual([0, 1, 0, 1]);
    expect(Array.from(less(v, [0.3, 0.3, 0.6, 0.6]))).toEqual([1, 0, 1, 0]);
    expect(Array.from(where(m, 1, v))).toEqual([0.2, 1, 0.5, 1]);
    expect(Array.from(setWhere(v, m, 0))).toEqual([0.2, 0, 0.5, 0]);
    expect(sum(v)).toBeCloseTo(0.7);
    expect(Array.from(nonzero(m))).toEqual([1, 3]);
    expect(countNonzero(m)).toBe(2);
    expect(Array.from(clipInPlace(new Float64Array([-1, 0.5, 2]), 0, 1))).toEqual([0, 0.5, 1]);
    expect(() => greater(v, [1, 2])).toThrow(/lengths differ/);
  });
});

describe('LIFBehavior', () => {
  it('with constant input 2, tau 10, threshold 1: v_k = 2(1 − 0.9^k), a spike every 7 steps', async () => {
    class Drive extends Behavior { override iteration(n: NeuronGroup): void { n.vars.I!.fill(2); } }
    const net = new Network({ seed: 1 });
    new NeuronGroup({ net, size: 1, behavior: {
      0: new Drive(), 1: new LIFBehavior({ tau: 10, vThreshold: 1, dt: 1 }), 2: new EventRecorder('spike'), 3: new Recorder('v'),
    } });
    await net.initialize();
    await net.simulateIterations(30);
    expect(Array.from(net.getRecorded('spike.t').data)).toEqual([7, 14, 21, 28]);
    expect(net.getRecorded('v').data[0]).toBeCloseTo(0.2, 12);
    expect(net.getRecorded('v').data[5]).toBeCloseTo(2 * (1 - 0.9 ** 6), 12);
  });

  it('refractory steps hold v at reset', async () => {
    class Drive extends Behavior { override iteration(n: NeuronGroup): void { n.vars.I!.fill(2); } }
    const net = new Network({ seed: 1 });
    new NeuronGroup({ net, size: 1, behavior: { 0: new Drive(), 1: new LIFBehavior({ refractory: 3 }), 2: new EventRecorder('spike') } });
    await net.initialize();
    await net.simulateIterations(30);
    expect(Array.from(net.getRecorded('spike.t').data)).toEqual([7, 17, 27]);
  });
});
