/**
 * Battery 'api': misuses of the public API (issue 13's list and more), each with what must happen:
 * 'invalid' — refused with a NeurarchyError (whose message names what `names` lists); 'valid' —
 * accepted, and `check` (when given) confirms the documented behaviour; 'unknown' — either, but an
 * accepted call must still pass `check`. Every case starts from fresh objects, and the global state
 * (default network, functions, constants) is cleared after it.
 */
import * as N from '../../src/index.js';
import { SPIKE_NEURON } from '../generate.js';
import type { CaseReport, CaseRequest, Expect } from '../types.js';
import { runGuarded } from './common.js';
import { findCompiler } from '../../src/backends/cpp/toolchain.js';

export const name = 'api';

const RATE = new N.Neuron({ name: 'ApiRate', parameters: 'tau = 10.0\nB = 0.5', equations: 'tau * dv/dt + v = B + sum(exc)\nr = pos(v)' });

/** A small uncompiled network: two rate populations, one spiking, a 3 × 4 rate population. */
function mk() {
  const net = new N.Network({ dt: 0.5, seed: 1 });
  const a = net.create(4, RATE, { name: 'a' });
  const b = net.create(3, RATE, { name: 'b' });
  const s = net.create(4, SPIKE_NEURON, { name: 's' });
  const g = net.create([3, 4], RATE, { name: 'g' });
  return { net, a, b, s, g };
}

/** The same, connected (a → b all-to-all) and compiled on js. */
async function compiled() {
  const m = mk();
  const proj = m.net.connect(m.a, m.b, 'exc', undefined, { name: 'ab' }).connectAllToAll({ weights: 0.5 });
  await m.net.compile();
  return { ...m, proj };
}

interface ApiCase {
  name: string;
  expect: Expect;
  run: () => unknown;
  /** For an accepted call: '' when it did what is documented, otherwise what went wrong. */
  check?: (result: unknown) => string | Promise<string>;
  /** A refusal's message must contain each of these. */
  names?: string[];
}

const CASES: ApiCase[] = [];
/** `names` are asked of refusals of invalid calls only (a refusal of an 'unknown' call may have other reasons). */
const add = (name: string, expect: Expect, run: () => unknown, extra: Partial<ApiCase> = {}) => {
  CASES.push({ name, expect, run, ...extra, names: expect === 'invalid' ? extra.names : undefined });
};
/** Runs `fn`, letting the user's own exception (message 'user code') through as documented: it is not the library's. */
const userThrows = async (fn: () => unknown): Promise<unknown> => {
  try { return await fn(); } catch (e) { if ((e as Error).message === 'user code') return 'propagated'; throw e; }
};

/* ---- Network configuration ---- */
for (const [v, e] of [[0, 'invalid'], [-0.1, 'invalid'], [NaN, 'invalid'], [Infinity, 'invalid'], ['0.1', 'invalid'], [null, 'invalid'], [1e-300, 'unknown']] as const) {
  add(`new Network({ dt: ${String(v)} })`, e, () => new N.Network({ dt: v as number }), { names: ['dt'] });
}
for (const [v, e] of [[1.5, 'invalid'], [NaN, 'invalid'], [Infinity, 'invalid'], ['42', 'invalid'], [-1, 'unknown'], [2 ** 40, 'unknown']] as const) {
  add(`new Network({ seed: ${String(v)} })`, e, () => new N.Network({ seed: v as number }), { names: ['seed'] });
}
add('seed -1 and 2^32-1 are the same stream (modulo 2^32) or refused', 'unknown', async () => {
  const draw = async (seed: number) => { const net = new N.Network({ seed, dt: 1 }); const p = net.create(3, RATE); p.v = new N.Uniform(0, 1); return Array.from(p.v as Float64Array); };
  return [await draw(-1), await draw(2 ** 32 - 1)];
}, { check: (r) => { const [x, y] = r as number[][]; return x!.join() === y!.join() ? '' : 'seed -1 and 2^32-1 give different streams (not modulo 2^32)'; } });
for (const v of [0, -2, 1.5, NaN, '2']) add(`new Network({ numThreads: ${String(v)} })`, 'invalid', () => new N.Network({ numThreads: v as number }), { names: ['numThreads'] });
for (const v of ['foo', 5, '']) add(`new Network({ method: ${JSON.stringify(v)} })`, 'invalid', () => new N.Network({ method: v as never }), { names: ['method'] });
add('new Network({ method: "foo" }) then compile', 'invalid', async () => { const net = new N.Network({ method: 'foo' as never }); net.create(2, RATE); await net.compile(); });
for (const v of ['cuda', 'JS', 5]) add(`new Network({ backend: ${JSON.stringify(v)} })`, 'invalid', () => new N.Network({ backend: v as never }), { names: ['backend'] });
add('new Network({ seeed: 1 })', 'invalid', () => new N.Network({ seeed: 1 } as never), { names: ['seeed', 'seed'] });
add('new Network({ num_threads: 2 })', 'invalid', () => new N.Network({ num_threads: 2 } as never), { names: ['num_threads', 'numThreads'] });
add('new Network({ progress: "yes" })', 'invalid', () => new N.Network({ progress: 'yes' } as never));
for (const v of [5, 'x', null, [], true]) add(`new Network(${JSON.stringify(v)})`, 'invalid', () => new N.Network(v as never));
add('net.config({ dt: 0 })', 'invalid', () => mk().net.config({ dt: 0 }), { names: ['dt'] });
add('net.config({ zq: 1 })', 'invalid', () => mk().net.config({ zq: 1 } as never), { names: ['zq'] });
add('net.config() after compile', 'invalid', async () => (await compiled()).net.config({ dt: 0.1 }));
add('setup({ dt: -1 })', 'invalid', () => N.setup({ dt: -1 }));
add('setup({ numThreads: 0 })', 'invalid', () => N.setup({ numThreads: 0 }));
add('setup(5)', 'invalid', () => N.setup(5 as never));

