/**
 * Global user functions: `addFunction('sigmoid(x) = 1.0 / (1.0 + exp(-x))')` makes `sigmoid`
 * callable in every equation, and `functions('sigmoid')` callable from TypeScript.
 */
import { EquationError, NetworkError } from '../errors.js';
import { describeValue } from './options.js';
import type { FunctionDef } from '../equations/description.js';
import { parseFunctionDefinition, evaluate } from '../equations/index.js';

const registry = new Map<string, FunctionDef>();

/** Declares a global function usable in every neuron and synapse created afterwards. */
export function addFunction(definition: string): void {
  if (typeof definition !== 'string') {
    throw new EquationError(`addFunction() takes the definition as a string ('name(x, y) = expression'), got ${describeValue(definition)}`, { model: 'global functions', field: 'functions' });
  }
  const f = parseFunctionDefinition(definition);
  registry.set(f.name, f);
}

/** @internal */
export function globalFunctionMap(): ReadonlyMap<string, FunctionDef> {
  return registry;
}

/** @internal forgets every global function (clear()). */
export function clearFunctions(): void {
  registry.clear();
}

/**
 * A global function as a TypeScript function, applied element-wise when given arrays
 * (ANNarchy's `functions('sigmoid')(x)`).
 */
export function functions(name: string): (...args: (number | ArrayLike<number>)[]) => number | Float64Array {
  const f = registry.get(name);
  if (!f) throw new NetworkError(`no global function '${name}' (declare it with addFunction)`);
  return (...args) => {
    if (args.length !== f.params.length) throw new NetworkError(`function '${name}' takes ${f.params.length} argument(s), got ${args.length}`);
    const arrays = args.filter((a): a is ArrayLike<number> => typeof a !== 'number');
    const call = (vals: number[]) => evaluate(f.body, Object.fromEntries(f.params.map((p, i) => [p, vals[i]])));
    if (arrays.length === 0) return call(args as number[]);
    const n = arrays[0].length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = call(args.map((a) => (typeof a === 'number' ? a : a[i])));
    return out;
  };
}
