import { describe, expect, it } from 'vitest';
import { Neuron, STDP, Synapse } from '../../src/index.js';
import {
  Behavior, DenseMatrix, EventRecorder, LIFBehavior, LIF_EQUATIONS, Network, NeuronGroup, NeuronModel, Recorder, SparseMatrix,
  SynapseGroup, SynapseModel,
} from '../../src/behaviors/index.js';

/** I = constant (default 2) every iteration. */
class ConstantDrive extends Behavior {
  override iteration(n: NeuronGroup): void { n.vars.I!.fill(this.parameter('I', 2)); }
}

/** I ~ U(0, 3) per neuron and iteration, from the group's stream. */
class NoisyDrive extends Behavior {
  override iteration(n: NeuronGroup): void { n.fill(n.vars.I as Float64Array, 'uniform(0, 3)'); }
}

async function lifRun(lif: Behavior, drive: Behavior, size: number, iterations: number, seed = 5): Promise<Network> {
  const net = new Network({ seed });
  new NeuronGroup({ net, tag: 'lif', size, behavior: { 1: drive, 2: lif, 3: new EventRecorder('spike'), 4: new Recorder('v') } });
  await net.initialize({ warnings: false });
  await net.simulateIterations(iterations);
  return net;
}

const spikesOf = (net: Network): string[] => {
  const t = net.getRecorded('spike.t').data;
  const i = net.getRecorded('spike.i').data;
  return Array.from(t, (x, k) => `${x}:${i[k]}`);
};

