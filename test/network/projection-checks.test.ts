// What a projection is checked for when it is created (src/core/projection-checks.ts): the kinds of
// its populations, every pre./post. reference of its synapse, and its target, which a post-synaptic
// neuron may ignore (ANNarchy's way of testing a learning rule between two SpikeSourceArrays).
import { it, expect, vi, afterEach } from 'vitest';
import { describeBackends, compileFor, closeDigits } from '../helpers/backends.js';
import {
  Network, Neuron, Synapse, SpikeSourceArray, InputArray, PoissonPopulation, CurrentInjection, DecodingProjection,
  EquationError, NetworkError,
} from '../../src/index.js';

const LIF = new Neuron({ name: 'LIF', parameters: 'tau = 10.0', equations: 'tau * dv/dt = -v + g_exc', spike: 'v > 1.0', reset: 'v = 0.0' });
const Rate = new Neuron({ name: 'Rate', equations: 'r = sum(exc)' });

afterEach(() => { vi.restoreAllMocks(); });

it('spiking → rate-coded is refused at creation, naming both populations and the target, pointing to DecodingProjection', () => {
  const net = new Network({ dt: 1 });
  const spk = net.create(2, LIF, { name: 'spikers' });
  const rate = net.create(2, Rate, { name: 'rates' });
  const refused = () => net.connect(spk, rate, 'exc');
  expect(refused).toThrow(NetworkError);
  expect(refused).toThrow(/spikers → rates \(target 'exc'\).*'spikers' is spiking.*'rates' is rate-coded.*DecodingProjection/);
  expect(net.projections).toHaveLength(0); // nothing registered
  expect(() => new DecodingProjection(spk, rate, 'exc')).not.toThrow();
});

it('rate-coded → spiking is refused at creation, pointing to CurrentInjection and PoissonPopulation', () => {
  const net = new Network({ dt: 1 });
  const rate = net.create(2, Rate, { name: 'rates' });
  const spk = net.create(2, LIF, { name: 'spikers' });
  expect(() => net.connect(rate, spk, 'exc')).toThrow(NetworkError);
  expect(() => net.connect(rate, spk, 'exc')).toThrow(/rates → spikers \(target 'exc'\).*'rates' is rate-coded.*'spikers' is spiking.*CurrentInjection.*PoissonPopulation\(\{ target: 'exc' \}\)/);
  expect(net.projections).toHaveLength(0);
  // the ways that exist: a CurrentInjection, a PoissonPopulation reading the target (not another one)
  expect(() => new CurrentInjection(rate, spk, 'exc')).not.toThrow();
  const poisson = new PoissonPopulation(2, { target: 'exc', network: net });
  expect(() => net.connect(rate, poisson, 'exc')).not.toThrow();
  expect(() => net.connect(rate, poisson, 'inh')).toThrow(/CurrentInjection/);
});

