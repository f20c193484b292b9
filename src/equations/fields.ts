/**
 * Checking the fields given to `new Neuron({...})` / `new Synapse({...})` before anything else
 * reads them. Models often come from JSON or configuration files, so every field is checked for
 * its type (`equations: 5`, `spike: null` → an EquationError naming the model, the field and the
 * value given), unknown keys are refused with a suggestion (`pre_spike` → `preSpike`), and ANNarchy
 * 5's `Parameter` / `Variable` objects are turned into the string form.
 */
import { EquationError } from '../errors.js';
import { checkOptions, describeValue } from '../core/options.js';
import type { NeuronFields, NeuronSpec, SynapseFields, SynapseSpec } from './spec.js';
import { Parameter, Variable, parameterLine, plainParameterLine, variableLine } from './attributes.js';
import { escapeText } from './lexer.js';

type Kind = 'neuron' | 'synapse';

/** The accepted type of each field. */
type FieldType = 'text' | 'lines' | 'equations' | 'parameters' | 'refractory' | 'operation';

const NEURON_FIELDS: Record<keyof NeuronSpec, FieldType> = {
  parameters: 'parameters', equations: 'equations', spike: 'text', reset: 'lines', axonSpike: 'text', axonReset: 'lines',
  refractory: 'refractory', functions: 'text', name: 'text', description: 'text',
};

const SYNAPSE_FIELDS: Record<keyof SynapseSpec, FieldType> = {
  parameters: 'parameters', equations: 'equations', psp: 'text', operation: 'operation', preSpike: 'lines', postSpike: 'lines',
  preAxonSpike: 'lines', functions: 'text', pruning: 'text', creating: 'text', name: 'text', description: 'text',
};

const COMMON_UNSUPPORTED: Record<string, string> = {
  extra_values: 'extra values are not supported; declare them as parameters',
  extraValues: 'extra values are not supported; declare them as parameters',
};

const NEURON_UNSUPPORTED: Record<string, string> = {
  ...COMMON_UNSUPPORTED,
  stop_condition: "a stop condition belongs to the population: new Population({ ..., stopCondition: '...' })",
  stopCondition: "a stop condition belongs to the population: new Population({ ..., stopCondition: '...' })",
};

const SYNAPSE_UNSUPPORTED: Record<string, string> = { ...COMMON_UNSUPPORTED };

/** What each field type accepts, for messages. */
const EXPECTED: Record<FieldType, string> = {
  text: 'a string',
  lines: 'a string or an array of strings',
  equations: 'a string, a Variable or an array of strings and Variables',
  parameters: 'a string or an object of numbers, booleans and Parameters',
  refractory: 'a number of ms or the name of a parameter or variable (string)',
  operation: "one of 'sum', 'max', 'min', 'mean'",
};

/** ANNarchy's field names, as written in messages (the same as `SourceRef.block`). */
function fieldName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Whether `value` has the type `type` (values inside are checked later, by the analysis). */
function accepts(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'text': return typeof value === 'string';
    case 'lines': return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    case 'equations': return typeof value === 'string' || value instanceof Variable
      || (Array.isArray(value) && value.every((v) => typeof v === 'string' || v instanceof Variable));
    case 'parameters': return typeof value === 'string' || isPlainObject(value);
    case 'refractory': return typeof value === 'string' || typeof value === 'number';
    case 'operation': return typeof value === 'string' && ['sum', 'max', 'min', 'mean'].includes(value);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The model's name from its spec, or the default; a name that is not a string is refused. */
function modelName(spec: Record<string, unknown>, fallback: string, kind: Kind): string {
  const name = spec.name;
  if (name === undefined) return fallback;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new EquationError(`the name of a ${kind} must be a non-empty string, got ${describeValue(name)}`, { model: fallback, field: 'name' });
  }
  // The name is in every message about the model: an invisible character there would hide what it is.
  if (escapeText(name) !== name) {
    throw new EquationError(`the name of a ${kind} must not contain invisible or control characters, got '${escapeText(name)}': use printable characters`, { model: fallback, field: 'name' });
  }
  return name;
}

