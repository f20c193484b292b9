/**
 * The js dialect of `../synapse-symbols.ts` (how a projection's code reads names): every array is
 * a `const` local taken from the `state` maps (`P[pop]`, `J[proj]`); the resolver records every
 * array it hands out so the kernel declares exactly those.
 */
import type { NetworkPlan, ProjectionPlan } from '../../ir/plan.js';
import { synapseSymbols, type SynapseSymbols, type SynapseSymbolOptions } from '../synapse-symbols.js';
import { js } from './names.js';

export interface SynapseScope extends SynapseSymbols {
  /** `const` declarations of the arrays handed out so far. */
  declarations(): string[];
  /** The local holding the projection's array `name` (declared with the others). */
  array(name: string): string;
  /** The local `local` holding array `name` of population `id` (declared with the others). */
  popArray(local: string, id: number, name: string): string;
}

export function synapseScope(proj: ProjectionPlan, net: NetworkPlan, options: SynapseSymbolOptions): SynapseScope {
  const decl = new Map<string, string>();
  const need = (local: string, expr: string) => { decl.set(local, expr); return local; };
  const symbols = synapseSymbols(proj, net, {
    temp: (name) => name,
    zero: '0',
    pi: 'Math.PI',
    toFloat: (x) => x,
    popArray: (p, side, name) => need(`${side}_${js(name)}`, `P[${p.id}].get('${name}')`),
    ringArray: (p, name) => need(`pre_${js(name)}_ring`, `P[${p.id}].get('_delayed_${name}')`),
    attrArray: (name) => need(js(name), `J[${proj.id}].get('${name}')`),
    projArray: (name) => need(name, `J[${proj.id}].get('${name}')`),
    scalar: (local, owner, id, name) => { need(local, `${owner === 'pop' ? 'P' : 'J'}[${id}].get('${name}')[0]`); },
    wide: (x) => x,
    declareSlot: (name, value) => `const ${name} = ${value};`,
  }, options);
  return {
    ...symbols,
    array: (name) => need(name, `J[${proj.id}].get('${name}')`),
    popArray: (local, id, name) => need(local, `P[${id}].get('${name}')`),
    declarations() {
      return [...decl].map(([local, expr]) => `const ${local} = ${expr};`);
    },
  };
}