// Unknown pre./post. references: an EquationError naming the synapse, field, line and attribute, with the attributes that exist.
{
  const cases: { what: string; synapse: Synapse; field: string; line: number; symbol: string; has: RegExp }[] = [
    { what: 'pre.x in psp', synapse: new Synapse({ name: 'S psp', psp: 'w * pre.foo' }), field: 'psp', line: 1, symbol: 'pre.foo', has: /it has: tau, v, r, g_exc, t_last/ },
    {
      what: 'post.x in the second line of the equations',
      synapse: new Synapse({ name: 'S eq', equations: 'tau_x = 5.0\n tau_x * dx/dt = -x + post.vv', preSpike: 'g_target += w' }),
      field: 'equations', line: 2, symbol: 'post.vv', has: /it has: tau, v, r, g_exc, t_last/,
    },
    {
      what: 'pre.x in pre_spike', synapse: new Synapse({ name: 'S pre', preSpike: 'g_target += w\n w += pre.spike_count' }),
      field: 'pre_spike', line: 2, symbol: 'pre.spike_count', has: /it has: tau, v, r, g_exc/,
    },
    {
      what: 'a write to post.x in post_spike', synapse: new Synapse({ name: 'S write', postSpike: 'post.adapt += 1.0' }),
      field: 'post_spike', line: 1, symbol: 'post.adapt', has: /is written.*it has: tau, v, r, g_exc/,
    },
    {
      what: 'a global operation of an unknown post.x', synapse: new Synapse({ name: 'S op', equations: 'y = mean(post.u) : projection', preSpike: 'g_target += w' }),
      field: 'equations', line: 1, symbol: 'mean(post.u)', has: /it has: tau, v, r, g_exc/,
    },
  ];
  for (const c of cases) {
    it(`refused at creation: ${c.what}`, () => {
      const net = new Network({ dt: 1 });
      const a = net.create(2, LIF, { name: 'A' });
      const b = net.create(2, LIF, { name: 'B' });
      let error: unknown;
      try { net.connect(a, b, 'exc', c.synapse); } catch (e) { error = e; }
      expect(error).toBeInstanceOf(EquationError);
      const e = error as EquationError;
      expect([e.model, e.field, e.line, e.symbol]).toEqual([c.synapse.name, c.field, c.line, c.symbol]);
      expect(e.message).toMatch(/A → B \(target 'exc'\)/);
      expect(e.message).toMatch(c.has);
      expect(net.projections).toHaveLength(0);
    });
  }

  it('refused at creation: a write to post.t_last (read-only)', () => {
    const net = new Network({ dt: 1 });
    const a = net.create(2, LIF, { name: 'A' });
    expect(() => net.connect(a, a, 'exc', new Synapse({ name: 'S tw', postSpike: 'post.t_last = 0.0' }))).toThrow(/'post\.t_last' is read-only/);
  });

  it('refused at creation: t_pre in a synapse whose pre-synaptic population is rate-coded', () => {
    const net = new Network({ dt: 1 });
    const a = net.create(2, Rate, { name: 'A' });
    const b = net.create(2, Rate, { name: 'B' });
    expect(() => net.connect(a, b, 'exc', new Synapse({ name: 'S t', equations: 'y = t - t_pre' }))).toThrow(/'t_pre'.*'A' is rate-coded/);
  });

  it('refused at creation: pre.t_last of a rate-coded neuron (only spiking neurons have it)', () => {
    const net = new Network({ dt: 1 });
    const a = net.create(2, Rate, { name: 'A' });
    const b = net.create(2, Rate, { name: 'B' });
    expect(() => net.connect(a, b, 'exc', new Synapse({ name: 'S tl', equations: 'y = pre.t_last' }))).toThrow(/'pre\.t_last'.*no attribute 't_last' \(it has: r\)/);
  });
}

describeBackends('references that exist keep working', () => {
  it('pre.t_last, post.t_last, t_pre and pre.r of spiking neurons', async () => {
    const net = new Network({ dt: 1 });
    const pre = new SpikeSourceArray([[2, 5]], { network: net });
    const post = net.create(1, new Neuron({ equations: 'mp = g_exc', spike: 't == 3.0' }));
    const proj = net.connect(pre, post, 'exc', new Synapse({
      equations: 'a = pre.t_last\n b = post.t_last\n c = t_pre\n d = pre.r', preSpike: 'g_target += w',
    })).connectAllToAll({ weights: 1.0 });
    await net.compile(compileFor());
    pre.computeFiringRate(2.0);
    await net.simulate(6); // steps 0…5: spikes of pre at steps 2 and 5, of post at step 3
    const at = (n: 'a' | 'b' | 'c' | 'd') => (proj[n] as Float64Array[])[0][0];
    expect([at('a'), at('b'), at('c')]).toEqual([5, 3, 5]);
    expect(at('d')).toBeCloseTo(500, closeDigits(9, 500)); // one spike in the last 2 ms
  });

  it('pre.sum(t) and post.sum(t) of rate-coded neurons', async () => {
    const net = new Network({ dt: 1 });
    const src = net.create(2, new Neuron({ parameters: 'r = 2.0' }));
    const mid = net.create(1, Rate);
    const out = net.create(1, Rate);
    net.connect(src, mid, 'exc').connectAllToAll(1.5);
    const proj = net.connect(mid, out, 'exc', new Synapse({ equations: 'y = pre.sum(exc) + 10 * post.sum(exc)' })).connectAllToAll(0.5);
    await net.compile(compileFor());
    await net.simulate(3);
    // mid: sum(exc) = 2·1.5·2 = 6 from step 1; out: sum(exc) = 0.5·r_mid(previous step) = 3 from step 2
    expect((proj.y as Float64Array[])[0][0]).toBe(6 + 10 * 3);
  });
});