/* ---- Populations ---- */
for (const [g, e] of [[-1, 'invalid'], [1.5, 'invalid'], [NaN, 'invalid'], [Infinity, 'invalid'], ['5', 'invalid'], [[3, -1], 'invalid'], [[2, 1.5], 'invalid'], [[], 'invalid'],
  [0, 'unknown'], [[2, 0], 'unknown'], [null, 'invalid'], [{ length: 3 }, 'invalid'], [1e9, 'invalid'], [[1e5, 1e5], 'invalid'], [2 ** 31, 'invalid']] as const) {
  add(`net.create(${JSON.stringify(g)}, neuron)`, e, () => new N.Network({ dt: 1 }).create(g as never, RATE));
}
add('new Population(1e9, LeakyIntegrator)', 'invalid', () => new N.Population(1e9, new N.LeakyIntegrator(), { network: new N.Network() }));
for (const [nm, e] of [['a/b', 'invalid'], ['', 'invalid'], [5, 'invalid'], ['_network', 'unknown'], ['a b', 'unknown'], ['\u0000', 'unknown']] as const) {
  add(`population name ${JSON.stringify(nm)}`, e, () => new N.Network().create(3, RATE, { name: nm as never }));
}
add('two populations with the same name', 'invalid', () => { const net = new N.Network(); net.create(3, RATE, { name: 'p' }); net.create(3, RATE, { name: 'p' }); }, { names: ['p'] });
add('a population named "a/b" saved and loaded back', 'unknown', async () => {
  const net = new N.Network({ dt: 1, seed: 1 }); net.create(3, RATE, { name: 'a/b' }); await net.compile(); net.fromNpz(net.toNpz());
});
for (const [nv, e] of [[undefined, 'invalid'], [{}, 'invalid'], ['LIF', 'invalid'], [N.Izhikevich, 'valid'], [5, 'invalid'], [N.Neuron, 'unknown']] as const) {
  add(`net.create(3, ${nv === undefined ? 'undefined' : typeof nv === 'function' ? nv.name : JSON.stringify(nv)})`, e, () => new N.Network().create(3, nv as never));
}
add('new Population({ geometry: 3, neuron, stop_condition: "r > 1" })', 'invalid', () => new N.Population({ geometry: 3, neuron: RATE, stop_condition: 'r > 1', network: new N.Network() } as never), { names: ['stop_condition'] });
add('net.create(3, neuron, { foo: 1 })', 'invalid', () => new N.Network().create(3, RATE, { foo: 1 } as never), { names: ['foo'] });
add('net.create(3, neuron, 5)', 'invalid', () => new N.Network().create(3, RATE, 5 as never));
add('new Population()', 'invalid', () => new (N.Population as never as new () => unknown)());
for (const [sc, e] of [[5, 'invalid'], ['zq > 1', 'invalid'], ['r >', 'invalid'], ['', 'unknown'], ['r > 0.1', 'valid']] as const) {
  add(`stopCondition ${JSON.stringify(sc)}`, e, async () => { const net = new N.Network({ dt: 1 }); net.create(3, RATE, { stopCondition: sc as never }); await net.compile(); });
}
add('pop.set({ zq: 1 })', 'invalid', () => mk().a.set({ zq: 1 }), { names: ['zq'] });
add('pop.set({ v: [1, 2] }) on 4 neurons', 'invalid', () => mk().a.set({ v: [1, 2] }));
add('pop.v = "abc"', 'invalid', () => { (mk().a as unknown as { v: unknown }).v = 'abc'; });
add('pop.v = null', 'invalid', () => { (mk().a as unknown as { v: unknown }).v = null; });
add('pop.v = {}', 'invalid', () => { (mk().a as unknown as { v: unknown }).v = {}; });
add('pop.v = [1, "x", 3, 4]', 'invalid', () => { (mk().a as unknown as { v: unknown }).v = [1, 'x', 3, 4]; });
add('pop.v = [4][3] nested on a [3, 4] population', 'invalid', () => { mk().g.set({ v: Array.from({ length: 4 }, () => [1, 2, 3]) }); });
add('pop.v = [3][4] nested on a [3, 4] population: element (1, 2)', 'valid', () => { const { g } = mk(); g.set({ v: [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]] }); return g.get('v'); },
  { check: (v) => ((v as Float64Array)[1 * 4 + 2] === 6 ? '' : `element (1, 2) is ${(v as Float64Array)[6]}, not 6`) });
add('pop.v = [[1, 2, 3, 4]] on a flat 4-neuron population', 'unknown', () => mk().a.set({ v: [[1, 2, 3, 4]] }), { check: () => '' });
add('pop.v = NaN', 'unknown', () => mk().a.set({ v: NaN }));
add('pop.get("zq")', 'invalid', () => mk().a.get('zq'), { names: ['zq'] });
add('pop.slice(3, 1)', 'unknown', () => mk().a.slice(3, 1));
add('pop.slice(0, 99)', 'unknown', () => mk().a.slice(0, 99));
add('pop.slice(1.5, 3)', 'invalid', () => mk().a.slice(1.5, 3));
add('pop.view([99])', 'invalid', () => mk().a.view([99]));
add('pop.view([-1])', 'invalid', () => mk().a.view([-1]));
add('pop.view([1.5])', 'invalid', () => mk().a.view([1.5]));
add('pop.view([NaN])', 'invalid', () => mk().a.view([NaN]));
add('pop.neuronAt(99)', 'invalid', () => mk().a.neuronAt(99));
add('pop.neuronAt(-1)', 'invalid', () => mk().a.neuronAt(-1));
add('pop.neuronAt(0, 0) on a flat population', 'invalid', () => mk().a.neuronAt(0, 0));
add('pop.rankFromCoordinates([9, 9]) on [3, 4]', 'invalid', () => (mk().g as unknown as { rankFromCoordinates(c: number[]): number }).rankFromCoordinates([9, 9]));
add('pop.sum("zq")', 'unknown', async () => (await compiled()).b.sum('zq'));

