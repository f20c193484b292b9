// Every mistake a user can make in a model is an EquationError naming model, field, line and symbol.
import { describe, it, expect } from 'vitest';
import {
  analyseNeuron, analyseSynapse, parseFunctionDefinition, type AnalysisContext, type NeuronSpec, type SynapseSpec,
} from '../../src/equations/index.js';
import { EquationError } from '../../src/errors.js';

const ctx = (name: string): AnalysisContext => ({
  name, defaultMethod: 'explicit', constants: new Set(['K']),
  globalFunctions: new Map([['sigmoid', parseFunctionDefinition('sigmoid(x) = 1.0 / (1.0 + exp(-x))')]]),
});

interface Expected { field: string; line?: number; symbol: string; message: RegExp }

function expectError(run: () => unknown, model: string, e: Expected): void {
  let err: unknown;
  try { run(); } catch (x) { err = x; }
  expect(err, 'no error thrown').toBeInstanceOf(EquationError);
  const ee = err as EquationError;
  expect(ee.message).toMatch(e.message);
  expect({ model: ee.model, field: ee.field, symbol: ee.symbol }).toEqual({ model, field: e.field, symbol: e.symbol });
  if (e.line !== undefined) expect(ee.line).toBe(e.line);
  expect(ee.message).toContain(model);
}

