/**
 * Parameters (string and dictionary forms) and the values written in `init=`: numbers, booleans,
 * random distributions with literal arguments, references to attributes or Constants, and
 * expressions of parameters folded to a number at analysis time (never `eval`).
 */
import type { Expr } from './ast.js';
import type { Attribute, InitValue, Locality, SourceRef, ValueType } from './description.js';
import type { ParameterValue } from './spec.js';
import { evaluate } from './builtins.js';
import { splitDefinitions, parseDefinition } from './definitions.js';
import { checkAllowed } from './flags.js';
import { parseExpression } from './parser.js';
import { symbolsOf } from './algebra.js';
import { exprToString } from './printer.js';
import { checkAttributeName, errorAt, type ModelScope } from './symbols.js';
import { shownText } from './lexer.js';

/** Locality flag → locality, per model kind (`undefined`: the flag is not allowed there). */
export function localityOf(flag: 'population' | 'projection' | 'postsynaptic' | undefined, kind: 'neuron' | 'synapse'): Locality | undefined {
  if (flag === undefined) return 'local';
  if (kind === 'neuron') return flag === 'population' ? 'global' : undefined;
  return flag === 'projection' ? 'global' : flag === 'postsynaptic' ? 'semiglobal' : undefined;
}

/** The error for a locality flag used on the wrong kind of model. */
export function localityFlagError(scope: ModelScope, source: SourceRef, flag: string): Error {
  const hint = scope.kind === 'neuron' ? "neurons use ': population'" : "synapses use ': projection' or ': postsynaptic'";
  return errorAt(scope, source, `flag '${flag}' is not allowed in a ${scope.kind} (${hint})`, flag);
}

/** Numeric values of the parameters known so far (for folding). */
function numericValues(scope: ModelScope): Record<string, number> {
  const env: Record<string, number> = {};
  for (const a of scope.attributes.values()) if (a.role === 'parameter' && a.init.kind === 'number') env[a.name] = a.init.value;
  return env;
}

const isLiteral = (e: Expr): boolean => e.kind === 'num' || (e.kind === 'unary' && (e.op === '-' || e.op === '+') && e.arg.kind === 'num');

