/**
 * User functions: `addFunction('sigmoid(x) = 1.0 / (1.0 + exp(-x))')` makes `sigmoid` callable in
 * every equation, and `functions('sigmoid')` callable from TypeScript; a model's own functions
 * (`functions: 'f(x) = …'` of a Neuron or Synapse) are callable as `pop.functions('f')` /
 * `proj.functions('f')`. TypeScript calls go through the equation language's reference evaluator
 * (`evaluate`), never through generated code, so they work before compile and on every backend.
 */
import { EquationError, NetworkError } from '../errors.js';
import { describeValue } from './options.js';
import type { FunctionDef } from '../equations/description.js';
import { parseFunctionDefinition, evaluate } from '../equations/index.js';
import { walk } from '../equations/algebra.js';
import { globalConstantList } from './Constant.js';

/**
 * A user function called from TypeScript: numbers give a number; flat arrays (plain or typed, all of
 * one length, numbers among them broadcast) give a Float64Array computed element by element
 * (ANNarchy's `pop.f(x, y)` on numpy arrays).
 */
export type UserFunction = (...args: (number | ArrayLike<number>)[]) => number | Float64Array;

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
 * (ANNarchy's `functions('sigmoid')(x)`). Constants in its body take the value of the global
 * Constant of that name at the time of the call.
 */
export function functions(name: string): UserFunction {
  const f = registry.get(name);
  if (!f) {
    const known = [...registry.keys()];
    throw new NetworkError(`functions(): no global function '${name}' (${known.length ? `declared: ${known.join(', ')}` : 'none declared'}; declare it with addFunction('${name}(x) = …'))`);
  }
  const constant = (c: string) => globalConstantList().find((k) => k.name === c)?.value;
  return callableFunction(f, registry, constant, `global function ${name}()`);
}

/**
 * @internal The function `local` of a model (`owner` names the population or projection for the
 * messages), seeing the model's other functions and the global ones (a local one hides a global one
 * of the same name, as in the equations); `constant` reads the owner's network's Constants.
 */
export function localFunction(
  name: string, local: readonly FunctionDef[], constant: (name: string) => number | undefined, owner: string, model: string,
): UserFunction {
  const f = local.find((g) => g.name === name);
  if (!f) {
    const known = local.map((g) => g.name);
    const has = known.length ? `it defines: ${known.join(', ')}` : 'it defines none';
    const global = registry.has(name) ? `; '${name}' is a global function: call functions('${name}')` : '';
    throw new NetworkError(`${owner}: model '${model}' has no function '${name}' in its 'functions' field (${has})${global}`);
  }
  const visible = new Map([...registry, ...local.map((g) => [g.name, g] as const)]);
  return callableFunction(f, visible, constant, `${owner}, function ${name}()`);
}

/** `f` as a TypeScript function: arguments checked, Constants read at each call, arrays mapped element-wise. */
function callableFunction(f: FunctionDef, visible: ReadonlyMap<string, FunctionDef>, constant: (name: string) => number | undefined, what: string): UserFunction {
  const free = freeSymbols(f, visible);
  return (...args) => {
    if (args.length !== f.params.length) {
      throw new NetworkError(`${what} takes ${f.params.length} argument(s) (${f.params.join(', ')}), got ${args.length}`);
    }
    let n = -1;
    args.forEach((a, i) => {
      if (typeof a === 'number') return;
      const where = `${what}: argument ${i + 1} ('${f.params[i]}')`;
      if (a === null || typeof a !== 'object' || typeof (a as ArrayLike<number>).length !== 'number') {
        throw new NetworkError(`${where} must be a number or a flat array of numbers, got ${describeValue(a)}`);
      }
      for (let k = 0; k < a.length; k++) {
        if (typeof a[k] !== 'number') throw new NetworkError(`${where} must be a flat array of numbers: element ${k} is ${describeValue(a[k])} (flatten nested arrays first)`);
      }
      if (n >= 0 && a.length !== n) throw new NetworkError(`${what}: the array arguments differ in length (${n} and ${a.length}, argument ${i + 1}); give arrays of one length, or numbers`);
      n = a.length;
    });
    const base: Record<string, number> = {};
    for (const s of free) {
      const v = constant(s);
      if (v !== undefined) base[s] = v;
    }
    const call = (vals: number[]) => {
      const env = { ...base };
      f.params.forEach((p, i) => { env[p] = vals[i]; });
      return evaluate(f.body, env, { functions: visible });
    };
    if (n < 0) return call(args as number[]);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = call(args.map((a) => (typeof a === 'number' ? a : a[i])));
    return out;
  };
}

/** Names read (not parameters) by `f` and by the functions it calls: the Constants it needs. */
function freeSymbols(f: FunctionDef, visible: ReadonlyMap<string, FunctionDef>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (g: FunctionDef) => {
    if (seen.has(g.name)) return;
    seen.add(g.name);
    walk(g.body, (node) => {
      if (node.kind === 'sym' && !g.params.includes(node.name)) out.add(node.name);
      else if (node.kind === 'call') { const callee = visible.get(node.name); if (callee) visit(callee); }
    });
  };
  visit(f);
  return out;
}
