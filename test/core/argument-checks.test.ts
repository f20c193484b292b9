/**
 * Arguments that used to be accepted silently (issue 13): monitor periods, every() periods,
 * population names, nested arrays of the wrong shape, another network's objects, decoding windows.
 */
import { describe, it, expect } from 'vitest';
import { Network, Neuron, NetworkError, Monitor, Population, Projection, DecodingProjection } from '../../src/index.js';

const Leaky = new Neuron({ parameters: 'tau = 10.0', equations: 'tau * dr/dt + r = 1' });
const Lif = new Neuron({ parameters: 'tau = 10.0', equations: 'tau * dv/dt = -v + g_exc', spike: 'v > 1', reset: 'v = 0' });

describe('Monitor period and options', () => {
  it('refuses unknown keys and non-monitorable objects', () => {
    const net = new Network({ dt: 0.1 });
    const pop = net.create(3, Leaky);
    expect(() => net.monitor(pop, 'r', { period_offset: 1 } as never)).toThrow(/new Monitor\(\): unknown option 'period_offset' — did you mean 'periodOffset'/);
    expect(() => net.monitor(pop, 'r', { perid: 1 } as never)).toThrow(/did you mean 'period'/);
    expect(() => new Monitor('pop0' as never, 'r')).toThrow(/must be a Population, PopulationView, Projection or Dendrite, got the string "pop0"/);
    expect(() => net.monitor(pop, 5 as never)).toThrow(/the variables must be a name or an array of names/);
    expect(() => net.monitor(pop, 'r', { start: 'yes' } as never)).toThrow(/start must be true or false/);
  });
  it('refuses periods that are 0, negative, NaN or below dt; rounds others to whole steps', () => {
    const net = new Network({ dt: 0.1 });
    const pop = net.create(3, Leaky);
    expect(() => net.monitor(pop, 'r', { period: 0 })).toThrow(/new Monitor\(\): period must be at least dt = 0\.1 ms, got 0 ms/);
    expect(() => net.monitor(pop, 'r', { period: -1 })).toThrow(NetworkError);
    expect(() => net.monitor(pop, 'r', { period: 0.05 })).toThrow(/at least dt/);
    expect(() => net.monitor(pop, 'r', { period: NaN })).toThrow(/period must be a finite number of ms, got number NaN/);
    expect(() => net.monitor(pop, 'r', { period: 1, periodOffset: 1 })).toThrow(/periodOffset \(1 ms\) must be below the period \(1 ms\)/);
    expect(() => net.monitor(pop, 'r', { period: 1, periodOffset: -0.1 })).toThrow(/periodOffset must be ≥ 0/);
    expect(net.monitors).toHaveLength(0);
    // 0.3 ms at dt 0.1 is 3 steps despite float error.
    expect(net.monitor(pop, 'r', { period: 0.3 }).period).toBeCloseTo(0.3, 12);
    // 0.27 ms is 2.7 steps: 3 (README, Semantics: rounded, where ANNarchy truncates to 2).
    expect(net.monitor(pop, 'r', { period: 0.27 }).period).toBeCloseTo(0.3, 12);
    const m = net.monitor(pop, 'r', { period: 1 });
    expect(() => m.start(undefined, 0.04)).toThrow(/monitor\.start\(\): period must be at least dt = 0\.1 ms, got 0\.04 ms/);
    expect(m.period).toBe(1);
    m.start(undefined, 0.5);
    expect(m.period).toBe(0.5);
  });
  it('records every period with the offset (ANNarchy: simulate(100) with period 10 → samples at 9, 19, …)', async () => {
    const net = new Network({ dt: 1 });
    const pop = net.create(1, new Neuron({ equations: 'r = t' }));
    const m = net.monitor(pop, 'r', { period: 10, periodOffset: 3 });
    await net.compile();
    await net.simulate(40);
    expect((m.get('r') as Float64Array[]).map((row) => row[0])).toEqual([3, 13, 23, 33]);
  });
  it('net.monitor() refuses an object of another network, naming both', () => {
    const net1 = new Network();
    const net2 = new Network();
    const pop = net1.create(2, Leaky, { name: 'exc' });
    expect(() => net2.monitor(pop, 'r')).toThrow(new RegExp(`network ${net2.id}\\.monitor\\(\\): Population 'exc' belongs to network ${net1.id}, not to network ${net2.id}`));
    expect(net1.monitors).toHaveLength(0);
    expect(net2.monitors).toHaveLength(0);
    expect(net1.monitor(pop, 'r').network).toBe(net1);
  });
});

