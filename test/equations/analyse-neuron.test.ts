import { describe, it, expect } from 'vitest';
import {
  analyseNeuron, parseStopCondition, parseFunctionDefinition, exprToString, evaluate,
  type AnalysisContext, type NeuronDescription, type NeuronSpec, type UpdateStep, type FunctionDef,
} from '../../src/equations/index.js';

const ctx = (name = 'N', extra: Partial<AnalysisContext> = {}): AnalysisContext => ({
  name, defaultMethod: 'explicit', constants: new Set(), globalFunctions: new Map(), ...extra,
});

/** A readable listing of the update steps: `x = …` for assignments, `[a, b]` for an ODE block. */
function listing(steps: readonly UpdateStep[]): string[] {
  return steps.map((s) => (s.kind === 'assign' ? `${s.target} ${s.op} ${exprToString(s.value)}` : `[${s.updates.map((u) => `${u.target}:${u.method}`).join(', ')}]`));
}
const section = (d: NeuronDescription, l: 'global' | 'local') => listing(d.sections.find((s) => s.locality === l)!.steps);
const attr = (d: NeuronDescription, name: string) => d.attributes.find((a) => a.name === name);

describe('seed models', () => {
  it('LeakyIntegrator: tau * dmp/dt + mp = baseline + sum(exc); r = pos(mp)', () => {
    const d = analyseNeuron({
      parameters: 'tau = 10.0 : population\n baseline = 0.0',
      equations: 'tau * dmp/dt + mp = baseline + sum(exc) : exponential\n r = pos(mp)',
    }, ctx('LeakyIntegrator'));
    expect(d).toMatchObject({ kind: 'neuron', name: 'LeakyIntegrator', type: 'rate', targets: ['exc'], usesSumAll: false, reset: [] });
    expect(d.attributes.map((a) => [a.name, a.role, a.locality])).toEqual([
      ['tau', 'parameter', 'global'], ['baseline', 'parameter', 'local'], ['mp', 'variable', 'local'], ['r', 'variable', 'local'],
    ]);
    expect(d.sections.map((s) => s.locality)).toEqual(['global', 'local']);
    expect(section(d, 'local')).toEqual(['[mp:exponential]', 'r = pos(mp)']);
    const block = d.sections[1].steps[0];
    expect(block.kind === 'ode' && exprToString(block.temps[0].value)).toBe('(1 - exp(-(dt / tau))) * (baseline + sum(exc) - mp)');
    // one step from mp = 0 with sum(exc) = 1 is exact: 1 - e^{-dt/tau}
    if (block.kind === 'ode') {
      const env: Record<string, number> = { mp: 0, tau: 10, baseline: 0, dt: 1, 'sum(exc)': 1 };
      env[block.temps[0].name] = evaluate(block.temps[0].value, env);
      expect(evaluate(block.updates[0].value, env)).toBeCloseTo(1 - Math.exp(-0.1), 15);
    }
  });

  it('COBA: conductances integrated by their own ODEs, implicit r, refractory in ms', () => {
    const d = analyseNeuron({
      parameters: `El = -60.0 : population
        Vr = -60.0 : population
        Erev_exc = 0.0 : population
        Erev_inh = -80.0 : population
        Vt = -50.0 : population
        tau = 20.0 : population
        tau_exc = 5.0 : population
        tau_inh = 10.0 : population
        I = 20.0 : population`,
      equations: `tau * dv/dt = (El - v) + g_exc * (Erev_exc - v) + g_inh * (Erev_inh - v ) + I
        tau_exc * dg_exc/dt = - g_exc
        tau_inh * dg_inh/dt = - g_inh`,
      spike: 'v > Vt', reset: 'v = Vr', refractory: 5.0,
    }, ctx('COBA'));
    expect(d.type).toBe('spike');
    expect(d.targets).toEqual(['exc', 'inh']);
    expect(section(d, 'local')).toEqual(['[v:explicit, g_exc:explicit, g_inh:explicit]']);
    expect(attr(d, 'r')).toMatchObject({ role: 'variable', locality: 'local', implicit: true });
    expect(attr(d, 'g_exc')?.implicit).toBeUndefined();
    expect(exprToString(d.spike!.condition)).toBe('v > Vt');
    expect(d.reset.map((a) => `${a.target} ${a.op} ${exprToString(a.value)}`)).toEqual(['v = Vr']);
    expect(d.refractory).toEqual({ kind: 'number', value: 5 });
  });

  it('Izhikevich: assignment, one explicit block, implicit g_exc/g_inh cleared at the end, a random draw', () => {
    const d = analyseNeuron({
      parameters: 'a = 0.02\n b = 0.2\n c = -65.0\n d = 8.0\n v_thresh = 30.0\n i_offset = 0.0\n noise = 0.0\n tau_refrac = 0.0',
      equations: `I = g_exc - g_inh + noise * Normal(0.0, 1.0) + i_offset
        dv/dt = 0.04 * v^2 + 5.0 * v + 140.0 - u + I : init = c
        du/dt = a * (b*v - u) : init = b*c`,
      spike: 'v > v_thresh', reset: 'v = c\nu += d', refractory: 'tau_refrac',
    }, ctx('Izhikevich'));
    expect(section(d, 'local')).toEqual(['I = g_exc - g_inh + noise * Normal(0.0, 1.0) + i_offset', '[v:explicit, u:explicit]', 'g_exc = 0.0', 'g_inh = 0.0']);
    expect(d.targets).toEqual(['exc', 'inh']);
    expect(attr(d, 'g_exc')).toMatchObject({ implicit: true, locality: 'local', role: 'variable', init: { kind: 'number', value: 0 } });
    expect(attr(d, 'v')!.init).toEqual({ kind: 'ref', name: 'c' });
    expect(attr(d, 'u')!.init.kind === 'number' && attr(d, 'u')!.init).toEqual({ kind: 'number', value: 0.2 * -65 });
    expect(d.randoms).toEqual([{ id: 0, dist: 'Normal', args: [{ kind: 'num', value: 0, isInt: false }, { kind: 'num', value: 1, isInt: false }], locality: 'local' }]);
    expect(d.reset.map((a) => `${a.target} ${a.op} ${exprToString(a.value)}`)).toEqual(['v = c', 'u += d']);
    expect(d.refractory).toEqual({ kind: 'attribute', name: 'tau_refrac' });
    const block = d.sections[1].steps[1];
    // u uses the old v: its temporary is computed before v is updated
    expect(block.kind === 'ode' && block.temps.map((t) => t.name)).toEqual(['_m_v', '_m_u']);
  });
});

