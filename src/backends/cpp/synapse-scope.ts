/**
 * The C++ dialect of `../synapse-symbols.ts` (how a projection's code reads names, as the js
 * backend does): arrays are declared in the kernel as they are handed out (`KernelArrays`), the
 * delay ring's indices as int32 scalars, the slot arithmetic in int64.
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { synapseSymbols, type SynapseSymbols, type SynapseSymbolOptions } from '../synapse-symbols.js';
import { cDouble } from './spelling.js';
import { KernelArrays, cname, type ArrayTable } from './arrays.js';
import { tempName } from './statements.js';

export interface CSynapseScope extends SynapseSymbols {
  arrays: KernelArrays;
  declarations(): string[];
}

export function synapseScope(proj: ProjectionPlan, net: NetworkPlan, table: ArrayTable, options: SynapseSymbolOptions): CSynapseScope {
  const arrays = new KernelArrays(table);
  const scalars = new Map<string, string>();
  const symbols = synapseSymbols(proj, net, {
    temp: tempName,
    zero: '0.0',
    pi: cDouble(Math.PI),
    toFloat: (x) => `(double)${x}`,
    popArray: (p, side, name) => arrays.need(cname(side, name), 'pop', p.id, name),
    ringArray: (p, name) => arrays.need(`pre_${name}_ring`, 'pop', p.id, `_delayed_${name}`),
    attrArray: (name) => arrays.need(cname('a', name), 'proj', proj.id, name),
    projArray: (name) => arrays.need(name, 'proj', proj.id, name),
    scalar: (local, owner, id, name) => { scalars.set(local, `const int32_t ${local} = ${table.ptr(owner, id, name)}[0];`); },
    wide: (x) => `(int64_t)${x}`,
    declareSlot: (name, value) => `const int64_t ${name} = ${value};`,
  }, options);
  return {
    ...symbols,
    arrays,
    declarations() {
      return [...arrays.declarations(), ...scalars.values()];
    },
  };
}