/** Parses the text of an `init=` flag (a quoted name is a reference, as in ANNarchy's `init='u_th'`). */
export function parseInit(scope: ModelScope, text: string, source: SourceRef): { init: InitValue; isBool: boolean } {
  const trimmed = text.trim();
  const quoted = /^(['"])([A-Za-z_]\w*)\1$/.exec(trimmed);
  const where = { model: scope.model, field: source.block, line: source.line, text: source.text };
  const e = quoted ? ({ kind: 'sym', name: quoted[2] } as Expr) : parseExpression(trimmed, where, { allowIf: false });
  return valueOf(scope, e, trimmed, source, 'init');
}

/**
 * The value of `e` written as a parameter value (`mode: 'parameter'`) or in `init=`.
 * References to attributes are kept as refs for `init=` (the attribute's value at initialisation);
 * a parameter's value that names an earlier parameter takes its value.
 */
export function valueOf(scope: ModelScope, e: Expr, trimmed: string, source: SourceRef, mode: 'parameter' | 'init'): { init: InitValue; isBool: boolean } {
  if (e.kind === 'bool') return { init: { kind: 'number', value: e.value ? 1 : 0 }, isBool: true };
  if (e.kind === 'rand') {
    if (!e.args.every(isLiteral)) throw errorAt(scope, source, `the arguments of ${e.dist}() in a ${mode} value must be numbers`, e.dist);
    return { init: { kind: 'random', dist: e.dist, args: e.args.map((a) => evaluate(a, {})) }, isBool: false };
  }
  if (e.kind === 'sym') {
    const a = scope.attributes.get(e.name);
    if (mode === 'init' && (a || scope.constants.has(e.name))) return { init: { kind: 'ref', name: e.name }, isBool: false };
    if (mode === 'parameter' && !a && scope.constants.has(e.name)) {
      scope.usedConstants.add(e.name);
      return { init: { kind: 'ref', name: e.name }, isBool: false };
    }
    if (mode === 'parameter' && a && a.init.kind !== 'number') return { init: a.init, isBool: a.type === 'bool' };
  }
  const env = numericValues(scope);
  for (const name of symbolsOf(e)) {
    if (env[name] !== undefined || name === 'pi') continue;
    const why = scope.constants.has(name) ? `the Constant '${name}' can only be used alone (${mode === 'init' ? 'init' : 'value'} = ${name})`
      : scope.attributes.has(name) ? `'${name}' has no numeric value at analysis time`
        : mode === 'parameter' ? `'${name}' is not a parameter defined above` : `'${name}' is not a parameter of this model`;
    throw errorAt(scope, source, `${mode === 'init' ? 'init' : 'parameter'} value '${shownText(trimmed)}' cannot be computed: ${why}`, name);
  }
  let value: number;
  try {
    value = evaluate(e, env);
  } catch {
    throw errorAt(scope, source, `${mode === 'init' ? 'init' : 'parameter'} value '${shownText(trimmed)}' cannot be computed (only numbers, parameters and built-in functions)`, trimmed);
  }
  return { init: { kind: 'number', value }, isBool: false };
}

function valueType(flag: ValueType | undefined, isBool: boolean): ValueType {
  return flag ?? (isBool ? 'bool' : 'float');
}

const PARAMETER_FLAGS = new Set(['population', 'projection', 'postsynaptic', 'int', 'bool', 'float', 'unless_refractory']);

/** Adds the parameters of `field` to `scope.attributes` (string form: local by default; dictionary: global). */
export function addParameters(scope: ModelScope, field: string | Record<string, ParameterValue> | undefined): void {
  if (field === undefined) return;
  if (typeof field !== 'string') {
    for (const [name, value] of Object.entries(field)) {
      const source: SourceRef = { block: 'parameters', line: 0, text: `${name}: ${String(value)}` };
      if (typeof value !== 'number' && typeof value !== 'boolean') {
        throw errorAt(scope, source, `the value of parameter '${name}' must be a number or a boolean`, name);
      }
      declare(scope, {
        name, role: 'parameter', locality: 'global', type: typeof value === 'boolean' ? 'bool' : 'float',
        init: { kind: 'number', value: typeof value === 'boolean' ? (value ? 1 : 0) : value }, source,
      });
    }
    return;
  }
  for (const line of splitDefinitions(field)) {
    const def = parseDefinition(line, 'parameters', scope.model, { next: 0 });
    const source = def.source;
    const where = { model: scope.model, field: 'parameters', line: line.line };
    checkAllowed(def.flags, PARAMETER_FLAGS, 'on a parameter', where, line.text);
    const st = def.statement;
    if (st.kind !== 'assign' || st.op !== '=' || st.target.kind !== 'sym') {
      throw errorAt(scope, source, "a parameter is written 'name = value'", st.kind === 'ode' ? `d${st.variable}/dt` : undefined);
    }
    const name = st.target.name;
    const locality = localityOf(def.flags.locality, scope.kind);
    if (!locality) throw localityFlagError(scope, source, def.flags.locality!);
    const { init, isBool } = valueOf(scope, st.value, exprToString(st.value), source, 'parameter');
    const type = valueType(def.flags.type, isBool);
    const value: InitValue = type === 'int' && init.kind === 'number' ? { kind: 'number', value: Math.trunc(init.value) } : init;
    declare(scope, { name, role: 'parameter', locality, type, init: value, source });
  }
}

/** Adds `attr` to the scope, refusing reserved names and duplicates. */
export function declare(scope: ModelScope, attr: Attribute): void {
  checkAttributeName(scope, attr.name, attr.source);
  const previous = scope.attributes.get(attr.name);
  if (previous) {
    const what = previous.role === 'parameter' && attr.role === 'variable'
      ? `'${attr.name}' is a parameter and cannot be assigned in equations`
      : `'${attr.name}' is defined twice (first in '${previous.source.block}'${previous.source.line ? ` line ${previous.source.line}` : ''})`;
    throw errorAt(scope, attr.source, what, attr.name);
  }
  scope.attributes.set(attr.name, attr);
}
