// The plan's table of arrays and its kernel schedule (src/ir/arrays.ts, src/ir/schedule.ts): for
// COBA, STDP and a rate network with delays, the order of the kernels is ANNarchy's, each array has
// the type and length the formula gives, and the table lists exactly the arrays that compile allocates.
import { describe, it, expect } from 'vitest';
import { Network, Neuron, STDP, PoissonPopulation, SpikeSourceArray, TimedArray, DecodingProjection } from '../../src/index.js';
import type { ArrayPlan, NetworkPlan } from '../../src/ir/plan.js';

const COBA = new Neuron({
  parameters: 'El = -60.0 : population\n Vr = -60.0 : population\n Erev_exc = 0.0 : population\n Erev_inh = -80.0 : population\n Vt = -50.0 : population\n tau = 20.0 : population\n tau_exc = 5.0 : population\n tau_inh = 10.0 : population\n I = 20.0 : population',
  equations: 'tau * dv/dt = (El - v) + g_exc * (Erev_exc - v) + g_inh * (Erev_inh - v ) + I\n tau_exc * dg_exc/dt = - g_exc\n tau_inh * dg_inh/dt = - g_inh',
  spike: 'v > Vt', reset: 'v = Vr', refractory: 5.0,
});

async function coba(): Promise<Network> {
  const net = new Network({ dt: 0.1, seed: 7 });
  const E = net.create(80, COBA, { name: 'E' }), I = net.create(20, COBA, { name: 'I' });
  net.connect(E, E, 'exc').connectFixedProbability({ probability: 0.1, weights: 0.6 });
  net.connect(E, I, 'exc').connectFixedProbability({ probability: 0.1, weights: 0.6 });
  net.connect(I, E, 'inh').connectFixedProbability({ probability: 0.1, weights: 6.7 });
  net.connect(I, I, 'inh').connectFixedProbability({ probability: 0.1, weights: 6.7 });
  await net.compile({ backend: 'js' });
  return net;
}

const IF = new Neuron({
  parameters: 'tau_m = 10.0\n tau_e = 5.0\n vt = -54.0\n vr = -60.0\n El = -74.0\n Ee = 0.0',
  equations: 'tau_m * dv/dt = El - v + g_exc * (Ee - vr) : init = -60.0\n tau_e * dg_exc/dt = - g_exc',
  spike: 'v > vt', reset: 'v = vr',
});

async function stdp(): Promise<Network> {
  const net = new Network({ seed: 3 });
  const input = net.create(new PoissonPopulation(50, { rates: 20.0, name: 'In', network: net } as never));
  const out = net.create(2, IF, { name: 'Out' });
  net.connect(input, out, 'exc', new STDP()).connectAllToAll(0.01);
  await net.compile({ backend: 'js' });
  return net;
}

const Rate = new Neuron({ parameters: 'tau = 10.0', equations: 'tau * dr/dt = sum(exc) - r + mean(r)' });

async function rateWithDelays(): Promise<Network> {
  const net = new Network({ dt: 1.0, seed: 5 });
  const A = net.create(10, Rate, { name: 'A' }), B = net.create(4, Rate, { name: 'B' });
  net.connect(A, B, 'exc').connectAllToAll({ weights: 0.1, delays: 3.0 });
  net.connect(B, A, 'exc').connectAllToAll({ weights: 0.5, delays: 5.0 });
  await net.compile({ backend: 'js' });
  return net;
}

const find = (plan: NetworkPlan, owner: 'pop' | 'proj', id: number, name: string): ArrayPlan => {
  const a = plan.arrays.find((x) => x.owner === owner && x.id === id && x.name === name);
  if (!a) throw new Error(`no array ${owner} ${id} ${name}`);
  return a;
};

/** The table against the state maps compile filled: the same keys, types and lengths, both ways. */
function expectTableMatchesState(net: Network): void {
  const plan = net.plan!;
  const state = (owner: 'pop' | 'proj', id: number) => (owner === 'pop' ? net.populations[id] : net.projections[id]).state;
  for (const a of plan.arrays) {
    const arr = state(a.owner, a.id).get(a.name);
    expect(arr, `${a.owner} ${a.id} ${a.name}`).toBeDefined();
    expect(arr instanceof Int32Array ? 'i32' : 'f64', `${a.owner} ${a.id} ${a.name}`).toBe(a.dtype);
    expect(arr!.length, `${a.owner} ${a.id} ${a.name}`).toBe(a.length);
  }
  const listed = new Set(plan.arrays.map((a) => `${a.owner}:${a.id}:${a.name}`));
  net.populations.forEach((p) => { for (const k of p.state.keys()) expect(listed.has(`pop:${p.id}:${k}`), `pop ${p.id} ${k} missing from the table`).toBe(true); });
  net.projections.forEach((p) => { for (const k of p.state.keys()) expect(listed.has(`proj:${p.id}:${k}`), `proj ${p.id} ${k} missing from the table`).toBe(true); });
  // Every array a kernel writes is in the table.
  for (const k of plan.schedule) for (const w of k.writes) expect(listed.has(`${w.owner}:${w.id}:${w.name}`), `${k.kind} writes ${w.owner} ${w.id} ${w.name}`).toBe(true);
}

