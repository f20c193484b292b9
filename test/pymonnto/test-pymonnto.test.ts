// PymoNNto's own test suite (test_pymoNNto.py, dossier §5), re-expressed: its four live tests'
// assertions are facts about PymoNNto's semantics and must hold here. Its code is not copied;
// where PymoNNto's behaviour is a bug (dossier §2.15) the test says what we do instead.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Behavior, Network, NeuronGroup, Recorder, StorageManager, StorageManagerGroup, SynapseGroup, afferent, efferent,
  type BehaviorDict,
} from '../../src/behaviors/index.js';

/** PymoNNto's test Counter: `count += inc` for every neuron, every step. */
class Counter extends Behavior {
  override initialize(n: NeuronGroup): void {
    this.inc = this.parameter('inc', 1);
    n.vars.count = n.vector();
  }
  inc = 1;
  override iteration(n: NeuronGroup): void {
    const c = n.vars.count!;
    for (let i = 0; i < n.size; i++) c[i]! += this.inc;
  }
}

function sampleNetwork(asList: boolean): { net: Network; ng: NeuronGroup; sg: SynapseGroup } {
  const net = new Network({ seed: 1 });
  const behaviors: BehaviorDict = asList
    ? [new Counter({ inc: 1 }), new Recorder('count', { tag: 'my_recorder' })]
    : { 1: new Counter({ inc: 1 }), 2: new Recorder('count', { tag: 'my_recorder' }) };
  const ng = new NeuronGroup({ net, tag: 'my_group', size: 10, behavior: behaviors });
  const sg = new SynapseGroup({ net, src: ng, dst: ng, tag: 'GLUTAMATE' });
  return { net, ng, sg };
}

