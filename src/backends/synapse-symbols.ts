/**
 * How the code of a projection reads names, shared by the js and C++ backends (the C++ kernels
 * must read exactly what the js kernels read): own attributes (per synapse `k`, per dendrite `i`,
 * or global), `pre.x`/`post.x` (through the pre-synaptic delay ring for delayed rate projections),
 * `pre.sum(t)`, global operations of pre/post, `t_pre`/`t_post` (and `pre.t_last`/`post.t_last`), random draws. How an array or a
 * scalar becomes a local of the kernel, and the few literals that differ, come in through
 * `SynapseDialect`; each backend declares the locals handed out.
 */
import type { NetworkPlan, ProjectionPlan, PopulationPlan } from '../ir/plan.js';
import type { SymbolResolver } from './render.js';
import { commonSymbol, type ScopeDialect } from './dialect.js';
import { slotBack } from './kernels/delays.js';

export interface SynapseDialect extends ScopeDialect {
  /** The local of array `name` of population `p` read as `side` (declared on first use). */
  popArray(p: PopulationPlan, side: 'pre' | 'post', name: string): string;
  /** The local of the delay ring of attribute `name` of pre-synaptic population `p`. */
  ringArray(p: PopulationPlan, name: string): string;
  /** The local of own attribute `name` of the projection. */
  attrArray(name: string): string;
  /** The local of internal array `name` of the projection (`_rand_<id>`, `_delay`), named `name`. */
  projArray(name: string): string;
  /** Declares int32 local `local` = element 0 of array `name` of population or projection `id`. */
  scalar(local: string, owner: 'pop' | 'proj', id: number, name: string): void;
  /** `x` widened for the delay slot arithmetic. */
  wide(x: string): string;
  /** The declaration of the delay slot local `name` (an int, widened by `wide`) holding `value`. */
  declareSlot(name: string, value: string): string;
}

export interface SynapseSymbols extends SymbolResolver {
  /** Locals that must be computed once per kernel (delay slot offsets). */
  prologue(): string[];
}

/** Options of {@link synapseSymbols}: the name of `dt`, method temporaries, and an optional read of `w` from a copy. */
export interface SynapseSymbolOptions {
  dtName: string;
  temps: Set<string>;
  /** How the kernel reads `w` when it reads a copy (the cpp spike loop's inverse-ordered weights); only for kernels that never write `w`. */
  weightRead?: string;
  /**
   * `pre.x` read through the pre-synaptic delay ring when the projection has delays (default: for
   * rate-coded projections). The continuous transmission of a spiking projection (`psp`) sets it:
   * its sum is a rate-coded one; its event code reads current values.
   */
  delayedPre?: boolean;
}

export function synapseSymbols(proj: ProjectionPlan, net: NetworkPlan, d: SynapseDialect, options: SynapseSymbolOptions): SynapseSymbols {
  const pre = net.populations[proj.pre];
  const post = net.populations[proj.post];
  const attrs = new Map(proj.description.attributes.map((a) => [a.name, a]));
  const prologue = new Map<string, string>();
  const delayed = (options.delayedPre ?? proj.type === 'rate') && proj.delay.kind !== 'none';
  const side = (owner: 'pre' | 'post' | 'self'): 'pre' | 'post' => (owner === 'pre' ? 'pre' : 'post');
  const at = (arr: string, locality: string | undefined) => (locality === 'local' ? `${arr}[k]` : locality === 'semiglobal' ? `${arr}[i]` : `${arr}[0]`);

  function preValue(name: string): string {
    const a = pre.description.attributes.find((x) => x.name === name);
    const global = a?.locality === 'global';
    if (!delayed) return `${d.popArray(pre, 'pre', name)}${global ? '[0]' : '[rk_pre]'}`;
    const ring = d.ringArray(pre, name);
    d.scalar('_didx', 'pop', pre.id, '_delay_idx');
    d.scalar('_D', 'pop', pre.id, '_delay_len');
    const width = global ? 1 : pre.size;
    if (proj.delay.kind === 'uniform') {
      d.scalar('_dsteps', 'proj', proj.id, '_delay_uniform');
      prologue.set('_dslot', d.declareSlot('_dslot', slotBack(d.wide('_didx'), '_dsteps', '_D')));
      return global ? `${ring}[_dslot]` : `${ring}[_dslot * ${width} + rk_pre]`;
    }
    const delay = d.projArray('_delay');
    const slot = `(${slotBack(d.wide('_didx'), `${delay}[k]`, '_D')})`;
    return global ? `${ring}[${slot}]` : `${ring}[${slot} * ${width} + rk_pre]`;
  }

  /** The last spike of the pre- or post-synaptic neuron, in ms (`t_pre`, `t_post`, `pre.t_last`, `post.t_last`). */
  const lastSpike = (owner: 'pre' | 'post'): string => (owner === 'pre'
    ? `(${d.toFloat(`${d.popArray(pre, 'pre', '_last_spike')}[rk_pre]`)} * dt)`
    : `(${d.toFloat(`${d.popArray(post, 'post', '_last_spike')}[rk_post]`)} * dt)`);

  return {
    sym(name) {
      if (options.temps.has(name)) return d.temp(name);
      const a = attrs.get(name);
      if (a) {
        if (name === 'w' && options.weightRead !== undefined) return options.weightRead;
        const arr = d.attrArray(name);
        if (name === 'w' && proj.singleWeight) return `${arr}[0]`;
        return at(arr, a.locality);
      }
      if (name === 't_pre') return lastSpike('pre');
      if (name === 't_post') return lastSpike('post');
      return commonSymbol(name, net, options.dtName, d) ?? name;
    },
    attr(owner, name) {
      // `pre.t_last` / `post.t_last`: the neuron's last spike in ms, as `t_pre` / `t_post`.
      if (name === 't_last') return lastSpike(owner);
      if (owner === 'pre') return preValue(name);
      const a = post.description.attributes.find((x) => x.name === name);
      return `${d.popArray(post, 'post', name)}${a?.locality === 'global' ? '[0]' : '[rk_post]'}`;
    },
    sum(owner, target) {
      const p = owner === 'pre' ? pre : post;
      const idx = owner === 'pre' ? 'rk_pre' : 'rk_post';
      const targets = target === null ? p.sumTargets : [target];
      if (targets.length === 0) return d.zero;
      return `(${targets.map((t) => `${d.popArray(p, side(owner), `_sum_${t}`)}[${idx}]`).join(' + ')})`;
    },
    globalop(op, owner, variable) {
      return `${d.popArray(owner === 'pre' ? pre : post, side(owner), `_${op}_${variable}`)}[0]`;
    },
    rand(id) {
      const use = proj.description.randoms.find((r) => r.id === id)!;
      return at(d.projArray(`_rand_${id}`), use.locality);
    },
    prologue() {
      return [...prologue.values()];
    },
  };
}
