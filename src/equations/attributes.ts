/**
 * ANNarchy 5's `Parameter` and `Variable` objects (`ANNarchy/core/Attributes.py`): another way of
 * writing a parameter or an equation with its flags. As in ANNarchy, they are turned back into the
 * string form (`tau = 10 : population`, `dv/dt = -v : init=-60, min=-90`) when a `Neuron` or
 * `Synapse` is created, so that everything goes through the one string parser.
 */
import { EquationError } from '../errors.js';
import type { MethodName, ValueType } from './description.js';
import { FLAG_NAMES } from './flags.js';
import { checkOptions, describeValue } from '../core/options.js';

/** ANNarchy's locality names (`population`/`projection` are global, `postsynaptic` semiglobal). */
export type LocalityName = 'local' | 'semiglobal' | 'global' | 'population' | 'projection' | 'postsynaptic';

/** Methods as written in ANNarchy (`runge-kutta4` and `exact` are its older spellings). */
export type MethodSpelling = MethodName | 'runge-kutta4' | 'exact';

const LOCALITIES: readonly LocalityName[] = ['local', 'semiglobal', 'global', 'population', 'projection', 'postsynaptic'];
const TYPES: readonly ValueType[] = ['float', 'int', 'bool'];
const METHODS: readonly MethodSpelling[] = ['explicit', 'implicit', 'semiimplicit', 'exponential', 'midpoint', 'rk4', 'runge-kutta4', 'exact', 'event-driven'];

/** A value of a flag (`init=`, `min=`, `max=`): a number, a boolean, an expression or a name (string), or a distribution. */
export type FlagValue = number | boolean | string | { readonly kind: string; readonly args: readonly number[]; readonly bounds?: { min?: number; max?: number } };

/** Options of {@link Parameter} (ANNarchy's keyword arguments). */
export interface ParameterOptions {
  /** `'global'` (default, as ANNarchy 5), `'local'`, or for synapses `'semiglobal'`. */
  locality?: LocalityName;
  /** `'float'` (default), `'int'` or `'bool'`. */
  type?: ValueType;
}

/** Options of {@link Variable} (ANNarchy's keyword arguments). */
export interface VariableOptions {
  /** Initial value: a number, a boolean, the name of a parameter or Constant, or a distribution (`new Uniform(0, 1)`). */
  init?: FlagValue;
  /** Lower bound, applied after every update: a number or an expression of parameters. */
  min?: number | string;
  /** Upper bound, applied after every update. */
  max?: number | string;
  /** Numerical method of the ODE (default: the network's). */
  method?: MethodSpelling;
  /** `'local'` (default), `'global'`, or for synapses `'semiglobal'`. */
  locality?: LocalityName;
  /** `'float'` (default), `'int'` or `'bool'`. */
  type?: ValueType;
}

const where = (what: string) => class extends EquationError {
  constructor(message: string) { super(message, { model: what }); }
};

function checkChoice<T extends string>(value: unknown, choices: readonly T[], key: string, what: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new EquationError(`${key} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describeValue(value)}`, { model: what, field: key });
  }
  return value as T;
}

/**
 * A parameter written as an object (ANNarchy 5: `Parameter(value, locality='global', type='float')`),
 * used as a value of the dictionary form: `parameters: { tau: new Parameter(10, { locality: 'local' }) }`.
 */
export class Parameter {
  /** The value. */
  readonly value: number | boolean;
  /** `'global'` (one value for the population or projection, the default), `'semiglobal'` (one per post-synaptic neuron) or `'local'` (one per neuron or synapse). */
  readonly locality: LocalityName;
  /** `'float'`, `'int'` or `'bool'` (default: `'bool'` for a boolean value, else `'float'`). */
  readonly type: ValueType;

  constructor(value: number | boolean, options: ParameterOptions = {}) {
    const what = `Parameter(${describeValue(value)})`;
    checkOptions(options, ['locality', 'type'], 'new Parameter()', { error: where(what) });
    if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) this.value = value;
    else throw new EquationError(`the value of a Parameter must be a finite number or a boolean, got ${describeValue(value)}`, { model: what, field: 'value' });
    this.locality = checkChoice(options.locality, LOCALITIES, 'locality', what) ?? 'global';
    this.type = checkChoice(options.type, TYPES, 'type', what) ?? (typeof value === 'boolean' ? 'bool' : 'float');
  }
}

/**
 * An equation with its flags written as an object (ANNarchy 5: `Variable(equation, init, min, max,
 * method, locality='local', type='float')`), used as an element of `equations`:
 * `equations: [new Variable('tau * dv/dt = -v', { init: -60, min: -90 }), 'r = pos(v)']`.
 */
export class Variable {
  /** The equation, as written. */
  readonly equation: string;
  /** Its flags (`init`, `min`, `max`, `method`, `locality`, `type`). */
  readonly options: Readonly<VariableOptions>;