describe('NeuronModel: an equation-defined neuron as a behaviour', () => {
  it('constant-current LIF: the analytic first spike, for the behaviour and for the equations', async () => {
    // Explicit Euler, dt = 1, tau = 10, I = 2: v_k = 2(1 − 0.9^k) > 1 ⇔ 0.9^k < 1/2 ⇔ k > ln 2 / −ln 0.9 = 6.58,
    // so the first spike is at iteration 7 (the continuous solution crosses at tau·ln 2 = 6.93 ms), then every 7.
    expect(Math.log(0.5) / Math.log(0.9)).toBeCloseTo(6.579, 3);
    const expected = [7, 14, 21, 28];
    for (const lif of [new LIFBehavior({ tau: 10, vThreshold: 1 }), new NeuronModel(new Neuron(LIF_EQUATIONS))]) {
      const net = await lifRun(lif, new ConstantDrive(), 1, 30);
      expect(Array.from(net.getRecorded('spike.t').data)).toEqual(expected);
      const v = net.getRecorded('v').data;
      for (let k = 1; k <= 6; k++) expect(v[k - 1]).toBeCloseTo(2 * (1 - 0.9 ** k), 14);
      expect(v[6]).toBe(0); // reset at the spike
    }
  });

  it('a LIF behaviour and the same LIF as equations give identical spikes and voltages (noisy input, random v0)', async () => {
    const hand = await lifRun(new LIFBehavior({ v0: 'uniform(0, 1)' }), new NoisyDrive(), 200, 300);
    const eq = await lifRun(new NeuronModel(new Neuron(LIF_EQUATIONS), { init: { v: 'uniform(0, 1)' } }), new NoisyDrive(), 200, 300);
    const a = spikesOf(hand);
    expect(a.length).toBeGreaterThan(1000);
    expect(spikesOf(eq)).toEqual(a);
    expect(eq.getRecorded('v').data).toEqual(hand.getRecorded('v').data);
  });

  it('the same holds with a refractory period (2 ms = 2 iterations)', async () => {
    const hand = await lifRun(new LIFBehavior({ refractory: 2 }), new NoisyDrive(), 50, 200, 9);
    const eq = await lifRun(new NeuronModel(new Neuron({ ...LIF_EQUATIONS, refractory: 2 })), new NoisyDrive(), 50, 200, 9);
    expect(spikesOf(eq)).toEqual(spikesOf(hand));
    expect(spikesOf(eq).length).toBeGreaterThan(100);
  });

  it("group.vars are the population's own arrays; adoption of earlier variables; : population parameters", async () => {
    class MakeI extends Behavior {
      override initialize(n: NeuronGroup): void { n.vars.I = n.vector(0.5); }
    }
    const model = new NeuronModel(new Neuron({ ...LIF_EQUATIONS, parameters: 'tau = 10.0 : population\nv_rest = 0.0\nv_reset = 0.0\nv_thresh = 1.0\nI = 0.0' }));
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, size: 4, behavior: { 1: new MakeI(), 2: model } });
    const I = (): Float64Array => g.vars.I as Float64Array;
    await net.initialize();
    const before = I();
    expect(model.population.state.get('I')).toBe(before); // adopted, with its values
    expect(Array.from(before)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(g.vars.v).toBe(model.population.state.get('v'));
    expect(g.vars.tau!.length).toBe(1);
    expect(g.vars.spike).toBeInstanceOf(Uint8Array);
    await net.simulateIterations(1);
    expect(g.vars.v![0]).toBeCloseTo(0.05, 15);
    expect(model.network.currentStep).toBe(1);
    expect(net.describeSchedule().map((r) => r.behavior)).toEqual(['MakeI()', 'NeuronModel(LIF)']);
  });

  it('mixes with hand-written behaviours across groups in the one key order; conductances reach the equations', async () => {
    const net = new Network({ seed: 3 });
    const a = new NeuronGroup({ net, tag: 'A', size: 1, behavior: { 1: new ConstantDrive(), 2: new LIFBehavior() } });
    /** Adds the synaptic input W·spike(A) into g_exc, after A's LIF (key 2) and before B's model (key 4). */
    class Input extends Behavior {
      override initialize(n: NeuronGroup): void { for (const s of n.synapses('afferent')) s.W = s.matrix(5); }
      override iteration(n: NeuronGroup): void { for (const s of n.synapses('afferent')) s.propagate(undefined, { into: n.vars.g_exc as Float64Array }); }
    }
    const cond = new Neuron({ name: 'cond', parameters: 'tau = 10.0', equations: 'tau * dv/dt = -v + g_exc', spike: 'v > 100', reset: 'v = 0' });
    const b = new NeuronGroup({ net, tag: 'B', size: 2, behavior: { 3: new Input(), 4: new NeuronModel(cond), 5: new Recorder(['v', 'g_exc']) } });
    new SynapseGroup({ net, src: a, dst: b, tag: 'GLU' });
    await net.initialize();
    expect(net.describeSchedule().map((r) => `${r.key}:${r.host}:${r.behavior}`)).toEqual([
      '1:A:ConstantDrive()', '2:A:LIFBehavior()', '3:B:Input()', '4:B:NeuronModel(cond)', '5:B:Recorder(vars=\'v,g_exc\')',
    ].map((s) => (s.startsWith('5') ? expect.stringMatching(/^5:B:Recorder/) : s)));
    await net.simulateIterations(8);
    const v = net.getRecorded('v').toArray();
    // A spikes at iteration 7; B gets 5 in g_exc in that same iteration: v = 1 · (0 + 5) / 10.
    expect(v[5]).toEqual([0, 0]);
    expect(v[6]![0]).toBeCloseTo(0.5, 15);
    expect(v[7]![0]).toBeCloseTo(0.45, 15);
    // g_exc is consumed (reset to 0) by the neuron step, as in ANNarchy
    expect(net.getRecorded('g_exc').toArray().flat().every((x) => x === 0)).toBe(true);
    expect(a.vars.spike![0]).toBe(0);
  });

  it('disabling freezes the model, removing stops it; errors name the group and the variable', async () => {
    const model = new NeuronModel(new Neuron(LIF_EQUATIONS), { tag: 'eq' });
    const net = new Network({ seed: 1 });
    const g = new NeuronGroup({ net, size: 1, behavior: { 1: new ConstantDrive(), 2: model } });
    await net.initialize({ warnings: false });
    await net.simulateIterations(3);
    const v3 = g.vars.v![0];
    net.deactivateBehaviors('eq');
    await net.simulateIterations(3);
    expect(g.vars.v![0]).toBe(v3);
    net.activateBehaviors('eq');
    await net.simulateIterations(1);
    expect(g.vars.v![0]).toBeCloseTo(2 * (1 - 0.9 ** 4), 14);
    g.removeBehavior('eq');
    await net.simulateIterations(2);
    expect(g.vars.v![0]).toBeCloseTo(2 * (1 - 0.9 ** 4), 14);

    const bad = async (behavior: Record<number, Behavior>, synapse = false): Promise<void> => {
      const n2 = new Network({ seed: 1 });
      const grp = new NeuronGroup({ net: n2, tag: 'grp', size: 3, behavior: synapse ? {} : behavior });
      if (synapse) new SynapseGroup({ net: n2, src: grp, dst: grp, tag: 'S', behavior });
      await n2.initialize();
    };
    class IntV extends Behavior { override initialize(n: NeuronGroup): void { n.vars.v = new Int32Array(3); } }
    await expect(bad({ 1: new IntV(), 2: new NeuronModel(new Neuron(LIF_EQUATIONS)) }))
      .rejects.toThrow(/grp: NeuronModel\(LIF\): vars\.v already exists as a Int32Array of 3; the equation model needs a Float64Array of 3/);
    await expect(bad({ 1: new NeuronModel(new Neuron(LIF_EQUATIONS), { init: { u: 1 } }) }))
      .rejects.toThrow(/init\.u is not an attribute of LIF \(attributes: tau, v_rest, v_reset, v_thresh, I, v/);
    await expect(bad({ 1: new NeuronModel(new Neuron(LIF_EQUATIONS)) }, true)).rejects.toThrow(/must be attached to a NeuronGroup, not to 'S'/);
    await expect(bad({ 1: new NeuronModel(new Neuron({ ...LIF_EQUATIONS, equations: 'tau * dv/dt = -v + J' })) }))
      .rejects.toThrow(/J/);
  });

  it('random draws in the equations are reproducible from the network seed', async () => {
    const noisy = new Neuron({ name: 'noisy', equations: 'r = Uniform(0, 1)' });
    const run = async (seed: number): Promise<Float64Array> => {
      const net = new Network({ seed });
      new NeuronGroup({ net, size: 5, behavior: { 1: new NeuronModel(noisy), 2: new Recorder('r') } });
      await net.initialize();
      await net.simulateIterations(3);
      return net.getRecorded('r').data;
    };
    const a = await run(11);
    expect(await run(11)).toEqual(a);
    expect(await run(12)).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

/** Sets vars.spike from a list of [iteration, index] events. */
class Scripted extends Behavior {
  private events: [number, number][] = [];
  override initialize(n: NeuronGroup): void { n.vars.spike = new Uint8Array(n.size); this.events = this.parameter('events', []); }
  override iteration(n: NeuronGroup): void {
    const s = n.vars.spike!;
    s.fill(0);
    for (const [t, i] of this.events) if (t === n.iteration) s[i] = 1;
  }
}
/** g_exc = 0 at the start of every iteration (nothing else consumes it here). */
class Clear extends Behavior {
  override iteration(n: NeuronGroup): void { (n.vars.g_exc as Float64Array | undefined)?.fill(0); }
}
class SetW extends Behavior {
  override initialize(s: SynapseGroup): void {
    const rows = this.parameter<number[][]>('rows', []);
    s.W = this.parameter('sparse', false) ? s.matrix(0, { sparse: true }) : s.matrix(0);
    if (!this.parameter('sparse', false)) (s.W as DenseMatrix).data.set(rows.flat());
  }
}

describe('SynapseModel: an equation-defined synapse as a behaviour', () => {
  async function build(synapse: Synapse, aEvents: [number, number][], bEvents: [number, number][] = []): Promise<{ net: Network; syn: SynapseGroup; model: SynapseModel }> {
    const net = new Network({ seed: 2 });
    const a = new NeuronGroup({ net, tag: 'A', size: 3, behavior: { 1: new Scripted({ events: aEvents }) } });
    const b = new NeuronGroup({ net, tag: 'B', size: 2, behavior: { 0: new Clear(), 1: new Scripted({ events: bEvents }), 9: new Recorder('g_exc') } });
    const model = new SynapseModel(synapse);
    const syn = new SynapseGroup({ net, src: a, dst: b, tag: 'GLU', behavior: { 1: new SetW({ rows: [[1, 2, 3], [4, 5, 6]] }), 3: model } });
    await net.initialize();
    return { net, syn, model };
  }

  it('transmits W·spike into dst.vars.g_exc one iteration after the src spike; W shares the kernel weights', async () => {
    const { net, syn, model } = await build(new Synapse({ name: 'plain', preSpike: 'g_target += w' }), [[2, 0], [4, 2], [4, 1]]);
    expect(syn.W).toBeInstanceOf(DenseMatrix);
    expect((syn.W as DenseMatrix).data).toBe(model.projection.state.get('w'));
    expect((syn.W as DenseMatrix).toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    await net.simulateIterations(6);
    expect(net.getRecorded('g_exc').toArray()).toEqual([[0, 0], [0, 0], [1, 4], [0, 0], [5, 11], [0, 0]]);
    expect(net.describeSchedule().map((r) => r.behavior)).toContain('SynapseModel(plain)');
  });

  it('plasticity in pre_spike and post_spike updates synapse.W in place (pre events one iteration after the spike)', async () => {
    const syn = new Synapse({
      name: 'toy', preSpike: 'g_target += w\nw = clip(w - 0.5, 0, 10)', postSpike: 'w = clip(w + 1, 0, 10)',
    });
    const { net, syn: s } = await build(syn, [[2, 0]], [[5, 1]]);
    await net.simulateIterations(6);
    // pre 0 spiked at 2: column 0 loses 0.5 (at iteration 3, after transmitting the old weights);
    // post 1 spiked at 5: row 1 gains 1.
    expect((s.W as DenseMatrix).toArray()).toEqual([[0.5, 2, 3], [4.5, 6, 7]]);
    expect(net.getRecorded('g_exc').row(2)).toEqual(new Float64Array([1, 4]));
  });

  it("runs the library's STDP (event-driven traces) between two equation-defined LIF groups", async () => {
    const net = new Network({ seed: 4 });
    class Drive extends Behavior {
      override initialize(n: NeuronGroup): void { n.vars.I = Float64Array.from({ length: n.size }, (_, i) => 1.2 + 0.2 * i); }
    }
    const lifG = new Neuron({ name: 'lifg', parameters: 'tau = 10.0\nI = 0.0', equations: 'tau * dv/dt = -v + I + g_exc', spike: 'v > 1', reset: 'v = 0' });
    const a = new NeuronGroup({ net, tag: 'A', size: 5, behavior: { 1: new Drive(), 2: new NeuronModel(lifG) } });
    const b = new NeuronGroup({ net, tag: 'B', size: 4, behavior: { 2: new NeuronModel(lifG), 10: new EventRecorder('spike') } });
    class Init extends Behavior { override initialize(s: SynapseGroup): void { s.W = s.matrix('uniform(5, 10)', { sparse: true, density: 0.8 }); } }
    const s = new SynapseGroup({ net, src: a, dst: b, tag: 'GLU', behavior: { 1: new Init(), 3: new SynapseModel(new STDP({ w_max: 20, A_plus: 0.05, A_minus: 0.05 })) } });
    await net.initialize();
    expect(s.W).toBeInstanceOf(SparseMatrix);
    const w0 = Float64Array.from((s.W as SparseMatrix).values);
    expect(w0.length).toBeGreaterThan(8);
    expect(s.vars.x).toBeInstanceOf(Float64Array);
    await net.simulateIterations(200);
    expect(net.getRecorded('spike.t').rows).toBeGreaterThan(10); // B is driven only through the synapses
    const w1 = (s.W as SparseMatrix).values;
    expect(w1).not.toEqual(w0);
    expect(w1.every((x) => x >= 0 && x <= 20)).toBe(true);
  });

  it('errors: attached to a neuron group; a pre variable the src group lacks', async () => {
    const net = new Network({ seed: 1 });
    new NeuronGroup({ net, tag: 'N', size: 2, behavior: { 1: new SynapseModel(new Synapse({ preSpike: 'g_target += w' })) } });
    await expect(net.initialize()).rejects.toThrow(/must be attached to a SynapseGroup, not to 'N'/);
    const net2 = new Network({ seed: 1 });
    const g = new NeuronGroup({ net: net2, tag: 'G', size: 2 });
    new SynapseGroup({ net: net2, src: g, dst: g, behavior: { 1: new SynapseModel(new Synapse({ name: 'reads', preSpike: 'g_target += w * pre.u' })) } });
    await expect(net2.initialize()).rejects.toThrow(/SynapseModel\(reads\): the synapse reads pre\.u, but 'G' has no vars\.u/);
  });
});

describe('examples/pymonnto_mixed.ts', () => {
  it('runs: Poisson behaviour → equation LIF with equation STDP and behaviour homeostasis', async () => {
    const { runMixed } = await import('../../examples/pymonnto_mixed.js');
    const { net, w0, syn } = await runMixed(300, 1);
    expect(net.getRecorded('spike.t', 1).rows).toBeGreaterThan(20); // the output group fires
    expect((syn.W as DenseMatrix).data).not.toEqual(w0); // STDP changed W in place
    expect(net.getRecorded('mean(v_thresh)').data[0]).not.toBe(net.getRecorded('mean(v_thresh)').data[299]);
  });
});
