/**
 * The wasm places of the special inputs' population kernels (`../kernels/special.ts`: TimedArray,
 * PoissonPopulation, TimedPoissonPopulation, SpikeSourceArray): the sequential layout js and cpp
 * use. The geometric waiting time of a Poisson neuron is the module's `geom` (`./random.ts`
 * `defineGeometric`, the bits of the js helper `geometricSteps`): it runs once per spike or rate
 * change, not per neuron and step.
 */
import type { PopulationPlan } from '../../ir/plan.js';
import type { ListRef } from '../kernels/dialect.js';
import { sequentialPopulationBody, type SpecialTarget } from '../kernels/special.js';
import { wasmDialect } from './spelling.js';
import { KernelText } from './text.js';

class WasmSpecialTarget implements SpecialTarget {
  readonly d = wasmDialect;
  readonly step = 'step';
  readonly dt = 'dt';
  readonly perHz = '(/ dt f:1000)';
  readonly #k: KernelText;

  constructor(k: KernelText) {
    this.#k = k;
  }

  #local(owner: 'pop' | 'proj', id: number, name: string): string {
    const local = `${owner}${id}_${name}`;
    return owner === 'pop' ? this.#k.pop(local, id, name) : this.#k.proj(local, id, name);
  }

  el(owner: 'pop' | 'proj', id: number, name: string, idx: string): string {
    return `(aref ${this.#local(owner, id, name)} (${idx}))`;
  }

  length(owner: 'pop' | 'proj', id: number, name: string): string {
    return `(length ${this.#local(owner, id, name)})`;
  }

  spikes(id: number): ListRef {
    return { element: (k) => this.el('pop', id, '_spiked', k), count: '_ns' };
  }

  geom(p: string, stream: number, drawId: 0 | 1): string {
    return `(call geom ${p} ${stream} i step ${drawId})`;
  }

  changed(a: string, b: string): string {
    return this.d.cmp('!=', a, b);
  }
}

/** `pop<id>_update` of a special population, in wasm text. */
export function specialPopulationKernel(pop: PopulationPlan): KernelText {
  const k = new KernelText(`pop${pop.id}_update`);
  k.body = sequentialPopulationBody(pop, new WasmSpecialTarget(k));
  return k;
}