  constructor(equation: string, options: VariableOptions = {}) {
    const what = `Variable(${describeValue(equation)})`;
    if (typeof equation !== 'string' || equation.trim() === '') {
      throw new EquationError(`a Variable needs its equation as a non-empty string, got ${describeValue(equation)}`, { model: what, field: 'equation' });
    }
    checkOptions(options, ['init', 'min', 'max', 'method', 'locality', 'type'], 'new Variable()', { error: where(what) });
    checkChoice(options.locality, LOCALITIES, 'locality', what);
    checkChoice(options.type, TYPES, 'type', what);
    checkChoice(options.method, METHODS, 'method', what);
    if (options.init !== undefined) flagValue(options.init, 'init', what);
    for (const key of ['min', 'max'] as const) {
      const v = options[key];
      if (v !== undefined && !(typeof v === 'string' || (typeof v === 'number' && !Number.isNaN(v)))) {
        throw new EquationError(`${key} must be a number or an expression (string), got ${describeValue(v)}`, { model: what, field: key });
      }
    }
    this.equation = equation;
    this.options = Object.freeze({ ...options });
  }
}

/** A number as the equation language reads it back exactly (`1e-7`, `-60`; infinities refused by the caller). */
function numberText(v: number): string {
  return String(v);
}

/** The text of a flag value. */
function flagValue(v: FlagValue, key: string, what: string): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new EquationError(`${key} must be a finite number, got ${v}`, { model: what, field: key });
    return numberText(v);
  }
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') {
    if (v.trim() === '') throw new EquationError(`${key} must not be empty`, { model: what, field: key });
    return v.trim();
  }
  if (v !== null && typeof v === 'object' && typeof v.kind === 'string' && Array.isArray(v.args)) {
    if (v.bounds && (v.bounds.min !== undefined || v.bounds.max !== undefined)) {
      throw new EquationError(`${key}: a distribution with min/max clipping cannot be written as an init flag; use min=/max= of the variable`, { model: what, field: key });
    }
    return `${v.kind}(${v.args.map(numberText).join(', ')})`;
  }
  throw new EquationError(`${key} must be a number, a boolean, a name or a distribution, got ${describeValue(v)}`, { model: what, field: key });
}

/** The locality flag of `locality` for a model of `kind` ('' for local). */
function localityFlag(locality: LocalityName, kind: 'neuron' | 'synapse', model: string, field: string): string {
  const global = locality === 'global' || locality === 'population' || locality === 'projection';
  const semi = locality === 'semiglobal' || locality === 'postsynaptic';
  if (kind === 'neuron') {
    if (semi || locality === 'projection') {
      throw new EquationError(`locality '${locality}' is only for synapses (a neuron's attributes are 'local' or 'global')`, { model, field, symbol: locality });
    }
    return global ? 'population' : '';
  }
  if (locality === 'population') {
    throw new EquationError(`locality 'population' is only for neurons (a synapse's attributes are 'local', 'semiglobal' or 'global')`, { model, field, symbol: locality });
  }
  return global ? 'projection' : semi ? 'postsynaptic' : '';
}

/** The string form of a Parameter named `name`: `name = value : flags`. */
export function parameterLine(name: string, p: Parameter, kind: 'neuron' | 'synapse', model: string): string {
  const flags = [localityFlag(p.locality, kind, model, 'parameters')];
  if (p.type !== 'float' && !(p.type === 'bool' && typeof p.value === 'boolean')) flags.push(p.type);
  const value = typeof p.value === 'boolean' ? (p.value ? 'True' : 'False') : numberText(p.value);
  const list = flags.filter((f) => f !== '');
  return `${name} = ${value}${list.length ? ` : ${list.join(', ')}` : ''}`;
}

/** The string form of a plain dictionary entry (global, as in ANNarchy 5's dictionary form). */
export function plainParameterLine(name: string, value: number | boolean, kind: 'neuron' | 'synapse', model: string): string {
  return parameterLine(name, new Parameter(value), kind, model);
}

/** The string form of a Variable: `equation : init=…, min=…, max=…, method, locality, type`. */
export function variableLine(v: Variable, kind: 'neuron' | 'synapse', model: string): string {
  const o = v.options;
  const flags: string[] = [];
  if (o.init !== undefined) flags.push(`init=${flagValue(o.init, 'init', model)}`);
  if (o.min !== undefined) flags.push(`min=${flagValue(o.min, 'min', model)}`);
  if (o.max !== undefined) flags.push(`max=${flagValue(o.max, 'max', model)}`);
  if (o.method !== undefined) flags.push(o.method);
  if (o.locality !== undefined) flags.push(localityFlag(o.locality, kind, model, 'equations'));
  if (o.type !== undefined && o.type !== 'float') flags.push(o.type);
  const list = flags.filter((f) => f !== '');
  const eq = v.equation.trim();
  if (list.length === 0) return eq;
  // An equation that already carries flags gets these appended to its list (duplicates are reported by the parser).
  return `${eq}${hasFlagList(eq) ? ', ' : ' : '}${list.join(', ')}`;
}

/** Whether `line` already ends with a `: flags` list (what follows its last ':' starts with a flag name). */
function hasFlagList(line: string): boolean {
  const colon = line.lastIndexOf(':');
  if (colon < 0) return false;
  const first = /^\s*([A-Za-z_-][\w-]*)\s*(=|,|$)/.exec(line.slice(colon + 1));
  if (first === null || !FLAG_NAMES.has(first[1])) return false;
  return (first[1] === 'init' || first[1] === 'min' || first[1] === 'max') === (first[2] === '=');
}
