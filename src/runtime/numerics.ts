/**
 * The check for non-finite values after `simulate()`: stiff explicit integration, `tau = 0`,
 * `log(0)` or an exploding learning rate turn variables into NaN or ±Infinity, and every later
 * result is wrong. ANNarchy says nothing; neurarchy scans the variables once at the end of every
 * simulate() call (never per step: one pass over each array costs far less than the steps did) and
 * reports the first non-finite value of each variable, once: a console warning ('warn', the
 * default), a `NetworkError` ('error'), or nothing ('off').
 */
import type { Population } from '../core/Population.js';
import type { Projection } from '../core/Projection.js';

// The modes ('warn', 'error', 'off') are an option of the Network, declared with its options.
export { type NumericsMode, NUMERICS_MODES, checkNumericsMode } from '../core/Network.js';

/** Index of the first element that is NaN or ±Infinity, or -1. */
export function firstNonFinite(a: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    // v - v is 0 for every finite number, NaN for NaN and ±Infinity: one subtraction, no call.
    if (v - v !== 0) return i;
  }
  return -1;
}

/** A non-finite value found by {@link NumericsCheck.scan}. */
export interface NonFiniteValue {
  owner: 'population' | 'projection';
  /** Name of the population or projection. */
  name: string;
  variable: string;
  /** Index of the first non-finite element (neuron rank, or synapse index in post-major order). */
  index: number;
  /** The value there (NaN, Infinity or -Infinity). */
  value: number;
  /** How many elements of the variable are non-finite. */
  count: number;
  length: number;
  /** Whether the owner is a spiking population (a NaN membrane potential never fires again). */
  spiking: boolean;
}

/** The message of a report: what, where, when, and what it means for the simulation. */
export function describeNonFinite(v: NonFiniteValue, step: number, dt: number, fromStep: number): string {
  const what = v.owner === 'population' ? `population '${v.name}', variable '${v.variable}', neuron ${v.index}` : `projection '${v.name}', variable '${v.variable}', synapse ${v.index}`;
  const count = v.count > 1 ? ` (${v.count} of ${v.length} elements are non-finite)` : '';
  const spiking = v.spiking
    ? ` A spiking neuron whose variables are NaN never spikes again (every comparison with NaN is false).`
    : '';
  return `non-finite value: ${what} is ${v.value}${count} after step ${step} (t = ${+(step * dt).toPrecision(12)} ms; `
    + `it became non-finite between steps ${fromStep} and ${step}).${spiking} Usual causes: a time constant of 0, `
    + `log() or sqrt() of a non-positive value, a division by zero, or an explicit integration step too large for `
    + `the dynamics (use a smaller dt or method: 'exponential' / 'implicit'). `
    + `Network option checkNumerics: 'error' throws here, 'off' skips this check.`;
}

/**
 * Scans the variables (not the parameters: only the simulation changes those) of every population
 * and projection. Each variable is reported once; later non-finite values of the same variable are
 * not scanned for again.
 */
export class NumericsCheck {
  readonly #reported = new Set<string>();

  /**
   * The first non-finite value of each variable not reported before; with `remember` (warnings),
   * marks them reported, so that each is reported once.
   */
  scan(populations: readonly Population[], projections: readonly Projection[], remember = true): NonFiniteValue[] {
    const found: NonFiniteValue[] = [];
    const visit = (owner: 'population' | 'projection', obj: Population | Projection, spiking: boolean) => {
      for (const a of obj.description.attributes) {
        if (a.role !== 'variable') continue;
        const key = `${owner}:${obj.id}:${a.name}`;
        if (this.#reported.has(key)) continue;
        const arr = obj.state.get(a.name) as ArrayLike<number> | undefined;
        if (!arr) continue;
        const i = firstNonFinite(arr);
        if (i < 0) continue;
        let count = 0;
        for (let k = i; k < arr.length; k++) if (arr[k] - arr[k] !== 0) count++;
        if (remember) this.#reported.add(key);
        found.push({ owner, name: obj.name, variable: a.name, index: i, value: arr[i], count, length: arr.length, spiking });
      }
    };
    for (const p of populations) visit('population', p, p.isSpiking);
    for (const p of projections) visit('projection', p, false);
    return found;
  }

  /** Forgets what was reported (after `reset()`, values are finite again and may diverge again). */
  clear(): void { this.#reported.clear(); }
}
