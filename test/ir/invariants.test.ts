// The rewrite of src/ir/invariants.ts on descriptions: which parts of the per-neuron equations are
// computed once a step, under which names, and which are left alone.
import { describe, it, expect } from 'vitest';
import { Constant, Network, Neuron } from '../../src/index.js';
import { exprToString, type NeuronDescription, type UpdateStep } from '../../src/equations/index.js';
import { hoistInvariants } from '../../src/ir/invariants.js';

const describe1 = (spec: ConstructorParameters<typeof Neuron>[0]): NeuronDescription => new Network().create(1, new Neuron(spec)).description;
/** Every expression of the local section, as text (ODE temporaries as `name := value`). */
const localText = (d: NeuronDescription): string[] => d.sections.find((s) => s.locality === 'local')!.steps.flatMap((s: UpdateStep) => (s.kind === 'assign'
  ? [`${s.target} = ${exprToString(s.value)}`]
  : [...s.temps.map((t) => `${t.name} := ${exprToString(t.value)}`), ...s.updates.map((u) => `${u.target} = ${exprToString(u.value)}`)]));
const values = (h: ReturnType<typeof hoistInvariants>) => h.invariants.map((v) => `${v.name} = ${exprToString(v.value)}`);

describe('values of the per-neuron equations computed once a step', () => {
  it('a population-wide denominator becomes one reciprocal, shared by its uses; a per-neuron one stays', () => {
    const d = describe1({ parameters: 'tau = 10.0 : population\nc = 2.0', equations: 'r = (1 - r) / tau + r / tau\ny = y / c' });
    const h = hoistInvariants(d, []);
    expect(values(h)).toEqual(['_li0 = 1.0 / tau']);
    expect(localText(h.description)).toEqual(['r = (1 - r) * _li0 + r * _li0', 'y = y / c']);
    expect(localText(d)).toEqual(['r = (1 - r) / tau + r / tau', 'y = y / c']); // the model's own description is untouched
  });

  it('costly values are computed whole (the same bits); cheap ones, comparisons and draws are left', () => {
    const d = describe1({
      parameters: 'tau = 10.0 : population\na = 1.0 : population',
      equations: 'r = r * exp(-dt / tau) + a\ny = ite(dt / tau > 0.5, y, 0) + a * 2\nz = z + Normal(0, a)',
    });
    const h = hoistInvariants(d, []);
    expect(values(h)).toEqual(['_li0 = exp(-dt / tau)']);
    expect(localText(h.description)).toEqual([
      'r = r * _li0 + a',
      'y = ite(dt / tau > 0.5, y, 0) + a * 2', // a comparison is not a float: left as written
      'z = z + Normal(0, a)',
    ]);
  });

  it('a constant is invariant, a local attribute is not even where a constant has its name', () => {
    new Constant('K', 2.0);
    const d = describe1({ parameters: 'k = 1.0', equations: 'r = r / K\ny = y / k' });
    expect(values(hoistInvariants(d, ['K', 'k']))).toEqual(['_li0 = 1.0 / K']);
  });

  it('nothing worth it: the description itself, no values', () => {
    const d = describe1({ parameters: 'tau = 10.0', equations: 'r = r / tau' });
    const h = hoistInvariants(d, []);
    expect(h.description).toBe(d);
    expect(h.invariants).toEqual([]);
  });

  it('a chain of 5000 divisions by a population-wide value (no stack overflow)', () => {
    const chain = Array.from({ length: 5000 }, () => '/ b').join(' ');
    const d = describe1({ parameters: 'b = 1.0001 : population', equations: `r = r ${chain}` });
    const h = hoistInvariants(d, []);
    expect(h.invariants.length).toBe(1);
  });
});