describe('every()', () => {
  it('refuses period 0, NaN, negative, unknown keys and a missing function', () => {
    const net = new Network({ dt: 0.5 });
    const fn = () => undefined;
    expect(() => net.every({ period: 0 }, fn)).toThrow(/every\(\): period must be a finite number of ms > 0, got number 0/);
    expect(() => net.every({ period: NaN }, fn)).toThrow(/got number NaN/);
    expect(() => net.every({ period: -5 }, fn)).toThrow(NetworkError);
    expect(() => net.every({ period: Infinity }, fn)).toThrow(NetworkError);
    expect(() => net.every({ period: 1, offest: 1 } as never, fn)).toThrow(/every\(\): unknown option 'offest' — did you mean 'offset'/);
    expect(() => net.every({ period: 1, network: net } as never, fn)).toThrow(/'network' is not supported: call every\(\) on that network/);
    expect(() => net.every({ period: 1, wait: NaN }, fn)).toThrow(/wait must be a finite number of ms/);
    expect(() => net.every({ period: 1 }, undefined as never)).toThrow(/the callback must be a function/);
  });
  it('runs at the documented steps', async () => {
    const net = new Network({ dt: 0.5 });
    net.create(1, Leaky);
    await net.compile();
    const at: number[] = [];
    net.every({ period: 2, offset: 0.5 }, () => { at.push(net.currentStep); });
    await net.simulate(6);
    expect(at).toEqual([1, 5, 9]);
  });
});

describe('names', () => {
  it("refuses '/' (the separator of saved files), empty and reserved names", () => {
    const net = new Network();
    expect(() => net.create(2, Leaky, { name: 'a/b' })).toThrow(/new Population\(\): name "a\/b" contains '\/', which separates the name from the array in saved files/);
    expect(() => net.create(2, Leaky, { name: '' })).toThrow(/name must be a non-empty string, got the string ""/);
    expect(() => net.create(2, Leaky, { name: '_network' })).toThrow(/reserved/);
    expect(() => net.create(2, Leaky, { name: 5 as never })).toThrow(/got number 5/);
    const p = net.create(2, Leaky);
    expect(() => net.connect(p, p, 'exc', undefined, { name: 'x/y' })).toThrow(/new Projection\(\): name "x\/y" contains '\/'/);
    expect(net.populations).toHaveLength(1);
  });
  it('refuses duplicate names, including a default name a user name already took', () => {
    const net = new Network();
    net.create(2, Leaky, { name: 'pop1' });
    expect(() => net.create(2, Leaky, { name: 'pop1' })).toThrow(/a population named 'pop1' already exists in this network \(population 0\): choose another name/);
    expect(() => net.create(2, Leaky)).toThrow(/population 1 would get the default name 'pop1', which population 0 already has: give this population a name/);
    const q = net.create(2, Leaky, { name: 'q' });
    expect(q.name).toBe('q');
    net.connect(q, q, 'exc', undefined, { name: 'proj1' });
    expect(() => net.connect(q, q, 'exc')).toThrow(/projection 1 would get the default name 'proj1'/);
  });
});