/* ---- Projections and connectors ---- */
const proj = () => { const m = mk(); return { ...m, p: m.net.connect(m.a, m.b, 'exc') }; };
const sproj = () => { const m = mk(); const s2 = m.net.create(3, SPIKE_NEURON, { name: 's2' }); return { ...m, p: m.net.connect(m.s, s2, 'exc') }; };
for (const [t, e] of [['', 'invalid'], [5, 'invalid'], ['a b', 'invalid'], [[], 'invalid'], [null, 'invalid'], ['exc', 'valid'], ['zq', 'unknown']] as const) {
  add(`net.connect(a, b, ${JSON.stringify(t)})`, e, () => { const m = mk(); m.net.connect(m.a, m.b, t as never); });
}
add('net.connect(undefined, b, "exc")', 'invalid', () => { const m = mk(); m.net.connect(undefined as never, m.b, 'exc'); });
add('net.connect(a, b, "exc", "Oja")', 'invalid', () => { const m = mk(); m.net.connect(m.a, m.b, 'exc', 'Oja' as never); });
add('net.connect(a, b, "exc", synapse, { foo: 1 })', 'invalid', () => { const m = mk(); m.net.connect(m.a, m.b, 'exc', undefined, { foo: 1 } as never); }, { names: ['foo'] });
add('net2.connect(popOfNet1, popOfNet2)', 'invalid', () => { const m1 = mk(), m2 = mk(); m2.net.connect(m1.a, m2.b, 'exc'); });
add('new Projection(popOfNet1, popOfNet2)', 'invalid', () => { const m1 = mk(), m2 = mk(); new N.Projection(m1.a, m2.b, 'exc'); });
add('spiking synapse g_exc target missing on post (target "zq" of spiking post; ANNarchy adds g_zq)', 'unknown', async () => { const m = mk(); const s2 = m.net.create(3, SPIKE_NEURON); m.net.connect(m.s, s2, 'zq').connectAllToAll({ weights: 1 }); await m.net.compile(); });
add('connectAllToAll({ weights: null })', 'invalid', () => proj().p.connectAllToAll({ weights: null as never }), { names: ['weights'] });
add('connectAllToAll({ weights: NaN })', 'invalid', () => proj().p.connectAllToAll({ weights: NaN }), { names: ['weights'] });
add('connectAllToAll({ weights: "abc" })', 'invalid', () => proj().p.connectAllToAll({ weights: 'abc' as never }));
add('connectAllToAll({ weights: [1, 2] })', 'invalid', () => proj().p.connectAllToAll({ weights: [1, 2] as never }));
add('connectAllToAll({ weigths: 1 })', 'invalid', () => proj().p.connectAllToAll({ weigths: 1 } as never), { names: ['weigths'] });
add('connectAllToAll("x")', 'invalid', () => proj().p.connectAllToAll('x' as never));
add('connectAllToAll(0.25) (the weight)', 'valid', () => { const { p } = proj(); p.connectAllToAll(0.25); return p.get('w'); }, { check: (w) => (w === 0.25 || (Array.isArray(w) && (w as Float64Array[])[0]![0] === 0.25) ? '' : `w is ${String(w)}`) });
add('connectAllToAll twice', 'unknown', () => proj().p.connectAllToAll({ weights: 1 }).connectAllToAll({ weights: 1 }));
for (const [d, e] of [[-1, 'invalid'], [NaN, 'invalid'], [Infinity, 'invalid'], ['2', 'invalid'], [0, 'unknown'], [0.3, 'unknown']] as const) {
  add(`connectAllToAll({ delays: ${String(d)} })`, e, async () => { const { net, p } = sproj(); p.connectAllToAll({ weights: 1, delays: d as never }); await net.compile(); await net.simulate(2); }, { names: ['delay'] });
}
add('connectAllToAll({ delays: 1e9 }) then compile and simulate', 'unknown', async () => { const { net, p } = sproj(); p.connectAllToAll({ weights: 1, delays: 1e9 }); await net.compile(); await net.simulate(2); });
add('connectAllToAll({ delays: new Uniform(-5, -1) })', 'invalid', () => sproj().p.connectAllToAll({ weights: 1, delays: new N.Uniform(-5, -1) }));
add('connectAllToAll({ delays: new Uniform(1, 1e10) }) then compile', 'unknown', async () => { const { net, p } = sproj(); p.connectAllToAll({ weights: 1, delays: new N.Uniform(1, 1e10) }); await net.compile(); await net.simulate(1); });
add('per-synapse delays beyond 2^31 steps (connectFromMatrix + proj.delay)', 'unknown', async () => {
  const { net, p } = sproj(); p.connectAllToAll({ weights: 1, delays: new N.Uniform(1, 2) }); await net.compile();
  p.delay = Array.from({ length: 3 }, () => Array(4).fill(2 ** 31 * 0.5 + 5)); await net.simulate(1); return p.delay;
}, { check: (d) => ((d as Float64Array[])[0]![0]! > 0 ? '' : `delay read back as ${(d as Float64Array[])[0]![0]} (wrapped)`) });
for (const [pr, e] of [[1.5, 'invalid'], [-0.1, 'invalid'], [NaN, 'invalid'], [undefined, 'invalid'], [0, 'unknown'], [1, 'valid']] as const) {
  add(`connectFixedProbability({ probability: ${String(pr)} })`, e, () => proj().p.connectFixedProbability({ probability: pr as number, weights: 1 }), { names: ['probability'] });
}
for (const [n, e] of [[-1, 'invalid'], [1.5, 'invalid'], [NaN, 'invalid'], [99, 'unknown'], [0, 'unknown']] as const) {
  add(`connectFixedNumberPre({ number: ${String(n)} })`, e, () => proj().p.connectFixedNumberPre({ number: n, weights: 1 }), { names: ['number'] });
}
add('connectFixedNumberPost({ number: -3 })', 'invalid', () => proj().p.connectFixedNumberPost({ number: -3, weights: 1 }));
add('connectFromMatrix with NaN entries', 'unknown', () => { const { p } = proj(); p.connectFromMatrix([[NaN, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]]); return p.nbSynapses; });
add('connectFromMatrix with null entries (no synapse, as None)', 'valid', () => { const { p } = proj(); p.connectFromMatrix([[null, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]]); return p.nbSynapses; }, { check: (n) => (n === 11 ? '' : `${String(n)} synapses, expected 11`) });
add('connectFromMatrix of the wrong shape (4 × 3 for 3 × 4)', 'invalid', () => proj().p.connectFromMatrix(Array.from({ length: 4 }, () => [1, 1, 1])));
add('connectFromMatrix("abc")', 'invalid', () => proj().p.connectFromMatrix('abc' as never));
add('connectFromMatrix([[1, "x", 1, 1], …])', 'invalid', () => proj().p.connectFromMatrix([[1, 'x', 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]] as never));
add('connectOneToOne between 4 and 3 neurons', 'unknown', () => proj().p.connectOneToOne({ weights: 1 }));
add('connectGaussian({ amp: 1, sigma: -1 })', 'invalid', () => proj().p.connectGaussian({ amp: 1, sigma: -1 } as never));
add('connectGaussian({ amp: NaN, sigma: 0.5 })', 'invalid', () => proj().p.connectGaussian({ amp: NaN, sigma: 0.5 } as never));
add('connectWithFunc(5)', 'invalid', () => proj().p.connectWithFunc(5 as never));
add('connectWithFunc(() => { throw new TypeError() })', 'unknown', () => userThrows(() => proj().p.connectWithFunc(() => { throw new TypeError('user code'); })));
add('all-to-all 1e5 × 1e5', 'invalid', () => { const net = new N.Network(); const x = net.create(1e5, RATE), y = net.create(1e5, RATE); net.connect(x, y, 'exc').connectAllToAll({ weights: 1 }); });
add('fixed probability 0.5 on 1e5 × 1e5', 'invalid', () => { const net = new N.Network(); const x = net.create(1e5, RATE), y = net.create(1e5, RATE); net.connect(x, y, 'exc').connectFixedProbability({ probability: 0.5, weights: 1 }); });
add('proj.delay = 1e9 after compile', 'unknown', async () => { const { net, p } = sproj(); p.connectAllToAll({ weights: 1, delays: 1 }); await net.compile(); p.delay = 1e9; await net.simulate(1); });
add('proj.delay = -1 after compile', 'invalid', async () => { const { net, p } = sproj(); p.connectAllToAll({ weights: 1, delays: 1 }); await net.compile(); p.delay = -1; });
add('proj.delay = NaN', 'invalid', async () => { const { net, p } = sproj(); p.connectAllToAll({ weights: 1, delays: 1 }); await net.compile(); p.delay = NaN; });
add('proj.w = "x"', 'invalid', () => { const { p } = proj(); p.connectAllToAll({ weights: 1, forceMultipleWeights: true } as never); p.set({ w: 'x' as never }); });
add('proj.set({ zq: 1 })', 'invalid', () => { const { p } = proj(); p.connectAllToAll({ weights: 1 }); p.set({ zq: 1 }); }, { names: ['zq'] });
add('proj.dendrite(99)', 'invalid', () => { const { p } = proj(); p.connectAllToAll({ weights: 1 }); p.dendrite(99); });
add('proj.synapse(99, 0)', 'invalid', () => { const { p } = proj(); p.connectAllToAll({ weights: 1 }); p.synapse(99, 0); });
add('proj.w before connecting', 'invalid', () => proj().p.get('w'));
add('enableLearning({ period: NaN })', 'invalid', async () => { const { net, p } = proj(); p.connectAllToAll({ weights: 1 }); await net.compile(); p.enableLearning({ period: NaN }); });
add('enableLearning({ period: 0 })', 'unknown', async () => { const { net, p } = proj(); p.connectAllToAll({ weights: 1 }); await net.compile(); p.enableLearning({ period: 0 }); await net.simulate(2); });
add('enableLearning({ perod: 1 })', 'invalid', () => { const { p } = proj(); p.connectAllToAll({ weights: 1 }); p.enableLearning({ perod: 1 } as never); });