describeBackends('a target the post-synaptic neuron does not read', () => {
  // The notebook rule of ANNarchy's STDP1 example (reference §3.5 D2: tau = 20, A = 0.01, w_max = 2,
  // w0 = 1, pre at t_pre, post at 50 ms, dt = 1) between two SpikeSourceArrays: the post side has no
  // g_exc, so `g_target += w` writes nothing, and the weights follow the spike times only. With
  // neurarchy's symmetric event timing (README, Semantics: ANNarchy's t − 1 for pre events is not
  // copied), Δw = +0.02·exp(−(50 − t_pre)/20) for t_pre < 50 and −0.02·exp(−(t_pre − 50)/20) after:
  // t_pre = 0 → +0.0016417, 49 → +0.0190246, 50 → −0.02, 100 → −0.0016417.
  const rule = new Synapse({
    name: 'STDP1',
    parameters: 'tau_plus = 20.0 : projection\n tau_minus = 20.0 : projection\n A_plus = 0.01 : projection\n A_minus = 0.01 : projection\n w_max = 2.0 : projection',
    equations: 'tau_plus * dx/dt = -x : event-driven\n tau_minus * dy/dt = -y : event-driven',
    preSpike: 'g_target += w\n x += A_plus * w_max\n w = clip(w - y, 0.0, w_max)',
    postSpike: 'y += A_minus * w_max\n w = clip(w + x, 0.0, w_max)',
  });
  const tPre = [0, 30, 49, 50, 51, 70, 100];

  it('STDP between two SpikeSourceArrays (prescribed pre and post spikes): accepted without a warning, ΔW as computed by hand', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const net = new Network({ dt: 1 });
    const pre = new SpikeSourceArray(tPre.map((t) => [t]), { network: net });
    const post = new SpikeSourceArray([[50]], { network: net });
    const proj = net.connect(pre, post, 'exc', rule).connectAllToAll({ weights: 1.0 });
    expect(warn).not.toHaveBeenCalled();
    await net.compile(compileFor());
    expect(net.plan!.projections[0].conductances).toEqual([]);
    await net.simulate(120);
    const dw = Array.from((proj.w as Float64Array[])[0], (w) => w - 1);
    const want = tPre.map((t) => (t < 50 ? 0.02 * Math.exp(-(50 - t) / 20) : -0.02 * Math.exp(-(t - 50) / 20)));
    expect(want[0]).toBeCloseTo(0.0016417, 7);
    expect(want[2]).toBeCloseTo(0.0190246, 7);
    expect(want[3]).toBe(-0.02);
    expect(want[6]).toBeCloseTo(-0.0016417, 7);
    dw.forEach((x, i) => expect(x, `t_pre = ${tPre[i]}`).toBeCloseTo(want[i], closeDigits(14, 0.1)));
  });

  it('an ordinary neuron without g_target: accepted with one warning; its other inputs are untouched', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const net = new Network({ dt: 1 });
    const src = new SpikeSourceArray([[1]], { network: net });
    const out = net.create(1, new Neuron({ name: 'Only exc', equations: 'mp = g_exc', spike: 'mp > 1e9' }), { name: 'out' });
    net.connect(src, out, 'inh').connectAllToAll({ weights: 5.0 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/→ out \(target 'inh'\).*'Only exc' has no conductance g_inh \(its conductances: g_exc\)/);
    net.connect(src, out, 'exc').connectAllToAll({ weights: 2.0 });
    expect(warn).toHaveBeenCalledTimes(1);
    const m = net.monitor(out, 'g_exc');
    await net.compile(compileFor());
    await net.simulate(4);
    expect((m.get('g_exc') as Float64Array[]).map((r) => r[0])).toEqual([0, 0, 2, 0]);
  });

  it('no warning for input populations or neurons that read no input; a warning for a rate neuron reading another sum', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const net = new Network({ dt: 1 });
    const src = new SpikeSourceArray([[1]], { network: net });
    net.connect(src, new PoissonPopulation(1, { rates: 10, network: net }), 'exc');
    net.connect(src, net.create(1, new Neuron({ equations: 'v = t', spike: 't == 5.0' })), 'exc');
    const rates = net.create(1, Rate);
    net.connect(rates, new InputArray(1, { network: net }), 'exc');
    expect(warn).not.toHaveBeenCalled();
    net.connect(rates, net.create(1, Rate, { name: 'reader' }), 'inh');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/→ reader \(target 'inh'\).*never reads sum\(inh\) \(it reads sum\(exc\)\)/);
  });
});
