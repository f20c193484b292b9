/**
 * State as attributes (issue 22): `neurons.voltage` is `neurons.vars.voltage`, recorders see what
 * behaviours write as attributes, quick access by tag (`net.my_neurons`), and
 * `neurons.synapses(afferent, 'GLU')` with PymoNNto's direction aliases.
 */
import { describe, expect, it } from 'vitest';
import {
  Behavior, EventRecorder, Network, NeuronGroup, Recorder, SynapseGroup, Taggable, afferent, efferent,
  dendrite, axon, behaviorNetworkToNpz, behaviorNetworkFromNpz, StaticClassification,
} from '../../src/behaviors/index.js';

/** PymoNNto's basic behaviour, written exactly as in its documentation (attributes, no `vars`). */
class Basic extends Behavior {
  override initialize(n: NeuronGroup): void {
    n.voltage = n.vector();
    n.threshold = this.parameter('threshold', 0.5);
    n.decay = 0.9;
  }

  override iteration(n: NeuronGroup): void {
    n.spike = new Uint8Array(n.size);
    for (let i = 0; i < n.size; i++) {
      if (n.voltage[i] > n.threshold) { n.spike[i] = 1; n.voltage[i] = 0; }
      n.voltage[i] = n.voltage[i] * n.decay + 0.3;
    }
  }
}