/* ---- Monitors ---- */
for (const [per, e] of [[0, 'invalid'], [-1, 'invalid'], [NaN, 'invalid'], [0.25, 'invalid'], [0.75, 'unknown'], [Infinity, 'invalid'], ['1', 'invalid'], [1, 'valid']] as const) {
  add(`new Monitor(pop, "v", { period: ${String(per)} }) at dt 0.5`, e, async () => { const m = mk(); const mon = new N.Monitor(m.a, 'v', { period: per as number }); await m.net.compile(); await m.net.simulate(5); return mon.get('v'); },
    { names: ['period'], check: (rows) => ((rows as unknown[]).length === 5 ? '' : `${(rows as unknown[]).length} samples in 5 ms at period 1, expected 5`) });
}
add('new Monitor(pop, "v", { periodOffset: -1 })', 'invalid', () => new N.Monitor(mk().a, 'v', { periodOffset: -1 }));
add('new Monitor(pop, "v", { period: 1, periodOffset: 1 })', 'invalid', () => new N.Monitor(mk().a, 'v', { period: 1, periodOffset: 1 }));
add('new Monitor(pop, "v", { perod: 1 })', 'invalid', () => new N.Monitor(mk().a, 'v', { perod: 1 } as never), { names: ['perod'] });
add('new Monitor(pop, "v", 5)', 'invalid', () => new N.Monitor(mk().a, 'v', 5 as never));
add('new Monitor(pop, "zq")', 'invalid', () => new N.Monitor(mk().a, 'zq'), { names: ['zq'] });
add('new Monitor(pop, 5)', 'invalid', () => new N.Monitor(mk().a, 5 as never));
add('new Monitor(pop, [])', 'unknown', () => new N.Monitor(mk().a, []));
add('new Monitor(undefined, "v")', 'invalid', () => new N.Monitor(undefined as never, 'v'));
add('new Monitor({}, "v")', 'invalid', () => new N.Monitor({} as never, 'v'));
add('new Monitor(ratePop, "spike")', 'invalid', () => new N.Monitor(mk().a, 'spike'), { names: ['spike'] });
add('net2.monitor(popOfNet1)', 'invalid', () => { const m1 = mk(), m2 = mk(); m2.net.monitor(m1.a, 'v'); });
add('monitor.get("zq")', 'invalid', async () => { const m = mk(); const mon = new N.Monitor(m.a, 'v'); await m.net.compile(); await m.net.simulate(1); mon.get('zq'); });
add('Monitor of proj "w" (valid)', 'valid', async () => { const c = await compiled(); const mon = new N.Monitor(c.proj, 'w'); await c.net.simulate(1); return mon.get('w'); }, { check: (rows) => ((rows as unknown[]).length === 2 ? '' : `${(rows as unknown[]).length} samples in 1 ms at dt 0.5`) });