describe('population and projection options', () => {
  it('refuses unknown keys in both forms', () => {
    const net = new Network();
    expect(() => net.create(2, Leaky, { stop_condition: 'r > 1' } as never)).toThrow(/new Population\(\): unknown option 'stop_condition' — did you mean 'stopCondition'/);
    expect(() => net.create(2, Leaky, { network: new Network() } as never)).toThrow(/network \d+\.create\(\): the population is created in this network; remove 'network'/);
    expect(() => new Population(2, Leaky, { network: net, stop_condition: 'r > 1' } as never)).toThrow(/new Population\(\): unknown option 'stop_condition' — did you mean 'stopCondition'/);
    expect(() => new Population({ geometry: 2, neuron: Leaky, network: net, nmae: 'x' } as never)).toThrow(/unknown option 'nmae' — did you mean 'name'/);
    expect(() => net.create(2, Leaky, { storage_order: 'pre_to_post' } as never)).toThrow(/'storage_order' is not supported/);
    expect(() => net.create(2, Leaky, { stopCondition: 5 } as never)).toThrow(/stopCondition must be a string/);
    const p = net.create(2, Leaky);
    expect(() => net.connect(p, p, 'exc', undefined, { nam: 'x' } as never)).toThrow(/new Projection\(\): unknown option 'nam' — did you mean 'name'/);
    expect(() => new Projection({ pre: p, post: p, target: 'exc', synpase: undefined } as never)).toThrow(/did you mean 'synapse'/);
    expect(() => new Projection(p, p, 'exc', undefined, { disable_omp: true } as never)).toThrow(/'disable_omp' is not supported/);
  });
  it('DecodingProjection: window checked and rounded to steps', () => {
    const net = new Network({ dt: 0.5 });
    const s = net.create(2, Lif);
    const r = net.create(2, Leaky);
    expect(() => new DecodingProjection(s, r, 'exc', { window: -1 })).toThrow(/new DecodingProjection\(\): window must be at least dt = 0\.5 ms, got -1 ms/);
    expect(new DecodingProjection(s, r, 'exc', { window: 1.1 }).window).toBe(1);
    expect(() => new DecodingProjection(s, r, 'exc', { window: NaN })).toThrow(NetworkError);
    expect(() => new DecodingProjection(s, r, 'exc', { windw: 1 } as never)).toThrow(/did you mean 'window'/);
    expect(new DecodingProjection(s, r, 'exc', { window: 2 }).window).toBe(2);
    expect(new DecodingProjection(s, r, 'exc').window).toBe(0.5);
  });
});

describe('nested arrays against the geometry', () => {
  it('refuses a [4][3] array for a [3, 4] population and ragged arrays', () => {
    const net = new Network();
    const pop = net.create([3, 4], Leaky, { name: 'grid' });
    const rows = (r: number, c: number) => Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => 10 * i + j));
    expect(() => { pop.r = rows(4, 3); }).toThrow(/population 'grid', attribute 'r': a nested array of shape \[4, 3\] does not match the geometry \[3, 4\]/);
    expect(() => pop.set({ tau: [[1, 2, 3, 4], [1, 2, 3], [1, 2, 3, 4, 5]] })).toThrow(/ragged/);
    pop.r = rows(3, 4);
    expect(Array.from(pop.r as Float64Array)).toEqual([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23]);
    pop.r = Array.from({ length: 12 }, (_, k) => k);
    expect((pop.r as Float64Array)[11]).toBe(11);
    const row = pop.view(1, ':');
    expect(() => { row.r = [[1, 2], [3, 4]]; }).toThrow(/view of 4.*shape \[2, 2\] does not match the geometry \[4\]/);
  });
});

describe('saving, reports, learning, monitor reads', () => {
  it('refuse unknown keys', async () => {
    const net = new Network({ dt: 0.5 });
    const pop = net.create(2, Leaky);
    const proj = net.connect(pop, pop, 'exc').connectAllToAll({ weights: 0.1 });
    const m = net.monitor(pop, 'r');
    await net.compile();
    expect(() => net.toNpz({ population: true } as never)).toThrow(/toNpz\(\): unknown option 'population' — did you mean 'populations'/);
    expect(() => net.toNpz(undefined, { compression: 1 } as never)).toThrow(/toNpz\(\): unknown option 'compression'/);
    expect(() => net.fromJson('{}', { pickle_encoding: 'latin1' } as never)).toThrow(/'pickle_encoding' is not supported/);
    await expect(net.save('/tmp/never-written.npz', { projection: false } as never)).rejects.toThrow(/did you mean 'projections'/);
    expect(() => net.report({ filename: 'x.md', author: 'me' } as never)).toThrow(/report\(\): option 'author' is not supported/);
    expect(() => net.report({ file: 'x.md' } as never)).toThrow(/report\(\): unknown option 'file'/);
    expect(() => m.get('r', { reshap: false } as never)).toThrow(/monitor\.get\(\): unknown option 'reshap' — did you mean 'reshape'/);
    expect(() => m.get(undefined as never, { force_dict: true } as never)).toThrow(/'force_dict' is not supported/);
    expect(() => proj.enableLearning({ periode: 1 } as never)).toThrow(/projection 'proj0'\.enableLearning\(\): unknown option 'periode' — did you mean 'period'/);
  });
  it('enableLearning: period and offset finite and rounded to steps, offset below the period', () => {
    const net = new Network({ dt: 0.5 });
    const pop = net.create(2, Leaky);
    const proj = net.connect(pop, pop, 'exc').connectAllToAll({ weights: 0.1 });
    expect(() => proj.enableLearning({ period: NaN })).toThrow(/period must be a finite number of ms, got number NaN/);
    expect(() => proj.enableLearning({ period: 0.2 })).toThrow(/period must be at least dt = 0\.5 ms, got 0\.2 ms/);
    expect(() => proj.enableLearning({ period: 1, offset: -0.5 })).toThrow(/offset must be ≥ 0, got -0\.5 ms/);
    expect(() => proj.enableLearning({ period: 2, offset: 2 })).toThrow(/offset \(2 ms\) must be below the period \(2 ms\)/);
    proj.enableLearning({ period: 2, offset: 0.5 });
    expect([proj.learningPeriod, proj.learningOffset]).toEqual([4, 1]);
  });
});