describe('evaluation order', () => {
  it('the documentation example: consecutive ODEs form a block, an assignment closes it (§2.4)', () => {
    const d = analyseNeuron({
      parameters: 'tau = 2.0',
      equations: `tau*du/dt = v - u
        I = g_exc - g_inh
        tau*dk/dt = v - k
        tau*dv/dt = I - v - u + k`,
      spike: 'v > 1',
    }, ctx());
    expect(section(d, 'local')).toEqual(['[u:explicit]', 'I = g_exc - g_inh', '[k:explicit, v:explicit]', 'g_exc = 0.0', 'g_inh = 0.0']);
  });

  it('population equations run first, whatever their line; ODEs around them still form one block', () => {
    const d = analyseNeuron({
      parameters: 'tau = 10.0',
      equations: `dx/dt = -x/tau
        gl = t : population
        dy/dt = -y/tau
        r = x + gl
        dz/dt = mean(r) : population`,
    }, ctx());
    expect(section(d, 'global')).toEqual(['gl = t', '[z:explicit]']);
    expect(section(d, 'local')).toEqual(['[x:explicit, y:explicit]', 'r = x + gl']);
    expect(d.globalOps).toEqual([{ op: 'mean', owner: 'self', variable: 'r' }]);
  });

  it('methods come from the flag or from the context default', () => {
    const spec: NeuronSpec = { equations: 'dx/dt = -x\n dy/dt = -y : midpoint\n r = x' };
    const d = analyseNeuron(spec, ctx('N', { defaultMethod: 'rk4' }));
    expect(section(d, 'local')[0]).toBe('[x:rk4, y:midpoint]');
    expect(attr(d, 'x')!.method).toBe('rk4');
  });
});