/* ---- Simulation and time ---- */
for (const [d, e] of [[Infinity, 'invalid'], [NaN, 'invalid'], [-1, 'invalid'], ['10', 'invalid'], [undefined, 'invalid'], [0, 'valid']] as const) {
  add(`net.simulate(${String(d)})`, e, async () => { const c = await compiled(); await c.net.simulate(d as number); return c.net.getCurrentStep(); }, { check: (s) => (s === 0 ? '' : `step ${String(s)} after simulate(0)`) });
}
add('net.simulate(0.3) at dt 0.5 (rounded to 1 step)', 'unknown', async () => { const c = await compiled(); await c.net.simulate(0.3); return c.net.getCurrentStep(); }, { check: (s) => (s === 1 || s === 0 ? '' : `step ${String(s)}`) });
add('simulate before compile', 'invalid', async () => { await mk().net.simulate(1); });
add('step before compile', 'invalid', async () => { await mk().net.step(); });
for (const [o, e] of [[{ maxDuration: NaN }, 'invalid'], [{ maxDuration: -1 }, 'invalid'], [{ maxDuration: Infinity }, 'invalid'], [{ maxDuration: 10, operator: 'xor' }, 'invalid'], [{ max_duration: 10 }, 'invalid'], [undefined, 'invalid'], [{ maxDuration: 10, populations: [] }, 'unknown']] as const) {
  add(`net.simulateUntil(${JSON.stringify(o) ?? 'undefined'})`, e, async () => {
    const net = new N.Network({ dt: 0.5 }); net.create(3, RATE, { stopCondition: 'r > 100' }); await net.compile(); return net.simulateUntil(o as never);
  });
}
for (const [t, e] of [[NaN, 'invalid'], [Infinity, 'invalid'], [-5, 'unknown'], ['1', 'invalid']] as const) {
  add(`net.setTime(${String(t)})`, e, async () => { const c = await compiled(); c.net.setTime(t as number); return c.net.getTime(); }, { check: (x) => (Number.isFinite(x) ? '' : `getTime() is ${String(x)}`) });
}
for (const [s, e] of [[-5, 'invalid'], [1.5, 'invalid'], [NaN, 'invalid'], [2 ** 53, 'unknown'], [10, 'valid']] as const) {
  add(`net.setCurrentStep(${String(s)})`, e, async () => { const c = await compiled(); c.net.setCurrentStep(s); return c.net.getCurrentStep(); }, { check: (x) => (x === s ? '' : `getCurrentStep() is ${String(x)}`) });
}
for (const [o, e] of [[{ period: 0 }, 'invalid'], [{ period: NaN }, 'invalid'], [{ period: -1 }, 'invalid'], [{ period: Infinity }, 'invalid'], [{ perod: 1 }, 'invalid'], [{ period: 1, offset: NaN }, 'invalid'], [5, 'invalid']] as const) {
  add(`net.every(${JSON.stringify(o)}, fn)`, e, async () => { const c = await compiled(); c.net.every(o as never, () => {}); await c.net.simulate(2); });
}
add('net.every({ period: 1 }, "notfn")', 'invalid', async () => { const c = await compiled(); c.net.every({ period: 1 }, 'notfn' as never); await c.net.simulate(2); });
add('every callback that throws a TypeError', 'unknown', async () => { const c = await compiled(); c.net.every({ period: 1 }, () => { throw new TypeError('user code'); }); return userThrows(() => c.net.simulate(2)); });
add('net.reset({ zq: true })', 'invalid', async () => (await compiled()).net.reset({ zq: true } as never), { names: ['zq'] });
add('net.reset(5)', 'invalid', async () => (await compiled()).net.reset(5 as never));
add('net.computeFiringRate(pop, -1)', 'invalid', async () => { const m = mk(); await m.net.compile(); m.net.computeFiringRate(m.s, -1); });

/* ---- Compile ---- */
for (const [o, e] of [[{ backend: 'zq' }, 'invalid'], [{ directory: 5 }, 'invalid'], [{ foo: 1 }, 'invalid'], ['x', 'invalid'], [{ numThreads: 0 }, 'invalid'], [{ backend: 'js' }, 'valid']] as const) {
  add(`net.compile(${JSON.stringify(o)})`, e, async () => { await mk().net.compile(o as never); });
}
add('compile twice', 'valid', async () => { const c = await compiled(); await c.net.compile(); });
add('compile({ backend: "cpp", compiler: "/nonexistent/g++" })', 'invalid', async () => { await mk().net.compile({ backend: 'cpp', compiler: '/nonexistent/g++', directory: '/tmp/neurarchy-fuzz-api' }); });
add('compile({ backend: "cpp", directory: "/proc/zq" }) fails fast', 'invalid', async () => { await mk().net.compile({ backend: 'cpp', directory: '/proc/zq/x' }); });
add('population added after compile', 'invalid', async () => { const c = await compiled(); c.net.create(3, RATE); });
add('projection added after compile', 'invalid', async () => { const c = await compiled(); c.net.connect(c.a, c.b, 'inh'); });
add('an empty network compiled and simulated', 'unknown', async () => { const net = new N.Network(); await net.compile(); await net.simulate(1); });

/* ---- Constants and functions ---- */
for (const [nm, v, e] of [['dt', 1, 'invalid'], ['t', 1, 'invalid'], ['1x', 1, 'invalid'], ['a b', 1, 'invalid'], ['', 1, 'invalid'], [5, 1, 'invalid'], ['g', NaN, 'invalid'], ['g', 'x', 'invalid'], ['exp', 1, 'invalid'], ['g', Infinity, 'unknown']] as const) {
  add(`new Constant(${JSON.stringify(nm)}, ${String(v)})`, e, () => mk().net.constant(nm as never, v as never));
}
add('a Constant named like a parameter (tau)', 'unknown', async () => { const m = mk(); m.net.constant('tau', 3); await m.net.compile(); });
add('a Constant named dt used in an equation', 'invalid', async () => { const net = new N.Network({ dt: 1 }); net.constant('dt', 5); net.create(2, new N.Neuron({ equations: 'v = dt' })); await net.compile(); });
for (const [f, e] of [['f(x) = ', 'invalid'], ['zq', 'invalid'], [5, 'invalid'], ['f(x) = zq_g(x)', 'unknown'], ['f(x) = x +', 'invalid'], ['exp(x) = x', 'unknown'], ['f(x) = f(x)', 'unknown'], ['f(x) = x\u200b', 'invalid']] as const) {
  add(`addFunction(${JSON.stringify(f)})`, e, () => N.addFunction(f as never));
}

