/**
 * How a neuron's equations read names, shared by the js and C++ backends (the C++ kernels must
 * read exactly what the js kernels read): attributes of neuron `i` (globals as `x[0]` in mode
 * 'global', as hoisted `x_g` locals in mode 'local'), `t_last`, `sum(target)`, global operations
 * (hoisted `_<op>_<var>_g` locals), random draws. How an array becomes a local comes in through
 * `NeuronDialect`.
 */
import type { NetworkPlan, PopulationPlan } from '../ir/plan.js';
import type { SymbolResolver } from './render.js';
import { commonSymbol, type ScopeDialect } from './dialect.js';
import { InternalError } from '../errors.js';

export interface NeuronDialect extends ScopeDialect {
  /** The local of attribute `name` of the population. */
  attrArray(name: string): string;
  /** The local of internal array `name` of the population (`_sum_*`, `_rand_*`, `_last_spike`…), named `name`. */
  popArray(name: string): string;
}

export function neuronSymbols(pop: PopulationPlan, net: NetworkPlan, mode: 'global' | 'local', temps: Set<string>, d: NeuronDialect): SymbolResolver {
  const attrs = new Map(pop.description.attributes.map((a) => [a.name, a]));
  return {
    sym(name) {
      if (temps.has(name)) return d.temp(name);
      const a = attrs.get(name);
      if (a) {
        const p = d.attrArray(name);
        return a.locality === 'global' ? (mode === 'global' ? `${p}[0]` : `${p}_g`) : `${p}[i]`;
      }
      if (name === 't_last') return `(${d.toFloat(`${d.popArray('_last_spike')}[i]`)} * dt)`;
      return commonSymbol(name, net, 'dt', d) ?? name; // function parameter or method temporary not listed: left as is
    },
    attr(owner, name) { throw new InternalError(`${owner}.${name} in a neuron`); },
    sum(_owner, target) {
      const targets = target === null ? pop.sumTargets : [target];
      if (targets.length === 0) return d.zero;
      return `(${targets.map((t) => `${d.popArray(`_sum_${t}`)}[i]`).join(' + ')})`;
    },
    globalop(op, _owner, variable) {
      d.popArray(`_${op}_${variable}`);
      return `_${op}_${variable}_g`;
    },
    rand(id) {
      const use = pop.description.randoms.find((r) => r.id === id)!;
      const p = d.popArray(`_rand_${id}`);
      return use.locality === 'global' ? `${p}[0]` : `${p}[i]`;
    },
  };
}
