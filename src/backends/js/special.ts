/**
 * The `js` layout of the special inputs' kernels (`../kernels/special.ts`: SpikeSourceArray,
 * TimedArray, PoissonPopulation, TimedPoissonPopulation, DecodingProjection; semantics in
 * `ir/plan.ts`): one loop over the elements, arrays as locals of the kernel, and the geometric
 * draw of the Poisson kernels (`geometricSteps`). A special population's kernel replaces its neuron
 * kernel (`pop<id>_update`), a special projection's kernel its transmission kernel (`proj<id>_transmit`).
 */
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import { drawBlock, u53Open0 } from '../../random/draws.js';
import { log } from '../../random/libm.js';
import { sharedTransmissionKernel } from './shared.js';
import { jsDialect } from './spelling.js';
import { js } from './names.js';
import { indent, type ListRef } from '../kernels/dialect.js';
import { sequentialDecodingBody, sequentialPopulationBody, type SpecialTarget } from '../kernels/special.js';
import { bareIndex } from '../kernels/dialect.js';

const BLOCK = new Uint32Array(4);

/**
 * Number of steps K ≥ 1 until the next success of one Bernoulli(q) trial per step (geometric law):
 * `1 + floor(log(u) / log(1 − q))` with u ∈ (0, 1] the draw (seed, stream, index, step, drawId).
 * q ≥ 1 gives 1, q ≤ 0 (or NaN) gives Infinity (never).
 */
export function geometricSteps(q: number, seed: number, stream: number, index: number, step: number, drawId: number): number {
  if (!(q > 0)) return Infinity;
  if (q >= 1) return 1;
  drawBlock(seed, stream, index, step, drawId, 0, BLOCK);
  const u = u53Open0(BLOCK[0], BLOCK[1]);
  return 1 + Math.floor(log(u) / log(1 - q));
}

/** Helpers the generated special kernels call (merged into the engine's `R`). */
export const specialRuntime = { geom: geometricSteps };

/**
 * The js places of the special kernels: every array a local of the kernel, fetched from its state
 * map on first use (`S`: the kernel's own map; other owners' arrays are prefixed by owner and id).
 */
class JsTarget implements SpecialTarget {
  readonly d = jsDialect;
  readonly step = 'step';
  readonly dt = 'dt';
  readonly perHz = '(dt / 1000)';
  readonly #decl = new Map<string, string>();

  constructor(readonly owner: 'pop' | 'proj', readonly id: number) {}

  #local(owner: 'pop' | 'proj', id: number, name: string): string {
    const own = owner === this.owner && id === this.id;
    // Attributes (no leading underscore) as the neuron kernels name them: no clash with the kernel's own names.
    const local = own ? (name.startsWith('_') ? name : js(name)) : `${owner}${id}${name}`;
    if (!this.#decl.has(local)) this.#decl.set(local, `const ${local} = ${own ? 'S' : owner === 'pop' ? `P[${id}]` : `J[${id}]`}.get('${name}');`);
    return local;
  }

  el(owner: 'pop' | 'proj', id: number, name: string, idx: string): string {
    return `${this.#local(owner, id, name)}[${bareIndex(idx)}]`;
  }

  length(owner: 'pop' | 'proj', id: number, name: string): string {
    return `${this.#local(owner, id, name)}.length`;
  }

  spikes(id: number): ListRef {
    return { element: (k) => this.el('pop', id, '_spiked', k), count: '_ns' };
  }

  geom(p: string, stream: number, drawId: 0 | 1): string {
    return `R.geom(${p}, SEED, ${stream}, i, step, ${drawId})`;
  }

  changed(a: string, b: string): string {
    return jsDialect.cmp('!=', a, b);
  }

  /** The declarations of the arrays used so far. */
  declarations(): string[] {
    return [...this.#decl.values()];
  }
}

/** Source of `function pop<id>_update(step)` for a special population. */
export function specialPopulationKernel(pop: PopulationPlan, net: NetworkPlan): string {
  void net;
  const t = new JsTarget('pop', pop.id);
  const lines = sequentialPopulationBody(pop, t);
  return [`function pop${pop.id}_update(step) {`, `  const S = P[${pop.id}];`, ...indent([...t.declarations(), ...lines]), '}'].join('\n');
}

/** Source of `function proj<id>_transmit(step)` for a special projection. */
export function specialProjectionKernel(proj: ProjectionPlan, net: NetworkPlan): string {
  const special = proj.special!;
  void net;
  switch (special.kind) {
    case 'shared': return sharedTransmissionKernel(proj, net);
    case 'decoding': {
      const t = new JsTarget('proj', proj.id);
      const body = sequentialDecodingBody(proj, t);
      return [
        `function proj${proj.id}_transmit(step) {`,
        `  if (!X[${proj.id}].transmission) return;`,
        `  const S = J[${proj.id}];`,
        ...indent([...t.declarations(), ...body]),
        '}',
      ].join('\n');
    }
  }
}
