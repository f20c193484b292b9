// The fields of new Neuron()/new Synapse(): unknown keys and wrong types refused with the model and
// field named; ANNarchy 5's Parameter/Variable objects; parameters written by event code.
import { describe, it, expect } from 'vitest';
import { describeBackends, compileFor, closeDigits } from '../helpers/backends.js';
import { EquationError, Network, Neuron, Synapse, Parameter, Variable, Uniform, SpikeSourceArray, addFunction } from '../../src/index.js';

/** The EquationError thrown by `run` (fails the test when there is none or another kind). */
function equationError(run: () => unknown): EquationError {
  try { run(); } catch (e) {
    expect(e).toBeInstanceOf(EquationError);
    return e as EquationError;
  }
  throw new Error('no error thrown');
}

describe('model fields: unknown keys', () => {
  it.each([
    ['neuron', 'equtions', 'equations'], ['neuron', 'axon_spike', 'axonSpike'], ['neuron', 'axon_reset', 'axonReset'],
    ['synapse', 'pre_spike', 'preSpike'], ['synapse', 'post_spike', 'postSpike'], ['synapse', 'pre_axon_spike', 'preAxonSpike'],
    ['synapse', 'paramters', 'parameters'],
  ])('%s: %s → did you mean %s', (kind, key, suggestion) => {
    const spec = { name: 'M', [key]: 'x = 1' };
    const e = equationError(() => (kind === 'neuron' ? new Neuron(spec as never) : new Synapse(spec as never)));
    expect(e.model).toBe('M');
    expect(e.message).toContain(`unknown option '${key}'`);
    expect(e.message).toContain(`did you mean '${suggestion}'`);
  });

  it('pruning and creating must be strings (structural plasticity, issue 16); stop_condition points to the population', () => {
    for (const key of ['pruning', 'creating']) {
      expect(equationError(() => new Synapse({ [key]: 0.5 } as never)).message).toMatch(new RegExp(`field '${key}' must be a string`));
      expect(() => new Synapse({ [key]: 'w < 0.1' })).not.toThrow();
    }
    expect(equationError(() => new Neuron({ stop_condition: 'r > 1' } as never)).message).toMatch(/belongs to the population.*stopCondition/);
  });

  it('a Python-spelt synapse is not silently made non-plastic', () => {
    expect(() => new Synapse({ pre_spike: 'g_target += w\nw += 1' } as never)).toThrow(/did you mean 'preSpike'/);
  });
});

describe('model fields: types', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['equations: 5', { equations: 5 }, 'equations', /got number 5/],
    ['spike: null', { spike: null }, 'spike', /must be a string, got null/],
    ['refractory: []', { refractory: [] }, 'refractory', /got an array of length 0/],
    ['parameters: null', { parameters: null }, 'parameters', /got null/],
    ['reset: {}', { reset: {} }, 'reset', /got an object/],
    ['equations: [1]', { equations: ['r = 1', 1] }, 'equations', /array of strings and Variables/],
    ['functions: 3', { functions: 3 }, 'functions', /must be a string/],
    ['axonSpike: true', { axonSpike: true }, 'axon_spike', /got boolean true/],
  ];
  it.each(cases)('neuron %s', (_, spec, field, message) => {
    const e = equationError(() => new Neuron({ name: 'FromJson', ...spec } as never));
    expect(e.model).toBe('FromJson');
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  it.each([
    ['preSpike: 7', { preSpike: 7 }, 'pre_spike'], ['psp: []', { psp: [] }, 'psp'], ['operation: "avg"', { operation: 'avg' }, 'operation'],
    ['parameters: { a: "1" }', { parameters: { a: '1' } }, 'parameters'], ['parameters: { a: NaN }', { parameters: { a: NaN } }, 'parameters'],
  ])('synapse %s', (_, spec, field) => {
    const e = equationError(() => new Synapse({ name: 'S', ...spec } as never));
    expect(e.model).toBe('S');
    expect(e.field).toBe(field);
  });

  it('addFunction() with something else than a string', () => {
    expect(equationError(() => addFunction(5 as never)).message).toMatch(/takes the definition as a string.*got number 5/);
  });

  it('a spec that is not an object, and a name that is not a string', () => {
    expect(equationError(() => new Neuron('r = 1' as never)).message).toMatch(/takes an object of fields.*got the string/);
    expect(equationError(() => new Synapse({ name: 42 } as never)).field).toBe('name');
  });
});