const neuronCases: [string, NeuronSpec, Expected][] = [
  ['unknown symbol', { parameters: 'tau = 10.0', equations: 'r = 1\n dv/dt = (E - v)/tau' },
    { field: 'equations', line: 2, symbol: 'E', message: /unknown symbol 'E'/ }],
  ['unknown function', { equations: 'r = sigmod(1)' }, { field: 'equations', line: 1, symbol: 'sigmod', message: /unknown function 'sigmod'/ }],
  ['wrong arity of a built-in', { equations: 'r = clip(1, 2)' }, { field: 'equations', line: 1, symbol: 'clip', message: /takes 3 argument/ }],
  ['wrong arity of a global function', { equations: 'r = sigmoid(1, 2)' }, { field: 'equations', line: 1, symbol: 'sigmoid', message: /takes 1 argument/ }],
  ['wrong arity of a local function', { equations: 'r = f(1)', functions: 'f(a, b) = a + b' }, { field: 'equations', line: 1, symbol: 'f', message: /takes 2 argument/ }],
  ['duplicate variable', { equations: 'r = 1\n x = 2\n r = 3' }, { field: 'equations', line: 3, symbol: 'r', message: /defined twice.*line 1/ }],
  ['duplicate parameter', { parameters: 'a = 1\n a = 2', equations: 'r = a' }, { field: 'parameters', line: 2, symbol: 'a', message: /defined twice/ }],
  ['assigning a parameter in equations', { parameters: 'a = 1', equations: 'r = 0\n a = 2' },
    { field: 'equations', line: 2, symbol: 'a', message: /parameter and cannot be assigned/ }],
  ['assigning a parameter in reset', { parameters: 'a = 1', equations: 'dv/dt = -v', spike: 'v > 1', reset: 'v = 0\n a = 2' },
    { field: 'reset', line: 2, symbol: 'a', message: /parameter and cannot be assigned/ }],
  ['unknown flag', { equations: 'r = 1 : init = 0, explicite' }, { field: 'equations', line: 1, symbol: 'explicite', message: /unknown flag/ }],
  ['flag of the wrong model kind', { equations: 'r = 1 : projection' }, { field: 'equations', line: 1, symbol: 'projection', message: /': population'/ }],
  ['flag not allowed on a parameter', { parameters: 'a = 1 : exponential', equations: 'r = a' }, { field: 'parameters', line: 1, symbol: 'exponential', message: /not allowed on a parameter/ }],
  ['derivative not linear', { equations: 'r = 1\n (dv/dt)^2 = 1' }, { field: 'equations', line: 2, symbol: 'dv/dt', message: /not linear in the derivative/ }],
  ['nonlinear ODE with exponential', { equations: 'r = v\n dv/dt = v^2 : exponential' }, { field: 'equations', line: 2, symbol: 'v', message: /not linear in 'v'/ }],
  ['reserved name', { equations: 'r = 1\n t_last = 2' }, { field: 'equations', line: 2, symbol: 't_last', message: /reserved name/ }],
  ['built-in function name as attribute', { parameters: 'exp = 1', equations: 'r = 1' }, { field: 'parameters', line: 1, symbol: 'exp', message: /reserved name/ }],
  ['name of a Constant as attribute', { parameters: 'K = 1', equations: 'r = 1' }, { field: 'parameters', line: 1, symbol: 'K', message: /Constant/ }],
  ['underscore names', { equations: 'r = 1\n _x = 1' }, { field: 'equations', line: 2, symbol: '_x', message: /reserved for neurarchy/ }],
  ['global equation reading a local attribute', { parameters: 'a = 1', equations: 'r = 1\n g = a + r : population' },
    { field: 'equations', line: 2, symbol: 'a', message: /population-wide.*cannot read a per-neuron attribute 'a'/ }],
  ['global equation reading sum()', { equations: 'r = 1\n g = sum(exc) : population' }, { field: 'equations', line: 2, symbol: 'sum(exc)', message: /per-neuron sum\(exc\)/ }],
  ['rate neuron without r', { equations: 'v = 1' }, { field: 'equations', symbol: 'r', message: /must define the variable 'r'/ }],
  ['spiking neuron defining r', { equations: 'dv/dt = -v\n r = v', spike: 'v > 1' }, { field: 'equations', line: 2, symbol: 'r', message: /must not define 'r'/ }],
  ['t_last in a rate neuron', { equations: 'r = t - t_last' }, { field: 'equations', line: 1, symbol: 't_last', message: /spiking neurons/ }],
  ['sum() in a spiking neuron', { equations: 'dv/dt = sum(exc) - v', spike: 'v > 1' }, { field: 'equations', line: 1, symbol: 'sum(exc)', message: /g_target/ }],
  ['pre.x in a neuron', { equations: 'r = pre.r' }, { field: 'equations', line: 1, symbol: 'pre.r', message: /only meaningful in a synapse/ }],
  ['refractory naming nothing', { equations: 'dv/dt = -v', spike: 'v > 1', refractory: 'tau_ref' }, { field: 'refractory', symbol: 'tau_ref', message: /duration in ms or the name/ }],
  ['refractory in a rate neuron', { equations: 'r = 1', refractory: 2 }, { field: 'refractory', symbol: 'refractory', message: /needs a spiking neuron/ }],
  ['random arguments that are local parameters', { parameters: 'sigma = 1.0', equations: 'r = Normal(0, sigma)' },
    { field: 'equations', line: 1, symbol: 'sigma', message: /numbers or global parameters/ }],
  ['random arguments that are expressions', { parameters: 'sigma = 1.0 : population', equations: 'r = Normal(0, 2*sigma)' },
    { field: 'equations', line: 1, symbol: 'Normal', message: /not expressions/ }],
  ['global operation on a parameter-free name', { equations: 'r = mean(q)' }, { field: 'equations', line: 1, symbol: 'q', message: /unknown variable 'q'/ }],
  ['global operation on a global variable', { equations: 'r = 1\n g = 1 : population\n x = max(g)' }, { field: 'equations', line: 3, symbol: 'g', message: /per-neuron variable/ }],
  ['event-driven in a neuron', { equations: 'r = 1\n dx/dt = -x : event-driven' }, { field: 'equations', line: 2, symbol: 'event-driven', message: /spiking synapses/ }],
  ['ODE in reset', { equations: 'dv/dt = -v', spike: 'v > 1', reset: 'dv/dt = 1' }, { field: 'reset', line: 1, symbol: 'dv/dt', message: /only contain assignments/ }],
  ['reset of an unknown variable', { equations: 'dv/dt = -v', spike: 'v > 1', reset: 'w = 1' }, { field: 'reset', line: 1, symbol: 'w', message: /not a variable/ }],
  ['unknown symbol in the spike condition', { equations: 'dv/dt = -v', spike: 'v > theta' }, { field: 'spike', line: 1, symbol: 'theta', message: /unknown symbol/ }],
  ['parse error in the spike condition', { equations: 'dv/dt = -v', spike: 'v >> 1' }, { field: 'spike', line: 1, symbol: '>', message: /unexpected '>'/ }],
  ['parameter expression of a later parameter', { parameters: 'a = 2 * b\n b = 1', equations: 'r = a' }, { field: 'parameters', line: 1, symbol: 'b', message: /not a parameter defined above/ }],
  ['init of an unknown name', { equations: 'r = 1 : init = nothing' }, { field: 'equations', line: 1, symbol: 'nothing', message: /not a parameter/ }],
  ['derivative on the right side', { equations: 'r = 1\n dx/dt = -x\n y = dx/dt' }, { field: 'equations', line: 3, symbol: 'dx', message: /unknown symbol 'dx'/ }],
  ['implicit multiplication in an equation', { parameters: 'tau = 1.0', equations: 'r = 1\n tau dmp/dt = -mp' }, { field: 'equations', line: 2, symbol: 'dmp/dt'.slice(0, 3), message: /implicit multiplication/ }],
  ['function body reading an attribute', { parameters: 'a = 1', equations: 'r = f(1)', functions: 'f(x) = x * a' },
    { field: 'functions', line: 1, symbol: 'a', message: /only its arguments and Constants/ }],
];