for (const f of ['f(x) = zq_g(x)', 'f(x) = f(x)']) {
  add(`addFunction(${JSON.stringify(f)}) used in a model`, 'invalid', async () => { N.addFunction(f); const net = new N.Network({ dt: 1 }); net.create(2, new N.Neuron({ equations: 'v = f(1.0)' })); await net.compile(); await net.simulate(1); });
}

/* ---- Inputs ---- */
const netOpt = () => ({ network: new N.Network({ dt: 0.5 }) });
for (const [r, e] of [[-5, 'invalid'], [NaN, 'invalid'], [Infinity, 'invalid'], ['zq', 'invalid'], [[1, 2], 'invalid'], ['-5.0', 'unknown'], [[-1, 1, 1, 1], 'invalid']] as const) {
  add(`new PoissonPopulation(4, { rates: ${JSON.stringify(r)} })`, e, async () => { const o = netOpt(); new N.PoissonPopulation(4, { rates: r as never, ...o }); await o.network.compile(); await o.network.simulate(1); }, { names: ['rates'] });
}
add('new PoissonPopulation(4, {})', 'invalid', () => new N.PoissonPopulation(4, {} as never));
add('new PoissonPopulation(4, { rates: 10, foo: 1 })', 'invalid', () => new N.PoissonPopulation(4, { rates: 10, foo: 1, ...netOpt() } as never), { names: ['foo'] });
add('poisson.rates = -5 after creation', 'invalid', () => { const p = new N.PoissonPopulation(4, { rates: 10, ...netOpt() }); (p as unknown as { rates: number }).rates = -5; });
for (const [t, e] of [[[[-1]], 'invalid'], [[[NaN]], 'invalid'], [[['a']], 'invalid'], [[[5, 1]], 'unknown'], [[[Infinity]], 'invalid'], ['x', 'invalid'], [[[1, 1]], 'unknown']] as const) {
  add(`new SpikeSourceArray(${JSON.stringify(t)})`, e, async () => { const o = netOpt(); new N.SpikeSourceArray(t as never, o); await o.network.compile(); await o.network.simulate(3); });
}
add('new TimedArray({ rates: [[NaN, 1]] })', 'unknown', () => new N.TimedArray({ rates: [[NaN, 1]], ...netOpt() }));
add('new TimedArray({ rates: [[1, 2]], period: -5 })', 'unknown', () => new N.TimedArray({ rates: [[1, 2]], period: -5, ...netOpt() }));
add('new TimedArray({ rates: [[1, 2]], schedule: -1 })', 'invalid', () => new N.TimedArray({ rates: [[1, 2]], schedule: -1, ...netOpt() }));
add('new TimedArray({ rates: [[1, 2], [1, 2, 3]] })', 'invalid', () => new N.TimedArray({ rates: [[1, 2], [1, 2, 3]], ...netOpt() }));
add('new TimedArray({ rates: [] })', 'unknown', () => new N.TimedArray({ rates: [], ...netOpt() }));
add('new TimedArray({ rates: [[1]], zq: 1 })', 'invalid', () => new N.TimedArray({ rates: [[1]], zq: 1, ...netOpt() } as never), { names: ['zq'] });
for (const [o, e] of [[{ rates: 10, corr: 1.5, tau: 1 }, 'invalid'], [{ rates: 10, corr: -0.1, tau: 1 }, 'invalid'], [{ rates: 10, corr: 0.5, tau: 0 }, 'invalid'], [{ rates: -10, corr: 0.5, tau: 1 }, 'invalid'], [{ rates: 10, corr: 0.5 }, 'invalid']] as const) {
  add(`new HomogeneousCorrelatedSpikeTrains(4, ${JSON.stringify(o)})`, e, () => new N.HomogeneousCorrelatedSpikeTrains(4, { ...o, ...netOpt() } as never));
}
add('new InputArray(-1)', 'invalid', () => new N.InputArray(-1, netOpt()));

/* ---- Distributions ---- */
for (const [make, label] of [
  [() => new N.Uniform(1, 0), 'Uniform(1, 0)'], [() => new N.Normal(0, -1), 'Normal(0, -1)'], [() => new N.Normal(NaN, 1), 'Normal(NaN, 1)'], [() => new N.LogNormal(0, -1), 'LogNormal(0, -1)'],
  [() => new N.Exponential(-1), 'Exponential(-1)'], [() => new N.Gamma(-1, 1), 'Gamma(-1, 1)'], [() => new N.Binomial(1.5, 0.5), 'Binomial(1.5, 0.5)'], [() => new N.Binomial(10, 2), 'Binomial(10, 2)'],
  [() => new N.DiscreteUniform(5, 1), 'DiscreteUniform(5, 1)'], [() => new N.Uniform('a' as never, 1), 'Uniform("a", 1)'], [() => new N.Normal(0, 1, { min: 5, max: -5 } as never), 'Normal(0, 1, { min: 5, max: -5 })'],
] as const) add(`new ${label}`, 'invalid', make);
for (const expr of ['Normal(0.0, -1.0)', 'Uniform(1.0, 0.0)', 'Exponential(-1.0)', 'Normal(0.0)', 'Uniform(zq, 1.0)']) {
  add(`${expr} inside an equation`, 'invalid', async () => { const net = new N.Network({ dt: 1 }); net.create(2, new N.Neuron({ name: 'DistNeuron', equations: `v = ${expr}` })); await net.compile(); await net.simulate(2); }, { names: ['DistNeuron'] });
}

