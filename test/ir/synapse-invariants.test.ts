// The rewrite of src/ir/invariants.ts on synapse descriptions: which parts of the per-dendrite
// (semiglobal) and per-synapse (local) equations are computed once a step, and which are left —
// pre.x / post.x, sums, global operations and the event code vary or run elsewhere.
import { describe, it, expect } from 'vitest';
import { Constant, Network, Neuron, Synapse } from '../../src/index.js';
import { exprToString, type SynapseDescription, type UpdateStep } from '../../src/equations/index.js';
import { hoistInvariants } from '../../src/ir/invariants.js';

/** The description of `synapse` on a projection between two rate-coded (or spiking) populations. */
function describeSynapse(synapse: Synapse, spiking = false): SynapseDescription {
  const net = new Network();
  const neuron = spiking
    ? new Neuron({ equations: 'dv/dt = -v + g_exc', spike: 'v > 1', reset: 'v = 0' })
    : new Neuron({ parameters: 'r = 0.0' });
  return net.connect(net.create(2, neuron), net.create(2, neuron), 'exc', synapse).connectAllToAll(1.0).description;
}

/** Every expression of section `locality`, as text (ODE temporaries as `name := value`). */
const sectionText = (d: SynapseDescription, locality: string): string[] => (d.sections.find((s) => s.locality === locality)?.steps ?? []).flatMap((s: UpdateStep) => (s.kind === 'assign'
  ? [`${s.target} = ${exprToString(s.value)}`]
  : [...s.temps.map((t) => `${t.name} := ${exprToString(t.value)}`), ...s.updates.map((u) => `${u.target} = ${exprToString(u.value)}`)]));
const values = (h: ReturnType<typeof hoistInvariants>) => h.invariants.map((v) => `${v.name} = ${exprToString(v.value)}`);

describe('values of the synaptic equations computed once a step', () => {
  it('semiglobal and local sections share one reciprocal of a projection-wide denominator; pre.x, post.x and per-synapse ones stay', () => {
    const d = describeSynapse(new Synapse({
      parameters: 'tau = 10.0 : projection\nc = 2.0\nk = 3.0 : postsynaptic',
      equations: 'g = 1 / tau : projection\ny = post.r / tau + y / k : postsynaptic\nw = w / pre.r + (1 - w) / tau + w / c + w / post.r',
    }));
    const h = hoistInvariants(d, []);
    expect(values(h)).toEqual(['_li0 = 1.0 / tau']);
    expect(sectionText(h.description, 'global')).toEqual(['g = 1 / tau']); // computed once a step anyway
    expect(sectionText(h.description, 'semiglobal')).toEqual(['y = post.r * _li0 + y / k']);
    expect(sectionText(h.description, 'local')).toEqual(['w = w / pre.r + (1 - w) * _li0 + w / c + w / post.r']);
    expect(sectionText(d, 'local')).toEqual(['w = w / pre.r + (1 - w) / tau + w / c + w / post.r']); // the model's own description is untouched
  });

  it('costly values are computed whole (exp(-dt/tau)); sums and global operations of pre/post are not invariant', () => {
    const d = describeSynapse(new Synapse({
      parameters: 'tau = 10.0 : projection',
      equations: 'w = w * exp(-dt / tau) + post.sum(exc) / (1 + tau) + mean(post.r) / (2 + tau)',
    }));
    const h = hoistInvariants(d, []);
    expect(values(h)).toEqual(['_li0 = exp(-dt / tau)', '_li1 = 1.0 / (1 + tau)', '_li2 = 1.0 / (2 + tau)']);
    expect(sectionText(h.description, 'local')).toEqual(['w = w * _li0 + post.sum(exc) * _li1 + mean(post.r) * _li2']);
  });

  it('a constant is invariant, a per-synapse attribute is not even where a constant has its name', () => {
    new Constant('Ks', 2.0);
    const d = describeSynapse(new Synapse({ parameters: 'k = 1.0', equations: 'w = w / Ks + w / k' }));
    expect(values(hoistInvariants(d, ['Ks', 'k']))).toEqual(['_li0 = 1.0 / Ks']);
  });

  it("a spiking synapse: the per-step equations are rewritten (t_pre varies), the event code (pre_spike, post_spike) is as written", () => {
    const d = describeSynapse(new Synapse({
      parameters: 'tau = 10.0 : projection',
      equations: 'dx/dt = -x / tau + exp(-t_pre / tau)',
      preSpike: 'g_target += w / tau\nx += 1 / tau',
      postSpike: 'w += x / tau',
    }), true);
    const h = hoistInvariants(d, []);
    expect(values(h)).toEqual(['_li0 = 1.0 / tau']);
    expect(sectionText(h.description, 'local')).toEqual(['_m_x := -(x * _li0) + exp(-(t_pre * _li0))', 'x = x + dt * _m_x']);
    expect(h.description.preSpike).toBe(d.preSpike);
    expect(h.description.transmission).toBe(d.transmission);
    expect(h.description.postSpike).toBe(d.postSpike);
    expect([...h.description.transmission, ...h.description.preSpike, ...h.description.postSpike].map((a) => exprToString(a.value))).toEqual(['w / tau', '1 / tau', 'x / tau']);
  });

  it('nothing worth it (per-synapse parameters, as bench/lib/oja.ts writes Oja): the description itself, no values', () => {
    const d = describeSynapse(new Synapse({ parameters: 'tau = 5000.0\nalpha = 8.0', equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w' }));
    const h = hoistInvariants(d, []);
    expect(h.description).toBe(d);
    expect(h.invariants).toEqual([]);
  });
});
