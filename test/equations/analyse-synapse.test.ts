import { describe, it, expect } from 'vitest';
import {
  analyseSynapse, exprToString, type AnalysisContext, type SynapseDescription, type Assignment,
} from '../../src/equations/index.js';

const ctx = (name = 'S'): AnalysisContext => ({ name, defaultMethod: 'explicit', constants: new Set(), globalFunctions: new Map() });
const stmt = (a: Assignment) => `${a.owner === 'self' ? '' : a.target === 'g_target' ? '' : `${a.owner}.`}${a.target} ${a.op} ${exprToString(a.value)}`;
const attr = (d: SynapseDescription, name: string) => d.attributes.find((a) => a.name === name);
const steps = (d: SynapseDescription, l: 'global' | 'semiglobal' | 'local') => d.sections.find((s) => s.locality === l)!.steps
  .map((s) => (s.kind === 'assign' ? stmt(s) : `[${s.updates.map((u) => `${u.target}:${u.method}`).join(', ')}]`));

const STDP = {
  parameters: `tau_plus = 20.0 : projection
    tau_minus = 20.0 : projection
    A_plus = 0.01 : projection
    A_minus = 0.01 : projection
    w_min = 0.0 : projection
    w_max = 1.0 : projection`,
  equations: `tau_plus  * dx/dt = -x : event-driven
    tau_minus * dy/dt = -y : event-driven`,
  preSpike: `g_target += w
    x += A_plus * w_max
    w = clip(w + y, w_min , w_max)`,
  postSpike: `y -= A_minus * w_max
    w = clip(w + x, w_min , w_max)`,
};

describe('rate-coded synapses', () => {
  it('Oja: tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w', () => {
    const d = analyseSynapse({
      parameters: 'tau = 2000.0 : projection\n alpha = 8.0 : projection',
      equations: 'tau * dw/dt = pre.r * post.r - alpha * post.r^2 * w : min=0.0',
    }, 'rate', ctx('Oja'));
    expect(d).toMatchObject({ kind: 'synapse', name: 'Oja', type: 'rate', operation: 'sum', plastic: true, preDependencies: ['r'], postDependencies: ['r'] });
    expect(exprToString(d.psp!)).toBe('w * pre.r');
    expect(attr(d, 'w')).toMatchObject({ role: 'variable', locality: 'local', method: 'explicit' });
    expect(attr(d, 'w')!.implicit).toBeUndefined();
    expect(exprToString(attr(d, 'w')!.min!)).toBe('0.0');
    expect(d.sections.map((s) => s.locality)).toEqual(['global', 'semiglobal', 'local']);
    expect(steps(d, 'local')).toEqual(['[w:explicit]']);
    expect(d.transmission).toEqual([]);
  });

  it('IBCM: a postsynaptic (semiglobal) threshold before the per-synapse rule', () => {
    const d = analyseSynapse({
      parameters: 'eta = 0.01 : projection\n tau = 2000.0 : projection',
      equations: `tau * dtheta/dt + theta = post.r^2 : postsynaptic, exponential
        dw/dt = eta * post.r * (post.r - theta) * pre.r : min=0.0, explicit`,
    }, 'rate', ctx('IBCM'));
    expect(attr(d, 'theta')!.locality).toBe('semiglobal');
    expect(steps(d, 'semiglobal')).toEqual(['[theta:exponential]']);
    expect(steps(d, 'local')).toEqual(['[w:explicit]']);
  });

  it('a default synapse: w a local parameter, not plastic; pre.sum, global operations of neighbours', () => {
    const d = analyseSynapse({ psp: 'w * pre.sum(exc) + max(post.r) - mean(pre.r)' }, 'rate', ctx());
    expect(attr(d, 'w')).toMatchObject({ role: 'parameter', locality: 'local', implicit: true, init: { kind: 'number', value: 0 } });
    expect(d.plastic).toBe(false);
    expect(d.preSums).toEqual(['exc']);
    expect(d.globalOps).toEqual([{ op: 'max', owner: 'post', variable: 'r' }, { op: 'mean', owner: 'pre', variable: 'r' }]);
  });
  it('operation max/min/mean for rate-coded synapses', () => {
    expect(analyseSynapse({ operation: 'max' }, 'rate', ctx()).operation).toBe('max');
  });
});