describe('state as attributes', () => {
  it('an attribute written by a behaviour is the vars entry, and a Recorder records it', async () => {
    const net = new Network({ seed: 1 });
    const ng = new NeuronGroup({ net, tag: 'exc', size: 3, behavior: {
      1: new Basic(), 9: new Recorder(['voltage', 'mean(voltage)', 'threshold']), 10: new EventRecorder('spike') } });
    await net.initialize();
    expect(ng.voltage).toBe(ng.vars.voltage);
    expect(ng.vars.threshold).toBe(0.5);
    await net.simulateIterations(4);
    // v: 0 → 0.3 → 0.57 (> 0.5 at the start of step 3: spike, reset to 0) → 0.3 → 0.57
    const V = net.getRecorded('voltage');
    expect(Array.from(V.column(0))).toEqual([0.3, 0.3 * 0.9 + 0.3, 0.3, 0.3 * 0.9 + 0.3].map((x) => expect.closeTo(x, 12)));
    expect(Array.from(net.getRecorded('mean(voltage)').data)).toEqual(Array.from(V.column(2)));
    expect(Array.from(net.getRecorded('threshold').data)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(net.getRecorded('spike.t').data)).toEqual([3, 3, 3]);
    expect(Array.from(net.getRecorded('spike.i').data)).toEqual([0, 1, 2]);
  });

  it('old `vars` code and attribute code share one store in both directions', async () => {
    const net = new Network({ seed: 1 });
    const ng = new NeuronGroup({ net, size: 2 });
    ng.vars.u = new Float64Array([1, 2]);
    expect(ng.u).toBe(ng.vars.u);
    ng.w = new Float64Array([3, 4]);
    expect(ng.vars.w).toBe(ng.w);
    delete ng.vars.w;
    expect(ng.w).toBeUndefined();
    expect(ng.varNames()).toContain('u');
    // members are not state: they stay on the object
    expect(ng.size).toBe(2);
    expect(Object.keys(ng.vars)).toEqual(['u']);
  });

  it('attributes of synapse groups and of the network are state too', async () => {
    const net = new Network({ seed: 1 });
    const a = new NeuronGroup({ net, tag: 'A', size: 2 });
    const s = new SynapseGroup({ net, src: a, dst: a, tag: 'GLU' });
    s.eta = 0.01;
    s.W = s.matrix(1);
    expect(s.vars.eta).toBe(0.01);
    expect(s.vars.W).toBe(s.W); // the setter keeps checking the shape
    expect(() => { s.W = new NeuronGroup({ net, size: 1 }).vector() as never; }).toThrow();
    net.dt = 0.5;
    expect(net.vars.dt).toBe(0.5);
    net.addBehavior(1, new Recorder('dt'));
    await net.initialize();
    await net.simulateIterations(2);
    expect(Array.from(net.getRecorded('dt').data)).toEqual([0.5, 0.5]);
  });

  it('recorders take booleans as 0/1 and refuse attributes that are not numbers, naming them', async () => {
    class Flags extends Behavior {
      override iteration(n: NeuronGroup): void { n.active = n.iteration % 2 === 0; n.label = 'exc'; }
    }
    const net = new Network({ seed: 1 });
    new NeuronGroup({ net, tag: 'g', size: 1, behavior: { 1: new Flags(), 9: new Recorder('active') } });
    await net.initialize();
    await net.simulateIterations(4);
    expect(Array.from(net.getRecorded('active').data)).toEqual([0, 1, 0, 1]);
    const net2 = new Network({ seed: 1 });
    new NeuronGroup({ net: net2, tag: 'g', size: 1, behavior: { 1: new Flags(), 9: new Recorder('label') } });
    await net2.initialize();
    await expect(net2.simulateIterations(1)).rejects.toThrow(/'g'\.label holds a string, which cannot be recorded/);
  });

  it('attribute-style state survives a save/load round trip and is read back through the attributes', async () => {
    const build = async (): Promise<Network> => {
      const net = new Network({ seed: 9 });
      new NeuronGroup({ net, tag: 'exc', size: 3, behavior: { 1: new Basic() } });
      await net.initialize();
      return net;
    };
    const a = await build();
    await a.simulateIterations(2);
    const bytes = behaviorNetworkToNpz(a);
    const b = await build();
    await b.simulateIterations(1); // so that b has the same state names (spike is made in iteration)
    const before = b.exc.voltage;
    behaviorNetworkFromNpz(b, bytes);
    expect(Array.from(b.exc.voltage)).toEqual(Array.from(a.exc.voltage));
    expect(b.exc.voltage).toBe(b.exc.vars.voltage);
    expect(b.exc.threshold).toBe(0.5);
    void before;
  });

  it('a state name that is a method of the class is refused, naming the key', () => {
    const net = new Network({ seed: 1 });
    const ng = new NeuronGroup({ net, size: 2 });
    expect(() => { (ng as unknown as Record<string, unknown>).vector = 1; }).toThrow(/vector/);
    expect(() => { (ng as unknown as Record<string, unknown>).synapses = 1; }).toThrow(/synapses/);
    expect(() => { (net as unknown as Record<string, unknown>).simulateIterations = 1; }).toThrow(/simulateIterations/);
    expect(typeof ng.vector).toBe('function');
  });

  it('hosts stay instances of their classes (runtime names unchanged)', () => {
    const net = new Network({ seed: 1 });
    const ng = new NeuronGroup({ net, size: 2 });
    const s = new SynapseGroup({ net, src: ng, dst: ng });
    expect(ng).toBeInstanceOf(NeuronGroup);
    expect(ng).toBeInstanceOf(Taggable);
    expect(s).toBeInstanceOf(SynapseGroup);
    expect(ng.constructor.name).toBe('NeuronGroup');
    expect(s.constructor.name).toBe('SynapseGroup');
  });
});

describe('quick access by tag', () => {
  it('net.<tag> and net[tag] give the one group, synapse group or behaviour so tagged', async () => {
    const net = new Network({ seed: 1 });
    const rec = new Recorder('voltage', { tag: 'my_recorder' });
    const basic = new Basic();
    const ng = new NeuronGroup({ net, tag: 'my_neurons', size: 4, behavior: { 1: basic, 9: rec } });
    const s = new SynapseGroup({ net, src: 'my_neurons', dst: 'my_neurons', tag: 'GLUTAMATE' });
    expect(net.my_neurons).toBe(ng);
    expect(net['my_neurons']).toBe(ng);
    expect(net.GLUTAMATE).toBe(s);
    expect(net.my_neurons_to_my_neurons).toBe(s);
    expect(ng.my_recorder).toBe(rec);
    expect(ng.Basic).toBe(basic);
    expect(net.nothing_of_that_name).toBeUndefined();
    // list semantics (PymoNNto net['tag']): find / get
    expect(net.find('my_neurons')).toEqual([ng]);
    expect(net.get('recorder', 0)).toBe(rec);
    expect(net.find(1)).toEqual([basic]); // numeric keys select behaviours by key
    expect(net.find(NeuronGroup)).toEqual([ng]); // classes select instances (PymoNNto meant to, §2.6)
    expect(net.find(SynapseGroup)).toEqual([s]);
  });

  it('analysis modules are reached as parent.ClassName (PymoNNto)', () => {
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, tag: 'g', size: 3 });
    const m = new StaticClassification(g, { classes: [0, 1, 1] });
    expect(g.StaticClassification).toBe(m);
  });

  it('an ambiguous tag is an error naming the objects and the list form', () => {
    const net = new Network({ seed: 1 });
    new NeuronGroup({ net, tag: 'exc,E', size: 1 });
    new NeuronGroup({ net, tag: 'inh,E', size: 1 });
    expect(() => net.E).toThrow(/2 objects are tagged 'E' \('exc', 'inh'\).*net\.find\('E'\)/);
  });

  it('state shadows a tag of the same name (as PymoNNto skips existing attributes)', () => {
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, tag: 'exc', size: 1 });
    expect(net.exc).toBe(g);
    net.exc = 5;
    expect(net.exc).toBe(5);
    expect(net.get('exc', 0)).toBe(g);
  });
});