describe('parameters, variables and values', () => {
  it('string parameters are local unless flagged, dictionary parameters global; values fold; booleans', () => {
    const d = analyseNeuron({
      parameters: `tau = 10.0
        tau2 = 2 * tau + 1 : population
        flag = True
        n = 3.7 : int
        e = exp(1)`,
      equations: 'r = tau2',
    }, ctx());
    expect(d.attributes.slice(0, 5).map((a) => [a.name, a.locality, a.type, a.init])).toEqual([
      ['tau', 'local', 'float', { kind: 'number', value: 10 }],
      ['tau2', 'global', 'float', { kind: 'number', value: 21 }],
      ['flag', 'local', 'bool', { kind: 'number', value: 1 }],
      ['n', 'local', 'int', { kind: 'number', value: 3 }],
      ['e', 'local', 'float', { kind: 'number', value: Math.E }],
    ]);
    const g = analyseNeuron({ parameters: { tau: 10, on: false }, equations: 'r = tau' }, ctx());
    expect(g.attributes.slice(0, 2).map((a) => [a.name, a.locality, a.type, a.init.kind === 'number' && a.init.value])).toEqual([
      ['tau', 'global', 'float', 10], ['on', 'global', 'bool', 0],
    ]);
  });

  it('init takes numbers, booleans, distributions, attributes, Constants (quoted or not) and parameter expressions', () => {
    const d = analyseNeuron({
      parameters: 'u_th = -50.0\n tau = 5.0',
      equations: `a = 1 : init = -2.5
        b = 1 : init = True, bool
        c = 1 : init = Uniform(-1.0, 1.0)
        e = 1 : init = 'u_th'
        f = 1 : init = tau
        g = 1 : init = V0
        h = 1 : init = 2 * tau
        r = 0 : min = 0.0, max = tau`,
    }, ctx('N', { constants: new Set(['V0']) }));
    const init = (n: string) => attr(d, n)!.init;
    expect(init('a')).toEqual({ kind: 'number', value: -2.5 });
    expect(init('b')).toEqual({ kind: 'number', value: 1 });
    expect(attr(d, 'b')!.type).toBe('bool');
    expect(init('c')).toEqual({ kind: 'random', dist: 'Uniform', args: [-1, 1] });
    expect(init('e')).toEqual({ kind: 'ref', name: 'u_th' });
    expect(init('f')).toEqual({ kind: 'ref', name: 'tau' });
    expect(init('g')).toEqual({ kind: 'ref', name: 'V0' });
    expect(init('h')).toEqual({ kind: 'number', value: 10 });
    expect(d.constants).toEqual(['V0']);
    expect(exprToString(attr(d, 'r')!.max!)).toBe('tau');
  });

  it('a spiking neuron gets r, its conductances and t_last', () => {
    const d = analyseNeuron({ equations: 'dv/dt = g_ampa + g_nmda - v + (t - t_last)', spike: 'v > 1', reset: 'v = 0' }, ctx());
    expect(d.targets).toEqual(['ampa', 'nmda']);
    expect(d.attributes.map((a) => a.name)).toEqual(['v', 'r', 'g_ampa', 'g_nmda']);
  });

  it('rate-coded neurons read sum() and several targets', () => {
    const d = analyseNeuron({ equations: 'r = sum(exc) - sum(inh) + sum()' }, ctx());
    expect(d.targets).toEqual(['exc', 'inh']);
    expect(d.usesSumAll).toBe(true);
  });

  it('conditionals, ite and functions (local, global, built-in)', () => {
    const sig = parseFunctionDefinition('sigmoid(x) = 1.0 / (1.0 + exp(-x))');
    const d = analyseNeuron({
      equations: `r = if t < 5: sq(2) else: sigmoid(t) + ite(t > 7, 1, 0) + clip(t, 0, 1)`,
      functions: 'sq(x) = x * x\n cube(x) = x * sq(x) * k',
    }, ctx('N', { globalFunctions: new Map([['sigmoid', sig]]), constants: new Set(['k']) }));
    expect(d.functions.map((f) => [f.name, f.params, exprToString(f.body)])).toEqual([['sq', ['x'], 'x * x'], ['cube', ['x'], 'x * sq(x) * k']]);
    expect(d.globalFunctions).toEqual(['sigmoid']);
    expect(d.constants).toEqual(['k']);
    const r = d.sections[1].steps[0];
    expect(r.kind === 'assign' && evaluate(r.value, { t: 8 }, { functions: new Map<string, FunctionDef>([['sigmoid', sig]]) })).toBeCloseTo(1 / (1 + Math.exp(-8)) + 2, 14);
  });

  it('parseFunctionDefinition accepts ANNarchy type suffixes and if/else bodies', () => {
    const f = parseFunctionDefinition('step(x, th) = if x > th: 1.0 else: 0.0 : float, float, float');
    expect(f.params).toEqual(['x', 'th']);
    expect(evaluate(f.body, { x: 2, th: 1 })).toBe(1);
    expect(() => parseFunctionDefinition('f(x) = pre.r * x')).toThrow(/only its arguments/);
    expect(() => parseFunctionDefinition('exp(x) = x')).toThrow(/reserved or built-in/);
    expect(() => parseFunctionDefinition('f(x, x) = x')).toThrow(/appears twice/);
    expect(() => parseFunctionDefinition('f x = x')).toThrow(/name\(a, b\) = expression/);
  });
});

describe('stop conditions', () => {
  const d = analyseNeuron({ parameters: 'th = 1.0', equations: 'r = sum(exc)' }, ctx('Stop'));
  it('any by default, all when flagged', () => {
    expect(parseStopCondition('r > th', d).mode).toBe('any');
    const s = parseStopCondition('r > 1.0 : all', d);
    expect(s.mode).toBe('all');
    expect(exprToString(s.condition)).toBe('r > 1.0');
    expect(parseStopCondition('(r > 1.0) and (sum(exc) < 2) : any', d).mode).toBe('any');
  });
  it('refuses global operations, unknown names and flags', () => {
    expect(() => parseStopCondition('mean(r) > 1', d)).toThrow(/global operations are not allowed/);
    expect(() => parseStopCondition('x > 1', d)).toThrow(/unknown symbol 'x'/);
    expect(() => parseStopCondition('r > 1 : some', d)).toThrow(/unknown stop-condition flag 'some'/);
  });
});