describe('neuron errors', () => {
  for (const [what, spec, expected] of neuronCases) {
    it(what, () => expectError(() => analyseNeuron(spec, ctx('Bad neuron')), 'Bad neuron', expected));
  }
});

const synapseCases: [string, SynapseSpec, 'rate' | 'spike', Expected][] = [
  ['projection-wide equation reading a per-synapse attribute', { equations: 'm = w : projection' }, 'rate',
    { field: 'equations', line: 1, symbol: 'w', message: /projection-wide.*cannot read a per-synapse attribute 'w'/ }],
  ['postsynaptic equation reading pre.r', { equations: 'm = pre.r : postsynaptic' }, 'rate',
    { field: 'equations', line: 1, symbol: 'pre.r', message: /per-post-neuron.*cannot read 'pre.r'/ }],
  ['postsynaptic equation reading a local variable', { equations: 'dx/dt = -x\n m = x : postsynaptic' }, 'rate',
    { field: 'equations', line: 2, symbol: 'x', message: /per-post-neuron.*per-synapse attribute 'x'/ }],
  ['population flag in a synapse', { equations: 'm = 1 : population' }, 'rate', { field: 'equations', line: 1, symbol: 'population', message: /': projection' or ': postsynaptic'/ }],
  ['sum() without pre/post', { psp: 'sum(exc) * w' }, 'rate', { field: 'psp', line: 1, symbol: 'sum(exc)', message: /pre.sum\(target\)/ }],
  ['global operation on a synaptic variable', { equations: 'x = mean(w)' }, 'rate', { field: 'equations', line: 1, symbol: 'mean(w)', message: /not to synaptic variables/ }],
  ['pre_spike with a rate-coded pre-synaptic population', { preSpike: 'g_target += w' }, 'rate', { field: 'pre_spike', symbol: 'pre_spike', message: /needs a spiking pre-synaptic/ }],
  ['ODE in pre_spike', { preSpike: 'dw/dt = 1' }, 'spike', { field: 'pre_spike', line: 1, symbol: 'dw/dt', message: /only contain assignments/ }],
  ['g_target in post_spike', { postSpike: 'g_target += w' }, 'spike', { field: 'post_spike', line: 1, symbol: 'g_target', message: /only be written in pre_spike/ }],
  ['unless_post outside pre_spike', { postSpike: 'w += 1 : unless_post' }, 'spike', { field: 'post_spike', line: 1, symbol: 'unless_post', message: /not allowed in 'post_spike'/ }],
  // Event code may write parameters and projection-wide attributes, as ANNarchy (test/equations/model-fields.test.ts).
  ['event-driven with a rate-coded pre-synaptic population', { equations: 'dx/dt = -x : event-driven' }, 'rate',
    { field: 'equations', line: 1, symbol: 'event-driven', message: /spiking pre-synaptic/ }],
  ['event-driven nonlinear', { equations: 'dx/dt = -x^2 : event-driven' }, 'spike', { field: 'equations', line: 1, symbol: 'x', message: /needs a linear ODE/ }],
  ['event-driven steady state of a variable', { equations: 'dy/dt = -y\n dx/dt = y - x : event-driven' }, 'spike',
    { field: 'equations', line: 2, symbol: 'y', message: /must not depend on 'y'/ }],
  ['operation other than sum for spiking synapses', { operation: 'max' }, 'spike', { field: 'operation', symbol: 'max', message: /only 'sum'/ }],
  ['t_pre in a projection-wide equation', { equations: 'm = t_pre : projection' }, 'spike', { field: 'equations', line: 1, symbol: 't_pre', message: /cannot be read/ }],
  ['pre_axon_spike with post_spike', { preAxonSpike: 'g_target += w', postSpike: 'w += 1' }, 'spike', { field: 'pre_axon_spike', symbol: 'pre_axon_spike', message: /together with post_spike/ }],
];

describe('synapse errors', () => {
  for (const [what, spec, preType, expected] of synapseCases) {
    it(what, () => expectError(() => analyseSynapse(spec, preType, ctx('Bad synapse')), 'Bad synapse', expected));
  }
});