const order = (plan: NetworkPlan) => plan.schedule.map((k) => (k.owner === 'net' ? k.kind : `${k.kind} ${k.owner}${k.id}`));

describe('the network plan: schedule and arrays', () => {
  it('COBA: ANNarchy order, spikes, refractoriness and the inverse index of spike propagation', async () => {
    const net = await coba();
    const plan = net.plan!;
    expect(order(plan)).toEqual([
      'transmission proj0', 'transmission proj1', 'transmission proj2', 'transmission proj3', 'record-targets',
      'neuron pop0', 'neuron pop1', 'after-neurons', 'record',
    ]);
    // Transmission of E → I writes I's g_exc and is gated by I's enabled flag.
    const t1 = plan.schedule[1];
    expect(t1).toMatchObject({ variant: 'spike', enabledBy: 1, writes: [{ owner: 'pop', id: 1, name: 'g_exc' }] });
    expect(find(plan, 'pop', 0, 'v')).toMatchObject({ dtype: 'f64', length: 80, lengthFormula: 'size', role: 'attribute', locality: 'local', writtenBy: ['neuron'] });
    expect(find(plan, 'pop', 0, 'tau')).toMatchObject({ length: 1, locality: 'global', writtenBy: [] });
    expect(find(plan, 'pop', 0, 'g_exc').writtenBy).toEqual(['transmission', 'neuron']);
    expect(find(plan, 'pop', 1, '_spiked')).toMatchObject({ dtype: 'i32', length: 20, role: 'spikes', writtenBy: ['neuron'] });
    expect(find(plan, 'pop', 1, '_refr_left').writtenBy).toEqual(['neuron']);
    expect(net.plan!.populations[0].refractory).toEqual({ kind: 'steps', steps: 50 });
    const nnz = net.projections[2].nbSynapses;
    expect(plan.projections[2].synapses).toBe(nnz);
    // I → E: the inverse index has one entry per pre-synaptic (I) neuron + 1, one per synapse.
    expect(find(plan, 'proj', 2, '_inv_ptr')).toMatchObject({ dtype: 'i32', length: 21, lengthFormula: 'pre.size + 1', role: 'derived-index', derivedFrom: ['_pre_rank'] });
    expect(find(plan, 'proj', 2, '_inv_idx')).toMatchObject({ length: nnz, lengthFormula: 'synapses' });
    expect(find(plan, 'proj', 2, 'w')).toMatchObject({ length: 1, locality: 'global' });
    expect(find(plan, 'proj', 2, '_dendrite_of_post')).toMatchObject({ length: 80, lengthFormula: 'post.size' });
    expectTableMatchesState(net);
  });

  it('STDP: a Poisson input, pre events before the neurons, post events last', async () => {
    const net = await stdp();
    const plan = net.plan!;
    expect(order(plan)).toEqual(['transmission proj0', 'record-targets', 'neuron pop0', 'neuron pop1', 'after-neurons', 'post-events proj0', 'record']);
    expect(plan.schedule[2].variant).toBe('poisson');
    const pre = plan.schedule[0].writes.map((w) => `${w.owner}${w.id}.${w.name}`);
    expect(pre).toEqual(['pop1.g_exc', 'proj0.x', 'proj0.y', 'proj0._last_event', 'proj0.w']);
    expect(plan.schedule[5].writes.map((w) => w.name)).toEqual(['x', 'y', '_last_event', 'w']);
    expect(find(plan, 'proj', 0, 'w')).toMatchObject({ length: 100, locality: 'local', writtenBy: ['transmission', 'post-events'] });
    expect(find(plan, 'proj', 0, '_last_event')).toMatchObject({ dtype: 'i32', length: 100, role: 'event-clock' });
    expect(find(plan, 'pop', 0, '_poisson_next')).toMatchObject({ dtype: 'f64', length: 50, role: 'input-counter', writtenBy: ['neuron'] });
    expectTableMatchesState(net);
  });

  it('rate network with delays: sums cleared first, delay rings after the neurons, then global operations', async () => {
    const net = await rateWithDelays();
    const plan = net.plan!;
    expect(order(plan)).toEqual([
      'clear-sums pop0', 'clear-sums pop1', 'transmission proj0', 'transmission proj1', 'record-targets',
      'neuron pop0', 'neuron pop1', 'after-neurons', 'delay pop0', 'delay pop1', 'global-ops pop0', 'global-ops pop1', 'record',
    ]);
    expect(plan.schedule[2]).toMatchObject({ variant: 'rate', enabledBy: 1, writes: [{ owner: 'pop', id: 1, name: '_sum_exc' }] });
    // A → B has 3 steps of delay: A's ring of r holds 3 copies of its 10 values.
    expect(find(plan, 'pop', 0, '_delayed_r')).toMatchObject({ dtype: 'f64', length: 30, lengthFormula: 'maxDelay × size', role: 'delay-ring', writtenBy: ['delay'] });
    expect(find(plan, 'pop', 1, '_delayed_r')).toMatchObject({ length: 20 });
    expect(find(plan, 'pop', 0, '_delay_idx').writtenBy).toEqual(['delay']);
    expect(find(plan, 'pop', 0, '_sum_exc').writtenBy).toEqual(['clear-sums', 'transmission']);
    expect(find(plan, 'pop', 0, '_mean_r')).toMatchObject({ length: 1, role: 'global-op', writtenBy: ['global-ops'] });
    expect(find(plan, 'proj', 0, 'w')).toMatchObject({ length: 1 });
    expect(find(plan, 'proj', 0, '_delay_uniform')).toMatchObject({ dtype: 'i32', length: 1, role: 'delay' });
    expect(plan.arrays.some((a) => a.owner === 'proj' && a.name === '_inv_ptr')).toBe(false); // rate-coded: no spike propagation index
    expectTableMatchesState(net);
  });

  it('inputs: the data of SpikeSourceArray and TimedArray, the window of a DecodingProjection, the special kernels', async () => {
    const net = new Network({ dt: 1.0, seed: 9 });
    const ssa = new SpikeSourceArray([[1, 3, 5], [2], []], { network: net, name: 'S' });
    const ta = new TimedArray({ rates: [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], network: net, name: 'T' });
    const R = net.create(2, Rate, { name: 'R' });
    net.connect(new DecodingProjection(ssa, R, 'exc', { window: 4 })).connectAllToAll({ weights: 0.5 });
    net.connect(ta, R, 'exc').connectOneToOne({ weights: 1.0 });
    await net.compile({ backend: 'js' });
    const plan = net.plan!;
    expect(plan.schedule.filter((k) => k.kind === 'neuron').map((k) => k.variant)).toEqual(['spike-source-array', 'timed-array', 'equations']);
    expect(plan.schedule.find((k) => k.kind === 'transmission' && k.id === 0)).toMatchObject({ variant: 'decoding', enabledBy: 2 });
    // Three neurons with 3, 1 and 0 spike times: CSR pointers (size + 1) over 4 steps.
    expect(find(plan, 'pop', 0, '_ssa_ptr')).toMatchObject({ dtype: 'i32', length: 4, lengthFormula: 'size + 1', role: 'input-data', writtenBy: [] });
    expect(find(plan, 'pop', 0, '_ssa_steps')).toMatchObject({ length: 4, lengthFormula: 'data' });
    expect(find(plan, 'pop', 0, '_ssa_next')).toMatchObject({ role: 'input-counter', writtenBy: ['neuron'] });
    // Three blocks of two values; the kernel copies a block into r.
    expect(find(plan, 'pop', 1, '_ta_buffer')).toMatchObject({ dtype: 'f64', length: 6, lengthFormula: 'blocks × size', writtenBy: [] });
    expect(find(plan, 'pop', 1, '_ta_schedule')).toMatchObject({ length: 3, lengthFormula: 'blocks' });
    expect(find(plan, 'pop', 1, 'r').writtenBy).toEqual(['neuron']);
    // A window of 4 steps over the 2 dendrites of R.
    expect(find(plan, 'proj', 0, '_dec_hist')).toMatchObject({ dtype: 'f64', length: 8, lengthFormula: 'window × dendrites', writtenBy: ['transmission'] });
    expect(find(plan, 'pop', 2, '_sum_exc').writtenBy).toEqual(['clear-sums', 'transmission']);
    expectTableMatchesState(net);
  });
});
