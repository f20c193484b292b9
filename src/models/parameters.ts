/**
 * The check of the parameter values given to built-in models (`new Izhikevich({ a: 0.02 })`):
 * every key is a parameter of the model (an unknown one is refused with the nearest name) and
 * every value a finite number, each error naming the model and the parameter.
 */
import { EquationError } from '../errors.js';
import { describeValue, nearest } from '../core/options.js';

/** An EquationError about parameter `key` of built-in model `model`. */
export function modelParameterError(model: string, key: string, problem: string): EquationError {
  return new EquationError(`parameter '${key}' ${problem}`, { model: `new ${model}()`, field: 'parameters', symbol: key });
}

/** The constructor's argument is an object of parameter values (`new Izhikevich(5)` would silently give the defaults). */
export function checkModelArguments(model: string, values: unknown): void {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new EquationError(`the argument must be an object of parameter values such as { tau: 10 }, got ${describeValue(values)}`, { model: `new ${model}()`, field: 'parameters' });
  }
}

export function checkModelParameters(model: string, defaults: Record<string, number>, values: Record<string, unknown>): void {
  const known = Object.keys(defaults);
  for (const [k, v] of Object.entries(values)) {
    if (!(k in defaults)) {
      const near = nearest(k, known);
      throw modelParameterError(model, k, `is unknown${near ? ` — did you mean '${near}'?` : ''} (known: ${known.join(', ')})`);
    }
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw modelParameterError(model, k, `must be a finite number, got ${describeValue(v)}`);
  }
}
