/**
 * The few spellings in which the js and C++ resolvers of names differ (the `0` of an empty sum,
 * `pi`, method temporaries, int-to-float casts). `neuron-symbols.ts` and `synapse-symbols.ts` take
 * them from here so that the two backends resolve every name with one piece of logic and stay
 * bit-identical; the per-kernel parts (how an array becomes a local) are in their own dialects.
 */
import type { NetworkPlan } from '../ir/plan.js';

export interface ScopeDialect {
  /** The local of method temporary `name`. */
  temp(name: string): string;
  /** The value of an empty `sum()`. */
  zero: string;
  /** The literal of `pi`. */
  pi: string;
  /** An int32 value (a spike step) as a float64. */
  toFloat(x: string): string;
}

/** Names every kernel reads alike: `t`, `dt` (spelled `dtName`), `pi` and Constants (`C[c]`); undefined otherwise. */
export function commonSymbol(name: string, net: NetworkPlan, dtName: string, d: ScopeDialect): string | undefined {
  switch (name) {
    case 't': return 't';
    case 'dt': return dtName;
    case 'pi': return d.pi;
  }
  const c = net.constants.indexOf(name);
  if (c >= 0) return `C[${c}]`;
  return undefined;
}
