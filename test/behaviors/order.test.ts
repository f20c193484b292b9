import { describe, expect, it } from 'vitest';
import { Behavior, Network, NeuronGroup, Recorder, SynapseGroup, type BehaviorHost } from '../../src/behaviors/index.js';

/** Appends `name` to a shared log on initialize and iteration. */
class Probe extends Behavior {
  constructor(private readonly log: string[], readonly label: string, kwargs: Record<string, unknown> = {}) {
    super(kwargs);
  }
  override initialize(): void { this.log.push(`init:${this.label}`); }
  override iteration(): void { this.log.push(this.label); }
}

/** Counts per neuron (PymoNNto's test Counter). */
class Counter extends Behavior {
  override initialize(n: NeuronGroup): void { n.vars.count = n.vector(); }
  override iteration(n: NeuronGroup): void {
    const inc = this.parameter('inc', 1);
    for (let i = 0; i < n.size; i++) n.vars.count![i]! += inc;
  }
}

function dossierNetwork(log: string[]): { net: Network; A: NeuronGroup; B: NeuronGroup; rec: Recorder } {
  // dossier §2.5: network {2}, A {1, 3, 10: Recorder}, B {1, 2}, synapse A→B {1.5}
  const net = new Network({ seed: 1, behavior: { 2: new Probe(log, 'net2') } });
  const rec = new Recorder('iteration');
  const A = new NeuronGroup({ net, tag: 'A', size: 2, behavior: { 1: new Probe(log, 'A1'), 3: new Probe(log, 'A3'), 10: rec } });
  const B = new NeuronGroup({ net, tag: 'B', size: 3, behavior: { 1: new Probe(log, 'B1'), 2: new Probe(log, 'B2') } });
  new SynapseGroup({ net, src: A, dst: B, tag: 'S', behavior: { 1.5: new Probe(log, 'S1.5') } });
  return { net, A, B, rec };
}