describe('spiking synapses', () => {
  it('STDP: event-driven traces, transmission first, w plastic', () => {
    const d = analyseSynapse(STDP, 'spike', ctx('STDP'));
    expect(d.type).toBe('spike');
    expect(d.eventDriven.map((e) => [e.name, exprToString(e.tau), exprToString(e.steady)])).toEqual([['x', 'tau_plus', '0'], ['y', 'tau_minus', '0']]);
    expect(d.transmission.map(stmt)).toEqual(['g_target += w']);
    expect(d.transmission[0]).toMatchObject({ owner: 'post', target: 'g_target' });
    expect(d.preSpike.map(stmt)).toEqual(['x += A_plus * w_max', 'w = clip(w + y, w_min, w_max)']);
    expect(d.postSpike.map(stmt)).toEqual(['y -= A_minus * w_max', 'w = clip(w + x, w_min, w_max)']);
    expect(d.plastic).toBe(true);
    expect(attr(d, 'w')).toMatchObject({ role: 'variable', implicit: true });
    expect(d.sections.every((s) => s.steps.length === 0)).toBe(true); // event-driven variables are integrated at events
    expect(d.psp).toBeUndefined();
  });

  it('the g_target statement is transmission wherever it is written', () => {
    const d = analyseSynapse({ ...STDP, preSpike: 'x += A_plus * w_max\n w = clip(w + y, w_min, w_max)\n g_target += w' }, 'spike', ctx());
    expect(d.transmission.map(stmt)).toEqual(['g_target += w']);
    expect(d.preSpike.map(stmt)).toEqual(['x += A_plus * w_max', 'w = clip(w + y, w_min, w_max)']);
  });

  it('Tsodyks-Markram: steady states of parameters, init from a parameter', () => {
    const d = analyseSynapse({
      parameters: 'tau_rec = 100.0 : projection\n tau_facil = 0.01 : projection\n U = 0.5',
      equations: 'dx/dt = (1 - x)/tau_rec : init = 1.0, event-driven\n du/dt = (U - u)/tau_facil : init = U, event-driven',
      preSpike: 'g_target += w * u * x\n x *= (1 - u)\n u += U * (1 - u)',
    }, 'spike', ctx('STP'));
    expect(d.eventDriven.map((e) => [e.name, exprToString(e.tau), exprToString(e.steady)])).toEqual([['x', 'tau_rec', '1'], ['u', 'tau_facil', 'U']]);
    expect(attr(d, 'u')!.init).toEqual({ kind: 'ref', name: 'U' });
    expect(d.plastic).toBe(false);
  });

  it('default transmission, undeclared traces, unless_post, bounds on statements, t_pre/t_post', () => {
    const d = analyseSynapse({
      parameters: 'A = 0.1',
      preSpike: `tr += 1
        w -= A * exp(-(t - t_post)/20.0) : min = 0.0, unless_post
        post.count += 1`,
      postSpike: 'w += A * exp(-(t - t_pre)/20.0) : max = 1.0',
    }, 'spike', ctx());
    expect(d.transmission.map(stmt)).toEqual(['g_target += w']);
    expect(d.transmission[0].source.block).toBe('implicit');
    expect(attr(d, 'tr')).toMatchObject({ role: 'variable', locality: 'local', implicit: true });
    expect(d.preSpike[1]).toMatchObject({ unlessPost: true, min: { kind: 'num', value: 0 } });
    expect(d.postSpike[0].max).toEqual({ kind: 'num', value: 1, isInt: false });
    expect(d.preSpike[2]).toMatchObject({ owner: 'post', target: 'count' });
    expect(d.preDependencies).toEqual(['last_spike']);
    expect(d.postDependencies.sort()).toEqual(['count', 'last_spike']);
    expect(d.plastic).toBe(true);
  });

  it('continuous transmission: a psp, no default g_target statement', () => {
    const d = analyseSynapse({ psp: 'w * (post.v - pre.v)' }, 'spike', ctx('Gap'));
    expect(d.transmission).toEqual([]);
    expect(exprToString(d.psp!)).toBe('w * (post.v - pre.v)');
    expect(d.preDependencies).toEqual(['v']);
  });

  it('per-step synaptic ODEs next to event-driven ones', () => {
    const d = analyseSynapse({
      parameters: 'tau = 10.0 : projection',
      equations: 'tau * dtrace/dt = -trace\n tau * de/dt = -e : event-driven',
      preSpike: 'trace += 1\n e += 1',
    }, 'spike', ctx());
    expect(steps(d, 'local')).toEqual(['[trace:explicit]']);
    expect(d.eventDriven.map((e) => e.name)).toEqual(['e']);
  });
});