describe('Parameter and Variable (ANNarchy 5)', () => {
  it('are written in the string form', () => {
    const n = new Neuron({
      parameters: { tau: new Parameter(10, { locality: 'local' }), b: 0.5, on: true, n: new Parameter(3, { type: 'int' }) },
      equations: [new Variable('tau * dv/dt = -v + b', { init: -60, min: -90, max: 'b + 40', method: 'exponential' }), 'r = v',
        new Variable('m = mean(v)', { locality: 'global' }), new Variable('dx/dt = -x', { init: new Uniform(0, 1) })],
    });
    expect(n.spec.parameters).toBe('tau = 10\nb = 0.5 : population\non = True : population\nn = 3 : population, int');
    expect(n.spec.equations).toEqual(['tau * dv/dt = -v + b : init=-60, min=-90, max=b + 40, exponential', 'r = v',
      'm = mean(v) : population', 'dx/dt = -x : init=Uniform(0, 1)']);
    const s = new Synapse({ parameters: { eta: new Parameter(0.1, { locality: 'semiglobal' }) }, equations: [new Variable('dw/dt = eta', { locality: 'local' })] });
    expect(s.spec.parameters).toBe('eta = 0.1 : postsynaptic');
  });

  it('refuse what ANNarchy refuses, naming the object', () => {
    expect(() => new Parameter(Infinity)).toThrow(EquationError);
    expect(() => new Parameter(1, { localty: 'local' } as never)).toThrow(/did you mean 'locality'/);
    expect(() => new Parameter(1, { locality: 'everywhere' as never })).toThrow(/locality must be one of/);
    expect(() => new Variable('', {})).toThrow(/non-empty string/);
    expect(() => new Variable('dv/dt = -v', { method: 'euler' as never })).toThrow(/method must be one of/);
    expect(() => new Variable('dv/dt = -v', { init: [1] as never })).toThrow(/init must be a number/);
    const semi = equationError(() => new Neuron({ parameters: { a: new Parameter(1, { locality: 'semiglobal' }) } }));
    expect(semi.message).toMatch(/only for synapses/);
    // Flags in the string and as options are merged; one given twice is reported by the parser.
    expect(new Neuron({ equations: [new Variable('dv/dt = -v : init=1', { min: 0 }), 'r = v'] }).spec.equations)
      .toEqual(['dv/dt = -v : init=1, min=0', 'r = v']);
  });
});

describeBackends('Parameter/Variable simulate as the string form', () => {
  const asString = new Neuron({
    parameters: 'tau = 10.0\nI = 2.0 : population\nk = 3 : population, int',
    equations: 'tau * dv/dt = -v + I + k : init=-5.0, max=4.0, midpoint\nr = pos(v)\nm = mean(v) : population',
  });
  const asObjects = new Neuron({
    parameters: { tau: new Parameter(10.0, { locality: 'local' }), I: 2.0, k: new Parameter(3, { type: 'int' }) },
    equations: [new Variable('tau * dv/dt = -v + I + k', { init: -5.0, max: 4.0, method: 'midpoint' }), 'r = pos(v)',
      new Variable('m = mean(v)', { locality: 'global' })],
  });

  it('same v, r and m at every step, and the expected first steps', async () => {
    const runs = [];
    for (const neuron of [asString, asObjects]) {
      const net = new Network({ dt: 1.0 });
      const pop = net.create(2, neuron);
      const m = net.monitor(pop, ['v', 'r', 'm']);
      await net.compile(compileFor());
      await net.simulate(30);
      runs.push(m.get() as Record<string, Float64Array[]>);
    }
    expect(runs[1]).toEqual(runs[0]);
    // midpoint, dt = 1: v1 = v0 + (5 - (v0 + (5 - v0)/20))/10 with v0 = -5 → -5 + (10 - 0.5)/10 = -4.05
    expect(runs[0].v[0][0]).toBeCloseTo(-4.05, closeDigits(12, 5));
    // max=4 clips v from the step it would pass 4 on
    expect(Math.max(...runs[0].v.map((r) => r[0]))).toBe(4);
  });
});

describeBackends('parameters written by event code (ANNarchy accepts wc += xc)', () => {
  const receiver = new Neuron({ equations: 'g_exc = 0', spike: 'g_exc > 1e9' });

  // Sources: neuron 0 spikes at t = 1 and 3, neuron 1 at 1, neuron 2 at 2; all-to-all onto 2 neurons.
  async function run(flag: string, field: 'preSpike' | 'postSpike' = 'preSpike') {
    const S = new Synapse({ parameters: `wc = 0.0 ${flag}\nxc = 0.5 : projection`, [field]: 'wc += xc' });
    const net = new Network({ dt: 1 });
    const src = new SpikeSourceArray([[1, 3], [1], [2]], { network: net });
    const out = net.create(2, receiver);
    const proj = net.connect(src, out, 'exc', S).connectAllToAll({ weights: 1 });
    await net.compile(compileFor());
    await net.simulate(6);
    return { proj, S };
  }

  it('a local parameter changes per synapse: 0.5 per spike that reached it', async () => {
    const { proj } = await run('');
    const wc = proj.get('wc') as Float64Array[];
    expect(wc.map((row) => Array.from(row))).toEqual([[1, 0.5, 0.5], [1, 0.5, 0.5]]);
    expect(proj.description.attributes.find((a) => a.name === 'wc')!.role).toBe('parameter');
  });

  it('a projection-wide parameter changes once per synapse event: 4 spikes × 2 synapses × 0.5 = 4', async () => {
    const { proj } = await run(': projection');
    expect(proj.get('wc')).toBe(4);
  });

  it('a post-synaptic parameter: 4 events per post neuron × 0.5 = 2 each', async () => {
    const { proj } = await run(': postsynaptic');
    expect(Array.from(proj.get('wc') as Float64Array)).toEqual([2, 2]);
  });
});
