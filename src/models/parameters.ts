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

export function checkModelParameters(model: string, defaults: Record<string, number>, values: unknown): void {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new EquationError(`the parameter values must be an object such as { ${Object.keys(defaults)[0]}: ${Object.values(defaults)[0]} }, got ${describeValue(values)}`, { model: `new ${model}()`, field: 'parameters' });
  }
  const known = Object.keys(defaults);
  for (const [k, v] of Object.entries(values)) {
    if (!(k in defaults)) {
      const near = nearest(k, known);
      throw modelParameterError(model, k, `is unknown${near ? ` — did you mean '${near}'?` : ''} (known: ${known.join(', ')})`);
    }
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw modelParameterError(model, k, `must be a finite number, got ${describeValue(v)}`);
  }
}