describe('set() and other arguments', () => {
  it('set() needs an object of values (set(5) set nothing)', () => {
    const net = new Network();
    const pop = net.create(4, Leaky, { name: 'p' });
    const proj = net.connect(pop, pop, 'exc', undefined, { name: 'pp' }).connectAllToAll({ weights: 0.1, forceMultipleWeights: true });
    expect(() => pop.set(5 as never)).toThrow(/population 'p'\.set\(\): give an object of attribute values such as \{ tau: 20 \}, got number 5/);
    expect(() => pop.slice(0, 2).set([1, 2] as never)).toThrow(/p\[view of 2\]\.set\(\): give an object/);
    expect(() => proj.set(null as never)).toThrow(/projection 'pp'\.set\(\): .*got null/);
    expect(() => proj.dendrite(0).set('w' as never)).toThrow(/a dendrite of projection 'pp'\.set\(\)/);
    expect(() => pop.slice(NaN)).toThrow(/population 'p'\.slice\(\): start must be an integer rank, got number NaN/);
    expect(() => pop.slice(0, 2.5)).toThrow(/stop must be an integer rank/);
    expect(pop.slice(-2).ranks).toEqual(Int32Array.of(2, 3));
    expect(() => net.connect(pop, pop, 'inh').connectWithFunc(undefined as never)).toThrow(/connectWithFunc\(\): the first argument must be a function/);
  });
});

describe('names shared by a population and a projection', () => {
  it('are refused (their arrays would share the keys of saved files)', () => {
    const net = new Network();
    const a = net.create(2, Leaky, { name: 'x' });
    expect(() => net.connect(a, a, 'exc', undefined, { name: 'x' })).toThrow(/a population is already named 'x' \(population 0\): a projection cannot share it, their arrays would share the keys 'x\/…' of saved files/);
    net.connect(a, a, 'exc', undefined, { name: 'y' });
    expect(() => net.create(2, Leaky, { name: 'y' })).toThrow(/a projection is already named 'y'/);
  });
});

describe('synapse argument and firing-rate window', () => {
  it('refuses options in the place of the synapse; accepts a built-in synapse class', async () => {
    const { STDP } = await import('../../src/index.js');
    const net = new Network();
    const a = net.create(2, Leaky);
    expect(() => net.connect(a, a, 'exc', { name: 'x' } as never)).toThrow(/new Projection\(\): synapse must be a Synapse \(or left out for the default\), got an object \(Object\); options come after it/);
    const s = net.create(2, Lif);
    expect(net.connect(s, s, 'exc', STDP as never).synapseType).toBeInstanceOf(STDP);
  });
  it('computeFiringRate() needs a finite window of at least dt', async () => {
    const net = new Network({ dt: 0.5 });
    const s = net.create(2, Lif, { name: 's' });
    await net.compile();
    expect(() => s.computeFiringRate(NaN)).toThrow(/population 's'\.computeFiringRate\(\): window must be a finite number of ms, got number NaN/);
    expect(() => s.computeFiringRate(0.1)).toThrow(/window must be at least dt = 0\.5 ms/);
    s.computeFiringRate(10);
  });
});