/** The dictionary form with at least one Parameter, as the equivalent string form (one line per entry). */
function parametersField(value: Record<string, unknown>, kind: Kind, model: string): string | Record<string, number | boolean> {
  const entries = Object.entries(value);
  for (const [name, v] of entries) {
    if (!(v instanceof Parameter) && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new EquationError(`the value of parameter '${name}' must be a number, a boolean or a Parameter, got ${describeValue(v)}`,
        { model, field: 'parameters', symbol: name });
    }
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new EquationError(`the value of parameter '${name}' must be finite, got ${v}`, { model, field: 'parameters', symbol: name });
    }
    if (!/^[A-Za-z_]\w*$/.test(name)) {
      throw new EquationError(`'${escapeText(name)}' is not a valid parameter name (letters, digits and '_', not starting with a digit)`, { model, field: 'parameters' });
    }
  }
  if (!entries.some(([, v]) => v instanceof Parameter)) return value as Record<string, number | boolean>;
  return entries.map(([name, v]) => (v instanceof Parameter ? parameterLine(name, v, kind, model) : plainParameterLine(name, v as number | boolean, kind, model))).join('\n');
}

/** `equations` with its Variables written as strings (one array element per line, so line numbers stay). */
function equationsField(value: string | Variable | readonly (string | Variable)[], kind: Kind, model: string): string | string[] {
  if (typeof value === 'string') return value;
  const list = value instanceof Variable ? [value] : value;
  return list.map((v) => (v instanceof Variable ? variableLine(v, kind, model) : v));
}

/**
 * Checks the fields of a neuron or synapse and returns them normalised (Parameter/Variable objects
 * written as strings). `fallback` is the model's default name (`Neuron 3`).
 */
export function checkModelFields<S extends NeuronSpec | SynapseSpec>(spec: unknown, kind: Kind, fallback: string): { spec: S; name: string } {
  const what = kind === 'neuron' ? 'new Neuron()' : 'new Synapse()';
  if (spec === undefined) return { spec: {} as S, name: fallback };
  if (!isPlainObject(spec)) {
    throw new EquationError(`${what} takes an object of fields ({ parameters, equations, … }), got ${describeValue(spec)}`, { model: fallback });
  }
  const name = modelName(spec, fallback, kind);
  const fields: Record<string, FieldType> = kind === 'neuron' ? NEURON_FIELDS : SYNAPSE_FIELDS;
  const error = class extends EquationError { constructor(message: string) { super(message, { model: name }); } };
  checkOptions(spec, Object.keys(fields), what, { error, unsupported: kind === 'neuron' ? NEURON_UNSUPPORTED : SYNAPSE_UNSUPPORTED });
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec)) {
    if (value === undefined) continue;
    const type = fields[key];
    if (!accepts(type, value)) {
      throw new EquationError(`field '${fieldName(key)}' must be ${EXPECTED[type]}, got ${escapeText(describeValue(value))}`, { model: name, field: fieldName(key) });
    }
    out[key] = type === 'parameters' && typeof value !== 'string' ? parametersField(value as Record<string, unknown>, kind, name)
      : type === 'equations' ? equationsField(value as string | Variable | (string | Variable)[], kind, name)
        : Array.isArray(value) ? [...(value as string[])] : value;
  }
  return { spec: out as S, name };
}

/**
 * `spec` as the analysis reads it: `Parameter` / `Variable` objects written as strings (a spec that
 * comes through `new Neuron()` already is; one handed to the analysis directly may not be).
 */
export function toFields(spec: NeuronSpec, kind: 'neuron', model: string): NeuronFields;
export function toFields(spec: SynapseSpec, kind: 'synapse', model: string): SynapseFields;
export function toFields(spec: NeuronSpec | SynapseSpec, kind: Kind, model: string): NeuronFields | SynapseFields {
  const { parameters, equations } = spec;
  const out: Record<string, unknown> = { ...spec };
  if (parameters !== undefined && typeof parameters !== 'string') out.parameters = parametersField(parameters, kind, model);
  if (equations !== undefined && typeof equations !== 'string') out.equations = equationsField(equations, kind, model);
  return out as NeuronFields | SynapseFields;
}