/* ---- Built-in model constructors ---- */
for (const [make, label] of [
  [() => new N.Izhikevich({ zq: 1 } as never), 'Izhikevich({ zq: 1 })'], [() => new N.Izhikevich({ a: NaN }), 'Izhikevich({ a: NaN })'], [() => new N.TsodyksMarkram({ tau_facil: 0 }), 'TsodyksMarkram({ tau_facil: 0 })'],
  [() => new N.Hebb({ eta: 'x' as never }), 'Hebb({ eta: "x" })'], [() => new N.IF_curr_exp(5 as never), 'IF_curr_exp(5)'], [() => new N.STDP({ tau_plus: Infinity }), 'STDP({ tau_plus: Infinity })'],
  [() => new N.HH_cond_exp({ zq: 1 } as never), 'HH_cond_exp({ zq: 1 })'],
] as const) add(`new ${label}`, 'invalid', make);
add('new Neuron(5)', 'invalid', () => new N.Neuron(5 as never));
add('new Synapse("x")', 'invalid', () => new N.Synapse('x' as never));
add('new Neuron({ equations: 5 })', 'invalid', () => new N.Network().create(2, new N.Neuron({ name: 'TypeNeuron', equations: 5 as never })), { names: ['TypeNeuron', 'equations'] });
add('new Neuron({ spike: null })', 'invalid', () => new N.Network().create(2, new N.Neuron({ name: 'NullSpike', equations: 'dv/dt = 1', spike: null as never })), { names: ['NullSpike', 'spike'] });
add('infinite refractory period through a parameter', 'unknown', async () => {
  const net = new N.Network({ dt: 0.5 });
  const p = net.create(1, new N.Neuron({ parameters: 'tr = 1.0', equations: 'dv/dt = 1.0', spike: 'v > 1.0', reset: 'v = 0.0', refractory: 'tr' }));
  p.set({ tr: Infinity });
  const m = new N.Monitor(p, 'spike'); await net.compile(); await net.simulate(20);
  return (m.get('spike') as Record<number, number[]>)[0]?.length ?? 0;
}, { check: (n) => ((n as number) <= 1 ? '' : `${String(n)} spikes in 20 ms with an infinite refractory period`) });
add('setup({ checkNumerics: "error" }): tau = 0 reported after simulate()', 'invalid', async () => {
  const net = new N.Network({ dt: 0.5, checkNumerics: 'error' } as never);
  net.create(2, new N.Neuron({ name: 'ZeroTau', parameters: 'tau = 0.0', equations: 'tau * dv/dt = 1 - v\nr = v' }), { name: 'zt' }); await net.compile(); await net.simulate(2);
}, { names: ['NaN|non-finite|Infinity|finite'] });
add('setup({ checkNumerics: "off" })', 'valid', () => new N.Network({ checkNumerics: 'off' } as never));
add('setup({ checkNumerics: "zq" })', 'invalid', () => new N.Network({ checkNumerics: 'zq' } as never), { names: ['checkNumerics'] });
add('tau = 0 integrates to non-finite values', 'unknown', async () => { const net = new N.Network({ dt: 0.5 }); const p = net.create(2, new N.Neuron({ parameters: 'tau = 0.0', equations: 'tau * dv/dt = 1 - v' })); await net.compile(); await net.simulate(2); return p.get('v'); });

/* ---- Saving and loading ---- */
add('net.load("/nonexistent/file.npz")', 'invalid', async () => { const c = await compiled(); await c.net.load('/nonexistent/zq/file.npz'); });
add('net.save("/proc/zq/x.npz")', 'invalid', async () => { const c = await compiled(); await c.net.save('/proc/zq/x.npz'); });
add('net.fromNpz(new Uint8Array(0))', 'invalid', async () => (await compiled()).net.fromNpz(new Uint8Array(0)));
add('net.fromNpz("x")', 'invalid', async () => (await compiled()).net.fromNpz('x' as never));
add('net.fromJson("{}")', 'invalid', async () => (await compiled()).net.fromJson('{}'));
add('net.fromJson(5)', 'invalid', async () => (await compiled()).net.fromJson(5 as never));
add('net.loadParameters of a garbage file', 'invalid', async () => { const fs = await import('node:fs'); const f = `/tmp/nrx-fuzz-params-${process.pid}.json`; fs.writeFileSync(f, '{"zq": '); try { await (await compiled()).net.loadParameters(f); } finally { fs.rmSync(f, { force: true }); } });
add('save of an uncompiled network, load back', 'unknown', () => { const m = mk(); m.net.fromNpz(m.net.toNpz()); });
add('toNpz({ compress: 12 })', 'invalid', async () => (await compiled()).net.toNpz(undefined, { compress: 12 }));

