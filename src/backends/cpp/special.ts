/**
 * The C++ layout of the special inputs' kernels (`../kernels/special.ts`: SpikeSourceArray,
 * TimedArray, Poisson, TimedPoisson, DecodingProjection; semantics in `ir/plan.ts`): one loop over
 * the elements, arrays as local pointers, and the geometric draw `nx_geom`, bit-identical to the js
 * backend's `geometricSteps`.
 */
import type { NetworkPlan, PopulationPlan, ProjectionPlan } from '../../ir/plan.js';
import { KernelArrays, cname, type ArrayTable } from './arrays.js';
import { FLAGS, FLAGS_PER_PROJECTION } from '../kernels/switches.js';
import { sharedTransmissionKernel } from './shared.js';
import { cppDialect } from './spelling.js';
import { indent, type ListRef } from '../kernels/dialect.js';
import { sequentialDecodingBody, sequentialPopulationBody, type SpecialTarget } from '../kernels/special.js';
import { bareIndex } from '../kernels/dialect.js';

/** The geometric waiting time of `../js/special.ts` (`geometricSteps`), with the same fdlibm log. */
export const SPECIAL_HELPERS = String.raw`static inline double nx_geom(double q, uint32_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t draw_id) {
  if (!(q > 0.0)) return INFINITY;
  if (q >= 1.0) return 1.0;
  uint32_t b[4];
  nrx_draw_block(seed, stream, index, step, draw_id, 0, b);
  const double u = nrx_u53_open0(b[0], b[1]);
  return 1.0 + floor(nrx_log(u) / nrx_log(1.0 - q));
}
`;

/**
 * The C++ places of the special kernels: every array a local pointer of the kernel, declared on
 * first use (attributes as `a_<name>`, other owners' arrays prefixed by owner and id).
 */
class CppTarget implements SpecialTarget {
  readonly d = cppDialect;
  readonly step = 'step';
  readonly dt = 'dt';
  readonly perHz = '(dt / 1000.0)';
  readonly arrays: KernelArrays;

  constructor(readonly T: ArrayTable, readonly owner: 'pop' | 'proj', readonly id: number) {
    this.arrays = new KernelArrays(T);
  }

  el(owner: 'pop' | 'proj', id: number, name: string, idx: string): string {
    const own = owner === this.owner && id === this.id;
    const local = own ? (name.startsWith('_') ? name : cname('a', name)) : `${owner}${id}${name}`;
    return `${this.arrays.need(local, owner, id, name)}[${bareIndex(idx)}]`;
  }

  length(owner: 'pop' | 'proj', id: number, name: string): string {
    return this.T.len(owner, id, name);
  }

  spikes(id: number): ListRef {
    return { element: (k) => this.el('pop', id, '_spiked', k), count: '_ns' };
  }

  geom(p: string, stream: number, drawId: 0 | 1): string {
    return `nx_geom(${p}, SEED, ${stream}u, (uint32_t)i, (uint64_t)step, ${drawId}u)`;
  }

  changed(a: string, b: string): string {
    return cppDialect.cmp('!=', a, b);
  }

  lanes(): SpecialTarget {
    return new CppLanesTarget(this);
  }
}

/** Conditions on four lanes: comparisons of vectors (or a vector and a scalar) give masks, or-ed bitwise. */
const laneDialect = { ...cppDialect, or: (a: string, b: string) => `((${a}) | (${b}))` };

/** The places of `CppTarget` four float64 elements from `i` at once (`nx_v4`), for `forGuarded`'s guard. */
class CppLanesTarget implements SpecialTarget {
  readonly d = laneDialect;
  readonly step: string;
  readonly dt: string;
  readonly perHz: string;

  constructor(readonly scalar: CppTarget) {
    this.step = scalar.step;
    this.dt = scalar.dt;
    this.perHz = scalar.perHz;
  }

  el(owner: 'pop' | 'proj', id: number, name: string, idx: string): string {
    const x = this.scalar.el(owner, id, name, idx);
    return bareIndex(idx) === 'i' ? `nx_v4(&${x})` : x; // other indices (a global's 0) are scalars, broadcast
  }

  length(owner: 'pop' | 'proj', id: number, name: string): string { return this.scalar.length(owner, id, name); }
  spikes(id: number): ListRef { return this.scalar.spikes(id); }
  geom(p: string, stream: number, drawId: 0 | 1): string { return this.scalar.geom(p, stream, drawId); }
  changed(a: string, b: string): string { return this.scalar.changed(a, b); }
}

/** `static void pop<id>_update(Net* N, int64_t step)` for a special population. */
export function specialPopulationKernel(pop: PopulationPlan, net: NetworkPlan, T: ArrayTable): string {
  void net;
  const t = new CppTarget(T, 'pop', pop.id);
  const lines = sequentialPopulationBody(pop, t);
  return [`static void pop${pop.id}_update(Net* N, int64_t step) {`, '  (void)step;', ...indent([...t.arrays.declarations(), ...lines]), '}'].join('\n');
}

/** `static void proj<id>_transmit(Net* N, int64_t step)` for a special projection. */
export function specialProjectionKernel(proj: ProjectionPlan, net: NetworkPlan, T: ArrayTable): string {
  const special = proj.special!;
  switch (special.kind) {
    case 'shared': return sharedTransmissionKernel(proj, net, T);
    case 'decoding': {
      const t = new CppTarget(T, 'proj', proj.id);
      const body = sequentialDecodingBody(proj, t);
      return [
        `static void proj${proj.id}_transmit(Net* N, int64_t step) {`,
        '  (void)step;',
        `  const int32_t* FL = (const int32_t*)N->a[NX_FLAGS] + ${FLAGS_PER_PROJECTION * proj.id};`,
        `  if (!FL[${FLAGS.transmission}]) return;`,
        ...indent([...t.arrays.declarations(), ...body]),
        '}',
      ].join('\n');
    }
  }
}