describe('test_basics: vector() and matrix()', () => {
  const net = new Network({ seed: 3 });
  const a = new NeuronGroup({ net, tag: 'A', size: 100 });
  const b = new NeuronGroup({ net, tag: 'B', size: 50 });
  const s = new SynapseGroup({ net, src: a, dst: b });

  it('constants: () is zeros, 1 and -10 are filled, with one value per neuron', () => {
    expect(Array.from(a.vector())).toEqual(new Array(100).fill(0));
    expect(Array.from(a.vector(1))).toEqual(new Array(100).fill(1));
    expect(Array.from(a.vector(-10))).toEqual(new Array(100).fill(-10));
  });

  it("bool and int give zeros of a boolean (Uint8Array) and an integer (Int32Array) type", () => {
    const b = a.vector('bool'), i = a.vector('int');
    expect(b).toBeInstanceOf(Uint8Array);
    expect(i).toBeInstanceOf(Int32Array);
    expect(Array.from(b)).toEqual(new Array(100).fill(0));
    expect(Array.from(i)).toEqual(new Array(100).fill(0));
  });

  it("'uniform' and 'random' draw in [0, 1) with the mean of U(0, 1)", () => {
    for (const spec of ['uniform', 'random']) {
      const v = a.vector(spec);
      expect(v.length).toBe(100);
      expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...v)).toBeLessThan(1);
      // 100 draws: the mean is 0.5 ± 3·0.289/10.
      expect(Math.abs(v.reduce((x, y) => x + y, 0) / 100 - 0.5)).toBeLessThan(0.087);
    }
  });

  it("'lognormal(mean=1, sigma=1)' is positive with NumPy's meaning; 'normal(loc=1,scale=1)' has mean 1, sd 1", () => {
    const big = new NeuronGroup({ net, size: 20000 });
    const ln = big.vector('lognormal(mean=1, sigma=1)');
    expect(Math.min(...ln)).toBeGreaterThan(0);
    // Median of exp(N(1, 1)) is e; the mean is e^1.5 = 4.48 (sd of the estimate ≈ 0.04).
    const sorted = Float64Array.from(ln).sort();
    expect(sorted[10000]!).toBeCloseTo(Math.E, 1);
    const n = big.vector('normal(loc=1,scale=1)');
    const mean = n.reduce((x, y) => x + y, 0) / n.length;
    const sd = Math.sqrt(n.reduce((x, y) => x + (y - mean) ** 2, 0) / n.length);
    expect(Math.abs(mean - 1)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('matrix() of a 100 → 50 synapse group is dst × src = 50 × 100 (DxS)', () => {
    expect(s.matrix().shape).toEqual([50, 100]);
    expect(s.matrix(1).data.every((x) => x === 1)).toBe(true);
    const u = s.matrix('uniform');
    expect(u.data.length).toBe(5000);
    expect(u.data.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('test_behavior_and_tagging', () => {
  for (const asList of [false, true]) {
    it(`counts 1050 of 1060 iterations after deactivation and recording off (behaviours as a ${asList ? 'list' : 'dict'})`, async () => {
      const { net, ng, sg } = sampleNetwork(asList);
      await net.initialize({ warnings: false });
      await net.simulateIterations(1000);
      net.deactivateBehaviors('Counter');
      await net.simulateIterations(10);
      net.activateBehaviors('Counter');
      await net.simulateIterations(20);
      net.recordingOff();
      await net.simulateIterations(30);
      net.recordingOn();
      expect(net.iteration).toBe(1060);
      const count = ng.vars.count!;
      expect(count.reduce((x: number, y: number) => x + y, 0) / count.length).toBe(1050);

      // Structure: src, dst, afferent/efferent lookups, all objects.
      expect(sg.src).toBe(ng);
      expect(sg.dst).toBe(ng);
      expect(ng.synapses(afferent, 'GLUTAMATE')).toEqual([sg]);
      expect(ng.synapses(efferent, 'GLUTAMATE')).toEqual([sg]);
      expect(net.allObjects().length).toBe(3);

      // Tags: groups, behaviours, recorded data. The recorder ran in 1000 + 10 + 20 steps.
      expect(net.get('my_group', 0)).toBe(ng);
      expect(net.get('GLUTAMATE', 0)).toBe(sg);
      expect(net.find('Counter').length).toBe(1);
      const recorded = net.getRecorded('count', 0);
      expect(recorded.rows).toBe(1030);
      expect(recorded.cols).toBe(10);
      // The last recorded row is the count after iteration 1030: 1000 + 20 increments.
      expect(recorded.get(1029, 0)).toBe(1020);
      net.clearRecorders();
      expect(net.getRecorded('count', 0).rows).toBe(0);
      // PymoNNto's tag cache returned the old data after clearing (§2.15 item 7): here there is none.
      expect(net.find('count').length).toBe(1);
    });
  }
});

describe('test_add_remove_behaviors', () => {
  it('removes Counter by tag, adds one at key 0.5 with a string argument, and one at 4 without initialising it', async () => {
    const { net, ng } = sampleNetwork(false);
    await net.initialize({ warnings: false });
    await net.simulateIterations(5);
    const removed = ng.removeBehavior('Counter');
    expect(removed.length).toBe(1);
    expect(net.find('Counter').length).toBe(0);
    await net.simulateIterations(5);
    expect(ng.vars.count![0]).toBe(5);

    // '2' is cast to the default's type (an int in PymoNNto, a number here); key 0.5 runs before 1.
    const c2 = new Counter({ inc: '2' });
    ng.addBehavior(0.5, c2, { initialize: true });
    expect(c2.inc).toBe(2);
    expect(net.executionOrder[0]!.behavior).toBe(c2);
    expect(ng.vars.count![0]).toBe(0); // initialize() ran again and recreated count
    await net.simulateIterations(3);
    expect(ng.vars.count![0]).toBe(6);

    const c4 = new Counter({ inc: 3 });
    ng.addBehavior(4, c4, { initialize: false });
    expect(c4.inc).toBe(1); // not initialised: the field default, not the argument
    await net.simulateIterations(1);
    expect(ng.vars.count![0]).toBe(6 + 2 + 1);
    expect(() => ng.addBehavior(4, new Counter())).toThrow(/key 4 already holds/);
  });
});

describe('test_storage_manager', () => {
  const data = mkdtempSync(join(tmpdir(), 'pymonnto-sm-'));
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('creates config.ini, saves and loads parameters, and a group sorts and lists them', async () => {
    const sm = await StorageManager.open('test', { dataFolder: data, printMsg: false });
    expect(sm.path).toBe(`${data}/StorageManager/test/test1`);
    expect(readFileSync(join(sm.path, 'config.ini'), 'utf8')).toBe('');
    sm.saveParam('k', 3);
    sm.saveParamDict({ k1: 0.5, name: 'run', on: true });
    expect(sm.loadParam('k')).toBe(3);
    expect(sm.loadParam('k1')).toBe(0.5);
    expect(sm.loadParam('name')).toBe('run');
    expect(sm.loadParam('on')).toBe(true);
    expect(sm.loadParam('k', { returnString: true })).toBe('3');
    expect(sm.loadParam('absent', { default: 7 })).toBe(7);
    expect(() => sm.loadParam('absent')).toThrow(/no parameter 'absent' in \[Parameters\] \(it has k, k1, name, on\)/);
    expect(readFileSync(join(sm.path, 'config.ini'), 'utf8')).toBe('[Parameters]\nk = 3\nk1 = 0.5\nname = run\non = True\n');

    // Two more runs: numbered 2 and 3, one without k1.
    const sm2 = await StorageManager.open('test', { dataFolder: data, printMsg: false });
    sm2.saveParamDict({ k: 1, k1: 2.5 });
    const sm3 = await StorageManager.open('test', { dataFolder: data, printMsg: false });
    sm3.saveParam('k', 2);
    expect([sm2.folderName, sm3.folderName]).toEqual(['test2', 'test3']);

    const group = await StorageManagerGroup.open('test', { dataFolder: data });
    expect(group.members.map((m) => m.folderName)).toEqual(['test1', 'test2', 'test3']);
    group.sortBy('k');
    expect(group.getParamList('k')).toEqual([1, 2, 3]);
    expect(group.getParamList('k1')).toEqual([2.5, undefined, 0.5]);
    expect(group.getParamList('k1', { removeNone: true })).toEqual([2.5, 0.5]);
    const [sms, k, k1] = group.getMultiParamList(['#SM#', 'k', 'k1']);
    expect((sms as StorageManager[]).map((m) => m.folderName)).toEqual(['test2', 'test1']);
    expect(k).toEqual([1, 3]);
    expect(k1).toEqual([2.5, 0.5]);
  });
});