/* ---- The cpp backend: a new seed must not cost a new g++ run (issue 13) ---- */
add('two seeds of one model on cpp share one compiled library', 'valid', async () => {
  if ((await findCompiler()) === undefined) return 1;
  const fs = await import('node:fs'), os = await import('node:os'), path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrx-fuzz-seeds-'));
  try {
    for (const seed of [11, 12]) {
      const net = new N.Network({ dt: 0.5, seed }); net.create(3, RATE).set({ v: new N.Uniform(0, 1) });
      await net.compile({ backend: 'cpp', directory: dir }); await net.simulate(1);
    }
    return fs.readdirSync(dir).filter((f) => f.endsWith('.so')).length;
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
}, { check: (n) => (n === 1 ? '' : `${String(n)} libraries for two seeds of the same model`) });

/* ---- Disposal ---- */
add('simulate after dispose', 'invalid', async () => { const c = await compiled(); (c.net as unknown as { dispose(): void }).dispose(); await c.net.simulate(1); });
add('dispose twice', 'valid', async () => { const c = await compiled(); const d = c.net as unknown as { dispose(): void }; d.dispose(); d.dispose(); });

/* ---- PymoNNto-style behaviours: the spec language (parsed, never eval'd), sizes, recorders ---- */
const B = N.behaviors;
const group = (size: unknown = 5) => { const net = new B.Network({ seed: 1 }); return { net, g: new B.NeuronGroup({ net, tag: 'g', size: size as number }) }; };
for (const [spec, e] of [['uniform(0, 1)', 'valid'], ['uniform(0,', 'invalid'], ['uniform(1, 0)', 'invalid'], ['normal(0, -1)', 'invalid'], ['zq(1)', 'invalid'],
  ['process.exit(1)', 'invalid'], ['constructor', 'invalid'], ['uniform(0, 1) + ', 'invalid'], ['1e999', 'unknown'], ['(((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))', 'unknown'], ['', 'unknown']] as const) {
  add(`neurons.vector(${JSON.stringify(spec)})`, e, async () => { const { net, g } = group(); await net.initialize(); return g.vector(spec); },
    { check: (v) => ((v as Float64Array).length === 5 ? '' : `length ${(v as Float64Array).length}`) });
}
add('neurons.vector("uniform(0, 1)", { density: 1.5 })', 'invalid', async () => { const { net, g } = group(); await net.initialize(); return g.vector('uniform(0, 1)', { density: 1.5 }); });
add('neurons.vector("uniform(0, 1)", { zq: 1 })', 'invalid', async () => { const { net, g } = group(); await net.initialize(); return g.vector('uniform(0, 1)', { zq: 1 } as never); }, { names: ['zq'] });
for (const size of [-1, 1.5, NaN, '5', 1e10]) add(`new NeuronGroup({ size: ${JSON.stringify(size)} })`, 'invalid', () => group(size));
add('new NeuronGroup({ net, tag, size, zq: 1 })', 'invalid', () => { const net = new B.Network(); new B.NeuronGroup({ net, tag: 'g', size: 3, zq: 1 } as never); }, { names: ['zq'] });
add('new NeuronGroup({ behavior: { x: 5 } })', 'invalid', () => { const net = new B.Network(); new B.NeuronGroup({ net, tag: 'g', size: 3, behavior: { x: 5 } as never }); });
add('new Recorder(["zq(voltage"])', 'invalid', async () => { const net = new B.Network(); new B.NeuronGroup({ net, tag: 'g', size: 3, behavior: { 9: new B.Recorder(['zq(voltage']) } }); await net.initialize(); await net.simulateIterations(2); });
add('new Recorder(["mean(voltage)"]) of a variable no behaviour creates', 'invalid', async () => { const net = new B.Network(); new B.NeuronGroup({ net, tag: 'g', size: 3, behavior: { 9: new B.Recorder(['mean(zq_voltage)']) } }); await net.initialize(); await net.simulateIterations(2); });
add('net.simulateIterations(-1)', 'invalid', async () => { const { net } = group(); await net.initialize(); await net.simulateIterations(-1); });
add('net.simulateIterations(Infinity)', 'invalid', async () => { const { net } = group(); await net.initialize(); await net.simulateIterations(Infinity); });
add('net.simulateIterations(NaN)', 'invalid', async () => { const { net } = group(); await net.initialize(); await net.simulateIterations(NaN); });
// Tags are resolved when the network initialises (a group may be created after the synapses that name it).
add('new SynapseGroup({ src: "zq" }) then net.initialize()', 'invalid', async () => { const { net } = group(); new B.SynapseGroup({ net, src: 'zq', dst: 'g', tag: 's' }); await net.initialize(); });
add('synapse.matrix("uniform(0, 1)", { density: -1 })', 'invalid', async () => { const { net } = group(); const s = new B.SynapseGroup({ net, src: 'g', dst: 'g', tag: 's' }); await net.initialize(); return s.matrix('uniform(0, 1)', { density: -1 }); });

/* ---- Unknown option keys and non-object options on every constructor ---- */
const isObject = (o: unknown): o is object => typeof o === 'object' && o !== null && !Array.isArray(o);
const OPTION_TAKERS: Array<[string, (o: unknown) => unknown]> = [
  ['new Network', (o) => new N.Network(o as never)],
  ['net.create', (o) => new N.Network().create(2, RATE, o as never)],
  ['new Population', (o) => new N.Population(2, RATE, o as never)],
  ['net.connect', (o) => { const m = mk(); return m.net.connect(m.a, m.b, 'exc', undefined, o as never); }],
  ['new Monitor', (o) => new N.Monitor(mk().a, 'v', o as never)],
  ['connectFixedNumberPre', (o) => proj().p.connectFixedNumberPre(isObject(o) ? { number: 1, ...o } : o as never)],
  ['connectAllToAll', (o) => proj().p.connectAllToAll(o as never)],
  ['connectOneToOne', (o) => proj().p.connectOneToOne(o as never)],
  ['connectFixedProbability', (o) => proj().p.connectFixedProbability(isObject(o) ? { probability: 0.5, ...o } : o as never)],
  ['new TimedArray', (o) => new N.TimedArray(isObject(o) ? { rates: [[1]], ...o } : o as never)],
  ['net.simulateUntil', async (o) => { const c = await compiled(); return c.net.simulateUntil(isObject(o) ? { maxDuration: 1, ...o } : o as never); }],
  ['net.every', async (o) => { const c = await compiled(); return c.net.every(isObject(o) ? { period: 1, ...o } : o as never, () => {}); }],
  ['net.compile', (o) => mk().net.compile(o as never)],
  ['new PoissonPopulation', (o) => new N.PoissonPopulation(2, isObject(o) ? { rates: 10, ...o } : o as never)],
  ['new SpikeSourceArray', (o) => new N.SpikeSourceArray([[1]], o as never)],
  ['new Constant', (o) => new N.Constant('zq_c', 1, o as never)],
  ['new Neuron', (o) => new N.Network().create(2, new N.Neuron(o as never))],
  ['new Synapse', (o) => { const m = mk(); return m.net.connect(m.a, m.b, 'exc', new N.Synapse(o as never)); }],
  ['net.reset', async (o) => (await compiled()).net.reset(o as never)],
  ['proj.enableLearning', async (o) => (await compiled()).proj.enableLearning(o as never)],
  ['net.report', async (o) => (await compiled()).net.report(o as never)],
  ['net.toNpz (options)', async (o) => (await compiled()).net.toNpz(undefined, o as never)],
  ['new HomogeneousCorrelatedSpikeTrains', (o) => new N.HomogeneousCorrelatedSpikeTrains(2, isObject(o) ? { rates: 10, corr: 0.5, tau: 1, ...o } : o as never)],
  ['new InputArray', (o) => new N.InputArray(2, o as never)],
  ['new behaviors.Network', (o) => new N.behaviors.Network(o as never)],
];
for (const [label, take] of OPTION_TAKERS) {
  add(`${label}({ zq_unknown_key: 1 })`, 'invalid', () => take({ zq_unknown_key: 1 }), { names: ['zq_unknown_key'] });
  add(`${label}("options as a string")`, 'invalid', () => take('options as a string'));
  add(`${label}([1, 2])`, 'invalid', () => take([1, 2]));
}

export const count = (): number => CASES.length;

export function describe(index: number): { label: string; input: string } {
  const c = CASES[index];
  return { label: c ? `api · ${c.expect}` : 'api · (none)', input: c?.name ?? `no case ${index}` };
}

export async function run(req: CaseRequest): Promise<CaseReport> {
  const c = CASES[req.index]!;
  const report = await runGuarded({ battery: name, index: req.index, label: `api · ${c.expect}`, input: c.name, expect: c.expect, mustName: c.names }, async (r) => {
    r.backends.push('js');
    const result = await c.run();
    if (c.check) { const wrong = await c.check(result); if (wrong) r.wrong = wrong; }
  });
  N.clear();
  return report;
}