describe('order of execution', () => {
  it('is one list sorted by key across all hosts, ties in order of creation (dossier §2.5)', async () => {
    const log: string[] = [];
    const { net } = dossierNetwork(log);
    await net.initialize();
    expect(log).toEqual(['init:A1', 'init:B1', 'init:S1.5', 'init:net2', 'init:B2', 'init:A3']);
    log.length = 0;
    await net.simulateIterations(2);
    expect(log).toEqual(['A1', 'B1', 'S1.5', 'net2', 'B2', 'A3', 'A1', 'B1', 'S1.5', 'net2', 'B2', 'A3']);
    expect(net.describeSchedule().map((r) => `${r.host}:${r.key}`)).toEqual(
      ['A:1', 'B:1', 'A_to_B:1.5', 'Network:2', 'B:2', 'A:3', 'A:10'].map((s) => s.replace('A_to_B', 'S')),
    );
  });

  it('recorders initialise after every other behaviour and record in their key turn', async () => {
    const log: string[] = [];
    const { net, rec } = dossierNetwork(log);
    await net.initialize();
    await net.simulateIterations(3);
    expect(Array.from(rec.get('iteration').data)).toEqual([1, 2, 3]);
  });

  it('a behaviour added at run time joins the order after equal keys; float keys go between', async () => {
    const log: string[] = [];
    const { net, B, A } = dossierNetwork(log);
    await net.initialize();
    B.addBehavior(0.5, new Probe(log, 'B0.5'));
    A.addBehavior(2, new Probe(log, 'A2'));
    expect(log).toEqual(['init:A1', 'init:B1', 'init:S1.5', 'init:net2', 'init:B2', 'init:A3', 'init:B0.5', 'init:A2']);
    log.length = 0;
    await net.simulateIteration();
    expect(log).toEqual(['B0.5', 'A1', 'B1', 'S1.5', 'net2', 'B2', 'A2', 'A3']);
  });

  it('removing and disabling behaviours at run time', async () => {
    const log: string[] = [];
    const { net, A, B } = dossierNetwork(log);
    await net.initialize();
    log.length = 0;
    expect(A.removeBehavior(3).map((b) => (b as Probe).label)).toEqual(['A3']);
    B.getBehavior(1)!.behaviorEnabled = false;
    await net.simulateIteration();
    expect(log).toEqual(['A1', 'S1.5', 'net2', 'B2']);
    log.length = 0;
    net.deactivateBehaviors('Probe');
    await net.simulateIteration();
    expect(log).toEqual([]);
    net.activateBehaviors('Probe');
    await net.simulateIteration();
    expect(log).toEqual(['A1', 'B1', 'S1.5', 'net2', 'B2']);
    expect(net.iteration).toBe(3);
  });

  it('a behaviour added before initialize() is initialised once, by initialize()', async () => {
    const log: string[] = [];
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, size: 1 });
    g.addBehavior(1, new Probe(log, 'x'));
    expect(log).toEqual([]);
    await net.initialize();
    expect(log).toEqual(['init:x']);
  });

  it('PymoNNto test_behavior_and_tagging: deactivate, reactivate, recording off', async () => {
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, tag: 'my_neurons', size: 5, behavior: { 1: new Counter({ inc: '1' }), 2: new Recorder('count') } });
    await net.initialize();
    await net.simulateIterations(1000);
    net.deactivateBehaviors('Counter');
    await net.simulateIterations(10);
    net.activateBehaviors('Counter');
    await net.simulateIterations(20);
    net.recordingOff();
    await net.simulateIterations(30);
    net.recordingOn();
    expect(net.iteration).toBe(1060);
    expect(Array.from(g.vars.count!)).toEqual([1050, 1050, 1050, 1050, 1050]);
    expect(net.getRecorded('count').rows).toBe(1030);
    net.clearRecorders();
    expect(net.getRecorded('count').rows).toBe(0);
  });

  it('PymoNNto test_add_remove_behaviors: remove by tag, add at 0.5 with a string argument', async () => {
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, size: 2, behavior: [new Counter()] });
    await net.initialize();
    await net.simulateIterations(3);
    expect(g.removeBehavior('Counter')).toHaveLength(1);
    expect(g.behaviors.size).toBe(0);
    g.addBehavior(0.5, new Counter({ inc: '2' }));
    await net.simulateIterations(2);
    expect(Array.from(g.vars.count!)).toEqual([4, 4]);
  });

  it('keys: list keys are 0…n−1, string keys must be numbers, a key holds one behaviour', () => {
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, size: 1, behavior: [new Counter(), new Behavior({ tag: 'second' })] });
    expect([...g.behaviors.keys()]).toEqual([0, 1]);
    expect(() => g.addBehavior('1.0', new Behavior())).toThrow(/key 1 already holds/);
    expect(() => g.addBehavior('fast', new Behavior())).toThrow(/"fast" is not a number/);
    const shared = new Behavior();
    g.addBehavior(5, shared);
    expect(() => new NeuronGroup({ net, size: 1, behavior: { 1: shared } })).toThrow(/already attached/);
  });

  it('iteration is 1 during the first step (pre-incremented, as PymoNNto)', async () => {
    const seen: number[] = [];
    class Look extends Behavior { override iteration(h: BehaviorHost): void { seen.push(h.iteration); } }
    const net = new Network({ seed: 1 });
    new NeuronGroup({ net, size: 1, behavior: { 1: new Look() } });
    await net.initialize();
    expect(net.iteration).toBe(0);
    await net.simulateIterations(3);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('awaits behaviours that return a Promise, in order', async () => {
    const log: string[] = [];
    class Slow extends Behavior {
      override async initialize(): Promise<void> { await new Promise((r) => setTimeout(r, 5)); log.push('init:slow'); }
      override async iteration(): Promise<void> { await Promise.resolve(); log.push('slow'); }
    }
    const net = new Network({ seed: 1 });
    new NeuronGroup({ net, size: 1, behavior: { 1: new Slow(), 2: new Probe(log, 'after') } });
    await net.initialize();
    await net.simulateIterations(2);
    expect(log).toEqual(['init:slow', 'init:after', 'slow', 'after', 'slow', 'after']);
  });

  it('warns about constructor arguments no behaviour read', async () => {
    const net = new Network({ seed: 1 });
    new NeuronGroup({ net, size: 1, behavior: { 1: new Counter({ inc: 1, icn: 2 }) } });
    const warnings: string[] = [];
    const orig = console.warn;
    console.warn = (m: string) => { warnings.push(m); };
    try {
      await net.initialize();
      await net.simulateIterations(1);
      await net.initialize({ warnings: true });
    } finally { console.warn = orig; }
    // read in iteration(): 'inc' is unused at the first initialize, used at the second
    const lists = warnings.map((w) => w.split('never read the argument(s) ')[1]);
    expect(lists).toEqual(['inc, icn', 'icn']);
  });
});