describe('neurons.synapses(direction, tag)', () => {
  it('afferent/efferent by constant and by PymoNNto alias, whatever the creation order', async () => {
    const net = new Network({ seed: 1 });
    const s1 = new SynapseGroup({ net, src: 'A', dst: 'B', tag: 'GLU' });
    const s2 = new SynapseGroup({ net, src: 'B', dst: 'B', tag: 'GABA' });
    const s3 = new SynapseGroup({ net, src: 'A', dst: 'B', tag: 'GLU,slow' });
    const A = new NeuronGroup({ net, tag: 'A', size: 2 }); // created after its synapses (PymoNNto: KeyError)
    const B = new NeuronGroup({ net, tag: 'B', size: 3 });
    await net.initialize();
    expect(B.synapses(afferent, 'GLU')).toEqual([s1, s3]);
    expect(B.synapses(afferent)).toEqual([s1, s2, s3]);
    expect(B.synapses('dendrite', 'GABA')).toEqual([s2]);
    expect(B.synapses(dendrite, 'GABA')).toEqual([s2]);
    expect(B.synapses('pre', 'GLU')).toEqual([s1, s3]);
    expect(A.synapses(efferent, 'GLU')).toEqual([s1, s3]);
    expect(A.synapses('axon')).toEqual([s1, s3]);
    expect(A.synapses(axon, 'GABA')).toEqual([]);
    expect(A.synapses('post', 'slow')).toEqual([s3]);
    expect(() => A.synapses('sideways' as never)).toThrow(/afferent \(0\) or efferent \(1\)/);
  });

  it("the PymoNNto idiom `for s in neurons.synapses(afferent, 'GLU'): v += W·src.spike` ports as written", async () => {
    class Input extends Behavior {
      override initialize(n: NeuronGroup): void { n.input = n.vector(); }
      override iteration(n: NeuronGroup): void {
        n.input.fill(0);
        for (const s of n.synapses(afferent, 'GLU')) s.W.dot(s.src.spike, n.input);
      }
    }
    class Weights extends Behavior {
      override initialize(s: SynapseGroup): void { s.W = s.matrix(0.5); }
    }
    class Spikes extends Behavior {
      override initialize(n: NeuronGroup): void { n.spike = Uint8Array.from({ length: n.size }, (_, i) => i % 2); }
    }
    const net = new Network({ seed: 1 });
    const A = new NeuronGroup({ net, tag: 'A', size: 4, behavior: { 1: new Spikes() } });
    const B = new NeuronGroup({ net, tag: 'B', size: 2, behavior: { 2: new Input() } });
    new SynapseGroup({ net, src: A, dst: B, tag: 'GLU', behavior: { 1: new Weights() } });
    new SynapseGroup({ net, src: A, dst: B, tag: 'GLU', behavior: { 1: new Weights() } });
    await net.initialize();
    await net.simulateIteration();
    // two synapse groups of 0.5 from the 2 spiking neurons: 2 · 2 · 0.5
    expect(Array.from(B.input)).toEqual([2, 2]);
  });
});
